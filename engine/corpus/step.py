"""The corpus step: cross-report rules over every readable report of a run (GIX9xx)."""

from __future__ import annotations

from gixlint.lint.findings import SEVERITY_RANK, Finding
from gixlint.lint.linter import FileResult, Linter


def check_corpus(linter: Linter, results: list[FileResult]) -> None:
    """Run cross-report rules over every readable report of the run; add their findings. A hit
    about no report in particular (index None: an agency on the roster with no report) goes
    to a result for the roster file, appended to ``results``."""
    indexed = [(r, r.report) for r in results if r.report is not None
               and not any(p.kind in ("not-a-report", "several-reports") for p in r.report.problems)]
    reports = [report for _r, report in indexed]
    linter.context.shared.clear()     # keyed by id(report): valid for this run's reports only
    roster: FileResult | None = None
    for rule in linter.rules:
        kind = linter.registry.kinds[rule.kind]
        if not kind.corpus or not reports:
            continue
        try:
            for index, hit in kind.run(rule, reports, linter.context):
                if index is None:
                    roster = roster or FileResult(linter.context.roster.path, roster=True)
                    roster.findings.append(linter._finding(rule, hit, None))
                else:   # per-file-ignores: not reported, but still what the report says
                    kept = indexed[index][0].waived if linter._waived(rule, indexed[index][0].path) \
                        else indexed[index][0].findings
                    kept.append(linter._finding(rule, hit, reports[index]))
        except Exception as exc:
            results[0].findings.append(Finding(rule.id, rule.name, rule.category, "error",
                                               f"规则 {rule.id} 执行出错（{type(exc).__name__}: {exc}），请报告此问题"))
    covered = linter.context.roster is not None and linter.context.options.get("roster_coverage", True) and any(
        r.kind == "roster-coverage" for r in linter.rules)
    if roster or (covered and reports):
        results.append(roster or FileResult(linter.context.roster.path, roster=True))
    for r in results:
        r.findings.sort(key=lambda f: (f.line or 0, -SEVERITY_RANK[f.severity], f.rule))
