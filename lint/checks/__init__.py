"""Rule types. ``RULE_TYPES`` is the one table from ``extends:`` to a type.

The table names the module and class of each type, and a module is
imported the first time its type is looked up: a run imports only the rule
types its rules use (the default packs use 13 of them; the others, the
grammar type with its backends' support code among them, cost about 10 ms
to import).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping

from lint.checks.base import Check

# extends -> (module, class)
_TYPES: dict[str, tuple[str, str]] = {
    "existence": ("lint.checks.existence", "Existence"),
    "substitution": ("lint.checks.substitution", "Substitution"),
    "occurrence": ("lint.checks.occurrence", "Occurrence"),
    "repetition": ("lint.checks.repetition", "Repetition"),
    "consistency": ("lint.checks.consistency", "Consistency"),
    "conditional": ("lint.checks.conditional", "Conditional"),
    "capitalization": ("lint.checks.capitalization", "Capitalization"),
    "metric": ("lint.checks.metric", "Metric"),
    "pattern": ("lint.checks.pattern", "Pattern"),
    "markup": ("lint.checks.markup", "Markup"),
    "boundary": ("lint.checks.boundary", "Boundary"),
    "variants": ("lint.checks.variants", "Variants"),
    "phrases": ("lint.checks.phrases", "Phrases"),
    "balance": ("lint.checks.balance", "Balance"),
    "duplicate": ("lint.checks.duplicate", "Duplicate"),
    "names": ("lint.checks.names", "Names"),
    "name_variants": ("lint.checks.name_variants", "NameVariants"),
    "spelling": ("lint.checks.spelling", "Spelling"),
    "terms": ("lint.checks.vocab", "Terms"),
    "avoid": ("lint.checks.vocab", "Avoid"),
    "readability": ("lint.checks.readability", "Readability"),
    # Vale types that load but do not run (a warning says so)
    "sequence": ("lint.vale.unsupported", "Unsupported"),
    "script": ("lint.vale.unsupported", "Unsupported"),
    "grammar": ("lint.checks.grammar", "Grammar"),
}


class _RuleTypes(Mapping[str, type[Check]]):
    """extends -> rule type, importing the type's module on first use."""

    def __getitem__(self, name: str) -> type[Check]:
        module, cls = _TYPES[name]
        found: type[Check] = getattr(importlib.import_module(module), cls)
        return found

    def __contains__(self, name: object) -> bool:
        return name in _TYPES

    def __iter__(self) -> Iterator[str]:
        return iter(_TYPES)

    def __len__(self) -> int:
        return len(_TYPES)


RULE_TYPES: Mapping[str, type[Check]] = _RuleTypes()

__all__ = ["RULE_TYPES", "Check"]
