"""Globs of the configuration (``exclude``, ``overrides``, ``[markup]``).

Syntax: ``*`` any run of characters but ``/``; ``**`` any run of
characters; ``**/`` nothing or any run ending in ``/``; ``?`` one character
but ``/``; ``[abc]``, ``[a-z]``, ``[!a-z]`` (or ``[^a-z]``) one character of
a class, never ``/`` (the first ``]`` closes a class; ``[[]`` is a literal
``[``, an unclosed ``[`` is literal); ``{a,b}`` either alternative (nested
at most :data:`MAX_BRACE_DEPTH` deep). Everything else is literal.

:func:`compile_glob` parses a glob once and raises :class:`GlobError` for
what cannot be matched (an empty class, a reversed range, unbalanced or
too deeply nested braces), so a configuration is checked when it is read.
A glob with at most two wildcards (``*``, ``**``, ``**/``) is matched by a
regular expression; one with more is matched by simulating its automaton,
which takes time linear in the path however the wildcards are arranged
(``*a*a*a*a*b`` made the regular expression backtrack for seconds on a
200-character file name, and for hours with a few more wildcards).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Union

MAX_BRACE_DEPTH = 10
MAX_REGEX_WILDCARDS = 2
_MAX_CACHED_STEPS = 4_096  # about a megabyte per glob at most


class GlobError(ValueError):
    """A glob that cannot be matched; the message says why."""


# -- syntax tree ------------------------------------------------------------------


@dataclass(frozen=True)
class _Literal:
    char: str


@dataclass(frozen=True)
class _Class:
    """One character but ``/``: ``[...]``, or ``?`` (an empty negated class)."""

    negated: bool
    chars: str
    ranges: tuple[tuple[str, str], ...]

    def accepts(self, c: str) -> bool:
        if c == "/":
            return False
        inside = c in self.chars or any(lo <= c <= hi for lo, hi in self.ranges)
        return inside is not self.negated

    def regex(self) -> str:
        members = "".join(re.escape(c) for c in self.chars)
        members += "".join(f"{re.escape(lo)}-{re.escape(hi)}" for lo, hi in self.ranges)
        if self.negated:
            return f"[^/{members}]"
        if "/" in self.chars or any(lo <= "/" <= hi for lo, hi in self.ranges):
            return f"(?!/)[{members}]"
        return f"[{members}]"


@dataclass(frozen=True)
class _Repeat:
    """``*`` (``crosses`` False), ``**`` (True); ``**/`` is ``_OptionalFolders``."""

    crosses: bool


@dataclass(frozen=True)
class _OptionalFolders:
    pass


@dataclass(frozen=True)
class _Either:
    alternatives: tuple[tuple[_Node, ...], ...]


_Node = Union[_Literal, _Class, _Repeat, _OptionalFolders, _Either]
_ANY_BUT_SLASH = _Class(negated=True, chars="", ranges=())


def _parse_class(pattern: str, start: int) -> tuple[_Class, int] | None:
    """The class opening at ``pattern[start] == '['`` and the index after it;
    None when no ``]`` closes it (the ``[`` is then literal)."""
    i = start + 1
    negated = pattern[i : i + 1] in ("!", "^")
    if negated:
        i += 1
    close = pattern.find("]", i)
    if close < 0:
        return None
    body = pattern[i:close]
    if not body:
        written = pattern[start : close + 1]
        raise GlobError(f"empty class {written!r} (write '[[]' for a literal '[')")
    chars: list[str] = []
    ranges: list[tuple[str, str]] = []
    j = 0
    while j < len(body):
        if j + 2 < len(body) and body[j + 1] == "-":
            lo, hi = body[j], body[j + 2]
            if lo > hi:
                raise GlobError(f"reversed range '{lo}-{hi}' in class {pattern[start : close + 1]!r} (write '{hi}-{lo}')")
            ranges.append((lo, hi))
            j += 3
        else:
            chars.append(body[j])
            j += 1
    return _Class(negated, "".join(dict.fromkeys(chars)), tuple(ranges)), close + 1


def _parse(pattern: str) -> tuple[_Node, ...]:
    """The syntax tree of a glob, built without recursion."""
    # Each open brace keeps its finished alternatives and the current one.
    stack: list[tuple[list[tuple[_Node, ...]], list[_Node]]] = []
    current: list[_Node] = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "*":
            if pattern.startswith("**/", i):
                current.append(_OptionalFolders())
                i += 3
            elif pattern.startswith("**", i):
                current.append(_Repeat(crosses=True))
                i += 2
            else:
                current.append(_Repeat(crosses=False))
                i += 1
            continue
        if c == "?":
            current.append(_ANY_BUT_SLASH)
        elif c == "[":
            parsed = _parse_class(pattern, i)
            if parsed is not None:
                current.append(parsed[0])
                i = parsed[1]
                continue
            current.append(_Literal(c))
        elif c == "{":
            if len(stack) >= MAX_BRACE_DEPTH:
                raise GlobError(f"braces nested more than {MAX_BRACE_DEPTH} deep")
            stack.append(([], current))
            current = []
        elif c == "," and stack:
            stack[-1][0].append(tuple(current))
            current = []
        elif c == "}":
            if not stack:
                raise GlobError(f"unbalanced braces in glob {pattern!r} (a '}}' closes nothing)")
            alternatives, outer = stack.pop()
            alternatives.append(tuple(current))
            outer.append(_Either(tuple(alternatives)))
            current = outer
        else:
            current.append(_Literal(c))
        i += 1
    if stack:
        raise GlobError(f"unbalanced braces in glob {pattern!r} (a '{{' is not closed)")
    return tuple(current)


def _wildcards(nodes: Sequence[_Node]) -> int:
    count = 0
    todo = list(nodes)
    while todo:
        node = todo.pop()
        if isinstance(node, (_Repeat, _OptionalFolders)):
            count += 1
        elif isinstance(node, _Either):
            for alternative in node.alternatives:
                todo.extend(alternative)
    return count


def _regex(nodes: Sequence[_Node]) -> str:
    out: list[str] = []
    for node in nodes:  # recursion only per brace level, at most MAX_BRACE_DEPTH
        if isinstance(node, _Literal):
            out.append(re.escape(node.char))
        elif isinstance(node, _Class):
            out.append(node.regex())
        elif isinstance(node, _Repeat):
            out.append(".*" if node.crosses else "[^/]*")
        elif isinstance(node, _OptionalFolders):
            out.append("(?:.*/)?")
        else:
            out.append("(?:" + "|".join(_regex(a) for a in node.alternatives) + ")")
    return "".join(out)


# -- automaton --------------------------------------------------------------------

# A state is an index into _Automaton.steps: (kind, test, targets) with kind
# "char" (one character that passes test, then targets[0]), "split" (any of
# targets, reading nothing) or "match".
_Test = Union[str, _Class, None]  # a literal character, a class, None: any character
_Step = tuple[str, _Test, tuple[int, ...]]


class _Automaton:
    """Thompson's construction over the syntax tree; :meth:`run` keeps the
    set of states reachable after each character, so no backtracking."""

    def __init__(self, nodes: Sequence[_Node]) -> None:
        self.steps: list[_Step] = [("match", None, ())]
        self.start = self._build(nodes, 0)
        self._start = self._closure([self.start])
        self._next: dict[tuple[frozenset[int], str], frozenset[int]] = {}

    def _add(self, kind: str, test: _Test, targets: tuple[int, ...]) -> int:
        self.steps.append((kind, test, targets))
        return len(self.steps) - 1

    def _build(self, nodes: Sequence[_Node], follow: int) -> int:
        for node in reversed(nodes):
            if isinstance(node, _Literal):
                follow = self._add("char", node.char, (follow,))
            elif isinstance(node, _Class):
                follow = self._add("char", node, (follow,))
            elif isinstance(node, _Repeat):
                loop = self._add("split", None, ())
                body = self._add("char", None if node.crosses else _ANY_BUT_SLASH, (loop,))
                self.steps[loop] = ("split", None, (body, follow))
                follow = loop
            elif isinstance(node, _OptionalFolders):
                loop = self._add("split", None, ())
                body = self._add("char", None, (loop,))
                slash = self._add("char", "/", (follow,))
                self.steps[loop] = ("split", None, (body, slash))
                follow = self._add("split", None, (follow, loop))
            else:
                starts = tuple(self._build(a, follow) for a in node.alternatives)
                follow = self._add("split", None, starts)
        return follow

    def _closure(self, states: Sequence[int]) -> frozenset[int]:
        seen: set[int] = set()
        todo = list(states)
        while todo:
            state = todo.pop()
            if state not in seen:
                seen.add(state)
                kind, _, targets = self.steps[state]
                if kind == "split":
                    todo.extend(targets)
        return frozenset(seen)

    def run(self, text: str, accept_at: Sequence[int]) -> bool:
        """Whether the glob matches ``text[:end]`` for some end in ``accept_at``."""
        ends = set(accept_at)
        current = self._start
        for position in range(len(text) + 1):
            if position in ends and 0 in current:
                return True
            if position == len(text) or not current:
                return False
            current = self._step(current, text[position])
        return False

    def _step(self, current: frozenset[int], c: str) -> frozenset[int]:
        # A lazily built DFA: each (set of states, character) is computed once.
        key = (current, c)
        found = self._next.get(key)
        if found is None:
            following: list[int] = []
            for state in current:
                kind, test, targets = self.steps[state]
                if kind == "char" and (test is None or test == c or (isinstance(test, _Class) and test.accepts(c))):
                    following.append(targets[0])
            found = self._closure(following)
            if len(self._next) >= _MAX_CACHED_STEPS:
                self._next.clear()
            self._next[key] = found
        return found


# -- compiled globs ---------------------------------------------------------------


class CompiledGlob:
    """A parsed glob; :meth:`match` a whole string, :meth:`match_prefix`
    any leading run of ``/``-separated parts."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        nodes = _parse(pattern)
        self._regex: re.Pattern[str] | None = None
        self._automaton: _Automaton | None = None
        if _wildcards(nodes) <= MAX_REGEX_WILDCARDS:
            try:
                self._regex = re.compile(_regex(nodes) + r"\Z", re.DOTALL)
            except (re.error, RecursionError, OverflowError) as exc:
                raise GlobError(f"cannot be matched ({exc})") from None
        else:
            self._automaton = _Automaton(nodes)

    def match(self, text: str) -> bool:
        if self._regex is not None:
            return self._regex.match(text) is not None
        assert self._automaton is not None
        return self._automaton.run(text, (len(text),))

    def match_prefix(self, parts: Sequence[str]) -> bool:
        """Whether the glob matches ``"/".join(parts[:end])`` for some end >= 1."""
        if self._regex is not None:
            regex = self._regex
            return any(regex.match("/".join(parts[:end])) for end in range(len(parts), 0, -1))
        assert self._automaton is not None
        ends: list[int] = []
        position = -1
        for part in parts:
            position += 1 + len(part)
            ends.append(position)
        return self._automaton.run("/".join(parts), ends)


@functools.lru_cache(maxsize=1024)
def compile_glob(pattern: str) -> CompiledGlob:
    """The compiled glob (cached); raises :class:`GlobError`."""
    return CompiledGlob(pattern)


__all__ = ["MAX_BRACE_DEPTH", "CompiledGlob", "GlobError", "compile_glob"]
