"""The layout stage: source text → a list of items, one per cell or paragraph, with its line.

Word exports put every table cell on its own tab-indented line with blank lines between rows;
web exports put every cell and paragraph on its own line between blank lines. Both become the
same item list here. Readers for other layouts (pdftotext rows, markdown tables, .docx, .html,
.pdf) produce the same items, so the parser never needs to know where a report came from.
"""

from __future__ import annotations

import re
from dataclasses import replace

from gixlint.layout.rows.assemble import assemble
from gixlint.layout.rows.cells import cells_row, regular_width, short_row, split_label_line
from gixlint.layout.rows.merged import check_rows
from gixlint.layout.rows.words import (
    _SENTENCE_END,
    GROUP,
    KNOWN,
    ROW,
    is_value_token,
    join_words,
    split_cells,
    status,
    text_line,
    text_lines,
)
from gixlint.layout.runon import is_run_on, layout_run_on
from gixlint.read.document import CELL, CHROME, EMPTY, PAGE, PROSE, TEXT, Item, Layout, Problem
from gixlint.read.furniture import _PAGE_NUMBER, clean, is_chrome
from gixlint.vocab.dates import is_date_line
from gixlint.vocab.headings import parse_heading
from gixlint.vocab.labels import label_key
from gixlint.vocab.textcache import cached_when_short

_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?(\s*:?-{2,}:?\s*\|)+\s*(:?-{2,}:?\s*)?\|?\s*$")
_PIPE_SPLIT = re.compile(r"(?<!\\)\|")     # a cell boundary: a pipe not escaped
_TAB_ROW = re.compile(r"\S[ ]*\t+[ \t]*\S")
_BLANK_ROW = re.compile(r"^[\t ]*[^\t\s][^\t]*\t[\t ]*$")     # a label and nothing but tabs: a row of blank cells


# _HTML_TABLE runs over the whole text at once: a match lies within one line (\n is never part of
# one; tests/test_speed_equivalence.py checks it)
_HTML_TABLE_LINE = re.compile(r"<table(?:[^\S\n]|>)", re.I)


def _tab_row(line: str) -> bool:
    """``_TAB_ROW.search(line)``, passed over when no tab follows the line's first non-space (a
    match's tab does): a Word export's lines start with their only tabs."""
    return "\t" in line.lstrip() and bool(_TAB_ROW.search(line))


def _enough_lines(lines: list[str], mark: str, test, enough: int) -> bool:
    """Do at least ``enough`` lines pass ``test``? Only lines holding ``mark`` are tested (every
    line that passes holds it), and counting stops once there are enough: most texts have no
    pipe or tab at all, and a table of them decides within its first rows."""
    count = 0
    for line in lines:
        if mark in line and test(line):
            count += 1
            if count >= enough:
                return True
    return False


def detect(lines: list[str]) -> str:
    """Which layout the text uses, from evidence in it (see :func:`from_text`). The cheap evidence
    (whole-text searches) comes first; the row splitter runs only when none of it decides."""

    if is_run_on(lines):
        return "run-on"    # a crawled page: the whole report on a few lines, headings inline
    text = "\n".join(lines)
    if "<" in text and _HTML_TABLE_LINE.search(text) and "<td" in text.lower():
        return "html-tables"
    if _enough_lines(lines, "|", _PIPE_ROW.match, 8):
        return "markdown"
    if _enough_lines(lines, "\t", _tab_row, 10):
        return "tsv"
    rows = 0
    for raw in lines:
        if " " in raw and " " in raw.strip() and _row_line(raw):   # most lines hold no space at all
            rows += 1
            if rows >= 8:
                return "rows"
    indented = text.count("\n\t") + text.startswith("\t")      # lines that start with a tab
    return "word-tabs" if indented >= 20 else "blank-lines"


# the rule under a pipe table's header written without its outer pipes (「---|---|---」)
_EDGELESS_RULE = re.compile(r"^[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*$")


_BARE_RULE = re.compile(r"^[ \t]*:?-{3,}:?[ \t]*$")     # the rule under a one-cell header (html2text)
_NOT_A_CELL = re.compile(r"[。，；！？：:,;]")


