"""The plugin manager: built-in kinds and packs, then installed plugins, each loaded in isolation.

A plugin's import and hooks run within a time budget, and whatever they raise — even SystemExit —
names the plugin in ``Registry.failed`` and the run goes on without it (see :mod:`gixlint.lint.bounds`).
Which local plugin files may run at all is decided before this (:mod:`gixlint.lint.trust`).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pluggy

from gixlint.lint import bounds, hookspecs
from gixlint.lint.kinds import CheckKind
from gixlint.lint.packs import ConfigError

ENTRY_POINT_GROUP = "gixlint"


@hookspecs.hookimpl
def gixlint_rule_packs():
    """The national 2021-format pack, embedded in the wheel."""
    from gixlint.parse.grammars import folder

    rules = folder("gixlint.rules")
    return [rules.joinpath("national-2021.toml"), rules.joinpath("national-2019.toml")]


@dataclass
class Registry:
    """The check kinds and rule packs the plugins gave, and which plugins were loaded."""

    manager: pluggy.PluginManager
    kinds: dict[str, CheckKind]
    packs: list
    loaded: list[tuple[str, str]] = field(default_factory=list)   # (name, version)
    failed: list[tuple[str, str]] = field(default_factory=list)   # (name and version, reason)
    kind_source: dict[str, str] = field(default_factory=dict)     # kind → plugin that provides it
    pack_source: dict[str, str] = field(default_factory=dict)     # pack path → plugin that ships it

    def has(self, name: str) -> bool:
        return any(n == name for n, _v in self.loaded)


def _load_file(path: Path):
    """Import a local plugin module from a file the configuration names explicitly."""
    spec = importlib.util.spec_from_file_location(f"gixlint_local_{path.stem}", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"无法导入 {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Manager(pluggy.PluginManager):
    """pluggy's manager, looking only at names a gixlint hook can have: registering a module
    otherwise asks about each of its few hundred names (a few ms of every start-up)."""

    def parse_hookimpl_opts(self, plugin, name: str):
        if not name.startswith("gixlint_"):
            return None
        return super().parse_hookimpl_opts(plugin, name)


def build_registry(load_entry_points: bool = True, local_plugins: list[Path] = ()) -> Registry:
    from gixlint import checks

    pm = _Manager("gixlint")
    pm.add_hookspecs(hookspecs)
    for module in checks.BUILTIN_MODULES:
        pm.register(module)
    pm.register(__import__(__name__, fromlist=["_"]), name="gixlint.national")
    registry = Registry(pm, {}, [])
    limits = bounds.Limits()
    # a broken plugin is named, and the run goes on
    plugins = list(installed()) if load_entry_points else []
    plugins += [(path.stem, str(path), lambda path=path: _load_file(path)) for path in local_plugins]
    for name, version, load in plugins:
        module, failure = bounds.call(load, limits)
        if failure is None:
            try:
                pm.register(module, name=name)
            except ValueError as exc:
                failure = f"ValueError: {exc}"
        if failure is None:
            registry.loaded.append((name, version))
        else:
            registry.failed.append((f"{name} {version}", failure))
    # call each plugin's hooks on its own, so one that raises is named and the rest still load
    for impl in pm.hook.gixlint_check_kinds.get_hookimpls():
        provided, failure = bounds.call(lambda impl=impl: list(impl.function()), limits)
        if failure is not None:
            registry.failed.append((impl.plugin_name, f"gixlint_check_kinds {failure}"))
            continue
        for kind in provided:
            if kind.name in registry.kinds:
                raise ConfigError(f"检查类型「{kind.name}」被注册了两次（{registry.kind_source[kind.name]} 和 "
                                  f"{impl.plugin_name}）")
            registry.kinds[kind.name] = kind
            registry.kind_source[kind.name] = impl.plugin_name
    for impl in pm.hook.gixlint_rule_packs.get_hookimpls():  # registration order: gixlint's own first
        provided, failure = bounds.call(lambda impl=impl: list(impl.function()), limits)
        if failure is not None:
            registry.failed.append((impl.plugin_name, f"gixlint_rule_packs {failure}"))
            continue
        registry.packs.extend(provided)
        registry.pack_source.update({str(p): impl.plugin_name for p in provided})
    return registry


# --- installed plugins: the entry points of group "gixlint", found once a process --------------
# importlib.metadata's own rules (its distributions in sys.path order, the first of a name, each
# entry_points.txt read the same way), without importing it and the email package it parses
# metadata with: that is a good part of gixlint's start-up. Whatever is out of the ordinary (a zip
# or egg on sys.path, another finder of distributions, a line importlib.metadata would read
# differently) is left to importlib.metadata itself.

_ENTRY = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")
_scanned: dict[tuple, list] = {}


class _Unusual(Exception):
    """Left to importlib.metadata."""


def installed() -> list[tuple[str, str, object]]:
    """(name, version, load) of each installed plugin, in importlib.metadata's order; scanned once."""
    key = tuple(sys.path)
    if key not in _scanned:
        try:
            _scanned[key] = _scan(key)
        except _Unusual:
            _scanned[key] = _by_importlib()
    return _scanned[key]


