"""The words beside a figure (agent.text.frames) and what they tell about two outlets'
figures being one measure (agent.verification.measures.same_measure)."""

from __future__ import annotations

import pytest

from agent.text.analysis import analyze, stems
from agent.text.frames import dates_statement, figure_frames, months_meet, weekday_frames
from agent.text.place_frames import place_substitutions
from agent.types import Sentence
from agent.verification.checks import compare
from agent.verification.measures import figures, same_measure, sentence_figures


def _s(article: str, text: str, index: int = 0) -> Sentence:
    return Sentence(id=f"{article}:{index}", article_id=article, doc_id=article, start=0,
                    end=len(text), text=text)


def _fig(outlet: str, text: str, kind: str):  # type: ignore[no-untyped-def]
    return next(f for f in figures([(_s(outlet, text), outlet)]) if f.quantity.kind == kind)


@pytest.mark.unit
def test_a_frame_holds_the_words_beside_its_figure_within_its_clause() -> None:
    text = "Attendance was 61.5%; the board had forecast a turnout of 70% for the event."
    first, second = figure_frames(text, analyze(text).quantities)
    assert first is not None and second is not None
    assert "atten" in first.stems and "forec" not in first.stems  # the semicolon ends it
    assert {"forec", "turno"} <= second.stems and "atten" not in second.stems


@pytest.mark.unit
def test_a_durations_unit_is_part_of_its_figure_not_of_its_frame() -> None:
    """Every duration in years had "year" in its frame, so any two of them shared a word
    beside the figure: a newcomer's court story set "jailed for four and a half years"
    against the fraud's "over more than five years" and a director ban's "eight years"."""
    text = "Trask was jailed for 4.5 years, the court heard."
    (frame,) = figure_frames(text, analyze(text).quantities)
    assert frame is not None and "jail" in frame.stems and "year" not in frame.stems
    jailed = _fig("a", "Fiona Trask was jailed for four and a half years on Tuesday.",
                  "duration")
    banned = _fig("b", "Fiona Trask was also banned from being a company director for eight "
                       "years.", "duration")
    assert not same_measure(jailed, banned)
    # a hyphenated unit ("a two-year ban") leaves its noun in the frame
    ban = _fig("c", "Callum Ferrante has been given a two-year ban.", "duration")
    assert ban.frame is not None and "ban" in ban.frame.stems


@pytest.mark.unit
def test_number_words_are_found_where_the_figure_is_written() -> None:
    text = "Nineteen lifeboat crews searched the bay overnight."
    (frame,) = figure_frames(text, analyze(text).quantities)
    assert frame is not None and {"lifeb", "searc"} <= frame.stems


@pytest.mark.unit
def test_figures_whose_neighbouring_words_share_nothing_are_two_measures() -> None:
    # Two sentences on one dispute, but the 7% belongs to another company's deal.
    ours = _fig("wire", "The Dunmore drivers' union is demanding a 12 per cent rise from the "
                        "bus operator.", "percent")
    theirs = _fig("daily", "Drivers at the rival Coldharbour depot settled last year for "
                           "7 per cent.", "percent")
    same = _fig("blog", "Dunmore bus drivers want the operator to agree a rise of 10 per cent.",
                "percent")
    assert not same_measure(ours, theirs)
    assert same_measure(ours, same)


@pytest.mark.unit
def test_a_figure_dated_to_another_year_is_another_event() -> None:
    now = _fig("wire", "The trawler Morwenna sank off Skerry Head with 31 fishermen aboard.",
               "count")
    before = _fig("daily", "A sister ship sank off Skerry Head in 2019 with 18 fishermen "
                           "aboard.", "count")
    assert not same_measure(now, before)


@pytest.mark.unit
def test_other_weekdays_part_two_measures_but_are_the_value_of_a_when() -> None:
    friday = _fig("wire", "Shares in Pellam Steel closed at $2.12 on Friday after the bid "
                          "was announced.", "money")
    monday = _fig("daily", "Pellam Steel shares closed at $2.40 on Monday after the bid.",
                  "money")
    assert not same_measure(friday, monday)
    sat = _fig("wire", "Coastguards launched the search for the yacht at 2am on Saturday.",
               "weekday")
    thu = _fig("daily", "Coastguards launched the search for the missing yacht on Thursday "
                        "evening.", "weekday")
    assert (sat.quantity.said, thu.quantity.said) == ("Saturday", "Thursday")
    assert same_measure(sat, thu)


