"""Readers turn a file into a :class:`~gixlint.layout.Layout`; nothing after them touches the file.

Each reader handles some file suffixes. New formats (.docx, .html, .pdf) slot in here by
adding a module and an entry in ``READERS``; the parser only ever sees a Layout.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..layout import Layout
from . import pdf, text, web, word

READERS: dict[str, Callable[[Path], Layout]] = {
    ".txt": text.read,
    ".text": text.read,
    ".md": text.read,
    ".docx": word.read,
    ".html": web.read,
    ".htm": web.read,
    ".shtml": web.read,
    ".xhtml": web.read,
    ".pdf": pdf.read,
}
SUFFIXES = frozenset(READERS)


class ReadError(Exception):
    """The file cannot be read as a report (binary, undecodable, unsupported)."""


def read(path: Path) -> Layout:
    """Read ``path`` with the reader for its suffix; plain files of unknown suffix as text."""
    reader = READERS.get(path.suffix.lower(), text.read)
    try:
        return reader(path)
    except ReadError:
        raise
    except OSError as exc:
        raise ReadError(f"无法读取文件：{exc.strerror or exc}") from exc
