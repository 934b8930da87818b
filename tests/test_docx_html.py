"""Word (.docx) and web-page (.html) reports: the same report must read the same in every format."""

from __future__ import annotations

import copy
import random
import re
import zipfile
from pathlib import Path

import pytest

from gixlint.layout import from_file as read
from gixlint.lint.linter import Linter
from gixlint.read import SUFFIXES, ReadError
from gixlint.testing import TODAY, random_spec, render
from gixlint.testing.formats import fill_template, write_docx, write_html
from gixlint.vocab import labels as L

TEMPLATE = Path(__file__).resolve().parents[1].parent / "shared" / "templates" / "report-2021-template.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def linter():
    return Linter.create(today=TODAY, load_plugins=False)


def tables(report) -> dict:
    """Every t2/t3/t4 cell as (value, kind), keyed by table, row and column."""
    return {name: {row: [(col, c.value, c.kind) for col, c in r.cells.items()] for row, r in t.rows.items()}
            for name, t in report.tables.items()}


def summary(result) -> dict:
    report = result.report
    return {
        "tables": tables(report),
        "rules": sorted(f.rule for f in result.findings),
        "sections": [(s.number, s.heading, [p.text for p in s.paragraphs]) for s in report.sections],
        "meta": (report.meta.title, report.meta.agency, report.meta.year),
        "dates": sorted((d.role, d.year, d.month, d.day) for d in report.dates),
        "problems": sorted(p.kind for p in report.problems),
    }


def all_formats(tmp_path: Path, spec, linter, layout: str = "word-tabs") -> dict:
    txt = tmp_path / "report.txt"
    txt.write_text(render(spec, layout).text, encoding="utf-8")
    paths = {"txt": txt, "docx": write_docx(spec, tmp_path / "report.docx"),
             "html": write_html(spec, tmp_path / "report.html")}
    return {fmt: summary(linter.lint_file(path)) for fmt, path in paths.items()}


def assert_same(results: dict) -> None:
    base = results["txt"]
    for fmt in ("docx", "html"):
        for part in base:
            assert results[fmt][part] == base[part], f"{fmt}: {part} differs from the text version"


def test_suffixes_are_registered():
    assert {".docx", ".html", ".htm"} <= SUFFIXES


@pytest.mark.parametrize("seed,busy,layout", [(1, True, "word-tabs"), (2, False, "blank-lines"),
                                              (3, True, "blank-lines"), (4, True, "word-tabs")])
def test_same_report_same_ast_in_every_format(tmp_path, linter, seed, busy, layout):
    spec = random_spec(random.Random(seed), busy=busy)
    if seed % 2:
        spec.published = f"{spec.year + 1}-01-17"
    results = all_formats(tmp_path, spec, linter, layout)
    assert_same(results)
    assert results["txt"]["rules"] == []
    t3 = results["docx"]["tables"]["t3"]
    for row, values in spec.t3.items():
        assert [v for _c, v, _k in t3[row]] == values
    assert [v for r in results["html"]["tables"]["t4"].values() for _c, v, _k in r] == spec.t4


def _defects():
    def unbalanced(spec):
        spec.t3["granted"][6] += 1

    def t4_total(spec):
        spec.t4[4] += 2

    def no_fee(spec):
        spec.other_matters = ["无其他需要报告的事项。"]

    def late(spec):
        spec.signoff = f"{spec.year + 1}年3月5日"

    def odd_cells(spec):
        spec.t3["denied_third_party"][1] = "/"
        spec.t3["unable_not_held"][2] = ""
        spec.t2["licensing"] = [f"{spec.t2['licensing'][0]}（其中环评审批3个）"]
        spec.t4[4] = f" {spec.t4[4] - spec.t4[0] + 1} "  # spaces around a number
        spec.t4[0] = "１"                              # a full-width digit

    def wrong_period(spec):
        spec.period = f"{spec.year}年1月1日至{spec.year}年11月30日"

    return [unbalanced, t4_total, no_fee, late, odd_cells, wrong_period]


