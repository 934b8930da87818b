"""Agency names as compared across reports and rosters: 「南通市海门区教育局」 is 「海门区教育局」."""

from __future__ import annotations

import re

from gixlint.vocab import labels as L


def agency_key(name: str) -> str:
    """An agency name as compared: no spaces, full width folded, no bracketed suffix （办公室）."""
    return re.sub(r"[（(][^）)]*[）)]$", "", L.squash(name or ""))


SHORTEST = 4        # a name this short or longer may stand for a longer one ending in it


def same_agency(a: str, b: str) -> bool:
    """Two agency keys name one agency: equal, or one is the other with more of its place in
    front (海门区教育局, 南通市海门区教育局). 「办公室」 alone names nobody in particular."""
    short, long = sorted((a, b), key=len)
    return bool(short) and long.endswith(short) and (short == long or len(short) >= SHORTEST)