def with_pipe_edges(lines: list[str]) -> list[str]:
    """Pipe tables written without their outer pipes (「规章| 0| 0| 0」, as html2text and
    GitHub Markdown allow) given them back, line for line, so they are read as pipe tables.

    A table is the header above a rule line (「---|---」, or 「---」 under a one-cell header such
    as 「第二十条第（一）项」 when piped rows follow) and the piped lines below it, with the
    one-cell rows html2text writes without a pipe between them. The rule shows which edges the
    table leaves out, and every line of it gets those: a pipe then left at a line's end
    (「… | 2 | 」) or start closes an empty cell, as in the header. Without such a rule a pipe in
    the text is not taken for a table."""
    out = lines
    for i, line in enumerate(lines):
        if i == 0 or "-" not in line:
            continue
        header = lines[i - 1]
        if _EDGELESS_RULE.match(line):
            if "|" not in header:
                continue
        elif not (_BARE_RULE.match(line) and _rows_follow(lines, i + 1)
                  and "|" not in header and _one_cell_row(header.strip())):
            continue
        if out is lines:
            out = list(lines)
        right = not line.rstrip().endswith("|")        # (the rule never has its left edge here)
        out[i - 1], out[i] = _edge(header, right), _edge(line, right)
        j = i + 1
        while j < len(lines) and ("|" in lines[j] or (_one_cell_row(lines[j].strip()) and j + 1 < len(lines)
                                                      and "|" in lines[j + 1])):
            out[j] = _edge(lines[j], right)
            j += 1
    return out


def _rows_follow(lines: list[str], i: int) -> bool:
    """Two lines of cells from ``lines[i]``: a pipe in each, and no 「：」 (a page footer
    「主办：… | 网站标识码：…」 under a rule is not a table)."""
    return i + 1 < len(lines) and all("|" in line and not _FOOTER.search(line) for line in lines[i:i + 2])


_FOOTER = re.compile(r"[：:]")


def _edge(line: str, right: bool) -> str:
    return "|" + line.strip() + ("|" if right else "")


def _one_cell_row(body: str) -> bool:
    """A short label alone on its line within a table (「第二十条第（五）项」), not a sentence
    or a section heading."""
    return (0 < len(body) <= 24 and not _NOT_A_CELL.search(body) and parse_heading(body) is None
            and not is_date_line(body))


@cached_when_short
def _row_line(raw: str) -> bool:
    """Does the row splitter find a row's label and numbers on this line?"""
    cleaned = clean(raw)
    words = cleaned.split()    # the words text_line finds (\S+): a line that does not end in a
    if not words or not is_value_token(words[-1]):
        return False           # value has no cells, so it is no row
    line = text_line(0, cleaned)
    cut = split_cells(line.words)
    return len(line.words) - cut >= 3 or (0 < cut < len(line.words) and _known_label(line.words[:cut]))


def _known_label(words) -> bool:

    return label_key(join_words([w.text for w in words])) in KNOWN


def from_text(text: str, encoding: str = "utf-8") -> Layout:
    """Lay out report text, whichever way its tables were written.

    * ``word-tabs``: a Word export, every table cell on its own tab-indented line;
    * ``blank-lines``: a web export, every cell and paragraph on its own line;
    * ``rows``: pdftotext-style, a row's label and numbers on one line, labels wrapped;
    * ``markdown``: pipe tables (``| 自然人 | … |``) among markdown paragraphs and headings;
    * ``tsv``: tab-separated rows (``label<TAB>v1<TAB>v2…``);
    * ``run-on``: a crawled page, the whole report on a few lines (:mod:`gixlint.layout.runon`);
    * ``html-tables``: Markdown whose tables are HTML ``<table>`` blocks (what PDF converters
      such as MinerU, and pandoc for merged cells, write).

    The layout is chosen from evidence in the text and recorded in ``Layout.variant``.
    """

    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if "|" in text and "-" in text:
        lines = with_pipe_edges(lines)
    variant = detect(lines)
    if variant == "run-on":
        return layout_run_on(lines, encoding)
    problems: list[Problem] = []
    if variant == "rows":
        items = assemble(text_lines([clean(line) for line in mark_page_numbers(lines)]))
    elif variant == "html-tables":
        items = join_wrapped_prose(_html_tables_layout(lines, problems))
    elif variant in ("markdown", "tsv"):
        items = _cells_layout(lines, variant, problems)
        if variant == "markdown":
            items = join_wrapped_prose(items)
    else:
        items = _one_cell_layout(lines, variant)
    items = check_rows(items, problems)
    return Layout(items=items, variant=variant, encoding=encoding, line_count=len(lines) - (lines[-1:] == [""]), problems=problems)


_HTML_TABLE = re.compile(r"<table[\s>]", re.I)
_TABLE_END = re.compile(r"</table\s*>", re.I)


