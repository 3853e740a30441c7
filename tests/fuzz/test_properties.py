"""Property-based tests of the parsers, the engine, the fixer and the
configuration reader.

Inputs are built from pieces that mean something to some markup (``#``,
``>``, backticks, brackets, tags, entities, comments, CR/LF/CRLF, zero-width
and bidirectional characters, astral emoji) mixed with arbitrary text, so
the examples hit the offset maps where they are hardest to get right.

The example count is bounded and the search derandomized, so CI runs the
same examples every time in a few seconds; ``COPYDESK_FUZZ_EXAMPLES=20000``
explores further. The atheris target in ``fuzz/fuzz_parsers.py`` checks
the same properties on raw bytes for longer runs.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.alerts import Alert, Applicability, Edit, Fix
from lint.config import ConfigError, SettingsResolver
from lint.engine import lint_text
from lint.files import SourceError, decode
from lint.fixes import _overlaps, _self_overlapping, apply_fixes, apply_fixes_until_stable
from lint.globs import GlobError, _Automaton, _parse, _regex, compile_glob
from lint.markup import MARKUPS, parse
from lint.positions import LineIndex
from lint.rule_loading import Rule, builtin_rules_dir, discover_rule_files, load_rule_file, load_rules
from tests.helpers import check_alerts, check_document, line_col

EXAMPLES = int(os.environ.get("COPYDESK_FUZZ_EXAMPLES", "500"))
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

PIECES = [
    # prose the shipped rules react to
    "word", "Past history", "the the", "Obviously", "organise", "organize", "UNHCR", "(UNHCR)",
    "50%", "March 07", "Mr. Smith", "end result", "TK", "Photo: AP", "Belgorod", "Begorod", "said.",
    " , ", "  .", "a paragraph broken\n\ncontinues",
    # whitespace and line ends
    " ", "  ", "\t", "\n", "\r", "\r\n", "\n\n", "\x0c",
    # Markdown
    "#", "# ", "> ", "- ", "1. ", "*", "_", "`", "```", "~~~", "[", "]", "(", ")", "![", "](", "|", "|-|",
    "[told](#)", "[click here](http://x)", "[^1]", "[^1]: note", "---\n", "\\", "$", "$$", "    code",
    "http://x.y/z", "www.a.b",
    # HTML
    "<", ">", "&", "&amp;", "&#x41;", "&#0;", "&#99999999;", "&bogus;", "<p>", "</p>", "<b>", "</div>",
    "<a href='x'>", "</a>", "<br>", "<img alt='a&amp;b' src=x>", "<script>", "</script>", "<pre>",
    "<!--", "-->", "<![CDATA[", "]]>", "<?", "<!DOCTYPE html>", "<h2>", "</h2>", "<td>", "<li>",
    # suppression comments
    "<!-- copydesk-disable -->", "<!-- copydesk-enable -->", "<!-- copydesk-disable-next-line News.DoubledWord -->",
    "<!-- vale off -->", "<!-- vale on -->",
    # characters that are easy to miscount
    "\u200b", "\u202e", "\u2066", "\ufeff", "é", "e\u0301", "東京", "😀", "𝔸", "\x00", "\x7f", "\u2028",
    "\"", "“", "”", "'", "’",
]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=40).map("".join)

TYPED_RULES = {
    "Existence": "extends: existence\nmessage: \"Avoid '%s'.\"\nignorecase: true\ntokens: [obviously]\n",
    "Substitution": "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nignorecase: true\nfix: safe\nswap:\n  past history: history\n",
    "Occurrence": "extends: occurrence\nmessage: \"'the' %s times.\"\nignorecase: true\nmax: 2\ntoken: '\\bthe\\b'\n",
    "Repetition": "extends: repetition\nmessage: \"'%s' is repeated.\"\nignorecase: true\nfix: safe\ntokens: ['\\p{L}+']\n",
    "Consistency": "extends: consistency\nmessage: \"'%s': this text uses '%s'.\"\neither:\n  organise: organize\n",
    "Conditional": "extends: conditional\nmessage: \"'%s' is not defined.\"\nfirst: '\\b[A-Z]{5}\\b'\nsecond: '\\(([A-Z]{5})\\)'\n",
    "Capitalization": "extends: capitalization\nmessage: \"'%s' is not in title case.\"\nscope: heading\nmatch: $title\n",
    "Metric": "extends: metric\nmessage: \"%s words.\"\nformula: words\ncondition: '> 12'\n",
    "Pattern": "extends: pattern\nmessage: \"'{n} per cent', not '%s'.\"\nfix: safe\npattern: '(?P<n>\\d+)%'\nreplace: '\\g<n> per cent'\n",
    "Markup": "extends: markup\nmessage: \"Placeholder link '%s'.\"\nconstruct: link\ndestination: ['#']\n",
    "Boundary": "extends: boundary\nmessage: \"Broken paragraph: '%s' / '%s'.\"\nfix: unsafe\nbefore: '\\p{Ll}+$'\nafter: '\\p{Ll}+'\n",
}


@pytest.fixture(scope="module")
def rules(tmp_path_factory: pytest.TempPathFactory) -> tuple[Rule, ...]:
    """Every shipped pack but the opt-in grammar engine, and one rule of each type."""
    root = builtin_rules_dir()
    packs = sorted({pack for pack, _ in discover_rule_files(root)} - {"Grammar"})
    shipped = load_rules([root], packs=packs).rules
    folder = tmp_path_factory.mktemp("rules") / "Fuzz"
    folder.mkdir()
    typed = []
    for name, text in TYPED_RULES.items():
        (folder / f"{name}.yml").write_text(text, encoding="utf-8")
        typed.append(load_rule_file(folder / f"{name}.yml", "Fuzz")[0])
    return (*shipped, *typed)


# -- parsers -------------------------------------------------------------------
@pytest.mark.parametrize("markup", MARKUPS)
def test_parsers_keep_offset_maps_and_are_deterministic(markup: str) -> None:
    @FUZZ
    @given(texts)
    def run(source: str) -> None:
        doc = parse(source, markup)
        check_document(doc, source)
        assert parse(source, markup) == doc

    run()


# -- engine ----------------------------------------------------------------------
@pytest.mark.parametrize("markup", MARKUPS)
def test_engine_keeps_the_offset_contract(rules: tuple[Rule, ...], markup: str) -> None:
    @FUZZ
    @given(texts)
    def run(source: str) -> None:
        alerts = lint_text(source, markup, rules)
        check_alerts(source, alerts)
        assert lint_text(source, markup, rules) == alerts

    run()


@pytest.mark.parametrize("markup", MARKUPS)
def test_fixing_twice_changes_nothing(rules: tuple[Rule, ...], markup: str) -> None:
    def lint(text: str) -> list[Alert]:
        return lint_text(text, markup, rules)

    @settings(FUZZ, max_examples=max(EXAMPLES // 3, 1))
    @given(texts)
    def run(source: str) -> None:
        outcome = apply_fixes_until_stable(source, lint, unsafe=True)
        check_alerts(outcome.text, lint(outcome.text))
        if outcome.converged:
            assert apply_fixes_until_stable(outcome.text, lint, unsafe=True).text == outcome.text

    run()


# -- decoding --------------------------------------------------------------------
@FUZZ
@given(st.one_of(st.binary(max_size=64), texts.map(lambda t: t.encode("utf-8", "surrogatepass")), texts.map(lambda t: b"\xff\xfe" + t.encode("utf-16-le", "surrogatepass"))))
def test_any_bytes_decode_or_fail_with_one_line_naming_the_file(data: bytes) -> None:
    try:
        source = decode(data, "in/story.md")
    except SourceError as exc:
        message = str(exc)
        assert message.startswith("in/story.md") and "\n" not in message
        return
    assert "\x00" not in source.text
    parse(source.text, "markdown")


# -- positions and fixes -----------------------------------------------------------
@FUZZ
@given(st.text(alphabet="ab\r\n", max_size=30))
def test_line_index_counts_lines_as_editors_do(source: str) -> None:
    index = LineIndex(source)
    assert [index.line_col(i) for i in range(len(source) + 1)] == [line_col(source, i) for i in range(len(source) + 1)]


def reference_taken(text: str, fixes: list[Fix]) -> list[Fix]:
    """apply_fixes's choice, computed the slow and obvious way."""
    ordered = sorted(fixes, key=lambda f: (min(e.offset for e in f.edits), max(e.end_offset for e in f.edits)) if f.edits else (0, 0))
    taken: list[Fix] = []
    claimed: list[tuple[int, int]] = []
    for fix in ordered:
        if not fix.edits or any(not (0 <= e.offset <= e.end_offset <= len(text)) for e in fix.edits):
            continue
        if _self_overlapping(fix) or any(_overlaps(e.offset, e.end_offset, a, b) for e in fix.edits for a, b in claimed):
            continue
        taken.append(fix)
        claimed.extend((e.offset, e.end_offset) for e in fix.edits)
    return taken


