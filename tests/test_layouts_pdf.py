"""One report, every layout: one-cell-per-line text, pdftotext rows, markdown, tsv and PDF.

The same generated report must give identical tables (every cell's kind and value) and the
same findings whatever layout it comes in; defects are found in each, at the right line (for a
PDF: the line of the rebuilt layout that holds the value, on the page it was drawn on). Rows
whose numbers ran together are reported (GIX006), never read as one number; scanned and
corrupt PDFs get a finding, not a crash.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from gixlint.layout import from_file as read
from gixlint.layout import from_text
from gixlint.lint.linter import Linter
from gixlint.parse import parse, parse_text
from gixlint.read import SUFFIXES, ReadError
from gixlint.testing import LAYOUTS, TODAY, lint_text, random_spec, render
from gixlint.vocab import labels as L

pytest.importorskip("reportlab")
from gixlint.testing.pdf import write_pdf  # noqa: E402

SEEDS = (3, 8, 21)
T3_COLUMNS = list(L.T3_COLUMNS)


def table_values(report):
    return {name: {k: {c: (cell.kind, cell.value) for c, cell in row.cells.items()}
                   for k, row in t.rows.items()} for name, t in report.tables.items()}


def finding_keys(findings):
    return sorted((f.rule, f.severity, f.row, f.column) for f in findings)


@pytest.fixture(scope="module")
def linter():
    return Linter.create(today=TODAY, load_plugins=False)


def _spec(seed: int):
    return random_spec(random.Random(seed), busy=seed % 2 == 1)


def _pdf(tmp_path: Path, spec, name: str = "report.pdf", **kw) -> tuple[Path, dict[str, int]]:
    path = tmp_path / name
    return path, write_pdf(spec, path, **kw)


# -- the same report in every layout ------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_every_format_gives_identical_tables_and_findings(seed, tmp_path, linter):
    spec = _spec(seed)
    reference = parse_text(render(spec, "word-tabs").text)
    assert reference.problems == []
    expected = table_values(reference)
    for layout in LAYOUTS:
        doc = render(spec, layout)
        report = parse_text(doc.text)
        assert report.layout == layout
        assert table_values(report) == expected, layout
        assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
        assert lint_text(doc.text) == [], layout
    path, _pages = _pdf(tmp_path, spec)
    result = linter.lint_file(path)
    assert result.report.layout == "pdf"
    assert result.report.problems == []
    assert table_values(result.report) == expected
    assert [s.number for s in result.report.sections] == [1, 2, 3, 4, 5, 6]
    assert result.findings == []


def test_layout_is_chosen_from_the_text(spec):
    for layout in LAYOUTS:
        assert from_text(render(spec, layout).text).variant == layout


def _defects(spec):
    spec.t3["granted"][0] = int(spec.t3["granted"][0]) + 2              # GIX301 / GIX302
    spec.t3["unable_not_held"][4] = "/"                                 # GIX203
    spec.t3["denied_state_secret"][2] = ""                              # GIX205, blank cell
    spec.t4[3] = ""                                                     # GIX205 in table 四
    spec.t4[9] = int(spec.t4[9]) + 1                                    # GIX304
    spec.t2["licensing"] = ["52（其中环评审批39个，排污许可证核发13个）"]   # GIX204
    spec.other_matters = ["无"]                                          # GIX401 / GIX402


# the blank-lines web export cannot show an empty cell: it just disappears (a shape problem)
BLANK_CELLS = tuple(layout for layout in LAYOUTS if layout != "blank-lines")
ANCHORS = {"GIX301": "t3.granted.total", "GIX203": "t3.unable_not_held.legal_service",
           "GIX205": "t3.denied_state_secret.research", "GIX304": "t4.litigation_direct.total",
           "GIX204": "t2.licensing"}


@pytest.mark.parametrize("seed", SEEDS[:2])
def test_defects_are_found_in_every_format_at_their_line(seed, tmp_path, linter):
    spec = _spec(seed)
    _defects(spec)
    expected = None
    for layout in BLANK_CELLS:
        doc = render(spec, layout)
        findings = lint_text(doc.text)
        keys = finding_keys(findings)
        expected = expected or keys
        assert keys == expected, layout
        for rule, anchor in ANCHORS.items():
            assert doc.lines[anchor] in {f.line for f in findings if f.rule == rule}, (layout, rule)
    assert {"GIX301", "GIX203", "GIX205", "GIX304", "GIX204", "GIX401", "GIX402"} <= {k[0] for k in expected}

    path, pages = _pdf(tmp_path, spec)
    result = linter.lint_file(path)
    assert finding_keys(result.findings) == expected
    layout = read(path)
    by_line: dict[int, list] = {}
    for item in layout.items:
        by_line.setdefault(item.line, []).append(item)
    for rule, anchor in ANCHORS.items():
        table, row, *col = anchor.split(".")
        cell = result.report.tables[table].rows[row].cells[col[0] if col else "count"]
        assert cell.line in {f.line for f in result.findings if f.rule == rule}, rule
        items = by_line[cell.line]
        assert {it.page for it in items} == {pages[anchor]}, rule
        assert all(it.source == f"第 {pages[anchor]} 页" for it in items)
        assert cell.raw in {it.text for it in items}


# -- pdftotext rows: what the generator's rows layout does not already show ------------------


def test_pdftotext_rows_with_wrapped_labels_and_split_headers(spec):
    doc = render(spec, "rows")
    lines = doc.text.split("\n")
    # the generator wraps long labels three ways: numbers on the first line, on the last, alone
    partially = doc.lines["t3.partially_granted.total"]
    assert lines[partially - 1].lstrip().startswith("（二）部分公开") and not lines[partially].rstrip()[-1:].isdigit()
    fee_unpaid = doc.lines["t3.other_fee_unpaid.total"]
    assert lines[fee_unpaid - 2].strip().startswith("2.申请人逾期")
    assert any("益组织" in line and "务机构" in line and "社会" not in line for line in lines)  # stacked header
    report = parse_text(doc.text)
    assert report.problems == []
    row = report.tables["t3"].rows["other_fee_unpaid"]
    assert [c.line for c in row.cells.values()] == [fee_unpaid] * 7
    assert row.label == L.T3_ROWS["other_fee_unpaid"]


def test_real_pdftotext_layout_output():
    """``pdftotext -layout`` (poppler) on a PDF we wrote: a blank cell in 三 and in 四.

    Regenerate: write_pdf(spec, "r.pdf") for the spec below, then pdftotext -layout r.pdf.
    """
    spec = random_spec(random.Random(7), busy=True)
    spec.t3["denied_process_info"][2] = ""
    spec.t4[8] = ""
    text = (Path(__file__).parent / "fixtures" / "pdftotext-layout-7.txt").read_text(encoding="utf-8")
    report = parse_text(text)
    assert report.layout == "rows" and report.problems == []
    assert table_values(report) == table_values(parse_text(render(spec, "word-tabs").text))
    assert report.tables["t4"].rows["litigation_direct"].cells["pending"].kind == "blank"


def test_table4_values_over_several_lines(spec):
    doc = render(spec, "rows")
    lines = doc.text.split("\n")
    at = doc.lines["t4.review.total"] - 1
    values = lines[at].split()
    for layout in ([" ".join(values[i:i + 5]) for i in (0, 5, 10)], values):
        changed = lines[:at] + layout + lines[at + 1:]
        report = parse_text("\n".join(changed))
        assert report.problems == []
        assert [c.value for r in report.tables["t4"].rows.values() for c in r.cells.values()] == spec.t4


def test_pdf_with_numbers_at_the_top_of_their_cells(tmp_path, spec):
    path, _pages = _pdf(tmp_path, spec, valign="top")   # Word's default: beside a label's first line
    report = parse(read(path))
    assert report.problems == []
    assert table_values(report) == table_values(parse_text(render(spec, "word-tabs").text))


BLOCK_ROWS = ["granted", "denied_state_secret", "denied_other_laws", "denied_three_security_one_stability",
              "denied_third_party", "unable_not_held", "unable_needs_creation", "unable_unclear_after_correction"]


def _block_pdf(path: Path, spec, drawn: bool) -> Path:
    """Rows of table 三 drawn border by border, 24 pt high: （一）予以公开, then 「（三）不予公开」 over
    four labels and 「（四）无法提供」 over three, each group label wrapped over three lines 17 pt
    apart in a 30 pt column (so each line sits in a row of its own, but not where that row's
    text sits). Unless ``drawn``, the borders Chromium leaves out are missing: between （一）予以公开
    and its first three numbers, between （三）不予公开 and its labels, between those labels."""
    from reportlab.pdfgen import canvas

    from gixlint.testing.pdf import FONT, _font

    _font()
    size, height = 9.0, 24.0
    xs = [60.0, 90.0, 240.0] + [240.0 + 30 * i for i in range(1, 8)]
    ys = [700.0 - height * r for r in range(len(BLOCK_ROWS) + 1)]
    owner = {(r, k): (r, k) for r in range(len(BLOCK_ROWS)) for k in range(len(xs) - 1)}
    owner[0, 1] = owner[0, 0]
    owner |= {(r, 0): "denied" for r in range(1, 5)} | {(r, 0): "unable" for r in range(5, 8)}
    missing = set() if drawn else (
        {("v", 0, k) for k in (2, 3, 4)} | {("v", r, 1) for r in range(1, 5)} | {("h", r, 1) for r in range(2, 5)})
    c = canvas.Canvas(str(path))
    c.setLineWidth(0.5)
    for r in range(len(BLOCK_ROWS)):
        for k in range(len(xs) - 1):
            if (k == 0 or owner[r, k] != owner[r, k - 1]) and ("v", r, k) not in missing:
                c.line(xs[k], ys[r], xs[k], ys[r + 1])
            if (r == 0 or owner[r, k] != owner[r - 1, k]) and ("h", r, k) not in missing:
                c.line(xs[k], ys[r], xs[k + 1], ys[r])
        c.line(xs[-1], ys[r], xs[-1], ys[r + 1])
    c.line(xs[0], ys[-1], xs[-1], ys[-1])
    c.setFont(FONT, size)
    c.drawString(xs[0], 760, "三、收到和处理政府信息公开申请情况")
    for r, row in enumerate(BLOCK_ROWS):
        base = (ys[r] + ys[r + 1]) / 2 - size * 0.35
        c.drawString(xs[0 if r == 0 else 1] + 3, base, L.T3_ROWS[row])
        for k, value in enumerate(spec.t3[row]):
            c.drawCentredString((xs[k + 2] + xs[k + 3]) / 2, base, str(value))
    for lines, r0, r1 in ((["（三）", "不予公", "开"], 1, 5), (["（四）", "无法提", "供"], 5, 8)):
        middle = (ys[r0] + ys[r1]) / 2
        for i, line in enumerate(lines):
            c.drawCentredString((xs[0] + xs[1]) / 2, middle + 17 * (1 - i) - size * 0.35, line)
    c.save()
    return path


@pytest.mark.parametrize("drawn", [True, False])
def test_pdf_borders_left_out_are_put_back(drawn, tmp_path, spec):
    """Read by the grid either way: each group label whole, on a line of its own before its first
    row (the text heuristics would place it in the middle of its rows), each row label with its
    seven numbers. A group label whose wrapped lines fall one a row is not cut into rows."""
    path = _block_pdf(tmp_path / "block.pdf", spec, drawn)
    lines: dict[int, list[str]] = {}
    for item in read(path).items:
        lines.setdefault(item.line, []).append(item.text)
    rows = [[L.T3_ROWS[row], *map(str, spec.t3[row])] for row in BLOCK_ROWS]
    assert list(lines.values()) == [["三、收到和处理政府信息公开申请情况"], rows[0], [L.T3_GROUPS["denied"]],
                                    *rows[1:5], [L.T3_GROUPS["unable"]], *rows[5:]]


def test_blank_cell_in_rows_is_found_by_its_column(spec):
    spec.t3["carried_over"][3] = ""
    report = parse_text(render(spec, "rows").text)
    cells = report.tables["t3"].rows["carried_over"].cells
    assert cells["social_welfare"].kind == "blank"
    assert [c.value for k, c in cells.items() if k != "social_welfare"] == \
        [v for i, v in enumerate(spec.t3["carried_over"]) if i != 3]


def test_pdftotext_page_break_inside_table3(spec):
    doc = render(spec, "rows")
    lines = doc.text.split("\n")
    at = doc.lines["t3.denied_third_party"] - 1
    header = [line for line in lines if "商业" in line or "企业" in line or "自然人" in line]
    lines[at:at] = ["", "                                  - 3 -", "\x0c", *header]  # footer, new page, header again
    report = parse_text("\n".join(lines))
    assert report.problems == []
    assert table_values(report) == table_values(parse_text(doc.text))


def test_markdown_headings_and_emphasis(spec):
    text = render(spec, "markdown").text
    text = text.replace("## 一、总体情况", "**一、总体情况**").replace("## 五、", "### 五、")
    text = text.replace("（一）予以公开", "**（一）予以公开**").replace("1.属于国家秘密", "1\\.属于国家秘密")
    report = parse_text(text)
    assert report.problems == []
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert report.sections[0].title == "总体情况"
    assert report.meta.agency == "示例市示例区生态环境局"


def test_tsv_rows_are_not_word_tab_lines(spec):
    text = render(spec, "tsv").text
    assert "\t（二）部分公开" in text  # rows under a merged group cell start with a tab
    layout = from_text(text)
    assert layout.variant == "tsv"
    assert parse(layout).tables["t3"].rows["partially_granted"].cells["total"].value == spec.t3["partially_granted"][6]


# -- lost separators ------------------------------------------------------------------------


def _joined(doc, layout: str, spec, row: str = "granted") -> str:
    merged = "".join(str(v) for v in spec.t3[row])
    lines = doc.text.split("\n")
    at = doc.lines[f"t3.{row}.total"] - 1
    if layout == "rows":
        lines[at] = re.sub(r"(\d)\s+(?=\d)", r"\1", lines[at])
        assert merged in lines[at]
    elif layout == "markdown":
        lines[at] = f"| | {L.T3_ROWS[row]} | | {merged} |" + " |" * 6
    elif layout == "tsv":
        lines[at] = f"\t{L.T3_ROWS[row]}\t\t{merged}"
    else:
        first = doc.lines[f"t3.{row}.natural_person"] - 1
        lines[first:at + 1] = [("\t" if layout == "word-tabs" else "") + merged]
    return "\n".join(lines)


def _busy_row(spec, row: str = "granted") -> None:
    spec.t3[row] = [3, 0, 1, 0, 0, 2, 6]  # a row that runs together as 3010026
    spec.t3["total"] = [sum(int(spec.t3[k][c]) for k in L.T3_LEAVES) for c in range(7)]
    for c in range(7):
        spec.t3["new_received"][c] = spec.t3["total"][c] + spec.t3["carried_forward"][c] - spec.t3["carried_over"][c]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_numbers_run_together_are_unreadable_not_one_number(layout, spec):
    _busy_row(spec)
    assert lint_text(render(spec, layout).text) == []
    doc = render(spec, layout)
    findings = lint_text(_joined(doc, layout, spec))
    [hit] = [f for f in findings if f.rule == "GIX006"]
    assert (hit.severity, hit.table, hit.row) == ("error", "t3", "granted")
    assert "3010026" in hit.message and "分隔" in hit.message
    assert hit.line in {doc.lines["t3.granted.total"], doc.lines["t3.granted.natural_person"] - 1,
                        doc.lines["t3.granted.natural_person"]}
    # nothing is computed from a misread number: balance findings only say they cannot check
    balance = [f for f in findings if f.category == "balance"]
    assert all(f.severity == "warning" and "无法核对" in f.message for f in balance)
    assert "GIX003" not in {f.rule for f in findings}
    report = parse_text(_joined(doc, layout, spec))
    assert all(c.value is None for c in report.tables["t3"].rows["granted"].cells.values())


def test_numbers_run_together_in_a_pdf(tmp_path, linter, spec):
    _busy_row(spec)
    path, pages = _pdf(tmp_path, spec, joined={"granted"})
    result = linter.lint_file(path)
    [hit] = [f for f in result.findings if f.rule == "GIX006"]
    assert (hit.severity, hit.row) == ("error", "granted") and "3010026" in hit.message
    assert all(f.severity == "warning" for f in result.findings if f.category == "balance")
    # the label stays, its run-together numbers are left out
    assert [(it.text, it.page) for it in read(path).items if it.line == hit.line] == \
        [(L.T3_ROWS["granted"], pages["t3.granted.natural_person"])]


def test_zeros_run_together_are_caught(spec):
    doc = render(spec, "rows")
    lines = doc.text.split("\n")
    at = doc.lines["t3.denied_query_matter.total"] - 1
    lines[at] = re.sub(r"(\d)\s+(\d)\s*$", r"\1\2", lines[at].rstrip())   # the last two cells touch
    findings = lint_text("\n".join(lines))
    assert [(f.rule, f.row) for f in findings if f.rule == "GIX006"] == [("GIX006", "denied_query_matter")]


def test_a_short_row_of_small_numbers_is_unread_not_guessed(spec):
    """Six numbers for seven columns: which one is missing cannot be told, so the row is not
    read (one GIX006 naming it), and nothing about its cells is guessed into a finding."""
    spec.t3["granted"] = [1, 0, 2, 0, 0, 3]
    findings = lint_text(render(spec, "blank-lines").text)
    [hit] = [f for f in findings if f.rule == "GIX006"]
    assert hit.row == "granted" and "读到 6 个格" in hit.message
    assert not [f for f in findings if f.rule in ("GIX003", "GIX203", "GIX205") or f.rule.startswith("GIX3")]


# -- PDFs that cannot be checked -----------------------------------------------------------------


def _scanned(path: Path) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.setFillGray(0.8)
    c.rect(60, 60, 470, 700, fill=1)   # a page that is only a picture
    c.showPage()
    c.showPage()                        # and an empty one
    c.save()
    return path


def test_scanned_pdf_is_a_clear_finding(tmp_path, linter):
    path = _scanned(tmp_path / "scan.pdf")
    with pytest.raises(ReadError, match="扫描件"):
        read(path)
    result = linter.lint_file(path)
    assert [(f.rule, f.severity) for f in result.findings] == [("GIX000", "error")]
    assert "没有文字层" in result.findings[0].message


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "text"])
def test_corrupt_pdf_is_a_finding_not_a_crash(damage, tmp_path, linter, spec):
    good, _ = _pdf(tmp_path, spec, "good.pdf")
    data = good.read_bytes()
    path = tmp_path / "bad.pdf"
    path.write_bytes({"garbage": b"%PDF-1.7\n\x00\x01 not a pdf", "truncated": data[: len(data) // 3],
                      "empty": b"", "text": "一、总体情况\n".encode() * 20}[damage])
    with pytest.raises(ReadError):
        read(path)
    result = linter.lint_file(path)
    assert [(f.rule, f.severity) for f in result.findings] == [("GIX000", "error")]
    # an empty file is called empty, whatever its name; the others are said to be no readable PDF
    assert ("文件为空（0 字节）" if damage == "empty" else "PDF") in result.findings[0].message


def test_encrypted_pdf_says_so(tmp_path, linter):
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(path), encrypt="secret")
    c.drawString(72, 720, "report")
    c.save()
    result = linter.lint_file(path)
    assert [f.rule for f in result.findings] == ["GIX000"]
    assert "加密" in result.findings[0].message


def test_pdf_items_carry_page_and_source(tmp_path, spec):
    for _ in range(20):     # a longer section 一 until table 三 breaks over a page, whatever the generator writes
        path, pages = _pdf(tmp_path, spec)
        if len({page for key, page in pages.items() if key.startswith("t3.")}) >= 2:
            break
        spec.overview.append(spec.overview[-1])
    else:
        pytest.fail("table 三 never broke over a page")
    layout = read(path)
    assert layout.variant == "pdf" and ".pdf" in SUFFIXES
    assert max(pages.values()) >= 3       # the report runs over several pages …
    assert any(it.role == "page" and it.text == "-1-" for it in layout.items)   # … numbered -1-, -2-
    report = parse(layout)
    t3 = report.tables["t3"]
    assert len({it.page for it in layout.items if it.line in {c.line for r in t3.rows.values() for c in r.cells.values()}}) >= 2
    assert all(it.page >= 1 and it.source == f"第 {it.page} 页" for it in layout.items)


def test_pdf_whose_fonts_have_no_unicode_map_is_a_clear_finding(tmp_path, linter, spec, monkeypatch):
    """Glyphs without a ToUnicode entry come out of pdfminer as "(cid:N)": say so, do not parse them."""
    from gixlint.read import pdf as reader

    path = tmp_path / "r.pdf"
    write_pdf(spec, path)
    real = reader._pages

    def unmapped(p):
        pages = real(p)
        for chars, _segs in pages:
            for c in chars:
                if c is not None and not c.ch.isdigit():
                    c.ch = f"(cid:{ord(c.ch) % 977})"
        return pages

    monkeypatch.setattr(reader, "_pages", unmapped)
    [finding] = linter.lint_file(path).findings
    assert finding.rule == "GIX000" and "字符映射" in finding.message
