"""Find dates in report text: Chinese (2025年1月13日, 二〇二五年一月十三日, 2025年元月13号), ISO, dotted.

Dates are read as written, even impossible ones (2月30日), so a rule can say they are wrong.
A sign-off or publication line may give only the month (2025年1月, 二〇二五年一月): that is a
date of month precision, whose first and last days bound when the report was issued.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date


@dataclass
class DateMention:
    """A date written in the report, whether or not it exists in the calendar."""

    line: int
    text: str
    year: int
    month: int
    day: int
    role: str = "body"          # published, signoff, period_start, period_end, body
    hour: int | None = None
    minute: int | None = None
    precision: str = "day"      # "month": only 年 and 月 were written (day is then 1)

    @property
    def valid(self) -> bool:
        try:
            date(self.year, self.month, self.day)
        except ValueError:
            return False
        return self.hour is None or (0 <= self.hour <= 23 and 0 <= (self.minute or 0) <= 59)

    @property
    def date(self) -> date | None:
        """The day written; for a month-only date, the month's first day (its earliest)."""
        return date(self.year, self.month, self.day) if self.valid else None

    @property
    def earliest(self) -> date | None:
        return self.date

    @property
    def latest(self) -> date | None:
        """The day written; for a month-only date, the month's last day."""
        if not self.valid or self.precision == "day":
            return self.date
        following = date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)

    @property
    def iso(self) -> str:
        """2025-01-20, or 2025-01 for a month-only date."""
        if self.precision == "month":
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def to_json(self) -> dict:
        return {"line": self.line, "text": self.text, "role": self.role, "date": self.iso, "valid": self.valid}




_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "〇零○Ｏ一二三四五六七八九十"

_CHINESE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_MONTH_ONLY = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?!\s*(?:\d|份|底|初|中|末|上旬|中旬|下旬))")
# a written year may mix in the letter O or the digit 0 for 〇 (二O二五年, 二0二五年)
_CN_YEAR_PART = re.compile(rf"([{_CN}O0]{{4}})(?=\s*年\s*[{_CN}\d元])")
_CN_MONTH_DAY = re.compile(rf"([{_CN}]{{1,2}})月([{_CN}]{{1,3}})([日号])")
_CN_MONTH = re.compile(rf"(?<=年)(\s*)([{_CN}]{{1,2}})(?=\s*月)")      # 2025年一月
_CN_DAY = re.compile(rf"(\d{{1,2}}\s*月\s*)([{_CN}]{{1,3}})(?=\s*[日号])")  # 1月二十日
# what arabic_dates leaves in Chinese numerals is a numeral that reads as no number (十十):
# 2025年1月十十日 is still a date as written, one that is not in the calendar
_UNREADABLE = re.compile(rf"(\d{{4}})\s*年\s*(\d{{1,2}}|[{_CN}]{{1,3}})\s*月\s*(\d{{1,2}}|[{_CN}]{{1,3}})\s*[日号]")
_FIRST_MONTH = re.compile(r"(?:(?<=[年至到\s—\-－~～（(])|^)元月")        # 元月 = 一月
_ISO = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::\d{2})?)?(?!\d)")
# 2024年1月1日至2024年12月31日 / 2022年1月1日至12月31日 / 自…起至…
_PERIOD = re.compile(
    r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:起)?\s*(?:至|到|—|-|－|~|～)\s*"
    r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日"
)
# a web page's header may say only 时间：2022-02-08 16:34 — a timestamp there is when the page went up
_PUBLISHED = re.compile(r"发布(时间|日期)|成文日期|发文日期|印发日期"
                        r"|(?:^|\s)时间[:：]\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s+\d{1,2}:\d{2}")
_YEAR = re.compile(r"(\d{4})\s*年")
_FOUR_DIGITS = re.compile(r"\d{4}")
_CN_NUMERALS = frozenset("〇零○一二三四五六七八九十")
_CN_YEAR = re.compile(rf"([{_CN}]{{4}})\s*年")


def cn_number(text: str) -> int | None:
    """二〇二五 → 2025 (digit by digit); 十三 → 13; 二十一 → 21; None for what reads as no number
    (十十, 〇二四十: a report's typing slip must not stop the reading)."""
    if "十" not in text:
        if not text or not all(ch in _CN_DIGITS for ch in text):
            return None
        value = 0
        for ch in text:
            value = value * 10 + _CN_DIGITS[ch]
        return value
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1 or (tens and tens not in _CN_DIGITS) or (units and units not in _CN_DIGITS):
        return None
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


def _arabic(numeral: str) -> str | None:
    value = cn_number(numeral)
    return None if value is None else str(value)


def _year_part(m: re.Match) -> str:
    if m.group(1).isdigit():
        return m.group(1)
    return _arabic(m.group(1).replace("0", "〇")) or m.group(0)


def _month_day(m: re.Match) -> str:
    month, day = _arabic(m.group(1)), _arabic(m.group(2))
    return f"{month}月{day}{m.group(3)}" if month and day else m.group(0)


def _after_prefix(m: re.Match) -> str:
    number = _arabic(m.group(2))
    return f"{m.group(1)}{number}" if number else m.group(0)


def find_year(text: str) -> int | None:
    """The first four-digit year written in the text (Arabic or Chinese numerals)."""
    m = _YEAR.search(text)
    if m:
        return int(m.group(1))
    m = _CN_YEAR.search(text)
    return cn_number(m.group(1)) if m else None


