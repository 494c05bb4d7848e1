"""Conflict records (agent/verification/conflicts.py): typed where code reads them, today's
text wherever they are shown or stored, and stored traces still replay."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from agent.generation.story_points import Point, classify, states_both_sides
from agent.types import Sentence
from agent.verification.checks import compare
from agent.verification.conflict import Conflict
from agent.verification.signals import Signals

BASELINE = Path(__file__).resolve().parents[1] / "evals" / "baselines" / "local-default.json"


def test_each_kind_reads_as_before() -> None:
    cases = [
        ("The storm killed 50 people", "The storm killed 29 people, officials said.",
         "number: claim 50 vs source 29"),
        ("The law was passed in June", "The law was passed in March after a long debate.",
         "month: claim june vs source march"),
        ("The race was held on Sunday", "The race was held on Saturday in the rain.",
         "day: claim sunday vs source saturday"),
        ("Governor Reyes made the remarks at a rally in Ohio",
         "During a press briefing in Texas, Reyes said the plan would pass.",
         "place: claim ohio vs source texas"),
    ]
    for claim, sentence, text in cases:
        (c,) = compare(claim, sentence, 0.8).conflicts
        assert c.describe() == str(c) == text
        assert Conflict.parse(c.describe()) == c


def test_several_values_per_side_and_parse_errors() -> None:
    c = Conflict("month", ("june", "may"), ("april",))
    assert c.describe() == "month: claim june, may vs source april"
    assert c.claim_text == "june, may" and c.source_text == "april"
    assert Conflict.parse(c.describe()) == c
    # Digit groups are no value separators.
    n = Conflict("number", ("$1,200,000",), ("$2,100,000", "45%"))
    assert Conflict.parse(n.describe()) == n
    for bad in ("", "colour: claim red vs source blue", "number 5 vs 6"):
        with pytest.raises(ValueError):
            Conflict.parse(bad)


def test_signals_record_keeps_the_trace_shape_and_round_trips() -> None:
    sig = compare("The storm killed 50 people", "The storm killed 29 people, officials said.")
    record = sig.as_record()
    assert record["conflicts"] == ["number: claim 50 vs source 29"]
    assert json.loads(json.dumps(record)) == record
    assert Signals.from_record(record) == sig


def test_traces_in_the_committed_baseline_replay() -> None:
    """Eval rows store each judged pair's signals (evals/calibrate.py replays them)."""
    from evals.calibrate import replay

    runs = json.loads(BASELINE.read_text(encoding="utf-8"))["runs"]
    rows = [r for r in runs["sourcebound"]["items"]["claims"] if "parts" in r]
    pairs: list[dict[str, Any]] = [t for r in rows for p in r["parts"] for t in p["pairs"]]
    with_conflicts = [t for t in pairs if t["signals"]["conflicts"]]
    assert with_conflicts
    for t in with_conflicts:
        sig = Signals.from_record(t["signals"])
        assert [c.describe() for c in sig.conflicts] == t["signals"]["conflicts"]
        record = sig.as_record()
        # Traces written before a signal existed lack it; it then takes its default.
        assert {k: v for k, v in record.items() if k in t["signals"]} == t["signals"]
        defaults = {f.name: f.default for f in dataclasses.fields(Signals)}
        assert all(record[k] == defaults[k] for k in set(record) - set(t["signals"]))
    for r in rows:
        assert replay(r) in ("supported", "refuted", "not_enough_info", "conflicting")


def _s(n: int, text: str) -> Sentence:
    return Sentence(id=f"a{n}:0", article_id=f"a{n}", doc_id=f"a{n}", start=0, end=len(text),
                    text=text)


def test_a_story_difference_carries_its_conflict() -> None:
    point = Point(members=[
        (_s(1, "The city marathon was held on Sunday with 4,000 runners."), "A", 1.0),
        (_s(2, "The city marathon was held on Saturday with 4,000 runners."), "B", 1.0),
    ])
    classify(point, lambda a, b: 0.9)
    assert point.section == "difference" and point.detail == "day"
    assert point.conflict == Conflict("day", ("sunday",), ("saturday",))
    assert point.sides == ("sunday", "saturday")
    assert states_both_sides("One says Sunday, another Saturday.", point.conflict)
    assert not states_both_sides("One says Sunday, another on Sunday.", point.conflict)
    assert not states_both_sides("Anything.", None)


