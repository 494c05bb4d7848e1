"""Numbers written in words read as digits (agent.text.number_words), clock times, and what
follows for the checks that compare a claim's figures with a sentence's."""

from __future__ import annotations

import pytest

from agent.text.number_words import words_to_digits, written_as
from agent.text.quantities import quantities
from agent.verification.checks import compare


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("he tried to ring 999 eleven times", "he tried to ring 999 11 times"),
        ("in 2024 two men were held", "in 2024 2 men were held"),
        ("it cost £1.2 million", "it cost £1.2 million"),  # a scale word after a figure
        ("nearly three decades", "nearly 3 decades"),
    ],
)
def test_a_number_word_after_a_figure_is_a_number_of_its_own(text: str, digits: str) -> None:
    assert words_to_digits(text) == digits


@pytest.mark.parametrize(
    ("text", "digits", "value"),
    [
        # a share of a scale word is written as a reader writes it in digits
        ("nearly half a million people", "nearly 500,000 people", 500_000),
        # hyphenated, it was read as 75% and a count of one million
        ("some three-quarters of a million homes", "some 750,000 homes", 750_000),
        ("three quarters of a billion dollars", "750,000,000 dollars", 750_000_000),
        ("a million viewers", "1 million viewers", 1_000_000),
    ],
)
def test_a_share_of_a_scale_word_is_one_figure(text: str, digits: str, value: float) -> None:
    assert words_to_digits(text) == digits
    assert [q.value for q in quantities(text)] == [value]


@pytest.mark.parametrize(("text", "value"), [
    # a scale word that more number words follow is one number (a newcomer's column,
    # session 69, read "one thousand two hundred and forty patients" as 1,000)
    ("one thousand two hundred and forty patients sat on the list", 1240),
    ("a hundred and twenty volunteers joined the search", 120),
    ("one million two hundred thousand visitors came", 1_200_000),
    ("a thousand volunteers joined the search", 1000),  # and alone it still is one
])
def test_a_number_in_words_after_a_scale_word_is_one_number(text: str, value: float) -> None:
    assert [q.value for q in quantities(text)] == [value]


def test_a_hyphenated_share_of_a_unit_of_time_is_a_duration() -> None:
    assert words_to_digits("it took three-quarters of an hour") == "it took 0.75 hours"


def test_another_count_after_a_phone_number_is_a_conflict() -> None:
    sentence = ("When her mother fell at home on Tuesday, Daniel Oduya tried to ring 999 eleven "
                "times on his phone, and not one call went through.")
    sig = compare("Daniel Oduya tried seven times to call 999 without getting through.",
                  sentence, 0.8)
    assert [(c.kind, c.claim_values, c.source_values) for c in sig.conflicts] == [
        ("number", ("7",), ("11",))]


def test_a_figure_that_agrees_is_no_rival_though_it_counts_another_noun() -> None:
    sig = compare("Police were told of more than forty sightings of the lynx.",
                  "Over forty people phoned police to say they had seen her.", 0.8)
    assert sig.conflicts == []
    other = compare("Police were told of more than forty sightings of the lynx.",
                    "Police were told of 12 sightings of the lynx.", 0.8)
    assert [c.kind for c in other.conflicts] == ["number"]


def test_a_clock_time_without_am_or_pm_is_one_time_of_day() -> None:
    claim = "The fire was reported at 23:40 on Monday."
    assert compare(claim, "The fire was reported at 11:40 p.m. on Monday.", 0.8).conflicts == []
    other = compare(claim, "The blaze was reported shortly after 10pm on Monday.", 0.8)
    assert [(c.claim_values, c.source_values) for c in other.conflicts] == [
        (("23:40",), ("22:00",))]
    # "11:40" may be morning or night: it contradicts neither reading
    assert compare("The fire was reported at 11:40 on Monday.",
                   "The fire was reported at 11:40 p.m. on Monday.", 0.8).conflicts == []


def test_no_fewer_than_is_a_lower_bound() -> None:
    sig = compare("A safe rota requires no fewer than ten consultant obstetricians.",
                  "A safe rota needs at least ten consultant obstetricians.", 0.8)
    assert sig.conflicts == [] and not sig.missing_numbers
    assert [c.kind for c in compare("A safe rota requires no fewer than ten consultants.",
                                    "A safe rota needs fewer than six consultants.",
                                    0.8).conflicts] == ["number"]


