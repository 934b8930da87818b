"""Issue #10 item 2: the conventions of ruff-like linters, tried from the command line on
folders generated here — per-file configuration, exclude/include globs, -q, --statistics,
--color with NO_COLOR, and --jobs on every core by default."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest

from gixlint.cli import main
from gixlint.testing import random_spec, render
from gixlint.testing.generate import random_narrative

ARGS = ["--today", "2026-11-23", "--no-progress", "--no-cache"]


def _write(folder: Path, name: str, seed: int, unbalanced: bool = False) -> Path:
    spec = random_spec(random.Random(seed))
    spec.agency = f"示例县第{seed}局"
    random_narrative(spec, random.Random(seed * 7 + 1))     # each report in its own words
    if unbalanced:
        spec.t3["granted"][6] = int(spec.t3["granted"][6]) + 1
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(render(spec).text, encoding="utf-8")
    return path


@pytest.fixture
def region(tmp_path, monkeypatch):
    """A region's folder with its own gixlint.toml, a folder without one, and a working folder elsewhere."""
    region = tmp_path / "某市"
    _write(region / "甲县", "bad.txt", 1, unbalanced=True)
    _write(region / "乙县", "good.txt", 2)
    _write(tmp_path / "外地", "bad.txt", 3, unbalanced=True)
    (region / "gixlint.toml").write_text('ignore = ["GIX301", "GIX302"]\n', encoding="utf-8")
    elsewhere = tmp_path / "办公室"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    return tmp_path


def _json(capsys, argv):
    code = main([*argv, "--format", "json", *ARGS])
    out = capsys.readouterr()
    return code, json.loads(out.out), out.err


def _by_name(data) -> dict[str, set[str]]:
    return {"/".join(Path(f["path"]).parts[-3:]): {x["rule"] for x in f["findings"]} for f in data["files"]}


# -- configuration per checked file ----------------------------------------------------------------

def test_region_config_applies_when_run_from_elsewhere(region, capsys):
    code, data, err = _json(capsys, [str(region / "某市"), str(region / "外地")])
    found = _by_name(data)
    assert "GIX301" not in found["某市/甲县/bad.txt"]          # the region's gixlint.toml applied
    assert "GIX301" in found[f"{region.name}/外地/bad.txt"]      # no config above it
    used = data["config_used"]
    assert used["path"] == str(region / "某市" / "gixlint.toml") and used["found_by"] == "search"
    assert used["inside_checked_folder"] is True and "ignore" in used["changes"]
    assert "gixlint.toml" in err and "--isolated" in err        # an in-tree config that changes checks is named
    assert code == 1                                              # 外地/bad.txt still fails


def test_each_folder_its_own_config(region, capsys):
    (region / "外地" / "gixlint.toml").write_text('fail-on = "never"\n', encoding="utf-8")
    code, data, _ = _json(capsys, [str(region / "某市"), str(region / "外地")])
    assert isinstance(data["config_used"], list) and len(data["config_used"]) == 2
    assert "GIX301" in _by_name(data)[f"{region.name}/外地/bad.txt"]
    assert code == 0                       # each file fails by its own configuration's fail-on


def test_config_option_overrides_and_isolated_ignores(region, capsys):
    other = region / "办公室" / "all.toml"
    other.write_text('ignore = ["GIX4"]\n', encoding="utf-8")
    _, data, _ = _json(capsys, [str(region / "某市"), "--config", str(other)])
    assert "GIX301" in _by_name(data)["某市/甲县/bad.txt"] and data["config_used"]["found_by"] == "--config"
    _, data, _ = _json(capsys, [str(region / "某市"), "--isolated"])
    assert "GIX301" in _by_name(data)["某市/甲县/bad.txt"] and data["config_used"] is None


def test_per_file_config_runs_no_plugin_code_unless_allowed(region, capsys):
    marker = region / "marker"
    county = region / "某市" / "甲县"
    (county / "evil.py").write_text(f"from pathlib import Path\nPath({str(marker)!r}).write_text('ran')\n",
                                    encoding="utf-8")
    (county / "gixlint.toml").write_text('plugins = ["evil.py"]\n', encoding="utf-8")
    _, data, err = _json(capsys, [str(region / "某市")])
    assert not marker.exists() and "--allow-local-plugins" in err
    refused = [u for u in data["config_used"] if u["plugins_refused"]]
    assert refused[0]["plugins_refused"] == [str(county / "evil.py")]
    _json(capsys, [str(region / "某市"), "--allow-local-plugins", "--no-plugins"])
    assert not marker.exists()
    _json(capsys, [str(region / "某市"), "--allow-local-plugins"])
    assert marker.exists()


def test_broken_config_in_the_tree_is_exit_2(region, capsys):
    (region / "某市" / "乙县" / "gixlint.toml").write_text('ignroe = ["GIX1"]\n', encoding="utf-8")
    assert main([str(region / "某市"), *ARGS]) == 2
    assert "ignroe" in capsys.readouterr().err


# -- exclude and include -----------------------------------------------------------------------------

