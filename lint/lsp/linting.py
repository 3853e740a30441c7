"""One lint of one document version, as a plain function for a worker thread.

:func:`lint_source` is the only place the server calls the engine: it makes
the project vocabulary current and leaves out spelling and names findings
for accepted words. :func:`lint_snapshot` adds the protocol diagnostics and
never raises: if the engine fails, the result is one error diagnostic.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types
from pygls.workspace import PositionCodec

from lint.alerts import Alert
from lint.lsp.diagnostics import failure_diagnostic, to_diagnostic
from lint.lsp.documents import PositionMap
from lint.lsp.settings import DocumentSettings

log = logging.getLogger(__name__)

# Rule types whose findings a project vocabulary can silence.
VOCABULARY_RULE_TYPES = frozenset({"names", "spelling"})


@dataclass(frozen=True)
class Snapshot:
    """One version of an open document."""

    uri: str
    version: int | None
    source: str
    markup: str
    path: Path | None


@dataclass(frozen=True)
class LintResult:
    snapshot: Snapshot
    generation: int
    settings: DocumentSettings
    alerts: tuple[Alert, ...]
    diagnostics: tuple[types.Diagnostic, ...]
    positions: PositionMap
    seconds: float

    @property
    def key(self) -> tuple[int | None, int]:
        return (self.snapshot.version, self.generation)

    @property
    def result_id(self) -> str:
        return f"{self.snapshot.version}.{self.generation}"


def takes_vocabulary(settings: DocumentSettings, rule_id: str) -> bool:
    """Whether ``rule_id`` is a spelling or names rule (findings a word list can silence)."""
    rule = settings.rule(rule_id)
    return rule is not None and rule.spec.extends in VOCABULARY_RULE_TYPES


def lint_source(source: str, markup: str, settings: DocumentSettings) -> list[Alert]:
    from lint.engine import lint_text
    from lint.grammar.settings import use_grammar_settings
    from lint.vocabulary import use_vocabulary

    with use_vocabulary(settings.vocabulary), use_grammar_settings(settings.grammar):
        alerts = lint_text(source, settings.markup or markup, settings.rules, settings.options)
    vocabulary = settings.vocabulary
    if vocabulary.accepted_terms:
        alerts = [a for a in alerts if not (takes_vocabulary(settings, a.rule) and vocabulary.accepts(a.match))]
    return alerts


def warm_rules(settings: DocumentSettings) -> None:
    """Let every rule build what its first check would, under the same
    grammar settings as a lint."""
    from lint.grammar.settings import use_grammar_settings

    with use_grammar_settings(settings.grammar):
        for rule in settings.rules:
            rule.check.warm()


def lint_snapshot(snapshot: Snapshot, settings: DocumentSettings, generation: int, codec: PositionCodec) -> LintResult:
    start = time.perf_counter()
    positions = PositionMap(snapshot.source, codec)
    if settings.excluded:
        return LintResult(snapshot, generation, settings, (), (), positions, 0.0)
    try:
        alerts = tuple(lint_source(snapshot.source, snapshot.markup, settings))
        diagnostics = tuple(to_diagnostic(a, positions, snapshot.version) for a in alerts)
    except Exception as exc:  # noqa: BLE001 - the server must outlive any failure
        log.exception("linting %s failed", snapshot.uri)
        alerts = ()
        diagnostics = (failure_diagnostic(f"copydesk could not lint this document: {type(exc).__name__}: {exc}"),)
    return LintResult(snapshot, generation, settings, alerts, diagnostics, positions, time.perf_counter() - start)
