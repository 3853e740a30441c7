"""Harper, in process and offline, through ``harper-py`` (``copydesk[grammar]``).

One :class:`harper.Linter` per dialect and per process, created on first use
and reused: building one loads Harper's dictionary (about half a second),
linting an article then takes tens of milliseconds. The language server
keeps it warm; each worker process of a parallel run owns one (a forked
worker starts with a copy of its parent's). A linter is not thread-safe, so
calls are serialised with a lock.

News defaults (``news_defaults: true``, the default) switch off Harper rules
that contradict news style or that raise mostly false alarms on published
news copy; see :data:`NEWS_OFF` and ``benchmarks/README.md``.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from lint.grammar.model import (
    BackendError,
    BackendMatch,
    BackendResult,
    BackendUnavailable,
    GrammarOptions,
    Spelling,
)

if TYPE_CHECKING:
    import harper

NAME = "harper"
INSTALL_HINT = "install it with: pip install 'copydesk[grammar]'"
SPELLING_RULE = "SpellCheck"
SPELLING_KIND = "Spelling"

# Dialect names in rule files and configuration -> harper.Dialect members.
DIALECTS = {
    "en-US": "AMERICAN",
    "en-GB": "BRITISH",
    "en-AU": "AUSTRALIAN",
    "en-CA": "CANADIAN",
    "en-IN": "INDIAN",
}

# Harper rules that are off with news defaults.
NEWS_OFF: frozenset[str] = frozenset(
    {
        # Style choices news copy makes differently.
        "OxfordComma",  # news styles leave out the serial comma
        "UnclosedQuotes",  # a quote running over paragraphs is closed only in the last one
        "NumericRangeEnDash",  # news styles hyphenate ranges; model numbers (777-200LR)
        "DisjointPrefixes",  # pre-tax, co-operate: house style decides
        "CompoundNouns",  # car maker / carmaker: house style decides
        "OrthographicConsistency",  # Opec, Nato: house style for acronyms
        "UseEllipsisCharacter",  # wire copy uses three full stops
        "Dashes",  # wire copy uses ASCII dashes
        "DiscourseMarkers",  # the comma after "However" is optional in news copy
        "OkToOkay",  # AP style writes OK
        "LongSentences",  # copydesk's metric rules measure length
        "QuantifierNumeralConflict",  # "some 200 jobs" is news idiom
        "UpdatePlaceNames",  # Turkey/Türkiye, Bombay in history: house style decides
        "Regionalisms",  # US words in quotes and US stories in British copy
        "ExpandTimeShorthands",  # "6.46secs" in sport results
        "ExpandMemoryShorthands",  # "the GB team"
        "AvoidAndAlso",  # wordiness: copydesk's redundancy rules
        "CondenseAllThe",
        "Excellent",  # "vocabulary enhancement" inside quotes
        "AvoidCurses",  # given names (Dick Cheney)
        "HelloGreeting",  # the video game Halo
        "AppleNames",  # flags "Mac mini", Apple's own spelling
        # Mostly false alarms on published news copy (BBC corpus).
        "SplitWords",
        "MassNouns",
        "MissingPreposition",
        "WrongNegative",
        "TheProperNounPossessive",
        "PronounVerbAgreement",
        "MissingTo",
        "InflectedVerbAfterTo",
        "OneOfTheSingular",
        "TheyToThem",
        "MergeWords",
        "ToTwoToo",
        "Damages",
        "PhrasalVerbAsCompoundNoun",
        "TheirToTheyre",
        "PronounInflectionBe",
        "There",
        "TransposedSpace",
    }
)

_lock = threading.Lock()
_linters: dict[str, harper.Linter] = {}
_applied: dict[str, tuple[tuple[str, bool | None], ...]] = {}


def _after_fork_in_child() -> None:
    """A forked worker owns a copy of the parent's linter (the parallel
    runner lints its first file before forking, so workers skip Harper's
    start-up). Harper's helper threads do not survive a fork, and linting
    does not need them. If another thread was inside a call when the process
    forked, the copy may be half-updated: the worker then builds its own."""
    global _lock
    held = _lock.locked()
    _lock = threading.Lock()
    if held:
        _linters.clear()
        _applied.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


def _module() -> object:
    try:
        import harper
    except ImportError:
        raise BackendUnavailable(f"the grammar backend 'harper' needs the harper-py package; {INSTALL_HINT}") from None
    return harper


def available() -> bool:
    try:
        _module()
    except BackendUnavailable:
        return False
    return True


@functools.cache
def default_config() -> Mapping[str, bool]:
    """Every Harper rule name and whether Harper turns it on by default."""
    _module()
    import harper

    return dict(harper.get_default_lint_config())


def rule_names() -> frozenset[str]:
    return frozenset(default_config())


def validate(options: GrammarOptions) -> list[str]:
    """Problems with ``options`` for Harper, as messages naming the key."""
    problems: list[str] = []
    if options.dialect and options.dialect not in DIALECTS:
        problems.append(f"dialect: Harper knows {', '.join(DIALECTS)}, not {options.dialect!r}")
    if options.picky:
        problems.append("picky: only the languagetool backend has a picky level")
    known = rule_names()
    for key, names in (("rules", options.rules), ("enable", options.enable), ("disable", options.disable)):
        for name in names:
            if name not in known:
                close = sorted(n for n in known if n.lower() == name.lower())
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                problems.append(f"{key}: Harper has no rule named {name!r}{hint}")
    return problems


def lint_config(options: GrammarOptions) -> dict[str, bool | None]:
    """The Harper configuration for ``options``: ``None`` keeps Harper's default."""
    config: dict[str, bool | None] = {name: None for name in default_config()}
    if options.rules:
        for name in config:
            config[name] = False
        for name in options.rules:
            config[name] = True
    elif options.news_defaults:
        for name in NEWS_OFF:
            config[name] = False
    for name in options.enable:
        config[name] = True
    for name in options.disable:
        config[name] = False
    if options.spelling is Spelling.OFF:
        config[SPELLING_RULE] = False
    return config


