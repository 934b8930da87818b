"""Sign-off dates as agencies write them: 元月, Chinese numerals, 号, brackets, 印发, month only.

Red-team findings: each of these sign-offs gave a false GIX508 「未找到落款日期或发布时间」. A
month-only sign-off (2025年1月) is a date of month precision: late (GIX506) only if even the
month's first day is past the deadline, before the year's end (GIX505) only if even its last day
is on or before 12月31日."""

from __future__ import annotations

import pytest

from gixlint.parse import parse_text
from gixlint.testing import LAYOUTS, lint_text, render
from gixlint.vocab.dates import find_dates, is_date_line

from .conftest import rules_of

DATES = ["GIX505", "GIX506", "GIX507", "GIX508"]


def _signoff(spec, written: str, layout: str = "word-tabs"):
    spec.signoff = written
    text = render(spec, layout).text
    signoffs = [d for d in parse_text(text).dates if d.role in ("signoff", "published")]
    return signoffs, rules_of(lint_text(text, select=DATES))


@pytest.mark.parametrize(("written", "iso"), [
    ("2025年元月20日", "2025-01-20"),
    ("二〇二五年元月二十日", "2025-01-20"),
    ("二〇二五年一月二十日", "2025-01-20"),
    ("2025年1月", "2025-01"),
    ("二〇二五年一月", "2025-01"),
    ("2025年元月", "2025-01"),
    ("（2025年1月20日）", "2025-01-20"),
    ("(2025年1月20日)", "2025-01-20"),
    ("2025年1月20日印发", "2025-01-20"),
    ("2025年1月20号", "2025-01-20"),
    ("二〇二五年一月二十号", "2025-01-20"),
    ("成文日期：2025年1月20日", "2025-01-20"),
])
@pytest.mark.parametrize("layout", ["word-tabs", "blank-lines"])
def test_signoff_forms_are_read(spec, written, iso, layout):
    signoffs, found = _signoff(spec, written, layout)
    assert [d.to_json()["date"] for d in signoffs] == [iso]
    assert found == set(), found


@pytest.mark.parametrize("layout", LAYOUTS)
def test_month_only_signoff_in_every_layout(spec, layout):
    signoffs, found = _signoff(spec, "2025年1月", layout)
    assert [(d.precision, d.iso) for d in signoffs] == [("month", "2025-01")] and found == set()


def test_no_date_at_all_is_still_missing(spec):
    spec.signoff = None
    assert rules_of(lint_text(render(spec).text, select=DATES)) == {"GIX508"}


# --- month precision: judged only where every day of the month agrees --------------------------

@pytest.mark.parametrize(("written", "fires"), [
    ("2025年1月", False),            # 1月1日 … 1月31日: all on time for a department
    ("2025年元月", False),
    ("2025年2月", True),             # even 2月1日 is past 1月31日
    ("二〇二五年二月", True),
    ("2025年2月18号", True),
    ("2025年元月31日", False),
])
def test_late_department(spec, written, fires):
    _dates, found = _signoff(spec, written)
    assert ("GIX506" in found) is fires, found


@pytest.mark.parametrize(("written", "fires"), [("2025年3月", False), ("2025年4月", True)])
def test_late_government(spec, written, fires):
    spec.agency = "示例市示例区人民政府"
    _dates, found = _signoff(spec, written)
    assert ("GIX506" in found) is fires, found


@pytest.mark.parametrize(("written", "fires"), [
    ("2024年12月", True),            # even 12月31日 is not after the year
    ("二〇二四年十二月", True),
    ("（2024年12月20日）", True),
    ("2024年12月20日印发", True),
    ("2025年1月", False),
    ("2024年11月", True),
])
def test_before_year_end(spec, written, fires):
    _dates, found = _signoff(spec, written)
    assert ("GIX505" in found) is fires, found


def test_future_month_only(spec):
    # today is TODAY (2026-11-23): 2026年11月 may be today's month, 2026年12月 is not yet
    assert "GIX507" not in _signoff(spec, "2026年11月")[1]
    assert "GIX507" in _signoff(spec, "2026年12月")[1]


# --- what is not a sign-off date --------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "2025年1月起施行新的公开指南。",
    "示例县XX局2025年1月",
    "2024年12月份",
    "2025年1月底前完成",
])
def test_not_a_date_line(text):
    assert not is_date_line(text)


def test_month_only_in_the_body_is_not_a_date():
    assert find_dates(1, "《办法》自2024年3月起施行，2024年元月召开专题会议。") == []
    # a full date in the body is still read, 元月 and 号 included
    assert [d.iso for d in find_dates(1, "于2024年元月5号召开专题会议")] == ["2024-01-05"]


def test_published_month_only():
    (d,) = find_dates(1, "发布时间：2025年1月")
    assert (d.role, d.precision, d.earliest.isoformat(), d.latest.isoformat()) == (
        "published", "month", "2025-01-01", "2025-01-31")


@pytest.mark.parametrize("slip", ["二〇二四十年2024年工作情况", "十十月", "二〇二五年十十月三日", "三月十十日"])
def test_a_numeral_that_reads_as_no_number_is_left_as_written(slip):
    """A typing slip in a Chinese numeral (十 twice, 十 inside a year) is no date, and reading goes
    on: before, cn_number raised and the whole file became an internal-error finding."""
    from gixlint.vocab.dates import arabic_dates, cn_number

    assert cn_number("十十") is None and cn_number("〇二四十") is None and cn_number("二十一") == 21
    assert arabic_dates(slip) == slip.replace("二〇二五", "2025")
    assert arabic_dates("二〇二五年一月十二十日") == "2025年1月十二十日"    # the month read, the day left
    dates = find_dates(3, slip, "body")
    # a whole date with such a numeral is a date that is not in the calendar, never a guessed one
    assert all(not d.valid for d in dates) and len(dates) == (slip == "二〇二五年十十月三日")


@pytest.mark.parametrize("layout", ["word-tabs", "blank-lines"])
def test_a_report_with_a_numeral_slip_is_checked_as_any_other(spec, layout):
    """A sign-off typed 二〇二五年一月十十日 used to stop the parse (an internal error for the file)."""
    spec.signoff = "二〇二五年一月十十日"
    text = render(spec, layout).text.replace("一、总体情况", "一、总体情况\n（十十）本机关继续推进。", 1)
    report = parse_text(text)
    assert len(report.sections) == 6 and report.tables["t3"].status == "exact"
    (signoff,) = [d for d in report.dates if d.role == "signoff"]     # the sign-off as written, no day made up
    assert (signoff.text, signoff.valid, signoff.earliest) == ("2025年1月十十日", False, None)
    found = lint_text(text)
    assert "GIX000" not in rules_of(found)
    # named as the date that does not exist, not as a missing sign-off
    assert [f.message for f in found if f.rule == "GIX501"] == ["日期「2025年1月十十日」不存在"]
    assert not {"GIX508", "GIX509"} & set(rules_of(found))