@pytest.mark.unit
def test_a_weekday_naming_a_thing_is_no_figure() -> None:
    kinds = [q.kind for q in sentence_figures("The Tuesday market was moved to the car park.")]
    assert "weekday" not in kinds
    days = [q.said for q in sentence_figures("The ferry sailed on Friday and docked on Sunday.")
            if q.kind == "weekday"]
    assert days == ["Friday", "Sunday"]


@pytest.mark.unit
def test_each_weekday_keeps_the_words_of_what_happened_on_it() -> None:
    frames = weekday_frames("Shares in Pellam closed at $2.12 on Thursday, before the bid was "
                            "announced on Tuesday.")
    assert {"annou", "bid"} <= frames["tuesday"] and "annou" not in frames["thursday"]
    opening = weekday_frames("On Sunday, lifeboat crews searched the bay.")
    assert {"lifeb", "searc"} <= opening["sunday"]


def test_a_time_of_day_belongs_to_the_date_and_does_not_end_its_frame() -> None:
    frames = weekday_frames("The depot walkout began at 6am on Sunday, and ended at 10.30pm on "
                            "Monday.")
    assert stems("walkout began") <= frames["sunday"]
    assert frames["monday"] == stems("ended")


@pytest.mark.unit
def test_the_claims_day_given_to_another_event_is_a_day_conflict() -> None:
    evidence = ("Shares in Pellam closed at $2.12 on Thursday, before the bid was announced on "
                "Tuesday.")
    wrong = compare("Dunmore Steel announced its bid on Thursday.", evidence, score=0.8)
    assert [c.describe() for c in wrong.conflicts] == ["day: claim thursday vs source tuesday"]
    right = compare("Dunmore Steel announced its bid on Tuesday.", evidence, score=0.8)
    assert right.conflicts == []


@pytest.mark.unit
def test_every_figure_gets_the_frame_of_where_it_stands() -> None:
    # Times are read first and weekdays last: each still finds its own place in the text.
    text = "On Tuesday, 14 ferries were cancelled before 9am at Dunmore."
    found = sentence_figures(text)
    frames = figure_frames(text, found)
    assert [q.kind for q in found] == ["time", "count", "weekday"]
    assert all(f is not None for f in frames)
    assert "dunmo" in frames[0].stems and "dunmo" not in frames[2].stems  # type: ignore[union-attr]


@pytest.mark.unit
def test_what_a_claim_places_in_one_town_a_sentence_placing_it_in_another_refutes() -> None:
    """A place substitution (issue 13: "another place"): the same words before two named
    places (dev: orrin c09, "the High Court in Kelby" for "the High Court in Carrick")."""
    claim = "The injunction application was filed with the High Court in Kelby."
    said = ("Orrin Airport Ltd applied to the High Court in Carrick on Monday for an "
            "injunction to halt the strike.")
    assert place_substitutions(claim, said) == [("kelby", "carrick")]
    assert [(c.kind, c.claim_values, c.source_values)
            for c in compare(claim, said, 0.8).conflicts] == [
        ("place", ("kelby",), ("carrick",))]
    # the claim's own place is named: no substitution
    assert not place_substitutions(claim, said.replace("Carrick", "Kelby"))
    assert not compare(claim, said.replace("Carrick", "Kelby"), 0.8).conflicts


@pytest.mark.unit
def test_a_place_that_a_time_word_follows_is_substituted_too() -> None:
    # new-story kind (kettering c12): "at her home in Eastwold Bay early on Tuesday"
    claim = "The pensioner was injured at his home in Wexley."
    said = "The pensioner was injured at his home in Lower Dinton late on Sunday, police said."
    assert [(c.kind, c.claim_values, c.source_values)
            for c in compare(claim, said, 0.8).conflicts] == [
        ("place", ("wexley",), ("lower dinton",))]


