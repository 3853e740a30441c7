"""Starting the server: what stands between spawning it and its answer to
``initialize``, kept as short as it can be.

* **Compiled once.** ``import lsprotocol.types`` defines about 550 attrs
  classes, and attrs writes the ``__init__``, ``__repr__``, ``__eq__``... of
  each as Python source and compiles it: about 60% of the import, and the
  import was most of the start. That source is the same on every start, so
  from :func:`begin` to :func:`finish` the code that attrs, cattrs and
  typing compile is kept, as Python keeps ``.pyc`` files for modules, and
  only what has not been seen is compiled.

  The store is one file in copydesk's cache folder (``$COPYDESK_CACHE_DIR``,
  else ``$XDG_CACHE_HOME/copydesk``, else ``~/.cache/copydesk``, as for
  :mod:`lint.rule_cache`), named after the interpreter's bytecode version.
  An entry is found by a digest of the exact source, the file name attrs
  gives it and the compiler flags, so a new version of attrs or lsprotocol
  finds nothing and compiles as before; the file is rewritten, holding only
  what this start used, whenever something was missing. Every failure to
  read or write it is ignored: the store only ever saves time.

* **Only young garbage collected while starting.** The imports make
  several hundred thousand objects that live as long as the server, and the
  collector walked the older generations, where they pile up, again and
  again. :func:`begin` leaves those generations alone until :func:`finish`,
  once the answer to ``initialize`` is out (about 30 ms less CPU); the
  youngest is still collected, so the garbage of the imports does not pile
  up with them. (Not collecting at all saved another 15 ms but cost 9 MB
  for the rest of the session: that garbage, freed late, leaves holes in
  memory that is otherwise kept.)
"""

from __future__ import annotations

import __future__

import builtins
import gc
import importlib.util
import marshal
import os
import sys
import types
from pathlib import Path
from typing import Any

try:  # hashlib would load OpenSSL first, for nothing
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter without it
    from hashlib import blake2b

STORE_PREFIX = "generated-code"



def _future_flags() -> int:
    """Compiler flags a caller's ``from __future__`` imports pass on to compile()."""
    flags = 0
    for name in __future__.all_feature_names:
        flags |= getattr(__future__, name).compiler_flag
    return flags


_FUTURE_FLAGS = _future_flags()


def cache_folder() -> Path:
    """copydesk's cache folder (the one :func:`lint.rule_cache.cache_folder`
    names; not imported from there, which would load ``regex`` first)."""
    explicit = os.environ.get("COPYDESK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "copydesk"


def store_path(folder: Path | None = None) -> Path:
    return (folder or cache_folder()) / f"{STORE_PREFIX}-{sys.implementation.cache_tag}.bin"


class CodeStore:
    """Compiled code by a digest of its source; a stand-in for ``compile``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.known: dict[bytes, types.CodeType] = {}
        self.used: dict[bytes, types.CodeType] = {}
        self.missed = 0
        self._load()

    def _load(self) -> None:
        try:
            data = marshal.loads(self.path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return
        if not (isinstance(data, tuple) and len(data) == 2 and data[0] == importlib.util.MAGIC_NUMBER):
            return
        entries = data[1]
        if isinstance(entries, dict):
            self.known = {k: v for k, v in entries.items() if isinstance(k, bytes) and isinstance(v, types.CodeType)}

    def compile(
        self,
        source: Any,
        filename: Any,
        mode: str,
        flags: int = 0,
        dont_inherit: bool = False,
        optimize: int = -1,
    ) -> Any:
        """``compile()`` as the calling module would have called it, served
        from the store when the same source was compiled before."""
        if not dont_inherit:
            # What compile() would inherit: the caller's future imports.
            flags |= sys._getframe(1).f_code.co_flags & _FUTURE_FLAGS
        if optimize == -1:
            optimize = sys.flags.optimize
        if not (isinstance(source, str) and isinstance(filename, str)) or flags & ~_FUTURE_FLAGS:
            return builtins.compile(source, filename, mode, flags, True, optimize)
        digest = blake2b(digest_size=20)
        digest.update(f"{mode}\0{flags}\0{optimize}\0{filename}\0".encode("utf-8", "surrogatepass"))
        digest.update(source.encode("utf-8", "surrogatepass"))
        key = digest.digest()
        code = self.known.get(key)
        if code is None:
            code = builtins.compile(source, filename, mode, flags, True, optimize)
            self.missed += 1
        self.used[key] = code
        return code

    def save(self) -> None:
        """Write what this process used, when something had to be compiled."""
        if not self.missed:
            return
        from lint.atomic_files import write_atomically

        try:
            write_atomically(self.path, marshal.dumps((importlib.util.MAGIC_NUMBER, self.used)))
        except (OSError, ValueError):
            pass


# Modules whose calls to compile() make the same code on every start:
# attrs' generated methods (every class of lsprotocol.types), cattrs'
# structure and unstructure functions (those that answering ``initialize``
# needs) and typing's forward references (lsprotocol's converter resolves
# them all).
COMPILING_MODULES = ("attr._make", "cattrs.gen", "typing")


class _Start:
    """What :func:`begin` changed, for :func:`finish` to put back."""

    def __init__(self) -> None:
        self.store: CodeStore | None = None
        self.patched: list[tuple[dict[str, Any], object]] = []
        self.thresholds: tuple[int, int, int] | None = None


_start: _Start | None = None
_ABSENT = object()
# While starting, only the youngest generation is collected.
_STARTING_THRESHOLDS = (1000, 1_000_000)


def begin(folder: Path | None = None) -> None:
    """Import the protocol and pygls, with compiled code from the store in
    ``folder`` (copydesk's cache folder by default) and only young garbage
    collected, until :func:`started`."""
    global _start
    if _start is not None or "lsprotocol.types" in sys.modules:
        return
    start = _start = _Start()
    start.thresholds = gc.get_threshold()
    gc.set_threshold(start.thresholds[0], *_STARTING_THRESHOLDS)
    try:
        modules = [importlib.import_module(name) for name in COMPILING_MODULES]
    except ImportError:  # attrs or cattrs moved their code: import as is
        modules = []
    if modules:
        start.store = CodeStore(store_path(folder))
        for module in modules:
            namespace = vars(module)
            start.patched.append((namespace, namespace.get("compile", _ABSENT)))
            namespace["compile"] = start.store.compile
    import lsprotocol.types  # noqa: F401
    import pygls.lsp.server  # noqa: F401


def finish() -> None:
    """Undo :func:`begin` and save what it compiled; nothing to do when
    :func:`begin` did nothing."""
    global _start
    start, _start = _start, None
    if start is None:
        return
    for namespace, previous in start.patched:
        if previous is _ABSENT:
            namespace.pop("compile", None)
        else:
            namespace["compile"] = previous
    if start.thresholds is not None:
        gc.set_threshold(*start.thresholds)
    if start.store is not None:
        start.store.save()


def started() -> None:
    """:func:`finish` once the answer to ``initialize`` has been written
    (on the event loop's next turn)."""
    if _start is None:
        return
    import asyncio

    try:
        asyncio.get_running_loop().call_soon(finish)
    except RuntimeError:  # no event loop: nothing waits for the answer
        finish()
