"""The corpus step: cross-report rules over every readable report of a run (GIX9xx).

Reports are not held for this: each cross-report rule reads the digest its kind made of every
report where the report was read (:attr:`gixlint.lint.kinds.CheckKind.digest`), from disk, as it
asks for it, so the step's memory is about a hundred bytes a report plus what the rule keeps. A kind without a digest gets the parsed reports.
"""

from __future__ import annotations

from collections.abc import Callable

from gixlint.lint import bounds, spill
from gixlint.lint.findings import SEVERITY_RANK
from gixlint.lint.kinds import Entry
from gixlint.lint.linter import FileResult, Linter


def check_corpus(linter: Linter, results: list[FileResult],
                 progress: Callable[[int, int], None] | None = None) -> None:
    """Run cross-report rules over every readable report of the run; add their findings. A hit
    about no report in particular (index None: an agency on the roster with no report) goes
    to a result for the roster file, appended to ``results``. ``progress(rules done, rules)``
    is called as each rule finishes."""
    indexed = [r for r in results if r.record is not None and r.record.cross_checkable]
    linter.context.shared.clear()     # keyed by position: valid for this run's reports only
    roster: FileResult | None = None
    rules = [rule for rule in linter.rules if linter.registry.kinds[rule.kind].corpus]
    for done, rule in enumerate(rules):
        kind = linter.registry.kinds[rule.kind]
        if indexed:
            roster = _run_rule(linter, rule, kind, indexed, roster)
        if progress:
            progress(done + 1, len(rules))
    covered = linter.context.roster is not None and linter.context.options.get("roster_coverage", True) and any(
        r.kind == "roster-coverage" for r in linter.rules)
    if roster or (covered and indexed):
        results.append(roster or FileResult(linter.context.roster.path, roster=True))
    for r in results:
        r.findings.sort(key=lambda f: (f.line or 0, -SEVERITY_RANK[f.severity], f.rule))


def _run_rule(linter: Linter, rule, kind, indexed: list[FileResult], roster: FileResult | None):
    """One cross-report rule over the run; returns the roster's result (made when first needed)."""
    if kind.digest is None:           # a kind that wants whole reports (they came back whole)
        items: list = [spill.digest(r, rule.id) or r.full_report() for r in indexed]
    else:                             # every list in the same order: kinds share per-run facts by position
        items = [Entry.stored(r.path, r.record.meta, r, rule.id) for r in indexed]

    def place(pair):
        index, hit = pair
        if index is None:
            return None, linter._finding(rule, hit, None)
        return index, linter._finding(rule, hit, indexed[index].record)

    # the whole run's budget: the rule's per-report time and hits, times the reports
    limits = bounds.Limits(linter.limits.seconds * len(items), linter.limits.hits * len(items))
    found, _late = bounds.findings(rule, linter.registry.kind_source.get(rule.kind, "?"),
                                   lambda: kind.run(rule, items, linter.context), place, limits)
    for item in found:
        index, finding = item if isinstance(item, tuple) else (0, item)   # a failure: said on the first report
        if index is None:
            roster = roster or FileResult(linter.context.roster.path, roster=True)
            roster.findings.append(finding)
        else:   # per-file-ignores: not reported, but still what the report says
            target = indexed[index]
            (target.waived if linter._waived(rule, target.path) else target.findings).append(finding)
    return roster
