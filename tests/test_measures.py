"""Figures of outlets that measure the same thing (agent.verification.measures): another
outlet's version of a claim's figure, found whatever the rest of its sentence says."""

from __future__ import annotations

import pytest

from agent.types import Sentence
from agent.verification.claim_figures import (
    CLAIM_OUTLET,
    figure_conflicts,
    figure_disputes,
    figure_rivals,
)
from agent.verification.measures import (
    Figure,
    figures,
    measure_conflicts,
    same_measure,
    strip_figures,
)


def _s(article: str, text: str, index: int = 0) -> Sentence:
    return Sentence(id=f"{article}:{index}", article_id=article, doc_id=article, start=0,
                    end=len(text), text=text)


VOTE = [
    (_s("wire", "The motion passed by 14 votes to 9, with two councillors abstaining."), "wire"),
    (_s("daily", "Heavy lorries will be kept out of the town after councillors backed a ban "
                 "by 14 votes to 9 last night."), "daily"),
    (_s("weekly", "On Tuesday night the town's councillors voted 15 to 8 to ban lorries over "
                  "7.5 tonnes."), "weekly"),
    (_s("weekly", "The consultation drew 1,846 responses.", 1), "weekly"),
]


@pytest.mark.unit
def test_another_outlets_value_for_the_claims_figure_is_its_rival() -> None:
    rivals = figure_rivals("Councillors passed the lorry ban by 14 votes to 9.", VOTE)
    assert [(f.outlet, f.quantity.value) for f, _ in rivals] == [("weekly", 15)]
    (_, claimed), = rivals
    assert claimed.value == 14
    assert [c.describe() for c in figure_conflicts(
        "Councillors passed the lorry ban by 14 votes to 9.", VOTE[2][0].text)] == [
        "number: claim 14 for vs source 15 for", "number: claim 9 against vs source 8 against"]
    # a source figure that gives another of the claim's figures is that one's value
    assert figure_conflicts("It wants $1,200,000 back and froze grants worth $3.4 million.",
                            "The fund is demanding $1.2m back.") == []


@pytest.mark.unit
def test_every_outlet_giving_the_claims_value_is_an_anchor_of_the_dispute() -> None:
    """Found in a newcomer's trial: three outlets said "voted 9-3" and one "8-4", and the
    verdict named only the first of the three as giving the claim's figure."""
    claim = "Councillors passed the lorry ban by 14 votes to 9."
    disputes = figure_disputes(claim, VOTE)
    assert sorted({a.outlet for _, _, a in disputes}) == ["daily", "wire"]
    assert {f.outlet for f, _, _ in disputes} == {"weekly"}
    # the rival itself is listed once
    assert [(f.outlet, f.quantity.value) for f, _ in figure_rivals(claim, VOTE)] == [
        ("weekly", 15)]


@pytest.mark.unit
def test_no_rival_from_an_outlet_that_also_gives_the_claims_value() -> None:
    # no outlet gives the claim's 16: the claim's words anchor the measure, and every
    # outlet's tally rivals it (labelling rule 1: matching no version, it is refuted)
    assert [(f.outlet, f.quantity.value) for f, _ in figure_rivals(
        "Councillors passed the lorry ban by 16 votes to 7.", VOTE)] == [
        ("wire", 14), ("daily", 14), ("weekly", 15)]
    # the weekly gives 14 votes elsewhere too: it does not dispute them
    both = [*VOTE, (_s("weekly", "Officially the ban passed by 14 votes to 9.", 2), "weekly")]
    assert figure_rivals("Councillors passed the lorry ban by 14 votes to 9.", both) == []
    # a figure of another thing in a sentence about something else is no rival
    assert figure_rivals("The consultation drew 1,846 responses.", VOTE[:3]) == []


@pytest.mark.unit
def test_with_no_outlet_giving_the_claims_value_its_own_words_anchor_the_measure() -> None:
    # a newcomer trial: "had debts of about £4.2m" against every outlet's £2.4m
    items = [
        (_s("wire", "Trustee Ana Vale said the club had debts of about £3.1m."), "wire"),
        (_s("daily", "The club's 40 staff were told on Friday."), "daily"),
    ]
    claim = "Harwell Rovers had debts of about £1.3m."
    assert [(f.outlet, f.quantity.value) for f, _ in figure_rivals(claim, items)] == [
        ("wire", 3_100_000)]
    # the claim's own anchor is no outlet's sentence
    assert {a.outlet for _, _, a in figure_disputes(claim, items)} == {CLAIM_OUTLET}
    # not a date (a sentence's dates tell many events), nor a count of another noun
    assert figure_rivals("The club was founded in 1921.",
                         [(_s("wire", "The club was relegated in 1998."), "wire")]) == []
    assert figure_rivals("The club's 31 players left.", items) == []


