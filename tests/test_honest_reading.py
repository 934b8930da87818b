"""Honest reading of damaged layouts (issue #8): every cell exact, or its rows declared unread.

Each test writes a report the way a real converter, OCR tool or copy-paste damages it (the
classes named in ../shared/real/README.md), from our own generated report, never from the real
files. It asserts the exact reading, or exactly one GIX006 for the table and no cascade of
GIX003/GIX203/GIX205/balance findings on what could not be read.
"""

from __future__ import annotations

import random
import re

import pytest

from gixlint.parse import parse_text
from gixlint.testing import lint_text, random_spec, render
from gixlint.testing.generate import report_cells, spec_cells
from gixlint.vocab import labels as L

CASCADE = ("GIX003", "GIX203", "GIX205", "GIX301", "GIX302", "GIX303", "GIX304")


@pytest.fixture
def spec():
    return random_spec(random.Random(3))


def rules(findings) -> list[str]:
    return sorted(f.rule for f in findings)


def t3_line(values) -> str:
    return " | ".join(str(v) for v in values)


def assert_exact(text: str, spec) -> None:
    report = parse_text(text)
    assert report_cells(report) == spec_cells(spec)
    assert all(t.status == "exact" for t in report.tables.values())


# -- markdown from OCR and converters --------------------------------------------------------------


def test_invented_header_rows_are_not_data(spec):
    """「| 类别 | 数据1 | … | 总计 |」 above every row, and a bogus header row mid-table."""
    text = render(spec, "markdown").text
    bogus = "| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |\n|---|---|---|---|---|---|---|---|\n"
    text = text.replace("| 一、本年新收", bogus + "| 一、本年新收").replace(
        "|  | （四）无法提供", "| 项目 | 本年新收件数 | 上年结转件数 | 予以公开 | 部分公开 | 不予公开 | 结转下年度 | 总计 |\n"
        "|  | （四）无法提供")
    assert_exact(text, spec)
    assert lint_text(text) == lint_text(render(spec, "markdown").text)


def test_group_labels_as_markdown_headings_and_rows_without_numbering(spec):
    """OCR makes group labels into ``###`` headings, prints each row under its own heading, and
    drops the row's numbering (「| 予以公开 | 290 | … |」)."""
    lines = []
    for line in render(spec, "markdown").text.split("\n"):
        m = re.match(r"^\|\s*(三、本年度办理结果)?\s*\|\s*(（[三四五六]）\S+)\s*\|\s*(1\.\S+)\s*\|(.*)$", line)
        if m:
            lines += [f"### {m.group(2)}", "", f"| {m.group(3)} |{m.group(4)}"]
            continue
        m = re.match(r"^\|\s*(一、|二、)(\S+)\s*\|\s*\|\s*\|(.*)$", line)
        if m:
            lines += [f"### {m.group(1)}{m.group(2)}", "| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |",
                      "|---|---|---|---|---|---|---|---|", f"| {m.group(2)} |{m.group(3)}"]
            continue
        lines.append(line)
    text = "\n".join(lines)
    assert "### （三）不予公开" in text and "| 本年新收政府信息公开申请数量 |" in text
    assert_exact(text, spec)


def test_table_four_split_into_three_markdown_tables_is_one_table(spec):
    values = [v for block in spec.t4 for v in block] if isinstance(spec.t4[0], list) else list(spec.t4)
    text = render(spec, "markdown").text
    start = text.index("| 行政复议 |")
    end = text.index("## 五、")
    head = "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|\n"
    # printed in another order than the format's: the block names decide, not the order
    split = "".join(f"### {name}\n{head}| {t3_line(values[i * 5:(i + 1) * 5])} |\n\n"
                    for i, name in ((2, "行政诉讼（复议后起诉）"), (0, "行政复议"), (1, "行政诉讼（未经复议直接起诉）")))
    assert_exact(text[:start] + split + text[end:], spec)


def _detach(text: str, label: str, spec_row, fragment: str = "", printed_elsewhere: bool = True) -> str:
    """The row's label printed as prose above the table row, the row's cells without it."""
    pattern = re.compile(r"^\|[^\n]*?" + re.escape(label) + r" \|[^\n]*$", re.M)
    row = f"| {fragment} | {t3_line(spec_row)} |" if fragment else f"| {t3_line(spec_row)} |"
    prose = f"\n{label[:9]}\n{label[9:]}\n" if printed_elsewhere else "\n"
    return pattern.sub(lambda m: prose + row, text, count=1)


