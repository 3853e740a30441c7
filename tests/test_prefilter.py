"""The prefilter may only skip documents that cannot match: for every
pattern and text, a match implies one of the required literals occurs."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.prefilter import required_literals

CASES = [
    (r"(?:\bpast history\b|end result)", ("end result", "past history")),
    (r"(?i)foo|bar", ("bar", "foo")),
    (r"(?x) ^(?:Original\s+(?:url|link)\s*: | Advertisement\s*$ | Read\s+more)", ("advertisement", "original", "read")),
    (r"\p{Lu}\w+ / TASS", (" / tass",)),
    (r"(?:abc)?def", ("def",)),
    (r"colou?r", ("colo",)),
    (r"(?<![\p{L}])(?:very|really)(?![\p{L}])", ("really", "very")),
    (r"a|b", ("a", "b")),
    (r"[.!?]\p{Lu}", ("!", ".", "?")),  # a class of literal characters
    (r"[^a]x", ("x",)),
    (r"\s*/\s*\w", ("/",)),
    (r"\w+ing", ("ing",)),
    (r"(?:abc)*", None),  # optional: no requirement
    (r"Привет", ("привет",)),  # letters with one-to-one case folding are used
    (r"straße", ("stra",)),  # "ß" folds to "ss": the literal stops before it
    (r"\\p{L}x", None),  # escaped backslashes: no attempt
    (r"(unbalanced", None),  # unparsable: no prefilter
]


@pytest.mark.parametrize(("pattern", "expected"), CASES)
def test_required_literals(pattern: str, expected: tuple[str, ...] | None) -> None:
    assert required_literals(pattern, regex.IGNORECASE) == expected


PATTERNS = [p for p, e in CASES if e is not None and len(e) < 6]
ALPHABET = "abcdefghijklmnoprstuvwxy ORTASULG/:-.!?\nſK"


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PATTERNS), st.text(alphabet=ALPHABET, max_size=60), st.sampled_from(["past history", "end result", "Original link:", "very", "colour", "Ab / TASS", "def"]))
def test_a_match_implies_a_literal(pattern: str, noise: str, planted: str) -> None:
    literals = required_literals(pattern, regex.IGNORECASE)
    assert literals is not None
    compiled = regex.compile(pattern, regex.IGNORECASE)
    for text in (noise, noise + planted, planted + noise):
        if compiled.search(text):
            assert any(lit in text.casefold() for lit in literals), (pattern, text)
