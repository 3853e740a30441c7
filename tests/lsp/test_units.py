"""Unit tests of the server's pure parts: positions, settings, the accept
list and line edits."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types
from pygls.workspace import PositionCodec

from lint.alerts import Level
from lint.lsp.accept import add_accepted_word, as_term
from lint.lsp.actions import line_edits, wanted
from lint.lsp.documents import PositionMap, document_markup, split_lines
from lint.lsp.settings import ClientSettings
from lint.vocabulary import Vocabulary, parse_terms
from tests.lsp.conftest import apply_edits

UTF16 = PositionCodec(types.PositionEncodingKind.Utf16)
UTF8 = PositionCodec(types.PositionEncodingKind.Utf8)


def test_lines_end_at_protocol_line_breaks_only() -> None:
    assert split_lines("a\u2028b\x0cc\r\nd\re\nf") == ["a\u2028b\x0cc\r\n", "d\r", "e\n", "f"]
    assert split_lines("") == []
    assert split_lines("x\n") == ["x\n"]


@pytest.mark.parametrize(
    ("codec", "offset", "expected"),
    [
        (UTF16, 2, (0, 3)),  # after the emoji: two UTF-16 units
        (UTF8, 2, (0, 6)),  # "Ж" 2 bytes + emoji 4 bytes
        (UTF16, 5, (1, 0)),  # just after "\r\n"
        (UTF16, 9, (2, 0)),  # after the final line break
    ],
)
def test_positions_go_through_the_codec(codec: PositionCodec, offset: int, expected: tuple[int, int]) -> None:
    positions = PositionMap("Ж😀x\r\nabc\n", codec)
    position = positions.position(offset)
    assert (position.line, position.character) == expected
    assert positions.offset(position) == offset


def test_offsets_clamp_positions_past_the_end() -> None:
    positions = PositionMap("ab\ncd", UTF16)
    assert positions.offset(types.Position(line=0, character=99)) == 2
    assert positions.offset(types.Position(line=1, character=99)) == 5
    assert positions.offset(types.Position(line=7, character=0)) == 5
    # Inside a surrogate pair: the character after it.
    assert PositionMap("😀b", UTF16).offset(types.Position(line=0, character=1)) == 1


@pytest.mark.parametrize(
    ("uri", "language", "markup"),
    [
        ("file:///a/story.md", "plaintext", "markdown"),
        ("file:///a/page.htm", None, "html"),
        ("file:///a/story.story", "markdown", "markdown"),
        ("untitled:Untitled-1", "plaintext", "text"),
        ("file:///a/script.py", "python", None),
    ],
)
def test_document_markup(uri: str, language: str | None, markup: str | None) -> None:
    assert document_markup(uri, language) == markup


def test_client_settings_parse_and_merge() -> None:
    base, warnings = ClientSettings.parse({"rules": ["styles"], "minLevel": "warning", "debounce": 50})
    assert warnings == []
    assert base == ClientSettings(Level.WARNING, ("styles",), frozenset(), frozenset(), 50)
    merged, _ = ClientSettings.parse({"copydesk": {"ignore": "Demo, News.DoubledWord"}}, base)
    assert merged.rules == ("styles",) and merged.min_level is Level.WARNING and merged.debounce_ms == 50
    assert merged.ignore == {"Demo", "News.DoubledWord"}
    bad, warnings = ClientSettings.parse({"minLevel": "fatal", "debounce": -1, "rules": 3}, base)
    assert bad == base
    assert len(warnings) == 3
    assert ClientSettings.parse(None, base) == (base, [])


def test_accept_list(tmp_path: Path) -> None:
    path = tmp_path / "vocab" / "accept.txt"
    assert add_accepted_word(path, "Begorod")
    assert not add_accepted_word(path, "Begorod")
    assert add_accepted_word(path, "St. Ives")
    assert path.read_text(encoding="utf-8") == "Begorod\nSt\\. Ives\n"
    vocabulary = Vocabulary.build(parse_terms(path.read_text(encoding="utf-8")).terms)
    assert vocabulary.accepts("Begorod") and vocabulary.accepts("St. Ives") and not vocabulary.accepts("StX Ives")
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(b"# names\r\nKyiv")
    add_accepted_word(crlf, "Zaporizhzhia")
    assert crlf.read_bytes() == b"# names\r\nKyiv\r\nZaporizhzhia\r\n"
    assert as_term("a+b") == "a\\+b"


def test_line_edits_touch_only_changed_lines() -> None:
    original = "one\ntwo 😀 the the\nthree\nfour\n"
    fixed = "one\ntwo 😀 the\nthree\nfour\nfive\n"
    edits = line_edits(original, fixed, PositionMap(original, UTF16))
    assert [(e.range.start.line, e.range.end.line) for e in edits] == [(1, 2), (4, 4)]
    assert apply_edits(original, edits) == fixed


def test_kinds() -> None:
    assert wanted("source.fixAll", ["source"])
    assert wanted("quickfix", None)
    assert not wanted("source.fixAll", ["quickfix"])
