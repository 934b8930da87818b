"""Where gixlint keeps what it can rebuild (grammar tables, compiled patterns, results): one
place, chosen the same way by every stage."""

from __future__ import annotations

import os
from pathlib import Path


def cache_folder() -> Path:
    """``GIXLINT_CACHE_DIR``, else the user's cache folder (~/.cache/gixlint on Linux): never a
    shared temporary folder (a file another user could plant there would be loaded)."""
    if os.environ.get("GIXLINT_CACHE_DIR"):
        return Path(os.environ["GIXLINT_CACHE_DIR"])
    import platformdirs

    return Path(platformdirs.user_cache_dir("gixlint", appauthor=False))
