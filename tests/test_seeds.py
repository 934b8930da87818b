"""Facts about the five real reports in ../shared/seeds (checked by hand in the spec)."""

from __future__ import annotations

import json

import pytest

from gixlint.cli import main
from gixlint.lint.linter import Linter
from gixlint.parse import parse_file
from gixlint.testing import TODAY

from .conftest import SEEDS, seed_files

pytestmark = pytest.mark.skipif(not seed_files(), reason="../shared/seeds not present")

# rule → seeds it fires on (by number); every other rule must stay silent on every seed
EXPECTED = {
    "GIX401": {0, 4},          # no 信息处理费 statement
    "GIX402": {0, 4},          # 六 says only 无 / 无其他需要报告的事项
    "GIX103": {2, 4},          # 3、 4、 / 5、 headings
    "GIX104": {0},             # 改进策略
    "GIX105": {0, 2, 4},       # （二） twice / （1） / （4）
    "GIX108": {0, 4},          # 信息公开(工作)年度报告 without 政府
    "GIX204": {4},             # 52（其中…）
    "GIX403": {3},             # 信息服务费用
    "GIX504": {0, 3, 4},       # no statistical period
    "GIX508": {2},             # no date at all
    "GIX509": {1, 3},          # portal date only
    "GIX701": {2},             # 现公布2024长春市 (no 年); a paragraph ending in ，
}


@pytest.fixture(scope="module")
def results():
    linter = Linter.create(today=TODAY, load_plugins=False)
    return {int(p.name[:3]): linter.lint_file(p) for p in seed_files()}


def test_seed_findings_are_exactly_the_known_facts(results):
    fired = {}
    for number, result in results.items():
        for f in result.findings:
            fired.setdefault(f.rule, set()).add(number)
    assert fired == EXPECTED


def test_text_defects_on_seed_002(results):
    hits = [(f.line, f.actual) for f in results[2].findings if f.rule == "GIX701"]
    assert hits == [(4, "2024"), (8, "，")]


def test_every_seed_table_balances(results):
    for result in results.values():
        assert not [f for f in result.findings if f.category in ("balance", "parse", "counts") and f.rule != "GIX204"]


def test_numbering_is_never_a_missing_section(results):
    for number in (2, 4):
        assert "GIX101" not in {f.rule for f in results[number].findings}
        assert [s.number for s in results[number].report.sections] == [1, 2, 3, 4, 5, 6]


def test_seed_001_totals():
    report = parse_file(SEEDS / "001_0786ebd486ce37d5.txt")
    rows = report.tables["t3"].rows
    assert rows["new_received"].cells["total"].value == 58
    assert rows["carried_over"].cells["total"].value == 2
    assert rows["total"].cells["total"].value == 58
    assert rows["carried_forward"].cells["total"].value == 2


@pytest.mark.parametrize("path", seed_files(), ids=lambda p: p.name[:3])
def test_parse_json_has_every_cell_with_its_line(path, capsys):
    assert main(["parse", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    rows = data["tables"]["t3"]["rows"]
    assert len(rows) == 25
    columns = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other", "total")
    assert all(isinstance(rows[r][c]["line"], int) and rows[r][c]["value"] is not None for r in rows for c in columns)
    t4 = data["tables"]["t4"]
    assert sum(len(block) for block in t4.values()) == 15
    assert all(cell["line"] > 0 for block in t4.values() for cell in block.values())
    assert [s["number"] for s in data["sections"]] == [1, 2, 3, 4, 5, 6]


def _cell_lines(path):
    report = parse_file(path)
    for name in ("t3", "t4"):
        for row in report.tables[name].rows.values():
            for cell in row.cells.values():
                yield name, cell


@pytest.mark.parametrize("path", seed_files(), ids=lambda p: p.name[:3])
def test_changing_any_single_cell_is_caught_naming_its_line(path, tmp_path):
    """Bump each table-三/四 cell of the seed by one: a balance finding must name that line."""
    lines = path.read_text(encoding="utf-8").split("\n")
    linter = Linter.create(today=TODAY, select=["balance"], load_plugins=False)
    for _table, cell in _cell_lines(path):
        changed = list(lines)
        text = changed[cell.line - 1]
        changed[cell.line - 1] = text.replace(str(cell.value), str(cell.value + 1), 1)
        target = tmp_path / path.name
        target.write_text("\n".join(changed), encoding="utf-8")
        findings = linter.lint_file(target).findings
        named = {f.line for f in findings} | {o["line"] for f in findings for o in f.operands}
        assert cell.line in named, (cell, [(f.rule, f.message) for f in findings])
