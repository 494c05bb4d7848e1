"""Quantities (agent/text/quantities.py) and the number checks built on them: one reading of
every number format, so a paraphrase of a figure is never a contradiction and another figure
for the same thing always is (the kind of ../shared/cases/03_verify_number_format_units)."""

from __future__ import annotations

import math

import pytest

from agent.text.quantities import quantities
from agent.verification.checks import compare


def _one(text: str) -> tuple[str, float, float, float, str]:
    (q,) = quantities(text)
    return q.kind, q.value, q.low, q.high, q.unit


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("10,000 runners", ("count", 1e4, 1e4, 1e4, "")),
        ("10k runners", ("count", 1e4, 1e4, 1e4, "")),
        ("twelve staff", ("count", 12, 12, 12, "")),
        ("a dozen warnings", ("count", 12, 12, 12, "")),
        ("about 2 million people", ("count", 2e6, 1.9e6, 2.1e6, "")),
        ("raised $1,200,000", ("money", 1.2e6, 1.2e6, 1.2e6, "$")),
        ("raised $1.2 million", ("money", 1.2e6, 1.2e6, 1.2e6, "$")),
        ("repairs of £4.8m", ("money", 4.8e6, 4.8e6, 4.8e6, "£")),
        ("1.5 billion euros", ("money", 1.5e9, 1.5e9, 1.5e9, "€")),
        ("tariffs of 25%", ("percent", 25, 25, 25, "")),
        ("twenty-five per cent", ("percent", 25, 25, 25, "")),
        ("more than 4,000 homes", ("count", 4000, 4000, float("inf"), "")),
        ("over 4,000 homes", ("count", 4000, 4000, float("inf"), "")),
        ("between 30 and 40 people", ("count", 30, 30, 40, "")),
        ("nearly three decades", ("duration", 30, 27, 30, "")),  # one digit: a share's room
        ("about thirty years", ("duration", 30, 28.5, 31.5, "")),
        ("in 2024", ("year", 2024, 2024, 2024, "")),
        ("the 3rd round", ("ordinal", 3, 3, 3, "")),
    ],
)
def test_formats_read_as_one_quantity(
    text: str, want: tuple[str, float, float, float, str]
) -> None:
    kind, value, low, high, unit = _one(text)
    assert (kind, unit) == (want[0], want[4])
    assert (value, low, high) == pytest.approx(want[1:4])


def test_days_carry_their_month_and_tallies_are_two_counts() -> None:
    assert [(q.kind, q.value, q.head) for q in quantities("the 9 May vote")] == [
        ("day", 9, "may")]
    assert [(q.kind, q.value, q.head) for q in quantities("the May 19th vote")] == [
        ("day", 19, "may")]
    assert [q.value for q in quantities("voted 14-9 on Tuesday")] == [14, 9]


def test_malformed_grouping_is_no_number() -> None:
    # "45,00" is a typo: neither 45 nor 0 may refute "45,000"
    assert quantities("some 45,00 homes lost power") == ()
    assert quantities("one of the wards") == ()  # "one" is mostly a pronoun


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("10k runners finished the Marlow Bay half marathon.",
         "A record 10,000 runners finished the Marlow Bay half marathon on Sunday."),
        ("The event raised $1,200,000 for the hospital.",
         "The event raised $1.2 million for the Marlow Bay regional hospital."),
        ("More than 4,000 homes were tied to the outage.",
         "Over 4,000 homes have been linked to the outage."),
        ("The dispute has lasted about thirty years.",
         "The dispute has run for nearly three decades."),
        ("The repairs will cost £4,800,000.", "Repairs are expected to cost £4.8m."),
        # A bounded figure in words is a count, not the year 2000.
        ("More than two thousand runners signed the letter.",
         "The letter was signed by more than 2,000 runners."),
        # An ordinal that only qualifies ("first", "initial") is no missing figure.
        ("The first estimate of the repair bill is £4.8m.",
         "The initial repair bill has been put at £4.8m."),
        ("The union wants a minimum of fifteen thousand dollars per member.",
         "The union wants at least $15,000 a member."),
        ("The inquiry will take about half a year.", "The inquiry will take six months."),
    ],
)
def test_number_paraphrases_neither_conflict_nor_go_missing(claim: str, evidence: str) -> None:
    sig = compare(claim, evidence, score=0.8)
    assert sig.conflicts == [] and not sig.missing_numbers, sig


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("12,000 runners finished the half marathon.",
         "A record 10,000 runners finished the half marathon on Sunday."),
        ("The event raised $2.1 million for the hospital.",
         "The event raised $1.2 million for the hospital."),
        ("The council held the vote on 9 May.", "The council held the vote on May 19."),
        ("The committee met only twice before the vote.",
         "The committee held six meetings before the vote."),
        ("Nearly 3,000 people signed the petition.", "The petition had 2,314 signatures."),
    ],
)
def test_another_figure_for_the_same_thing_conflicts(claim: str, evidence: str) -> None:
    assert compare(claim, evidence, score=0.8).conflicts, (claim, evidence)


