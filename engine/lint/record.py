"""What a run keeps of a report once it is checked: a few facts, never the whole parsed report.

A supervisor's run may check 100,000 files. Holding every parsed :class:`Report` until the end
costs tens of kilobytes a report and a slow trip back from each worker process, while the
outputs and the cross-report step need little of it: who and which year, the format, how far
each table was read, the dates that say when it was issued, and the few lines a finding may
point to. That is a :class:`ReportRecord`. Cross-report rules get what they need from their own
digest of each report (:attr:`gixlint.lint.kinds.CheckKind.digest`), made where the report is read.

Outputs that show a report's tables (the HTML report, the files per agency) ask for the report
itself; it then travels compressed (:attr:`ReportRecord.packed`) and is unpacked one report at a time.
"""

from __future__ import annotations

import pickle
import sys
import zlib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from gixlint.parse.model import Meta, Report

ISSUED = ("signoff", "published")       # date roles that say when a report was issued


@dataclass(frozen=True)
class TableStatus:
    """How far one table was read (see :class:`gixlint.parse.model.Table`)."""

    status: str
    reason: str
    reconstructed: bool
    unread_rows: dict[str, dict]

    def __reduce__(self):
        # nearly every table is read exactly: one shared object for all of them, even after
        # a trip from a worker process, rather than one per table of 100,000 reports
        if self == READ_EXACTLY:
            return _read_exactly, ()
        return TableStatus, (self.status, self.reason, self.reconstructed, self.unread_rows)


READ_EXACTLY = TableStatus("exact", "", False, {})


def _read_exactly() -> TableStatus:
    return READ_EXACTLY


@dataclass(slots=True)
class ReportRecord:
    """What a run keeps of a checked report besides its findings: meta, layout, dates, table status."""

    path: str
    meta: Meta
    layout: str = "text"
    readable: bool = False              # parts were found: the file is a report that could be read
    problems: tuple[str, ...] = ()      # parse problem kinds (not-a-report, several-reports, …)
    issued: tuple[date, ...] = ()       # valid sign-off and publication dates
    tables: dict[str, TableStatus] = field(default_factory=dict)
    sources: dict[int, str] = field(default_factory=dict)   # places (page, paragraph) of the lines
                                                            # a cross-report finding may name
    packed: Any = None                  # the whole report, pickled and compressed, when outputs need it
                                        # (bytes, or a gixlint.lint.spill.Stored handle to them)

    def __post_init__(self) -> None:
        self._share()

    def __setstate__(self, state) -> None:
        # back from a worker or the cache: share again what nearly every record has alike
        _no_dict, slots = state        # object's own state of a class with __slots__
        for name, value in slots.items():
            object.__setattr__(self, name, value)
        self._share()

    def _share(self) -> None:
        """One object for what most records hold alike (every table read exactly, no places, the
        same few words), rather than one each: a run of 100,000 records saves about 50 MB."""
        if not self.sources:
            self.sources = _NO_SOURCES
        if all(status is READ_EXACTLY for status in self.tables.values()):
            self.tables = _read_exactly_tables(tuple(self.tables))
        self.layout = sys.intern(self.layout)
        self.meta.format = sys.intern(self.meta.format)

    @classmethod
    def of(cls, report: Report) -> ReportRecord:
        return cls(
            path=report.path, meta=report.meta, layout=report.layout, readable=bool(report.sections),
            problems=tuple(p.kind for p in report.problems),
            issued=tuple(d.date for d in report.dates if d.role in ISSUED and d.valid),
            tables={name: _status(t) for name, t in report.tables.items()},
            sources=_anchor_sources(report),
        )

    @property
    def cross_checkable(self) -> bool:
        """A report the cross-report step compares: not a non-report, not several in one file."""
        return not ({"not-a-report", "several-reports"} & set(self.problems))

    def report(self) -> Report | None:
        """The whole report, if it was kept (unpacked afresh on each call: hold it briefly)."""
        if self.packed is None:
            return None
        return unpack(self.packed if isinstance(self.packed, bytes) else self.packed.read())


class _Shared(dict):
    """A dict many records share: refuses changes, and pickles as a plain dict."""

    __slots__ = ()

    def _refuse(self, *args, **kwargs):
        raise TypeError("shared by many records: make a new dict instead")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = __ior__ = _refuse

    def __reduce__(self):
        return dict, (dict(self),)


_NO_SOURCES = _Shared()


@lru_cache(maxsize=64)
def _read_exactly_tables(names: tuple[str, ...]) -> _Shared:
    return _Shared((name, READ_EXACTLY) for name in names)


def _status(table) -> TableStatus:
    status = TableStatus(table.status, table.reason, table.reconstructed, dict(table.unread_rows))
    return READ_EXACTLY if status == READ_EXACTLY else status


def pack(report: Report) -> bytes:
    return zlib.compress(pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL), 1)


def unpack(data: bytes) -> Report:
    return pickle.loads(zlib.decompress(data))


def _anchor_sources(report: Report) -> dict[int, str]:
    """The places of the title, part headings, tables and table rows: where cross-report
    findings point. Empty for plain text, where a line number is the place."""
    if not report.sources:
        return {}
    lines = {report.meta.title_line, *(s.line for s in report.sections)}
    for table in report.tables.values():
        lines.add(table.line)
        for row in table.rows.values():
            lines.add(row.line)
            lines.update(c.line for c in row.cells.values())
    return {n: report.sources[n] for n in lines if n in report.sources}