@pytest.mark.unit
def test_strip_figures_leaves_the_words() -> None:
    stripped = strip_figures("It cost £4.8m, 18% more, by 14 votes to 9")
    assert stripped == "It cost , more, by votes to"


@pytest.mark.unit
def test_another_outlets_weekday_for_the_claims_event_is_its_rival() -> None:
    items = [
        (_s("wire", "Refuse collectors in Dunmore walked out at 6am on Tuesday over pay."),
         "wire"),
        (_s("daily", "Dunmore's refuse collectors walked out at 6am on Wednesday, leaving bins "
                     "unemptied."), "daily"),
        (_s("daily", "The council said talks would resume on Friday.", 1), "daily"),
    ]
    rivals = figure_rivals("Dunmore's refuse collectors walked out on Tuesday.", items)
    assert [(f.outlet, f.quantity.said) for f, _ in rivals] == [("daily", "Wednesday")]


@pytest.mark.unit
def test_aligned_sentences_conflict_only_on_figures_of_one_measure() -> None:
    # What `compare` marks: the two sentences are alike, but 9 injured and 16 crew count
    # different things; the two turnouts are one measure.
    hurt = _s("wire", "Nine people were treated in hospital, three of them for burns.")
    crew = _s("daily", "Sixteen crew and nine people were rescued, the coastguard said.")
    assert measure_conflicts(hurt, crew) == []
    ours = _s("wire", "Turnout in the Dunmore by-election was 31.4%, the council said.")
    theirs = _s("daily", "Turnout was 36%, according to the returning officer.")
    assert [c.describe() for c in measure_conflicts(ours, theirs)] == [
        "number: claim 31.4% vs source 36%"]


@pytest.mark.unit
def test_a_namesakes_figure_is_no_rival_of_the_claims() -> None:
    items = [
        (_s("wire", "Marlow took 52 per cent of the vote in the Dunmore mayoral race."), "wire"),
        (_s("daily", "In nearby Pellam, Ann Marlowe won 64 per cent of the vote for a second "
                     "term."), "daily"),
    ]
    assert figure_rivals("Marlow won 52 per cent of the vote.", items) == []


@pytest.mark.unit
def test_a_part_of_a_whole_is_no_rival_of_the_whole() -> None:
    from agent.verification.checks import compare

    sig = compare("The journal retracted four of the lab's papers.",
                  "Nine papers from the lab are being retracted.", score=0.8)
    assert not sig.conflicts
    sig = compare("The journal retracted four papers.", "The journal retracted six papers.",
                  score=0.8)
    assert [c.kind for c in sig.conflicts] == ["number"]
    # Another outlet's count of some of them is no version of the claim's count of all.
    items = [(_s("wire", "Kelby Rovers have sold five players since the season ended."), "wire"),
             (_s("blog", "Two of the players Kelby Rovers have sold since the season ended "
                         "were defenders."), "blog")]
    assert figure_rivals("Kelby Rovers have sold five players since the season ended.",
                         items) == []
    items.append((_s("daily", "Kelby Rovers have sold seven players since the season "
                           "ended."), "daily"))
    assert [f.quantity.value for f, _ in figure_rivals(
        "Kelby Rovers have sold five players since the season ended.", items)] == [7.0]


@pytest.mark.unit
def test_a_sentence_that_states_the_others_value_disputes_nothing() -> None:
    # Found by a newcomer on a dev story: `compare` showed "contradicts (number: claim $3.13
    # vs source $4.1)" against a sentence that gives the $3.13 too, beside the offer price.
    premium = _s("wire", "The offer is a 31% premium to Orrin's closing price of $2.40 on Friday.")
    offer = _s("daily", "Hallam is paying $3.15 for each Orrin share, 31 per cent more than the "
                        "$2.40 at which the shares closed on Friday.")
    assert measure_conflicts(premium, offer) == []
    other = _s("daily", "Orrin's shares closed at $2.65 on Friday.")
    assert [c.describe() for c in measure_conflicts(premium, other)] == [
        "number: claim $2.40 vs source $2.65"]