def test_a_typo_in_the_source_does_not_refute() -> None:
    sig = compare("45,000 homes lost power in the storm.",
                  "Some 45,00 homes lost power in the storm.", score=0.8)
    assert sig.conflicts == [] and sig.missing_numbers


def test_a_less_precise_source_is_silent_not_contradicting() -> None:
    sig = compare("4,500 homes lost power.", "More than 4,000 homes lost power.", score=0.8)
    assert sig.conflicts == [] and sig.missing_numbers


def test_years_are_labels_without_rounding_room() -> None:
    (a,), (b,) = quantities("It was launched in 2022."), quantities("It was launched in 2021.")
    assert a.kind == b.kind == "year" and not a.agrees(b)
    sig = compare("The probe was launched in 2021.", "The probe was launched in 2022.", score=0.8)
    assert sig.conflicts, "another year for the same event"
    # Large sums keep their rounding room: $1.2 million is $1,195,000 rounded.
    (c,), (d,) = quantities("It cost $1.2 million."), quantities("It cost $1,195,000.")
    assert c.agrees(d)


def test_a_same_head_figure_in_a_sentence_about_something_else_is_no_conflict() -> None:
    """ "people" counted in another event (respondents, not signers) is no rival figure."""
    claim = "More than two thousand runners signed the open letter to the council."
    other = "Of the 1,846 runners who answered the club's survey, 62 per cent backed the plan."
    assert compare(claim, other, score=0.3).conflicts == []
    same = "Only 1,846 runners signed the open letter to the council."
    assert [c.kind for c in compare(claim, same, score=0.8).conflicts] == ["number"]


def test_a_percent_then_a_price_is_no_range_or_tally() -> None:
    # "rose 18% to $3.69" names a rise and a price, each read on its own.
    got = [(q.kind, q.value, q.said) for q in quantities("Shares rose 18% to $3.69 on Monday.")]
    assert got == [("percent", 18.0, "18%"), ("money", 3.69, "$3.69")]
    # A real range keeps one interval and the words that state it.
    (q,) = quantities("between 30 and 40 people")
    assert (q.low, q.high, q.said) == (30.0, 40.0, "between 30 and 40")


@pytest.mark.parametrize(("text", "value"), [
    ("Two dozen homes were flooded.", 24.0),
    ("Half a dozen homes were flooded.", 6.0),
    ("A dozen homes were flooded.", 12.0),
    ("3 dozen homes were flooded.", 36.0),
    ("A dozen and a half homes were flooded.", 18.0),
])
def test_dozens_count_twelve_each(text: str, value: float) -> None:
    (q,) = quantities(text)
    assert (q.kind, q.value, q.head) == ("count", value, "home")


