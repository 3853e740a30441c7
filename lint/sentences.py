"""Sentence splitting for newsroom prose.

A sentence ends at ``.``, ``!``, ``?`` or ``…`` (a run of them), optionally
followed by closing quotes or brackets, then whitespace, when the next
character is an uppercase letter, a digit, or an opening quote or bracket.
A line break alone never ends a sentence.

A full stop is not a boundary after:

* a title or company abbreviation (``Mr.``, ``Dr.``, ``Gen.``, ``Inc.``...),
  ``vs.``, ``etc.``, ``approx.``;
* ``No.`` or a month abbreviation (``Jan.``, ``Sept.``...) before a number;
* a single-letter initial (``George W. Bush``);
* a multi-dot abbreviation (``U.S.``, ``J.K.``, ``e.g.``), unless the next
  word is a common sentence opener such as ``The`` or ``He``;
* ``a.m.`` and ``p.m.`` only before an all-caps time zone (``9 a.m. ET``):
  before any other capitalised word they end the sentence.

Decimals (``3.5``) never qualify because a boundary needs whitespace.
"""

from __future__ import annotations

import re

TITLES = frozenset(
    {
        "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Sen", "Rep", "Gov", "Lt", "Col",
        "Sgt", "Capt", "Cmdr", "Adm", "Maj", "St", "Rev", "Hon", "Jr", "Sr", "Co",
        "Corp", "Inc", "Ltd",
    }
)
LOWER_ABBREVIATIONS = frozenset({"vs", "etc", "approx"})
BEFORE_NUMBER = frozenset(
    {"No", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"}
)
CLOCK = frozenset({"a.m.", "p.m."})
# Words after which a multi-dot abbreviation such as "U.S." ends a sentence.
SENTENCE_OPENERS = frozenset(
    {
        "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "This",
        "That", "These", "Those", "There", "But", "And", "In", "On", "At", "His",
        "Her", "Its", "Their", "Our", "My", "If", "When", "After", "Before",
    }
)

OPENERS = "\"“‘'([«"
# Possessive quantifiers and the look-behind (a match starts a punctuation
# run) keep the scan linear even over long runs of dots or spaces.
_CANDIDATE = re.compile(r"(?<![.!?…])[.!?…]++[\"”’')\]»]*+(\s++)(?=\S)")
_MULTI_DOT = re.compile(r"(?:[A-Za-z]\.){2,}")
_WORD = re.compile(r"[^\s.,;:!?…\"”’')\]»]+")


def _token_before(text: str, end: int) -> str:
    """The whitespace-delimited token ending at ``end``, leading openers removed."""
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end].lstrip(OPENERS)


def _next_word(text: str, start: int) -> str:
    m = _WORD.match(text, start)
    return m.group() if m else ""


def _is_abbreviation(token: str, text: str, next_start: int) -> bool:
    """True when the full stop ending ``token`` belongs to an abbreviation."""
    base = token[:-1]
    nxt = text[next_start]
    if base in TITLES or base in LOWER_ABBREVIATIONS:
        return True
    if base in BEFORE_NUMBER:
        return nxt.isdigit()
    if len(base) == 1 and base.isalpha() and base.isupper():
        return True
    if token in CLOCK:
        word = _next_word(text, next_start)
        return 2 <= len(word) <= 4 and word.isupper()
    if _MULTI_DOT.fullmatch(token):
        return _next_word(text, next_start) not in SENTENCE_OPENERS
    return False


def _is_boundary(text: str, punct_start: int, punct_end: int, next_start: int) -> bool:
    nxt = text[next_start]
    if not (nxt.isupper() or nxt.isdigit() or nxt in OPENERS):
        return False
    if text[punct_start:punct_end] != ".":
        return True
    return not _is_abbreviation(_token_before(text, punct_end), text, next_start)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Half-open ``(start, end)`` ranges of the sentences in ``text``."""
    ranges: list[tuple[int, int]] = []
    start = 0
    for m in _CANDIDATE.finditer(text):
        punct_start = m.start()
        punct_end = punct_start
        while text[punct_end] in ".!?…":
            punct_end += 1
        if not _is_boundary(text, punct_start, punct_end, m.end()):
            continue
        s, e = _trimmed(text, start, m.start(1))
        if s < e:
            ranges.append((s, e))
        start = m.end()
    s, e = _trimmed(text, start, len(text))
    if s < e:
        ranges.append((s, e))
    return ranges