def test_counts_of_other_nouns_far_apart_are_no_rivals() -> None:
    # "14 votes" is not refuted by the 1,846 responses of the same sentence's consultation
    sig = compare("After a six-week consultation, councillors passed the ban by 14 votes to 9.",
                  "The vote followed a six-week public consultation that drew 1,846 responses.",
                  score=0.7)
    assert sig.conflicts == []
    # a wrong figure of the same thing, worded with another noun, still refutes
    sig = compare("Mexico sent 50,000 troops to the border in February.",
                  "In February, Mexico sent 10,000 soldiers to the border.", score=0.8)
    assert [c.describe() for c in sig.conflicts] == ["number: claim 50,000 vs source 10,000"]


def test_counts_of_two_named_things_are_no_rivals_of_a_third() -> None:
    # fresh dev claims (session 66): "had thirty-eight vehicles aboard" was refuted by
    # "with 248 passengers and 14 crew on board"
    claim = "The Ardmore Queen had 52 cars aboard when it ran aground."
    source = "The Ardmore Queen ran aground with 310 passengers and 12 crew on board."
    assert compare(claim, source, score=0.8).conflicts == []
    # a figure of one of the things the sentence counts still rivals
    other = "The Ardmore Queen had 290 passengers aboard when it ran aground."
    assert [c.describe() for c in compare(other, source, score=0.8).conflicts] == [
        "number: claim 290 vs source 310"]


def test_counts_of_two_nouns_in_two_acts_are_no_rivals() -> None:
    # fresh dev claims (session 66): "close to four thousand complaints came in during the
    # first three days" was refuted by "cancelled 1,140 services in the first three days"
    source = ("Harbour Arts cancelled 240 performances in the first three days of its "
              "festival, the organisers confirmed on Monday.")
    claim = ("According to the organisers, close to six hundred complaints came in during "
             "the festival's first three days.")
    assert compare(claim, source, score=0.8).conflicts == []
    # the same act with another word for the thing counted still rivals
    assert [c.describe() for c in compare(
        "Organisers cancelled 300 shows in the first three days of the festival.", source,
        score=0.8).conflicts] == ["number: claim 300 vs source 240"]


def test_a_part_named_by_its_property_is_counted_by_that_property() -> None:
    """Found on a dev story: "twelve of the coins ... are gold" against "eleven gold coins"
    counts the same part, so 12 is refuted by 11; a part stays no rival of the whole."""
    claim = "Nine of the trees in the orchard are diseased."
    sig = compare(claim, "The orchard has seven diseased trees and 40 healthy ones.", score=0.8)
    assert [c.describe() for c in sig.conflicts] == ["number: claim 9 vs source 7"]
    assert compare(claim, "The orchard has nine diseased trees.", score=0.8).conflicts == []
    # the whole, or a part of another property, is no rival
    assert compare(claim, "The orchard has 47 trees.", score=0.8).conflicts == []
    assert compare(claim, "The orchard has seven young trees.", score=0.8).conflicts == []


def test_sums_of_money_far_apart_are_two_things_but_a_near_one_is_a_rival() -> None:
    # a price per share is no rival of the deal's total in the same sentence
    claim = "Halden Group is offering $2.40 in cash for each Marlow Mills share."
    sig = compare(claim, "Marlow Mills agreed to be bought by Halden Group in a cash deal worth "
                         "about $1.1bn.", score=0.7)
    assert sig.conflicts == []
    sig = compare(claim, "Halden Group is offering $2.10 in cash for each Marlow Mills share.",
                  score=0.8)
    assert [c.describe() for c in sig.conflicts] == ["number: claim $2.40 vs source $2.10"]


def test_an_ordinal_that_only_qualifies_is_no_figure_the_sentence_must_state() -> None:
    # "first" qualifies the tally, as in number_conflicts: the sentence states the figure.
    claim = "The first tally of the damage to the pier came to $2,300,000."
    evidence = "An initial bill for repairing the storm-hit pier was put at $2.3m."
    sig = compare(claim, evidence, 0.5)
    assert sig.figures_stated and not sig.missing_numbers and not sig.conflicts
    # a sentence with an ordinal of its own has to state the claim's
    second = compare(claim, "A second tally of the damage to the pier came to $2.3m.", 0.5)
    assert not second.figures_stated


