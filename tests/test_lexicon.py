"""Word classes from the lexicon (agent.text.lexicon): past forms of verbs, regular and
irregular, as tense readers use them (agent.text.dates), and adjectives."""

from __future__ import annotations

import pytest

from agent.text.lexicon import is_adjective, is_past_form
from agent.text.tense import ahead, behind


@pytest.mark.unit
@pytest.mark.parametrize(("word", "past"), [
    ("came", True), ("brought", True), ("Began", True), ("held", True), ("fell", True),
    ("announced", True), ("risen", True),
    # the same in the present, or no past at all
    ("cut", False), ("put", False), ("need", False), ("speed", False), ("rises", False),
    ("timetable", False),
])
def test_past_forms_are_read_from_the_lexicon(word: str, past: bool) -> None:
    assert is_past_form(word) is past


@pytest.mark.unit
@pytest.mark.parametrize(("text", "word", "gone"), [
    ("The ban, which took effect on Friday, covers every beach in the bay.", "Friday", True),
    ("Harlow Buses brought in its own fares on the same Monday.", "Monday", True),
    ("The strike began on Tuesday with a walkout at the depot.", "Tuesday", True),
    # a past form after a determiner is a noun; the end of a compound an adjective
    ("The depot is on the left of the bridge from Monday.", "Monday", False),
    ("The council-led scheme opens its doors on Monday.", "Monday", False),
])
def test_an_irregular_past_verb_tells_what_was(text: str, word: str, gone: bool) -> None:
    assert behind(text, word) is gone
    assert not ahead(text, word)


@pytest.mark.unit
@pytest.mark.parametrize(("word", "adjective"), [
    ("Local", True), ("angry", True), ("senior", True),
    ("Kestrel", False), ("police", False), ("Saxby", False),
])
def test_adjectives_are_read_from_the_lexicon(word: str, adjective: bool) -> None:
    assert is_adjective(word) is adjective


@pytest.mark.unit
@pytest.mark.parametrize(("text", "word", "to_come"), [
    # a newcomer trial: "The hosepipe ban starts on Friday" was glossed as the Friday gone
    ("The fare rise starts on Friday.", "Friday", True),
    ("The new law comes into force on Monday.", "Monday", True),
    ("The exhibition runs from Saturday.", "Saturday", True),
    # an -ed word describing the subject is no past verb (a fresh dev claim, session 67:
    # "The temporary, reduced timetable takes effect on Monday 25 May" was read as a day
    # gone, and another outlet's later Monday as another event's)
    ("The temporary, reduced timetable takes effect on Monday 25 May.", "Monday", True),
    ("A revised fare cap starts on Friday.", "Friday", True),
    ("The delayed service ran on Friday.", "Friday", False),
    # a past verb in the clause, or a day after a noun of the present clause, was
    ("The fare rise, which started on Friday, is unpopular.", "Friday", False),
    ("The ward is under pressure after the outbreak on Sunday.", "Sunday", False),
    ("Staff are cleaning up after the storm on Sunday.", "Sunday", False),
    ("The strike began on Monday and continues.", "Monday", False),
])
def test_a_present_verb_right_before_a_day_timetables_it(text: str, word: str,
                                                         to_come: bool) -> None:
    assert ahead(text, word) is to_come
