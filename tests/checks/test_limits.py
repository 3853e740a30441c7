"""Time limits for rules' searches: the interval timer in the main thread, the
regex module's limit elsewhere, and the alarm signal left as it was found."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator

import pytest
import regex
from helpers import LIMIT_WAYS, call_in

from lint.checks import limits

SLOW = regex.compile(r"(a|aa)+$")
SLOW_TEXT = "a" * 40 + "!"


@pytest.fixture(autouse=True)
def _short_limits(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(limits, "REGEX_TIMEOUT", 0.2)
    monkeypatch.setattr(limits, "TICK", 0.05)
    yield
    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def _watched(function, *args):
    """``function(*args)`` inside watched_searches; whether the timer watched."""
    with limits.watched_searches():
        return limits._WATCHED.get(), function(*args)


def _timed_search() -> float:
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        limits.bounded(SLOW.search, SLOW_TEXT)
    return time.monotonic() - started


@pytest.mark.parametrize(("way", "watched"), [("main thread", True), ("worker thread", False)])
def test_the_timer_watches_the_main_thread_only(way: str, watched: bool) -> None:
    assert call_in(way, _watched, limits.bounded, regex.compile("b").search, "abc")[0] is watched


@pytest.mark.parametrize("way", LIMIT_WAYS)
def test_a_slow_search_is_stopped_after_the_limit(way: str) -> None:
    _, elapsed = call_in(way, _watched, _timed_search)
    assert 0.15 < elapsed < 2


@pytest.mark.parametrize("way", LIMIT_WAYS)
def test_a_slow_finditer_is_stopped(way: str) -> None:
    def search() -> None:
        with pytest.raises(TimeoutError):
            list(limits.finditer(SLOW, SLOW_TEXT))

    call_in(way, _watched, search)


@pytest.mark.parametrize("way", LIMIT_WAYS)
def test_searches_give_the_same_answers_either_way(way: str) -> None:
    pattern = regex.compile(r"\b\w+\b|(?=x)")
    text = "one two x three"

    def answers() -> tuple[object, ...]:
        return (
            [m.span() for m in limits.finditer(pattern, text)],
            [m.span() for m in limits.finditer(pattern, text, 4, 9)],
            limits.bounded(pattern.split, text),
            limits.bounded(pattern.match, text, 4).span(),
            limits.bounded(pattern.fullmatch, "word") is not None,
        )

    expected = answers()
    assert expected[0] == [(0, 3), (4, 7), (8, 9), (10, 15)]  # the empty match is skipped
    assert call_in(way, _watched, answers)[1] == expected


@pytest.mark.parametrize("way", LIMIT_WAYS)
def test_a_spent_budget_stops_the_next_search(way: str) -> None:
    def search() -> None:
        budget = limits.start_budget(0.0)
        try:
            with pytest.raises(TimeoutError):
                limits.bounded(regex.compile("a").search, "a")
            with pytest.raises(TimeoutError):
                list(limits.finditer(regex.compile("a"), "a"))
        finally:
            limits.end_budget(budget)

    call_in(way, _watched, search)


@pytest.mark.parametrize("way", LIMIT_WAYS)
def test_the_budget_stops_a_search_in_progress(way: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "REGEX_TIMEOUT", 30.0)

    def search() -> float:
        started = time.monotonic()
        budget = limits.start_budget(0.3)
        try:
            with pytest.raises(TimeoutError):
                limits.bounded(SLOW.search, SLOW_TEXT)
        finally:
            limits.end_budget(budget)
        return time.monotonic() - started

    assert 0.25 < call_in(way, _watched, search)[1] < 3


def test_work_outside_a_search_is_never_stopped() -> None:
    """Only a search is timed: a rule's own Python code runs on."""
    with limits.watched_searches():
        budget = limits.start_budget(0.1)
        limits.bounded(regex.compile("a").search, "a")
        deadline = time.monotonic() + 0.5
        while time.monotonic() < deadline:  # ten ticks, past the budget
            pass
        limits.end_budget(budget)


def test_an_alarm_in_use_is_left_alone() -> None:
    """A program (or a test runner) with its own alarm keeps it; searches
    carry the regex module's limit instead."""
    rang: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: rang.append(signum))
    try:
        watched, _ = _watched(time.sleep, 0.01)
        assert not watched
        assert 0.15 < _timed_search() < 2
        signal.setitimer(signal.ITIMER_REAL, 0.01)
        time.sleep(0.05)
        assert rang == [signal.SIGALRM]
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_a_running_timer_is_left_alone() -> None:
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    signal.setitimer(signal.ITIMER_REAL, 60.0)
    try:
        assert _watched(time.sleep, 0)[0] is False
        assert 59 < signal.getitimer(signal.ITIMER_REAL)[0] <= 60
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def test_watching_nests() -> None:
    with limits.watched_searches():
        with limits.watched_searches():
            assert limits._WATCHED.get()
        assert limits._WATCHED.get()
        assert signal.getsignal(signal.SIGALRM) is limits._on_tick
    assert not limits._WATCHED.get()
