"""Required literals: a cheap test that lets the engine skip a rule on a
document that cannot match it.

For a pattern, :func:`required_literals` returns strings of which at least
one must occur (case-insensitively) in any text the pattern matches, or
None when no such set can be proven. It reads the pattern with Python's own
regex parser (after neutralising ``regex``-only syntax such as ``\\p{L}``),
and only ever walks mandatory parts of the pattern, so a returned set is
never wrong: at worst it is missing and the rule simply runs.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Any

from lint.atomic_files import write_atomically

try:  # Python 3.11+
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef, unused-ignore]
    import sre_parse  # type: ignore[no-redef, unused-ignore]

# A literal as short as one character is still worth a lookup when it is
# rare in prose ("/", "("); the longest available requirement is preferred.
MIN_LITERAL = 1
# Beyond this many alternatives the lookups cost more than the rule's own
# search, so no prefilter is kept.
MAX_LITERALS = 64
# The commonest words of English, as literals: nearly every paragraph holds
# one, so a set of literals with one of them among its alternatives rules
# out nothing and is not kept (its lookups would cost without saving).
_COMMONEST = ("a", "and", "as", "at", "by", "for", "from", "in", "is", "it", "of", "on", "that", "the", "to", "was", "with")
UBIQUITOUS = frozenset(space + word for word in _COMMONEST for space in ("", " ", "\n"))
PROPERTY_CLASS = re.compile(r"\\[pPN]\{[^}]*\}|\\[pP][A-Za-z]")
# Fuzzy matching ("(?:colour){e<=1}"): Python reads the braces as text.
# (Also catches "\\x{263a}" and the like: no prefilter then, which is safe.)
FUZZY = re.compile(r"\{[^}]*[eisd][^}]*\}")
# Group syntax to rewrite, where the bracket is not escaped (an escaped
# backslash before it makes the pattern skip the prefilter altogether).
NAMED_GROUP = re.compile(r"(?<!\\)\(\?P?<(?![=!])\w+>")
NAMED_REFERENCE = re.compile(r"(?<!\\)\(\?P[=>]\w+\)|\\g<\w+>")
INLINE_FLAGS = re.compile(r"(?<!\\)\(\?([a-zA-Z0-9-]*[a-zA-Z][a-zA-Z0-9-]*)([:)])")
# "(?" inside a character class is text: no rewriting can be trusted then.
GROUP_IN_CLASS = re.compile(r"(?<!\\)\[(?:\\.|[^\]\\])*\(\?")

LITERAL = sre_constants.LITERAL
IN = sre_constants.IN
SUBPATTERN = sre_constants.SUBPATTERN
BRANCH = sre_constants.BRANCH
AT = sre_constants.AT
ASSERT = sre_constants.ASSERT
ASSERT_NOT = sre_constants.ASSERT_NOT
ATOMIC_GROUP = getattr(sre_constants, "ATOMIC_GROUP", None)
RANGE = sre_constants.RANGE
AT_BEGINNING = sre_constants.AT_BEGINNING
AT_BEGINNING_STRING = sre_constants.AT_BEGINNING_STRING


_MEMO_NAME = "prefilter-literals.json"
# Part of every memo key: bump it whenever the extraction changes.
ALGORITHM = 9
_memo: dict[str, list[str] | None] | None = None
_memo_dirty = False


def _memo_path() -> Path:
    from lint.rule_cache import cache_folder

    return cache_folder() / _MEMO_NAME


def _memo_key(pattern: str, flags: int) -> str:
    return hashlib.sha1(f"{ALGORITHM}\0{flags}\0{pattern}".encode()).hexdigest()


def _load_memo() -> dict[str, list[str] | None]:
    global _memo
    if _memo is None:
        try:
            data = json.loads(_memo_path().read_text(encoding="utf-8"))
            _memo = data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            _memo = {}
    return _memo


def save_memo() -> None:
    """Persist literals computed in this process (best effort, atomic)."""
    global _memo_dirty
    if not _memo_dirty or _memo is None:
        return
    try:
        write_atomically(_memo_path(), json.dumps(dict(list(_memo.items())[-20000:])).encode("utf-8"))
        _memo_dirty = False
    except OSError:
        return


def required_literals(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """ASCII strings, one of which every match must contain (compared with
    case-folded text); or None.

    Results are remembered across runs in the user's cache folder, since
    parsing a long pattern costs more than the rest of loading its rule.
    """
    found = _remembered(pattern, flags, "", lambda: _compute_literals(pattern, flags))
    return frozenset(found) if found is not None else None


def start_strings(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """For a pattern that only matches at the start of the text searched
    (``\\A``, or ``^`` without MULTILINE): case-folded strings one of which
    that text starts with whenever the pattern matches it, so that a unit
    can be passed over with one ``startswith``. None for other patterns, or
    when no such strings can be proven. Remembered like
    :func:`required_literals`."""

    def compute() -> tuple[str, ...] | None:
        parsed = _parse(pattern, flags)
        return _start_strings(parsed) if parsed is not None else None

    found = _remembered(pattern, flags, ":start", compute)
    return tuple(found) if found is not None else None


def leading_strings(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Case-folded strings one of which every match of ``pattern`` starts
    with (at the match's start, wherever that is); None when that cannot
    be proven. Remembered like :func:`required_literals`."""

    def compute() -> set[str] | None:
        parsed = _parse(pattern, flags)
        lead = _leading_strings(list(parsed)) if parsed is not None else None
        return set(lead) if lead and len(set(lead)) <= MAX_LITERALS else None

    found = _remembered(pattern, flags, ":lead", compute)
    return frozenset(found) if found is not None else None


