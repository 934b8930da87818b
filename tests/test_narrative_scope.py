"""Narrative rules compare the sentence that speaks of what the table counts, and no other.

Red-team findings: licensing applications, 行政复议 applications, subsets, prior-year figures,
single reasons and table 四's own column names were compared with the wrong cells. Each case is
shown silent, next to real-looking text of the same shape that the rule must still catch."""

from __future__ import annotations

import pytest

from gixlint.testing import lint_text, render
from gixlint.vocab import labels as L

from .conftest import rules_of

FILLER = "各项工作有序开展。" * 12


def _lint(spec, overview: str, select):
    spec.overview = [overview + FILLER]
    return lint_text(render(spec).text, select=select)


def _row(spec, row: str) -> int:
    return int(spec.t3[row][6])


def _group(spec, prefix: str) -> int:
    return sum(int(spec.t3[k][6]) for k in L.T3_LEAVES if k.startswith(prefix))


# --- GIX601 narrative-applications ------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "全年共受理行政许可申请83件，办结率100%。",                     # licensing applications
    "办理政府信息公开行政复议申请7件。",                             # about table 四
    "本年度受理的申请中有5件涉及征地拆迁。",                          # a subset
    "本年度共收到自然人申请5件。",                                   # one applicant column
    "办理上年结转申请3件。",                                         # carried over only
    "2023年共收到政府信息公开申请12件，本年度工作量明显增加。",         # last year's figure
])
def test_applications_other_than_this_years_information_requests(spec, text):
    assert _lint(spec, text, ["GIX601"]) == []


def test_applications_total_is_still_compared(spec):
    new = int(spec.t3["new_received"][6])
    carried = int(spec.t3["carried_over"][6])
    for ok in (f"本年度共收到政府信息公开申请{new}件。", f"全年受理依申请公开申请共计{new + carried}件。",
               f"本年度收到的政府信息公开申请数量为{new}件。"):
        assert _lint(spec, ok, ["GIX601"]) == [], ok
    for wrong in (f"本年度共收到政府信息公开申请{new + 40}件。", f"2024年受理政府信息公开申请{new + 40}件。"):
        assert rules_of(_lint(spec, wrong, ["GIX601"])) == {"GIX601"}, wrong


# --- GIX603 narrative-licensing / GIX608 narrative-penalty --------------------------------------

@pytest.mark.parametrize("text", [
    "全年共受理行政许可申请83件。",
    "公布行政许可事项清单56项。",
    "梳理行政许可事项56项，编制办事指南。",
    "公开行政许可、行政处罚信息300条。",
])
def test_licensing_words_that_are_not_decisions(spec, text):
    assert _lint(spec, text, ["GIX603"]) == []


@pytest.mark.parametrize("text", ["修订行政处罚裁量基准3项。", "公布行政处罚事项清单21项。"])
def test_penalty_words_that_are_not_decisions(spec, text):
    assert _lint(spec, text, ["GIX608"]) == []


def test_licensing_and_penalty_decisions_are_still_compared(spec):
    lic, pen, enf = (int(spec.t2[k][0]) for k in ("licensing", "penalty", "enforcement"))
    assert _lint(spec, f"本年度公开行政许可信息{lic}条，行政处罚和行政强制信息{pen + enf}条。",
                 ["GIX603", "GIX608"]) == []
    assert _lint(spec, f"办理行政许可事项{lic}件，作出行政处罚决定{pen}件。", ["GIX603", "GIX608"]) == []
    found = _lint(spec, f"本年度公开行政许可信息{lic + 9}条，行政处罚信息{pen + 9}条。", ["GIX603", "GIX608"])
    assert sorted(f.rule for f in found) == ["GIX603", "GIX608"]
    assert rules_of(_lint(spec, f"办理行政许可事项{lic + 9}件。", ["GIX603"])) == {"GIX603"}


# --- GIX604 narrative-all-done-vs-carry -------------------------------------------------------

def test_last_years_carried_over_all_settled(spec):
    assert int(spec.t3["carried_forward"][6]) > 0
    for text in ("上年结转的12件申请均已办结。", "2023年度结转至本年的申请，均已办理完毕。",
                 "上一年度结转申请全部办结。"):
        assert _lint(spec, text, ["GIX604"]) == [], text
    assert rules_of(_lint(spec, "本年度新收的申请均已办结。", ["GIX604"])) == {"GIX604"}


