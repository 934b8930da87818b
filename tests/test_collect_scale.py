"""Finding the files of a big folder (#11): the work per file is a name, not a path resolved
again and again (a supervisor's 100,000 reports, often outside the current folder)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gixlint.cli.collect import _once, collect
from gixlint.cli.configs import Lookup
from gixlint.cli.scope import Names, Scope, _relative, globs


@pytest.fixture
def region(tmp_path):
    root = tmp_path / "region"
    for county in ("甲县", "乙县", "草稿"):
        (root / county).mkdir(parents=True)
        for i in range(30):
            (root / county / f"{i:02d}.txt").write_text("x", encoding="utf-8")
    (root / "gixlint.toml").write_text('extend-exclude = ["草稿/"]\n', encoding="utf-8")
    (root / "甲县" / "链接.txt").symlink_to(root / "乙县" / "00.txt")      # the same file twice
    return root


def _resolves(monkeypatch) -> list:
    calls: list = []
    real = Path.resolve
    monkeypatch.setattr(Path, "resolve", lambda self, strict=False: calls.append(self) or real(self, strict))
    return calls


def test_a_folder_of_files_is_resolved_folder_by_folder(region, tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere"          # the run starts outside the folder, as a supervisor's does
    elsewhere.mkdir()
    lookup = Lookup(None, elsewhere, False, {})
    scope = Scope(lookup.config_for, elsewhere)
    calls = _resolves(monkeypatch)
    found = collect([region], scope)
    lookup.groups(found.files)
    assert len(calls) < 30                      # 90 files: not one resolve (or more) each
    names = [f.relative_to(region).as_posix() for f in found.files]
    assert names == [f"乙县/{i:02d}.txt" for i in range(30)] + [f"甲县/{i:02d}.txt" for i in range(30)]


def test_each_file_once_as_resolving_each_would_say(region):
    files = sorted(region.rglob("*.txt")) + [region / "甲县" / ".." / "乙县" / "01.txt"]
    by_resolving: dict[str, Path] = {}
    for f in files:
        by_resolving.setdefault(str(f.resolve()), f)
    assert _once(files) == list(by_resolving.values())
    assert region / "甲县" / "链接.txt" not in _once(files)        # the link leads to 乙县/00.txt


@pytest.mark.parametrize("start", ["inside", "outside"])
def test_globs_see_a_file_as_its_folder_and_name(region, tmp_path, start, monkeypatch):
    cwd = region if start == "inside" else tmp_path
    monkeypatch.chdir(cwd)
    scope = Scope(lambda folder: None, cwd)
    for f in sorted(region.rglob("*.txt")):
        if not f.is_symlink():
            assert scope._file(f)[1] == _relative(f, scope.cwd)
    named = Path(os.path.relpath(region / "甲县" / "01.txt", cwd))       # as typed: relative to here
    assert scope._file(named)[1] == _relative(named, scope.cwd) == _relative(region / "甲县" / "01.txt", scope.cwd)


NAMES = [".git", "node_modules", "__MACOSX", "草稿", "venv"]
PARTS = [*NAMES, "x.git", "node_modules2", "草稿箱", "reports", "a", ".hidden"]   # as _relative writes paths


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(NAMES), max_size=4), st.lists(st.sampled_from(PARTS), min_size=1, max_size=5),
       st.booleans())
def test_bare_names_match_as_gitignore_does(patterns, parts, folder):
    """Bare names are matched by set lookups; pathspec's gitignore reading is the reference."""
    import pathspec

    path = "/".join(parts) + ("/" if folder else "")
    fast = globs(patterns)
    assert isinstance(fast, Names)
    reference = pathspec.GitIgnoreSpec.from_lines(patterns)
    assert fast.match_file(path) == reference.match_file(path), path
    assert fast.match_file("./") == reference.match_file("./")          # the searched folder itself


def test_globs_beyond_bare_names_go_to_pathspec():
    for pattern in ("*.tmp", "草稿/", "/top", "!keep", "a?", "[ab]", "\\#x", " x", "x ", ".", "..", "#c", ""):
        assert not isinstance(globs([".git", pattern]), Names), pattern


def test_a_run_with_the_default_excludes_imports_no_pathspec(tmp_path):
    (tmp_path / "r.txt").write_text("x", encoding="utf-8")
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "skip.txt").write_text("x", encoding="utf-8")
    code = ("import sys; from pathlib import Path; from gixlint.cli.collect import collect; "
            "from gixlint.cli.scope import Scope; "
            f"found = collect([Path({str(tmp_path)!r})], Scope(lambda p: None, Path.cwd())).files; "
            "print([p.name for p in found], 'pathspec' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['r.txt'] False"
