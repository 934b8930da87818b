"""A Word document written only in text boxes, as PDF-to-Word converters make it: a box for each
line (or each run of one font) where the PDF printed it, all anchored to the body by position.

A converter writes a page's boxes about top to bottom, but not strictly: a line's Latin digits
often come after the next line's Chinese text. Here the boxes are put back into lines by their
anchors' offsets (:func:`_lines_in_order`), each line's boxes left to right and joined. Without
offsets to go by (a box drawn in VML only), the document's order is kept.
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
_RECENT = 2                             # lines a box may still join: its own, and the one after it
_LATIN_EDGE = re.compile(r"[0-9A-Za-z]")

# a box: (index of the body element holding its anchor, top, left, height, width, order written, texts)
Box = tuple[int, int, int, int, int, int, list[str]]


def lines(body, read_box: Callable[[object], list[str]]) -> list[tuple[str, str]]:
    """(text, source) of each line of the boxes, in reading order; ``read_box`` gives the
    paragraphs of one box's content."""
    placed: list[Box] = []
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
        ordered = [p[6] for p in sorted(placed, key=lambda p: p[5])] + loose
        return [(text, f"文本框 {n}") for n, texts in enumerate(ordered, start=1) for text in texts]
    return _lines_in_order(placed)


def _lines_in_order(placed: list[Box]) -> list[tuple[str, str]]:
    """The boxes as lines. Each box, in the order written, joins one of the last lines begun if
    its top is within half a box's height of that line's, and begins a line of its own
    otherwise. Only the last lines are looked at: offsets start again at each page's top, and a
    page's first line must not join the top line of a short page before it. A box of several
    paragraphs is lines of its own."""
    rows: list[list[Box]] = []
    for box in sorted(placed, key=lambda p: (p[0], p[5])):
        row = next((row for row in reversed(rows[-_RECENT:]) if _same_line(row, box)), None) if len(box[6]) == 1 else None
        if row is None:
            rows.append([box])
        else:
            row.append(box)
    out: list[tuple[str, str]] = []
    for row in rows:
        out.extend(_line(row, len(out)))
    return out


def _same_line(row: list[Box], box: Box) -> bool:
    """Does ``box`` go on this line: at its height, and beside its boxes, not over one of them
    (the first line of the next page is at the same height as a short page's first line)."""
    first = row[0]
    return (len(first[6]) == 1 and first[0] == box[0]
            and abs(box[1] - first[1]) < _SAME_LINE * max(first[3], box[3], 1)
            and not any(_over(box, other) for other in row))


def _over(box: Box, other: Box) -> bool:
    """Does one box lie over the other (more than half the narrower one)? Boxes side by side on
    a line may touch or overlap a little: a converter's box widths are estimates."""
    overlap = min(box[2] + box[4], other[2] + other[4]) - max(box[2], other[2])
    return overlap > 0.5 * max(min(box[4], other[4]), 1)


def _line(row: list[Box], done: int) -> list[tuple[str, str]]:
    """One line's boxes, left to right, as one text (a box of several paragraphs: each)."""
    row = sorted(row, key=lambda p: p[2])
    if len(row) == 1 and len(row[0][6]) > 1:
        return [(text, f"文本框第 {done + n} 行") for n, text in enumerate(row[0][6], start=1)]
    text = ""
    for box in row:
        piece = " ".join(box[6]).strip()
        if text and (_LATIN_EDGE.match(text[-1]) or _LATIN_EDGE.match(piece[:1])):
            text += " "
        text += piece
    return [(text, f"文本框第 {done + 1} 行")]


def _position(box, body) -> tuple[int, int, int, int, int] | None:
    """(index of the body element holding the box's anchor, top, left, height, width), in EMU;
    None for a box whose anchor gives no offsets."""
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
    size = [int(extent.get(k)) if extent is not None and (extent.get(k) or "").isdigit() else 0 for k in ("cy", "cx")]
    host = anchor
    while host.getparent() is not None and host.getparent() is not body:
        host = host.getparent()
    return body.index(host) if host.getparent() is body else 0, offsets[0], offsets[1], size[0], size[1]
