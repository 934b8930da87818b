"""Pure functions of a short text, remembered: reports repeat their labels, cells and sentences."""

from __future__ import annotations

SHORT = 100         # characters: lines longer than this are prose, seldom seen twice; not cached
KEPT = 4096         # texts remembered per function


class _ShortTexts(dict):
    """A pure function's results by text, for short texts only. A hit is a plain dict look-up,
    with no Python call in between (a wrapper function around an lru_cache cost five times as
    much, and the layout asks several of these per line). When it is full it starts afresh:
    ``clear`` is one step, so threads sharing it never see it half emptied."""

    __slots__ = ("function", "kept")

    def __init__(self, function, kept: int):
        super().__init__()
        self.function = function
        self.kept = kept

    def __missing__(self, text: str):
        value = self.function(text)
        if len(text) <= SHORT:
            if len(self) >= self.kept:
                self.clear()
            self[text] = value
        return value


def cached_when_short(function, kept: int = KEPT):
    """``function(text)`` remembered for short texts only (``kept`` of them): reports repeat their
    labels, headers and small numbers line after line, while a long line is prose seen once, so
    no cache grows with the run's text. ``function`` must be pure and take the text alone."""
    return _ShortTexts(function, kept).__getitem__
