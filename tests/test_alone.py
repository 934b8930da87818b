"""A lone file is checked in this process (no worker), under the same time and memory limits a
worker has, and gives what a worker gives (gixlint.lint.alone)."""

from __future__ import annotations

import random
import re
import resource
import time

import pytest

from gixlint.lint import alone, pool
from gixlint.lint.linter import Linter, lint_files
from gixlint.read import READERS
from gixlint.testing import TODAY, random_spec, render
from gixlint.vocab import limits


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "r.txt"
    spec = random_spec(random.Random(8))
    spec.t3["total"][0] = "999"         # something to find
    path.write_text(render(spec, "word-tabs").text, encoding="utf-8")
    return path


@pytest.fixture
def no_workers(monkeypatch):
    def refuse(*_a, **_k):
        raise AssertionError("a worker was started")
    monkeypatch.setattr(pool, "Worker", refuse)


def test_a_lone_text_file_is_checked_here_as_a_worker_checks_it(report, monkeypatch):
    linter = Linter.create(today=TODAY, load_plugins=False)
    monkeypatch.setattr(alone, "suits", lambda path: False)
    [by_worker] = lint_files(linter, [report], jobs=1, keep_report=True)
    monkeypatch.undo()
    started = []
    real = pool.Worker
    monkeypatch.setattr(pool, "Worker", lambda *a, **k: started.append(1) or real(*a, **k))
    [here] = lint_files(linter, [report], jobs=1, keep_report=True)
    assert started == []
    assert here.findings and here.findings == by_worker.findings
    assert here.report is None and by_worker.report is None
    assert here.record.meta == by_worker.record.meta
    assert here.full_report().tables["t3"].rows["total"].cells["total"].value == \
        by_worker.full_report().tables["t3"].rows["total"].cells["total"].value


def test_two_files_and_a_pdf_still_go_to_workers(report, tmp_path, monkeypatch):
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + report.read_bytes())       # a PDF's first bytes, whatever the rest
    assert alone.suits(report) and not alone.suits(pdf)
    started = []
    real = pool.Worker
    monkeypatch.setattr(pool, "Worker", lambda *a, **k: started.append(1) or real(*a, **k))
    lint_files(Linter.create(today=TODAY, load_plugins=False), [report, report], jobs=1)
    assert started


@pytest.mark.parametrize("hang", ["sleep", "loop", "regex"])
def test_a_lone_file_over_its_time_is_stopped_with_the_workers_finding(report, monkeypatch, no_workers, hang):
    def slow(path):
        if hang == "sleep":
            time.sleep(600)
        elif hang == "loop":
            while True:
                pass
        re.match(r"(a+)+$", "a" * 60 + "b")          # backtracks for longer than anyone waits

    monkeypatch.setitem(READERS, ".txt", slow)
    linter = Linter.create(today=TODAY, load_plugins=False)
    start = time.monotonic()
    with limits.using(limits.Limits(seconds_per_file=1)):
        [result] = lint_files(linter, [report], jobs=1)
    assert time.monotonic() - start < 20
    [finding] = result.findings
    assert finding.rule == "GIX000" and "检查超时" in finding.message and "seconds-per-file" in finding.message
    import signal

    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)       # no timer left running


def test_a_lone_file_over_its_memory_is_one_finding_and_the_ceiling_is_put_back(report, monkeypatch, no_workers):
    def greedy(path):
        return [bytearray(64 * 1024 * 1024) for _ in range(64)]       # 4 GB

    before = resource.getrlimit(resource.RLIMIT_AS)
    monkeypatch.setitem(READERS, ".txt", greedy)
    linter = Linter.create(today=TODAY, load_plugins=False)
    with limits.using(limits.Limits(memory_mb=1500)):
        [result] = lint_files(linter, [report], jobs=1)
    [finding] = result.findings
    assert "内存超限" in finding.message and "memory-mb" in finding.message
    assert resource.getrlimit(resource.RLIMIT_AS) == before
    assert bytearray(256 * 1024 * 1024)                               # this process can allocate again


def test_the_files_timer_still_fires_after_the_rules_own_timers(report, monkeypatch, no_workers):
    """Each rule runs under its own SIGALRM timer (gixlint.lint.bounds), which hands the file's
    back: a hang after every rule has run is still stopped."""
    linter = Linter.create(today=TODAY, load_plugins=False)
    ran = []
    real = linter.check
    monkeypatch.setattr(linter, "check", lambda report: ran.append(1) or real(report))
    monkeypatch.setattr(linter, "digest", lambda report, findings: time.sleep(600))
    with limits.using(limits.Limits(seconds_per_file=2)):
        [late] = lint_files(linter, [report], jobs=1)
    assert ran and "检查超时" in late.findings[0].message
