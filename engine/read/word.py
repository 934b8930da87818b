"""Word (.docx) reports: body paragraphs and real Word tables, merged cells and all.

The items are what Word's own plain-text export gives: one per non-empty paragraph, one per
table cell in row-major order. A vertically merged continuation cell (``w:vMerge``) is an
empty cell, a horizontally merged one (``w:gridSpan``) is one cell, a cell's paragraphs are
joined. Automatic list numbers (一、 1. （一）) are written out, as Word's export does.
Positions, in Word's terms (:mod:`gixlint.read.place`): 第 N 段 (body paragraph N) and
表格 T 第 R 行第 C 格 (C counts grid columns); :func:`elements` maps them back to the XML.
"""

from __future__ import annotations

from pathlib import Path

from gixlint.read.document import Layout
from gixlint.read.emit import CONTAINER_CHARS, Emitter, join_cell
from gixlint.read.place import cell_place, paragraph_place

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


P, TBL, TR, TC, SDT, SDT_CONTENT, CUSTOM_XML = (q(t) for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent",
                                                              "customXml"))
_VAL = q("val")
# subtrees whose text is not part of the paragraph as printed in the body
_PRUNE = {q("pPr"), q("rPr"), q("txbxContent"), q("del"), q("moveFrom"), q("instrText"), q("delText"),
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
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise ReadError("读取 .docx 需要 python-docx（pip install python-docx）") from exc
    _check_parts(path)
    try:
        document = docx.Document(str(path))
        body = document.element.body
    except OSError:
        raise                     # not allowed to read it, gone: readers.read says so plainly
    except Exception as exc:  # python-docx, zipfile and lxml raise many kinds on a damaged package
        if "amplification" in str(exc) or "Resource limit" in str(exc):
            raise ReadError(f"Word 文档的 XML 超出安全上限（实体展开或文字节点过大），未读取（{_why(exc)}）") from exc
        raise ReadError(f"无法打开 Word 文档：文件已损坏，或只是扩展名为 .docx 的其他压缩包（{_why(exc)}）") from exc
    try:
        walker = _Walker(_Numbering(document))
        walker.blocks(body)
    except (ValueError, KeyError, AttributeError, TypeError) as exc:
        raise ReadError(f"Word 文档结构无法识别：{_why(exc)}") from exc
    if not walker.out.items:
        raise ReadError("Word 文档中没有文字")
    return Layout(items=walker.out.items, variant="docx", encoding="utf-8", line_count=len(walker.out.items))




def _check_parts(path: Path) -> None:
    """Refuse a package whose parts inflate past ``limits.docx_part_mb`` before any XML is parsed
    (a real report's document.xml is well under 5 MB)."""
    import zipfile

    from gixlint.read.document import ReadError
    from gixlint.vocab.limits import MB, LimitExceeded, current

    most = current().docx_part_mb * MB

    try:
        with zipfile.ZipFile(path) as archive:
            big = [(info.filename, info.file_size) for info in archive.infolist() if info.file_size > most]
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReadError(f"无法打开 Word 文档：文件已损坏，或只是扩展名为 .docx 的其他压缩包（{_why(exc)}）") from exc
    if big:
        name, size = big[0]
        raise LimitExceeded("docx_part_mb", f"Word 文档的 {name} 解压后有 {size // MB} MB")


def elements(document) -> dict[str, object]:
    """Each position the reader gives → its paragraph (``w:p``) or cell (``w:tc``) element.

    Walks the document exactly as :func:`read` does, so a finding's place finds its element
    again (``gixlint annotate`` puts its comments there).
    """
    walker = _Walker(_Numbering(document), places={})
    walker.blocks(document.element.body)
    return walker.places


def _hidden(run) -> bool:
    properties = run.find(q("rPr"))
    if properties is None:
        return False
    vanish = properties.find(q("vanish"))
    return vanish is not None and vanish.get(q("val")) not in ("0", "false", "off")


def _why(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:200]


def _children(element, tag: str):
    """Direct children with ``tag``, looking through content controls and similar wrappers."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _int(value, default: int = 1) -> int:
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return default


def _prop(element, path: tuple[str, ...]):
    node = element
    for tag in path:
        node = node.find(q(tag)) if node is not None else None
    return node


class _Walker:
    def __init__(self, numbering: _Numbering, places: dict | None = None):
        self.out = Emitter(keep_gaps=True)
        self.places = places            # position → element, when asked for (see elements())
        self.numbering = numbering
        self.paragraph = 0
        self.table_count = 0

    # -- flow ------------------------------------------------------------------------------
    def blocks(self, container, source: str | None = None) -> None:
        """Paragraphs and tables of the body (or of a container cell), in document order."""
        for child in container:
            if child.tag == P:
                if source is None:
                    self.paragraph += 1
                    if self.places is not None:
                        self.places.setdefault(paragraph_place(self.paragraph), child)
                where = source or paragraph_place(self.paragraph)
                for line in self.text(child).split("\n"):
                    self.out.text(line, where)
            elif child.tag == TBL:
                self.table(child)
            elif child.tag in _WRAPPERS:
                self.blocks(child, source)

    def text(self, p, numbered: bool = True) -> str:
        """The paragraph as printed: its list number, then its runs (line breaks as \\n)."""
        parts = [self.numbering.label(p)] if numbered else []
        self._collect(p, parts)
        return "".join(parts)

    def _collect(self, element, parts: list[str]) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _PRUNE:
                continue
            if tag == q("r") and _hidden(child):
                continue        # hidden text (w:vanish) is not printed: never read it as part of a cell
            if tag == q("t"):
                parts.append(child.text or "")
            elif tag == q("tab") or tag == q("ptab"):
                parts.append(" ")
            elif tag == q("br"):
                kind = child.get(q("type"))
                parts.append("" if kind in ("page", "column") else "\n")
            elif tag == q("cr"):
                parts.append("\n")
            elif tag == q("noBreakHyphen"):
                parts.append("-")
            else:
                self._collect(child, parts)

    # -- tables ----------------------------------------------------------------------------
    def table(self, tbl) -> None:
        self.table_count += 1
        number = self.table_count
        for r, tr in enumerate(_children(tbl, TR), start=1):
            before = _prop(tr, ("trPr", "gridBefore"))
            column = _int(before.get(_VAL), 0) if before is not None else 0
            for tc in _children(tr, TC):
                span_el = _prop(tc, ("tcPr", "gridSpan"))
                span = max(1, _int(span_el.get(_VAL))) if span_el is not None else 1
                source = cell_place(number, r, column + 1)
                column += span
                if self.places is not None:
                    self.places.setdefault(source, tc)
                hmerge = _prop(tc, ("tcPr", "hMerge"))
                if hmerge is not None and hmerge.get(_VAL) != "restart":
                    continue  # old-style horizontal merge: the continuation is part of the cell before
                vmerge = _prop(tc, ("tcPr", "vMerge"))
                if vmerge is not None and vmerge.get(_VAL) != "restart":
                    self.out.empty(source)  # the merged cell above continues here
                    continue
                self.cell(tc, source)

    def cell(self, tc, source: str) -> None:
        paragraphs = list(_children(tc, P))
        nested = any(True for _ in _children(tc, TBL))
        filled = [t for t in (self.text(p, numbered=False) for p in paragraphs) if t.strip()]
        if nested or (len(filled) > 1 and sum(len(t) for t in filled) > CONTAINER_CHARS):
            # a layout cell holding paragraphs and tables of its own: lay them out in order
            self.blocks(tc, source)
            return
        self.out.cell(join_cell([self.text(p).replace("\n", "") for p in paragraphs]), source)


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

    def __init__(self, document):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # abstractNumId → ilvl → fmt, text, start
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}         # numId → abstractNumId, start overrides
        self.counters: dict[str, dict[int, int]] = {}
        self.styles: dict[str, object] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError, ValueError):
            root = None
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
        try:
            for style in document.styles.element.findall(q("style")):
                self.styles[style.get(q("styleId"), "")] = style
        except (AttributeError, KeyError, ValueError):
            pass

    def _numpr(self, p) -> tuple[str, int] | None:
        numpr = _prop(p, ("pPr", "numPr"))
        style_id = _prop(p, ("pPr", "pStyle"))
        style_id = style_id.get(_VAL) if style_id is not None else None
        seen = set()
        while numpr is None and style_id and style_id not in seen:
            seen.add(style_id)
            style = self.styles.get(style_id)
            if style is None:
                break
            numpr = _prop(style, ("pPr", "numPr"))
            based = _prop(style, ("basedOn",))
            style_id = based.get(_VAL) if based is not None else None
        if numpr is None:
            return None
        num_id = _prop(numpr, ("numId",))
        ilvl = _prop(numpr, ("ilvl",))
        if num_id is None or num_id.get(_VAL) in (None, "0"):
            return None
        return num_id.get(_VAL), _int(ilvl.get(_VAL), 0) if ilvl is not None else 0

    def label(self, p) -> str:
        """The list number of paragraph ``p``; counts it, so call once per paragraph in order."""
        if not self.levels:
            return ""
        found = self._numpr(p)
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
