"""Statement kinds: what the text must say (the fee statement), and what it must not."""

from __future__ import annotations

import re

from gixlint.checks.common import evaluator as shared_evaluator
from gixlint.checks.common import matching, scope_paragraphs, section_name, section_number, where
from gixlint.checks.needles import searcher
from gixlint.lint.findings import TABLE_ZH
from gixlint.lint.formula import FormulaError, Uncheckable, compile_formula
from gixlint.lint.hookspecs import hookimpl
from gixlint.lint.kinds import CheckKind, Hit, Param, regex_list, regex_value, scope_value, section_value
from gixlint.vocab import labels as L

_SCOPE_DOC = "在哪里找：\"report\"（全文）、\"title\"（标题）或部分编号 \"一\"…\"六\""


def _scope_hit(report, scope: str, section) -> Hit:
    if section is not None:
        return Hit(line=section.line, section=section_name(section.number))
    if scope not in ("report", "title"):
        number = section_number(scope)
        return Hit(line=report.sections[-1].line if report.sections else 1, section=section_name(number))
    return Hit(line=report.meta.title_line or 1)


def required(rule, report, context):
    """Fires when no single sentence in scope matches every pattern."""
    patterns = rule.params["patterns"]
    first = patterns[0] if patterns else ""       # no patterns: any sentence will do
    others = [searcher(p) for p in patterns[1:]]
    scope = str(rule.params["scope"])
    paragraphs, section = scope_paragraphs(report, scope)
    if rule.params["fallback_to_report"] and scope not in ("report", "title"):
        paragraphs = paragraphs + [p for p in report.all_paragraphs() if p not in paragraphs]
    for _line, sentence, _m in matching(paragraphs, first):
        if all(search(sentence) for search in others):
            return
    yield _scope_hit(report, scope, section)


def forbidden(rule, report, context):
    """Fires on every sentence in scope that matches ``pattern``, unless ``unless`` matches
    somewhere in ``unless_scope`` (by default the same scope): one regex anywhere, or a list of
    regexes that one sentence must all match (as required-statement's ``patterns``)."""
    scope = str(rule.params["scope"])
    paragraphs, _section = scope_paragraphs(report, scope)
    unless = rule.params["unless"]
    elsewhere = scope_paragraphs(report, str(rule.params["unless_scope"] or scope))[0]
    if isinstance(unless, str) and unless and any(searcher(unless)(p.text) for p in elsewhere):
        return
    if isinstance(unless, list) and unless:
        tests = [searcher(u) for u in unless[1:]]
        if any(all(test(s) for test in tests) for _line, s, _m in matching(elsewhere, unless[0])):
            return
    # where the text came through a PDF or a converter, spacing may be the layout's, not the report's
    unsure = report.layout in rule.params["warning_in_layouts"]
    for line, sentence, m in matching(paragraphs, rule.params["pattern"]):
        yield Hit(line=line, section=where(report, line), actual=m.group(0),
                  values={"match": m.group(0), "sentence": sentence[:60]},
                  severity="warning" if unsure else "")


def contradiction(rule, report, context):
    """Fires on sentences matching ``pattern`` when the table side holds: ``formula`` (or any of a
    list of formulas), for any binding of ``foreach``. A formula that reads a blank, unread or
    missing cell does not hold: the table cannot tell, and the table rules say why."""
    formulas = rule.params["formula"]
    formulas = [formulas] if isinstance(formulas, str) else list(formulas)
    foreach = rule.params["foreach"] or {}
    evaluator = shared_evaluator(report, context)
    compiled = [compile_formula(str(f), tuple(foreach)) for f in formulas]
    holding, bound = None, {}
    for env in (evaluator.bindings(foreach) if foreach else [{}]):
        for formula in compiled:
            try:
                # the bare number first: the cells it read are wanted only when it holds
                if not evaluator.number(formula, env):
                    continue
                holding, bound = evaluator.evaluate(formula, env), env
            except (Uncheckable, FormulaError, ZeroDivisionError):
                continue
            break
        if holding is not None:
            break
    if holding is None:
        return
    shown = next((o for o in holding.operands if o.cell.is_number and o.cell.value), None)
    where_ = {}
    values = {"cell": "", "value": ""}
    if shown is not None:
        where_ = {"table": shown.table, "row": shown.row, "column": shown.column}
        values = {"cell": _cell_label(shown), "value": shown.cell.raw.strip()}
    values.update(bound)
    paragraphs, _section = scope_paragraphs(report, str(rule.params["scope"]))
    named = "match" in re.compile(rule.params["pattern"]).groupindex   # (?P<match>…): the words to quote
    for line, sentence, m in matching(paragraphs, rule.params["pattern"]):
        said = m.group("match") if named else m.group(0)
        yield Hit(line=line, section=where(report, line), actual=said, **where_,
                  values={"match": said, "sentence": sentence[:60], **values})


