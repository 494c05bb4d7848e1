"""Who speaks a sentence whose subject is set off by commas (agent.text.speakers.attribution):
the name before the verb, not the object after "accused". A local-politics newcomer's
(session 52) "The leader of the opposition Independent group, Councillor Maureen Oakes,
accused council leader Graham Pettifer of ..." was read as Pettifer's words, and the
verifier reported the charge as "a claim made by Graham Pettifer"."""

from __future__ import annotations

import pytest

from agent.text.analysis import analyze
from agent.verification.claims import attribution_of


@pytest.mark.parametrize(("text", "speaker"), [
    ("The chair of the residents' group, Dr Ann Rowe, accused the trust's chief executive "
     "Tom Hale of misleading parents.", "Ann Rowe"),
    ("The head of the union, Petra Nolan, blamed Mardell for the delays.", "Petra Nolan"),
    # an unnamed subject: the name after the verb is its object
    ("The union, which represents 400 staff, accused Mardell of lying.", "someone"),
    # a speaker after the verb of speech is the speaker
    ("The plan was dead, said Ana Ruiz.", "Ana Ruiz"),
    ("It was, insisted Ana Ruiz, a disaster.", "Ana Ruiz"),
])
def test_the_subject_set_off_by_commas_speaks(text: str, speaker: str) -> None:
    found = analyze(text).speaker
    assert found is not None and found.endswith(speaker)


@pytest.mark.parametrize(("claim", "speaker", "content"), [
    ("Kelby Mills expects annual profit of about 12 million pounds.", "Kelby Mills",
     "annual profit of about 12 million pounds"),
    ("The trust forecasts a deficit of £3m next year.", "The trust", "a deficit of £3m next year"),
])
def test_what_someone_expects_is_their_statement(claim: str, speaker: str,
                                                 content: str) -> None:
    """Labelling rule 2: "X expects P" is supported where a source reports X saying it
    expects P ("The company said it now expected ..."), as "X said P" is (a business
    newcomer, session 52, got "only a claim made by the company")."""
    found = attribution_of(claim)
    assert found is not None and (found.speaker, found.content) == (speaker, content)


@pytest.mark.parametrize(("text", "speaker"), [
    # a name that qualifies the noun after it is no speaker of its own (a transport
    # newcomer, session 60: "according to the Langholt fire and rescue service" was read as
    # spoken by the town)
    ("Two coaches overturned, according to the Fenmouth ambulance service.",
     "Fenmouth ambulance service"),
    ("According to Tarrow coastguard officers, the crew were rescued.",
     "Tarrow coastguard officers"),
    # a name with a description after "of" is the speaker
    ("According to Dr Ana Ruiz of the university, the trial failed.", "Ana Ruiz"),
    ("The trial failed, according to Ana Ruiz.", "Ana Ruiz"),
])
def test_the_source_after_according_to_is_its_whole_noun_phrase(text: str,
                                                                 speaker: str) -> None:
    assert analyze(text).speaker == speaker


@pytest.mark.parametrize(("claim", "speaker", "content"), [
    # fresh dev claims (session 66): "An auditor, Paul Nyberg, gave evidence that the bank
    # statements ... had been tampered with" was read as a plain claim of fact
    ("A surveyor, Ruth Adeyemi, gave evidence that the beams had rotted.", "Ruth Adeyemi",
     "the beams had rotted"),
    ("The nurse testified that the ward had been short of staff.", "The nurse",
     "the ward had been short of staff"),
    ("The harbour master, Tom Ruddock, said the pier was unsafe.", "Tom Ruddock",
     "the pier was unsafe"),
])
def test_a_witness_named_in_apposition_gives_evidence(claim: str, speaker: str,
                                                      content: str) -> None:
    found = attribution_of(claim)
    assert found is not None and (found.speaker, found.content) == (speaker, content)
