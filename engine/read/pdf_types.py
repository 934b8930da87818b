"""What a PDF reader gives for a page: its characters (:class:`Char`) and ruling lines (:class:`Seg`).

Shared by both readers (:mod:`gixlint.read.pdf_oxide`, :mod:`gixlint.read.pdf_miner`) and
re-exported by :mod:`gixlint.read.pdf`, which chooses between them.
"""

from __future__ import annotations

from dataclasses import dataclass

_MIN_TEXT = 20            # fewer non-space characters than this in the whole file: no text layer
_THIN = 3.0           # a filled rectangle thinner than this is a ruling line
UNKNOWN = "\ufffd"     # a glyph whose font maps it to no character


@dataclass
class Char:
    ch: str
    x0: float
    x1: float
    y: float               # baseline
    size: float
    yc: float = 0.0        # vertical centre of the glyph box (which table cell it is in)



@dataclass
class Seg:
    horizontal: bool
    pos: float            # y of a horizontal stroke, x of a vertical one
    lo: float
    hi: float
