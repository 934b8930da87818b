"""What a supervisor does: configuration, custom packs, plugins, rule docs, rule tests, baselines."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from gixlint.cli import main
from gixlint.lint.linter import Linter
from gixlint.testing import TODAY, render
from gixlint.testing.generate import random_narrative
from gixlint.testing.harness import load_cases

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--today", "2026-11-23", "--no-progress", "--no-plugins"]


@pytest.mark.parametrize("case", load_cases(ROOT / "tests" / "rules"), ids=str)
def test_national_rule_cases(case):
    case.check()


@pytest.fixture
def office(tmp_path, spec, monkeypatch):
    """A supervisor's folder: reports, a rule pack, a gixlint.toml; cwd set there."""
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "good.txt").write_text(render(spec).text, encoding="utf-8")
    spec.other_matters = ["无"]
    spec.t3["granted"][6] = int(spec.t3["granted"][6]) + 1
    spec.agency = "示例县草稿局"
    random_narrative(spec, random.Random(99))     # another agency writes its own text (else GIX910)
    drafts = reports / "drafts"
    drafts.mkdir()
    (drafts / "bad.txt").write_text(render(spec).text, encoding="utf-8")
    (tmp_path / "office.toml").write_text('''
[pack]
name = "office"
version = "1.0"
prefix = "OFC"

[[rule]]
id = "OFC101"
name = "licensing-reported"
category = "office"
severity = "warning"
kind = "identity"
formula = "t2.licensing >= 1"
message = "表二行政许可为 {actual}，本市要求至少 1 件"

[[rule]]
id = "OFC102"
name = "proposals"
category = "office"
severity = "info"
kind = "required-statement"
scope = "六"
patterns = ["政协(委员)?提案"]
message = "第六部分未报告政协提案办理情况"
''', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_json(args, capsys):
    code = main([*args, "--format", "json", *ARGS])
    out = capsys.readouterr()
    return code, json.loads(out.out) if out.out.strip() else None, out.err


def rules_by_file(data):
    return {Path(f["path"]).name: sorted({x["rule"] for x in f["findings"]}) for f in data["files"]}


def test_config_adds_pack_and_tunes_rules(office, capsys):
    (office / "gixlint.toml").write_text('''
rules = ["office.toml"]
ignore = ["GIX402"]
severity = { GIX401 = "warning" }
per-file-ignores = { "reports/drafts/*" = ["balance"] }
''', encoding="utf-8")
    code, data, _ = run_json(["reports"], capsys)
    found = rules_by_file(data)
    assert found["good.txt"] == ["OFC102"]
    assert found["bad.txt"] == ["GIX401", "OFC102"]          # GIX301 ignored for drafts, GIX402 ignored
    fee = next(x for f in data["files"] for x in f["findings"] if x["rule"] == "GIX401")
    assert fee["severity"] == "warning"
    assert code == 0                                          # nothing at error level any more


def test_pyproject_tool_table_and_extend(office, capsys):
    (office / "base.toml").write_text('rules = ["office.toml"]\nselect = ["OFC", "fee"]\n', encoding="utf-8")
    (office / "pyproject.toml").write_text('[tool.gixlint]\nextend = "base.toml"\nignore = ["OFC102"]\n',
                                           encoding="utf-8")
    _code, data, _ = run_json(["reports"], capsys)
    assert rules_by_file(data) == {"good.txt": [], "bad.txt": ["GIX401", "GIX402"]}


@pytest.mark.parametrize("content, needle", [
    ('selct = ["GIX"]\n', "gixlint.toml:1: 未知的配置项「selct」"),
    ('\nseverity = { GIX401 = "fatal" }\n', "gixlint.toml:2:"),
    ('ignore = ["GIX999"]\n', "gixlint.toml:1: 未知的规则引用「GIX999」"),
    ('\nper-file-ignores = { "a/*.txt" = ["date"] }\n', "gixlint.toml:2: 未知的规则引用「date」"),
    ('deadlines = { department = "02-30" }\n', "gixlint.toml:1: deadlines"),
    ('extend = "nowhere.toml"\n', "extend 引用的配置文件不存在"),
    ('rules = ["missing.toml"]\n', "找不到规则包 missing.toml"),
    ('deadlines = { department = "1-31" }\n', "deadlines"),
])
def test_config_mistakes_are_exit_2(office, capsys, content, needle):
    (office / "gixlint.toml").write_text(content, encoding="utf-8")
    code = main(["reports", *ARGS])
    err = capsys.readouterr().err.replace("\n", "")
    assert code == 2 and needle in err


def test_strict_profile_fails_on_warnings(office, capsys):
    (office / "gixlint.toml").write_text('profile = "strict"\nselect = ["GIX402"]\n', encoding="utf-8")
    assert main(["reports", *ARGS]) == 1
    (office / "gixlint.toml").write_text('select = ["GIX402"]\n', encoding="utf-8")
    assert main(["reports", *ARGS]) == 0
    capsys.readouterr()


def test_deadline_policy_from_config(office, spec, capsys):
    spec.signoff = "2025年2月20日"
    (office / "reports" / "late.txt").write_text(render(spec).text, encoding="utf-8")
    _c, data, _ = run_json(["reports/late.txt", "--select", "GIX506"], capsys)
    assert rules_by_file(data) == {"late.txt": ["GIX506"]}
    (office / "gixlint.toml").write_text('deadline-policy = "government"\n', encoding="utf-8")
    _c, data, _ = run_json(["reports/late.txt", "--select", "GIX506"], capsys)
    assert rules_by_file(data) == {"late.txt": []}


def test_severity_option(office, capsys):
    _c, data, _ = run_json(["reports", "--select", "fee", "--severity", "GIX401=info,GIX402=info"], capsys)
    assert {x["severity"] for f in data["files"] for x in f["findings"]} == {"info"}


def test_baseline_waives_by_place_not_line(office, capsys):
    baseline = office / "waivers.json"
    assert main(["reports", "--write-baseline", str(baseline), *ARGS]) == 0
    capsys.readouterr()
    entries = json.loads(baseline.read_text(encoding="utf-8"))["waivers"]
    assert entries and all("line" not in e and e["reason"] for e in entries)
    bad = office / "reports" / "drafts" / "bad.txt"
    bad.write_text("\n\n\n" + bad.read_text(encoding="utf-8"), encoding="utf-8")  # every line moves
    code, data, err = run_json(["reports", "--baseline", str(baseline)], capsys)
    assert code == 0 and all(not f["findings"] for f in data["files"])
    assert data["summary"]["stale_waivers"] == []
    entries.append({"report": {"agency": "示例市示例区生态环境局", "year": 2024}, "rule": "GIX205",
                    "table": "t3", "row": "granted", "column": "other", "reason": "已更正"})
    baseline.write_text(json.dumps({"version": 1, "waivers": entries}, ensure_ascii=False), encoding="utf-8")
    code, data, err = run_json(["reports", "--baseline", str(baseline)], capsys)
    assert len(data["summary"]["stale_waivers"]) == 1 and "GIX205" in err


def test_rule_command_explains(capsys):
    assert main(["rule", "GIX303"]) == 0
    out = capsys.readouterr().out
    assert "检查什么" in out and "t3.new_received[col]" in out and "提示信息模板" in out
    assert main(["rule", "GIX999"]) == 2


def test_check_rules_reports_file_line_key(tmp_path, capsys):
    good = tmp_path / "good.toml"
    good.write_text('[pack]\nname = "x"\n[[rule]]\nid = "XYZ101"\nname = "a-b"\ncategory = "c"\nseverity = "info"\n'
                    'kind = "forbidden-statement"\npattern = "测试"\nmessage = "m"\n', encoding="utf-8")
    assert main(["check-rules", str(good)]) == 0
    bad = tmp_path / "bad.toml"
    bad.write_text(good.read_text(encoding="utf-8").replace('pattern = "测试"', 'patern = "测试"'), encoding="utf-8")
    assert main(["check-rules", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:9: XYZ101" in err and "patern" in err and "pattern" in err


def test_test_rules_command_fails_on_unmet_expectation(tmp_path, capsys):
    case = tmp_path / "cases.toml"
    case.write_text(f'[[case]]\nname = "wrong"\nreport = "{ROOT}/examples/01-clean-word-export.txt"\n'
                    'expect = [{ rule = "GIX401" }]\n', encoding="utf-8")
    assert main(["test-rules", str(case)]) == 1
    assert "FAIL" in capsys.readouterr().out


def test_local_plugin_only_when_named_and_broken_ones_are_named(office, capsys):
    (office / "kinds.py").write_text('''
from gixlint import hookimpl
from gixlint.lint.kinds import CheckKind, Hit

def boom(rule, report, context):
    raise RuntimeError("插件内部错误")
    yield

@hookimpl
def gixlint_check_kinds():
    return [CheckKind("boom", boom, {})]
''', encoding="utf-8")
    (office / "broken.py").write_text("raise ImportError('缺少依赖 foo')\n", encoding="utf-8")
    (office / "boom.toml").write_text('[[rule]]\nid = "OFC900"\nname = "boom"\ncategory = "office"\n'
                                      'severity = "warning"\nkind = "boom"\nmessage = "m"\n', encoding="utf-8")
    (office / "gixlint.toml").write_text('plugins = ["kinds.py", "broken.py"]\nrules = ["boom.toml"]\n'
                                         'select = ["OFC900"]\n', encoding="utf-8")
    # a configuration found by searching runs its plugins only when the user allows it (issue #14)
    trusting = ["--today", "2026-11-23", "--no-progress"]
    main(["reports", "--config", "gixlint.toml", "--format", "json", *trusting])
    out = capsys.readouterr()
    data, err = json.loads(out.out), out.err
    assert "broken" in err and "缺少依赖 foo" in err
    crash = [x for f in data["files"] for x in f["findings"]]
    assert crash and all(x["rule"] == "OFC900" and "执行出错" in x["message"] for x in crash)
    assert main(["reports", "--require-plugins", "broken", "--allow-local-plugins", *trusting]) == 2
    capsys.readouterr()


def test_unknown_kind_in_pack_names_allowed_kinds(tmp_path):
    from gixlint.lint.packs import ConfigError

    pack = tmp_path / "p.toml"
    pack.write_text('[[rule]]\nid = "ABC101"\nname = "x"\ncategory = "c"\nseverity = "info"\n'
                    'kind = "requierd-statement"\nmessage = "m"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="required-statement"):
        Linter.create(today=TODAY, packs=[pack], load_plugins=False)


def test_every_rule_documents_itself():
    linter = Linter.create(today=TODAY, load_plugins=False)
    missing = [(r.id, k) for r in linter.rules for k in ("what", "why", "source", "fail", "pass") if not r.doc.get(k)]
    assert missing == []


def _pack(tmp_path, body: str) -> Path:
    path = tmp_path / "local.toml"
    path.write_text('[pack]\nname = "local"\nprefix = "LOC"\n' + body, encoding="utf-8")
    return path


def test_condition_and_section_length_kinds(tmp_path, spec):
    from gixlint.parse import parse_text

    pack = _pack(tmp_path, '''
[[rule]]
id = "LOC101"
name = "few-licensing"
category = "local"
severity = "warning"
kind = "condition"
formula = "t2.licensing >= 1000"
message = "行政许可 {actual} 件，低于 {expected}"

[[rule]]
id = "LOC102"
name = "overview-too-long"
category = "local"
severity = "info"
kind = "section-length"
max_chars = { "一" = 120 }
message = "总体情况 {chars} 字，超过 {limit} 字"
''')
    linter = Linter.create(today=TODAY, packs=[pack], select=["LOC"], load_plugins=False)
    findings = linter.check(parse_text(render(spec).text))
    assert {f.rule for f in findings} == {"LOC101", "LOC102"}
    assert "超过 120 字" in next(f.message for f in findings if f.rule == "LOC102")
    spec.t2["licensing"] = [1200]
    spec.overview = ["本年度工作总体平稳。"]
    assert Linter.create(today=TODAY, packs=[pack], select=["LOC"], load_plugins=False).check(
        parse_text(render(spec).text)) == []


@pytest.mark.parametrize("body, needle", [
    ('[[rule]]\nid = "LOC101"\nname = "x"\ncategory = "c"\nseverity = "info"\nkind = "forbidden-statement"\n'
     'message = "m"\npattern = "(未收取"\n', "local.toml:11: LOC101 键「pattern」有误：「(未收取」不是有效的正则表达式"),
    ('[[rule]]\nid = "ABC101"\nname = "x"\ncategory = "c"\nseverity = "info"\nkind = "forbidden-statement"\n'
     'message = "m"\npattern = "x"\n', "不以本规则包的前缀 LOC 开头"),
    ('[[rule]]\nid = "LOC101"\nname = "x"\ncategory = "c"\nseverity = "info"\nkind = "condition"\n'
     'message = "m"\nformula = "t2.licensing >= "\n', "公式语法错误"),
])
def test_pack_mistakes(tmp_path, body, needle):
    from gixlint.lint.packs import ConfigError

    with pytest.raises(ConfigError) as exc:
        Linter.create(today=TODAY, packs=[_pack(tmp_path, body)], load_plugins=False)
    assert needle in str(exc.value)


def test_off_by_default_rules_need_strict_or_extend_select(tmp_path):
    from gixlint.lint.config import Config

    assert "GIX702" not in {r.id for r in Linter.create(today=TODAY, load_plugins=False).rules}
    strict = Linter.create(today=TODAY, load_plugins=False, config=Config(profile="strict"))
    assert "GIX702" in {r.id for r in strict.rules}
    extended = Linter.create(today=TODAY, load_plugins=False, config=Config(extend_select=["GIX702"]))
    assert "GIX702" in {r.id for r in extended.rules} and "GIX401" in {r.id for r in extended.rules}


def test_pack_schema_is_current_and_validates_packs():
    import jsonschema
    import tomli

    from gixlint.lint.schema import render

    shipped = ROOT / "rules" / "pack.schema.json"
    assert shipped.read_text(encoding="utf-8") == render(), "regenerate: python -m gixlint.lint.schema > rules/pack.schema.json"
    schema = json.loads(render())
    national = tomli.loads((ROOT / "rules" / "national-2021.toml").read_text(encoding="utf-8"))
    jsonschema.validate(national, schema)
    broken = {"rule": [{**national["rule"][0], "severty": "error"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


@pytest.mark.parametrize("doc", ["rules.md", "rules.en.md"])
def test_docs_cover_every_kind_and_parameter(doc):
    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    linter = Linter.create(today=TODAY, load_plugins=False)
    for name, kind in linter.registry.kinds.items():
        assert f"`{name}`" in text, name
        for param in kind.params:
            assert f"`{param}`" in text, (name, param)


def test_doc_key_typo_is_an_error(tmp_path):
    from gixlint.lint.packs import ConfigError

    pack = _pack(tmp_path, '[[rule]]\nid = "LOC101"\nname = "x"\ncategory = "c"\nseverity = "info"\n'
                           'kind = "forbidden-statement"\nmessage = "m"\npattern = "x"\ndoc.wat = "y"\n')
    with pytest.raises(ConfigError, match=r"local.toml:12: LOC101 doc 中未知的键「wat」"):
        Linter.create(today=TODAY, packs=[pack], load_plugins=False)


_RULE = '[[rule]]\nid = "LOC101"\nname = "x"\ncategory = "c"\nseverity = "info"\n'


@pytest.mark.parametrize("body, needle", [
    ('kind = "forbidden-statement"\nmessage = "m"\npattern = "x"\nscope = "七"\n', "键「scope」有误：「七」不可用"),
    ('kind = "section-body"\nmessage = "m"\npattern = "x"\nsection = "seven"\n', "「seven」不是部分编号"),
    ('kind = "section-length"\nmessage = "m"\nmax_chars = { "七" = 10 }\n', "「七」不是部分编号"),
    ('kind = "identity"\nmessage = "m"\nformula = "t3.total.total == 1"\ntolerance = "abc"\n', "「abc」不是数字"),
    ('kind = "identity"\nmessage = "m"\nformula = "t3.total.total + 1"\n', "应为比较式"),
    ('kind = "cell-values"\nmessage = "m"\ncheck = "blank"\ntables = ["t5"]\n', "没有表 t5"),
    ('kind = "forbidden-statement"\nmessage = "{unknown} 出现"\npattern = "x"\n', "占位符「{unknown}」不可用"),
    ('kind = "required-statement"\nmessage = "m"\npatterns = "x"\n', "键「patterns」应为列表"),
    ('kind = "date"\nmessage = "m"\ncheck = "late"\ndepartment_deadline = "02-30"\n', "「02-30」不是有效的 月-日"),
])
def test_values_that_cannot_work_are_load_errors(tmp_path, body, needle):
    from gixlint.lint.packs import ConfigError

    with pytest.raises(ConfigError) as exc:
        Linter.create(today=TODAY, packs=[_pack(tmp_path, _RULE + body)], load_plugins=False)
    assert needle in str(exc.value) and "local.toml:" in str(exc.value)


def test_division_by_zero_is_cannot_check(tmp_path, spec):
    from gixlint.parse import parse_text

    spec.t2["regulations"] = [0, 0, 0]
    pack = _pack(tmp_path, _RULE + 'kind = "condition"\nmessage = "m"\nformula = "t2.licensing / t2.regulations.made >= 1"\n')
    [f] = Linter.create(today=TODAY, packs=[pack], select=["LOC"], load_plugins=False).check(parse_text(render(spec).text))
    assert "无法核对" in f.message and "除数为 0" in f.message and f.severity == "info"


def test_case_files_are_checked_like_packs(tmp_path):
    from gixlint.lint.packs import ConfigError

    example = ROOT / "examples" / "04-no-fee-statement.txt"
    bad = tmp_path / "bad.toml"
    bad.write_text(f'# cases\n\n[[case]]\nname = "x"\nreport = "{example}"\nexpect = [{{ rule = "GIX401", severty = "error" }}]\n',
                   encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad.toml:3: 第 1 个 \[\[case\]\]: expect 第 1 项中未知的键「severty」"):
        load_cases(bad)
    good = tmp_path / "good.toml"
    good.write_text(f'[[case]]\nname = "absent as a table, and a rule that does not exist"\nreport = "{example}"\n'
                    'absent = [{ rule = "GIX401", section = "六" }]\nexpect = [{ rule = "WHS399" }]\n', encoding="utf-8")
    [case] = load_cases(good)
    problems = case.run()
    assert any("GIX401" in p and "不应出现" in p for p in problems)
    assert any("WHS399 没有加载" in p for p in problems)


@pytest.mark.parametrize("doc", ["rules.md", "rules.en.md"])
def test_the_docs_first_pack_is_valid_and_fires(doc, tmp_path, spec, capsys):
    import re

    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    block = re.search(r"```toml\n(\s*\[pack\].*?)```", text, re.S).group(1)
    pack = tmp_path / "office.toml"
    pack.write_text("\n".join(line[3:] if line.startswith("   ") else line for line in block.splitlines()),
                    encoding="utf-8")
    assert main(["check-rules", str(pack)]) == 0
    assert "有效" in capsys.readouterr().out
    report = tmp_path / "r.txt"
    report.write_text(render(spec).text, encoding="utf-8")
    assert main([str(report), "--rules", str(pack), "--select", "SHI", "--format", "json", *ARGS]) == 0
    found = {x["rule"] for f in json.loads(capsys.readouterr().out)["files"] for x in f["findings"]}
    assert found == {"SHI101"}   # the generated report says nothing about 人大代表建议/政协提案


def test_readme_lists_every_rule():
    from gixlint.lint.config import Config

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for r in Linter.create(today=TODAY, load_plugins=False, config=Config(profile="strict")).rules:
        assert f"| {r.id} | `{r.name}` |" in readme, r.id


def test_a_plugins_broken_pack_is_named_and_left_out(office, capsys):
    """An installed (here: local, trusted) plugin whose rule pack is broken does not stop every run
    with exit 2: it is named, the national rules still run; only --require-plugins makes it fatal."""
    (office / "packer.py").write_text('''
from pathlib import Path

from gixlint import hookimpl


@hookimpl
def gixlint_rule_packs():
    return [Path(__file__).with_name("bad-pack.toml")]
''', encoding="utf-8")
    (office / "bad-pack.toml").write_text('[[rule]]\nid = "BAD1"\nkind = "no-such-kind"\n', encoding="utf-8")
    (office / "gixlint.toml").write_text('plugins = ["packer.py"]\n', encoding="utf-8")
    trusting = ["--today", "2026-11-23", "--no-progress", "--config", "gixlint.toml", "--no-cache"]
    code = main(["reports", "--format", "json", *trusting])
    out = capsys.readouterr()
    assert code == 1 and "packer" in out.err and "bad-pack.toml" in out.err
    data = json.loads(out.out)
    assert {x["rule"] for f in data["files"] for x in f["findings"]} >= {"GIX301"}
    assert main(["reports", "--require-plugins", "packer", *trusting]) == 2
    capsys.readouterr()


def test_message_templates_reach_no_attributes():
    from gixlint.lint.linter import render

    assert render("{0.__class__}{line.__class__}{line}", {"line": 3}) == "{0.__class__}{line.__class__}3"
