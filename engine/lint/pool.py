"""Killable worker processes with a wall-time budget and a memory ceiling, one file at a time.

A hostile file (a PDF whose forms draw each other, a stream inflating to gigabytes) must cost
one worker, never the run or the server. Each worker is a process that answers one job at a
time; the caller waits at most ``seconds`` for the answer, then kills the worker and starts a
fresh one. The worker caps its own address space (``RLIMIT_AS``), so a blow-up ends as a
``MemoryError`` inside it (or its death), not as the machine swapping. The command line and
``gixlint serve`` both use this; what a worker does is a function named by its import path.
"""

from __future__ import annotations

import importlib
import sys


class TimedOut(Exception):
    """The worker did not answer in time and was replaced."""


class WorkerFailed(Exception):
    """The worker died or ran out of memory and was replaced; ``memory`` says which."""

    def __init__(self, message: str, memory: bool = False):
        super().__init__(message)
        self.memory = memory


def _ceiling(memory_mb: int) -> None:
    if memory_mb <= 0:
        return
    try:
        import resource

        limit = memory_mb * 1024 * 1024
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):
        pass            # no rlimit here (Windows): the time budget still holds


def _serve(conn, setup, memory_mb: int) -> None:
    """A worker's loop: build the handler once, then answer each job with ("ok", value),
    ("memory", message) or ("error", message)."""
    _ceiling(memory_mb)
    if isinstance(setup, tuple):                 # ("module:function", args): spawned workers
        module, _, name = setup[0].partition(":")
        handler = getattr(importlib.import_module(module), name)(*setup[1])
    else:
        handler = setup                          # a forked worker inherits the callable itself
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            answer = ("ok", handler(job))
        except MemoryError:
            answer = ("memory", "MemoryError")
        except Exception as exc:   # the caller must get an answer whatever went wrong
            answer = ("error", f"{type(exc).__name__}: {exc}")
        try:
            conn.send(answer)
        except MemoryError:
            conn.send(("memory", "MemoryError"))
        if answer[0] == "memory":
            return                               # its heap may be in a bad state: replaced


def default_method() -> str:
    """``fork`` where it is safe and cheap (Linux): the worker inherits the loaded rules and
    plugins; ``spawn`` elsewhere."""
    return "fork" if sys.platform.startswith("linux") else "spawn"


class Worker:
    """One process running ``setup``'s handler; ``setup`` is a callable (fork) or
    ("module:function", args) returning the handler (spawn)."""

    def __init__(self, setup, memory_mb: int = 0, method: str | None = None):
        import multiprocessing  # not imported by a run that checks in process

        ctx = multiprocessing.get_context(method or default_method())
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, setup, memory_mb), daemon=True)
        self.process.start()
        child.close()

    def run(self, job, seconds: float):
        """The handler's answer to ``job``; TimedOut or WorkerFailed (the worker is then unusable)."""
        try:
            self.conn.send(job)
        except OSError as exc:
            raise WorkerFailed(f"检查进程意外终止（{exc}）", memory=True) from None
        if seconds > 0 and not self.conn.poll(seconds):
            raise TimedOut
        return self.receive()

    def receive(self):
        """The answer to the job sent (it is ready, or this waits)."""
        try:
            status, value = self.conn.recv()
        except (EOFError, OSError) as exc:
            self.process.join(1)
            code = self.process.exitcode
            raise WorkerFailed(f"检查进程意外终止（{code if code is not None else exc}）", memory=True) from None
        if status == "memory":
            raise WorkerFailed(value, memory=True)
        if status != "ok":
            raise WorkerFailed(value)
        return value

    def stop(self, kill: bool = False) -> None:
        end_process(self.process, self.conn, kill)


def end_process(process, conn, kill: bool = False) -> None:
    """Ask a worker to finish (or kill it at once), and make sure it is gone either way."""
    if kill:
        process.kill()
    else:
        try:
            conn.send(None)
        except OSError:
            pass
    process.join(5)
    if process.is_alive():
        process.kill()
        process.join(5)
    conn.close()