@st.composite
def fix_sets(draw: st.DrawFn) -> tuple[str, list[Fix]]:
    n = draw(st.integers(0, 12))
    fixes = []
    for _ in range(draw(st.integers(0, 8))):
        edits = []
        for _ in range(draw(st.integers(1, 3))):
            start = draw(st.integers(0, n + 1))
            end = draw(st.integers(start, start + 3))
            edits.append(Edit(start, end, draw(st.sampled_from(["", "y", "zz"]))))
        fixes.append(Fix("t", tuple(edits), Applicability.SAFE))
    return "x" * n, fixes


@settings(FUZZ, max_examples=EXAMPLES * 4)
@given(fix_sets())
def test_apply_fixes_takes_what_the_obvious_loop_takes(case: tuple[str, list[Fix]]) -> None:
    text, fixes = case
    assert list(apply_fixes(text, fixes).applied) == reference_taken(text, fixes)


# -- configuration globs -------------------------------------------------------------
GLOB_PIECES = ["a", "b", ".", "/", "*", "**", "**/", "?", "[ab]", "[!a]", "[a-b]", "[/]", "{", "}", ",", "[", "]", "-", "!", "^"]


@FUZZ
@given(
    st.lists(st.sampled_from(GLOB_PIECES), max_size=14).map("".join),
    st.lists(st.text(alphabet="ab.-[]", max_size=6), min_size=1, max_size=4),
)
def test_a_glob_matches_alike_by_regex_and_by_automaton(pattern: str, parts: list[str]) -> None:
    """Globs with more than two wildcards are matched by the automaton, the
    others by a regular expression: both give the same answers."""
    try:
        nodes = _parse(pattern)
    except GlobError:
        return
    compiled = compile_glob(pattern)  # accepted when parsed: nothing else can fail
    regex = re.compile(_regex(nodes) + r"\Z", re.DOTALL)
    automaton = _Automaton(nodes)
    for end in range(1, len(parts) + 1):
        text = "/".join(parts[:end])
        expected = regex.match(text) is not None
        assert automaton.run(text, (len(text),)) is expected, text
        assert compiled.match(text) is expected, text
    expected = any(regex.match("/".join(parts[:end])) for end in range(1, len(parts) + 1))
    assert automaton.run("/".join(parts), [len("/".join(parts[:end])) for end in range(1, len(parts) + 1)]) is expected
    assert compiled.match_prefix(parts) is expected


