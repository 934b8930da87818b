"""Issue #14: a downloaded folder must never run code, silence the checks, or steer the user's
terminal or spreadsheet. Each test builds the hostile folder a sender could make, and shows
that a good report in the same folder is still checked."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import sys
import time
from pathlib import Path

import pytest

from gixlint.cli import main
from gixlint.testing import random_spec, render
from gixlint.testing.generate import random_narrative

ARGS = ["--today", "2026-11-23", "--no-progress"]


def _report(spec) -> str:
    return render(spec).text


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A downloaded folder: a good report and one whose table three does not add up; cwd is the folder."""
    folder = tmp_path / "下载" / "某县网站"
    folder.mkdir(parents=True)
    spec = random_spec(random.Random(14))
    (folder / "good.txt").write_text(_report(spec), encoding="utf-8")
    spec.agency = "示例县不平衡局"
    spec.t3["granted"][6] = int(spec.t3["granted"][6]) + 1
    random_narrative(spec, random.Random(41))       # its own words, not a copy of good.txt's (GIX910)
    (folder / "bad.txt").write_text(_report(spec), encoding="utf-8")
    monkeypatch.chdir(folder)
    return folder


def _json(capsys, argv):
    code = main([*argv, "--format", "json", *ARGS])
    out = capsys.readouterr()
    return code, json.loads(out.out), out.err


def _rules(data) -> dict[str, set[str]]:
    return {Path(f["path"]).name: {x["rule"] for x in f["findings"]} for f in data["files"]}


# -- 1. trust is explicit ------------------------------------------------------------------------

EVIL = """
from pathlib import Path
Path({marker!r}).write_text("ran")
"""


def _hostile_config(site: Path, marker: Path) -> None:
    (site / "evil.py").write_text(EVIL.format(marker=str(marker)), encoding="utf-8")
    (site / "gixlint.toml").write_text('plugins = ["evil.py"]\nignore = ["GIX"]\nfail-on = "never"\n',
                                       encoding="utf-8")


def test_config_in_folder_runs_no_code_and_is_named(site, tmp_path, capsys):
    marker = tmp_path / "marker"
    _hostile_config(site, marker)
    code, data, err = _json(capsys, ["."])
    assert not marker.exists()                              # the plugin did not run
    assert "evil.py" in err and "--allow-local-plugins" in err
    assert "gixlint.toml" in err and "--isolated" in err and "ignore" in err and "fail-on" in err
    used = data["config_used"]
    assert used["path"] == str(site / "gixlint.toml") and used["found_by"] == "search"
    assert used["inside_checked_folder"] is True
    assert {"ignore", "fail-on", "plugins"} <= set(used["changes"])
    assert used["plugins_refused"] == [str(site / "evil.py")] and used["plugins_run"] == []
    assert code == 0        # the config still applies — but the user has been told which file did it

    # --isolated: no config at all; the bad report is checked and fails the run
    code, data, err = _json(capsys, [".", "--isolated"])
    assert not marker.exists() and data["config_used"] is None
    assert "GIX301" not in _rules(data)["good.txt"] and "GIX301" in _rules(data)["bad.txt"]
    assert code == 1


def test_local_plugins_run_only_when_trusted(site, tmp_path, capsys):
    marker = tmp_path / "marker"
    _hostile_config(site, marker)
    for argv in ([".", "--no-plugins"], [".", "--config", "gixlint.toml", "--no-plugins"],
                 [".", "--allow-local-plugins", "--no-plugins"]):
        _json(capsys, argv)
        assert not marker.exists(), argv                    # never under --no-plugins
    _json(capsys, [".", "--config", "gixlint.toml"])
    assert marker.exists()                                  # named by the user: trusted
    marker.unlink()
    _, data, _ = _json(capsys, [".", "--allow-local-plugins"])
    assert marker.exists() and data["config_used"]["plugins_run"] == [str(site / "evil.py")]
    assert main([".", "--isolated", "--config", "gixlint.toml", *ARGS]) == 2
    assert "--isolated" in capsys.readouterr().err


def test_config_outside_the_checked_folder_is_not_announced(site, capsys, monkeypatch):
    office = site.parent
    (office / "gixlint.toml").write_text('ignore = ["GIX402"]\n', encoding="utf-8")
    monkeypatch.chdir(office)
    code, data, err = _json(capsys, ["某县网站", "--no-plugins"])
    assert "--isolated" not in err and data["config_used"]["inside_checked_folder"] is False
    assert "GIX301" in _rules(data)["bad.txt"] and code == 1


