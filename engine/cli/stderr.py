"""The terminal's stderr console for the lint command, made when something is first printed.

A run that writes JSON to stdout and has nothing to say on stderr then never imports rich.
"""

from __future__ import annotations


class StderrConsole:
    """A rich ``Console``, made when first used: a run that prints nothing to the terminal (JSON to
    stdout, no warning) does not import rich for it. Takes Console's arguments."""

    def __init__(self, **options) -> None:
        object.__setattr__(self, "_options", options)
        object.__setattr__(self, "_made", None)

    def _console(self):
        made = self._made
        if made is None:
            from rich.console import Console

            made = Console(**self._options)
            object.__setattr__(self, "_made", made)
        return made

    def __getattr__(self, name: str):
        return getattr(self._console(), name)

    def __setattr__(self, name: str, value) -> None:
        setattr(self._console(), name, value)

    def __enter__(self):
        return self._console().__enter__()

    def __exit__(self, *exc):
        return self._console().__exit__(*exc)


def escape(markup: str) -> str:
    """rich's ``markup.escape``, importing rich only when something is printed."""
    from rich.markup import escape as rich_escape

    return rich_escape(markup)