def test_exclude_from_config_and_command_line(region, capsys):
    (region / "某市" / "gixlint.toml").write_text('extend-exclude = ["草稿/"]\n', encoding="utf-8")
    _write(region / "某市" / "甲县" / "草稿", "draft.txt", 4)
    _write(region / "某市" / "__MACOSX", "._bad.txt", 5)        # default exclusion
    _, data, err = _json(capsys, [str(region / "某市")])
    names = set(_by_name(data))
    assert names == {"某市/甲县/bad.txt", "某市/乙县/good.txt"}
    assert "extend-exclude" in err                               # it changes what is checked: named
    _, data, _ = _json(capsys, [str(region / "某市"), "--extend-exclude", "乙县"])
    assert set(_by_name(data)) == {"某市/甲县/bad.txt"}
    _, data, _ = _json(capsys, [str(region / "某市"), "--exclude", "bad.txt"])   # replaces the defaults
    assert set(_by_name(data)) == {"某市/__MACOSX/._bad.txt", "某市/乙县/good.txt"}   # the config's extend still applies
    draft = region / "某市" / "甲县" / "草稿" / "draft.txt"
    _, data, _ = _json(capsys, [str(draft)])                                  # named: checked anyway
    assert len(data["files"]) == 1
    code, data, _ = _json(capsys, [str(draft), "--force-exclude"])
    assert data["files"] == [] and code == 0


def test_include_globs(region, capsys):
    _write(region / "某市" / "甲县", "bad.report", 6)
    (region / "某市" / "gixlint.toml").write_text('include = ["*.report"]\n', encoding="utf-8")
    _, data, _ = _json(capsys, [str(region / "某市")])
    assert set(_by_name(data)) == {"某市/甲县/bad.report"}
    (region / "某市" / "gixlint.toml").write_text('extend-include = ["*.report"]\n', encoding="utf-8")
    _, data, _ = _json(capsys, [str(region / "某市")])
    assert len(data["files"]) == 3
    _, data, _ = _json(capsys, [str(region / "某市"), "--include", "good*"])   # and the config's extend stays
    assert set(_by_name(data)) == {"某市/乙县/good.txt", "某市/甲县/bad.report"}


# -- what is shown ---------------------------------------------------------------------------------

def test_quiet_prints_findings_only(region, capsys):
    code = main([str(region / "外地"), str(region / "某市"), "-q", "--isolated", *ARGS])
    out = capsys.readouterr()
    assert code == 1 and "GIX301" in out.out
    assert "检查了" not in out.out and "汇总" not in out.out and out.err == ""


def test_statistics_text_and_json(region, capsys):
    code = main([str(region / "外地"), str(region / "某市"), "--isolated", "--statistics", *ARGS])
    out = capsys.readouterr().out
    first = out.splitlines()[0].split()
    assert code == 1 and "L" not in out.split("GIX301")[0]      # counts, not findings
    assert first[0].isdigit() and first[1][:3].isalpha()
    line = next(x for x in out.splitlines() if " GIX301 " in x)
    assert line.split()[0] == "2" and "t3-row-total" in line and "2 个文件" in line
    main([str(region / "外地"), str(region / "某市"), "--isolated", "--statistics", "--format", "json", *ARGS])
    rows = json.loads(capsys.readouterr().out)
    assert {"rule": "GIX301", "name": "t3-row-total", "severity": "error", "count": 2, "files": 2} in rows


@pytest.mark.parametrize("color, env, ansi", [
    ("always", {}, True), ("always", {"NO_COLOR": "1"}, True), ("never", {"FORCE_COLOR": "1"}, False),
    ("auto", {"FORCE_COLOR": "1"}, True), ("auto", {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
])
def test_color(region, capsys, monkeypatch, color, env, ansi):
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    main([str(region / "外地"), "--color", color, *ARGS])
    assert ("\x1b[" in capsys.readouterr().out) is ansi


def test_jobs_default_all_cores(region, capsys, monkeypatch):
    from gixlint.cli import checking

    seen = []
    real = checking.lint_files
    monkeypatch.setattr(checking, "lint_files", lambda linter, files, jobs, *a, **k: seen.append(jobs) or
                        real(linter, files, 1, *a, **k))
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    main([str(region / "某市"), "--isolated", *ARGS])
    assert seen == [1]                      # two files: not worth starting processes
    monkeypatch.setattr(checking, "SERIAL_BELOW", 2)
    main([str(region / "某市"), "--isolated", *ARGS])
    assert seen == [1, 2]                   # enough files: every core
    capsys.readouterr()


@pytest.mark.parametrize("columns", [60, 120])
def test_help_is_wrapped_to_the_terminal_width(capsys, monkeypatch, columns):
    """Help follows $COLUMNS (the terminal's width) as argparse's own does, less two."""
    monkeypatch.setenv("COLUMNS", str(columns))
    try:
        main(["--help"])
    except SystemExit:
        pass
    lines = capsys.readouterr().out.splitlines()
    assert max(len(line) for line in lines) <= columns - 2
    assert max(len(line) for line in lines) > columns - 20       # and uses the width it has
