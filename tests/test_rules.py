"""Every national rule fires on a report that breaks it and stays silent on one that doesn't."""

from __future__ import annotations

import random
import re

import pytest

from gixlint.lint.linter import Linter
from gixlint.testing import LAYOUTS, TODAY, random_spec, render

from .conftest import rules_of


def lint(spec, layout="word-tabs", edit: Edit | None = None, **kw):
    from gixlint.testing import lint_text

    doc = render(spec, layout)
    text = edit.apply(doc.text) if edit else doc.text
    assert edit is None or text != doc.text
    return doc, lint_text(text, **kw)


def _set(table_key: str, value):
    """A mutation: write ``value`` into one cell, e.g. t3.granted.total."""
    table, row, col = (table_key.split(".") + [""])[:3]

    def mutate(spec):
        if table == "t3":
            from gixlint.vocab import labels as L

            spec.t3[row][list(L.T3_COLUMNS).index(col)] = value
        elif table == "t4":
            from gixlint.vocab import labels as L

            blocks, fields = list(L.T4_BLOCKS), list(L.T4_FIELDS)
            spec.t4[blocks.index(row) * 5 + fields.index(col)] = value
        else:
            from gixlint.vocab import labels as L

            columns = L.T2_ROWS[row][2]
            spec.t2[row][columns.index(col) if col else 0] = value
    return mutate


def _attr(**changes):
    def mutate(spec):
        for k, v in changes.items():
            setattr(spec, k, v)
    return mutate


def _bump(key: str, by: int = 1):
    def mutate(spec):
        table, row, col = key.split(".")
        from gixlint.vocab import labels as L

        if table == "t3":
            i = list(L.T3_COLUMNS).index(col)
            spec.t3[row][i] = int(spec.t3[row][i]) + by
        else:
            i = list(L.T4_BLOCKS).index(row) * 5 + list(L.T4_FIELDS).index(col)
            spec.t4[i] = int(spec.t4[i]) + by
    return mutate


def _unpaid_fee(spec, n: int = 1):
    """n more applications closed because the applicant did not pay the fee notice (still balanced)."""
    for row in ("new_received", "other_fee_unpaid", "total"):
        for column in (0, 6):
            spec.t3[row][column] = int(spec.t3[row][column]) + n


def _swap_sections(spec):
    spec.headings = {2: "三、收到和处理政府信息公开申请情况", 3: "二、主动公开政府信息情况"}


class Edit:
    """A defect made in the rendered text rather than in the spec (e.g. a mistyped label)."""

    def __init__(self, old: str, new: str, regex: bool = False):
        self.old, self.new, self.regex = old, new, regex

    def apply(self, text: str) -> str:
        return re.sub(self.old, self.new, text, flags=re.S) if self.regex else text.replace(self.old, self.new)


