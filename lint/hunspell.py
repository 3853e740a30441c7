"""Read Hunspell ``.dic``/``.aff`` pairs into a word set.

Vale's ``spelling`` rules may name a Hunspell dictionary (``dic``/``aff``, or
``dicpath`` with ``dictionaries``). Rather than run Hunspell's algorithm per
word, the stems are expanded once with their prefix and suffix rules
(including cross products and one level of continuation classes), so every
lookup afterwards is a set lookup. Compounding rules are not applied:
compounds must be listed. ``NEEDAFFIX``, ``ONLYINCOMPOUND`` and
``FORBIDDENWORD`` stems are not accepted on their own.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

import regex

from lint.dictionary import Dictionary

MAX_FORMS = 5_000_000


class HunspellError(Exception):
    pass


@dataclass(frozen=True)
class AffixRule:
    flag: str
    prefix: bool
    strip: str
    add: str
    condition: regex.Pattern[str] | None
    cross: bool
    continuation: tuple[str, ...]

    def apply(self, word: str) -> str | None:
        if self.condition is not None and not self.condition.search(word):
            return None
        if self.prefix:
            if self.strip and not word.startswith(self.strip):
                return None
            return self.add + word[len(self.strip) :]
        if self.strip and not word.endswith(self.strip):
            return None
        base = word[: len(word) - len(self.strip)] if self.strip else word
        return base + self.add


@dataclass(frozen=True)
class Affixes:
    flag_type: str
    rules: dict[str, tuple[AffixRule, ...]]
    need_affix: str = ""
    only_in_compound: str = ""
    forbidden: str = ""

    def split_flags(self, text: str) -> tuple[str, ...]:
        if not text:
            return ()
        if self.flag_type == "long":
            return tuple(text[i : i + 2] for i in range(0, len(text), 2))
        if self.flag_type == "num":
            return tuple(f for f in text.split(",") if f)
        return tuple(text)


def _condition(cond: str, prefix: bool) -> regex.Pattern[str] | None:
    if cond in ("", "."):
        return None
    try:
        return regex.compile("^" + cond if prefix else cond + "$")
    except regex.error:
        return None


def parse_aff(text: str) -> Affixes:
    flag_type = "char"
    rules: dict[str, list[AffixRule]] = {}
    headers: dict[str, tuple[bool, bool]] = {}
    specials = {"NEEDAFFIX": "", "ONLYINCOMPOUND": "", "FORBIDDENWORD": ""}
    lines = [line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip() for line in text.splitlines()]
    pending: list[tuple[list[str], bool]] = []
    for line in lines:
        if not line:
            continue
        parts = line.split()
        key = parts[0]
        if key == "FLAG" and len(parts) > 1:
            flag_type = {"long": "long", "num": "num", "UTF-8": "char"}.get(parts[1], "char")
        elif key in specials and len(parts) > 1:
            specials[key] = parts[1]
        elif key in ("PFX", "SFX") and len(parts) >= 4:
            flag = parts[1]
            if flag not in headers and parts[3].isdigit() and len(parts) == 4:
                headers[flag] = (key == "PFX", parts[2] == "Y")
                continue
            pending.append((parts, key == "PFX"))
    out = Affixes(flag_type, {}, specials["NEEDAFFIX"], specials["ONLYINCOMPOUND"], specials["FORBIDDENWORD"])
    for parts, prefix in pending:
        flag = parts[1]
        _, cross = headers.get(flag, (prefix, False))
        strip = "" if parts[2] == "0" else parts[2]
        add, _, cont = parts[3].partition("/")
        add = "" if add == "0" else add
        cond = parts[4] if len(parts) > 4 else "."
        rules.setdefault(flag, []).append(
            AffixRule(flag, prefix, strip, add, _condition(cond, prefix), cross, out.split_flags(cont))
        )
    return Affixes(flag_type, {k: tuple(v) for k, v in rules.items()}, out.need_affix, out.only_in_compound, out.forbidden)


def _split_entry(line: str) -> tuple[str, str]:
    entry = line.split("\t", 1)[0].strip()
    # "word/FLAGS morph..." - a backslash escapes a slash in the word.
    entry = entry.split(" ", 1)[0] if "/" in entry.split(" ", 1)[0] else entry
    i = 0
    while True:
        j = entry.find("/", i)
        if j < 0:
            return entry.replace("\\/", "/"), ""
        if j > 0 and entry[j - 1] == "\\":
            i = j + 1
            continue
        return entry[:j].replace("\\/", "/"), entry[j + 1 :]


def expand(dic_text: str, affixes: Affixes) -> set[str]:
    words: set[str] = set()
    lines = dic_text.splitlines()
    if lines and lines[0].strip().isdigit():
        lines = lines[1:]
    blocked = {affixes.need_affix, affixes.only_in_compound} - {""}
    for line in lines:
        if not line.strip() or line.startswith(("#", "\t")):
            continue
        stem, flag_text = _split_entry(line)
        if not stem:
            continue
        flags = affixes.split_flags(flag_text)
        if affixes.forbidden and affixes.forbidden in flags:
            continue
        if not blocked.intersection(flags):
            words.add(stem)
        suffixed: list[tuple[str, AffixRule]] = []
        for flag in flags:
            for rule in affixes.rules.get(flag, ()):
                form = rule.apply(stem)
                if form is None:
                    continue
                if not blocked.intersection(rule.continuation):
                    words.add(form)
                for cont in rule.continuation:
                    for rule2 in affixes.rules.get(cont, ()):
                        if rule2.prefix == rule.prefix:
                            form2 = rule2.apply(form)
                            if form2 is not None:
                                words.add(form2)
                if not rule.prefix:
                    suffixed.append((form, rule))
        # cross products: a prefix applied to suffixed forms
        for flag in flags:
            for rule in affixes.rules.get(flag, ()):
                if rule.prefix and rule.cross:
                    for form, srule in suffixed:
                        if srule.cross:
                            result = rule.apply(form)
                            if result is not None:
                                words.add(result)
        if len(words) > MAX_FORMS:
            raise HunspellError(f"dictionary expands to more than {MAX_FORMS} words")
    return words


def load_hunspell(dic: str | os.PathLike[str], aff: str | os.PathLike[str] | None = None) -> Dictionary:
    """A :class:`Dictionary` from a ``.dic`` file and its ``.aff`` (default:
    the ``.aff`` beside it). Cached per process by paths and mtimes."""
    dic_path = Path(dic)
    aff_path = Path(aff) if aff else dic_path.with_suffix(".aff")
    try:
        dic_stat = dic_path.stat()
        aff_mtime = aff_path.stat().st_mtime_ns if aff_path.is_file() else 0
    except OSError as exc:
        raise HunspellError(f"{dic_path}: cannot read dictionary: {exc.strerror or exc}") from None
    return _load(str(dic_path.resolve()), dic_stat.st_mtime_ns, str(aff_path.resolve()), aff_mtime)


def _read(path: Path) -> str:
    data = path.read_bytes()
    head = data[:2000].decode("latin-1")
    match = regex.search(r"(?m)^SET\s+(\S+)", head)
    encoding = match.group(1) if match else "utf-8"
    try:
        return data.decode(encoding, errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")


@functools.lru_cache(maxsize=16)
def _load(dic: str, dic_mtime: int, aff: str, aff_mtime: int) -> Dictionary:
    aff_path = Path(aff)
    aff_text = _read(aff_path) if aff_mtime else ""
    affixes = parse_aff(aff_text)
    dic_bytes = Path(dic).read_bytes()
    match = regex.search(r"(?m)^SET\s+(\S+)", aff_text)
    try:
        dic_text = dic_bytes.decode(match.group(1) if match else "utf-8", errors="replace")
    except LookupError:
        dic_text = dic_bytes.decode("utf-8", errors="replace")
    words = expand(dic_text, affixes)
    return Dictionary(frozenset(words), {}, Path(dic).stem)
