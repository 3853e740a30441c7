"""``name_variants``: one name spelled two ways in one article; and the
project vocabulary in the ``names`` and ``name_variants`` rule types."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import regex

from lint.alerts import Applicability, Finding
from lint.checks import names as names_module
from lint.checks.names import NameIndex, builtin_people, index_data
from lint.rule_loading import Rule, RuleFileError, load_rule_file
from lint.vocabulary import Vocabulary, use_vocabulary
from tests.helpers import paragraph_document

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "rules" / "News" / "NameVariants.yml"
PLACE_NAME = REPO / "rules" / "News" / "PlaceName.yml"
SEED = REPO.parent / "shared" / "seeds" / "000_3a7a772bcab281d6.txt"


@pytest.fixture(scope="module")
def shipped() -> Rule:
    rule, warnings = load_rule_file(SHIPPED, "News")
    assert warnings == []
    return rule


@pytest.fixture(scope="module")
def place_name() -> Rule:
    rule, warnings = load_rule_file(PLACE_NAME, "News")
    assert warnings == []
    return rule


def make_rule(tmp_path: Path, extra: str = "") -> Rule:
    folder = tmp_path / "Pack"
    folder.mkdir(exist_ok=True)
    path = folder / "Variants.yml"
    body = """
    extends: name_variants
    message: "'%s' is also spelled '%s' in this article (%s)."
    level: warning
    fix: unsafe
    """
    path.write_text(textwrap.dedent(body).lstrip() + textwrap.dedent(extra), encoding="utf-8")
    rule, _ = load_rule_file(path, "Pack")
    return rule


def findings(rule: Rule, source: str) -> list[Finding]:
    doc = paragraph_document(source)
    found = list(rule.check.check(rule.spec.scope.select(doc), doc))
    for f in found:
        assert regex.fullmatch(r"\p{Lu}[\p{L}\p{M}'’]*", source[f.offset : f.end_offset]), f
    return found


def flagged(rule: Rule, source: str) -> list[tuple[str, str]]:
    """(flagged word, suggestion) pairs, in order."""
    out = []
    for f in findings(rule, source):
        suggestion = regex.search(r"'([^']*)'(?=[^']*$)|spelled '([^']*)'|mean '([^']*)'", f.message)
        assert suggestion is not None, f.message
        out.append((source[f.offset : f.end_offset], next(g for g in suggestion.groups() if g)))
    return out


# -- variants that are flagged -------------------------------------------------------

FLAGGED = [
    # (article, [(flagged word, the other spelling)])
    (
        "Volodymyr Zelensky spoke first. Zelensky said talks would go on. Zelenskyy later left. "
        "Officials said Zelensky was tired.",
        [("Zelenskyy", "Zelensky")],
    ),
    (
        "Russia's Belgorod region lost power. Officials in Belgorod said a drone hit a substation near Begorod.",
        [("Begorod", "Belgorod")],
    ),
    (
        "Igor Kostyukov led the delegation. Kostyukov met the envoys; Kostiukov declined to comment.",
        [("Kostiukov", "Kostyukov")],
    ),
    # Every occurrence of the rarer spelling.
    (
        "Kostiukov arrived. Igor Kostyukov met Kostyukov's team, Kostyukov said. Later Kostiukov left.",
        [("Kostiukov", "Kostyukov"), ("Kostiukov", "Kostyukov")],
    ),
    # A slip of a slip points at the spelling the article uses most.
    (
        "Igor Kostyukov led. Kostyukov met, and Kostyukov left. Kostiukov said so. Kostiukov left. Kostiukow came.",
        [("Kostiukov", "Kostyukov"), ("Kostiukov", "Kostyukov"), ("Kostiukow", "Kostyukov")],
    ),
    # A tie: the spelling that is not a known name is flagged, first or last.
    ("Talks opened in Belgorod on Monday, and Begorod officials attended.", [("Begorod", "Belgorod")]),
    ("Talks opened in Begorod on Monday, and Belgorod officials attended.", [("Begorod", "Belgorod")]),
    # A tie between two unknown spellings: the less word-like one.
    ("Wallace Chenug, an analyst, was upbeat. Mr Cheung expects a bid.", [("Chenug", "Cheung")]),
    # Initials and given names that agree make one person.
    ("F Sheahan won the line-out, and Sheahan scored. Frank Sheehan was replaced late on.", [("Sheehan", "Sheahan")]),
    # Long names allow two edits.
    ("Mikhail Khodorkovsky was jailed. Khordokovsky's lawyers appealed, and Khodorkovsky said so.", [("Khordokovsky", "Khodorkovsky")]),
    # An older spelling of a place beside the current one, however often.
    ("Kharkov was shelled. Kharkov lost power and Kharkov residents fled to Kharkiv station.", [
        ("Kharkov", "Kharkiv"), ("Kharkov", "Kharkiv"), ("Kharkov", "Kharkiv"),
    ]),
]


@pytest.mark.parametrize(("source", "expected"), FLAGGED)
def test_flags_the_rarer_spelling(shipped: Rule, source: str, expected: list[tuple[str, str]]) -> None:
    assert flagged(shipped, source) == expected


def test_message_counts_the_other_spelling_and_fix_is_unsafe(shipped: Rule) -> None:
    source = "Volodymyr Zelensky spoke. Zelensky said so, and Zelensky left. Zelenskyy returned."
    [finding] = findings(shipped, source)
    assert finding.message == "'Zelenskyy' is also spelled 'Zelensky' in this article (3 times)."
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    [edit] = finding.fix.edits
    assert source[: edit.offset] + edit.text + source[edit.end_offset :] == source.replace("Zelenskyy", "Zelensky")


@pytest.mark.parametrize(("count", "text"), [(1, "once"), (2, "twice"), (5, "5 times")])
def test_times(count: int, text: str) -> None:
    from lint.checks.name_variants import times

    assert times(count) == text


# -- names that differ, and are left alone --------------------------------------------------

DIFFERENT_NAMES = [
    "Flights from Austria and Australia were cancelled; Austria said so.",
    "Slovakia and Slovenia signed; Slovakia's minister spoke first.",
    "Simon Cowell praised Colin Powell; Cowell later left.",
    "Marcus Horan and Shane Horgan both started; Horgan scored twice.",
    "M Horan, D O'Callaghan. S Horgan, D Hickie, S Horgan.",
    "Sheahan, Horan, O'Callaghan, Miller. Shane Horgan threw a pass.",
    "Patrik Berger's break set up Patrick Vieira.",
    "Andy Haden flew to the floor. Hayden Tanner played well.",
    "Wayne Carlisle crossed. The team: Neil, Warne, Barker.",
    "Robert Peston wrote the book. Mr Peston said the plant in Preston would close.",
    "Kenya and the Kenyan government said so. The Kenyans agreed.",
    "The Blairite wing met; Blairites were angry.",
    "Argentina beat Ghana; the Argentine coach was pleased.",
    "German officials said Germany would pay.",
    "Jon and John met.",
    "These talks failed. There was no deal.",
    "Putin's spokesman said Putin was busy.",
    "Project and Contract Office officials said Contrack International and Contrack had left.",
    "Being John Malkovich starred Annette Bening. Bening won.",
    "Kremlin spokesman Dmitry Peskov said Zelensky, Umerov, Kostyukov and Witkoff would meet in Kyiv.",
]


@pytest.mark.parametrize("source", DIFFERENT_NAMES)
def test_different_names_pass(shipped: Rule, source: str) -> None:
    assert flagged(shipped, source) == []


def test_min_length_and_max_distance_keys(tmp_path: Path) -> None:
    short = make_rule(tmp_path, "min_length: 4\n")
    assert flagged(short, "Mr Kyiv met the mayor of Kiyv, and Kyiv agreed.") == [("Kiyv", "Kyiv")]
    # Names of eight letters or more allow one edit more.
    strict = make_rule(tmp_path, "max_distance: 0\n")
    assert flagged(strict, "Officials in Belgorod said Belgorod and Begorod were hit.") == []
    assert flagged(strict, "Igor Kostyukov led. Kostyukov met; Kostiukov left.") == [("Kostiukov", "Kostyukov")]


def test_bad_keys_are_rule_errors(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="max_distance"):
        make_rule(tmp_path, "max_distance: 7\n")
    with pytest.raises(RuleFileError, match="min_length"):
        make_rule(tmp_path, "min_length: 1\n")


def test_rule_accept_key(tmp_path: Path) -> None:
    rule = make_rule(tmp_path, "accept: [Kostiukov]\n")
    # The accepted spelling is never flagged: the other one is.
    assert flagged(rule, "Igor Kostyukov led. Kostiukov met; Kostiukov left.") == [("Kostyukov", "Kostiukov")]


@pytest.mark.skipif(not SEED.is_file(), reason="the shared reference article is not beside the project")
def test_reference_article_is_consistent(shipped: Rule) -> None:
    assert flagged(shipped, SEED.read_text(encoding="utf-8")) == []


# -- the project vocabulary ------------------------------------------------------------------

VARIANTS = "Igor Kostyukov led. Kostyukov met the envoys; Kostiukov declined."


def test_vocabulary_accepted_form_is_never_flagged(shipped: Rule) -> None:
    with use_vocabulary(Vocabulary.build(accepted=["Kostiukov"])):
        assert flagged(shipped, VARIANTS) == [("Kostyukov", "Kostiukov"), ("Kostyukov", "Kostiukov")]
    with use_vocabulary(Vocabulary.build(accepted=["Kostiukov", "Kostyukov"])):
        assert flagged(shipped, VARIANTS) == []


def test_vocabulary_rejected_form_is_flagged_however_often(shipped: Rule) -> None:
    with use_vocabulary(Vocabulary.build(rejected=["Kostyukov"])):
        assert flagged(shipped, VARIANTS) == [("Kostyukov", "Kostiukov"), ("Kostyukov", "Kostiukov")]


def test_vocabulary_names_are_known_names(shipped: Rule) -> None:
    # A tie between two unknown spellings goes to the less word-like one;
    # a name the vocabulary accepts is known, so the other is flagged.
    source = "Officials met Mr Brazauskas. Later Mr Brazauskis left."
    assert flagged(shipped, source) == [("Brazauskis", "Brazauskas")]
    with use_vocabulary(Vocabulary.build(accepted=["Brazauskis"])):
        assert flagged(shipped, source) == [("Brazauskas", "Brazauskis")]


def test_names_rule_never_flags_an_accepted_word(place_name: Rule) -> None:
    source = "Thousands of people in Russia's Begorod region were without power."
    assert flagged(place_name, source) == [("Begorod", "Belgorod")]
    for vocabulary in (Vocabulary.build(accepted=["Begorod"]), Vocabulary.build(accepted=["(?i)begor.d"])):
        with use_vocabulary(vocabulary):
            assert flagged(place_name, source) == []


def test_names_rule_suggests_accepted_names(place_name: Rule) -> None:
    source = "The delegation was led by Mr Tymoshchk on Monday."
    assert flagged(place_name, source) == []
    with use_vocabulary(Vocabulary.build(accepted=["Anatoliy Tymoshchuk"])):
        assert flagged(place_name, source) == [("Tymoshchk", "Tymoshchuk")]


def test_names_rule_flags_a_rejected_name_even_when_known(place_name: Rule) -> None:
    # "Kharkov" is a known older spelling, never flagged on its own.
    source = "Officials in Kharkov said the power was back."
    assert flagged(place_name, source) == []
    with use_vocabulary(Vocabulary.build(rejected=["Kharkov"])):
        assert flagged(place_name, source) == [("Kharkov", "Kharkiv")]


def test_names_rule_never_suggests_a_rejected_name(place_name: Rule) -> None:
    source = "Officials in Kharkvi said the power was back."
    assert flagged(place_name, source) == [("Kharkvi", "Kharkiv")]
    with use_vocabulary(Vocabulary.build(rejected=["Kharkiv"])):
        assert ("Kharkvi", "Kharkiv") not in flagged(place_name, source)


# -- the known-names data: cache and lookups -------------------------------------------------

def test_index_data_is_cached_and_reloaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path))
    people = ("Igor Kostyukov", "Volodymyr Zelensky", "Zelenskyy")
    built = names_module._build_data(True, 50_000, people, 5)
    path, stamp = names_module._cache_file(names_module.CACHE_PREFIX, (True, 50_000, people, 5))
    assert path.parent == tmp_path and not path.exists()
    names_module._write_cached(path, stamp, built)
    assert names_module._read_cached(path, stamp) == built
    assert names_module._read_cached(path, "another stamp") is None
    path.write_bytes(b"not marshal data")
    assert names_module._read_cached(path, stamp) is None


def test_trigram_counts_are_cached_and_reloaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path))
    names_module._trigrams.cache_clear()
    try:
        counted = names_module._trigrams()
        (path,) = tmp_path.glob(f"{names_module.TRIGRAM_PREFIX}*.bin")
        names_module._trigrams.cache_clear()
        assert names_module._trigrams() == counted == names_module._count_trigrams()
        assert names_module._load(path, "another stamp") is None
        path.write_bytes(b"not marshal data")
        names_module._trigrams.cache_clear()
        assert names_module._trigrams() == counted
    finally:
        names_module._trigrams.cache_clear()


def test_data_knows_people_places_and_older_spellings() -> None:
    data = index_data(True, 50_000, builtin_people(), 5)
    assert {"kostyukov", "zelensky", "belgorod", "kyiv"} <= data.known
    assert "volodymyr" in data.surname_given["zelensky"]
    assert data.aliases["kharkov"] == ("kharkiv",)


@pytest.mark.parametrize("word", ["begorod", "zelenksy", "kostiukov", "zaporizzhia", "khordokovsky", "ukriane", "peskob"])
def test_scan_and_deletion_index_find_the_same_names(word: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data = index_data(True, 50_000, builtin_people(), 5)
    scanning = NameIndex(data, 1)
    found = [(t.part, t.kind, d) for t, d in scanning.lookup(word)]
    assert found
    monkeypatch.setattr(names_module, "SCAN_LOOKUPS", 0)
    indexed = NameIndex(data, 1)
    assert found == [(t.part, t.kind, d) for t, d in indexed.lookup(word)]
    assert indexed._deletions is not None and scanning._deletions is None
