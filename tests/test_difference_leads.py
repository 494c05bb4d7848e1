"""A difference line says what its figures are of: the clause of one side's sentence that gives
its value leads the line (agent.generation.difference_leads.figure_lead). "Outlets differ on the
day: Sunday (A) vs Friday (B)" left a reader to guess the day of what."""

from __future__ import annotations

from datetime import date

import pytest

from agent.generation.difference_leads import figure_lead
from agent.generation.difference_records import dated_difference
from agent.generation.differences import story_differences
from agent.types import Sentence
from evals.summary_judges import difference_stated

NAMES = {"wire": "Delta Wire", "daily": "The Orrin Daily", "blog": "RiverWatch"}
DATES = {"wire": date(2026, 3, 12), "daily": date(2026, 3, 12), "blog": date(2026, 3, 12)}


def _s(article: str, text: str) -> Sentence:
    return Sentence(id=f"{article}:0", article_id=article, doc_id=article, start=0,
                    end=len(text), text=text)


@pytest.mark.parametrize(("sentence", "said", "lead"), [
    # a clause a subordinating word opens, up to the clause's end
    ("The fire started in the east stand, which was empty, after a heater failed on "
     "Tuesday, and crews arrived within minutes.", "Tuesday", "a heater failed on Tuesday"),
    # a clause is ended before a subordinating word after the figure
    ("Some 4,000 trout have died since the weir collapsed, the agency said.", "4,000",
     "Some 4,000 trout have died"),
    # a long clause is cut at the first comma after the figure
    ("The Orrin rose to 5.2 metres at Kelby on Monday morning, well above the level at which "
     "the town's flood gates are shut by the county.", "5.2 metres",
     "The Orrin rose to 5.2 metres at Kelby on Monday morning"),
    # a trailing phrase that gives another figure is cut off at the word that opens it
    ("The Orrin peaked at 6.4 metres at the Kelby gauge at about 4am, the agency said.",
     "6.4 metres", "The Orrin peaked at 6.4 metres at the Kelby gauge"),
    # a subordinating word with no verb after it is a preposition, no clause's start
    ("The appeal will go before the full bench on 12 June.", "12 June",
     "The appeal will go before the full bench on 12 June"),
    # a wire dateline is no part of the clause
    ("KELBY (Delta Wire) — The county put the cost of the repairs at £2.1 million.",
     "£2.1 million", "The county put the cost of the repairs at £2.1 million"),
    # a figure said in words is read in digits ("3", "1.5") and led as written
    ("The regatta was postponed for three weeks after the storm.", "3",
     "The regatta was postponed for three weeks"),
    ("Coach Tam Reid was suspended for a year and a half for misconduct.", "1.5",
     "Coach Tam Reid was suspended for a year and a half for misconduct"),
    # a pronoun whose noun the clause names before it
    ("The trust said its deficit had reached £9 million.", "£9 million",
     "The trust said its deficit had reached £9 million"),
    # a singular pronoun after a singular noun may stand for it
    ("The steward said he was pushed to the ground on Saturday.", "Saturday",
     "The steward said he was pushed to the ground on Saturday"),
    # a number that is part of a name is no other figure
    ("The Route 9 bus will be withdrawn on 4 May, the operator said.", "4",
     "The Route 9 bus will be withdrawn on 4 May, the operator said"),
])
def test_the_clause_that_gives_a_figure_leads(sentence: str, said: str, lead: str) -> None:
    assert figure_lead(sentence, said) == lead


