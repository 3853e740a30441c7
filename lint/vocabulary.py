"""Vocabularies, as Vale does them: lists of accepted and rejected terms.

A vocabulary is a folder holding ``accept.txt`` and/or ``reject.txt`` (or a
single file: ``reject*.txt`` is a reject list, anything else an accept list).
Each line is one term: a word, a phrase or a regular expression. Blank lines
and lines starting with ``#`` are ignored. Terms are case-sensitive unless
they start with ``(?i)``, as in Vale.

* ``accept`` terms are never flagged by the spelling and names rules and add
  to the known names; ``Vale.Terms`` flags their wrongly-cased forms.
* ``reject`` terms are always flagged (``Vale.Avoid``).

Files are read once per process and re-read when their modification time
changes (:func:`read_terms`). :func:`load_vocabulary` merges several
vocabularies; :func:`use_vocabulary` makes one the *project* vocabulary that
rules consult while linting (:func:`current_vocabulary`).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import regex

ACCEPT_FILE = "accept.txt"
REJECT_FILE = "reject.txt"

# Characters that make a term a regular expression rather than a literal.
_META = frozenset("\\.^$*+?{}[]|()")
_APOSTROPHES = ("'s", "’s", "'", "’")
_WORD_SPLIT = regex.compile(r"[\s\-–—/]+")


class VocabularyError(Exception):
    """A vocabulary file that cannot be read or holds an invalid regex."""


def is_literal(term: str) -> bool:
    """True when ``term`` has no regex syntax (a plain word or phrase)."""
    return not any(c in _META for c in term)


def _split_case(term: str) -> tuple[str, bool]:
    """``(?i)term`` -> (``term``, True); other terms are case-sensitive."""
    if term.startswith("(?i)"):
        return term[4:], True
    return term, False


@dataclass(frozen=True)
class TermList:
    """The terms of one file, in file order, with where they came from."""

    path: str
    terms: tuple[str, ...]


def parse_terms(text: str, path: str = "<string>") -> TermList:
    """Terms of a vocabulary file's text: one a line, ``#`` comments skipped.

    Each regex term is compiled here so a bad line is reported with its
    file and line number rather than at lint time."""
    terms: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        term = line.strip().lstrip("\ufeff")
        if not term or term.startswith("#"):
            continue
        body, _ = _split_case(term)
        if not is_literal(body):
            try:
                regex.compile(body)
            except (regex.error, ValueError, OverflowError, RecursionError) as exc:
                raise VocabularyError(f"{path}:{number}: invalid regex {term!r}: {exc}") from None
        terms.append(term)
    return TermList(path, tuple(terms))


def read_terms(path: str | os.PathLike[str]) -> TermList:
    """The terms of one file, cached per process by path and modification time."""
    p = Path(path)
    try:
        stat = p.stat()
    except OSError as exc:
        raise VocabularyError(f"{p}: cannot read vocabulary: {exc.strerror or exc}") from None
    return _read_terms_cached(str(p.resolve()), stat.st_mtime_ns, stat.st_size, str(p))


@functools.lru_cache(maxsize=256)
def _read_terms_cached(resolved: str, mtime_ns: int, size: int, display: str) -> TermList:
    try:
        text = Path(resolved).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise VocabularyError(f"{display}: cannot read vocabulary: {exc}") from None
    return parse_terms(text, display)


@dataclass(frozen=True)
class Vocabulary:
    """Accepted and rejected terms of one or more vocabularies.

    Lookups are set lookups for literal terms; regex terms are joined into
    one pattern each for accept and reject, compiled on first use."""

    accepted_terms: tuple[str, ...] = ()
    rejected_terms: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    # Derived lookup tables (not part of equality).
    _exact: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    _folded: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    _word_exact: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    _word_folded: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    _accept_regexes: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @classmethod
    def build(
        cls, accepted: Iterable[str] = (), rejected: Iterable[str] = (), sources: Iterable[str] = ()
    ) -> Vocabulary:
        accepted_terms = tuple(dict.fromkeys(t for t in accepted if t))
        rejected_terms = tuple(dict.fromkeys(t for t in rejected if t))
        exact: set[str] = set()
        folded: set[str] = set()
        word_exact: set[str] = set()
        word_folded: set[str] = set()
        regexes: list[str] = []
        for term in accepted_terms:
            body, ci = _split_case(term)
            if is_literal(body):
                (folded if ci else exact).add(body.casefold() if ci else body)
                for word in _WORD_SPLIT.split(body):
                    if word:
                        (word_folded if ci else word_exact).add(word.casefold() if ci else word)
            else:
                regexes.append(term)
        return cls(
            accepted_terms,
            rejected_terms,
            tuple(dict.fromkeys(sources)),
            frozenset(exact),
            frozenset(folded),
            frozenset(word_exact),
            frozenset(word_folded),
            tuple(regexes),
        )

    def __bool__(self) -> bool:
        return bool(self.accepted_terms or self.rejected_terms)

    def merge(self, other: Vocabulary) -> Vocabulary:
        return Vocabulary.build(
            self.accepted_terms + other.accepted_terms,
            self.rejected_terms + other.rejected_terms,
            self.sources + other.sources,
        )

    # -- accept -------------------------------------------------------------
    def accepts(self, word: str) -> bool:
        """True when ``word`` (a single token, possibly possessive) is
        accepted: an accepted term, a word of an accepted phrase, or a full
        match of an accepted regex."""
        if not self.accepted_terms:
            return False
        if self._accepts_one(word):
            return True
        for suffix in _APOSTROPHES:
            if word.endswith(suffix) and len(word) > len(suffix):
                return self._accepts_one(word[: -len(suffix)])
        return False

    def _accepts_one(self, word: str) -> bool:
        if word in self._exact or word in self._word_exact:
            return True
        if self._folded or self._word_folded:
            low = word.casefold()
            if low in self._folded or low in self._word_folded:
                return True
        pattern = self.accepted_regex_fullmatch
        return pattern is not None and pattern.fullmatch(word) is not None

    @functools.cached_property
    def accepted_regex_fullmatch(self) -> regex.Pattern[str] | None:
        """Regex accept terms joined for matching one word."""
        if not self._accept_regexes:
            return None
        return regex.compile("|".join(f"(?:{_inline(t)})" for t in self._accept_regexes))

    @functools.cached_property
    def accepted_pattern(self) -> regex.Pattern[str] | None:
        """Every accept term, whole-word, as one pattern to find in text
        (case-sensitive per term). Spans it matches are never misspellings."""
        return _bounded(self.accepted_terms)

    @functools.cached_property
    def accepted_pattern_ignorecase(self) -> regex.Pattern[str] | None:
        """Every accept term matched case-insensitively (for ``Vale.Terms``:
        a match here that :attr:`accepted_pattern` does not also match at the
        same span is a wrongly-cased term)."""
        return _bounded(tuple(_split_case(t)[0] for t in self.accepted_terms), ignorecase=True)

    def accepted_form(self, text: str) -> str | None:
        """The accepted spelling ``text`` is a case variant of, if any."""
        low = text.casefold()
        for term in self.accepted_terms:
            body, ci = _split_case(term)
            if ci:
                continue
            if is_literal(body):
                if body.casefold() == low and body != text:
                    return body
            else:
                try:
                    if regex.fullmatch(body, text, regex.IGNORECASE) and not regex.fullmatch(body, text):
                        return _readable(body)
                except regex.error:  # pragma: no cover - checked when parsed
                    continue
        return None

    # -- reject -------------------------------------------------------------
    @functools.cached_property
    def rejected_pattern(self) -> regex.Pattern[str] | None:
        """Every reject term, whole-word, as one pattern (None when empty)."""
        return _bounded(self.rejected_terms)

    def known_names(self) -> tuple[str, ...]:
        """Accepted literal terms that look like names (start with a capital):
        these feed the ``names`` rule's known names."""
        out: list[str] = []
        for term in self.accepted_terms:
            body, _ = _split_case(term)
            if is_literal(body) and body[:1].isupper():
                out.append(body)
        return tuple(out)


