"""Checking the run's files, group by group: cached results first, the rest in worker
processes, then the cross-report step — with one progress bar on standard error for both."""

from __future__ import annotations

import gc
import os
import time
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from gixlint.corpus.step import check_corpus
from gixlint.lint.linter import FileResult, lint_files
from gixlint.lint.spill import Spill, spill_result

if TYPE_CHECKING:
    from gixlint.corpus import cache as caching

# below this many files to check, starting worker processes costs more than it saves
SERIAL_BELOW = 8


# the collector's first threshold while files are checked: above the objects one report holds at
# once (a few thousand), so it runs only when something is left over, not once or twice a report
_YOUNG = 10_000


@contextmanager
def _set_up_frozen():
    """The run's set-up (modules, rules, tables) held out of the garbage collector's full passes
    (gc.freeze) while files are checked, here and in the workers forked meanwhile, whose pages then
    stay shared: ~2% of a text report's instructions. And the collector runs less often: a
    report's objects form no cycles (tests/test_no_cycles.py), reference counting frees them, and
    a pass once a report found nothing to free yet cost 3–4% of the time. Put back when the run
    ends; a calling program's frozen objects, higher threshold or collection turned off are left alone."""
    ours = gc.get_freeze_count() == 0
    if ours:
        gc.freeze()
    thresholds = gc.get_threshold()
    if thresholds[0]:               # (0: the calling program turned automatic collection off)
        gc.set_threshold(max(thresholds[0], _YOUNG), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        if ours:
            gc.unfreeze()


@_set_up_frozen()
def check(groups, err, progress: bool, jobs: int, cache: caching.Cache | None,
          keep_reports: bool = False, timings: dict | None = None) -> tuple[list[FileResult], int]:
    """Every group's results in the run's file order (rosters' after), and how many came from the cache.
    ``jobs`` 0: every core, once there are enough files to check. ``keep_reports``: the outputs
    show reports' tables, so each result keeps its report (compressed). ``timings`` gets the
    seconds of each step ("files", "cross")."""
    timings = {} if timings is None else timings
    start = time.perf_counter()
    total = sum(len(g.files) for g in groups)
    for group in groups:    # one file is compared with nothing: no cross-report digests to make
        group.linter.context.options["digests"] = total > 1
    spill = Spill()         # digests and kept reports wait on disk, not in memory
    show = progress and total > 1 and err.is_terminal
    placed: dict[int, FileResult] = {}
    rosters: list[FileResult] = []
    from_cache = 0
    with _bar(err, show) as bar:
        task = bar.add_task("检查报告", total=total) if bar else None
        advance = (lambda: bar.advance(task)) if bar else None
        for group in groups:
            found, hits = _lint(group, jobs, cache, advance, keep_reports, spill)
            from_cache += hits
            placed.update(found)
        timings["files"] = time.perf_counter() - start
        timings["peak_mb_files"] = peak_mb()
        steps = sum(sum(g.linter.registry.kinds[r.kind].corpus for r in g.linter.rules) for g in groups)
        if bar:
            bar.update(task, description="跨报告检查", total=steps or 1, completed=0)
        for group in groups:
            results = [placed[i] for i, _f in group.files]
            check_corpus(group.linter, results, (lambda _done, _of: bar.advance(task)) if bar else None)
            rosters.extend(r for r in results[len(group.files):])
        timings["cross"] = time.perf_counter() - start - timings["files"]
        timings["peak_mb_cross"] = peak_mb()
    return [placed[i] for i in sorted(placed)] + rosters, from_cache


def _lint(group, jobs: int, cache, advance, keep_reports: bool, spill: Spill) -> tuple[dict[int, FileResult], int]:
    found: dict[int, FileResult] = {}
    todo: list[tuple[int, Path, str | None]] = []
    if cache:
        from gixlint.corpus import cache as caching  # sqlite3 and the fingerprint only with the cache
    run = caching.fingerprint(group.linter) if cache else ""
    for i, name in group.files:
        f = Path(name)
        key = caching.key(f, run) if cache else None
        hit = cache.get(key) if key else None
        if hit is not None and keep_reports and hit.record is not None and hit.record.packed is None:
            hit = None      # checked before without keeping the report, which this run shows
        if hit is not None:
            spill_result(hit, spill)
            found[i] = hit
            if advance:
                advance()
        else:
            todo.append((i, f, key))
    paths = [f for _i, f, _k in todo]
    if jobs <= 0:
        jobs = (os.cpu_count() or 1) if len(paths) >= SERIAL_BELOW else 1
    def arrived(index: int, result: FileResult) -> None:
        i, _f, key = todo[index]
        if key:
            cache.put(key, result)
        spill_result(result, spill)
        found[i] = result

    lint_files(group.linter, paths, min(jobs, len(paths)), group.options, done=advance,
               keep_report=keep_reports, arrived=arrived)
    return found, len(group.files) - len(todo)


def _bar(err, show: bool):
    if not show:
        return nullcontext(None)
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn(),
                    console=err, transient=True)


def peak_mb() -> float:
    """This process's peak resident memory so far, in MB (0 where the platform cannot say).
    Linux's VmHWM first: ru_maxrss keeps the peak of the process this one was forked from."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    try:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    except (ImportError, OSError):
        return 0.0
