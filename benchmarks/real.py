"""How honestly gixlint reads the real published reports in ../shared/real.

For every file with hand-keyed truth (``truth/<name>.json``), each keyed cell of tables 二/三/四
is one of:

* **exact**: gixlint read the value the report prints (a printed blank read as blank);
* **unreadable**: the cell sits in a table, or a row, that gixlint declared it could not read;
* **misread**: anything else — a wrong number, a shifted cell, a cell not found at all.

Then every file in the folder is linted and its errors and warnings are listed by rule, so a
person can judge each one against the report. The goal is zero misread cells and no false error.

    python benchmarks/real.py [--shared ../shared] [--findings]
"""

from __future__ import annotations

import argparse
from collections import Counter
from datetime import date
from pathlib import Path

from gixlint.layout import from_file as read
from gixlint.lint.linter import Linter
from gixlint.parse import parse
from gixlint.testing.truth import load, score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--findings", action="store_true", help="print every error and warning")
    args = parser.parse_args()
    real = args.shared / "real"
    if not real.is_dir():
        raise SystemExit(f"no {real}")
    linter = Linter.create(today=date(2026, 12, 3), load_plugins=False)
    print(f"{'file':36} {'exact':>6} {'unread':>6} {'misread':>7}   errors / warnings by rule")
    for path in sorted(p for p in real.iterdir() if p.is_file() and p.suffix != ".md" or p.name.endswith(".ocr.md")
                       or p.name.endswith(".extracted.md")):
        truth = load(real, path.name)
        result = linter.lint_file(path)
        counts: Counter = Counter()
        wrong: list[str] = []
        if truth:
            counts, wrong = score(parse(read(path), str(path)), truth)
        by = Counter((f.severity, f.rule) for f in result.findings if f.severity in ("error", "warning"))
        errors = " ".join(f"{r}×{n}" for (s, r), n in sorted(by.items()) if s == "error")
        warnings = " ".join(f"{r}×{n}" for (s, r), n in sorted(by.items()) if s == "warning")
        cells = f"{counts['exact']:>6} {counts['unreadable']:>6} {counts['misread']:>7}" if truth else f"{'-':>6} {'-':>6} {'-':>7}"
        print(f"{path.name:36} {cells}   E: {errors or '-'}   W: {warnings or '-'}")
        for line in wrong[:12]:
            print(f"    misread {line}")
        if len(wrong) > 12:
            print(f"    … {len(wrong) - 12} more misread")
        if args.findings:
            for f in result.findings:
                if f.severity in ("error", "warning"):
                    print(f"    L{f.line:<4} {f.severity:7} {f.rule} {f.message[:150]}")


if __name__ == "__main__":
    main()
