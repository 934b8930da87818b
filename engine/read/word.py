"""Word (.docx) reports: body paragraphs and real Word tables, merged cells and all.

The items are what Word's own plain-text export gives: one per non-empty paragraph, one per
table cell in row-major order. A vertically merged continuation cell (``w:vMerge``) is an
empty cell, a horizontally merged one (``w:gridSpan``) is one cell, a cell's paragraphs are
joined. Automatic list numbers (一、 1. （一）) are written out, as Word's export does.
Positions, in Word's terms (:mod:`gixlint.read.place`): 第 N 段 (body paragraph N) and
表格 T 第 R 行第 C 格 (C counts the cells Word shows in row R); :func:`elements` maps them back to the XML.
"""

from __future__ import annotations

import posixpath
from dataclasses import replace
from functools import partial
from pathlib import Path

from gixlint.read.document import CELL, PROSE, TEXT, TEXT_BOXES, Layout
from gixlint.read.emit import CONTAINER_CHARS, Emitter, join_cell, numbered
from gixlint.read.place import cell_place, paragraph_place

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


# tag names, in Clark notation, computed once
P, TBL, TR, TC, SDT, SDT_CONTENT, CUSTOM_XML = (q(t) for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent",
                                                              "customXml"))
_R, _T, _BR, _CR, _NO_BREAK_HYPHEN = (q(t) for t in ("r", "t", "br", "cr", "noBreakHyphen"))
_RPR, _VANISH, _TYPE, _VAL = (q(t) for t in ("rPr", "vanish", "type", "val"))
_TC_PR, _H_MERGE, _V_MERGE = (q(t) for t in ("tcPr", "hMerge", "vMerge"))
_PPR, _NUMPR, _PSTYLE = (q(t) for t in ("pPr", "numPr", "pStyle"))
_SPACES = {q("tab"), q("ptab")}
_NOT_SHOWN = ("0", "false", "off")
# subtrees whose text is not part of the paragraph as printed in the body
_PRUNE = {q("pPr"), _RPR, q("txbxContent"), q("del"), q("moveFrom"), q("instrText"), q("delText"),
          q("footnoteReference"), q("endnoteReference"), q("commentReference"), f"{{{MC}}}Fallback"}
_WRAPPERS = {SDT, SDT_CONTENT, CUSTOM_XML, q("smartTag"), q("ins"), q("moveTo")}


def read(path: Path) -> Layout:
    from gixlint.read.document import ReadError

    data = path.read_bytes()
    if not data.strip():
        raise ReadError("文件为空")
    if not data.startswith(b"PK"):
        head = data[:2048].lstrip().lower()
        if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<meta")) or b"<html" in head:
            from gixlint.read import web  # a web page saved with a .doc(x) name, as some portals serve them

            return web.read(path)
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            raise ReadError("这是旧版 Word（.doc）二进制文件，不是 .docx；请另存为 .docx 后再检查")
        raise ReadError("不是有效的 .docx 文件（不是 zip 压缩包）")
    archive = _check_parts(data)
    with archive:
        found = _open_package(archive)
        if found is not None:
            try:
                return _layout(*found)
            except _Unusual:
                pass        # a part read on the way is damaged
    # a package out of the ordinary: python-docx reads it, and says what is wrong
    return _layout(*_python_docx(path))


def _layout(body, numbering: _Numbering, hides: bool = True) -> Layout:
    from gixlint.read.document import ReadError

    try:
        walker = _Walker(numbering, hides=hides)
        walker.blocks(body)
    except (ValueError, KeyError, AttributeError, TypeError) as exc:
        raise ReadError(f"Word 文档结构无法识别：{_why(exc)}") from exc
    if not walker.out.pieces:
        return _text_boxes_only(body, numbering, hides)
    items = numbered(walker.out.pieces)
    return Layout(items=items, variant="docx", encoding="utf-8", line_count=len(items))


