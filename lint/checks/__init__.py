"""Rule types. ``RULE_TYPES`` is the one table from ``extends:`` to a type."""

from __future__ import annotations

from lint.checks.balance import Balance
from lint.checks.base import Check
from lint.checks.boundary import Boundary
from lint.checks.capitalization import Capitalization
from lint.checks.conditional import Conditional
from lint.checks.consistency import Consistency
from lint.checks.duplicate import Duplicate
from lint.checks.existence import Existence
from lint.checks.grammar import Grammar
from lint.checks.markup import Markup
from lint.checks.metric import Metric
from lint.checks.name_variants import NameVariants
from lint.checks.names import Names
from lint.checks.occurrence import Occurrence
from lint.checks.pattern import Pattern
from lint.checks.phrases import Phrases
from lint.checks.readability import Readability
from lint.checks.repetition import Repetition
from lint.checks.spelling import Spelling
from lint.checks.substitution import Substitution
from lint.checks.variants import Variants
from lint.checks.vocab import Avoid, Terms
from lint.vale.unsupported import Unsupported

RULE_TYPES: dict[str, type[Check]] = {
    "existence": Existence,
    "substitution": Substitution,
    "occurrence": Occurrence,
    "repetition": Repetition,
    "consistency": Consistency,
    "conditional": Conditional,
    "capitalization": Capitalization,
    "metric": Metric,
    "pattern": Pattern,
    "markup": Markup,
    "boundary": Boundary,
    "variants": Variants,
    "phrases": Phrases,
    "balance": Balance,
    "duplicate": Duplicate,
    "names": Names,
    "name_variants": NameVariants,
    "spelling": Spelling,
    "terms": Terms,
    "avoid": Avoid,
    "readability": Readability,
    # Vale types that load but do not run (a warning says so)
    "sequence": Unsupported,
    "script": Unsupported,
    "grammar": Grammar,
}

__all__ = ["RULE_TYPES", "Check"]
