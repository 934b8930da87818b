"""Template leftovers: the blank official template, or a report still carrying its words.

A clerk who publishes the template (or forgets a part of it) should hear one plain error that
says so, not a long list of blank cells and short sections that hides the cause.
"""

from __future__ import annotations

import re

from gixlint.checks.common import place
from gixlint.checks.needles import searcher
from gixlint.lint.findings import TABLE_ZH
from gixlint.lint.hookspecs import hookimpl
from gixlint.lint.kinds import CheckKind, Hit, Param, regex_list
from gixlint.vocab.values import BLANK

PLACEHOLDERS = [r"[（(]\s*文字描述\s*[）)]", r"在此处(报告|填写)", r"此处(填写|报告)"]
TITLES = [r"格式模板\s*$", r"模板\s*$"]


def _blank(table) -> bool:
    """Every cell blank, and at least one: told at the first filled cell, not after listing all."""
    seen = False
    for row in table.rows.values():
        for cell in row.cells.values():
            if cell.kind != BLANK:
                return False
            seen = True
    return seen


def run(rule, report, context):
    titles = [re.compile(p) for p in rule.params["titles"]]
    placeholders = [searcher(p) for p in rule.params["placeholders"]]     # most paragraphs hold none of their words
    found: list[tuple[int, str]] = []
    template_title = bool(report.meta.title) and any(p.search(report.meta.title) for p in titles)
    if template_title:
        found.append((report.meta.title_line, f"标题仍是模板的「{report.meta.title}」"))
    for paragraph in [*report.all_paragraphs(), *report.closing]:
        match = next((m for search in placeholders if (m := search(paragraph.text))), None)
        if match:
            where = place(report.sources, paragraph.line)
            found.append((paragraph.line, f"{where}仍是模板的「{match.group(0)}」"))
    empty = [name for name in ("t2", "t3", "t4") if name in report.tables and _blank(report.tables[name])]
    untouched = bool(empty) and len(empty) == len([n for n in ("t2", "t3", "t4") if n in report.tables])
    if untouched:
        names = "、".join(TABLE_ZH[n] for n in empty)
        found.append((report.tables[empty[0]].line, f"{names}全部空白，一个数字也没有填"))
    if not found:
        return
    found.sort()
    shown = "；".join(words for _, words in found[:4])
    more = f"等 {len(found)} 处" if len(found) > 4 else ""
    # the template as it came (its title, its blank tables): blank cells and short sections are
    # all the same one defect, so this is the file's only finding
    yield Hit(line=found[0][0], actual=len(found), values={"leftovers": shown + more},
              cells=[{"line": line, "text": words} for line, words in found], alone=template_title and untouched)


PARAMS = {
    "titles": Param(list, "模板标题的正则表达式", default=TITLES, validate=regex_list),
    "placeholders": Param(list, "模板占位文字的正则表达式", default=PLACEHOLDERS, validate=regex_list),
}


@hookimpl
def gixlint_check_kinds():
    return [CheckKind("template-leftover", run, PARAMS,
                      doc="模板残留：标题仍是「…格式模板」、正文仍有「（文字描述）」等占位文字，或统计表全部空白；一份报告只报一次。",
                      placeholders=("leftovers",))]
