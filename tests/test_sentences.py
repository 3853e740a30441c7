from __future__ import annotations

import time

import pytest

from lint.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("   ", []),
        ("One sentence", ["One sentence"]),
        ("First one. Second one.", ["First one.", "Second one."]),
        ("Is it? Yes! Fine.", ["Is it?", "Yes!", "Fine."]),
        ("Really?! Yes.", ["Really?!", "Yes."]),
        ("Wait… What?", ["Wait…", "What?"]),
        ("Wait... What?", ["Wait...", "What?"]),
        ('He said "Stop." Then he left.', ['He said "Stop."', "Then he left."]),
        ("He said “Stop.” Then he left.", ["He said “Stop.”", "Then he left."]),
        ("(It rained.) Then sun.", ["(It rained.)", "Then sun."]),
        ('It ended. "Go," he said.', ["It ended.", '"Go," he said.']),
        ("It ended. (Mostly.)", ["It ended.", "(Mostly.)"]),
        ("Sales fell in 2019. 2020 was worse.", ["Sales fell in 2019.", "2020 was worse."]),
        ("No capital. then lowercase.", ["No capital. then lowercase."]),
        ('"Why?" she asked.', ['"Why?" she asked.']),
        ("A line\nBreak alone", ["A line\nBreak alone"]),
        ("Ends here.\nNext line.", ["Ends here.", "Next line."]),
        ("  Padded.   Text.  ", ["Padded.", "Text."]),
        # abbreviations
        ("Mr. Smith met Mrs. Jones.", ["Mr. Smith met Mrs. Jones."]),
        ("Ask Dr. Who. Then Prof. Plum.", ["Ask Dr. Who.", "Then Prof. Plum."]),
        ("Gen. Lee and Sen. Warren spoke.", ["Gen. Lee and Sen. Warren spoke."]),
        ("Rep. Ocasio and Gov. Newsom met Lt. Dan.", ["Rep. Ocasio and Gov. Newsom met Lt. Dan."]),
        ("Acme Inc. Sold it. Acme Corp. Bought.", ["Acme Inc. Sold it.", "Acme Corp. Bought."]),
        ("Apples vs. Oranges.", ["Apples vs. Oranges."]),
        ("On Jan. 5 it snowed.", ["On Jan. 5 it snowed."]),
        ("On Sept. 11 they met.", ["On Sept. 11 they met."]),
        ("It was Jan. Then Feb.", ["It was Jan.", "Then Feb."]),
        ("He lives at No. 10 Downing St. London.", ["He lives at No. 10 Downing St. London."]),
        ("He said No. Then left.", ["He said No.", "Then left."]),
        ("The U.S. Army said so.", ["The U.S. Army said so."]),
        ("He moved to the U.S. He likes it.", ["He moved to the U.S.", "He likes it."]),
        ("The U.K. And France agreed.", ["The U.K.", "And France agreed."]),
        ("The U.N. Security Council met.", ["The U.N. Security Council met."]),
        ("E.U. Leaders met.", ["E.U. Leaders met."]),
        ("Cities, e.g. Paris, grew. I.e. More.", ["Cities, e.g. Paris, grew.", "I.e. More."]),
        ("J.K. Rowling wrote it.", ["J.K. Rowling wrote it."]),
        ("George W. Bush spoke.", ["George W. Bush spoke."]),
        ("It opens at 9 a.m. ET daily.", ["It opens at 9 a.m. ET daily."]),
        ("It opens at 9 a.m. Doors close at 5 p.m. Bring ID.", ["It opens at 9 a.m.", "Doors close at 5 p.m.", "Bring ID."]),
        ("It rose 3.5 percent. It fell 0.25 points.", ["It rose 3.5 percent.", "It fell 0.25 points."]),
        ('"Mr. Smith," she said.', ['"Mr. Smith," she said.']),
        ("(Dr. Watson) arrived.", ["(Dr. Watson) arrived."]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_ranges_are_trimmed_and_ordered() -> None:
    text = "  One.  Two!\n\tThree?  "
    ranges = split_sentences(text)
    assert ranges == [(2, 6), (8, 12), (14, 20)]
    for s, e in ranges:
        assert text[s:e] == text[s:e].strip()


@pytest.mark.parametrize(
    "text",
    [
        "a" + "." * 200_000 + " ",
        " " * 200_000,
        "a. " * 100_000 + "B",
        "Mr. " * 100_000,
        "x" * 200_000 + ". B",
        "A. " * 100_000,
    ],
)
def test_linear_time(text: str) -> None:
    started = time.perf_counter()
    split_sentences(text)
    assert time.perf_counter() - started < 2
