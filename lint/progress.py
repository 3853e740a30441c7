"""A progress bar on stderr for long runs on a terminal.

Shown only when more than a few dozen files are linted, stderr is a
terminal, ``TERM`` is not ``dumb`` and the ``CI`` variable is unset; so never
in CI logs, pipes or files. Redrawn at most ten times a second and erased
when the run ends, leaving the terminal as it was.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Mapping
from typing import TextIO

THRESHOLD = 40
WIDTH = 30
INTERVAL = 0.1


def wanted(count: int, stream: TextIO | None = None, environ: Mapping[str, str] | None = None) -> bool:
    stream = stream if stream is not None else sys.stderr
    environ = environ if environ is not None else os.environ
    if count <= THRESHOLD or environ.get("CI") or environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class ProgressBar:
    """``copydesk [#######.......]  120/2127 files``, redrawn in place."""

    def __init__(self, total: int, stream: TextIO | None = None, label: str = "files") -> None:
        self.total = total
        self.done = 0
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self._last = 0.0
        self._shown = False

    def advance(self, count: int = 1) -> None:
        self.done = min(self.total, self.done + count)
        now = time.monotonic()
        if now - self._last >= INTERVAL or self.done == self.total:
            self._last = now
            self.draw()

    def draw(self) -> None:
        filled = WIDTH * self.done // max(1, self.total)
        bar = "#" * filled + "." * (WIDTH - filled)
        width = len(str(self.total))
        self.stream.write(f"\rcopydesk [{bar}] {self.done:>{width}}/{self.total} {self.label}")
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        if self._shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self._shown = False


class NoProgress:
    def advance(self, count: int = 1) -> None:
        return None

    def close(self) -> None:
        return None


def progress_for(count: int, enabled: bool = True) -> ProgressBar | NoProgress:
    """A bar for ``count`` files when one is wanted, else a no-op."""
    if enabled and wanted(count):
        return ProgressBar(count)
    return NoProgress()
