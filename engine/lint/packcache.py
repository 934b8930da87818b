"""Rule packs validated once, not at every run.

Checking every key of every rule (regexes parsed for nested repeats, formulas parsed, messages'
placeholders) costs a one-file run about a tenth of its start-up, and gives the same answer
until the pack or what judges it changes. A pack that loaded without error is kept in the
user's cache folder under a key made of:

- the pack's text and where it was read from (errors and ``Rule.origin`` name the file);
- gixlint's version;
- each check kind's parameters (types, defaults, choices) and placeholders;
- the size and time of the source file of every function that judges a rule: the kinds'
  validators, and this stage's own modules, so an edited checkout validates again.

Only packs that loaded are kept; a broken pack is validated, and reported, every time. Anything
wrong with the kept copy and the pack is simply validated again.
"""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import gixlint

if TYPE_CHECKING:
    from gixlint.lint.kinds import CheckKind

_FORMAT = 3       # bump when what is pickled changes shape (2: packs keep their parsed formulas; 3: with their key)


def _file_of(function) -> str:
    module = sys.modules.get(getattr(function, "__module__", "") or "")
    return getattr(module, "__file__", "") or ""


def _stamp(path: str) -> str:
    try:
        st = os.stat(path)
    except OSError:
        return f"{path}\0-"
    return f"{path}\0{st.st_mtime_ns}\0{st.st_size}"


def key(text: str, origin: str, kinds: dict[str, CheckKind], judge: str) -> str:
    """The key under which a pack with this text, read from ``origin``, judged by ``kinds`` and
    the module ``judge`` (the file that validates packs), is kept: all of that, written out.

    The whole key is kept with the pack and compared when it is read back, so no two keys can
    share a kept pack (and hashlib, ~3 ms of start-up for its OpenSSL library, is not needed)."""
    from gixlint.lint import formula
    from gixlint.lint import kinds as kinds_module

    parts = [f"{_FORMAT}\0{gixlint.__version__}\0{origin}\0{text}\0"]
    files = {judge, kinds_module.__file__, formula.__file__}
    for name in sorted(kinds):
        kind = kinds[name]
        params = sorted((k, repr(p.type), repr(p.default), p.choices, p.required) for k, p in kind.params.items())
        parts.append(repr((name, params, kind.placeholders)))
        judges = [f for f in [kind.validate, *(p.validate for p in kind.params.values())] if f]
        parts.append(repr([(getattr(f, "__qualname__", ""),
                            getattr(getattr(f, "__code__", None), "co_firstlineno", 0)) for f in judges]))
        files.update(_file_of(f) for f in judges)
    parts.extend(_stamp(path) for path in sorted(filter(None, files)))
    return "\0".join(parts)


def _where(key: str) -> Path:
    """The kept copy's file: named by two checksums of the key (a name two keys happen to share
    only means the later pack replaces the earlier one)."""
    from zlib import adler32, crc32

    from gixlint.vocab.cachefolder import cache_folder

    data = key.encode("utf-8", "surrogatepass")
    return cache_folder() / "packs" / f"{crc32(data):08x}{adler32(data):08x}.pickle"


def get(key: str, expected: type):
    """The pack kept under ``key`` if it is an ``expected`` (a Pack), or None."""
    try:
        kept_key, pack = pickle.loads(_where(key).read_bytes())
    except Exception:          # not kept yet, or a copy this gixlint cannot read
        return None
    return pack if kept_key == key and isinstance(pack, expected) else None


def put(key: str, pack) -> None:
    """Keep a pack that loaded without error; a cache folder that cannot be written is no error."""
    try:
        from gixlint.vocab.cachefolder import keep_file

        keep_file(_where(key), pickle.dumps((key, pack), protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:
        pass