@pytest.mark.parametrize(("text", "head", "values"), [
    ("Councillors passed the ban by 14 votes to 9 last night.", "vote", [14, 9]),
    ("Councillors backed the proposal by 14 votes to nine on Tuesday.", "vote", [14, 9]),
    ("On Tuesday night councillors voted 15 to 8 to bar lorries.", "vote", [15, 8]),
    ("The board backed the plan in a vote of 6-2.", "vote", [6, 2]),
    ("Staff numbers rose from 30 nurses to 45 this year.", "nurse", [30, 45]),
])
def test_both_counts_of_a_tally_count_its_noun(text: str, head: str, values: list[int]) -> None:
    counts = [q for q in quantities(text) if q.kind == "count"]
    assert [q.value for q in counts] == values
    assert {q.head for q in counts} == {head}


def test_a_count_after_another_noun_keeps_its_own() -> None:
    # "to" joins two counts only right after the first one's noun
    found = quantities("The 14 votes came after 1,846 responses to the consultation.")
    assert [(q.value, q.head) for q in found] == [(14, "vote"), (1846, "response")]


@pytest.mark.parametrize(("text", "low", "high"), [
    ("The merged firm would control almost half of the market.", 45.0, 50.0),
    ("Two-thirds of voters backed the plan.", 60.0, 73.3),
    ("More than a quarter of the homes flooded.", 25.0, math.inf),
])
def test_a_share_said_as_a_fraction_is_a_percentage(text: str, low: float, high: float) -> None:
    (q,) = [q for q in quantities(text) if q.kind == "percent"]
    assert (round(q.low, 1), round(q.high, 1)) == (low, high)


def test_a_fraction_that_names_a_part_is_no_share() -> None:
    for text in ("They scored in the second half of the match.", "Wait half an hour."):
        assert not [q for q in quantities(text) if q.kind == "percent"]
    # "almost half" cannot be "about 38 per cent"
    half, = quantities("almost half of the chilled ready-meal market")
    share, = quantities("about 38 per cent of chilled ready-meal sales")
    assert not half.agrees(share)


@pytest.mark.unit
def test_the_number_of_a_named_thing_is_a_label_not_a_count() -> None:
    """ "Ward 7" names a ward: it neither counts patients nor rounds to "Ward 8"."""
    assert [(q.kind, q.value, q.head) for q in quantities("It began on Ward 7, a care ward.")] \
        == [("label", 7, "ward")]
    assert [q.kind for q in quantities("Buses on Route 22 were diverted.")] == ["label"]
    # at a sentence's start a capitalised word names nothing ("Only 7 beds ..."); a month
    # before a number still makes it a year or a day
    assert [q.kind for q in quantities("Only 7 beds were free.")] == ["count"]
    assert [q.kind for q in quantities("It opened in March 2025.")] == ["year"]
    claim = "Sixty-three patients have fallen ill in the outbreak."
    sig = compare(claim, "The outbreak began on Ward 7 when the first patients fell ill.",
                  score=0.8)
    assert sig.conflicts == []
    other_ward = compare("The outbreak began on Ward 9.", "The outbreak began on Ward 7.",
                         score=0.8)
    assert [c.kind for c in other_ward.conflicts] == ["number"]


@pytest.mark.unit
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("A mayday call came at 6:42 p.m.", (18.7, 18.7, 18.7)),
        ("Everyone was off by 10:55 p.m.", (22.917, 0, 22.917)),
        ("It struck the reef shortly before 7 p.m.", (19, 18.5, 19)),
        ("Staff walked out at 4am.", (4, 4, 4)),
        ("They were taken off before 11 o'clock on Sunday night.", (23, 0, 23)),
    ],
)
def test_a_time_of_day_is_one_time_not_two_counts(
    text: str, want: tuple[float, float, float]
) -> None:
    (q,) = quantities(text)
    assert q.kind == "time"
    assert (q.value, q.low, q.high) == pytest.approx(want, abs=0.01)