@pytest.mark.parametrize("defect", _defects(), ids=lambda f: f.__name__)
def test_a_defect_is_found_in_every_format(tmp_path, linter, defect):
    spec = random_spec(random.Random(11))
    defect(spec)
    results = all_formats(tmp_path, spec, linter)
    assert_same(results)
    assert results["docx"]["rules"], "the defect should be found"


def test_changed_total_names_the_cell_in_docx_and_html(tmp_path, linter):
    spec = random_spec(random.Random(12))
    spec.t3["granted"][6] += 1
    for path in (write_docx(spec, tmp_path / "r.docx"), write_html(spec, tmp_path / "r.html")):
        result = linter.lint_file(path)
        cell = result.report.tables["t3"].rows["granted"].cells["total"]
        hits = [f for f in result.findings if f.category == "balance"]
        assert hits and any(cell.line == f.line or cell.line in {o["line"] for o in f.operands} for f in hits)
        layout = read(path)
        item = layout.items[cell.line - 1]
        assert item.text == str(spec.t3["granted"][6])
        assert item.source.startswith("表格 2 ")   # table 三 is the second table
        row_total = next(f for f in hits if f.rule == "GIX301")
        assert row_total.source == item.source     # findings say where in the Word/HTML table


@pytest.mark.parametrize("encoding,declare", [("gbk", True), ("gb2312", True), ("gb18030", False),
                                              ("gbk", False), ("utf-8", False)])
def test_chinese_encodings_of_web_pages(tmp_path, linter, encoding, declare):
    spec = random_spec(random.Random(21))
    spec.published = "2025-01-17"
    path = write_html(spec, tmp_path / "report.htm", encoding=encoding, declare=declare)
    if encoding != "utf-8":
        with pytest.raises(UnicodeDecodeError):
            path.read_bytes().decode("utf-8")
    layout = read(path)
    assert layout.variant == "html"
    if encoding.startswith("gb"):
        assert layout.encoding == "gb18030"
    result = linter.lint_file(path)
    assert result.findings == []
    assert result.report.meta.agency == spec.agency
    assert [c.value for c in result.report.tables["t3"].rows["total"].cells.values()] == spec.t3["total"]
    assert any(d.role == "published" for d in result.report.dates)


def test_http_equiv_charset(tmp_path):
    spec = random_spec(random.Random(22))
    page = write_html(spec, tmp_path / "a.html", encoding="gbk").read_bytes()
    page = page.replace(b'<meta charset="gbk">',
                        b'<meta http-equiv="Content-Type" content="text/html; charset=GB2312">')
    path = tmp_path / "b.html"
    path.write_bytes(page)
    assert read(path).encoding == "gb18030"
    assert len(read(path).items) == len(read(tmp_path / "a.html").items)


def test_portal_furniture_is_not_report_text(tmp_path):
    spec = random_spec(random.Random(23))
    spec.published = "2025-01-17"
    layout = read(write_html(spec, tmp_path / "r.html"))
    texts = [it.text for it in layout.items]
    assert not any("版权所有" in t or "首页" == t or "相关链接" in t for t in texts)
    assert not any("扫码阅读" in t for t in texts)                 # <script>
    assert texts.count("三、收到和处理政府信息公开申请情况") == 1     # the hidden copy is not read
    title = next(it for it in layout.items if it.role == "text")
    assert title.text == f"{spec.agency}{spec.year}年政府信息公开工作年度报告"
    chrome = [it.text for it in layout.items if it.role == "chrome"]
    assert any("发布时间:2025-01-17" in t for t in chrome)
    assert any("商业企业" == t for t in texts)                     # 商业<br>企业
    assert all(it.line == i for i, it in enumerate(layout.items, start=1))


