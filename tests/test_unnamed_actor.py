"""Someone new, described and not named, doing the claim's event (agent.text.slots
.unnamed_other, read by the cloze check of agent.verification.slots): a crime newcomer's
"Police released Dominic Hartigan without charge" was supported by "A 38-year-old woman ...
has been released without charge". The texts are invented variants in other domains."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from agent.app import App
from agent.text.referents import pronoun_referent
from agent.text.slots import person_name, unnamed_other
from agent.verification.verify import Verifier

if TYPE_CHECKING:
    from conftest import FixedSlotChecker

NAMED = ["Striker Tomas Elderkin was sent off in the first half.",
         "The referee showed him a straight red card."]
BANNED = "A second player, a 19-year-old midfielder, was banned for three matches."


@pytest.mark.unit
@pytest.mark.parametrize(("answer", "expected"), [
    ("a 19-year-old midfielder", "19-year-old midfielder"),
    ("the 19-year-old midfielder", "19-year-old midfielder"),  # brought in by "a" all the same
    ("A second player", "second player"),
])
def test_a_description_brought_in_as_someone_new_is_another_person(
    answer: str, expected: str,
) -> None:
    assert unnamed_other("Tomas Elderkin", answer, BANNED, NAMED) == expected


@pytest.mark.unit
@pytest.mark.parametrize(("slot", "answer", "sentence", "before"), [
    # not named before: "A 54-year-old man was arrested" may be the one named after it
    ("Tomas Elderkin", "a 19-year-old midfielder", BANNED, []),
    ("Tomas Elderkin", "a 19-year-old midfielder", BANNED, ["The club lost 2-0."]),
    # a body's name, not a person's: "a spokesman" may speak for it
    ("Harwell Council", "a spokesman", "A spokesman said the road would reopen.",
     ["Harwell Council closed the road."]),
    # the description holds the name: it is the named one
    ("Tomas Elderkin", "a striker, Elderkin", "A striker, Elderkin, was banned.", NAMED),
    # brought in as someone known ("the"), or a pronoun, or no answer
    ("Tomas Elderkin", "the midfielder", "The midfielder was banned for three matches.", NAMED),
    ("Tomas Elderkin", "he", "He was banned for three matches.", NAMED),
    ("Tomas Elderkin", "NONE", BANNED, NAMED),
])
def test_the_named_one_or_a_body_is_no_unnamed_other(
    slot: str, answer: str, sentence: str, before: list[str],
) -> None:
    assert unnamed_other(slot, answer, sentence, before) is None


@pytest.mark.unit
def test_person_name_moved_from_referents_reads_as_before() -> None:
    assert person_name("Owen Baptiste") == "Owen Baptiste"
    assert person_name("Mr Mallory") == "Mallory"
    assert person_name("Westmoor Police") is None
    assert pronoun_referent("He said the site was safe.",
                            ["Site manager Owen Baptiste visited on Monday."]) == "Owen Baptiste"


@pytest.mark.unit
def test_the_cloze_finding_is_another_actor_and_no_rival_holder(
    fixed_slot_checker: type[FixedSlotChecker],
) -> None:
    claim = "The league banned Tomas Elderkin for three matches."
    finding, calls = fixed_slot_checker("the 19-year-old midfielder").check(
        claim, BANNED, 2, None, NAMED)
    assert calls == 1
    assert finding is not None and not finding.named
    assert finding.filler == "19-year-old midfielder" and finding.conflict is None
    # without the article's naming before it the description may be Elderkin
    finding, _ = fixed_slot_checker("the 19-year-old midfielder").check(claim, BANNED, 2)
    assert finding is None


QUARRY = {
    "a_wire.txt": ("Quarry worker cautioned after blast\nBy Ana Ruiz\nNovember 18, 2026\n"
                   "Dunford Wire\n\n"
                   "Quarry foreman Priya Lalwani was arrested on Monday after a blast injured "
                   "two workers at the Dunford pit.\n"
                   "Lalwani was later charged with breaching safety rules.\n"
                   "A 41-year-old man from Dunford who was arrested on Tuesday has been "
                   "released without charge.\n"),
}


@pytest.mark.integration
def test_an_unnamed_others_release_is_no_support_for_the_named_ones(
    make_app: Callable[..., App], fixed_slot_checker: type[FixedSlotChecker],
) -> None:
    app = make_app(QUARRY, scripted=True)
    verifier = Verifier(app.corpus, app.retriever, app.embedder, app.llm)
    verifier.slots = fixed_slot_checker("the 41-year-old man")
    verdict = verifier.verify("Police released Priya Lalwani without charge.")
    assert verdict.verdict != "supported"
    released = [e for e in verdict.evidence if "41-year-old" in e.citation.quote]
    assert released and all(e.stance != "supports" for e in released)
    assert any("event to 41-year-old man" in s for e in released for s in e.signals)