@pytest.mark.unit
def test_times_compare_only_with_times() -> None:
    claim = "The last people were taken off the ferry before 11 o'clock on Sunday night."
    # a count in an aligned sentence is no rival of a time; a time within the bound agrees
    assert compare(claim, "Two people were taken off the ferry to hospital on Sunday night.",
                   score=0.8).conflicts == []
    assert compare(claim, "The last people were taken off the ferry by 10:55 p.m.",
                   score=0.8).conflicts == []
    late = compare(claim, "The last people were taken off the ferry at 11:40 p.m.", score=0.8)
    assert [c.describe() for c in late.conflicts] == ["number: claim 23:00 vs source 23:40"]


@pytest.mark.unit
def test_a_unit_of_time_alone_is_one_of_it_but_a_rate_is_not() -> None:
    assert [(q.kind, q.said) for q in quantities("Staff need only a week of notice.")] == [
        ("duration", "1")]
    for rate in ("It pays £300 a week.", "It saves $85 million a year.", "They meet twice a year.",
                 "It runs 40 flights a day."):
        assert not [q for q in quantities(rate) if q.kind == "duration"], rate
    sig = compare("Firms must warn staff only a week before a strike.",
                  "Firms must warn staff at least 14 days before a strike.", score=0.8)
    assert [c.kind for c in sig.conflicts] == ["number"]



@pytest.mark.unit
@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Nearly half a million people use the app.", [500_000]),
        ("A quarter of a million voters stayed home.", [250_000]),
        ("Around a hundred people gathered.", [100]),
        ("The committee met only twice before the vote.", [2]),
        # "once" that opens a clause is no count: "once they reached land"
        ("Passengers were sheltered once they reached land.", []),
        ("The firm will pay once the deal completes.", []),
    ],
)
def test_scale_words_after_a_and_once_as_a_conjunction(text: str, values: list[float]) -> None:
    assert [q.value for q in quantities(text)] == values


@pytest.mark.unit
def test_a_share_said_as_a_ratio_and_a_bare_figure_after_a_share() -> None:
    (q,) = quantities("Nearly nine in ten members backed the strike.")
    assert (q.kind, q.value, q.low, q.high) == ("percent", 90, 81, 90)
    (q,) = quantities("Fewer than two in five registered voters took part.")
    assert (q.kind, q.value, q.high) == ("percent", 40, 40)
    (q,) = quantities("Three out of every four passengers were tourists.")
    assert (q.kind, q.value) == ("percent", 75)
    # "Szabo's 45.4" is set against a share: it is one too
    assert [(q.kind, q.value) for q in quantities("She won 46 per cent, ahead of Szabo's 45.4.")] \
        == [("percent", 46), ("percent", 45.4)]
    assert [q.kind for q in quantities("It cost $4.10 a share, up from 3.5.")] == [
        "money", "money"]


@pytest.mark.unit
def test_a_bound_is_stated_only_by_a_count_of_its_own_noun() -> None:
    claim = "Fewer than 200 passengers were on the ferry when it struck the reef."
    sig = compare(claim, "The ferry carried 212 passengers and 14 crew when it struck the reef.",
                  score=0.8)
    assert [c.describe() for c in sig.conflicts] == ["number: claim 200 vs source 212"]
    # an exact figure may be stated with another noun for the same thing
    same = compare("Pellow was found guilty of four counts of fraud.",
                   "Pellow was convicted on four charges of fraud.", score=0.8)
    assert same.conflicts == [] and not same.missing_numbers


@pytest.mark.unit
@pytest.mark.parametrize(("text", "head"), [
    ("close to 500,000 app users", "user"),  # a qualifying word before a plural noun
    ("More than 14,000 postal ballots were sent out", "ballot"),
    ("four of its wards are closed", "ward"),  # past "of its"
    ("a 40,000-seat stadium", "seat"),  # a hyphened noun is what is counted
    ("12 people injured", "people"),  # no plural after: the first word
    ("300 homes left without power", "home"),
])
def test_the_noun_a_count_counts(text: str, head: str) -> None:
    (q,) = quantities(text)
    assert (q.kind, q.head) == ("count", head)