CASES = {
    # rule: (mutation, where the finding must point: a key of Document.lines, or None)
    "GIX002": (_attr(omit_sections={4}), None),
    "GIX004": (Edit("2.其他法律行政法规禁止公开", "2.其他法律行政止公开"), "t3.denied_other_laws"),
    # （六）其他处理 filled in as one row instead of its three sub-rows
    "GIX005": (Edit(r"\t（六）其他处理\n.*?\t（七）总计", "\t（六）其他处理\n\t1\n\t0\n\t0\n\t0\n\t0\n\t0\n\t1\n\n\t（七）总计",
                    regex=True), None),
    "GIX003": (lambda s: s.t3.pop("denied_third_party"), None),
    "GIX007": (Edit("一、总体情况", "⼀、总体情况"), None),   # Kangxi radical ⼀ (U+2F00) for 一
    "GIX101": (_attr(omit_sections={5}), None),
    "GIX102": (_swap_sections, None),
    "GIX103": (_attr(headings={3: "3、收到和处理政府信息公开申请情况"}), "sec.3"),
    "GIX104": (_attr(headings={5: "五、存在的主要问题及改进策略"}), "sec.5"),
    "GIX105": (_attr(overview=["本年度工作情况总体良好，主动公开、依申请公开、政府信息管理、平台建设和监督保障各项工作稳步推进，"
                               "全年未发生因公开不当引发的舆情，各项制度执行到位，基础工作扎实。",
                               "（一）主动公开。", "（二）依申请公开。", "（二）政府信息管理。"]), None),
    "GIX106": (_attr(problems=["无"]), "sec.5"),
    "GIX108": (_attr(agency=""), "title"),
    "GIX109": (_attr(overview=["（文字描述）" + "各项工作有序开展。" * 12]), None),
    "GIX201": (_set("t2.licensing", "-3"), "t2.licensing"),
    "GIX202": (_set("t2.penalty", "2.5"), "t2.penalty"),
    "GIX203": (_set("t3.denied_state_secret.research", "/"), "t3.denied_state_secret.research"),
    "GIX204": (_set("t2.licensing", "52（其中环评审批39个，排污许可证核发13个）"), "t2.licensing"),
    "GIX205": (_set("t4.review.pending", ""), "t4.review.pending"),
    "GIX206": (_set("t2.fee_amount", "35000"), "t2.fee_amount"),
    "GIX301": (_bump("t3.granted.natural_person"), "t3.granted.total"),
    "GIX302": (_bump("t3.total.commercial"), "t3.total.commercial"),
    "GIX303": (_bump("t3.carried_over.research"), "t3.new_received.research"),
    "GIX304": (_bump("t4.litigation_direct.total"), "t4.litigation_direct.total"),
    "GIX305": (lambda s: s.t2.__setitem__("normative_documents", [9, 0, 3]), "t2.normative_documents.made"),
    "GIX401": (_attr(other_matters=["无其他需要报告的事项。"]), "sec.6"),
    "GIX402": (_attr(other_matters=["无"]), "fee"),
    "GIX403": (_attr(other_matters=["本年度未收取任何信息服务费用。"]), "fee"),
    "GIX404": (_attr(other_matters=["本年度行政事业性收费情况详见表二。"]), "fee"),
    "GIX405": (lambda s: (_unpaid_fee(s), _attr(other_matters=["本年度未产生信息处理费。"])(s)), "fee"),
    "GIX601": (_attr(overview=["本年度共收到政府信息公开申请999件。" + "各项工作有序开展。" * 12]), None),
    "GIX603": (_attr(overview=["本年度公开行政许可信息9999条。" + "各项工作有序开展。" * 12]), None),
    "GIX608": (_attr(overview=["本年度公开行政处罚和行政强制信息9999条。" + "各项工作有序开展。" * 12]), None),
    "GIX602": (_attr(overview=["本年度未收到政府信息公开申请。" + "各项工作有序开展。" * 12]), None),
    "GIX607": (_attr(overview=["本年度未发生因政府信息公开申请行政复议、提起行政诉讼的情况。" + "各项工作有序开展。" * 12]),
               None),
    "GIX604": (_attr(overview=["本年度收到的申请均已办结。" + "各项工作有序开展。" * 12]), None),
    "GIX605": (_attr(overview=["本年度主动公开政府信息  条，各项工作有序开展。" + "各项工作有序开展。" * 12]), None),
    "GIX609": (_attr(overview=["本年度答复政府信息公开申请若干件，其中予以公开及部分公开9999件。" + "各项工作有序开展。" * 12]),
               None),
    "GIX610": (_attr(overview=["本年度共答复申请5件，其中予以公开3件，不予公开3件。" + "各项工作有序开展。" * 12]), None),
    "GIX611": (lambda s: (s.t4.__setitem__(slice(0, 5), [1, 0, 0, 1, 2]),
                          _attr(overview=["本年度因政府信息公开被申请行政复议2件，均获维持。" + "各项工作有序开展。" * 12])(s)),
               None),
    "GIX510": (_attr(overview=["2023年，本机关认真贯彻政府信息公开条例。" + "各项工作有序开展。" * 12]), None),
    "GIX701": (_attr(problems=["（一）存在的主要问题。公开工作公开工作的主动性还不够强。", "（二）改进情况。将加强培训。"]),
               None),
    "GIX501": (_attr(signoff="2025年2月30日"), "signoff"),
    "GIX502": (_attr(period="2023年1月1日至2023年12月31日"), "period"),
    "GIX503": (_attr(period="2024年1月1日至2024年6月30日"), "period"),
    "GIX504": (_attr(period=None), "title"),
    "GIX505": (_attr(signoff="2024年12月20日"), "signoff"),
    "GIX506": (_attr(signoff="2025年2月10日"), "signoff"),
    "GIX507": (_attr(signoff="2027年1月20日"), "signoff"),
    "GIX508": (_attr(signoff=None), None),
    "GIX509": (_attr(signoff=None, published="2025-01-17"), None),
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_clean_report_has_no_findings(spec, layout):
    _doc, findings = lint(spec, layout)
    assert findings == []


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_fires_on_its_defect(rule, spec):
    mutate, anchor = CASES[rule]
    if isinstance(mutate, Edit):
        doc, findings = lint(spec, edit=mutate)
    else:
        mutate(spec)
        doc, findings = lint(spec)
    hits = [f for f in findings if f.rule == rule]
    assert hits, f"{rule} did not fire; got {sorted(rules_of(findings))}"
    if anchor:
        assert doc.lines[anchor] in {f.line for f in hits}, [(f.line, f.message) for f in hits]
    assert all(f.message and "{" not in f.message for f in hits)


def test_every_national_rule_has_a_firing_case():
    linter = Linter.create(today=TODAY, load_plugins=False)
    # GIX000: test_reader; GIX006: test_layouts_pdf; GIX001, GIX311: test_format2019
    elsewhere = {"GIX000", "GIX006", "GIX001", "GIX311", "GIX008",  # reader, pdf, 2019, test_hardening
                 "GIX901", "GIX902", "GIX904", "GIX907", "GIX908", "GIX909", "GIX910",  # test_cross
                 "GIX905"}  # test_roster
    untested = {r.id for r in linter.rules} - set(CASES) - elsewhere
    assert untested == set()


def test_balance_finding_names_identity_operands_and_difference(spec):
    _bump("t3.granted.natural_person", 2)(spec)
    doc, findings = lint(spec, select=["GIX301"])
    [f] = findings
    assert (f.table, f.row, f.column) == ("t3", "granted", "total")
    assert int(f.expected) - int(f.actual) == 2
    lines = {o["line"] for o in f.operands}
    assert doc.lines["t3.granted.natural_person"] in lines and doc.lines["t3.granted.total"] in lines
    assert "相差 -2" in f.message and "予以公开" in f.message


def test_uncheckable_identity_is_not_read_as_zero(spec):
    _set("t3.granted.legal_service", "/")(spec)
    doc, findings = lint(spec, select=["GIX301", "GIX302"])
    assert findings and all("无法核对" in f.message for f in findings)
    assert {f.line for f in findings} == {doc.lines["t3.granted.legal_service"]}


def test_fee_statement_anywhere_in_the_body_counts(spec):
    spec.other_matters = ["无其他需要报告的事项。"]
    spec.problems = ["（一）存在的主要问题。专职人员较少。", "（二）改进情况。本年度未收取信息处理费，下一步继续规范办理。"]
    _doc, findings = lint(spec, select=["fee"])
    assert "GIX401" not in rules_of(findings)


def test_admin_fee_is_not_a_fee_statement(spec):
    spec.other_matters = ["本年度行政事业性收费见表二，未收取行政事业性收费。"]
    _doc, findings = lint(spec, select=["GIX401"])
    assert rules_of(findings) == {"GIX401"}


@pytest.mark.parametrize("statement", [
    "本年度未收取信息处理费。",
    "2024年，本机关没有产生信息公开处理费。",
    "2024年有1件政府信息公开申请收取信息处理费380元。",
    "依据《政府信息公开信息处理费管理办法》，本年度实际收取信息处理费共计400元。",
    "信息处理费收取情况：无。",
    "本机关信息处理费为零。",
    "依申请公开免收信息处理费。",
    "收取信息处理费金额为0。",
    "依申请公开政府信息不收取任何费用。",
    "2024年，我局无信息处理费收取情况。",
    "本年度无收费事项。",
    "是否收取信息处理费：否。",
    "本年度无信息处理费。",
    "未向申请人收取费用。",
    "依申请公开政府信息未收费。",
    "没有发生依申请公开收费情况。",
    "依申请公开收费0元。",
    "信息处理费收取0笔。",
    "共发出信息处理费收费通知书2份，申请人均已按时缴纳。",
    "本年度未向申请人发出收费通知。",
    "本年度零收费。",
    "本年度收取信息处理费合计叁佰元。",
])
def test_fee_statements_accepted(spec, statement):
    spec.other_matters = [statement]
    _doc, findings = lint(spec, select=["fee"])
    assert "GIX401" not in rules_of(findings)


def test_government_deadline_is_march(spec):
    spec.agency = "示例市示例区人民政府"
    spec.signoff = "2025年3月10日"
    _doc, findings = lint(spec, select=["dates"])
    assert "GIX506" not in rules_of(findings)
    spec.signoff = "2025年4月2日"
    _doc, findings = lint(spec, select=["dates"])
    assert "GIX506" in rules_of(findings)


def test_next_year_plans_are_not_year_errors(spec):
    spec.problems = ["（一）问题：解读形式单一。", "（二）改进情况：2025年，本机关将继续丰富解读形式。"]
    _doc, findings = lint(spec, select=["dates"])
    assert findings == []


def test_select_and_ignore(spec):
    spec.other_matters = ["无"]
    _doc, findings = lint(spec, select=["fee"], ignore=["GIX402"])
    assert rules_of(findings) == {"GIX401"}


def test_random_clean_reports_stay_clean():
    for seed in range(10):
        spec = random_spec(random.Random(seed), busy=seed % 2 == 0)
        for layout in LAYOUTS:
            _doc, findings = lint(spec, layout)
            assert findings == [], (seed, layout, [(f.rule, f.message) for f in findings])


@pytest.mark.parametrize("sentence", [
    "本年度共收到政府信息公开申请{new}件。",
    "本年度共收到政府信息公开申请{both}件，其中上年结转{over}件。",
    "本年度公开行政许可信息{lic}条，行政处罚{pen}条。",
    "本年度公开行政处罚和行政强制信息{pen_enf}条。",
])
def test_narrative_numbers_that_agree_with_the_tables(spec, sentence):
    t3 = spec.t3
    text = sentence.format(new=t3["new_received"][6], over=t3["carried_over"][6],
                           both=t3["new_received"][6] + t3["carried_over"][6], lic=spec.t2["licensing"][0],
                           pen=spec.t2["penalty"][0], pen_enf=spec.t2["penalty"][0] + spec.t2["enforcement"][0])
    spec.overview = [text + "各项工作有序开展。" * 12]
    _doc, findings = lint(spec, select=["narrative"])
    assert findings == []


@pytest.mark.parametrize("matters", [
    ["本年度未收取信息处理费。行政事业性收费情况详见表二。"],
    ["本年度行政事业性收费0万元。", "信息处理费收取情况：无。"],
    ["本年度行政事业性收费0万元。", "依申请公开免收信息处理费。"],
    ["行政事业性收费情况详见表二。", "本年度没有收取信息处理费。"],
])
def test_admin_fee_beside_a_fee_statement_is_fine(spec, matters):
    spec.other_matters = matters
    _doc, findings = lint(spec)
    assert not {"GIX401", "GIX404"} & rules_of(findings)


@pytest.mark.parametrize(("matters", "fires"), [
    ("本年度未产生信息处理费。", True),
    ("本年度没有发出收费通知。", True),
    ("本年度发出收费通知1件，申请人逾期未缴纳，未实际收取信息处理费。", False),
    ("本年度未收取信息处理费。", False),        # not collected is true even when a notice went unpaid
    ("本年度未发生因信息处理费引起的行政复议。本年度共收取信息处理费200元。", False),
    ("没有发生信息处理费相关投诉，未收取信息处理费。", False),
    ("未发生信息处理费收取，1件申请人逾期未缴纳。", False),
    ("本年度无信息处理费。", True),
    ("本年度未向申请人发出收费通知。", True),
])
def test_unpaid_fee_row_against_the_text(spec, matters, fires):
    _unpaid_fee(spec)
    spec.other_matters = [matters]
    _doc, findings = lint(spec)
    assert ("GIX405" in rules_of(findings)) is fires
    assert not {"GIX301", "GIX302", "GIX303"} & rules_of(findings)


@pytest.mark.parametrize(("sentence", "defect"), [
    ("现公布2024示例县教育局政府信息公开工作年度报告。", "2024"),
    ("本年度进一步做好规范性文件清理工作，", "，"),
    ("进一步加强加强政策解读。", "加强加强"),
    ("本年度依法依法依规办理申请。", "依法依法"),
    ("现公布示例县教育局2024年政府信息公开工作年度报告。", None),
    ("依据示府发〔2024〕12号文件，2024—2025年持续推进。", None),
    ("请常常看看网站，做好一一对应。", None),
    ("全年主动公开政府信息2036条，办理工单2000余件，服务1998人次。", None),
    ("培训干部2024名，发放资料2025张，办理2023宗。", None),
    ("执行GB/T 2024标准和ISO 2023规范。", None),
    ("修订2024版公开指南，面向2024届毕业生和2023级新生，覆盖2024—2025学年、2021至2025年。", None),
    ("执行GB/T 2260—2007规范，一件一件抓落实，一项一项抓整改。", None),
    ("2024度工作总体平稳。", "2024"),
    ("示例市第2023区教育局落实第2024号通知，第2025期简报。", None),
])
def test_text_defects(spec, sentence, defect):
    spec.overview = spec.overview + [sentence]
    doc, findings = lint(spec)
    hits = [f for f in findings if f.rule == "GIX701"]
    assert [f.actual for f in hits] == ([defect] if defect else [])
    assert all(f.severity == "info" and f.actual in f.message for f in hits)


@pytest.mark.parametrize(("sentence", "fires"), [
    ("2023年，本局主动公开政府信息。", True),
    ("（二）2023年度，本局办理申请均在法定期限内。", True),
    ("2023年以来，本局持续推进政务公开。", False),
    ("与2023年相比，申请数量有所增加。", False),
    ("2023年底，本局完成了目录更新。", False),
    ("2024年，本局主动公开政府信息。", False),
    ("2025年，本局将继续深化公开。", False),
    ("2023年，本局被评为先进单位，2024年继续保持。", False),
    ("二〇二三年，本局主动公开政府信息。", True),
])
def test_stale_year(spec, sentence, fires):
    spec.overview = spec.overview + [sentence]
    _doc, findings = lint(spec)
    assert ("GIX510" in rules_of(findings)) is fires


def test_stale_year_not_in_the_follow_up_of_last_years_problems(spec):
    spec.problems = spec.problems + ["（三）上年度问题整改情况。2023年，本局在年度报告中指出的问题，本年度已整改完成。"]
    _doc, findings = lint(spec)
    assert "GIX510" not in rules_of(findings)


@pytest.mark.parametrize("statement", ["本年度不断规范信息处理费收取工作。", "信息处理费相关规定已在网站公开。",
                                       "本年度未发生因信息处理费引起的行政复议。", "本机关未出台信息处理费收费标准。",
                                       "无论是否收取信息处理费，均应按时答复。", "本年度行政事业性收费0万元。"])
def test_fee_talk_that_states_nothing(spec, statement):
    spec.other_matters = [statement]
    _doc, findings = lint(spec, select=["GIX401"])
    assert rules_of(findings) == {"GIX401"}


def test_text_defects_every_one_in_a_paragraph_and_not_in_wrapped_text(spec):
    spec.overview = spec.overview + ["现公布2024示例局报告，加强加强政策解读，"]
    _doc, findings = lint(spec)
    assert sorted(f.actual for f in findings if f.rule == "GIX701") == ["2024", "加强加强", "，"]
    # text copied from a PDF viewer breaks lines anywhere, many of them after a comma
    spec.overview = spec.overview[:-1] + ["本年度持续推进政务公开，", "不断完善公开制度，", "及时回应社会关切，",
                                          "主动接受社会监督，", "各项工作有序开展。"]
    _doc, findings = lint(spec)
    assert "GIX701" not in rules_of(findings)


@pytest.mark.parametrize(("matters", "fires"), [
    (["无其他需要报告的事项。"], True), (["本年度无其他需要报告的事项。"], True), (["无。"], True),
    (["本年度未收取信息处理费，无其他需要报告的事项。"], False),
])
def test_section_six_only_none(spec, matters, fires):
    spec.other_matters = matters
    _doc, findings = lint(spec)
    assert ("GIX402" in rules_of(findings)) is fires
