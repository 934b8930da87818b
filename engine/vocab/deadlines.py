"""When a report is due (条例 art. 49): a department by 1月31日, a government by 3月31日 of the
next year, or the day a supervisor's roster sets; deadlines written as 月-日."""

from __future__ import annotations

import re
from datetime import date, timedelta

# a deadline as 月-日 (02-20, 2月20日, 2/20), or as a whole date whose year is ignored (2025/2/20)
_MMDD = re.compile(r"^\s*(?:\d{4}\s*[-/.年]\s*)?(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def month_day(text: str) -> str | None:
    """「02-20」「2月20日」「2/20」「2025/2/20」 (the year ignored) → "02-20"; None if it is no day
    of the year. 02-29 is allowed: :func:`due_date` moves it to 02-28 in other years."""
    m = _MMDD.match(str(text))
    if not m:
        return None
    month, day = int(m.group(1)), int(m.group(2))
    try:
        date(2000, month, day)          # a leap year
    except ValueError:
        return None
    return f"{month:02d}-{day:02d}"


def due_date(mmdd: str, year: int) -> date:
    """The deadline "MM-DD" in ``year`` (29 February is the 28th in other years)."""
    month, day = int(mmdd[:2]), int(mmdd[3:])
    # the month's last day (not calendar.monthrange: ~1 ms to import); December's without the
    # next January, which year 9999 has not
    last = 31 if month == 12 else (date(year, month + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day, last))


def deadline_params(params: dict) -> tuple[str, str] | None:
    """(key, problem) when a kind's department/government deadline is no day of the year."""
    for key in ("department_deadline", "government_deadline"):
        if key in params and month_day(params[key]) is None:
            return key, f"「{params[key]}」不是有效的 月-日（如 01-31）"
    return None


_PLACE = re.compile(r"(人民政府|省|自治区|市|区|县|自治县|旗|镇|乡|街道|街道办事处|办事处|实验区|新区|开发区|管委会|管理委员会)$")


def is_government(agency: str) -> bool:
    """A government's own report (人民政府, or the bare name of a place such as 平潭综合实验区),
    not a department's (…局, …人民政府办公室, …委员会)."""
    return bool(_PLACE.search(agency))


def deadline(entry, agency: str, params: dict) -> tuple[str, str, str]:
    """(MM-DD of the next year, whose deadline it is, its legal basis) for an agency: the roster
    entry's own deadline or type when it lists the agency (``entry.deadline``, ``entry.type``), else the policy in ``params`` (auto: a name
    ending in 人民政府 or a place's bare name is a government, 3月31日; any other agency a department, 1月31日)."""
    if entry and entry.deadline:
        return entry.deadline, f"名单（第 {entry.line} 行）规定的期限", ""
    policy = (entry.type if entry and entry.type else None) or params.get("policy", "auto")
    government = policy == "government" or (policy == "auto" and is_government(agency))
    return (month_day(params["government_deadline" if government else "department_deadline"]),
            "本级人民政府的法定期限" if government else "政府部门的法定期限", "（条例第四十九条）")