# -- configuration files -------------------------------------------------------------
# Lines of TOML built from the keys, glob and values the reader knows, and
# from what broke it before (nesting deeper than tomllib recurses, a 5,000-
# digit integer, reversed and empty glob classes, deep braces).
GLOB_TEXTS = ["*", "**", "**/*.md", "?", "a.md", "news", "[a-z]*", "[z-a]", "[]", "[!]", "{a,b}", "{", "}", "[", "*a*a*a*b", "{" * 20 + "}" * 20]
CONFIG_KEYS = [
    "exclude", "min-level", "fail-level", "packs", "extend-packs", "rules", "markup", "overrides", "files", "force-exclude",
    "vocabularies", "rule-folders", "extend", "dialect", "url", "local", "timeout", '"News.DoubledWord"', "Redundancy",
    '"*.txt"', '"[b-a]"', "a.b",
]
CONFIG_VALUES = st.recursive(
    st.sampled_from(['"error"', '"off"', '"html"', '"News"', '"."', '"copydesk.toml"', "1", "-1", "true", "9" * 5_000, "1979-05-27", "[]", "{}"])
    | st.sampled_from(GLOB_TEXTS).map(lambda g: '"' + g + '"')
    | st.sampled_from(["[" * 600 + "]" * 600, "{a = " * 400 + "1" + "}" * 400]),
    lambda inner: st.lists(inner, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]")
    | st.lists(st.tuples(st.sampled_from(CONFIG_KEYS), inner), max_size=3).map(lambda kv: "{" + ", ".join(f"{k} = {v}" for k, v in kv) + "}"),
    max_leaves=6,
)
CONFIG_LINES = st.one_of(
    st.tuples(st.sampled_from(CONFIG_KEYS), CONFIG_VALUES).map(lambda kv: f"{kv[0]} = {kv[1]}"),
    st.sampled_from(["[markup]", "[rules]", "[[overrides]]", "[languagetool]", "[tool.copydesk]", "[a]"]),
    st.text(max_size=4),
)


@FUZZ
@given(st.lists(CONFIG_LINES, max_size=8).map("\n".join))
def test_any_configuration_gives_settings_or_one_configuration_error(text: str) -> None:
    """Whatever the configuration holds, reading it and selecting and
    linting files under it gives settings or a ConfigError, nothing else."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "copydesk.toml").write_text(text, encoding="utf-8", errors="surrogatepass")
        (root / "news").mkdir()
        (root / "news" / "a.md").write_text("Its past history is long.\n", encoding="utf-8")
        resolver = SettingsResolver()
        try:
            resolver.select_files([folder])
            resolver.settings_for(root / "news" / "a.md").lint("Its past history is long.\n")
        except ConfigError as exc:
            assert "\n" not in str(exc)
            assert str(exc).startswith(str(root / "copydesk.toml"))


def test_the_fuzz_target_runs_on_its_seeds() -> None:
    """fuzz/fuzz_parsers.py checks the same properties on bytes; its seed
    inputs must pass (the target is run for hours elsewhere)."""
    import importlib.util

    target = Path(__file__).resolve().parents[2] / "fuzz" / "fuzz_parsers.py"
    spec = importlib.util.spec_from_file_location("fuzz_parsers", target)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for seed in sorted((target.parent / "seeds").iterdir()):
        module.TestOneInput(seed.read_bytes())
