"""Loading rule files: every error names the file, the line and the key;
YAML is loaded safely; packs are discovered from folders."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from helpers import write_rule

from lint.checks import RULE_TYPES
from lint.rule_loading import (
    RuleFileError,
    discover_rule_files,
    load_rule_file,
    load_rules,
    pack_enabled_by_default,
    read_yaml,
)

ERRORS = [
    # (id, file text, line, key, message part)
    ("unknown extends", "message: m\nextends: existance\ntokens: [a]\n", 2, "extends", "unknown rule type 'existance'"),
    ("missing extends", "message: m\ntokens: [a]\n", 1, "extends", "missing required key 'extends'"),
    ("missing message", "extends: existence\ntokens: [a]\n", 1, "message", "missing required key 'message'"),
    ("bad level", "extends: existence\nmessage: m\nlevel: fatal\ntokens: [a]\n", 3, "level", "unknown level 'fatal'"),
    ("level not a string", "extends: existence\nmessage: m\nlevel: [error]\ntokens: [a]\n", 3, "level", "must be a string"),
    ("invalid token regex", "extends: existence\nmessage: m\ntokens:\n  - ok\n  - 'a(b'\n", 3, "tokens",
     "invalid regex in 'tokens': missing ) at position 3 (pattern: 'a(b')"),
    ("invalid raw regex", "extends: existence\nmessage: m\nraw: ['[z-a]']\n", 3, "raw", "invalid regex in 'raw'"),
    ("invalid swap regex", "extends: substitution\nmessage: m\nswap:\n  ok: fine\n  'a[': b\n", 3, "swap",
     "invalid regex in 'swap': unterminated character set"),
    ("invalid exceptions regex", "extends: existence\nmessage: m\ntokens: [a]\nexceptions: ['*a']\n", 4, "exceptions",
     "invalid regex in 'exceptions'"),
    ("invalid repetition allow regex", "extends: repetition\nmessage: m\nallow: ['a(b']\n", 3, "allow",
     "invalid regex in 'allow'"),
    ("tokens not a list", "extends: existence\nmessage: m\ntokens: {a: b}\n", 3, "tokens", "must be a list of strings, not a mapping"),
    ("token not a string", "extends: existence\nmessage: m\ntokens: [[a]]\n", 3, "tokens", "'tokens[0]' must be a string, not a list"),
    ("unquoted no", "extends: existence\nmessage: m\ntokens: [yes, no]\n", 3, "tokens", "quote it"),
    ("no tokens", "extends: existence\nmessage: m\n", 1, "tokens", "needs 'tokens' or 'raw'"),
    ("ignorecase not a boolean", "extends: existence\nmessage: m\nignorecase: sometimes\ntokens: [a]\n", 3, "ignorecase",
     "must be true or false"),
    ("max not an integer", "extends: occurrence\nmessage: m\ntoken: a\nmax: many\n", 4, "max", "must be an integer"),
    ("swap not a mapping", "extends: substitution\nmessage: m\nswap: [a, b]\n", 3, "swap", "must be a mapping, not a list"),
    ("swap to a list", "extends: substitution\nmessage: m\nswap:\n  a: [b]\n", 3, "swap", "must map to a string"),
    ("message not a string", "extends: existence\nmessage: {a: b}\ntokens: [a]\n", 2, "message", "must be a string, not a mapping"),
    ("unknown scope", "extends: existence\nmessage: m\nscope: headline\ntokens: [a]\n", 3, "scope", "unknown scope 'headline'"),
    ("unknown scope in a selector", "extends: existence\nmessage: m\nscope: heading & ~quote\ntokens: [a]\n", 3, "scope",
     "unknown scope 'quote'"),
    ("negated sentence", "extends: existence\nmessage: m\nscope: ~sentence\ntokens: [a]\n", 3, "scope", "'~sentence'"),
    ("empty scope list", "extends: existence\nmessage: m\nscope: []\ntokens: [a]\n", 3, "scope", "scope list is empty"),
    ("empty scope term", "extends: existence\nmessage: m\nscope: 'heading &'\ntokens: [a]\n", 3, "scope", "unknown scope ''"),
    ("duplicate key", "extends: existence\nmessage: m\ntokens: [a]\nlevel: error\ntokens: [b]\n", 5, "tokens",
     "duplicate key 'tokens' (first on line 3)"),
    ("duplicate swap key", "extends: substitution\nmessage: m\nswap:\n  a: b\n  c: d\n  a: e\n", 6, "swap",
     "duplicate key 'a' (first on line 4)"),
    ("unknown markup", "extends: existence\nmessage: m\nmarkup: [latex]\ntokens: [a]\n", 3, "markup", "unknown markup 'latex'"),
    ("scope not a string", "extends: existence\nmessage: m\nscope: {a: b}\ntokens: [a]\n", 3, "scope", "scope name or a list"),
    ("bad fix", "extends: existence\nmessage: m\nfix: always\ntokens: [a]\n", 3, "fix", "must be one of safe, unsafe, none"),
    ("bad examples", "extends: existence\nmessage: m\nexamples: [a]\ntokens: [a]\n", 3, "examples", "must be a mapping"),
    ("bad capitalization match", "extends: capitalization\nmessage: m\nmatch: $titel\n", 3, "match", "must be $title"),
    ("bad threshold", "extends: capitalization\nmessage: m\nmatch: $title\nthreshold: 2\n", 4, "threshold", "between 0 and 1"),
    ("unsafe formula", "extends: metric\nmessage: m\nformula: __import__('os')\ncondition: '> 1'\n", 3, "formula",
     "only these functions are allowed"),
    ("bad condition", "extends: metric\nmessage: m\nformula: words\ncondition: big\n", 4, "condition", "must look like"),
]


@pytest.mark.parametrize(("text", "line", "key", "message"), [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_errors_name_file_line_and_key(tmp_path, text, line, key, message):
    path = write_rule(tmp_path, text)
    with pytest.raises(RuleFileError) as info:
        load_rule_file(path, "Pack")
    error = info.value
    assert (error.path, error.line, error.key) == (str(path), line, key)
    assert message in error.message
    assert str(error) == f"{path}:{line}: key '{key}': {error.message}"


def test_unknown_extends_lists_the_valid_types(tmp_path):
    path = write_rule(tmp_path, "extends: nope\nmessage: m\n")
    with pytest.raises(RuleFileError) as info:
        load_rule_file(path, "Pack")
    for name in RULE_TYPES:
        assert name in info.value.message


def test_unknown_keys_are_warnings(tmp_path):
    path = write_rule(tmp_path, "extends: existence\nmessage: m\ntokens: [a]\ntokenz: [b]\nswap: {a: b}\n")
    rule, warnings = load_rule_file(path, "Pack")
    assert rule.id == "Pack.Rule"
    assert warnings == [
        f"{path}:4: key 'tokenz': unknown key for extends 'existence' (ignored)",
        f"{path}:5: key 'swap': unknown key for extends 'existence' (ignored)",
    ]


def test_known_keys_give_no_warnings(tmp_path):
    path = write_rule(
        tmp_path,
        """
        extends: substitution
        message: m
        level: error
        scope: [heading, paragraph]
        link: https://example.org/style
        ignorecase: true
        nonword: false
        description: d
        why: w
        examples: {bad: [x], good: [y], fixed: [z]}
        fix: safe
        markup: [markdown]
        swap: {x: z}
        """,
    )
    rule, warnings = load_rule_file(path, "Pack")
    assert warnings == []
    assert rule.spec.link == "https://example.org/style"
    assert rule.spec.markup == ("markdown",)
    assert rule.spec.examples.bad == ("x",)


YAML_ERRORS = [
    # (id, text, line, message part)
    ("unclosed flow sequence", "extends: existence\nmessage: m\ntokens: [a\nlevel: error\n", 4, "invalid YAML"),
    ("unclosed quote", "extends: existence\nmessage: 'm\n", 3, "invalid YAML"),
    ("tab indentation", "extends: existence\n\tmessage: m\n", 2, "tab"),
    ("two documents", "extends: existence\nmessage: m\n---\ntokens: [a]\n", 3, "invalid YAML"),
    ("bad indentation", "extends: existence\nmessage: m\n  tokens: [a]\n", 3, "invalid YAML"),
]


@pytest.mark.parametrize(("text", "line", "message"), [e[1:] for e in YAML_ERRORS], ids=[e[0] for e in YAML_ERRORS])
def test_invalid_yaml_names_its_line(tmp_path, text, line, message):
    path = write_rule(tmp_path, text)
    with pytest.raises(RuleFileError) as info:
        load_rule_file(path, "Pack")
    assert info.value.path == str(path)
    assert info.value.line == line
    assert message in info.value.message
    assert str(info.value).startswith(f"{path}:{line}: ")


@pytest.mark.parametrize("text", ["- a\n- b\n", "just a string\n", "42\n", "", "# only a comment\n", "~\n"])
def test_document_must_be_a_mapping(tmp_path, text):
    path = write_rule(tmp_path, text)
    with pytest.raises(RuleFileError, match="must be a YAML mapping"):
        load_rule_file(path, "Pack")


@pytest.mark.parametrize(
    "text",
    [
        "extends: !!python/object/apply:os.system ['echo pwned']\nmessage: m\n",
        "extends: existence\nmessage: !!python/object:builtins.object {}\ntokens: [a]\n",
        "extends: existence\nmessage: !!python/name:os.system\ntokens: [a]\n",
        "!!python/object/new:dict {}\n",
    ],
)
def test_python_tags_are_rejected(tmp_path, text):
    path = write_rule(tmp_path, text)
    with pytest.raises(RuleFileError, match="invalid YAML: could not determine a constructor"):
        load_rule_file(path, "Pack")


BOMB = """
a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
extends: existence
message: m
tokens: *i
"""


def test_alias_bomb_is_rejected_quickly(tmp_path):
    path = write_rule(tmp_path, BOMB)
    start = time.perf_counter()
    with pytest.raises(RuleFileError, match="too many nodes"):
        load_rule_file(path, "Pack")
    assert time.perf_counter() - start < 2


def test_small_aliases_are_fine(tmp_path):
    path = write_rule(tmp_path, "extends: existence\nmessage: m\ntokens: &t [a, b]\nexceptions: *t\n")
    rule, _ = load_rule_file(path, "Pack")
    assert rule.check.spec.exceptions == ("a", "b")


def test_not_utf8_and_too_large(tmp_path):
    folder = tmp_path / "Pack"
    folder.mkdir()
    bad = folder / "Bad.yml"
    bad.write_bytes(b"extends: existence\nmessage: \xff\n")
    with pytest.raises(RuleFileError, match="not valid UTF-8"):
        load_rule_file(bad, "Pack")
    big = folder / "Big.yml"
    big.write_text("extends: existence\nmessage: m\ntokens: [a]\n#" + "x" * 2_100_000 + "\n")
    with pytest.raises(RuleFileError, match="too large"):
        load_rule_file(big, "Pack")


def test_bom_is_accepted(tmp_path):
    folder = tmp_path / "Pack"
    folder.mkdir()
    path = folder / "Bom.yml"
    path.write_bytes("\ufeffextends: existence\nmessage: m\ntokens: [a]\n".encode())
    rule, _ = load_rule_file(path, "Pack")
    assert rule.id == "Pack.Bom"


def test_read_yaml_reports_key_lines(tmp_path):
    path = write_rule(tmp_path, "# comment\nextends: existence\n\nmessage: >-\n  long\n  text\ntokens: [a]\n")
    data, lines = read_yaml(path)
    assert data["message"] == "long text"
    assert lines == {"extends": 2, "message": 4, "tokens": 7}


# -- packs -----------------------------------------------------------------

RULE_TEXT = "extends: existence\nmessage: m\ntokens: [a]\n"


def _pack(root: Path, name: str, rules: list[str], meta: str | None = None) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    for rule in rules:
        (folder / rule).write_text(RULE_TEXT)
    if meta is not None:
        (folder / "_pack.yml").write_text(meta)
    return folder


def test_rule_id_is_pack_dot_file(tmp_path):
    _pack(tmp_path, "News", ["Doubled.yml", "Other.yaml"])
    ruleset = load_rules([tmp_path])
    assert sorted(ruleset.by_id()) == ["News.Doubled", "News.Other"]
    assert {r.pack for r in ruleset.rules} == {"News"}


def test_folder_of_packs_and_pack_folder(tmp_path):
    root = tmp_path / "styles"
    _pack(root, "News", ["A.yml", "B.yml", "notes.txt", "_private.yml", ".hidden.yml"])
    _pack(root, "House", ["C.yml"])
    _pack(root, "_skipped", ["D.yml"])
    _pack(root, ".git", ["E.yml"])
    as_root = [(pack, p.name) for pack, p in discover_rule_files(root)]
    assert as_root == [("House", "C.yml"), ("News", "A.yml"), ("News", "B.yml")]
    as_pack = [(pack, p.name) for pack, p in discover_rule_files(root / "News")]
    assert as_pack == [("News", "A.yml"), ("News", "B.yml")]
    assert sorted(load_rules([root / "News"]).by_id()) == ["News.A", "News.B"]


def test_missing_folder(tmp_path):
    with pytest.raises(RuleFileError, match="does not exist"):
        discover_rule_files(tmp_path / "nope")


def test_opt_in_packs(tmp_path):
    _pack(tmp_path, "News", ["A.yml"])
    _pack(tmp_path, "Extra", ["B.yml"], meta="default: false\ndescription: opt-in\n")
    _pack(tmp_path, "OnPack", ["C.yml"], meta="default: true\n")
    assert pack_enabled_by_default(tmp_path / "Extra") is False
    assert pack_enabled_by_default(tmp_path / "News") is True
    assert sorted(load_rules([tmp_path]).by_id()) == ["News.A", "OnPack.C"]
    assert sorted(load_rules([tmp_path], packs=["Extra"]).by_id()) == ["Extra.B"]
    assert sorted(load_rules([tmp_path], packs=["Extra", "News"]).by_id()) == ["Extra.B", "News.A"]


@pytest.mark.parametrize(("meta", "line", "key"), [("default: maybe\n", 1, "default"), ("- a\n", 1, None)])
def test_bad_pack_metadata(tmp_path, meta, line, key):
    _pack(tmp_path, "Extra", ["B.yml"], meta=meta)
    with pytest.raises(RuleFileError) as info:
        load_rules([tmp_path])
    assert info.value.path.endswith("_pack.yml")
    assert (info.value.line, info.value.key) == (line, key)


def test_later_folders_override_and_warnings_are_collected(tmp_path):
    first = _pack(tmp_path / "one", "News", ["A.yml"])
    second = _pack(tmp_path / "two", "News", ["A.yml"])
    (second / "A.yml").write_text("extends: existence\nmessage: second\ntokens: [a]\nbogus: 1\n")
    ruleset = load_rules([first.parent, second.parent])
    assert [r.spec.message for r in ruleset.rules] == ["second"]
    assert len(ruleset.warnings) == 1 and "key 'bogus'" in ruleset.warnings[0]


def test_a_bad_rule_in_a_pack_names_its_file(tmp_path):
    folder = _pack(tmp_path, "News", ["A.yml"])
    (folder / "Broken.yml").write_text("extends: existence\nmessage: m\nlevel: loud\ntokens: [a]\n")
    with pytest.raises(RuleFileError) as info:
        load_rules([tmp_path])
    assert str(info.value).startswith(f"{folder / 'Broken.yml'}:3: key 'level': ")


def test_markup_names_are_normalised(tmp_path):
    path = write_rule(tmp_path, "extends: existence\nmessage: m\nmarkup: [md, HTML, txt]\ntokens: [a]\n")
    rule, _ = load_rule_file(path, "Pack")
    assert rule.spec.markup == ("markdown", "html", "text")


def test_merge_keys_are_not_duplicates(tmp_path):
    path = write_rule(
        tmp_path,
        "extends: substitution\nmessage: m\nbase: &b {a: b, c: d}\nswap:\n  <<: *b\n  a: z\n",
    )
    rule, warnings = load_rule_file(path, "Pack")
    assert dict(rule.check.spec.swap) == {"a": "z", "c": "d"}
    assert [w.split(": ", 1)[1] for w in warnings] == ["key 'base': unknown key for extends 'substitution' (ignored)"]
