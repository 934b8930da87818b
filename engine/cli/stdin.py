"""``gixlint -``: a report read from standard input, as ruff and sqlfluff read code.

The readers work on files (they sniff the first bytes, a .docx is a zip), so the bytes are
spooled to a private temporary file, checked like any other, and the results name the report
as the user did: ``--stdin-filename`` (whose suffix says how to read it and whose folder says
which configuration applies), or 「-」. The temporary file is removed when the run ends.
"""

from __future__ import annotations

import sys
from pathlib import Path

STDIN = Path("-")
SHOWN = "-"


class Spooled:
    """The run's paths with ``-`` replaced by a temporary file holding standard input."""

    def __init__(self, paths: list[Path], filename: str | None):
        self.paths, self.filename = list(paths), filename
        self.problem = ""
        self.stand_ins: dict[Path, Path] = {}
        self._folder: str | None = None
        self._shown: dict[str, str] = {}

    def __enter__(self) -> Spooled:
        if STDIN not in self.paths:
            if self.filename:
                self.problem = "--stdin-filename 只在用 - 从标准输入读报告时使用"
            return self
        if self.paths.count(STDIN) > 1:
            self.problem = "标准输入（-）只能读一次"
            return self
        from gixlint.vocab import limits

        ceiling = limits.current().file_mb * 1024 * 1024      # one byte more: the reader says it is too big
        data = sys.stdin.buffer.read(ceiling + 1 if ceiling > 0 else -1)
        import tempfile  # only when there is standard input to spool

        self._folder = tempfile.mkdtemp(prefix="gixlint-stdin-")
        named = Path(self.filename) if self.filename else None
        spooled = Path(self._folder) / (named.name if named and named.name else "stdin")
        spooled.write_bytes(data)
        self.paths[self.paths.index(STDIN)] = spooled
        self.stand_ins[spooled] = named if named is not None else Path.cwd() / "stdin"
        self._shown[str(spooled)] = str(named) if named is not None else SHOWN
        return self

    def shown(self, path: str) -> str:
        """How the results name a checked file: the spooled one as the user named it."""
        return self._shown.get(path, path)

    def rename(self, results) -> None:
        """Name the spooled report as the user named it, in every result and record."""
        for r in results:
            if r.path in self._shown:
                r.rename(self._shown[r.path])

    def __exit__(self, *exc) -> None:
        if self._folder:
            import shutil

            shutil.rmtree(self._folder, ignore_errors=True)
