"""A supervisor's roster: the agencies that must publish a report, with their deadlines.

A CSV file as Excel saves it (UTF-8 or GBK, with or without BOM; or tab-separated "Unicode
text"), one agency a row, a header row naming the columns (a title row or two above it is fine):

    机关名称,类型,发布期限
    示例县人民政府,政府,
    示例县教育局,部门,
    示例县水利局,部门,02-20

``机关名称`` (or 机关/单位/单位名称/name) is required. ``类型`` (type) is 部门 (department) or
政府 (government) and picks the statutory deadline (次年 1月31日 or 3月31日, as configured);
``发布期限`` (deadline) overrides it with a local one, as 月-日 (a full date's year is ignored).
Other columns are ignored, so a roster kept for other purposes can be used as it is.

With a roster, GIX905 lists agencies that have no report in the run and reports from agencies
that are not on it, and GIX506 (late) takes each agency's deadline from it.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from gixlint.lint.packs import ConfigError
from gixlint.vocab import labels as L
from gixlint.vocab.agencies import agency_key, same_agency
from gixlint.vocab.deadlines import _MMDD, month_day

NAME = ("机关名称", "机关", "单位名称", "单位", "名称", "name", "agency")
TYPE = ("类型", "机关类型", "单位类型", "type")
DEADLINE = ("发布期限", "期限", "截止日期", "deadline")
TYPES = {"部门": "department", "政府": "government", "人民政府": "government",
         "department": "department", "government": "government"}
_NOTE = re.compile(r"[（(][^）)]*[）)]")
_HEADER_ROWS = 5        # a title row or two may stand above the header ("示例县2024年度报送名单")


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
        close = [e for e in self.entries if e.key and same_agency(key, e.key)]
        return close[0] if len(close) == 1 else None


def load(path: Path) -> Roster:
    """Read a roster CSV; anything wrong is a :class:`ConfigError` naming file and line."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: 无法读取名单文件（{exc.strerror or exc}）") from exc
    text = _decode(data)
    top = [line for line in text.splitlines() if line.strip()][:_HEADER_ROWS]
    delimiter = next((d for d in ("\t", "，") if any(d in line for line in top) and not any("," in line for line in top)),
                     ",")
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter)
    rows, lines = [], []        # each record and the file line it starts on (a quoted cell may span lines)
    start = 1
    for row in reader:
        rows.append(row)
        lines.append(start)
        start = reader.line_num + 1
    filled = [i for i, row in enumerate(rows) if any(cell.strip() for cell in row)]
    if not filled:
        raise ConfigError(f"{path}: 名单文件是空的")

    def header_of(i: int) -> list[str]:
        return [_NOTE.sub("", L.squash(h)).lower() for h in rows[i]]

    header_at = next((i for i in filled[:_HEADER_ROWS] if any(n in header_of(i) for n in NAME)), None)
    if header_at is None:
        shown = "、".join(h for h in rows[filled[0]] if h.strip()) or "空"
        raise ConfigError(f"{path}:{lines[filled[0]]}: 名单要有表头行，其中有「机关名称」一列（现有：{shown}）；"
                          "各列用逗号（CSV）或制表符分隔")
    header = header_of(header_at)

    def column(names: tuple[str, ...]) -> int | None:
        return next((header.index(n) for n in names if n in header), None)

    name_col, type_col, deadline_col = column(NAME), column(TYPE), column(DEADLINE)
    roster = Roster(_shown(path))
    seen: dict[str, int] = {}
    for number, row in zip(lines[header_at + 1:], rows[header_at + 1:]):
        name, kind, due = (_cell(row, col) for col in (name_col, type_col, deadline_col))
        name = re.sub(r"\s+", "", name)       # a name wrapped inside its cell
        if not name:
            continue
        agency_type = _type(kind)
        if kind and agency_type is None:
            raise ConfigError(f"{path}:{number}: 「{name}」的类型「{kind}」无法识别，应为 部门 或 政府（也可留空）")
        mmdd = month_day(due) if due else ""
        if mmdd is None:
            why = "没有这一天" if _MMDD.match(due) else "应写成 月-日，如 02-20（次年）"
            raise ConfigError(f"{path}:{number}: 「{name}」的发布期限「{due}」{why}")
        entry = Entry(name, number, agency_type or "", mmdd)
        if entry.key in seen:
            raise ConfigError(f"{path}:{number}: 「{name}」与第 {seen[entry.key]} 行重复")
        seen[entry.key] = number
        roster.entries.append(entry)
    if not roster.entries:
        raise ConfigError(f"{path}: 名单中没有机关")
    return roster


def _shown(path: Path) -> str:
    """The roster's path as findings show it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def _type(text: str) -> str | None:
    """部门 or 政府 as a roster writes it: 县直部门, 乡镇人民政府, 政府部门 (a department)."""
    squashed = L.squash(text).lower()
    if squashed in TYPES:
        return TYPES[squashed]
    if squashed.endswith("政府"):
        return "government"
    if any(word in squashed for word in ("部门", "局", "委", "办", "机关", "直属")):
        return "department"
    return None


def _decode(data: bytes) -> str:
    """A roster's text: by its BOM, else UTF-8, else GB18030 (Excel on a Chinese Windows), else
    detected. Trying the two common ones first keeps a short GBK file from being misread."""
    from gixlint.read.text import decode

    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode(data)[0]
    for codec in ("utf-8", "gb18030"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            pass
    return decode(data)[0]


def _cell(row: list[str], col: int | None) -> str:
    return row[col].strip() if col is not None and col < len(row) else ""

