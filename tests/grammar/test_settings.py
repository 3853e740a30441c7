"""Where the grammar settings come from: nothing configured means no
LanguageTool; the environment wins; a configuration applies per file or for
the process."""

from __future__ import annotations

import pytest

from lint.grammar import settings
from lint.grammar.languagetool_backend import normalize_url, request_params
from lint.grammar.model import GrammarOptions, Spelling
from lint.grammar.settings import GrammarSettings, LanguageToolSettings, use_grammar_settings


def test_nothing_is_configured_by_default() -> None:
    assert not settings.languagetool_settings().configured
    assert settings.default_dialect() == "en-US"


def test_configuration_then_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    settings.configure(languagetool_url="http://lt.internal:8081", dialect="en-GB")
    assert settings.languagetool_settings().url == "http://lt.internal:8081"
    assert settings.default_dialect() == "en-GB"
    monkeypatch.setenv(settings.ENV_URL, "https://ci-lt.internal/")
    assert settings.languagetool_settings().url == "https://ci-lt.internal/"
    monkeypatch.setenv(settings.ENV_URL, "local")
    assert settings.languagetool_settings() == LanguageToolSettings(local=True)
    assert settings.languagetool_settings().describe() == "a local LanguageTool"


def test_per_file_settings_override_the_process_settings() -> None:
    settings.configure(dialect="en-GB")
    mine = GrammarSettings("en-AU", LanguageToolSettings(url="http://127.0.0.1:8010"))
    with use_grammar_settings(mine):
        assert settings.default_dialect() == "en-AU"
        assert settings.languagetool_settings().url == "http://127.0.0.1:8010"
    assert settings.default_dialect() == "en-GB"
    assert not settings.languagetool_settings().configured


def test_a_file_without_grammar_settings_keeps_those_in_effect() -> None:
    settings.configure(dialect="en-GB")
    outer = GrammarSettings("en-AU", LanguageToolSettings(url="http://127.0.0.1:8010"))
    with use_grammar_settings(outer), use_grammar_settings(None):
        assert settings.default_dialect() == "en-AU"
        assert settings.languagetool_settings().url == "http://127.0.0.1:8010"
    with use_grammar_settings(None) as current:
        assert current == settings.current() and settings.default_dialect() == "en-GB"


@pytest.mark.parametrize(
    ("url", "base"),
    [
        ("http://lt.internal:8081", "http://lt.internal:8081/"),
        ("http://lt.internal:8081/v2/", "http://lt.internal:8081/"),
        ("lt.internal:8081/v2", "http://lt.internal:8081/"),
        ("https://example.org/api/", "https://example.org/api/"),
    ],
)
def test_server_urls_are_normalised(url: str, base: str) -> None:
    assert normalize_url(url) == base


def test_request_fields_from_options() -> None:
    plain = request_params("Text.", GrammarOptions("languagetool"), "en-GB")
    assert plain["language"] == "en-GB" and plain["text"] == "Text."
    assert "EN_UNPAIRED_QUOTES" in plain["disabledRules"] and "enabledOnly" not in plain
    raw = request_params("Text.", GrammarOptions("languagetool", news_defaults=False, spelling=Spelling.OFF), "en-US")
    assert "disabledRules" not in raw and raw["disabledCategories"] == "TYPOS"
    strict = request_params(
        "Text.",
        GrammarOptions("languagetool", rules=("A_RULE",), enable=("EN_QUOTES",), categories=("GRAMMAR",), picky=True),
        "en-US",
    )
    assert strict["enabledRules"] == "A_RULE,EN_QUOTES" and strict["enabledOnly"] == "true"
    assert strict["enabledCategories"] == "GRAMMAR" and strict["level"] == "picky"
    assert "disabledRules" not in strict
