"""Issue #8, items 4 and 5: rules scoped to where they are true, and narrative recall.

Each rule is shown firing on real-looking text and staying silent on text that is right (or that
the tables cannot judge)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gixlint.checks.magnitude import agency_level
from gixlint.lint.linter import Linter
from gixlint.parse import parse_text
from gixlint.testing import TODAY, lint_text, render
from gixlint.vocab import labels as L

from .conftest import rules_of
from .test_format2019 import v2019_report

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real"
FILLER = "各项工作有序开展。" * 12


def _group(spec, group: str) -> int:
    """Table 三's 总计 for a result group of the generated spec."""
    prefix = {"granted": ("granted",), "partial": ("partially_granted",), "denied": ("denied_",),
              "unable": ("unable_",), "not_processed": ("not_processed_",), "other": ("other_",)}[group]
    return sum(int(spec.t3[k][6]) for k in L.T3_LEAVES if k.startswith(prefix))


def _lint(spec, overview: str, select, text_edit=None):
    spec.overview = [overview + FILLER]
    text = render(spec).text
    if text_edit:
        text = text_edit(text)
    return lint_text(text, select=select)


# --- GIX609 narrative-result-counts ---------------------------------------------------------

def _results_sentence(spec, bump: dict | None = None) -> str:
    bump = bump or {}
    v = {g: _group(spec, g) + bump.get(g, 0) for g in ("granted", "partial", "denied", "unable", "not_processed", "other")}
    return (f"（二）依申请公开情况。本年度共收到政府信息公开申请{int(spec.t3['new_received'][6])}件。"
            f"其中，予以公开{v['granted']}件（17.46%），部分公开{v['partial']}件，不予公开{v['denied']}件，"
            f"因本机关不掌握等原因无法提供{v['unable']}件，不予处理{v['not_processed']}件，其他处理{v['other']}件。")


def test_result_counts_that_match_table_three_are_silent(spec):
    assert _lint(spec, _results_sentence(spec), ["GIX609"]) == []


@pytest.mark.parametrize("group", ["granted", "partial", "denied", "unable", "not_processed", "other"])
def test_each_result_count_is_compared(spec, group):
    findings = _lint(spec, _results_sentence(spec, {group: 3}), ["GIX609"])
    assert [f.rule for f in findings] == ["GIX609"]
    assert f"{_group(spec, group) + 3}件" in findings[0].message


def test_granted_and_partial_together(spec):
    both = _group(spec, "granted") + _group(spec, "partial")
    ok = f"本年度答复政府信息公开申请若干，其中予以公开及部分公开{both}件。"
    assert _lint(spec, ok, ["GIX609"]) == []
    # 「予以公开 N 件」 with no separate 部分公开 may count both
    assert _lint(spec, f"本年度办理的申请中，予以公开{both}件。", ["GIX609"]) == []
    findings = _lint(spec, f"本年度答复的申请中，予以公开及部分公开{both + 17}件。", ["GIX609"])
    assert rules_of(findings) == {"GIX609"} and f"予以公开及部分公开 {both}" in findings[0].message


def test_counts_before_the_category_and_sub_counts(spec):
    g, p = _group(spec, "granted"), _group(spec, "partial")
    assert _lint(spec, f"本年度共处理依申请公开事项若干，其中{g}件予以公开，{p}件部分公开。", ["GIX609"]) == []
    assert rules_of(_lint(spec, f"本年度共处理申请若干，其中{g + 1}件予以公开，{p}件部分公开。", ["GIX609"])) == {"GIX609"}


def test_percentages_comparisons_and_aggregates_are_not_counts(spec):
    silent = [
        "依申请公开方面，予以公开占比17.46%，不予公开占比1.68%。",
        "与上年相比，本年度政府信息公开申请中予以公开增加12件。",
        "全市共受理政府信息公开申请9999件，其中予以公开999件，不予公开88件。",
        "本年度主动公开政府信息2036条，予以公开的政策文件均同步解读。",      # no 申请: not about applications
    ]
    for text in silent:
        assert _lint(spec, text, ["GIX609"]) == [], text


