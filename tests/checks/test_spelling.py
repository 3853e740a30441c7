"""The ``spelling`` rule type: shipped dictionary, locales, filters, Hunspell
files, vocabularies and suggestions."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.checks.base import match_spans, split_matches
from lint.checks.spelling import TOKEN
from lint.dictionary import Dictionary, normalize_locale, shipped_dictionary
from lint.hunspell import expand, parse_aff
from lint.rule_loading import RuleFileError, builtin_rules_dir, load_rule_file
from lint.vocabulary import Vocabulary, use_vocabulary
from tests.helpers import fixed, found, make_rule, matches, run

BASIC = """
extends: spelling
message: "'%s' may be misspelt."
level: warning
fix: unsafe
"""


@pytest.fixture(scope="module")
def shipped() -> object:
    return load_rule_file(builtin_rules_dir() / "Spelling" / "Spelling.yml", "Spelling")[0]


def test_flags_misspelling_with_ranked_suggestions(tmp_path: Path) -> None:
    rule = make_rule(tmp_path, BASIC)
    alerts = run(rule, "The goverment said it was a seperate matter.\n")
    assert matches(alerts) == ["goverment", "seperate"]
    assert alerts[0].message.startswith("'goverment' may be misspelt. Did you mean 'government'")
    assert fixed("The goverment said.\n", alerts[:1]) == "The government said.\n"


@pytest.mark.parametrize(
    ("wrong", "right"),
    [("recieve", "receive"), ("teh", "the"), ("definately", "definitely"), ("accomodation", "accommodation")],
)
def test_first_suggestion(wrong: str, right: str) -> None:
    assert shipped_dictionary("en-GB").suggest(wrong)[0] == right


def test_suggestions_keep_case() -> None:
    d = shipped_dictionary("en-GB")
    assert d.suggest("Goverment")[0] == "Government"
    assert d.suggest("GOVERMENT")[0] == "GOVERNMENT"
    assert d.suggest("Begorod")[0] == "Belgorod"


# Tokens a dictionary cannot judge: none of these may be flagged.
CLEAN = [
    "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m).",
    "The phone has 6GB of memory and a 12MP camera; sales rose in the 1990s and on the 21st.",
    "PACE, TASS, AFP and the BBC reported it; MPs and NGOs agreed.",
    "Officials in the U.S. said so, e.g. at 3 p.m. on Monday.",
    "The co-ordinator's well-known, long-running anti-war campaign continued.",
    "The farmers' union and the children's charity met at the minister's office.",
    "She said she didn't know and they'd left; it's over.",
    "Visit news.bbc.co.uk or write to press@example.org for details.",
    "The iPhone and PlayStation sold well.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_numbers_acronyms_abbreviations_possessives_compounds(tmp_path: Path, text: str) -> None:
    rule = make_rule(tmp_path, BASIC + "proper_nouns: false\n")
    assert matches(run(rule, text + "\n", "text")) == []


def test_hyphenated_compound_flags_the_bad_part(tmp_path: Path) -> None:
    rule = make_rule(tmp_path, BASIC)
    alerts = run(rule, "A well-knwon face.\n")
    assert matches(alerts) == ["knwon"]


def test_proper_nouns_false_skips_names_inside_sentences(tmp_path: Path) -> None:
    text = "Officials said Dmitry Peskov met Rustem Umerov in Kyiv. Peskov left.\n"
    assert matches(run(make_rule(tmp_path, BASIC + "proper_nouns: false\n"), text)) == []
    everything = make_rule(tmp_path, BASIC, name="All")
    assert {"Peskov", "Umerov"} <= set(matches(run(everything, text)))


def test_proper_nouns_false_still_checks_sentence_openers(tmp_path: Path) -> None:
    rule = make_rule(tmp_path, BASIC + "proper_nouns: false\n")
    assert matches(run(rule, "Becuase of rain, it stopped.\n")) == ["Becuase"]


def test_locales(tmp_path: Path) -> None:
    gb = make_rule(tmp_path, BASIC + "locale: en-GB\n", name="GB")
    us = make_rule(tmp_path, BASIC + "locale: en_US\n", name="US")
    both = make_rule(tmp_path, BASIC + "locale: en\n", name="Both")
    text = "The colour of the organisation's centre.\nThe color of the organization's center.\n"
    assert matches(run(gb, text)) == ["color", "center"]
    assert matches(run(us, text)) == ["colour", "organisation", "centre"]
    assert matches(run(both, text)) == []
    alert = run(gb, "The color.\n")[0]
    assert "'colour'" in alert.message and "not en-GB spelling" in alert.message


def test_normalize_locale() -> None:
    assert normalize_locale("en_gb") == "en-GB"
    with pytest.raises(ValueError):
        normalize_locale("fr")


def test_bad_locale_is_a_rule_error(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="locale"):
        make_rule(tmp_path, BASIC + "locale: fr\n")


def test_filters_ignore_files_and_exceptions(tmp_path: Path) -> None:
    (tmp_path / "Pack").mkdir()
    (tmp_path / "Pack" / "words.txt").write_text("# ours\nfrobnicate\n", encoding="utf-8")
    rule = make_rule(
        tmp_path,
        BASIC + "filters: ['^xyz']\nignore: [words.txt]\nexceptions: [blorp]\n",
    )
    assert matches(run(rule, "We frobnicate the xyzzy blorp and the wuggle.\n")) == ["wuggle"]


def test_missing_ignore_file_is_a_rule_error(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="ignore"):
        make_rule(tmp_path, BASIC + "ignore: [nope.txt]\n")


def test_custom_turns_off_default_filters(tmp_path: Path) -> None:
    rule = make_rule(tmp_path, BASIC + "custom: true\n")
    assert "QXZ" in matches(run(rule, "The QXZ report.\n"))


def test_vocabulary_accept_and_vocab_false(tmp_path: Path) -> None:
    rule = make_rule(tmp_path, BASIC)
    raw = make_rule(tmp_path, BASIC + "vocab: false\n", name="NoVocab")
    vocab = Vocabulary.build(["Peskov", "(?i)zorbify", "[Ww]uggles?"])
    text = "Peskov uses Zorbify for wuggles.\n"
    with use_vocabulary(vocab):
        assert matches(run(rule, text)) == []
        assert matches(run(raw, text)) == ["Peskov", "Zorbify", "wuggles"]
    assert matches(run(rule, text)) == ["Peskov", "Zorbify", "wuggles"]


def test_vocabulary_multiword_regex_term(tmp_path: Path) -> None:
    rule = make_rule(tmp_path, BASIC)
    with use_vocabulary(Vocabulary.build([r"Zorb \w+ Qux"])):
        assert matches(run(rule, "The Zorb Blah Qux met.\n")) == []


def test_no_suggestions_key(tmp_path: Path) -> None:
    rule = make_rule(tmp_path, BASIC + "suggestions: 0\n")
    alert = run(rule, "The goverment.\n")[0]
    assert alert.message == "'goverment' may be misspelt." and alert.fix is None


def test_two_placeholders(tmp_path: Path) -> None:
    rule = make_rule(tmp_path, BASIC.replace("'%s' may be misspelt.", "%s: try %s"))
    assert run(rule, "The goverment.\n")[0].message.startswith("goverment: try 'government'")


AFF = """SET UTF-8
FLAG long
PFX Un Y 1
PFX Un 0 un .
SFX Ss Y 2
SFX Ss 0 s [^y]
SFX Ss y ies y
SFX Ed Y 1
SFX Ed 0 ed .
NEEDAFFIX Nx
"""

DIC = """4
wuggle/SsUn
blorpy/Ss
frob/EdNx
plain
"""


def test_hunspell_expansion() -> None:
    words = expand(DIC, parse_aff(AFF))
    assert {"wuggle", "wuggles", "unwuggle", "unwuggles", "blorpy", "blorpies", "frobed", "plain"} <= words
    assert "frob" not in words  # NEEDAFFIX


def test_dic_aff_rule(tmp_path: Path) -> None:
    pack = tmp_path / "Pack"
    pack.mkdir()
    (pack / "x.dic").write_text(DIC, encoding="utf-8")
    (pack / "x.aff").write_text(AFF, encoding="utf-8")
    only = make_rule(tmp_path, BASIC + "dic: x.dic\naff: x.aff\n", name="Only")
    assert matches(run(only, "unwuggles blorpies the\n")) == ["the"]
    appended = make_rule(tmp_path, BASIC + "dic: x.dic\naff: x.aff\nappend: true\n", name="Append")
    assert matches(run(appended, "unwuggles blorpies the\n")) == []
    named = make_rule(tmp_path, BASIC + "dicpath: .\ndictionaries: [x]\n", name="Named")
    assert matches(run(named, "wuggles\n")) == []


def test_dictionary_case_rules() -> None:
    d = Dictionary(frozenset({"paris", "Moscow", "iPhone"}))
    assert d.knows("paris") and d.knows("Paris") and d.knows("PARIS")
    assert d.knows("Moscow") and d.knows("MOSCOW") and not d.knows("moscow")
    assert d.knows("iPhone") and not d.knows("Iphone")


def test_shipped_rule_on_reference_names(shipped: object) -> None:
    text = (
        "Kremlin spokesman Dmitry Peskov said Zelensky and Umerov met Kostyukov, Witkoff and "
        "Sharifulin in Kyiv about Donbas, PACE, TASS and AFP reports.\n"
    )
    assert found(run(shipped, text, "text")) == []  # type: ignore[arg-type]


def test_lookup_is_a_set_lookup() -> None:
    d = shipped_dictionary("en-GB")
    assert len(d) > 200_000
    assert "colour" in d and "color" not in d


# Letters, marks, digits and the characters that join or end a token.
TOKEN_TEXT = st.text(alphabet=st.sampled_from(list("ab Zé\u0301\u04831٣'’.-_ \n\tЖ😀")), max_size=60)


@settings(max_examples=500, deadline=None, derandomize=True)
@given(TOKEN_TEXT)
def test_token_starts_are_where_finditer_puts_the_tokens(text: str) -> None:
    """The spelling rule takes token positions from a split and a running
    sum; they must be exactly the matches' own."""
    pieces = split_matches(TOKEN, text)
    everything = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
    assert list(match_spans(pieces)) == everything
    assert list(match_spans(pieces, frozenset(pieces[1::2]))) == everything
    some = frozenset(t for i, t in enumerate(pieces[1::2]) if i % 2)
    assert list(match_spans(pieces, some)) == [(s, e, t) for s, e, t in everything if t in some]