def _html_tables_layout(lines: list[str], problems: list[Problem]) -> list[Item]:
    """Markdown text with HTML tables: each ``<table>…</table>`` block is read as a web page's
    table (cells, spans and all), a pipe table's line as in Markdown, every other line as
    Markdown text."""
    from gixlint.read.document import ReadError
    from gixlint.read.web import from_html

    items: list[Item] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        m = _HTML_TABLE.search(line)
        if not m and _PIPE_ROW.match(clean(line)):
            block, i = _pipe_block(lines, i, problems)     # pandoc: merged tables in HTML, the rest in pipes
            items.extend(block)
            continue
        if not m:
            body = _markdown_text(clean(line))
            if body and not _PIPE_RULE.match(body):
                if is_chrome(body):
                    items.append(Item(i + 1, body, CHROME))
                elif _PAGE_NUMBER.match(body):
                    items.append(Item(i + 1, body, PAGE))
                else:
                    items.extend(split_label_line(i + 1, body) or [Item(i + 1, body, PROSE)])
            i += 1
            continue
        before = _markdown_text(clean(line[:m.start()]))
        if before:
            items.append(Item(i + 1, before, PROSE))
        start, block = i, [line[m.start():]]
        while not _TABLE_END.search(block[-1]) and i + 1 < len(lines):
            i += 1
            block.append(lines[i])
        try:
            table = from_html("<html><body>" + "\n".join(block) + "</body></html>")
        except ReadError:
            table = None
        if table is not None:
            items.extend(_html_table_rows(start + 1, table.items, problems))
        i += 1
    return items


def _html_table_rows(line: int, cells: list[Item], problems: list[Problem]) -> list[Item]:
    """A converter's HTML table, row by row, laid out as a pipe table's rows are
    (:func:`_explicit_rows`): a header row of words naming no column (「类别 | 数据1 | 数据2」) is
    not data, and a row label's merged columns are dropped, whichever way the converter wrote the
    table. Items outside the grid (a cell's nested paragraphs) stay as they are."""
    from itertools import groupby

    from gixlint.read.web import table_row

    source = f"第 {line} 行的表格"
    groups = [(row, list(group)) for row, group in groupby(cells, key=lambda it: table_row(it.source))]
    rows = [["" if it.role == EMPTY else it.text for it in group] for row, group in groups if row is not None]
    laid = iter(_explicit_rows([(line, texts) for texts in rows], problems))
    out: list[Item] = []
    for row, group in groups:
        if row is None:
            out.extend(replace(it, line=line, source=source) for it in group)
        else:
            out.extend(replace(it, source=source) for it in next(laid))
    return out


def _explicit_rows(rows: list[tuple[int, list[str]]], problems: list[Problem]) -> list[list[Item]]:
    """A table's rows of explicit cells (line, cells), laid out by :func:`cells_row`, row by row;
    in a regular grid, a short row that cannot be read for sure is declared unread
    (:func:`short_row`)."""
    grid = regular_width([cells for _n, cells in rows])
    laid = []
    for number, cells in rows:
        laid.append(cells_row(number, cells))
        if grid and (short := short_row(number, cells, grid)):
            problems.append(short)
    return laid


_BARE_NUMBER = re.compile(r"^\s*(\d{1,3})\s*$")


def mark_page_numbers(lines: list[str]) -> list[str]:
    """pdftotext starts each page with a form feed: a bare number as the last thing printed
    before one is the previous page's number (「3」), not a table cell; it is written 「-3-」 so
    the row layout reads it as a page number."""
    out = list(lines)
    for i, line in enumerate(lines):
        if "\x0c" not in line:
            continue
        j = i - 1 if not line.split("\x0c")[0].strip() else i
        while j >= 0 and j > i - 4 and not lines[j].replace("\x0c", "").strip():
            j -= 1
        bare = _BARE_NUMBER.match(lines[j].split("\x0c")[0]) if j >= 0 else None
        if bare:
            out[j] = f"-{bare.group(1)}-"
    return out


def _one_cell_layout(lines: list[str], variant: str) -> list[Item]:
    line_items = _ONE_CELL_LINES[variant]
    items = [Item(number, text, role) for number, raw in enumerate(lines, start=1) for text, role in line_items(raw)]
    return join_split_labels(items)


def _one_cell_line(raw: str, variant: str) -> tuple[tuple[str, str], ...]:
    """(text, role) of the items of one line of a one-cell-per-line text."""
    line = clean(raw)
    if _MARKDOWN_MARK.match(line):
        line = _markdown_text(line)     # 「## 一、总体情况」「**六、其他需要报告的事项**」
    body = line.strip(" \t\u00a0\u3000")
    if variant == "word-tabs" and line.startswith("\t"):
        return _pieces(split_label_line(0, body)) or ((body, CELL if body else EMPTY),)
    if not body:
        return ()
    if is_chrome(body):
        return ((body, CHROME),)
    if _PAGE_NUMBER.match(body) or (variant == "word-tabs" and body.isdigit() and len(body) <= 3):
        # in a Word export, cells are tab-indented: a bare number at the margin is a page number
        return ((body, PAGE),)
    return _pieces(split_label_line(0, body)) or ((body, TEXT),)