def _remembered(pattern: str, flags: int, kind: str, compute: Callable[[], Collection[str] | None]) -> list[str] | None:
    """What ``compute`` finds for ``pattern`` (sorted), or None: from the
    memo when an earlier run or this one worked it out, else computed and
    kept. ``kind`` tells the analyses of one pattern apart."""
    global _memo_dirty
    memo = _load_memo()
    key = _memo_key(pattern, flags) + kind
    if key not in memo:
        result = compute()
        memo[key] = sorted(result) if result is not None else None
        _memo_dirty = True
    return memo[key]


def _parse(pattern: str, flags: int) -> Any:
    """The pattern as Python's parser reads it (see _for_python_parser), or None."""
    if "\\\\" in pattern:
        return None
    translated = _for_python_parser(pattern)
    if translated is None:
        return None
    try:
        return sre_parse.parse(translated, flags & (re.IGNORECASE | re.VERBOSE | re.MULTILINE | re.DOTALL))
    except (re.error, ValueError, TypeError, OverflowError, RecursionError, KeyError):
        return None


def _start_strings(parsed: Any) -> tuple[str, ...] | None:
    items = list(parsed)
    if not items or items[0][0] is not AT:
        return None
    anchor = items[0][1]
    if not (anchor is AT_BEGINNING_STRING or (anchor is AT_BEGINNING and not parsed.state.flags & re.MULTILINE)):
        return None
    found = _leading_strings(items[1:])
    if not found:
        return None
    # A string that starts with another adds nothing to a startswith test.
    unique = sorted(set(found))
    kept = [s for s in unique if not any(s != t and s.startswith(t) for t in unique)]
    return tuple(kept) if len(kept) <= MAX_LITERALS else None


