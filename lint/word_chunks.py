"""Word chunks: a text cut at white space and at every ASCII character no
word can hold.

A chunk is a longest run of characters that are neither white space nor
ASCII separators: the ASCII characters a word token may hold (letters,
digits, and the apostrophe, full stop and hyphen words may hold inside)
and every non-ASCII character but white space. The ASCII separators are
blanked in the text's UTF-8 bytes (``bytes.translate``, in C: a
``str.translate`` of a text with any non-ASCII character in it looks every
character up in Python) and the text is split on white space, so a rule
can compare a document's chunks with the ones it has already judged by set
operations and read words, with their positions, only from the few chunks
it has not seen. No word holds white space or an ASCII separator, so no
word crosses a chunk's edge, and the words a pattern finds in a chunk are
the words it finds there when it scans the whole text. (A chunk may hold
non-ASCII punctuation, "“Hello" say: the pattern reads past it as it does
in the whole text.)
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from lint.checks.base import match_spans, split_matches

# The ASCII characters a word token may hold (see spelling's TOKEN).
WORD_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.-")
_SPACE = ord(" ")
# Every ASCII separator becomes a space; word characters and every byte of a
# non-ASCII character stay (so the blanked bytes decode).
_CUT = bytes(b if b >= 0x80 or chr(b) in WORD_ASCII else _SPACE for b in range(256))
_KEPT_SPACE = 0xE000
# How many chunks' word readings are remembered (the news corpus has about
# 48,000 distinct chunks).
READINGS_LIMIT = 100_000
# How many characters' classes a SeparatorTable remembers.
TABLE_LIMIT = 20_000


def word_chunks(text: str) -> list[str]:
    """The chunks of ``text``, in order."""
    blanked = text.encode("utf-8", "surrogatepass").translate(_CUT)
    return blanked.decode("utf-8", "surrogatepass").split()


def is_separator(char: str) -> bool:
    """Whether ``char`` (one character) ends a chunk."""
    return (char < "\x80" and char not in WORD_ASCII) or char.isspace()


def chunk_occurrences(text: str, chunk: str) -> Iterator[int]:
    """Where ``chunk`` stands in ``text`` as a whole chunk (not inside a
    longer one)."""
    end = len(text)
    size = len(chunk)
    i = text.find(chunk)
    while i >= 0:
        if (i == 0 or is_separator(text[i - 1])) and (i + size == end or is_separator(text[i + size])):
            yield i
            i = text.find(chunk, i + size)
        else:
            i = text.find(chunk, i + 1)


class SeparatorTable(dict[int, int]):
    """``str.translate`` table: characters ``keeps`` (a one-character
    pattern) does not match become spaces, the others stay, but for kept
    characters ``str.split`` would cut at, which become one private-use
    character (so a kept run stays whole; equal runs stay equal). Filled
    as characters are met, each classified once."""

    def __init__(self, keeps: regex.Pattern[str]) -> None:
        super().__init__()
        self._keeps = keeps

    def __missing__(self, code: int) -> int:
        char = chr(code)
        if not self._keeps.match(char):
            value = _SPACE
        else:
            value = _KEPT_SPACE if char.isspace() else code
        if len(self) >= TABLE_LIMIT:
            self.clear()  # text in many scripts: start afresh rather than grow without bound
        self[code] = value
        return value


class ChunkReader:
    """The words ``pattern`` finds in a chunk (as :func:`word_chunks` gives
    it), with their offsets in it, remembered per chunk (a process meets
    the same chunks again and again). ``pattern`` must never match white
    space or an ASCII separator and must have no capturing group."""

    def __init__(self, pattern: regex.Pattern[str]) -> None:
        self._pattern = pattern
        self._readings: dict[str, tuple[tuple[int, str], ...]] = {}

    def __call__(self, chunk: str) -> tuple[tuple[int, str], ...]:
        reading = self._readings.get(chunk)
        if reading is None:
            if chunk.isascii() and chunk.isalpha():  # plain letters: one word, the chunk itself
                reading = ((0, chunk),)
            else:
                reading = tuple((start, word) for start, _, word in match_spans(split_matches(self._pattern, chunk)))
            if len(self._readings) >= READINGS_LIMIT:
                self._readings.clear()
            self._readings[chunk] = reading
        return reading
