"""Line and column arithmetic over a source string."""

from __future__ import annotations

import bisect


class LineIndex:
    """Maps character offsets to 1-based (line, column) pairs.

    A line ends after ``\\n``, after ``\\r\\n`` or after a lone ``\\r``, as
    editors count them.
    """

    def __init__(self, source: str) -> None:
        starts = [0]
        i = 0
        n = len(source)
        find = source.find
        if "\r" not in source:
            while True:
                i = find("\n", i)
                if i < 0:
                    break
                i += 1
                starts.append(i)
        else:
            while i < n:
                c = source[i]
                if c == "\n":
                    starts.append(i + 1)
                elif c == "\r":
                    if i + 1 < n and source[i + 1] == "\n":
                        i += 1
                    starts.append(i + 1)
                i += 1
        self._starts = starts
        self._length = n

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        offset = max(0, min(offset, self._length))
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def line_start(self, line: int) -> int:
        """Offset where 1-based ``line`` starts."""
        return self._starts[line - 1]

    def line_count(self) -> int:
        return len(self._starts)
