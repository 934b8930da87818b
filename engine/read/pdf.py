"""PDF reports with a text layer: every character's box and every ruling line, page by page.

Two readers give the same thing. :mod:`gixlint.read.pdf_oxide` (pdf-oxide, in Rust) reads a
report in a tenth of the time; it takes a file only where it has been measured to give exactly
what the other gives — every character, box and border — and declines the rest (fonts not
embedded, Type 3 fonts, fonts without a Unicode map, broken or encrypted files, scans).
:mod:`gixlint.read.pdf_miner` (pdfminer.six's content-stream interpreter, layout analysis off,
about 0.02 s a page) reads whatever is declined, and is the reference. pypdfium2 was measured
too: no faster once every character's box is read, and it silently drops a text object holding
a single glyph of a font that is not embedded when no system font can stand in (a lone ``0`` or
``业`` in a table cell) — so it does not hold the accuracy.

What is read here is handed on as :class:`PdfPages`; :mod:`gixlint.layout.pdf` rebuilds the
lines, rows and table grids from it. A PDF without a text layer (a scan), one whose fonts map
their glyphs to no characters (its text copies out as garbage), and a PDF that cannot be opened
raise :class:`~gixlint.read.ReadError` with a Chinese message (the fast reader declines all
three, so the message is always the fallback's).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gixlint.read.pdf_types import _MIN_TEXT, UNKNOWN, Char, Seg
from gixlint.vocab import limits

__all__ = ["Char", "Seg", "PdfPages", "read", "SCANNED", "UNMAPPED", "UNKNOWN"]

SCANNED = "PDF 没有文字层（可能是扫描件），无法检查，请提供文字版 PDF 或原始文档"
UNMAPPED = ("PDF 的文字层无法解码：字体没有字符映射（ToUnicode），复制出来是乱码，无法检查；"
            "请提供原始文档，或重新导出 PDF 时嵌入字体")
_UNMAPPED_SHARE = 0.3     # more glyphs than this without a Unicode value (pdfminer's "(cid:N)"): unreadable


def _pages(path: Path) -> list[tuple[list[Char | None], list[Seg]]]:
    """Every page's characters in content order (None marks a space, a word break) and the
    straight horizontal and vertical strokes drawn on it (table borders): pdf-oxide's where it
    reads the file exactly, else pdfminer's."""
    from gixlint.read import pdf_miner, pdf_oxide

    pages = pdf_oxide.pages(path)
    return pdf_miner.pages(path) if pages is None else pages


@dataclass
class PdfPages:
    """What a PDF's text layer holds: per page, its characters in content order (None marks a
    space) and the straight strokes drawn on it (table borders)."""

    pages: list[tuple[list[Char | None], list[Seg]]]


def read(path: Path) -> PdfPages:
    from gixlint.read.document import ReadError

    try:
        pages = _pages(path)
    except (OSError, limits.LimitExceeded):
        raise
    except Exception as exc:  # damaged, encrypted, not a PDF: pdfminer raises many kinds
        name = type(exc).__name__
        reason = "文件已加密" if "Password" in name or "Encrypt" in name else "文件已损坏或不是 PDF"
        raise ReadError(f"无法读取 PDF：{reason}（技术信息：{name}）") from exc
    if not pages:
        raise ReadError("PDF 没有页面，或文件已损坏")
    glyphs = [c for chars, _segs in pages for c in chars if c is not None]
    if len(glyphs) < _MIN_TEXT:
        raise ReadError(SCANNED)
    if sum(1 for c in glyphs if c.ch == UNKNOWN or c.ch.startswith("(cid:")) > _UNMAPPED_SHARE * len(glyphs):
        raise ReadError(UNMAPPED)
    return PdfPages(pages)

