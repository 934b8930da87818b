"""Variations agencies produce, found in review: each must be read the way a person reads it."""

from __future__ import annotations

from gixlint.parse import parse_text
from gixlint.testing import lint_text, render

from .conftest import rules_of


def test_period_in_chinese_numerals(spec):
    spec.period = "二〇二四年一月一日至二〇二四年十二月三十一日"
    assert lint_text(render(spec).text, select=["dates"]) == []
    spec.period = "二〇二三年一月一日至二〇二三年十二月三十一日"
    assert {"GIX502", "GIX503"} <= rules_of(lint_text(render(spec).text, select=["dates"]))


def test_plans_in_the_text_are_not_future_dates(spec):
    spec.problems = ["（一）问题：目录更新不及时。", "（二）改进情况：计划于2027年12月31日前完成目录全面更新。"]
    assert lint_text(render(spec).text, select=["GIX507"]) == []
    spec.signoff = "2027年1月20日"
    assert rules_of(lint_text(render(spec).text, select=["GIX507"])) == {"GIX507"}


def test_government_deadline_when_the_title_names_no_agency(spec):
    spec.agency = "示例市示例区人民政府"
    spec.signoff = "2025年3月20日"
    text = render(spec).text.replace("示例市示例区人民政府2024年政府信息公开工作年度报告", "2024年政府信息公开工作年度报告", 1)
    report = parse_text(text)
    assert report.meta.agency == "示例市示例区人民政府"
    assert lint_text(text, select=["GIX506"]) == []


def test_agency_before_guanyu(spec):
    text = render(spec).text.replace(f"{spec.agency}2024年", f"{spec.agency}关于2024年", 1)
    assert parse_text(text).meta.agency == spec.agency


def test_two_reports_in_one_file_is_one_clear_finding(spec):
    text = render(spec).text
    findings = lint_text(text + "\n" + text)
    assert [f.rule for f in findings] == ["GIX000"] and "多份报告" in findings[0].message


def test_amount_with_its_own_unit(spec):
    spec.t2["fee_amount"] = ["0.35万元"]
    assert lint_text(render(spec).text, select=["GIX206"]) == []
    spec.t2["fee_amount"] = ["3500元"]
    assert rules_of(lint_text(render(spec).text, select=["GIX206"])) == {"GIX206"}