def _text_boxes_only(body, numbering: _Numbering, hides: bool) -> Layout:
    """A document whose body holds nothing but text boxes, each a line or a run of one font where
    a PDF printed it (what a PDF-to-Word converter makes): their lines in reading order
    (:mod:`.textboxes`), so its sections, dates and statements are checked; the tables found
    in them are declared unread by the parser, since nothing ties a box to a table's cell."""
    from gixlint.read import textboxes
    from gixlint.read.document import ReadError

    def read_box(box) -> list[str]:
        walker = _Walker(numbering, hides=hides)
        walker.blocks(box)
        return [text for text, _role, _source in walker.out.pieces]

    found = textboxes.lines(body, read_box)
    if not found:
        raise ReadError("Word 文档中没有文字")
    out = Emitter()
    for text, source in found:
        out.text(text, source)
    # prose, never cells: a box's number is not placed in any table (the layout stage joins the
    # lines a sentence was wrapped over, see gixlint.layout.lay_out)
    items = [replace(item, role=PROSE) if item.role in (TEXT, CELL) else item for item in numbered(out.pieces)]
    return Layout(items=items, variant=TEXT_BOXES, encoding="utf-8", line_count=len(items))


def _python_docx(path: Path) -> tuple[object, _Numbering]:
    """The body and numbering as python-docx loads them (the whole package, every part checked)."""
    from gixlint.read.document import ReadError

    try:
        import docx
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise ReadError("读取 .docx 需要 python-docx（pip install python-docx）") from exc
    try:
        document = docx.Document(str(path))
        body = document.element.body
    except OSError:
        raise                     # not allowed to read it, gone: readers.read says so plainly
    except Exception as exc:  # python-docx, zipfile and lxml raise many kinds on a damaged package
        raise unreadable(exc) from exc
    return body, _numbering_of(document)


def unreadable(exc: Exception):
    """The ReadError for a package that does not open (what python-docx, zipfile or lxml raised)."""
    from gixlint.read.document import ReadError

    if "amplification" in str(exc) or "Resource limit" in str(exc):
        return ReadError(f"Word 文档的 XML 超出安全上限（实体展开或文字节点过大），未读取（{_why(exc)}）")
    return ReadError(f"无法打开 Word 文档：文件已损坏，或只是扩展名为 .docx 的其他压缩包（{_why(exc)}）")


def _check_parts(data: bytes):
    """The package, opened; refused when a part inflates past ``limits.docx_part_mb``, before any
    XML is parsed (a real report's document.xml is well under 5 MB)."""
    import io
    import zipfile

    from gixlint.read.document import ReadError
    from gixlint.vocab.limits import MB, LimitExceeded, current

    most = current().docx_part_mb * MB

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        big = [(info.filename, info.file_size) for info in archive.infolist() if info.file_size > most]
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReadError(f"无法打开 Word 文档：文件已损坏，或只是扩展名为 .docx 的其他压缩包（{_why(exc)}）") from exc
    if big:
        archive.close()
        name, size = big[0]
        raise LimitExceeded("docx_part_mb", f"Word 文档的 {name} 解压后有 {size // MB} MB")
    return archive


# --- the package, read part by part --------------------------------------------------------
# Only what the walk needs is read: [Content_Types].xml, the relationships, document.xml,
# numbering.xml and (when list numbers are used) styles.xml. The rules are python-docx's, so a
# package it opens reads the same here; one it would refuse, or anything out of the ordinary,
# is left to python-docx (None below), which then says what is wrong in its own words.

_OPC_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_OPC_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_MAIN, _NUMBERING, _STYLES = _CT + "document.main+xml", _CT + "numbering+xml", _CT + "styles+xml"
# content types python-docx parses as XML when it loads a package (any other part is bytes to it)
_XML_PARTS = frozenset({_MAIN, _NUMBERING, _STYLES, _CT + "comments+xml", _CT + "footer+xml", _CT + "header+xml",
                        _CT + "settings+xml", "application/vnd.openxmlformats-package.core-properties+xml"})
_DOCUMENT = q("document")
_BODY = q("body")


class _Unusual(Exception):
    """Something python-docx should judge (and explain) itself."""


def _xml_parser():
    """python-docx's parser settings, so the same XML parses (and fails) the same way."""
    from lxml import etree

    return etree.XMLParser(remove_blank_text=True, resolve_entities=False)


def _open_package(archive):
    """(body, numbering) of the main document, or None to leave the package to python-docx."""

    try:
        return _Package(archive, _xml_parser()).document()
    except Exception:       # _Unusual, a damaged part, a missing one…: python-docx says what is wrong
        return None


