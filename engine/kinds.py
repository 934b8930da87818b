"""Check kinds: the code a TOML rule instantiates, and the Hits it returns."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .model import Report


@dataclass(frozen=True)
class Param:
    """A rule parameter a kind accepts: its TOML type, whether required, default, meaning."""

    type: type | tuple[type, ...]
    doc: str
    required: bool = False
    default: Any = None
    choices: tuple = ()


@dataclass
class Hit:
    """One place a check found a problem; the engine adds the rule's id, severity, message."""

    line: int = 0
    section: str = ""
    table: str = ""
    row: str = ""
    column: str = ""
    expected: Any = None
    actual: Any = None
    values: dict[str, Any] = field(default_factory=dict)   # extra message placeholders
    operands: list[dict] = field(default_factory=list)
    message: str = ""                                       # overrides the rule's template
    severity: str = ""                                      # overrides the rule's severity


@dataclass
class Context:
    """Run-wide facts a check may need."""

    today: date
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CheckKind:
    name: str
    run: Callable[[Any, Report, Context], Iterable[Hit]]
    params: dict[str, Param]
    doc: str = ""
