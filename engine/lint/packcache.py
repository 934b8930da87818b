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

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import gixlint

if TYPE_CHECKING:
    from gixlint.lint.kinds import CheckKind

_FORMAT = 2       # bump when what is pickled changes shape (2: packs keep their parsed formulas)


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
    the module ``judge`` (the file that validates packs), is kept."""
    from gixlint.lint import formula
    from gixlint.lint import kinds as kinds_module

    h = hashlib.sha256(f"{_FORMAT}\0{gixlint.__version__}\0{origin}\0{text}\0".encode())
    files = {judge, kinds_module.__file__, formula.__file__}
    for name in sorted(kinds):
        kind = kinds[name]
        params = sorted((k, repr(p.type), repr(p.default), p.choices, p.required) for k, p in kind.params.items())
        h.update(repr((name, params, kind.placeholders)).encode())
        judges = [f for f in [kind.validate, *(p.validate for p in kind.params.values())] if f]
        h.update(repr([(getattr(f, "__qualname__", ""), getattr(getattr(f, "__code__", None), "co_firstlineno", 0))
                       for f in judges]).encode())
        files.update(_file_of(f) for f in judges)
    for path in sorted(filter(None, files)):
        h.update(_stamp(path).encode())
    return h.hexdigest()[:32]


def _where(name: str) -> Path:
    from gixlint.vocab.cachefolder import cache_folder

    return cache_folder() / "packs" / f"{name}.pickle"


def get(name: str, expected: type):
    """The pack kept under ``name`` if it is an ``expected`` (a Pack), or None."""
    try:
        pack = pickle.loads(_where(name).read_bytes())
    except Exception:          # not kept yet, or a copy this gixlint cannot read
        return None
    return pack if isinstance(pack, expected) else None


def put(name: str, pack) -> None:
    """Keep a pack that loaded without error; a cache folder that cannot be written is no error."""
    try:
        target = _where(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        partial.write_bytes(pickle.dumps(pack, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(partial, target)
    except Exception:
        pass
