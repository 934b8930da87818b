"""The plugin manager: built-in kinds and packs, then installed plugins, each loaded in isolation."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import metadata, resources

import pluggy

from . import hookspecs
from .kinds import CheckKind
from .packs import ConfigError

ENTRY_POINT_GROUP = "gixlint"


@hookspecs.hookimpl
def gixlint_rule_packs():
    """The national 2021-format pack, embedded in the wheel."""
    return [resources.files("gixlint.rules").joinpath("national-2021.toml")]


@dataclass
class Registry:
    manager: pluggy.PluginManager
    kinds: dict[str, CheckKind]
    packs: list
    loaded: list[tuple[str, str]] = field(default_factory=list)   # (name, version)
    failed: list[tuple[str, str]] = field(default_factory=list)   # (name, reason)


def build_registry(load_entry_points: bool = True) -> Registry:
    from . import checks

    pm = pluggy.PluginManager("gixlint")
    pm.add_hookspecs(hookspecs)
    for module in checks.BUILTIN_MODULES:
        pm.register(module)
    pm.register(__import__(__name__, fromlist=["_"]), name="gixlint.national")
    registry = Registry(pm, {}, [])
    if load_entry_points:
        for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
            version = ep.dist.version if ep.dist else "?"
            try:
                pm.register(ep.load(), name=ep.name)
                registry.loaded.append((ep.name, version))
            except Exception as exc:  # a broken plugin is named, and the run goes on
                registry.failed.append((f"{ep.name} {version}", f"{type(exc).__name__}: {exc}"))
    for provided in pm.hook.gixlint_check_kinds():
        for kind in provided:
            if kind.name in registry.kinds:
                raise ConfigError(f"检查类型「{kind.name}」被注册了两次")
            registry.kinds[kind.name] = kind
    for provided in pm.hook.gixlint_rule_packs():
        registry.packs.extend(provided)
    return registry