def test_a_detached_label_is_paired_when_only_one_place_fits(spec):
    text = render(spec, "markdown").text
    text = _detach(text, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", spec.t3["partially_granted"])
    text = _detach(text, "5.要求行政机关确认或重新出具已获取信息", spec.t3["not_processed_confirm_info"],
                   printed_elsewhere=False)
    text = _detach(text, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                   spec.t3["other_no_correction"], fragment="行政机关不再处理其政府信息公")
    assert_exact(text, spec)


def test_detached_rows_that_could_go_in_two_places_are_unread_once(spec):
    """Two label-less rows with three free places between their neighbours: no guessing."""
    text = render(spec, "markdown").text
    text = re.sub(r"^\|[^\n]*3\.危及“三安全一稳定” \|[^\n]*\n", "", text, flags=re.M)   # a row lost
    for key, label in (("denied_state_secret", "1.属于国家秘密"), ("denied_other_laws", "2.其他法律行政法规禁止公开")):
        text = _detach(text, label, spec.t3[key], printed_elsewhere=False)
    report = parse_text(text)
    t3 = report.tables["t3"]
    assert t3.status == "partial"
    assert set(t3.unread_rows) == {"denied_state_secret", "denied_other_laws", "denied_three_security_one_stability"}
    findings = lint_text(text)
    assert rules(findings).count("GIX006") == 1
    unread = set(t3.unread_rows)
    cascade = [f for f in findings if f.rule in CASCADE and (f.row in unread or f.table == "t3" and not f.row)]
    assert cascade == [], [f.message for f in cascade]


def test_a_row_with_too_few_cells_is_unread_not_shifted(spec):
    text = render(spec, "markdown").text
    row = spec.t3["granted"]
    text = text.replace(f"| （一）予以公开 |  | {t3_line(row)} |", f"| （一）予以公开 |  | {t3_line(row[:5])} |")
    findings = lint_text(text)
    [hit] = [f for f in findings if f.rule == "GIX006"]
    assert hit.table == "t3" and hit.row == "granted" and "读到 6 个格" in hit.message   # 5 numbers, 1 blank
    assert not [f for f in findings if f.rule in CASCADE]
    # what was not read is no cell's value: no 填报/应为 (it was 「填报 1，应为 0」, a count of rows)
    assert hit.expected is None and hit.actual is None and hit.message.count("请对照原件核实") == 1


def test_a_crawled_table_of_run_together_digits_is_one_plain_finding(spec):
    """A crawler's page with every table's digits run together: each table says once that it was
    not read and why, with no 填报/应为 (the digit run is no cell's value) and one 「请对照原件核实」."""
    text = render(spec, "blank-lines").text.replace("\n", "")      # the whole report on one line
    findings = [f for f in lint_text(text) if f.rule == "GIX006"]
    assert findings and {f.table for f in findings} <= {"t2", "t3", "t4"}
    for hit in findings:
        assert hit.expected is None and hit.actual is None
        assert hit.message.count("请对照原件核实") == 1 and "数字连在一起" in hit.message


# -- pdftotext rows ------------------------------------------------------------------------------------


def test_a_number_printed_against_its_row_label_is_that_row_s_first_cell(spec):
    """A browser's print through pdftotext can lose the gap between a label and its first number
    (「行政规范性文件3        5     11」, 「行政事业性收费0.35」): the row is read, not reported missing."""
    import re as _re

    text = render(spec, "rows").text
    glued = text
    for label in ("行政规范性文件", "行政事业性收费"):
        glued, n = _re.subn(rf"^(\s*{label})\s+(\d)", r"\1\2", glued, count=1, flags=_re.M)
        assert n == 1, label
    assert_exact(glued, spec)
    assert not [f for f in lint_text(glued) if f.rule in ("GIX003", "GIX006")]


def test_an_item_number_set_apart_from_its_label_is_part_of_it(spec):
    """A browser's print through pdftotext sets item numbers apart from their labels
    (「1.   属于国家秘密」, 「3.   其他」): each row is still read, none reported missing."""
    import re as _re

    text = render(spec, "rows").text
    apart, n = _re.subn(r"(?<=\s)(\d\.)(?=[\u4e00-\u9fff])", r"\1   ", text)
    assert n >= 15
    assert_exact(apart, spec)
    assert not [f for f in lint_text(apart) if f.rule in ("GIX003", "GIX006")]


def test_stacked_table_four_header_words_are_never_values(spec):
    """pdftotext prints table 四's header cells stacked over several lines around the one line of
    15 numbers (「维持 纠正 结果 审结」, 「总 计」)."""
    values = [v for block in spec.t4 for v in block] if isinstance(spec.t4[0], list) else list(spec.t4)
    text = render(spec, "rows").text
    start = text.index("四、政府信息公开行政复议")
    end = text.index("五、存在的主要问题")
    numbers = "    ".join(str(v) for v in values)
    damaged = ("四、政府信息公开行政复议、行政诉讼情况\n"
               "          行政复议                              行政诉讼\n\n"
               "                              未经复议直接起诉                  复议后起诉\n\n"
               "结果   结果     其他   尚未\n"
               "                    总 计 结果 结果 其他       尚未     结果 结果 其他 尚未\n"
               "维持   纠正     结果   审结                                               总计\n"
               "                                          总 计\n"
               "                        维持 纠正 结果       审结     维持 纠正 结果 审结\n\n\n"
               f"{numbers}\n\n")
    text = text[:start] + damaged + text[end:]
    assert_exact(text, spec)
    assert not [f for f in lint_text(text) if f.table == "t4"]


def test_page_numbers_and_repeated_headers_inside_a_table_are_not_cells(spec):
    text = render(spec, "rows").text
    for marker, page in (("4.保护第三方合法权益", "-4-"), ("2.重复申请", "— 5 —")):
        i = text.index(marker)
        i = text.rindex("\n", 0, i)
        text = text[:i] + f"\n\n                                  {page}\n\f" + text[i:]
    # the table's header printed again at the top of the next page
    i = text.rindex("\n", 0, text.index("2.重复申请"))
    text = (text[:i] + "\n                      申请人情况\n                         自然人    法人或其他组织    总计\n"
            "                       商业企业 科研机构 社会公益组织 法律服务机构 其他\n" + text[i:])
    assert_exact(text, spec)
    assert not [f for f in lint_text(text) if f.table]


@pytest.mark.parametrize("style", ["1、", "(1)", "1．", "（1）"])
def test_row_label_numbering_variants(spec, style):
    text = render(spec, "word-tabs").text

    def renumber(m):
        n = m.group(1)
        return "\t" + style.replace("1", n) + m.group(2)

    text = re.sub(r"^\t(\d)\.([\u4e00-\u9fff])", renumber, text, flags=re.M)
    assert style.replace("1", "3") + "其他" in text
    assert_exact(text, spec)
    assert not [f for f in lint_text(text) if f.rule in ("GIX003", "GIX004")]


# -- web pages converted to one cell per line -------------------------------------------------------


def _tab_layout(spec, blanks: dict[str, set[int]]) -> str:
    """One cell per line with a TAB before each cell and a blank line after each row; the given
    cells left blank (a lone TAB)."""
    text = render(spec, "word-tabs").text
    for key, columns in blanks.items():
        label = L.T3_ROWS[key]
        start = text.index("\t" + label)
        lines = text[start:].split("\n")
        for c in columns:
            lines[1 + c] = "\t"
        text = text[:start] + "\n".join(lines)
    return text


def test_lone_tabs_are_blank_cells_read_in_place(spec):
    key = max(L.T3_LEAVES, key=lambda k: (spec.t3[k][:6].count(0), k))
    zeros = {c for c, v in enumerate(spec.t3[key][:6]) if v == 0}
    text = _tab_layout(spec, {key: zeros})
    report = parse_text(text)
    row = report.tables["t3"].rows[key]
    assert [c.kind for c in row.cells.values()] == ["blank" if c in zeros else "number" for c in range(7)]
    findings = lint_text(text)
    # blanks instead of zeros: one warning listing the cells; the tables still balance with blanks as 0
    [blank] = [f for f in findings if f.rule == "GIX205"]
    assert len(blank.cells) == len(zeros) >= 2 and not [f for f in findings if f.rule.startswith("GIX3")]


def test_a_blank_total_beside_filled_parts_is_a_balance_error(spec):
    key = next(k for k in L.T3_LEAVES if spec.t3[k][6] > 0)
    text = _tab_layout(spec, {key: {6}})
    findings = lint_text(text)
    [hit] = [f for f in findings if f.rule == "GIX301"]
    assert hit.severity == "error" and hit.row == key and hit.expected == spec.t3[key][6] and hit.actual is None


def test_single_other_processing_row_of_blanks_is_a_data_row(spec):
    """The 2019 trial format's single （六）其他处理 row, all blank: its own row, not a heading
    over three missing 2021 rows."""
    merged = [sum(v) for v in zip(*(spec.t3.pop(k) for k in L.T3_OTHER_LEAVES))]
    assert merged == [0] * 7 or True
    text = render(spec, "word-tabs").text
    start = text.index("\t（六）其他处理")
    end = text.index("\t（七）总计")
    text = text[:start] + "\t（六）其他处理\n" + "\t\n" * 7 + "\n" + text[end:]
    report = parse_text(text)
    t3 = report.tables["t3"]
    assert "other_total" in t3.rows and all(c.kind == "blank" for c in t3.rows["other_total"].cells.values())
    assert not [p for p in report.problems if p.kind == "table-shape"]


# -- dates -------------------------------------------------------------------------------------------------


def _hard_wrap(text: str, width: int) -> str:
    """Prose cut into lines of ``width`` characters, as a PDF-to-Markdown converter leaves it."""
    out = []
    for line in text.split("\n"):
        if line.startswith(("|", "#")) or len(line) <= width:
            out.append(line)
        else:
            out.extend(line[i:i + width] for i in range(0, len(line), width))
    return "\n".join(out)


def test_a_period_sentence_wrapped_across_lines_without_its_second_year():
    spec = random_spec(random.Random(5))
    spec.period = None
    first = "本报告根据《中华人民共和国政府信息公开条例》编制，所列数据统计期限为 2024"
    second = "年 1 月 1 日至 12 月 31 日。电子版可在本机关门户网站下载。"
    text = _hard_wrap(render(spec, "markdown").text, len(first))
    text = text.replace("## 一、总体情况", f"{first}\n{second}\n\n## 一、总体情况", 1)
    report = parse_text(text)
    roles = {d.role for d in report.dates}
    assert {"period_start", "period_end"} <= roles, [d.to_json() for d in report.dates]
    assert not [f for f in lint_text(text) if f.rule in ("GIX503", "GIX504")]
    assert report_cells(report) == spec_cells(spec)


@pytest.mark.parametrize("header", ["时间：2025-01-08 15:34", "发布日期：2025-01-31"])
def test_web_page_header_dates_are_publication_dates(header):
    spec = random_spec(random.Random(6))
    spec.signoff = None
    text = render(spec, "blank-lines").text
    title_end = text.index("\n")
    text = text[:title_end] + "\n\n来源：示例区人民政府 " + header + "\n" + text[title_end:]
    report = parse_text(text)
    assert [d.role for d in report.dates if d.role == "published"] == ["published"]
    assert not [f for f in lint_text(text) if f.rule == "GIX508"]


# -- findings scoped to what was read -------------------------------------------------------------


def test_a_balance_finding_on_reconstructed_numbers_is_a_warning_to_verify(spec):
    """Numbers split out of run-together digits are a lead, never an error on their own."""
    from gixlint.lint.linter import Linter
    from gixlint.testing import TODAY

    spec.t3["granted"][0] += 1
    spec.t3["granted"][6] += 1          # the row balances, column 自然人 does not
    report = parse_text(render(spec, "word-tabs").text)
    linter = Linter.create(today=TODAY, load_plugins=False)
    [plain] = [f for f in linter.check(report) if f.rule == "GIX302" and f.column == "natural_person"]
    assert plain.severity == "error" and "粘连" not in plain.message
    report.tables["t3"].reconstructed = True
    [lead] = [f for f in linter.check(report) if f.rule == "GIX302" and f.column == "natural_person"]
    assert lead.severity == "warning" and "唯一可行的拆分" in lead.message


@pytest.mark.parametrize("agency, published, late", [
    ("平潭综合实验区", "2025-02-08", False),       # a place's own report: 3月31日
    ("示例市示例区人民政府", "2025-02-08", False),
    ("示例市示例区生态环境局", "2025-02-08", True),  # a department: 1月31日
    ("示例市人民政府办公室", "2025-02-08", True),
])
def test_deadline_by_who_publishes(agency, published, late):
    spec = random_spec(random.Random(7))
    spec.agency, spec.signoff, spec.published = agency, None, published
    findings = lint_text(render(spec, "blank-lines").text)
    assert ("GIX506" in rules(findings)) is late


def test_nested_numbering_is_a_list_level_not_a_slip():
    spec = random_spec(random.Random(8))
    spec.overview = ["2024年，本机关扎实推进政务公开。" * 6, "（一）主动公开情况。全年主动公开信息120条。",
                     "（1）推进权责清单公开。", "（2）推进基层政务公开。", "（3）推进规范性文件清理。",
                     "（二）依申请公开情况。全年收到申请若干件。", "（1）完善制度规范。", "（2）提高服务质量。",
                     "（三）政府信息管理情况。", "（四）平台建设情况。", "（五）监督保障情况。"]
    assert not [f for f in lint_text(render(spec, "blank-lines").text) if f.rule == "GIX105"]
    spec.overview[9] = "（4）平台建设情况。"     # written in the wrong style where （四） belongs
    [hit] = [f for f in lint_text(render(spec, "blank-lines").text) if f.rule == "GIX105"]
    assert hit.actual == "（4）" and hit.expected == "（四）"


# -- section headings worded otherwise --------------------------------------------------------------


@pytest.mark.parametrize("number, heading", [
    (4, "四、因政府信息公开申请行政复议、提起行政诉讼情况"), (4, "四、政府信息公开行政复议、行政诉讼情况统计"),
    (2, "二、主动公开政府信息"), (2, "二、主动公开情况"), (3, "三、依申请公开情况"), (3, "三、收到和处理政府信息公开申请"),
    (1, "一、总体概况"), (1, "一、工作总体情况"), (5, "五、主要问题和改进情况"), (6, "六、其他需报告的事项"),
])
@pytest.mark.parametrize("layout", ["blank-lines", "markdown", "rows"])
def test_a_part_headed_in_other_words_is_that_part(number, heading, layout):
    """Numbered as the part, where the part belongs: never 「缺少第N部分」, at most a wording note."""
    spec = random_spec(random.Random(3))
    spec.headings = {number: heading}
    findings = lint_text(render(spec, layout).text)
    assert [f.rule for f in findings if f.severity != "info"] == []
    [wording] = [f for f in findings if f.rule == "GIX104"] or [None]
    assert wording is None or wording.actual == heading[2:]


@pytest.mark.parametrize("style", ["第{n}部分 ", "（{n}）"])
def test_parts_numbered_otherwise_are_found(style):
    spec = random_spec(random.Random(3))
    spec.headings = {i: style.format(n=L.NUMERALS[i - 1]) + L.SECTION_TITLES[i] for i in range(1, 7)}
    report = parse_text(render(spec, "blank-lines").text)
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert {f.rule for f in lint_text(render(spec, "blank-lines").text) if f.severity != "info"} == {"GIX103"}


def test_a_numbered_table_label_is_never_taken_for_a_missing_part():
    spec = random_spec(random.Random(3))
    spec.drop_headings = {4}
    findings = lint_text(render(spec, "blank-lines").text)
    assert "GIX101" in {f.rule for f in findings}    # 「四、结转下年度继续办理」 is not 四's heading


# -- OCR and converter slips inside a row ----------------------------------------------------------


@pytest.mark.parametrize("letter", ["O", "o", "l"])
@pytest.mark.parametrize("layout", ["markdown", "rows"])
def test_a_digit_read_as_a_letter_makes_the_row_unread(spec, letter, layout):
    text = render(spec, layout).text
    row = spec.t3["not_processed_duplicate"]
    column = next(c for c in range(6) if row[c] in (0, 1))
    printed = re.compile(r"(2\.重复申请\D*?)" + r"(\d+\D+?)" * column + r"\d+")
    text = printed.sub(lambda m: m.group(0)[:-len(str(row[column]))] + letter, text, count=1)
    assert f"{letter}" in text
    findings = lint_text(text)
    [hit] = [f for f in findings if f.rule == "GIX006"]
    assert hit.row == "not_processed_duplicate" and "字母" in hit.message
    assert not [f for f in findings if f.rule in CASCADE]


@pytest.mark.parametrize("letter", ["O", "1O", "l"])
@pytest.mark.parametrize("kind", ["docx", "html"])
def test_a_letter_typed_in_a_word_or_web_cell_is_that_cell_s_finding(spec, letter, kind, tmp_path):
    """A Word file's or web page's cells are what someone typed, not what recognition guessed:
    「1O」 there is the cell's own content, a GIX203 on that cell, and the rest of the table is
    checked; nothing to 「对照原件核实」, the file is the original."""
    from gixlint.lint.linter import Linter
    from gixlint.testing.formats import write_docx, write_html

    row = spec.t3["not_processed_duplicate"]
    column = next(c for c in range(6) if row[c] in (0, 1))
    row[column] = letter
    path = (write_docx if kind == "docx" else write_html)(spec, tmp_path / f"r.{kind}")
    findings = Linter.create(load_plugins=False).lint_file(path).findings
    assert "GIX006" not in {f.rule for f in findings}
    [hit] = [f for f in findings if f.rule == "GIX203"]
    assert (hit.row, hit.column) == ("not_processed_duplicate", list(L.T3_COLUMNS)[column]) and f"「{letter}」" in hit.message


def test_the_chinese_numeral_zero_is_zero(spec):
    text = render(spec, "markdown").text
    row = spec.t3["not_processed_duplicate"]
    assert 0 in row[:6]
    cells = [("〇" if v == 0 else str(v)) for v in row]
    text = re.sub(r"2\.重复申请 \|[^\n]*", "2.重复申请 | " + " | ".join(cells) + " |", text, count=1)
    assert_exact(text, spec)


def test_a_row_padded_after_a_lost_number_is_unread_not_shifted(spec):
    """A converter dropped one number and padded the row at its end: every number after the gap
    sits one column left. Reading it as printed would give false balance errors."""
    values = [v for block in spec.t4 for v in block] if isinstance(spec.t4[0], list) else list(spec.t4)
    text = render(spec, "markdown").text
    row = "| " + " | ".join(map(str, values)) + " |"
    damaged = "| " + " | ".join(map(str, values[:7] + values[8:])) + " |  |"
    assert row in text
    findings = lint_text(text.replace(row, damaged))
    assert [f.rule for f in findings if f.table == "t4"] == ["GIX006"]
    t3_row = "2.重复申请 | " + " | ".join(map(str, spec.t3["not_processed_duplicate"])) + " |"
    lost = spec.t3["not_processed_duplicate"]
    text = text.replace(t3_row, "2.重复申请 | " + " | ".join(map(str, lost[1:])) + " |  |")
    findings = lint_text(text)
    assert [f.rule for f in findings if f.table == "t3"] == ["GIX006"]


@pytest.mark.parametrize("layout, sep", [("word-tabs", "\n\t"), ("word-tabs", "\n"), ("blank-lines", "\n"),
                                         ("blank-lines", "\n\n")])
@pytest.mark.parametrize("label, cut", [("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 7),
                                        ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 15),
                                        ("一、本年新收政府信息公开申请数量", 8)])
def test_a_label_broken_over_lines_in_a_web_page_is_one_label(spec, layout, sep, label, cut):
    text = render(spec, layout).text
    assert label in text
    text = text.replace(label, label[:cut] + sep + label[cut:], 1)
    assert_exact(text, spec)


@pytest.mark.parametrize("seed", [3, 5])
@pytest.mark.parametrize("layout", ["tsv", "markdown", "word-tabs", "pdf"])
def test_blanks_for_zeros_are_read_in_place(tmp_path, seed, layout):
    """A report that prints blanks for zeros, rows entirely blank and (seed 5) a column blank from
    top to bottom: where cells keep their place (tabs, pipes, lone TABs, a PDF's columns) every
    blank is read where it stands."""
    spec = random_spec(random.Random(seed))
    for key, values in spec.t3.items():
        spec.t3[key] = ["" if v == 0 else v for v in values]
    if layout == "pdf":
        pytest.importorskip("reportlab")
        from gixlint.parse import parse_file
        from gixlint.testing.pdf import write_pdf

        path = tmp_path / "blanks.pdf"
        write_pdf(spec, path)
        report = parse_file(path)
    else:
        report = parse_text(render(spec, layout).text)
    assert report.tables["t3"].status == "exact"
    assert report_cells(report) == spec_cells(spec)


def test_a_bare_page_number_before_a_form_feed_is_not_a_cell(spec):
    text = render(spec, "rows").text
    i = text.rindex("\n", 0, text.index("4.保护第三方合法权益"))
    text = text[:i] + "\n\n                                  3\n\f" + text[i:]
    assert_exact(text, spec)


def test_the_overview_never_counts_a_table_not_read_as_balanced(tmp_path, spec, capsys):
    import json

    from gixlint.cli import main

    clean = render(spec, "markdown").text
    row = spec.t3["granted"]
    damaged = clean.replace(f"| （一）予以公开 |  | {t3_line(row)} |", f"| （一）予以公开 |  | {t3_line(row[:5])} |")
    assert damaged != clean
    (tmp_path / "a.md").write_text(clean, encoding="utf-8")
    (tmp_path / "b.md").write_text(damaged.replace("示例市示例区生态环境局", "示例市示例区水利局"), encoding="utf-8")
    main([str(tmp_path), "--format", "json", "--no-plugins", "--no-progress"])
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["overview"]["balanced"] == 1
    b = next(f for f in data["files"] if f["path"].endswith("b.md"))
    assert b["tables"]["t3"]["status"] == "partial" and b["tables"]["t3"]["unread_rows"][0]["row"] == "granted"


def test_table_four_with_blank_places_at_both_ends_is_not_guessed(spec):
    """Sixteen places for table 四's fifteen values, blank at both ends (a stray empty cell before
    the values, and 复议后起诉·总计 printed blank): which blank is the table's cannot be told,
    and dropping either one would move every value. The table is declared unread, once."""
    spec.t4[14] = ""
    text = render(spec, "word-tabs").text
    four = text.index("四、政府信息公开行政复议")
    values = text.rindex("\t总计\n\n", four, text.index("五、", four)) + len("\t总计\n\n")  # after the header
    stray = text[:values] + "\t\n" + text[values:]
    report = parse_text(stray)
    assert report.tables["t4"].status == "unreadable"
    findings = lint_text(stray)
    assert rules(f for f in findings if f.table == "t4") == ["GIX006"]
    # the blank at one end only: read exactly
    assert_exact(text, spec)


def test_table_four_by_blocks_with_one_block_all_blank_is_read(spec):
    """Table 四 printed as three blocks, each under its name and field words, one block's five
    cells all blank: fifteen places for fifteen values, so the blank block is read as blanks (one
    true GIX205), not taken for the header's empty places (which left ten and an unread table)."""
    text = render(spec, "word-tabs").text
    four = text.index("四、政府信息公开行政复议")
    fields = "".join(f"\t{f}\n" for f in L.T4_FIELDS.values()) + "\n"
    blocks = [("行政复议", [""] * 5), ("行政诉讼（未经复议直接起诉）", spec.t4[5:10]), ("行政诉讼（复议后起诉）", spec.t4[10:])]
    body = "".join(f"\t{name}\n\n{fields}" + "".join(f"\t{v}\n" for v in values) + "\n" for name, values in blocks)
    text = text[:four] + "四、政府信息公开行政复议、行政诉讼情况\n" + body + text[text.index("五、", four):]
    t4 = parse_text(text).tables["t4"]
    assert t4.status == "exact"
    assert [c.kind for c in t4.rows["review"].cells.values()] == ["blank"] * 5
    assert [c.value for c in t4.rows["litigation_after_review"].cells.values()] == spec.t4[10:]
    assert rules(f for f in lint_text(text) if f.table == "t4") == ["GIX205"]



def test_a_sentence_after_an_unread_table_is_still_the_reports(spec):
    """Table 四 unread (blank places at both ends), and the fee statement printed just after it,
    before 五, with 六 saying only 「无其他需要报告的事项。」: the statement is still read (it
    was dropped with the unread table's lines, and GIX401 said the report had none)."""
    spec.t4[14] = ""
    text = render(spec, "word-tabs").text
    four = text.index("四、政府信息公开行政复议")
    values = text.rindex("\t总计\n\n", four, text.index("五、", four)) + len("\t总计\n\n")
    fee = next(line for line in text.split("\n") if "信息处理费" in line)
    text = text[:values] + "\t\n" + text[values:]
    five = text.index("五、", four)
    text = text[:five] + fee + "\n" + text[five:].replace(fee + "\n", "无其他需要报告的事项。\n")
    assert parse_text(text).tables["t4"].status == "unreadable"
    assert not {"GIX401", "GIX402"} & {f.rule for f in lint_text(text)}