def test_durations_far_apart_are_two_things_but_a_near_one_is_a_rival() -> None:
    # the hours a hunt took and the hours before anyone was told are two periods
    claim = "The missing climber was found some 60 hours after he set out from the hut."
    sig = compare(claim, "He set out from the hut at dawn, yet his family was not told for "
                         "the best part of three hours.", score=0.7)
    assert sig.conflicts == []
    sig = compare(claim, "The missing climber was found some 40 hours after he set out from "
                         "the hut.", score=0.8)
    assert [c.describe() for c in sig.conflicts] == ["number: claim 60 hours vs source 40 hours"]


@pytest.mark.parametrize(("claim", "source", "shown"), [
    ("He was jailed for 12 months.", "He was jailed for 18 months.", ("1 year", "1.5 years")),
    ("The trial lasted three weeks.", "The trial lasted ten days.", ("3 weeks", "10 days")),
    ("The ward shut for six months.", "The ward shut for nine months.",
     ("6 months", "9 months")),
    # below a day, or a few days not whole, in hours ("0 years" and "2 days" had shown)
    ("The road was shut for three hours.", "The road was shut for five hours.",
     ("3 hours", "5 hours")),
    ("The siege lasted 30 hours.", "The siege lasted some 52 hours.", ("30 hours", "52 hours")),
])
def test_durations_are_shown_in_the_unit_a_reader_says(
    claim: str, source: str, shown: tuple[str, str]
) -> None:
    """A newcomer read "claim 1 years vs source 1.5 years" and "0.0575342 years" as noise."""
    found = [c for c in compare(claim, source, 0.9).conflicts if c.kind == "number"]
    assert [(c.claim_values[0], c.source_values[0]) for c in found] == [shown]


def test_a_count_said_as_a_modifier_rivals_in_a_sentence_about_something_else() -> None:
    """Found on a dev story: "the written judgment ran to 46 pages" against "In a 64-page
    judgment following a nine-day hearing, the judge found that ..." (a sentence about what
    the judge found, so no loose match of the claim): "64-page judgment" says what it
    counts, so 46 is refuted by 64. A count said plainly may be of another whole."""
    claim = "The inquiry's final report ran to 212 pages."
    sig = compare(claim, "Published with a 180-page report, the findings blamed the "
                         "contractor for the collapse and the council for weak checks.",
                  score=0.3)
    assert [c.describe() for c in sig.conflicts] == ["number: claim 212 vs source 180"]
    # a duration said the same way ("a three-week trial"), and the other way round
    sig = compare("The trial lasted five weeks.", "After a three-week trial at Hexham Crown "
                  "Court, the jury cleared the two directors of fraud.", score=0.3)
    assert [c.describe() for c in sig.conflicts] == ["number: claim 5 weeks vs source 3 weeks"]
    sig = compare("The council bought a 12-bed care home.", "The care home had 20 beds "
                  "before the fire, the owners told the inquiry last week.", score=0.3)
    assert [c.describe() for c in sig.conflicts] == ["number: claim 12 vs source 20"]
    # the same noun counted for something else, or a count said plainly: no rival
    sig = compare(claim, "Residents handed in 180 pages of objections to the planning "
                         "committee before the meeting on Tuesday.", score=0.3)
    assert sig.conflicts == []
    sig = compare("The leak hit close to 500,000 app users.", "The company, which says it "
                  "has about 1.6 million registered users, disclosed the leak on Tuesday.",
                  score=0.3)
    assert sig.conflicts == []


def test_a_sum_that_says_it_is_of_another_thing_is_no_rival() -> None:
    # an arts newcomer: "a one-off transition payment of £150,000" beside "its annual grant"
    claim = "Harwood District Council is cutting an annual subsidy of £80,000 to the museum."
    other = ("Harwood District Council said it had offered the museum a one-off bridging "
             "payment of £25,000 to soften the loss of its annual subsidy.")
    assert compare(claim, other, score=0.8).conflicts == []
    # the same thing with another value is still a rival, told either way round
    for rival in ("Harwood District Council is cutting its annual subsidy of £60,000 to the "
                  "museum.", "Harwood District Council is cutting the £60,000 subsidy it "
                  "gives the museum each year."):
        assert [c.describe() for c in compare(claim, rival, score=0.8).conflicts] == [
            "number: claim £80,000 vs source £60,000"]
    # a noun that places the figure does not say what it is of
    placed = "Harwood District Council is cutting a subsidy in the region of £60,000."
    assert [c.describe() for c in compare(claim, placed, score=0.8).conflicts] == [
        "number: claim £80,000 vs source £60,000"]