class _Package:
    def __init__(self, archive, parser):
        from lxml import etree

        self.archive = archive
        self.parser = parser
        self.parse = lambda data: etree.fromstring(data, parser)
        self.names = set(archive.namelist())
        types = self.parse(archive.read("[Content_Types].xml"))
        self.overrides = {o.get("PartName").lower(): o.get("ContentType") for o in types.iterfind(_OPC_TYPES + "Override")}
        self.defaults = {d.get("Extension").lower(): d.get("ContentType") for d in types.iterfind(_OPC_TYPES + "Default")}

    def content_type(self, partname: str) -> str:
        found = self.overrides.get(partname.lower())
        if found is None:
            ext = posixpath.splitext(partname)[1]
            found = self.defaults.get((ext[1:] if ext.startswith(".") else ext).lower())
        if found is None:
            raise _Unusual(f"no content type for {partname}")
        return found

    def relationships(self, partname: str) -> dict[str, tuple[str, str | None]]:
        """rId → (type, target part name, None when external), as python-docx keys them."""
        base, name = posixpath.split(partname)
        member = posixpath.join(base, "_rels", f"{name}.rels")[1:]
        if member not in self.names:
            return {}
        out = {}
        for rel in self.parse(self.archive.read(member)).iterfind(_OPC_REL):
            external = rel.get("TargetMode", "Internal") == "External"
            target = None if external else posixpath.abspath(posixpath.join(base, rel.get("Target")))
            out[rel.get("Id")] = (rel.get("Type"), target)
        return out

    def document(self):
        # every part python-docx would load must be there, with a content type
        graph = {"/": self.relationships("/")}
        waiting = [t for _k, t in graph["/"].values() if t is not None]
        while waiting:
            partname = waiting.pop()
            if partname in graph:
                continue
            if partname[1:] not in self.names:
                raise _Unusual(f"{partname} is missing")
            self.content_type(partname)
            graph[partname] = self.relationships(partname)
            waiting.extend(t for _k, t in graph[partname].values() if t is not None)
        main = self._related(graph["/"], "officeDocument")
        if main is None or self.content_type(main) != _MAIN:
            raise _Unusual("no main document, or more than one")
        data = self.archive.read(main[1:])
        root = self.parse(data)
        if root.tag != _DOCUMENT:
            raise _Unusual("the main part is not a w:document")
        rels = graph[main]
        numbering = _Numbering(self._part(rels, "numbering", _XML_PARTS))
        if numbering.levels:
            found = [t for kind, t in rels.values() if kind == _RT + "styles"]
            if not found:
                raise _Unusual("no styles part: python-docx supplies its default styles")
            numbering.pending_styles = partial(self._styles, rels)     # (numbering passes itself: no cycle)
        # no w:vanish anywhere (in UTF-8 or ASCII): no run is hidden, and none needs checking
        hides = b"vanish" in data or b"\0" in data[:200] or data.startswith((b"\xff\xfe", b"\xfe\xff"))
        return _first(root, _BODY), numbering, hides

    def _styles(self, rels: dict, numbering: _Numbering) -> None:
        """Styles, read when a paragraph with a style and no list number of its own is first met."""
        target = self._target(rels, "styles", (_STYLES,))
        if target is None:
            return
        try:
            numbering.use_styles(self.parse(self.archive.read(target[1:])))
        except Exception as exc:        # python-docx would not have opened the package
            raise _Unusual(f"styles: {exc}") from exc

    @staticmethod
    def _related(rels: dict, kind: str) -> str | None:
        found = [target for rel_type, target in rels.values() if rel_type == _RT + kind]
        if len(found) != 1 or found[0] is None:
            raise _Unusual(f"{kind}: {len(found)} relationships")
        return found[0]

    def _target(self, rels: dict, kind: str, types) -> str | None:
        """The one part of this kind (None as python-docx has it: none, several, external, or of
        another type)."""
        found = [target for rel_type, target in rels.values() if rel_type == _RT + kind]
        if len(found) != 1 or found[0] is None or self.content_type(found[0]) not in types:
            return None
        return found[0]

    def _part(self, rels: dict, kind: str, types):
        target = self._target(rels, kind, types)
        return None if target is None else self.parse(self.archive.read(target[1:]))


def elements(document) -> dict[str, object]:
    """Each position the reader gives → its paragraph (``w:p``) or cell (``w:tc``) element.

    Walks the document exactly as :func:`read` does, so a finding's place finds its element
    again (``gixlint annotate`` puts its comments there).
    """
    walker = _Walker(_numbering_of(document), places={})
    walker.blocks(document.element.body)
    return walker.places


