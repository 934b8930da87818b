"""The fast PDF reader: pdf-oxide (Rust) gives every character's box and every path, and this
module turns them into what :mod:`gixlint.read.pdf_miner` gives for the same file, or declines.

pdf-oxide reads a page in about a tenth of pdfminer's time, but it is held to pdfminer's output
here, character for character and border for border, because the gaps between digits decide
where one table cell ends and the next begins. Measured on every PDF the tests and benchmarks
make (reportlab, LibreOffice, Chromium, WPS), it agrees where a file's fonts are all embedded,
horizontal or vertical without per-glyph metrics, and mapped to Unicode; it does not agree, and
the file is left to pdfminer (``pages`` returns None), where:

* a font is not embedded (reportlab's STSong-Light, Word's "do not embed"): pdf-oxide measures
  the glyphs with its own metrics, not the file's /W widths — half-width digits drift by a
  point each, 20 pt along a line;
* a font is a Type 3 font (Chromium's): its text comes out as mojibake;
* a font has no ToUnicode stream, or a predefined CMap other than Identity: pdfminer's "(cid:N)"
  is what the unmapped-glyph check counts, and glyph-index guesses would hide it;
* a vertical font has its own /W2 metrics, or a glyph is rotated;
* the characters cannot be put back in content order (a character that falls in no text run,
  or in two: text printed twice over itself);
* the page draws forms inside forms (a fan-out of draws is counted by the fallback), or the
  file holds fewer characters than a report (a scan, a broken file: the fallback says which).

pdf-oxide gives no font descent; the glyph box's vertical centre (which table row a character
sits in) is rebuilt from the font descriptor, read with pdfminer's object parser (a few
milliseconds: no content stream is interpreted). The same pass decodes every content stream
through the bounded inflater, so a decompression bomb stops with the same limit as before.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from pathlib import Path

from gixlint.read.pdf_types import _MIN_TEXT, _THIN, Char, Seg
from gixlint.vocab import limits


@dataclass(frozen=True)
class _Font:
    descent: float                   # below the baseline, a fraction of the font size (negative)
    vertical: bool = False
    vy: float = 880.0                # /DW2 of a vertical font: origin above the glyph box …
    advance: float = -1000.0         # … and its advance down the column


class _Decline(Exception):
    """This file is not one pdf-oxide reads exactly as pdfminer does: read it with pdfminer."""


def pages(path: Path) -> list[tuple[list[Char | None], list[Seg]]] | None:
    """The same as :func:`gixlint.read.pdf_miner.pages` gives, or None where it might not be."""
    pdf_oxide = _library()
    if pdf_oxide is None:    # pragma: no cover - a platform without the binary wheel
        return None
    try:
        fonts, count = _inspect(path)
        doc = pdf_oxide.PdfDocument(str(path))
        if doc.page_count() != count:
            raise _Decline
        bounds = limits.current()
        out = []
        glyphs = 0
        for number in range(count):
            chars = _chars(doc.extract_chars(number), doc.extract_spans(number), fonts)
            paths = doc.extract_paths(number)
            if len(chars) + len(paths) > bounds.pdf_objects // 4:
                raise _Decline     # near the bound: the fallback counts the draws as it always has
            segs: list[Seg] = []
            for drawn in paths:
                _strokes(drawn, segs)
            glyphs += sum(1 for c in chars if c is not None)
            out.append((chars, segs))
    except (_Decline, limits.LimitExceeded) as exc:
        if isinstance(exc, limits.LimitExceeded):
            raise
        return None
    except Exception:        # pdf-oxide or the object parser rejects the file: the fallback says why
        return None
    except BaseException as exc:  # a Rust panic surfaces as pyo3's PanicException (a BaseException)
        if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
            raise
        return None
    if glyphs < _MIN_TEXT:
        return None
    return out


@cache
def _library():
    """pdf-oxide, its log turned off; None where it is not installed. It logs what it repairs in a
    file (「Dictionary used where Stream expected」, a deflate stream cut short) through Python's
    logging, which, with no handler set, printed every warning on the user's screen: a file's
    troubles are gixlint's findings, and the fallback reads what pdf-oxide cannot."""
    try:
        import pdf_oxide
    except ImportError:      # pragma: no cover - a platform without the binary wheel
        return None
    pdf_oxide.set_log_level("off")
    return pdf_oxide