def _inline(term: str) -> str:
    body, ci = _split_case(term)
    return f"(?i:{body})" if ci else body


def _bounded(terms: tuple[str, ...], ignorecase: bool = False) -> regex.Pattern[str] | None:
    if not terms:
        return None
    parts = []
    for term in terms:
        body, ci = _split_case(term)
        piece = regex.escape(body) if is_literal(body) else body
        parts.append(f"(?i:{piece})" if ci else f"(?:{piece})")
    body = "|".join(sorted(parts, key=len, reverse=True))
    flags = regex.IGNORECASE if ignorecase else 0
    return regex.compile(r"(?<![\p{L}\p{N}_])(?:" + body + r")(?![\p{L}\p{N}_])", flags | regex.UNICODE)


def _readable(pattern: str) -> str:
    """A regex term shown to a reader: ``[Gg]it[Hh]ub`` -> ``GitHub`` is out
    of reach, so show the pattern without its simplest syntax."""
    return str(regex.sub(r"\[(\w)\w*\]", r"\1", pattern)).replace("\\", "")


EMPTY = Vocabulary()


def vocabulary_files(path: str | os.PathLike[str]) -> tuple[Path | None, Path | None]:
    """(accept file, reject file) of a vocabulary folder or single file."""
    p = Path(path)
    if p.is_dir():
        accept = p / ACCEPT_FILE
        reject = p / REJECT_FILE
        return (accept if accept.is_file() else None, reject if reject.is_file() else None)
    if p.name.lower().startswith("reject"):
        return None, p
    return p, None