def _numbering_of(document) -> _Numbering:
    """List numbering and paragraph styles of a python-docx document."""
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError, ValueError):
        root = None
    numbering = _Numbering(root)
    try:
        numbering.use_styles(document.styles.element)
    except (AttributeError, KeyError, ValueError):
        pass
    return numbering


def _hidden(run) -> bool:
    properties = _first(run, _RPR)
    if properties is None:
        return False
    vanish = _first(properties, _VANISH)
    return vanish is not None and vanish.get(_VAL) not in _NOT_SHOWN


def _first(element, tag: str):
    """The first direct child with ``tag`` (``element.find(tag)``, without the path machinery;
    lxml matches the tag, so no other child is made a Python object)."""
    return next(element.iterchildren(tag), None)


def _why(exc: Exception) -> str:
    """What python-docx, zipfile or lxml said, in words a clerk can act on or pass on; the
    exception's name only as a technical note where there are no such words."""
    text = str(exc)
    if "not a zip file" in text:
        return "不是完整的 zip 压缩包，可能没有下载或复制完"
    if "CRC" in text or "truncated" in text.lower() or "EOF" in text or "end of" in text.lower():
        return "压缩包不完整，可能没有下载或复制完"
    if isinstance(exc, KeyError) and "There is no item named" in text:
        part = text.split("named", 1)[1].split("in the archive")[0].strip(" '\"")
        return f"缺少 Word 文档必需的部分 {part}"
    return f"技术信息：{type(exc).__name__}"


def _children(element, tag: str):
    """Direct children with ``tag``, looking through content controls and similar wrappers."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _contents(element, paragraphs: list) -> bool:
    """A cell's paragraphs (looking through wrappers, as :func:`_children`), and whether it holds a table."""
    nested = False
    for child in element:
        tag = child.tag
        if tag == P:
            paragraphs.append(child)
        elif tag == TBL:
            nested = True
        elif tag in _WRAPPERS:
            nested = _contents(child, paragraphs) or nested
    return nested


def _int(value, default: int = 1) -> int:
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return default


def _prop(element, path: tuple[str, ...]):
    node = element
    for tag in path:
        node = _first(node, q(tag)) if node is not None else None
    return node


class _Walker:
    def __init__(self, numbering: _Numbering, places: dict | None = None, hides: bool = True):
        self.out = Emitter(keep_gaps=True)
        self.hides = hides              # False: the document has no hidden run (w:vanish) at all
        self.places = places            # position → element, when asked for (see elements())
        self.numbering = numbering
        self.paragraph = 0
        self.table_count = 0

    # -- flow ------------------------------------------------------------------------------
    def blocks(self, container, source: str | None = None) -> None:
        """Paragraphs and tables of the body (or of a container cell), in document order."""
        for child in container:
            tag = child.tag
            if tag == P:
                if source is None:
                    self.paragraph += 1
                    if self.places is not None:
                        self.places.setdefault(paragraph_place(self.paragraph), child)
                where = source or paragraph_place(self.paragraph)
                for line in self.text(child).split("\n"):
                    self.out.text(line, where)
            elif tag == TBL:
                self.table(child)
            elif tag in _WRAPPERS:
                self.blocks(child, source)

    def text(self, p) -> str:
        """The paragraph as printed: its list number, then its runs (line breaks as \\n)."""
        parts: list[str] = []
        properties = _collect(p, parts, self.hides)
        return self.numbering.label(properties) + "".join(parts)

    # -- tables ----------------------------------------------------------------------------
    def table(self, tbl) -> None:
        self.table_count += 1
        number = self.table_count
        for r, tr in enumerate(_children(tbl, TR), start=1):
            # cells are counted as Word shows them in the row: a cell spanning grid columns is one,
            # an old-style merge's continuation is part of the cell before, and the grid columns a
            # row skips at its start are no cell (a clerk counts the boxes, not the grid)
            shown = 0
            for tc in _children(tr, TC):
                paragraphs: list = []
                properties, nested = _cell_contents(tc, paragraphs)
                hmerge, vmerge = _merges(properties)
                continued = hmerge is not None and hmerge.get(_VAL) != "restart"
                shown += not continued
                source = cell_place(number, r, max(1, shown))
                if self.places is not None:
                    self.places.setdefault(source, tc)
                if continued:
                    continue  # old-style horizontal merge: the continuation is part of the cell before
                if vmerge is not None and vmerge.get(_VAL) != "restart":
                    self.out.empty(source)  # the merged cell above continues here
                    continue
                self.cell(tc, source, paragraphs, nested)

    def cell(self, tc, source: str, paragraphs: list, nested: bool) -> None:
        """One cell's text, or its paragraphs and tables laid out as blocks when it is a layout cell."""
        hides = self.hides
        runs = []
        properties = []
        for p in paragraphs:
            parts: list[str] = []
            properties.append(_collect(p, parts, hides))
            runs.append("".join(parts))
        if nested or (len(runs) > 1 and _is_container(runs)):
            # a layout cell holding paragraphs and tables of its own: lay them out in order
            self.blocks(tc, source)
            return
        label = self.numbering.label      # each paragraph's number, counted in order
        self.out.cell(join_cell([(label(ppr) + t).replace("\n", "") for ppr, t in zip(properties, runs)]), source)


