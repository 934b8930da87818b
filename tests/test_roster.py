"""A supervisor's roster: who has not published, who is not on the list, and local deadlines."""

from __future__ import annotations

import json
import random

import pytest

from gixlint.cli import main
from gixlint.corpus.roster import load
from gixlint.testing import random_spec, render

ARGS = ["--today", "2026-11-23", "--no-plugins", "--no-progress", "--format", "json"]
ROSTER = ("机关名称,类型,发布期限,联系人\n"
          "示例县教育局,部门,,张三\n"
          "示例县水利局,部门,01-15,\n"
          "示例县政府办公室,政府,,\n"
          "示例县交通运输局,部门,,\n")


def _setup(tmp_path, agencies: dict[str, str], encoding: str = "utf-8"):
    """The roster file, and a folder with one report per agency (name → sign-off date)."""
    roster = tmp_path / "名单.csv"
    roster.write_bytes(ROSTER.encode(encoding))
    folder = tmp_path / "reports"
    folder.mkdir()
    for i, (agency, signoff) in enumerate(agencies.items()):
        spec = random_spec(random.Random(40 + i))
        spec.agency, spec.signoff = agency, signoff
        (folder / f"r{i}.txt").write_text(render(spec).text, encoding="utf-8")
    return roster, folder


def run(capsys, *args) -> tuple[int, dict]:
    code = main([*map(str, args), *ARGS])
    data = json.loads(capsys.readouterr().out)
    return code, {f["path"].split("/")[-1]: [(x["rule"], x["severity"], x["line"], x["message"]) for x in f["findings"]]
                  for f in data["files"]}


def test_roster_lists_missing_agencies_and_unknown_reports(tmp_path, capsys):
    # Excel on a Chinese Windows saves CSV as GBK
    roster, folder = _setup(tmp_path, {"示例县教育局": "2025年1月20日", "示例县水利局": "2025年1月10日",
                                       "示例县政府办公室": "2025年1月20日", "示例县统计局": "2025年1月20日"}, "gbk")
    code, files = run(capsys, folder, "--roster", roster)
    assert code == 1
    assert files["名单.csv"] == [("GIX905", "error", 5, "名单第 5 行「示例县交通运输局」没有 2024 年度报告"
                                                      "（政府部门的法定期限 2025年1月31日已过；本次检查的 4 份 2024 年度报告中没有）")]
    [(rule, severity, line, message)] = files["r3.txt"]
    assert (rule, severity, line) == ("GIX905", "info", 1) and "「示例县统计局」不在名单" in message
    assert files["r0.txt"] == files["r1.txt"] == files["r2.txt"] == []
    main([str(folder), "--roster", str(roster), *ARGS[:-2]])
    assert "名单上 1 个机关逾期未发布" in capsys.readouterr().out
    # without the roster nothing is said about coverage
    _code, files = run(capsys, folder)
    assert not any(f[0] == "GIX905" for found in files.values() for f in found)


def test_roster_deadlines_replace_the_policy(tmp_path, capsys):
    # 水利局 has a local deadline of 1月15日; 政府办公室 is listed as a government (3月31日)
    roster, folder = _setup(tmp_path, {"示例县水利局": "2025年1月20日", "示例县政府办公室": "2025年2月20日"},
                            "utf-8-sig")
    _code, files = run(capsys, folder, "--roster", roster, "--select", "GIX506")
    [(_rule, _sev, _line, message)] = files["r0.txt"]
    assert "晚于名单（第 3 行）规定的期限 2025年1月15日" in message
    assert files["r1.txt"] == []
    _code, files = run(capsys, folder, "--select", "GIX506")      # no roster: auto policy
    assert files["r0.txt"] == []
    assert "晚于政府部门的法定期限 2025年1月31日" in files["r1.txt"][0][3]


