"""How far a run trusts its configuration file.

Supervisors check folders downloaded from hundreds of sites, and such a folder may carry its own
gixlint.toml. A file found by searching upward from the current directory is data, not a
decision of the user: its ``plugins`` (Python code) run only with ``--allow-local-plugins``, or
when the user named the file with ``--config``, and never under ``--no-plugins``. If it lies inside
the checked folder and changes what is checked, the run names it (stderr and JSON ``config_used``).
``--isolated`` reads no configuration file at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from gixlint.lint.config import Config, discover
from gixlint.lint.packs import ConfigError

# keys that change which findings a run reports, or whether it fails
CHANGES = ("select", "ignore", "extend-select", "severity", "per-file-ignores", "profile", "fail-on", "rules",
           "plugins", "deadline-policy", "deadlines", "roster", "exclude", "extend-exclude", "include", "extend-include")


@dataclass
class Settled:
    """The configuration a run uses, and what the user should be told about it."""

    config: Config
    inside: bool = False                    # the file lies in a folder being checked
    changes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)   # plain Chinese, one line each, for stderr

    def to_json(self) -> dict | None:
        """``config_used`` in the JSON output: null when no configuration file was read."""
        c = self.config
        if c.path is None:
            return None
        return {"path": str(c.path), "found_by": c.found_by, "inside_checked_folder": self.inside,
                "changes": self.changes, "plugins_run": [str(p) for p in c.plugins],
                "plugins_refused": [str(p) for p in c.refused_plugins]}


def settle(explicit: Path | None, start: Path, paths: list[Path], isolated: bool = False,
           allow_local_plugins: bool = False, no_plugins: bool = False) -> Settled:
    """Find and load the configuration, then withhold what it may not do. Raises ConfigError."""
    if isolated:
        if explicit is not None:
            raise ConfigError("--isolated 表示不读任何配置文件，不能同时用 --config")
        return Settled(Config())
    config = discover(explicit, start)
    settled = Settled(config)
    if config.path is None:
        return settled
    settled.inside = inside(config.path, paths)
    settled.changes = [key for key in CHANGES if key in config.lines]
    if config.plugins:
        trusted = config.found_by == "--config" or allow_local_plugins
        if no_plugins or not trusted:
            config.refused_plugins, config.plugins = config.plugins, []
            names = "、".join(p.name for p in config.refused_plugins)
            why = ("按 --no-plugins 不运行任何插件" if no_plugins else
                   "这个配置文件是自动找到的，不是用 --config 指定的；确认其中的代码可信后加 --allow-local-plugins")
            settled.notes.append(f"未运行配置 {config.path} 指明的本地插件 {names}：{why}")
    if settled.inside and config.found_by == "search" and settled.changes:
        settled.notes.append(f"注意：使用了被检查的文件夹里的配置 {config.path}，它改变了检查内容（"
                             f"{'、'.join(settled.changes)}）；不想使用时加 --isolated")
    return settled


def inside(path: Path, checked: list[Path]) -> bool:
    """Whether ``path`` lies in a checked folder (or in the folder of a checked file)."""
    folder = path.resolve().parent
    for p in checked:
        try:
            root = p.resolve() if p.is_dir() else p.resolve().parent
        except OSError:
            continue
        if folder == root or root in folder.parents:
            return True
    return False


def needs_missing_kind(pack: Path, kinds: dict) -> bool:
    """Whether a rule pack names a check kind nobody registered (its plugin did not run)."""
    import tomli

    try:
        data = tomli.loads(pack.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomli.TOMLDecodeError):
        return False        # loading it reports the real problem
    rules = data.get("rule", [])
    return isinstance(rules, list) and any(isinstance(r, dict) and r.get("kind") not in kinds for r in rules)
