"""Checking a report leaves nothing for the garbage collector (#11).

A report's objects (items, cells, the AST, evaluators) are freed by reference counting as soon as
nothing holds them. Before, an evaluator kept a bound method of itself, and so its report, in a
cycle: every report's ~500 objects waited for the collector, whose passes then cost more. With no
cycles the command line can run the collector rarely while files are checked (cli.checking)
without memory growing. (PDFs are read by pdfminer.six, whose own objects do form cycles.)
"""

from __future__ import annotations

import gc
import random
from pathlib import Path

import pytest

from gixlint.layout.runon import Column, _sum_check, split_run
from gixlint.lint.linter import Linter
from gixlint.testing import LAYOUTS, random_spec, render
from gixlint.testing.formats import write_docx, write_html

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real"


def _garbage_after(work) -> list:
    """The objects ``work()`` left that only the cycle collector would free."""
    gc.collect()
    gc.disable()
    try:
        work()
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
    finally:
        gc.set_debug(0)
        gc.enable()
    found = list(gc.garbage)
    gc.garbage.clear()
    return found


@pytest.fixture(scope="module")
def linter():
    return Linter.create(load_plugins=False)


def _files(tmp_path: Path) -> list[Path]:
    spec = random_spec(random.Random(7))
    files = []
    for layout in LAYOUTS:
        path = tmp_path / f"{layout}.txt"
        path.write_text(render(spec, layout).text, encoding="utf-8")
        files.append(path)
    files.append(write_docx(spec, tmp_path / "r.docx"))
    files.append(write_html(spec, tmp_path / "r.html"))
    crawled = REAL / "pingtan-2021.crawled.txt"         # run-on text, whose cells are split by search
    return files + ([crawled] if crawled.exists() else [])


def test_the_check_sees_a_cycle():
    class Node:
        pass

    def work():
        node = Node()
        node.me = node

    assert any(isinstance(o, Node) for o in _garbage_after(work))


def test_checking_a_report_leaves_no_cycles(linter, tmp_path):
    files = _files(tmp_path)
    for path in files:
        linter.lint_file(path)              # caches filled, modules imported: not what is measured
    for path in files:
        result = linter.lint_file(path)
        assert result.report is not None and result.report.tables, path.name
        left = _garbage_after(lambda p=path: linter.lint_file(p))
        assert left == [], (path.name, sorted({type(o).__qualname__ for o in left}))


def test_splitting_run_together_digits_leaves_no_cycles():
    columns = [Column()] * 7
    fits = []
    assert _garbage_after(lambda: fits.append(split_run(["900103", "13"], columns, _sum_check(6)))) == []
    assert fits[0].readings == [["9", "0", "0", "1", "0", "3", "13"]]