@pytest.mark.parametrize(("sentence", "said"), [
    ("It has been valued at £90,000 by the auction house.", "£90,000"),  # whose value?
    ("More than 300 Roman coins, silver and bronze, sealed in a clay jar for sixteen "
     "centuries and dug up by two friends.", "300"),  # cut at the comma: no verb
    ("Officials said 212 homes lost power and 40 roads were shut on Sunday.", "212"),  # two
    ("Police said the thieves took \"at least 12 paintings\" from the gallery.", "12"),
    ("Official diversion: a 9-mile signed route via Kelby.", "9"),  # a verbless fragment
    ("A man who spent twenty years as the club's treasurer over three decades of its "
     "history has admitted taking £80,000 from its accounts.", "£80,000"),  # too long
    ("The hall was built in 1908.", "1910"),  # not in the sentence
    ("And it did so for a mere £2 million, the club said.", "£2 million"),
    # a bracket or a dash interrupts the clause: its subject or its verb is outside it
    ("Ada Brill (Kelby First) finished 212 votes ahead of the mayor.", "212"),
    ("The mayor confirmed that the 640 coins — all but nine of them silver — were "
     "treasure.", "640"),
    # a pronoun before any noun of its own: whose branches?
    ("Of its branches, 3 have closed since May.", "3"),
    ("3 of its branches have closed since May.", "3"),
    # a singular pronoun after plural nouns only: whom did they pin?
    ("Stewards pinned him to the ground at the Kelby stadium on Saturday.", "Saturday"),
    # a participle after a comma opens an aside, no clause: no finite verb
    ("Inspector Ada Moss's ruling, published on Monday, allows the appeal by Kelby Homes "
     "against the council's refusal.", "Monday"),
    # "two weeks" is another figure, not a part of "23": the clause would end on it
    ("The ferry will resume sailing on 23 June, two weeks after the storm.", "23"),
])
def test_no_clause_a_reader_could_not_take_alone(sentence: str, said: str) -> None:
    assert figure_lead(sentence, said) == ""


def test_a_difference_line_is_led_by_its_clause_and_dated() -> None:
    items = [
        (_s("wire", "The first passengers were taken off the ferry on Tuesday, the coastguard "
                    "said."), "wire"),
        (_s("daily", "The first passengers were taken off the ferry on Tuesday after a night "
                     "aboard."), "daily"),
        (_s("blog", "The first passengers were taken off the ferry on Monday."), "blog"),
    ]
    (diff,) = story_differences(items, NAMES.__getitem__)
    assert diff.text() == ("Outlets differ: The first passengers were taken off the ferry on "
                           "Tuesday (The Orrin Daily, Delta Wire) vs Monday (RiverWatch).")
    # The lead is a quote, so the line's citation judge finds every side stated.
    premise = "\n".join(f"{NAMES[s.article_id]}: {s.text}" for s, _ in items)
    assert difference_stated(premise, diff.text())
    # The lead's relative day is dated against its own article, as the values are.
    dated = dated_difference(diff, DATES.get).text()
    assert dated.startswith("Outlets differ: The first passengers were taken off the ferry on "
                            "Tuesday [10 March 2026] (")
    assert dated.endswith("vs Monday [9 March 2026] (RiverWatch).")


def test_a_line_is_led_by_a_clause_that_says_its_figure_in_words() -> None:
    items = [
        (_s("wire", "The Kelby regatta was postponed for three weeks, organisers said."), "wire"),
        (_s("daily", "The Kelby regatta was postponed for three weeks after the storm."),
         "daily"),
        (_s("blog", "The Kelby regatta was postponed for two weeks."), "blog"),
    ]
    (diff,) = story_differences(items, NAMES.__getitem__)
    assert diff.text() == ("Outlets differ: The Kelby regatta was postponed for three weeks "
                           "(The Orrin Daily, Delta Wire) vs 2 weeks (RiverWatch).")


def test_without_a_clause_the_majority_side_keeps_the_kind_named() -> None:
    items = [
        (_s("wire", "It cost £3 million, the club said."), "wire"),
        (_s("daily", "It cost £3 million in the end."), "daily"),
        (_s("blog", "It cost £4 million."), "blog"),
    ]
    (diff,) = story_differences(items, NAMES.__getitem__)
    assert diff.text() == ("Outlets differ on the sum: £3 million (The Orrin Daily, Delta "
                           "Wire) vs £4 million (RiverWatch).")