def _leading_strings(items: list[tuple[Any, Any]]) -> list[str] | None:
    """Non-empty strings one of which every match of the sequence starts
    with; None when that cannot be proven."""
    while items and items[0][0] in (AT, ASSERT, ASSERT_NOT):
        items = items[1:]  # zero-width: the match starts after it all the same
    if not items:
        return None
    found = _sequence_prefixes(items)
    if found:
        return found
    op, value = items[0]
    rest = items[1:]
    if op is SUBPATTERN:
        return _leading_strings(list(value[-1]) + rest)
    if ATOMIC_GROUP is not None and op is ATOMIC_GROUP:
        return _leading_strings(list(value) + rest)
    if op is BRANCH:
        out: list[str] = []
        for branch in value[1]:
            lead = _leading_strings(list(branch) + rest)
            if not lead:
                return None
            out.extend(lead)
        return out
    repeat = _repeat(op, value)
    if repeat is not None:
        minimum, body = repeat
        lead = _leading_strings(body)
        if not lead or minimum >= 1:
            return lead
        tail = _leading_strings(rest)  # the repeat may match nothing
        return lead + tail if tail else None
    return None


def _compute_literals(pattern: str, flags: int) -> frozenset[str] | None:
    parsed = _parse(pattern, flags)
    if parsed is None:
        return None
    literals = _sequence_literals(list(parsed))
    if not literals:
        return None
    unique = frozenset(literals)
    if len(unique) > MAX_LITERALS or not unique.isdisjoint(UBIQUITOUS):
        return None
    return unique


def _for_python_parser(pattern: str) -> str | None:
    """``pattern`` in a form Python's own parser reads, with the same
    required literals: property classes become ``\\w``; group names go
    (``regex`` allows a name twice; the groups keep their numbers), and a
    named back-reference becomes an optional gap; inline flags Python does
    not know (``r``, ``w``, ``V0``...) go. None when the meaning would
    change (``V1`` set operations)."""
    translated = PROPERTY_CLASS.sub(r"\\w", pattern)
    if FUZZY.search(translated) or GROUP_IN_CLASS.search(translated):
        return None
    translated = NAMED_GROUP.sub("(", translated)
    translated = NAMED_REFERENCE.sub(lambda _: r"(?:[\s\S]*)", translated)

    def flags(m: re.Match[str]) -> str:
        on, _, off = m.group(1).partition("-")
        on = "".join(c for c in on if c in "imsx")
        off = "".join(c for c in off if c in "imsx")
        written = on + ("-" + off if off else "")
        if not written:
            return "(?:" if m.group(2) == ":" else ""
        return f"(?{written}{m.group(2)}"

    if "V1" in "".join(m.group(1) for m in INLINE_FLAGS.finditer(translated)):
        return None
    return INLINE_FLAGS.sub(flags, translated)


def _sequence_literals(items: Sequence[tuple[Any, Any]]) -> list[str] | None:
    """Best required-literal set for a sequence of parsed items.

    Each item in the sequence is mandatory, so any one item's set is valid
    for the whole. Consecutive items that each match one of a few exact
    strings (a literal, a class of literal characters, a group of such)
    join into a run, their strings multiplied out: " " then "[,;:]" require
    one of " ,", " ;", " :". A repeat of at least one such item joins the
    run once and starts the next one (its last copy is what follows). The
    content of a look-around is required too, in the text searched. The
    longest run, or the set whose shortest member is longest, is chosen.
    """
    best: list[str] | None = None
    best_score = (0, 0)
    run: list[str] | None = None

    def consider(candidate: list[str] | None) -> None:
        nonlocal best, best_score
        if not candidate:
            return
        if min(len(c) for c in candidate) < MIN_LITERAL:
            return
        score = (min(map(_rarity, candidate)), -len(set(candidate)))
        if best is None or score > best_score:
            best, best_score = candidate, score

    def extend(strings: list[str]) -> None:
        nonlocal run
        joined = strings if run is None else _product(run, strings)
        if joined is None:  # too many combinations: keep what the run had
            consider(run)
            joined = strings
        run = joined

    for op, value in items:
        strings = _exact_strings(op, value)
        if strings is not None:
            extend(strings)
            continue
        if op in (AT, ASSERT, ASSERT_NOT):
            # Zero-width: the run goes on across it. What a positive
            # look-around needs must occur in the searched text too.
            if op is ASSERT:
                consider(_sequence_literals(list(value[1])))
            continue
        prefixes = _prefix_strings(op, value)
        if prefixes is not None and run is not None:
            # A group whose every alternative starts with known text: the
            # run goes on into it, and ends there.
            extend(prefixes)
            consider(run)
            run = None
        repeat = _repeat(op, value)
        if repeat is not None:
            minimum, body = repeat
            body_strings = _exact_sequence(body) if minimum >= 1 else None
            if body_strings is not None:
                extend(body_strings)
                consider(run)
                run = list(body_strings)
                continue
            consider(run)
            run = None
            if minimum >= 1:
                consider(_sequence_literals(body))
            continue
        consider(run)
        run = None
        if op is SUBPATTERN:
            consider(_sequence_literals(list(value[-1])))
        elif ATOMIC_GROUP is not None and op is ATOMIC_GROUP:
            consider(_sequence_literals(list(value)))
        elif op is BRANCH:
            consider(_branch_literals(value[1]))
        elif op is IN:
            consider(_class_literals(value))
    consider(run)
    return best


