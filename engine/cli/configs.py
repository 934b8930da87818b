"""Which configuration applies to each checked file, so a region's gixlint.toml is used
wherever the run is started from.

Without ``--config`` each file gets the nearest gixlint.toml (or pyproject.toml with
[tool.gixlint]) above it, else the one above the current folder; ``--config`` applies one file
to all, ``--isolated`` none. Files sharing a configuration form a group checked by one Linter,
and each group's configuration passes through :func:`gixlint.lint.trust.settle`, so what a
searched file may do (run plugins, change checks unannounced) is the same as before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from gixlint.lint import config as configuration
from gixlint.lint import trust


@dataclass
class Group:
    """Files under one configuration, in run order."""

    key: Path | None                    # the configuration file (None: defaults, --config or --isolated)
    # (position in the run, path as text: a Path object costs about 400 bytes, and a run of
    # 100,000 files holds this list to its end)
    files: list[tuple[int, str]] = field(default_factory=list)
    settled: trust.Settled | None = None
    linter: object = None
    options: dict = field(default_factory=dict)


class Lookup:
    """The configuration for a folder, loaded once per file."""

    def __init__(self, explicit: Path | None, cwd: Path, isolated: bool, stand_ins: dict[Path, Path] | None = None):
        self.explicit, self.cwd, self.isolated = explicit, cwd, isolated
        self.stand_ins = stand_ins or {}     # a report read from standard input → the path it stands for
        self.finder = configuration.Finder(cwd)
        self._loaded: dict[Path, configuration.Config] = {}
        self._named = configuration.discover(explicit, cwd) if explicit is not None and not isolated else None

    def path_for(self, folder: Path) -> Path | None:
        """The configuration file that applies in ``folder`` (None with --config or --isolated)."""
        if self.isolated or self.explicit is not None:
            return None
        return self.finder.nearest(folder)

    def config_for(self, folder: Path) -> configuration.Config | None:
        """Loaded configuration for ``folder``; raises ConfigError for a broken file."""
        if self.isolated:
            return None
        if self._named is not None:
            return self._named
        path = self.path_for(folder)
        if path is None:
            return None
        if path not in self._loaded:
            self._loaded[path] = configuration.load(path)
        return self._loaded[path]

    def groups(self, files: list[Path]) -> list[Group]:
        """Files grouped by configuration, groups in the order their first file comes; one empty
        group when there is no file (its configuration still decides the run's notes)."""
        by_key: dict[Path | None, Group] = {}
        for i, f in enumerate(files):
            key = self.path_for(self.stand_ins.get(f, f).parent)
            by_key.setdefault(key, Group(key)).files.append((i, str(f)))
        return list(by_key.values()) or [Group(self.path_for(self.cwd))]

    def settle(self, group: Group, paths: list[Path], allow_local_plugins: bool, no_plugins: bool) -> trust.Settled:
        """The group's configuration with what it may not do withheld (see gixlint.lint.trust)."""
        start = group.key.parent if group.key is not None else self.cwd
        return trust.settle(self.explicit, start, paths, self.isolated, allow_local_plugins, no_plugins)
