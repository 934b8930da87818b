"""The command line as users run it: exit codes, JSON schema, stdout only for machine output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gixlint.cli import main
from gixlint.testing import render

ARGS = ["--today", "2026-11-23", "--no-plugins"]


@pytest.fixture
def reports(tmp_path, spec):
    (tmp_path / "clean.txt").write_text(render(spec).text, encoding="utf-8")
    spec.other_matters = ["无"]
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "no-fee.txt").write_text(render(spec, "blank-lines").text, encoding="gb18030")
    (sub / "ignored.docx.bak").write_text("x", encoding="utf-8")
    return tmp_path


def test_exit_codes(reports, capsys):
    assert main([str(reports / "clean.txt"), *ARGS]) == 0
    assert main([str(reports), *ARGS]) == 1
    assert main([str(reports), *ARGS, "--fail-on", "never"]) == 0
    assert main([str(reports), *ARGS, "--ignore", "fee"]) == 0
    assert main([str(reports / "nope.txt"), *ARGS]) == 2
    assert main(["--format", "yaml", str(reports)]) == 2
    capsys.readouterr()


def test_json_schema(reports, capsys):
    assert main([str(reports), "--format", "json", *ARGS]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["version"] == 1
    paths = [f["path"] for f in data["files"]]
    assert len(paths) == 2 and paths[0].endswith("clean.txt")
    [bad] = [f for f in data["files"] if f["findings"]]
    assert bad["agency"] == "示例市示例区生态环境局" and bad["year"] == 2024
    finding = next(f for f in bad["findings"] if f["rule"] == "GIX401")
    for key in ("rule", "name", "category", "severity", "message", "line", "section", "table", "row", "column",
                "expected", "actual"):
        assert key in finding
    assert finding["severity"] == "error" and finding["section"] == "六、其他需要报告的事项"
    assert data["summary"]["files"] == 2 and data["summary"]["error"] == 1


def test_balance_finding_in_json(tmp_path, spec, capsys):
    spec.t3["total"][6] = int(spec.t3["total"][6]) + 5
    path = tmp_path / "r.txt"
    path.write_text(render(spec).text, encoding="utf-8")
    main([str(path), "--format", "json", "--select", "balance", *ARGS])
    findings = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    f = next(f for f in findings if f["rule"] == "GIX302")
    assert (f["table"], f["row"], f["column"], f["row_label"]) == ("t3", "total", "total", "（七）总计")
    assert f["actual"] - f["expected"] == 5
    assert len(f["operands"]) == 22 and all({"key", "line", "raw", "value"} <= o.keys() for o in f["operands"])


def test_text_output_names_place_and_numbers(tmp_path, spec, capsys):
    spec.t3["granted"][0] = int(spec.t3["granted"][0]) + 1
    path = tmp_path / "r.txt"
    path.write_text(render(spec).text, encoding="utf-8")
    main([str(path), "--select", "GIX301", *ARGS])
    out = capsys.readouterr().out
    assert "GIX301" in out and "表三" in out and "予以公开" in out and "错误" in out
    assert "检查了 1 个文件" in out


def test_parse_command_text(tmp_path, spec, capsys):
    path = tmp_path / "r.txt"
    path.write_text(render(spec).text, encoding="utf-8")
    assert main(["parse", str(path)]) == 0
    out = capsys.readouterr().out
    assert "第三部分" in out and "carried_forward" in out


def test_rules_command_lists_every_rule(capsys):
    assert main(["rules", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"GIX101", "GIX301", "GIX401", "GIX506"} <= {r["id"] for r in rows}


def test_bad_rule_pack_is_exit_2_with_file_line(tmp_path, reports, capsys):
    pack = tmp_path / "office.toml"
    pack.write_text('[[rule]]\nid = "ABC101"\nname = "x"\ncategory = "fee"\nseverity = "error"\n'
                    'kind = "identity"\nmessage = "m"\nformula = "t3.totl.total == 1"\n', encoding="utf-8")
    assert main([str(reports), "--rules", str(pack), *ARGS]) == 2
    err = capsys.readouterr().err
    assert f"{pack}:8" in err.replace("\n", "") and "totl" in err


def test_module_entry_point_keeps_stdout_clean(reports):
    proc = subprocess.run([sys.executable, "-m", "gixlint", str(reports), "--format", "json", *ARGS],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 1
    json.loads(proc.stdout)  # nothing but JSON on stdout


def test_parallel_jobs_give_the_same_results(reports, capsys):
    outputs = []
    for jobs in ("1", "2"):
        main([str(reports), "--format", "json", "--jobs", jobs, *ARGS])
        outputs.append(json.loads(capsys.readouterr().out))
    assert outputs[0] == outputs[1]


def test_version_and_empty_folder(tmp_path, capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("gixlint ")
    assert main([str(tmp_path), *ARGS]) == 0
    assert "没有找到可检查的报告文件" in capsys.readouterr().err


def test_csv_for_spreadsheets(reports, capsys):
    import csv
    import io

    assert main([str(reports), "--format", "csv", *ARGS]) == 1
    text = capsys.readouterr().out
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    fee = next(r for r in rows if r["rule"] == "GIX401")
    assert fee["agency"] == "示例市示例区生态环境局" and fee["year"] == "2024" and fee["severity"] == "error"
    assert fee["section"] == "六、其他需要报告的事项" and fee["path"].endswith("no-fee.txt")


def test_supervisor_overview(tmp_path, spec, capsys):
    from gixlint.testing import render as draw

    (tmp_path / "a.txt").write_text(draw(spec).text, encoding="utf-8")
    spec.agency, spec.signoff, spec.other_matters = "示例县乙局", "2025年2月20日", ["无"]
    spec.t3["granted"][6] = int(spec.t3["granted"][6]) + 1
    (tmp_path / "b.txt").write_text(draw(spec).text, encoding="utf-8")
    main([str(tmp_path), "--format", "json", *ARGS])
    o = json.loads(capsys.readouterr().out)["summary"]["overview"]
    assert (o["reports"], o["balanced"], o["fee_statement"], o["on_time"], o["dated"]) == (2, 1, 1, 1, 2)
    assert o["balance_unchecked"] == 0
    main([str(tmp_path), *ARGS])
    out = capsys.readouterr().out
    assert "汇总：2 份报告" in out and "无法核对" not in out
    main([str(tmp_path), "--format", "json", *ARGS])
    data = json.loads(capsys.readouterr().out)
    ranked = list(data["summary"]["files_by_rule"])
    severity = {x["rule"]: x["severity"] for f in data["files"] for x in f["findings"]}
    assert data["summary"]["files_by_rule"]["GIX401"] == 1 and severity[ranked[0]] == "error"
    assert [severity[r] for r in ranked] == sorted((severity[r] for r in ranked),
                                                   key=["error", "warning", "info"].index)
    main([str(tmp_path), *ARGS])
    assert "最需关注：GIX" in capsys.readouterr().out
    # balanced means every identity checked and held: not with only some identity rules run, nor
    # for a report without table 三, nor one whose identities could not be checked
    for options in (["--select", "GIX305"], ["--ignore", "GIX301"]):
        main([str(tmp_path), "--format", "json", *options, *ARGS])
        assert json.loads(capsys.readouterr().out)["summary"]["overview"]["balanced"] is None
    spec.t3["granted"][6] = int(spec.t3["granted"][6]) - 1
    spec.omit_sections = {3}
    (tmp_path / "b.txt").write_text(draw(spec).text, encoding="utf-8")
    spec.omit_sections = set()
    spec.t3["granted"][0] = "/"
    (tmp_path / "c.txt").write_text(draw(spec).text, encoding="utf-8")
    main([str(tmp_path), "--format", "json", *ARGS])
    o = json.loads(capsys.readouterr().out)["summary"]["overview"]
    # b has no table 三: not counted as unbalanced without saying so, but as not checkable
    assert (o["balanced"], o["balance_unchecked"]) == (1, 1)
    main([str(tmp_path), *ARGS])
    assert "表格勾稽平衡 1/3（1 份的表三、表四未能完整读出，无法核对）" in capsys.readouterr().out
    # a count whose rule did not run is unknown, not a false all-clear
    main([str(tmp_path), "--format", "json", "--select", "balance", *ARGS])
    o = json.loads(capsys.readouterr().out)["summary"]["overview"]
    assert (o["balanced"], o["fee_statement"], o["on_time"]) == (1, None, None)
    main([str(tmp_path), "--select", "balance", *ARGS])
    out = capsys.readouterr().out
    assert "表格勾稽平衡 1/3" in out and "信息处理费" not in out and "按时发布" not in out


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads through Linux's /proc")
def test_a_run_starts_no_numpy_threads():
    """numpy's OpenBLAS would start a thread per core when a run imports it (for matrix work
    gixlint never does), each competing with the workers; a user's own setting is kept."""
    code = ("import os, sys; from gixlint.cli import main; main(['--version']); import numpy; "
            "print(os.environ.get('OPENBLAS_NUM_THREADS'), len(os.listdir('/proc/self/task')))")
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.split()[-2:] == ["1", "1"]
    kept = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**env, "OPENBLAS_NUM_THREADS": "2"})
    assert kept.stdout.split()[-2] == "2"
