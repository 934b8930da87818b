"""Bounded fuzzing of gixlint's stages with hypothesis: ``nox -s fuzz -- --minutes 10``.

Targets take turns in rounds, each round sized from the target's measured speed so a slow
target (the whole command line, PDFs) cannot starve the quick ones. Hypothesis keeps the
examples it found interesting in ``--corpus`` (one folder per target, replayed next time);
a failure is shrunk by hypothesis and its smallest input is written to ``--crashers`` with
its traceback. A call longer than ``--per-input`` seconds is a hang; the process runs under
a memory ceiling, so a blow-up is a ``MemoryError`` crasher rather than a dead machine.
"""

from __future__ import annotations

import argparse
import json
import resource
import signal
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis.database import DirectoryBasedExampleDatabase  # noqa: E402

from tests.fuzz.targets import STRATEGIES  # noqa: E402


class Hang(Exception):
    """One input ran past the per-input time limit."""


def _alarm(signum, frame):
    raise Hang("超过单个输入的时限")


def fuzz_target(name, target, strategy, examples, corpus: Path, per_input: float, counts: dict, failures: list):
    """Run ``examples`` inputs of one target; on a failure, record hypothesis's shrunk input."""
    last: list = []

    def guarded(value):
        counts[name] = counts.get(name, 0) + 1
        signal.setitimer(signal.ITIMER_REAL, per_input)
        try:
            target(value)
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt) and not isinstance(exc, Hang):
                raise
            last[:] = [value, "".join(traceback.format_exception(exc))]
            raise
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)

    test = settings(max_examples=examples, deadline=None, database=DirectoryBasedExampleDatabase(corpus / name),
                    suppress_health_check=list(HealthCheck), phases=[Phase.reuse, Phase.generate, Phase.shrink],
                    print_blob=False)(given(strategy)(guarded))
    try:
        test()
    except Exception:
        failures.append((name, *last) if last else (name, None, traceback.format_exc()))
        return False
    return True


def write_crasher(folder: Path, index: int, name: str, value, trace: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}-{index}.txt"
    path.write_text(f"target: {name}\ninput: {value!r}\n\n{trace}", encoding="utf-8")
    raw = value[1] if isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], bytes) else value
    if isinstance(raw, bytes):
        (folder / f"{name}-{index}.bin").write_bytes(raw)
    return path


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description="gixlint 模糊测试（有时限）")
    p.add_argument("--minutes", type=float, default=10.0)
    p.add_argument("--corpus", type=Path, default=Path(".fuzz/corpus"))
    p.add_argument("--crashers", type=Path, default=Path(".fuzz/crashers"))
    p.add_argument("--per-input", type=float, default=20.0, help="seconds one input may take")
    p.add_argument("--memory-mb", type=int, default=4096)
    p.add_argument("--only", nargs="*", default=None, help="target names")
    args = p.parse_args(argv)
    resource.setrlimit(resource.RLIMIT_AS, (args.memory_mb * 1024 * 1024, resource.RLIM_INFINITY))
    signal.signal(signal.SIGALRM, _alarm)
    end = time.monotonic() + args.minutes * 60
    active = {k: v for k, v in STRATEGIES.items() if args.only is None or k in args.only}
    counts: dict[str, int] = {}
    failures: list = []
    rate = {name: 20.0 for name in active}      # inputs a second, measured as we go
    slice_seconds = 20.0
    while time.monotonic() < end and active:
        for name, (target, strategy) in list(active.items()):
            if time.monotonic() >= end:
                break
            examples = max(5, int(rate[name] * min(slice_seconds, end - time.monotonic())))
            before, start = counts.get(name, 0), time.monotonic()
            ok = fuzz_target(name, target, strategy, examples, args.corpus, args.per_input, counts, failures)
            spent = time.monotonic() - start
            rate[name] = max(0.5, (counts.get(name, 0) - before) / max(spent, 0.01))
            if not ok:
                n, value, trace = failures[-1]
                path = write_crasher(args.crashers, len(failures), n, value, trace)
                print(f"crasher in {n}: {path}", flush=True)
                if sum(1 for f in failures if f[0] == n) >= 3:
                    del active[n]        # the same fault again and again: fix it first
        total = sum(counts.values())
        print(f"[{time.strftime('%H:%M:%S')}] inputs so far: {total} {json.dumps(counts)}", flush=True)
    summary = {"inputs": sum(counts.values()), "per_target": counts, "crashers": len(failures)}
    args.corpus.mkdir(parents=True, exist_ok=True)
    (args.corpus / "last-run.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(summary, ensure_ascii=False))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
