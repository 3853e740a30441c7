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
import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

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
PROPERTY_CLASS = re.compile(r"\\[pP]\{[^}]*\}|\\[pP][A-Za-z]")

LITERAL = sre_constants.LITERAL
IN = sre_constants.IN
SUBPATTERN = sre_constants.SUBPATTERN
BRANCH = sre_constants.BRANCH
AT = sre_constants.AT
ASSERT = sre_constants.ASSERT
ASSERT_NOT = sre_constants.ASSERT_NOT
ATOMIC_GROUP = getattr(sre_constants, "ATOMIC_GROUP", None)


_MEMO_NAME = "prefilter-literals.json"
# Part of every memo key: bump it whenever the extraction changes.
ALGORITHM = 4
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
    path = _memo_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".literals-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(dict(list(_memo.items())[-20000:]), handle)
        os.replace(tmp, path)
        _memo_dirty = False
    except OSError:
        return


def required_literals(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """ASCII strings, one of which every match must contain (compared with
    case-folded text); or None.

    Results are remembered across runs in the user's cache folder, since
    parsing a long pattern costs more than the rest of loading its rule.
    """
    global _memo_dirty
    memo = _load_memo()
    key = _memo_key(pattern, flags)
    if key in memo:
        found = memo[key]
        return tuple(found) if found is not None else None
    result = _compute_literals(pattern, flags)
    memo[key] = list(result) if result is not None else None
    _memo_dirty = True
    return result


def _compute_literals(pattern: str, flags: int) -> tuple[str, ...] | None:
    if "\\\\" in pattern:
        return None
    translated = PROPERTY_CLASS.sub(r"\\w", pattern)
    try:
        parsed = sre_parse.parse(translated, flags & (re.IGNORECASE | re.VERBOSE | re.MULTILINE | re.DOTALL))
    except (re.error, ValueError, TypeError, OverflowError, RecursionError, KeyError):
        return None
    literals = _sequence_literals(list(parsed))
    if not literals:
        return None
    unique = sorted(set(literals))
    if len(unique) > MAX_LITERALS:
        return None
    return tuple(unique)


def _sequence_literals(items: Sequence[tuple[Any, Any]]) -> list[str] | None:
    """Best required-literal set for a sequence of parsed items.

    Each item in the sequence is mandatory, so any one item's set (or a run
    of literal characters) is valid for the whole; the longest run, or the
    set whose shortest member is longest, is chosen.
    """
    best: list[str] | None = None
    best_score = (0, 0)
    run: list[str] = []

    def consider(candidate: list[str] | None) -> None:
        nonlocal best, best_score
        if not candidate:
            return
        score = (min(len(c) for c in candidate), -len(set(candidate)))
        if score[0] >= MIN_LITERAL and (best is None or score > best_score):
            best, best_score = candidate, score

    for op, value in items:
        if op is LITERAL:
            char = chr(value)
            if _fold_stable(char):
                run.append(char)
                continue
            # "ß" folds to "ss": it ends the run instead of joining it.
            consider(_literal_run(run))
            run = []
            continue
        consider(_literal_run(run))
        run = []
        if op is SUBPATTERN:
            consider(_sequence_literals(list(value[-1])))
        elif ATOMIC_GROUP is not None and op is ATOMIC_GROUP:
            consider(_sequence_literals(list(value)))
        elif op is BRANCH:
            consider(_branch_literals(value[1]))
        elif op is IN:
            consider(_class_literals(value))
        elif op in (AT, ASSERT, ASSERT_NOT):
            # Zero-width: neither breaks a literal run's meaning nor adds.
            continue
    consider(_literal_run(run))
    return best


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
    chars: list[str] = []
    for op, value in items:
        if op is not LITERAL:
            return None
        chars.append(chr(value))
    return _literal_run_each(chars)


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
