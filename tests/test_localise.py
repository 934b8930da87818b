"""Which cell is wrong: every single-cell slip planted in the seeds' tables 三 and 四 is found."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from gixlint.checks.localise import localise, slip
from gixlint.cli import main
from gixlint.lint.linter import Linter
from gixlint.parse.build import parse_file
from gixlint.vocab.values import parse_cell

SEEDS = sorted(Path(__file__).resolve().parents[2].joinpath("shared", "seeds").glob("*.txt"))
if not SEEDS:
    SEEDS = sorted((Path("/work/shared/seeds")).glob("*.txt"))
pytestmark = pytest.mark.skipif(not SEEDS, reason="../shared/seeds not present")


@pytest.fixture(scope="module")
def rules():
    return [r for r in Linter.create(load_plugins=False).rules if r.kind == "identity"]


def _plant(report, table: str, row: str, column: str, value: int):
    cell = report.tables[table].rows[row].cells[column]
    report.tables[table].rows[row].cells[column] = parse_cell(str(value), cell.line)
    return cell


def _cells(report, table):
    return [(row, col) for row, r in report.tables[table].rows.items() for col, c in r.cells.items() if c.is_number]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_every_planted_cell_of_table_three_is_named(seed, rules):
    report = parse_file(seed)
    assert localise(report, rules, "t3") is None      # the seeds balance
    for row, col in _cells(report, "t3"):
        original = _plant(report, "t3", row, col, report.tables["t3"].rows[row].cells[col].value + 7)
        found = localise(report, rules, "t3")
        report.tables["t3"].rows[row].cells[col] = original
        assert found is not None and found.located, (row, col)
        assert [[(s.key, s.value) for s in fix] for fix in found.fixes] == [[(f"t3.{row}.{col}", original.value)]]
        assert "最可能填错的是" in found.sentence()


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_table_four_is_ambiguous_by_construction(seed, rules):
    # a block's total and its four parts are bound by one identity only: any of the five would do
    report = parse_file(seed)
    for row, col in _cells(report, "t4"):
        original = _plant(report, "t4", row, col, report.tables["t4"].rows[row].cells[col].value + 7)
        found = localise(report, rules, "t4")
        report.tables["t4"].rows[row].cells[col] = original
        assert found is not None and len(found.fixes) > 1
        assert (f"t4.{row}.{col}", original.value) in {(s.key, s.value) for fix in found.fixes for s in fix}
        assert found.sentence().startswith("无法确定")
        if found.located:     # at most three: each is named, the planted one among them
            assert f"{found.fixes[0][0].label}（第" in found.sentence()
            assert f"t4.{row}.{col}" in {s["key"] for s in found.suggestions()}
        else:
            assert found.suggestions() == []


def test_planted_in_the_text_the_finding_and_json_name_the_cell(tmp_path):
    seed = SEEDS[1]
    lines = seed.read_text(encoding="utf-8").splitlines()
    report = parse_file(seed)
    cell = report.tables["t3"].rows["total"].cells["natural_person"]
    lines[cell.line - 1] = lines[cell.line - 1].replace(cell.raw, str(cell.value + 35), 1)
    planted = tmp_path / "planted.txt"
    planted.write_text("\n".join(lines), encoding="utf-8")
    before = seed.read_bytes()
    out = tmp_path / "out.json"
    main([str(planted), "--format", f"json={out}", "--today", "2025-06-01", "--no-plugins"])
    findings = json.loads(out.read_text(encoding="utf-8"))["files"][0]["findings"]
    balance = [f for f in findings if f["rule"] in ("GIX301", "GIX302", "GIX303")]
    assert balance
    for f in balance:
        assert f"最可能填错的是（七）总计·自然人（第{cell.line}行，填报 {cell.value + 35}）：若为 {cell.value}" in f["message"]
        assert f["suggestions"] == [{"key": "t3.total.natural_person", "label": "（七）总计·自然人",
                                     "value": cell.value, "reported": cell.value + 35, "line": cell.line, "fix": 1}]
    assert seed.read_bytes() == before


def test_the_place_a_person_reads_names_the_likely_cell_not_the_total_it_upsets(tmp_path):
    """Where one cell explains every unbalanced identity, the finding's place line (text output,
    web page, HTML report) names that cell instead of 「填报 <total>，应为 <sum>」, which would send a
    clerk to change the correct total. Table 四, where no single cell can be named, keeps it."""
    from gixlint.report.text import location

    seed = SEEDS[1]
    lines = seed.read_text(encoding="utf-8").splitlines()
    report = parse_file(seed)
    t3 = report.tables["t3"].rows["granted"].cells["natural_person"]
    t4 = report.tables["t4"].rows["review"].cells["maintain"]
    for cell in (t3, t4):
        lines[cell.line - 1] = lines[cell.line - 1].replace(cell.raw, str(cell.value + 35), 1)
    planted = tmp_path / "planted.txt"
    planted.write_text("\n".join(lines), encoding="utf-8")
    result = Linter.create(load_plugins=False).lint_file(planted)
    in_t3 = [f for f in result.findings if f.rule in ("GIX301", "GIX302")]
    in_t4 = [f for f in result.findings if f.rule == "GIX304"]
    assert in_t3 and in_t4
    for f in in_t3:
        assert location(f).endswith(f"最可能填错：（一）予以公开·自然人 填报 {t3.value + 35}，若为 {t3.value}，本表平衡")
        assert "应为" not in location(f)
    for f in in_t4:
        assert location(f).endswith(f"填报 {f.actual}，应为 {f.expected}") and "最可能" not in location(f)


def test_two_cells_and_digit_slips(rules):
    report = parse_file(SEEDS[1])
    t3 = report.tables["t3"]
    a = t3.rows["granted"].cells["natural_person"]
    b = t3.rows["carried_forward"].cells["commercial"]
    _plant(report, "t3", "granted", "natural_person", a.value + 3)
    _plant(report, "t3", "carried_forward", "commercial", b.value + 5)
    found = localise(report, rules, "t3")
    assert found.located and len(found.fixes) == 1 and len(found.fixes[0]) == 2
    assert {(s.key, s.value) for s in found.fixes[0]} == {("t3.granted.natural_person", a.value),
                                                          ("t3.carried_forward.commercial", b.value)}
    assert "两格：若分别为" in found.sentence()
    assert slip(Decimal(63), Decimal(36)) and slip(Decimal(1), Decimal(10)) and slip(Decimal(100), Decimal(10))
    assert not slip(Decimal(5), Decimal(4)) and not slip(Decimal(61), Decimal(36))


def test_no_suggestion_from_cells_not_read(rules):
    report = parse_file(SEEDS[1])
    cell = _plant(report, "t3", "granted", "natural_person", 999)
    report.tables["t3"].reconstructed = True
    assert localise(report, rules, "t3") is None
    report.tables["t3"].reconstructed = False
    report.tables["t3"].mark_unread("granted", cell.line, "测试")
    found = localise(report, rules, "t3")
    assert found is None or all(not s.key.startswith("t3.granted.") for fix in found.fixes for s in fix)


def test_plugin_identities_are_used(tmp_path, rules):
    # a pack of its own that also binds new_received to the total column: the search uses it
    report = parse_file(SEEDS[1])
    t4 = report.tables["t4"]
    total = t4.rows["review"].cells["total"]
    _plant(report, "t4", "review", "total", total.value + 4)
    extra = replace(next(r for r in rules if r.id == "GIX304"), id="X1",
                    params={"formula": "t4.review.maintain == t4.review.total - t4.review.correct"
                                       " - t4.review.other - t4.review.pending", "foreach": {}, "tolerance": 0})
    pack_only = localise(report, [extra], "t4")
    assert pack_only is not None and {s.key for fix in pack_only.fixes for s in fix} >= {"t4.review.total"}


def _described(instances) -> list[tuple]:
    return [(i.formula.text, sorted(i.env.items()), i.tolerance, i.residual, sorted(i.operands)) for i in instances]


@pytest.mark.parametrize("seed", SEEDS[:2], ids=lambda p: p.name[:3])
def test_one_evaluator_finds_the_identities_one_per_rule_finds(seed, rules):
    """The identities are found with one evaluator for all rules (each cell read once): the same
    as each rule with its own, on tables with a slip planted in every cell in turn."""
    from gixlint.checks.localise import _instances

    report = parse_file(seed)
    for table in ("t3", "t4"):
        for row, col in _cells(report, table)[::3]:
            original = _plant(report, table, row, col, report.tables[table].rows[row].cells[col].value + 7)
            shared = _instances(report, rules, table)
            alone = [inst for rule in rules for inst in _instances(report, [rule], table)]
            report.tables[table].rows[row].cells[col] = original
            assert _described(shared) == _described(alone) and any(i.residual for i in shared)


def test_in_a_word_file_the_cells_a_message_names_are_placed_as_word_shows_them(tmp_path):
    """A .docx has no line numbers: the cells a balance message lists, and the likely wrong one,
    are named by table, row and cell (表格 2 第 6 行第 4 格), as the finding's own place is."""
    import random
    import re

    from gixlint.testing import random_spec
    from gixlint.testing.formats import write_docx

    spec = random_spec(random.Random(11))
    spec.t3["granted"][0] += 30
    result = Linter.create(load_plugins=False).lint_file(write_docx(spec, tmp_path / "r.docx"))
    balance = [f for f in result.findings if f.rule in ("GIX301", "GIX302")]
    assert balance
    for f in balance:
        assert not re.search(r"（第\d+行", f.message), f.message
        assert re.search(r"自然人 \d+（表格 \d+ 第 \d+ 行第 \d+ 格）", f.message) or "自然人（表格" in f.message
        assert re.search(r"最可能填错的是（一）予以公开·自然人（表格 \d+ 第 \d+ 行第 \d+ 格，填报 \d+）", f.message)


def test_a_blank_cell_named_as_the_likely_slip_is_said_to_be_blank(tmp_path):
    """A blank total counts as 0 when the table is solved, but it prints nothing: the message and
    the place line say 「填报 空白」 (never 「填报 0」), and the JSON's reported is null."""
    import random

    from gixlint.report.text import location
    from gixlint.testing import random_spec
    from gixlint.testing.formats import write_docx

    spec = random_spec(random.Random(11))
    total = spec.t3["total"][6]
    spec.t3["total"][6] = None
    result = Linter.create(load_plugins=False).lint_file(write_docx(spec, tmp_path / "r.docx"))
    named = [f for f in result.findings if f.suggestions]
    assert named
    for f in named:
        assert f.suggestions[0]["reported"] is None and f.suggestions[0]["value"] == total
        assert "（七）总计·总计（表格" in f.message and "，填报 空白）：若为" in f.message
        assert location(f).endswith(f"最可能填错：（七）总计·总计 填报 空白，若为 {total}，本表平衡")
