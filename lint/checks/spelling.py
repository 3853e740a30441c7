"""``extends: spelling`` — words missing from the dictionary (Vale's type).

Dictionary: the shipped English word list for ``locale`` (``en-GB`` by
default, ``en-US``, or ``en`` for both), or Hunspell files — ``dic`` and
``aff``, or ``dictionaries`` looked up in ``dicpath`` — on top of it with
``append: true`` or instead of it otherwise. Paths are relative to the rule
file's folder, then to its parent (Vale's ``StylesPath``).

Words are accepted when the dictionary knows them, when the project
vocabulary accepts them (unless ``vocab: false``), when a file listed in
``ignore`` holds them, or when one of ``filters`` (regexes, searched in the
word) matches. Unless ``custom: true``, the default filters skip what a
dictionary cannot judge: words with digits ("£600m", "6GB", "1990s"), all-caps
acronyms ("PACE", "MPs"), abbreviations with dots ("U.S."), camelCase and
internally capitalised words ("iPhone", "McAllister"), and single letters.
Possessives ("Peskov's", "farmers'") are checked without the apostrophe;
each part of a hyphenated compound is checked on its own.

Copydesk keys: ``locale``; ``proper_nouns`` (default true, as Vale): false
skips capitalised words inside a sentence, which the ``names`` rule judges
against real names instead; ``suggestions`` (default 3), the number of
corrections named in the message (``%s`` is the word, a second ``%s`` the
suggestions; with one ``%s`` they are appended as "Did you mean ...?" unless
``append_suggestions: false``); ``exceptions``, words always accepted.
"""

from __future__ import annotations

from collections.abc import Container, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from lint.alerts import Finding
from lint.checks.base import (
    Check,
    CommonSpec,
    RuleError,
    compile_regex,
    get_bool,
    get_int,
    get_str,
    get_str_list,
)
from lint.dictionary import (
    MAX_SUGGESTION_LENGTH,
    Dictionary,
    from_words,
    normalize_locale,
    other_variant,
    read_word_list,
    shipped_dictionary,
)
from lint.markup.blocks import JoinedUnits, ParsedDocument, TextBlock
from lint.vocabulary import current_vocabulary
from lint.word_chunks import ChunkReader, chunk_occurrences, word_chunks

