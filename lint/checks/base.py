"""What every rule type shares: the common YAML keys, validation helpers and
the :class:`Check` base class.

A rule type is one module in this package with the same shape (as Vale's
``internal/check``): a frozen spec of its own YAML keys, a constructor that
validates and compiles once, and a ``check`` method that only loops over
matches and builds findings.
"""

from __future__ import annotations

import contextlib
import contextvars
import enum
import functools
import itertools
from collections.abc import Container, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any, ClassVar, cast

import regex

from lint.alerts import Applicability, Edit, Finding, Fix, Level
from lint.markup.blocks import ParsedDocument, TextBlock
from lint.scopes import Selector


class RuleError(Exception):
    """A rule file is invalid. ``key`` names the offending YAML key."""

    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.key = key


class FixSafety(str, enum.Enum):
    """The ``fix:`` key: whether this rule's fixes may be applied unattended."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    NONE = "none"

    def applicability(self) -> Applicability | None:
        if self is FixSafety.SAFE:
            return Applicability.SAFE
        if self is FixSafety.UNSAFE:
            return Applicability.UNSAFE
        return None


@dataclass(frozen=True)
class Examples:
    bad: tuple[str, ...] = ()
    good: tuple[str, ...] = ()
    fixed: tuple[str, ...] = ()


@dataclass(frozen=True)
class CommonSpec:
    """Keys every rule file may carry, whatever its ``extends``."""

    id: str
    extends: str
    message: str
    level: Level
    scope: Selector
    link: str = ""
    ignorecase: bool = False
    nonword: bool = False
    description: str = ""
    why: str = ""
    examples: Examples = field(default_factory=Examples)
    fix: FixSafety = FixSafety.NONE
    markup: tuple[str, ...] = ()
    path: str = ""


# Keys handled by the loader for every rule type.
COMMON_KEYS = frozenset(
    {
        "extends",
        "message",
        "level",
        "scope",
        "link",
        "ignorecase",
        "nonword",
        "description",
        "why",
        "examples",
        "fix",
        "markup",
        "code",
        "vocab",
        "action",
    }
)


class Check:
    """Base class of rule types. Subclasses set ``KEYS`` and ``DEFAULT_SCOPE``."""

    KEYS: ClassVar[frozenset[str]] = frozenset()
    DEFAULT_SCOPE: ClassVar[str] = "text"
    # Checks that see the whole document (consistency, conditional, metric,
    # markup) set this so the engine passes every unit at once.
    DOCUMENT_LEVEL: ClassVar[bool] = False
    # Checks whose findings in a unit depend on that unit's text alone set
    # this: the engine then passes only the units that hold one of the
    # rule's prefilter literals.
    BLOCK_LOCAL: ClassVar[bool] = False
    # Checks whose prefilter literals depend on the lint at hand (the
    # vocabulary in effect) set this: the engine then asks for them for each
    # document; others are asked once per run.
    LITERALS_VARY: ClassVar[bool] = False

    def __init__(self, common: CommonSpec, data: Mapping[str, Any]) -> None:
        self.common = common
        # Lower-cased strings one of which any match must contain (see
        # lint/prefilter.py); None means the rule always runs.
        self.prefilter: frozenset[str] | None = None

    def check(self, units: Sequence[TextBlock], doc: ParsedDocument) -> Iterator[Finding]:
        raise NotImplementedError

    def literals(self) -> frozenset[str] | None:
        """Case-folded strings one of which any match must contain, for the
        lint at hand: the engine skips the rule on a document that holds
        none. None: the rule always runs. Most rule types know them when
        they load (``prefilter``)."""
        return self.prefilter

    def can_match(self, held: AbstractSet[str]) -> bool:
        """Whether the rule may find something in a document that holds
        ``held`` (those of its literals the document holds, never none):
        the engine skips the rule when not. One literal is enough for most
        rule types; one that needs two sides of a pair says so here."""
        return True

    def warm(self) -> None:
        """Build now what the first check would build (a long-running
        process, such as the language server, pays it before the first
        document). Most rule types have nothing to build."""

    # -- helpers for subclasses --------------------------------------------
    def message(self, *args: str) -> str:
        return format_message(self.common.message, args)

    def finding(
        self,
        block: TextBlock,
        start: int,
        end: int,
        message: str,
        replacement: str | None = None,
        title: str | None = None,
    ) -> Finding:
        """A finding for ``block.text[start:end]``, with a fix replacing it by
        ``replacement`` when the rule allows fixes and the span is verbatim."""
        offset, end_offset = block.source_span(start, end)
        fix = None
        applicability = self.common.fix.applicability()
        if (
            replacement is not None
            and applicability is not None
            and block.is_verbatim(start, end)
        ):
            fix = Fix(
                title or (f"Replace with '{replacement}'" if replacement else "Remove"),
                (Edit(offset, end_offset, replacement),),
                applicability,
            )
        return Finding(offset, end_offset, message, fix)


def format_message(template: str, args: Sequence[str]) -> str:
    """Fill Vale-style ``%s`` placeholders; never raises on a bad template.

    Extra placeholders are left empty, extra arguments are ignored, and
    ``%%`` is a literal percent sign.
    """
    if "%" not in template:
        return template
    out: list[str] = []
    i = 0
    n = len(template)
    arg = 0
    while i < n:
        c = template[i]
        if c == "%" and i + 1 < n:
            nxt = template[i + 1]
            if nxt == "s":
                out.append(args[arg] if arg < len(args) else "")
                arg += 1
                i += 2
                continue
            if nxt == "%":
                out.append("%")
                i += 2
                continue
        out.append(c)
        i += 1
    return "".join(out)


# -- validation helpers used by rule-type constructors ----------------------

def get_str(data: Mapping[str, Any], key: str, default: str = "", required: bool = False) -> str:
    if key not in data or data[key] is None:
        if required:
            raise RuleError(f"missing required key '{key}'", key)
        return default
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise RuleError(f"'{key}' must be a string, not {type_name(value)}{_quote_hint(value)}", key)
    return str(value)


def _quote_hint(value: object) -> str:
    """YAML reads unquoted yes/no/on/off as booleans: say so."""
    if isinstance(value, bool):
        return " (quote it: YAML reads unquoted yes, no, on and off as booleans)"
    return ""


def get_bool(data: Mapping[str, Any], key: str, default: bool = False) -> bool:
    value = data.get(key, default)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise RuleError(f"'{key}' must be true or false, not {value!r}", key)
    return value


def get_int(data: Mapping[str, Any], key: str, default: int | None = None, required: bool = False) -> int | None:
    if key not in data or data[key] is None:
        if required:
            raise RuleError(f"missing required key '{key}'", key)
        return default
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int):
        raise RuleError(f"'{key}' must be an integer, not {value!r}", key)
    return value


def get_str_list(data: Mapping[str, Any], key: str, required: bool = False) -> tuple[str, ...]:
    if key not in data or data[key] is None:
        if required:
            raise RuleError(f"missing required key '{key}'", key)
        return ()
    value = data[key]
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list):
        raise RuleError(f"'{key}' must be a list of strings, not {type_name(value)}", key)
    out: list[str] = []
    for i, item in enumerate(value):
        if isinstance(item, bool) or not isinstance(item, (str, int, float)):
            raise RuleError(f"'{key}[{i}]' must be a string, not {type_name(item)}{_quote_hint(item)}", key)
        out.append(str(item))
    return tuple(out)


def get_str_map(data: Mapping[str, Any], key: str, required: bool = False) -> tuple[tuple[str, str], ...]:
    if key not in data or data[key] is None:
        if required:
            raise RuleError(f"missing required key '{key}'", key)
        return ()
    value = data[key]
    if not isinstance(value, dict):
        raise RuleError(f"'{key}' must be a mapping, not {type_name(value)}", key)
    out: list[tuple[str, str]] = []
    for k, v in value.items():
        if isinstance(v, (dict, list)) or v is None:
            raise RuleError(f"'{key}: {k}' must map to a string, not {type_name(v)}", key)
        if isinstance(v, bool):
            v = "true" if v else "false"
        out.append((str(k), str(v)))
    return tuple(out)


def type_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (int, float)):
        return "a number"
    return type(value).__name__


# Set while loading a rule file whose exact content was validated before
# (see lint/rule_cache.py): its regexes are then compiled on first use, so
# a rule that the prefilter skips never pays for compilation.
_DEFER_COMPILE: contextvars.ContextVar[bool] = contextvars.ContextVar("defer_compile", default=False)


@contextlib.contextmanager
def deferred_compilation(enabled: bool) -> Iterator[None]:
    token = _DEFER_COMPILE.set(enabled)
    try:
        yield
    finally:
        _DEFER_COMPILE.reset(token)


# What rules ask a pattern for: kept on the stand-in once asked, so that
# later uses read a slot instead of calling __getattr__ (a search method
# is looked up for every unit a rule reads).
_KEPT_ATTRIBUTES = ("finditer", "match", "fullmatch", "search", "split", "sub", "findall", "pattern", "flags", "groups", "groupindex")


class LazyPattern:
    """Stands in for a compiled pattern and compiles it on first use."""

    __slots__ = ("_pattern", "_flags", "_compiled", *_KEPT_ATTRIBUTES)

    def __init__(self, pattern: str, flags: int) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: regex.Pattern[str] | None = None

    def __reduce__(self) -> tuple[type[LazyPattern], tuple[str, int]]:
        # Pickled as its source (workers started by spawn receive the rules
        # pickled): copying the slots one by one would ask __getattr__ for a
        # slot not yet set, and recurse.
        return (LazyPattern, (self._pattern, self._flags))

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("_pattern", "_flags", "_compiled"):
            raise AttributeError(name)  # not the pattern's: a slot not set yet, or a protocol probe
        compiled = self._compiled
        if compiled is None:
            compiled = regex.compile(self._pattern, self._flags)
            self._compiled = compiled
        value = getattr(compiled, name)
        if name in _KEPT_ATTRIBUTES:
            object.__setattr__(self, name, value)
        return value


def compilation_deferred() -> bool:
    """True while loading a rule file already known to compile: checks that
    only re-validate (group names, templates) can be skipped."""
    return _DEFER_COMPILE.get()


def lazy_regex(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """A module-level pattern compiled on first use (keeps imports fast)."""
    return cast("regex.Pattern[str]", LazyPattern(pattern, flags | regex.UNICODE))


def compile_regex(pattern: str, key: str, flags: int = 0) -> regex.Pattern[str]:
    """Compile with the ``regex`` module (V1 off, Unicode on); errors name the key."""
    if _DEFER_COMPILE.get():
        return lazy_regex(pattern, flags)
    repeats = repeat_product(pattern)
    if repeats > MAX_REPEAT_PRODUCT:
        raise RuleError(
            f"invalid regex in '{key}': counted repeats such as {{1000}} multiply to {repeats:,} copies "
            f"(at most {MAX_REPEAT_PRODUCT:,}) (pattern: {pattern!r})",
            key,
        )
    try:
        return regex.compile(pattern, flags | regex.UNICODE)
    except (regex.error, ValueError, OverflowError, RecursionError, MemoryError) as exc:
        raise RuleError(f"invalid regex in '{key}': {exc or type(exc).__name__} (pattern: {pattern!r})", key) from None


# The regex module unrolls counted repeats when it compiles: '(?:a{1000}){1000}'
# costs 280 MB and one more level of nesting exhausts memory.
MAX_REPEAT_PRODUCT = 100_000
_COUNT = regex.compile(r"\{(\d*)(?:,(\d*))?\}")
_BRACED_ESCAPE = regex.compile(r"\\[pPxNu]\{[^}]*\}|\\.", regex.DOTALL)


def repeat_product(pattern: str) -> int:
    """The largest number of copies nested counted repeats ask for, e.g.
    1,000,000 for '(?:a{1000}){1000}' (a quick scan, not a full parse)."""
    stack = [1]  # the largest product found in each open group
    atom = 1  # the product of the atom a quantifier would apply to
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            m = _BRACED_ESCAPE.match(pattern, i)
            i = m.end() if m else n
            atom = 1
            continue
        if c == "[":
            i = _class_end(pattern, i)
            atom = 1
            continue
        if c == "(":
            stack.append(1)
            i += 1
            continue
        if c == ")" and len(stack) > 1:
            atom = stack.pop()
            stack[-1] = max(stack[-1], atom)
            i += 1
            continue
        m = _COUNT.match(pattern, i) if c == "{" else None
        if m is not None and (m.group(1) or m.group(2)):
            low = int(m.group(1) or 0)
            high = int(m.group(2)) if m.group(2) else low
            atom *= max(low, high, 1)
            stack[-1] = max(stack[-1], atom)
            i = m.end()
            continue
        atom = 1
        i += 1
    return max(stack)


def _class_end(pattern: str, start: int) -> int:
    """Index just after the character class opening at ``start``."""
    i = start + 1
    if i < len(pattern) and pattern[i] == "^":
        i += 1
    if i < len(pattern) and pattern[i] == "]":
        i += 1
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":  # a nested set (V1) or a POSIX class such as [:alpha:]
            i = _class_end(pattern, i)
            continue
        if c == "]":
            return i + 1
        i += 1
    return len(pattern)


# Characters that make a token more than a literal; a token without them
# always compiles, so checking it alone would only cost time.
_REGEX_SYNTAX = frozenset("\\.^$*+?{}[]|()#")


def alternation(tokens: Sequence[str], key: str) -> str:
    """Join regex tokens into one group, after checking each compiles alone
    (so the error names the bad token, not the whole alternation)."""
    if not _DEFER_COMPILE.get():
        for token in tokens:
            if not _REGEX_SYNTAX.isdisjoint(token):
                compile_regex(token, key)
    return "(?:" + "|".join(scoped_flags(token) for token in tokens) + ")"


_LEADING_FLAGS = regex.compile(r"\(\?([imsx]+)\)")


def scoped_flags(token: str) -> str:
    """Keep a token's leading inline flags to that token: ``(?i)foo`` becomes
    ``(?i:foo)``. Joined as written, the ``regex`` module would apply them to
    every other token of the alternation too."""
    m = _LEADING_FLAGS.match(token)
    if m is None:
        return token
    flags = m.group(1)
    rest = token[m.end() :]
    # In verbose mode a trailing comment would swallow the closing bracket.
    return f"(?{flags}:{rest}{chr(10) if 'x' in flags else ''})"


def word_bounded(body: str, nonword: bool) -> str:
    """Vale's token boundary: ``\\b`` on both sides unless ``nonword``."""
    if nonword:
        return body
    return r"(?<![\p{L}\p{N}_])" + body + r"(?![\p{L}\p{N}_])"


def split_matches(pattern: regex.Pattern[str], text: str) -> list[str]:
    """``text`` cut at the matches of ``pattern``: gap, match, gap, ...,
    gap (what ``finditer`` finds, without a match object per match; see
    :func:`match_spans`). ``pattern`` must have no capturing group."""
    if pattern.groups:
        raise ValueError(f"split_matches needs a pattern without capturing groups: {pattern.pattern!r}")
    pieces: list[str] = _splitter(pattern.pattern, pattern.flags).split(text)
    return pieces


@functools.lru_cache(maxsize=64)
def _splitter(pattern: str, flags: int) -> regex.Pattern[str]:
    return regex.compile(f"({pattern})", flags)


def match_spans(pieces: list[str], wanted: Container[str] | None = None) -> Iterator[tuple[int, int, str]]:
    """(start, end, match) of each match in ``pieces`` (from
    :func:`split_matches`), or of those in ``wanted``, in order: a match
    starts where the pieces before it end, a running sum in C."""
    ends = list(itertools.accumulate(map(len, pieces)))
    found = pieces[1::2]
    picked = range(len(found)) if wanted is None else [k for k, match in enumerate(found) if match in wanted]
    for k in picked:
        yield ends[2 * k], ends[2 * k + 1], found[k]
