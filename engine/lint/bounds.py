"""Limits on one rule's run over one report: how it may fail, how long it may take, how much it may say.

A check kind may be a plugin's code. Whatever it does — raise, call ``sys.exit``, raise
``KeyboardInterrupt``, sleep, loop, or yield hits without end — the run must go on, the other
rules must still check the report, and the user must be told which plugin, kind and rule did it.
On POSIX an interval timer (SIGALRM) interrupts a rule over its time budget; where there is
none, the overrun is noticed when the rule returns. The user's own Ctrl-C still stops the run.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

from gixlint.lint.findings import Finding

SECONDS = 10.0      # a built-in rule takes milliseconds; a plugin's gets this much per report
HITS = 200          # findings one rule may report on one report


@dataclass(frozen=True)
class Limits:
    """How long one rule may take on one report, and how many hits it may give."""

    seconds: float = SECONDS
    hits: int = HITS


class RuleTimeout(BaseException):
    """Raised inside a rule that used up its time (a BaseException, so ``except Exception`` in
    plugin code does not swallow it)."""


@dataclass(slots=True)
class Outcome:
    """What one rule gave on one report, within its limits."""

    items: list = field(default_factory=list)
    capped: bool = False        # there were more than ``limits.hits``; the rest were not read
    failure: str = ""           # plain Chinese: what went wrong (empty: nothing)
    timed_out: bool = False


_state = threading.local()
_user_interrupt = False


def _expire(signum, frame):
    deadline = getattr(_state, "deadline", None)
    if deadline is not None and time.monotonic() >= deadline:
        raise RuleTimeout()


def _interrupt(signum, frame):
    global _user_interrupt
    _user_interrupt = True
    raise KeyboardInterrupt


def _disarm() -> None:
    """Stop the timer, even if it fires once more while being stopped."""
    while True:
        try:
            _state.deadline = None
            signal.setitimer(signal.ITIMER_REAL, 0)
            return
        except RuleTimeout:
            continue


@contextmanager
def _deadline(seconds: float):
    """Interrupt the block after ``seconds`` (re-firing every 50 ms if the block swallows it).
    A timer set by the caller (a test's alarm) is restored, less the time spent here."""
    usable = (seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return
    outer_alarm = signal.getsignal(signal.SIGALRM)
    outer_int = signal.getsignal(signal.SIGINT)
    outer_left, outer_every = signal.getitimer(signal.ITIMER_REAL)
    start = time.monotonic()
    signal.signal(signal.SIGALRM, _expire)
    if outer_int is signal.default_int_handler:
        signal.signal(signal.SIGINT, _interrupt)
    _state.deadline = start + seconds
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.05)
    try:
        yield
    finally:
        _disarm()
        signal.signal(signal.SIGALRM, outer_alarm)
        signal.signal(signal.SIGINT, outer_int)
        if outer_left > 0:
            signal.setitimer(signal.ITIMER_REAL, max(outer_left - (time.monotonic() - start), 0.001), outer_every)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, SystemExit):
        return f"调用了 sys.exit（退出码 {exc.code}）"
    if isinstance(exc, KeyboardInterrupt):
        return "引发了 KeyboardInterrupt"
    return f"出错（{type(exc).__name__}: {exc}）"


def run(produce: Callable[[], Iterable], convert: Callable, limits: Limits) -> Outcome:
    """Call ``produce()`` and convert what it yields, within ``limits``; never raises, except on the
    user's own Ctrl-C."""
    global _user_interrupt
    outcome = Outcome()
    timed = limits.seconds > 0
    start = time.monotonic() if timed else 0.0
    try:
        if timed:
            with _deadline(limits.seconds):
                _collect(produce, convert, limits.hits, outcome)
        else:           # gixlint's own kinds: no timer to set (50 rules a report)
            _collect(produce, convert, limits.hits, outcome)
    except RuleTimeout:
        outcome.timed_out = True
    except KeyboardInterrupt as exc:
        if _user_interrupt:
            _user_interrupt = False
            raise
        outcome.failure = _describe(exc)
    except BaseException as exc:  # noqa: BLE001 - a plugin's SystemExit must not end the run
        outcome.failure = _describe(exc)
    if timed and not outcome.failure and not outcome.timed_out and time.monotonic() - start > limits.seconds:
        outcome.timed_out = True    # no timer on this platform: noticed afterwards
    if outcome.timed_out:
        outcome.failure = f"超过 {limits.seconds:g} 秒未完成，已中止"
    return outcome


