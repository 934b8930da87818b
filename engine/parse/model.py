"""The report AST: what the parser understood, with a source line for everything.

Rules read only this; they never see the file or the layout.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gixlint.read.document import Problem
from gixlint.vocab.dates import DateMention
from gixlint.vocab.values import Cell


@dataclass
class Paragraph:
    """A paragraph of prose and its line."""

    line: int
    text: str


@dataclass
class Section:
    """One of the report's six parts, with its heading as written."""

    number: int                 # canonical number 1..6
    numeral: str                # as written: 三, 3, （4）, or "" when unnumbered
    separator: str              # as written: 、 . ． or ""
    title: str                  # heading text as written, without its number
    line: int
    end_line: int
    paragraphs: list[Paragraph] = field(default_factory=list)
    inferred: bool = False      # no heading was printed: the content was recognised where it starts

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    @property
    def heading(self) -> str:
        return f"{self.numeral}{self.separator}{self.title}"


@dataclass
class Row:
    """A table row: its key, printed label, line and cells by column key."""

    key: str
    label: str                  # as written
    line: int
    cells: dict[str, Cell]      # column key → cell


# how well a table could be read (Table.status)
EXACT = "exact"              # every cell placed where the report prints it
PARTIAL = "partial"          # some rows could not be read (Table.unread_rows); the rest are exact
UNREADABLE = "unreadable"    # no cell can be trusted; Table.reason says why


@dataclass
class Table:
    """A statistical table: rows (or blocks) of cells keyed by the spec's machine keys.

    ``status`` says how far the reader could be trusted. Cells of unread rows (or of an
    unreadable table) are kept for display but are never checked: a misread cell must not
    become a finding about the report.
    """

    name: str                   # t2, t3, t4
    line: int
    end_line: int
    rows: dict[str, Row] = field(default_factory=dict)
    status: str = EXACT
    reason: str = ""            # why rows or the table could not be read, in plain Chinese
    unread_rows: dict[str, dict] = field(default_factory=dict)   # row key → line, reason, what was read
    reconstructed: bool = False  # numbers split from a run of digits, the only split that fits

    def cell(self, row: str, column: str) -> Cell | None:
        r = self.rows.get(row)
        return r.cells.get(column) if r else None

    def unread(self, row: str) -> bool:
        """Is this row's reading not to be trusted?"""
        return self.status == UNREADABLE or row in self.unread_rows

    def mark_unread(self, row: str, line: int, reason: str, **detail) -> None:
        """Declare one row unreadable; the table becomes partly readable."""
        self.unread_rows.setdefault(row, {"line": line, "reason": reason, **detail})
        if self.status == EXACT:
            self.status = PARTIAL

    def mark_unreadable(self, reason: str) -> None:
        """No cell of the table can be trusted: one reason for all, no row-by-row detail."""
        self.status = UNREADABLE
        self.reason = reason
        self.unread_rows.clear()


@dataclass(slots=True)
class Meta:
    """The report's title, agency and year, where they were found, and its format (2021 or 2019)."""

    title: str = ""
    title_line: int = 0
    agency: str = ""
    year: int | None = None
    year_line: int = 0
    format: str = "v2021"


@dataclass
class Report:
    """The report AST: front matter, sections, tables, dates and parse problems."""

    path: str
    meta: Meta
    front: list[Paragraph]
    sections: list[Section]
    tables: dict[str, Table]
    dates: list[DateMention]
    problems: list[Problem]
    chrome: list[Paragraph]
    closing: list[Paragraph] = field(default_factory=list)   # agency name and sign-off date
    sources: dict[int, str] = field(default_factory=dict)    # layout line → place in a .docx/.html/.pdf
    line_count: int = 0
    layout: str = "text"
    encoding: str = "utf-8"

    def section(self, number: int) -> Section | None:
        """The first section with this canonical number."""
        return next((s for s in self.sections if s.number == number), None)

    def all_paragraphs(self) -> list[Paragraph]:
        out = list(self.front)
        for s in self.sections:
            out.extend(s.paragraphs)
        return out

    def section_at(self, line: int) -> Section | None:
        for s in self.sections:
            if s.line <= line <= s.end_line:
                return s
        return None
