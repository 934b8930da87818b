"""A supervisor's run at scale: a generated region through the command line, then the
cross-report step alone on 100,000 synthetic digests.

    python benchmarks/region.py [--agencies 3334] [--digests 100000]

1. A region of ``agencies`` × 3 years (10,002 reports by default) and one a tenth its size,
   with shared stock phrases and planted defects (:mod:`gixlint.testing.region`), each checked
   by ``gixlint DIR --format json=… --format html=… --format xlsx=…`` cold (new cache) and
   again cached. Printed: reports/s cold and cached, the seconds of the cross-report step, peak
   memory of each run and the ratio of the two regions' peaks, and whether every planted defect
   was found with no other cross-report finding.
2. The cross-report step alone on synthetic digests (25,000, 50,000 and ``digests``), with
   planted copies and chain breaks; its seconds and the growth exponent (log-log slope).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

TODAY = "2026-12-03"


def run_cli(folder: Path, out: Path, cache: Path) -> dict:
    """One CLI run over ``folder``: wall seconds, peak memory (MB) and the step timings."""
    cmd = [sys.executable, "-m", "gixlint", str(folder), "--format", f"json={out / 'r.json'}",
           "--format", f"html={out / 'r.html'}", "--format", f"xlsx={out / 'r.xlsx'}", "--no-plugins",
           "--today", TODAY, "--cache-dir", str(cache), "-q", "--fail-on", "never"]
    env = {**os.environ, "GIXLINT_TIMINGS": "1"}
    start = time.perf_counter()
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    whole = [0.0]
    sampler = threading.Thread(target=_sample_tree, args=(process.pid, whole), daemon=True)
    sampler.start()
    stderr = process.stderr.read().decode()
    _pid, status, usage = os.wait4(process.pid, 0)
    sampler.join(1)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"gixlint failed: {stderr[-2000:]}")
    timings = {}
    for line in stderr.splitlines():
        if line.startswith("gixlint-timings "):
            timings = {k: float(v) for k, v in (p.split("=") for p in line.split()[1:])}
    return {"seconds": seconds, "peak_mb": usage.ru_maxrss / 1024, "tree_mb": whole[0], **timings}


def _sample_tree(pid: int, peak: list) -> None:
    """The most memory the run's processes held together (the command and its workers), sampled
    every 0.2 s from /proc (Linux); 0 where there is no /proc."""
    page = os.sysconf("SC_PAGE_SIZE") / 1e6 if hasattr(os, "sysconf") else 0.004096
    while Path(f"/proc/{pid}").exists():
        parents, rss = {}, {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                parents[int(entry.name)] = int(fields[1])
                rss[int(entry.name)] = int((entry / "statm").read_text().split()[1]) * page
            except (OSError, IndexError, ValueError):
                continue
        tree, grew = {pid}, True
        while grew:
            more = {p for p, parent in parents.items() if parent in tree} - tree
            grew, tree = bool(more), tree | more
        peak[0] = max(peak[0], sum(rss.get(p, 0) for p in tree))
        time.sleep(0.2)


def check_planted(region, report: Path) -> tuple[set, set]:
    data = json.loads(report.read_text(encoding="utf-8"))
    found = {(f["rule"], Path(x["path"]).name) for x in data["files"] for f in x["findings"]
             if f["category"] == "cross"}
    return region.planted - found, found - region.planted


def region_runs(agencies: int) -> None:
    from gixlint.testing.region import make_region

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in (max(agencies // 10, 10), agencies):
            region = make_region(agencies=size, years=(2022, 2023, 2024), seed=7,
                                 plant_every=max(size // 40, 4))
            folder, out = Path(tmp) / f"region-{size}", Path(tmp) / f"out-{size}"
            out.mkdir()
            region.write(folder)
            n = len(region.files)
            region.files.clear()       # the texts: a child forked from this process would start this big
            cache = Path(tmp) / f"cache-{size}"
            cold = run_cli(folder, out, cache)
            missing, extra = check_planted(region, out / "r.json")
            cached = run_cli(folder, out, cache)
            rows.append((n, cold, cached))
            print(f"{n:>6} reports: cold {n / cold['seconds']:6.0f} reports/s ({cold['seconds']:.1f} s: files "
                  f"{cold.get('files', 0):.1f} s, cross step {cold.get('cross', 0):.2f} s, outputs "
                  f"{cold.get('outputs', 0):.1f} s); cached "
                  f"{n / cached['seconds']:6.0f} reports/s ({cached['seconds']:.1f} s); "
                  f"planted {len(region.planted)}: {len(missing)} missed, {len(extra)} other cross findings")
            print(f"        main process peak after checking files {cold.get('peak_mb_files', 0):.0f} MB, after the "
                  f"cross step {cold.get('peak_mb_cross', 0):.0f} MB, after the outputs {cold.get('peak_mb_outputs', 0):.0f} MB; "
                  f"the command and its workers together at most {cold['tree_mb']:.0f} MB")
            for item in sorted(missing)[:5]:
                print(f"    missed: {item}")
            for item in sorted(extra)[:5]:
                print(f"    other: {item}")
    (small, small_cold, _), (large, large_cold, _) = rows
    print(f"peak memory {large} vs {small} reports: main process {large_cold.get('peak_mb_outputs', 0) / max(small_cold.get('peak_mb_outputs', 0), 1):.2f}×, "
          f"command and workers together {large_cold['tree_mb'] / max(small_cold['tree_mb'], 1):.2f}×")


def synthetic(count: int, seed: int = 3):
    """``count`` FileResults that hold only a record and digests for the national cross rules, as
    workers send them; one agency in 500 has a planted defect. Returns (results, planted)."""
    import numpy as np

    from gixlint.checks.copying import NUM_PERM
    from gixlint.lint.linter import FileResult
    from gixlint.lint.record import ReportRecord
    from gixlint.parse.model import Meta

    rng = np.random.default_rng(seed)
    boiler = rng.integers(0, 2**32, NUM_PERM, dtype=np.uint32)   # the region's stock phrases

    def text_signature():
        own = rng.integers(0, 2**32, NUM_PERM, dtype=np.uint32)
        return np.minimum(boiler, own).astype("<u4").tobytes()

    years, results, planted = (2022, 2023, 2024), [], set()
    agencies = count // len(years)
    for a in range(agencies):
        carry = tuple(int(v) for v in rng.integers(0, 3, 7))
        stock = int(rng.integers(5, 40))
        section_1, section_5 = text_signature(), text_signature()
        for year in years:
            path = f"{a:06d}-{year}.txt"
            forward = tuple(int(v) for v in rng.integers(0, 3, 7))
            over = carry
            made, repealed = int(rng.integers(0, 5)), int(rng.integers(0, 3))
            stock += made - repealed
            if a % 500 == 1 and year == years[-1]:
                over = (over[0] + 1, *over[1:])
                planted.add(("GIX901", path))
            if a % 500 == 2 and year == years[-1]:
                stock += 3
                planted.add(("GIX902", path))
            if a % 500 == 3 and year == years[-1]:
                planted.add(("GIX909", path))       # this year's 五 is last year's
            else:
                section_5 = text_signature()
            section_1 = text_signature()
            digests = {
                "GIX901": ((forward, over, tuple(range(40, 47)))),
                "GIX902": {"regulations": (0, 0, 0, 20), "normative_documents": (stock, made, repealed, 21)},
                "GIX907": {"t3.new_received.total": None, "t2.licensing.count": None, "t2.penalty.count": None},
                "GIX909": {1: (5, section_1), 5: (90, section_5)},
                "GIX904": rng.bytes(16),
                "GIX908": (rng.bytes(16), 40),
            }
            results.append(FileResult(path, record=ReportRecord(path, Meta(agency=f"示例市第{a}区局", year=year),
                                                                 readable=True), digests=digests))
            carry = forward
    for a in range(10, agencies, 1000):         # another agency's 一, name changed
        i, j = a * len(years) + 2, (a + 1) * len(years) + 2
        results[j].digests["GIX910"] = results[j].digests["GIX909"] = {
            1: (5, results[i].digests["GIX909"][1][1]), 5: results[j].digests["GIX909"][5]}
        planted |= {("GIX910", results[i].path), ("GIX910", results[j].path)}
    for r in results:
        r.digests.setdefault("GIX910", r.digests["GIX909"])
    return results, planted


def digest_runs(largest: int) -> None:
    from gixlint.corpus.step import check_corpus
    from gixlint.lint.linter import Linter

    linter = Linter.create(load_plugins=False)
    points = []
    for count in (largest // 4, largest // 2, largest):
        results, planted = synthetic(count)
        start = time.perf_counter()
        check_corpus(linter, results)
        seconds = time.perf_counter() - start
        found = {(f.rule, r.path) for r in results for f in r.findings}
        points.append((len(results), seconds))
        print(f"cross step alone on {len(results):>6} digests: {seconds:6.1f} s; planted {len(planted)}: "
              f"{len(planted - found)} missed, {len(found - planted)} other findings")
    (n0, t0), (n1, t1) = points[0], points[-1]
    print(f"growth exponent (log-log slope, {n0} → {n1}): {math.log(t1 / t0) / math.log(n1 / n0):.2f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--agencies", type=int, default=3334, help="agencies in the large region (× 3 years)")
    ap.add_argument("--digests", type=int, default=100_000, help="synthetic digests for the cross step alone")
    args = ap.parse_args()
    random.seed(0)
    region_runs(args.agencies)
    digest_runs(args.digests)


if __name__ == "__main__":
    main()