# -- fonts and limits, from the object tree (no content stream interpreted) -----------------


def _inspect(path: Path) -> tuple[dict[tuple[str, bool], _Font | None], int]:
    """Every font the pages use, by (name as pdf-oxide spells it, vertical); None where the
    name is shared by fonts measured differently. Raises :class:`_Decline` for a font pdf-oxide
    does not read as pdfminer does, and ``LimitExceeded`` as the fallback would."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    from gixlint.read.pdf_miner import _bound_pdfminer

    _bound_pdfminer()
    bounds = limits.current()
    fonts: dict[tuple[str, bool], _Font | None] = {}
    seen: set[int] = set()
    count = 0
    with open(path, "rb") as handle:
        document = PDFDocument(PDFParser(handle))
        objects = sum(len(list(xref.get_objids())) for xref in document.xrefs)
        if objects > bounds.pdf_objects:
            raise _Decline
        for page in PDFPage.create_pages(document):
            count += 1
            if count > bounds.pdf_pages:
                raise _Decline
            for stream in page.contents:
                _data(stream)
            _resources(page.resources, fonts, seen, depth=0)
    return fonts, count


# text state pdf-oxide applies as the PDF standard says and pdfminer does not: character spacing
# after a run's last glyph, word spacing, horizontal scaling, rise (set to anything but the default)
_SPACING = re.compile(rb"(?<![A-Za-z])(-?[0-9.]+)\s+(Tc|Tw|Ts|Tz)(?![A-Za-z])")
_OPERATOR = re.compile(rb"T[cwsz]")
_BLANK, _NUMERIC = frozenset(b" \t\n\r\f\v"), frozenset(b"-0123456789.")


def spacing(data: bytes) -> list[tuple[bytes, bytes]]:
    """``_SPACING.findall(data)``, tried only just before each Tc/Tw/Ts/Tz: a content stream is
    mostly numbers, and the pattern tried at every digit took ~15 ms a report. A match ends at
    its operator, and starts in the run of number characters before the blanks before it, so
    searching from that run's start finds what the scan over the whole stream finds."""
    found = []
    for operator in _OPERATOR.finditer(data):
        end = operator.start()
        while end > 0 and data[end - 1] in _BLANK:
            end -= 1
        if end == operator.start():
            continue
        start = end
        while start > 0 and data[start - 1] in _NUMERIC:
            start -= 1
        if start < end:
            match = _SPACING.search(data, start, operator.end() + 1)
            if match:
                found.append(match.groups())
    return found


def _data(stream) -> None:
    from pdfminer.pdftypes import resolve1

    stream = resolve1(stream)
    if not hasattr(stream, "get_data"):
        raise _Decline
    data = stream.get_data()          # inflated through the bounded zlib: a bomb raises LimitExceeded
    for value, op in spacing(data):
        try:
            number = float(value)
        except ValueError:
            raise _Decline from None
        if number != (100.0 if op == b"Tz" else 0.0):
            raise _Decline


def _resources(resources, fonts: dict, seen: set[int], depth: int) -> None:
    from pdfminer.pdftypes import PDFObjRef, resolve1

    resources = resolve1(resources) or {}
    if not isinstance(resources, dict):
        raise _Decline
    for ref in (resolve1(resources.get("Font")) or {}).values():
        key = ref.objid if isinstance(ref, PDFObjRef) else None
        if key is not None and key in seen:
            continue
        if key is not None:
            seen.add(key)
        _font(resolve1(ref), fonts)
    for ref in (resolve1(resources.get("XObject")) or {}).values():
        xobject = resolve1(ref)
        attrs = getattr(xobject, "attrs", None)
        if attrs is None or _name(attrs.get("Subtype")) != "Form":
            continue
        if depth > 0:
            raise _Decline         # forms drawn inside forms: a fan-out the fallback counts
        _data(xobject)
        _resources(attrs.get("Resources"), fonts, seen, depth + 1)


