"""Remembers rule files that loaded cleanly, so later runs can defer regex
compilation to first use.

A rule file is identified by a digest of its bytes, its pack and file name,
and the versions of copydesk and the ``regex`` module. A file whose digest
is known was compiled successfully before, so its regexes cannot fail to
compile; the loader then builds it with lazy patterns, and a rule that the
literal prefilter skips on every document never compiles at all.

The store is a small text file in the user's cache folder
(``$COPYDESK_CACHE_DIR``, else ``$XDG_CACHE_HOME/copydesk``, else
``~/.cache/copydesk``). Every failure to read or write it is ignored: the
cache only ever saves time.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import regex

from lint import __version__

STORE_NAME = "validated-rules.txt"
MAX_ENTRIES = 5000


def cache_folder() -> Path:
    explicit = os.environ.get("COPYDESK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "copydesk"


def rule_digest(content: bytes, rule_id: str) -> str:
    h = hashlib.sha256()
    h.update(f"{__version__}\0{regex.__version__}\0{rule_id}\0".encode())
    h.update(content)
    return h.hexdigest()


class ValidatedRules:
    """The set of rule digests known to compile, loaded once per process."""

    def __init__(self, folder: Path | None = None) -> None:
        self.path = (folder or cache_folder()) / STORE_NAME
        self._known: set[str] | None = None
        self._new: set[str] = set()

    def _load(self) -> set[str]:
        if self._known is None:
            try:
                self._known = set(self.path.read_text(encoding="ascii").split())
            except (OSError, UnicodeDecodeError):
                self._known = set()
        return self._known

    def known(self, digest: str) -> bool:
        return digest in self._load()

    def remember(self, digest: str) -> None:
        if digest not in self._load():
            self._new.add(digest)

    def save(self) -> None:
        """Write new digests (atomically; errors ignored)."""
        if not self._new:
            return
        entries = sorted(self._load() | self._new)[-MAX_ENTRIES:]
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".validated-", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write("\n".join(entries) + "\n")
            os.replace(tmp, self.path)
        except OSError:
            return
        self._known = set(entries)
        self._new.clear()
