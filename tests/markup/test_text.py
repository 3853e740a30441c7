from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.markup import MARKUPS, markup_for_path, normalize_markup, parse
from lint.markup.blocks import ParsedDocument, TextBlock
from lint.markup.text import _parse_lines, parse_text

TOKEN = re.compile(r"\w+|[^\w\s]")


def assert_offset_contract(doc: ParsedDocument) -> None:
    for block in doc.blocks:
        for seg in block.segments:
            assert 0 <= seg.source_start <= seg.source_end <= len(doc.source)
            if seg.verbatim:
                assert doc.source[seg.source_start : seg.source_end] == block.text[seg.text_start : seg.text_end]
        for m in TOKEN.finditer(block.text):
            s, e = m.span()
            if block.is_verbatim(s, e):
                a, b = block.source_span(s, e)
                assert doc.source[a:b] == block.text[s:e], (block.text, m.group())


def prose(doc: ParsedDocument) -> list[TextBlock]:
    return [b for b in doc.blocks if "text" in b.scopes]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("", []),
        ("one paragraph", ["one paragraph"]),
        ("a\nb\n\nc\n", ["a\nb", "c"]),
        ("a\r\nb\r\n\r\nc\r\n", ["a\nb", "c"]),
        ("a\rb\r\rc", ["a\nb", "c"]),
        ("  indented\n   \n\t\nnext  \n", ["indented", "next"]),
        ("Привет 😀\n\n£5 мир", ["Привет 😀", "£5 мир"]),
        ("before\n<!-- copydesk off -->\nafter\n", ["before", "after"]),
        ("a <!-- not alone --> b\n", ["a <!-- not alone --> b"]),
        ("<!-- a --> x <!-- b -->\n", ["<!-- a --> x <!-- b -->"]),
    ],
)
def test_paragraphs(source: str, expected: list[str]) -> None:
    doc = parse_text(source)
    assert [b.text for b in prose(doc)] == expected
    assert all(b.scopes == frozenset({"text", "paragraph"}) for b in prose(doc))
    assert doc.blocks[-1].scopes == frozenset({"raw"})
    assert doc.blocks[-1].text == source
    assert_offset_contract(doc)


@pytest.mark.parametrize(
    ("source", "word", "span"),
    [
        ("Привет 😀 мир", "мир", (9, 12)),
        ("a\r\nb\r\n\r\n£ word", "word", (10, 14)),
        ("x\ny\n\n😀 last", "last", (7, 11)),
    ],
)
def test_offsets(source: str, word: str, span: tuple[int, int]) -> None:
    doc = parse_text(source)
    for block in prose(doc):
        i = block.text.find(word)
        if i >= 0:
            assert block.is_verbatim(i, i + len(word))
            assert block.source_span(i, i + len(word)) == span
            return
    raise AssertionError(word)


def test_lf_paragraph_is_one_verbatim_range() -> None:
    source = "line one\nline two\n"
    (block,) = prose(parse_text(source))
    assert block.is_verbatim(0, len(block.text))
    assert block.source_span(0, len(block.text)) == (0, 17)


def test_crlf_break_is_not_verbatim() -> None:
    (block,) = prose(parse_text("one\r\ntwo"))
    assert block.text == "one\ntwo"
    assert block.source_span(3, 4) == (3, 5)
    assert not block.is_verbatim(0, 7)


def test_comment_lines() -> None:
    source = "a\n  <!-- copydesk disable Rule -->  \nb\n"
    doc = parse_text(source)
    (comment,) = doc.comments
    assert comment.body == "copydesk disable Rule"
    assert source[comment.offset : comment.end_offset] == "<!-- copydesk disable Rule -->"


@pytest.mark.parametrize(
    ("path", "markup"),
    [
        ("a.md", "markdown"),
        ("dir/b.MARKDOWN", "markdown"),
        ("c.mdown", "markdown"),
        ("d.mkd", "markdown"),
        ("e.html", "html"),
        ("f.HTM", "html"),
        ("g.xhtml", "html"),
        ("h.txt", "text"),
        ("README", "text"),
        ("i.rst", "text"),
    ],
)
def test_markup_for_path(path: str, markup: str) -> None:
    assert markup_for_path(path) == markup
    assert markup in MARKUPS


@pytest.mark.parametrize(
    ("alias", "name"),
    [("md", "markdown"), ("Markdown", "markdown"), ("html", "html"), ("htm", "html"), ("text", "text"), ("txt", "text"), ("plain", "text")],
)
def test_normalize_markup(alias: str, name: str) -> None:
    assert normalize_markup(alias) == name


def test_normalize_markup_rejects_unknown() -> None:
    with pytest.raises(ValueError, match="markdown"):
        normalize_markup("rst")


@pytest.mark.parametrize(
    ("markup", "source", "text"),
    [("md", "*a* b", "a b"), ("html", "<p>a <b>b</b></p>", "a b"), ("plain", "a b", "a b")],
)
def test_parse_dispatches(markup: str, source: str, text: str) -> None:
    doc = parse(source, markup)
    assert doc.markup == normalize_markup(markup)
    assert [b.text for b in prose(doc)] == [text]


LINE_PIECES = ["\n", "\n\n", " ", "\t", "\u00a0", "\x1c", "\u2028", "word", "Привет", "😀", "a.b", "<!", "--"]


@given(st.lists(st.sampled_from(LINE_PIECES), max_size=30))
@settings(max_examples=300, derandomize=True)
def test_the_quick_reader_reads_as_the_line_reader(pieces: list[str]) -> None:
    """Text with only "\\n" breaks and no comment line is cut by one split;
    the blocks must be exactly those the line-by-line reader builds."""
    source = "".join(pieces)
    assert "\r" not in source
    if "<!--" in source:
        return
    assert parse_text(source) == _parse_lines(source)
