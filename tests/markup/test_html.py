from __future__ import annotations

import re
import time

import pytest

from lint.markup.blocks import PLACEHOLDER, ParsedDocument, TextBlock
from lint.markup.html import parse_html

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
    for block in prose(doc):
        i = block.text.find(word)
        if i >= 0 and block.is_verbatim(i, i + len(word)):
            return block.source_span(i, i + len(word))
    raise AssertionError(f"{word!r} not found verbatim")


CONTRACT_SOURCES = [
    "<p>Привет 😀 мир £5</p>\n<p>Second 😀 <b>bold</b> text.</p>",
    "<p>line one\r\nline two\rline three\nend 😀</p>\r\n<p>next</p>",
    "<p>Fish &amp; chips &copy 2024 &#x41;&#66; &bogus; &#128512; done</p>",
    '<p>See <a href="/r">the <em>report</em></a> and <img alt="a &amp; £ fox" src=f.png> today</p>',
    "<ul><li>one 😀<li>two<ul><li>inner</ul> tail</ul><blockquote><p>q £</blockquote>",
    "<table><tr><th>Head £</th><td>Cell 😀</td></tr></table>",
    "<p>unclosed <b>bold <i>italic\n<div>div 😀 <p>para",
    "<!-- c --><script>var x = '<p>';</script><p>after 😀</p><code>x</code>",
    "",
    "plain text with no tags 😀 &amp; more",
]


@pytest.mark.parametrize("source", CONTRACT_SOURCES)
def test_offset_contract(source: str) -> None:
    assert_offset_contract(parse_html(source))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<p>Hello <b>world</b>.</p>", ["Hello world."]),
        ("<p>Hello   <b>big</b>\n  world</p>", ["Hello   big\n  world"]),
        ("<p>Fish &amp; chips</p>", ["Fish & chips"]),
        ("<p>Run <code>make test</code> now</p>", [f"Run {PLACEHOLDER} now"]),
        ("<p>a<br>b<br/>c</p>", ["a\nb\nc"]),
        ("<p>one<p>two", ["one", "two"]),
        ("<div>loose <p>para</p> tail</div>", ["loose", "para", "tail"]),
        ("<p>Look <img src=f.png alt='fox'> here</p>", [f"Look {PLACEHOLDER} here"]),
        ("<pre>code\nblock</pre><p>after</p>", ["after"]),
        ("<style>p { x: y }</style><template><p>t</p></template><p>ok</p>", ["ok"]),
        ("<noscript>no</noscript><svg><text>s</text></svg><math><mi>x</mi></math>", []),
        ("Bare text &amp; <i>more</i>", ["Bare text & more"]),
    ],
)
def test_prose_text(source: str, expected: list[str]) -> None:
    doc = parse_html(source)
    assert prose_texts(doc) == expected
    assert_offset_contract(doc)


@pytest.mark.parametrize(
    ("source", "word", "span"),
    [
        ("<p>Привет 😀 мир</p>", "мир", (12, 15)),
        ("<p>£ &amp; x</p>\n<p>😀 after</p>", "after", (22, 27)),
        ("<p>a\r\nb word</p>", "word", (8, 12)),
        ("<p>a\rb\r\nc word</p>", "word", (10, 14)),
    ],
)
def test_offsets(source: str, word: str, span: tuple[int, int]) -> None:
    doc = parse_html(source)
    assert word_span(doc, word) == span
    assert source[slice(*span)] == word


@pytest.mark.parametrize(
    ("source", "raw"),
    [
        ("<p>a &amp; b</p>", "&amp;"),
        ("<p>a &copy b</p>", "&copy"),
        ("<p>a &#x41; b</p>", "&#x41;"),
        ("<p>a &#65; b</p>", "&#65;"),
    ],
)
def test_entities_map_to_their_source(source: str, raw: str) -> None:
    (block,) = prose(parse_html(source))
    i = 2
    assert not block.is_verbatim(i, i + 1)
    assert source[slice(*block.source_span(i, i + 1))] == raw


def test_links() -> None:
    source = '<p>See <a href="https://x.com/r">the report</a> today</p>'
    doc = parse_html(source)
    assert prose_texts(doc) == ["See the report today"]
    (link,) = [b for b in doc.blocks if "link" in b.scopes]
    assert link.text == "the report"
    assert link.scopes == frozenset({"link"})
    assert source[slice(*link.source_span(0, len(link.text)))] == "the report"
    (construct,) = doc.constructs
    assert (construct.kind, construct.text, construct.destination) == ("link", "the report", "https://x.com/r")
    assert source[construct.offset : construct.end_offset] == '<a href="https://x.com/r">the report</a>'


