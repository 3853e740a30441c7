"""Cache files written whole or not at all: through a temporary file in the
same folder and a rename, so that a reader (another run, a worker, the
language server) sees the old file or the new one, never part of one."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path``, making its folder if need be. Errors are
    raised (callers that only save time catch ``OSError``); the temporary
    file is removed when writing fails."""
    import tempfile  # here: a run that writes nothing never imports it

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
