"""The language server lints with the configuration's grammar settings (the
dialect of grammar rules that name none, the LanguageTool server), as
``copydesk check`` does. A LanguageTool stand-in on 127.0.0.1 records what
it is asked; nothing leaves this machine."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from lint.config import SettingsResolver
from lint.grammar import languagetool_backend
from lint.lsp.linting import lint_source
from lint.lsp.settings import SettingsProvider

pytest.importorskip("language_tool_python")

RULE = """\
extends: grammar
backend: languagetool
message: "%s"
level: warning
"""
STORY = "They was late for the meeting.\n"


class StandIn(BaseHTTPRequestHandler):
    """Answers LanguageTool's two calls; one grammar match per text."""

    checks: list[dict[str, str]] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self._answer([{"name": "English (GB)", "code": "en", "longCode": "en-GB"},
                      {"name": "English (US)", "code": "en", "longCode": "en-US"}])  # fmt: skip

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length", "0"))
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode("utf-8")).items()}
        type(self).checks.append(form)
        match = {
            "message": "Did you mean 'they were'?",
            "offset": 0,
            "length": 8,
            "replacements": [{"value": "They were"}],
            "rule": {"id": "THEY_WAS", "issueType": "grammar", "category": {"id": "GRAMMAR"}},
        }
        self._answer({"matches": [match]})

    def _answer(self, data: object) -> None:
        body = json.dumps(data).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server_url(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.delenv("COPYDESK_LANGUAGETOOL_URL", raising=False)
    StandIn.checks = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    languagetool_backend.forget()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        languagetool_backend.forget()


def project(tmp_path: Path, url: str) -> Path:
    (tmp_path / "styles" / "House").mkdir(parents=True)
    (tmp_path / "styles" / "House" / "Grammar.yml").write_text(RULE, encoding="utf-8")
    (tmp_path / "copydesk.toml").write_text(
        f'rule-folders = ["styles"]\ndialect = "en-GB"\n\n[languagetool]\nurl = "{url}"\n', encoding="utf-8"
    )
    story = tmp_path / "story.md"
    story.write_text(STORY, encoding="utf-8")
    return story


def test_the_server_uses_the_configured_server_and_dialect(tmp_path: Path, server_url: str) -> None:
    story = project(tmp_path, server_url)
    provider = SettingsProvider()
    provider.set_folders([tmp_path])
    alerts = lint_source(STORY, "markdown", provider.for_document(story))
    found = [(a.rule, a.match) for a in alerts if a.rule.startswith("House.Grammar")]
    assert found == [("House.Grammar/THEY_WAS", "They was")]
    assert [check["language"] for check in StandIn.checks] == ["en-GB"]


def test_the_server_and_the_command_line_agree(tmp_path: Path, server_url: str) -> None:
    story = project(tmp_path, server_url)
    provider = SettingsProvider()
    provider.set_folders([tmp_path])
    in_editor = lint_source(STORY, "markdown", provider.for_document(story))
    on_command_line = SettingsResolver().settings_for(story).lint(STORY)
    assert [(a.rule, a.offset, a.end_offset, a.message) for a in in_editor] == [
        (a.rule, a.offset, a.end_offset, a.message) for a in on_command_line
    ]


def test_warming_up_builds_the_harper_linter_for_the_configured_dialect(tmp_path: Path) -> None:
    """The server warms the rules after ``initialized``: a Harper rule's
    linter (about a second to build) is then ready before the first
    document."""
    pytest.importorskip("harper")
    from lint.grammar import harper_backend
    from lint.lsp.linting import warm_rules

    (tmp_path / "styles" / "House").mkdir(parents=True)
    rule = "extends: grammar\nbackend: harper\nmessage: '%s'\nlevel: warning\n"
    (tmp_path / "styles" / "House" / "Harper.yml").write_text(rule, encoding="utf-8")
    (tmp_path / "copydesk.toml").write_text('rule-folders = ["styles"]\ndialect = "en-AU"\n', encoding="utf-8")
    provider = SettingsProvider()
    provider.set_folders([tmp_path])
    harper_backend._linters.pop("en-AU", None)
    warm_rules(provider.for_document(tmp_path / "story.md"))
    assert "en-AU" in harper_backend._linters
