"""A PDF printed by Chromium from LibreOffice's HTML of the official template.

``fixtures/chromium/template-2041.pdf`` was made from ``random_spec(random.Random(2041))``, so no
expected values are stored: the spec is regenerated here from the same N. Regenerate with::

    spec = random_spec(random.Random(2041))
    fill_template(spec, Path("../shared/templates/report-2021-template.docx"), Path("template-2041.docx"))
    # soffice --headless --convert-to html template-2041.docx
    # chromium --headless --no-pdf-header-footer --print-to-pdf=template-2041.pdf template-2041.html
    # (Chromium 156; benchmarks/realworld.py's print_pdf has the full command line)

This is what a supervisor gets saving a published report page as PDF. Chromium draws the table
borders of LibreOffice's HTML on some sides of some cells only: in table 三 no border between
「（三）不予公开」 and its eight labels nor between 「（五）不予处理」 and its five, none between
「5.要求行政机关确认或重新出具已获取信息」 and its first four numbers, and 「（七）总计」 joined to
「四、结转下年度继续办理」 round a border that stops short. Every table value must still read back
exactly, and each group label stay one label on a line of its own before its first row.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from gixlint.layout import from_file as read
from gixlint.lint.linter import Linter
from gixlint.parse import parse
from gixlint.testing import TODAY, random_spec
from gixlint.testing.generate import report_cells, spec_cells
from gixlint.vocab import labels as L

PDF = Path(__file__).parent / "fixtures" / "chromium" / "template-2041.pdf"
SEED = 2041


@pytest.fixture(scope="module")
def linter():
    return Linter.create(today=TODAY, load_plugins=False)


def test_every_cell_reads_back():
    report = parse(read(PDF))
    # Chromium's ToUnicode maps some 汉字 to Kangxi radicals (⼀ for 一): a GIX007 note, nothing else
    assert [p.kind for p in report.problems] == ["lookalike-characters"]
    want = spec_cells(random_spec(random.Random(SEED)))
    got = report_cells(report)
    assert len(want) == 10 + 175 + 15
    assert {k: got.get(k) for k in want} == want
    assert set(got) == set(want)


def test_no_shape_label_or_unreadable_findings(linter):
    result = linter.lint_file(PDF)
    assert [f.rule for f in result.findings if f.rule in ("GIX003", "GIX004", "GIX006")] == []
    assert [(f.rule, f.message) for f in result.findings
            if f.category in ("parse", "counts", "balance") and f.rule != "GIX007"] == []


FIRST_ROW = {"results": "granted", "denied": "denied_state_secret", "unable": "unable_not_held",
             "not_processed": "not_processed_petition", "other_total": "other_no_correction"}


def test_group_labels_stay_whole_before_their_rows():
    lines: dict[int, list[str]] = {}
    for item in read(PDF).items:
        lines.setdefault(item.line, []).append(L.label_key(item.text))
    numbers = sorted(lines)
    for group, row in FIRST_ROW.items():
        [at] = [n for n in numbers if lines[n] == [L.label_key(L.T3_GROUPS[group])]]
        following = lines[numbers[numbers.index(at) + 1]]
        assert following[0] == L.label_key(L.T3_ROWS[row]) and len(following) == 8, group