def linter(dialect: str) -> harper.Linter:
    """The process's linter for ``dialect``, created on first use. Call with the lock held."""
    existing = _linters.get(dialect)
    if existing is not None:
        return existing
    _module()
    import harper

    created = harper.Linter(harper.Dialect[DIALECTS[dialect]])
    _linters[dialect] = created
    return created


def warm(dialect: str) -> None:
    """Build the linter now, and Harper's spelling-suggestion index, which it
    builds on the first long unknown word (about a second): a long-running
    process such as the language server can pay this before the first lint."""
    with _lock:
        linter(dialect).lint("Zhovkvanenko spoke to reporters.", language="plaintext")


def check(text: str, options: GrammarOptions, dialect: str) -> BackendResult:
    """Harper's matches in ``text`` (plain prose), spans in code points."""
    if dialect not in DIALECTS:
        raise BackendError(f"Harper has no dialect {dialect!r}; configure one of {', '.join(DIALECTS)}")
    config = lint_config(options)
    key = tuple(sorted(config.items()))
    with _lock:
        instance = linter(dialect)
        if _applied.get(dialect) != key:
            instance.set_lint_config(config)
            _applied[dialect] = key
        organized = instance.organized_lints(text, language="plaintext")
    return BackendResult(tuple(_matches(organized.items())))


def _matches(organized: Iterable[tuple[str, list[harper.Lint]]]) -> Iterable[BackendMatch]:
    import harper

    for rule, lints in organized:
        for lint in lints:
            replacements: list[str] = []
            for suggestion in lint.suggestions:
                if suggestion.kind == harper.SuggestionKind.INSERT_AFTER:
                    replacements.append(lint.problem_text + suggestion.replacement_text)
                elif suggestion.kind == harper.SuggestionKind.REMOVE:
                    replacements.append("")
                else:
                    replacements.append(suggestion.replacement_text)
            yield BackendMatch(
                start=lint.span.start,
                end=lint.span.end,
                rule_id=rule,
                category=lint.lint_kind,
                message=lint.message,
                replacements=tuple(replacements),
                spelling=rule == SPELLING_RULE or lint.lint_kind == SPELLING_KIND,
            )
