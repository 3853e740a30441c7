"""Vale rule types copydesk loads but does not run (``sequence``, which needs
a part-of-speech tagger, and ``script``, which runs Tengo code). Such a rule
loads without error, the loader warns once that it is skipped, and it never
reports anything."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, ClassVar

from lint.alerts import Finding
from lint.checks.base import Check, CommonSpec
from lint.markup.blocks import ParsedDocument, TextBlock


class Unsupported(Check):
    UNSUPPORTED: ClassVar[bool] = True
    # Every key is accepted: the rule is not compiled.
    KEYS = frozenset({"tokens", "script", "ignorecase", "nonword", "first", "second", "tag", "pattern", "skip", "negate"})

    def __init__(self, common: CommonSpec, data: Mapping[str, Any]) -> None:
        super().__init__(common, data)
        self.prefilter = frozenset({"\0unsupported\0"})  # never worth running

    def check(self, units: Sequence[TextBlock], doc: ParsedDocument) -> Iterator[Finding]:
        return iter(())