@pytest.mark.parametrize("name,data", [
    ("x.docx", bytes(random.Random(5).randrange(256) for _ in range(4000))),
    ("zip.docx", None),
    ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
    ("empty.html", b""),
    ("blank.html", b"<html><head><title>t</title><script>var a=1;</script></head><body> &nbsp; </body></html>"),
    ("pdf.html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
])
def test_unreadable_files_are_a_finding_not_a_crash(tmp_path, linter, name, data):
    path = tmp_path / name
    if data is None:
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("hello.txt", "not a word document")
    else:
        path.write_bytes(data)
    with pytest.raises(ReadError):
        read(path)
    result = linter.lint_file(path)
    assert [f.rule for f in result.findings] == ["GIX000"]


def test_truncated_docx_is_unreadable(tmp_path, linter):
    spec = random_spec(random.Random(31))
    data = write_docx(spec, tmp_path / "full.docx").read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 2])
    assert [f.rule for f in linter.lint_file(path).findings] == ["GIX000"]


def test_web_page_saved_as_docx_is_read_as_html(tmp_path):
    spec = random_spec(random.Random(32))
    path = tmp_path / "report.docx"
    path.write_bytes(write_html(spec, tmp_path / "r.html").read_bytes())
    assert read(path).variant == "html"


# --- nested and split tables ----------------------------------------------------------------

def _docx_tables(path):
    import docx

    document = docx.Document(str(path))
    return document, document.element.body.findall(f"{W}tbl")


def test_docx_table_nested_in_a_layout_table(tmp_path, linter):
    spec = random_spec(random.Random(41))
    base = summary(linter.lint_file(write_docx(spec, tmp_path / "plain.docx")))
    document, tbls = _docx_tables(tmp_path / "plain.docx")
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "附表"
    t3 = tbls[1]
    t3.addprevious(outer._tbl)
    cell = outer.cell(0, 1)._tc
    cell.insert(len(cell) - 1, t3)          # the nested table, then the cell's closing paragraph
    path = tmp_path / "nested.docx"
    document.save(str(path))
    nested = summary(linter.lint_file(path))
    assert nested["tables"] == base["tables"]
    assert nested["rules"] == base["rules"] == []
    layout = read(path)
    assert any(it.text == "附表" for it in layout.items)


def test_docx_whole_report_inside_one_cell(tmp_path, linter):
    spec = random_spec(random.Random(42))
    base = summary(linter.lint_file(write_docx(spec, tmp_path / "plain.docx")))
    import docx

    document = docx.Document(str(tmp_path / "plain.docx"))
    body = document.element.body
    blocks = [el for el in body if el.tag in (f"{W}p", f"{W}tbl")]
    outer = document.add_table(rows=1, cols=1)
    tc = outer.cell(0, 0)._tc
    blocks[0].addprevious(outer._tbl)
    for el in blocks:
        tc.insert(len(tc) - 1, el)
    path = tmp_path / "boxed.docx"
    document.save(str(path))
    boxed = summary(linter.lint_file(path))
    assert boxed["tables"] == base["tables"]
    assert boxed["sections"] == base["sections"]
    assert boxed["rules"] == base["rules"]


def test_docx_table_split_in_two_with_repeated_header(tmp_path, linter):
    spec = random_spec(random.Random(43))
    base = summary(linter.lint_file(write_docx(spec, tmp_path / "plain.docx")))
    document, tbls = _docx_tables(tmp_path / "plain.docx")
    t3 = tbls[1]
    rows = t3.findall(f"{W}tr")
    split = 3 + list(L.T3_ROWS).index("unable_not_held")
    second = copy.deepcopy(t3)
    for tr in rows[split:]:
        t3.remove(tr)
    for tr in second.findall(f"{W}tr")[3:split]:
        second.remove(tr)
    page = copy.deepcopy(document.paragraphs[-1]._p)
    for t in page.iter(f"{W}t"):
        t.text = ""
    page.findall(f".//{W}t")[0].text = "- 3 -"
    t3.addnext(page)
    page.addnext(second)
    path = tmp_path / "split.docx"
    document.save(str(path))
    result = linter.lint_file(path)
    assert summary(result)["tables"] == base["tables"]
    assert summary(result)["rules"] == []
    assert any(it.role == "page" for it in read(path).items)


