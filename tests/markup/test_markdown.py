from __future__ import annotations

import re
import time

import pytest

from lint.markup.blocks import PLACEHOLDER, ParsedDocument, TextBlock
from lint.markup.markdown import parse_markdown

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


def prose_texts(doc: ParsedDocument) -> list[str]:
    return [b.text for b in prose(doc)]


def scoped(doc: ParsedDocument, scope: str) -> list[str]:
    return [b.text for b in doc.blocks if scope in b.scopes]


def word_span(doc: ParsedDocument, word: str) -> tuple[int, int]:
    """Source span of the first verbatim occurrence of ``word`` in a prose block."""
    for block in prose(doc):
        i = block.text.find(word)
        if i >= 0 and block.is_verbatim(i, i + len(word)):
            return block.source_span(i, i + len(word))
    raise AssertionError(f"{word!r} not found verbatim")


CONTRACT_SOURCES = [
    "# Привет 😀 мир\n\nЦена £5 😀 — *жирный* текст. 😀 After.\n",
    "Line one\r\nline two  \r\nline three\\\r\nend\r\n\r\n- item 😀\r\n- other\r\n",
    "Fish &amp; chips &copy; 2024 &#x41;&#66; &bogus; done\n",
    "Not \\*emphasis\\* here \\\\ and `code` there\n",
    "See [the *report*](https://x.com/r \"T\") and ![a red fox](fox.png) today <https://a.io> x\n",
    "> quote 😀\n> > deeper £\n> - list in quote\n>   more\n\n| a | £b |\n|---|---|\n| Привет | [d][r] |\n\n[r]: /ref\n",
    "<div>\n<p>Inside &amp; html 😀</p>\n<!-- note -->\n</div>\n\n> <p>quoted\r\n> html £</p>\r\n",
    "Title\n=====\n\nSub 😀\n---\n\n1. one\n\n   two\n2. three\n",
    "Text[^1] and <b>bold</b> and<br>break <!-- c --> end.\n\n[^1]: The note 😀.\n",
    "",
    "\n\n   \n",
]


@pytest.mark.parametrize("source", CONTRACT_SOURCES)
def test_offset_contract(source: str) -> None:
    assert_offset_contract(parse_markdown(source))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Hello *world*.\n", ["Hello world."]),
        ("# Привет 😀 мир\n", ["Привет 😀 мир"]),
        ("Fish &amp; chips\n", ["Fish & chips"]),
        ("Not \\*emphasis\\* here\n", ["Not *emphasis* here"]),
        ("Run `make test` now\n", [f"Run {PLACEHOLDER} now"]),
        ("one\r\ntwo\r\n\r\nthree\r\n", ["one\ntwo", "three"]),
        ("hard  \nbreak\n", ["hard\nbreak"]),
        ("a<br>b <span>c</span>\n", ["a\nb c"]),
        ("Visit <https://example.com> now\n", [f"Visit {PLACEHOLDER} now"]),
        ("Visit https://example.com/a now\n", [f"Visit {PLACEHOLDER} now"]),
        ("[https://x.io](https://x.io) ok\n", [f"{PLACEHOLDER} ok"]),
        ("Look ![a red fox](fox.png) here\n", [f"Look {PLACEHOLDER} here"]),
        ("See [the report](https://x.com/r) today\n", ["See the report today"]),
        ("- one\n- two\n", ["one", "two"]),
    ],
)
def test_prose_text(source: str, expected: list[str]) -> None:
    doc = parse_markdown(source)
    assert prose_texts(doc) == expected
    assert_offset_contract(doc)


@pytest.mark.parametrize(
    ("source", "word", "span"),
    [
        ("Привет 😀 мир\n", "мир", (9, 12)),
        ("£5 😀 x *жирный* y\n", "жирный", (8, 14)),
        ("a\r\nb word\r\n", "word", (5, 9)),
        ("&amp; £ after\n", "after", (8, 13)),
    ],
)
def test_non_ascii_offsets(source: str, word: str, span: tuple[int, int]) -> None:
    doc = parse_markdown(source)
    assert word_span(doc, word) == span
    assert source[slice(*span)] == word


