"""One file checked in this process, under the limits a worker would have.

Starting a worker (fork, copy-on-write faults on the whole heap, the result pickled back) costs
more than checking a text report, and a clerk's run is often one file. This process then keeps
the same budget itself: an interval timer (SIGALRM) interrupts the check once its seconds are
spent — Python code and the regex engine both notice it — and the address-space ceiling is
lowered for the check and put back after. Only where that holds: the main thread of a POSIX
process, and a file whose reader is Python (a PDF, read by compiled code a timer cannot stop,
keeps its worker).
"""

from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from pathlib import Path


class FileTimedOut(BaseException):
    """The file used up its seconds (a BaseException: the readers' ``except Exception`` and a
    rule's own bounds do not take it for a bug of theirs)."""


def suits(path: Path) -> bool:
    """Whether ``path`` may be checked here rather than in a worker."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return False
    from gixlint.read import sniff

    return sniff(path) != ".pdf"


@contextmanager
def limited(seconds: float, memory_mb: int):
    """Run the block within ``seconds`` (0: no limit), raising :class:`FileTimedOut`, and under an
    address-space ceiling of ``memory_mb`` (0: none), raising MemoryError past it."""
    with _ceiling(memory_mb), _timer(seconds):
        yield


def _expired(deadline: float):
    def handler(signum, frame):
        if time.monotonic() >= deadline:
            raise FileTimedOut()
    return handler


@contextmanager
def _timer(seconds: float):
    if seconds <= 0:
        yield
        return
    outer = signal.getsignal(signal.SIGALRM)
    signal.signal(signal.SIGALRM, _expired(time.monotonic() + seconds))
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.05)    # fires again until stopped, as a rule's timer does
    try:
        yield
    finally:
        while True:
            try:
                signal.setitimer(signal.ITIMER_REAL, 0)
                break
            except FileTimedOut:     # it fired once more while being stopped
                continue
        signal.signal(signal.SIGALRM, outer)


@contextmanager
def _ceiling(memory_mb: int):
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = memory_mb * 1024 * 1024
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        if memory_mb > 0:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):
        memory_mb = 0       # no rlimit here: the time budget still holds
    try:
        yield
    finally:
        if memory_mb > 0:
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
