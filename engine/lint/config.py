"""Configuration: ``gixlint.toml`` or ``[tool.gixlint]`` in pyproject.toml, the nearest one wins.

    select = ["GIX", "office"]          # codes, code prefixes, names, aliases or categories
    ignore = ["GIX305"]
    extend-select = ["SZB"]
    severity = { GIX104 = "warning" }
    rules = ["rules/my-office.toml"]    # extra packs, relative to this file
    plugins = ["tools/my_kinds.py"]     # local plugin modules: only when named here
    require-plugins = ["gixlint-example-office"]
    per-file-ignores = { "drafts/*.txt" = ["dates"] }
    profile = "strict"                  # default | strict (off-by-default rules on, fail on warnings)
    fail-on = "error"
    deadline-policy = "auto"            # auto | department | government
    deadlines = { department = "01-31", government = "03-31" }
    roster = "名单.csv"                  # agencies that must report, with type and deadline
    extend = "../gixlint.toml"          # inherit, then override
    exclude = ["草稿/", "*-旧版.docx"]    # replaces the default exclusions (.git, __MACOSX, …)
    extend-exclude = ["归档/"]           # adds to them
    include = ["*.docx"]                # only these files in searched folders (default: every readable type)
    extend-include = ["*.wps.txt"]      # adds to the readable types

Globs are gitignore-style, relative to this file's folder: a pattern without ``/`` matches a name
at any depth, ``归档/`` only folders, ``2024/*.txt`` one place. A file named on the command line
is checked even when excluded (unless ``--force-exclude``).

Unknown keys and bad values are errors (exit 2), never ignored. A file found by searching is not
trusted to run code: see :mod:`gixlint.lint.trust` for when its ``plugins`` run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from gixlint.lint.findings import SEVERITIES
from gixlint.lint.packs import ConfigError
from gixlint.vocab.deadlines import month_day

KEYS = {
    "select": list, "ignore": list, "extend-select": list, "severity": dict, "rules": list,
    "plugins": list, "require-plugins": list, "per-file-ignores": dict, "profile": str, "fail-on": str,
    "deadline-policy": str, "deadlines": dict, "roster": str, "extend": str,
    "exclude": list, "extend-exclude": list, "include": list, "extend-include": list,
    "limits": dict,
}
# never reports: version control, environments, and the resource forks a Mac leaves in a zip
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", "__MACOSX",
                   ".gixlint_cache")
PROFILES = ("default", "strict")
FAIL_ON = ("error", "warning", "info", "never")
POLICIES = ("auto", "department", "government")
_MMDD = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")


@dataclass
class Config:
    """A gixlint.toml (or [tool.gixlint]) as read: rule choice, severities, paths, deadlines."""

    path: Path | None = None
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    rules: list[Path] = field(default_factory=list)
    plugins: list[Path] = field(default_factory=list)
    require_plugins: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    profile: str = "default"
    fail_on: str | None = None
    deadline_policy: str | None = None
    deadlines: dict[str, str] = field(default_factory=dict)
    roster: Path | None = None
    lines: dict[str, int] = field(default_factory=dict)   # key → line, for error messages
    found_by: str = ""          # "--config" (the user named it) or "search" (found upward from here)
    refused_plugins: list[Path] = field(default_factory=list)   # named in ``plugins`` but not trusted to run
    skipped_packs: list[str] = field(default_factory=list)      # packs needing a refused plugin's kinds
    exclude: list[str] | None = None        # None: DEFAULT_EXCLUDE
    extend_exclude: list[str] = field(default_factory=list)
    include: list[str] | None = None        # None: every file type gixlint reads
    extend_include: list[str] = field(default_factory=list)
    limits: dict[str, float] = field(default_factory=dict)   # [limits]: field of vocab.limits.Limits → value

    @property
    def base(self) -> Path:
        return self.path.parent if self.path else Path.cwd()


class Finder:
    """The configuration file for each checked file: the nearest gixlint.toml or [tool.gixlint]
    above it, else the one above the current folder (as ruff does), so a region's gixlint.toml
    applies however the run was started. Looked up once per folder."""

    def __init__(self, cwd: Path):
        self.cwd = cwd
        self._near: dict[Path, Path | None] = {}
        self._nearest: dict[Path, Path | None] = {}    # by the folder as asked: no resolving per file

    def nearest(self, folder: Path) -> Path | None:
        if folder not in self._nearest:
            here = self._find(folder)
            self._nearest[folder] = here if here is not None else self._find(self.cwd)
        return self._nearest[folder]

    def _find(self, folder: Path) -> Path | None:
        folder = folder.resolve()
        if folder not in self._near:
            self._near[folder] = find(folder)
        return self._near[folder]


def find(start: Path) -> Path | None:
    """The nearest gixlint.toml, or pyproject.toml with a [tool.gixlint] table, from ``start`` up."""
    start = start.resolve()
    for folder in [start, *start.parents] if start.is_dir() else [start.parent, *start.parent.parents]:
        candidate = folder / "gixlint.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "[tool.gixlint" in pyproject.read_text(encoding="utf-8", errors="replace"):
            return pyproject
    return None


def _line(text: str, key: str) -> int:
    for i, line in enumerate(text.splitlines(), start=1):
        if re.match(rf"^\s*\"?{re.escape(key)}\"?\s*=", line):
            return i
    return 1


def load(path: Path, _seen: tuple[Path, ...] = ()) -> Config:
    """Read one configuration file (following ``extend``); raise ConfigError with file:line."""
    path = path.resolve()
    if path in _seen:
        raise ConfigError(f"{path}: extend 形成循环")
    if not path.is_file():
        raise ConfigError(f"{_seen[-1]}: extend 引用的配置文件不存在：{path}" if _seen else f"找不到配置文件 {path}")
    import tomli  # only where there is a configuration to read: most runs have none

    try:
        text = path.read_text(encoding="utf-8")
        data = tomli.loads(text)
    except OSError as exc:
        raise ConfigError(f"{path}: 无法读取配置：{exc}") from exc
    except tomli.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: TOML 语法错误：{exc}") from exc
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("gixlint", {})

    def fail(key: str, message: str) -> ConfigError:
        return ConfigError(f"{path}:{_line(text, key)}: {message}")

    for key, value in data.items():
        if key not in KEYS:
            raise fail(key, f"未知的配置项「{key}」，可用：{', '.join(sorted(KEYS))}")
        if not isinstance(value, KEYS[key]):
            raise fail(key, f"配置项「{key}」应为 {KEYS[key].__name__}")
    config = load(path.parent / data["extend"], (*_seen, path)) if "extend" in data else Config()
    config.path = path
    config.lines.update({key: _line(text, key) for key in data})
    base = path.parent
    if "select" in data:
        config.select = [str(s) for s in data["select"]]
    config.ignore += [str(s) for s in data.get("ignore", [])]
    config.extend_select += [str(s) for s in data.get("extend-select", [])]
    for selector, level in data.get("severity", {}).items():
        if level not in SEVERITIES:
            raise fail("severity", f"severity.{selector} 应为 {', '.join(SEVERITIES)} 之一，而不是「{level}」")
        config.severity[selector] = level
    for pack in data.get("rules", []):
        resolved = (base / pack).resolve()
        if not resolved.is_file():
            raise fail("rules", f"找不到规则包 {pack}（相对于 {base}）")
        config.rules.append(resolved)
    for plugin in data.get("plugins", []):
        resolved = (base / plugin).resolve()
        if not resolved.is_file():
            raise fail("plugins", f"找不到插件文件 {plugin}（相对于 {base}）")
        config.plugins.append(resolved)
    config.require_plugins += [str(p) for p in data.get("require-plugins", [])]
    for pattern, selectors in data.get("per-file-ignores", {}).items():
        if not isinstance(selectors, list):
            raise fail("per-file-ignores", f"per-file-ignores.\"{pattern}\" 应为规则列表")
        config.per_file_ignores[str(pattern)] = [str(s) for s in selectors]
    if "profile" in data:
        if data["profile"] not in PROFILES:
            raise fail("profile", f"profile 应为 {', '.join(PROFILES)} 之一")
        config.profile = data["profile"]
    if "fail-on" in data:
        if data["fail-on"] not in FAIL_ON:
            raise fail("fail-on", f"fail-on 应为 {', '.join(FAIL_ON)} 之一")
        config.fail_on = data["fail-on"]
    if "deadline-policy" in data:
        if data["deadline-policy"] not in POLICIES:
            raise fail("deadline-policy", f"deadline-policy 应为 {', '.join(POLICIES)} 之一")
        config.deadline_policy = data["deadline-policy"]
    for who, mmdd in data.get("deadlines", {}).items():
        if who not in ("department", "government") or not _MMDD.match(str(mmdd)) or month_day(str(mmdd)) is None:
            raise fail("deadlines", f"deadlines 只接受 department 或 government = \"月-日\"（如 \"01-31\"），"
                                    f"而不是 {who} = \"{mmdd}\"")
        config.deadlines[who] = str(mmdd)
    for key in ("exclude", "extend-exclude", "include", "extend-include"):
        if key in data:
            patterns = [str(g) for g in data[key]]
            attr = key.replace("-", "_")
            setattr(config, attr, patterns if not key.startswith("extend") else getattr(config, attr) + patterns)
    config.limits.update(_limits(data.get("limits", {}), fail))
    if "roster" in data:
        resolved = (base / data["roster"]).resolve()
        if not resolved.is_file():
            raise fail("roster", f"找不到名单文件 {data['roster']}（相对于 {base}）")
        config.roster = resolved
    return config


def _limits(table: dict, fail) -> dict[str, float]:
    """``[limits]``: each key a setting of :mod:`gixlint.vocab.limits`, a number ≥ 0 (0 switches a
    time or memory limit off; the others must be positive)."""
    from gixlint.vocab.limits import KEYS as LIMIT_KEYS

    out = {}
    for key, value in table.items():
        if key not in LIMIT_KEYS:
            raise fail("limits", f"未知的上限「limits.{key}」，可用：{', '.join(sorted(LIMIT_KEYS))}")
        name = LIMIT_KEYS[key]
        whole = name != "seconds_per_file"
        off = name in ("seconds_per_file", "memory_mb")
        if isinstance(value, bool) or not isinstance(value, int if whole else (int, float)) \
                or not (0 <= value < 10**12) or (value == 0 and not off):
            raise fail("limits", f"limits.{key} 应为{'正整数' if whole else '正数'}"
                                 f"{'（0 表示不限）' if off else ''}，而不是 {value!r}")
        if name == "number_digits" and value > 4000:
            raise fail("limits", "limits.number-digits 最大为 4000")
        out[name] = value
    return out


def selectors(config: Config) -> list[tuple[str, str]]:
    """(selector, where) for every rule reference in the configuration, for error messages."""
    where = lambda key: f"{config.path}:{config.lines.get(key, 1)}" if config.path else "配置"  # noqa: E731
    out = [(s, where("select")) for s in config.select or []]
    out += [(s, where("extend-select")) for s in config.extend_select]
    out += [(s, where("ignore")) for s in config.ignore]
    out += [(s, where("severity")) for s in config.severity]
    out += [(s, where("per-file-ignores")) for v in config.per_file_ignores.values() for s in v]
    return out


def discover(explicit: Path | None, start: Path) -> Config:
    """``--config`` if given, else the nearest file from ``start``, else defaults."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"找不到配置文件 {explicit}")
        config = load(explicit)
        config.found_by = "--config"
        return config
    found = find(start)
    if not found:
        return Config()
    config = load(found)
    config.found_by = "search"
    return config
