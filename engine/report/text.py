"""Human output: one block per file, one line per finding, with where and the numbers."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from gixlint.lint.findings import SEVERITY_ZH, TABLE_ZH, plain
from gixlint.report.inert import SafeConsole
from gixlint.report.json import summary
from gixlint.vocab import labels as L

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _is_number(value) -> bool:
    from decimal import Decimal

    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def location(f) -> str:
    parts = []
    if f.source:
        parts.append(f.source)
    if f.section:
        parts.append(f.section)
    if f.table:
        parts.append(TABLE_ZH.get(f.table, f.table))
    if f.row:
        parts.append(f"行「{L.row_label(f.table, f.row)}」")
    if f.column and f.column not in ("count", "amount"):
        parts.append(f"列「{L.column_label(f.table, f.column)}」")
    if _is_number(f.actual) and _is_number(f.expected):
        parts.append(f"填报 {plain(f.actual)}，应为 {plain(f.expected)}")
    return " · ".join(parts)


def parse_place(source: str):
    """The place a .docx, .html or .pdf finding names (its patterns are loaded only then)."""
    from gixlint.read.place import parse

    return parse(source)


def render(results, console: Console, show_clean: bool = False, rules=None, quiet: bool = False) -> None:
    """Each file's findings, then the overview and totals (left out with ``quiet``, i.e. -q)."""
    console = SafeConsole(console)     # report text and file names never steer the terminal
    for r in results:
        if not r.findings and not show_clean:
            continue
        header = Text(r.path, style="bold underline")
        if r.record and r.record.meta.agency:
            header.append(f"  {r.record.meta.agency} {r.record.meta.year or ''}", style="dim")
        console.print(header)
        for f in r.findings:
            line = Text("  ")
            # in a .docx, .html or .pdf the clerk finds 第 N 段 / 表格 2 第 6 行第 10 格 / 第 3 页, not our line
            found_by = f.source if f.source and parse_place(f.source) else ""
            line.append(f"{found_by}  " if found_by else f"L{f.line or '-':<5}", style="dim")
            line.append(f"{SEVERITY_ZH[f.severity]}", style=STYLE[f.severity])
            line.append(f"  {f.rule}", style="bold")
            line.append(f"  {f.message}  ")
            line.append(f"[{f.name}]", style="dim")
            console.print(line, soft_wrap=True)
            where = location(f)
            if found_by:
                where = where.removeprefix(found_by).lstrip(" ·")
            if where:
                console.print(Text(f"                    {where}", style="dim"), soft_wrap=True)
        console.print()
    if quiet:
        return
    s = summary(results)
    if len(results) > 1 or any(r.roster for r in results):
        from gixlint.report.summary import common, overview, sentence

        o = overview(results, rules)
        if o["reports"] > 1 or o["roster_missing"] is not None:
            console.print(Text(sentence(o)), soft_wrap=True)
            if common(results):
                console.print(Text(common(results)), soft_wrap=True)
    clean = s["files"] - s["files_with_findings"]
    text = Text(f"检查了 {s['files']} 个文件（{clean} 个无问题）：")
    text.append(f"{s['error']} 个错误", style=STYLE["error"] if s["error"] else "")
    text.append("，")
    text.append(f"{s['warning']} 个警告", style=STYLE["warning"] if s["warning"] else "")
    text.append(f"，{s['info']} 个提示")
    console.print(text)
    reports = [r for r in results if not r.roster]
    if len(reports) == 1:
        from gixlint.report.verdict import verdict

        console.print(Text(f"结论：{verdict(reports[0].findings)}", style="bold"))
