"""Text bound for a spreadsheet cell, made inert: a report's words must never run as a formula.

Excel, WPS and LibreOffice treat a cell that starts with = + - @ (or a tab or carriage return
before one) as a formula, and a formula can fetch links or run commands. Report text is the
agency's, not ours, so such a cell is shown as text by a leading apostrophe, the way people type it.
"""

from __future__ import annotations

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def inert(value):
    """``value`` unchanged unless it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(TRIGGERS):
        return "'" + value
    return value
