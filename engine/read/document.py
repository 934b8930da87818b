"""What readers hand on and the layout stage refines: items of text with their place in the file.

An :class:`Item` is a paragraph, a table cell or a piece of page furniture, with its 1-based
line (and page, and a place a person can find in a .docx or .pdf). A :class:`Layout` is the list
of them plus what could not be laid out (:class:`Problem`). The parser reads only this.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# roles of an item
TEXT = "text"      # a paragraph, heading or label
CELL = "cell"      # a table cell (the layout marks it as one, e.g. a tab-indented line)
EMPTY = "empty"    # an explicitly empty table cell
CHROME = "chrome"  # web-portal furniture: 来源/发布时间/字体/打印…; kept for its dates
PAGE = "page"      # a page number
HEADER = "header"  # words of a table's header row that name no known column (「数据1」): not data
ROWLABEL = "rowlabel"  # the label cell of a row of explicit cells, possibly empty or a fragment
PROSE = "prose"    # a line the layout knows is outside any table row (markdown text between tables)

TEXT_BOXES = "docx-text-boxes"  # the variant of a Word document written in text boxes only (a converted PDF)

_CONTENT = frozenset((TEXT, CELL, EMPTY, ROWLABEL, PROSE))     # the roles Layout.content keeps


@dataclass(frozen=True)
class SourceText:
    """A text file decoded: the layout stage finds out how its tables were written."""

    text: str
    encoding: str = "utf-8"
    bad_characters: int = 0     # bytes that did not decode, now U+FFFD
    bad_line: int = 0           # … the line of the first


@dataclass(slots=True)
class Item:
    """One unit of the layout: a line of text or a cell, with its 1-based source line.

    Nothing changes an item once made: the layout makes new ones (``dataclasses.replace``). It is
    not frozen all the same: a report makes hundreds of items, and a frozen dataclass sets each
    field through ``object.__setattr__``, which made items cost ~9% of reading a web page."""

    line: int
    text: str
    role: str = TEXT
    page: int = 0
    source: str = ""   # where in a non-text file: "段落 12", "表格 3 第 5 行第 2 格", "第 2 页"


@dataclass
class Layout:
    """A file as layout items, with the layout the reader recognised."""

    items: list[Item]
    variant: str = "text"            # which layout the reader recognised
    encoding: str = "utf-8"
    line_count: int = 0
    problems: list[Problem] = field(default_factory=list)   # what the reader could not lay out

    @property
    def content(self) -> list[Item]:
        """Items the parser reads (not chrome, not page numbers)."""
        return [it for it in self.items if it.role in _CONTENT]



@dataclass
class Problem:
    """Something the parser could not place; becomes a ``parse`` finding."""

    kind: str                   # table-missing, table-shape, unknown-label, not-a-report, …
    line: int
    message: str
    table: str = ""
    row: str = ""
    column: str = ""
    expected: str | int | None = None
    actual: str | int | None = None
    cells: list[dict] = field(default_factory=list)   # per-cell or per-row detail of one finding


class ReadError(Exception):
    """The file cannot be read as a report (binary, undecodable, unsupported)."""
