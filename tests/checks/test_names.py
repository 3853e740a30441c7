"""The ``names`` rule type: proper nouns one edit off a known place or person."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.alerts import Applicability, Finding
from lint.checks.names import Names, is_derived, plausibility
from lint.rule_loading import Rule, load_rule_file
from tests.helpers import paragraph_document

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "rules" / "News" / "PlaceName.yml"
SEED = REPO.parent / "shared" / "seeds" / "000_3a7a772bcab281d6.txt"

RULE = """
extends: names
message: "Did you mean '%s'?"
level: error
fix: unsafe
"""


# -- helpers ---------------------------------------------------------------------

def make_rule(tmp_path: Path, extra: str = "", name: str = "Names") -> Rule:
    folder = tmp_path / "Pack"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.yml"
    path.write_text(textwrap.dedent(RULE).lstrip() + textwrap.dedent(extra), encoding="utf-8")
    rule, warnings = load_rule_file(path, "Pack")
    assert warnings == []
    return rule


@pytest.fixture(scope="module")
def shipped() -> Rule:
    rule, warnings = load_rule_file(SHIPPED, "News")
    assert warnings == []
    return rule


def findings(rule: Rule, source: str) -> list[Finding]:
    doc = paragraph_document(source)
    found = list(rule.check.check(rule.spec.scope.select(doc), doc))
    for f in found:
        # The offset contract: the range slices out exactly the word.
        word = source[f.offset : f.end_offset]
        assert regex.fullmatch(r"\p{Lu}[\p{L}\p{M}'’]*", word), (word, f)
        if f.fix is not None:
            assert f.fix.edits[0].offset == f.offset and f.fix.edits[0].end_offset == f.end_offset
    return found


def flagged(rule: Rule, source: str) -> list[tuple[str, str]]:
    """(matched word, suggestion) pairs."""
    out = []
    for f in findings(rule, source):
        suggestion = regex.search(r"'(.*)'", f.message)
        assert suggestion is not None, f.message
        out.append((source[f.offset : f.end_offset], suggestion.group(1)))
    return out


# -- true positives ----------------------------------------------------------------

TRUE_POSITIVES = [
    # (source, the misspelt word, the suggestion)
    ("Thousands of people in Russia's Begorod region were without power.", "Begorod", "Belgorod"),
    ("Shelling hit the Begorod oblast overnight.", "Begorod", "Belgorod"),
    ("The minister flew to Kharkvi on Tuesday.", "Kharkvi", "Kharkiv"),
    ("Residents of Karkiv queued for water.", "Karkiv", "Kharkiv"),
    ("Fighting continued near Kharkic on Friday.", "Kharkic", "Kharkiv"),
    ("Shelling resumed overnight in Zaporizzhia.", "Zaporizzhia", "Zaporizhzhia"),
    ("The plant near Zaporizhzia lost power again.", "Zaporizhzia", "Zaporizhzhia"),
    # Nearest to the older spelling Zaporizhia, which is then suggested.
    ("Drones were shot down over Zaporizhja on Monday.", "Zaporizhja", "Zaporizhia"),
    ("Officials in Ukriane said the talks had stalled.", "Ukriane", "Ukraine"),
    ("Exports from Germnay rose by 3%.", "Germnay", "Germany"),
    ("Envoys met in Abu Dahbi on Wednesday.", "Dahbi", "Dhabi"),
    ("The talks moved from Geneve to Vienna.", "Geneve", "Geneva"),
    ("Kremlin spokesman Dmitry Peskob told reporters the doors were open.", "Peskob", "Peskov"),
    ("The decree was signed by President Vladimri Putin on Friday.", "Vladimri", "Vladimir"),
    ("Ukrainian leader Volodymyr Zelensky met Rustem Umerv in Kyiv.", "Umerv", "Umerov"),
]


@pytest.mark.parametrize(("source", "word", "suggestion"), TRUE_POSITIVES)
def test_flags_a_near_miss_of_a_known_name(shipped: Rule, source: str, word: str, suggestion: str) -> None:
    assert flagged(shipped, source) == [(word, suggestion)]


def test_fix_replaces_the_word_and_is_unsafe(shipped: Rule) -> None:
    source = "Thousands of people in Russia's Begorod region were without power."
    [finding] = findings(shipped, source)
    assert finding.message == "Did you mean 'Belgorod'?"
    assert source[finding.offset : finding.end_offset] == "Begorod"
    assert finding.fix is not None
    assert finding.fix.applicability is Applicability.UNSAFE
    [edit] = finding.fix.edits
    fixed = source[: edit.offset] + edit.text + source[edit.end_offset :]
    assert fixed == "Thousands of people in Russia's Belgorod region were without power."


def test_possessive_is_stripped_for_lookup_and_left_out_of_the_range(shipped: Rule) -> None:
    source = "Analysts said Ukriane's economy shrank, and Germnay’s banks agreed."
    found = findings(shipped, source)
    assert [source[f.offset : f.end_offset] for f in found] == ["Ukriane", "Germnay"]


def test_offsets_are_source_offsets_in_later_paragraphs(shipped: Rule) -> None:
    source = "A first paragraph about Kyiv.\n\nThe second says Kharkvi was shelled, and Germnay too.\n"
    found = findings(shipped, source)
    assert [source[f.offset : f.end_offset] for f in found] == ["Kharkvi", "Germnay"]


def test_a_name_spelled_otherwise_in_the_same_article_is_preferred(shipped: Rule) -> None:
    source = (
        "Marta Kowalczyk led the delegation. Ms Kowalczyk said talks would go on, "
        "and Kowalczyk later met the press. Asked again, Ms Kowalcyzk declined to comment."
    )
    assert flagged(shipped, source) == [("Kowalcyzk", "Kowalczyk")]


def test_in_article_spelling_beats_a_larger_place(shipped: Rule) -> None:
    # "Londo" is one edit from London, but the article spells a club "Londe".
    source = "Fans of Londe travelled. Londe won, and Londe fans cheered. The Londo fans sang."
    assert flagged(shipped, source) == [("Londo", "Londe")]


# -- names that must pass ----------------------------------------------------------------

REAL_NAMES = [
    "Peskov", "Zelensky", "Umerov", "Kostyukov", "Witkoff", "Sharifulin", "Donbas", "Kyiv", "PACE",
    "TASS", "AFP", "Putin", "Trump", "Dmitry", "Vladimir", "Volodymyr", "Rustem", "Igor", "Steve",
    "Valery", "Kremlin",
]
CONTEXTS = [
    "The report mentioned {} again.",
    "Officials in {} said the talks would resume.",
    "{} said the doors remained open.",
    "Reporters asked Mr {} about the deal.",
    "It was {}'s second visit.",
]


@pytest.mark.parametrize("name", REAL_NAMES)
@pytest.mark.parametrize("template", CONTEXTS)
def test_real_names_are_never_flagged(shipped: Rule, name: str, template: str) -> None:
    assert flagged(shipped, template.format(name)) == []


GOOD = [
    "Negotiators gather in Abu Dhabi for a second round of talks.",
    "A Russian delegation in Abu Dhabi. Valery Sharifulin / TASS",
    "Kremlin spokesperson Dmitry Peskov told reporters during a Wednesday briefing.",
    "President Vladimir Putin has insisted that Ukraine hand over the eastern Donbas.",
    "Ukrainian leader Volodymyr Zelensky has rejected the idea.",
    "Ukraine's delegation is led by Security Council Secretary Rustem Umerov.",
    "Russia is represented by military intelligence chief Igor Kostyukov.",
    "The U.S. delegation was led by President Donald Trump's special envoy Steve Witkoff.",
    "Russia's Opposition Has Representation in PACE. Can They Achieve Anything?",
    "AFP contributed reporting.",
    "Thousands of people were without power. Ahead of the talks, Security officials met.",
    "The Kenyan and Israeli teams, the Iraqi minister and Afghans in Kabul.",
    "Shares rose in Frankfurt, Tokyo and Sao Paulo; São Paulo traders were cheerful.",
    "Ozzy Osbourne and Natalie Portman attended.",
    "Officials in Kharkov and Kiev used the older spellings.",
]


@pytest.mark.parametrize("source", GOOD)
def test_published_copy_passes(shipped: Rule, source: str) -> None:
    assert flagged(shipped, source) == []


@pytest.mark.skipif(not SEED.is_file(), reason="the shared reference article is not beside the project")
def test_reference_article_has_one_misspelt_place(shipped: Rule) -> None:
    source = SEED.read_text(encoding="utf-8")
    assert flagged(shipped, source) == [("Begorod", "Belgorod")]


def test_reference_article_end_to_end(shipped: Rule) -> None:
    if not SEED.is_file():
        pytest.skip("the shared reference article is not beside the project")
    markup = pytest.importorskip("lint.markup")
    if not hasattr(markup, "parse"):
        pytest.skip("markup parsers not available")
    from lint.engine import lint_text

    source = SEED.read_text(encoding="utf-8")
    alerts = lint_text(source, "markdown", [shipped])
    assert [(a.match, a.message) for a in alerts] == [("Begorod", "Did you mean 'Belgorod'?")]
    [alert] = alerts
    assert source[alert.offset : alert.end_offset] == "Begorod"
    assert alert.fix is not None and alert.fix.applicability is Applicability.UNSAFE


# -- context ---------------------------------------------------------------------------

def test_person_context_never_gets_a_place(tmp_path: Path) -> None:
    # Without Peskov in the people list, "Peskov" is one edit from the city
    # of Pskov; a given name, a title or "said" makes it a person.
    rule = make_rule(tmp_path, "people: []\n")
    assert flagged(rule, "Kremlin spokesman Dmitry Peskov told reporters.") == []
    assert flagged(rule, "On Monday Peskov said the doors were open.") == []
    assert flagged(rule, "Reporters asked Mr Peskov about it.") == []
    assert flagged(rule, "Troops massed near Peskov on Monday.") == [("Peskov", "Pskov")]


def test_given_name_must_match_the_known_person(shipped: Rule) -> None:
    # Osborne is in the people list as George Osborne; Ozzy Osbourne is not him.
    assert flagged(shipped, "The singer Ozzy Osbourne toured.") == []
    assert flagged(shipped, "The chancellor, George Osbourne, spoke.") == [("Osbourne", "Osborne")]


def test_given_name_before_another_surname_is_not_a_place(shipped: Rule) -> None:
    # Katerini is a Greek town; Katerina Thanou is a sprinter.
    assert flagged(shipped, "The sprinter Katerina Thanou withdrew.") == []


def test_sentence_opening_word_needs_stronger_evidence(shipped: Rule) -> None:
    # Pskov (population 210,000) is not suggested for a word that opens a
    # sentence without a telling context, but is after "from".
    assert flagged(shipped, "Pskof officials met on Monday.") == []
    assert flagged(shipped, "Officials from Pskof met on Monday.") == [("Pskof", "Pskov")]


def test_a_spelling_repeated_in_the_article_needs_strong_context(shipped: Rule) -> None:
    # Used twice, a spelling is likely meant ("a stake in Yukos"); a place
    # noun still vouches for a place.
    assert flagged(shipped, "The Pskof team won. Later the Pskof fans cheered.") == []
    assert flagged(shipped, "It bought a stake in Pskof, and in Pskof the mood lifted.") == []
    assert flagged(shipped, "The Pskof region voted. Turnout in the Pskof region rose.") == [
        ("Pskof", "Pskov"),
        ("Pskof", "Pskov"),
    ]


def test_rival_surname_with_another_first_letter_is_not_a_slip(shipped: Rule) -> None:
    # Cowell and Powell, Gallas and Kallas: different people, not slips.
    assert flagged(shipped, "Mr Cowell said the show would return.") == []
    assert flagged(shipped, "Defender William Gallas said he was fit.") == []


def test_different_given_names_mean_different_people(shipped: Rule) -> None:
    source = "Marcus Horan and Shane Horgan both started; Shane Horgan scored."
    assert flagged(shipped, source) == []


def test_multi_word_place_needs_its_other_words(shipped: Rule) -> None:
    assert flagged(shipped, "Envoys met in Abu Dahbi.") == [("Dahbi", "Dhabi")]
    # Without "Abu" the word is not taken for a part of Abu Dhabi.
    assert ("Dahbi", "Dhabi") not in flagged(shipped, "Envoys met Mr Dahbi.")


def test_acronyms_and_short_words_are_skipped(shipped: Rule) -> None:
    assert flagged(shipped, "Officials in KIEV and in Kiyv met.") == []


# -- keys -----------------------------------------------------------------------------

def test_accept_list_takes_names_and_regexes(tmp_path: Path) -> None:
    source = "Thousands of people in Russia's Begorod region. Fans in Kharkvi cheered."
    plain = make_rule(tmp_path, "", name="Plain")
    assert [w for w, _ in flagged(plain, source)] == ["Begorod", "Kharkvi"]
    literal = make_rule(tmp_path, "accept: [Begorod]\n", name="Literal")
    assert [w for w, _ in flagged(literal, source)] == ["Kharkvi"]
    pattern = make_rule(tmp_path, "accept: ['Kharkv\\w+', 'beg.*']\n", name="Pattern")
    assert flagged(pattern, source) == []


def test_places_off(tmp_path: Path) -> None:
    rule = make_rule(tmp_path, "places: false\n")
    assert flagged(rule, "Thousands of people in Russia's Begorod region.") == []


def test_min_population(tmp_path: Path) -> None:
    source = "The match in Sheffied was abandoned."
    assert flagged(make_rule(tmp_path, "", name="Default"), source) == [("Sheffied", "Sheffield")]
    assert flagged(make_rule(tmp_path, "min_population: 1000000\n", name="Big"), source) == []


def test_max_distance(tmp_path: Path) -> None:
    source = "Shelling resumed overnight in Zaporizzhia and in Kharkvi."
    strict = make_rule(tmp_path, "max_distance: 0\n", name="Strict")
    # Distance 0 for short names, 1 for long ones: only the slip in the
    # long name is caught.
    assert flagged(strict, source) == [("Zaporizzhia", "Zaporizhzhia")]


def test_min_length(tmp_path: Path) -> None:
    source = "The delegation flew on to Kyyiv."
    assert flagged(make_rule(tmp_path, "", name="Default"), source) == []
    assert flagged(make_rule(tmp_path, "min_length: 4\n", name="Short"), source) == [("Kyyiv", "Kyiv")]


def test_people_inline_list(tmp_path: Path) -> None:
    rule = make_rule(tmp_path, "places: false\npeople:\n  - Olena Zelenska\n")
    assert flagged(rule, "First lady Olena Zelenksa visited.") == [("Zelenksa", "Zelenska")]
    assert flagged(rule, "Kremlin spokesman Dmitry Peskob spoke.") == []


def test_people_file_relative_to_the_rule(tmp_path: Path) -> None:
    (tmp_path / "Pack").mkdir()
    (tmp_path / "Pack" / "newsroom-people.txt").write_text(
        "# our contributors\nOlena Zelenska\n\nAnnika Sørensen  # Copenhagen desk\n", encoding="utf-8"
    )
    rule = make_rule(tmp_path, "people: newsroom-people.txt\n")
    assert isinstance(rule.check, Names)
    assert rule.check.spec.people == ("Olena Zelenska", "Annika Sørensen")
    assert flagged(rule, "Columnist Annika Sorensne wrote.") == [("Sorensne", "Sørensen")]


def test_bad_keys_are_rule_errors(tmp_path: Path) -> None:
    from lint.rule_loading import RuleFileError

    with pytest.raises(RuleFileError, match="min_population"):
        make_rule(tmp_path, "min_population: -1\n", name="A")
    with pytest.raises(RuleFileError, match="max_distance"):
        make_rule(tmp_path, "max_distance: 9\n", name="B")
    with pytest.raises(RuleFileError, match="people"):
        make_rule(tmp_path, "people: missing.txt\n", name="C")
    with pytest.raises(RuleFileError, match="accept"):
        make_rule(tmp_path, "accept: ['(']\n", name="D")


# -- helpers of the rule type --------------------------------------------------------------

@pytest.mark.parametrize(
    ("word", "name", "plural", "derived"),
    [
        ("kenyan", "kenya", False, True),
        ("israeli", "israel", False, True),
        ("londo", "london", False, False),  # a dropped letter is a slip
        ("athen", "athens", False, False),
        ("blairite", "blairites", True, True),
        ("begorod", "belgorod", False, False),
    ],
)
def test_is_derived(word: str, name: str, plural: bool, derived: bool) -> None:
    assert is_derived(word, name, plural) is derived


@pytest.mark.parametrize(
    ("real", "slip"),
    [("cheung", "chenug"), ("kharkiv", "khrakiv"), ("belgorod", "belgorqd"), ("zelensky", "zelenksy")],
)
def test_plausibility_prefers_the_real_spelling(real: str, slip: str) -> None:
    assert plausibility(real) > plausibility(slip)


def test_a_tie_goes_to_the_more_word_like_spelling(shipped: Rule) -> None:
    # Each spelling once: the slip may come first or last.
    first = "Wallace Chenug, an analyst, was upbeat. Mr Cheung expects a bid."
    last = "Wallace Cheung, an analyst, was upbeat. Mr Chenug expects a bid."
    assert flagged(shipped, first) == [("Chenug", "Cheung")]
    assert flagged(shipped, last) == [("Chenug", "Cheung")]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet=st.sampled_from(list("aB Kyiv'’s-\u0301ÉŻ\n\n_1")), max_size=80))
def test_capital_words_are_the_matches_of_the_pattern(text: str) -> None:
    """The names rules read capitalised words from one split per document
    (its units joined); the words and where they are must be the pattern's
    own matches in each unit, less the tail of O'Brien, and a second rule
    asking gets the same reading."""
    from collections import Counter

    from lint.checks.names import WORD, capital_words
    from lint.markup import parse

    pattern = regex.compile(WORD.format(n=2))
    doc = parse(text, "text")
    units = list(doc.blocks)
    words = capital_words(doc, units, pattern)
    expected = [
        (u, m.start(), m.end(), m.group())
        for u, block in enumerate(units)
        for m in pattern.finditer(block.text)
        if not (m.start() > 1 and block.text[m.start() - 1] in "'’" and block.text[m.start() - 2].isalpha())
    ]
    assert words.spots(frozenset(w for _, _, _, w in expected)) == expected
    assert words.counts == Counter(w for _, _, _, w in expected)
    assert list(words.counts) == list(dict.fromkeys(w for _, _, _, w in expected))
    assert capital_words(doc, units, pattern) is words