def test_pack_needing_a_refused_plugin_is_skipped_not_fatal(site, tmp_path, capsys):
    (site / "kinds.py").write_text("raise SystemExit(0)\n", encoding="utf-8")
    (site / "evil.toml").write_text('[[rule]]\nid = "EVL101"\nname = "evil"\ncategory = "x"\nseverity = "info"\n'
                                    'kind = "evil-kind"\nmessage = "m"\n', encoding="utf-8")
    (site / "gixlint.toml").write_text('plugins = ["kinds.py"]\nrules = ["evil.toml"]\n', encoding="utf-8")
    code, data, err = _json(capsys, [".", "--no-plugins"])
    assert "evil.toml" in err and "GIX301" in _rules(data)["bad.txt"] and code == 1


# -- 2. plugins are bounded ----------------------------------------------------------------------

PLUGIN = """
import sys, time
from gixlint import hookimpl
from gixlint.lint.kinds import CheckKind, Hit

def exits(rule, report, context):
    sys.exit(0)
    yield

def interrupts(rule, report, context):
    raise KeyboardInterrupt
    yield

def hangs(rule, report, context):
    time.sleep(60)
    yield Hit(line=1)

def floods(rule, report, context):
    while True:
        yield Hit(line=1)

@hookimpl
def gixlint_check_kinds():
    return [CheckKind(n, f, {}) for n, f in
            (("exits", exits), ("interrupts", interrupts), ("hangs", hangs), ("floods", floods))]
"""


def _rule(rule_id: str, kind: str) -> str:
    return (f'[[rule]]\nid = "{rule_id}"\nname = "{kind}-rule"\ncategory = "hostile"\nseverity = "info"\n'
            f'kind = "{kind}"\nmessage = "第 {{line}} 行"\n\n')


def test_plugin_that_exits_hangs_or_floods_is_a_finding(site, capsys):
    (site / "hostile.py").write_text(PLUGIN, encoding="utf-8")
    (site / "exits_on_import.py").write_text("import sys\nsys.exit(3)\n", encoding="utf-8")
    (site / "hostile.toml").write_text("".join(_rule(f"HOS10{i}", k) for i, k in
                                               enumerate(("exits", "interrupts", "hangs", "floods"), 1)),
                                       encoding="utf-8")
    (site / "cfg.toml").write_text('plugins = ["hostile.py", "exits_on_import.py"]\nrules = ["hostile.toml"]\n'
                                   'select = ["HOS", "balance"]\n', encoding="utf-8")
    start = time.monotonic()
    code, data, err = _json(capsys, [".", "--config", "cfg.toml", "--rule-timeout", "0.5"])
    elapsed = time.monotonic() - start
    assert elapsed < 8                                      # one timeout, then the rule is left out
    assert "exits_on_import" in err and "sys.exit" in err   # a plugin that exits on import is named
    assert code == 1
    for f in data["files"]:
        by_rule: dict[str, list[dict]] = {}
        for x in f["findings"]:
            by_rule.setdefault(x["rule"], []).append(x)
        assert "sys.exit" in by_rule["HOS101"][0]["message"] and "hostile" in by_rule["HOS101"][0]["message"]
        assert "「exits」" in by_rule["HOS101"][0]["message"]
        assert "KeyboardInterrupt" in by_rule["HOS102"][0]["message"]
        assert len(by_rule["HOS103"]) == 1 and by_rule["HOS103"][0]["severity"] == "error"
        assert len(by_rule["HOS104"]) == 201                # 200 hits and one saying the rest were left out
        assert sum("超过 200 处" in x["message"] for x in by_rule["HOS104"]) == 1
    hang = {Path(f["path"]).name: f for f in data["files"]}
    first, second = sorted(hang)                            # bad.txt, then good.txt
    assert "超过 0.5 秒" in next(x for x in hang[first]["findings"] if x["rule"] == "HOS103")["message"]
    assert "超时" in next(x for x in hang[second]["findings"] if x["rule"] == "HOS103")["message"]
    assert "GIX301" in _rules(data)["bad.txt"] and "GIX301" not in _rules(data)["good.txt"]


def test_users_own_ctrl_c_still_stops_a_rule():
    import signal

    from gixlint.lint import bounds

    def produce():
        os.kill(os.getpid(), signal.SIGINT)     # as the terminal sends it
        time.sleep(5)
        yield 1

    with pytest.raises(KeyboardInterrupt):
        bounds.run(produce, lambda x: x, bounds.Limits(seconds=3))
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


# -- 3. output is inert --------------------------------------------------------------------------

FORMULA = '=HYPERLINK("http://evil.example/","点此")示例县教育局'


