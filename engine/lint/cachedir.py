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


def lark_parser(grammar_file: str, cache_name: str, **options):
    """The LALR parser of ``grammar/<grammar_file>``. Building lark's tables costs tens of ms a
    process, so they are kept with lark's own cache (which checks the grammar, the options and
    lark's version) in the user's cache folder, one file per grammar text and lark version: two
    gixlint versions on one machine do not keep replacing each other's. Anything wrong with that
    folder or the copy in it, and the tables are simply built."""
    import hashlib

    import lark

    from gixlint.lint.shipped import folder

    grammar = folder("gixlint.grammar").joinpath(grammar_file).read_text(encoding="utf-8")
    which = hashlib.sha256(f"{lark.__version__}\0{sorted(options.items())}\0{grammar}".encode()).hexdigest()[:16]
    try:
        kept = default_folder()
        kept.mkdir(parents=True, exist_ok=True)
        return lark.Lark(grammar, parser="lalr", cache=str(kept / f"{cache_name}-{which}.lark-cache"), **options)
    except Exception:        # an unwritable or damaged cache: build the tables
        return lark.Lark(grammar, parser="lalr", **options)
