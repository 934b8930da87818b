"""Rule packs: TOML files of rules, each an instance of a check kind with its parameters.

    [pack]
    name = "national-2021"
    version = "1.0"

    [[rule]]
    id = "GIX301"
    name = "t3-row-total"
    category = "balance"
    severity = "error"
    kind = "identity"
    message = "…{row_label}…"
    foreach = { row = "t3.rows" }
    formula = "t3[row].total == sum(t3[row].applicants)"

Every key is checked against the kind's declared parameters; mistakes stop the run with the
file, line, rule id and key, and the keys that are allowed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gixlint.lint import packcache
from gixlint.lint.findings import SEVERITIES
from gixlint.lint.formula import Formula, FormulaError, compile_formula, group, recording, remember
from gixlint.lint.kinds import COMMON_PLACEHOLDERS, CheckKind

if TYPE_CHECKING:
    from importlib.abc import Traversable  # importing it loads importlib.resources (~10 ms)

RULE_KEYS = {"id", "name", "category", "severity", "message", "kind", "aliases", "doc", "when", "enabled",
             "formats"}
FORMATS = ("v2021", "v2019", "unknown")
REQUIRED = ("id", "name", "category", "severity", "message", "kind")
DOC_KEYS = {"what", "why", "source", "fail", "pass"}
PACK_KEYS = {"name", "version", "description", "formats", "years", "prefix"}
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_TYPE_ZH = {str: "字符串", int: "整数", float: "数字", bool: "true 或 false", list: "列表 [ … ]", dict: "表 { … }"}


def _types(t) -> tuple:
    return t if isinstance(t, tuple) else (t,)


def _type_names(t) -> str:
    return "或".join(_TYPE_ZH.get(x, x.__name__) for x in _types(t))


_ID = re.compile(r"^[A-Z][A-Z0-9]*\d{3}$")
_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class ConfigError(Exception):
    """A rule pack or configuration mistake: reported with file:line, exit code 2."""


@dataclass
class Rule:
    """One validated rule of a pack: its id, name, severity, kind and parameters."""

    id: str
    name: str
    category: str
    severity: str
    message: str
    kind: str
    params: dict[str, Any]
    pack: str = ""
    aliases: list[str] = field(default_factory=list)
    doc: dict[str, Any] = field(default_factory=dict)
    when: str = ""
    enabled: bool = True
    origin: str = ""
    formats: tuple[str, ...] = ()   # report formats the rule applies to; empty = every format


@dataclass
class Pack:
    """A validated rule pack."""

    name: str
    version: str
    origin: str
    rules: list[Rule]
    meta: dict[str, Any] = field(default_factory=dict)
    # the formulas its rules were validated with, kept parsed with the pack (packcache)
    formulas: tuple[Formula, ...] = ()


def _line_of(text: str, rule_id: str | None, key: str | None = None, occurrence: int = 0) -> int:
    """Best line for an error: the rule's ``id =`` line, or its ``key =`` line after it."""
    lines = text.splitlines()
    start = 0
    if rule_id:
        pattern = re.compile(rf"^\s*id\s*=\s*[\"']{re.escape(rule_id)}[\"']")
        found = [i for i, line in enumerate(lines) if pattern.match(line)]
        start = found[min(occurrence, len(found) - 1)] if found else 0
    if key:
        kp = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for i in range(start, len(lines)):
            if kp.match(lines[i]):
                return i + 1
            if i > start and lines[i].strip().startswith("[[") and rule_id:
                break
    return start + 1


def load_pack(source: Path | Traversable, kinds: dict[str, CheckKind]) -> Pack:
    """Read and validate one TOML rule pack (or take it from :mod:`.packcache`, if it validated
    before and nothing that judges it has changed)."""
    origin = str(source)
    try:
        text = source.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{origin}: 无法读取规则包：{exc}") from exc
    key = packcache.key(text, origin, kinds, __file__)
    kept = packcache.get(key, Pack)
    if kept is None:
        with recording() as formulas:
            kept = _validated(text, origin, kinds)
        kept.formulas = tuple({(f.text, f.variables): f for f in formulas}.values())
        packcache.put(key, kept)
    else:
        remember(kept.formulas)
    return kept


def _validated(text: str, origin: str, kinds: dict[str, CheckKind]) -> Pack:
    """Every rule of the pack's text checked against its kind's parameters: the pack, or ConfigError."""
    import tomli  # only for a pack not in the cache: a run that finds them all there parses none

    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise ConfigError(f"{origin}:{getattr(exc, 'lineno', 0) or ''}: TOML 语法错误：{exc}") from exc

    def fail(rule_id: str | None, key: str | None, message: str, occurrence: int = 0) -> ConfigError:
        where = f"{origin}:{_line_of(text, rule_id, key, occurrence)}"
        rid = f" {rule_id}" if rule_id else ""
        return ConfigError(f"{where}:{rid} {message}")

    pack_meta = data.get("pack", {})
    unknown = set(data) - {"pack", "rule"}
    if unknown:
        raise fail(None, sorted(unknown)[0], f"未知的顶层键「{sorted(unknown)[0]}」，可用：pack, rule")
    for key in sorted(set(pack_meta) - PACK_KEYS):     # the same message whatever the hash seed
        raise fail(None, key, f"[pack] 中未知的键「{key}」，可用：{', '.join(sorted(PACK_KEYS))}")
    name = str(pack_meta.get("name") or Path(origin).stem)
    prefix = str(pack_meta.get("prefix", ""))
    pack_formats = pack_meta.get("formats", [])
    rules = [_rule(entry, name, origin, kinds, fail, pack_formats) for entry in data.get("rule", [])]
    for rule in rules:
        if prefix and not rule.id.startswith(prefix):
            raise fail(rule.id, "id", f"规则编号 {rule.id} 不以本规则包的前缀 {prefix} 开头")
    seen: dict[str, Rule] = {}
    names: dict[str, Rule] = {}
    for rule in rules:
        if rule.id in seen:
            first = _line_of(text, rule.id)
            raise fail(rule.id, "id", f"规则编号 {rule.id} 重复（首次在第 {first} 行）", occurrence=1)
        if rule.name in names:
            raise fail(rule.id, "name", f"规则名称 {rule.name} 已由 {names[rule.name].id} 使用")
        seen[rule.id] = rule
        names[rule.name] = rule
    return Pack(name, str(pack_meta.get("version", "（未注明版本）")), origin, rules, pack_meta)