def test_html_report_in_layout_table_and_split_table(tmp_path, linter):
    spec = random_spec(random.Random(44))
    spec.published = "2025-01-20"
    plain = write_html(spec, tmp_path / "plain.html")
    base = summary(linter.lint_file(plain))
    page = plain.read_text(encoding="utf-8")
    # the article laid out in a two-column layout table, with a navigation cell
    page = page.replace('<div class="article">',
                        '<table class="layout"><tr><td class="nav">栏目导航<br>政策文件<br>人事信息</td><td>'
                        '<div class="article">', 1)
    page = page.replace('<div class="tools">', '</td></tr></table><div class="tools">', 1)
    # table 三 split in two, the header repeated after a page number
    head_end = page.index("</tr>", page.index("商业<br>企业")) + len("</tr>")
    header = page[page.index('<table class="t3"'):head_end]
    cut = page.index("<tr>", page.index("1.本机关不掌握相关政府信息") - 80)
    page = page[:cut] + "</tbody></table>\n<p>- 3 -</p>\n" + header + page[cut:]
    path = tmp_path / "layout.html"
    path.write_text(page, encoding="utf-8")
    result = summary(linter.lint_file(path))
    assert result["tables"] == base["tables"]
    assert result["rules"] == base["rules"] == []
    assert result["meta"] == base["meta"]
    assert not any("栏目导航" in it.text for it in read(path).items)


# --- Word's own features ------------------------------------------------------------------

_NUMBERING = (
    '<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:abstractNumId="90">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
    '</w:abstractNum>')


