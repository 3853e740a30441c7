"""Live test against a real LanguageTool server.

Runs only when ``COPYDESK_LANGUAGETOOL_URL`` names a server (for example a
newsroom's own, or ``docker run -p 8010:8010 erikvl87/languagetool`` with
``COPYDESK_LANGUAGETOOL_URL=http://127.0.0.1:8010``); skipped otherwise, so
no test sends text anywhere unless asked to.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lint.grammar import settings
from tests.helpers import make_rule, run

# Read at import: the grammar tests' fixture clears the variable for every test.
LIVE_URL = os.environ.get(settings.ENV_URL, "").strip()

pytestmark = [
    pytest.mark.skipif(not LIVE_URL, reason=f"set {settings.ENV_URL} to run the live LanguageTool test"),
    pytest.mark.skipif(LIVE_URL.lower() == settings.LOCAL, reason="the live test needs a server URL"),
]

RULE = """
extends: grammar
backend: languagetool
message: "%s"
level: warning
fix: unsafe
dialect: en-US
"""


def test_live_server_finds_an_article_error_after_emoji(tmp_path: Path) -> None:
    pytest.importorskip("language_tool_python")
    settings.configure(languagetool_url=LIVE_URL)
    rule = make_rule(tmp_path, RULE)
    source = "# Live check 😀\n\nThe minister 🇺🇦 waited for **a hour** before he spoke.\n"
    alerts = run(rule, source)
    unchecked = [a.message for a in alerts if a.rule.endswith(("/unchecked", "/incomplete"))]
    assert not unchecked, unchecked
    article = [a for a in alerts if a.match == "a"]
    assert article, [(a.rule, a.match) for a in alerts]
    assert source[article[0].offset : article[0].end_offset] == "a"
    assert article[0].fix is not None and article[0].fix.edits[0].text == "an"
