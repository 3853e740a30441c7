"""extends: markup — checks on links, images and headings themselves; the
alert covers the whole construct in the source."""

from __future__ import annotations

import pytest
from helpers import found, make_rule, run

from lint.rule_loading import RuleFileError

PLACEHOLDER_LINK = """
extends: markup
message: "Link target '%s' ('%s') is a placeholder."
level: error
construct: link
destination: ['', '#', 'TK', 'https?://', 'https?://(?:www\\.)?example\\.com/?']
"""

LINK_TEXT = """
extends: markup
message: "Link text '%s' is a placeholder."
construct: link
ignorecase: true
text: [link, 'click here', 'TK']
"""

NO_ALT = """
extends: markup
message: "Image without alt text%s: '%s'."
construct: image
text: ['']
"""

LEVEL_JUMP = """
extends: markup
message: "Heading jumps from %s to %s."
construct: heading
level_jump: true
"""

CASES = [
    # (id, rule, markup, source, expected [(match, message)])
    ("markdown link", PLACEHOLDER_LINK, "markdown", "Peskov [told](#) reporters and [ok](https://x.org).",
     [("[told](#)", "Link target '#' ('told') is a placeholder.")]),
    ("markdown empty, bare scheme and example links", PLACEHOLDER_LINK, "markdown",
     "[a]() [b](https://) [c](http://www.example.com/) [d](https://example.com/x)", [
         ("[a]()", "Link target '' ('a') is a placeholder."),
         ("[b](https://)", "Link target 'https://' ('b') is a placeholder."),
         ("[c](http://www.example.com/)", "Link target 'http://www.example.com/' ('c') is a placeholder."),
     ]),
    ("markdown reference link", PLACEHOLDER_LINK, "markdown", "See [the story][s].\n\n[s]: TK\n",
     [("[the story][s]", "Link target 'TK' ('the story') is a placeholder.")]),
    ("markdown link with title and emphasis", PLACEHOLDER_LINK, "markdown", 'Привет 😀 [*told*](# "t") £',
     [('[*told*](# "t")', "Link target '#' ('told') is a placeholder.")]),
    ("html link", PLACEHOLDER_LINK, "html", '<p>Привет &amp; <a href="#">told</a> <a href="/ok">ok</a></p>',
     [('<a href="#">told</a>', "Link target '#' ('told') is a placeholder.")]),
    ("no links in plain text", PLACEHOLDER_LINK, "text", "[told](#) <a href=\"#\">x</a>", []),
    ("link text, ignorecase", LINK_TEXT, "markdown", "[LINK](https://a.org) [Click here](/x) [a link](/y)", [
        ("[LINK](https://a.org)", "Link text 'LINK' is a placeholder."),
        ("[Click here](/x)", "Link text 'Click here' is a placeholder."),
    ]),
    ("html link text", LINK_TEXT, "html", '<a href="/a">TK</a>', [('<a href="/a">TK</a>', "Link text 'TK' is a placeholder.")]),
    ("image without alt", NO_ALT, "markdown", "![](a.png) ![A fox](fox.png)", [("![](a.png)", "Image without alt text: 'a.png'.")]),
    ("html image without alt", NO_ALT, "html", '<img src="a.png"> <img alt="" src=b> <img alt="Fox" src=c>', [
        ('<img src="a.png">', "Image without alt text: 'a.png'."),
        ('<img alt="" src=b>', "Image without alt text: 'b'."),
    ]),
    ("heading level jump", LEVEL_JUMP, "markdown", "# A\n\n### C\n\n## B\n\n#### D\n\n# E\n\n## F\n", [
        ("### C", "Heading jumps from h1 to h3."),
        ("#### D", "Heading jumps from h2 to h4."),
    ]),
    ("setext heading covers both lines", LEVEL_JUMP, "markdown", "Title\r\n=====\r\n\r\n### Привет 😀\r\n", [
        ("### Привет 😀", "Heading jumps from h1 to h3."),
    ]),
    ("html heading jump", LEVEL_JUMP, "html", "<h1>A</h1>\r\n<h4>Привет 😀</h4>",
     [("<h4>Привет 😀</h4>", "Heading jumps from h1 to h4.")]),
    ("first heading may be any level", LEVEL_JUMP, "markdown", "### Start\n\n#### Next\n", []),
]


@pytest.mark.parametrize(("rule", "markup", "source", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_markup(tmp_path, rule, markup, source, expected):
    assert found(run(make_rule(tmp_path, rule), source, markup)) == expected


def test_positions(tmp_path):
    source = "Привет 😀\r\n\r\n£ [told](#)\r\n"
    (alert,) = run(make_rule(tmp_path, PLACEHOLDER_LINK), source)
    assert (alert.line, alert.column, alert.end_line, alert.end_column) == (3, 3, 3, 12)


@pytest.mark.parametrize(
    ("yaml", "key"),
    [
        (PLACEHOLDER_LINK.replace("construct: link", "construct: table"), "construct"),
        (LEVEL_JUMP.replace("level_jump: true", ""), "destination"),
        (PLACEHOLDER_LINK.replace("'TK'", "'T('"), "destination"),
    ],
)
def test_invalid(tmp_path, yaml, key):
    with pytest.raises(RuleFileError) as info:
        make_rule(tmp_path, yaml)
    assert info.value.key == key
