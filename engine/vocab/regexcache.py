"""Compiled regular expressions kept between runs, so a process does not compile them again.

gixlint's modules compile about two hundred patterns when imported, many with CJK ranges such
as ``[\\u4e00-\\u9fff]`` that Python's ``re`` takes a long time to compile: a fifth of the start-up
of ``gixlint one.txt``. ``re`` keeps its compiled patterns only for the life of the process.

:func:`warm` fills ``re``'s own cache from a table in the user's cache folder before gixlint's
modules are imported, so their ``re.compile`` calls find the patterns there. :func:`keep` writes
the table after a run that compiled patterns the table lacked. Each entry holds what ``re``'s
compiler hands to ``_sre.compile``; an entry goes into the table only if the pattern rebuilt from
it compares equal to the one ``re`` compiled (equal patterns have equal compiled code), so the
table can only ever hold what ``re`` itself would have made. The file is named for the Python
version and the regex engine's version; ``marshal`` stores plain data, never code that runs.
Anything unexpected (an older or newer ``re``, a damaged file) and patterns are compiled as usual.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
from array import array

_loaded: set = set()        # the keys the kept table holds (or will, once keep() has written it)


def _file():
    import _sre

    from gixlint.vocab.cachefolder import cache_folder

    version = f"{sys.implementation.name}{sys.version_info[0]}.{sys.version_info[1]}.{sys.version_info[2]}"
    return cache_folder() / f"patterns-{version}-{_sre.MAGIC}-{_sre.CODESIZE}.marshal"


def _typecode() -> str:
    """The array type holding one unit of compiled code: the code is kept as bytes, which
    marshal reads back ten times faster than a list of ints."""
    import _sre

    return next(t for t in "IL" if array(t).itemsize == _sre.CODESIZE)


def warm() -> int:
    """Put the kept patterns into ``re``'s cache; how many. Never raises."""
    if os.environ.get("GIXLINT_NO_PATTERN_CACHE") or not isinstance(getattr(re, "_cache", None), dict):
        return 0
    try:
        import _sre

        table = marshal.loads(_file().read_bytes())     # marshal.load on a file reads it bit by bit
        room = getattr(re, "_MAXCACHE", 512) - len(re._cache)
        unit = _typecode()
        filled = 0
        for (kind, pattern, flags), (final, code, groups, by_name, by_index) in table.items():
            key = (str if kind == "s" else bytes, pattern, flags)
            _loaded.add(key)
            if key not in re._cache and filled < room:
                re._cache[key] = _sre.compile(pattern, final, array(unit, code).tolist(), groups, by_name,
                                              tuple(by_index))
                filled += 1
    except Exception:      # no table yet, or one this Python cannot use: compile as usual
        return 0
    return filled


def _entry(kind: type, pattern, flags: int, compiled: re.Pattern):
    """What ``_sre.compile`` needs to rebuild ``compiled``, or None if rebuilding does not give
    an equal pattern (a ``re`` whose internals differ from those this module knows)."""
    import _sre
    from re import _compiler, _parser

    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]
    by_name = dict(parsed.state.groupdict)
    by_index = [None] * parsed.state.groups
    for name, index in by_name.items():
        by_index[index] = name
    entry = (flags | parsed.state.flags, array(_typecode(), code).tobytes(), parsed.state.groups - 1, by_name,
             by_index)
    if _sre.compile(pattern, entry[0], code, entry[2], by_name, tuple(by_index)) != compiled:
        return None
    return ("s" if kind is str else "b", pattern, flags), entry


def keep(least_new: int = 8) -> bool:
    """Write the table if this process compiled at least ``least_new`` patterns it lacked, or
    any one that a gixlint module holds at its top (an upgrade that changed a pattern or two
    would otherwise compile them in every run; patterns built from a report's own words come
    and go, and those alone do not rewrite it). Whether it was written. Never raises."""
    if os.environ.get("GIXLINT_NO_PATTERN_CACHE") or not isinstance(getattr(re, "_cache", None), dict):
        return False
    try:
        cached = [(key, p) for key, p in list(re._cache.items())
                  if isinstance(key, tuple) and len(key) == 3 and key[0] in (str, bytes)]
        fresh = [(key, p) for key, p in cached if key not in _loaded]
        if len(fresh) < least_new and not any(_entry(key[0], key[1], key[2], p) is not None
                                               for key, p in _held_by_gixlint(fresh)):
            return False        # (one that cannot be kept must not rewrite the table in every run)
        table = dict(e for key, p in cached if (e := _entry(key[0], key[1], key[2], p)) is not None)
        from gixlint.vocab.cachefolder import keep_file

        keep_file(_file(), marshal.dumps(table))
        _loaded.update(key for key, _p in cached)
        return True
    except Exception:      # a read-only cache folder, an unknown re: nothing is kept
        return False


def _held_by_gixlint(fresh: list[tuple]) -> list[tuple]:
    """The (key, pattern) pairs of ``fresh`` whose pattern a gixlint module holds at its top."""
    if not fresh:
        return []
    own = set()
    for name, module in list(sys.modules.items()):
        if (name == "gixlint" or name.startswith("gixlint.")) and module is not None:
            own.update(id(value) for value in vars(module).values() if isinstance(value, re.Pattern))
    return [(key, p) for key, p in fresh if id(p) in own]
