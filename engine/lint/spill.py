"""Keeping a run's bulky per-report data on disk until it is needed, so memory stays flat.

A run of 10,000 reports needs, for each, a few kilobytes it reads once or twice: each cross-report
rule's digest (read by that rule's step) and, when the HTML report is written, the compressed
report (read when its part of the page is written). Workers send these already pickled
(:class:`Packed`); the main process appends the bytes to one temporary file (:class:`Spill`) and
keeps a small :class:`Stored` handle instead. :func:`value` gives back the object whatever form
it is in, so the rest of the code need not know where it was kept.
"""

from __future__ import annotations

import pickle
from typing import Any


class Packed(bytes):
    """A value pickled where it was made (a worker process), to be unpickled where it is used."""


def pack(value: Any) -> Packed:
    return Packed(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


class Spill:
    """One temporary file, appended to and read back; removed when closed (or collected). The
    file is made when something is first kept: a one-file run keeps nothing, and spares itself
    tempfile (with shutil, bz2 and lzma)."""

    def __init__(self) -> None:
        self._file = None
        self._end = 0
        # the file's position is its end (no read since the last write). Only this process moves
        # it: forked workers inherit the descriptor, and with it the position, but never use it
        self._at_end = True

    def keep(self, data: bytes) -> Stored:
        if self._file is None:
            import tempfile

            self._file = tempfile.TemporaryFile(prefix="gixlint-run-")
        if not self._at_end:
            self._file.seek(self._end)      # (a seek flushes what is buffered: only after a read)
            self._at_end = True
        self._file.write(data)
        stored = Stored(self, self._end, len(data), isinstance(data, Packed))
        self._end += len(data)
        return stored

    def read(self, offset: int, size: int) -> bytes:
        self._file.flush()
        self._file.seek(offset)
        self._at_end = False
        return self._file.read(size)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


class Stored:
    """Where one value's pickled bytes lie in a :class:`Spill`."""

    __slots__ = ("spill", "offset", "size", "packed")

    def __init__(self, spill: Spill, offset: int, size: int, packed: bool):
        self.spill, self.offset, self.size, self.packed = spill, offset, size, packed

    def read(self) -> bytes:
        data = self.spill.read(self.offset, self.size)
        return Packed(data) if self.packed else data

    def __reduce__(self):       # a handle means nothing in another process: send the bytes
        return (Packed if self.packed else bytes), (self.read(),)


def value(item: Any) -> Any:
    """The object itself, from a :class:`Stored` handle, :class:`Packed` bytes, or as it is."""
    if isinstance(item, Stored):
        item = item.read()
    if isinstance(item, Packed):
        return pickle.loads(item)
    return item


def spill_result(result, spill: Spill) -> None:
    """Move a result's digests (all of them, as one piece: pickled already when they come from
    a worker) and kept report to ``spill``, leaving one small handle for each in their place."""
    if isinstance(result.digests, Packed):
        result.digests = spill.keep(result.digests)
    elif isinstance(result.digests, dict) and result.digests:
        result.digests = spill.keep(pack(result.digests))
    record = result.record
    if record is not None and isinstance(record.packed, bytes):
        record.packed = spill.keep(record.packed)


def digest(result, rule: str):
    """One rule's digest of a result's report, wherever it is kept (None when there is none)."""
    digests = result.digests
    if isinstance(digests, (Stored, Packed)):        # on disk, or back from a pickle of it
        digests = value(digests)
    return value(digests.get(rule)) if digests else None
