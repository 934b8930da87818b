"""Saved web pages (.html, .htm, .shtml): the report inside the portal around it.

The page is parsed with lxml's HTML parser. Block elements become paragraph items and
``<table>`` rows become cell items in row-major order (a ``rowspan`` continuation is an
empty cell, a ``colspan`` cell is one cell, ``<br>`` and paragraphs inside a cell are joined).
The portal's furniture is kept apart: the report's own region is the smallest element holding
its section headings and table labels; before it only the title and chrome lines (来源、
发布时间…, which carry the publication date) are kept, after it only a sign-off.
Positions: 源码第 N 行 (the HTML source line) and 表格 T 第 R 行第 C 格.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from gixlint.read.document import CELL, CHROME, EMPTY, TEXT, Layout
from gixlint.read.emit import CONTAINER_CHARS, Emitter, join_cell, numbered, tidy
from gixlint.vocab import limits
from gixlint.vocab.dates import find_dates, is_date_line
from gixlint.vocab.terms import kind_of_text

SKIP = {"script", "style", "noscript", "template", "head", "title", "meta", "link", "iframe", "object",
        "embed", "svg", "math", "select", "option", "button", "input", "textarea", "canvas", "video",
        "audio", "map", "img"}
BLOCK = {"address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir",
         "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
         "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol", "p", "pre",
         "section", "summary", "ul", "caption", "legend"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_FLOW_BREAKS = frozenset(BLOCK | {"tr", "td", "th", "tbody", "thead", "tfoot"})   # end and start a line
_HIDDEN = r"display\s*:\s*none|visibility\s*:\s*hidden"
_META_CHARSET = rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
_GB = {"gb2312", "gbk", "cp936", "x-gbk", "gb_2312-80", "csgb2312", "euc-cn", "hz-gb-2312", "ms936", "windows-936"}
_SENTENCE = r"[。，,；;！？]"
_ANCHOR_TERMINALS = {"SECTION", "T2_BLOCK", "T3_NOTE", "T3_LABEL", "T3_GROUP"}
_INDENT = " \t\r\n\f\v"       # ASCII white space, which emit.tidy() always strips


def read(path: Path) -> Layout:
    from gixlint.read.document import ReadError

    data = path.read_bytes()
    if not data.strip():
        raise ReadError("文件为空")
    if data.startswith(b"%PDF"):
        raise ReadError("这是 PDF 文件，不是网页")
    if data.startswith(b"PK\x03\x04"):
        raise ReadError("这是压缩包（可能是 .docx），不是网页")
    if is_mhtml(data):
        data, charset = _mhtml_page(data)
        if charset:
            try:
                codec = "gb18030" if charset.lower() in _GB else charset
                return from_html(data.decode(codec), codec)
            except (UnicodeDecodeError, LookupError):
                pass  # a wrong declaration: detect below
    text, encoding = decode(data)
    return from_html(text, encoding)


def is_mhtml(data: bytes) -> bool:
    """A web page saved as one file (.mht, "网页，单个文件"): a MIME message holding the page."""
    head = data[:4096].lower()
    return head.lstrip().startswith((b"mime-version:", b"from:", b"content-type:", b"subject:", b"date:")) \
        and b"multipart/related" in head


def _mhtml_page(data: bytes) -> tuple[bytes, str | None]:
    """The HTML part of an MHTML file, transfer encoding (quoted-printable, base64) undone."""
    import email
    from email import policy

    from gixlint.read.document import ReadError

    message = email.message_from_bytes(data, policy=policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            return part.get_payload(decode=True) or b"", part.get_content_charset()
    raise ReadError("这是保存为单个文件的网页（.mht），但其中没有 HTML 页面")


def decode(data: bytes) -> tuple[str, str]:
    """The page's text: charset from a BOM or ``<meta>``, else detected (GBK read as GB18030)."""
    from gixlint.read import text as plain

    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return plain.decode(data)
    m = _pattern(_META_CHARSET, re.I).search(data[:8192])
    if m:
        declared = m.group(1).decode("ascii", "replace").lower()
        encoding = "gb18030" if declared in _GB else declared
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            pass  # the declaration is wrong (it happens): detect instead
    return plain.decode(data)