def test_blank_totals_compare_with_the_applicant_columns(spec):
    """The 总计 cells of 予以公开 and 部分公开 left blank, zeros printed as blanks (上海 2019): the
    applicant cells give a lower bound, never an exact value."""
    spec.t3["granted"] = [5, 2, "", "", 1, "", ""]
    spec.t3["partially_granted"] = [3, "", "", "", "", "", ""]
    for stated in (11, 12):       # a blank may hide more
        assert _lint(spec, f"本年度答复申请若干件，予以公开及部分公开{stated}件。", ["GIX609"]) == [], stated
    findings = _lint(spec, "本年度答复申请若干件，予以公开及部分公开10件。", ["GIX609"])
    assert rules_of(findings) == {"GIX609"} and "至少 11" in findings[0].message
    spec.t3["granted"] = [5, 2, 0, 0, 1, 0, ""]
    spec.t3["partially_granted"] = [3, 0, 0, 0, 0, 0, ""]
    assert rules_of(_lint(spec, "本年度答复申请若干件，予以公开及部分公开12件。", ["GIX609"])) == {"GIX609"}


def test_unread_rows_are_never_compared(spec):
    spec.overview = [_results_sentence(spec, {"granted": 5}) + FILLER]
    report = parse_text(render(spec).text)
    linter = Linter.create(today=TODAY, load_plugins=False, select=["GIX609"])
    assert rules_of(linter.check(report)) == {"GIX609"}
    report.tables["t3"].mark_unread("granted", report.tables["t3"].rows["granted"].line, "数字连在一起")
    assert linter.check(report) == []


# --- GIX610 narrative-breakdown-vs-total ---------------------------------------------------

def test_breakdown_that_does_not_add_up_to_its_total(spec):
    text = "共答复805件，其中予以公开及部分公开258件，不予公开35件，无法提供265件，不予处理158件，其他处理0件。"
    findings = _lint(spec, "本年度依申请公开工作规范有序。" + text, ["GIX610"])
    assert [f.rule for f in findings] == ["GIX610"] and "716" in findings[0].message and "805" in findings[0].message
    # the real wording: total in its own sentence, categories split by ； and followed by percentages
    real = ("市政府办公厅代表市政府共受理政府信息公开申请859件，申请数量较去年回落12.3%；答复政府信息公开申请805件"
            "（含上年度结转申请18件，另有72件申请按照《条例》顺延到下年度答复），均在法定期限内予以答复。"
            "予以公开及部分公开258件，占33.9%；不予公开35件，占4.34%；因本机关不掌握等原因无法提供265件，占32.9%；"
            "不予处理158件，占19.6%；其他处理0件。")
    assert rules_of(_lint(spec, real, ["GIX610"])) == {"GIX610"}


def test_breakdowns_that_add_up_or_are_partial_are_silent(spec):
    silent = [
        # 上海 2025: the sum is the 办结 figure; brackets and percentages are not parts
        "市政府共受理政府信息公开申请1295件，办结1191件（含上年结转189件），均在法定期限内答复。其中，予以公开及部分公开208件"
        "（17.46%），不予公开20件（1.68%），因本机关不掌握等原因无法提供564件（47.36%），属信访、重复申请等不予处理80件"
        "（6.72%），其他处理319件（26.78%，含申请人主动撤回157件）。",
        # not every result named: the parts may be fewer than the total
        "2024年，我局总共处理依申请公开事项9件，所有申请人均为自然人。办理结果呈现多样化，其中3件予以公开，1件部分公开。",
        # 办理 counts pending ones too, and the text says some are pending
        "共办理申请100件，其中予以公开40件，部分公开10件，不予公开10件，无法提供20件，不予处理10件，其他处理5件，另有5件正在办理。",
    ]
    for text in silent:
        assert _lint(spec, text, ["GIX610"]) == [], text
    assert rules_of(_lint(spec, "共办理申请10件，其中予以公开8件，无法提供5件。", ["GIX610"])) == {"GIX610"}


# --- GIX611 narrative-all-upheld-vs-t4 ------------------------------------------------------

def _pending_review(spec):
    """表四: 行政复议 5 维持、2 尚未审结; 直接起诉 9 维持."""
    spec.t4 = [5, 0, 0, 2, 7, 9, 0, 0, 0, 9, 0, 0, 0, 0, 0]


