"""Two things of one kind named apart (agent.text.near_miss.things_apart): a figure of each is
no outlet's version of the other's, in the story's differences, an answer's versions and
the verifier's rivals (agent.verification.measures.same_measure). And a line of the story
summary that points back to what its article said before ("rejected that", "fear the
same") does not stand alone (agent.generation.standalone.stands_alone). Invented wordings;
the newcomer's (session 52) are in the modules' docstrings."""

from __future__ import annotations

import pytest

from agent.generation.differences import story_differences
from agent.generation.standalone import stands_alone
from agent.text.near_miss import things_apart
from agent.types import Sentence


def _s(article: str, text: str, index: int = 0) -> Sentence:
    return Sentence(id=f"{article}:{index}", article_id=article, doc_id=article, start=0,
                    end=len(text), text=text)


def _name(key: str) -> str:
    return {"wire": "Delta Wire", "daily": "The Orrin Daily"}[key]


@pytest.mark.parametrize(("a", "b", "apart"), [
    ("Kelby Hospital will shut its ward for nine weeks.",
     "Last year nearby Orrin Hospital shut a ward for five weeks.",
     ("kelby hospital", "orrin hospital")),
    ("Marsh Lane School will close for two terms.",
     "In 2023 the council closed Brook Street School for one term.",
     ("marsh lane school", "brook street school")),
    # one thing named two ways, or named in both sentences: not apart
    ("Kelby Hospital will shut its ward for nine weeks.",
     "Kelby General Hospital will shut a ward for five weeks.", None),
    ("Kelby Hospital, like Orrin Hospital, will shut a ward for nine weeks.",
     "Orrin Hospital shut a ward for five weeks.", None),
    # people who share a surname, and counts opening a sentence, are no two things
    ("Maureen Oakes said the repairs cost £2m.", "Tom Oakes said they cost £3m.", None),
    ("Eight wards remain shut at the hospital.", "Six wards remain shut at the hospital.",
     None),
])
def test_things_of_one_kind_named_apart(a: str, b: str, apart: tuple[str, str] | None) -> None:
    assert things_apart(a, b) == apart


def test_a_figure_of_another_thing_of_the_kind_is_no_difference() -> None:
    apart = [
        (_s("wire", "Kelby Hospital will shut its maternity ward for nine weeks."), "wire"),
        (_s("daily", "Last year nearby Orrin Hospital shut its maternity ward for five weeks."),
         "daily"),
    ]
    assert story_differences(apart, _name) == []
    same = [apart[0], (_s("daily", "Kelby Hospital will shut its maternity ward for five "
                                   "weeks."), "daily")]
    assert [d.kind for d in story_differences(same, _name)] == ["number"]


@pytest.mark.parametrize("text", [
    "The council leader, Ann Rowe, rejected that, insisting the report had been published.",
    "The trust disputed this on Monday.",
    "Shop owners in Kelby fear the same.",
    # since what? (a newcomer's space story: "No signal has been received since.")
    "No word has been heard from the crew of the trawler since.",
    "The bridge has stayed shut to traffic ever since then.",
])
def test_a_line_pointing_back_stands_only_as_a_reply(text: str) -> None:
    assert not stands_alone(text)
    assert stands_alone(text, reply=True)  # printed right after the charge it answers


@pytest.mark.parametrize("text", [
    "Ann Rowe denied the allegation that the report had been hidden.",
    "Ann Rowe denied that the report had been hidden.",
    "The bridge has stayed shut since the flood of March 2024.",  # says since when
])
def test_a_denial_that_says_what_it_denies_stands_alone(text: str) -> None:
    assert stands_alone(text)


@pytest.mark.parametrize(("text", "alone"), [
    # a pronoun subject after a fronted phrase names no one (an environment newcomer, s53)
    ("Three years ago it was ordered to pay £40,000 for a leak into the River Marl.", False),
    ("In 2022, it was fined £40,000 for a leak.", False),
    ("However, they said the leak was small.", False),
    # a name after the fronted phrase, or a pronoun inside a clause, is no such subject
    ("In 2022, Orwell Chemicals was fined £40,000 for a leak.", True),
    ("Three years ago Orwell Chemicals was fined £40,000 for a leak.", True),
    ("Orwell Chemicals, which runs the Kettle Lane plant, was fined £40,000 in 2022.", True),
])
def test_a_pronoun_subject_after_a_fronted_phrase_does_not_stand_alone(text: str,
                                                                       alone: bool) -> None:
    assert stands_alone(text) is alone