def _depth(root) -> int:
    """How deeply the page's elements nest, counted level by level without recursion."""
    deepest = 0
    level = [root]
    while level:
        deepest += 1
        level = [child for element in level for child in element]
    return deepest


@functools.lru_cache(maxsize=4)
def _levels_below(levels: int):
    """An XPath that finds an element ``levels`` levels below the one it is asked of."""
    from lxml import etree

    return etree.XPath("boolean(" + "/".join(["*"] * levels) + ")")


def _deeper_than(root, levels: int) -> bool:
    """Whether the page nests more than ``levels`` deep (as :func:`_depth` counts), asked of
    libxml2 in one pass: no Python object is made for each element. (The parser drops comments
    and processing instructions, so elements are all the children :func:`_depth` counts.)"""
    return levels < 1 or _levels_below(levels)(root)


def from_html(text: str, encoding: str = "utf-8") -> Layout:
    from lxml import etree

    from gixlint.read.document import ReadError

    try:
        # huge_tree: libxml2 otherwise silently drops what lies deeper than 256 elements; the
        # depth is then bounded here, before the recursive walk (no entities are ever resolved).
        # Plain elements: the walk needs none of lxml.html's methods, and they cost a lookup each.
        parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True,
                                  no_network=True)
        root = etree.fromstring(text.encode("utf-8", "surrogatepass"), parser)
        if root is None:    # as lxml.html.document_fromstring says it
            raise etree.ParserError("Document is empty")
    except (etree.ParserError, ValueError) as exc:
        raise ReadError(f"无法解析网页：{exc}") from exc
    if _deeper_than(root, limits.current().nesting_depth):     # the walk below is recursive; real pages nest < 50
        raise limits.LimitExceeded("nesting_depth", f"网页元素嵌套 {_depth(root)} 层")
    walker = _Walker(_hidden_elements(root))
    body = root.find("body")
    try:
        walker.walk(body if body is not None else root)
    except RecursionError as exc:
        raise ReadError("网页结构嵌套过深，无法读取") from exc
    walker.flush()
    items = numbered(_report_region(walker.marks, walker.out.pieces))
    if not any(it.text for it in items):
        raise ReadError("网页中没有可读的正文文字")
    return Layout(items=items, variant="html", encoding=encoding, line_count=len(items))


