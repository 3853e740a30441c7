"""Nothing leaves the machine: unpublished copy can be under embargo.

copydesk runs with a socket guard loaded through ``sitecustomize`` (so
worker processes get it too): every connection, datagram or name lookup
that is not for this machine is recorded and refused. The CLI runs with
every shipped pack on, opt-in ones included, over articles in each markup.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
from pathlib import Path

import pytest

from hardening.support import REPO, run_python
from lint.rule_loading import builtin_rules_dir, discover_rule_files

GUARD = '''
import ipaddress, json, os, socket

LOG = os.environ.get("COPYDESK_NETWORK_LOG")


def _loopback(host):
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def _local(sock, address):
    if sock.family == getattr(socket, "AF_UNIX", None):
        return True
    return isinstance(address, tuple) and _loopback(address[0])


def _record(what, target):
    with open(LOG, "a", encoding="utf-8") as out:
        out.write(json.dumps([os.getpid(), what, repr(target)]) + "\\n")
    raise OSError(f"network blocked by the test guard: {what} {target!r}")


if LOG:
    _connect, _connect_ex, _sendto = socket.socket.connect, socket.socket.connect_ex, socket.socket.sendto
    _getaddrinfo, _gethostbyname = socket.getaddrinfo, socket.gethostbyname

    def connect(self, address):
        return _connect(self, address) if _local(self, address) else _record("connect", address)

    def connect_ex(self, address):
        return _connect_ex(self, address) if _local(self, address) else _record("connect", address)

    def sendto(self, data, *args):
        address = args[-1]
        return _sendto(self, data, *args) if _local(self, address) else _record("sendto", address)

    def getaddrinfo(host, *args, **kwargs):
        return _getaddrinfo(host, *args, **kwargs) if _loopback(host) else _record("getaddrinfo", host)

    def gethostbyname(host):
        return _gethostbyname(host) if _loopback(host) else _record("gethostbyname", host)

    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    socket.socket.sendto = sendto
    socket.getaddrinfo = getaddrinfo
    socket.gethostbyname = gethostbyname
'''


@pytest.fixture(scope="module")
def guard(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("guard")
    (folder / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    return folder


def guarded_env(guard: Path, log: Path) -> dict[str, str]:
    return {"PYTHONPATH": os.pathsep.join([str(guard), str(REPO)]), "COPYDESK_NETWORK_LOG": str(log)}


def attempts(log: Path) -> list[list[object]]:
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


PROBES = [
    ("name lookup", "socket.create_connection(('example.org', 443), timeout=1)", "getaddrinfo"),
    ("tcp", "socket.socket().connect(('192.0.2.1', 443))", "connect"),
    ("tcp ipv6", "socket.socket(socket.AF_INET6).connect_ex(('2001:db8::1', 443, 0, 0))", "connect"),
    ("udp", "socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'x', ('192.0.2.1', 53))", "sendto"),
]


@pytest.mark.parametrize(("what", "probe", "recorded"), PROBES, ids=[p[0] for p in PROBES])
def test_the_guard_records_and_refuses(tmp_path: Path, guard: Path, what: str, probe: str, recorded: str) -> None:
    log = tmp_path / "network.log"
    code = f"import socket\ntry:\n    {probe}\nexcept OSError as e:\n    print(e)\n"
    run = run_python(["-c", code], tmp_path, guarded_env(guard, log))
    assert "blocked by the test guard" in run.stdout
    assert [entry[1] for entry in attempts(log)] == [recorded]


def test_the_guard_lets_loopback_through(tmp_path: Path, guard: Path) -> None:
    log = tmp_path / "network.log"
    code = (
        "import socket\nserver = socket.socket()\nserver.bind(('127.0.0.1', 0))\nserver.listen()\n"
        "socket.create_connection(server.getsockname(), timeout=5).close()\nprint('ok')\n"
    )
    run = run_python(["-c", code], tmp_path, guarded_env(guard, log))
    assert run.stdout == "ok\n", run.stderr
    assert attempts(log) == []


def newsroom(tmp_path: Path) -> Path:
    """Articles in each markup and a configuration turning every pack on."""
    project = tmp_path / "project"
    news = project / "news"
    news.mkdir(parents=True)
    shutil.copy(REPO / "examples" / "article.md", news / "article.md")
    shutil.copy(REPO / "tests" / "data" / "article.md", news / "reference.md")
    (news / "story.html").write_text(
        '<h1>Council votes</h1><p>Its past history is long; the the council met on March 07. '
        '<a href="#">click here</a> <img src="https://example.org/p.jpg" alt="Photo: AP"></p>\n',
        encoding="utf-8",
    )
    (news / "wire.txt").write_text(
        "BELGOROD (Reuters) - Officials in Begorod said TK that the end result was unclear.\n\nSee https://example.org/a.\n",
        encoding="utf-8",
    )
    packs = sorted({pack for pack, _ in discover_rule_files(builtin_rules_dir())})
    (project / "copydesk.toml").write_text(f"packs = {json.dumps(packs)}\n", encoding="utf-8")
    return project


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_check_with_every_pack_on_makes_no_network_attempt(tmp_path: Path, guard: Path, jobs: str) -> None:
    project = newsroom(tmp_path)
    log = tmp_path / "network.log"
    args = ["-m", "lint", "check", "--no-cache", "--no-progress", "--jobs", jobs, "--format", "json", "news"]
    run = run_python(args, project, guarded_env(guard, log))
    assert run.returncode == 1, run.stderr  # the articles have errors
    report = json.loads(run.stdout)
    assert len(report["files"]) == 4
    assert report["summary"]["alerts"] > 10
    rules = {a["rule"].split("/")[0] for f in report["files"] for a in f["alerts"]}
    assert any(rule.startswith("StyleBook.") for rule in rules)  # an opt-in pack ran
    if importlib.util.find_spec("harper") is not None:
        assert "Grammar.Harper" in rules  # the in-process grammar engine ran
    assert attempts(log) == []


def test_fix_and_the_html_report_make_no_network_attempt(tmp_path: Path, guard: Path) -> None:
    project = newsroom(tmp_path)
    log = tmp_path / "network.log"
    env = guarded_env(guard, log)
    run = run_python(["-m", "lint", "fix", "--no-cache", "--jobs", "1", "--unsafe-fixes", "news"], project, env)
    assert run.returncode in (0, 1), run.stderr
    run = run_python(["-m", "lint", "check", "--no-cache", "--jobs", "1", "--format", "html", "--output", "r.html", "news"], project, env)
    assert run.returncode in (0, 1), run.stderr
    page = (project / "r.html").read_text(encoding="utf-8")
    # Self-contained: nothing the browser would fetch when the report is opened.
    for fetched in ("<script src=", "<link ", "@import", "url(http"):
        assert fetched not in page
    assert attempts(log) == []