@pytest.mark.unit
def test_a_year_to_come_and_a_year_gone_date_two_events() -> None:
    # newcomer trial (hollin): "From April 2027, Rowan Ward ... will become a midwife-led
    # unit" was shown against "In 2023 Estwick Health Board downgraded the unit at Barnmoor"
    plan = _s("wire", "From June 2028, the Castle Ward maternity unit will become a midwife-led "
                      "centre for low-risk births.")
    past = _s("daily", "In 2024 the board downgraded the maternity unit at Tellham General "
                       "Hospital after a review.")
    assert measure_conflicts(plan, past) == []
    other = _s("daily", "From June 2029, the Castle Ward maternity unit will become a "
                        "midwife-led centre, the board said.")
    assert [c.describe() for c in measure_conflicts(plan, other)] == [
        "number: claim 2028 vs source 2029"]
    # the present tense of a date to come is no past ("is not eligible ... until 2027")
    now = _s("daily", "The Castle Ward maternity unit is a midwife-led centre from June 2029.")
    assert [c.describe() for c in measure_conflicts(plan, now)] == [
        "number: claim 2028 vs source 2029"]


def _one(outlet: str, text: str, kind: str) -> Figure:
    """The one figure of `kind` of `text` as `outlet`'s sentence."""
    (f,) = [f for f in figures([(_s(outlet, text), outlet)]) if f.quantity.kind == kind]
    return f


def _weekday(outlet: str, text: str) -> Figure:
    """The one weekday figure of `text` as `outlet`'s sentence."""
    return _one(outlet, text, "weekday")


_STUDY = ("Housing Minister Ruth Adeyemi said on Tuesday the government would read the report "
          "closely before commenting.")
_GONE = ("The firm said a faulty update caused a failure that cut service to customers across "
         "the region on Tuesday.")


@pytest.mark.unit
@pytest.mark.parametrize(("first", "second", "same"), [
    # n3 dev swiftparcel: one speaker's two statements on two days are no dispute of the day
    # ("said on Tuesday the government would study the judgment" / "Speaking in Parliament on
    # Wednesday, ... said a bill ... is expected next year")
    (_STUDY, "Speaking in Parliament on Wednesday, Housing Minister Ruth Adeyemi said a bill on "
             "tenancies is expected to be introduced next spring.", False),
    # the same statement dated to two days is one
    (_STUDY, "Housing Minister Ruth Adeyemi said on Wednesday the government would read the "
             "report closely before commenting.", True),
    # newcomer trial (kettering): a day to come and a day gone date two events ("would
    # announce compensation ... on Wednesday" against "cut service ... on Tuesday")
    (_GONE, "The firm said it would announce compensation for customers on Wednesday.", False),
    (_GONE, "A faulty update caused a failure that cut service to customers across the region "
            "on Monday, the firm said.", True),
])
def test_two_outlets_weekdays_are_one_measure_only_of_one_event(
        first: str, second: str, same: bool) -> None:
    assert same_measure(_weekday("wire", first), _weekday("live", second)) is same


def _day(outlet: str, text: str) -> Figure:
    """The one day-of-the-month figure of `text` as `outlet`'s sentence."""
    return _one(outlet, text, "day")


@pytest.mark.unit
@pytest.mark.parametrize(("second", "same"), [
    # dev varden's floor printed "Outlets differ on the date: 5 June vs 19 June", the day
    # papers were delivered against a deadline to come
    ("Colleges must tell the board about any timetable clashes by 19 March.", False),
    ("Colleges must have told the board about the sealed papers by 19 March.", True),
    ("The board said the sealed papers were handed over on 19 March.", True),
    # an obligation after the day dates no deadline ("who sat the paper on 9 June must ...")
    ("Pupils who were handed the sealed papers on 19 March must sit a new paper.", True),
])
def test_a_deadline_to_come_dates_no_day_gone(second: str, same: bool) -> None:
    gone = "The board said the sealed papers were handed to Tarrant College on 5 March."
    assert same_measure(_day("wire", gone), _day("live", second), min_shared=0) is same


