"""Reading words chunk by chunk finds exactly the words, at exactly the
positions, that one scan of the whole text finds."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.checks.base import match_spans, split_matches
from lint.checks.spelling import TOKEN
from lint.word_chunks import ChunkReader, SeparatorTable, chunk_occurrences, is_separator, word_chunks
from tests.conftest import SHARED


def scanned(text: str) -> list[tuple[int, str]]:
    return [(start, word) for start, _, word in match_spans(split_matches(TOKEN, text))]


def chunked(text: str) -> list[tuple[int, str]]:
    read = ChunkReader(TOKEN)
    found = [
        (start + offset, word)
        for chunk in set(word_chunks(text))
        for start in chunk_occurrences(text, chunk)
        for offset, word in read(chunk)
    ]
    return sorted(found)


CASES = [
    "",
    "plain words here",
    "U.S. and U.K. officials",
    "re-elect the co-operative's 'chair' and “quotes”",
    "O'Brien’s farmers' £600m 6GB 1990s",
    "--- ... '' ’’ -- .",
    "caf\u00e9 cafe\u0301 \u0301mark-first",
    "Привет, мир! 東京 ١٢٣ ½",
    "a\nb\r\nc\td\u00a0e\u2028f",
    "www.example.com/path?q=1 e-mail@host.org",
    "x-.y '.-' a.b.c. -a- 'a'",
    "word word word. word, word",
    "ſ İstanbul ß STRASSE",
]


@pytest.mark.parametrize("text", CASES)
def test_chunks_read_the_words_a_scan_finds(text: str) -> None:
    assert chunked(text) == scanned(text)


ALPHABET = "ab Z.-'’\n\t,;:()[]\u0301é1½ß—“”@/_"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80))
def test_chunks_read_the_words_a_scan_finds_anywhere(text: str) -> None:
    assert chunked(text) == scanned(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_unicode_text(text: str) -> None:
    assert chunked(text) == scanned(text)


def test_separators() -> None:
    for char in (" ", ",", "\x1f", "_", "\xa0", "\u2028", "\x85", "\u3000"):
        assert is_separator(char), char
    # No other non-ASCII character ends a chunk, punctuation included.
    for char in ("a", "Z", "7", "'", ".", "-", "’", "“", "\u0301", "é", "😀", "\u200b"):
        assert not is_separator(char), char


def test_chunks_are_cut_at_white_space_and_ascii_separators() -> None:
    assert word_chunks("“Hello,” said\xa0Zoë’s caf\u00e9 (U.S.)") == ["“Hello", "”", "said", "Zoë’s", "café", "U.S."]
    assert word_chunks("\ud800 lone") == ["\ud800", "lone"]


def test_occurrences_are_whole_chunks() -> None:
    text = "cat cats cat. scat cat-like cat"
    assert list(chunk_occurrences(text, "cat")) == [0, 28]
    assert list(chunk_occurrences(text, "cat.")) == [9]


NEWS = SHARED / "corpus" / "news"


@pytest.mark.skipif(not NEWS.is_dir(), reason="the news corpus is not beside the project")
def test_news_articles() -> None:
    for path in sorted(NEWS.glob("*.txt"))[:300]:
        text = path.read_text(encoding="utf-8")
        assert chunked(text) == scanned(text), path.name


def test_the_character_table_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    import lint.word_chunks as word_chunks_module

    monkeypatch.setattr(word_chunks_module, "TABLE_LIMIT", 8)
    table = SeparatorTable(regex.compile(r"[\p{L}'’-]"))
    text = "αβγδε ζηθικ λμνξο πρστυ φχψω, done"
    assert text.translate(table).split() == ["αβγδε", "ζηθικ", "λμνξο", "πρστυ", "φχψω", "done"]
    assert len(table) <= 8
