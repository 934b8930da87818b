"""``--statistics``: how often each rule fired in the run, most frequent first (as ruff does),
for a supervisor who wants the pattern across a region rather than every line."""

from __future__ import annotations

import json
from collections import Counter

from gixlint.lint.findings import SEVERITY_RANK, SEVERITY_ZH


def count(results) -> list[dict]:
    """One row per rule that fired: code, name, severity, findings and files."""
    findings: Counter = Counter()
    files: dict[str, set] = {}
    about: dict[str, tuple[str, str]] = {}
    for r in results:
        for f in r.findings:
            findings[f.rule] += 1
            files.setdefault(f.rule, set()).add(r.path)
            # a rule whose severity a check lowered on some reports shows its highest
            if f.rule not in about or SEVERITY_RANK[f.severity] > SEVERITY_RANK[about[f.rule][1]]:
                about[f.rule] = (f.name, f.severity)
    rows = [{"rule": rule, "name": about[rule][0], "severity": about[rule][1], "count": n, "files": len(files[rule])}
            for rule, n in findings.items()]
    return sorted(rows, key=lambda row: (-row["count"], row["rule"]))


def text(rows: list[dict]) -> str:
    """Aligned lines: count, code, severity, name, files."""
    if not rows:
        return "没有问题\n"
    width = len(str(rows[0]["count"]))
    lines = [f"{row['count']:>{width}}  {row['rule']:<7} {SEVERITY_ZH[row['severity']]}  {row['name']}"
             f"（{row['files']} 个文件）" for row in rows]
    return "\n".join(lines) + "\n"


def as_json(rows: list[dict]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
