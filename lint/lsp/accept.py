"""Writing a word into a project's accept list (``accept.txt``)."""

from __future__ import annotations

import os
from pathlib import Path

# Characters that make a vocabulary term a regular expression
# (see lint.vocabulary); a word holding them is written escaped.
_META = "\\.^$*+?{}[]|()"


def as_term(word: str) -> str:
    """The accept-list line that accepts exactly ``word``."""
    return "".join("\\" + c if c in _META else c for c in word)


def add_accepted_word(path: Path, word: str) -> bool:
    """Append ``word`` to the accept list at ``path``, creating the file and
    its folders. False when the word is already listed (nothing written)."""
    term = as_term(word.strip())
    if not term:
        return False
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            text = handle.read()
    except FileNotFoundError:
        text = ""
    existing = {line.strip() for line in text.splitlines()}
    if term in existing:
        return False
    ending = "\r\n" if "\r\n" in text else "\n"
    if text and not text.endswith(("\n", "\r")):
        text += ending
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text + term + ending, encoding="utf-8", newline="")
    os.replace(temporary, path)
    return True
