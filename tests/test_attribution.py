"""Who a sentence's content is attributed to (agent.text.facts.attribution) and who acts in
it: one party's accusation or a hedged clause is no statement of fact, and a capitalised
common word opening a sentence is no actor."""

from __future__ import annotations

from agent.verification.checks import attribution, compare


def test_an_accused_party_or_a_hedged_subject_is_no_speaker() -> None:
    """One party's accusation is no statement of fact, and the accused is not who speaks it:
    a bare claim about the accused is not backed by "The union accused X of ...", nor by "X
    has reportedly ..." (the writer names no source)."""
    accusation = "The guild also accused Harlow Freight of hiring agency drivers."
    assert attribution(accusation) == "someone"
    hedged = "Harlow Freight, the haulier, has reportedly hired agency drivers."
    assert attribution(hedged) == "someone"
    assert attribution("The insurer stresses that no card details were held.") == "someone"
    claim = "Harlow Freight has hired agency drivers."
    for sentence in (accusation, hedged):
        # reported speech: the verdict stage counts it as reported, not stated
        assert compare(claim, sentence, score=0.8).attributed_to == "someone"


def test_cancelled_is_no_reporting_and_an_opening_common_word_is_no_actor() -> None:
    assert attribution("Around 40 operations have been called off this week.") is None
    assert attribution("Trump called her a lovely woman.") == "Trump"
    # "Other passengers" and "Uninjured passengers" open their sentences; neither is a name
    # the articles write mid-sentence, so neither is an actor the other one swaps
    known = frozenset({"brackwater"})
    sig = compare("Uninjured passengers were sheltered at Brackwater Community Centre.",
                  "Other passengers were taken to Brackwater Community Centre.", score=0.8,
                  known_names=known)
    assert sig.other_actor is None
