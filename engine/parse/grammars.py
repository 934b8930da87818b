"""lark parsers of the grammars shipped with gixlint (the report's, the formulas'), from tables
generated ahead of time; and where shipped files are."""

from __future__ import annotations

import importlib
from pathlib import Path


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


def report_parser(lexer: type):
    """The LALR parser of ``grammar/report.lark``, fed by ``lexer`` (a stream of terminals, not text).

    Built from the tables generated into ``gixlint.grammar.parsers`` (see ``grammar/generate.py``):
    no grammar to read or tables to build, and not the lark package to import, at start-up."""
    from gixlint.grammar import parsers

    parser = parsers.Lark._load_from_dict(parsers.REPORT_DATA, parsers.REPORT_MEMO)
    # the tables were generated with lark's basic lexer over no terminals: the stream comes from
    # ``lexer``, wrapped as lark wraps a custom lexer class given to ``Lark(lexer=...)``
    parser.parser.lexer = parsers._wrap_lexer(lexer)(parser.lexer_conf)
    return parser


def formula_parser():
    """The LALR parser of ``grammar/formula.lark`` (lark's contextual lexer, positions kept for
    error columns), from the generated tables like :func:`report_parser`."""
    from gixlint.grammar import parsers

    return parsers.Lark._load_from_dict(parsers.FORMULA_DATA, parsers.FORMULA_MEMO)
