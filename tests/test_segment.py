"""Sentence segmentation rules, on synthetic prose."""

from __future__ import annotations

import pytest

from agent.text.segment import split_sentences


def sents(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_plain_sentences() -> None:
    assert sents("The vote passed. Critics objected! Was it fair? Nobody knows.") == [
        "The vote passed.",
        "Critics objected!",
        "Was it fair?",
        "Nobody knows.",
    ]


def test_titles_and_state_and_month_abbreviations_do_not_split() -> None:
    text = "Mr. Smith met Dr. Jones in Tampa, Fla. on Jan. 5 at 9 a.m. local time. They talked."
    assert sents(text) == [
        "Mr. Smith met Dr. Jones in Tampa, Fla. on Jan. 5 at 9 a.m. local time.",
        "They talked.",
    ]


def test_initialism_splits_only_before_a_sentence_opener() -> None:
    text = (
        "Drugs flow into the U.S. Many goods are exempt. "
        "The U.S. Northern Command sent troops to the U.K. border."
    )
    assert sents(text) == [
        "Drugs flow into the U.S.",
        "Many goods are exempt.",
        "The U.S. Northern Command sent troops to the U.K. border.",
    ]


def test_initials_in_names() -> None:
    assert sents("John F. Kennedy spoke at noon. He left.") == [
        "John F. Kennedy spoke at noon.",
        "He left.",
    ]


def test_decimals_and_percentages() -> None:
    assert sents("Growth was 3.5 percent. Tariffs hit 25%. Prices rose 1.2% in May.") == [
        "Growth was 3.5 percent.",
        "Tariffs hit 25%.",
        "Prices rose 1.2% in May.",
    ]


@pytest.mark.parametrize("dots", ["…", "...", " …", " ..."])
def test_ellipsis_inside_a_sentence(dots: str) -> None:
    text = f"She said it was true{dots} he never denied it. Then she left."
    assert sents(text) == [f"She said it was true{dots} he never denied it.", "Then she left."]


def test_ellipsis_before_a_bracket_or_opener() -> None:
    assert len(sents("They reject any action … [including] violations of territory.")) == 1
    assert sents("She can’t walk … And I think she is kind.") == [
        "She can’t walk …",
        "And I think she is kind.",
    ]


def test_closing_quotes_belong_to_the_sentence() -> None:
    assert sents("“It is over.” She left. 'Fine.' He stayed.") == [
        "“It is over.”",
        "She left.",
        "'Fine.'",
        "He stayed.",
    ]
    assert sents('He said: "Stop now." Then he went.') == ['He said: "Stop now."', "Then he went."]


def test_question_in_quotes_followed_by_attribution_stays_one_sentence() -> None:
    assert sents("“Why not?” she asked. ‘Because,’ he said.") == [
        "“Why not?” she asked.",
        "‘Because,’ he said.",
    ]


def test_multi_sentence_quotation_is_split_without_empty_spans() -> None:
    text = "“We can collaborate. We can work together,” she said. “But not here.”  "
    assert sents(text) == [
        "“We can collaborate.",
        "We can work together,” she said.",
        "“But not here.”",
    ]


@pytest.mark.parametrize(
    "text",
    ["", "   ", " . ", "...", "Hello", "  Hi there.  \n\n  ", "“”", "A. B. C.", "\n\n\n"],
)
def test_spans_are_non_empty_and_stripped(text: str) -> None:
    for s, e in split_sentences(text):
        chunk = text[s:e]
        assert chunk and chunk == chunk.strip()


def test_base_offsets_and_blank_line_boundary() -> None:
    text = "A headline without a period\n\nThe body starts here. It ends here."
    base = 100
    spans = split_sentences(text, base=base)
    assert [text[s - base : e - base] for s, e in spans] == [
        "A headline without a period",
        "The body starts here.",
        "It ends here.",
    ]


def test_single_newline_inside_a_wrapped_sentence_is_not_a_boundary() -> None:
    text = "The council approved the budget\nafter a long debate. It passed."
    assert sents(text) == ["The council approved the budget\nafter a long debate.", "It passed."]
