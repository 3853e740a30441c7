"""Build ``lint/data/english-words.dict``: the spelling dictionary.

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
itself. Each word keeps its SCOWL level so the checker can rank suggestions
by how common a word is.

The file is a MARISA trie with the levels and the variant lists beside it
(format: :mod:`lint.word_trie`), which copydesk reads in about a
millisecond instead of building Python sets of every word on each run.
The same word list gives the same bytes. ``--dump`` prints a file's words
as ``level variant word`` lines, to review a change with ``diff``.

Usage::

    apt-get install scowl
    python3 scripts/build_dictionary.py [--max-level 70] [--source DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lint.word_trie import dumps, loads  # noqa: E402

LEVELS = (10, 20, 35, 40, 50, 55, 60, 70, 80, 95)
COMMON = ("english",)
US = ("american",)
GB = ("british", "british_z", "british_variant_1")
# Less common British variants ("misspelt", "enquire") up to this level only:
# above it the list holds forms that are more often slips ("heros").
GB_VARIANT_2 = ("british_variant_2", 35)
KINDS = ("words", "upper", "proper-names", "abbreviations", "contractions")

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


def write(words: dict[str, tuple[int, str]], target: Path) -> None:
    target.write_bytes(dumps(words))


def dump(path: Path) -> None:
    """Print a word file as ``level variant word`` lines, sorted by word."""
    data = loads(path.read_bytes())
    for word in sorted(data.trie.keys()):
        variant = "U" if word in data.us else "G" if word in data.gb else "-"
        print(data.levels[data.trie.key_id(word)], variant, word)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=Path("/usr/share/dict/scowl"))
    parser.add_argument("--max-level", type=int, default=80)
    parser.add_argument(
        "--output", type=Path, default=Path(__file__).resolve().parent.parent / "lint" / "data" / "english-words.dict"
    )
    parser.add_argument("--dump", type=Path, metavar="FILE", help="print the words of a built file and exit")
    args = parser.parse_args()
    if args.dump:
        dump(args.dump)
        return
    words = collect(args.source, args.max_level)
    write(words, args.output)
    counts = {v: sum(1 for _, var in words.values() if var == v) for v in ("", "U", "G")}
    print(f"{len(words)} words ({counts['']} common, {counts['U']} US only, {counts['G']} GB only) -> {args.output}")


if __name__ == "__main__":
    main()
