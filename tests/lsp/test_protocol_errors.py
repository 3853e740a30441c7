"""Messages no well-behaved client library would send: the server answers
each request with a JSON-RPC error and carries on."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
from typing import Any

import pytest

from tests.lsp.conftest import server_env


class RawConnection:
    """The server in a subprocess, spoken to in raw JSON-RPC, for messages
    no well-behaved client library would send."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "lint", "lsp"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=server_env(),
        )
        self.buffer = b""

    def send(self, message: dict[str, Any] | bytes) -> None:
        body = message if isinstance(message, bytes) else json.dumps(message).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def receive(self, timeout: float = 30.0) -> dict[str, Any]:
        while True:
            header_end = self.buffer.find(b"\r\n\r\n")
            if header_end >= 0:
                headers = self.buffer[:header_end].decode("ascii").split("\r\n")
                length = next(int(h.split(":")[1]) for h in headers if h.lower().startswith("content-length:"))
                start = header_end + 4
                if len(self.buffer) >= start + length:
                    body = self.buffer[start : start + length]
                    self.buffer = self.buffer[start + length :]
                    message: dict[str, Any] = json.loads(body)
                    return message
            self._read(timeout)

    def _read(self, timeout: float) -> None:
        stdout = self.process.stdout
        assert stdout is not None
        ready, _, _ = select.select([stdout.fileno()], [], [], timeout)
        assert ready, "the server did not answer"
        chunk = os.read(stdout.fileno(), 65536)
        assert chunk, "the server closed its output"
        self.buffer += chunk

    def response(self, msg_id: int) -> dict[str, Any]:
        while True:
            message = self.receive()
            if message.get("id") == msg_id and "method" not in message:
                return message

    def close(self) -> None:
        self.send({"jsonrpc": "2.0", "id": 999, "method": "shutdown"})
        self.response(999)
        self.send({"jsonrpc": "2.0", "method": "exit"})
        self.process.wait(timeout=10)


@pytest.mark.skipif(os.name == "nt", reason="select() on pipes")
def test_malformed_requests_get_json_rpc_errors() -> None:
    connection = RawConnection()
    try:
        connection.send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})
        assert "result" in connection.response(1)
        connection.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})

        bad = {"textDocument": 5, "position": "x"}
        connection.send({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": bad})
        error = connection.response(2)["error"]
        assert error["code"] == -32602
        assert "textDocument/hover" in error["message"]

        connection.send(b"{not json")  # no answer is possible; the server carries on
        connection.send({"jsonrpc": "2.0", "id": 3, "method": "copydesk/noSuchThing", "params": {}})
        assert connection.response(3)["error"]["code"] == -32601

        connection.send({"jsonrpc": "2.0", "id": 4, "method": "textDocument/codeAction", "params": {"range": None}})
        assert connection.response(4)["error"]["code"] == -32602
    finally:
        if connection.process.poll() is None:
            connection.close()
    assert connection.process.returncode == 0
