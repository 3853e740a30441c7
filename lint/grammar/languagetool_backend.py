"""LanguageTool, through ``language-tool-python`` (``copydesk[languagetool]``).

Only when configured (:mod:`lint.grammar.settings`): a server the newsroom
runs, or a local install that language-tool-python starts. Without a
configuration no request is ever made.

language-tool-python opens the session: it normalises the server URL,
starts a local server when asked, and checks the language against the
server's ``/v2/languages``. The text itself is posted to ``/v2/check`` here,
as LanguageTool's HTTP API documents it, because language-tool-python's
``check()`` drops ``warnings.incompleteResults``, reports neither the HTTP
status nor ``Retry-After``, and converts offsets but not lengths across
characters outside the Basic Multilingual Plane. LanguageTool counts
offsets in UTF-16 code units; they are converted to code points.

Failures never stop a run: an unreachable server, an HTTP error, a rate
limit or a bad answer becomes a :class:`BackendError` with a message for
the reader, which the rule reports on the file. After a connection failure
the server is not tried again for :data:`RETRY_AFTER` seconds, so a run over
many files does not wait for a timeout on each.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lint.grammar.mapping import utf16_decoder
from lint.grammar.model import (
    BackendError,
    BackendMatch,
    BackendResult,
    BackendUnavailable,
    GrammarOptions,
    Spelling,
)
from lint.grammar.settings import ENV_URL, LanguageToolSettings, languagetool_settings

if TYPE_CHECKING:
    from language_tool_python import LanguageTool

NAME = "languagetool"
INSTALL_HINT = "install it with: pip install 'copydesk[languagetool]'"
NOT_CONFIGURED = (
    "LanguageTool is not configured, so nothing was sent and this rule checked nothing: "
    f"set languagetool.url in the configuration or {ENV_URL} (a URL, or 'local')"
)
# Characters per request: the public server's limit for free use; a
# document longer than this is sent in several requests, split between blocks.
MAX_REQUEST_CHARS = 20_000
# Seconds before a server that could not be reached is tried again.
RETRY_AFTER = 30.0
# Spell-checker matches: the TYPOS category and the dictionary rules. (The
# "misspelling" issue type is not enough: "a"/"an" carries it too.)
SPELLING_CATEGORY = "TYPOS"
SPELLING_RULES = ("MORFOLOGIK_RULE", "HUNSPELL_RULE", "HUNSPELL_NO_SUGGEST_RULE")

# LanguageTool rules that are off with news defaults.
NEWS_OFF: frozenset[str] = frozenset(
    {
        "EN_UNPAIRED_QUOTES",  # a quote running over paragraphs is closed only in the last one
        "EN_QUOTES",  # wire copy uses straight quotes
        "DASH_RULE",  # wire copy uses ASCII dashes
        "ENGLISH_WORD_REPEAT_BEGINNING_RULE",  # news leads repeat subjects on purpose
        "SERIAL_COMMA_ON",  # news styles leave out the serial comma
        "TOO_LONG_SENTENCE",  # copydesk's metric rules measure length
    }
)


@dataclass(frozen=True)
class _Session:
    """A server that answered, and the language code it accepted."""

    check_url: str
    language: str
    tool: Any  # the language_tool_python.LanguageTool that holds the session


_lock = threading.Lock()
_sessions: dict[tuple[str, bool, str], _Session] = {}
_down: dict[tuple[str, bool], tuple[float, str]] = {}


def available() -> bool:
    try:
        import language_tool_python  # noqa: F401
    except ImportError:
        return False
    return True


def validate(options: GrammarOptions) -> list[str]:
    """Problems with ``options`` that are known without asking a server."""
    problems: list[str] = []
    if options.dialect and not _looks_like_language(options.dialect):
        problems.append(f"dialect: {options.dialect!r} is not a language code such as en-US or en-GB")
    return problems


def _looks_like_language(code: str) -> bool:
    parts = code.replace("_", "-").split("-")
    return 2 <= len(parts[0]) <= 3 and parts[0].isalpha() and all(p.isalnum() for p in parts[1:])


def normalize_url(url: str) -> str:
    """The server's base URL, ending in ``/``; a trailing ``/v2`` is dropped
    (the API lives under it)."""
    base = url.strip()
    if "://" not in base:
        base = "http://" + base
    base = base.rstrip("/")
    if base.endswith("/v2"):
        base = base[: -len("/v2")]
    return base + "/"


def request_params(text: str, options: GrammarOptions, language: str) -> dict[str, str]:
    """The form fields of a ``/v2/check`` request."""
    params = {"text": text, "language": language}
    enabled_rules = [*options.rules, *options.enable]
    disabled_rules = [r for r in options.disable if r not in enabled_rules]
    if options.news_defaults and not options.rules:
        disabled_rules += sorted(r for r in NEWS_OFF if r not in enabled_rules and r not in disabled_rules)
    disabled_categories = list(options.disable_categories)
    if options.spelling is Spelling.OFF and SPELLING_CATEGORY not in disabled_categories:
        disabled_categories.append(SPELLING_CATEGORY)
    if enabled_rules:
        params["enabledRules"] = ",".join(enabled_rules)
    if options.categories:
        params["enabledCategories"] = ",".join(options.categories)
    if options.rules or options.categories:
        params["enabledOnly"] = "true"
    if disabled_rules:
        params["disabledRules"] = ",".join(disabled_rules)
    if disabled_categories:
        params["disabledCategories"] = ",".join(disabled_categories)
    if options.picky:
        params["level"] = "picky"
    return params


def check(text: str, options: GrammarOptions, dialect: str) -> BackendResult:
    """LanguageTool's matches in ``text``, spans in code points."""
    settings = languagetool_settings()
    if not settings.configured:
        raise BackendUnavailable(NOT_CONFIGURED)
    session = _session(settings, dialect)
    data = _post(session.check_url, request_params(text, options, session.language), settings)
    return parse_response(data, text)


