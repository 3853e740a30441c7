"""Contract test of the LanguageTool adapter.

A real HTTP server on 127.0.0.1, started by the test, answers
``GET /v2/languages`` and ``POST /v2/check`` as LanguageTool's public HTTP
API documents them (https://languagetool.org/http-api/): matches with
``offset``/``length`` in UTF-16 code units, ``replacements`` as
``[{"value": ...}]``, ``rule`` with ``id``, ``issueType`` and
``category.id``, and ``warnings.incompleteResults``. It honours the request
fields the adapter sends (``language``, ``enabledRules``,
``disabledRules``, ``enabledCategories``, ``disabledCategories``,
``enabledOnly``, ``level``). The tests check what copydesk sends, how it
maps what comes back, and that failures give a clear message and never stop
the run. Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import dataclasses
import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from lint.engine import lint_text
from lint.grammar import languagetool_backend, settings
from lint.grammar.backends import BACKENDS
from lint.grammar.mapping import utf16_length
from lint.vocabulary import Vocabulary, use_vocabulary
from tests.helpers import make_rule, run

pytest.importorskip("language_tool_python")

RULE = """
extends: grammar
backend: languagetool
message: "%s"
level: warning
fix: unsafe
dialect: en-US
"""

LANGUAGES = [
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
]

# The toy server's rules: pattern, rule id, category, issue type, message, replacement.
TOY_RULES = [
    (r"\ba(?= hour\b)", "EN_A_VS_AN", "MISC", "misspelling", "Use 'an' instead of 'a'.", "an"),
    (r"\bteh\b", "MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", "Possible spelling mistake found.", "the"),
    (r"\bPeskov\b", "MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", "Possible spelling mistake found.", "Pesky"),
    (r"\bthey was\b", "THEY_WAS", "GRAMMAR", "grammar", "Did you mean 'they were'?", "they were"),
    (r"\"", "EN_UNPAIRED_QUOTES", "PUNCTUATION", "typographical", "Unpaired symbol.", ""),
]


@dataclass
class ToyLanguageTool:
    """Behaviour of the server for one test, and what it received."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    incomplete: bool = False
    raw_body: bytes | None = None
    delay: float = 0.0
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)

    def check(self, form: dict[str, str]) -> dict[str, object]:
        text = form["text"]
        enabled = set(filter(None, form.get("enabledRules", "").split(",")))
        disabled = set(filter(None, form.get("disabledRules", "").split(",")))
        enabled_categories = set(filter(None, form.get("enabledCategories", "").split(",")))
        disabled_categories = set(filter(None, form.get("disabledCategories", "").split(",")))
        only = form.get("enabledOnly") == "true"
        matches = []
        for pattern, rule_id, category, issue, message, replacement in TOY_RULES:
            if rule_id in disabled or category in disabled_categories:
                continue
            if only and rule_id not in enabled and category not in enabled_categories:
                continue
            for m in re.finditer(pattern, text):
                matches.append(
                    {
                        "message": message,
                        "shortMessage": "",
                        "replacements": [{"value": replacement}] if replacement else [],
                        # UTF-16 code units, as the Java server counts them.
                        "offset": utf16_length(text[: m.start()]),
                        "length": utf16_length(m.group()),
                        "context": {"text": text[:40], "offset": 0, "length": 0},
                        "sentence": text,
                        "type": {"typeName": "Other"},
                        "rule": {
                            "id": rule_id,
                            "description": message,
                            "issueType": issue,
                            "category": {"id": category, "name": category.title()},
                        },
                        "ignoreForIncompleteSentence": False,
                        "contextForSureMatch": 0,
                    }
                )
        matches.sort(key=lambda m: int(str(m["offset"])))
        long_code = form["language"]
        return {
            "software": {"name": "LanguageTool", "version": "6.5", "buildDate": "2024-09-27", "apiVersion": 1},
            "warnings": {"incompleteResults": self.incomplete},
            "language": {
                "name": long_code,
                "code": long_code,
                "detectedLanguage": {"name": long_code, "code": long_code, "confidence": 0.9},
            },
            "matches": matches,
        }


