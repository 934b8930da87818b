"""The plugin manager: built-in kinds and packs, then installed plugins, each loaded in isolation.

A plugin's import and hooks run within a time budget, and whatever they raise — even SystemExit —
names the plugin in ``Registry.failed`` and the run goes on without it (see :mod:`gixlint.lint.bounds`).
Which local plugin files may run at all is decided before this (:mod:`gixlint.lint.trust`).
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path

import pluggy

from gixlint.lint import bounds, hookspecs
from gixlint.lint.kinds import CheckKind
from gixlint.lint.packs import ConfigError

ENTRY_POINT_GROUP = "gixlint"


@hookspecs.hookimpl
def gixlint_rule_packs():
    """The national 2021-format pack, embedded in the wheel."""
    rules = resources.files("gixlint.rules")
    return [rules.joinpath("national-2021.toml"), rules.joinpath("national-2019.toml")]


@dataclass
class Registry:
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


def build_registry(load_entry_points: bool = True, local_plugins: list[Path] = ()) -> Registry:
    from gixlint import checks

    pm = pluggy.PluginManager("gixlint")
    pm.add_hookspecs(hookspecs)
    for module in checks.BUILTIN_MODULES:
        pm.register(module)
    pm.register(__import__(__name__, fromlist=["_"]), name="gixlint.national")
    registry = Registry(pm, {}, [])
    limits = bounds.Limits()
    # a broken plugin is named, and the run goes on
    plugins = [(ep.name, ep.dist.version if ep.dist else "?", ep.load)
               for ep in (metadata.entry_points(group=ENTRY_POINT_GROUP) if load_entry_points else ())]
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