def test_anchor_without_href_is_not_a_link() -> None:
    doc = parse_html('<p><a name="x">anchor</a></p>')
    assert scoped(doc, "link") == []
    assert doc.constructs == ()


def test_image_alt() -> None:
    source = '<p>Look <img src="fox.png" alt="a red &amp; fox"> here</p>'
    doc = parse_html(source)
    assert prose_texts(doc) == [f"Look {PLACEHOLDER} here"]
    (alt,) = [b for b in doc.blocks if "alt" in b.scopes]
    assert alt.text == "a red & fox"
    assert alt.scopes == frozenset({"alt"})
    assert source[slice(*alt.source_span(0, 5))] == "a red"
    assert source[slice(*alt.source_span(8, 11))] == "fox"
    (image,) = doc.constructs
    assert (image.kind, image.text, image.destination) == ("image", "a red & fox", "fox.png")


def test_image_without_alt_has_no_alt_block() -> None:
    doc = parse_html('<img src="x.png"><img src="y.png" alt="">')
    assert scoped(doc, "alt") == []
    assert [c.kind for c in doc.constructs] == ["image", "image"]


def test_comments() -> None:
    source = "<p>a <!-- inline --> b</p>\n<!--\nblock\n-->"
    doc = parse_html(source)
    assert [c.body for c in doc.comments] == ["inline", "block"]
    assert [source[c.offset : c.end_offset] for c in doc.comments] == ["<!-- inline -->", "<!--\nblock\n-->"]
    assert prose_texts(doc) == ["a  b"]


@pytest.mark.parametrize(
    ("source", "text", "scopes"),
    [
        ("<p>para</p>", "para", {"text", "paragraph"}),
        ("<h3>three</h3>", "three", {"text", "heading", "heading.h3"}),
        ("<ul><li>item</li></ul>", "item", {"text", "list"}),
        ("<ol><li><p>loose</p></li></ol>", "loose", {"text", "paragraph", "list"}),
        ("<blockquote>bare</blockquote>", "bare", {"text", "blockquote"}),
        ("<blockquote><ul><li><p>deep</p></li></ul></blockquote>", "deep", {"text", "paragraph", "list", "blockquote"}),
        ("<table><tr><th>head</th></tr></table>", "head", {"text", "table.cell", "table.header"}),
        ("<table><tr><td>cell<td>next</table>", "next", {"text", "table.cell"}),
        ("<figure><figcaption>cap</figcaption></figure>", "cap", {"text"}),
        ("<dl><dt>term<dd>def</dl>", "def", {"text"}),
    ],
)
def test_scopes(source: str, text: str, scopes: set[str]) -> None:
    doc = parse_html(source)
    (block,) = [b for b in doc.blocks if b.text == text and "text" in b.scopes]
    assert block.scopes == frozenset(scopes)


def test_heading_construct() -> None:
    source = "<h2>Big <em>news</em></h2>"
    (heading,) = parse_html(source).constructs
    assert (heading.kind, heading.level, heading.text) == ("heading", 2, "Big news")
    assert source[heading.offset : heading.end_offset] == source


def test_raw_block_is_last_and_order() -> None:
    source = '<h1>T</h1><p>a <a href="u">l</a> <img alt="x" src=i> b</p><ul><li>c</li></ul>'
    doc = parse_html(source)
    assert doc.blocks[-1].scopes == frozenset({"raw"})
    assert doc.blocks[-1].text == source
    assert [b.text for b in doc.blocks[:-1]] == ["T", f"a l {PLACEHOLDER} b", "l", "x", "c"]


@pytest.mark.parametrize(
    "source",
    [
        "<p>unclosed",
        "<div><p><b>x",
        "<a href='x'>dangling",
        "<code>never closed",
        "<p>a</li></ul></p>b",
        "<!-- open",
        "<![^1]Привет",
        "<p>a</p><![x y]>b 😀",
        '<p a="unterminated>t',
    ],
)
def test_malformed_does_not_crash(source: str) -> None:
    assert_offset_contract(parse_html(source))


def test_deep_nesting_is_fast() -> None:
    source = "<blockquote>" * 10_000 + "deep" + "</blockquote>" * 10_000
    started = time.perf_counter()
    doc = parse_html(source)
    assert time.perf_counter() - started < 5
    (block,) = prose(doc)
    assert block.text == "deep"
    assert "blockquote" in block.scopes
