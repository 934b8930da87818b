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
import json
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

from gixlint.layout import from_file as read
from gixlint.lint.linter import Linter
from gixlint.parse import parse

T3_COLUMNS = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other", "total")
T4_COLUMNS = ("maintain", "correct", "other", "pending", "total")
T2V19_KEYS = {"other_external_management_services": "other_services", "penalty": "punishment",
              "enforcement": "coercion", "administrative_fees": "fee_amount",
              "centralized_procurement": "procurement"}
T2V19_COLUMNS = {"prev_year_items": "prev_items", "total_amount": "amount"}


def expected_cells(truth: dict) -> dict[tuple[str, str, str], object]:
    """(table, row, column) → the printed value (None for a printed blank)."""
    cells: dict[tuple[str, str, str], object] = {}
    for row, values in truth.get("t3", {}).get("rows", {}).items():
        for column, value in zip(T3_COLUMNS, values):
            cells["t3", row, column] = value
    for row, values in truth.get("t4", {}).items():
        for column, value in zip(T4_COLUMNS, values):
            cells["t4", row, column] = value
    t2 = truth.get("t2") or {}
    if truth.get("format") == "2019trial":
        for row, values in t2.items():
            if isinstance(values, dict):
                for column, value in values.items():
                    cells["t2v19", T2V19_KEYS.get(row, row), T2V19_COLUMNS.get(column, column)] = value
    else:
        for row, value in t2.items():
            if isinstance(value, list):
                for column, v in zip(("made", "repealed", "in_force"), value):
                    cells["t2", row, column] = v
            elif row == "fee_amount":
                cells["t2", row, "amount"] = value
            else:
                cells["t2", row, "count"] = value
    return cells


def _same(cell, value) -> bool:
    if value is None:
        return cell.kind == "blank"
    if isinstance(value, str):
        try:
            return cell.kind == "number" and Decimal(str(cell.value)) == Decimal(value)
        except ArithmeticError:
            return cell.raw.strip() == value
        except Exception:
            return cell.raw.replace(" ", "") == value.replace(" ", "")
    return cell.kind == "number" and cell.value == value


def score(report, truth: dict) -> tuple[Counter, list[str]]:
    counts: Counter = Counter()
    wrong: list[str] = []
    for (table, row, column), value in expected_cells(truth).items():
        t = report.tables.get(table)
        if t is not None and t.unread(row):
            counts["unreadable"] += 1
            continue
        cell = t.cell(row, column) if t else None
        if cell is not None and _same(cell, value):
            counts["exact"] += 1
        elif (table == "t2" and value is None and truth.get("format") != "2019trial"):
            counts["unkeyed"] += 1     # the keyers could not read this cell either
        else:
            counts["misread"] += 1
            wrong.append(f"{table}.{row}.{column}: printed {value!r}, read "
                         f"{'nothing' if cell is None else repr(cell.raw) + ' ' + cell.kind}")
    return counts, wrong


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
        truth_file = real / "truth" / (path.name.split(".")[0] + ".json")
        truth = json.loads(truth_file.read_text(encoding="utf-8")) if truth_file.exists() else None
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