def _handler(toy: ToyLanguageTool) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
            pass

        def _send(self, status: int, body: bytes, content_type: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in toy.headers.items():
                self.send_header(name, value)
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting (the timeout test)

        def do_GET(self) -> None:  # noqa: N802 - stdlib name
            url = urlparse(self.path)
            toy.requests.append(("GET", url.path, {k: v[0] for k, v in parse_qs(url.query).items()}))
            if url.path == "/v2/languages":
                self._send(200, json.dumps(LANGUAGES).encode())
            else:
                self._send(404, b"Not found", "text/plain")

        def do_POST(self) -> None:  # noqa: N802 - stdlib name
            url = urlparse(self.path)
            length = int(self.headers.get("Content-Length", "0"))
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode("utf-8")).items()}
            toy.requests.append(("POST", url.path, form))
            if url.path != "/v2/check":
                self._send(404, b"Not found", "text/plain")
                return
            if toy.delay:
                time.sleep(toy.delay)
            if toy.status != 200:
                self._send(toy.status, b"Error: the server says no", "text/plain")
                return
            if toy.raw_body is not None:
                self._send(200, toy.raw_body, "text/html")
                return
            self._send(200, json.dumps(toy.check(form)).encode())

    return Handler


@pytest.fixture
def toy_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[ToyLanguageTool, str]]:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    toy = ToyLanguageTool()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(toy))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield toy, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def checks(toy: ToyLanguageTool) -> list[dict[str, str]]:
    return [form for method, path, form in toy.requests if method == "POST" and path == "/v2/check"]


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# -- the happy path -----------------------------------------------------------


def test_contract_matches_become_alerts_at_exact_source_offsets(
    tmp_path: Path, toy_server: tuple[ToyLanguageTool, str]
) -> None:
    toy, url = toy_server
    settings.configure(languagetool_url=url)
    rule = make_rule(tmp_path, RULE, "LanguageTool")
    source = "# Report 🇺🇦\n\nThey waited 😀😀 for **a hour** and read teh [news](https://x.test/teh).\n"
    alerts = run(rule, source)
    assert [(a.rule, a.match) for a in alerts] == [
        ("Pack.LanguageTool/EN_A_VS_AN", "a"),
        ("Pack.LanguageTool/MORFOLOGIK_RULE_EN_US", "teh"),
    ]
    assert alerts[0].message == "Use 'an' instead of 'a'."
    assert alerts[0].fix is not None and alerts[0].fix.edits[0].text == "an"
    assert [m for m, p, _ in toy.requests] == ["GET", "POST"]
    assert toy.requests[0][1] == "/v2/languages"
    form = checks(toy)[0]
    assert form["language"] == "en-US"
    assert "**" not in form["text"] and "https://" not in form["text"] and "#" not in form["text"]
    assert "EN_UNPAIRED_QUOTES" in form["disabledRules"].split(",")


def test_contract_the_session_is_opened_once_per_process(tmp_path: Path, toy_server: tuple[ToyLanguageTool, str]) -> None:
    toy, url = toy_server
    settings.configure(languagetool_url=url + "/v2/")
    rule = make_rule(tmp_path, RULE, "LanguageTool")
    for _ in range(3):
        run(rule, "They waited for a hour.\n")
    assert [m for m, _, _ in toy.requests] == ["GET", "POST", "POST", "POST"]
    assert list(languagetool_backend.sessions()) == [(url + "/v2/check", "en-US")]