def _rarity(literal: str) -> int:
    """How rarely ``literal`` can be expected in prose, roughly: longer is
    rarer, punctuation ("[", "/", ",") much rarer than letters, and digits
    rarer too ("05" is rarer than "may", which is both a month and a verb)."""
    marks = sum(1 for c in literal if not c.isalnum() and not c.isspace())
    return len(literal) + 2 * marks + sum(1 for c in literal if c.isdigit())


# Beyond this many characters a class is not worth multiplying out.
MAX_CLASS = 10


def _exact_strings(op: Any, value: Any) -> list[str] | None:
    """The case-folded strings one parsed item can match, when they are few
    and known exactly (a literal, a class of literal characters, a group or
    alternation of such); None otherwise."""
    if op is LITERAL:
        char = chr(value)
        # "ß" folds to "ss": a case-insensitive match may hold either.
        return [char.casefold()] if _fold_stable(char) else None
    if op is IN:
        chars = _class_chars(value)
        folded = _literal_run_each(chars) if chars is not None else None
        return list(dict.fromkeys(folded)) if folded is not None else None
    if op in (SUBPATTERN, BRANCH) or (ATOMIC_GROUP is not None and op is ATOMIC_GROUP):
        return _group_strings(op, value, _exact_sequence)
    repeat = _repeat(op, value)
    if repeat is not None:
        low, high = value[0], value[1]
        if low == high and 1 <= low <= 4:
            body = _exact_sequence(repeat[1])
            result: list[str] | None = [""]
            for _ in range(low):
                if body is None or result is None:
                    return None
                result = _product(result, body)
            return result
    return None


def _prefix_strings(op: Any, value: Any) -> list[str] | None:
    """Strings one of which starts every match of a group or alternation
    that is not exact as a whole ("(?:Insert|Fill\\s+in)" starts with
    "Insert" or "Fill"); None when some alternative starts with no known
    text."""
    return _group_strings(op, value, _sequence_prefixes)


def _group_strings(
    op: Any, value: Any, of_sequence: Callable[[list[tuple[Any, Any]]], list[str] | None]
) -> list[str] | None:
    """``of_sequence`` (exact strings or prefixes) of a group's items; of
    an alternation, the strings of all its alternatives (None when one has
    none, or when they come to more than MAX_LITERALS); None for any other
    item."""
    if op is SUBPATTERN:
        return of_sequence(list(value[-1]))
    if ATOMIC_GROUP is not None and op is ATOMIC_GROUP:
        return of_sequence(list(value))
    if op is not BRANCH:
        return None
    out: list[str] = []
    for branch in value[1]:
        found = of_sequence(list(branch))
        if not found:
            return None
        out.extend(found)
    unique = list(dict.fromkeys(out))  # case variants fold to one string
    return unique if len(unique) <= MAX_LITERALS else None