@pytest.mark.unit
@pytest.mark.parametrize(("text", "kind", "value"), [
    ("insured for one point two million pounds", "money", 1.2e6),  # a decimal in words
    ("a year and a half", "duration", 1.5),
    ("two and a half years", "duration", 2.5),
    ("The alarm sounded at twenty to three in the morning.", "time", 2 + 40 / 60),
    ("It sounded at 2:40 in the morning.", "time", 2 + 40 / 60),  # minutes and a day part
    ("They met at ten to eleven at night.", "time", 22 + 50 / 60),
    ("at a quarter to six", "time", 5.75),
    ("a refund worth one week of the fare", "duration", 7 / 365),  # "one" before a unit
    ("expected to last about half a year", "duration", 0.5),  # a share of a unit of time
    ("to lose about two-thirds of her land", "percent", 200 / 3),  # no count of 2 in it
    ("a quarter of a century of service", "duration", 25),
])
def test_numbers_and_times_said_in_words(text: str, kind: str, value: float) -> None:
    (q,) = quantities(text)
    assert (q.kind, q.value) == (kind, pytest.approx(value))


@pytest.mark.unit
def test_a_range_in_words_is_no_time_of_day() -> None:
    assert [(q.kind, q.low, q.high) for q in quantities("from ten to twelve people")] == [
        ("count", 10, 12)]
    (q,) = quantities("The alarm went off shortly after 3am.")
    assert (q.kind, q.low, q.high) == ("time", 3, 3.5)


@pytest.mark.unit
def test_a_number_word_joined_by_a_hyphen_is_a_figure_and_no_term() -> None:
    from agent.text.analysis import analyze

    assert [(q.kind, q.head) for q in quantities("a three-week trial")] == [("duration", "week")]
    # the words of a number said in words are its figure, not content terms to cover
    assert not {"twenty", "three"} & analyze("It rang at twenty to three in the morning.").stems


@pytest.mark.unit
def test_a_span_of_years_is_years_and_contradicts_another_span() -> None:
    (q,) = quantities("papers published between 2016 and 2022")
    assert (q.kind, q.low, q.high) == ("year", 2016, 2022)
    claim = "The papers with fabricated data were published between 2010 and 2015."
    # a span of years is no count, so "nine papers" is no rival of it
    assert compare(claim, "Nine papers are being retracted after fabricated data was found.",
                   0.5).conflicts == []
    (c,) = compare(claim, "The inquiry found fabricated data in papers published between "
                   "2016 and 2022.", 0.5).conflicts
    assert (c.claim_values, c.source_values) == (("2010",), ("2016",))


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "Officers put the number of fish killed at around 3,000, mostly trout.",
    "The number of fish killed by the spill is around 3,000.",
])
def test_a_figure_ending_its_clause_counts_the_number_named_before_it(text: str) -> None:
    (q,) = quantities(text)
    assert (q.kind, q.head) == ("count", "fish")


@pytest.mark.unit
def test_a_figure_ending_its_clause_takes_no_noun_from_the_next() -> None:
    (q,) = quantities("Officers counted around 3,000, mostly trout.")
    assert q.head == ""


@pytest.mark.parametrize(("text", "head"), [
    # a name before the noun qualifies it: the count is of the compound's plural noun
    ("Brightwave recalled about 52,000 SolarMax Pro portable heaters after two fires.", "heater"),
    ("The club sold 30,000 Centenary Cup final tickets in a day.", "ticket"),
    ("Around 25,000 heaters are affected, the firm said.", "heater"),
    # a name alone, with the noun after a function word, is not skipped past it
    ("Police found 3 Tarrow residents of the estate.", "resident"),
])
def test_a_count_counts_the_plural_noun_its_name_qualifies(text: str, head: str) -> None:
    q = next(q for q in quantities(text) if q.kind == "count")
    assert q.head == head