def test_contract_request_fields_follow_the_rule(tmp_path: Path, toy_server: tuple[ToyLanguageTool, str]) -> None:
    toy, url = toy_server
    settings.configure(languagetool_url=url)
    only = make_rule(tmp_path, RULE.replace("en-US", "en-GB") + "rules: [THEY_WAS]\npicky: true\n", "Only")
    alerts = run(only, "They said they was late for a hour.\n")
    assert [a.rule for a in alerts] == ["Pack.Only/THEY_WAS"]
    form = checks(toy)[-1]
    assert (form["enabledRules"], form["enabledOnly"], form["level"], form["language"]) == (
        "THEY_WAS",
        "true",
        "picky",
        "en-GB",
    )
    nospell = make_rule(tmp_path, RULE + "spelling: 'off'\ndisable: [EN_A_VS_AN]\nnews_defaults: false\n", "NoSpell")
    assert run(nospell, "They read teh paper for a hour.\n") == []
    form = checks(toy)[-1]
    assert form["disabledCategories"] == "TYPOS" and form["disabledRules"] == "EN_A_VS_AN"
    category = make_rule(tmp_path, RULE + "categories: [GRAMMAR]\n", "Category")
    assert [a.rule for a in run(category, "Officials said they was late for a hour.\n")] == ["Pack.Category/THEY_WAS"]
    assert checks(toy)[-1]["enabledCategories"] == "GRAMMAR"


def test_contract_names_and_vocabulary_are_not_reported_as_spelling(
    tmp_path: Path, toy_server: tuple[ToyLanguageTool, str]
) -> None:
    toy, url = toy_server
    settings.configure(languagetool_url=url)
    everything = make_rule(tmp_path, RULE + "spelling: all\n", "All")
    source = "Dmitry Peskov read teh statement.\n"
    assert [a.match for a in run(everything, source)] == ["teh"]
    with use_vocabulary(Vocabulary.build(accepted=["teh"])):
        assert run(everything, source) == []


