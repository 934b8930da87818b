"""lark parsers of the grammars shipped with gixlint (the report's, the formulas'), their LALR
tables kept between runs; and where shipped files are."""

from __future__ import annotations

import importlib
from pathlib import Path

from gixlint.vocab.cachefolder import cache_folder


def folder(package: str):
    """A shipped package's folder (rule packs, grammars): a :class:`Path` found from its
    ``__file__``, without importing importlib.resources (tempfile, shutil, zipfile … ~10 ms a
    process); importlib.resources' Traversable when the package is not a plain folder."""
    module = importlib.import_module(package)
    where = getattr(module, "__file__", None)
    if where:
        path = Path(where).parent
        if path.is_dir():
            return path
    from importlib import resources

    return resources.files(package)


def lark_parser(grammar_file: str, cache_name: str, **options):
    """The LALR parser of ``grammar/<grammar_file>``. Building lark's tables costs tens of ms a
    process, so they are kept with lark's own cache (which checks the grammar, the options and
    lark's version) in the user's cache folder, one file per grammar text and lark version: two
    gixlint versions on one machine do not keep replacing each other's. Anything wrong with that
    folder or the copy in it, and the tables are simply built."""
    import hashlib

    import lark

    grammar = folder("gixlint.grammar").joinpath(grammar_file).read_text(encoding="utf-8")
    which = hashlib.sha256(f"{lark.__version__}\0{sorted(options.items())}\0{grammar}".encode()).hexdigest()[:16]
    try:
        kept = cache_folder()
        kept.mkdir(parents=True, exist_ok=True)
        return lark.Lark(grammar, parser="lalr", cache=str(kept / f"{cache_name}-{which}.lark-cache"), **options)
    except Exception:        # an unwritable or damaged cache: build the tables
        return lark.Lark(grammar, parser="lalr", **options)