def _is_container(runs: list[str]) -> bool:
    """Several filled paragraphs, long together: a page laid out in a cell, not a value."""
    filled = [t for t in runs if t.strip()]
    return len(filled) > 1 and sum(len(t) for t in filled) > CONTAINER_CHARS


def _cell_contents(tc, paragraphs: list) -> tuple[object, bool]:
    """A cell's properties (``w:tcPr``) and, in one pass over its children, what
    :func:`_contents` gives: its paragraphs, and whether it holds a table."""
    properties = None
    nested = False
    for child in tc:
        tag = child.tag
        if tag == P:
            paragraphs.append(child)
        elif tag == _TC_PR:
            properties = child if properties is None else properties
        elif tag == TBL:
            nested = True
        elif tag in _WRAPPERS:
            nested = _contents(child, paragraphs) or nested
    return properties, nested


def _merges(properties) -> tuple[object, object]:
    """The first ``w:hMerge`` and ``w:vMerge`` of a cell's properties, as find() gives them (a
    ``w:gridSpan`` does not matter: cells are counted as Word shows them, one each)."""
    hmerge = vmerge = None
    if properties is not None:
        for child in properties:
            tag = child.tag
            if tag == _H_MERGE:
                hmerge = child if hmerge is None else hmerge
            elif tag == _V_MERGE:
                vmerge = child if vmerge is None else vmerge
    return hmerge, vmerge


def _collect(element, parts: list[str], hides: bool):
    """The text of a paragraph's runs, as printed (hidden runs and deleted text left out).

    Returns the element's first ``w:pPr``, passed on the way: a paragraph's list number is read
    from it without a second look through the paragraph.
    """
    properties = None
    for child in element:
        tag = child.tag           # runs and text first: nearly every child is one
        if tag == _R:
            if not (hides and _hidden(child)):  # hidden text (w:vanish) is not printed: never read it
                _collect(child, parts, hides)
        elif tag == _T:
            parts.append(child.text or "")
        elif tag.__class__ is not str or tag in _PRUNE:
            if tag == _PPR and properties is None:
                properties = child
            continue            # comments, processing instructions, entities; properties
        elif tag in _SPACES:
            parts.append(" ")
        elif tag == _BR:
            parts.append("" if child.get(_TYPE) in ("page", "column") else "\n")
        elif tag == _CR:
            parts.append("\n")
        elif tag == _NO_BREAK_HYPHEN:
            parts.append("-")
        else:
            _collect(child, parts, hides)
    return properties


# --- automatic numbering ------------------------------------------------------------------

_CN = "〇一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"


