"""Second red-team round (issue #8): what real reports do that our generated ones did not."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from gixlint.parse import parse_text
from gixlint.testing import lint_text, random_spec, render
from gixlint.testing.generate import report_cells, spec_cells

SIGN = "示例市示例区生态环境局\n2025年1月20日\n"


@pytest.fixture
def spec():
    return random_spec(random.Random(1))


def serious(text: str) -> list[str]:
    return [f.rule for f in lint_text(text) if f.severity != "info"]


@pytest.mark.parametrize("glue", ["：", "。", " ", "\u3000", ""])
def test_a_heading_with_its_first_sentence_on_the_same_line(spec, glue):
    text = render(spec, "word-tabs").text
    for heading in ("一、总体情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
        text = text.replace(heading + "\n", heading + glue, 1)
    assert serious(text) == []
    assert [s.number for s in parse_text(text).sections] == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize("mark", [r"## \1", r"**\1**"])
def test_markdown_headings_in_a_text_without_pipe_tables(spec, mark):
    text = re.sub(r"^([一二三四五六]、.*)$", mark, render(spec, "word-tabs").text, flags=re.M)
    assert serious(text) == []


def test_markdown_with_html_tables(spec):
    """What PDF converters such as MinerU write: Markdown text, tables as HTML."""
    from gixlint.testing.formats import render_markdown_html

    text = render_markdown_html(spec)
    assert text.count("<table") == 3 and "|" not in text
    report = parse_text(text)
    assert report.layout == "html-tables" and report_cells(report) == spec_cells(spec)
    assert serious(text) == []


def test_an_ocr_tools_header_rows_in_html_tables_are_not_values(spec):
    """An OCR tool that cuts table 三 into one HTML table per row, each under an invented header
    (「类别 | 数据1 | … | 数据6 | 总计」) and a heading repeating the row's label: the header words
    are never read as the cells of the heading's row (they were, as 「数据1」 in 自然人). Table 二
    stays in pipes, as pandoc writes tables without merged cells: both kinds are read."""
    from gixlint.testing.formats import t3_rows
    from gixlint.vocab import labels as L

    def td(text):
        return f"<td>{text}</td>"

    header = "<tr>" + "".join(td(t) for t in ("类别", *(f"数据{i}" for i in range(1, 7)), "总计")) + "</tr>"
    blocks = []
    for row in t3_rows(spec):
        label = L.T3_ROWS[row.key]
        cells = "".join(td("" if v is None else v) for v in row.values)
        blocks.append(f"### {label}\n<table>{header}<tr>{td(label)}{cells}</tr></table>\n")
    parts = re.split(r"((?:^\|.*\|\s*\n)+)", render(spec, "markdown").text, flags=re.M)
    text = "".join("\n".join(blocks) if p.startswith("|") and "予以公开" in p else p for p in parts)
    report = parse_text(text)
    assert report.layout == "html-tables"
    assert report_cells(report) == spec_cells(spec)
    assert not any("数据" in c.raw for row in report.tables["t3"].rows.values() for c in row.cells.values())
    assert serious(text) == []


@pytest.mark.parametrize("date", ["二O二五年一月二十日", "二0二五年一月二十日"])
def test_a_sign_off_year_with_the_letter_or_digit_for_zero(spec, date):
    text = render(spec, "word-tabs").text.replace(SIGN, "示例市示例区生态环境局\n" + date + "\n")
    assert "GIX508" not in serious(text)


@pytest.mark.parametrize("after", ["附件：\n1.统计表\n2.解读\n", "联系电话：0551-1234567\n地址：示例路1号\n邮编：230000\n"])
def test_text_after_the_sign_off(spec, after):
    text = render(spec, "word-tabs").text.replace(SIGN, SIGN + after)
    assert "GIX508" not in serious(text)


@pytest.mark.parametrize("signoff", ["示例市示例区生态环境局  2025年1月20日\n", "示例市示例区生态环境局\t2025年1月20日\n",
                                     "示例市示例区生态环境局\n2025年1月20日（此件公开发布）\n"])
def test_agency_and_date_on_one_line_or_with_a_note(spec, signoff):
    text = render(spec, "word-tabs").text.replace(SIGN, signoff)
    report = parse_text(text)
    assert [d.role for d in report.dates if d.role == "signoff"] == ["signoff"]
    assert "GIX508" not in serious(text)


def test_the_fee_stated_outside_section_six(spec):
    spec.other_matters = ["无其他需要报告的事项。"]
    spec.overview[1] = spec.overview[1] + "本年度未收取信息处理费。"
    text = render(spec, "word-tabs").text
    assert {"GIX401", "GIX402"} & set(serious(text)) == set()
    spec.overview[1] = spec.overview[1].replace("本年度未收取信息处理费。", "")
    assert {"GIX401", "GIX402"} <= set(serious(render(spec, "word-tabs").text))


def test_gix402_accepts_exactly_what_gix401_accepts():
    import tomli

    pack = tomli.loads((Path(__file__).resolve().parents[1] / "rules" / "national-2021.toml").read_text("utf-8"))
    rules = {r["id"]: r for r in pack["rule"]}
    assert rules["GIX402"]["unless_patterns"] == rules["GIX401"]["patterns"]


def test_a_2021_table_two_keeping_the_procurement_block(spec):
    text = render(spec, "word-tabs").text
    row = "\t行政事业性收费\n\t" + str(spec.t2["fee_amount"][0]) + "\n"
    assert row in text
    text = text.replace(row, row + "\n\t第二十条第（九）项\n\n\t信息内容\n\t采购总金额\n\n\t政府集中采购\n\t125.6\n")
    report = parse_text(text)
    assert report.meta.format == "v2021" and "t2" in report.tables
    assert serious(text) == ["GIX004"]        # an extra row the 2021 format has not


def test_a_sentence_that_excepts_the_carried_over_applications(spec):
    carried = sum(spec.t3["carried_forward"][:6])
    if not carried:
        spec.t3["carried_forward"] = [1, 0, 0, 0, 0, 0, 1]
        carried = 1
    spec.overview[1] += f"本年度共接收政府信息公开申请若干件，除{carried}件结转下一年度外，其余全部办结。"
    assert "GIX604" not in serious(render(spec, "word-tabs").text)


@pytest.mark.parametrize("sentence", ["全区共收到政府信息公开申请320件，其中本机关收到{n}件。",
                                      "2024年，区政府各部门共收到政府信息公开申请1200件。"])
def test_a_count_for_a_wider_scope_is_not_compared(spec, sentence):
    spec.overview[1] += sentence.format(n=spec.t3["new_received"][6])
    assert "GIX601" not in serious(render(spec, "word-tabs").text)


def test_a_sub_district_office_has_the_governments_deadline(spec):
    spec.agency, spec.signoff = "示例市示例区示例街道办事处", "2025年2月20日"
    assert "GIX506" not in serious(render(spec, "word-tabs").text)


def test_a_two_year_comparison_is_no_stale_year(spec):
    spec.overview[1] += "2023年，本机关收到政府信息公开申请40件；2024年收到50件，同比增长25%。"
    assert "GIX510" not in serious(render(spec, "word-tabs").text)


def test_subtotals_in_a_group_row_are_a_deviation_not_a_broken_table(spec):
    text = render(spec, "tsv").text
    rows = [k for k in spec.t3 if k.startswith("denied_")]
    subtotal = [sum(spec.t3[k][c] for k in rows) for c in range(7)]
    lines = text.split("\n")
    i = next(n for n, line in enumerate(lines) if "（三）不予公开" in line)
    lines.insert(i, "\t（三）不予公开\t\t" + "\t".join(map(str, subtotal)))
    lines[i + 1] = lines[i + 1].replace("（三）不予公开", "")
    findings = lint_text("\n".join(lines))
    assert [f.rule for f in findings if f.severity == "error"] == []
    assert "GIX005" in {f.rule for f in findings}


def test_a_table_with_most_rows_lost_is_partly_read_not_missing_rows(spec):
    text = re.sub(r"\s*\n\s*", " ", render(spec, "rows").text)
    report = parse_text(text)
    t3 = report.tables.get("t3")
    if t3 is not None and len(t3.rows) < 20:
        assert t3.status != "exact"
    assert "GIX003" not in serious(text)


def test_hidden_text_in_a_word_cell_is_not_read(tmp_path):
    import zipfile

    from gixlint.parse import parse_file
    from gixlint.testing.formats import write_docx

    spec = random_spec(random.Random(3))
    path = tmp_path / "report.docx"
    write_docx(spec, path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    body = parts["word/document.xml"].decode()
    runs = list(re.finditer(r"<w:r>(?:(?!</w:r>).)*?<w:t[^>]*>\d+</w:t></w:r>", body))
    run = runs[len(runs) // 2].group(0)           # a number in a table cell
    parts["word/document.xml"] = body.replace(run, run + "<w:r><w:rPr><w:vanish/></w:rPr><w:t>7</w:t></w:r>", 1).encode()
    hidden = tmp_path / "hidden.docx"
    with zipfile.ZipFile(hidden, "w") as out:
        for name, data in parts.items():
            out.writestr(name, data)
    assert report_cells(parse_file(hidden)) == spec_cells(spec)
