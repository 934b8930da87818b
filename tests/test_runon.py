"""Crawled pages with the whole report on a few lines (layout ``run-on``, issue #8).

The inputs are built here: page chrome, then the report with its headings inline and its tables
flattened label after label, the cells' digits run together — the way a site crawler saves a
report page. Runs of digits are split only where exactly one split fits the table.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from gixlint.layout.runon import Column, _sum_check, find_headings, pieces_of, split_run
from gixlint.layout.text import detect, from_text
from gixlint.parse import parse_text
from gixlint.read.document import CHROME
from gixlint.testing import lint_text
from gixlint.vocab import labels as L

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real"
T3_COLUMNS = 7

# table 三, balanced; every run below has exactly one split that fits (see test_the_runs_used_here)
BALANCED = {
    "new_received": [9, 0, 0, 1, 0, 3, 13],        # 900103 13 run together: 900103 13 → 9/0/0/1/0/3/13
    "granted": [7, 0, 0, 1, 0, 2, 10],
    "partially_granted": [1, 0, 0, 0, 0, 0, 1],
    "unable_not_held": [1, 0, 0, 0, 0, 1, 2],
    "total": [9, 0, 0, 1, 0, 3, 13],
}
_GROUPS = {"granted": "三、本年度办理结果", "denied_state_secret": "（三）不予公开", "unable_not_held": "（四）无法提供",
           "not_processed_petition": "（五）不予处理", "other_no_correction": "（六）其他处理"}


def _t3(rows: dict[str, list]) -> str:
    out = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计 "
           "商业企业科研机构社会公益组织法律服务机构其他"]
    for key, label in L.T3_ROWS.items():
        out.append(_GROUPS.get(key, ""))
        cells = rows.get(key, [0] * T3_COLUMNS)
        out.append(label + (cells if isinstance(cells, str) else "".join(str(c) for c in cells)))
    return "".join(out)


def run_on(t3: dict[str, list] | None = None, t4: str = "10203120001200000", normative: str = "213",
           six: str = "本年度未收取信息处理费。", time: str = "2025-01-20 09:15", sign_off: str = "") -> str:
    """A report page as a crawler saves it: the title, then everything on one line."""
    chrome = (f"当前位置： 首页 > 政务公开 > 年度报告 示例县示例局2024年政府信息公开工作年度报告 来源：示例县示例局 "
              f"时间：{time} 微信 微博 QQ空间 打印 相关链接： --> ")
    body = (
        "根据《中华人民共和国政府信息公开条例》要求，编制本报告。本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。"
        "一、总体情况2024年，本局认真贯彻落实政务公开工作要求，推进决策、执行、管理、服务、结果公开。"
        "（一）主动公开。全年通过政府网站主动公开政府信息120条，其中政策文件解读6篇。"
        "（二）依申请公开。本年度共收到政府信息公开申请13件，均在法定期限内办结。"
        "（三）政府信息管理。严格落实信息发布保密审查制度，做到先审后发。"
        "（四）平台建设。及时更新政府信息公开专栏，保障栏目内容准确。"
        "（五）监督保障。将政务公开纳入年度考核，开展业务培训2次。"
        "二、主动公开政府信息情况 第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数"
        f"规章 000行政规范性文件{normative}第二十条第（五）项信息内容本年处理决定数量行政许可52"
        "第二十条第（六）项信息内容 本年处理决定数量行政处罚7行政强制0"
        "第二十条第（八）项信息内容 本年收费金额（单位：万元）行政事业性收费1.5"
        f"三、收到和处理政府信息公开申请情况{_t3(t3 or BALANCED)} "
        "四、政府信息公开行政复议、行政诉讼情况 行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计"
        "未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计"
        f"{t4}"
        "五、存在的主要问题及改进情况（一）存在的主要问题：政策解读形式较为单一。（二）改进措施：丰富解读形式，提升解读质量。"
        f"六、其他需要报告的事项{six}{sign_off} 附件下载"
    )
    return "示例县示例局2024年政府信息公开工作年度报告\n" + chrome + body + "\n"


def _rules(findings) -> list[str]:
    return sorted(f.rule for f in findings)


# -- splitting a run ---------------------------------------------------------------------------


def test_a_run_splits_only_when_exactly_one_way_fits():
    seven = [Column() for _ in range(T3_COLUMNS)]
    check = _sum_check(6)
    one = split_run(["90010313"], seven, check)
    assert one.readings == [["9", "0", "0", "1", "0", "3", "13"]]
    several = split_run(["110000011"], seven, check)      # 11/0/0/0/0/0/11 and 1/10/0/0/0/0/11
    assert several.count == 2
    none = split_run(["1011"], seven, check)               # four digits cannot fill seven cells
    assert none.count == 0
    # no leading zero in a number of several digits: 0 0 00 00 0 is seven zeros, nothing else
    assert split_run(pieces_of("0 0 00 00 0"), seven, check).readings == [["0"] * 7]
    # a minus sign only where a column may be negative; a decimal point only in an amount
    change = [Column(), Column(negative=True)]
    assert split_run(["35-15"], change).readings == [["35", "-15"]]
    assert split_run(["35-15"], [Column(), Column()]).count == 0
    assert split_run(["2.5"], [Column(), Column()]).count == 0
    assert split_run(["2.5"], [Column(decimal=True)]).readings == [["2.5"]]


def test_the_runs_used_here():
    check = _sum_check(6)
    for key, cells in BALANCED.items():
        run = "".join(str(c) for c in cells)
        assert split_run([run], [Column() for _ in cells], check).count == 1, key


# -- the report around the tables ------------------------------------------------------------------


def test_run_on_text_is_laid_out_as_a_report():
    text = run_on()
    assert detect(text.split("\n")) == "run-on"
    layout = from_text(text)
    assert layout.variant == "run-on"
    report = parse_text(text)
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert report.meta.year == 2024 and report.meta.agency == "示例县示例局"
    one = report.section(1)
    assert one.paragraphs[0].text.startswith("2024年，本局认真贯彻")
    assert [p.text for p in one.paragraphs if p.text.startswith("（")][:2] == ["（一）主动公开。", "（二）依申请公开。"]
    # the page's chrome is kept apart: not the front matter, not paragraphs of section 一
    chrome = [it.text for it in layout.items if it.role == CHROME]
    assert any(c.startswith("当前位置") for c in chrome) and "附件下载" in chrome
    words = ("当前位置", "来源：", "微信", "QQ空间", "附件下载", "-->")
    assert not any(w in p.text for p in report.all_paragraphs() for w in words)
    assert report.front[0].text == "示例县示例局2024年政府信息公开工作年度报告"
    assert report.section(6).text == "本年度未收取信息处理费。"


def test_a_clean_run_on_report_has_no_findings_but_the_missing_sign_off():
    assert _rules(lint_text(run_on())) == ["GIX509"]      # only the web page's 时间, no sign-off
    signed = run_on(sign_off="示例县示例局 2025年1月20日")
    assert _rules(lint_text(signed)) == []
    closing = [p.text for p in parse_text(signed).closing]
    assert closing == ["示例县示例局", "2025年1月20日"]


def test_fee_statement_is_checked():
    assert "GIX401" not in _rules(lint_text(run_on()))
    assert {"GIX401", "GIX402"} & set(_rules(lint_text(run_on(six="无。"))))


def test_page_time_is_the_publication_date():
    report = parse_text(run_on())
    [published] = [d for d in report.dates if d.role == "published"]
    assert (published.year, published.month, published.day, published.hour) == (2025, 1, 20, 9)
    assert "GIX508" not in _rules(lint_text(run_on()))
    late = lint_text(run_on(time="2025-03-05 10:00"))
    assert "GIX506" in _rules(late)


# -- the tables ------------------------------------------------------------------------------------


def test_a_run_with_exactly_one_split_is_reconstructed():
    text = run_on()
    layout = from_text(text)
    rebuilt = {p.table for p in layout.problems if p.kind == "reconstructed"}
    assert rebuilt == {"t2", "t3", "t4"}
    assert not [p for p in layout.problems if p.kind == "unreadable-text"]
    report = parse_text(text)
    t3 = report.tables["t3"]
    assert t3.reconstructed and t3.status == "exact"
    row = t3.rows["new_received"]
    assert [row.cells[c].value for c in L.T3_COLUMNS] == [9, 0, 0, 1, 0, 3, 13]
    # 「1.属于国家秘密0000000」 and the 「2.」 glued to it: the label's number, not a digit of the run
    assert [t3.rows["denied_state_secret"].cells[c].value for c in L.T3_COLUMNS] == [0] * 7
    assert "denied_other_laws" in t3.rows
    t4 = report.tables["t4"]
    assert t4.reconstructed
    assert [t4.rows["review"].cells[c].value for c in L.T4_FIELDS] == [1, 0, 2, 0, 3]
    assert [t4.rows["litigation_direct"].cells[c].value for c in L.T4_FIELDS] == [12, 0, 0, 0, 12]
    t2 = report.tables["t2"]
    assert [t2.rows["normative_documents"].cells[c].value for c in ("made", "repealed", "in_force")] == [2, 1, 3]


def test_reconstructed_numbers_are_checked():
    rows = dict(BALANCED, total=[8, 0, 0, 1, 0, 3, 12])      # 总计 of 自然人 8, the results add up to 9
    findings = lint_text(run_on(t3=rows))
    assert "GIX302" in _rules(findings)
    assert not [f for f in findings if f.rule == "GIX006"]


def test_a_run_with_several_splits_makes_the_table_unreadable():
    rows = dict(BALANCED, granted=[11, 0, 0, 0, 0, 0, 11])   # 110000011: 11/0/…/11 or 1/10/0/…/11
    text = run_on(t3=rows)
    layout = from_text(text)
    [problem] = [p for p in layout.problems if p.kind == "unreadable-text"]
    assert (problem.table, problem.row) == ("t3", "")
    assert "分隔丢失" in problem.message and "110000011" in problem.message
    assert "t3" not in {p.table for p in layout.problems if p.kind == "reconstructed"}
    # labels are kept, no number of the table is read
    t3_values = [it for it in layout.items if it.text in ("11", "110000011")]
    assert not t3_values
    findings = lint_text(text)
    on_t3 = [f for f in findings if f.table == "t3"]
    assert [f.rule for f in on_t3] == ["GIX006"]
    assert not [f for f in findings if f.rule in ("GIX003", "GIX203", "GIX205") or f.rule.startswith("GIX3")]
    report = parse_text(text)
    assert report.tables["t3"].status == "unreadable"
    assert not report.tables["t3"].reconstructed
    # the narrative's 13 applications are not compared with a table that could not be read
    assert not [f for f in findings if f.category == "narrative"]


def test_a_run_with_no_split_makes_the_table_unreadable():
    findings = lint_text(run_on(t4="1020"))          # four digits for fifteen cells
    [hit] = [f for f in findings if f.rule == "GIX006"]
    assert hit.table == "t4" and "15" in hit.message
    assert not [f for f in findings if f.rule in ("GIX003", "GIX203", "GIX205") or f.rule.startswith("GIX3")]


def test_table_two_with_several_splits():
    findings = lint_text(run_on(normative="2315"))     # 2/3/15, 2/31/5, 23/1/5
    [hit] = [f for f in findings if f.rule == "GIX006"]
    assert hit.table == "t2" and "2315" in hit.message


def test_ordinary_layouts_are_not_run_on(spec):
    from gixlint.testing import LAYOUTS, render

    for layout in LAYOUTS:
        assert detect(render(spec, layout).text.split("\n")) != "run-on", layout


# -- the real pages ----------------------------------------------------------------------------------

REAL_PAGES = sorted(REAL.glob("pingtan-*.crawled.txt")) if REAL.is_dir() else []


@pytest.mark.skipif(not REAL_PAGES, reason="../shared/real is not here")
@pytest.mark.parametrize("path", REAL_PAGES, ids=lambda p: p.name)
def test_real_crawled_pages(path):
    text = path.read_text(encoding="utf-8")
    report = parse_text(text, str(path))
    assert report.layout == "run-on"
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    findings = lint_text(text)
    assert "GIX000" not in _rules(findings)
    # table 二 cannot be read (693665 / 7777166 split several ways) and says so, once
    assert [f.table for f in findings if f.rule == "GIX006"].count(report.tables.get("t2v19", report.tables.get("t2")).name) == 1
    assert not [f for f in findings if f.rule in ("GIX003", "GIX203", "GIX205")]
    if "2021" in path.name:
        assert report.section(6).text == "2021年，无收取信息处理费情况。"
        assert [(d.year, d.month, d.day) for d in report.dates if d.role == "published"] == [(2022, 2, 8)]
        assert report.tables["t3"].status == "unreadable"       # 270020130 and 220000325 split two ways
        assert report.tables["t4"].reconstructed
    else:
        t3 = report.tables["t3"]
        assert t3.reconstructed and t3.status == "exact"
        natural = sum(t3.rows[k].cells["natural_person"].value for k in ("granted", "partially_granted",
                      "unable_not_held", "unable_unclear_after_correction", "not_processed_duplicate", "other_total"))
        assert (natural, t3.rows["total"].cells["natural_person"].value) == (26, 20)
        assert "GIX302" in _rules(findings)


def test_a_heading_glued_to_the_last_digits_of_a_table():
    """「…四、结转下年度继续办理1000001四、政府信息公开…」: no space before 四; 四 is still found."""
    text = run_on().replace(" 四、政府信息公开行政复议", "四、政府信息公开行政复议")
    assert "1四、政府信息公开行政复议" in text or "0四、政府信息公开行政复议" in text
    report = parse_text(text)
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert _rules(lint_text(text)) == ["GIX509"]
    # a digit before a numeral with other words after it is no heading
    assert [h.number for h in find_headings("合计20123、收到申请的情况说明")] == []


# -- a page saved with spaces between its cells (a crawler's get_text(" ")) --------------------


def _spaced_rows(lost: str | None = None) -> dict[str, str]:
    """Every row of table 三 printed with spaces between its cells; ``lost``'s blank cell gone."""
    rows = {}
    for key in L.T3_ROWS:
        cells = [str(c) for c in BALANCED.get(key, [0] * T3_COLUMNS)]
        if key == lost:
            cells.pop(3)          # a blank 社会公益组织 cell: nothing is printed, the crawler writes nothing
        rows[key] = " " + " ".join(cells) + " "
    return rows


