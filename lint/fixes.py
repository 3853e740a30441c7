"""Applying fixes: one pure function over text (ruff's fix model).

Edits are applied in source order; an edit that overlaps one already taken
is skipped and reported. ``apply_fixes_until_stable`` re-lints and repeats
until nothing changes, so a second run applies nothing.
"""

from __future__ import annotations

import bisect
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from lint.alerts import Alert, Applicability, Fix


@dataclass(frozen=True)
class FixOutcome:
    text: str
    applied: tuple[Fix, ...]
    skipped: tuple[Fix, ...]
    # False when ``max_passes`` ran out while fixes still changed the text.
    converged: bool = True


def allowed(fix: Fix, unsafe: bool) -> bool:
    if fix.applicability is Applicability.SAFE:
        return True
    return unsafe and fix.applicability is Applicability.UNSAFE


def apply_fixes(text: str, fixes: Iterable[Fix]) -> FixOutcome:
    """Apply non-overlapping fixes to ``text``; a fix is taken whole or not at all."""
    ordered = sorted(fixes, key=lambda f: (min(e.offset for e in f.edits), max(e.end_offset for e in f.edits)) if f.edits else (0, 0))
    taken: list[Fix] = []
    skipped: list[Fix] = []
    claimed: list[tuple[int, int]] = []
    for fix in ordered:
        if not fix.edits or any(not (0 <= e.offset <= e.end_offset <= len(text)) for e in fix.edits):
            skipped.append(fix)
            continue
        if _self_overlapping(fix):
            skipped.append(fix)
            continue
        if any(_claimed(claimed, e.offset, e.end_offset) for e in fix.edits):
            skipped.append(fix)
            continue
        taken.append(fix)
        for e in fix.edits:
            bisect.insort(claimed, (e.offset, e.end_offset))
    edits = sorted((e for f in taken for e in f.edits), key=lambda e: (e.offset, e.end_offset))
    out: list[str] = []
    position = 0
    for edit in edits:
        out.append(text[position : edit.offset])
        out.append(edit.text)
        position = edit.end_offset
    out.append(text[position:])
    return FixOutcome("".join(out), tuple(taken), tuple(skipped))


def _claimed(claimed: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when ``[start, end)`` overlaps a claimed range. ``claimed`` is
    sorted and its ranges do not overlap one another, so only the range just
    before ``start`` and those starting up to ``end`` can overlap: looking
    them up keeps a file with many fixes linear (every claimed range was
    compared before, so 60,000 fixes took minutes)."""
    lo = max(bisect.bisect_left(claimed, (start, -1)) - 2, 0)
    hi = bisect.bisect_right(claimed, (end, sys.maxsize))
    return any(_overlaps(start, end, a, b) for a, b in claimed[lo:hi])


def _self_overlapping(fix: Fix) -> bool:
    """True when two edits of one fix overlap: such a fix cannot be applied."""
    edits = fix.edits
    return any(
        _overlaps(a.offset, a.end_offset, b.offset, b.end_offset)
        for i, a in enumerate(edits)
        for b in edits[i + 1 :]
    )


def _overlaps(start: int, end: int, other_start: int, other_end: int) -> bool:
    if start == end or other_start == other_end:
        # Two insertions at one point conflict; an insertion touching a
        # replacement's edge does not.
        return start == other_start and end == other_end or other_start < start < other_end or start < other_start < end
    return start < other_end and other_start < end


def apply_fixes_until_stable(
    text: str,
    lint: Callable[[str], Sequence[Alert]],
    unsafe: bool = False,
    max_passes: int = 10,
) -> FixOutcome:
    """Lint, fix, and repeat until no allowed fix remains (or ``max_passes``)."""
    applied: list[Fix] = []
    skipped: tuple[Fix, ...] = ()
    for _ in range(max_passes):
        fixes = [a.fix for a in lint(text) if a.fix is not None and allowed(a.fix, unsafe)]
        if not fixes:
            # Whatever an earlier pass skipped is gone from the text now.
            skipped = ()
            break
        outcome = apply_fixes(text, fixes)
        skipped = outcome.skipped
        if outcome.text == text:
            break
        text = outcome.text
        applied.extend(outcome.applied)
    else:
        pending = [a.fix for a in lint(text) if a.fix is not None and allowed(a.fix, unsafe)]
        if pending and apply_fixes(text, pending).text != text:
            return FixOutcome(text, tuple(applied), skipped, converged=False)
    return FixOutcome(text, tuple(applied), skipped)
