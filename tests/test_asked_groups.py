"""How-many questions about a part of a group ("How many of Felsham's paying subscribers
were among the users whose data was exposed?", a dev question the articles cannot answer,
was answered with the count of every user): the group after "how many of", its determiner
and its owner, is what the answer must count (agent.generation.asked). The sentences are
made up for these tests."""

from __future__ import annotations

import pytest

from agent.generation.asked_counts import asked_count_noun, asked_part, counts_what_is_asked
from agent.types import AnswerSentence, Citation


def _quoted(quote: str) -> list[AnswerSentence]:
    return [AnswerSentence(text=quote, citations=[Citation(source="a", quote=quote, start=0,
                                                           end=len(quote))])]


@pytest.mark.parametrize(("question", "noun"), [
    ("How many of the members voted?", "member"),
    ("How many of Ardley Rovers' season-ticket holders renewed?", "holder"),
    ("How many of Nadia Ferris's goats did the dog kill?", "goat"),
    ("How many of the reported bear sightings came from Holm?", "sighting"),
    ("How many of them were rescued?", None),  # a pronoun names no group
])
@pytest.mark.unit
def test_the_group_a_how_many_of_question_counts(question: str, noun: str | None) -> None:
    assert asked_count_noun(question) == noun


@pytest.mark.unit
def test_a_count_of_the_whole_does_not_answer_how_many_of_a_part() -> None:
    paying = "How many of the gym's paying members were among the customers affected?"
    assert not counts_what_is_asked(
        paying, _quoted("The card details of about 4,000 people were exposed."))
    assert counts_what_is_asked(
        paying, _quoted("Some 900 of the 4,000 members affected pay a monthly fee."))
    # "two of the three injured climbers": the count of a part, named after "of"
    assert counts_what_is_asked("How many of the injured climbers were flown out?",
                                _quoted("Two of the three injured climbers were flown out."))


@pytest.mark.unit
def test_a_how_many_answer_needs_a_count_in_figures_or_words() -> None:
    # fresh dev questions (session 65): "How many of the patients who fell ill were on Ward
    # 7?" was answered with when the outbreak began on Ward 7
    asked = "How many of the residents who were moved out were on Mill Lane?"
    assert not counts_what_is_asked(asked, _quoted(
        "The evacuation began on Mill Lane on Sunday, after residents smelt smoke."))
    assert counts_what_is_asked(asked, _quoted("Dozens of residents of Mill Lane were moved."))
    assert counts_what_is_asked(asked, _quoted("No residents of Mill Lane were moved out."))


@pytest.mark.parametrize(("question", "part"), [
    ("How many of the cows that fell sick were on Hill Farm?", ["hill", "farm"]),
    ("How many of the runners who finished were over sixty?", ["60"]),
    ("How many of the club's members are pensioners?", ["pensioner"]),
    ("How many of the reported bear sightings came from Holm?", None),  # no auxiliary
    ("How many stalls were selling food?", None),  # no group named after "of"
])
@pytest.mark.unit
def test_what_a_how_many_of_question_asks_of_the_part(question: str,
                                                      part: list[str] | None) -> None:
    assert asked_part(question) == part


@pytest.mark.unit
def test_the_whole_groups_count_does_not_answer_how_many_of_a_part() -> None:
    # fresh dev questions (session 65): five of eleven answered unanswerable questions gave
    # the count of the whole group ("more than 130 rescues, many of them by boat")
    stalls = "How many of the market's stalls were selling food?"
    assert not counts_what_is_asked(stalls, _quoted(
        "More than 200 stalls lined the square, many of them selling food."))
    cows = "How many of the cows that fell sick were on Hill Farm?"
    assert not counts_what_is_asked(cows, _quoted(
        "Forty cows have fallen sick since the first cases were found on Hill Farm."))
    # the figure that defines the part is said nowhere
    runners = "How many of the runners who finished were over sixty?"
    assert not counts_what_is_asked(runners, _quoted(
        "About 1,200 runners finished the race, and 30 needed treatment."))
    # the part's count, with the part named in its clause
    assert counts_what_is_asked(stalls, _quoted("Some 40 stalls were selling food."))
    assert counts_what_is_asked(cows, _quoted("Four of the cows on Hill Farm fell sick."))
    assert counts_what_is_asked(runners, _quoted("Twelve runners over 60 finished."))


@pytest.mark.unit
def test_a_part_told_in_other_words_is_no_sign_of_the_whole() -> None:
    # "airlifted" for "taken to hospital by helicopter": nothing of the part is named, so
    # the count may be the part's; the whole's verb is often the part's ("carried out")
    divers = "How many of the injured divers were taken to hospital by helicopter?"
    assert counts_what_is_asked(divers, _quoted("All three injured divers were airlifted."))
    patrols = "How many of the volunteers' patrols were carried out on foot?"
    assert counts_what_is_asked(patrols, _quoted(
        "Volunteers carried out 80 patrols in May, while police carried out the rest."))