class _Walker:
    def __init__(self, hidden: frozenset = frozenset()) -> None:
        self.hidden = hidden        # the page's hidden elements (see :func:`_hidden_elements`)
        # whether any of them is a table cell: the cells of a row are then sifted (seldom so)
        self.hidden_cells = any(_tag(el) in ("td", "th") for el in hidden)
        self.out = Emitter()
        self.marks: list = []       # each item's block or cell element (None: outside any)
        self.buffer: list[str] = []
        self.stack: list = []
        self.keep_lines = 0      # inside a heading: <br> does not split the title
        self.table_count = 0

    # -- flow ------------------------------------------------------------------------------
    def flush(self) -> None:
        if not self.buffer:
            return
        raw = "".join(self.buffer)
        self.buffer = []
        if not raw.strip(_INDENT):
            return      # the source's indentation between tags (half the flushes): tidy() makes "" of it
        anchor = self.stack[-1] if self.stack else None
        line = getattr(anchor, "sourceline", None)
        before = len(self.out.pieces)
        self.out.text(_unwrap(raw), f"源码第 {line} 行" if line else "")
        self.marks.extend([anchor] * (len(self.out.pieces) - before))

    def walk(self, el) -> None:
        tag = el.tag        # (_tag, spelt out: it runs for every element of the page)
        if type(tag) is not str:
            return          # a comment or processing instruction
        tag = tag.lower()
        if tag in SKIP or el in self.hidden:
            return
        if tag == "table":
            self.flush()
            self.table(el)
            return
        if tag == "br":
            if not self.keep_lines:
                self.flush()
            return
        block = tag in _FLOW_BREAKS
        if block:
            self.flush()
            self.stack.append(el)
        if tag in HEADINGS:
            self.keep_lines += 1
        self._contents(el)
        if tag in HEADINGS:
            self.keep_lines -= 1
        if block:
            self.flush()
            self.stack.pop()

    # -- tables ----------------------------------------------------------------------------
    def _rows(self, table):
        for child in table:
            tag = _tag(child)
            if tag == "tr":
                yield child
            elif tag in ("thead", "tbody", "tfoot"):
                for row in child:
                    if _tag(row) == "tr":
                        yield row

    def _row_cells(self, tr):
        """A row's shown cells, in order. lxml's HTML parser writes every tag in lower case, so
        lxml picks the cells out in C (comments and other elements skipped)."""
        cells = tr.iterchildren("td", "th")
        return iter([c for c in cells if c not in self.hidden]) if self.hidden_cells else cells

    def table(self, table) -> None:
        self.table_count += 1
        number = self.table_count
        rows = [r for r in self._rows(table) if r not in self.hidden]
        caption = next((c for c in table if _tag(c) == "caption"), None)
        if caption is not None:
            self.walk(caption)
            self.flush()
        spans: dict[int, list[int]] = {}   # grid column → [rows still covered, width] of a rowspan cell
        marks, pieces, named = self.marks, self.out.pieces, _NTH_CELL      # (looked up once: ~300 cells a report)
        for r, tr in enumerate(rows, start=1):
            cells = self._row_cells(tr)
            started: dict[int, list[int]] = {}
            visited: set[int] = set()
            column = 0
            place = f"表格 {number} 第 {r} 行第 "
            below = len(rows) - r + 1        # rows a rowspan can cover from here
            while True:
                if column in spans:
                    visited.add(column)
                    width = spans[column][1]
                    self._continued(spans, column, place + named[column], tr)
                    column += width
                    continue
                cell = next(cells, None)
                if cell is None:
                    break
                if cell.keys():         # (most cells have no attributes: one look, not two)
                    width = _span(cell.get("colspan"), 1000)
                    height = _span(cell.get("rowspan"), below, zero=below)
                else:
                    width = height = 1
                source = place + named[column]
                text = None if len(cell) else cell.text
                if text and text.isascii() and text.isdigit():     # a count, alone in its cell: most cells
                    marks.append(cell)
                    pieces.append((text, CELL, source))
                else:
                    self.cell(cell, source)
                if height > 1:
                    started[column] = [height - 1, width]
                column += width
            if spans:       # (most rows of most tables: no rowspan comes down into them)
                for col in sorted(c for c in spans if c >= column):
                    visited.add(col)
                    self._continued(spans, col, place + named[col], tr)
                for col in [c for c in spans if c not in visited]:  # overlapped by a colspan: malformed
                    spans[col][0] -= 1
                    if spans[col][0] <= 0:
                        del spans[col]
            if started:
                spans.update(started)

    def _continued(self, spans: dict[int, list[int]], column: int, source: str, tr) -> None:
        """The rowspan cell above covers this grid position: an empty cell, as Word exports it."""
        left, width = spans[column]
        self.marks.append(tr)
        self.out.empty(source)
        if left <= 1:
            del spans[column]
        else:
            spans[column] = [left - 1, width]

    def _contents(self, el) -> None:
        """An element's own text, then each child walked, each followed by its tail."""
        if el.text:
            self.buffer.append(el.text)
        for child in el:
            self.walk(child)
            if child.tail:
                self.buffer.append(child.tail)

    def cell(self, cell, source: str) -> None:
        if len(cell):
            self._cell(cell, source)
            return
        # text alone (most cells): what _cell makes of it, one part, without the search for a
        # nested table or the walk through children
        self.marks.append(cell)
        self.out.cell(join_cell([_unwrap(cell.text or "")]), source)    # (a count is taken in table())

    def _cell(self, cell, source: str) -> None:
        """Any cell: its text, or its contents walked where it holds a table or a laid-out page."""
        parts: list[str] = [""]
        nested = len(cell) > 0 and next(cell.iter("table"), None) is not None
        if not nested:
            self._cell_text(cell, parts)
        if nested or _is_container(parts):
            self.flush()
            self.stack.append(cell)
            self._contents(cell)
            self.flush()
            self.stack.pop()
            return
        self.marks.append(cell)
        self.out.cell(join_cell([_unwrap(p) for p in parts]), source)

    def _cell_text(self, el, parts: list[str]) -> None:
        """Text of a data cell; each <br> or block boundary starts a new part."""
        if el.text:
            parts[-1] += el.text
        for child in el:
            tag = _tag(child)
            if tag is not None and tag not in SKIP and child not in self.hidden:
                if tag == "br":
                    parts.append("")
                elif tag in BLOCK:
                    parts.append("")
                    self._cell_text(child, parts)
                    parts.append("")
                else:
                    self._cell_text(child, parts)
            if child.tail:
                parts[-1] += child.tail



