"""The folders of files shipped inside gixlint (rule packs, grammars). An installed or checked-out
package is a folder on disk, found from its ``__file__`` without importing importlib.resources
(tempfile, shutil, zipfile … ~10 ms a process); anything else is left to importlib.resources."""

from __future__ import annotations

import importlib
from pathlib import Path


def folder(package: str):
    """The package's folder: a :class:`Path`, or importlib.resources' Traversable when the package
    is not a plain folder (a zip import)."""
    module = importlib.import_module(package)
    where = getattr(module, "__file__", None)
    if where:
        path = Path(where).parent
        if path.is_dir():
            return path
    from importlib import resources

    return resources.files(package)