def _cell_label(operand) -> str:
    """表三「四、结转下年度继续办理」「自然人」: a cell named for a reader."""
    label = f"{TABLE_ZH.get(operand.table, operand.table)}「{L.row_label(operand.table, operand.row)}」"
    if operand.column and operand.column not in ("count", "amount"):
        label += f"「{L.column_label(operand.table, operand.column)}」"
    return label


def body(rule, report, context):
    """Fires when a section's whole body matches ``pattern`` (e.g. it says only 无)."""
    number = section_number(rule.params["section"])
    section = report.section(number)
    if section is None:
        return
    text = re.sub(r"\s", "", section.text)
    unless = rule.params["unless_patterns"]
    tests = [searcher(u) for u in unless[1:]]
    if unless and any(all(test(s) for test in tests) for _line, s, _m in matching(report.all_paragraphs(), unless[0])):
        return      # what the section should have said is said elsewhere in the report
    if re.fullmatch(rule.params["pattern"], text):
        yield Hit(line=section.paragraphs[0].line if section.paragraphs else section.line,
                  section=section_name(number), actual=section.text[:40], values={"body": section.text[:40]})



@hookimpl
def gixlint_check_kinds():
    return [
        CheckKind("required-statement", required, {
            "patterns": Param(list, "正则表达式列表；同一句话须全部匹配", required=True, validate=regex_list),
            "scope": Param((str, int), _SCOPE_DOC, default="report", validate=scope_value),
            "fallback_to_report": Param(bool, "在指定部分找不到时是否接受全文其他位置的表述", default=False),
        }, doc="报告必须有的表述，如信息处理费收取情况。"),
        CheckKind("forbidden-statement", forbidden, {
            "pattern": Param(str, "不应出现的正则表达式", required=True, validate=regex_value),
            "scope": Param((str, int), _SCOPE_DOC, default="report", validate=scope_value),
            "unless": Param((str, list), "unless_scope 范围内出现此正则（或同一句话匹配列表中的全部正则）时不报告",
                            default="", validate=lambda v: regex_list(v) if isinstance(v, list) else regex_value(v)),
            "unless_scope": Param((str, int), "在哪里找 unless（默认同 scope）：\"report\"、\"title\" 或 \"一\"…\"六\"",
                                  default="", validate=lambda v: None if v == "" else scope_value(v)),
            "warning_in_layouts": Param(list, "在这些版式（如 rows、pdf、markdown：经 PDF 或转换器得到的文字）中只报告为警告",
                                        default=[]),
        }, doc="不应出现的表述。", placeholders=("match", "sentence")),
        CheckKind("contradiction", contradiction, {
            "pattern": Param(str, "正文中的说法（正则表达式）", required=True, validate=regex_value),
            "formula": Param((str, list), "表格一侧的条件（公式，或公式列表：任一成立即可），成立时该说法与表格矛盾，"
                                          "如 \"t3.new_received.total > 0\"；读到空白、无法读出或缺少的格的公式不算成立",
                             required=True),
            "foreach": Param(dict, "循环变量及其分组，如 { c = \"t3.columns\" }：任一组合成立即可", default={}),
            "scope": Param((str, int), _SCOPE_DOC, default="report", validate=scope_value),
        }, doc="正文说法与统计表矛盾：句子匹配 pattern 且 formula 成立时报告。",
            placeholders=("match", "sentence", "cell", "value")),
        CheckKind("section-body", body, {
            "section": Param((str, int), "部分编号 \"一\"…\"六\"", required=True, validate=section_value),
            "pattern": Param(str, "整段内容（去空白）完全匹配此正则时报告", required=True, validate=regex_value),
            "unless_patterns": Param(list, "报告中任何一句话同时匹配这些正则时不报告（该说的话已在别处说了）",
                                     default=[], validate=lambda v: regex_list(v) if v else None),
        }, doc="某部分的全部内容只是一句套话（如只写「无」）。", placeholders=("body",)),
    ]
