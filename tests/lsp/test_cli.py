"""``copydesk lsp``: options, the missing-extra message, TCP, and a
``copydesk check`` that never loads the language server's libraries."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from lint import cli
from tests.lsp.conftest import REPO, codes, doc_uri, initialize, make_client, open_document, published, server_env


def test_check_does_not_import_the_language_server() -> None:
    script = (
        "import sys\n"
        "from lint.cli import main\n"
        "main(['check', '--format', 'line', 'tests/data/article.md'])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol', 'cattrs'))\n"
        "print(loaded)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=server_env(), capture_output=True, text=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_missing_extra_is_explained(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import lint.lsp

    monkeypatch.setattr(lint.lsp, "available", lambda: False)
    assert cli.main(["lsp"]) == cli.EXIT_USAGE
    error = capsys.readouterr().err
    assert "copydesk[lsp]" in error and "pip install" in error


@pytest.mark.parametrize("value", ["2087", "localhost", "localhost:http", "localhost:70000", ":2087"])
def test_tcp_needs_host_and_port(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["lsp", "--tcp", value]) == cli.EXIT_USAGE
    assert "--tcp: expected HOST:PORT" in capsys.readouterr().err


def test_stdio_flag_is_accepted() -> None:
    # Editor clients such as vscode-languageclient append --stdio.
    args = cli.build_parser().parse_args(["lsp", "--stdio"])
    assert args.command == "lsp" and args.stdio and args.tcp is None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.asyncio
async def test_serves_over_tcp(tmp_path: Path) -> None:
    from tests.lsp.conftest import make_project

    project = make_project(tmp_path / "desk")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "lint", "lsp", "--tcp", f"127.0.0.1:{port}"], env=server_env(), stderr=subprocess.DEVNULL
    )
    client = make_client()
    try:
        for _ in range(200):
            try:
                await client.start_tcp("127.0.0.1", port)
                break
            except OSError:
                await asyncio.sleep(0.05)
        else:
            pytest.fail("the server did not listen")
        await initialize(client, project)
        uri = doc_uri(project, "tcp.md")
        open_document(client, uri, "It was the the end.\n")
        assert "News.DoubledWord" in codes(await published(client, uri, 1))
        await client.shutdown_async(None)
        client.exit(None)
    finally:
        await client.stop()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    assert server.returncode == 0
