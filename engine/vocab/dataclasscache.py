"""The methods ``dataclasses`` writes for each class, compiled once and kept between runs.

Before Python 3.13, ``@dataclass`` writes the source of each method it adds (``__init__``,
``__repr__``, ``__eq__`` …) and compiles it with ``exec``, one compile per method. gixlint defines
about fifty dataclasses on the way to checking one file, and those compiles cost ~15 ms of the
~110 ms of ``gixlint one.txt``: more than any module. Only gixlint's own classes are cached; the
``exec`` any other class's methods get is Python's, unchanged.

:func:`install` gives the ``dataclasses`` module an ``exec`` of its own. Given source text, it
runs the code object that Python compiled from exactly that text in an earlier run, found in a
table in the user's cache folder, and compiles only what the table lacks. Running a code object
compiled from a text is what ``exec`` of that text does, so every class comes out the same. The
key is the whole text, so a changed class is compiled afresh. :func:`keep` writes the table after
a run that compiled texts it lacked; past :data:`MOST` texts (classes changed by upgrades), only
those this run used are kept.

The file is named for the interpreter, its bytecode's magic number and the optimisation level,
as ``__pycache__`` files are. It holds code objects, so it is trusted as the rule packs' pickles beside it are: whoever
can write the user's cache folder can already change what gixlint runs. Anything unexpected (a
damaged file, an entry that is not text and code) and the methods are compiled as usual.
``GIXLINT_NO_CODE_CACHE=1`` turns it off.
"""

import builtins
import marshal
import os
import sys

_table: dict = {}        # source text → code object compiled from it
_fresh = 0               # texts compiled in this process that the kept table lacked
_used: set = set()       # texts this process ran
MOST = 2000              # texts kept at most (gixlint's own classes make ~200): past it, only this run's


def _file():
    from importlib.util import MAGIC_NUMBER

    from gixlint.vocab.cachefolder import cache_folder

    # the optimisation level (-O, -OO) changes what compile() makes, as it names .pyc files
    level = f"-opt{sys.flags.optimize}" if sys.flags.optimize else ""
    return cache_folder() / f"dataclass-methods-{sys.implementation.cache_tag}{level}-{MAGIC_NUMBER.hex()}.marshal"


def _compile(source: str):
    # dont_inherit: the flags of this module (and of whoever imported it) stay out of the code, as
    # they stay out when dataclasses' own module, which has no __future__ imports, runs exec
    return compile(source, "<string>", "exec", dont_inherit=True)


def _exec(source, globals=None, locals=None, /):
    """``exec`` as the ``dataclasses`` module sees it: the same, with each text of a gixlint
    class compiled once. Other classes (a plugin's, a program's that imports gixlint) pass
    straight through: their code is not kept."""
    global _fresh
    if type(source) is str and _ours(globals):
        _used.add(source)
        code = _table.get(source)
        if code is None:
            code = _table[source] = _compile(source)
            _fresh += 1
        source = code
    return builtins.exec(source, globals, locals)


def _ours(globals) -> bool:
    """Whether the class is being made in one of gixlint's modules (``dataclasses`` runs its
    methods' text in the class's module's namespace)."""
    name = globals.get("__name__", "") if isinstance(globals, dict) else ""
    return name == "gixlint" or name.startswith("gixlint.")


def install() -> bool:
    """Load the kept table and give ``dataclasses`` the caching ``exec``; whether it did. Call it
    before the modules whose dataclasses it should speed up are imported. Never raises."""
    if os.environ.get("GIXLINT_NO_CODE_CACHE"):
        return False
    import dataclasses

    if getattr(dataclasses, "exec", None) is _exec:
        return True
    try:
        table = marshal.loads(_file().read_bytes())
        code_type = type(_compile.__code__)
        if isinstance(table, dict) and all(type(k) is str and type(v) is code_type for k, v in table.items()):
            _table.update(table)
    except Exception:       # not kept yet, or a table this Python cannot read: compile as usual
        pass
    dataclasses.exec = _exec        # the module's own name shadows the builtin for its exec() calls
    return True


def keep() -> bool:
    """Write the table if this process compiled a text it lacked; whether it was written. Never
    raises."""
    global _fresh
    if not _fresh or os.environ.get("GIXLINT_NO_CODE_CACHE"):
        return False
    try:
        from gixlint.vocab.cachefolder import keep_file

        if len(_table) > MOST:      # upgrades left texts no class makes any more: start afresh
            for text in [t for t in _table if t not in _used]:
                del _table[text]
        keep_file(_file(), marshal.dumps(_table))
        _fresh = 0
        return True
    except Exception:      # a read-only cache folder: nothing is kept
        return False
