"""Issue #14: the same folder gives byte-identical output whatever PYTHONHASHSEED and --jobs are,
so two supervisors (or one, twice) never disagree about a report."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

from gixlint.testing import random_spec, render
from gixlint.testing.formats import write_docx, write_html
from gixlint.testing.generate import random_narrative

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def _corpus(folder: Path) -> Path:
    """The examples, the shared seeds, generated reports in three formats, and reports whose
    numbering mixes （一） and （1） in equal numbers (where a set's order once decided GIX105)."""
    corpus = folder / "corpus"
    shutil.copytree(ROOT / "examples", corpus)
    if SEEDS.is_dir():
        for seed in sorted(SEEDS.glob("*.txt"))[:5]:
            shutil.copy(seed, corpus / seed.name)
    for i in range(8):
        rng = random.Random(1400 + i)
        spec = random_spec(rng)
        random_narrative(spec, rng)
        if i % 3 == 1:
            spec.t3["granted"][i % 7] = int(spec.t3["granted"][i % 7]) + 2
        text = render(spec).text
        if i % 2 == 0:
            mixed = "\n".join(["（一）主动公开情况。", "（1）规章。", "（二）依申请公开情况。", "（2）行政规范性文件。",
                               "（三）政府信息管理。", "（3）其他。"])
            text = text.replace("一、总体情况\n", f"一、总体情况\n{mixed}\n", 1)
        (corpus / f"gen{i}.txt").write_text(text, encoding="utf-8")
        if i < 3:
            write_docx(spec, corpus / f"gen{i}.docx")
            write_html(spec, corpus / f"gen{i}.html")
    return corpus


def _run(corpus: Path, seed: str, *extra: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-m", "gixlint", str(corpus), "--today", "2026-11-23", "--no-progress",
                           "--isolated", "--no-plugins", *extra], env=env, capture_output=True, timeout=600,
                          cwd=corpus.parent)
    assert done.returncode in (0, 1), done.stderr.decode("utf-8", "replace")
    return done.stdout


def test_output_is_the_same_under_two_hash_seeds_and_two_job_counts(tmp_path):
    corpus = _corpus(tmp_path)
    out = tmp_path / "out"
    formats = ["--format", "json", "--format", f"csv={out}.csv", "--format", f"sarif={out}.sarif"]
    first = _run(corpus, "1", *formats)
    saved = {s: Path(f"{out}{s}").read_bytes() for s in (".csv", ".sarif")}
    second = _run(corpus, "2", *formats, "--jobs", "2")
    assert b'"GIX301"' in first and b'"GIX105"' in first      # the corpus has findings to differ in
    assert first == second
    assert saved == {s: Path(f"{out}{s}").read_bytes() for s in (".csv", ".sarif")}
    assert _run(corpus, "3") == _run(corpus, "4", "--jobs", "2")     # the text output too
