"""PDF reports with a text layer: every character's box rebuilt into lines and rows.

Characters come from pdfminer.six's content-stream interpreter with layout analysis switched
off (about 0.02 s a page; pdfplumber, built on the same engine, takes twice that for its char
list and ten times that with its table finder). pypdfium2 was measured too: no faster once
every character's box is read, and it silently drops a text object holding a single glyph of a
font that is not embedded when no system font can stand in (a lone ``0`` or ``业`` in a table
cell) — so it does not hold the accuracy. The rows are rebuilt by :mod:`gixlint.rowlayout`, the
same row layout as pdftotext text: characters grouped into lines by baseline, a wide gap is a
cell boundary, page numbers (``-3-``) become PAGE items, headers repeated at the top of a page
are dropped, wrapped labels and group labels printed in the middle of their rows are joined.

Item.line is the line's number in the document rebuilt this way (counting over all pages),
Item.page the page number and Item.source ``第 N 页``. A PDF without a text layer (a scan) and a
PDF that cannot be opened raise :class:`~gixlint.readers.ReadError` with a Chinese message.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..layout import Layout
from ..rowlayout import Line, Word, assemble, check_rows

SCANNED = "PDF 没有文字层（可能是扫描件），无法检查，请提供文字版 PDF 或原始文档"
_MIN_TEXT = 20            # fewer non-space characters than this in the whole file: no text layer
_CELL_GAP = 0.6           # a gap wider than this many font sizes separates two cells
_WORD_GAP = 0.25          # … and wider than this separates two words
_CJK_GAP = 0.35           # (between two CJK characters: justified prose spreads them a little)


@dataclass
class _Char:
    ch: str
    x0: float
    x1: float
    y: float               # baseline
    size: float


def _is_cjk(ch: str) -> bool:
    return ord(ch) > 0x2E80


def _pages(path: Path) -> list[list[_Char | None]]:
    """Every page's characters in content order; None marks a space (a word break)."""
    import logging

    from pdfminer.converter import PDFLayoutAnalyzer
    from pdfminer.layout import LTChar, LTContainer
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    pages: list[list[_Char | None]] = []

    def walk(node, out: list[_Char | None]) -> None:
        for obj in node:
            if isinstance(obj, LTChar):
                text = obj.get_text()
                if not text or text.isspace():
                    out.append(None)
                    continue
                a, b, _c, _d, _e, f = obj.matrix
                upright = abs(b) < 1e-6 and a > 0
                size = obj.size if obj.size > 0 else (obj.y1 - obj.y0) or 10.0
                out.append(_Char(text, obj.x0, obj.x1, f if upright else obj.y0, size))
            elif isinstance(obj, LTContainer):
                walk(obj, out)

    class _Device(PDFLayoutAnalyzer):
        def paint_path(self, *args, **kwargs) -> None:   # lines and boxes are not needed
            pass

        def render_image(self, *args, **kwargs) -> None:
            pass

        def receive_layout(self, ltpage) -> None:
            chars: list[_Char | None] = []
            walk(ltpage, chars)
            pages.append(chars)

    manager = PDFResourceManager(caching=True)
    device = _Device(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    with open(path, "rb") as handle:
        for page in PDFPage.get_pages(handle):
            interpreter.process_page(page)
    return pages


def _lines(chars: list[_Char | None]) -> list[list[_Char | None]]:
    """Group characters into lines by baseline (top of the page first)."""
    # a space stays with the character before it, so word breaks survive sorting
    tagged: list[tuple[_Char, bool]] = []
    for c in chars:
        if c is None:
            if tagged:
                tagged[-1] = (tagged[-1][0], True)
            continue
        tagged.append((c, False))
    tagged.sort(key=lambda t: -t[0].y)
    lines: list[list[tuple[_Char, bool]]] = []
    for c, space in tagged:
        if lines and abs(lines[-1][0][0].y - c.y) <= 0.3 * max(c.size, lines[-1][0][0].size):
            lines[-1].append((c, space))
        else:
            lines.append([(c, space)])
    out = []
    for line in lines:
        line.sort(key=lambda t: t[0].x0)
        seq: list[_Char | None] = []
        for c, space in line:
            seq.append(c)
            if space:
                seq.append(None)
        out.append(seq)
    return out


def _words(seq: list[_Char | None]) -> list[Word]:
    words: list[Word] = []
    prev: _Char | None = None
    space = False
    for c in seq:
        if c is None:
            space = True
            continue
        if prev is None:
            words.append(Word(c.ch, c.x0, c.x1, True))
        else:
            gap = c.x0 - prev.x1
            size = max(c.size, prev.size)
            if gap > _CELL_GAP * size:
                words.append(Word(c.ch, c.x0, c.x1, True))
            elif (space and gap > 0) or gap > (_CJK_GAP if _is_cjk(c.ch) and _is_cjk(prev.ch) else _WORD_GAP) * size:
                words.append(Word(c.ch, c.x0, c.x1, False))
            else:
                words[-1].text += c.ch
                words[-1].x1 = max(words[-1].x1, c.x1)
        prev, space = c, False
    return words


def read(path: Path) -> Layout:
    from . import ReadError

    try:
        chars = _pages(path)
    except OSError:
        raise
    except Exception as exc:  # damaged, encrypted, not a PDF: pdfminer raises many kinds
        name = type(exc).__name__
        reason = "文件已加密" if "Password" in name or "Encrypt" in name else "文件已损坏或不是 PDF"
        raise ReadError(f"无法读取 PDF：{reason}（{name}）") from exc
    if not chars:
        raise ReadError("PDF 没有页面，或文件已损坏")
    if sum(1 for page in chars for c in page if c is not None) < _MIN_TEXT:
        raise ReadError(SCANNED)
    lines = _layout_lines([_lines(page) for page in chars])
    problems: list = []
    items = check_rows(assemble(lines), problems)
    return Layout(items=items, variant="pdf", encoding="utf-8", line_count=len(lines), problems=problems)


def _layout_lines(pages: list[list[list[_Char | None]]]) -> list[Line]:
    """Number the lines over the whole document; mark indented and full-width prose lines."""
    out: list[Line] = []
    for page_number, page in enumerate(pages, start=1):
        lines = []
        for seq in page:
            words = _words(seq)
            if not words:
                continue
            size = max(c.size for c in seq if c is not None)
            lines.append((Line(0, words, page_number, f"第 {page_number} 页"), size))
        if not lines:
            continue
        left = min(line.words[0].x0 for line, _ in lines)
        prose = [line.words[-1].x1 for line, _ in lines
                 if len(line.words) and not any(w.gap for w in line.words[1:]) and any(ch in line.text for ch in "，。")]
        right = max(prose) if prose else max(line.words[-1].x1 for line, _ in lines)
        for line, size in lines:
            line.number = len(out) + 1
            line.indented = line.words[0].x0 > left + size
            line.full = line.words[-1].x1 >= right - 1.5 * size
            out.append(line)
    return out
