"""Every Vale extension point, loaded through the Vale loader from a style
folder, with the output Vale's documentation implies."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from lint.alerts import Alert
from lint.engine import lint_text
from lint.vale.styles import load_style, load_styles
from lint.vocabulary import Vocabulary, use_vocabulary
from tests.helpers import assert_contract, fixed


def lint(tmp_path: Path, yaml_text: str, text: str, markup: str = "markdown", name: str = "Rule") -> list[Alert]:
    style = tmp_path / "Style"
    style.mkdir(exist_ok=True)
    (style / f"{name}.yml").write_text(textwrap.dedent(yaml_text).lstrip(), encoding="utf-8")
    loaded = load_style("Style", style, strict=True)
    alerts = lint_text(text, markup, [r for r in loaded.rules if r.id == f"Style.{name}"])
    assert_contract(text, alerts)
    return alerts


def found(alerts: list[Alert]) -> list[tuple[str, str]]:
    return [(a.match, a.message) for a in alerts]


def test_existence_tokens_ignorecase_exceptions(tmp_path: Path) -> None:
    rule = """
    extends: existence
    message: "Consider removing '%s'."
    ignorecase: true
    tokens: [obviously, 'simpl(?:e|y)', basically]
    exceptions: [simply]
    """
    alerts = lint(tmp_path, rule, "Obviously it is simply done. Simply put, it is basically so.\n")
    assert [a.match for a in alerts] == ["Obviously", "basically"]
    assert alerts[0].message == "Consider removing 'Obviously'."


def test_existence_nonword_and_raw_append(tmp_path: Path) -> None:
    nonword = """
    extends: existence
    message: "Space before '%s'."
    nonword: true
    tokens: ['\\s[,;]']
    """
    assert [a.match for a in lint(tmp_path, nonword, "One , two ; three.\n")] == [" ,", " ;"]
    raw = """
    extends: existence
    message: "Number then '%s'."
    raw: ['\\s\\d+']
    tokens: [percent]
    append: true
    """
    # append: the tokens come first, then raw - "percent 5"
    assert [a.match for a in lint(tmp_path, raw, "It was percent 5 and 5 percent.\n", name="Raw")] == ["percent 5"]


def test_substitution_two_values_and_regex_swap(tmp_path: Path) -> None:
    rule = """
    extends: substitution
    message: "Use '%s' instead of '%s'."
    ignorecase: true
    swap:
      'e-?mail': email
      utili[sz]e: use
    """
    alerts = lint(tmp_path, rule, "Send an e-mail to utilise it.\n")
    assert found(alerts) == [
        ("e-mail", "Use 'email' instead of 'e-mail'."),
        ("utilise", "Use 'use' instead of 'utilise'."),
    ]
    assert fixed("Send an e-mail to utilise it.\n", alerts) == "Send an email to use it.\n"


def test_occurrence_max(tmp_path: Path) -> None:
    rule = """
    extends: occurrence
    message: "More than 3 commas!"
    scope: sentence
    max: 3
    token: ','
    """
    alerts = lint(tmp_path, rule, "A, b, c, d, e. A, b.\n")
    assert len(alerts) == 1 and alerts[0].message == "More than 3 commas!"


def test_repetition_alpha(tmp_path: Path) -> None:
    rule = """
    extends: repetition
    message: "'%s' is repeated!"
    alpha: true
    tokens: ['[^\\s]+']
    """
    alerts = lint(tmp_path, rule, "This is is a test. 42 42 is fine.\n")
    assert found(alerts) == [("is is", "'is' is repeated!")]


def test_consistency_either(tmp_path: Path) -> None:
    rule = """
    extends: consistency
    message: "Inconsistent spelling of '%s'."
    ignorecase: true
    either:
      advisor: adviser
    """
    alerts = lint(tmp_path, rule, "The advisor met the adviser.\n")
    assert len(alerts) == 1 and alerts[0].match in ("advisor", "adviser")


def test_conditional_first_second(tmp_path: Path) -> None:
    rule = """
    extends: conditional
    message: "'%s' has no definition."
    ignorecase: false
    first: '\\b([A-Z]{3,5})\\b'
    second: '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'
    exceptions: [NASA]
    """
    text = "The World Health Organization (WHO) met. WHO and NATO and NASA spoke.\n"
    assert [a.match for a in lint(tmp_path, rule, text)] == ["NATO"]


def test_capitalization_title_headings(tmp_path: Path) -> None:
    rule = """
    extends: capitalization
    message: "'%s' should be in title case."
    level: warning
    scope: heading
    match: $title
    style: AP
    """
    alerts = lint(tmp_path, rule, "# A heading in lower case\n\n# A Heading in Title Case\n")
    assert [a.match for a in alerts] == ["A heading in lower case"]


def test_metric_formula(tmp_path: Path) -> None:
    rule = """
    extends: metric
    message: "Too many words per sentence (%s)."
    formula: words / sentences
    condition: "> 5"
    """
    assert len(lint(tmp_path, rule, "This sentence has rather a lot of words in it.\n")) == 1
    assert lint(tmp_path, rule, "Short one.\n") == []


def test_readability_grade(tmp_path: Path) -> None:
    rule = """
    extends: readability
    message: "Grade level (%s) is above 8."
    metrics: [Flesch-Kincaid, Gunning Fog]
    grade: 8
    """
    hard = (
        "Notwithstanding considerable institutional reluctance, the parliamentary committee "
        "unanimously recommended comprehensive constitutional reorganisation immediately.\n"
    )
    alerts = lint(tmp_path, rule, hard)
    assert len(alerts) == 1 and alerts[0].message.startswith("Grade level (") and alerts[0].line == 1
    assert lint(tmp_path, rule, "The cat sat. The dog ran. It was fun.\n") == []


def test_spelling_filters_ignore_and_vocab(tmp_path: Path) -> None:
    (tmp_path / "Style").mkdir()
    (tmp_path / "Style" / "ignore.txt").write_text("wuggle\n", encoding="utf-8")
    rule = """
    extends: spelling
    message: "Did you really mean '%s'?"
    filters: ['[pP]y.*\\b']
    ignore: [Style/ignore.txt]
    """
    text = "Pyzzle and wuggle and Peskov and blorf.\n"
    with use_vocabulary(Vocabulary.build(["Peskov"])):
        alerts = lint(tmp_path, rule, text)
    assert found(alerts) == [("blorf", "Did you really mean 'blorf'?")]
    no_vocab = rule + "vocab: false\n"
    with use_vocabulary(Vocabulary.build(["Peskov"])):
        assert [a.match for a in lint(tmp_path, no_vocab, text, name="NoVocab")] == ["Peskov", "blorf"]


@pytest.mark.parametrize("kind", ["sequence", "script"])
def test_sequence_and_script_load_unsupported(tmp_path: Path, kind: str) -> None:
    style = tmp_path / "Style"
    style.mkdir()
    body = {
        "sequence": "extends: sequence\nmessage: x\ntokens:\n  - tag: MD\n  - pattern: be\n",
        "script": "extends: script\nmessage: x\nscript: |\n  matches := []\n",
    }[kind]
    (style / "Odd.yml").write_text(body, encoding="utf-8")
    loaded = load_styles(tmp_path, ["Style"], strict=True)
    assert loaded.rules == () and loaded.unsupported == ("Style.Odd",)
    assert len(loaded.warnings) == 1 and "not supported" in loaded.warnings[0] and kind in loaded.warnings[0]


def test_action_remove_replace_and_edit(tmp_path: Path) -> None:
    remove = """
    extends: existence
    message: "Remove '%s'."
    tokens: ['very ']
    nonword: true
    action:
      name: remove
    """
    alerts = lint(tmp_path, remove, "A very good day.\n", name="Remove")
    assert fixed("A very good day.\n", alerts) == "A good day.\n"
    assert alerts[0].fix is not None and alerts[0].fix.applicability.value == "unsafe"
    replace = """
    extends: existence
    message: "Use 'OK'."
    tokens: [okay]
    action:
      name: replace
      params: [OK]
    """
    assert fixed("It is okay.\n", lint(tmp_path, replace, "It is okay.\n", name="Replace")) == "It is OK.\n"
    edit = """
    extends: existence
    message: "Trim the trailing dot."
    nonword: true
    tokens: ['\\w+\\.\\.']
    action:
      name: edit
      params: [trim_right, "."]
    """
    assert fixed("Wait.. now.\n", lint(tmp_path, edit, "Wait.. now.\n", name="Edit")) == "Wait now.\n"
    regex_edit = """
    extends: existence
    message: "Spell out 'and'."
    nonword: true
    tokens: ['\\w+ & \\w+']
    action:
      name: edit
      params: [regex, '(\\w+) & (\\w+)', '$1 and $2']
    """
    alerts = lint(tmp_path, regex_edit, "Salt & pepper.\n", name="Regex")
    assert alerts and alerts[0].fix is not None


def test_limit(tmp_path: Path) -> None:
    rule = """
    extends: existence
    message: "'%s'"
    limit: 2
    tokens: [very]
    """
    assert len(lint(tmp_path, rule, "very very very very.\n")) == 2


def test_scope_negation_and_conjunction(tmp_path: Path) -> None:
    not_headings = """
    extends: existence
    message: "'%s'"
    scope: ~heading
    tokens: [foo]
    """
    text = "# foo heading\n\nA foo paragraph.\n\n- foo item\n"
    assert [a.line for a in lint(tmp_path, not_headings, text, name="NotHeading")] == [3, 5]
    both = """
    extends: existence
    message: "'%s'"
    scope: [list & ~heading]
    tokens: [foo]
    """
    assert [a.line for a in lint(tmp_path, both, text, name="Both")] == [5]


def test_unknown_scope_never_runs_with_a_warning(tmp_path: Path) -> None:
    style = tmp_path / "Style"
    style.mkdir()
    (style / "Code.yml").write_text("extends: existence\nmessage: x\nscope: comment\ntokens: [foo]\n", encoding="utf-8")
    loaded = load_styles(tmp_path, ["Style"], strict=True)
    assert any("never linted" in w for w in loaded.warnings)
    assert lint_text("foo\n", "markdown", loaded.rules) == []


def test_vocabulary_exempts_existence_matches(tmp_path: Path) -> None:
    rule = """
    extends: existence
    message: "Acronym '%s'."
    tokens: ['[A-Z]{3,}']
    """
    with use_vocabulary(Vocabulary.build(["TASS"])):
        assert [a.match for a in lint(tmp_path, rule, "TASS and NATO.\n")] == ["NATO"]
