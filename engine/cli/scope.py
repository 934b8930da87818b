"""Which files in a searched folder are checked: exclude and include globs, ruff-style.

``--exclude`` replaces a configuration's ``exclude`` (and the defaults), ``--extend-exclude``
adds to it; ``include`` narrows the file types, ``extend-include`` widens them. Globs are
gitignore-style (pathspec) and relative to the folder of the configuration that applies to the
file — the nearest one above it — or to the current folder when there is none.
"""

from __future__ import annotations

import os
import re
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
    exclude: Names | pathspec.PathSpec
    include: Names | pathspec.PathSpec | None        # None: every readable type
    extend_include: Names | pathspec.PathSpec


class Names:
    """Globs that are all bare names (``.git``, ``node_modules``: the default excludes): a path
    matches when one of its parts is such a name, as gitignore has it. Set lookups instead of a
    regex per glob and file, and no pathspec import for a run that keeps the defaults."""

    def __init__(self, names):
        self.names = frozenset(names)

    def match_file(self, path: str) -> bool:
        return not self.names.isdisjoint(path.split("/")) if self.names else False


# anything gitignore reads specially: wildcards, classes, escapes, negation, comments, anchoring
# or folder-only slashes, spaces at either end, and the dot names
_SPECIAL = re.compile(r"[*?\[\]\\!/#]|^\s|\s$|^\.\.?$")


def globs(patterns: list[str]) -> Names | pathspec.PathSpec:
    """The patterns as a matcher: :class:`Names` when each is a bare name, else pathspec's."""
    if all(p and not _SPECIAL.search(p) for p in patterns):
        return Names(patterns)
    import pathspec  # only for globs beyond bare names

    return pathspec.GitIgnoreSpec.from_lines(patterns)


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
        self._folders: dict[str, tuple[_Rules, str]] = {}    # folder → its globs, and it as they see it

    def _for(self, folder: Path) -> _Rules:
        config = self.config_for(folder)
        key = config.path if config else None
        if key not in self._rules:
            exclude, extend_exclude, include, extend_include = self.cli
            c = config or Config()
            patterns = [*(exclude if exclude is not None else c.exclude if c.exclude is not None else DEFAULT_EXCLUDE),
                        *c.extend_exclude, *extend_exclude]
            included = include if include is not None else c.include
            self._rules[key] = _Rules(
                c.path.parent if c.path else self.cwd, globs(patterns),
                globs(included) if included is not None else None,
                globs([*c.extend_include, *extend_include]))
        return self._rules[key]

    def excluded(self, path: Path, folder: bool) -> bool:
        if folder:
            rules = self._for(path)
            return rules.exclude.match_file(_relative(path, rules.base) + "/")
        rules, relative = self._file(path)
        return rules.exclude.match_file(relative)

    def wanted(self, path: Path) -> bool | None:
        """True if an include glob takes the file, False if ``include`` is set and none does,
        None to leave it to the readable types."""
        rules, relative = self._file(path)
        if rules.include is not None:
            return rules.include.match_file(relative) or rules.extend_include.match_file(relative)
        return True if rules.extend_include.match_file(relative) else None

    def _file(self, path: Path) -> tuple[_Rules, str]:
        """The globs in force for a file, and the file as they see it. Its folder's part is worked
        out once per folder (a folder of thousands of reports is not resolved for each), keyed by
        the folder's text: no Path made or hashed per file."""
        folder = os.path.dirname(path)
        known = self._folders.get(folder)
        if known is None:
            rules = self._for(path.parent)
            known = self._folders[folder] = (rules, _relative(path.parent, rules.base))
        rules, relative = known
        return rules, path.name if relative == "." else f"{relative.rstrip('/')}/{path.name}"


def _relative(path: Path, base: Path) -> str:
    """The path as globs see it: relative to ``base``, else its whole absolute path."""
    absolute = Path(os.path.abspath(path))
    for candidate in (absolute, absolute.resolve()):
        try:
            return candidate.relative_to(base).as_posix()
        except ValueError:
            continue
    return absolute.as_posix().lstrip("/")
