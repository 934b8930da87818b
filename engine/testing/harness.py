"""Rule test cases: a report plus the findings it must (and must not) produce.

A case file is TOML; paths are relative to it:

    [[case]]
    name = "六只写「无」时报告缺少信息处理费说明"
    report = "../../examples/04-no-fee-statement.txt"   # or: text = \"\"\"…report text…\"\"\"
    packs = ["../my-office.toml"]                     # extra rule packs (optional)
    select = ["fee"]                                  # rules under test (optional; default all)
    expect = [{ rule = "GIX401", section = "六" }, { rule = "GIX402", count = 1 }]
    absent = ["GIX403", { rule = "GIX301", row = "granted" }]   # must not fire (there)

    [[case]]
    name = "干净的报告"
    report = "../../examples/01-clean-word-export.txt"
    ok = true                                         # no finding at all from the selected rules

An expectation names a rule and, optionally, a logical place — ``section`` (一…六), ``table``
(t2/t3/t4), ``row`` and ``column`` keys — plus ``count`` and ``message`` (a substring).
Lines are never used, so a case survives edits to the fixture.

Use ``gixlint test-rules DIR`` on the command line, or in pytest::

    @pytest.mark.parametrize("case", load_cases("tests/rules"), ids=str)
    def test_rule_case(case):
        case.check()
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import tomli

from gixlint.lint.packs import ConfigError
from gixlint.vocab import labels as L

CASE_KEYS = {"name", "report", "text", "packs", "select", "ignore", "expect", "absent", "ok", "today"}
EXPECT_KEYS = {"rule", "section", "table", "row", "column", "count", "message"}
DEFAULT_TODAY = date(2026, 11, 23)


@dataclass
class Case:
    name: str
    origin: Path
    report: Path | None
    text: str | None
    packs: list[Path]
    select: list[str] | None
    ignore: list[str]
    expect: list[dict]
    absent: list[dict]
    ok: bool
    today: date
    failures: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.origin.name}::{self.name}"

    def run(self) -> list[str]:
        """Lint the case's report; return what did not go as expected (empty = pass)."""
        from gixlint.lint.linter import Linter
        from gixlint.parse.build import parse_text

        linter = Linter.create(today=self.today, select=self.select, ignore=self.ignore, packs=self.packs,
                               load_plugins=True)
        if self.report is not None:
            findings = linter.lint_file(self.report).findings
        else:
            findings = linter.check(parse_text(self.text or "", f"<{self.name}>"))
        problems = []
        known = {r.id for r in linter.rules} | {r.name for r in linter.rules}
        for ref in [w["rule"] for w in self.expect] + [w["rule"] for w in self.absent]:
            if ref not in known:
                problems.append(f"规则 {ref} 没有加载（不存在，或不在 select 之内）")
        if self.ok and findings:
            problems.append("应无任何问题，却报告了：" + "；".join(f"{f.rule} L{f.line} {f.message}" for f in findings))
        for want in self.expect:
            hits = [f for f in findings if _matches(f, want)]
            count = want.get("count")
            if (count is None and not hits) or (count is not None and len(hits) != count):
                got = "；".join(f"{f.rule}@{_place(f)}" for f in findings) or "没有任何问题"
                problems.append(f"期望 {_describe(want)} 出现{'' if count is None else f' {count} 次'}，"
                                f"实际 {len(hits)} 次（报告了：{got}）")
        for unwanted in self.absent:
            hits = [f for f in findings if _matches(f, unwanted)]
            if hits:
                problems.append(f"{_describe(unwanted)} 不应出现，却在 {', '.join(_place(f) for f in hits)} 报告")
        self.failures = problems
        return problems

    def check(self) -> None:
        """For pytest: raise AssertionError listing every unmet expectation."""
        problems = self.run()
        assert not problems, f"{self}:\n  " + "\n  ".join(problems)


def _describe(want: dict) -> str:
    return " ".join(f"{k}={v}" for k, v in want.items() if k != "count")


def _place(f) -> str:
    return "/".join(x for x in (f.section.split("、")[0] if f.section else "", f.table, f.row, f.column) if x) or f"L{f.line}"


def _matches(f, want: dict) -> bool:
    if want["rule"] not in (f.rule, f.name):
        return False
    if "section" in want:
        wanted = str(want["section"])
        number = L.NUMERALS.index(wanted) + 1 if wanted in L.NUMERALS else None
        canonical = f"{L.NUMERALS[number - 1]}、" if number else wanted
        if not (f.section or "").startswith(canonical):
            return False
    for key in ("table", "row", "column"):
        if key in want and getattr(f, key) != want[key]:
            return False
    return not ("message" in want and want["message"] not in f.message)


def load_file(path: Path) -> list[Case]:
    try:
        text = path.read_text(encoding="utf-8")
        data = tomli.loads(text)
    except (OSError, tomli.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: 无法读取用例：{exc}") from exc
    cases = []
    base = path.parent
    starts = [n for n, line in enumerate(text.splitlines(), start=1) if line.strip() == "[[case]]"]
    unknown_top = set(data) - {"case"}
    if unknown_top:
        raise ConfigError(f"{path}: 未知的顶层键「{sorted(unknown_top)[0]}」，用例写在 [[case]] 中")
    for i, entry in enumerate(data.get("case", []), start=1):
        where = f"{path}:{starts[i - 1] if i <= len(starts) else 1}: 第 {i} 个 [[case]]"
        unknown = sorted(set(entry) - CASE_KEYS)
        if unknown:
            raise ConfigError(f"{where}: 未知的键「{unknown[0]}」，可用：{', '.join(sorted(CASE_KEYS))}")
        if ("report" in entry) == ("text" in entry):
            raise ConfigError(f"{where}: report 和 text 必须且只能有一个")
        entry["absent"] = [{"rule": a} if isinstance(a, str) else a for a in entry.get("absent", [])]
        for key in ("expect", "absent"):
            for n, want in enumerate(entry.get(key, []), start=1):
                if not isinstance(want, dict):
                    raise ConfigError(f"{where}: {key} 第 {n} 项应为 {{ rule = \"…\" }} 或规则编号")
                bad = sorted(set(want) - EXPECT_KEYS)
                if bad:
                    raise ConfigError(f"{where}: {key} 第 {n} 项中未知的键「{bad[0]}」，可用：{', '.join(sorted(EXPECT_KEYS))}")
                if "rule" not in want:
                    raise ConfigError(f"{where}: {key} 第 {n} 项缺少 rule")
        report = (base / entry["report"]).resolve() if "report" in entry else None
        if report is not None and not report.is_file():
            raise ConfigError(f"{where}: 找不到报告 {entry['report']}")
        cases.append(Case(
            name=str(entry.get("name", f"case {i}")), origin=path, report=report, text=entry.get("text"),
            packs=[(base / p).resolve() for p in entry.get("packs", [])], select=entry.get("select"),
            ignore=list(entry.get("ignore", [])), expect=list(entry.get("expect", [])),
            absent=list(entry.get("absent", [])), ok=bool(entry.get("ok", False)),
            today=date.fromisoformat(entry["today"]) if "today" in entry else DEFAULT_TODAY,
        ))
    return cases


def load_cases(*paths: str | Path) -> list[Case]:
    """Every case in the given TOML files or folders (searched recursively)."""
    cases = []
    for p in map(Path, paths):
        files = sorted(p.rglob("*.toml")) if p.is_dir() else [p]
        for f in files:
            cases.extend(load_file(f))
    return cases
