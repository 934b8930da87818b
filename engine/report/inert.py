"""Report text made inert for where it is shown: a spreadsheet cell, a terminal, a JSON file.

The words in a report (and the names of downloaded files) are the sender's, not ours.

- Spreadsheets: Excel, WPS and LibreOffice treat a cell that starts with = + - @ (or a tab or
  carriage return before one) as a formula, and a formula can fetch links or run commands. Such
  a cell is shown as text by a leading apostrophe, the way people type it (OWASP's advice on
  CSV injection); CSV and xlsx output both use :func:`inert`.
- Terminals: ESC, CSI and OSC sequences can move the cursor, rewrite earlier lines, set the
  window title or plant links, and bidi overrides reorder what is shown. :func:`terminal` shows
  each such character as a visible stand-in of the same length (ESC → ␛).
- JSON: the value must stay exact, so :func:`json_text` only writes those characters as
  ``\\uXXXX`` escapes, which a JSON reader turns back into the same string.
"""

from __future__ import annotations

import re

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def inert(value):
    """``value`` unchanged unless it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(TRIGGERS):
        return "'" + value
    return value


# C0 controls but tab and newline's own use, DEL, C1 controls (0x9b is a one-byte CSI), and the
# bidi embeddings, overrides and isolates that reorder a line on screen
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")   # json.dumps escapes C0 itself


def _picture(m: re.Match) -> str:
    code = ord(m.group(0))
    if code < 0x20:
        return chr(0x2400 + code)       # ␀ … ␟: ESC shows as ␛, a newline as ␊
    return "\u2421" if code == 0x7f else "\ufffd"


def terminal(text: str) -> str:
    """``text`` with every character that could steer a terminal shown as a harmless one."""
    return _UNSAFE.sub(_picture, text) if isinstance(text, str) else text


def json_text(document: str) -> str:
    """A JSON document with DEL, C1 and bidi controls written as escapes (JSON already escapes C0)."""
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group(0)):04x}", document)


class SafeConsole:
    """A rich Console whose ``print`` shows report text through :func:`terminal`; our own styling
    (colours) still reaches the terminal."""

    def __init__(self, console):
        self._console = console

    def print(self, *objects, **kwargs):
        return self._console.print(*(self._safe(o) for o in objects), **kwargs)

    @staticmethod
    def _safe(value):
        from rich.text import Text

        if isinstance(value, str):
            return terminal(value)
        if isinstance(value, Text):
            safe = value.copy()
            safe.plain = terminal(value.plain)    # same length: the styles stay where they were
            return safe
        return value

    def __getattr__(self, name):
        return getattr(self._console, name)
