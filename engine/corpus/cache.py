"""Results of unchanged files from an earlier run, so re-checking a folder takes seconds.

An entry is one file's result before the cross-report step: its findings, its waived findings,
its record, the cross-report rules' digests and, when the run's outputs show tables, the
compressed report (:mod:`gixlint.lint.record`). Its key is
the file's content hash and path together with the run's fingerprint: gixlint's version and
code, every loaded rule as configured, the plugins, the configuration and "today" — change any
of them and the file is checked again. A result that says a rule failed or ran out of time is
not kept: the next run should try again.

The entries live in one SQLite file in the user's cache folder (vocab.cachefolder), never beside the
reports, which may be someone else's download. A damaged file, or one that is not gixlint's
cache, is left alone: the run warns once and goes on without it.
"""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import gixlint
from gixlint.lint.cachedir import default_folder  # noqa: F401  (gixlint.corpus.cache.default_folder)
from gixlint.lint.linter import FileResult, Linter
from gixlint.parse.grammars import folder

SCHEMA = "gixlint-results-2"
KEEP_DAYS = 30          # entries not used for this long are dropped
BATCH = 256             # entries written together
_TRANSIENT = ("未检查本文件：", "执行出错：", "gixlint 内部错误")


class Cache:
    """One run's view of the cache file: look up before checking, remember what was checked."""

    def __init__(self, db: sqlite3.Connection, path: Path, warn: Callable[[str], None]):
        self.db, self.path, self.warn = db, path, warn
        self.hits: list[str] = []
        self.new: list[tuple[str, bytes]] = []
        self._warned = False

    @classmethod
    def open(cls, folder: Path, warn: Callable[[str], None]) -> Cache | None:
        """The cache in ``folder``, created if need be; None (after one warning) if unusable."""
        path = folder / "results.sqlite3"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=10)
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not tables:
                with db:
                    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
                    db.execute("CREATE TABLE results (key TEXT PRIMARY KEY, used INTEGER, value BLOB)")
                    db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA,))
            elif tables != {"meta", "results"} or db.execute(
                    "SELECT value FROM meta WHERE key='schema'").fetchone() != (SCHEMA,):
                db.close()
                warn(f"{path} 不是这个版本的 gixlint 缓存，本次不使用缓存（可删除它，或用 --cache-dir 换一个位置）")
                return None
        except (sqlite3.Error, OSError) as exc:
            warn(f"缓存 {path} 无法使用（{exc}），本次不使用缓存（可删除它，或用 --cache-dir 换一个位置）")
            return None
        return cls(db, path, warn)

    def get(self, key: str) -> FileResult | None:
        try:
            row = self.db.execute("SELECT value FROM results WHERE key=?", (key,)).fetchone()
            if row is None:
                return None
            result = pickle.loads(row[0])
            if not isinstance(result, FileResult):
                raise TypeError(type(result).__name__)
        except Exception as exc:     # a damaged entry is a miss, said once
            self._warn_once(f"缓存 {self.path} 中有损坏的记录（{type(exc).__name__}），这些文件重新检查")
            return None
        self.hits.append(key)
        return result

    def put(self, key: str, result: FileResult) -> None:
        if any(any(t in f.message for t in _TRANSIENT) for f in [*result.findings, *result.waived]):
            return
        try:
            self.new.append((key, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)))
        except Exception as exc:     # a plugin's value that cannot be pickled: just not cached
            self._warn_once(f"有的检查结果无法存入缓存（{type(exc).__name__}），下次会重新检查")
        if len(self.new) >= BATCH:
            self._write_new(int(time.time()))

    def _write_new(self, now: int) -> None:
        """Write the entries made so far (a run of 100,000 files does not hold them all)."""
        try:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?)",
                                    [(k, now, v) for k, v in self.new])
        except sqlite3.Error as exc:
            self._warn_once(f"无法写入缓存 {self.path}（{exc}），下次会重新检查")
        self.new = []

    def close(self) -> None:
        """Write the new entries, mark the used ones, drop the long unused; never fails the run."""
        now = int(time.time())
        self._write_new(now)
        try:
            with self.db:
                self.db.executemany("UPDATE results SET used=? WHERE key=?", [(now, k) for k in self.hits])
                self.db.execute("DELETE FROM results WHERE used < ?", (now - KEEP_DAYS * 86400,))
        except sqlite3.Error as exc:
            self._warn_once(f"无法写入缓存 {self.path}（{exc}），下次会重新检查")
        finally:
            self.db.close()

    def _warn_once(self, message: str) -> None:
        if not self._warned:
            self._warned = True
            self.warn(message)


def fingerprint(linter: Linter, extra: str = "") -> str:
    """Everything besides the file that decides its result, as one hash."""
    h = hashlib.sha256()
    h.update(f"{gixlint.__version__}\0{extra}\0".encode())
    for root in (Path(gixlint.__file__).parent, folder("gixlint.rules"), folder("gixlint.grammar")):
        for f in sorted(Path(str(root)).rglob("*")):     # gixlint's own code: an edited checkout re-checks
            if f.is_file() and f.suffix in (".py", ".toml", ".lark"):
                st = f.stat()
                h.update(f"{f}\0{st.st_mtime_ns}\0{st.st_size}\0".encode())
    h.update(repr(sorted(linter.registry.loaded)).encode())
    h.update(repr(sorted(linter.registry.kind_source.items())).encode())
    for plugin in linter.config.plugins:
        h.update(_digest(plugin).encode())
    for rule in linter.rules:
        h.update(repr(rule).encode())
    h.update(repr(linter.config).encode())
    h.update(f"{linter.context.today}\0{linter.limits}\0{sorted(linter.context.options.items())}".encode())
    roster = linter.context.roster
    if roster is not None:
        h.update(_digest(Path(roster.path)).encode() if Path(roster.path).is_file() else repr(roster).encode())
    return h.hexdigest()


def key(path: Path, run: str) -> str | None:
    """The entry for this file in this run; None if the file cannot be read (checking says why)."""
    digest = _digest(path)
    return hashlib.sha256(f"{run}\0{path}\0{digest}".encode()).hexdigest() if digest else None


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return ""
    return h.hexdigest()
