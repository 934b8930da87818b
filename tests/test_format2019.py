"""The 2019 trial format (国办公开办函〔2019〕60号): parsed with its own keys, checked by its own pack,
and never reported as a broken 2021 report."""

from __future__ import annotations

import re

import pytest

from gixlint.parse import parse_text
from gixlint.testing import lint_text, render

T2V19 = [
    ("一", ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
     [("规章", ["0", "0", "0"]), ("规范性文件", ["3", "3", "{total_published}"])]),
    ("五", ["上一年项目数量", "本年增/减", "处理决定数量"],
     [("行政许可", ["58", "-2", "1036"]), ("其他对外管理服务事项", ["12", "+1", "45"])]),
    ("六", ["上一年项目数量", "本年增/减", "处理决定数量"],
     [("行政处罚", ["40", "0", "87"]), ("行政强制", ["6", "0", "3"])]),
    ("八", ["上一年项目数量", "本年增/减"], [("行政事业性收费", ["2", "0"])]),
    ("九", ["采购项目数量", "采购总金额"], [("政府集中采购", ["4", "25.1"])]),
]


def v2019_report(spec, year: int = 2020, total_published: str = "42") -> str:
    """A report in the trial format: its table 二, and （六）其他处理 as one row."""
    spec.year = year
    text = render(spec, "word-tabs").text
    table = []
    for numeral, headers, rows in T2V19:
        table += [f"\t第二十条第（{numeral}）项", "", "\t信息内容", *[f"\t{h}" for h in headers], ""]
        for label, values in rows:
            table += [f"\t{label}", *[f"\t{v.format(total_published=total_published)}" for v in values], ""]
    text = re.sub(r"(二、主动公开政府信息情况\n).*?(三、收到和处理)", lambda m: m.group(1) + "\n".join(table) + "\n" + m.group(2),
                  text, flags=re.S)
    other = [sum(int(spec.t3[k][c]) for k in ("other_no_correction", "other_fee_unpaid", "other_other")) for c in range(7)]
    one_row = "\t（六）其他处理\n" + "".join(f"\t{v}\n" for v in other) + "\n"
    return re.sub(r"\t（六）其他处理\n.*?(\t\t?（七）总计|\t（七）总计)", lambda m: one_row + m.group(1), text, flags=re.S)


def test_trial_format_is_parsed_with_its_own_keys(spec):
    report = parse_text(v2019_report(spec))
    assert report.meta.format == "v2019" and "t2" not in report.tables
    t2 = report.tables["t2v19"]
    assert t2.cell("licensing", "change").value == -2 and t2.cell("procurement", "amount").raw == "25.1"
    assert t2.cell("other_services", "decisions").value == 45
    assert "other_total" in report.tables["t3"].rows
    assert report.problems == []


def test_clean_trial_report_for_2020_has_no_findings(spec):
    assert lint_text(v2019_report(spec)) == []


def test_trial_format_after_2021_is_an_error(spec):
    findings = lint_text(v2019_report(spec, year=2022))
    legacy = [f for f in findings if f.rule == "GIX001"]
    assert [f.severity for f in legacy] == ["error"] and "2021 年格式" in legacy[0].message
    assert not [f for f in findings if f.category in ("balance", "counts")]


def test_2021_format_for_2020_is_only_info(spec):
    spec.year = 2020
    findings = lint_text(render(spec).text, select=["GIX001"])
    assert [(f.rule, f.severity) for f in findings] == [("GIX001", "info")]


def test_trial_pack_rule_fires(spec):
    findings = lint_text(v2019_report(spec, total_published="1"), select=["GIX311"])
    assert [(f.rule, f.row) for f in findings] == [("GIX311", "normative_documents")]


@pytest.mark.parametrize("rule", ["GIX305", "GIX005", "GIX003", "GIX201"])
def test_no_2021_rule_misfires_on_the_trial_format(spec, rule):
    assert [f for f in lint_text(v2019_report(spec)) if f.rule == rule] == []


def test_a_trial_report_without_its_other_row_misses_that_one_row(spec):
    """The trial format's （六）其他处理 is one row: leaving it out is that row missing, not the
    2021 format's three sub-rows."""
    text = re.sub(r"\t（六）其他处理\n(\t\d+\n)+\n", "", v2019_report(spec))
    shape = [f for f in lint_text(text) if f.rule == "GIX003"]
    assert [(f.row, f.message) for f in shape] == [("other_total", "表三缺少「（六）其他处理」一行")]


def test_a_trial_table_read_in_part_counts_its_other_row_among_the_unread(spec):
    """Most rows of a trial table lost by the reader: the one （六）其他处理 row is among the rows
    declared unread (not the 2021 sub-rows, which the format does not have)."""
    text = v2019_report(spec)
    start = text.index("\t（三）不予公开")
    end = text.index("\t（七）总计")
    report = parse_text(text[:start] + text[end:])
    t3 = report.tables["t3"]
    assert t3.status == "partial" and "other_total" in t3.unread_rows
    assert not set(t3.unread_rows) & {"other_no_correction", "other_fee_unpaid", "other_other"}


def test_a_trial_other_row_whose_blank_cells_were_dropped_is_unread_not_missing(spec):
    """（六）其他处理 printed all blank, and the blank cells dropped on the way (a web export or a
    crawler keeps no empty lines): the row is there, so it is not 「缺少」; which cells it had is
    not known, so it is unread."""
    for key in ("other_no_correction", "other_fee_unpaid", "other_other"):
        spec.t3[key] = [0] * 7
    text = re.sub(r"(\t（六）其他处理\n)(\t\d+\n)+\n", lambda m: m.group(1), v2019_report(spec))
    t3 = parse_text(text).tables["t3"]
    assert list(t3.unread_rows) == ["other_total"]
    findings = [f for f in lint_text(text) if f.table == "t3"]
    assert [(f.rule, f.row) for f in findings] == [("GIX006", "other_total")]
