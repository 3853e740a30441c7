"""How ``--jobs`` splits the work: by size, largest files first, every file
once, results in the order given and handed over as they arrive."""

from __future__ import annotations

import gc
import os
import random

from lint.alerts import Alert, Level
from lint.parallel import MAX_CHUNK, lint_all, plan_chunks


def test_chunks_cover_every_file_once_largest_first() -> None:
    rng = random.Random(7)
    sizes = [rng.randint(200, 25_000) for _ in range(2_000)]
    chunks = plan_chunks(sizes, 2)
    assert sorted(i for chunk in chunks for i in chunk) == list(range(len(sizes)))
    assert all(1 <= len(chunk) <= MAX_CHUNK for chunk in chunks)
    order = [i for chunk in chunks for i in chunk]
    assert [sizes[i] for i in order] == sorted(sizes, reverse=True)
    # The last chunks are light: the run does not end waiting on a heavy one.
    weights = [sum(sizes[i] for i in chunk) for chunk in chunks]
    assert max(weights[-8:]) <= sum(sizes) / 100


def test_chunks_of_equal_files_keep_their_order() -> None:
    chunks = plan_chunks([10] * 40, 2)
    assert [i for chunk in chunks for i in chunk] == list(range(40))
    assert plan_chunks([], 2) == []


class LengthLinter:
    def lint(self, path: str, text: str) -> list[Alert]:
        return [Alert("T.Length", Level.SUGGESTION, f"{path}:{len(text)}:{os.getpid()}", 0, 0, 1, 1, 1, 1, "")]


def test_results_come_back_in_order_and_as_they_arrive() -> None:
    items = [(f"f{i:03d}", "x" * ((i * 37) % 500)) for i in range(100)]
    arrived: dict[int, list[Alert]] = {}
    results = lint_all(LengthLinter(), items, jobs=2, done=arrived.__setitem__)
    assert [r[0].message.rsplit(":", 1)[0] for r in results] == [f"{p}:{len(t)}" for p, t in items]
    assert arrived == dict(enumerate(results))
    assert gc.get_freeze_count() == 0  # the parent's collector is back to normal


def test_in_process_runs_hand_results_over_too() -> None:
    items = [("a", "x"), ("b", "yy")]
    arrived: list[int] = []
    results = lint_all(LengthLinter(), items, jobs=1, done=lambda number, _: arrived.append(number))
    assert arrived == [0, 1] and len(results) == 2