def test_roster_names_match_with_or_without_the_city(tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text("单位名称,类型\n海门区教育局,部门\n南通市海门区水利局,\n海门区人民政府办公室（区政务公开办）,政府\n", encoding="utf-8")
    entries = load(roster)
    assert entries.find("南通市海门区教育局").name == "海门区教育局"
    assert entries.find("海门区水利局").name == "南通市海门区水利局"
    assert entries.find("海门区人民政府办公室").type == "government"
    assert entries.find("海门区财政局") is None and entries.find("") is None
    assert entries.find("办公室") is None              # too short to stand for 海门区人民政府办公室


def test_parallel_run_uses_the_roster_too(tmp_path, capsys):
    roster, folder = _setup(tmp_path, {"示例县水利局": "2025年1月20日", "示例县教育局": "2025年1月20日"})
    one = run(capsys, folder, "--roster", roster, "--jobs", "1")
    two = run(capsys, folder, "--roster", roster, "--jobs", "2")
    assert one == two and any(f[0] == "GIX506" for f in one[1]["r0.txt"])


@pytest.mark.parametrize(("text", "where", "says"), [
    ("名称X,类型\n示例局,部门\n", ":1:", "有「机关名称」一列"),
    ("机关名称,类型\n示例局,事业单位\n", ":2:", "应为 部门 或 政府"),
    ("机关名称,发布期限\n示例局,2月30日\n", ":2:", "没有这一天"),
    ("机关名称,发布期限\n示例局,月底\n", ":2:", "应写成 月-日"),
    ("机关名称\n示例局\n示例 局\n", ":3:", "与第 2 行重复"),
    ("机关名称\n", "", "名单中没有机关"),
])
def test_bad_roster_is_a_config_error(tmp_path, capsys, text, where, says):
    roster = tmp_path / "bad.csv"
    roster.write_text(text, encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text(render(random_spec(random.Random(1))).text, encoding="utf-8")
    assert main([str(report), "--roster", str(roster), "--no-plugins", "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert f"bad.csv{where}" in err and says in err


def test_roster_from_config(tmp_path, capsys, monkeypatch):
    _setup(tmp_path, {"示例县教育局": "2025年1月20日"})
    (tmp_path / "gixlint.toml").write_text('roster = "名单.csv"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _code, files = run(capsys, "reports")
    assert [line for _r, _s, line, _m in files["名单.csv"]] == [3, 4, 5]
    (tmp_path / "gixlint.toml").write_text('\n\nroster = "没有这个.csv"\n', encoding="utf-8")
    assert main(["reports", "--no-plugins", "--no-progress"]) == 2
    assert "gixlint.toml:3" in capsys.readouterr().err


def test_not_yet_due_and_the_year_most_reports_are_for(tmp_path, capsys):
    roster, folder = _setup(tmp_path, {"示例县教育局": "2025年1月20日", "示例县水利局": "2025年1月10日"})
    spec = random_spec(random.Random(77))       # one agency already published for 2025
    spec.agency, spec.year, spec.signoff = "示例县政府办公室", 2025, "2026年1月8日"
    (folder / "early.txt").write_text(render(spec).text, encoding="utf-8")
    code = main([str(folder), "--roster", str(roster), "--today", "2025-01-25", "--no-plugins", "--no-progress",
                 "--format", "json", "--select", "GIX905"])
    data = json.loads(capsys.readouterr().out)
    found = {f["path"].split("/")[-1]: [(x["severity"], x["line"], x["message"]) for x in f["findings"]]
             for f in data["files"]}
    # the run is about 2024: 政府办公室 (a government, due 3月31日) and 交通运输局 (due 1月31日) not yet due
    assert [(sev, line) for sev, line, _m in found["名单.csv"]] == [("info", 4), ("info", 5)]
    assert "还没有 2024 年度报告（本级人民政府的法定期限 2025年3月31日，尚未到期）" in found["名单.csv"][0][2]
    assert found["early.txt"] == [] and code == 0


def test_rosters_as_excel_writes_them(tmp_path):
    """A title row above the header, tab-separated UTF-16 (Excel's 「Unicode 文本」), whole dates
    as deadlines, 乡镇人民政府 / 县直部门 as types, a header with a note, a one-column GBK list."""
    title = ("示例县2024年度政府信息公开工作年度报告报送名单,,\n"
             "单位名称（全称）,单位类型,发布期限\n"
             "示例县教育局,县直部门,2025/2/20\n"
             "示例镇人民政府,乡镇人民政府,2025-03-15\n")
    (tmp_path / "a.csv").write_text(title, encoding="utf-8-sig")
    entries = load(tmp_path / "a.csv").entries
    assert [(e.name, e.type, e.deadline, e.line) for e in entries] == [
        ("示例县教育局", "department", "02-20", 3), ("示例镇人民政府", "government", "03-15", 4)]
    (tmp_path / "b.txt").write_bytes("机关名称\t类型\n示例县水利局\t部门\n".encode("utf-16"))
    assert [(e.name, e.type) for e in load(tmp_path / "b.txt").entries] == [("示例县水利局", "department")]
    (tmp_path / "d.csv").write_text('机关名称,备注\n示例县教育局,"两行的\n备注"\n示例县水利局,\n', encoding="utf-8")
    assert [e.line for e in load(tmp_path / "d.csv").entries] == [2, 4]      # lines of the file, not records
    (tmp_path / "c.csv").write_bytes("机关名称\r\n示例县水利局\r\n".encode("gbk"))
    assert [e.name for e in load(tmp_path / "c.csv").entries] == ["示例县水利局"]


def test_one_file_beside_a_roster_gets_its_deadline_not_the_list(tmp_path, capsys, monkeypatch):
    """A clerk lints one report in the supervisor's folder: the roster's deadline for that agency
    applies, the roster's list of who else has not published does not."""
    _roster, folder = _setup(tmp_path, {"示例县水利局": "2025年1月20日"})
    (tmp_path / "gixlint.toml").write_text('roster = "名单.csv"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, files = run(capsys, "reports/r0.txt")
    assert list(files) == ["r0.txt"] and [f[0] for f in files["r0.txt"]] == ["GIX506"]
    main(["reports/r0.txt", "--format", "json", *ARGS[:-2]])
    assert json.loads(capsys.readouterr().out)["summary"]["files"] == 1
    _code, files = run(capsys, "reports")                      # the folder: the list too, not counted as a file
    main(["reports", "--format", "json", *ARGS[:-2]])
    summary = json.loads(capsys.readouterr().out)["summary"]
    assert "名单.csv" in files and summary["files"] == 1 and "GIX905" not in summary["files_by_rule"]


def test_29_february_as_a_deadline(tmp_path, capsys):
    roster = tmp_path / "名单.csv"
    roster.write_text("机关名称,发布期限\n示例县水利局,02-29\n示例县教育局,2月29日\n", encoding="utf-8")
    folder = tmp_path / "reports"
    folder.mkdir()
    spec = random_spec(random.Random(5))
    spec.agency, spec.signoff = "示例县水利局", "2025年3月1日"
    (folder / "r.txt").write_text(render(spec).text, encoding="utf-8")
    _code, files = run(capsys, folder, "--roster", roster, "--select", "GIX506,GIX905")
    assert "2025年2月28日" in files["r.txt"][0][3]                 # 2025 has no 29 February
    assert [(rule, line) for rule, _s, line, _m in files["名单.csv"]] == [("GIX905", 3)]


@pytest.mark.parametrize(("value", "ok"), [("2-20", True), ("02-30", False), ("2月", False)])
def test_deadline_parameters_of_a_local_pack(tmp_path, capsys, value, ok):
    pack = tmp_path / "local.toml"
    pack.write_text(f'''[pack]
name = "local"
prefix = "LOC"

[[rule]]
id = "LOC905"
name = "local-roster"
category = "cross"
severity = "error"
kind = "roster-coverage"
department_deadline = "{value}"
message = "{{detail}}"
''', encoding="utf-8")
    assert main(["check-rules", str(pack)]) == (0 if ok else 2)
    roster, folder = _setup(tmp_path, {"示例县水利局": "2025年1月20日"})
    code = main([str(folder), "--rules", str(pack), "--roster", str(roster), "--select", "LOC905", *ARGS])
    out = capsys.readouterr().out
    assert code == (1 if ok else 2) and "执行出错" not in out
    if ok:
        assert "2025年2月20日已过" in out


def test_roster_findings_for_scripts_and_waivers(tmp_path, capsys):
    """Each missing agency is its own finding: its name in row (and CSV's agency column), its
    deadline in expected, overdue or not in actual; a waiver covers that agency only."""
    roster, folder = _setup(tmp_path, {"示例县教育局": "2025年1月20日"})
    opts = ["--roster", str(roster), "--no-plugins", "--no-progress"]
    main([str(folder), "--today", "2025-02-15", "--format", "json", *opts])
    data = json.loads(capsys.readouterr().out)
    [listed] = [f for f in data["files"] if f["roster"]]
    assert [(x["row"], x["expected"], x["actual"]) for x in listed["findings"]] == [
        ("示例县水利局", "2025-01-15", "overdue"), ("示例县政府办公室", "2025-03-31", "not-yet-due"),
        ("示例县交通运输局", "2025-01-31", "overdue")]
    assert (data["summary"]["overview"]["roster_missing"], data["summary"]["overview"]["roster_not_due"]) == (2, 1)
    main([str(folder), "--today", "2025-02-15", "--severity", "GIX905=warning", "--format", "json", *opts])
    assert json.loads(capsys.readouterr().out)["summary"]["overview"]["roster_missing"] == 2
    main([str(folder), "--today", "2025-02-15", "--format", "csv", *opts])
    assert "名单.csv,示例县水利局," in capsys.readouterr().out
    # waive today's absences; an agency added to the roster later is still reported
    main([str(folder), "--today", "2025-02-15", "--write-baseline", str(tmp_path / "bl.json"), *opts])
    capsys.readouterr()
    roster.write_text(ROSTER + "示例县审计局,部门,,\n", encoding="utf-8")
    main([str(folder), "--today", "2025-04-15", "--baseline", str(tmp_path / "bl.json"), "--format", "json", *opts])
    data = json.loads(capsys.readouterr().out)
    [listed] = [f for f in data["files"] if f["roster"]]
    assert [x["row"] for x in listed["findings"]] == ["示例县审计局"]


def test_complete_roster_says_nobody_is_missing(tmp_path, capsys):
    roster = tmp_path / "r.csv"
    roster.write_text("机关名称\n示例县教育局\n", encoding="utf-8")
    _r, folder = _setup(tmp_path, {"示例县教育局": "2025年1月20日"})
    main([str(folder), "--roster", str(roster), "--format", "json", *ARGS[:-2]])
    overview = json.loads(capsys.readouterr().out)["summary"]["overview"]
    assert (overview["roster_missing"], overview["roster_not_due"]) == (0, 0)
    main([str(folder), "--roster", str(roster), *ARGS[:-2]])
    assert "名单上 0 个机关逾期未发布" in capsys.readouterr().out


def test_a_deadline_falls_on_a_day_its_month_has():
    """29 February is the 28th in other years, 31 April the 30th; December works in any year a
    date can have (its month end is not worked out from the next January)."""
    import calendar
    from datetime import date

    from gixlint.vocab.deadlines import due_date

    for year in (2023, 2024, 2100, 2000, 9999):
        for month in range(1, 13):
            for day in (1, 28, 29, 30, 31):
                last = calendar.monthrange(year, month)[1]
                assert due_date(f"{month:02d}-{day:02d}", year) == date(year, month, min(day, last))