def test_automatic_list_numbers_are_written_out(tmp_path, linter):
    """Headings numbered by Word (一、 （一）) rather than typed read like typed ones."""
    import docx
    from docx.oxml import parse_xml

    spec = random_spec(random.Random(51))
    base = summary(linter.lint_file(write_docx(spec, tmp_path / "typed.docx")))
    document = docx.Document(str(tmp_path / "typed.docx"))
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(_NUMBERING))
    numbering.append(parse_xml('<w:num xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                               'w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    titles = {f"{L.NUMERALS[n - 1]}、{t}": 0 for n, t in L.SECTION_TITLES.items()}
    for paragraph in document.paragraphs:
        text = paragraph.text
        level = 0 if text in titles else 1 if text.startswith(("（一）", "（二）", "（三）", "（四）", "（五）")) else None
        if level is None:
            continue
        paragraph.text = text.split("、", 1)[1] if level == 0 else text[3:]
        ppr = paragraph._p.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:numPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                             f'<w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    numbered = summary(linter.lint_file(path))
    assert numbered["sections"] == base["sections"]
    assert numbered["tables"] == base["tables"]
    assert numbered["rules"] == base["rules"]


@pytest.mark.skipif(not TEMPLATE.is_file(), reason="the official blank template is not available")
def test_filled_official_template_reads_back(tmp_path, linter):
    """Fill the real Word template agencies use (its merges and all) and read every value back."""
    spec = random_spec(random.Random(61))
    path = fill_template(spec, TEMPLATE, tmp_path / "filled.docx")

    report = linter.lint_file(path).report
    got = tables(report)
    for key, values in spec.t3.items():
        assert [v for _c, v, _k in got["t3"][key]] == values, key
    assert [v for r in got["t4"].values() for _c, v, _k in r] == spec.t4
    for key, values in spec.t2.items():
        expected = [int(v) if str(v).isdigit() else v for v in values]
        assert [str(v) for _c, v, _k in got["t2"][key]] == [str(v) for v in expected], key
    assert not [p for p in report.problems if p.kind == "table-shape"]


def test_word_style_web_page(tmp_path, linter):
    """Markup as Word's "save as web page" writes it: MsoNormal paragraphs in every cell, <o:p>,
    a hidden row of empty cells closing each table, and a title broken over two lines."""
    spec = random_spec(random.Random(71))
    spec.published = "2025-01-16"
    plain = write_html(spec, tmp_path / "plain.html")
    base = summary(linter.lint_file(plain))
    page = plain.read_text(encoding="utf-8")
    page = re.sub(r"<td([^>]*)>(.*?)</td>",
                  r"<td\1 valign=top style='border:solid windowtext 1.0pt'><p class=MsoNormal align=center>"
                  r"<span lang=EN-US style='font-size:10.5pt'>\2<o:p></o:p></span></p></td>", page)
    filler = "<![if !supportMisalignedColumns]><tr height=0>" + "<td width=60 style='border:none'></td>" * 10 + \
        "</tr><![endif]>"
    page = page.replace("</table>", filler + "</table>")
    page = page.replace(f'<h1 class="title">{spec.agency}{spec.year}年',
                        f'<div class="title">{spec.agency}<br>{spec.year}年', 1).replace("</h1>", "</div>", 1)
    path = tmp_path / "word.htm"
    path.write_text(page, encoding="utf-8")
    result = summary(linter.lint_file(path))
    assert result["tables"] == base["tables"]
    assert result["rules"] == base["rules"] == []
    assert result["meta"] == base["meta"]


def test_lead_paragraph_outside_the_body_is_kept(tmp_path, linter):
    spec = random_spec(random.Random(72))
    plain = write_html(spec, tmp_path / "plain.html")
    base = summary(linter.lint_file(plain))
    page = plain.read_text(encoding="utf-8")
    start = page.index('<p style="text-indent:2em">本报告根据')
    end = page.index("</p>", start) + 4
    lead = page[start:end]
    page = page[:start] + page[end:]
    page = page.replace('<div class="content" id="zoom">', f'<div class="summary">{lead}</div>\n'
                        '<div class="date">2025-01-18</div><div class="content" id="zoom">', 1)
    path = tmp_path / "lead.html"
    path.write_text(page, encoding="utf-8")
    result = summary(linter.lint_file(path))
    assert result["tables"] == base["tables"]
    assert result["rules"] == base["rules"] == []
    assert ("period_start", spec.year, 1, 1) in result["dates"]


def test_the_report_region_is_the_anchors_deepest_common_ancestor():
    """_common_ancestor climbs from each anchor only until it meets the chain found so far: on
    random trees it gives what comparing each element's whole chain from the root gives."""
    import random

    from lxml import etree

    from gixlint.read.web import _common_ancestor

    def whole_chains(elements):
        def chain(el):
            out = []
            while el is not None:
                out.append(el)
                el = el.getparent()
            return out[::-1]

        common = chain(elements[0])
        for el in elements[1:]:
            other = chain(el)
            n = 0
            while n < min(len(common), len(other)) and common[n] is other[n]:
                n += 1
            common = common[:n]
        return common[-1] if common else None

    rng = random.Random(11)
    elsewhere = etree.SubElement(etree.Element("html"), "p")          # in another page: no common root
    for trial in range(300):
        nodes = [etree.Element("html")]
        for _ in range(rng.randint(1, 60)):
            nodes.append(etree.SubElement(rng.choice(nodes), "div"))
        pool = nodes + ([elsewhere] if trial % 10 == 0 else [])
        chosen = [rng.choice(pool) for _ in range(rng.randint(1, 8))]
        assert _common_ancestor(chosen) is whole_chains(chosen), trial


def test_cell_places_in_a_very_wide_table(tmp_path):
    """Places name the grid column however wide the table: past the columns whose names are made
    ahead (64), and after a cell spanning two."""
    row = '<td colspan="2">甲</td>' + "".join(f"<td>{n}</td>" for n in range(3, 71))
    page = tmp_path / "wide.html"
    page.write_text(f"<html><body><p>正文</p><table><tr>{row}</tr></table></body></html>", encoding="utf-8")
    cells = {it.text: it.source for it in read(page).items if it.source.startswith("表格")}
    assert cells["甲"] == "表格 1 第 1 行第 1 格" and cells["3"] == "表格 1 第 1 行第 3 格"
    assert cells["64"] == "表格 1 第 1 行第 64 格" and cells["70"] == "表格 1 第 1 行第 70 格"


@pytest.mark.parametrize("blank", [0, 4, 9, 14])
def test_a_blank_cell_of_table_four_stays_in_its_place(tmp_path, linter, blank):
    """Table 四's 15 values with one printed blank, in a Word table and a web page whose 行政复议
    fields span two header rows (the empty grid places under them are header, not data): every
    value stays in its column. The blank in 复议后起诉·总计 used to take 复议·结果维持's place and
    push every value one column on, so three balance errors were reported that the file does not have."""
    from gixlint.testing.generate import report_cells, spec_cells

    spec = random_spec(random.Random(14))
    spec.t4[blank] = ""
    for path in (write_docx(spec, tmp_path / "report.docx"), write_html(spec, tmp_path / "report.html")):
        result = linter.lint_file(path)
        assert report_cells(result.report) == spec_cells(spec), path.suffix
        assert result.report.tables["t4"].status == "exact"
        # only the blank's block can be off balance (a blank is not 0); a shift unbalanced all three
        block = list(L.T4_BLOCKS)[blank // len(L.T4_FIELDS)]
        assert {f.row for f in result.findings if f.table == "t4" and f.rule == "GIX304"} <= {block}, path.suffix


@pytest.mark.parametrize("layout", ["blank-lines", "rows"])
def test_a_pdf_converted_to_word_in_text_boxes(tmp_path, linter, layout):
    """Every line in a text box anchored by position, a line's digits in boxes written after the
    next line's (what PDF-to-Word converters make): the text is read in reading order, so its
    sections, period and statements are checked; each table is declared unread once, and nothing
    else is said about a table. It was 「Word 文档中没有文字」."""
    from gixlint.testing.formats import write_text_box_docx

    spec = random_spec(random.Random(4))
    result = linter.lint_file(write_text_box_docx(spec, tmp_path / "converted.docx", layout=layout))
    report = result.report
    assert report.layout == "docx-text-boxes"
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert {d.role for d in report.dates} >= {"period_start", "period_end", "signoff"}
    assert sorted((f.rule, f.table) for f in result.findings) == [("GIX006", "t2"), ("GIX006", "t3"), ("GIX006", "t4")]
    assert "文本框" in result.findings[0].message


@pytest.mark.parametrize("defect", ["no_fee", "late"])
def test_a_report_in_text_boxes_is_still_checked(tmp_path, linter, defect):
    spec = random_spec(random.Random(4))
    if defect == "no_fee":
        spec.other_matters = ["无其他需要报告的事项。"]
    else:
        spec.signoff = f"{spec.year + 1}年3月5日"
    from gixlint.testing.formats import write_text_box_docx

    found = {f.rule for f in linter.lint_file(write_text_box_docx(spec, tmp_path / "c.docx")).findings}
    assert ({"GIX401"} if defect == "no_fee" else {"GIX506"}) <= found


@pytest.mark.parametrize("first_page", [1, 2, 3])
def test_a_short_first_page_in_text_boxes_keeps_its_lines(tmp_path, linter, first_page):
    """A title page of one to three lines: the next page's first lines start again at the top,
    at the same offsets, and are not joined to the title page's (the title page used to run into
    section 一, with 「缺少第一部分」 and a lost period)."""
    from gixlint.testing.formats import write_text_box_docx

    spec = random_spec(random.Random(4))
    result = linter.lint_file(write_text_box_docx(spec, tmp_path / "c.docx", first_page=first_page))
    assert [s.number for s in result.report.sections] == [1, 2, 3, 4, 5, 6]
    assert sorted(f.rule for f in result.findings) == ["GIX006"] * 3


def test_a_table_not_printed_in_a_text_box_document_is_missing_not_unread(tmp_path, linter):
    """Only the tables found in the boxes are declared unread: a table 四 not there at all (an
    image, say) is 「未找到表四」, as in any other file, and section 一 keeps its text."""
    from gixlint.testing.formats import write_text_box_docx

    spec = random_spec(random.Random(4))
    text = render(spec, "blank-lines").text
    four, five = text.index("四、政府信息公开行政复议"), text.index("五、")
    text = text[:four] + "四、政府信息公开行政复议、行政诉讼情况\n\n" + text[five:]
    result = linter.lint_file(write_text_box_docx(spec, tmp_path / "c.docx", text=text))
    assert sorted((f.rule, f.table) for f in result.findings) == [("GIX002", "t4"), ("GIX006", "t2"), ("GIX006", "t3")]