SPACED_T4 = " 1 0 2 0 3 1 2 0 0 3 1 0 0 0 1 "


def test_a_spaced_page_is_read_cell_by_cell():
    report = parse_text(run_on(t3=_spaced_rows(), t4=SPACED_T4, normative=" 2 1 3 "))
    assert {name: t.status for name, t in report.tables.items()} == {"t2": "exact", "t3": "exact", "t4": "exact"}
    assert report.tables["t3"].cell("granted", "total").value == 10


def test_a_spaced_row_short_of_a_cell_is_that_row_unread():
    """Cells separated by spaces everywhere else: the row with six numbers lost one cell (which,
    cannot be told), so that row alone is unread; the rest of table 三 is read and checked."""
    text = run_on(t3=_spaced_rows(lost="granted"), t4=SPACED_T4, normative=" 2 1 3 ")
    t3 = parse_text(text).tables["t3"]
    assert t3.status == "partial" and list(t3.unread_rows) == ["granted"]
    assert t3.cell("partially_granted", "natural_person").value == 1
    findings = [f for f in lint_text(text) if f.table == "t3"]
    assert _rules(findings) == ["GIX006"]
    assert "转存时丢失" in findings[0].message and "分隔" not in findings[0].message


def test_a_spaced_table_four_short_of_a_cell_is_not_read():
    text = run_on(t3=_spaced_rows(), t4=SPACED_T4.replace(" 3 1 2 ", " 3 2 ", 1), normative=" 2 1 3 ")
    report = parse_text(text)
    t4 = report.tables["t4"]
    assert t4.status == "unreadable" and "转存时丢失" in t4.reason and report.tables["t3"].status == "exact"
    assert _rules(f for f in lint_text(text) if f.table == "t4") == ["GIX006"]



