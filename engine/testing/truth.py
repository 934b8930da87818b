"""Hand-keyed truth of real reports (``../shared/real/truth/<name>.json``) against what gixlint
read: each keyed cell exact, declared unreadable, or misread. ``benchmarks/real.py`` and
``benchmarks/variants.py`` print it; tests hold the reading of the real reports to it."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

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


def load(real: Path, name: str) -> dict | None:
    """The truth keyed for a file of ``real`` (by the part of its name before the first dot), or None."""
    path = real / "truth" / (name.split(".")[0] + ".json")
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
