"""Where gixlint keeps what it may reuse between runs: the user's own cache folder, never a
shared temporary folder (a file another user could plant there would be loaded)."""

from __future__ import annotations

import os
from pathlib import Path


def default_folder() -> Path:
    """``GIXLINT_CACHE_DIR``, else the user's cache folder (~/.cache/gixlint on Linux)."""
    if os.environ.get("GIXLINT_CACHE_DIR"):
        return Path(os.environ["GIXLINT_CACHE_DIR"])
    import platformdirs

    return Path(platformdirs.user_cache_dir("gixlint", appauthor=False))
