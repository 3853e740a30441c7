"""Build ``lint/data/english-words.txt.gz``: the spelling dictionary.

Source: SCOWL (Spell Checker Oriented Word Lists) by Kevin Atkinson, as the
Debian package ``scowl`` installs it under ``/usr/share/dict/scowl``. The
output keeps, for levels up to ``--max-level``:

* words common to every English spelling (``english-*``: words, capitalised
  words, proper names, abbreviations, contractions);
* American-only spellings (``american-*``) marked ``U``;
* British-only spellings (``british-*``, the Oxford ``-ize`` spellings of
  ``british_z-*`` that British style guides also accept, the accepted
  variants of ``british_variant_1-*``, and ``british_variant_2-*`` up to
  level 35: "learnt", "misspelt") marked ``G``.

Possessive forms (``word's``) are dropped: the spelling check strips ``'s``
itself. Words come in sections ``@<level>`` so the checker can rank
suggestions by how common a word is.

Usage::

    apt-get install scowl
    python3 scripts/build_dictionary.py [--max-level 70] [--source DIR]
"""

from __future__ import annotations

import argparse
import gzip
from pathlib import Path

LEVELS = (10, 20, 35, 40, 50, 55, 60, 70, 80, 95)
COMMON = ("english",)
US = ("american",)
GB = ("british", "british_z", "british_variant_1")
# Less common British variants ("misspelt", "enquire") up to this level only:
# above it the list holds forms that are more often slips ("heros").
GB_VARIANT_2 = ("british_variant_2", 35)
KINDS = ("words", "upper", "proper-names", "abbreviations", "contractions")

HEADER = """\
# copydesk spelling dictionary, derived from SCOWL (Spell Checker Oriented
# Word Lists) by Kevin Atkinson, http://wordlist.aspell.net/ - see
# SCOWL-LICENSE.txt. Built by scripts/build_dictionary.py (max level {max_level}).
# Format: a line '@N' starts the words of SCOWL level N (lower is more
# common) used everywhere; '@N U' American-only words, '@N G' British-only.
"""


def read_list(path: Path) -> list[str]:
    if not path.is_file():
        return []
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return [w.strip() for w in text.splitlines() if w.strip()]


def collect(source: Path, max_level: int) -> dict[str, tuple[int, str]]:
    """word -> (level, variant) where variant is '', 'U' or 'G'."""
    found: dict[str, tuple[int, set[str]]] = {}
    for level in LEVELS:
        if level > max_level:
            break
        groups: list[tuple[tuple[str, ...], str]] = [(COMMON, "E"), (US, "U"), (GB, "G")]
        if level <= GB_VARIANT_2[1]:
            groups.append(((GB_VARIANT_2[0],), "G"))
        for group, mark in groups:
            for prefix in group:
                for kind in KINDS:
                    for word in read_list(source / f"{prefix}-{kind}.{level}"):
                        if word.endswith(("'s", "’s")) and len(word) > 2:
                            continue
                        lvl, marks = found.get(word, (level, set()))
                        marks.add(mark)
                        found[word] = (min(lvl, level), marks)
    out: dict[str, tuple[int, str]] = {}
    for word, (level, marks) in found.items():
        if "E" in marks or {"U", "G"} <= marks:
            variant = ""
        else:
            variant = "U" if "U" in marks else "G"
        out[word] = (level, variant)
    return out


def write(words: dict[str, tuple[int, str]], target: Path, max_level: int) -> None:
    lines = [HEADER.format(max_level=max_level)]
    for level in LEVELS:
        for variant in ("", "U", "G"):
            chunk = sorted(w for w, (lvl, var) in words.items() if lvl == level and var == variant)
            if not chunk:
                continue
            lines.append(f"@{level} {variant}\n" if variant else f"@{level}\n")
            lines.extend(f"{word}\n" for word in chunk)
    # mtime=0 keeps the file byte-for-byte reproducible.
    with gzip.GzipFile(target, "wb", compresslevel=9, mtime=0) as fh:
        fh.write("".join(lines).encode("utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=Path("/usr/share/dict/scowl"))
    parser.add_argument("--max-level", type=int, default=80)
    parser.add_argument(
        "--output", type=Path, default=Path(__file__).resolve().parent.parent / "lint" / "data" / "english-words.txt.gz"
    )
    args = parser.parse_args()
    words = collect(args.source, args.max_level)
    write(words, args.output, args.max_level)
    counts = {v: sum(1 for _, var in words.values() if var == v) for v in ("", "U", "G")}
    print(f"{len(words)} words ({counts['']} common, {counts['U']} US only, {counts['G']} GB only) -> {args.output}")


if __name__ == "__main__":
    main()
