"""Human output: one block per file, one line per finding, with where and the numbers.

The lines are worked out once, as spans of text with a style name (:func:`lines`); two thin
writers show them. :func:`render` styles them with rich for a terminal; :func:`write_plain`
writes the same characters unstyled (a pipe, a file, ``--color never``), which is most runs by
scripts and supervisors, and spares them importing rich (about a tenth of a one-file run).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TextIO

from gixlint.lint.findings import SEVERITY_ZH, TABLE_ZH, numeric, plain
from gixlint.report.inert import terminal
from gixlint.report.summary import totals
from gixlint.vocab import labels as L

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


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
    likely = likely_cell(f)
    if likely is not None:
        parts.append(f"最可能填错：{likely_words(likely)}")
    elif numeric(f.actual) and numeric(f.expected):
        parts.append(f"填报 {plain(f.actual)}，应为 {plain(f.expected)}")
    return " · ".join(parts)


def likely_cell(f) -> dict | None:
    """The one cell a balance finding's table points to as mistyped (its suggestions name a single
    fix of a single cell), else None. Then the finding's own cell (a total) is most likely right,
    and 「填报 1，应为 10」 of it would send the clerk to change a correct number."""
    found = getattr(f, "suggestions", None) or []
    return found[0] if len(found) == 1 and found[0].get("label") else None


def likely_words(likely: dict) -> str:
    reported = likely.get("reported")
    printed = "空白" if reported is None else plain(reported)      # a blank cell is reported as null
    return f"{likely['label']} 填报 {printed}，若为 {plain(likely.get('value'))}，本表平衡"


def parse_place(source: str):
    """The place a .docx, .html or .pdf finding names (its patterns are loaded only then)."""
    from gixlint.read.place import parse

    return parse(source)


Span = tuple[str, str]          # (text, rich style name or "")


def lines(results, show_clean: bool = False, rules=None, quiet: bool = False) -> Iterator[list[Span]]:
    """Each file's findings, then the overview and totals (left out with ``quiet``, i.e. -q);
    one list of spans per printed line."""
    for r in results:
        if not r.findings and not show_clean:
            continue
        header = [(r.path, "bold underline")]
        if r.record and r.record.meta.agency:
            header.append((f"  {r.record.meta.agency} {r.record.meta.year or ''}", "dim"))
        yield header
        for f in r.findings:
            # in a .docx, .html or .pdf the clerk finds 第 N 段 / 表格 2 第 6 行第 10 格 / 第 3 页, not our line
            found_by = f.source if f.source and parse_place(f.source) else ""
            yield [("  ", ""), (f"{found_by}  " if found_by else f"L{f.line or '-':<5}", "dim"),
                   (SEVERITY_ZH[f.severity], STYLE[f.severity]), (f"  {f.rule}", "bold"),
                   (f"  {f.message}  ", ""), (f"[{f.name}]", "dim")]
            where = location(f)
            if found_by:
                where = where.removeprefix(found_by).lstrip(" ·")
            if where:
                yield [(f"                    {where}", "dim")]
        yield []
    if quiet:
        return
    s = totals(results)
    if len(results) > 1 or any(r.roster for r in results):
        from gixlint.report.summary import common, overview, sentence

        o = overview(results, rules)
        if o["reports"] > 1 or o["roster_missing"] is not None:
            yield [(sentence(o), "")]
            if common(results):
                yield [(common(results), "")]
    clean = s["files"] - s["files_with_findings"]
    yield [(f"检查了 {s['files']} 个文件（{clean} 个无问题）：", ""),
           (f"{s['error']} 个错误", STYLE["error"] if s["error"] else ""), ("，", ""),
           (f"{s['warning']} 个警告", STYLE["warning"] if s["warning"] else ""), (f"，{s['info']} 个提示", "")]
    reports = [r for r in results if not r.roster]
    if len(reports) == 1:
        from gixlint.report.verdict import verdict

        yield [(f"结论：{verdict(reports[0].findings)}", "bold")]


def render(results, console, show_clean: bool = False, rules=None, quiet: bool = False) -> None:
    """The lines on a rich ``Console``, styled; report text never steers the terminal."""
    from rich.text import Text

    from gixlint.report.inert import SafeConsole

    console = SafeConsole(console)
    for spans in lines(results, show_clean, rules, quiet):
        text = Text()
        for part, style in spans:
            text.append(part, style=style or None)
        console.print(text, soft_wrap=True)


def write_plain(results, out: TextIO, show_clean: bool = False, rules=None, quiet: bool = False) -> None:
    """The same lines, unstyled and unwrapped (one finding stays one line for grep); report text
    never steers the terminal."""
    out.writelines(terminal("".join(part for part, _style in spans)) + "\n"
                   for spans in lines(results, show_clean, rules, quiet))