def _name(value) -> str:
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral

    value = resolve1(value)
    if isinstance(value, PSLiteral):
        value = value.name
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return value if isinstance(value, str) else ""


def _spellings(value) -> set[str]:
    """A font name as pdf-oxide may spell it: its bytes read as Latin-1 or as UTF-8."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral

    value = resolve1(value)
    if isinstance(value, PSLiteral):
        value = value.name
    raw = value.encode("utf-8") if isinstance(value, str) else value if isinstance(value, bytes) else b""
    return {raw.decode("latin-1"), raw.decode("utf-8", "replace")}


def _font(spec, fonts: dict) -> None:
    """Enter the font under each of its names; as None where pdf-oxide does not read it as
    pdfminer does (a character drawn in it makes the file the fallback's)."""
    from pdfminer.pdftypes import resolve1

    if not isinstance(spec, dict):
        raise _Decline
    names = _spellings(spec.get("BaseFont"))
    if _name(spec.get("Subtype")) == "Type0":
        descendants = resolve1(spec.get("DescendantFonts"))
        if isinstance(descendants, list) and descendants and isinstance(resolve1(descendants[0]), dict):
            names |= _spellings(resolve1(descendants[0]).get("BaseFont"))
    try:
        vertical, info = _measure(spec)
    except _Decline:
        vertical, info = None, None
    for name in names:
        for way in ((False, True) if vertical is None else (vertical,)):
            key = (name, way)
            fonts[key] = info if key not in fonts or fonts[key] == info else None


def _measure(spec) -> tuple[bool, _Font]:
    """Whether the font writes down the page, and its measures; :class:`_Decline` for a font
    pdf-oxide does not read as pdfminer does."""
    from pdfminer.pdftypes import PDFStream, num_value, resolve1

    subtype = _name(spec.get("Subtype"))
    if subtype not in ("Type0", "Type1", "TrueType", "MMType1"):
        raise _Decline                          # Type 3 (Chromium) and anything unknown
    if not isinstance(resolve1(spec.get("ToUnicode")), PDFStream):
        raise _Decline                          # unmapped glyphs: the fallback's "(cid:N)"
    vertical = False
    font = spec
    if subtype == "Type0":
        encoding = _name(spec.get("Encoding"))
        if encoding not in ("Identity-H", "Identity-V"):
            raise _Decline
        vertical = encoding == "Identity-V"
        descendants = resolve1(spec.get("DescendantFonts"))
        if not isinstance(descendants, list) or len(descendants) != 1:
            raise _Decline
        font = resolve1(descendants[0])
        if not isinstance(font, dict):
            raise _Decline
    descriptor = resolve1(font.get("FontDescriptor"))
    if not isinstance(descriptor, dict) or not any(k in descriptor for k in ("FontFile", "FontFile2", "FontFile3")):
        raise _Decline                          # not embedded: pdf-oxide's own metrics
    descent = num_value(resolve1(descriptor.get("Descent", 0)))
    if descent > 0:
        descent = -descent
    info = _Font(descent * 0.001)
    if vertical:
        if font.get("W2") is not None:
            raise _Decline
        dw2 = resolve1(font.get("DW2", [880, -1000]))
        if not isinstance(dw2, list) or len(dw2) != 2:
            raise _Decline
        info = _Font(descent * 0.001, True, num_value(resolve1(dw2[0])), num_value(resolve1(dw2[1])))
    return vertical, info


# -- characters, back in content order --------------------------------------------------------


def _chars(found, spans, fonts: dict) -> list[Char | None]:
    """pdf-oxide's characters (sorted by position) put back in content order: each goes to the
    text run (span) it sits in, runs in the order they were drawn, left to right within a run.
    (Each attribute of a pdf-oxide object is a call into Rust that builds a new value: read once.)"""
    runs: dict[float, list[tuple[float, float, int]]] = {}
    order = sorted(range(len(spans)), key=lambda i: spans[i].sequence)
    vertical: dict[tuple[float, float], int] = {}
    texts = []
    downward = []               # each run: written down the page (a negative width or advance)
    for i, span in enumerate(spans):
        x, y, w, _h = span.bbox
        raw = span.text
        widths = span.char_widths
        text = "".join(raw.split())
        texts.append(text)
        down = w < 0 or any(v < 0 for v in widths)
        downward.append(bool(text) and down)
        if not text:
            continue
        lead = len(raw) - len(raw.lstrip())
        if lead:                       # a run that starts with a space pdf-oxide put in: start at its glyph
            shift = sum(widths[:lead])
            x, w = x + shift, w - shift
            down = w < 0 or any(v < 0 for v in widths)
        if down:
            if len(text) != 1 or (x, y) in vertical:
                raise _Decline
            vertical[(x, y)] = i
        else:
            runs.setdefault(y, []).append((x, x + w, i))
    starts: dict[float, list[float]] = {}
    for y, row in runs.items():
        row.sort()
        starts[y] = [r[0] for r in row]
    levels = sorted(runs)
    members = _members(found, runs, starts, levels, vertical, len(spans))
    return _in_order(order, members, texts, downward, fonts)


def _members(found, runs: dict, starts: dict, levels: list[float], vertical: dict, count: int) -> list[list]:
    """Each run's characters, as (origin x, text, origin y, size, font name, box), in the order
    pdf-oxide gives them. :class:`_Decline` for a character no run or two runs hold, or one that
    is not a single mapped, upright character."""
    members: list[list] = [[] for _ in range(count)]
    for c in found:
        text = c.char
        if len(text) != 1 or text == "\ufffd" or (ord(text) < 0x20 and not text.isspace()):
            raise _Decline
        if c.rotation_degrees:
            raise _Decline
        ox, oy = c.origin_x, c.origin_y
        size = c.font_size
        i = vertical.get((ox, oy)) if vertical else None
        if i is None:
            i = _run_at(runs, starts, oy, ox)
            if i is None:              # a glyph raised or lowered a little inside its run
                i = _run_near(runs, levels, oy, ox, 0.2 * size)
        members[i].append((ox, text, oy, size, c.font_name, c.bbox))
    return members


def _in_order(order: list[int], members: list[list], texts: list[str], downward: list[bool],
              fonts: dict) -> list[Char | None]:
    """The runs' characters as :class:`Char` (None for a space), runs in drawing order, each left
    to right; :class:`_Decline` where a run's characters do not spell its text, or a character's
    font is one pdf-oxide does not measure as pdfminer does."""
    # the fonts by name, one table for each way of writing: no (name, way) key made a glyph
    by_way = {way: {name: font for (name, font_way), font in fonts.items() if font_way == way} for way in (False, True)}
    out: list[Char | None] = []
    append = out.append
    for i in order:
        mine = members[i]
        is_vertical = downward[i]
        if not is_vertical:
            mine.sort(key=_ORIGIN_X)
        if "".join([m[1] for m in mine if not m[1].isspace()]) != texts[i]:
            raise _Decline
        named = by_way[is_vertical]
        for ox, text, oy, size, font_name, bbox in mine:
            font = named.get(font_name)
            if text.isspace():
                if font_name in named:
                    append(None)    # a space glyph; one in no font of the page is pdf-oxide's own
                continue
            if font is None:
                raise _Decline
            if is_vertical:
                top = oy + (1000 - font.vy) * size * 0.001
                append(Char(text, ox - size / 2, ox + size / 2, oy, size, top + font.advance * size * 0.0005))
            else:
                x, _y, w, _h = bbox
                append(Char(text, x, x + w, oy, size, oy + font.descent * size + size / 2))
    return out


_ORIGIN_X = itemgetter(0)       # a member's origin x (a C key: no Python call a glyph)


def _run_at(runs: dict, starts: dict, y: float, x: float) -> int | None:
    """The text run on baseline ``y`` that starts last at or before ``x`` (a run's extent is
    summed from its advance widths, without its kerning, so its end is not to be trusted)."""
    row = runs.get(y)
    if row is None:
        return None
    at = bisect.bisect_right(starts[y], x + 0.01) - 1
    return row[at][2] if at >= 0 else None


def _run_near(runs: dict, levels: list[float], y: float, x: float, near: float) -> int | None:
    """The one run on a baseline within ``near`` of ``y`` that holds ``x``."""
    lo, hi = bisect.bisect_left(levels, y - near), bisect.bisect_right(levels, y + near)
    hits = [i for level in levels[lo:hi] for x0, x1, i in runs[level] if x0 - 0.01 <= x <= x1 + near]
    if len(hits) != 1:
        raise _Decline
    return hits[0]


# -- ruling lines -------------------------------------------------------------------------------


def _strokes(drawn: dict, segs: list[Seg]) -> None:
    """The straight strokes of one painted path, split into subpaths and sorted into lines,
    rectangles and curves exactly as pdfminer does (see ``pdf_miner.strokes``)."""
    stroke = drawn.get("stroke_color") is not None
    fill = drawn.get("fill_color") is not None
    if not stroke and not fill:
        return
    subpaths: list[tuple[str, list[tuple[float, float]]]] = []
    shape, pts = "", []
    for op in drawn["operations"]:
        kind = op["op"]
        if kind == "rectangle":
            if shape:
                subpaths.append((shape, pts))
            x, y, w, h = op["x"], op["y"], op["width"], op["height"]
            subpaths.append(("mlllh", [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)]))
            shape, pts = "", []
        elif kind == "move_to":
            if shape:
                subpaths.append((shape, pts))
            shape, pts = "m", [(op["x"], op["y"])]
        elif kind == "line_to":
            shape += "l"
            pts.append((op["x"], op["y"]))
        elif kind == "curve_to":
            shape += "c"
            pts.append((op["x"], op["y"]))
        elif kind == "close_path":
            if not pts:
                raise _Decline
            shape += "h"
            pts.append(pts[0])
        else:
            raise _Decline
    if shape:
        subpaths.append((shape, pts))
    for shape, pts in subpaths:
        if shape[:1] != "m" or len(shape) < 2:
            continue
        if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
            shape = shape[:-2] + "h"
            pts = pts[:-1]
        rect = False
        if shape in ("mlh", "ml"):
            pts = pts[:2]                       # one line segment
        elif shape in ("mlllh", "mllll"):
            (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
            rect = pts[0] == pts[4] and ((x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0)
                                         or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0))
            if rect:
                pts = pts[:4]
        _segments(pts, rect, stroke, fill, segs)


def _segments(pts: list[tuple[float, float]], rect: bool, stroke: bool, fill: bool, segs: list[Seg]) -> None:
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    w, h = x1 - x0, y1 - y0
    if rect or (len(pts) in (4, 5) and fill and not stroke):
        if w <= _THIN and h <= _THIN:
            return
        if h <= _THIN:
            segs.append(Seg(True, (y0 + y1) / 2, x0, x1))
            return
        if w <= _THIN:
            segs.append(Seg(False, (x0 + x1) / 2, y0, y1))
            return
        if not stroke:
            return
        segs.extend([Seg(True, y0, x0, x1), Seg(True, y1, x0, x1),
                     Seg(False, x0, y0, y1), Seg(False, x1, y0, y1)])
        return
    for (ax, ay), (bx, by) in zip(pts, pts[1:]):
        if abs(ay - by) <= 0.5 and abs(bx - ax) > 1:
            segs.append(Seg(True, (ay + by) / 2, min(ax, bx), max(ax, bx)))
        elif abs(ax - bx) <= 0.5 and abs(by - ay) > 1:
            segs.append(Seg(False, (ax + bx) / 2, min(ay, by), max(ay, by)))
