"""Fixtures for the grammar backend tests: a fake backend with known
behaviour (to test the mapping without depending on a real engine's
judgement), and clean process-wide grammar settings for every test."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from lint.grammar import languagetool_backend, settings
from lint.grammar.backends import BACKENDS, Backend
from lint.grammar.mapping import utf16_length
from lint.grammar.model import BackendError, BackendMatch, BackendResult, GrammarOptions


@pytest.fixture(autouse=True)
def _clean_grammar_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No LanguageTool server unless a test configures one."""
    monkeypatch.delenv(settings.ENV_URL, raising=False)
    settings.reset()
    languagetool_backend.forget()
    yield
    settings.reset()
    languagetool_backend.forget()


@dataclass
class FakeBackend:
    """Flags every whole-word occurrence of ``words`` (word -> replacement).

    ``utf16`` answers as LanguageTool does, with offsets in UTF-16 units, and
    goes through the LanguageTool adapter's response parser. ``spelling``
    words are reported as spelling matches. ``texts`` records what the
    backend was given.
    """

    words: dict[str, str]
    spelling: frozenset[str] = frozenset()
    utf16: bool = False
    error: str = ""
    texts: list[str] = field(default_factory=list)

    def check(self, text: str, options: GrammarOptions, dialect: str) -> BackendResult:
        self.texts.append(text)
        if self.error:
            raise BackendError(self.error)
        if self.utf16:
            return languagetool_backend.parse_response(self._lt_answer(text), text)
        found = []
        for word, replacement in self.words.items():
            for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text):
                found.append(
                    BackendMatch(
                        m.start(),
                        m.end(),
                        "FakeSpelling" if word in self.spelling else "FakeRule",
                        "Spelling" if word in self.spelling else "Grammar",
                        f"Fake: '{word}'",
                        (replacement,),
                        spelling=word in self.spelling,
                    )
                )
        return BackendResult(tuple(found))

    def _lt_answer(self, text: str) -> dict[str, object]:
        matches = []
        for word, replacement in self.words.items():
            for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text):
                offset = utf16_length(text[: m.start()])
                matches.append(
                    {
                        "message": f"Fake: '{word}'",
                        "offset": offset,
                        "length": utf16_length(m.group()),
                        "replacements": [{"value": replacement}],
                        "rule": {"id": "FAKE_RULE", "issueType": "grammar", "category": {"id": "GRAMMAR", "name": "Grammar"}},
                    }
                )
        return {"matches": matches, "warnings": {"incompleteResults": False}}


@pytest.fixture
def fake_backend(monkeypatch: pytest.MonkeyPatch) -> FakeBackend:
    fake = FakeBackend({"teh": "the", "recieve": "receive"})
    monkeypatch.setitem(
        BACKENDS,
        "fake",
        Backend(
            name="fake",
            available=lambda: True,
            validate=lambda options: [],
            check=lambda text, options, dialect: fake.check(text, options, dialect),
            install_hint="",
        ),
    )
    return fake