@pytest.mark.unit
@pytest.mark.parametrize(("text", "value", "unit"), [
    # newest-story kind (pemberly c01): "from fourteen pounds to eighteen pounds fifty"
    ("A day pass now costs nine pounds fifty.", 9.5, "£"),
    ("The book sells for twelve dollars and 99 cents each.", 12.99, "$"),
    ("Tickets cost 4 euros 20 per child.", 4.2, "€"),
])
def test_money_said_with_its_pence_after_the_currency_word_is_one_sum(
    text: str, value: float, unit: str
) -> None:
    money = [q for q in quantities(text) if q.kind == "money"]
    assert [(q.value, q.unit) for q in money] == [(value, unit)]
    assert not [q for q in quantities(text) if q.kind == "count"]


@pytest.mark.unit
def test_a_count_after_a_sum_stays_a_count() -> None:
    found = quantities("He was fined 20 pounds 50 times.")
    assert [(q.value, q.kind) for q in found] == [(20.0, "money"), (50.0, "count")]


def test_a_clock_time_said_in_words_takes_the_part_of_the_day_after_its_weekday() -> None:
    (q,) = quantities("The alarm was raised at twenty past four on the Saturday afternoon.")
    assert q.kind == "time" and q.value == pytest.approx(16.333, abs=0.01)


def test_the_same_large_bound_of_another_noun_states_a_claims_bound() -> None:
    """Dev oxbury c14: "over 12,000 signatures" / "signed by more than 12,000 people"."""
    claim = "The appeal gathered more than 8,000 signatures."
    sig = compare(claim, "An appeal signed by over 8,000 residents was handed in.", 0.8)
    assert sig.figures_stated and not sig.missing_numbers
    # a small bound may be a chance: "over 40 residents" says nothing of 40 signatures
    small = compare("The appeal gathered more than 40 signatures.",
                    "An appeal signed by over 40 residents was handed in.", 0.8)
    assert small.missing_numbers


@pytest.mark.parametrize(("text", "kinds"), [
    # an hour and the part of the day, after a word of time: a time of day
    ("a gale warning had been in force since six in the morning on Friday", [("time", 6)]),
    ("The crews left at eleven at night.", [("time", 23)]),
    ("until 4 in the afternoon", [("time", 16)]),
    # a bare number before the part of the day, with no word of time: a count
    ("Police arrested two in the morning raid and three later.", [("count", 2), ("count", 3)]),
])
def test_an_hour_said_with_the_part_of_the_day_is_a_time(
        text: str, kinds: list[tuple[str, float]]) -> None:
    assert [(q.kind, q.value) for q in quantities(text)] == kinds


def test_a_time_in_words_states_the_same_time_in_figures() -> None:
    sig = compare("A yellow gale warning had been in place since six in the morning on Friday.",
                  "A yellow warning for severe gales had been in force since 6am on Friday.")
    assert sig.figures_stated and not sig.missing_numbers and not sig.conflicts


@pytest.mark.parametrize(("text", "said", "written"), [
    ("The regatta was postponed for three weeks.", "3", "three"),
    ("Coach Tam Reid was suspended for a year and a half.", "1.5", "a year and a half"),
    ("She was jailed for four-and-a-half years yesterday.", "4.5", "four-and-a-half"),
    ("Some twenty-five farms were inspected.", "25", "twenty-five"),
    ("Three hundred and twelve votes were cast.", "312", "Three hundred and twelve"),
    ("The bill came to £4.8m in the end.", "£4.8m", "£4.8m"),  # as written already
    ("Nobody came.", "5", ""),
])
def test_a_figure_read_in_digits_is_found_as_its_text_writes_it(
        text: str, said: str, written: str) -> None:
    assert written_as(text, said) == written



