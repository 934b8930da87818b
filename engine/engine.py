"""The engine: run every selected rule's check kind on a report and turn hits into findings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import labels as L
from .build import parse
from .findings import SEVERITY_RANK, TABLE_ZH, Finding
from .formula import Evaluator, FormulaError, Uncheckable, compile_formula
from .kinds import Context, Hit
from .model import Report
from .packs import Rule, load_pack
from .plugins import Registry, build_registry
from .readers import ReadError, read

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def render(template: str, values: dict) -> str:
    """Fill ``{name}`` placeholders from ``values``; never evaluates anything."""
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), template)


def matches(rule: Rule, selector: str) -> bool:
    """A selector is a code or code prefix (GIX3), a rule name, an alias or a category."""
    s = selector.strip()
    return bool(s) and (rule.id.startswith(s.upper()) or s in (rule.name, rule.category) or s in rule.aliases)


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    report: Report | None = None


class Linter:
    """Holds the loaded rules; lint as many reports as you like with one instance."""

    def __init__(self, registry: Registry, rules: list[Rule], context: Context):
        self.registry = registry
        self.rules = rules
        self.context = context

    @classmethod
    def create(cls, today: date | None = None, select: list[str] | None = None,
               ignore: list[str] | None = None, packs: list[Path] | None = None,
               severity: dict[str, str] | None = None, load_plugins: bool = True) -> Linter:
        registry = build_registry(load_entry_points=load_plugins)
        rules: list[Rule] = []
        for source in [*registry.packs, *(packs or [])]:
            rules.extend(load_pack(source, registry.kinds).rules)
        chosen = [r for r in rules if r.enabled]
        if select:
            chosen = [r for r in rules if any(matches(r, s) for s in select)]
        if ignore:
            chosen = [r for r in chosen if not any(matches(r, s) for s in ignore)]
        for selector, level in (severity or {}).items():
            for r in chosen:
                if matches(r, selector):
                    r.severity = level
        return cls(registry, chosen, Context(today=today or date.today()))

    # -- one report ----------------------------------------------------------------------------
    def check(self, report: Report) -> list[Finding]:
        findings: list[Finding] = []
        not_a_report = any(p.kind == "not-a-report" for p in report.problems)
        for rule in self.rules:
            if not_a_report and rule.category != "parse":
                continue
            if rule.when and not self._applies(rule, report):
                continue
            kind = self.registry.kinds[rule.kind]
            try:
                for hit in kind.run(rule, report, self.context):
                    findings.append(self._finding(rule, hit, report))
            except Exception as exc:  # a broken check is a finding, not a crash
                findings.append(Finding(rule.id, rule.name, rule.category, "error",
                                        f"规则 {rule.id} 执行出错（{type(exc).__name__}: {exc}），请报告此问题",
                                        line=0))
        findings.sort(key=lambda f: (f.line or 0, -SEVERITY_RANK[f.severity], f.rule))
        return findings

    def _applies(self, rule: Rule, report: Report) -> bool:
        try:
            return bool(Evaluator(report).evaluate(compile_formula(rule.when)).number)
        except (Uncheckable, FormulaError, ZeroDivisionError):
            return False

    def _finding(self, rule: Rule, hit: Hit, report: Report) -> Finding:
        values = {
            "line": hit.line, "expected": hit.expected, "actual": hit.actual, "section": hit.section,
            "table_label": TABLE_ZH.get(hit.table, ""),
            "row_label": L.row_label(hit.table, hit.row) if hit.row else "",
            "column_label": L.column_label(hit.table, hit.column) if hit.column else "",
            "year": report.meta.year or "",
            **hit.values,
        }
        return Finding(rule=rule.id, name=rule.name, category=rule.category,
                       severity=hit.severity or rule.severity,
                       message=hit.message or render(rule.message, values), line=hit.line,
                       section=hit.section, table=hit.table, row=hit.row, column=hit.column,
                       expected=hit.expected, actual=hit.actual, operands=hit.operands)

    # -- files -----------------------------------------------------------------------------------
    def lint_file(self, path: Path) -> FileResult:
        try:
            layout = read(path)
        except ReadError as exc:
            return FileResult(str(path), [self._unreadable(str(exc))])
        report = parse(layout, str(path))
        return FileResult(str(path), self.check(report), report)

    def _unreadable(self, reason: str) -> Finding:
        rule = next((r for r in self.rules if r.kind == "parse-problem" and "unreadable" in r.params["problem"]),
                    None)
        if rule is None:
            return Finding("GIX000", "unreadable-file", "parse", "error", f"无法读取：{reason}")
        return Finding(rule.id, rule.name, rule.category, rule.severity,
                       render(rule.message, {"detail": reason}), line=0)