# A word: letters and digits, with inner apostrophes, hyphens and dots.
# (Written as runs rather than one character at a time: twice as fast.)
TOKEN = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}]*+(?:['’.\-][\p{L}\p{N}][\p{L}\p{M}\p{N}]*+)*+['’]?")
_DIGIT = regex.compile(r"\p{N}")
_ABBREVIATION = regex.compile(r"(?:\p{L}{1,3}\.)+\p{L}{0,3}\.?")
_INNER_CAPS = regex.compile(r"\p{Ll}\p{Lu}|\p{Lu}{2}\p{Ll}")
_ACRONYM = regex.compile(r"\p{Lu}[\p{Lu}&]*\p{Lu}(?:s|['’]s)?")
_CAPITALISED = regex.compile(r"(?<![\p{L}\p{N}'’.\-])\p{Lu}[\p{L}\p{M}'’]*")
_MARK = regex.compile(r"\p{M}")
# Between two units cut into words together (see Spelling.check).
_SEPARATOR = "\n\n"
# How many tokens one rule remembers as never misspelt (about 8 MB).
KNOWN_TOKENS_LIMIT = 100_000
# How many tokens' context-free checks one rule remembers.
PLANS_LIMIT = 50_000
# Stands for a token not planned yet (see Spelling._misspelt).
_UNPLANNED: tuple[str, bool] = ("", False)
# How many chunks of known words one rule remembers.
CLEAN_CHUNKS_LIMIT = 100_000
# Words of this SCOWL level or lower count as common for :meth:`Spelling._near_common`.
COMMON_LEVEL = 50
_SENTENCE_OPENERS = frozenset(".!?:;\"“‘'([—–-•*#>|")
# First parts of hyphenated words that are not words on their own.
HYPHEN_PREFIXES = frozenset(
    "a anti bi co counter cross de e ex extra hyper inter intra macro mega micro mid mini multi neo "
    "non over pan para post pre pro pseudo re semi sub super trans tri ultra un under vice x".split()
)


@dataclass(frozen=True)
class SpellingSpec:
    locale: str
    dic: str
    aff: str
    dicpath: str
    dictionaries: tuple[str, ...]
    append: bool
    custom: bool
    filters: tuple[str, ...]
    ignore: tuple[str, ...]
    exceptions: tuple[str, ...]
    vocab: bool
    proper_nouns: bool
    suggestions: int
    append_suggestions: bool


class Spelling(Check):
    KEYS = frozenset(
        {
            "locale",
            "dic",
            "aff",
            "dicpath",
            "dictionaries",
            "append",
            "custom",
            "filters",
            "ignore",
            "exceptions",
            "proper_nouns",
            "suggestions",
            "append_suggestions",
            "threshold",
        }
    )

    def __init__(self, common: CommonSpec, data: Mapping[str, Any]) -> None:
        super().__init__(common, data)
        suggestions = get_int(data, "suggestions", 3)
        assert suggestions is not None
        if suggestions < 0:
            raise RuleError("'suggestions' must not be negative", "suggestions")
        locale_text = get_str(data, "locale", "en-GB")
        try:
            locale = normalize_locale(locale_text)
        except ValueError as exc:
            raise RuleError(str(exc), "locale") from None
        self.spec = SpellingSpec(
            locale=locale,
            dic=get_str(data, "dic"),
            aff=get_str(data, "aff"),
            dicpath=get_str(data, "dicpath"),
            dictionaries=get_str_list(data, "dictionaries"),
            append=get_bool(data, "append"),
            custom=get_bool(data, "custom"),
            filters=get_str_list(data, "filters"),
            ignore=get_str_list(data, "ignore"),
            exceptions=get_str_list(data, "exceptions"),
            vocab=get_bool(data, "vocab", True),
            proper_nouns=get_bool(data, "proper_nouns", True),
            suggestions=suggestions,
            append_suggestions=get_bool(data, "append_suggestions", True),
        )
        self.filters = tuple(compile_regex(f, "filters") for f in self.spec.filters)
        self.base = Path(common.path).parent if common.path else Path(".")
        self.dictionary = self._dictionary()
        self.ignored = self._ignored()
        self._known_tokens: set[str] = set()
        # Chunks (see lint/word_chunks.py) whose every token is known.
        self._clean_chunks: set[str] = set()
        self._read_chunk = ChunkReader(TOKEN)
        # Tokens the dictionary does not know (as written).
        self._not_words: set[str] = set()
        # What _misspelt works out from a token alone (see _plan).
        self._plans: dict[str, tuple[str, bool] | None] = {}

    # -- construction --------------------------------------------------------
    def _resolve(self, value: str, key: str) -> Path:
        path = Path(value)
        if path.is_absolute():
            candidates = [path]
        else:
            candidates = [self.base / path, self.base.parent / path, Path.cwd() / path]
        for candidate in candidates:
            if candidate.exists():
                return candidate
        raise RuleError(f"file not found: {value!r}", key)

    def _dictionary(self) -> Dictionary:
        spec = self.spec
        if not spec.dic and not spec.dictionaries:
            return shipped_dictionary(spec.locale)
        from lint.hunspell import HunspellError, load_hunspell

        extra: list[Dictionary] = []
        try:
            if spec.dic:
                dic = self._resolve(spec.dic, "dic")
                aff = self._resolve(spec.aff, "aff") if spec.aff else None
                extra.append(load_hunspell(dic, aff))
            if spec.dictionaries:
                folder = self._resolve(spec.dicpath, "dicpath") if spec.dicpath else self.base
                for name in spec.dictionaries:
                    dic = folder / f"{name}.dic"
                    if not dic.is_file():
                        raise RuleError(f"dictionary {name!r} not found in {str(folder)!r}", "dictionaries")
                    extra.append(load_hunspell(dic))
        except HunspellError as exc:
            raise RuleError(str(exc), "dic") from None
        shipped = shipped_dictionary(spec.locale)
        if not extra:
            return shipped
        merged = extra[0]
        for more in extra[1:]:
            merged = merged.merge(more)
        return shipped.merge(merged) if spec.append else merged

    def _ignored(self) -> Dictionary:
        words: set[str] = set(self.spec.exceptions)
        for name in self.spec.ignore:
            path = self._resolve(name, "ignore")
            try:
                words |= read_word_list(path).words
            except (OSError, UnicodeDecodeError) as exc:
                raise RuleError(f"cannot read ignore file {name!r}: {exc}", "ignore") from None
        return from_words(words, "ignore")

    # -- checking --------------------------------------------------------------
    def check(self, units: Sequence[TextBlock], doc: ParsedDocument) -> Iterator[Finding]:
        vocabulary = current_vocabulary() if self.spec.vocab else None
        if vocabulary is not None and not vocabulary.accepted_terms:
            vocabulary = None
        # The units are read together, with a blank line between two units
        # (no word spans white space, so the words are those of each unit).
        joined = JoinedUnits.of(units, _SEPARATOR)
        found = self._unknown_words(joined.text)
        if not found:
            return
        names: Container[str] = _DocumentNames(units) if not self.spec.proper_nouns else frozenset()
        covered: dict[int, list[tuple[int, int]]] = {}
        for joined_start, token in found:
            unit, start = joined.locate(joined_start)
            block = units[unit]
            text = block.text
            if vocabulary is not None and vocabulary.accepted_pattern is not None:
                spans = covered.get(unit)
                if spans is None:
                    spans = covered[unit] = [m.span() for m in vocabulary.accepted_pattern.finditer(text)]
                if any(s <= start < e for s, e in spans):
                    continue
            if vocabulary is not None and vocabulary.accepts(token):
                continue
            bad, settled = self._misspelt(token, text, start, names)
            if not bad and settled and len(self._known_tokens) < KNOWN_TOKENS_LIMIT:
                self._known_tokens.add(token)  # never flagged, wherever it stands
            for part_start, part in bad:
                if vocabulary is not None and vocabulary.accepts(part):
                    continue
                yield self._finding(block, start + part_start, part)

    def _unknown_words(self, joined: str) -> list[tuple[int, str]]:
        """(position, token) of each token in ``joined`` that may be
        misspelt, in order. The text is cut into chunks in C and only
        chunks not seen clean before are read word by word; so a document
        of known words costs one set difference."""
        clean = self._clean_chunks
        pending = set(word_chunks(joined)).difference(clean) if clean else set(word_chunks(joined))
        if not pending:
            return []
        readings = [self._read_chunk(chunk) for chunk in pending]
        unknown = self._unknown_tokens([token for words in readings for _, token in words])
        known = self._known_tokens
        found: list[tuple[int, str]] = []
        for chunk, words in zip(pending, readings):
            if not unknown or not any(token in unknown for _, token in words):
                if len(clean) < CLEAN_CHUNKS_LIMIT and all(token in known for _, token in words):
                    clean.add(chunk)
                continue
            for start in chunk_occurrences(joined, chunk):
                found.extend((start + offset, token) for offset, token in words if token in unknown)
        found.sort()
        return found

    def _unknown_tokens(self, tokens: list[str]) -> set[str]:
        """The ``tokens`` that may be misspelt. Tokens found never
        to be (dictionary words, acronyms, names that are no slip of a
        common word...) are remembered for the process (up to
        ``KNOWN_TOKENS_LIMIT``), so most blocks are settled by one set
        difference instead of a dictionary lookup per word."""
        known = self._known_tokens
        unknown = set(tokens).difference(known)
        if unknown:
            # As written, or in a case Hunspell's rules allow ("The" for
            # "the"): a word the dictionary knows is never flagged. Tokens
            # it did not know before are not looked up again.
            knows = self.dictionary.knows
            fresh = unknown.difference(self._not_words) if self._not_words else unknown
            found = [t for t in fresh if knows(t)]
            if found:
                if len(known) < KNOWN_TOKENS_LIMIT:
                    known.update(found)
                unknown.difference_update(found)
            if len(self._not_words) < KNOWN_TOKENS_LIMIT:
                self._not_words.update(fresh.difference(found) if found else fresh)
        return unknown

    def _misspelt(
        self, token: str, text: str, start: int, names: Container[str]
    ) -> tuple[list[tuple[int, str]], bool]:
        """(offset in token, word) of each misspelt word in ``token``, and
        whether that verdict holds wherever the token stands (not settled
        by its neighbours, its place in a sentence or the document's names).
        What depends on the token alone is worked out once per token."""
        # One lookup (the language server lints in two threads: the memory
        # may be cleared between a test and a read).
        plan = self._plans.get(token, _UNPLANNED)
        if plan is _UNPLANNED:
            if len(self._plans) >= PLANS_LIMIT:
                self._plans.clear()
            plan = self._plans[token] = self._plan(token)
        if plan is None:
            return [], True
        word, capital = plan
        if not self.spec.custom and _odd_neighbour(text, start, start + len(token)):
            return [], False
        if capital:
            if not _sentence_start(text, start) or word in names:
                return [], False
            if not self._near_common(word):
                return [], True
        return self._verdict(word), True

    def _plan(self, token: str) -> tuple[str, bool] | None:
        """None for a token that is never misspelt whatever its
        context (filtered, a number, an abbreviation, an acronym); else the
        word to check (the possessive taken off) and whether it is judged
        as a capitalised word (a name, unless it opens a sentence)."""
        if self._filtered(token):
            return None
        word = _strip_possessive(token)
        if not self.spec.custom:
            if _DIGIT.search(word) or len(word) < 2:
                return None
            if "." in word:
                # abbreviations (U.S., e.g.), domain and file names
                return None
            if _ACRONYM.fullmatch(word) or _INNER_CAPS.search(word):
                return None
        return word, not self.spec.proper_nouns and word[:1].isupper()

    def _verdict(self, word: str) -> list[tuple[int, str]]:
        """The misspelt parts of ``word`` once its context has let it
        through (the dictionary, then each part of a compound)."""
        if self._known(word):
            return []
        parts = _parts(word)
        if len(parts) == 1:
            return [(0, word)]
        if self._known("".join(p for _, p in parts)):
            return []  # co-ordinator
        bad = []
        for offset, part in parts:
            if not part or self._known(part) or self._filtered(part):
                continue
            if offset == 0 and part.lower() in HYPHEN_PREFIXES:
                continue
            if not self.spec.custom and (len(part) < 3 or _DIGIT.search(part) or _ACRONYM.fullmatch(part)):
                continue
            if not self.spec.proper_nouns and part[:1].isupper():
                continue
            bad.append((offset, part))
        return bad

    def _known(self, word: str) -> bool:
        word = word.replace("’", "'")
        if self.dictionary.knows(word) or (self.ignored.words and self.ignored.knows(word)):
            return True
        if word.endswith("'") and self.dictionary.knows(word[:-1]):
            return True
        return False

    def _near_common(self, word: str) -> bool:
        """Whether a capitalised word that opens a sentence looks like a
        misspelt common word (one edit from a frequent lower-case word)
        rather than a name."""
        probe = word.lower()
        if len(probe) > MAX_SUGGESTION_LENGTH:
            return False
        levels = self.dictionary.levels
        # Only a common word one edit away can be among the suggestions:
        # most names have none, and need no ranking.
        if not any(levels.get(c, 99) <= COMMON_LEVEL for c in self.dictionary.one_edit_words(probe)):
            return False
        return any(s.islower() and levels.get(s, 99) <= COMMON_LEVEL for s in self.dictionary.suggest(probe, 3, 1))

    def _filtered(self, word: str) -> bool:
        return any(f.search(word) for f in self.filters)

    def _finding(self, block: TextBlock, start: int, word: str) -> Finding:
        end = start + len(word)
        suggestions = self.dictionary.suggest(word, self.spec.suggestions) if self.spec.suggestions else []
        shown = ", ".join(f"'{s}'" for s in suggestions)
        message = self.message(word, shown)
        if self.spec.append_suggestions and self.common.message.count("%s") < 2 and suggestions:
            message = f"{message} Did you mean {_or_list(suggestions)}?"
        if other_variant(word, self.spec.locale):
            message += f" ('{word}' is not {self.spec.locale} spelling.)"
        replacement = suggestions[0] if suggestions else None
        return self.finding(block, start, end, message, replacement, f"Replace with '{replacement}'")


class _DocumentNames(Container[str]):
    """Capitalised words the document uses inside sentences: names, which
    are not misspellings where they open a sentence either. A question is
    answered by looking for that word only (most documents ask about a few
    words); the whole set is collected only when a mark before an
    occurrence leaves it unclear where a scan would have started a word."""

    def __init__(self, units: Sequence[TextBlock]) -> None:
        self._units = units
        self._names: frozenset[str] | None = None
        self._answers: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not word:
            return False
        if self._names is not None:
            return word in self._names
        answer = self._answers.get(word)
        if answer is None:
            found = self._find(word)
            if found is None:
                self._names = _document_names(self._units)
                return word in self._names
            answer = self._answers[word] = found
        return answer

    def _find(self, word: str) -> bool | None:
        """Whether ``word`` is one of :func:`_document_names`, found from
        its occurrences; None when that cannot be told this way. A match of
        ``_CAPITALISED`` at an occurrence is one a scan finds unless a
        combining mark precedes it (the look-behind lets a mark through, so
        the scan may have been inside a longer word there)."""
        for block in self._units:
            text = block.text
            pos = text.find(word)
            while pos >= 0:
                if pos > 0 and _MARK.match(text, pos - 1):
                    return None
                m = _CAPITALISED.match(text, pos)
                if m is not None and _strip_possessive(m.group()) == word and not _sentence_start(text, pos):
                    return True
                pos = text.find(word, pos + 1)
        return False


def _document_names(units: Sequence[TextBlock]) -> frozenset[str]:
    names: set[str] = set()
    for block in units:
        text = block.text
        for m in _CAPITALISED.finditer(text):
            if not _sentence_start(text, m.start()):
                names.add(_strip_possessive(m.group()))
    return frozenset(names)


def _or_list(words: Sequence[str]) -> str:
    quoted = [f"'{w}'" for w in words]
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _strip_possessive(token: str) -> str:
    for suffix in ("'s", "’s", "'", "’"):
        if token.endswith(suffix) and len(token) > len(suffix) + 1:
            return token[: -len(suffix)]
    return token


def _parts(word: str) -> list[tuple[int, str]]:
    """Parts of a hyphenated (or slashed) compound with their offsets."""
    if "-" not in word and "." not in word:
        return [(0, word)]
    out: list[tuple[int, str]] = []
    pos = 0
    for piece in regex.split(r"[\-.]", word):
        out.append((pos, piece))
        pos += len(piece) + 1
    return out


def _odd_neighbour(text: str, start: int, end: int) -> bool:
    """A word glued to a symbol (``caf\ufffd``, ``@handle``, ``#tag``) is a
    fragment, an address or a tag rather than a word to spell-check."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return before in _GLUE or after in _GLUE


_GLUE = frozenset("\ufffd@#_/\\=&~^`|<>{}[]")


def _sentence_start(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence (or the block)."""
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    if i < 0 or text[i] in "\n\r":
        return True
    return text[i] in _SENTENCE_OPENERS