def _collect(produce: Callable[[], Iterable], convert: Callable, hits: int, outcome: Outcome) -> None:
    source = iter(produce())
    for item in source:
        if len(outcome.items) >= hits:
            outcome.capped = True
            break
        outcome.items.append(convert(item))
    if outcome.capped and hasattr(source, "close"):
        source.close()


def call(function: Callable, limits: Limits):
    """``function()`` within the time budget: (its value, None) or (None, what went wrong)."""
    holder: list = []
    outcome = run(lambda: [function()], holder.append, Limits(limits.seconds, 1))
    return (holder[0] if holder else None), (outcome.failure or None)


@lru_cache(maxsize=8)
def _untimed(hits: int) -> Limits:
    return Limits(0, hits)


def findings(rule, plugin: str, produce: Callable[[], Iterable], convert: Callable, limits: Limits,
             skipped: str = "") -> tuple[list, bool]:
    """The findings of one rule on one report, each failure or overflow said as one more finding
    naming the plugin, the kind and the rule; and whether the rule ran out of time. ``skipped``:
    why the rule is not run at all (it ran out of time on an earlier report)."""
    builtin = plugin.startswith("gixlint.")      # built-ins are named by their modules
    if skipped:
        return [_note(rule, "error", f"规则 {rule.id} 未检查本文件：{skipped}")], False
    if builtin:
        quick = _quick(produce, convert, limits.hits)
        if quick is not None:
            return quick, False
    # gixlint's own kinds are not timed rule by rule (their patterns are checked at load, and the
    # file's own time budget stands behind them); a plugin's code always is
    outcome = run(produce, convert, _untimed(limits.hits) if builtin else limits)
    if not outcome.failure and not outcome.capped:
        return outcome.items, outcome.timed_out
    out = outcome.items
    owner = "gixlint 自带" if builtin else f"插件「{plugin}」"
    if outcome.failure:
        advice = "请报告此问题" if builtin else "请联系插件作者"
        out.append(_note(rule, "error", f"规则 {rule.id} 执行出错：{owner}的检查类型「{rule.kind}」{outcome.failure}，"
                                        f"本文件未按此规则检查完；{advice}"))
    if outcome.capped:
        out.append(_note(rule, "info", f"规则 {rule.id}（{owner}的检查类型「{rule.kind}」）在本文件中报告了超过 "
                                       f"{limits.hits} 处问题：只列出前 {limits.hits} 处，其余没有列出"))
    return out, outcome.timed_out


def _quick(produce: Callable[[], Iterable], convert: Callable, hits: int) -> list | None:
    """A built-in rule's findings when it runs through without raising and within ``hits``: what
    :func:`run` gives then, without its bookkeeping (62 rules a report). None otherwise, and
    :func:`run` runs the rule again to say what went wrong: a built-in check is a pure function
    of the report (its caches in the context give back what it would work out again)."""
    items: list = []
    try:
        for item in produce():
            if len(items) >= hits:
                return None
            items.append(convert(item))
    except KeyboardInterrupt:
        global _user_interrupt
        if _user_interrupt:         # the user's own Ctrl-C, as in run()
            _user_interrupt = False
            raise
        return None
    except BaseException:  # noqa: BLE001 - run() says what it was
        return None
    return items


def _note(rule, severity: str, message: str) -> Finding:
    return Finding(rule.id, rule.name, rule.category, severity, message, line=0)
