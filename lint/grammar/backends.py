"""The grammar backends by name, behind one small interface."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from lint.grammar import harper_backend, languagetool_backend
from lint.grammar.model import BackendResult, GrammarOptions


@dataclass(frozen=True)
class Backend:
    """What the ``grammar`` rule type needs from a backend.

    ``validate`` returns problems with a rule's options (checked when the
    rule loads); ``check`` lints prose; ``max_chars`` bounds one call
    (None: no limit); ``install_hint`` says how to install it.
    """

    name: str
    available: Callable[[], bool]
    validate: Callable[[GrammarOptions], list[str]]
    check: Callable[[str, GrammarOptions, str], BackendResult]
    install_hint: str
    max_chars: int | None = None
    # Builds what the first check would (the dialect given), or None.
    warm: Callable[[str], None] | None = None


BACKENDS: dict[str, Backend] = {
    harper_backend.NAME: Backend(
        name=harper_backend.NAME,
        available=harper_backend.available,
        validate=harper_backend.validate,
        check=harper_backend.check,
        install_hint=harper_backend.INSTALL_HINT,
        warm=harper_backend.warm,
    ),
    languagetool_backend.NAME: Backend(
        name=languagetool_backend.NAME,
        available=languagetool_backend.available,
        validate=languagetool_backend.validate,
        check=languagetool_backend.check,
        install_hint=languagetool_backend.INSTALL_HINT,
        max_chars=languagetool_backend.MAX_REQUEST_CHARS,
    ),
}


def get_backend(name: str) -> Backend:
    """The backend called ``name``; KeyError when there is none."""
    return BACKENDS[name]
