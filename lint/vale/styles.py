"""Load Vale styles (``StylesPath/<Style>/<Rule>.yml``) as copydesk rules.

Each rule file goes through :func:`vale_transform` before it is compiled:

* regexes (``tokens``, ``raw``, ``exceptions``, ``swap`` keys, ``first``,
  ``second``, ``token``, ``match``, ``filters``, ``indicators``) are translated
  from RE2 (:mod:`lint.vale.regex_translate`);
* scopes copydesk does not know are mapped (``strong``, ``emphasis`` ->
  ``text``; ``table.caption``, ``figure.caption`` -> ``paragraph``) or, when
  they name code or comments, the rule never runs (with a warning);
* ``action`` becomes a copydesk fix (:class:`ActionCheck`): substitution and
  spelling rules fix with their suggestion; ``remove``, ``replace``
  (``params``) and ``edit`` (``regex``, ``trim``, ``trim_left``,
  ``trim_right``, ``truncate``, ``split``) fix any rule. Fixes are unsafe:
  they are offered, and applied only with ``--unsafe-fixes``;
* ``limit`` keeps the first N alerts of a rule in a document;
* matches that the project vocabulary accepts are dropped from existence,
  substitution and occurrence rules unless the rule says ``vocab: false``.

``sequence`` and ``script`` rules load, are reported once as unsupported, and
never run.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any

import regex

from lint.alerts import Applicability, Edit, Finding, Fix
from lint.checks.base import Check, FixSafety
from lint.markup.blocks import ParsedDocument, TextBlock
from lint.rule_loading import Rule, RuleFileError, RuleSet, load_rule_file
from lint.scopes import KNOWN_SCOPES
from lint.vale.regex_translate import translate
from lint.vocabulary import current_vocabulary

BUILTIN_DIR = Path(__file__).resolve().parent / "builtin"
REGEX_LIST_KEYS = ("tokens", "exceptions", "filters", "indicators")
REGEX_KEYS = ("first", "second", "token", "match")
SCOPE_MAP = {
    "strong": "text",
    "emphasis": "text",
    "b": "text",
    "i": "text",
    "table.caption": "paragraph",
    "figure.caption": "paragraph",
    "li": "list",
    "p": "paragraph",
    "blockquote": "blockquote",
    "h1": "heading.h1",
    "h2": "heading.h2",
    "h3": "heading.h3",
    "h4": "heading.h4",
    "h5": "heading.h5",
    "h6": "heading.h6",
}
# Vale types whose matches the project vocabulary exempts.
VOCAB_TYPES = frozenset({"existence", "substitution", "occurrence"})
# Rule types that build their own replacement from the rule's data.
SELF_FIXING = frozenset({"substitution", "spelling", "terms", "capitalization"})
# Capitalization's $title/$sentence/... keywords are not regexes.
_KEYWORD = regex.compile(r"\$\w+")


def _translate_value(value: Any, key: str, warnings: list[str], where: str) -> Any:
    if not isinstance(value, str):
        return value
    if key == "match" and _KEYWORD.fullmatch(value):
        return value
    result = translate(value)
    warnings.extend(f"{where}: key '{key}': {w}" for w in result.warnings)
    return result.pattern


def _scope(value: Any, warnings: list[str], where: str) -> Any:
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else None
    if items is None:
        return value
    out: list[str] = []
    for item in items:
        terms = []
        dead = False
        for raw_term in str(item).split("&"):
            term = raw_term.strip()
            negated = term.startswith("~")
            name = term.lstrip("~").strip()
            if name in KNOWN_SCOPES:
                terms.append(term)
            elif name in SCOPE_MAP:
                if not negated:
                    terms.append(SCOPE_MAP[name])
                warnings.append(f"{where}: key 'scope': scope {name!r} is read as {SCOPE_MAP[name]!r}")
            elif negated:
                warnings.append(f"{where}: key 'scope': scope {name!r} is not prose; '~{name}' has no effect")
            else:
                dead = True
                warnings.append(f"{where}: key 'scope': scope {name!r} is never linted as prose")
        if not dead:
            out.append(" & ".join(terms) if terms else "text")
    if not out:
        return "~text"  # matches nothing: the rule never runs
    return out[0] if len(out) == 1 else out


def vale_transform(data: dict[str, Any], path: Path) -> tuple[dict[str, Any], list[str]]:
    """Rewrite one Vale rule file's data into copydesk's dialect."""
    where = str(path)
    warnings: list[str] = []
    out = dict(data)
    for key in REGEX_LIST_KEYS:
        value = out.get(key)
        if isinstance(value, list):
            out[key] = [_translate_value(v, key, warnings, where) for v in value]
        elif isinstance(value, str):
            out[key] = _translate_value(value, key, warnings, where)
    for key in REGEX_KEYS:
        if key in out:
            out[key] = _translate_value(out[key], key, warnings, where)
    raw = out.get("raw")
    if isinstance(raw, list) and all(isinstance(p, str) for p in raw):
        out["raw"] = [_translate_value("".join(raw), "raw", warnings, where)]
    swap = out.get("swap")
    if isinstance(swap, dict):
        out["swap"] = {_translate_value(str(k), "swap", warnings, where): v for k, v in swap.items()}
    if "scope" in out:
        out["scope"] = _scope(out["scope"], warnings, where)
    extends = out.get("extends")
    if "fix" not in out and (extends in SELF_FIXING or isinstance(out.get("action"), dict)):
        out["fix"] = "unsafe"
    if extends == "spelling":
        out.setdefault("append_suggestions", False)  # Vale's message names the word only
    out.pop("limit", None)
    return out, warnings


# -- actions ------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Action:
    name: str
    params: tuple[str, ...] = ()

    @classmethod
    def parse(cls, value: Any) -> Action | None:
        if not isinstance(value, dict) or not value.get("name"):
            return None
        params = value.get("params") or ()
        if isinstance(params, str):
            params = (params,)
        return cls(str(value["name"]), tuple(str(p) for p in params if not isinstance(p, (dict, list))))

    def replacement(self, matched: str) -> str | None:
        """The text that replaces ``matched``, or None when no fix applies."""
        p = self.params
        try:
            if self.name == "remove":
                return ""
            if self.name == "replace":
                return p[0] if p else None
            if self.name != "edit" or not p:
                return None
            kind = p[0]
            if kind == "regex" and len(p) >= 3:
                return str(regex.sub(translate(p[1]).pattern, p[2], matched, timeout=1.0))
            if kind == "trim_right":
                return matched.rstrip(p[1] if len(p) > 1 else None)
            if kind == "trim_left":
                return matched.lstrip(p[1] if len(p) > 1 else None)
            if kind == "trim":
                return matched.strip(p[1] if len(p) > 1 else None)
            if kind == "truncate" and len(p) > 1:
                return matched.split(p[1], 1)[0]
            if kind == "split" and len(p) > 2:
                return matched.split(p[1])[int(p[2])]
        except (regex.error, ValueError, IndexError, TimeoutError):
            return None
        return None


class ActionCheck(Check):
    """Wraps a Vale rule's check: adds ``action`` fixes, drops matches the
    vocabulary accepts, and applies ``limit``."""

    def __init__(self, inner: Check, action: Action | None, limit: int | None, vocab: bool) -> None:
        self.inner = inner
        self.common = inner.common
        self.DOCUMENT_LEVEL = inner.DOCUMENT_LEVEL  # type: ignore[misc]
        self.LITERALS_VARY = inner.LITERALS_VARY  # type: ignore[misc]
        self.action = action
        self.limit = limit
        self.vocab = vocab

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def literals(self) -> frozenset[str] | None:
        return self.inner.literals()

    def can_match(self, held: AbstractSet[str]) -> bool:
        return self.inner.can_match(held)

    def check(self, units: Sequence[TextBlock], doc: ParsedDocument) -> Iterator[Finding]:
        vocabulary = current_vocabulary() if self.vocab else None
        if vocabulary is not None and not vocabulary.accepted_terms:
            vocabulary = None
        count = 0
        for finding in self.inner.check(units, doc):
            matched = doc.source[finding.offset : finding.end_offset]
            if vocabulary is not None and matched and vocabulary.accepts(matched.strip()):
                continue
            if finding.fix is None and self.action is not None and finding.end_offset > finding.offset:
                replacement = self.action.replacement(matched)
                if replacement is not None and replacement != matched:
                    title = f"Replace with '{replacement}'" if replacement else "Remove"
                    fix = Fix(title, (Edit(finding.offset, finding.end_offset, replacement),), Applicability.UNSAFE)
                    finding = dataclasses.replace(finding, fix=fix)
            yield finding
            count += 1
            if self.limit is not None and count >= self.limit:
                return


def _wrap(rule: Rule, data: Mapping[str, Any]) -> Rule:
    action = Action.parse(data.get("action"))
    limit = data.get("limit")
    limit = limit if isinstance(limit, int) and not isinstance(limit, bool) and limit > 0 else None
    vocab = data.get("vocab", True) is not False and rule.spec.extends in VOCAB_TYPES
    if action is None and limit is None and not vocab:
        return rule
    if action is not None and action.name in ("suggest", "convert") or rule.spec.extends in SELF_FIXING:
        action = None
    if action is None and limit is None and not vocab:
        return rule
    return Rule(rule.spec, ActionCheck(rule.check, action, limit, vocab))


# -- loading -----------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class StyleLoad:
    """Result of loading styles: the rules, warnings, and files that failed."""

    rules: tuple[Rule, ...]
    warnings: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    unsupported: tuple[str, ...] = ()


def style_dirs(styles_path: Path | None, names: Iterable[str]) -> list[tuple[str, Path]]:
    """(style, folder) for each style name: ``Vale`` is built in; others live
    in ``StylesPath``."""
    out = []
    for name in names:
        if name == "Vale":
            out.append((name, BUILTIN_DIR / "Vale"))
        elif styles_path is not None and (styles_path / name).is_dir():
            out.append((name, styles_path / name))
    return out


def load_style(name: str, folder: Path, strict: bool = False) -> StyleLoad:
    """Every ``*.yml`` rule of one style. A file that cannot be compiled is
    reported in ``errors`` (or raised with ``strict``) and skipped."""
    rules: list[Rule] = []
    warnings: list[str] = []
    errors: list[str] = []
    unsupported: list[str] = []
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".yml", ".yaml") or not path.is_file() or path.name.startswith((".", "_")):
            continue
        try:
            rule, file_warnings = load_rule_file(path, name, None, vale_transform)
        except RuleFileError as exc:
            if strict:
                raise
            errors.append(str(exc))
            continue
        warnings.extend(file_warnings)
        if getattr(type(rule.check), "UNSUPPORTED", False):
            unsupported.append(rule.id)
            continue
        from lint.rule_loading import read_yaml

        data, _ = read_yaml(path)
        rules.append(_wrap(rule, data if isinstance(data, dict) else {}))
    return StyleLoad(tuple(rules), tuple(warnings), tuple(errors), tuple(unsupported))


def load_styles(styles_path: str | os.PathLike[str] | None, names: Sequence[str], strict: bool = False) -> StyleLoad:
    """The rules of the named styles (``Vale`` included when named)."""
    root = Path(styles_path) if styles_path is not None else None
    rules: list[Rule] = []
    warnings: list[str] = []
    errors: list[str] = []
    unsupported: list[str] = []
    found = dict(style_dirs(root, names))
    for name in names:
        folder = found.get(name)
        if folder is None:
            warnings.append(f"style {name!r} not found in StylesPath {str(root)!r} (skipped)")
            continue
        loaded = load_style(name, folder, strict)
        rules.extend(loaded.rules)
        warnings.extend(loaded.warnings)
        errors.extend(loaded.errors)
        unsupported.extend(loaded.unsupported)
    return StyleLoad(tuple(rules), tuple(warnings), tuple(errors), tuple(unsupported))


def as_ruleset(load: StyleLoad) -> RuleSet:
    return RuleSet(load.rules, load.warnings + load.errors)


def with_level(rule: Rule, level_name: str) -> Rule:
    from lint.alerts import Level

    level = Level.parse(level_name)
    if level is rule.level:
        return rule
    return Rule(dataclasses.replace(rule.spec, level=level), rule.check)


__all__ = [
    "Action",
    "ActionCheck",
    "FixSafety",
    "StyleLoad",
    "load_style",
    "load_styles",
    "vale_transform",
]