def test_a_word_found_right_once_is_settled_by_the_cache(tmp_path: Path) -> None:
    """A token judged never misspelt is remembered; a misspelling never is,
    so it is reported every time."""
    rule = make_rule(tmp_path, BASIC)
    for _ in range(3):
        assert matches(run(rule, "The Kremlin said the recieve was late.")) == ["recieve"]
    known = rule.check._known_tokens  # type: ignore[attr-defined]
    assert {"The", "Kremlin", "said", "the", "was", "late"} <= known
    assert "recieve" not in known


NAME_TEXT = st.text(alphabet=st.sampled_from(list("KkyivPeś\u0301'’.- \n.!?\"AaBb")), max_size=50)


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.lists(NAME_TEXT, min_size=1, max_size=3), st.lists(NAME_TEXT, max_size=4))
def test_names_found_one_word_at_a_time_are_the_names_of_the_scan(texts: list[str], extra: list[str]) -> None:
    """The spelling rule asks whether single capitalised words are names
    the document uses; the answer must be the full scan's."""
    from lint.checks.spelling import _CAPITALISED, _DocumentNames, _document_names, _strip_possessive
    from lint.markup import parse

    units = list(parse("\n\n".join(texts), "text").blocks)
    full = _document_names(units)
    asked = {_strip_possessive(m.group()) for t in texts + extra for m in _CAPITALISED.finditer(t)}
    asked |= {w for t in extra for w in t.split() if w}
    names = _DocumentNames(units)
    for word in sorted(asked):
        assert (word in names) == (word in full), word
