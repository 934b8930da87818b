"""Dataclass methods compiled once and kept between runs (#11 start-up): the table holds only
what Python compiles from each text, a second run compiles nothing, classes come out the same,
and a damaged table changes nothing."""

import dataclasses
import marshal
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from gixlint.vocab import dataclasscache

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "03-unbalanced-tables.txt"
CMD = [sys.executable, "-m", "gixlint", str(EXAMPLE), "--no-cache", "--no-plugins", "--format", "json"]

# texts compiled in a fresh process that the kept table lacked, after linting (lint(), not main(),
# so that nothing is written before they are counted)
COUNTING = """
import io, contextlib, sys
from gixlint.vocab import dataclasscache
from gixlint.cli.lint import lint
with contextlib.redirect_stdout(io.StringIO()):
    lint(sys.argv[1:])
print(dataclasscache._fresh, len(dataclasscache._table))
"""


def _run(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(CMD, capture_output=True, text=True, env=env)


def _fresh(env: dict) -> tuple[int, int]:
    out = subprocess.run([sys.executable, "-c", COUNTING, *CMD[3:]], capture_output=True, text=True, env=env,
                         check=True)
    fresh, held = out.stdout.split()[-2:]
    return int(fresh), int(held)


def _table(folder: Path) -> tuple[Path, dict]:
    [kept] = folder.glob("dataclass-methods-*.marshal")
    return kept, marshal.loads(kept.read_bytes())


def test_every_kept_method_is_what_python_compiles_from_its_text(tmp_path):
    env = {**os.environ, "GIXLINT_CACHE_DIR": str(tmp_path)}
    assert _run(env).returncode == 1
    _kept, table = _table(tmp_path)
    assert len(table) > 100                 # gixlint's classes: __init__, __repr__, __eq__ … of each
    for text, code in table.items():
        assert code == compile(text, "<string>", "exec", dont_inherit=True)
    assert any("def __init__" in text and "severity" in text and "message" in text for text in table)  # Finding


def test_a_second_run_compiles_nothing_and_leaves_the_table_alone(tmp_path):
    env = {**os.environ, "GIXLINT_CACHE_DIR": str(tmp_path)}
    first, held = _fresh(env)
    assert first > 100 and first == held                     # nothing kept yet: every text compiled
    assert _run(env).returncode == 1                          # main() keeps them
    kept, _t = _table(tmp_path)
    written = kept.stat().st_mtime_ns
    assert _fresh(env)[0] == 0
    assert _run(env).returncode == 1
    assert kept.stat().st_mtime_ns == written
    off = {**env, "GIXLINT_NO_CODE_CACHE": "1"}
    assert _fresh(off) == (0, 0)                              # the switch: dataclasses left alone


def test_findings_are_the_same_with_and_without_the_table(tmp_path):
    env = {**os.environ, "GIXLINT_CACHE_DIR": str(tmp_path)}
    cold, warm = _run(env), _run(env)
    plain = _run({**env, "GIXLINT_NO_CODE_CACHE": "1"})
    assert cold.stdout == warm.stdout == plain.stdout and '"rule": "GIX301"' in warm.stdout


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", marshal.dumps(["not", "a", "table"]),
                                    marshal.dumps({"def f(): pass": "not code", 1: 2})])
def test_a_damaged_table_changes_nothing_and_is_written_again(tmp_path, damage):
    env = {**os.environ, "GIXLINT_CACHE_DIR": str(tmp_path)}
    first = _run(env)
    kept, good = _table(tmp_path)
    kept.write_bytes(damage)
    again = _run(env)
    assert again.stdout == first.stdout and again.returncode == first.returncode and not again.stderr
    assert _table(tmp_path)[1].keys() == good.keys()          # written again, whole, without the damage


CLASS = """
import dataclasses

@dataclasses.dataclass(frozen=True, order=True)
class Cell:
    row: str
    value: int | None = None
    notes: list = dataclasses.field(default_factory=list, compare=False, hash=False)
"""


def _make(module_name: str, monkeypatch):
    """The class ``CLASS`` defines, made in a module of this name (dataclasses runs its methods'
    text in the class's module)."""
    module = types.ModuleType(module_name)
    monkeypatch.setitem(sys.modules, module_name, module)
    exec(CLASS, module.__dict__)
    return module.Cell


def test_a_class_made_through_the_table_is_the_class_python_makes(monkeypatch):
    """The same methods, the same annotations (real objects, not the strings a leaked ``from
    __future__ import annotations`` would make), equality, order, hashing and repr."""
    assert dataclasscache.install() and dataclasses.exec is dataclasscache._exec
    monkeypatch.setattr(dataclasscache, "_table", {})
    monkeypatch.setattr(dataclasscache, "_fresh", 0)
    through_table = _make("gixlint._probe", monkeypatch)
    compiled = dict(dataclasscache._table)
    assert compiled and dataclasscache._fresh == len(compiled)          # it did go through the table
    also_through_table = _make("gixlint._probe", monkeypatch)          # made from the kept code
    assert dataclasscache._table == compiled and dataclasscache._fresh == len(compiled)
    monkeypatch.delattr(dataclasses, "exec")
    plain = _make("gixlint._probe", monkeypatch)
    for cls in (through_table, also_through_table):
        assert cls.__init__.__annotations__ == plain.__init__.__annotations__ == {
            "row": str, "value": int | None, "notes": list, "return": None}
        a, b = cls("自然人", 3), cls("自然人", 3, ["x"])
        assert a == b and hash(a) == hash(b) and cls("法人", 1) < a
        assert repr(a) == repr(plain("自然人", 3))
        with pytest.raises(dataclasses.FrozenInstanceError):
            a.row = "法人"
        assert sorted(cls.__dict__) == sorted(plain.__dict__)


def test_other_programs_classes_are_left_to_python(monkeypatch):
    """A plugin's or a host program's dataclasses get Python's own exec: nothing of theirs is
    kept, nor written to the user's cache folder."""
    assert dataclasscache.install()
    monkeypatch.setattr(dataclasscache, "_table", {})
    monkeypatch.setattr(dataclasscache, "_fresh", 0)
    theirs = _make("gixlint_example_office.kinds", monkeypatch)
    assert theirs("自然人", 3) == theirs("自然人", 3) and dataclasscache._table == {}
    assert dataclasscache._fresh == 0 and dataclasscache.keep() is False


def test_texts_no_class_makes_any_more_are_let_go_past_the_limit(tmp_path):
    """Upgrades change classes, and their old texts would stay in the table for good: past
    ``MOST`` texts, a run that writes the table keeps only the texts it used."""
    env = {**os.environ, "GIXLINT_CACHE_DIR": str(tmp_path)}
    assert _run(env).returncode == 1
    kept, used = _table(tmp_path)
    few = {f"x = {i}": compile(f"x = {i}", "<string>", "exec", dont_inherit=True) for i in range(10)}
    kept.write_bytes(marshal.dumps(few))                   # under the limit: old texts stay
    assert _run(env).returncode == 1
    assert _table(tmp_path)[1].keys() == few.keys() | used.keys()
    many = {f"x = {i}": compile(f"x = {i}", "<string>", "exec", dont_inherit=True)
            for i in range(dataclasscache.MOST + 1)}
    kept.write_bytes(marshal.dumps(many))                  # past it: only this run's texts
    assert _run(env).returncode == 1
    assert _table(tmp_path)[1].keys() == used.keys()