def test_entity_is_not_verbatim() -> None:
    doc = parse_markdown("Fish &amp; chips\n")
    block = prose(doc)[0]
    amp = block.text.index("&")
    assert not block.is_verbatim(amp, amp + 1)
    assert block.source_span(amp, amp + 1) == (5, 10)
    assert block.is_verbatim(0, 4)


def test_crlf_soft_break_maps_to_line_ending() -> None:
    source = "one\r\ntwo\r\n"
    block = prose(parse_markdown(source))[0]
    assert block.text == "one\ntwo"
    assert block.source_span(3, 4) == (3, 5)
    assert not block.is_verbatim(0, 7)
    assert block.is_verbatim(4, 7)


def test_link_text_in_paragraph_and_link_block() -> None:
    source = "See [the report](https://x.com/r) today\n"
    doc = parse_markdown(source)
    assert scoped(doc, "link") == ["the report"]
    link = [b for b in doc.blocks if "link" in b.scopes][0]
    assert "text" not in link.scopes
    assert source[slice(*link.source_span(0, len(link.text)))] == "the report"
    assert all("x.com" not in b.text for b in prose(doc))
    (construct,) = [c for c in doc.constructs if c.kind == "link"]
    assert (construct.text, construct.destination) == ("the report", "https://x.com/r")
    assert source[construct.offset : construct.end_offset] == "[the report](https://x.com/r)"


def test_reference_link_destination_is_resolved() -> None:
    doc = parse_markdown("A [ref][r] here.\n\n[r]: https://r.example\n")
    (construct,) = [c for c in doc.constructs if c.kind == "link"]
    assert construct.destination == "https://r.example"
    assert prose_texts(doc) == ["A ref here."]


def test_alt_text_only_in_alt_block() -> None:
    source = "Look ![a red fox](fox.png) here\n"
    doc = parse_markdown(source)
    assert "fox" not in prose_texts(doc)[0]
    assert scoped(doc, "alt") == ["a red fox"]
    alt = [b for b in doc.blocks if "alt" in b.scopes][0]
    assert alt.scopes == frozenset({"alt"})
    assert source[slice(*alt.source_span(0, len(alt.text)))] == "a red fox"
    (image,) = [c for c in doc.constructs if c.kind == "image"]
    assert (image.text, image.destination) == ("a red fox", "fox.png")


def test_image_only_paragraph_has_no_prose_block() -> None:
    doc = parse_markdown("![Only alt](x.png)\n")
    assert prose_texts(doc) == []
    assert scoped(doc, "alt") == ["Only alt"]


def test_autolinks_are_constructs_not_prose() -> None:
    doc = parse_markdown("Mail <a@b.example> or <https://a.io> or www.b.io/x.\n")
    kinds = [(c.kind, c.destination) for c in doc.constructs]
    assert kinds == [("autolink", "a@b.example"), ("autolink", "https://a.io"), ("autolink", "www.b.io/x")]
    assert prose_texts(doc) == [f"Mail {PLACEHOLDER} or {PLACEHOLDER} or {PLACEHOLDER}."]
    assert scoped(doc, "link") == []


@pytest.mark.parametrize(
    "source",
    [
        "---\ntitle: secret\n---\n\nBody.\n",
        "Body.\n\n```\nsecret code\n```\n",
        "Body.\n\n    secret indented\n",
        "Body.\n\n<!-- secret -->\n",
        "Body <!-- secret --> text.\n",
        "Body [text](https://secret.example).\n",
        "Body ![](secret.png).\n",
        "Body `secret`.\n",
        "Body.\n\n<script>\nsecret()\n</script>\n",
    ],
)
def test_non_prose_is_absent(source: str) -> None:
    doc = parse_markdown(source)
    assert all("secret" not in b.text for b in doc.blocks if "raw" not in b.scopes)
    assert any(b.text.startswith("Body") for b in prose(doc))


def test_comments_recorded() -> None:
    source = "Text <!-- inline --> more.\n\n<!-- block\nnote -->\n"
    doc = parse_markdown(source)
    assert [c.body for c in doc.comments] == ["inline", "block\nnote"]
    for c in doc.comments:
        assert source[c.offset : c.end_offset].startswith("<!--")
        assert source[c.offset : c.end_offset].endswith("-->")


