"""Compiled patterns kept between runs (#11 start-up): the table holds only what ``re`` itself
compiles, a second run compiles almost nothing, and a damaged table changes nothing."""

from __future__ import annotations

import _sre
import marshal
import os
import re
import subprocess
import sys
from array import array
from pathlib import Path

from gixlint.vocab import regexcache

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "03-unbalanced-tables.txt"
CMD = [sys.executable, "-m", "gixlint", str(EXAMPLE), "--no-cache", "--no-plugins", "--format", "json"]

# how many patterns ``re`` compiled in a fresh process after a gixlint run: it counts the calls
# that reach re's compiler (those that missed re's own cache)
COUNTING = """
import re, re._compiler, sys, io, contextlib
calls = []
real = re._compiler.compile
re._compiler.compile = lambda p, flags=0: calls.append(p) or real(p, flags)
from gixlint.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    main(sys.argv[1:])
print(len(calls))
"""


def _run(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(CMD, capture_output=True, text=True, env=env)


def _compiled_by_re(env: dict) -> int:
    out = subprocess.run([sys.executable, "-c", COUNTING, *CMD[3:]], capture_output=True, text=True, env=env,
                         check=True)
    return int(out.stdout.strip().splitlines()[-1])


def _table(folder: Path) -> tuple[Path, dict]:
    [kept] = folder.glob("patterns-*.marshal")
    return kept, marshal.loads(kept.read_bytes())


def test_every_kept_pattern_is_the_one_re_compiles(tmp_path):
    env = {**os.environ, "GIXLINT_CACHE_DIR": str(tmp_path)}
    assert _run(env).returncode == 1
    _kept, table = _table(tmp_path)
    assert len(table) > 100            # gixlint's own patterns, with those of the libraries it imports
    re.purge()
    for (_kind, pattern, flags), (final, code, groups, by_name, by_index) in table.items():
        rebuilt = _sre.compile(pattern, final, array(regexcache._typecode(), code).tolist(), groups, by_name,
                               tuple(by_index))
        assert rebuilt == re.compile(pattern, flags)          # equal patterns: equal compiled code
        assert rebuilt.groupindex == re.compile(pattern, flags).groupindex
    assert any(k == "s" and r"\u4e00-\u9fff" in p for k, p, _f in table)   # the slow CJK ranges among them


def test_a_second_run_compiles_almost_nothing_and_leaves_the_table_alone(tmp_path):
    env = {**os.environ, "GIXLINT_CACHE_DIR": str(tmp_path)}
    first = _compiled_by_re(env)
    kept, _table_ = _table(tmp_path)
    written = kept.stat().st_mtime_ns
    second = _compiled_by_re(env)
    assert first > 100 and second < 8, (first, second)
    assert kept.stat().st_mtime_ns == written
    off = {**env, "GIXLINT_NO_PATTERN_CACHE": "1"}
    assert _compiled_by_re(off) > 100                           # the switch turns it off


def test_a_damaged_table_changes_nothing_and_is_written_again(tmp_path):
    env = {**os.environ, "GIXLINT_CACHE_DIR": str(tmp_path)}
    first = _run(env)
    kept, _t = _table(tmp_path)
    for damage in (b"", b"\x00garbage", marshal.dumps({("s", "x", 0): ("not", "a", "pattern")}),
                   marshal.dumps({("s", "x", 0): (0, b"\x01\x02\x03", 0, {}, [])}),
                   marshal.dumps({("s", "x", 0): (0, b"\x07" * 16, 0, {}, [])})):    # code re refuses
        kept.write_bytes(damage)
        again = _run(env)
        assert (again.returncode, again.stdout, again.stderr) == (first.returncode, first.stdout, first.stderr)
        assert _table(tmp_path)[1], "rewritten after a run that had to compile"


def test_an_unwritable_cache_folder_changes_nothing(tmp_path):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x", encoding="utf-8")
    first = _run({**os.environ, "GIXLINT_CACHE_DIR": str(tmp_path / "fine")})
    second = _run({**os.environ, "GIXLINT_CACHE_DIR": str(blocked)})
    assert (second.returncode, second.stdout, second.stderr) == (first.returncode, first.stdout, first.stderr)


def test_a_changed_pattern_of_gixlint_is_kept_however_few(tmp_path):
    """An upgrade that changes one module-level pattern: it is written to the table after the
    first run, not compiled again in every run (fewer than ``least_new`` new patterns)."""
    env = {**os.environ, "GIXLINT_CACHE_DIR": str(tmp_path)}
    assert _run(env).returncode == 1
    kept, table = _table(tmp_path)
    from gixlint.vocab import dates

    own = ("s", dates._UNREADABLE.pattern, 0)
    assert own in table
    del table[own]                                   # as if this pattern were new in this version
    kept.write_bytes(marshal.dumps(table))
    assert _compiled_by_re(env) >= 1                 # the run that meets it compiles it …
    assert own in _table(tmp_path)[1]                # … and keeps it
    assert _compiled_by_re(env) < 8


def test_patterns_built_from_a_report_alone_do_not_rewrite_the_table(tmp_path, monkeypatch):
    monkeypatch.setenv("GIXLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(regexcache, "_loaded", set(regexcache._loaded))
    regexcache._loaded.update(k for k in re._cache if isinstance(k, tuple) and len(k) == 3)
    for word in ("示例县第一百零一局", "示例县第一百零二局"):       # one-off patterns, in no module
        re.compile(re.escape(word) + "[（(]")
    assert regexcache.keep() is False and not list(tmp_path.glob("patterns-*"))
    assert regexcache.keep(least_new=1) is True                 # the count alone still decides


def test_a_pattern_of_gixlint_that_cannot_be_kept_does_not_rewrite_the_table_each_run(tmp_path, monkeypatch):
    from gixlint.vocab import dates

    monkeypatch.setenv("GIXLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(regexcache, "_loaded", set(regexcache._loaded))
    regexcache._loaded.update(k for k in re._cache if isinstance(k, tuple) and len(k) == 3)
    monkeypatch.setattr(dates, "_NEW_IN_THIS_VERSION", re.compile("二〇[二三]{2}年(?:新)"), raising=False)
    monkeypatch.setattr(regexcache, "_entry", lambda *args: None)       # a re this module cannot rebuild
    assert regexcache.keep() is False and not list(tmp_path.glob("patterns-*"))
    monkeypatch.undo()
    monkeypatch.setenv("GIXLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(regexcache, "_loaded", {k for k in re._cache if isinstance(k, tuple) and len(k) == 3})
    monkeypatch.setattr(dates, "_NEW_IN_THIS_VERSION", re.compile("二〇[二三]{2}年(?:新的)"), raising=False)
    assert regexcache.keep() is True and list(tmp_path.glob("patterns-*"))     # one that can be kept is
