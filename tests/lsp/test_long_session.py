"""What keeps the server's memory flat over a long session: pygls' futures
are forgotten once done (handlers run, requests to the editor answered or
given up on), and a closed document's settings are dropped.
(tests/hardening/test_language_server.py measures the memory.)"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.workspace import PositionCodec

from lint.lsp.linting import Snapshot
from lint.lsp.scheduler import LintScheduler
from lint.lsp.server import create_server
from lint.lsp.settings import SettingsProvider


def test_done_handler_futures_are_forgotten() -> None:
    protocol = create_server().protocol
    seen: list[object] = []

    def user_handler(params: object) -> None:
        seen.append(params)

    def builtin_handler(params: object) -> Generator[Any, Any, None]:
        # As pygls' built-in handlers call the server's own.
        yield user_handler, (params,), None

    protocol._execute_handler("notification-1", builtin_handler, protocol._check_handler_result, args=("x",))
    protocol._execute_handler("request-1", user_handler, lambda future: None, args=("y",))
    assert seen == ["x", "y"]
    assert protocol._request_futures == {}


def test_the_settings_of_a_closed_document_are_dropped(tmp_path: Path) -> None:
    (tmp_path / "copydesk.toml").write_text('min-level = "warning"\n', encoding="utf-8")
    provider = SettingsProvider()
    provider.set_folders([tmp_path])
    story = tmp_path / "story.md"
    kept = provider.for_document(story)
    assert provider.for_document(story) is kept
    provider.forget(story)
    provider.forget(story)  # twice, or never opened: nothing to drop
    assert provider.for_document(story) is not kept


def test_a_lint_that_outlives_its_document_keeps_no_settings(tmp_path: Path) -> None:
    provider = SettingsProvider()
    provider.set_folders([tmp_path])
    story = tmp_path / "story.md"
    scheduler = LintScheduler(provider, lambda uri: None, lambda: PositionCodec(types.PositionEncodingKind.Utf16))
    try:
        # The document closed while this lint ran: the scheduler holds nothing for it.
        snapshot = Snapshot(story.as_uri(), 1, "The the council met.\n", "markdown", story)
        result = scheduler._lint(snapshot, provider.generation)
        assert "News.DoubledWord" in {a.rule for a in result.alerts}
        assert provider.for_document(story) is not result.settings
    finally:
        scheduler.shutdown()


class _Sink:
    def __init__(self) -> None:
        self.written: list[bytes] = []

    def write(self, data: bytes) -> None:
        self.written.append(data)

    def close(self) -> None:
        pass


def test_requests_to_the_editor_are_forgotten_when_answered_or_given_up() -> None:
    protocol = create_server().protocol
    sink = _Sink()
    protocol.set_writer(sink)
    params = types.ConfigurationParams(items=[types.ConfigurationItem(section="copydesk")])
    answered = protocol.send_request(types.WORKSPACE_CONFIGURATION, params, msg_id="answered")
    given_up = protocol.send_request(types.WORKSPACE_CONFIGURATION, params)
    assert len(sink.written) == 2 and len(protocol._request_futures) == 2
    protocol.handle_message(protocol.structure_message({"jsonrpc": "2.0", "id": "answered", "result": [{}]}))
    assert list(answered.result()) == [{}]
    given_up.cancel()  # as asyncio.wait_for does when the editor takes too long
    assert protocol._request_futures == {} and protocol._result_types == {}
