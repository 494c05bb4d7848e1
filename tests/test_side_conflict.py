"""A claim that an actor conceded what a source has the same actor deny, or the reverse, is
a concrete "side" conflict (agent.text.sides.sides_apart): the model's confident "supports"
does not overrule it, as it reads past "has not denied" (dev kelderby c16, P 0.73)."""

from __future__ import annotations

import pytest

from agent.text.sides import side_taken
from agent.verification.checks import compare
from agent.verification.conflict import Conflict
from agent.verification.stance import combine

CONFIDENT_SUPPORT = {"supports": 0.9, "refutes": 0.05, "silent": 0.05}


@pytest.mark.parametrize(
    ("claim", "sentence", "sides"),
    [
        ("The county council has not disputed that the traffic survey was flawed.",
         "The county council has disputed that the traffic survey was flawed, saying its "
         "counters were checked every week.", ("conceded", "denied")),
        ("Marlow Rail admitted that the signals at Hatchley junction were faulty.",
         "Marlow Rail denied that the signals at Hatchley junction were faulty.",
         ("conceded", "denied")),
        ("The Orchard Trust accepted the inspectors' findings about its care homes.",
         "The Orchard Trust rejected the inspectors' findings about its care homes as unfair.",
         ("conceded", "denied")),
        ("The Orchard Trust rejected the inspectors' findings about its care homes.",
         "The Orchard Trust has accepted the inspectors' findings about its care homes.",
         ("denied", "conceded")),
    ],
)
def test_the_other_side_of_the_same_actor_refutes_whatever_the_model_says(
        claim: str, sentence: str, sides: tuple[str, str]) -> None:
    sig = compare(claim, sentence, 0.7)
    assert Conflict("side", (sides[0],), (sides[1],)) in sig.conflicts
    assert sig.hard_conflict and sig.polarity_conflict
    assert combine(CONFIDENT_SUPPORT, sig) == "refutes"


@pytest.mark.parametrize(
    "sentence",
    [
        # another actor's denial
        "The drivers' union denied that the signals at Hatchley junction were faulty.",
        # the same actor's denial of something else
        "Marlow Rail denied any wrongdoing over its new timetable.",
        # the same side
        "Marlow Rail has acknowledged that the signals at Hatchley junction were faulty.",
    ],
)
def test_no_side_conflict_without_the_same_actor_the_same_topic_and_the_other_side(
        sentence: str) -> None:
    sig = compare("Marlow Rail admitted that the signals at Hatchley junction were faulty.",
                  sentence, 0.7)
    assert not any(c.kind == "side" for c in sig.conflicts)


def test_a_passive_verb_takes_no_side() -> None:
    assert side_taken("Three participants in the Orvale trial were admitted to hospital.") is None
    assert side_taken("The former treasurer was denied bail.") is None
    # a side taken after a passive one is still read
    after = side_taken("Four patients were admitted to hospital, and the Orchard Trust "
                       "denied that staff were to blame.")
    assert after is not None and after.actor == "the orchard trust" and not after.concedes
    # "is backing" is active
    backing = side_taken("Kestrel's board is backing the offer.")
    assert backing is not None and backing.concedes


def test_a_hospital_admission_is_no_side_against_a_denial() -> None:
    sig = compare("Three participants in the Orvale trial were admitted to hospital.",
                  "The Orvale trial's sponsor denied that participants were admitted to "
                  "hospital.", 0.7)
    assert not any(c.kind == "side" for c in sig.conflicts)


def test_a_side_conflict_reads_back_from_its_description() -> None:
    conflict = Conflict("side", ("conceded",), ("denied",))
    assert conflict.describe() == "side: claim conceded vs source denied"
    assert Conflict.parse(conflict.describe()) == conflict
