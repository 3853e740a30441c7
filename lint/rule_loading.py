"""Load YAML rule files into compiled rules.

One rule per file; a folder of rule files is a pack; the rule id is
``Pack.File``.  Loading uses safe YAML only, and every error names the file,
the line and the key.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lint.alerts import LEVEL_NAMES, Level
from lint.checks import RULE_TYPES
from lint.checks.base import (
    COMMON_KEYS,
    Check,
    CommonSpec,
    Examples,
    FixSafety,
    RuleError,
    deferred_compilation,
    get_bool,
    get_str,
)
from lint.markup import normalize_markup
from lint.prefilter import save_memo
from lint.rule_cache import ParsedRules, ValidatedRules, rule_digest
from lint.scopes import Selector

if TYPE_CHECKING:
    import yaml

RULE_SUFFIXES = (".yml", ".yaml")
MAX_RULE_FILE_BYTES = 2_000_000
# Guards against alias bombs ("billion laughs"): the number of nodes a file
# would expand to.
MAX_EXPANDED_NODES = 200_000
# Guards against deep nesting ("[[[[..."): libyaml builds nodes recursively
# in C, and a hundred thousand levels overflow the stack (a crash, not an
# error). Rule files need a handful of levels.
MAX_NESTING = 100


def _loader() -> type[yaml.SafeLoader]:
    """PyYAML's safe loader, in C when libyaml is there. PyYAML is imported
    only when a file has to be parsed: known files come from the cache of
    parsed rules (lint/rule_cache.py)."""
    import yaml

    try:
        return yaml.CSafeLoader  # type: ignore[return-value]
    except AttributeError:  # pragma: no cover - libyaml missing
        return yaml.SafeLoader


class RuleFileError(Exception):
    """A rule file that cannot be used, located as ``path:line: key: message``."""

    def __init__(self, path: str, line: int | None, key: str | None, message: str) -> None:
        self.path = path
        self.line = line
        self.key = key
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        what = f"key '{self.key}': " if self.key else ""
        return f"{where}: {what}{self.message}"


@dataclass(frozen=True)
class Rule:
    spec: CommonSpec
    check: Check

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def level(self) -> Level:
        return self.spec.level

    @property
    def pack(self) -> str:
        return self.spec.id.split(".", 1)[0]


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    warnings: tuple[str, ...] = ()

    def by_id(self) -> dict[str, Rule]:
        return {rule.id: rule for rule in self.rules}


def builtin_rules_dir() -> Path:
    """The shipped packs: ``lint/packs`` in a wheel, ``rules/`` in a checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "packs"
    if installed.is_dir():
        return installed
    return here.parent / "rules"


def discover_rule_files(folder: Path) -> list[tuple[str, Path]]:
    """(pack, file) pairs under ``folder``: either a folder of packs, or a
    pack itself when it holds rule files directly."""
    if not folder.is_dir():
        raise RuleFileError(str(folder), None, None, "rule folder does not exist")
    found: list[tuple[str, Path]] = [(folder.name, p) for p in _rule_files(folder)]
    for pack in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        found.extend((pack.name, p) for p in _rule_files(pack))
    return found


def _rule_files(folder: Path) -> list[Path]:
    """Rule files of one pack; names starting with '_' or '.' are pack metadata."""
    return sorted(
        p for p in folder.iterdir() if p.suffix in RULE_SUFFIXES and p.is_file() and not p.name.startswith(("_", "."))
    )


def pack_enabled_by_default(pack_folder: Path) -> bool:
    """A pack is on unless its ``_pack.yml`` says ``default: false`` (opt-in packs)."""
    for name in ("_pack.yml", "_pack.yaml"):
        meta = pack_folder / name
        if meta.is_file():
            data, lines = read_yaml(meta)
            if not isinstance(data, dict):
                raise RuleFileError(str(meta), 1, None, "pack metadata must be a mapping")
            value = data.get("default", True)
            if not isinstance(value, bool):
                raise RuleFileError(str(meta), lines.get("default", 1), "default", "must be true or false")
            return value
    return True


def load_rules(
    folders: Iterable[Path], packs: Sequence[str] | None = None, transform: RuleTransform | None = None
) -> RuleSet:
    """Load every rule in ``folders`` (later folders override earlier rules
    with the same id). ``packs`` names the packs to keep; by default every
    pack that is not opt-in (see :func:`pack_enabled_by_default`).
    ``transform`` rewrites each file's data before it is compiled (see
    :data:`RuleTransform`)."""
    rules: dict[str, Rule] = {}
    warnings: list[str] = []
    validated = validated_rules()
    for folder in folders:
        enabled: dict[Path, bool] = {}
        for pack, path in discover_rule_files(folder):
            if packs is not None:
                if pack not in packs:
                    continue
            else:
                if path.parent not in enabled:
                    enabled[path.parent] = pack_enabled_by_default(path.parent)
                if not enabled[path.parent]:
                    continue
            rule, file_warnings = load_rule_file(path, pack, None if transform else validated, transform)
            rules[rule.id] = rule
            warnings.extend(file_warnings)
    validated.save()
    parsed_rules().save()
    save_memo()
    return RuleSet(tuple(rules.values()), tuple(warnings))