class _CellNames(dict):
    """「N 格」 of each grid column (from 0): made once for the columns tables have, the rest
    (a hostile colspan's) as asked, not kept."""

    def __missing__(self, column: int) -> str:
        return f"{column + 1} 格"


_NTH_CELL = _CellNames((column, f"{column + 1} 格") for column in range(64))
_CELL_PLACE = re.compile(r"^表格 (\d+) 第 (\d+) 行第 ")


def table_row(source: str) -> tuple[int, int] | None:
    """(table, row) of a cell item's place (「表格 2 第 5 行第 3 格」, as :meth:`_Walker.table`
    writes it); None for an item outside a table's grid."""
    m = _CELL_PLACE.match(source)
    return (int(m.group(1)), int(m.group(2))) if m else None


def _tag(el) -> str | None:
    """An element's tag in lower case; None for a comment or processing instruction."""
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else None


def _hidden(el) -> bool:
    """Not shown in a browser (inline display:none or visibility:hidden, or ``hidden``): not read."""
    style = el.get("style")
    return bool(style and _pattern(_HIDDEN, re.I).search(style)) or el.get("hidden") is not None


@functools.cache
def _styled():
    """The ``style`` and ``hidden`` attributes of every element (a predicate on the elements,
    ``*[@style or @hidden]``, takes libxml2 three times as long)."""
    from lxml import etree

    return etree.XPath("descendant-or-self::*/@style | descendant-or-self::*/@hidden")


def _hidden_elements(root) -> frozenset:
    """Every hidden element of the page, found in one XPath pass: the walk then asks the set, not
    each element's attributes (two lookups an element). The set holds the elements, so lxml hands
    the walk these same objects again (it keeps one Python object per element while one lives)."""
    return frozenset(el for el in (value.getparent() for value in _styled()(root)) if _hidden(el))


def _is_container(parts: list[str]) -> bool:
    """A cell's parts (see ``_cell_text``) say it holds a laid-out page rather than a value."""
    if len(parts) < 2:
        return False
    filled = [p for p in (tidy(p) for p in parts) if p]
    return len(filled) > 1 and sum(len(p) for p in filled) > CONTAINER_CHARS


def _span(value, limit: int, zero: int = 1) -> int:
    if value is None:
        return 1        # (limit is at least 1)
    try:
        n = int(str(value).strip().rstrip(";")) if value is not None else 1
    except ValueError:
        return 1
    if n == 0:
        return max(1, zero)
    return max(1, min(n, limit))


_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_WRAPPED = rf"(?<=[{_CJK}])[ \t\r\f]*\n\s*(?=[{_CJK}])"


@functools.cache
def _pattern(source, flags: int = 0) -> re.Pattern:
    """Patterns are compiled when first used: a class of Chinese characters takes re milliseconds
    to compile, and a run that reads no web page should not pay for it."""
    return re.compile(source, flags)


def _unwrap(text: str) -> str:
    """Source lines wrapped inside Chinese text join without a space (HTML would add one)."""
    return _pattern(_WRAPPED).sub("", text) if "\n" in text else text


# --- the report inside the portal ----------------------------------------------------------

