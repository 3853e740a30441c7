"""One alert per span: a copydesk rule and a backend flagging the same span
report once (the copydesk alert); different spans are all kept."""

from __future__ import annotations

from pathlib import Path

from lint.alerts import Alert, Level
from lint.engine import LintOptions
from lint.grammar.dedup import drop_duplicate_backend_alerts, is_transient_alert, same_place
from tests.grammar.conftest import FakeBackend
from tests.helpers import make_rule, run

GRAMMAR = """
extends: grammar
backend: fake
message: "%s"
level: warning
"""

TEH = """
extends: existence
message: "Typo: '%s'."
level: error
tokens: [teh]
"""


def alert(rule: str, offset: int, end: int) -> Alert:
    return Alert(rule, Level.WARNING, "m", offset, end, 1, offset + 1, 1, end + 1, "x")


def test_a_copydesk_alert_wins_over_a_backend_alert_on_the_same_span() -> None:
    alerts = [alert("Pack.Grammar/AnA", 4, 7), alert("News.Typo", 4, 7), alert("Pack.Grammar/Other", 10, 12)]
    kept = drop_duplicate_backend_alerts(alerts)
    assert [a.rule for a in kept] == ["News.Typo", "Pack.Grammar/Other"]


def test_two_backends_on_one_span_report_once_and_overlaps_are_kept() -> None:
    alerts = [alert("G.Harper/AnA", 4, 7), alert("G.LanguageTool/EN_A_VS_AN", 4, 7), alert("G.Harper/X", 6, 9)]
    assert [a.rule for a in drop_duplicate_backend_alerts(alerts)] == ["G.Harper/AnA", "G.Harper/X"]


def test_nearly_the_same_span_is_the_same_place() -> None:
    # A space before a comma: " " from the backend, " ," from a copydesk rule.
    assert same_place((46, 47), (46, 48))
    assert same_place((10, 20), (12, 20))
    # "A" opening a 40-character phrase another rule flags is another problem.
    assert not same_place((0, 1), (0, 40))
    assert not same_place((4, 8), (6, 10))
    assert not same_place((0, 4), (4, 8))
    alerts = [alert("Mechanics.SpaceBeforePunctuation", 46, 48), alert("G.Harper/CommaFixes", 46, 47)]
    assert [a.rule for a in drop_duplicate_backend_alerts(alerts)] == ["Mechanics.SpaceBeforePunctuation"]


def test_notices_are_never_deduplicated_and_are_transient() -> None:
    alerts = [alert("News.Failure", 0, 0), alert("G.LanguageTool/unchecked", 0, 0)]
    kept = drop_duplicate_backend_alerts(alerts)
    assert len(kept) == 2
    assert is_transient_alert(kept[1]) and not is_transient_alert(kept[0])
    assert not is_transient_alert(alert("G.Harper/AnA", 1, 2))


def test_through_the_engine_the_rule_alert_is_kept(tmp_path: Path, fake_backend: FakeBackend) -> None:
    grammar = make_rule(tmp_path, GRAMMAR, "Grammar")
    typo = make_rule(tmp_path, TEH, "Typo")
    source = "We saw teh cat and recieve mail.\n"
    alerts = run([grammar, typo], source)
    assert [(a.rule, a.match) for a in alerts] == [("Pack.Typo", "teh"), ("Pack.Grammar/FakeRule", "recieve")]
    alone = run([grammar], source)
    assert [(a.rule, a.match) for a in alone] == [("Pack.Grammar/FakeRule", "teh"), ("Pack.Grammar/FakeRule", "recieve")]


def test_backend_rules_can_be_selected_and_ignored_one_by_one(tmp_path: Path, fake_backend: FakeBackend) -> None:
    fake_backend.spelling = frozenset({"recieve"})
    grammar = make_rule(tmp_path, GRAMMAR + "spelling: all\n", "Grammar")
    source = "We saw teh cat and recieve mail.\n"

    def rules(options: LintOptions) -> list[str]:
        return [a.rule for a in run([grammar], source, options=options)]

    assert rules(LintOptions()) == ["Pack.Grammar/FakeRule", "Pack.Grammar/FakeSpelling"]
    assert rules(LintOptions(ignore=frozenset({"Pack.Grammar/FakeSpelling"}))) == ["Pack.Grammar/FakeRule"]
    assert rules(LintOptions(only=frozenset({"Pack.Grammar/FakeSpelling"}))) == ["Pack.Grammar/FakeSpelling"]
    assert rules(LintOptions(ignore=frozenset({"Pack.Grammar"}))) == []
    assert rules(LintOptions(only=frozenset({"Pack"}))) == ["Pack.Grammar/FakeRule", "Pack.Grammar/FakeSpelling"]


def test_inline_directives_name_a_backend_rule_or_its_rule(tmp_path: Path, fake_backend: FakeBackend) -> None:
    grammar = make_rule(tmp_path, GRAMMAR, "Grammar")
    one = "<!-- copydesk-disable-next-line Pack.Grammar/FakeRule -->\nWe saw teh cat.\n\nAnd teh dog.\n"
    assert [a.line for a in run([grammar], one)] == [4]
    whole = "<!-- copydesk-disable-file Pack.Grammar -->\nWe saw teh cat.\n"
    assert run([grammar], whole) == []