def test_formula_in_agency_name_is_text_in_csv_and_xlsx(site, tmp_path, capsys):
    spec = random_spec(random.Random(15))
    spec.agency = FORMULA
    spec.t3["granted"][6] = int(spec.t3["granted"][6]) + 1       # so the report has findings
    (site / "evil.txt").write_text(_report(spec), encoding="utf-8")
    assert main([".", "--format", "csv", "--isolated", *ARGS]) == 1
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
    agencies = {r["agency"] for r in rows}
    assert "'" + FORMULA in agencies and FORMULA not in agencies
    assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for v in r.values())
    assert any(r["path"].endswith("bad.txt") and r["rule"] == "GIX301" for r in rows)   # still checked

    from openpyxl import load_workbook

    out = tmp_path / "问题.xlsx"
    main([".", "--format", f"xlsx={out}", "--isolated", *ARGS])
    capsys.readouterr()
    cells = [c.value for ws in load_workbook(out) for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "'" + FORMULA in cells and not any(c.startswith("=") for c in cells)


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1"])
def test_every_owasp_trigger_is_neutralised(value):
    from gixlint.report.inert import inert

    assert inert(value) == "'" + value and inert("示例县教育局") == "示例县教育局" and inert(-2) == -2


ESCAPES = "示例县\x1b]0;已被接管\x07\x1b[2J\x9b31m\u202e教育局"


def test_terminal_escapes_in_a_title_are_shown_not_obeyed(site, capsys):
    spec = random_spec(random.Random(16))
    spec.agency = ESCAPES
    (site / "escapes.txt").write_text(_report(spec), encoding="utf-8")
    main([".", "--isolated", "--show-clean", *ARGS])
    out = capsys.readouterr().out
    assert "␛]0;已被接管" in out and "␛[2J" in out and "\x1b" not in out and "\x9b" not in out and "\u202e" not in out
    assert "GIX301" in out                                           # the bad report beside it is checked

    main(["parse", "escapes.txt"])
    out = capsys.readouterr().out
    assert "␛" in out and "\x1b" not in out and "\x07" not in out and "\x9b" not in out

    # JSON stays exact: the same characters come back when read, but none is a raw control byte
    for argv in (["parse", "escapes.txt", "--format", "json"], [".", "--isolated", "--format", "json", *ARGS]):
        main(argv)
        raw = capsys.readouterr().out
        assert not any(ch in raw for ch in "\x1b\x07\x9b\u202e")
        data = json.loads(raw)
        agency = data["meta"]["agency"] if "meta" in data else next(
            f["agency"] for f in data["files"] if f["path"].endswith("escapes.txt"))
        assert agency == ESCAPES


def test_rich_styling_still_reaches_a_terminal():
    from rich.console import Console
    from rich.text import Text

    from gixlint.report.inert import SafeConsole

    buffer = io.StringIO()
    SafeConsole(Console(file=buffer, force_terminal=True, color_system="standard")).print(
        Text("错误", style="red") + Text(ESCAPES))
    out = buffer.getvalue()
    assert "\x1b[31m" in out and "已被接管" in out and "]0;" not in out.replace("␛]0;", "")


# -- 4. collection stays in the tree --------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX named pipes and symlinks")
def test_links_pipes_and_loops_are_noted_and_never_block(site, tmp_path, capsys, monkeypatch):
    outside = tmp_path / "别处"
    outside.mkdir()
    (outside / "secret.txt").write_text(_report(random_spec(random.Random(17))), encoding="utf-8")
    (site / "leak.txt").symlink_to(outside / "secret.txt")
    (site / "leakdir").symlink_to(outside, target_is_directory=True)
    (site / "inside.txt").symlink_to(site / "good.txt")          # the same report: checked once
    os.mkfifo(site / "pipe.txt")
    (site / "sub").mkdir()
    (site / "sub" / "loop").symlink_to(site, target_is_directory=True)
    (site / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (site / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, data, err = _json(capsys, [".", "--isolated"])
    names = sorted(Path(f["path"]).name for f in data["files"])
    assert names == ["bad.txt", "good.txt"] and code == 1
    lines = err.splitlines()
    for name, why in (("leak.txt", "以外"), ("leakdir", "以外"), ("pipe.txt", "命名管道"), ("loop", "循环"),
                      ("dangling.txt", "不存在"), ("locked", "无法打开文件夹")):
        assert sum(name in line and why in line for line in lines) == 1, (name, err)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX named pipes")
def test_a_pipe_named_on_the_command_line_does_not_block(site):
    import subprocess

    os.mkfifo(site / "pipe.txt")
    for argv in (["parse", "pipe.txt"], ["pipe.txt", "good.txt", "--isolated", *ARGS]):
        done = subprocess.run([sys.executable, "-m", "gixlint", *argv], cwd=site, capture_output=True, text=True,
                              timeout=60)
        assert "命名管道" in done.stderr or "不是普通文件" in done.stderr
    assert "good.txt" in done.stdout or done.returncode == 0     # the good report beside it was checked
