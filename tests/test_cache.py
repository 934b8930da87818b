"""Issue #10 item 3: a re-run of an unchanged folder uses the cache and says the same; any
change that could change a result checks the file again; a broken cache only warns."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import pytest

from gixlint.cli import main
from gixlint.testing import random_spec, render
from gixlint.testing.generate import random_narrative

ARGS = ["--today", "2026-11-23", "--no-progress", "--isolated", "--format", "json"]


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """Six reports (one unbalanced, one another's copy under a new name) and a private cache."""
    reports = tmp_path / "reports"
    reports.mkdir()
    for seed in range(6):
        base = 2 if seed == 5 else seed          # 5.txt: 2.txt under another agency's name
        spec = random_spec(random.Random(base))
        spec.agency = f"示例县第{seed}局"
        random_narrative(spec, random.Random(base + 100))
        if seed == 1:
            spec.t3["granted"][6] = int(spec.t3["granted"][6]) + 1
        (reports / f"{seed}.txt").write_text(render(spec).text, encoding="utf-8")
    monkeypatch.setenv("GIXLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    return reports


def _run(capsys, *extra):
    code = main(["reports", *ARGS, *extra])
    out = capsys.readouterr()
    return code, json.loads(out.out), out.err


def _no_parsing(monkeypatch):
    from gixlint.lint import linter

    def refuse(path):
        raise AssertionError(f"parsed {path} again")
    monkeypatch.setattr(linter, "parse_file", refuse)


def test_rerun_uses_cache_and_says_the_same(folder, capsys, monkeypatch):
    code, cold, err = _run(capsys)
    assert "上次的检查结果" not in err
    assert any(f["rule"].startswith("GIX9") for x in cold["files"] for f in x["findings"])   # cross step ran
    _no_parsing(monkeypatch)
    code2, warm, err = _run(capsys)
    assert "6 个文件未改变" in err
    assert warm == cold and code2 == code == 1


def test_changes_check_again(folder, capsys, monkeypatch):
    _run(capsys)
    text = (folder / "0.txt").read_text(encoding="utf-8")
    (folder / "0.txt").write_text(text.replace("示例县第0局", "示例县零局", 1), encoding="utf-8")
    _, data, err = _run(capsys)
    assert "5 个文件未改变" in err
    _, data, err = _run(capsys, "--today", "2026-11-24")            # "today" decides lateness
    assert "未改变" not in err
    _, _, err = _run(capsys, "--ignore", "GIX301")
    assert "未改变" not in err
    _, data, err = _run(capsys, "--ignore", "GIX301")
    assert "6 个文件未改变" in err and not any(f["rule"] == "GIX301" for x in data["files"] for f in x["findings"])


def test_no_cache_reads_and_writes_nothing(folder, capsys, tmp_path):
    _run(capsys, "--no-cache")
    assert not (tmp_path / "cache" / "results.sqlite3").exists()   # (start-up tables may be kept there)
    _run(capsys, "--cache-dir", str(tmp_path / "其他"))
    assert (tmp_path / "其他" / "results.sqlite3").is_file()


@pytest.mark.parametrize("content", [b"\x00garbage" * 500, b"SQLite format 3\x00" + b"\xff" * 4000, "foreign"])
def test_broken_or_foreign_cache_only_warns(folder, capsys, tmp_path, content):
    cold = _run(capsys, "--no-cache")
    (tmp_path / "cache").mkdir(exist_ok=True)
    path = tmp_path / "cache" / "results.sqlite3"
    if content == "foreign":
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE notes (text TEXT)")
    else:
        path.write_bytes(content)
    before = path.read_bytes()
    code, data, err = _run(capsys)
    assert "缓存" in err and "--cache-dir" in err
    assert (code, data) == cold[:2]
    assert path.read_bytes() == before                 # someone else's file is left alone


def test_damaged_entry_is_checked_again(folder, capsys, tmp_path):
    cold = _run(capsys)
    with sqlite3.connect(tmp_path / "cache" / "results.sqlite3") as db:
        db.execute("UPDATE results SET value = x'80049500'")
    code, data, err = _run(capsys)
    assert "损坏" in err and (code, data) == cold[:2]
    _, _, err = _run(capsys)
    assert "6 个文件未改变" in err                      # rewritten by the run that found it damaged


def test_inputs_never_written(folder, capsys):
    before = {p: p.read_bytes() for p in folder.iterdir()}
    _run(capsys)
    _run(capsys)
    assert {p: p.read_bytes() for p in folder.iterdir()} == before


def test_several_jobs_fill_the_same_cache(folder, capsys, monkeypatch):
    cold = _run(capsys, "--jobs", "2")
    _no_parsing(monkeypatch)
    warm = _run(capsys, "--jobs", "2")
    assert cold[:2] == warm[:2]


def _entries(tmp_path: Path) -> int:
    with sqlite3.connect(tmp_path / "cache" / "results.sqlite3") as db:
        return db.execute("SELECT count(*) FROM results").fetchone()[0]


def test_one_entry_per_file(folder, capsys, tmp_path):
    _run(capsys)
    _run(capsys)
    assert _entries(tmp_path) == 6
