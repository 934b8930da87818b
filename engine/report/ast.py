"""``gixlint parse``: the AST as JSON (for scripts) or as an indented tree (for people)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from gixlint.parse.model import Report
from gixlint.report.inert import SafeConsole, json_text
from gixlint.vocab import labels as L

if TYPE_CHECKING:       # rich is imported only to print (a JSON run never needs it)
    from rich.console import Console


def read_status(table) -> dict:
    """How far a table could be read, for scripts: exact, partial (these rows) or unreadable (why)."""
    return {"status": table.status, "reason": table.reason or None, "reconstructed": table.reconstructed,
            "unread_rows": [{"row": key, **detail} for key, detail in table.unread_rows.items()]}


def to_json(report: Report) -> dict:
    tables: dict = {}
    for name in ("t2", "t2v19"):
        t2 = report.tables.get(name)
        if t2:
            tables[name] = {
                key: (row.cells[next(iter(row.cells))].to_json() if len(row.cells) == 1
                      else {c: cell.to_json() for c, cell in row.cells.items()})
                for key, row in t2.rows.items()
            }
    t3 = report.tables.get("t3")
    if t3:
        tables["t3"] = {
            "line": t3.line,
            "rows": {key: {"label": row.label, "line": row.line,
                           **{c: cell.to_json() for c, cell in row.cells.items()}}
                     for key, row in t3.rows.items()},
        }
    t4 = report.tables.get("t4")
    if t4:
        tables["t4"] = {key: {c: cell.to_json() for c, cell in row.cells.items()} for key, row in t4.rows.items()}
    return {
        "path": report.path,
        "layout": report.layout,
        "encoding": report.encoding,
        "meta": {"title": report.meta.title, "title_line": report.meta.title_line, "agency": report.meta.agency,
                 "year": report.meta.year, "format": report.meta.format},
        "sections": [
            {"number": s.number, "key": L.SECTION_KEYS[s.number], "numeral": s.numeral,
             "separator": s.separator, "title": s.title, "line": s.line, "end_line": s.end_line,
             "text": s.text}
            for s in report.sections
        ],
        "tables": tables,
        "read_status": {name: read_status(table) for name, table in report.tables.items()},
        "dates": [d.to_json() for d in report.dates],
        "closing": [{"line": p.line, "text": p.text} for p in report.closing],
        "problems": [{"kind": p.kind, "line": p.line, "message": p.message, "table": p.table or None,
                      "row": p.row or None} for p in report.problems],
    }


def to_json_text(report: Report) -> str:
    return json_text(json.dumps(to_json(report), ensure_ascii=False, indent=2))   # exact, and inert in a terminal


_STATUS_ZH = {"exact": "完整", "partial": "部分行未读出", "unreadable": "无法读出"}


def _cells(cells) -> str:
    return "  ".join(f"{c.raw.strip() or '·'}" for c in cells.values())


def render(report: Report, console: Console) -> None:
    from rich.text import Text

    console = SafeConsole(console)     # report text and file names never steer the terminal
    m = report.meta
    console.print(Text(f"{report.path}  [{report.layout}, {report.encoding}]", style="bold"))
    console.print(f"  标题 L{m.title_line}: {m.title}   机关: {m.agency or '?'}   年度: {m.year or '?'}")
    for s in report.sections:
        console.print(f"  L{s.line:<4} 第{L.NUMERALS[s.number - 1]}部分  {s.heading}  （至 L{s.end_line}，"
                      f"{len(s.paragraphs)} 段）")
    for name, table in report.tables.items():
        console.print(f"  {name}  L{table.line}-{table.end_line}  读取：{_STATUS_ZH[table.status]}"
                      + ("（数字由粘连的数字串拆分推得）" if table.reconstructed else "")
                      + (f"：{table.reason}" if table.status == "unreadable" else ""))
        for key, row in table.rows.items():
            mark = "  ？未读出：" + table.unread_rows[key]["reason"] if key in table.unread_rows else ""
            console.print(f"    L{row.line:<4} {key:<36} {_cells(row.cells)}{mark}")
        for key, detail in table.unread_rows.items():
            if key not in table.rows:
                console.print(f"    L{detail['line']:<4} {key:<36} ？未读出：{detail['reason']}")
    for d in report.dates:
        console.print(f"  L{d.line:<4} 日期 {d.role:<12} {d.text}{'' if d.valid else '  （不存在）'}")
    for p in report.problems:
        console.print(Text(f"  L{p.line:<4} 问题 {p.kind}: {p.message}", style="yellow"))