@pytest.mark.parametrize(("text", "years"), [
    # a newcomer's story: "for fifteen more years" was a count of years, "another decade
    # and a half" half of something, so neither stated a claim's "another 15 years"
    ("allowing the firm to keep digging for fifteen more years", 15.0),
    ("and with it another decade and a half of dust and noise", 15.0),
    ("the ferry will sail for two further years", 2.0),
    ("an additional 3 years of monitoring", 3.0),
])
def test_a_duration_with_more_or_another_is_a_duration(text: str, years: float) -> None:
    (q,) = quantities(text)
    assert q.kind == "duration" and q.value == pytest.approx(years)


def test_more_before_another_noun_leaves_a_count() -> None:
    (q,) = quantities("The club signed 15 more players this summer.")
    assert q.kind == "count" and q.value == 15


@pytest.mark.parametrize(("text", "years"), [
    # a newcomer's court story: "was jailed for four-and-a-half years yesterday" gave no
    # figure, so the outlet was put on the side of another figure of its article
    ("She was jailed for four-and-a-half years yesterday.", 4.5),
    ("The rebuild took two-and-a-half years.", 2.5),
    ("The striker was banned for a year-and-a-half.", 1.5),
    ("The lease runs for Six-and-a-half years.", 6.5),
])
def test_a_number_and_a_half_written_hyphenated_is_read(text: str, years: float) -> None:
    (q,) = quantities(text)
    assert q.kind == "duration" and q.value == pytest.approx(years)


def test_a_hyphenated_and_a_half_states_the_same_figure_in_words() -> None:
    sig = compare("Trask was jailed for four and a half years.",
                  "Trask was jailed for four-and-a-half years yesterday.")
    assert sig.figures_stated and not sig.missing_numbers and not sig.conflicts


@pytest.mark.parametrize("text", [
    # a newcomer's theatre story: "£4.5m a year" gave a duration of a year too, which
    # "artistic director since 2019" then contradicted (seven years)
    "The Lyric brings £4.5m a year into the town's economy.",
    "The firm earns $2bn a year from its ports.",
    "Parking brings in 10k a month.",
])
def test_a_scaled_sum_before_a_unit_of_time_is_no_duration(text: str) -> None:
    (q,) = quantities(text)
    assert q.kind in ("money", "count")


@pytest.mark.parametrize(("text", "percent"), [
    # a newcomer's drug trial: "eleven in every hundred" was read as a count of 11
    ("Headaches came back in eleven in every hundred patients.", 11),
    ("About one in five nurses were off sick.", 20),
    ("Roughly one out of every thousand meters failed.", 0.1),
    ("Twenty-one in two hundred entrants finished.", 10.5),
])
def test_a_ratio_in_words_is_a_share(text: str, percent: float) -> None:
    (q,) = quantities(text)
    assert q.kind == "percent" and q.value == pytest.approx(percent)


def test_one_before_a_span_of_time_is_no_ratio() -> None:
    assert "percent" not in {q.kind for q in quantities("The first one in five years opened.")}
    sig = compare("One in five staff were off sick.", "About 20% of staff were off sick.")
    assert not sig.conflicts


@pytest.mark.parametrize(("text", "digits"), [
    # fresh dev claims (session 66): "giving season ticket holders a fortnight's fare back"
    # was read as a rate, like "four days a week", and left no duration
    ("The club is giving members a fortnight's fees back.",
     "The club is giving members 1 fortnight's fees back."),
    ("The firm paid its drivers a month's wages.", "The firm paid its drivers 1 month's wages."),
    # a rate: a count of a plural before it, or a sum
    ("The ferry makes four crossings a day.", "The ferry makes 4 crossings a day."),
    ("It costs £300 a week.", "It costs £300 a week."),
    ("The park draws around 120k visitors a year.", "The park draws around 120k visitors a year."),
])
def test_a_unit_of_time_after_a_plural_is_a_rate_only_after_a_count(text: str,
                                                                     digits: str) -> None:
    assert words_to_digits(text) == digits


def test_units_of_time_rival_whatever_unit_each_is_said_in() -> None:
    claim = "The club is giving members a fortnight's fees back."
    rival = compare(claim, "Members will get one week's fees back.", 0.6).conflicts
    assert [c.describe() for c in rival] == ["number: claim 2 weeks vs source 1 week"]
    assert compare(claim, "Members will get two weeks' fees back.", 0.6).conflicts == []