def _sequence_prefixes(items: Sequence[tuple[Any, Any]]) -> list[str] | None:
    """The known text a sequence starts with: its leading exact items
    multiplied out, then the prefixes of the group after them."""
    result: list[str] = [""]
    for op, value in items:
        if op in (AT, ASSERT, ASSERT_NOT):
            continue
        strings = _exact_strings(op, value)
        if strings is None:
            more = _prefix_strings(op, value)
            if more is not None:
                result = _product(result, more) or result
            break
        joined = _product(result, strings)
        if joined is None:
            break
        result = joined
    return result if all(result) else None


def _exact_sequence(items: Sequence[tuple[Any, Any]]) -> list[str] | None:
    """The strings a sequence of items can match, when each item's are known
    exactly (zero-width items add nothing); None otherwise."""
    result: list[str] | None = [""]
    for op, value in items:
        if op in (AT, ASSERT, ASSERT_NOT):
            continue
        strings = _exact_strings(op, value)
        if strings is None or result is None:
            return None
        result = _product(result, strings)
    return result


def _product(left: list[str], right: list[str]) -> list[str] | None:
    """Every string of ``left`` followed by every string of ``right``, or
    None when that makes more than MAX_LITERALS."""
    if len(left) * len(right) > MAX_LITERALS:
        return None
    return list(dict.fromkeys(a + b for a in left for b in right))


REPEATS = tuple(
    op
    for op in (
        sre_constants.MAX_REPEAT,
        sre_constants.MIN_REPEAT,
        getattr(sre_constants, "POSSESSIVE_REPEAT", None),
    )
    if op is not None
)


def _repeat(op: Any, value: Any) -> tuple[int, list[tuple[Any, Any]]] | None:
    """(minimum count, body items) of a repeat; None for other items."""
    if op in REPEATS:
        return int(value[0]), list(value[2])
    return None


def _branch_literals(branches: Sequence[Any]) -> list[str] | None:
    out: list[str] = []
    for branch in branches:
        found = _sequence_literals(list(branch))
        if not found:
            return None
        out.extend(found)
    return out


def _class_literals(items: Sequence[tuple[Any, Any]]) -> list[str] | None:
    """A character class made only of literal characters: one of them must occur."""
    chars = _class_chars(items, limit=None)
    return _literal_run_each(chars) if chars is not None else None


def _class_chars(items: Sequence[tuple[Any, Any]], limit: int | None = MAX_CLASS) -> list[str] | None:
    """The characters of a class of literals and short ranges ("[,;:]",
    "[0-9]"); None for other classes (negated, categories) or long ones,
    and when a character's case folding is not one-to-one."""
    chars: list[str] = []
    for op, value in items:
        if op is LITERAL:
            chars.append(chr(value))
        elif op is RANGE and value[1] - value[0] < MAX_CLASS:
            chars.extend(chr(c) for c in range(value[0], value[1] + 1))
        else:
            return None
    if not chars or (limit is not None and len(chars) > limit):
        return None
    return chars


def _literal_run_each(chars: list[str]) -> list[str] | None:
    out = [c.casefold() for c in chars]
    if not out or not all(_fold_stable(c) for c in chars):
        return None
    return out


def _fold_stable(char: str) -> bool:
    """Characters whose case folding is simple and one-to-one (all of ASCII,
    "©", "é"...), so a case-folded lookup cannot miss a case-insensitive match."""
    if char.isascii():
        return True
    folded = char.casefold()
    return len(folded) == 1 and folded == char.lower() and char.upper().casefold() == folded


def _literal_run(chars: list[str]) -> list[str] | None:
    if len(chars) < MIN_LITERAL or not all(_fold_stable(c) for c in chars):
        return None
    return ["".join(chars).casefold()]
