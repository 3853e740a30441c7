"""The HTML report in a real headless Chromium (Debian's ``chromium``).

The test writes the report with ``--format html --output``, wraps it with a
probe that records script errors into the page, clicks a highlight the way a
reader would, and reads the resulting DOM back with ``--dump-dom``. Chromium
runs with every background service off and host resolution disabled, so it
cannot reach the network.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
DEMO_RULES = str(REPO / "tests" / "data" / "rules")

PROBE_HEAD = """<script>
window.__errors = [];
window.addEventListener("error", function (e) { window.__errors.push("error: " + e.message); });
window.addEventListener("unhandledrejection", function (e) { window.__errors.push("rejection: " + e.reason); });
document.addEventListener("securitypolicyviolation", function (e) { window.__errors.push("csp: " + e.blockedURI); });
</script>"""

PROBE_BODY = """<script>
(function () {
  var out = {};
  var marks = document.querySelectorAll("mark[data-alerts]");
  out.marks = marks.length;
  out.titled = Array.prototype.filter.call(marks, function (m) { return m.title.length > 0; }).length;
  var target = document.querySelector('mark[title*="Demo.Redundant"]');
  target.dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true}));
  var card = document.getElementById("card");
  out.cardOpen = !card.hidden;
  out.cardText = card.textContent;
  document.dispatchEvent(new KeyboardEvent("keydown", {key: "Escape", bubbles: true}));
  out.cardClosed = card.hidden;
  out.errors = window.__errors;
  document.documentElement.setAttribute("data-probe", JSON.stringify(out));
})();
</script>"""

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--enable-logging=stderr",
    "--v=0",
]


def chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed; .ci/run installs it (apt-get install chromium)")
    pytest.skip("chromium is not installed (apt-get install chromium); the HTML report was not rendered")


def write_report(tmp_path: Path) -> tuple[Path, subprocess.CompletedProcess[str]]:
    target = tmp_path / "report.html"
    result = subprocess.run(
        [sys.executable, "-m", "lint", "check", "--rules", DEMO_RULES, "--only", "Demo", "--no-cache",
         "--format", "html", "--output", str(target), "tests/data/article.md", "examples/article.md"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=120,
        check=False,
    )  # fmt: skip
    return target, result


def test_output_writes_the_report_and_prints_the_summary(tmp_path: Path) -> None:
    target, result = write_report(tmp_path)
    assert result.returncode == 1
    assert result.stdout == (
        f"7 problems (2 errors, 4 warnings, 1 suggestion) in 2 files.\nReport written to {target}.\n"
    )
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count("<mark ") == 7
    unwritable = subprocess.run(
        [sys.executable, "-m", "lint", "check", "--output", str(tmp_path / "no" / "such" / "dir.html"), "README.md"],
        cwd=REPO, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120,
        check=False,
    )  # fmt: skip
    assert unwritable.returncode == 2 and "--output:" in unwritable.stderr


def test_report_renders_in_chromium_with_highlights_and_no_errors(tmp_path: Path) -> None:
    browser = chromium()
    target, result = write_report(tmp_path)
    assert result.returncode == 1, result.stderr
    page = target.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:|//)""", page), "the page must load nothing"
    probe = tmp_path / "probe.html"
    probe.write_text(page.replace("<head>", "<head>" + PROBE_HEAD, 1).replace("</body>", PROBE_BODY + "</body>", 1), encoding="utf-8")
    run = subprocess.run(
        [browser, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", probe.as_uri()],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    found = re.search(r'data-probe="([^"]*)"', run.stdout)
    assert found, f"the probe did not run; chromium said:\n{run.stderr[-2000:]}"
    probe_data = json.loads(html.unescape(found.group(1)))
    assert probe_data["errors"] == []
    assert probe_data["marks"] == 7 and probe_data["titled"] == 7
    assert probe_data["cardOpen"] and probe_data["cardClosed"]
    # The first highlight of Demo.Redundant, in examples/article.md (reports are sorted by path).
    assert "Use 'history' instead of 'past history'." in probe_data["cardText"]
    assert "Demo.Redundant · line 11, column 10" in probe_data["cardText"]
    assert "Suggested fix: replace “past history” with “history” (safe fix)" in probe_data["cardText"]
    console = [line for line in run.stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]
    assert console == []
    dom = run.stdout
    assert dom.count('<mark id="alert-') == 7
    assert 'title="warning: Use \'History\' instead of \'Past history\'. [Demo.Redundant]' in html.unescape(dom).replace("&#x27;", "'")
