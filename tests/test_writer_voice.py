"""The writer's own voice (agent/text/voice.py) and what the story summary makes of it
(agent/text/opinion.py `opinion_piece`), and how a difference line names a venue
(agent/text/frames.py `place_phrase`).

Found on the dev stories: a partisan column whose only judgements were an exhortation ("It
is time to ...") was read as a report, and its "reckless timetable gamble" led the story
summary; another spoke to its reader ("You would think the estate would be celebrating").
"""

from __future__ import annotations

import pytest

from agent.generation.extractive import difference_of
from agent.generation.story_points import Point
from agent.text.analysis import analyze
from agent.text.opinion import opinion_piece
from agent.text.place_frames import place_phrase
from agent.text.quotes import quotation_start
from agent.text.voice import speaks_of_named_party
from agent.types import Article, Sentence
from agent.verification.checks import compare


def _sentence(article: str, index: int, text: str) -> Sentence:
    return Sentence(id=f"{article}:{index}", article_id=article, doc_id=article, start=0,
                    end=len(text), text=text)


def _article(n: int, *texts: str) -> Article:
    sentences = [_sentence(f"a{n}", i, t) for i, t in enumerate(texts)]
    return Article(id=f"a{n}", doc_id=f"a{n}", start=0, end=1, sentences=sentences)


@pytest.mark.unit
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It is time to stop rewarding failure and bring the line back into public hands.",
         "deontic"),
        ("It's high time for the regulator to do its job.", "deontic"),
        ("You would think the Kelder Trust would be celebrating with the village.",
         "personal"),
        ("I believe him.", "personal"),
        # A question it reports is no judgement of the writer's.
        ("The ruling did nothing to settle a row over who should share in the reward.",
         "statement"),
        # nor one it embeds, a decision it reports or a warning against a near-miss name
        # (three dev reports read as comment pieces through these)
        ("A hearing to set how much the 40 claimants should receive is due in May.",
         "statement"),
        ("Drivers are cheering after a panel ruled they should be paid for waiting time.",
         "statement"),
        ("The ferry firm should not be confused with Harland Coaches, a bus company.",
         "statement"),
        ("Drivers should be paid for waiting time, and the panel knows it.", "deontic"),
        ("The board decided to wait, which it should never have done.", "deontic"),
        # The tail of a quotation an earlier sentence opened is the speaker's first person.
        ('We could not wait any longer," Osei-Brandt said.', "statement"),
        ("The ferry company said we would be told within a week.", "statement"),
        ("The line will reopen on 4 June after repairs.", "statement"),
    ],
)
def test_mood_reads_exhortations_and_person_deixis_in_the_writers_voice(
        text: str, expected: str) -> None:
    assert analyze(text).mood == expected


@pytest.mark.unit
def test_a_personal_remark_counts_for_an_opinion_piece_only_when_it_names_a_party() -> None:
    assert speaks_of_named_party("You would think the Kelder Trust would be celebrating.")
    assert speaks_of_named_party("Forgive me if I doubt chief executive Mara Lind's word.")
    # A website's own "we" and "you": cookie notices and buttons name no one.
    assert not speaks_of_named_party("By continuing to browse you agree to our use of cookies.")
    assert not speaks_of_named_party("We value your privacy.")
    assert not speaks_of_named_party("[I agree] [More options]")


@pytest.mark.unit
def test_a_column_that_exhorts_or_speaks_to_its_reader_is_an_opinion_piece() -> None:
    exhorts = _article(1, "Kelder Rail's reckless timetable gamble has blown up in its face.",
                       "It is time to put the railway back under public control.")
    speaks = _article(2, "Two detectorists found the hoard of a lifetime.",
                      "You would think the Kelder Trust would be celebrating.")
    report = _article(3, "Kelder Rail cancelled 1,140 trains in three days.",
                      "We use cookies to improve your experience.",
                      "By continuing to browse you agree to our use of cookies.")
    assert opinion_piece(exhorts)
    assert opinion_piece(speaks)
    assert not opinion_piece(report)


@pytest.mark.unit
def test_an_occasion_is_told_by_where_it_was_held() -> None:
    held = ("Chairman Ivo Marsh unveiled the designs at a press conference at the club's "
            "Cable Street ground, which has been its home since 1912.")
    assert place_phrase("press conference", held) == "the club's Cable Street ground"
    assert place_phrase("press conference", "He spoke at a press conference.") == (
        "a press conference")
    assert place_phrase("harbour guildhall", "It was unveiled at Harbour Guildhall, where ...") \
        == "Harbour Guildhall"
    assert place_phrase("town hall", "The designs were shown online.") is None


@pytest.mark.unit
def test_a_venue_difference_names_both_places_not_the_occasion() -> None:
    a = _sentence("a", 0, (
        "The designs were unveiled to reporters at Harbour Guildhall, where chairman Ivo "
        "Marsh said the club had outgrown its ground."))
    b = _sentence("b", 0, (
        "Chairman Ivo Marsh unveiled the designs at a press conference at the club's Cable "
        "Street ground on Tuesday."))
    diff = difference_of(Point(members=[(a, "A", 1.0), (b, "B", 0.9)]), str,
                         lambda x, y: 0.8)
    assert diff is not None and diff.kind == "place"
    assert "press conference" not in diff.text()
    assert "Cable Street ground" in diff.text() and "Harbour Guildhall" in diff.text()


@pytest.mark.unit
def test_a_sentence_inside_a_quotation_is_the_speakers_not_the_writers() -> None:
    # A quotation of three sentences: the middle one has no mark of its own, and its "we"
    # is the speaker's (found on the seeds, where it made two wire reports opinion pieces).
    texts = ["“They are bad news. If Kelby wanted help with the gangs, we would be honored to "
             "go in and do it.", "I told her that,” the president said.",
             "The minister said on Monday that no troops would be sent."]
    report = _article(4, "The president spoke on Sunday.",
                      "“They are bad news.",
                      "If Kelby wanted help with the Vance gangs, we would be honored to go in.",
                      "I told her that,” the president said.")
    assert [quotation_start(texts, i) for i in range(3)] == [0, 0, None]
    assert not opinion_piece(report)


@pytest.mark.unit
def test_the_verifier_reads_no_judgement_in_a_first_person_sentence() -> None:
    # A sentence in the "personal" mood is most often a quotation's middle: the verifier's
    # own-voice gate (Signals.judgement) stays for questions and judgements only.
    claim = "The president said the country would be honored to send help."
    assert not compare(claim, "If Kelby wanted help, we would be honored to go in.",
                       score=0.8).judgement
    assert compare(claim, "The president should be honored to send help.", score=0.8).judgement
