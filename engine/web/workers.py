"""Worker processes with a time limit: a file that hangs a reader (a hostile PDF) costs one worker.

Each worker checks one file at a time; the server waits for it at most ``timeout`` seconds, then
kills it, empties its folder and starts a fresh one. Workers are started with ``spawn`` so that
none inherits the server's threads or sockets.
"""

from __future__ import annotations

import queue
import shutil
import tempfile
import threading
from pathlib import Path

from gixlint.lint import pool
from gixlint.lint.pool import TimedOut, WorkerFailed
from gixlint.vocab.limits import Limits

DEFAULT_MEMORY_MB = Limits().memory_mb     # the same ceiling as the command line's workers

__all__ = ["Pool", "TimedOut", "Worker", "WorkerFailed"]


def handler(folder: str):
    """What a worker does with an upload ``(data, filename)``: check it inside ``folder``."""
    from gixlint.web.check import check, make_linter

    linter = make_linter()
    return lambda job: check(linter, job[0], job[1], Path(folder))


class Worker:
    """A :class:`gixlint.lint.pool.Worker` (spawned: it inherits none of the server's threads or
    sockets) with a private folder for what it reads, emptied when it stops."""

    def __init__(self, folder: Path, memory_mb: int = DEFAULT_MEMORY_MB):
        self.folder = folder
        self.folder.mkdir(mode=0o700, exist_ok=True)
        self.worker = pool.Worker(("gixlint.web.workers:handler", (str(folder),)), memory_mb, "spawn")
        self.process = self.worker.process

    def run(self, data: bytes, filename: str, timeout: float):
        return self.worker.run((data, filename), timeout)

    def stop(self, kill: bool = False) -> None:
        self.worker.stop(kill)
        for child in self.folder.iterdir():       # what a killed worker was reading
            shutil.rmtree(child, ignore_errors=True) if child.is_dir() else child.unlink(missing_ok=True)


class Pool:
    """``size`` workers under one private temporary folder, removed by :meth:`close`."""

    def __init__(self, size: int = 2, timeout: float = 60.0):
        self.timeout = timeout
        self.root = Path(tempfile.mkdtemp(prefix="gixlint-serve-"))
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._all: list[Worker] = []
        self._lock = threading.Lock()
        self._count = 0
        for _ in range(max(1, size)):
            self._idle.put(self._start())

    def _start(self) -> Worker:
        with self._lock:
            self._count += 1
            worker = Worker(self.root / f"w{self._count}")
            self._all.append(worker)
        return worker

    def _retire(self, worker: Worker) -> None:
        worker.stop(kill=True)
        with self._lock:
            self._all.remove(worker)
        shutil.rmtree(worker.folder, ignore_errors=True)

    def check(self, data: bytes, filename: str):
        """Blocking: a free worker checks the file; raises TimedOut or WorkerFailed (worker replaced)."""
        worker = self._idle.get()
        try:
            result = worker.run(data, filename, self.timeout)
        except (TimedOut, WorkerFailed):
            self._retire(worker)
            worker = self._start()
            raise
        finally:
            self._idle.put(worker)
        return result

    def pids(self) -> list[int]:
        with self._lock:
            return [w.process.pid for w in self._all if w.process.pid]

    def close(self) -> None:
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.stop()
        shutil.rmtree(self.root, ignore_errors=True)