# --- GIX607 narrative-review-none-vs-table ----------------------------------------------------

@pytest.mark.parametrize("text", [
    "被提起行政诉讼8件，其中未经行政复议直接提起行政诉讼4件。",
    "本年度未发生被行政复议、行政诉讼纠正的案件。",
    "没有经行政复议后提起行政诉讼的案件被撤销。",
    "未发生行政复议纠错或行政诉讼败诉。",
])
def test_review_phrases_that_do_not_say_there_were_none(spec, text):
    assert sum(spec.t4) > 0
    assert _lint(spec, text, ["GIX607"]) == []


def test_review_none_still_contradicts_table_four(spec):
    for text in ("本年度未发生因政府信息公开引起的行政复议、行政诉讼。",
                 "本年度没有因政府信息公开被申请行政复议、提起行政诉讼的情况。"):
        assert rules_of(_lint(spec, text, ["GIX607"])) == {"GIX607"}, text


# --- GIX609 narrative-result-counts: one reason is one row ------------------------------------

@pytest.mark.parametrize(("reason", "row"), [
    ("其中因属于国家秘密不予公开的{n}件", "denied_state_secret"),
    ("因本机关不掌握相关政府信息无法提供{n}件", "unable_not_held"),
    ("属于信访举报投诉类申请不予处理{n}件", "not_processed_petition"),
    ("不予处理（重复申请）{n}件", "not_processed_duplicate"),
    ("不予公开（保护第三方合法权益）{n}件", "denied_third_party"),
])
def test_a_reason_is_compared_with_its_row(spec, reason, row):
    head = "本年度共答复政府信息公开申请若干件，"
    n = _row(spec, row)
    assert n != _group(spec, row.split("_")[0] + "_"), "the test needs a row that differs from its group"
    assert _lint(spec, head + reason.format(n=n) + "。", ["GIX609"]) == []
    found = _lint(spec, head + reason.format(n=n + 5) + "。", ["GIX609"])
    assert rules_of(found) == {"GIX609"} and f"{L.row_label('t3', row)} {n}" in found[0].message


def test_a_reason_with_deng_is_the_whole_group(spec):
    unable = _group(spec, "unable_")
    assert _lint(spec, f"本年度答复申请若干件，因本机关不掌握等原因无法提供{unable}件。", ["GIX609"]) == []
    found = _lint(spec, f"本年度答复申请若干件，因本机关不掌握等原因无法提供{_row(spec, 'unable_not_held')}件。",
                  ["GIX609"])
    assert rules_of(found) == {"GIX609"}


@pytest.mark.parametrize("text", [
    "本年度答复申请若干件，2023年予以公开5件。",
    "本年度答复申请若干件，上一年度予以公开12件，本年度予以公开{granted}件。",
    "二〇二三年共答复申请30件，其中予以公开15件。",
    "上年结转的申请中，予以公开3件。",
    "本年度答复申请若干件，涉及征地拆迁的申请不予公开4件。",
    "本年度答复申请若干件，因信访举报不予公开4件。",        # another group's reason: no row to compare
    "本年度答复申请若干件，其中9件属于过程性信息不予公开。",
])
def test_counts_the_table_does_not_hold_are_not_compared(spec, text):
    assert _lint(spec, text.format(granted=_group(spec, "granted")), ["GIX609"]) == []


def test_this_years_count_after_last_years_is_compared(spec):
    granted = _group(spec, "granted") + _group(spec, "partially_granted")
    text = f"本年度答复申请若干件，上一年度予以公开12件，本年度予以公开{granted + 7}件。"
    found = _lint(spec, text, ["GIX609"])
    assert [f.actual for f in found] == [granted + 7]
    assert rules_of(_lint(spec, f"2024年共答复申请若干件，其中予以公开{granted + 7}件。", ["GIX609"])) == {"GIX609"}


def test_breakdown_stops_at_a_single_reason(spec):
    # 「因属于国家秘密不予公开 2 件」 is a part of 不予公开: the six results are not all named
    text = ("共答复40件，其中予以公开10件，部分公开5件，因属于国家秘密不予公开2件，无法提供8件，"
            "不予处理10件，其他处理5件。")
    assert _lint(spec, text, ["GIX610"]) == []