Piece = tuple[str, str, str]     # text, role, source: an item before it is numbered (see emit.Emitter)


def _report_region(marks: list, pieces: list[Piece]) -> list[Piece]:
    """Keep the report; of the portal around it keep only the title, chrome and a sign-off."""
    anchors = [m for m, (text, role, _source) in zip(marks, pieces)
               if text and m is not None and role != EMPTY and not text.isdigit()    # (counts: most cells)
               and kind_of_text(text, role == CELL) in _ANCHOR_TERMINALS]
    if len(anchors) < 3:
        return pieces
    region = _common_ancestor(anchors)
    if region is None or _tag_of(region) in ("html", "body"):
        return pieces
    # the region is the anchors' ancestor, so lines inside it come soon from either end: each
    # line's element is looked up from there, not the whole region's elements gathered first
    first = _first_inside(marks, region, range(len(marks)))
    if first is None:
        return pieces
    last = _first_inside(marks, region, range(len(marks) - 1, first - 1, -1))
    kept: list[Piece] = []
    title = _title_index(pieces[:first])
    title_lines = {title} if title is not None else set()
    while title is not None and min(title_lines) > 0:
        above = min(title_lines) - 1   # a title broken over lines of one element: 某某局<br>2024年…报告
        if marks[above] is not marks[title] or pieces[above][1] != TEXT:
            break
        title_lines.add(above)
    for i, (text, role, source) in enumerate(pieces[:first]):
        if i in title_lines:
            kept.append(pieces[i])
        elif role == CHROME:
            kept.append(pieces[i])
        elif title is not None and i > title and role == TEXT and ("。" in text or len(text) > 40):
            kept.append(pieces[i])   # a lead paragraph between the title and the body (统计期限…)
        elif title is not None and i > title and text and find_dates(0, text):
            kept.append((text, CHROME, source))   # e.g. a bare 2025-01-17 under the title
    kept.extend(pieces[first:last + 1])
    tail = pieces[last + 1:]
    signoff = _signoff(tail)
    kept.extend(tail[:signoff])
    kept.extend(piece for piece in tail[signoff:] if piece[1] == CHROME)
    return kept


def _title_index(pieces: list[Piece]) -> int | None:
    """The report's title among the lines above its region: the last that names a report."""
    candidates = [i for i, (text, role, _source) in enumerate(pieces)
                  if role == TEXT and len(text) <= 80 and "报告" in text and not _pattern(_SENTENCE).search(text)]
    dated = [i for i in candidates if re.search(r"\d{4}|[〇零○一二]{4}", pieces[i][0])]
    named = [i for i in candidates if "年度报告" in pieces[i][0]]
    return (dated or named or [None])[-1]


def _signoff(tail: list[Piece]) -> int:
    """How many lines right after the region are the agency's name and date."""
    for i, (text, _role, _source) in enumerate(tail[:3]):
        if len(text) > 40:
            return 0
        if is_date_line(text):
            return i + 1
    return 0


def _tag_of(el) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _first_inside(marks: list, region, order) -> int | None:
    """The first line, taken in ``order``, whose element lies within ``region``."""
    return next((i for i in order if marks[i] is not None and _within(marks[i], region)), None)


def _within(el, region) -> bool:
    while el is not None:
        if el is region:
            return True
        el = el.getparent()
    return False


def _common_ancestor(elements: list):
    """The deepest element holding all of ``elements`` (None if they share no root). Each one after
    the first climbs only until it meets the chain found so far: a report's anchors sit a few
    levels below their region, the region many levels below the page's root."""
    common = []
    el = elements[0]
    while el is not None:
        common.append(el)
        el = el.getparent()
    common.reverse()                         # the page's root … the first element
    depth = {id(e): i for i, e in enumerate(common)}    # (common holds them: their ids stay theirs)
    shared = len(common)                     # common[:shared] holds every element seen so far
    for el in elements[1:]:
        while el is not None:
            i = depth.get(id(el))
            if i is not None and i < shared:
                break
            el = el.getparent()
        if el is None:
            return None
        shared = i + 1
    return common[shared - 1]