_VALIDATED: ValidatedRules | None = None
_PARSED: ParsedRules | None = None


def validated_rules() -> ValidatedRules:
    """The process-wide store of rule files known to compile."""
    global _VALIDATED
    if _VALIDATED is None:
        _VALIDATED = ValidatedRules()
    return _VALIDATED


def parsed_rules() -> ParsedRules:
    """The process-wide store of parsed rule files."""
    global _PARSED
    if _PARSED is None:
        _PARSED = ParsedRules(_parser_stamp)
    return _PARSED


def _parser_stamp() -> str:
    """This module's code (the parsing and its checks) and the installed
    PyYAML, found without importing it."""
    import hashlib
    import importlib.util

    h = hashlib.sha256()
    spec = importlib.util.find_spec("yaml")
    origin = spec.origin if spec is not None else None
    try:
        h.update(Path(__file__).read_bytes())
        if origin:
            stat = os.stat(origin)
            h.update(f"{origin}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    except OSError:
        h.update(os.urandom(16))  # unknown code: match nothing stored
    return h.hexdigest()


def read_yaml(path: Path) -> tuple[Any, dict[str, int]]:
    """Parse a YAML file safely; return the data and the line of each
    top-level key. A text that parsed cleanly before is not parsed again
    (see :class:`lint.rule_cache.ParsedRules`)."""
    display = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_RULE_FILE_BYTES:
            raise RuleFileError(display, None, None, f"file is too large ({size} bytes) for a rule file")
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise RuleFileError(display, None, None, f"cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise RuleFileError(display, None, None, f"not valid UTF-8: {exc.reason} at byte {exc.start}") from None
    parsed = parsed_rules()
    known = parsed.get(text)
    if known is not None:
        return known
    data, lines = _parse_yaml(text, display)
    parsed.remember(text, (data, lines))
    return data, lines


def _parse_yaml(text: str, display: str) -> tuple[Any, dict[str, int]]:
    import yaml

    loader = _loader()(text)
    try:
        _check_nesting(text, display)
        node = loader.get_single_node()
        if node is None:
            return None, {}
        _check_expansion(node, display)
        _check_duplicate_keys(node, display)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        if "nesting depth" in problem:
            # libyaml (PyYAML 6.0.4 and later) has its own depth limit and may
            # stop first: say the same as our own check.
            raise RuleFileError(display, line, None, f"lists and mappings nested more than {MAX_NESTING} levels deep") from None
        raise RuleFileError(display, line, None, f"invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise RuleFileError(display, None, None, f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                lines[str(key_node.value)] = key_node.start_mark.line + 1
    return data, lines


def _check_nesting(text: str, display: str) -> None:
    """Reject documents nested deeper than MAX_NESTING, reading only events
    (libyaml's parser keeps its own stack) and stopping at the first too deep."""
    import yaml

    depth = 0
    for event in yaml.parse(text, Loader=_loader()):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_NESTING:
                line = event.start_mark.line + 1 if event.start_mark else None
                raise RuleFileError(display, line, None, f"lists and mappings nested more than {MAX_NESTING} levels deep")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _check_expansion(root: yaml.Node, display: str) -> None:
    """Reject documents whose aliases would expand to a huge tree."""
    import yaml

    total = 0
    stack: list[yaml.Node] = [root]
    while stack:
        node = stack.pop()
        total += 1
        if total > MAX_EXPANDED_NODES:
            raise RuleFileError(
                display, root.start_mark.line + 1, None, "document expands to too many nodes (alias bomb?)"
            )
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def _check_duplicate_keys(root: yaml.Node, display: str) -> None:
    """Reject a key written twice in one mapping: YAML would silently keep
    only the last value (a second 'tokens:' list replacing the first)."""
    import yaml

    if not isinstance(root, yaml.MappingNode):
        return
    _duplicates_in(root, display, None)
    for key, value in root.value:
        owner = str(key.value) if isinstance(key, yaml.ScalarNode) else None
        stack: list[yaml.Node] = [value]
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.MappingNode):
                _duplicates_in(node, display, owner)
                stack.extend(v for _, v in node.value)
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)


def _duplicates_in(node: yaml.MappingNode, display: str, owner: str | None) -> None:
    import yaml

    first_line: dict[str, int] = {}
    for key, _ in node.value:
        if not isinstance(key, yaml.ScalarNode) or key.tag == "tag:yaml.org,2002:merge":
            continue
        name = str(key.value)
        line = key.start_mark.line + 1
        if name in first_line:
            raise RuleFileError(display, line, owner or name, f"duplicate key {name!r} (first on line {first_line[name]})")
        first_line[name] = line


# Rewrites a rule file's data before it is compiled (the Vale loader
# translates RE2 regexes with it): (data, path) -> (new data, warnings).
RuleTransform = Callable[[dict[str, Any], Path], tuple[dict[str, Any], list[str]]]


def load_rule_file(
    path: Path, pack: str, validated: ValidatedRules | None = None, transform: RuleTransform | None = None
) -> tuple[Rule, list[str]]:
    """Compile one rule file. Returns the rule and warnings (unknown keys,
    rule types that are loaded but not supported).

    With ``validated``, a file whose exact content compiled before is built
    with regexes compiled on first use (see lint/rule_cache.py).
    """
    display = str(path)
    data, lines = read_yaml(path)
    extra_warnings: list[str] = []
    if transform is not None and isinstance(data, dict):
        data, extra_warnings = transform(data, path)
    rule_id = f"{pack}.{path.stem}"
    digest = None
    if validated is not None:
        try:
            digest = rule_digest(path.read_bytes(), rule_id)
        except OSError:
            digest = None
    if not isinstance(data, dict):
        raise RuleFileError(display, 1, None, "a rule file must be a YAML mapping of keys to values")

    def fail(error: RuleError) -> RuleFileError:
        line = lines.get(error.key or "", 1 if error.key is None else lines.get("extends", 1))
        return RuleFileError(display, line, error.key, error.message)

    defer = validated is not None and digest is not None and validated.known(digest)
    try:
        common = parse_common(rule_id, data, display)
        rule_type = RULE_TYPES[common.extends]
        with deferred_compilation(defer):
            check = rule_type(common, data)
    except RuleError as error:
        raise fail(error) from None
    if validated is not None and digest is not None and not defer:
        validated.remember(digest)
    warnings = [
        f"{display}:{lines.get(key, 1)}: key '{key}': unknown key for extends '{common.extends}' (ignored)"
        for key in data
        if key not in COMMON_KEYS and key not in rule_type.KEYS
    ]
    if getattr(rule_type, "UNSUPPORTED", False):
        warnings = [
            f"{display}:{lines.get('extends', 1)}: key 'extends': rule type '{common.extends}' is not supported; "
            f"rule {rule_id} is skipped"
        ]
    return Rule(common, check), extra_warnings + warnings


def parse_common(rule_id: str, data: Mapping[str, Any], display: str) -> CommonSpec:
    extends = get_str(data, "extends", required=True)
    if extends not in RULE_TYPES:
        raise RuleError(
            f"unknown rule type {extends!r}; valid types: {', '.join(sorted(RULE_TYPES))}", "extends"
        )
    rule_type = RULE_TYPES[extends]
    message = get_str(data, "message", required=True)
    level_text = get_str(data, "level", "suggestion")
    try:
        level = Level.parse(level_text)
    except ValueError:
        raise RuleError(f"unknown level {level_text!r}; expected one of: {', '.join(LEVEL_NAMES)}", "level") from None
    scope_value = data.get("scope", rule_type.DEFAULT_SCOPE)
    if not isinstance(scope_value, (str, list)):
        raise RuleError("'scope' must be a scope name or a list of them", "scope")
    try:
        scope = Selector.parse(scope_value)
    except ValueError as exc:
        raise RuleError(str(exc), "scope") from None
    fix_text = get_str(data, "fix", "none")
    try:
        fix = FixSafety(fix_text)
    except ValueError:
        raise RuleError(f"'fix' must be one of safe, unsafe, none, not {fix_text!r}", "fix") from None
    markup = data.get("markup", [])
    if isinstance(markup, str):
        markup = [markup]
    if not isinstance(markup, list):
        raise RuleError("'markup' must be a list of markup names", "markup")
    try:
        markup = [normalize_markup(str(m)) for m in markup]
    except ValueError as exc:
        raise RuleError(str(exc), "markup") from None
    return CommonSpec(
        id=rule_id,
        extends=extends,
        message=message,
        level=level,
        scope=scope,
        link=get_str(data, "link"),
        ignorecase=get_bool(data, "ignorecase"),
        nonword=get_bool(data, "nonword"),
        description=get_str(data, "description"),
        why=get_str(data, "why"),
        examples=parse_examples(data.get("examples")),
        fix=fix,
        markup=tuple(markup),
        path=display,
    )


def parse_examples(value: Any) -> Examples:
    if value is None:
        return Examples()
    if not isinstance(value, dict):
        raise RuleError("'examples' must be a mapping with bad, good and fixed lists", "examples")
    unknown = set(value) - {"bad", "good", "fixed"}
    if unknown:
        raise RuleError(f"unknown example kinds: {', '.join(sorted(map(str, unknown)))}; use bad, good, fixed", "examples")
    lists: dict[str, tuple[str, ...]] = {}
    for kind in ("bad", "good", "fixed"):
        items = value.get(kind) or []
        if isinstance(items, str):
            items = [items]
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise RuleError(f"'examples.{kind}' must be a list of strings", "examples")
        lists[kind] = tuple(items)
    return Examples(**lists)


def default_rule_folders(extra: Sequence[str | os.PathLike[str]] = ()) -> list[Path]:
    return [builtin_rules_dir(), *(Path(p) for p in extra)]