def test_all_upheld_while_table_four_has_pending_cases(spec):
    _pending_review(spec)
    findings = _lint(spec, "本年度信息公开类行政复议7件，诉讼9件，均获维持。", ["GIX611"])
    assert [f.rule for f in findings] == ["GIX611"]
    assert "尚未审结" in findings[0].message and (findings[0].table, findings[0].row) == ("t4", "review")
    # the sentence itself says some are still pending: no contradiction
    assert _lint(spec, "本年度行政复议7件，其中5件维持、2件尚未审结，行政诉讼均获维持。", ["GIX611"]) == []


def test_all_upheld_when_table_four_agrees(spec):
    for i in range(15):
        spec.t4[i] = 0
    spec.t4[0] = spec.t4[4] = 3
    assert _lint(spec, "本年度因政府信息公开被申请行政复议3件，均获维持。", ["GIX611"]) == []


def test_blank_cells_in_table_four_are_not_read_as_cases(spec):
    for i in range(15):
        spec.t4[i] = ""
    spec.t4[0] = spec.t4[4] = 3
    assert _lint(spec, "本年度因政府信息公开被申请行政复议3件，均获维持。", ["GIX611"]) == []


# --- GIX604 narrative-all-done-vs-carry, any column ------------------------------------------

def test_all_done_reads_every_column_not_only_the_total(spec):
    spec.t3["carried_forward"] = [1, 0, 0, 0, 0, 0, ""]       # 总计 left blank, 自然人 carries 1
    findings = _lint(spec, "本年度收到的申请均已办结。", ["GIX604"])
    assert [f.rule for f in findings] == ["GIX604"] and "自然人" in findings[0].message
    spec.t3["carried_forward"] = [0, 0, 0, 0, 0, 0, 0]
    assert _lint(spec, "本年度收到的申请均已办结。", ["GIX604"]) == []


# --- GIX605 number-placeholder ----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "本年度核准企业资质条，办理行政许可125件。",
    "本年度主动公开政府信息  条，各项工作有序开展。",
    "本年度主动公开政府信息条。",
    "全年受理政府信息公开申请件，均按时答复。",
])
def test_measure_word_without_a_number(spec, text):
    assert rules_of(_lint(spec, text, ["GIX605"])) == {"GIX605"}


@pytest.mark.parametrize("text", [
    "严格执行《条例》，规范办理依申请公开事项，做到件件有回音。",
    "及时公开相关文件，定期清理失效文件。",
    "一件一件抓落实，每一件申请都认真办理。",
    "开展政策解读多场，召开新闻发布会数场，累计发布信息近万条。",
    "公开相关信息若干条，更新政府信息公开指南1次。",
    "依法受理并按期答复，未出现逾期。",
    "严格落实保密审查，未发生泄密事件。",
    "主动公开政府信息的范围和条件，按照条例第二十条规定公开各项信息。",
    "全面公开行政许可、行政处罚等事项，开展专项检查。",
    "发布政策解读83件，召开新闻发布会42场。",
])
def test_ordinary_words_ending_in_a_measure_word(spec, text):
    assert _lint(spec, text, ["GIX605"]) == []


# --- GIX701: a year in a title -------------------------------------------------------------------

def test_year_inside_a_title_is_no_slip(spec):
    quoted = "“上海发布”微信公众号推送《现在为您导航！2024上海再出发》H5作品，受到广泛好评。"
    assert _lint(spec, quoted, ["GIX701"]) == []
    assert _lint(spec, "举办「2024政务公开日」活动和“2024我来说”征集。", ["GIX701"]) == []
    assert rules_of(_lint(spec, "现公布2024示例局政府信息公开工作年度报告。", ["GIX701"])) == {"GIX701"}


# --- GIX206 by the agency's level --------------------------------------------------------------

@pytest.mark.parametrize(("agency", "level"), [
    ("上海市人民政府办公厅", "province"), ("江苏省人民政府", "province"), ("广东省自然资源厅", "province"),
    ("广西壮族自治区人民政府", "province"),
    ("上海市浦东新区人民政府", "city"), ("北京市海淀区教育委员会", "city"), ("江苏省南京市人民政府", "city"),
    ("淮安市城市管理局", "city"), ("昆山市人民政府", "city"), ("延边朝鲜族自治州人民政府", "city"),
    ("淮安市洪泽区人民政府", "county_government"), ("沭阳县人民政府", "county_government"),
    ("苏州市昆山市人民政府", "county_government"), ("重庆市城口县人民政府", "county_government"),
    ("示例县教育局", "county_department"), ("长春市生态环境局南关区分局", "county_department"),
    ("示例市示例区示例镇人民政府", "county_department"),
    ("教育部", None), ("河北雄安新区管理委员会", None), ("", None),
])
def test_agency_level(agency, level):
    assert agency_level(agency) == level


