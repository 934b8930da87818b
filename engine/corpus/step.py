"""The corpus step: cross-report rules over every readable report of a run (GIX9xx)."""

from __future__ import annotations

from gixlint.lint import bounds
from gixlint.lint.findings import SEVERITY_RANK
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
        def place(pair, rule=rule):
            index, hit = pair
            if index is None:
                return None, linter._finding(rule, hit, None)
            return index, linter._finding(rule, hit, reports[index])

        # the whole run's budget: the rule's per-report time and hits, times the reports
        limits = bounds.Limits(linter.limits.seconds * len(reports), linter.limits.hits * len(reports))
        found, _late = bounds.findings(rule, linter.registry.kind_source.get(rule.kind, "?"),
                                       lambda: kind.run(rule, reports, linter.context), place, limits)  # noqa: B023
        for item in found:
            index, finding = item if isinstance(item, tuple) else (0, item)   # a failure: said on the first report
            if index is None:
                roster = roster or FileResult(linter.context.roster.path, roster=True)
                roster.findings.append(finding)
            else:   # per-file-ignores: not reported, but still what the report says
                kept = indexed[index][0].waived if linter._waived(rule, indexed[index][0].path) \
                    else indexed[index][0].findings
                kept.append(finding)
    covered = linter.context.roster is not None and linter.context.options.get("roster_coverage", True) and any(
        r.kind == "roster-coverage" for r in linter.rules)
    if roster or (covered and reports):
        results.append(roster or FileResult(linter.context.roster.path, roster=True))
    for r in results:
        r.findings.sort(key=lambda f: (f.line or 0, -SEVERITY_RANK[f.severity], f.rule))
