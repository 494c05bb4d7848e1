"""A refusal of what others said, before the clause it refuses, reports the refuser's words
("Maureen Ellacott rejected the suggestion that the ballot count was flawed"): in a claim
(agent.verification.claims.attribution_of) and in a sentence (agent.text.speakers.
attribution). A newcomer's strike ballot (session 70) had that claim read as a plain fact,
so the source's "categorically denied that the count was flawed" was "only a claim made by
Maureen Ellacott". Invented wordings in other domains."""

from __future__ import annotations

import pytest

from agent.text.speakers import attribution
from agent.verification.checks import compare
from agent.verification.claims import attribution_of


@pytest.mark.parametrize(("claim", "speaker", "content"), [
    ("Maureen Ellacott rejected the suggestion that the ballot count was flawed.",
     "Maureen Ellacott", "the ballot count was flawed"),
    ("The head teacher dismissed claims that pupils had been sent home early.",
     "The head teacher", "pupils had been sent home early"),
    ("Harbour master Ian Tull disputes the allegation that the crossing was unsafe.",
     "Harbour master Ian Tull", "the crossing was unsafe"),
])
def test_a_claim_of_a_refusal_is_the_refusers_words(
        claim: str, speaker: str, content: str) -> None:
    read = attribution_of(claim)
    assert read is not None
    assert (read.speaker, read.content) == (speaker, content)


@pytest.mark.parametrize("claim", [
    "The council rejected the offer of funding.",  # an offer is no statement
    "The judge dismissed the case against the driver.",
])
def test_a_refusal_of_no_statement_is_a_deed(claim: str) -> None:
    assert attribution_of(claim) is None
    assert attribution(claim) is None


def test_a_sentence_of_a_refusal_names_its_speaker() -> None:
    assert attribution("Councillor Ruth Oduya rejected the claim that the library would "
                       "close.") == "Councillor Ruth Oduya"


@pytest.mark.parametrize(("claim", "sentence", "same"), [
    ("The head teacher dismissed claims that pupils had been sent home early.",
     "The head teacher, Alan Briggs, denied that pupils had been sent home early.", True),
    # another speaker's denial tells nothing of what the claim's speaker said
    ("The ferry operator rejected the suggestion that the crossing was unsafe.",
     "Harbour master Ian Tull denied that the crossing was unsafe.", False),
])
def test_the_refusers_own_denial_states_the_claim(
        claim: str, sentence: str, same: bool) -> None:
    signals = compare(claim, sentence)
    assert signals.same_speaker is same
    assert (signals.attributed_to is None) is same
