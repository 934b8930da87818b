"""Which files a run checks: folders searched for reports, Word's lock files and a folder's notes left out."""

from __future__ import annotations

import re
from pathlib import Path

_FOLDER_NOTES = re.compile(r"^(readme|license|changelog)(\.\w+)?$", re.I)


def collect(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """Files to lint (folders searched recursively), and paths that do not exist."""
    from gixlint.read import SUFFIXES

    files: list[Path] = []
    missing: list[str] = []
    for path in paths:
        if path.is_dir():
            # ~$报告.docx is Word's lock file beside an open document, not a report; a README
            # beside downloaded reports describes the folder (name it to have it checked)
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                                and not p.name.startswith("~$") and not _FOLDER_NOTES.match(p.name)))
        elif path.is_file():
            files.append(path)
        else:
            missing.append(str(path))
    return files, missing
