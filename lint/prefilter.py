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

MIN_LITERAL = 3
PROPERTY_CLASS = re.compile(r"\\[pP]\{[^}]*\}|\\[pP][A-Za-z]")

LITERAL = sre_constants.LITERAL
SUBPATTERN = sre_constants.SUBPATTERN
BRANCH = sre_constants.BRANCH
AT = sre_constants.AT
ASSERT = sre_constants.ASSERT
ASSERT_NOT = sre_constants.ASSERT_NOT
ATOMIC_GROUP = getattr(sre_constants, "ATOMIC_GROUP", None)


_MEMO_NAME = "prefilter-literals.json"
_memo: dict[str, list[str] | None] | None = None
_memo_dirty = False


def _memo_path() -> Path:
    from lint.rule_cache import cache_folder

    return cache_folder() / _MEMO_NAME


def _memo_key(pattern: str, flags: int) -> str:
    return hashlib.sha1(f"{flags}\0{pattern}".encode()).hexdigest()


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
    """Lower-cased strings, one of which every match must contain; or None.

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
    return tuple(sorted(set(literals)))


def _sequence_literals(items: Sequence[tuple[Any, Any]]) -> list[str] | None:
    """Best required-literal set for a sequence of parsed items.

    Each item in the sequence is mandatory, so any one item's set (or a run
    of literal characters) is valid for the whole; the longest run, or the
    set whose shortest member is longest, is chosen.
    """
    best: list[str] | None = None
    best_score = 0
    run: list[str] = []

    def consider(candidate: list[str] | None) -> None:
        nonlocal best, best_score
        if not candidate:
            return
        score = min(len(c) for c in candidate)
        if score >= MIN_LITERAL and score > best_score:
            best, best_score = candidate, score

    for op, value in items:
        if op is LITERAL:
            run.append(chr(value))
            continue
        consider(_literal_run(run))
        run = []
        if op is SUBPATTERN:
            consider(_sequence_literals(list(value[-1])))
        elif ATOMIC_GROUP is not None and op is ATOMIC_GROUP:
            consider(_sequence_literals(list(value)))
        elif op is BRANCH:
            consider(_branch_literals(value[1]))
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


def _literal_run(chars: list[str]) -> list[str] | None:
    text = "".join(chars).lower()
    if len(text) < MIN_LITERAL or not text.isascii():
        return None
    return [text]