def _rule(entry: dict, pack: str, origin: str, kinds: dict[str, CheckKind], fail, pack_formats=()) -> Rule:
    rule_id = entry.get("id")
    formats = entry.get("formats", pack_formats)
    if not isinstance(formats, list) or set(formats) - set(FORMATS):
        raise fail(rule_id, "formats" if "formats" in entry else None,
                   f"formats 应为 {', '.join(FORMATS)} 组成的列表，而不是 {formats!r}")
    for key in REQUIRED:
        if key not in entry:
            raise fail(rule_id, None, f"缺少必填键「{key}」")
    if not isinstance(rule_id, str) or not _ID.match(rule_id):
        raise fail(rule_id, "id", f"规则编号「{rule_id}」应为大写前缀加三位数字，如 GIX301")
    if not _NAME.match(str(entry["name"])):
        raise fail(rule_id, "name", f"name「{entry['name']}」应为小写短横线形式，如 t3-row-total")
    if entry["severity"] not in SEVERITIES:
        raise fail(rule_id, "severity", f"severity「{entry['severity']}」应为 {', '.join(SEVERITIES)} 之一")
    doc = entry.get("doc", {})
    if not isinstance(doc, dict) or set(doc) - DOC_KEYS:
        bad = sorted(set(doc) - DOC_KEYS) if isinstance(doc, dict) else ["doc"]
        raise fail(rule_id, f"doc.{bad[0]}", f"doc 中未知的键「{bad[0]}」，可用：{', '.join(sorted(DOC_KEYS))}")
    kind = kinds.get(entry["kind"])
    if kind is None:
        raise fail(rule_id, "kind", f"未知的检查类型「{entry['kind']}」，可用：{', '.join(sorted(kinds))}")
    params: dict[str, Any] = {}
    for key, value in entry.items():
        if key in RULE_KEYS:
            continue
        spec = kind.params.get(key)
        if spec is None:
            allowed = ", ".join(sorted(RULE_KEYS | set(kind.params)))
            raise fail(rule_id, key, f"检查类型 {kind.name} 不接受键「{key}」，可用：{allowed}")
        if not isinstance(value, spec.type) or (isinstance(value, bool) and bool not in _types(spec.type)):
            raise fail(rule_id, key, f"键「{key}」应为{_type_names(spec.type)}：{spec.doc}")
        if spec.choices and value not in spec.choices:
            raise fail(rule_id, key, f"键「{key}」的值「{value}」不可用，可用：{', '.join(spec.choices)}")
        problem = spec.validate(value) if spec.validate else None
        if problem:
            raise fail(rule_id, key, f"键「{key}」有误：{problem}")
        params[key] = value
    for key, spec in kind.params.items():
        if key not in params:
            if spec.required:
                raise fail(rule_id, None, f"检查类型 {kind.name} 需要键「{key}」：{spec.doc}")
            params[key] = spec.default
    _check_formulas(entry, params, rule_id, fail)
    if kind.validate:
        problem = kind.validate(params)
        if problem:
            raise fail(rule_id, problem[0], f"键「{problem[0]}」有误：{problem[1]}")
    allowed = set(COMMON_PLACEHOLDERS) | set(kind.placeholders) | set(params.get("foreach") or {})
    unknown = [p for p in _PLACEHOLDER.findall(entry["message"]) if p not in allowed]
    if unknown:
        raise fail(rule_id, "message", f"message 中的占位符「{{{unknown[0]}}}」不可用，可用："
                                       + "、".join(f"{{{p}}}" for p in sorted(allowed)))
    return Rule(id=rule_id, name=entry["name"], category=entry["category"], severity=entry["severity"],
                message=entry["message"], kind=entry["kind"], params=params, pack=pack,
                aliases=list(entry.get("aliases", [])), doc=dict(entry.get("doc", {})),
                when=entry.get("when", ""), enabled=bool(entry.get("enabled", True)), origin=origin,
                formats=tuple(formats))


def _check_formulas(entry: dict, params: dict, rule_id: str, fail) -> None:
    """Compile every formula and regex of a rule now, so a typo is a load error, not a run-time surprise."""
    foreach = params.get("foreach") or {}
    for var, path in foreach.items():
        try:
            group(path)
        except FormulaError as exc:
            raise fail(rule_id, "foreach", f"foreach.{var}: {exc}") from None
    for key in ("formula", "when"):
        text = params.get(key) if key in params else entry.get(key)
        if not text:
            continue
        for one in (text if isinstance(text, list) else [text]):    # contradiction: a list of formulas
            try:
                compile_formula(str(one), tuple(foreach) if key == "formula" else ())
            except FormulaError as exc:
                raise fail(rule_id, key, f"{key} 有误：{exc}") from None