def load_vocabulary(paths: Iterable[str | os.PathLike[str]]) -> Vocabulary:
    """Merge the vocabularies at ``paths`` (folders or files). A missing
    path raises :class:`VocabularyError`."""
    accepted: list[str] = []
    rejected: list[str] = []
    sources: list[str] = []
    for path in paths:
        p = Path(path)
        if not p.exists():
            raise VocabularyError(f"{p}: vocabulary not found")
        accept, reject = vocabulary_files(p)
        if accept is not None:
            accepted.extend(read_terms(accept).terms)
            sources.append(str(accept))
        if reject is not None:
            rejected.extend(read_terms(reject).terms)
            sources.append(str(reject))
    return Vocabulary.build(accepted, rejected, sources)


def vale_vocabulary_dirs(styles_path: str | os.PathLike[str], name: str) -> list[Path]:
    """Folders of Vale's vocabulary ``name`` under ``StylesPath``: the current
    ``config/vocabularies/<name>/`` layout and the older ``Vocab/<name>/``."""
    root = Path(styles_path)
    found = []
    for candidate in (root / "config" / "vocabularies" / name, root / "Vocab" / name):
        if candidate.is_dir():
            found.append(candidate)
    return found


# -- the project vocabulary --------------------------------------------------

_CURRENT: contextvars.ContextVar[Vocabulary] = contextvars.ContextVar("copydesk_vocabulary", default=EMPTY)


def current_vocabulary() -> Vocabulary:
    """The project vocabulary in effect (empty unless :func:`use_vocabulary`)."""
    return _CURRENT.get()


@contextlib.contextmanager
def use_vocabulary(vocabulary: Vocabulary) -> Iterator[Vocabulary]:
    """Make ``vocabulary`` the project vocabulary for the duration of a block."""
    token = _CURRENT.set(vocabulary)
    try:
        yield vocabulary
    finally:
        _CURRENT.reset(token)


def set_vocabulary(vocabulary: Vocabulary) -> None:
    """Make ``vocabulary`` the project vocabulary for the rest of this context."""
    _CURRENT.set(vocabulary)
