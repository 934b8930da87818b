"""Property tests over generated reports: parsing is faithful and every broken cell is caught."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gixlint.parse import parse_text
from gixlint.testing import LAYOUTS, lint_text, random_spec, render
from gixlint.vocab import labels as L

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
specs = st.builds(lambda seed, busy: random_spec(random.Random(seed), busy=busy),
                  st.integers(0, 10**6), st.booleans())
t3_cells = st.tuples(st.sampled_from(list(L.T3_ROWS)), st.integers(0, 6))
deltas = st.integers(-5, 5).filter(bool)


@SETTINGS
@given(spec=specs, layout=st.sampled_from(LAYOUTS))
def test_parse_reads_back_what_was_written(spec, layout):
    doc = render(spec, layout)
    report = parse_text(doc.text)
    assert report.problems == []
    for row, values in spec.t3.items():
        cells = report.tables["t3"].rows[row].cells
        assert [c.value for c in cells.values()] == values
        assert [c.line for c in cells.values()] == [doc.lines[f"t3.{row}.{c}"] for c in cells]
    t4 = [c.value for row in report.tables["t4"].rows.values() for c in row.cells.values()]
    assert t4 == spec.t4
    assert lint_text(doc.text) == []


@SETTINGS
@given(spec=specs, layout=st.sampled_from(LAYOUTS), where=t3_cells, delta=deltas)
def test_any_changed_table3_cell_is_named(spec, layout, where, delta):
    row, col = where
    spec.t3[row][col] = spec.t3[row][col] + delta
    doc = render(spec, layout)
    findings = lint_text(doc.text, select=["balance"])
    line = doc.lines[f"t3.{row}.{list(L.T3_COLUMNS)[col]}"]
    assert line in {f.line for f in findings} | {o["line"] for f in findings for o in f.operands}


@SETTINGS
@given(spec=specs, index=st.integers(0, 14), delta=deltas)
def test_any_changed_table4_cell_is_named(spec, index, delta):
    spec.t4[index] += delta
    doc = render(spec)
    findings = lint_text(doc.text, select=["GIX304"])
    block, field = list(L.T4_BLOCKS)[index // 5], list(L.T4_FIELDS)[index % 5]
    assert [f.row for f in findings] == [block]
    assert doc.lines[f"t4.{block}.{field}"] in {o["line"] for o in findings[0].operands}


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(render(random_spec(random.Random(1))).text.split("\n")
                                + ["", "\t", "\t ", "无", "/", "其他", "总计", "（七）总计", "-3-", "\x0c"]),
                max_size=150))
def test_any_line_soup_parses_and_lints(lines):
    text = "\n".join(lines)
    report = parse_text(text)
    lint_text(text)
    assert all(p.line >= 0 for p in report.problems)
