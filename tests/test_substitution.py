"""Another name where the claim has its own, in the claim's own words around it
(agent.text.frames.in_same_frame): a substitution, which refutes like another number, while
another name elsewhere in the sentence only withholds support (tests/test_slots.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from agent.text.frames import in_same_frame
from agent.text.place_frames import place_substitutions

if TYPE_CHECKING:
    from conftest import FixedSlotChecker


@pytest.mark.unit
@pytest.mark.parametrize(("frame", "filler", "sentence", "same"), [
    # dev dunmere c08's kind, in other domains
    ("Okafor moved to the Lyon lab from ____.", "imperial college",
     "Okafor moved to the Lyon lab from Imperial College in 2019.", True),
    ("The bridge was designed by ____.", "hartley partners",
     "The bridge was designed by Hartley Partners, the council said.", True),
    # the other of two finders (dev orlam c07's kind): in the frame of the claim's pair
    ("The coins were found by Ann Lee and ____.", "tom hale",
     "Ann Lee and Tom Hale found the coins in March.", True),
    # another name elsewhere: someone else doing something else, not this frame
    ("The prize went to ____.", "rosa tan", "Rosa Tan presented the prize on Friday.", False),
    # two stopwords before the blank tell no frame
    ("It was one of ____.", "carl webb", "It was one of Carl Webb's best.", False),
])
def test_a_filler_after_the_claims_own_words_is_in_its_frame(
    frame: str, filler: str, sentence: str, same: bool
) -> None:
    assert in_same_frame(frame, filler, sentence) is same


@pytest.mark.unit
def test_a_substitution_in_the_claims_frame_is_a_conflict(
    fixed_slot_checker: type[FixedSlotChecker],
) -> None:
    claim = "The striker joined Kelso Town from Harrow Athletic."
    sentence = "The striker joined Kelso Town from Penmoor United in 2022 for £400,000."
    finding, calls = fixed_slot_checker("Penmoor United").check(claim, sentence, budget=2)
    assert calls >= 1 and finding is not None and finding.same_frame
    assert finding.conflict is not None and finding.conflict.kind == "holder"
    # the same name elsewhere in the sentence only withholds support
    elsewhere = "Penmoor United sold the striker, who then joined Kelso Town."
    finding, _ = fixed_slot_checker("Penmoor United").check(claim, elsewhere, budget=2)
    assert finding is not None and finding.conflict is None


@pytest.mark.unit
@pytest.mark.parametrize(("claim", "sentence", "aligned", "pairs"), [
    # dev hollin c12's kind: a paraphrased subject, the claim's own words before another
    # place, and both places a "hospital"
    ("Injured walkers will be flown to Penrith Infirmary.",
     "Anyone hurt on the fells will be flown to Carlisle Royal Infirmary, the team said.",
     False, [("penrith infirmary", "carlisle royal infirmary")]),
    # not the claim's words before it, on a sentence not about the claim's event: nothing
    ("Injured walkers will be flown to Penrith Infirmary.",
     "A patient from Carlisle Royal Infirmary was flown home on Monday.", False, []),
    # the claim's place with another generic word is the same place
    ("Injured walkers will be flown to Penrith Infirmary.",
     "Injured walkers will be flown to Penrith General Infirmary.", True, []),
    # an aligned sentence: frames that share a stem suffice, as before
    ("The appeal was filed with the High Court in Kelby.",
     "The appeal was lodged with the High Court in Carrick on Friday.", True,
     [("kelby", "carrick")]),
])
def test_another_named_place_for_the_claims_event_is_a_substitution(
    claim: str, sentence: str, aligned: bool, pairs: list[tuple[str, str]]
) -> None:
    assert place_substitutions(claim, sentence, aligned=aligned) == pairs


@pytest.mark.unit
def test_a_place_substitution_refutes_an_unaligned_paraphrase() -> None:
    from agent.verification.checks import compare
    from agent.verification.stance import combine

    sig = compare("Injured walkers will be flown to Penrith Infirmary.",
                  "Anyone hurt on the fells will be flown to Carlisle Royal Infirmary.")
    assert [c.kind for c in sig.conflicts] == ["place"]
    assert combine({"supports": 0.6, "refutes": 0.2, "silent": 0.2}, sig) == "refutes"


@pytest.mark.unit
def test_a_name_only_in_the_speakers_description_does_no_deed_of_the_claim(
    fixed_slot_checker: type[FixedSlotChecker],
) -> None:
    # a newcomer trial: the administrator's firm was read as the debtor
    claim = "Harwell Rovers had debts of about £3.1m."
    sentence = "Ana Vale, a partner at Rook Lindsay, said the club had debts of about £3.1m."
    finding, _ = fixed_slot_checker("Rook Lindsay").check(claim, sentence, budget=2)
    assert finding is None
    # a description that tells the claim's deed names its doer
    claim = "Tom Reid proposed the refusal."
    sentence = "Councillor Jo Reid, who proposed the refusal, said the vote was a betrayal."
    finding, _ = fixed_slot_checker("Jo Reid").check(claim, sentence, budget=2)
    assert finding is not None and finding.filler == "jo reid"