def _time(outlet: str, text: str) -> Figure:
    """The one time-of-day figure of `text` as `outlet`'s sentence."""
    return _one(outlet, text, "time")


@pytest.mark.unit
@pytest.mark.parametrize(("second", "same"), [
    # dev kettering's floor set "Services were back by half past seven" against the hour the
    # company spoke ("said at 11.15pm that all services had been restored")
    ("The operator said at 11.15pm that every line had been reopened.", False),
    ("Every line had been reopened by 11.15pm, the operator said.", True),
    ("The operator reopened every line at 11.15pm.", True),
])
def test_the_hour_a_report_was_made_is_no_version_of_the_event_s_hour(
        second: str, same: bool) -> None:
    event = "All the lines were reopened by 7.30pm on Tuesday, the operator said."
    assert same_measure(_time("wire", event), _time("live", second), min_shared=0) is same


@pytest.mark.unit
def test_the_day_a_statement_was_made_is_no_version_of_the_event_s_day() -> None:
    # dev kelderby: "discharged from hospital on Sunday" and "On Monday, the club said ..."
    discharged = "The last of the injured climbers was discharged from hospital on Sunday."
    said = "On Monday, the climbing club said all of the climbers were recovering at home."
    assert not same_measure(_weekday("wire", discharged), _weekday("live", said), min_shared=0)
    also_said = "The climbing club said on Sunday that the climbers were recovering at home."
    assert same_measure(_weekday("wire", also_said), _weekday("live", said), min_shared=0)


@pytest.mark.unit
@pytest.mark.parametrize("part", [
    "The other eight walkers were escorted off the hill by rescuers.",
    "The eight remaining walkers were escorted off the hill by rescuers.",
    "Eight more walkers were escorted off the hill by rescuers.",
])
def test_a_count_of_the_rest_of_a_group_is_no_version_of_the_whole(part: str) -> None:
    # dev kelderby's floor printed "Outlets differ on the number of walkers: 8 vs 12"
    whole = "Twelve walkers were caught on the hill by the storm, and rescuers escorted them off."
    (a,) = figures([(_s("wire", whole), "wire")])
    (b,) = figures([(_s("live", part), "live")])
    assert b.quantity.part and not same_measure(a, b, min_shared=0)


@pytest.mark.unit
def test_all_of_a_group_counted_with_of_is_the_whole() -> None:
    # a newcomer trial: "All 48 of its drivers" was read as some of them, so it was no
    # rival of another outlet's "38 drivers"
    (a,) = figures([(_s("wire", "The mill's 120 workers were laid off."), "wire")])
    (b,) = figures([(_s("live", "All 140 of its workers have lost their jobs."), "live")])
    assert not b.quantity.part and same_measure(a, b, min_shared=0)
    (c,) = figures([(_s("live", "Forty of its workers have lost their jobs."), "live")])
    assert c.quantity.part


@pytest.mark.unit
def test_a_count_of_no_noun_is_no_rival_of_counts_far_off_in_size() -> None:
    # a newcomer's "were worth 48 million" was refuted by "Kestrel-2", "71 seconds" and
    # "nine satellites" in a sentence about the same loss
    from agent.verification.checks import compare

    source = ("A Hawk-3 drone built by Northway exploded 90 seconds after take-off from Kelby "
              "airfield on Tuesday, destroying nine cameras.")
    claim = "The cameras lost in the drone explosion came to 12 million."
    assert not compare(claim, source, score=0.8).conflicts
    # a count of a noun, or a sum misstated tenfold, still conflicts
    assert compare("The drone explosion destroyed four cameras.", source, score=0.8).conflicts
    assert compare("Mexico sent 50,000 troops to the border in February.",
                   "In February, Mexico sent 10,000 soldiers to the border.", score=0.8).conflicts
    assert compare("The gallery made £25,000,000 in profit last year.",
                   "The gallery made a profit of £2.5m last year.", score=0.8).conflicts


