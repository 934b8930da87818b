"""Which files in a searched folder are checked: exclude and include globs, ruff-style.

``--exclude`` replaces a configuration's ``exclude`` (and the defaults), ``--extend-exclude``
adds to it; ``include`` narrows the file types, ``extend-include`` widens them. Globs are
gitignore-style (pathspec) and relative to the folder of the configuration that applies to the
file — the nearest one above it — or to the current folder when there is none.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from gixlint.lint.config import DEFAULT_EXCLUDE, Config

if TYPE_CHECKING:
    import pathspec


@dataclass
class _Rules:
    """The exclude and include globs in force below one folder."""

    base: Path
    exclude: pathspec.PathSpec
    include: pathspec.PathSpec | None        # None: every readable type
    extend_include: pathspec.PathSpec


class Scope:
    """Answers, for a path met while walking a folder, whether it is left out or wanted."""

    def __init__(self, config_for: Callable[[Path], Config | None], cwd: Path, exclude: list[str] | None = None,
                 extend_exclude: list[str] | None = None, include: list[str] | None = None,
                 extend_include: list[str] | None = None, force_exclude: bool = False):
        self.config_for = config_for
        self.cwd = cwd.resolve()
        self.cli = (exclude, extend_exclude or [], include, extend_include or [])
        self.force_exclude = force_exclude
        self._rules: dict[Path | None, _Rules] = {}
        self._folders: dict[tuple[Path, Path], str] = {}     # (folder, base) → the folder as globs see it

    def _for(self, folder: Path) -> _Rules:
        config = self.config_for(folder)
        key = config.path if config else None
        if key not in self._rules:
            import pathspec  # only once a folder is searched or a named file is weighed against the globs

            exclude, extend_exclude, include, extend_include = self.cli
            c = config or Config()
            patterns = [*(exclude if exclude is not None else c.exclude if c.exclude is not None else DEFAULT_EXCLUDE),
                        *c.extend_exclude, *extend_exclude]
            included = include if include is not None else c.include
            self._rules[key] = _Rules(
                c.path.parent if c.path else self.cwd, pathspec.GitIgnoreSpec.from_lines(patterns),
                pathspec.GitIgnoreSpec.from_lines(included) if included is not None else None,
                pathspec.GitIgnoreSpec.from_lines([*c.extend_include, *extend_include]))
        return self._rules[key]

    def excluded(self, path: Path, folder: bool) -> bool:
        rules = self._for(path if folder else path.parent)
        relative = _relative(path, rules.base) + "/" if folder else self._file(path, rules.base)
        return rules.exclude.match_file(relative)

    def wanted(self, path: Path) -> bool | None:
        """True if an include glob takes the file, False if ``include`` is set and none does,
        None to leave it to the readable types."""
        rules = self._for(path.parent)
        relative = self._file(path, rules.base)
        if rules.include is not None:
            return rules.include.match_file(relative) or rules.extend_include.match_file(relative)
        return True if rules.extend_include.match_file(relative) else None


    def _file(self, path: Path, base: Path) -> str:
        """A file as globs see it: its folder's form (worked out once per folder: a folder of
        thousands of reports is not resolved for each) and its name."""
        key = (path.parent, base)
        if key not in self._folders:
            self._folders[key] = _relative(path.parent, base)
        folder = self._folders[key]
        return path.name if folder == "." else f"{folder.rstrip('/')}/{path.name}"


def _relative(path: Path, base: Path) -> str:
    """The path as globs see it: relative to ``base``, else its whole absolute path."""
    absolute = Path(os.path.abspath(path))
    for candidate in (absolute, absolute.resolve()):
        try:
            return candidate.relative_to(base).as_posix()
        except ValueError:
            continue
    return absolute.as_posix().lstrip("/")
