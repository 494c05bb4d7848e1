"""Two answer checks of which/what questions, from a newcomer's strike ballot (session 70):

- a noun given a value identifies it (agent.text.identified.said_indefinitely): "What
  turnout did the union report?" is answered by "..., a turnout of 52.1 per cent", which
  abstained as "a turnout" said indefinitely;
- "What proportion of X <act>?" asks a share of an act (agent.generation.asked_act): the
  turnout sentence, of none of the question's words, does not answer "What proportion of
  voters supported action short of a strike?".

Invented wordings in other domains."""

from __future__ import annotations

import pytest

from agent.generation.asked import names_asked_entity
from agent.generation.asked_act import asked_act, states_asked_act
from agent.text.identified import said_indefinitely
from agent.types import AnswerSentence, Citation


def _answer(text: str) -> list[AnswerSentence]:
    return [AnswerSentence(text=text, citations=[Citation(source="a", quote=text, start=0,
                                                          end=len(text))])]


@pytest.mark.parametrize(("question", "answer"), [
    ("What turnout did the union report for the ballot?",
     "The union said 958 of the 1,840 members returned their papers, a turnout of 52.1 "
     "per cent."),
    ("What transfer fee did the club pay for the striker?",
     "He joined from Kessock in 2023 for a fee reported to be £1.2 million."),
    ("What fine did the regulator impose on the water company?",
     "The regulator imposed a fine of about £40,000 on the company."),
])
def test_a_noun_given_a_value_is_identified(question: str, answer: str) -> None:
    assert names_asked_entity(question, _answer(answer))


@pytest.mark.parametrize(("noun", "text"), [
    ("magistrate", "the warrant was signed by a magistrate on 12 may."),  # a day says when
    ("party", "a party of 11 walkers was stranded."),  # a count of walkers
    ("report", "an interim report was expected within three months."),  # a length of time
])
def test_a_noun_given_no_value_is_said_indefinitely(noun: str, text: str) -> None:
    assert said_indefinitely(noun, text)


def test_a_share_question_asks_its_group_and_act() -> None:
    assert asked_act("What proportion of voters supported action short of a strike?") >= {
        "suppo", "actio", "short", "strik"}
    assert asked_act("What share of the new homes will be affordable?") >= {"hom", "affor"}


@pytest.mark.parametrize(("question", "quote", "tells"), [
    ("What proportion of voters supported action short of a strike?",
     "The union said 958 of the 1,840 members returned their papers, a turnout of 52.1 "
     "per cent.", False),
    ("What proportion of voters supported action short of a strike?",
     "Of those voting, 81 per cent backed strike action and 89 per cent supported action "
     "short of a strike.", True),
    ("What percentage of patients were seen within four hours?",
     "The trust employs 4,200 staff, 12 per cent of them agency nurses.", False),
])
def test_a_share_answer_tells_the_act(question: str, quote: str, tells: bool) -> None:
    assert states_asked_act(question, [quote]) is tells