def chinese(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (enough for list numbers)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n % 10] if n % 10 else "")
    if n < 100:
        return _CN[n // 10] + "十" + (_CN[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if not rest else ("零" + chinese(rest) if rest < 10 else
                                    (("一" + chinese(rest)) if rest < 20 else chinese(rest)))
        return _CN[n // 100] + "百" + tail
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += numeral
            n -= value
    return out


def _letter(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def format_number(n: int, fmt: str) -> str:
    if not 0 <= n <= 9999:
        return str(n)     # no list counts this far; a hostile start value must not build a huge string
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "taiwaneseCounting",
               "taiwaneseCountingThousand", "japaneseCounting", "ideographLegalTraditional"):
        return chinese(n)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN[int(d)] for d in str(n))
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt == "upperLetter":
        return _letter(n)
    if fmt == "lowerLetter":
        return _letter(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class _Numbering:
    """Word's list numbering (numbering.xml), counted in document order."""

    def __init__(self, root):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # abstractNumId → ilvl → fmt, text, start
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}         # numId → abstractNumId, start overrides
        self.counters: dict[str, dict[int, int]] = {}
        self.styles: dict[str, object] = {}
        self.pending_styles = None      # reads the styles when a paragraph first needs them
        self.by_style: dict[str, object] = {}   # style id → the numPr it gives (None: none)
        if root is not None:
            for abstract in root.findall(q("abstractNum")):
                levels = {}
                for lvl in abstract.findall(q("lvl")):
                    fmt = _prop(lvl, ("numFmt",))
                    text = _prop(lvl, ("lvlText",))
                    start = _prop(lvl, ("start",))
                    levels[_int(lvl.get(q("ilvl")), 0)] = (
                        fmt.get(_VAL, "decimal") if fmt is not None else "decimal",
                        text.get(_VAL, "") if text is not None else "",
                        _int(start.get(_VAL), 1) if start is not None else 1)
                self.levels[abstract.get(q("abstractNumId"), "")] = levels
            for num in root.findall(q("num")):
                ref = _prop(num, ("abstractNumId",))
                overrides = {}
                for override in num.findall(q("lvlOverride")):
                    start = _prop(override, ("startOverride",))
                    if start is not None:
                        overrides[_int(override.get(q("ilvl")), 0)] = _int(start.get(_VAL), 1)
                self.nums[num.get(q("numId"), "")] = (ref.get(_VAL, "") if ref is not None else "", overrides)

    def use_styles(self, root) -> None:
        """Paragraph styles (styles.xml), whose list numbering a paragraph may take."""
        for style in root.findall(q("style")):
            self.styles[style.get(q("styleId"), "")] = style

    def _numpr(self, properties) -> tuple[str, int] | None:
        numpr = style_id = None
        if properties is not None:
            for child in properties:        # the first of each, as find() gives it
                tag = child.tag
                if tag == _NUMPR:
                    numpr = child if numpr is None else numpr
                elif tag == _PSTYLE and style_id is None:
                    style_id = child
        style_id = style_id.get(_VAL) if style_id is not None else None
        if numpr is None and style_id:
            numpr = self._style_numpr(style_id)
        if numpr is None:
            return None
        num_id = _prop(numpr, ("numId",))
        ilvl = _prop(numpr, ("ilvl",))
        if num_id is None or num_id.get(_VAL) in (None, "0"):
            return None
        return num_id.get(_VAL), _int(ilvl.get(_VAL), 0) if ilvl is not None else 0

    def _style_numpr(self, style_id: str):
        """The list numbering a paragraph style gives, through its ``basedOn`` chain; worked out
        once per style (a report's paragraphs share a handful of styles)."""
        if style_id in self.by_style:
            return self.by_style[style_id]
        if self.pending_styles is not None:
            load, self.pending_styles = self.pending_styles, None
            load(self)
        numpr = None
        seen = set()
        current = style_id
        while numpr is None and current and current not in seen:
            seen.add(current)
            style = self.styles.get(current)
            if style is None:
                break
            numpr = _prop(style, ("pPr", "numPr"))
            based = _prop(style, ("basedOn",))
            current = based.get(_VAL) if based is not None else None
        self.by_style[style_id] = numpr
        return numpr

    def label(self, properties) -> str:
        """The list number of a paragraph with these properties (``w:pPr``, or None); counts it,
        so call once per paragraph in order."""
        if not self.levels:
            return ""
        found = self._numpr(properties)
        if found is None or found[0] not in self.nums:
            return ""
        num_id, ilvl = found
        abstract, overrides = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        if ilvl not in levels:
            return ""
        fmt, text, _start = levels[ilvl]
        if fmt in ("bullet", "none") or not text:
            return ""

        def start(level: int) -> int:
            return overrides.get(level, levels.get(level, ("", "", 1))[2])

        counter_key = num_id if overrides else abstract
        counters = self.counters.setdefault(counter_key, {})
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start(ilvl)
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]

        def value(match_level: int) -> str:
            n = counters.get(match_level, start(match_level))
            return format_number(n, levels.get(match_level, ("decimal", "", 1))[0])

        out = text
        for level in range(8, -1, -1):
            token = f"%{level + 1}"
            if token in out:
                out = out.replace(token, value(level))
        return out
