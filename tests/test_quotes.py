"""Speakers of sentences inside quotations that run over several sentences
(agent.text.quotes): the cases of the seeds' outlets, rewritten."""

from __future__ import annotations

from scenarios import GOES_ON

from agent.text.quotes import quote_speaker

# The speaker named where the quotation closes (another outlet's layout).
NAMED_AT_END = [
    "The mayor spoke on Saturday, officials said.",
    "“They are bad news.",
    "The gangs are trying to destroy our town.",
    "They are evil,” Ana Ruiz said.",
    "The gangs are bad.",
]


def test_a_sentence_inside_a_quotation_has_the_quotations_speaker() -> None:
    assert [quote_speaker(GOES_ON, i) for i in range(len(GOES_ON))] == [
        None, None, "Ana Ruiz", "Ana Ruiz", "Ana Ruiz", None
    ]
    assert [quote_speaker(NAMED_AT_END, i) for i in range(len(NAMED_AT_END))] == [
        None, "Ana Ruiz", "Ana Ruiz", None, None
    ]


def test_no_speaker_outside_a_quotation_or_when_none_is_named() -> None:
    # An unattributed sentence before an attributed one is not "going on" its quotation.
    plain = ["The mayor said the bridge will close.", "“It is unsafe.", "We must act.”"]
    assert quote_speaker(plain, 1) is None and quote_speaker(plain, 2) is None
    assert quote_speaker(["“Nobody is named here.", "Still not.”"], 1) is None
    assert quote_speaker(GOES_ON, 99) is None