@pytest.mark.parametrize(("agency", "amount", "fires"), [
    ("淮安市洪泽区人民政府", "7730.28", False),     # a district: plausible
    ("淮安市洪泽区人民政府", "77302800", True),     # the same in 元
    ("示例县教育局", "25000", True),                 # a county bureau: 2.5 亿元 is 元 entered as 万元
    ("示例县教育局", "3.5", False),
    ("上海市人民政府办公厅", "25000", False),        # a province collects that much
    ("南京市人民政府", "250000", False),
    ("南京市人民政府", "2500000", True),
    ("某某单位", "35000", False),                    # level unknown: no magnitude finding …
    ("某某单位", "3500元", True),                    # … but a unit that is not 万元 is one
])
def test_fee_amount_magnitude_by_level(spec, agency, amount, fires):
    spec.agency = agency
    spec.t2["fee_amount"] = [amount]
    assert (rules_of(lint_text(render(spec).text, select=["GIX206"])) == {"GIX206"}) is fires


# --- the fee rules apply from report year 2021 -------------------------------------------------

@pytest.mark.parametrize(("year", "fires"), [(2019, False), (2020, False), (2021, True), (2024, True)])
def test_fee_statement_rules_from_2021(spec, year, fires):
    spec.year = year
    spec.other_matters = ["无。"]
    found = rules_of(lint_text(render(spec).text, select=["fee"]))
    assert ({"GIX401", "GIX402"} <= found) is fires
    if not fires:
        assert found == set()
    spec.other_matters = ["本年度未收取信息服务费用。行政事业性收费情况详见表二。"]
    assert ("GIX403" in rules_of(lint_text(render(spec).text, select=["fee"]))) is fires


# --- GIX104: the law's own wording -------------------------------------------------------------

def test_article_50_heading_wording_is_accepted(spec):
    spec.headings = {5: "五、政府信息公开工作存在的主要问题及改进情况",
                     4: "四、因政府信息公开工作被申请行政复议、提起行政诉讼的情况"}
    assert lint_text(render(spec).text, select=["GIX104"]) == []
    spec.headings = {5: "五、存在的主要问题及改进策略"}
    assert rules_of(lint_text(render(spec).text, select=["GIX104"])) == {"GIX104"}


# --- 2019 trial format: 采购总金额 has no unit -------------------------------------------------

def test_procurement_amount_with_its_unit_is_neither_note_nor_wrong_unit(spec):
    text = v2019_report(spec).replace("\t25.1\n", "\t251000元\n")
    report = parse_text(text)
    assert report.tables["t2v19"].cell("procurement", "amount").raw == "251000元"
    assert lint_text(text, select=["GIX204", "GIX206"]) == []
    noted = text.replace("\t251000元\n", "\t251000（其中工程类200000）\n")
    assert rules_of(lint_text(noted, select=["GIX204"])) == {"GIX204"}


# --- the real reports, when present ----------------------------------------------------------

@pytest.mark.skipif(not (REAL / "shanghai-bgt-2019.txt").exists(), reason="../shared/real not present")
def test_shanghai_2019_narrative_findings():
    linter = Linter.create(today=TODAY, load_plugins=False)
    findings = linter.lint_file(REAL / "shanghai-bgt-2019.txt").findings
    by_rule = {}
    for f in findings:
        by_rule.setdefault(f.rule, []).append(f)
    assert [f.actual for f in by_rule["GIX609"]] == [258, 265]
    assert [(f.expected, f.actual) for f in by_rule["GIX610"]] == [(805, 716)]
    assert len(by_rule["GIX611"]) == 1
    for rule in ("GIX701", "GIX204", "GIX206", "GIX402", "GIX401", "GIX104"):
        assert rule not in by_rule, rule


@pytest.mark.skipif(not (REAL / "shanghai-bgt-2025.extracted.md").exists(), reason="../shared/real not present")
def test_shanghai_2025_narrative_matches_its_table():
    linter = Linter.create(today=TODAY, load_plugins=False)
    findings = linter.lint_file(REAL / "shanghai-bgt-2025.extracted.md").findings
    assert not [f for f in findings if re.match(r"GIX6", f.rule)]