def test_the_page_decides_whether_cells_are_spaced_before_any_table_is_split():
    """Table 二 comes first and has two rows of several cells: one of them short is no majority
    there, but the page's tables together print a space between cells, so 规章's two pieces lost a
    cell and are not split into three (it was read 0/1/2 where the page prints 0, a blank, 12)."""
    text = run_on(t3=_spaced_rows(), t4=SPACED_T4, normative=" 2 1 3 ").replace("规章 000", "规章 0 12 ")
    t2 = parse_text(text).tables["t2"]
    assert list(t2.unread_rows) == ["regulations"] and not t2.reconstructed
    assert t2.cell("normative_documents", "in_force").value == 3


def test_a_signed_change_is_one_value_in_a_crawled_trial_report():
    """The trial format's 本年增/减 prints 「+1」 as well as 「-2」: both are values of the row."""
    from gixlint.testing import random_spec
    from gixlint.testing.variants import crawled_with_spaces
    from tests.test_format2019 import v2019_report

    spec = random_spec(random.Random(20241231))
    text = crawled_with_spaces(v2019_report(spec).encode("utf-8")).decode("utf-8")
    t2 = parse_text(text).tables["t2v19"]
    assert t2.status == "exact"
    assert t2.cell("other_services", "change").raw == "+1" and t2.cell("licensing", "change").value == -2