@pytest.mark.unit
def test_another_place_for_something_else_is_no_substitution() -> None:
    claim = "The injunction application was filed with the High Court in Kelby."
    said = "Several airlines diverted flights to Kelby Airport, and staff protested in Carrick."
    assert not place_substitutions(claim, said)
    other = "Union members voted to strike at a meeting in Carrick."
    assert not place_substitutions(claim, other)


@pytest.mark.unit
def test_an_x_based_name_is_placed_in_x() -> None:
    """ "Carrowgate-based Vellmoor Toys" places the company in Carrowgate (dev: vellmoor c11,
    "Vellmoor Toys is based in Ostley" refuted)."""
    said = "Carrowgate-based Vellmoor Toys announced the recall of its sets on Monday."
    assert place_substitutions("Vellmoor Toys is based in Ostley.", said) == [
        ("ostley", "carrowgate")]
    assert not place_substitutions("Vellmoor Toys is based in Carrowgate.", said)


@pytest.mark.unit
def test_a_wire_dateline_naming_the_town_is_not_where_the_sentence_places_it() -> None:
    # newcomer trial (kettering): the frame of "Tillingford" was read at the dateline
    # "TILLINGFORD (Wire) —", which holds no words, so "at its core network site in
    # Tillingford" was no other place for the claim's site in Penmarrow
    claim = "The faulty update was made at the firm's data centre in Ostby."
    said = ("ARNFORD (Vale Wire) — The firm said a faulty update made during maintenance at "
            "its data centre in Arnford caused the failure.")
    assert place_substitutions(claim, said) == [("ostby", "arnford")]


@pytest.mark.unit
def test_two_months_date_one_event_only_told_in_shared_words() -> None:
    # newcomer trial (session 44): "will move to a four-day week from Friday 20 March" was
    # refuted by "would review the factory's planning conditions in April" (month: march vs
    # april), another event in the same story
    claim = "The Harlow depot will switch to a four-day week from Monday 9 March."
    other_event = "Harlow Borough Council said it would review the depot's licence in April."
    assert not months_meet(claim, other_event)
    assert compare(claim, other_event, score=0.6).conflicts == []
    same_event = "The depot will switch to a four-day week from April, the union said."
    assert months_meet(claim, same_event)
    assert [c.kind for c in compare(claim, same_event, score=0.6).conflicts] == ["month"]
    # words of one root beside each month ("closures" / "close"), a date phrase between
    assert months_meet("Five depots are to close, with the closures taking effect from June.",
                       "The plan means five depots will close their doors at the end of March.")


@pytest.mark.unit
def test_a_time_and_its_bound_say_when_not_what_happened() -> None:
    """A newcomer's hospital story (session 57): "began shortly before 8am on Monday" was
    contradicted by "went down at about 7.40am on Monday and was not fully restored until
    shortly after 6pm on Wednesday", the claim's Monday read as the restoration's day for
    the "shortly" beside both times. Made-up strike wording."""
    sentence = ("Workers walked out at about 5.45am on Tuesday and did not return until "
                "shortly after 9pm on Thursday, the union said.")
    assert "short" not in weekday_frames(sentence)["thursday"]
    sig = compare("The strike at the depot began shortly before 6am on Tuesday.", sentence, 0.7)
    assert not [c for c in sig.conflicts if c.kind == "day"]


@pytest.mark.unit
@pytest.mark.parametrize(("text", "said", "dates_it"), [
    # a day of the month written as its number has its month beside it (a data-breach
    # newcomer, session 62: "On February 24 the bank said ..." was set against "flagged
    # unusual activity as early as February 12")
    ("On March 9 the club said it had found no sign of a leak.", "9", True),
    ("On 9 March the club said it had found no sign of a leak.", "9", True),
    ("The club said on March 9 that it had found no sign of a leak.", "9", True),
    ("She said she warned the club on March 9.", "9", False),
    ("The club's systems flagged the leak as early as March 2, documents show.", "2", False),
])
def test_a_day_numbered_beside_its_month_dates_a_statement(text: str, said: str,
                                                           dates_it: bool) -> None:
    assert dates_statement(text, said) is dates_it