def parse_response(data: Any, text: str) -> BackendResult:
    """Matches and notices from a ``/v2/check`` answer for ``text``."""
    if not isinstance(data, dict) or not isinstance(data.get("matches"), list):
        raise BackendError("LanguageTool's answer has no 'matches' list; is the URL a LanguageTool server?")
    decode = utf16_decoder(text)
    matches = tuple(m for m in (_match(item, decode) for item in data["matches"]) if m is not None)
    notices: list[str] = []
    warnings = data.get("warnings")
    if isinstance(warnings, dict) and warnings.get("incompleteResults"):
        notices.append(
            "LanguageTool returned partial results (warnings.incompleteResults): "
            "part of this file was not checked; check it again later"
        )
    return BackendResult(matches, tuple(notices))


def _match(item: Any, decode: Any) -> BackendMatch | None:
    if not isinstance(item, dict):
        return None
    try:
        offset = int(item["offset"])
        length = int(item["length"])
    except (KeyError, TypeError, ValueError):
        return None
    rule = _mapping(item.get("rule"))
    category = _mapping(rule.get("category"))
    rule_id = str(rule.get("id") or "UNKNOWN_RULE")
    category_id = str(category.get("id") or "")
    replacements = tuple(
        str(r["value"]) for r in item.get("replacements") or () if isinstance(r, dict) and "value" in r
    )
    start = decode(offset)
    end = decode(offset + length)
    return BackendMatch(
        start=start,
        end=end,
        rule_id=rule_id,
        category=category_id,
        message=str(item.get("message") or rule.get("description") or rule_id),
        replacements=replacements,
        spelling=category_id == SPELLING_CATEGORY or rule_id.startswith(SPELLING_RULES),
    )


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


# -- the session -------------------------------------------------------------


def _key(settings: LanguageToolSettings) -> tuple[str, bool]:
    return (normalize_url(settings.url) if settings.url else "", settings.local and not settings.url)