@pytest.mark.parametrize(
    ("source", "text", "scopes"),
    [
        ("Para.\n", "Para.", {"text", "paragraph"}),
        ("## Two\n", "Two", {"text", "heading", "heading.h2"}),
        ("###### Six\n", "Six", {"text", "heading", "heading.h6"}),
        ("Setext\n===\n", "Setext", {"text", "heading", "heading.h1"}),
        ("- tight\n", "tight", {"text", "list"}),
        ("- loose\n\n- items\n", "loose", {"text", "paragraph", "list"}),
        ("> quoted\n", "quoted", {"text", "paragraph", "blockquote"}),
        ("> - in quote\n>\n>   para\n", "para", {"text", "paragraph", "list", "blockquote"}),
        ("- > deep\n", "deep", {"text", "paragraph", "list", "blockquote"}),
        ("| H |\n|---|\n| c |\n", "H", {"text", "table.cell", "table.header"}),
        ("| H |\n|---|\n| c |\n", "c", {"text", "table.cell"}),
        ("> # Quoted heading\n", "Quoted heading", {"text", "heading", "heading.h1", "blockquote"}),
        ("- <p>html item</p>\n", "html item", {"text", "paragraph", "list"}),
    ],
)
def test_scopes(source: str, text: str, scopes: set[str]) -> None:
    doc = parse_markdown(source)
    (block,) = [b for b in doc.blocks if b.text == text and "text" in b.scopes]
    assert block.scopes == frozenset(scopes)


def test_headings_are_constructs() -> None:
    source = "# One\n\ntext\n\n### Three *x*\n"
    doc = parse_markdown(source)
    headings = [(c.level, c.text, source[c.offset : c.end_offset]) for c in doc.constructs if c.kind == "heading"]
    assert headings == [(1, "One", "# One"), (3, "Three x", "### Three *x*")]


def test_nested_tight_list_items() -> None:
    doc = parse_markdown("- outer\n  - inner\n- last\n")
    assert prose_texts(doc) == ["outer", "inner", "last"]


def test_html_block_in_markdown() -> None:
    source = "<div>\n<p>Inside &amp; html</p>\n<!-- note -->\n</div>\n"
    doc = parse_markdown(source)
    assert prose_texts(doc) == ["Inside & html"]
    assert [c.body for c in doc.comments] == ["note"]
    assert word_span(doc, "Inside") == (9, 15)
    assert_offset_contract(doc)


def test_html_block_in_quote_maps_around_markers() -> None:
    source = "> <p>quoted\r\n> html</p>\r\n"
    doc = parse_markdown(source)
    (block,) = prose(doc)
    assert block.text == "quoted\nhtml"
    assert "blockquote" in block.scopes
    assert word_span(doc, "html") == (15, 19)
    assert_offset_contract(doc)


def test_raw_block_is_last() -> None:
    source = "# T\n\nBody.\n"
    doc = parse_markdown(source)
    raw = doc.blocks[-1]
    assert raw.scopes == frozenset({"raw"})
    assert raw.text == source
    assert raw.is_verbatim(0, len(source))
    assert all("raw" not in b.scopes for b in doc.blocks[:-1])


def test_blocks_in_source_order() -> None:
    source = "# H\n\nA [l](u) ![alt](i) b.\n\n- x\n  - y\n\n| c |\n|---|\n| d |\n"
    doc = parse_markdown(source)
    starts = [b.source_offset(0) for b in doc.blocks[:-1]]
    assert starts == sorted(starts)
    assert [b.text for b in doc.blocks[:-1]] == ["H", f"A l {PLACEHOLDER} b.", "l", "alt", "x", "y", "c", "d"]


def test_deep_blockquotes_are_fast() -> None:
    source = ">" * 10_000 + " deep\n"
    started = time.perf_counter()
    doc = parse_markdown(source)
    assert time.perf_counter() - started < 5
    (block,) = prose(doc)
    assert block.text == "deep"
    assert "blockquote" in block.scopes


def test_deep_lists_are_fast() -> None:
    source = "".join("  " * i + "- item\n" for i in range(2_000))
    doc = parse_markdown(source)
    assert len(prose(doc)) == 2_000


def test_large_document_is_linear_enough() -> None:
    source = "Word [link](u) `c` and &amp; ünïcode 😀.\n\n" * 20_000
    started = time.perf_counter()
    doc = parse_markdown(source)
    assert time.perf_counter() - started < 10
    assert len(prose(doc)) == 20_000
