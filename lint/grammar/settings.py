"""Process-wide grammar settings: where LanguageTool is, and the default dialect.

Unpublished copy can be under embargo, so no text is ever sent to a
LanguageTool server unless one is configured, by

* the environment: ``COPYDESK_LANGUAGETOOL_URL=https://lt.example.internal``
  (or ``=local`` for a local LanguageTool install that language-tool-python
  starts), which wins so that CI can point at its own server; or
* the project configuration: :func:`use_grammar_settings` around a lint (per
  file, as :func:`lint.vocabulary.use_vocabulary`), or :func:`configure` for
  the whole process, with its ``languagetool.url`` / ``languagetool.local``.

The dialect of a ``grammar`` rule that names none is the configured one,
else American English.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace

ENV_URL = "COPYDESK_LANGUAGETOOL_URL"
LOCAL = "local"
DEFAULT_DIALECT = "en-US"
DEFAULT_TIMEOUT = 20.0


@dataclass(frozen=True)
class LanguageToolSettings:
    """``url`` is the server's base URL (the API lives under ``/v2/``);
    ``local`` asks language-tool-python to start a local install."""

    url: str = ""
    local: bool = False
    timeout: float = DEFAULT_TIMEOUT

    @property
    def configured(self) -> bool:
        return bool(self.url) or self.local

    def describe(self) -> str:
        return "a local LanguageTool" if self.local and not self.url else f"the LanguageTool server at {self.url}"


@dataclass(frozen=True)
class GrammarSettings:
    dialect: str = ""
    languagetool: LanguageToolSettings = LanguageToolSettings()


_lock = threading.Lock()
_configured = GrammarSettings()
_current: contextvars.ContextVar[GrammarSettings | None] = contextvars.ContextVar("copydesk_grammar", default=None)


def current() -> GrammarSettings:
    """The settings in effect: :func:`use_grammar_settings`, else :func:`configure`."""
    return _current.get() or _configured


@contextlib.contextmanager
def use_grammar_settings(settings: GrammarSettings | None) -> Iterator[GrammarSettings]:
    """Use ``settings`` (one file's configuration) for the duration of a
    block; None (a file whose configuration sets none) leaves the settings
    in effect as they are."""
    if settings is None:
        yield current()
        return
    token = _current.set(settings)
    try:
        yield settings
    finally:
        _current.reset(token)


def configure(
    *,
    dialect: str | None = None,
    languagetool_url: str | None = None,
    languagetool_local: bool | None = None,
    languagetool_timeout: float | None = None,
) -> GrammarSettings:
    """Set what the project configuration says; ``None`` leaves a setting as it is."""
    global _configured
    with _lock:
        lt = _configured.languagetool
        if languagetool_url is not None:
            lt = replace(lt, url=languagetool_url.strip())
        if languagetool_local is not None:
            lt = replace(lt, local=languagetool_local)
        if languagetool_timeout is not None:
            lt = replace(lt, timeout=languagetool_timeout)
        _configured = GrammarSettings(_configured.dialect if dialect is None else dialect, lt)
        return _configured


def reset() -> None:
    """Forget every configured setting (tests, and the language server on reload)."""
    global _configured
    with _lock:
        _configured = GrammarSettings()


def languagetool_settings() -> LanguageToolSettings:
    """The LanguageTool server to use: the environment, else the configuration."""
    configured = current().languagetool
    env = os.environ.get(ENV_URL, "").strip()
    if env:
        if env.lower() == LOCAL:
            return LanguageToolSettings(local=True, timeout=configured.timeout)
        return LanguageToolSettings(url=env, timeout=configured.timeout)
    return configured


def default_dialect() -> str:
    return current().dialect or DEFAULT_DIALECT
