"""The parser: layouts, headings, artifacts and messy reports become the same AST."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from gixlint.parse import parse_text
from gixlint.testing import LAYOUTS, random_spec, render
from gixlint.vocab.headings import parse_heading
from gixlint.vocab.values import BLANK, DASH, MISSING, NUMBER, TEXT, parse_cell


def table_values(report):
    return {name: {k: {c: (cell.kind, cell.value) for c, cell in row.cells.items()}
                   for k, row in t.rows.items()} for name, t in report.tables.items()}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_cell_has_its_line(layout, spec):
    doc = render(spec, layout)
    report = parse_text(doc.text)
    assert report.problems == []
    t3 = report.tables["t3"]
    assert len(t3.rows) == 25 and all(len(r.cells) == 7 for r in t3.rows.values())
    for key, row in t3.rows.items():
        for col, cell in row.cells.items():
            assert cell.line == doc.lines[f"t3.{key}.{col}"]
            assert cell.value == int(spec.t3[key][list(row.cells).index(col)])
    t4 = report.tables["t4"]
    assert sum(len(r.cells) for r in t4.rows.values()) == 15
    assert t4.rows["litigation_after_review"].cells["total"].line == doc.lines["t4.litigation_after_review.total"]
    assert report.tables["t2"].rows["licensing"].cells["count"].line == doc.lines["t2.licensing"]


def test_every_layout_gives_the_same_tables(spec):
    a, *others = (parse_text(render(spec, layout).text) for layout in LAYOUTS)
    for layout, b in zip(LAYOUTS[1:], others):
        assert b.layout == layout
        assert table_values(a) == table_values(b)
        assert [(s.number, s.title) for s in a.sections] == [(s.number, s.title) for s in b.sections]


@pytest.mark.parametrize("text, number, numeral", [
    ("一、总体情况", 1, "一"),
    ("3、 收到和处理政府信息公开申请情况", 3, "3"),
    ("四、政府信息公开行政法复议、行政诉讼情况", 4, "四"),
    ("五、存在的主要问题及改进措施", 5, "五"),
    ("5、 存在的主要问题及改进情况", 5, "5"),
    ("六．其他需要报告的事项", 6, "六"),
])
def test_headings(text, number, numeral):
    heading = parse_heading(text)
    assert heading is not None and (heading.number, heading.numeral) == (number, numeral)


@pytest.mark.parametrize("text", [
    "（二）主动公开政府信息情况",            # a sub-heading inside 总体情况
    "（4） 政府信息公开平台建设情况",
    "三、本年度办理结果",                    # a table-三 label, not section 三
    "四、结转下年度继续办理",
    "一、本年新收政府信息公开申请数量",
    "2024年，我局主动公开政府信息情况良好，共发布信息338条，其中政策文件2条。",
])
def test_not_headings(text):
    assert parse_heading(text) is None


@pytest.mark.parametrize("raw, kind, value", [
    ("0", NUMBER, 0), ("\u00a09", NUMBER, 9), (" 0 ", NUMBER, 0), ("１２", NUMBER, 12),
    ("1,234", NUMBER, 1234), ("0.35", NUMBER, Decimal("0.35")), ("-3", NUMBER, -3),
    ("52（其中环评审批39个，排污许可证核发13个）", NUMBER, 52),
    ("", BLANK, None), ("\u00a0", BLANK, None), ("/", DASH, None), ("—", DASH, None), ("无", DASH, None),
    ("不适用", TEXT, None), ("713000074x", TEXT, None),
])
def test_cell_values_are_never_silently_zero(raw, kind, value):
    cell = parse_cell(raw, 1)
    assert (cell.kind, cell.value) == (kind, value)


def test_artifacts_do_not_disturb_parsing(spec):
    doc = render(spec, "blank-lines")
    lines = doc.text.split("\n")
    lines[doc.lines["sec.5"] - 1] = "五、[bookmark: OLE_LINK1]存在的主要问题及改进情况"
    lines[doc.lines["t3.granted.natural_person"] - 1] = "[bookmark: _GoBack]" + lines[doc.lines["t3.granted.natural_person"] - 1]
    chrome = ["来源:示例区政府 发布时间:2025-01-17 浏览次数: 字体:[ 大 中 小 ] 打印", "", "扫一扫在手机打开当前页", ""]
    report = parse_text("\n".join(lines[:1] + [""] + chrome + lines[1:]))
    assert report.problems == []
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert report.tables["t3"].rows["granted"].cells["natural_person"].value == spec.t3["granted"][0]
    assert any(d.role == "published" and d.text.startswith("2025-01-17") for d in report.dates)


def test_page_numbers_in_word_exports_are_ignored(spec):
    doc = render(spec, "word-tabs")
    lines = doc.text.split("\n")
    at = doc.lines["t3.denied_third_party"] - 1
    lines[at:at] = ["- 3 -", "7"]  # a page break inside table 三
    report = parse_text("\n".join(lines))
    assert report.problems == []
    assert report.tables["t3"].rows["denied_third_party"].cells["total"].value == spec.t3["denied_third_party"][6]


def test_missing_section_keeps_the_rest(spec):
    spec.drop_headings = {3}
    report = parse_text(render(spec).text)
    assert [s.number for s in report.sections] == [1, 2, 4, 5, 6]
    assert len(report.tables["t3"].rows) == 25  # the table is still read


def test_rows_with_a_cell_too_many_or_too_few_are_unread_once_for_the_table(spec):
    spec.t3["granted"] = spec.t3["granted"][:6]
    spec.t3["carried_forward"] = [*spec.t3["carried_forward"], 9]
    doc = render(spec, "blank-lines")
    report = parse_text(doc.text)
    t3 = report.tables["t3"]
    assert t3.status == "partial" and set(t3.unread_rows) == {"granted", "carried_forward"}
    assert t3.unread_rows["granted"]["found"] == 6 and t3.unread_rows["carried_forward"]["found"] == 8
    [problem] = [p for p in report.problems if p.kind == "unreadable-text"]
    assert problem.table == "t3" and {c["row"] for c in problem.cells} == {"granted", "carried_forward"}
    assert not [p for p in report.problems if p.kind == "table-shape"]
    assert report.tables["t3"].rows["granted"].cells["total"].kind == MISSING


def test_other_processing_as_one_row_is_kept(spec):
    merged = [sum(v) for v in zip(*(spec.t3.pop(k) for k in ("other_no_correction", "other_fee_unpaid", "other_other")))]
    text = render(spec, "blank-lines").text.replace(
        "（六）其他处理\n", "（六）其他处理\n\n" + "\n\n".join(str(v) for v in merged) + "\n")
    report = parse_text(text)
    assert "other_total" in report.tables["t3"].rows
    assert [p.kind for p in report.problems] == ["format-deviation"]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_split_header_words_are_understood(layout, spec):
    brk = "<br>" if layout == "markdown" else "\n"   # a line break inside a markdown cell is <br>
    text = render(spec, layout).text.replace("商业企业", f"商业{brk}企业").replace("结果纠正", f"结果{brk}纠正")
    assert parse_text(text).problems == []


def test_line_soup_never_raises():
    rng = random.Random(5)
    pool = render(random_spec(rng)).text.split("\n") + ["", "\t", "无", "/", "（七）总计", "其他", "总计"]
    for _ in range(200):
        lines = [rng.choice(pool) for _ in range(rng.randint(0, 120))]
        report = parse_text("\n".join(lines))
        assert report is not None


@pytest.mark.parametrize("layout", LAYOUTS)
def test_tolerant_labels(layout, spec):
    doc = render(spec, layout)
    text = (doc.text.replace("2.其他法律行政法规禁止公开", "2.其他法律行政止公开")          # OCR slip
                    .replace("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开")  # shortened
                    .replace("4.保护第三方合法权益", "4、保护第三方合法权益")
                    .replace("5.属于三类内部事务信息", "5.属于三类内部事物信息"))
    report = parse_text(text)
    assert len(report.tables["t3"].rows) == 25
    guesses = {(p.row, p.line) for p in report.problems if p.kind == "unknown-label"}
    assert guesses == {("denied_other_laws", doc.lines["t3.denied_other_laws"]),
                       ("denied_internal_affairs", doc.lines["t3.denied_internal_affairs"])}
    assert [p for p in report.problems if p.kind != "unknown-label"] == []
    assert report.tables["t3"].rows["denied_other_laws"].cells["total"].value == spec.t3["denied_other_laws"][6]


@pytest.mark.parametrize("cut", ["政府信息公开工|作年度报告", "政府信息|公开工作年度报告", "|2024年政府信息公开工作年度报告",
                                 "|2024年政府信息公开工作|年度报告"])
def test_a_title_printed_over_two_or_three_lines_is_one_title(cut):
    """A PDF wraps a long title mid-word (「…2024年政府信息公开工」 / 「作年度报告」): the agency and
    year are read from both lines, as from the agency on a line of its own."""
    spec = random_spec(random.Random(2))
    spec.agency, spec.year = "示例市示例区生态环境局", 2024
    text = render(spec, "blank-lines").text
    title = f"{spec.agency}2024年政府信息公开工作年度报告"
    assert title in text.splitlines()[:3]
    pieces = cut.split("|")
    lines = [spec.agency, *pieces[1:]] if not pieces[0] else [title[: title.index(pieces[1])], pieces[1]]
    split = text.replace(title, "\n".join(lines), 1)
    assert "".join(lines) == title
    meta = parse_text(split).meta
    assert (meta.agency, meta.year, meta.title) == (spec.agency, 2024, title)
    # a title on one line is untouched, and a paragraph above a whole title is not joined to it
    assert parse_text(text).meta.title == title
    above = text.replace(title, f"（此件公开发布）\n{title}", 1)
    assert parse_text(above).meta.title == title
    # two lines above a title without its agency: the second is taken only when it names one
    numbered = split.replace(lines[0], f"示政办〔2025〕3号\n{lines[0]}", 1)
    assert parse_text(numbered).meta.agency == spec.agency