def test_a_figure_of_no_counted_noun_is_named_by_what_it_measures() -> None:
    """Found in a newcomer's trial: "Outlets differ on the figure: 26 miles ... vs 20 miles"
    and "on the figure: 9 votes to 3 ... vs 8 votes to 4" did not say what differs."""
    far = [
        (_s("wire", "Patients (and their families) face a 26-mile trip."), "wire"),
        (_s("daily", "Patients (and their families) face a 26-mile trip now."), "daily"),
        (_s("blog", "Patients (and their families) face a 20-mile trip."), "blog"),
    ]
    (diff,) = story_differences(far, NAMES.__getitem__)
    assert diff.text().startswith("Outlets differ on the distance: 26-mile")
    tally = [
        (_s("wire", "The board (all twelve members) voted 9 to 3 for the plan."), "wire"),
        (_s("blog", "The board (all twelve members) voted 8 to 4 for the plan."), "blog"),
    ]
    (diff,) = story_differences(tally, NAMES.__getitem__)
    assert diff.text() == ("Outlets differ on the result: 9 votes to 3 (Delta Wire) vs 8 "
                           "votes to 4 (RiverWatch).")


def test_a_figure_joined_to_its_noun_is_shown_with_its_hyphen() -> None:
    items = [
        (_s("wire", "Fans will get a 30,000-seat stadium by the river."), "wire"),
        (_s("daily", "Plans show a 34,000-seat stadium by the river."), "daily"),
    ]
    (diff,) = story_differences(items, NAMES.__getitem__)
    assert sorted(v for side in diff.sides for v in side.values) == ["30,000-seat",
                                                                    "34,000-seat"]


def test_a_comment_piece_s_clause_never_leads() -> None:
    names = {**NAMES, "comment": "The Sentinel"}
    items = [
        (_s("wire", "Officials say 31 fishermen, 12 of them from Kelby, were aboard."), "wire"),
        (_s("comment", "Instead of waiting, the owners sent 31 fishermen out in a gale."),
         "comment"),
        (_s("blog", "The trawler went down with 38 fishermen aboard, coastguards said."), "blog"),
    ]
    (diff,) = story_differences(items, names.__getitem__, opinion={"comment"})
    assert diff.text() == ("Outlets differ on the number of fishermen: 31 (Delta Wire, The "
                           "Sentinel) vs 38 (RiverWatch).")
    (led,) = story_differences(items, names.__getitem__)
    assert led.text().startswith("Outlets differ: Instead of waiting, the owners sent 31 "
                                 "fishermen out in a gale (The Sentinel, Delta Wire)")


def test_a_count_names_what_it_counts_once_unless_it_is_a_margin() -> None:
    items = [
        # (a dash interrupts each clause: no lead)
        (_s("wire", "Eight wards — the maternity unit too — remain shut at the hospital."),
         "wire"),
        (_s("daily", "Six wards — the maternity unit too — remain shut at the hospital."),
         "daily"),
    ]
    (diff,) = story_differences(items, NAMES.__getitem__)
    assert diff.text() == ("Outlets differ on the number of wards: 8 (Delta Wire) vs 6 (The "
                           "Orrin Daily).")
    # the values keep their noun: an answer's versions read what they count
    assert [side.values for side in diff.sides] == [("8 wards",), ("6 wards",)]
    margin = [
        # (a bracket interrupts each clause: no lead)
        (_s("wire", "Ada Brill (Eastgate First) leads by just 212 votes."), "wire"),
        (_s("daily", "Ada Brill (Eastgate First) leads by more than 300 votes."), "daily"),
    ]
    (diff,) = story_differences(margin, NAMES.__getitem__)
    assert diff.text() == ("Outlets differ on the figure: 212 votes (Delta Wire) vs more than "
                           "300 votes (The Orrin Daily).")


