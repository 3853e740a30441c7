"""Linting many files in worker processes.

Each worker receives the linter once, when it starts (the pool's
initializer), and keeps it: rules are compiled once per process, not once
per file. Work is sent in chunks and results come back in the order the
files were given, whatever the number of workers, so output never depends
on ``--jobs``. Small runs stay in this process: starting workers costs more
than linting a handful of files.
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
    return [_worker_linter.lint(path, text) for path, text in items]


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
) -> list[list[Alert]]:
    """Alerts for each ``(path, text)``, in the order given."""
    workers = worker_count(jobs, len(items))
    if workers == 1:
        results: list[list[Alert]] = []
        for path, text in items:
            results.append(linter.lint(path, text))
            if advance is not None:
                advance(1)
        return results
    # Imported here: a run that stays in process never pays for them.
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # The first file is linted here, before the workers start: what rules
    # build lazily on first use (word lists, name indexes) is then built once
    # and shared with forked workers instead of being rebuilt by each.
    path, text = items[0]
    first = linter.lint(path, text)
    if advance is not None:
        advance(1)
    rest = items[1:]
    size = max(1, min(MAX_CHUNK, len(rest) // (workers * 4)))
    chunks = [rest[i : i + size] for i in range(0, len(rest), size)]
    out: list[list[list[Alert]] | None] = [None] * len(chunks)
    with ProcessPoolExecutor(workers, mp_context=_context(), initializer=_start_worker, initargs=(linter,)) as pool:
        futures: dict[Future[list[list[Alert]]], int] = {
            pool.submit(_lint_chunk, chunk): number for number, chunk in enumerate(chunks)
        }
        try:
            for future in as_completed(futures):
                number = futures[future]
                out[number] = future.result()
                if advance is not None:
                    advance(len(chunks[number]))
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return [first, *(alerts for chunk in out for alerts in (chunk or []))]
