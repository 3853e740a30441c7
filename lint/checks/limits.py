"""Time limits for the regex searches of rules.

A pathological user pattern must fail its rule on one file, not hang the
run: each search is limited to REGEX_TIMEOUT, and all the searches of one
rule on one document (the engine starts a :func:`start_budget` for each)
to RULE_TIME_BUDGET.

Two ways of keeping the limits, one per kind of thread:

- In the main thread, while no one else uses ``SIGALRM``, the engine
  watches each document's searches with an interval timer
  (:class:`watched_searches`; ``check`` arms it once for all its files):
  a search notes when it starts, and every
  TICK seconds the timer's handler raises TimeoutError inside a search
  that has run too long (the ``regex`` module checks for signals while it
  matches). Most documents finish before the first tick, so a search costs
  two reads of the monotonic clock.
- Elsewhere (the language server lints in worker threads; a program may
  own the alarm signal) each search carries the ``regex`` module's own
  ``timeout``. That limit reads the process's CPU clock, a system call,
  when the search starts and again as it runs: about a tenth of a run of
  the default rules over many small paragraphs.

Searches go through :func:`bounded` and :func:`finditer`, which pick one
way or the other.
"""

from __future__ import annotations

import contextvars
import signal
import threading
import time
from collections.abc import Callable, Iterator
from types import FrameType
from typing import TypeVar

import regex

# Upper bound for one regex search over one block. A pathological user
# pattern fails this rule on this file instead of hanging the run.
REGEX_TIMEOUT = 2.0
# Upper bound for the searches of one rule over one document: a pattern just
# under REGEX_TIMEOUT on every paragraph would otherwise take
# paragraphs x REGEX_TIMEOUT.
RULE_TIME_BUDGET = 20.0
# How often the interval timer looks at the search in progress.
TICK = 0.1

TIMED_OUT = "the rule's time budget for this document is spent"

_T = TypeVar("_T")

_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("rule_deadline", default=None)
# True in the thread whose searches the interval timer watches.
_WATCHED: contextvars.ContextVar[bool] = contextvars.ContextVar("searches_watched", default=False)


class _SearchClock:
    """When the watched thread's search in progress started (0.0: none)."""

    __slots__ = ("started",)

    def __init__(self) -> None:
        self.started = 0.0


_SEARCH = _SearchClock()


def start_budget(seconds: float | None = None) -> contextvars.Token[float | None]:
    """Until :func:`end_budget` is given the result, searches share
    ``seconds`` (default RULE_TIME_BUDGET) in all. (Two calls rather than a
    context manager: the engine starts one budget per rule and document.)"""
    return _DEADLINE.set(time.monotonic() + (RULE_TIME_BUDGET if seconds is None else seconds))


def end_budget(token: contextvars.Token[float | None]) -> None:
    _DEADLINE.reset(token)


def _regex_timeout() -> float:
    """The ``regex`` module's time limit for the next search: REGEX_TIMEOUT,
    or what is left of the rule's budget. Raises TimeoutError once the
    budget is spent."""
    deadline = _DEADLINE.get()
    if deadline is None:
        return REGEX_TIMEOUT
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError(TIMED_OUT)
    return min(REGEX_TIMEOUT, left)


def bounded(search: Callable[..., _T], *args: object) -> _T:
    """``search(*args)`` (a method of a compiled pattern: ``match``,
    ``fullmatch``, ``search``, ``split``, ``sub``...) within the limits."""
    if not _WATCHED.get():
        return search(*args, timeout=_regex_timeout())
    _start_search()
    try:
        return search(*args)
    finally:
        _SEARCH.started = 0.0


def finditer(pattern: regex.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> Iterator[regex.Match[str]]:
    """The non-empty matches of ``pattern`` in ``text[pos:endpos]``, each
    found within the limits."""
    end = len(text) if endpos is None else endpos
    if not _WATCHED.get():
        for m in pattern.finditer(text, pos, end, timeout=_regex_timeout()):
            if m.end() > m.start():
                yield m
        return
    matches = pattern.finditer(text, pos, end)
    while True:
        _start_search()
        try:
            m = next(matches, None)
        finally:
            _SEARCH.started = 0.0
        if m is None:
            return
        if m.end() > m.start():
            yield m


def _start_search() -> None:
    now = time.monotonic()
    deadline = _DEADLINE.get()
    if deadline is not None and now >= deadline:
        raise TimeoutError(TIMED_OUT)
    _SEARCH.started = now


def _on_tick(signum: int, frame: FrameType | None) -> None:
    """The interval timer's handler, run in the main thread between two
    steps of whatever it is doing: stops a search that has run too long."""
    started = _SEARCH.started
    if not started:
        return
    now = time.monotonic()
    deadline = _DEADLINE.get()
    if now - started > REGEX_TIMEOUT or (deadline is not None and now >= deadline):
        _SEARCH.started = 0.0
        raise TimeoutError("regex timed out")


class watched_searches:  # noqa: N801 - used as a context manager, like contextlib's
    """Within this block, the main thread's searches are watched by an
    interval timer, when the alarm signal is free: no handler set, no timer
    running (a program or a test runner may use it). Otherwise, and in
    other threads, nothing changes: searches carry the regex module's
    time limit."""

    __slots__ = ("_token",)

    def __init__(self) -> None:
        self._token: contextvars.Token[bool] | None = None

    def __enter__(self) -> None:
        if _WATCHED.get() or not _alarm_is_free():
            return
        signal.signal(signal.SIGALRM, _on_tick)
        signal.setitimer(signal.ITIMER_REAL, TICK, TICK)
        self._token = _WATCHED.set(True)

    def __exit__(self, *exc: object) -> None:
        if self._token is None:
            return
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        _WATCHED.reset(self._token)
        self._token = None
        _SEARCH.started = 0.0


def _alarm_is_free() -> bool:
    if not hasattr(signal, "setitimer") or threading.get_ident() != threading.main_thread().ident:
        return False
    return signal.getsignal(signal.SIGALRM) == signal.SIG_DFL and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)