@pytest.mark.unit
def test_a_count_under_a_noun_no_outlet_uses_is_anchored_by_its_value() -> None:
    # dev harbour: "Rovers' new stadium is planned to hold 40,000 spectators" against "a
    # 40,000-seat stadium" (three outlets) and "a 42,000-seat stadium" (one): conflicting
    claim = "The new hospital on the gasworks site is planned to hold 1,200 patients."
    items = [
        (_s("wire", "Northway unveiled plans on Monday for a 1,200-bed hospital on the old "
                    "gasworks site."), "wire"),
        (_s("daily", "The 1,200-bed hospital would open on the gasworks site in 2030."), "daily"),
        (_s("live", "Northway wants to build a 1,500-bed hospital on the old gasworks site."),
         "live"),
        (_s("live", "About 1,200 nurses work at the town's two hospitals today.", 1), "live"),
    ]
    disputes = figure_disputes(claim, items)
    assert {(f.outlet, f.quantity.value) for f, _, _ in disputes} == {("live", 1500)}
    assert [c.describe() for c in figure_conflicts(claim, items[2][0].text)] == [
        "number: claim 1200 vs source 1500"]
    # an outlet that counts the claim's own noun anchors it; the beds are rivalled told in
    # the same words (`counts_alike`)
    counted = [*items, (_s("post", "The hospital will hold 1,200 patients on the gasworks "
                                   "site."), "post")]
    assert {(f.outlet, f.quantity.value) for f, _, _ in figure_disputes(claim, counted)} == {
        ("live", 1500)}


@pytest.mark.unit
def test_counts_under_two_nouns_told_in_the_same_words_are_one_measure() -> None:
    # dev kelderby c01: "Eleven people were in the walking party" against "The eleven walkers
    # set out ..." (two outlets) and "Twelve walkers ... set out" (one): conflicting
    claim = "About 52,000 pupils sat the maths exam that leaked."
    items = [
        (_s("wire", "About 52,000 students sat the leaked maths exam on Tuesday."), "wire"),
        (_s("daily", "Some 52,000 students sat the leaked maths exam."), "daily"),
        (_s("live", "More than 60,000 teenagers sat the leaked maths exam on Tuesday."), "live"),
        (_s("live", "More than 60,000 parents have signed the petition.", 1), "live"),
    ]
    disputes = figure_disputes(claim, items)
    assert {(f.outlet, f.sentence.id) for f, _, _ in disputes} == {("live", "live:0")}
    # two counts beside other words are two measures ("taken to hospital" / "rescued")
    assert figure_disputes("Eleven people were taken to hospital after the crash.", [
        (_s("wire", "Eleven people were taken to hospital after the crash."), "wire"),
        (_s("live", "Fourteen crew members were rescued from the sea after the crash."),
         "live")]) == []


@pytest.mark.unit
def test_counts_under_two_nouns_in_sentences_telling_one_event_are_one_measure() -> None:
    # session 44's newcomer: "affecting about 300 staff" against "More than 350 workers at
    # the ... factory ... have lost their night shift": the words beside the two counts
    # differ, but the two sentences tell one event in mostly the same words
    claim = "About 800 employees were affected by the closure of the rolling mill."
    items = [
        (_s("wire", "Ferrox Steel has closed the rolling mill at its plant in Dunhaven, "
                    "affecting about 800 employees."), "wire"),
        (_s("live", "More than 950 workers at the Ferrox Steel plant in Dunhaven have lost "
                    "their jobs at the rolling mill."), "live"),
    ]
    disputes = figure_disputes(claim, items)
    assert {(f.outlet, f.quantity.value) for f, _, _ in disputes} == {("live", 950)}
    # sentences that share little are two measures ("emailed three times" / "two emails")
    assert figure_disputes(claim, [
        items[0],
        (_s("live", "More than 950 workers signed a petition to save the plant."), "live"),
    ]) == []
    # `compare` reads the two sentences' figures as one measure too (s44 newcomer: the 300
    # had been counted as support for the 350) ...
    assert [c.describe() for c in measure_conflicts(items[1][0], items[0][0])] == [
        "number: claim 950 vs source 800"]
    # ... unless one sentence gives the other's value under another noun ("up from nine a
    # month earlier" is no count of months against "climbed to fourteen, up from nine")
    assert measure_conflicts(
        _s("wire", "By then fourteen of the 240 volunteers had reported serious side effects, "
                   "up from nine a month earlier."),
        _s("live", "The number of people reporting serious side effects had climbed to "
                   "fourteen, up from nine in August.")) == []
