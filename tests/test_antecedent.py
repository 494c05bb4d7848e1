"""Which entity a sentence that leaves the name unsaid is about (agent.text.slots
.antecedent_rival): the subject of the sentence before it, when that one names two."""

from __future__ import annotations

import pytest

from agent.text.slots import antecedent_rival


@pytest.mark.unit
def test_a_pronoun_after_a_sentence_naming_both_refers_to_the_one_named_first() -> None:
    # dev kettering-mast-outage: "Ketterby Networks ... has no link to Kettering. Its own
    # network went down ... and it later paid each customer £15" is the other firm's payment
    claim = "Wexcombe Building Society paid each saver £40."
    quote = "Its own customers were each paid £40 after an outage in 2024."
    other_first = ["Readers have asked about the outage.",
                   "Westcombe Savings Bank is a separate lender with no link to Wexcombe "
                   "Building Society."]
    assert antecedent_rival(claim, quote, other_first) == "westcombe savings bank"
    # the claim's own entity as the subject: the sentence is its own
    own_first = ["Wexcombe Building Society, unlike Westcombe Savings Bank, kept its branches."]
    assert antecedent_rival(claim, quote, own_first) is None
    # the claim's name alone before it, as ever
    assert antecedent_rival(claim, quote, ["Wexcombe Building Society apologised."]) is None


@pytest.mark.unit
def test_the_subject_of_the_sentence_before_decides_for_a_body_of_the_same_kind() -> None:
    question = "How many call-outs has the Ashgill Mountain Rescue Team had this year?"
    quote = "It has had more than 70 call-outs this year."
    before = ["Penhale Fell Rescue Team, which often works with the Ashgill Mountain Rescue "
              "Team, is raising money for a new base."]
    assert antecedent_rival(question, quote, before) == "penhale fell rescue team"
    ours = ["The Ashgill Mountain Rescue Team often works with Penhale Fell Rescue Team."]
    assert antecedent_rival(question, quote, ours) is None
