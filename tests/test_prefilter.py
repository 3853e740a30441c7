"""The prefilter may only skip documents that cannot match: for every
pattern and text, a match implies one of the required literals occurs."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.prefilter import leading_strings, required_literals, start_strings

CASES = [
    (r"(?:\bpast history\b|end result)", ("end result", "past history")),
    (r"(?i)foo|bar", ("bar", "foo")),
    (r"(?x) ^(?:Original\s+(?:url|link)\s*: | Advertisement\s*$ | Read\s+more)", ("advertisement", "original", "read")),
    (r"\p{Lu}\w+ / TASS", (" / tass",)),
    (r"(?:abc)?def", ("def",)),
    (r"colou?r", ("colo",)),
    (r"(?<![\p{L}])(?:very|really)(?![\p{L}])", ("really", "very")),
    (r"q|z", ("q", "z")),
    (r"[ \n](?:of|from|including)\s+x", None),  # " of" is in nearly every paragraph: no prefilter
    (r"[.!?]\p{Lu}", ("!", ".", "?")),  # a class of literal characters
    (r"[^a]x", ("x",)),
    (r"\s*/\s*\w", ("/",)),
    (r"\w+ing", ("ing",)),
    (r"(?:abc)*", None),  # optional: no requirement
    (r"Привет", ("привет",)),  # letters with one-to-one case folding are used
    (r"straße", ("stra",)),  # "ß" folds to "ss": the literal stops before it
    (r"\\p{L}x", None),  # escaped backslashes: no attempt
    (r"(unbalanced", None),  # unparsable: no prefilter
    # Runs of exact items multiply out: a space, then one of three marks.
    (r"(?<=\w)\x20[,;:](?=\s)", (" ,", " :", " ;")),
    (r"x[0-2]y", ("x0y", "x1y", "x2y")),
    (r"ab++c", ("ab",)),  # the repeat's first copy ends one run ("ab"), its last starts the next ("bc")
    (r"(?:ab){2}", ("abab",)),
    (r"(?=[^/]*+/)\w+", ("/",)),  # a look-ahead's requirement holds in the text searched
    (r"(?xr) \x20 (?P<m>[,;]) ", (" ,", " ;")),  # regex-only flags go
    (r"(?P<a>\d+)-(?P<a>\w+)x", ("-",)),  # a group name used twice (regex allows it)
    (r"(?P<w>\w+) (?P=w)ing", ("ing",)),  # a back-reference is an unknown stretch
    (r"(?:colour){e<=1}", None),  # fuzzy matching: no prefilter
    (r"[(?i)]x", None),  # group syntax inside a class: no rewriting
    (r"[\](?i)]x", None),
    (r"\[(?:TK|XX)\]", ("[tk]", "[xx]")),  # an escaped bracket opens no class
    (r"\[(?:Insert|Fill\s+in|Photo)\b", ("[fill", "[insert", "[photo")),  # the run goes into a group's known starts
    (r"\(?P<n>x", ("p<n>x",)),  # an escaped bracket: "P<n>" is text, not a group
    # Digits are rarer in prose than letters: "05" rather than "may".
    (r"\b(?:May|June)\s+0[1-9]", tuple(f"0{d}" for d in range(1, 10))),
]


@pytest.mark.parametrize(("pattern", "expected"), CASES)
def test_required_literals(pattern: str, expected: tuple[str, ...] | None) -> None:
    assert required_literals(pattern, regex.IGNORECASE) == (frozenset(expected) if expected is not None else None)


PATTERNS = [p for p, e in CASES if e is not None and len(e) < 6 and "{e" not in p]
ALPHABET = "abcdefghijklmnoprstuvwxy ORTASULG/:-.!?\nſK,;012"


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PATTERNS), st.text(alphabet=ALPHABET, max_size=60), st.sampled_from(["past history", "end result", "Original link:", "very", "colour", "Ab / TASS", "def", "a , b", "x1y", "abbbc", "abab", "ab/cd", "12-ab x", "to toing", "(P<n>x", "[Fill  in", "[photo"]))
def test_a_match_implies_a_literal(pattern: str, noise: str, planted: str) -> None:
    literals = required_literals(pattern, regex.IGNORECASE)
    assert literals is not None
    compiled = regex.compile(pattern, regex.IGNORECASE)
    for text in (noise, noise + planted, planted + noise):
        if compiled.search(text):
            assert any(lit in text.casefold() for lit in literals), (pattern, text)


START_CASES = [
    (r"^(?:foo|Bar)x", ("barx", "foox")),
    (r"\Aabc", ("abc",)),
    (r"(?x) ^(?:Original\s+(?:url|link)\s*: | Advertisement\s*$ | Read\s+more)", ("advertisement", "original", "read")),
    (r"^(?:Story\s+)?continues\b", ("continues", "story")),  # an optional start: it, or what follows
    (r"^(?:a|b*)c", ("ac", "b", "c")),
    (r"^(?=\w)(?:Read|Reading)\b", ("read",)),  # a look-ahead takes no text; "reading" starts with "read"
    (r"^[0-9]+\s+comments?", tuple("0123456789")),
    (r"^x*y", ("x", "y")),
    (r"(?m)^abc", None),  # any line's start
    (r"^a|b", None),  # the second branch is not anchored
    (r"abc", None),
    (r"^\s*abc", None),  # white space is not known text
    (r"^(?=[^/]*/).*?x", None),
    (r"^\d+ comments", None),  # \d is any Unicode digit
]


@pytest.mark.parametrize(("pattern", "expected"), START_CASES)
def test_start_strings(pattern: str, expected: tuple[str, ...] | None) -> None:
    assert start_strings(pattern, regex.IGNORECASE) == expected


START_PATTERNS = [p for p, e in START_CASES if e is not None]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(START_PATTERNS), st.text(alphabet=ALPHABET + "xyz3", max_size=40), st.sampled_from(["foox", "BARX", "abc", "Original url:", "advertisement", "Read more", "story continues", "continues", "bbbc", "ac", "c", "12 comments", "Reading", "xxy", "ſtory continues"]))
def test_a_match_implies_a_start(pattern: str, noise: str, planted: str) -> None:
    starts = start_strings(pattern, regex.IGNORECASE)
    assert starts is not None
    compiled = regex.compile(pattern, regex.IGNORECASE)
    for text in (noise, planted + noise, planted):
        if compiled.search(text):
            assert text.casefold().startswith(starts), (pattern, text)


LEADING_CASES = [
    (r"[ \n](?:of|from)\s+x", {" of", "\nof", " from", "\nfrom"}),
    (r"(?<=\s)of\b", {"of"}),  # a look-behind takes no text
    (r"\bfoo|Bar", {"foo", "bar"}),
    (r"(?:a|b)?c", {"a", "b", "c"}),  # an optional start: it, or what follows
    (r"x*", None),  # may match nothing
    (r"\w+ing", None),  # no known text first
]


@pytest.mark.parametrize(("pattern", "expected"), LEADING_CASES)
def test_leading_strings(pattern: str, expected: set[str] | None) -> None:
    assert leading_strings(pattern, regex.IGNORECASE) == (frozenset(expected) if expected is not None else None)
