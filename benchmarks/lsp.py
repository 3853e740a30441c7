"""The language server, driven as an editor drives it.

    python3 benchmarks/lsp.py [--corpus DIR] [--words N] [--starts N] [--edits N]

Speaks JSON-RPC to ``python -m lint lsp`` over its stdin and stdout (no client
library, so the figures are the server's) and reports:

* start to initialized: from spawning the server to its answer to
  ``initialize`` (the client then sends ``initialized``), median and best of
  ``--starts`` fresh processes, and the median CPU time the server had used
  by then (steadier than wall time on a busy machine);
* start to first diagnostics: from spawning the server to the
  ``publishDiagnostics`` of the bundled example article, opened right after
  ``initialized`` (so it includes loading the rules), same processes;
* didChange to publishDiagnostics on an article of ``--words`` words (2,000 by
  default) with every default pack, the debounce set to 0 so it is not
  counted: one character typed or deleted per edit, alternately, in a
  paragraph in the middle; median, 90th percentile and worst of ``--edits``;
* the server's resident memory after opening the article, after 200 edits
  and after ``--edits`` edits (it should not grow).

The article is made of corpus articles (``../shared/corpus/news``, read in
place, never copied) as Markdown paragraphs under a heading; without the
corpus, the bundled example article is repeated with numbered paragraphs.
Run it on a quiet machine: other processes competing for the cores show up
directly in the latencies.
"""

from __future__ import annotations

import argparse
import json
import os
import select
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
URI = "file:///benchmark/article.md"
PYCACHE = Path(tempfile.gettempdir()) / "copydesk-benchmark-pycache"