# _one_cell_line of each one-cell-per-line variant, remembered per line
_ONE_CELL_LINES = {variant: cached_when_short(lambda raw, variant=variant: _one_cell_line(raw, variant))
                   for variant in ("word-tabs", "blank-lines")}


def _pieces(items: list[Item] | None) -> tuple[tuple[str, str], ...]:
    return tuple((it.text, it.role) for it in items) if items else ()


def join_split_labels(items: list[Item]) -> list[Item]:
    """A row label a web page broke over two or three lines (a ``<br>`` or ``<p>`` in its cell:
    「（二）部分公开」 + 「（区分处理的，只计这一情形，不计其他情形）」) is one label again, when
    the pieces put together are exactly a label of the tables and the first is its beginning.
    Only the items that begin a label are looked at closely, found in one cheap pass."""
    state = _label_state
    starts = [i for i, item in enumerate(items) if item.role in _JOINABLE and state(item.text)[0] == "prefix"]
    if not starts:
        return items
    out: list[Item] = []
    i, n = 0, len(items)        # items before i are in out
    for start in starts:
        if start < i:
            continue            # joined to a label before it
        out.extend(items[i:start])
        item = items[start]
        joined = None
        text = item.text
        for j in range(start + 1, min(start + 3, n)):
            nxt = items[j]
            if nxt.role not in _JOINABLE or not nxt.text:
                break
            text += nxt.text
            label, kind = state(text)
            if label == "full" and kind in (ROW, GROUP):
                joined = (j, text)
                break
            if label != "prefix":
                break
        if joined:
            j, text = joined
            out.append(replace(item, text=text))
            i = j + 1
        else:
            out.append(item)
            i = start + 1
    out.extend(items[i:])
    return out


_JOINABLE = (TEXT, CELL)


@cached_when_short
def _label_state(text: str) -> tuple[str, str | None]:
    """Is the text a label of the tables ("full"), the start of one ("prefix") or neither (""),
    and which kind of label it is; remembered, as every cell of a report is asked."""
    key = label_key(text)
    return status(key), KNOWN.get(key)


_MARKDOWN_MARK = re.compile(r"^\s{0,3}(#{1,6}\s|\*\*\S)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*|\s+#+\s*$")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")
_MD_BULLET = re.compile(r"^\s{0,3}[-*+]\s+(?=\D)")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_MD_BREAK = re.compile(r"<br\s*/?>", re.I)
_MD_EMPHASIS = re.compile(r"\*\*|__")


_MD_CHARS = frozenset(">#-*+<_\\")     # each pattern above needs one of these


@cached_when_short
def _markdown_text(text: str) -> str:
    """The text without markdown's marks; remembered, as a pipe table asks it of every cell."""
    if _MD_CHARS.isdisjoint(text):
        return text.strip(" \t\u00a0\u3000")
    text = _MD_QUOTE.sub("", text)
    text = _MD_HEADING.sub("", text)
    text = _MD_BULLET.sub("", text)
    text = _MD_BREAK.sub("", text)
    text = _MD_EMPHASIS.sub("", text)
    return _MD_ESCAPE.sub(r"\1", text).strip(" \t\u00a0\u3000")


_STARTS_ITEM = re.compile(r"^([一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．]|[一二三四五六七八九十]是)")


def join_wrapped_prose(items: list[Item]) -> list[Item]:
    """Lines a converter hard-wrapped at the page's width are one paragraph again.

    A prose line as wide as the text block that does not end a sentence continues on the next
    prose line (a page number between them is skipped): 「…统计期限为 2025」 + 「年 1 月 1 日至…」.
    Headings and list items are never joined to what comes before them.
    """
    widths = sorted(len(it.text) for it in items if it.role == PROSE and len(it.text) > 10)
    if len(widths) < 5:
        return items
    width = widths[int(len(widths) * 0.9) - 1]
    out: list[Item] = []
    open_index: int | None = None      # index in out of a prose item that may continue
    for item in items:
        if item.role == PAGE and open_index is not None:
            out.append(item)
            continue
        if (item.role == PROSE and open_index is not None and not _STARTS_ITEM.match(item.text)
                and parse_heading(item.text) is None):
            head = out[open_index]
            out[open_index] = replace(head, text=head.text + item.text)
            if len(item.text) < width - 2 or _SENTENCE_END.search(item.text):
                open_index = None
            continue
        out.append(item)
        open_index = None
        if (item.role == PROSE and len(item.text) >= width - 2 and not _SENTENCE_END.search(item.text)
                and parse_heading(item.text) is None):
            open_index = len(out) - 1
    return out


