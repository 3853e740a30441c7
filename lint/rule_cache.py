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

:class:`ParsedRules` keeps, in the same folder, what the YAML of each rule
file parsed to (the data and the line of each key), by a digest of the
text, the parser's code and copydesk's and PyYAML's versions: reading the
shipped packs' YAML took about 25 ms of every run, and importing PyYAML
another 10. Only files that parsed cleanly are kept; the rule checks run
on the data as before.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import regex

from lint import __version__
from lint.atomic_files import write_atomically

STORE_NAME = "validated-rules.txt"
MAX_ENTRIES = 5000
PARSED_NAME = "parsed-rules.bin"
MAX_PARSED = 500


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
            write_atomically(self.path, ("\n".join(entries) + "\n").encode("ascii"))
        except OSError:
            return
        self._known = set(entries)
        self._new.clear()


Parsed = tuple[Any, dict[str, int]]


class ParsedRules:
    """Parsed rule-file YAML by a digest of its text, loaded once per
    process. ``stamp`` names the parser (its code and library versions):
    a different stamp never matches an entry written under another."""

    def __init__(self, stamp: Callable[[], str], folder: Path | None = None) -> None:
        self.path = (folder or cache_folder()) / PARSED_NAME
        self._stamp = stamp
        self._prefix: bytes | None = None
        self._entries: dict[str, bytes] | None = None
        self._new: dict[str, bytes] = {}

    def _key(self, text: str) -> str:
        if self._prefix is None:
            self._prefix = f"{__version__}\0{self._stamp()}\0".encode()
        h = hashlib.sha256(self._prefix)
        h.update(text.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def _load(self) -> dict[str, bytes]:
        if self._entries is None:
            self._entries = {}
            try:
                loaded = marshal.loads(self.path.read_bytes())
            except (OSError, ValueError, EOFError, TypeError):
                loaded = None
            if isinstance(loaded, dict):
                self._entries = {k: v for k, v in loaded.items() if isinstance(k, str) and isinstance(v, bytes)}
        return self._entries

    def get(self, text: str) -> Parsed | None:
        """What ``text`` parsed to before (new objects each time), or None."""
        blob = self._load().get(self._key(text))
        if blob is None:
            return None
        try:
            found = marshal.loads(blob)
        except (ValueError, EOFError, TypeError):
            return None
        if not (isinstance(found, tuple) and len(found) == 2 and isinstance(found[1], dict)):
            return None
        return found[0], found[1]

    def remember(self, text: str, parsed: Parsed) -> None:
        """Keep a clean parse; data marshal cannot store (dates) is skipped."""
        try:
            blob = marshal.dumps(parsed)
        except ValueError:
            return
        key = self._key(text)
        if self._load().get(key) != blob:
            self._new[key] = blob

    def save(self) -> None:
        """Write new entries (atomically; errors ignored), keeping the most
        recent MAX_PARSED."""
        if not self._new:
            return
        entries = {k: v for k, v in self._load().items() if k not in self._new}
        entries.update(self._new)
        kept = dict(list(entries.items())[-MAX_PARSED:])
        try:
            write_atomically(self.path, marshal.dumps(kept))
        except (OSError, ValueError):
            return
        self._entries = kept
        self._new.clear()
