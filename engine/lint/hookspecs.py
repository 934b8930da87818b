"""Hook specifications: how plugins extend gixlint.

A plugin is a module or object with functions marked ``@gixlint.hookimpl`` whose names match
the hooks below; it implements only the hooks it needs. Plugins installed as packages are
found through the ``gixlint`` entry-point group. gixlint's own check kinds and its national
rule pack are registered through these same hooks.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from importlib.abc import Traversable  # importing it loads importlib.resources (~10 ms)

hookspec = pluggy.HookspecMarker("gixlint")
hookimpl = pluggy.HookimplMarker("gixlint")


@hookspec
def gixlint_check_kinds() -> list:
    """Return the check kinds this plugin provides, as :class:`gixlint.lint.kinds.CheckKind` objects.

    A check kind is the code behind a family of TOML rules: the rule's ``kind`` key names it,
    and the rule's other keys are its parameters (declared in ``CheckKind.params``). The
    kind's ``run(rule, report, context)`` yields :class:`gixlint.lint.kinds.Hit` objects; gixlint
    turns each into a finding using the rule's id, severity and message template.

    A cross-report kind (``corpus=True``) runs once over a whole run: ``run(rule, reports, context)``
    yields ``(index of a report, Hit)``. Give it a ``digest(rule, report, context)`` as well, made
    in the worker that read each report; ``run`` then receives one
    :class:`gixlint.lint.kinds.Entry` per report (``path``, ``meta``, the digest as ``data``)
    rather than parsed reports, and a run of any size holds only digests. An entry's ``data`` is
    read from disk each time it is asked for: bind it to a name when you use it more than once.

    Kind names are global: two plugins providing the same name is a configuration error.
    """


@hookspec
def gixlint_rule_packs() -> list[Path | Traversable]:
    """Return paths of TOML rule packs this plugin ships.

    Each pack is validated when loaded; a pack that names an unknown kind or parameter stops
    the run with a precise error (file, line, rule id, key), never silently.
    """