def _pipe_cells(inner: str) -> list[str]:
    """``_PIPE_SPLIT.split(inner)``: without a backslash no pipe is escaped, and str.split does
    it without a look-behind at every character."""
    return _PIPE_SPLIT.split(inner) if "\\" in inner else inner.split("|")


def _grid_border(line: str) -> bool:
    """A border line of a grid table (pandoc's 「+-----+-----+」, 「+=====+」, or 「|  |  +----+」
    under a cell that spans rows): table furniture, no text."""
    return "+" in line and ("---" in line or "===" in line) and not line.strip(_GRID_CHARS)


_GRID_CHARS = "+-=:| \t"


def _pipe_block(lines: list[str], i: int, problems: list[Problem]) -> tuple[list[Item], int]:
    """The pipe table whose first line is ``lines[i]``: its rows' items (the rule under the
    header has none, nor a grid table's borders), and the index of the line after it.

    In a grid table that draws a border between its rows (pandoc's), a row runs from border to
    border: the lines between are one row, each cell's text joined down its column (a label
    wrapped over two lines, 「（二）部分公开」 over 「（区分处理的，…）」). A table with borders
    only around its header (psql, prettytable) has a row a line."""
    runs: list[list[tuple[int, list[str]]]] = [[]]     # the lines with cells, between borders
    while i < len(lines):
        line = clean(lines[i])
        if _grid_border(line) and i + 1 < len(lines) and _PIPE_ROW.match(clean(lines[i + 1])):
            runs.append([])
            i += 1
            continue
        if not _PIPE_ROW.match(line):
            break
        if not _PIPE_RULE.match(line):
            inner = line.strip().removeprefix("|").removesuffix("|")
            runs[-1].append((i + 1, [_markdown_text(c) for c in _pipe_cells(inner)]))
        i += 1
    runs = [run for run in runs if run]
    bordered = len(runs) >= 3          # a border between body rows, not only around the header
    rows: list[tuple[int, list[str]]] = []
    for run in runs:
        if bordered and all(len(cells) == len(run[0][1]) for _n, cells in run):
            rows.append((run[0][0], [_cell_down(column) for column in zip(*(cells for _n, cells in run))]))
        else:
            rows.extend(run)
    return [item for row in _explicit_rows(rows, problems) for item in row], i


def _cell_down(parts) -> str:
    text = ""
    for part in parts:
        text = _joined(text, part)
    return text


def _joined(above: str, below: str) -> str:
    """A grid cell's text over two lines: Chinese runs on; a space between other words."""
    if not above or not below:
        return above or below
    return above + below if _CJK_END.search(above) or _CJK_END.match(below) else f"{above} {below}"


_CJK_END = re.compile(r"[\u3000-\u9fff\uff00-\uffef]$|^[\u3000-\u9fff\uff00-\uffef]")


def _cells_layout(lines: list[str], variant: str, problems: list[Problem]) -> list[Item]:
    """Markdown pipe tables or tab-separated rows: the cells are explicit, empty ones too."""

    items: list[Item] = []
    i = 0
    while i < len(lines):
        number, line = i + 1, clean(lines[i])
        if variant == "markdown" and _PIPE_ROW.match(line):
            block, i = _pipe_block(lines, i, problems)
            items.extend(block)
            continue
        i += 1
        if variant == "tsv" and "\t" in line.strip(" ") and (_TAB_ROW.search(line) or _BLANK_ROW.match(line)):
            items.extend(cells_row(number, line.split("\t")))
            continue
        body = _markdown_text(line) if variant == "markdown" else line.strip(" \t\u00a0\u3000")
        if variant == "markdown" and (_PIPE_RULE.match(body or "x") or _grid_border(line)):
            continue
        if not body:
            continue
        if is_chrome(body):
            items.append(Item(number, body, CHROME))
        elif _PAGE_NUMBER.match(body):
            items.append(Item(number, body, PAGE))
        else:
            # a converter may print a row as plain text beside its tables: 「行政许可 0」; any other
            # line between pipe rows is text, never a cell of the row above it
            items.extend(split_label_line(number, body) or [Item(number, body, PROSE if variant == "markdown" else TEXT)])
    return items