def test_a_count_of_an_irregular_plural_names_it_too() -> None:
    items = [
        (_s("wire", "Twelve children, all from Kelby, remain in hospital."), "wire"),
        (_s("daily", "Fifteen children remain in hospital, all of them from Kelby."), "daily"),
    ]
    (diff,) = story_differences(items, NAMES.__getitem__)
    assert diff.text() == ("Outlets differ on the number of children: 12 (Delta Wire) vs 15 "
                           "(The Orrin Daily).")


def test_a_side_of_two_values_is_led_by_a_clause_that_gives_both() -> None:
    # "Outlets differ on the day: Saturday, 3am (A) vs Friday, about 10pm (B)" left a reader
    # to guess the day and time of what; the clause gives both of the first side's values.
    assert figure_lead("Kelby Police declared a major incident at 3am on Saturday.", "Saturday",
                       ("3am",)) == "Kelby Police declared a major incident at 3am on Saturday"
    assert figure_lead("Police declared a major incident on Saturday.", "Saturday",
                       ("3am",)) == ""  # the clause must give every value the side shows
    items = [
        (_s("wire", "Kelby Police declared a major incident at 3am on Saturday."), "wire"),
        (_s("daily", "Kelby Police declared a major incident at about 10pm on Friday as the "
                     "water rose."), "daily"),
    ]
    (diff,) = story_differences(items, NAMES.__getitem__)
    assert diff.text().startswith(
        "Outlets differ: Kelby Police declared a major incident at 3am on Saturday (")


def test_a_day_joins_a_side_only_when_it_dates_the_same_thing() -> None:
    # "peaked at 6.1 metres on Saturday" gives Saturday for the river's peak, not for when
    # the police declared the incident: naming that outlet on the Saturday side misquotes it.
    items = [
        (_s("wire", "Kelby Police declared a major incident at 3am on Saturday."), "wire"),
        (_s("daily", "Kelby Police declared a major incident at about 10pm on Friday as the "
                     "water rose."), "daily"),
        (_s("blog", "The Orrin peaked at 6.1 metres on Saturday morning."), "blog"),
    ]
    (diff,) = story_differences(items, NAMES.__getitem__)
    assert "RiverWatch" not in diff.text()
    # an outlet that dates the same event to the same day still joins its side
    items[2] = (_s("blog", "Police declared a major incident on Saturday, RiverWatch has "
                           "learned."), "blog")
    (diff,) = story_differences(items, NAMES.__getitem__)
    assert "RiverWatch" in diff.sides[0].outlets


def test_a_longer_clause_leads_only_when_no_short_one_reads_alone() -> None:
    """A helper reading dev summaries called "Outlets differ on the date: 23 June (A) vs 30
    June (B)" a fragment: the date of what? Clauses of 15 to 17 words were refused."""
    items = [
        (_s("wire", "Members of the Kelby Harbour Pilots' Association will refuse overtime "
                    "shifts from 3 August, the association said."), "wire"),
        (_s("daily", "Members of the Kelby Harbour Pilots' Association will refuse overtime "
                     "shifts from 3 August."), "daily"),
        (_s("blog", "Pilots belonging to the Kelby Harbour Pilots' Association will stop "
                    "working overtime from 27 July."), "blog"),
    ]
    (diff,) = story_differences(items, NAMES.__getitem__)
    assert diff.text() == (
        "Outlets differ: Members of the Kelby Harbour Pilots' Association will refuse overtime "
        "shifts from 3 August (The Orrin Daily, Delta Wire) vs Pilots belonging to the Kelby "
        "Harbour Pilots' Association will stop working overtime from 27 July (RiverWatch).")
    # A clause of up to 14 words is still the first choice.
    short = [(_s("wire", "The pilots will refuse overtime from 3 August."), "wire"),
             (_s("daily", "The pilots will refuse overtime from 3 August."), "daily"),
             (_s("blog", "The pilots will refuse overtime from 27 July."), "blog")]
    (diff,) = story_differences(short, NAMES.__getitem__)
    assert diff.text().startswith("Outlets differ: The pilots will refuse overtime from 3 August (")