def _by_importlib() -> list[tuple[str, str, object]]:
    from importlib import metadata

    return [(ep.name, ep.dist.version if ep.dist else "?", ep.load)
            for ep in metadata.entry_points(group=ENTRY_POINT_GROUP)]


def _scan(paths: tuple) -> list[tuple[str, str, object]]:
    import importlib.machinery

    if any(getattr(finder, "find_distributions", None) is not None and finder is not importlib.machinery.PathFinder
           for finder in sys.meta_path):
        raise _Unusual("another finder of distributions")
    seen: set[str] = set()
    found = []
    for root in paths:
        if os.path.isfile(root) or os.path.basename(root).lower().endswith(".egg"):
            raise _Unusual("a zip or an egg on sys.path")
        try:
            children = os.listdir(root or ".")
        except OSError:
            continue
        infos: dict[str, list[str]] = {}
        for child in children:
            low = child.lower()
            if low.endswith((".dist-info", ".egg-info")):
                stem, ext = os.path.splitext(child)
                if ext not in (".dist-info", ".egg-info"):
                    raise _Unusual("a metadata folder named in capitals")
                infos.setdefault(_normalize(low.rpartition(".")[0].partition("-")[0]), []).append(child)
        for group in infos.values():
            for child in group:
                name = _normalize(os.path.splitext(child)[0].partition("-")[0])
                if name in seen:
                    continue
                seen.add(name)
                folder = os.path.join(root, child)
                for ep_name, value in _entry_points(_read(folder, "entry_points.txt")):
                    found.append((ep_name, _version(folder), _loader(value)))
    return found


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def _read(folder: str, name: str) -> str | None:
    try:
        with open(os.path.join(folder, name), encoding="utf-8") as handle:
            return handle.read()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
        return None


def _entry_points(text: str | None) -> list[tuple[str, str]]:
    """(name, value) of the group's entry points; every line is read, as importlib.metadata does."""
    out = []
    section = None
    for line in (text or "").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
            continue
        if section is None:
            continue
        if "=" not in line:
            raise _Unusual("an entry point line without =")
        name, value = (part.strip() for part in line.split("=", 1))
        if section == ENTRY_POINT_GROUP:
            if not _ENTRY.match(value):
                raise _Unusual("an entry point importlib.metadata cannot load")
            out.append((name, value))
    return out


def _version(folder: str) -> str:
    """The Version header of METADATA (or PKG-INFO), when it is a plain one."""
    text = _read(folder, "METADATA") or _read(folder, "PKG-INFO")
    if not text:
        raise _Unusual("no metadata")
    lines = re.split(r"\r\n|\r|\n", text)       # as the email package splits them
    for i, line in enumerate(lines):
        if not line:
            break
        if line[:1] in (" ", "\t"):
            continue
        if ":" not in line:
            raise _Unusual("a metadata line that is not a header")
        name, value = line.split(":", 1)
        if name.lower() == "version":
            if i + 1 < len(lines) and lines[i + 1][:1] in (" ", "\t") or not value.isascii():
                raise _Unusual("a folded or encoded version")
            return value.lstrip(" \t")
    raise _Unusual("no version")


def _loader(value: str):
    def load():
        match = _ENTRY.match(value)
        module = importlib.import_module(match.group("module"))
        for attr in filter(None, (match.group("attr") or "").split(".")):
            module = getattr(module, attr)
        return module
    return load