def test_a_noun_after_a_determiner_says_what_a_sum_is_of() -> None:
    """A takeover newcomer (session 56): "its offer of 412 pence a share" was set against a
    closing share price of 398p; "offer" is a verb too, but not after "its"."""
    claim = "Corvel's shares closed at 344p on Friday, still short of Marlow's price."
    offer = "Marlow made public its offer of 360 pence a share in cash on Friday."
    assert compare(claim, offer, score=0.8).conflicts == []
    rival = "Corvel's shares closed at 338p on Friday."
    assert [c.describe() for c in compare(claim, rival, score=0.8).conflicts] == [
        "number: claim £3.44 vs source £3.38"]


def test_a_stake_told_as_background_is_no_rival_of_a_change() -> None:
    # the same takeover newcomer: "which already owns 4.9 percent" against "ended 23% higher"
    claim = "Corvel's shares ended Friday 14% higher."
    stake = "Marlow, which already owns 6 percent of Corvel, made its approach on Friday."
    assert compare(claim, stake, score=0.8).conflicts == []
    rival = "Corvel's shares ended Friday 11% higher."
    assert [c.describe() for c in compare(claim, rival, score=0.8).conflicts] == [
        "number: claim 14% vs source 11%"]


def test_durations_of_two_acts_are_no_rivals() -> None:
    # a court newcomer: a director ban's eight years was set against a jail term
    claim = "The former bursar was barred from serving as a charity trustee for ten years."
    jail = ("A former bursar who took £300,000 from a school charity has been imprisoned for "
            "three years.")
    assert compare(claim, jail, score=0.8).conflicts == []
    # the same act with another length is a rival, and so is a length with no verb before it
    for rival in ("The former bursar was barred from serving as a charity trustee for six "
                  "years.", "The former bursar faces a six-year bar as a charity trustee."):
        assert [c.describe() for c in compare(claim, rival, score=0.8).conflicts] == [
            "number: claim 10 years vs source 6 years"]


@pytest.mark.parametrize(("claim", "source"), [
    # a newcomer's football story: the overspend was refuted by the losses of its sentence
    ("The club's losses exceeded the permitted limit by £11.4 million.",
     "The club reported losses of £46.4 million against a permitted maximum of £35 million, "
     "an overspend of £11.4 million."),
    ("Turnout beat the threshold by 12 points.",
     "Turnout was 62 per cent, against a threshold of 50 per cent, a margin of 12 points."),
])
def test_a_margin_is_no_version_of_the_level_beside_it(claim: str, source: str) -> None:
    assert not [c for c in compare(claim, source).conflicts if c.kind == "number"]


def test_two_margins_of_one_measure_still_conflict() -> None:
    (c,) = compare("Losses exceeded the limit by £11.4 million.",
                   "Losses exceeded the limit by £12.1 million.").conflicts
    assert c.claim_values == ("£11,400,000",) and c.source_values == ("£12,100,000",)


def test_people_read_what_is_compared_and_the_values_as_the_texts_write_them() -> None:
    # A day of the month is a date, not a number, wherever it is told.
    claim, sentence = ("The Kessock bridge will close on 14 March.",
                       "The harbour bridge will shut on 17 March so engineers can repair it.")
    (c,) = compare(claim, sentence, 0.8).conflicts
    assert c.describe() == "number: claim 14 march vs source 17 march"  # the record's form
    assert c.shown(claim, sentence) == "date: claim 14 March vs source 17 March"
    assert Conflict.parse(c.describe()) == c  # the label is no part of the record
    # A year is said to be one.
    (y,) = compare("The mill opened in 1874.", "The mill opened in 1881, records show.",
                   0.8).conflicts
    assert y.shown() == "year: claim 1874 vs source 1881"
    # Another holder of a role is another name, cased as the texts write it, and where
    # a text does not hold it, capitalised word by word with its particles kept small.
    who = Conflict("holder", ("councillor tom marsh",), ("helen van der berg",))
    assert who.shown("Councillor Tom Marsh opened it.", "") == (
        "name: claim Councillor Tom Marsh vs source Helen van der Berg")
    assert Conflict("place", ("bank of england",), ("mcleod",)).shown(
        "", "Officials met at the McLeod centre.") == (
        "place: claim Bank of England vs source McLeod")
    # Figures are printed as checked.
    assert Conflict("number", ("£2,400,000",), ("45%",)).shown() == (
        "number: claim £2,400,000 vs source 45%")
