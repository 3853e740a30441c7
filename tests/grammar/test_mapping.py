"""The adapter's mapping: what a backend is given (prose only) and how its
offsets come back to exact source offsets, across markup, entities, emoji
and UTF-16."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.grammar.mapping import MAX_TOKEN, SEPARATOR, Prose, blank_long_tokens, utf16_decoder, utf16_length
from lint.markup import parse
from lint.markup.blocks import PLACEHOLDER
from tests.grammar.conftest import FakeBackend
from tests.helpers import make_rule, run

RULE = """
extends: grammar
backend: fake
message: "%s"
level: warning
fix: unsafe
"""


def blocks(source: str, markup: str = "markdown") -> Prose:
    doc = parse(source, markup)
    return Prose.join([b for b in doc.blocks if "text" in b.scopes])


# -- Prose --------------------------------------------------------------------


def test_units_are_joined_by_blank_lines_and_located_back() -> None:
    prose = blocks("# Title\n\nFirst para.\n\n- item one\n")
    assert prose.text == SEPARATOR.join(["Title", "First para.", "item one"])
    start = prose.text.index("para")
    located = prose.locate(start, start + 4)
    assert located is not None
    assert located.unit.text == "First para."
    assert located.unit.text[located.start : located.end] == "para"


def test_a_span_in_a_separator_is_dropped_and_one_crossing_units_is_cut() -> None:
    prose = blocks("One two.\n\nThree four.")
    gap = len("One two.")
    assert prose.locate(gap, gap + 2) is None
    located = prose.locate(gap - 4, gap + 7)
    assert located is not None and located.unit.text[located.start : located.end] == "two."
    moved = prose.locate(gap + 1, gap + 2 + len("Three"))
    assert moved is not None and moved.unit.text[moved.start : moved.end] == "Three"


def test_a_span_of_placeholders_only_is_dropped() -> None:
    prose = blocks("Run `make` now.")
    at = prose.text.index(PLACEHOLDER)
    assert prose.locate(at, at + 1) is None
    assert prose.locate(at - 4, at + 1) is not None


def test_chunks_split_between_units() -> None:
    prose = blocks("\n\n".join(f"Paragraph number {i}." for i in range(10)))
    chunks = list(prose.chunks(60))
    assert [u.text for c in chunks for u in c.units] == [u.text for u in prose.units]
    assert all(len(c.text) <= 60 for c in chunks)


# -- UTF-16 -------------------------------------------------------------------


def test_utf16_offsets_become_code_points() -> None:
    text = "a😀b😀c"
    decode = utf16_decoder(text)
    assert utf16_length(text) == 7
    assert [decode(i) for i in (0, 1, 3, 4, 6, 7)] == [0, 1, 2, 3, 4, 5]
    # An offset between the halves of an emoji goes to the next character.
    assert decode(2) == 2
    assert utf16_decoder("plain")(3) == 3


# -- through the engine ------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "markup"),
    [
        ("We went to **teh** shop.\n", "markdown"),
        ("A [link to teh page](https://example.com/teh) here.\n", "markdown"),
        ("> Quoted: *teh* end.\n", "markdown"),
        ("<p>Caf&eacute; &amp; <b>teh</b> bar.</p>\n", "html"),
        ("Line one.\r\n\r\nThen teh second.\r\n", "text"),
        ("Emoji 😀👍🏽 then teh word.\n", "markdown"),
        ("| a | b |\n|---|---|\n| x | teh cell |\n", "markdown"),
    ],
)
def test_offsets_map_to_the_source_across_markup(
    tmp_path: Path, fake_backend: FakeBackend, source: str, markup: str
) -> None:
    rule = make_rule(tmp_path, RULE)
    alerts = run(rule, source, markup)
    assert [a.match for a in alerts] == ["teh"]
    alert = alerts[0]
    assert alert.rule == "Pack.Rule/FakeRule"
    assert source[alert.offset : alert.end_offset] == "teh"
    assert alert.fix is not None and alert.fix.edits[0].text == "the"
    assert alert.fix.applicability.value == "unsafe"


def test_utf16_offsets_from_a_languagetool_answer_map_past_emoji(tmp_path: Path, fake_backend: FakeBackend) -> None:
    fake_backend.utf16 = True
    rule = make_rule(tmp_path, RULE)
    source = "Flags 🇺🇦 and 😀😀 before teh word and 👍🏽 recieve.\n"
    alerts = run(rule, source)
    assert [a.match for a in alerts] == ["teh", "recieve"]
    assert all(a.rule == "Pack.Rule/FAKE_RULE" for a in alerts)


def test_the_backend_sees_prose_only(tmp_path: Path, fake_backend: FakeBackend) -> None:
    rule = make_rule(tmp_path, RULE)
    source = (
        "---\ntitle: teh front matter\n---\n\n# A **bold** heading\n\n"
        "Text with [a link](https://example.com/x) and `code` and <span>html</span>.\n\n"
        "```\nteh code block\n```\n\n<!-- teh comment -->\n"
    )
    alerts = run(rule, source)
    assert alerts == []
    seen = "".join(fake_backend.texts)
    for markup in ("**", "](", "https://", "`", "<span>", "title:", "code block", "<!--", "#"):
        assert markup not in seen
    assert "A bold heading" in seen and "a link" in seen


def test_a_match_over_an_entity_has_no_fix(tmp_path: Path, fake_backend: FakeBackend) -> None:
    fake_backend.words = {"Café": "Cafe"}
    rule = make_rule(tmp_path, RULE)
    source = "<p>Caf&eacute; bar.</p>\n"
    alerts = run(rule, source, "html")
    assert [a.match for a in alerts] == ["Caf&eacute;"]
    assert alerts[0].fix is None


def test_no_fix_unless_the_rule_allows_it(tmp_path: Path, fake_backend: FakeBackend) -> None:
    rule = make_rule(tmp_path, RULE.replace("fix: unsafe", "fix: none"))
    alerts = run(rule, "We saw teh cat.\n")
    assert [a.match for a in alerts] == ["teh"] and alerts[0].fix is None


def test_the_message_template_gets_message_rule_and_text(tmp_path: Path, fake_backend: FakeBackend) -> None:
    rule = make_rule(tmp_path, RULE.replace('"%s"', "'%s (%s: %s)'"))
    alerts = run(rule, "We saw teh cat.\n")
    assert alerts[0].message == "Fake: 'teh' (FakeRule: teh)"


def test_tokens_too_long_to_be_words_are_blanked(tmp_path: Path, fake_backend: FakeBackend) -> None:
    blob = "teh" + "x" * 200
    fake_backend.words = {"teh": "the", blob: "y"}
    rule = make_rule(tmp_path, RULE)
    source = f"We saw teh {blob} cat.\n"
    alerts = run(rule, source)
    assert [a.match for a in alerts] == ["teh"]
    assert blob not in fake_backend.texts[0] and len(fake_backend.texts[0]) == len("We saw teh ") + len(blob) + len(" cat.")
    assert blank_long_tokens("a " + "b" * (MAX_TOKEN + 1)) == ("a " + " " * (MAX_TOKEN + 1), ((2, MAX_TOKEN + 3),))
    assert blank_long_tokens("b" * MAX_TOKEN) == ("b" * MAX_TOKEN, ())
