"""Vale's regex flavour (Go's RE2, plus lookarounds) to Python's ``regex``.

Most RE2 syntax means the same in ``regex``. The differences handled here:

=====================  ======================  ==================================
RE2 / Go               ``regex``               note
=====================  ======================  ==================================
``\\z``                 ``\\Z``                  end of text
``\\x{263A}``           ``\\u263A``              hex escape with braces
``\\Q...\\E``            escaped literal         quoted text
``\\C``                 ``[\\s\\S]``              any (byte): any character
``a(?i)b``             ``a(?i:b)``             flags apply to the rest of their
``(?i)a|b``            ``(?i:a|b)``            group only, even at the start
``(?U)``               dropped, with a         ungreedy mode has no equivalent
                       warning
=====================  ======================  ==================================

Named groups ``(?P<x>...)``, ``(?<x>...)``, POSIX classes (``[[:alpha:]]``),
``\\pL`` and ``\\p{Greek}`` need no change.
"""

from __future__ import annotations

from dataclasses import dataclass

_FLAG_CHARS = frozenset("imsU-")


@dataclass(frozen=True)
class Translation:
    pattern: str
    warnings: tuple[str, ...] = ()


def translate(pattern: str) -> Translation:
    """Translate one RE2 pattern; returns the ``regex`` pattern and warnings
    for syntax that has no exact equivalent."""
    out: list[str] = []
    warnings: list[str] = []
    # For each open group: how many extra ')' to add when it closes, and
    # whether anything was emitted in it yet.
    stack: list[list[int]] = [[0, 0]]
    i = 0
    n = len(pattern)
    in_class = False
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            nxt = pattern[i + 1]
            if nxt == "Q":
                end = pattern.find("\\E", i + 2)
                literal = pattern[i + 2 :] if end < 0 else pattern[i + 2 : end]
                out.append("".join("\\" + ch if not ch.isalnum() and ch != " " else ch for ch in literal))
                i = n if end < 0 else end + 2
                stack[-1][1] = 1
                continue
            if nxt == "z" and not in_class:
                out.append("\\Z")
            elif nxt == "C" and not in_class:
                out.append("[\\s\\S]")
            elif nxt == "x" and i + 2 < n and pattern[i + 2] == "{":
                close = pattern.find("}", i + 3)
                if close < 0:
                    out.append(pattern[i : i + 2])
                else:
                    code = pattern[i + 3 : close]
                    out.append(_hex_escape(code))
                    i = close + 1
                    stack[-1][1] = 1
                    continue
            else:
                out.append(pattern[i : i + 2])
            i += 2
            stack[-1][1] = 1
            continue
        if in_class:
            if c == "[" and pattern.startswith("[:", i):
                close = pattern.find(":]", i + 2)
                if close >= 0:
                    out.append(pattern[i : close + 2])
                    i = close + 2
                    continue
            if c == "]":
                in_class = False
            out.append(c)
            i += 1
            continue
        if c == "[":
            in_class = True
            out.append(c)
            i += 1
            # a ']' right after '[' or '[^' is literal
            if i < n and pattern[i] == "^":
                out.append("^")
                i += 1
            if i < n and pattern[i] == "]":
                out.append("]")
                i += 1
            stack[-1][1] = 1
            continue
        if c == "(":
            flags_end = _flag_group_end(pattern, i)
            if flags_end is not None:
                flags = pattern[i + 2 : flags_end]
                if "U" in flags:
                    warnings.append("ungreedy mode (?U) has no equivalent; quantifiers stay greedy")
                    flags = flags.replace("U", "")
                i = flags_end + 1
                if not flags or flags == "-":
                    continue
                # Scoped even at the start: a Vale token is a fragment of a
                # larger pattern, where a bare flag would apply to all of it.
                out.append(f"(?{flags}:")
                stack[-1][0] += 1
                continue
            stack[-1][1] = 1
            stack.append([0, 0])
            out.append(c)
            i += 1
            continue
        if c == ")":
            if len(stack) > 1:
                extra, _ = stack.pop()
                out.append(")" * extra)
            out.append(c)
            i += 1
            stack[-1][1] = 1
            continue
        out.append(c)
        stack[-1][1] = 1
        i += 1
    for extra, _ in reversed(stack):
        out.append(")" * extra)
    return Translation("".join(out), tuple(dict.fromkeys(warnings)))


def _flag_group_end(pattern: str, i: int) -> int | None:
    """Index of ')' when ``pattern[i:]`` starts a bare flag group ``(?ims)``."""
    if not pattern.startswith("(?", i):
        return None
    j = i + 2
    while j < len(pattern) and pattern[j] in _FLAG_CHARS:
        j += 1
    if j == i + 2 or j >= len(pattern) or pattern[j] != ")":
        return None
    return j


def _hex_escape(code: str) -> str:
    try:
        value = int(code, 16)
    except ValueError:
        return "\\x{" + code + "}"
    if value <= 0xFFFF:
        return f"\\u{value:04x}"
    return f"\\U{value:08x}"


def translate_pattern(pattern: str) -> str:
    """:func:`translate` without the warnings."""
    return translate(pattern).pattern