def arabic_dates(text: str) -> str:
    """二〇二四年一月一日至十二月三十一日 → 2024年1月1日至12月31日, 2025年元月20号 → 2025年1月20号,
    so one set of patterns reads both."""
    if "元月" in text:
        text = _FIRST_MONTH.sub("1月", text)
    if _CN_NUMERALS.isdisjoint(text):
        return text
    # each pattern needs 年 or 月, and none writes either: prose without them is left as it is
    # a numeral that reads as no number (十十月) is left as written
    if "年" in text:
        text = _CN_YEAR_PART.sub(_year_part, text)
    if "月" not in text:
        return text
    text = _CN_MONTH_DAY.sub(_month_day, text)
    text = _CN_MONTH.sub(_after_prefix, text)
    return _CN_DAY.sub(_after_prefix, text)


# words one of which every match of a pattern holds: a text holding none is not searched
_MARKS = {_PUBLISHED: ("发布", "日期", "时间"), _CHINESE: ("月",), _ISO: ("-", "/", ".")}


def _may_match(pattern: re.Pattern, text: str) -> bool:
    return any(mark in text for mark in _MARKS[pattern])


class _Spans:
    """Non-overlapping spans of text already read as a date; membership in O(log n), so a line
    repeating a date thousands of times is read in linear time."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, span: tuple[int, int]) -> None:
        i = bisect.bisect_left(self.starts, span[0])
        self.starts.insert(i, span[0])
        self.ends.insert(i, span[1])

    def __contains__(self, position: int) -> bool:
        i = bisect.bisect_right(self.starts, position) - 1
        return i >= 0 and position < self.ends[i]


def find_dates(line: int, text: str, role: str = "body") -> list[DateMention]:
    """Every date written in one line of text (Arabic or Chinese numerals, Chinese or ISO form)."""
    text = arabic_dates(text)
    if not _FOUR_DIGITS.search(text):
        return []       # every date pattern starts with a four-digit year
    found: list[DateMention] = []
    taken = _Spans()
    is_period = "统计" in text or "期限" in text or "时限" in text
    if is_period:
        for m in _PERIOD.finditer(text):
            y1, m1, d1, y2, m2, d2 = m.groups()
            found.append(DateMention(line, m.group(0), int(y1), int(m1), int(d1), "period_start"))
            found.append(DateMention(line, m.group(0), int(y2 or y1), int(m2), int(d2), "period_end"))
            taken.add(m.span())
    if _may_match(_PUBLISHED, text) and _PUBLISHED.search(text):
        role = "published"
    for pattern in (_CHINESE, _ISO):
        if not _may_match(pattern, text):
            continue
        for m in pattern.finditer(text):
            if m.start() in taken:
                continue
            groups = m.groups()
            hour = int(groups[3]) if len(groups) > 3 and groups[3] else None
            minute = int(groups[4]) if len(groups) > 4 and groups[4] else None
            found.append(DateMention(line, m.group(0), int(groups[0]), int(groups[1]), int(groups[2]),
                                     role, hour, minute))
            taken.add(m.span())
    if "月" in text and not _CN_NUMERALS.isdisjoint(text):
        for m in _UNREADABLE.finditer(text):
            if m.start() not in taken and not (m.group(2).isdigit() and m.group(3).isdigit()):
                found.append(DateMention(line, m.group(0), int(m.group(1)), _part(m.group(2)), _part(m.group(3)), role))
                taken.add(m.span())
    if role == "published" or _DATE_ONLY.match(text):
        # only 年 and 月: a date only where it dates the report (a sign-off line, 发布时间：2025年1月);
        # in the body 「2024年3月」 is when something happened, not a date the rules judge
        for m in _MONTH_ONLY.finditer(text):
            if m.start() not in taken:
                found.append(DateMention(line, m.group(0), int(m.group(1)), int(m.group(2)), 1, role,
                                         precision="month"))
                taken.add(m.span())
    return found


def _part(written: str) -> int:
    """A month or day as a number; 0 (no such month or day) for a numeral that reads as none."""
    return int(written) if written.isdigit() else cn_number(written) or 0


# a sign-off line: the date alone, perhaps in brackets, after 日期：, or followed by 印发/发布
# (a month or day left in Chinese numerals is one that reads as no number: still the sign-off)
_DATE_ONLY = re.compile(
    r"^\s*[（(]?\s*(?:(?:成文|印发|发布|落款)?(?:日期|时间)\s*[:：]\s*)?"
    rf"(\d{{4}}\s*年\s*(?:\d{{1,2}}|[{_CN}]{{1,3}})\s*月(?:\s*(?:\d{{1,2}}|[{_CN}]{{1,3}})\s*[日号])?"
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})"
    r"\s*(?:印发|发布|制发|制定|编制|编印|成文|公布)?\s*[)）]?\s*(?:[（(][^（()）]{1,15}[)）])?\s*$")


def is_date_line(text: str) -> bool:
    """A line holding only a date: the sign-off date under the agency's name (2025年1月20日,
    二〇二五年元月二十日, 2025年1月, （2025年1月20日）, 2025年1月20日印发)."""
    return bool(_DATE_ONLY.match(arabic_dates(text)))