def test_contract_the_environment_wins_over_the_configuration(
    tmp_path: Path, toy_server: tuple[ToyLanguageTool, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    toy, url = toy_server
    settings.configure(languagetool_url=f"http://127.0.0.1:{closed_port()}")
    monkeypatch.setenv(settings.ENV_URL, url)
    rule = make_rule(tmp_path, RULE, "LanguageTool")
    assert [a.match for a in run(rule, "They waited for a hour.\n")] == ["a"]


def test_contract_long_documents_are_sent_in_pieces(
    tmp_path: Path, toy_server: tuple[ToyLanguageTool, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    toy, url = toy_server
    settings.configure(languagetool_url=url)
    monkeypatch.setitem(BACKENDS, "languagetool", dataclasses.replace(BACKENDS["languagetool"], max_chars=80))
    rule = make_rule(tmp_path, RULE, "LanguageTool")
    source = "\n\n".join(f"Paragraph {i} 😀 waited for a hour." for i in range(6)) + "\n"
    alerts = run(rule, source)
    assert len(alerts) == 6 and all(a.match == "a" for a in alerts)
    assert len(checks(toy)) > 1 and all(len(f["text"]) <= 80 for f in checks(toy))


# -- failures never stop the run ------------------------------------------------


def other_rule(tmp_path: Path):  # type: ignore[no-untyped-def]
    return make_rule(tmp_path, "extends: existence\nmessage: \"Avoid '%s'.\"\ntokens: [hour]\n", "Other")


def test_contract_nothing_is_sent_unless_configured(tmp_path: Path, toy_server: tuple[ToyLanguageTool, str]) -> None:
    toy, _url = toy_server
    rule = make_rule(tmp_path, RULE, "LanguageTool")
    alerts = run([rule, other_rule(tmp_path)], "They waited for a hour.\n")
    assert toy.requests == []
    assert [a.rule for a in alerts] == ["Pack.LanguageTool/unchecked", "Pack.Other"]
    assert "not configured" in alerts[0].message and settings.ENV_URL in alerts[0].message


def test_contract_an_unreachable_server_is_reported_and_not_retried_for_each_file(tmp_path: Path) -> None:
    settings.configure(languagetool_url=f"http://127.0.0.1:{closed_port()}", languagetool_timeout=2)
    rule = make_rule(tmp_path, RULE, "LanguageTool")
    other = other_rule(tmp_path)
    alerts = run([rule, other], "They waited for a hour.\n")
    assert [a.rule for a in alerts] == ["Pack.LanguageTool/unchecked", "Pack.Other"]
    assert "could not be reached" in alerts[0].message and "127.0.0.1" in alerts[0].message
    started = time.monotonic()
    again = run([rule, other], "Another file for a hour.\n")
    assert time.monotonic() - started < 1
    assert again[0].message == alerts[0].message


@pytest.mark.parametrize(
    ("status", "headers", "expected"),
    [
        (500, {}, "answered HTTP 500"),
        (429, {"Retry-After": "60"}, "rate limit reached (HTTP 429); it asks to wait 60 seconds"),
        (413, {}, "text too long (HTTP 413)"),
        (400, {}, "HTTP 400 Bad Request: Error: the server says no"),
    ],
)
def test_contract_http_errors_and_rate_limits_give_a_clear_message(
    tmp_path: Path, toy_server: tuple[ToyLanguageTool, str], status: int, headers: dict[str, str], expected: str
) -> None:
    toy, url = toy_server
    settings.configure(languagetool_url=url)
    toy.status = status
    toy.headers = headers
    rule = make_rule(tmp_path, RULE, "LanguageTool")
    alerts = run([rule, other_rule(tmp_path)], "They waited for a hour.\n")
    assert [a.rule for a in alerts] == ["Pack.LanguageTool/unchecked", "Pack.Other"]
    assert expected in alerts[0].message, alerts[0].message
    assert alerts[0].message.startswith(f"the LanguageTool server at {url}")


def test_contract_partial_results_are_reported_with_a_notice(tmp_path: Path, toy_server: tuple[ToyLanguageTool, str]) -> None:
    toy, url = toy_server
    settings.configure(languagetool_url=url)
    toy.incomplete = True
    rule = make_rule(tmp_path, RULE, "LanguageTool")
    alerts = run(rule, "They waited for a hour.\n")
    assert [a.rule for a in alerts] == ["Pack.LanguageTool/incomplete", "Pack.LanguageTool/EN_A_VS_AN"]
    assert "partial results" in alerts[0].message and "incompleteResults" in alerts[0].message


def test_contract_an_answer_that_is_not_json_is_reported(tmp_path: Path, toy_server: tuple[ToyLanguageTool, str]) -> None:
    toy, url = toy_server
    settings.configure(languagetool_url=url)
    toy.raw_body = b"<html>Proxy login</html>"
    rule = make_rule(tmp_path, RULE, "LanguageTool")
    alerts = run(rule, "They waited for a hour.\n")
    assert [a.rule for a in alerts] == ["Pack.LanguageTool/unchecked"]
    assert "did not answer with JSON" in alerts[0].message


def test_contract_a_slow_server_times_out(tmp_path: Path, toy_server: tuple[ToyLanguageTool, str]) -> None:
    toy, url = toy_server
    settings.configure(languagetool_url=url, languagetool_timeout=0.3)
    toy.delay = 1.0
    rule = make_rule(tmp_path, RULE, "LanguageTool")
    alerts = run(rule, "They waited for a hour.\n")
    assert [a.rule for a in alerts] == ["Pack.LanguageTool/unchecked"]
    assert "0.3 seconds" in alerts[0].message or "timed out" in alerts[0].message


def test_contract_a_language_the_server_lacks_is_reported(tmp_path: Path, toy_server: tuple[ToyLanguageTool, str]) -> None:
    toy, url = toy_server
    settings.configure(languagetool_url=url)
    rule = make_rule(tmp_path, RULE.replace("en-US", "pt-BR"), "LanguageTool")
    alerts = lint_text("Uma frase.\n", "markdown", [rule])
    assert [a.rule for a in alerts] == ["Pack.LanguageTool/unchecked"]
    assert "cannot check language 'pt-BR'" in alerts[0].message
    assert checks(toy) == []
