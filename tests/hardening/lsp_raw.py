"""The language server in a child process, spoken to in raw JSON-RPC over
stdio, so tests can send what no client library would."""

from __future__ import annotations

import itertools
import json
import os
import select
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from hardening.support import child_env

Message = dict[str, Any]


class RawServer:
    def __init__(self, cwd: Path, env: Mapping[str, str] | None = None) -> None:
        self.stderr_path = cwd / "server-stderr.log"
        self._stderr = open(self.stderr_path, "wb")  # noqa: SIM115 - closed in close()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "lint", "lsp"],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            env=child_env(env),
        )
        self._buffer = b""
        self._ids = itertools.count(1)
        self.notifications: list[Message] = []

    # -- writing -------------------------------------------------------------
    def send_bytes(self, data: bytes, timeout: float = 60.0) -> None:
        """Write ``data``, reading what the server writes meanwhile: a server
        blocked on a full output pipe stops reading its input."""
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None and stdout is not None
        deadline = time.monotonic() + timeout
        view = memoryview(data)
        while view:
            left = deadline - time.monotonic()
            assert left > 0, "the server stopped reading its input"
            readable, writable, _ = select.select([stdout.fileno()], [stdin.fileno()], [], left)
            if readable:
                chunk = os.read(stdout.fileno(), 1 << 16)
                assert chunk, f"the server closed its output; stderr: {self._tail()}"
                self._buffer += chunk
            if writable:
                written = os.write(stdin.fileno(), view[: select.PIPE_BUF])
                view = view[written:]

    def send(self, message: Message | bytes) -> None:
        body = message if isinstance(message, bytes) else json.dumps(message).encode("utf-8")
        self.send_bytes(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method: str, params: Any) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: Any) -> int:
        msg_id = next(self._ids)
        self.send({"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params})
        return msg_id

    def call(self, method: str, params: Any, timeout: float = 60.0) -> Message:
        return self.response(self.request(method, params), timeout)

    # -- reading ---------------------------------------------------------------
    def _message(self, deadline: float) -> Message:
        while True:
            header_end = self._buffer.find(b"\r\n\r\n")
            if header_end >= 0:
                headers = self._buffer[:header_end].decode("ascii").split("\r\n")
                length = next(int(h.split(":")[1]) for h in headers if h.lower().startswith("content-length:"))
                start = header_end + 4
                if len(self._buffer) >= start + length:
                    body = self._buffer[start : start + length]
                    self._buffer = self._buffer[start + length :]
                    message: Message = json.loads(body)
                    return message
            left = deadline - time.monotonic()
            assert left > 0, f"no answer from the server; stderr: {self._tail()}"
            stdout = self.process.stdout
            assert stdout is not None
            ready, _, _ = select.select([stdout.fileno()], [], [], left)
            if ready:
                chunk = os.read(stdout.fileno(), 1 << 16)
                assert chunk, f"the server closed its output; stderr: {self._tail()}"
                self._buffer += chunk

    def wait_for(self, wanted: Callable[[Message], bool], timeout: float = 60.0) -> Message:
        """The first message ``wanted`` accepts; notifications seen on the way
        are kept, requests from the server are answered with null."""
        for i, seen in enumerate(self.notifications):
            if wanted(seen):
                return self.notifications.pop(i)
        deadline = time.monotonic() + timeout
        while True:
            message = self._message(deadline)
            if "method" in message and "id" in message:  # a request from the server
                self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
                continue
            if wanted(message):
                return message
            if "method" in message:
                self.notifications.append(message)

    def response(self, msg_id: int, timeout: float = 60.0) -> Message:
        return self.wait_for(lambda m: m.get("id") == msg_id and "method" not in m, timeout)

    def diagnostics(self, uri: str, version: int | None = None, timeout: float = 60.0) -> list[Message]:
        def wanted(m: Message) -> bool:
            if m.get("method") != "textDocument/publishDiagnostics" or m["params"]["uri"] != uri:
                return False
            return version is None or m["params"].get("version") == version

        found: list[Message] = self.wait_for(wanted, timeout)["params"]["diagnostics"]
        return found

    # -- the process -------------------------------------------------------------
    def _tail(self) -> str:
        return self.stderr_path.read_text(errors="replace")[-2000:]

    def rss(self) -> int:
        """Resident memory now, in bytes (Linux)."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        raise AssertionError("no VmRSS")

    def initialize(self, root: Path, options: Mapping[str, Any] | None = None) -> Message:
        uri = root.as_uri()
        result = self.call(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": uri,
                "workspaceFolders": [{"uri": uri, "name": root.name}],
                "capabilities": {"textDocument": {"publishDiagnostics": {"versionSupport": True}}},
                "initializationOptions": dict(options or {"debounce": 0}),
            },
        )
        self.notify("initialized", {})
        return result

    def open(self, uri: str, text: str, language: str = "markdown", version: int = 1) -> None:
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}},
        )

    def change(self, uri: str, text: str, version: int) -> None:
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]})

    def close(self) -> int:
        try:
            if self.process.poll() is None:
                self.call("shutdown", None, timeout=30)
                self.notify("exit", None)
                self.process.wait(timeout=30)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            self._stderr.close()
        return self.process.returncode
