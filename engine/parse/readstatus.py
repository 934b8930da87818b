"""How far each table could be read: exact, partly readable, or unreadable — said once per table.

The layout stage reports rows whose digits ran together (and tables it could not read at all);
the builder adds rows it could not place (a wrong count of cells, a label lost from its values).
Here those notes become each table's status, and each table that is not exact gets exactly one
``unreadable-text`` problem (GIX006) naming the rows and the reason. Checks skip what is unread,
so a misreading never becomes a finding about the report.
"""

from __future__ import annotations

from gixlint.parse.model import EXACT, UNREADABLE, Problem, Table
from gixlint.vocab import labels as L

# why a row or table could not be read, in the words a clerk would use
MERGED_DIGITS = "数字之间的分隔丢失"
FEWER_NUMBERS = "数字个数少于列数，数字之间的分隔可能丢失"
COUNT_MISMATCH = "读到的数字个数与列数不符，无法确定各数所在的列"
HEADER_ALIGN = "表头与数据无法对齐"
DETACHED = "行标签与数字分离，无法一一配对"
OCR_LETTERS = "数字可能被识别成了字母（如「O」「l」），无法确定是哪个数"
TEXT_BOXES_ONLY = ("正文都在文本框里（PDF 转换成的 Word 文件常这样），每个文本框是一行或一格，"
                   "表格的行和列无法可靠还原，请改用原始 Word 文件或 PDF 原件检查表格")
PADDED_ROW = "只有最后一格为空，其余各格都有数：可能是转换时丢了一个数、在行尾补了空格，各数已错位"

_TABLE_ZH = {"t2": "表二", "t2v19": "表二", "t3": "表三", "t4": "表四"}


def _table_for(tables: dict[str, Table], name: str, line: int, fmt: str) -> Table:
    if name == "t2" and "t2v19" in tables:
        name = "t2v19"
    elif name == "t2" and fmt == "v2019" and "t2" not in tables:
        name = "t2v19"
    if name not in tables:
        tables[name] = Table(name, line, line)
    return tables[name]


def apply_read_notes(tables: dict[str, Table], notes: list[Problem], fmt: str) -> None:
    """Turn the layout's notes (digits run together, a reconstruction) into table statuses."""
    for note in notes:
        if not note.table:
            continue
        table = _table_for(tables, note.table, note.line, fmt)
        if note.kind == "reconstructed":
            table.reconstructed = True
        elif note.row:
            detail = note.cells[0] if note.cells else {}
            # the layout may say why in a clerk's words (a blank cell lost in a crawl, not separators)
            table.mark_unread(note.row, note.line, detail.get("why") or FEWER_NUMBERS, raw=detail.get("raw", ""),
                              found=note.actual, width=note.expected)
        else:
            raw = note.cells[0].get("raw", "") if note.cells else ""
            table.mark_unreadable(f"{MERGED_DIGITS}（读到「{raw[:40]}」）" if raw else note.message or MERGED_DIGITS)
            table.line = table.line or note.line


def _row_words(table: Table, key: str, detail: dict) -> str:
    label = L.row_label(table.name, key) if key else "复议诉讼数据"
    raw = detail.get("raw")
    found, width = detail.get("found"), detail.get("width")
    if raw and found is not None and width:
        return f"「{label}」读到 {found} 个格（「{raw[:40]}」），应为 {width} 个"
    if raw:
        return f"「{label}」（「{raw[:40]}」）"
    return f"「{label}」"


def read_status_problems(tables: dict[str, Table]) -> list[Problem]:
    """One problem per table that is not exact: which rows, and why."""
    out: list[Problem] = []
    for name, table in tables.items():
        if table.status == EXACT:
            continue
        where = _TABLE_ZH.get(name, name)
        if table.status == UNREADABLE:
            out.append(Problem(
                "unreadable-text", table.line,
                f"{where}无法可靠读出：{table.reason}。gixlint 不猜测这些数字：{where}各格不作检查，"
                "表内勾稽关系也未核对；请对照原件核实", table=name))
            continue
        rows = sorted(table.unread_rows.items(), key=lambda kv: kv[1]["line"])
        reasons = list(dict.fromkeys(d["reason"] for _k, d in rows))
        shown = "；".join(_row_words(table, k, d) for k, d in rows[:6])
        more = f"等 {len(rows)} 行" if len(rows) > 6 else f"共 {len(rows)} 行"
        out.append(Problem(
            "unreadable-text", rows[0][1]["line"],
            f"{where}部分无法可靠读出（{'、'.join(reasons)}）：{shown}，{more}。这些行不作检查，"
            "涉及它们的勾稽关系也未核对；其余各行照常检查。请对照原件核实这些行",
            # no 填报/应为: what was not read is no cell's value (the rows are listed in cells)
            table=name, row=rows[0][0] if len(rows) == 1 else "",
            cells=[{"table": name, "row": k, "row_label": L.row_label(name, k) if k else None,
                    "line": d["line"], "reason": d["reason"], "raw": d.get("raw") or None} for k, d in rows]))
    return out
