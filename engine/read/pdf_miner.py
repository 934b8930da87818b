"""The fallback PDF reader: pdfminer.six's content-stream interpreter, layout analysis off.

It reads every PDF that opens at all, at about 0.02 s a page in pure Python (pdfplumber, built
on the same engine, takes twice that for its char list). :mod:`gixlint.read.pdf_oxide` reads
most files ten times faster; this one reads the rest (see :mod:`gixlint.read.pdf`) and is the
reference the fast one is held to. Chromium's PDFs are the slowest here: Skia embeds the CJK
font as Type 3 fonts, about a hundred a report, each with its own ToUnicode CMap, and fills
every border as a rectangle; pdfminer tokenises all of it in Python.
"""

from __future__ import annotations

import zlib
from pathlib import Path

from gixlint.read.pdf_types import _THIN, UNKNOWN, Char, Seg
from gixlint.vocab import limits


def strokes(obj, segs: list[Seg]) -> None:
    """The straight horizontal and vertical strokes of a drawn path (lines, boxes, thin bars)."""
    from pdfminer.layout import LTRect

    w, h = obj.x1 - obj.x0, obj.y1 - obj.y0
    if isinstance(obj, LTRect) or (len(obj.pts) in (4, 5) and obj.fill and not obj.stroke):
        if w <= _THIN and h <= _THIN:
            return
        if h <= _THIN:
            segs.append(Seg(True, (obj.y0 + obj.y1) / 2, obj.x0, obj.x1))
            return
        if w <= _THIN:
            segs.append(Seg(False, (obj.x0 + obj.x1) / 2, obj.y0, obj.y1))
            return
        if not obj.stroke:
            return        # a shaded area, not a border
        segs.extend([Seg(True, obj.y0, obj.x0, obj.x1), Seg(True, obj.y1, obj.x0, obj.x1),
                     Seg(False, obj.x0, obj.y0, obj.y1), Seg(False, obj.x1, obj.y0, obj.y1)])
        return
    if not obj.stroke and not obj.fill:
        return
    pts = list(obj.pts)
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        if abs(y0 - y1) <= 0.5 and abs(x1 - x0) > 1:
            segs.append(Seg(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
        elif abs(x0 - x1) <= 0.5 and abs(y1 - y0) > 1:
            segs.append(Seg(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1)))



class _BoundedZlib:
    """What pdfminer sees as ``zlib``: the same, except that inflating a stream stops at
    ``limits.pdf_stream_mb`` (pdfminer inflates a whole stream at once, with no cap of its own,
    so a 1 MB file can hold a gigabyte of zeros)."""

    error = zlib.error
    MAX_WBITS = zlib.MAX_WBITS
    decompressobj = staticmethod(zlib.decompressobj)

    @staticmethod
    def decompress(data: bytes, *args) -> bytes:
        most = limits.current().pdf_stream_mb * limits.MB
        inflater = zlib.decompressobj(*args[:1])
        out = inflater.decompress(data, most + 1)
        if len(out) > most:
            raise limits.LimitExceeded("pdf_stream_mb", f"有数据流解压后超过 {most // limits.MB} MB")
        if not inflater.eof:
            raise zlib.error("incomplete or truncated stream")   # as zlib.decompress says; pdfminer recovers
        return out


def _bound_pdfminer() -> None:
    import pdfminer.pdftypes

    pdfminer.pdftypes.zlib = _BoundedZlib


def pages(path: Path) -> list[tuple[list[Char | None], list[Seg]]]:
    """Every page's characters in content order (None marks a space, a word break) and the
    straight horizontal and vertical strokes drawn on it (table borders)."""
    import logging

    from pdfminer.converter import PDFLayoutAnalyzer
    from pdfminer.layout import LTChar, LTContainer, LTCurve
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    _bound_pdfminer()
    bounds = limits.current()
    pages: list[tuple[list[Char | None], list[Seg]]] = []
    drawn = [0]

    def count(n: int = 1) -> None:
        drawn[0] += n
        if drawn[0] > bounds.pdf_objects:
            raise limits.LimitExceeded("pdf_objects", f"第 {len(pages) + 1} 页绘制的内容超过此数")

    def walk(node, out: list[Char | None], segs: list[Seg]) -> None:
        for obj in node:
            if isinstance(obj, LTChar):
                text = obj.get_text()
                if not text or text.isspace():
                    out.append(None)
                    continue
                a, b, _c, _d, _e, f = obj.matrix
                upright = abs(b) < 1e-6 and a > 0
                size = obj.size if obj.size > 0 else (obj.y1 - obj.y0) or 10.0
                if text.startswith("(cid:"):
                    text = UNKNOWN
                # a ligature glyph (ﬁ → "fi") or one mapped to several characters: share its box
                step = (obj.x1 - obj.x0) / len(text)
                for i, ch in enumerate(text):
                    out.append(Char(ch, obj.x0 + i * step, obj.x0 + (i + 1) * step, f if upright else obj.y0, size,
                                    (obj.y0 + obj.y1) / 2))
            elif isinstance(obj, LTCurve):
                strokes(obj, segs)
            elif isinstance(obj, LTContainer):
                walk(obj, out, segs)

    class _Device(PDFLayoutAnalyzer):
        def render_image(self, *args, **kwargs) -> None:
            pass

        def begin_figure(self, *args) -> None:     # a form drawn (again): fan-outs multiply these
            count()
            super().begin_figure(*args)

        def paint_path(self, *args) -> None:
            count()
            super().paint_path(*args)

        def render_char(self, *args):
            count()
            return super().render_char(*args)

        def receive_layout(self, ltpage) -> None:
            chars: list[Char | None] = []
            segs: list[Seg] = []
            walk(ltpage, chars, segs)
            pages.append((chars, segs))
            drawn[0] = 0

    manager = PDFResourceManager(caching=True)
    device = _Device(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    with open(path, "rb") as handle:
        document = PDFDocument(PDFParser(handle))
        objects = sum(len(list(xref.get_objids())) for xref in document.xrefs)
        if objects > bounds.pdf_objects:
            raise limits.LimitExceeded("pdf_objects", f"{objects} 个对象")
        for number, page in enumerate(PDFPage.create_pages(document), start=1):
            if number > bounds.pdf_pages:
                raise limits.LimitExceeded("pdf_pages", f"超过 {bounds.pdf_pages} 页")
            interpreter.process_page(page)
    return pages
