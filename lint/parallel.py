"""Linting many files in worker processes.

Each worker receives the linter once, when it starts (the pool's
initializer), and keeps it: rules are compiled once per process, not once
per file. ``--jobs N`` forks N - 1 workers and this process lints its share
too, with the data its rules already built. Work is sent in chunks, largest
files first, and results come back in the order the files were given,
whatever the number of workers, so output never depends on ``--jobs``.
Small runs stay in this process: starting workers costs more than linting
a handful of files.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from lint.alerts import Alert

if TYPE_CHECKING:
    import multiprocessing.context
    from concurrent.futures import Future

# Fewer files than this (per worker) are linted in this process.
MIN_FILES_PER_WORKER = 8
MAX_CHUNK = 16


class Linter(Protocol):
    """Lints one file's text; must be picklable to reach the workers."""

    def lint(self, path: str, text: str) -> list[Alert]: ...


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def worker_count(jobs: int | None, files: int) -> int:
    """How many processes to use for ``files`` files: 1 means this one."""
    wanted = available_cores() if jobs is None or jobs <= 0 else jobs
    if wanted <= 1 or files < 2 * MIN_FILES_PER_WORKER:
        return 1
    return max(1, min(wanted, files // MIN_FILES_PER_WORKER))


_worker_linter: Linter | None = None


def _start_worker(linter: Linter) -> None:
    global _worker_linter
    _worker_linter = linter


def _lint_chunk(items: Sequence[tuple[str, str]]) -> list[list[Alert]]:
    assert _worker_linter is not None, "worker started without a linter"
    return _lint_each(_worker_linter, items)


def _lint_each(linter: Linter, items: Sequence[tuple[str, str]]) -> list[list[Alert]]:
    """Alerts for each ``(path, text)``, with the rules' searches watched
    once for all of them (see lint/checks/limits.py) rather than document by
    document."""
    from lint.checks.limits import watched_searches

    with watched_searches():
        return [linter.lint(path, text) for path, text in items]


def _context() -> multiprocessing.context.BaseContext:
    import multiprocessing

    # fork shares the parent's loaded rules and data without pickling them;
    # elsewhere the platform's default start method pickles the linter once
    # per worker.
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def lint_all(
    linter: Linter,
    items: Sequence[tuple[str, str]],
    jobs: int | None = None,
    advance: Callable[[int], None] | None = None,
    done: Callable[[int, list[Alert]], None] | None = None,
) -> list[list[Alert]]:
    """Alerts for each ``(path, text)``, in the order given. ``done(number,
    alerts)`` is called in this process as each file's alerts come in (in
    any order), while the workers go on with the others."""
    workers = worker_count(jobs, len(items))
    if workers == 1:
        from lint.checks.limits import watched_searches

        results: list[list[Alert]] = []
        with watched_searches():
            for number, (path, text) in enumerate(items):
                results.append(linter.lint(path, text))
                if done is not None:
                    done(number, results[-1])
                if advance is not None:
                    advance(1)
        return results
    # Imported here: a run that stays in process never pays for them.
    import gc
    import pickle
    from collections import deque
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    # The first file is linted here, before the workers start: what rules
    # build lazily on first use (word lists, name indexes) is then built once
    # and shared with forked workers instead of being rebuilt by each.
    first = _lint_each(linter, items[:1])[0]
    if done is not None:
        done(0, first)
    if advance is not None:
        advance(1)
    out: list[list[Alert] | None] = [None] * len(items)
    out[0] = first

    def finish(chunk: Sequence[int], results: Sequence[list[Alert]]) -> None:
        for number, alerts in zip(chunk, results):
            out[number + 1] = alerts
            if done is not None:
                done(number + 1, alerts)
        if advance is not None:
            advance(len(chunk))

    queue = deque(plan_chunks([len(text) for _, text in items[1:]], workers))
    helpers = workers - 1  # forked; this process lints its share too
    context = _context()
    if context.get_start_method() != "fork":
        # Each worker unpickles the linter as it starts; one that cannot
        # never starts, and the pool would wait for it: fail here instead.
        pickle.loads(pickle.dumps(linter))
    # Objects that exist now are left out of the collector's passes in the
    # workers: scanning them would write to (and so copy) every page of the
    # rules and data the workers share with this process.
    gc.freeze()
    try:
        with ProcessPoolExecutor(helpers, mp_context=context, initializer=_start_worker, initargs=(linter,)) as pool:
            pending: dict[Future[list[list[Alert]]], list[int]] = {}
            try:
                while queue or pending:
                    # Chunks in hand for every worker while this one lints its own.
                    while queue and len(pending) < 4 * helpers:
                        chunk = queue.popleft()
                        pending[pool.submit(_lint_chunk, [items[i + 1] for i in chunk])] = chunk
                    if queue:  # this process takes the next chunk itself
                        chunk = queue.popleft()
                        finish(chunk, _lint_each(linter, [items[i + 1] for i in chunk]))
                    finished, _ = wait(pending, timeout=None if not queue else 0, return_when=FIRST_COMPLETED)
                    for future in finished:
                        finish(pending.pop(future), future.result())
            except BaseException:
                pool.shutdown(wait=True, cancel_futures=True)
                raise
    finally:
        gc.unfreeze()
    return [alerts or [] for alerts in out]


def plan_chunks(sizes: Sequence[int], workers: int) -> list[list[int]]:
    """Indexes into ``sizes`` grouped into chunks, largest files first: the
    long ones start early and the run ends on small chunks of short files,
    so no worker is left with a long tail while the others idle. A chunk
    holds up to MAX_CHUNK files and about 1/(32 * workers) of the text."""
    order = sorted(range(len(sizes)), key=lambda i: (-sizes[i], i))
    target = max(1, sum(sizes) // (workers * 8 * 4))
    chunks: list[list[int]] = []
    current: list[int] = []
    weight = 0
    for i in order:
        current.append(i)
        weight += sizes[i]
        if weight >= target or len(current) >= MAX_CHUNK:
            chunks.append(current)
            current, weight = [], 0
    if current:
        chunks.append(current)
    return chunks