class Server:
    """``python -m lint lsp`` in a subprocess, spoken to in raw JSON-RPC."""

    def __init__(self) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
        # Compiled bytecode as an installed package has it, kept out of the
        # checkout (the first start compiles and is not counted).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "lint", "lsp"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            cwd=REPO,
        )
        self.buffer = b""
        self.next_id = 0

    def send(self, method: str, params: Any, request: bool = False) -> int:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        body = json.dumps(message).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()
        return self.next_id

    def receive(self, timeout: float = 60.0) -> dict[str, Any]:
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end >= 0:
                headers = self.buffer[:end].decode("ascii").split("\r\n")
                length = next(int(h.split(":")[1]) for h in headers if h.lower().startswith("content-length:"))
                if len(self.buffer) >= end + 4 + length:
                    body = self.buffer[end + 4 : end + 4 + length]
                    self.buffer = self.buffer[end + 4 + length :]
                    message: dict[str, Any] = json.loads(body)
                    if message.get("method") in ("workspace/configuration", "client/registerCapability"):
                        self.answer(message)
                        continue
                    return message
            assert self.process.stdout is not None
            ready, _, _ = select.select([self.process.stdout.fileno()], [], [], timeout)
            if not ready:
                raise TimeoutError("the server did not answer")
            chunk = os.read(self.process.stdout.fileno(), 1 << 16)
            if not chunk:
                raise EOFError("the server closed its output")
            self.buffer += chunk

    def answer(self, request: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", "id": request["id"], "result": None}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def response(self, msg_id: int) -> dict[str, Any]:
        while True:
            message = self.receive()
            if message.get("id") == msg_id and "method" not in message:
                return message

    def diagnostics(self, version: int) -> list[Any]:
        while True:
            message = self.receive()
            params = message.get("params") or {}
            if message.get("method") == "textDocument/publishDiagnostics" and params.get("version") == version:
                return list(params["diagnostics"])

    def initialize(self) -> float:
        """Initialize; the CPU seconds the server had used when it answered."""
        params = {
            "processId": os.getpid(),
            "rootUri": None,
            "capabilities": {"general": {"positionEncodings": ["utf-16"]}},
            "initializationOptions": {"debounce": 0},
        }
        self.response(self.send("initialize", params, request=True))
        cpu = self.cpu_seconds()
        self.send("initialized", {})
        return cpu

    def cpu_seconds(self) -> float:
        """User and system CPU time the server has used so far."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
        return kb / 1024

    def stop(self) -> None:
        try:
            self.response(self.send("shutdown", None, request=True))
            self.send("exit", None)
            self.process.wait(timeout=10)
        except (OSError, TimeoutError, EOFError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()


def article(corpus: Path, words: int) -> str:
    """About ``words`` words of news copy as one Markdown article."""
    paragraphs: list[str] = []
    count = 0
    files = sorted(corpus.glob("*.txt")) if corpus.is_dir() else []
    for path in files:
        for block in path.read_text(encoding="utf-8", errors="replace").split("\n\n"):
            text = " ".join(block.split())
            if not text:
                continue
            paragraphs.append(text)
            count += len(text.split())
            if count >= words:
                return "# Benchmark article\n\n" + "\n\n".join(paragraphs) + "\n"
    example = (REPO / "examples" / "article.md").read_text(encoding="utf-8").split("\n\n")
    number = 0
    while count < words:
        for block in example:
            number += 1
            text = f"{block.strip()} ({number})"
            paragraphs.append(text)
            count += len(text.split())
    return "# Benchmark article\n\n" + "\n\n".join(paragraphs) + "\n"


def measure_start(starts: int) -> tuple[list[float], list[float], list[float]]:
    """Wall and CPU seconds to the answer to ``initialize``, and wall seconds
    to the first diagnostics, of each start."""
    example = (REPO / "examples" / "article.md").read_text(encoding="utf-8")
    opened = {"textDocument": {"uri": URI, "languageId": "markdown", "version": 1, "text": example}}
    # Compiles the bytecode and fills the server's cache of compiled
    # protocol code, as the first start after installing does; not counted.
    warm = Server()
    warm.initialize()
    warm.stop()
    walls, cpus, firsts = [], [], []
    for _ in range(starts):
        begin = time.perf_counter()
        server = Server()
        cpus.append(server.initialize())
        walls.append(time.perf_counter() - begin)
        server.send("textDocument/didOpen", opened)
        server.diagnostics(1)
        firsts.append(time.perf_counter() - begin)
        server.stop()
    return walls, cpus, firsts


def measure_edits(text: str, edits: int) -> tuple[list[float], dict[str, float], int]:
    server = Server()
    server.initialize()
    memory: dict[str, float] = {}
    try:
        server.send("textDocument/didOpen", {"textDocument": {"uri": URI, "languageId": "markdown", "version": 1, "text": text}})
        found = server.diagnostics(1)
        memory["after opening"] = server.rss_mb()
        lines = text.split("\n")
        row = next(i for i in range(len(lines) // 2, len(lines)) if len(lines[i]) > 40)
        column = len(lines[row]) // 2
        latencies = []
        for n in range(edits):
            version = n + 2
            if n % 2 == 0:
                change = {"range": _range(row, column, row, column), "text": "x"}
            else:
                change = {"range": _range(row, column, row, column + 1), "text": ""}
            begin = time.perf_counter()
            server.send(
                "textDocument/didChange",
                {"textDocument": {"uri": URI, "version": version}, "contentChanges": [change]},
            )
            server.diagnostics(version)
            latencies.append(time.perf_counter() - begin)
            if n + 1 == 200:
                memory["after 200 edits"] = server.rss_mb()
        memory[f"after {edits} edits"] = server.rss_mb()
        return latencies, memory, len(found)
    finally:
        server.stop()


def _range(line: int, start: int, end_line: int, end: int) -> dict[str, Any]:
    return {"start": {"line": line, "character": start}, "end": {"line": end_line, "character": end}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus" / "news"))
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--starts", type=int, default=10)
    parser.add_argument("--edits", type=int, default=400)
    args = parser.parse_args()

    starts, cpus, firsts = measure_start(args.starts)
    print(
        f"start to initialized    median {statistics.median(starts) * 1000:.0f} ms, best {min(starts) * 1000:.0f} ms, "
        f"CPU median {statistics.median(cpus) * 1000:.0f} ms ({args.starts} starts)"
    )
    print(
        f"start to diagnostics    median {statistics.median(firsts) * 1000:.0f} ms, best {min(firsts) * 1000:.0f} ms "
        "(the example article, opened after initialized)"
    )

    text = article(Path(args.corpus), args.words)
    latencies, memory, alerts = measure_edits(text, args.edits)
    ms = sorted(t * 1000 for t in latencies)
    p90 = ms[int(len(ms) * 0.9) - 1]
    print(f"article                 {len(text.split())} words, {alerts} findings")
    print(
        f"didChange to publish    median {statistics.median(ms):.1f} ms, p90 {p90:.1f} ms, "
        f"worst {ms[-1]:.1f} ms ({len(ms)} edits, no debounce)"
    )
    for label, value in memory.items():
        print(f"memory {label:<17}{value:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
