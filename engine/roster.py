"""A supervisor's roster: the agencies that must publish a report, with their deadlines.

A CSV file as Excel saves it (UTF-8 or GBK, with or without BOM), one agency a row, a header row
naming the columns:

    机关名称,类型,发布期限
    示例县人民政府,政府,
    示例县教育局,部门,
    示例县水利局,部门,02-20

``机关名称`` (or 机关/单位/单位名称/name) is required. ``类型`` (type) is 部门 (department) or
政府 (government) and picks the statutory deadline (次年 1月31日 or 3月31日, as configured);
``发布期限`` (deadline) overrides it with a local one, as 月-日. Other columns are ignored, so a
roster kept for other purposes can be used as it is.

With a roster, GIX905 lists agencies that have no report in the run and reports from agencies
that are not on it, and GIX506 (late) takes each agency's deadline from it.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import labels as L
from .packs import ConfigError

NAME = ("机关名称", "机关", "单位名称", "单位", "名称", "name", "agency")
TYPE = ("类型", "机关类型", "单位类型", "type")
DEADLINE = ("发布期限", "期限", "截止日期", "deadline")
TYPES = {"部门": "department", "政府": "government", "人民政府": "government",
         "department": "department", "government": "government"}
_MMDD = re.compile(r"^\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def agency_key(name: str) -> str:
    """An agency name as compared: no spaces, full width folded, no bracketed suffix （办公室）."""
    return re.sub(r"[（(][^）)]*[）)]$", "", L.squash(name or ""))


@dataclass(frozen=True)
class Entry:
    name: str
    line: int                      # the row's line in the CSV file
    type: str = ""                 # department | government | "" (the deadline policy decides)
    deadline: str = ""             # "MM-DD" when the roster sets one

    @property
    def key(self) -> str:
        return agency_key(self.name)


@dataclass
class Roster:
    path: str
    entries: list[Entry] = field(default_factory=list)

    def find(self, agency: str) -> Entry | None:
        """The entry for a report's agency: the same name, or failing that the one entry whose name
        ends the other's (南通市海门区教育局 on a roster listing 海门区教育局, or the reverse)."""
        key = agency_key(agency)
        if not key:
            return None
        exact = [e for e in self.entries if e.key == key]
        if exact:
            return exact[0]
        close = [e for e in self.entries if e.key and (key.endswith(e.key) or e.key.endswith(key))]
        return close[0] if len(close) == 1 else None


def load(path: Path) -> Roster:
    """Read a roster CSV; anything wrong is a :class:`ConfigError` naming file and line."""
    from .readers.text import decode

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: 无法读取名单文件（{exc.strerror or exc}）") from exc
    text, _encoding = decode(data)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    header_at = next((i for i, row in enumerate(rows) if any(cell.strip() for cell in row)), None)
    if header_at is None:
        raise ConfigError(f"{path}: 名单文件是空的")
    header = [L.squash(h).lower() for h in rows[header_at]]

    def column(names: tuple[str, ...]) -> int | None:
        return next((header.index(n) for n in names if n in header), None)

    name_col, type_col, deadline_col = column(NAME), column(TYPE), column(DEADLINE)
    if name_col is None:
        raise ConfigError(f"{path}:{header_at + 1}: 名单第一行应是表头，其中要有「机关名称」一列"
                          f"（现有：{'、'.join(h for h in rows[header_at] if h.strip()) or '空'}）")
    roster = Roster(str(path))
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[header_at + 1:], start=header_at + 2):
        name, kind, deadline = (_cell(row, col) for col in (name_col, type_col, deadline_col))
        if not name:
            continue
        if kind and L.squash(kind).lower() not in TYPES:
            raise ConfigError(f"{path}:{number}: 「{name}」的类型「{kind}」无法识别，应为 部门 或 政府（也可留空）")
        mmdd = ""
        if deadline:
            m = _MMDD.match(deadline)
            if not m or not _real_day(int(m.group(1)), int(m.group(2))):
                raise ConfigError(f"{path}:{number}: 「{name}」的发布期限「{deadline}」应写成 月-日，如 02-20（次年）")
            mmdd = f"{int(m.group(1)):02d}-{int(m.group(2)):02d}"
        entry = Entry(name, number, TYPES.get(L.squash(kind).lower(), ""), mmdd)
        if entry.key in seen:
            raise ConfigError(f"{path}:{number}: 「{name}」与第 {seen[entry.key]} 行重复")
        seen[entry.key] = number
        roster.entries.append(entry)
    if not roster.entries:
        raise ConfigError(f"{path}: 名单中没有机关")
    return roster


def _cell(row: list[str], col: int | None) -> str:
    return row[col].strip() if col is not None and col < len(row) else ""


def _real_day(month: int, day: int) -> bool:
    from datetime import date

    try:
        date(2000, month, day)
    except ValueError:
        return False
    return True
