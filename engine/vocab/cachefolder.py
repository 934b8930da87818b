"""Where gixlint keeps what it can rebuild (grammar tables, compiled patterns, results): one
place, chosen the same way by every stage."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def cache_folder() -> Path:
    """``GIXLINT_CACHE_DIR``, else the user's cache folder (~/.cache/gixlint on Linux): never a
    shared temporary folder (a file another user could plant there would be loaded)."""
    if os.environ.get("GIXLINT_CACHE_DIR"):
        return Path(os.environ["GIXLINT_CACHE_DIR"])
    plain = _plain_linux_cache()
    if plain is not None:
        return plain / "gixlint"
    import platformdirs

    return Path(platformdirs.user_cache_dir("gixlint", appauthor=False))


def _plain_linux_cache() -> Path | None:
    """The user's cache folder on Linux in the plain case, where the XDG rule is one line: an
    absolute $XDG_CACHE_HOME, else ~/.cache under an absolute $HOME. None for anything else
    (other systems, relative or missing values), which platformdirs decides. It answers the same
    in the plain case (a test holds the two equal), but importing it brings in tempfile and
    shutil, ~7 ms of every start-up."""
    if not sys.platform.startswith("linux") or hasattr(sys, "getandroidapilevel"):
        return None
    chosen, home = os.environ.get("XDG_CACHE_HOME", ""), os.environ.get("HOME", "")
    if chosen:
        return Path(chosen) if os.path.isabs(chosen) else None
    return Path(home, ".cache") if os.path.isabs(home) else None


def keep_file(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` in the cache folder whole: written beside it under this
    process's name, then put in its place, so a reader (another gixlint running meanwhile) never
    sees half a file. Raises OSError as writing does."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    partial.write_bytes(data)
    os.replace(partial, target)