def _session(settings: LanguageToolSettings, language: str) -> _Session:
    server = _key(settings)
    with _lock:
        down = _down.get(server)
        if down is not None:
            since, message = down
            if time.monotonic() - since < RETRY_AFTER:
                raise BackendError(message)
            del _down[server]
        existing = _sessions.get((*server, language))
        if existing is not None:
            return existing
        try:
            session = _open(settings, language)
        except BackendError as error:
            if not isinstance(error, BackendUnavailable):
                _down[server] = (time.monotonic(), str(error))
            raise
        _sessions[(*server, language)] = session
        return session


def _open(settings: LanguageToolSettings, language: str) -> _Session:
    try:
        import language_tool_python
        from language_tool_python.exceptions import LanguageToolError
    except ImportError:
        raise BackendUnavailable(
            f"the grammar backend 'languagetool' needs the language-tool-python package; {INSTALL_HINT}"
        ) from None
    where = settings.describe()
    tool_class = _tool_class(language_tool_python.LanguageTool, settings.timeout)
    try:
        if settings.url:
            tool = tool_class(language, remote_server=normalize_url(settings.url))
        else:
            tool = tool_class(language)
    except ValueError as exc:
        raise BackendError(f"{where} cannot check language {language!r}: {exc}") from None
    except LanguageToolError as exc:
        raise BackendError(f"{where} could not be reached: {_reason(exc)}") from None
    except (OSError, RuntimeError) as exc:
        raise BackendError(f"{where} could not be started or reached: {_reason(exc)}") from None
    check_url = urllib.parse.urljoin(str(tool.url), "check")
    return _Session(check_url, str(tool.language), tool)


def _tool_class(base: type[LanguageTool], timeout: float) -> type[LanguageTool]:
    """language-tool-python's class with our timeout instead of its five minutes."""
    return type("CopydeskLanguageTool", (base,), {"_TIMEOUT": timeout})


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 300 else text[:300] + "..."


def _post(url: str, params: Mapping[str, str], settings: LanguageToolSettings) -> Any:
    where = settings.describe()
    body = urllib.parse.urlencode(params).encode("utf-8")
    request = urllib.request.Request(
        url,
        data=body,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.timeout) as response:  # noqa: S310 - configured URL
            raw = response.read()
    except urllib.error.HTTPError as exc:
        raise BackendError(_http_error(where, exc)) from None
    except TimeoutError:
        raise BackendError(f"{where} did not answer within {settings.timeout:g} seconds") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
        message = f"{where} could not be reached: {_reason(reason) if isinstance(reason, BaseException) else reason}"
        with _lock:
            _down[_key(settings)] = (time.monotonic(), message)
        raise BackendError(message) from None
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BackendError(f"{where} did not answer with JSON; is the URL a LanguageTool server?") from None


def _http_error(where: str, exc: urllib.error.HTTPError) -> str:
    try:
        detail = exc.read().decode("utf-8", "replace").strip()
    except OSError:
        detail = ""
    detail = " ".join(detail.split())[:200]
    if exc.code in (426, 429):
        retry = exc.headers.get("Retry-After") if exc.headers else None
        wait = f"; it asks to wait {retry} seconds" if retry else ""
        return f"{where} refused the request: rate limit reached (HTTP {exc.code}){wait}; this file was not checked"
    if exc.code == 413:
        return f"{where} refused the request: text too long (HTTP 413); lower the server's limit or split the file"
    suffix = f": {detail}" if detail else ""
    return f"{where} answered HTTP {exc.code} {exc.reason}{suffix}; this file was not checked"


def forget() -> None:
    """Drop every session and failure record (tests; configuration reloads)."""
    with _lock:
        for session in _sessions.values():
            close = getattr(session.tool, "close", None)
            if callable(close):
                try:
                    close()
                except Exception:  # noqa: BLE001 - best effort on shutdown
                    pass
        _sessions.clear()
        _down.clear()


def sessions() -> Iterable[tuple[str, str]]:
    """(check URL, language) of the open sessions."""
    with _lock:
        return [(s.check_url, s.language) for s in _sessions.values()]
