"""A Word document written only in text boxes, as PDF-to-Word converters make it: a box for each
line (or each run of one font) where the PDF printed it, all anchored to the body by position.

The boxes come in the order the converter wrote them, which is not the reading order (a line's
Latin digits often come after its Chinese text). Here they are put back in reading order by
their anchors' offsets, page by page (:func:`_pages`): top to bottom, boxes on one line left to
right, a line's boxes joined. Without offsets to go by (a box drawn in VML only), the
document's order is kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_TEXT_BOX = f"{{{W}}}txbxContent"
_FALLBACK = f"{{{MC}}}Fallback"         # the same box again, for older Word: read once
_ANCHOR = f"{{{WP}}}anchor"
_SAME_LINE = 0.5                        # tops closer than this share of a box's height: one line
_LATIN_EDGE = re.compile(r"[0-9A-Za-z]")


def lines(body, read_box: Callable[[object], list[str]]) -> list[tuple[str, str]]:
    """(text, source) of each line of the boxes, in reading order; ``read_box`` gives the
    paragraphs of one box's content."""
    placed: list[tuple[int, int, int, int, int, list[str]]] = []     # host, top, left, height, order, texts
    loose: list[list[str]] = []
    for order, box in enumerate(body.iter(_TEXT_BOX)):
        if next(box.iterancestors(_FALLBACK), None) is not None:
            continue
        texts = [t for t in read_box(box) if t.strip()]
        if not texts:
            continue
        where = _position(box, body)
        if where is None:
            loose.append(texts)
        else:
            placed.append((*where, order, texts))
    if loose or not placed:         # (some boxes without a place: the document's order for all)
        ordered = sorted(placed, key=lambda p: p[4])
        return [(text, f"文本框 {n}") for n, texts in enumerate([p[5] for p in ordered] + loose, start=1)
                for text in texts]
    out: list[tuple[str, str]] = []
    for page in _pages(placed):
        boxes = sorted(page, key=lambda p: (p[1], p[2]))
        row: list[tuple[int, int, int, int, int, list[str]]] = []
        for box in boxes:
            if row and (box[1] - row[0][1] >= _SAME_LINE * max(row[0][3], 1) or len(box[5]) > 1 or len(row[0][5]) > 1):
                out.extend(_line(row, len(out)))
                row = []
            row.append(box)
        if row:
            out.extend(_line(row, len(out)))
    return out


def _pages(placed):
    """The boxes page by page. A converter writes a page's boxes together, top to bottom, and
    their offsets start again at the top of the next page (though all are anchored to one
    paragraph): a box far above the one before it begins a page. Boxes anchored to different
    body paragraphs are never on one page."""
    tallest = max(p[1] for p in placed)
    pages: list[list] = []
    for box in sorted(placed, key=lambda p: (p[0], p[4])):
        last = pages[-1][-1] if pages else None
        if last is None or box[0] != last[0] or box[1] < last[1] - 0.3 * tallest:
            pages.append([])
        pages[-1].append(box)
    return pages


def _line(row, done: int) -> list[tuple[str, str]]:
    """One line's boxes, left to right, as one text (a box of several paragraphs: each)."""
    row = sorted(row, key=lambda p: p[2])
    if len(row) == 1 and len(row[0][5]) > 1:
        return [(text, f"文本框第 {done + n} 行") for n, text in enumerate(row[0][5], start=1)]
    text = ""
    for box in row:
        piece = " ".join(box[5]).strip()
        if text and (_LATIN_EDGE.match(text[-1]) or _LATIN_EDGE.match(piece[:1])):
            text += " "
        text += piece
    return [(text, f"文本框第 {done + 1} 行")]


def _position(box, body) -> tuple[int, int, int, int] | None:
    """(index of the body element holding the box's anchor, top, left, height), in EMU; None
    for a box whose anchor gives no offsets."""
    anchor = next(box.iterancestors(_ANCHOR), None)
    if anchor is None:
        return None
    offsets = []
    for axis in ("positionV", "positionH"):
        found = anchor.find(f"{{{WP}}}{axis}/{{{WP}}}posOffset")
        if found is None or not (found.text or "").lstrip("-").isdigit():
            return None
        offsets.append(int(found.text))
    extent = anchor.find(f"{{{WP}}}extent")
    height = int(extent.get("cy", "0")) if extent is not None and (extent.get("cy") or "").isdigit() else 0
    host = anchor
    while host.getparent() is not None and host.getparent() is not body:
        host = host.getparent()
    return body.index(host) if host.getparent() is body else 0, offsets[0], offsets[1], height
