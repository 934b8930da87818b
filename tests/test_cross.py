"""Cross-report checks over a supervisor's folder: year chains, conflicting versions, copied tables."""

from __future__ import annotations

import json
import random

from gixlint.cli import main
from gixlint.testing import random_spec, render

ARGS = ["--today", "2026-11-23", "--no-plugins", "--no-progress", "--format", "json", "--select", "cross"]


def findings(folder, capsys, *extra):
    main([str(folder), *ARGS, *extra])
    data = json.loads(capsys.readouterr().out)
    return {f["path"].split("/")[-1]: [(x["rule"], x["row"], x["column"], x["expected"], x["actual"], x["line"])
                                       for x in f["findings"]] for f in data["files"]}


def _years():
    """The same agency in 2023 and 2024; 2024's 上年结转 equals 2023's 结转下年度, both balanced."""
    for seed in range(100):
        old, new = random_spec(random.Random(seed)), random_spec(random.Random(seed + 1000))
        for c in range(7):  # keep 2024 balanced by moving the difference into 本年新收
            delta = old.t3["carried_forward"][c] - new.t3["carried_over"][c]
            new.t3["carried_over"][c] += delta
            new.t3["new_received"][c] -= delta
        if min(new.t3["new_received"]) >= 1:
            old.year, new.year = 2023, 2024
            old.signoff, new.signoff = "2024年1月20日", "2025年1月20日"
            return old, new
    raise AssertionError("no seed gives a chain")


def test_carry_over_chain(tmp_path, capsys):
    old, new = _years()
    (tmp_path / "2023.txt").write_text(render(old).text, encoding="utf-8")
    doc = render(new)
    (tmp_path / "2024.txt").write_text(doc.text, encoding="utf-8")
    assert findings(tmp_path, capsys) == {"2023.txt": [], "2024.txt": []}
    new.t3["carried_over"][0] += 1
    new.t3["new_received"][0] -= 1
    doc = render(new)
    (tmp_path / "2024.txt").write_text(doc.text, encoding="utf-8")
    found = findings(tmp_path, capsys)
    assert found["2023.txt"] == []
    [(rule, row, column, expected, actual, line)] = found["2024.txt"]
    assert (rule, row, column) == ("GIX901", "carried_over", "natural_person")
    assert actual - expected == 1 and line == doc.lines["t3.carried_over.natural_person"]


def test_conflicting_versions_and_copied_tables(tmp_path, capsys):
    spec = random_spec(random.Random(8))
    (tmp_path / "portal.txt").write_text(render(spec).text, encoding="utf-8")
    spec.t2["licensing"] = [int(spec.t2["licensing"][0]) + 5]
    (tmp_path / "column.txt").write_text(render(spec, "blank-lines").text, encoding="utf-8")
    spec.agency = "示例县另一个局"
    (tmp_path / "copy.txt").write_text(render(spec).text, encoding="utf-8")
    found = findings(tmp_path, capsys)
    assert {r for r, *_ in found["portal.txt"]} == {"GIX904", "GIX908"}
    assert {r for r, *_ in found["column.txt"]} == {"GIX904", "GIX908"}
    assert {r for r, *_ in found["copy.txt"]} == {"GIX908"}


def test_identical_copies_and_unrelated_reports_are_fine(tmp_path, capsys):
    for name, seed in (("a.txt", 1), ("b.txt", 2)):
        spec = random_spec(random.Random(seed))
        spec.agency = f"示例县{name[0]}局"
        (tmp_path / name).write_text(render(spec).text, encoding="utf-8")
    (tmp_path / "a-again.txt").write_text((tmp_path / "a.txt").read_text(encoding="utf-8"), encoding="utf-8")
    assert all(v == [] for v in findings(tmp_path, capsys).values())
