"""Bounds on a figure (agent.text.quantities): a comparative bounds it like "more than", a
fraction before a comparative is a share, and two bounds the same way with different ends
are two thresholds, not one figure said loosely (dev: "applies to vehicles weighing more
than 3.5 tonnes" was supported by "over 7.5 tonnes"; "about a quarter fewer trains" was no
figure at all), and what a figure measures is read from the words right beside it
("The turnout in the strike ballot was 87 per cent" against "87 per cent of members voted
for action on a turnout of 71 per cent"). The sentences are made up for these tests."""

from __future__ import annotations

import math

import pytest

from agent.text.quantities import quantities
from agent.types import Sentence
from agent.verification.checks import compare
from agent.verification.claim_figures import figure_rivals


@pytest.mark.unit
@pytest.mark.parametrize(("text", "low", "high"), [
    ("Vans heavier than 3.5 tonnes need a permit.", 3500.0, math.inf),
    ("Towers taller than 30 metres need consent.", 30.0, math.inf),
    ("Children younger than 12 travel free.", 0.0, 12.0),
    ("Boats shorter than 10 metres may moor there.", 0.0, 10.0),
])
def test_a_comparative_bounds_its_figure(text: str, low: float, high: float) -> None:
    (q,) = quantities(text)
    assert (q.low, q.high) == (low, high)


@pytest.mark.unit
def test_as_much_as_is_up_to() -> None:
    """Dev: "fines of as much as $2,000,000" against "fines of up to $2 million". "As much
    as" tells the top of an estimate, as "nearly" does (session 61)."""
    (q,) = quantities("The firm faces fines of as much as $2,000,000.")
    assert q.high == 2_000_000.0 and 0 < q.low < q.high
    sig = compare("The firm faces fines of as much as $2,000,000.",
                  "The firm faces fines of up to $2 million.", 0.8)
    assert sig.conflicts == [] and not sig.missing_numbers


@pytest.mark.unit
def test_other_than_and_rather_than_bound_nothing() -> None:
    (q,) = quantities("Nobody other than 5 wardens may enter.")
    assert q.low == q.high == 5.0
    assert all(q.low == q.high for q in quantities("Rather than 3 votes, he got 2."))


@pytest.mark.unit
def test_a_fraction_before_a_comparative_is_a_share() -> None:
    (q,) = [q for q in quantities("The airline will fly about a third fewer flights this winter.")
            if q.kind == "percent"]
    assert q.head == "flight"
    assert q.low < 100 / 3 < q.high
    assert q.said == "about a third"
    assert compare("The airline will fly about a third fewer flights this winter.",
                   "The airline will fly 20 per cent fewer flights this winter.",
                   0.8).conflicts


@pytest.mark.unit
def test_two_thresholds_of_one_measure_conflict() -> None:
    claim = "The grant covers homes worth more than £500,000."
    sig = compare(claim, "The grant covers homes worth over £750,000.", 0.8)
    assert [c.describe() for c in sig.conflicts] == [
        "number: claim £500,000 vs source £750,000"]
    assert compare("Only children younger than 12 travel free.",
                   "Only children younger than 5 travel free.", 0.8).conflicts


@pytest.mark.unit
def test_another_threshold_conflicts_though_a_smaller_figure_stands_beside_it() -> None:
    # new-story kind: "claim up to £500" against "a £12 credit ..., and ... claim up to
    # £150": the £12 lies under £500 but is not the threshold the claim gives
    claim = "Passengers whose trains were late can claim up to £300 from the operator."
    sentence = ("Every passenger gets a £5 voucher, and those whose trains were late can "
                "claim up to £80 from the operator, it said.")
    sig = compare(claim, sentence, 0.8)
    assert [c.describe() for c in sig.conflicts] == ["number: claim £300 vs source £80"]
    assert not sig.figures_stated
    sig = compare("Towns of fewer than 20,000 people get the grant.",
                  "About 900 towns applied; those of fewer than 5,000 people get the grant.",
                  0.8)
    assert [c.describe() for c in sig.conflicts] == ["number: claim 20,000 vs source 5000"]


@pytest.mark.unit
def test_one_bound_said_two_ways_or_a_figure_inside_it_stays_agreed() -> None:
    claim = "More than 4,000 homes lost power in the storm."
    for sentence in ("Over 4,000 homes lost power in the storm.",
                     "In excess of 4,000 homes lost power in the storm.",
                     "About 4,500 homes lost power in the storm."):
        sig = compare(claim, sentence, 0.8)
        assert sig.conflicts == [], sentence
    assert not compare(claim, "Over 4,000 homes lost power in the storm.", 0.8).missing_numbers


@pytest.mark.unit
def test_two_lower_bounds_of_one_count_are_one_estimate_said_twice() -> None:
    # newcomer trial: "More than 2,000 emergency calls failed" read as contradicted by "at
    # least 2,100 emergency calls ... failed"; the tighter bound states the looser
    claim = "More than 3,000 flights were cancelled during the strike."
    sig = compare(claim, "At least 3,200 flights were cancelled during the strike.", 0.8)
    assert sig.conflicts == [] and not sig.missing_numbers
    # a sum's bounds stay two thresholds
    assert compare("The grant covers homes worth more than £500,000.",
                   "The grant covers homes worth at least £520,000.", 0.8).conflicts


# --- what a figure measures: the words right beside it (conflicts.misbound) ---------------
VOTE = "The mayor won 54 per cent of the vote on a turnout of 38 per cent."


@pytest.mark.unit
def test_a_claims_value_given_to_another_measure_conflicts() -> None:
    (c,) = compare("Turnout in the mayoral election was 54 per cent.", VOTE, 0.8).conflicts
    assert c.describe() == "number: claim 54% vs source 38%"
    (c,) = compare("The fine imposed on the company was £20,000.",
                   "The company was ordered to pay £20,000 in costs and a fine of £5,000.",
                   0.8).conflicts
    assert c.describe() == "number: claim £20,000 vs source £5000"


@pytest.mark.unit
def test_a_value_beside_its_own_measure_or_of_a_part_does_not() -> None:
    assert compare("The mayor won 54 per cent of the vote.", VOTE, 0.8).conflicts == []
    assert compare("Turnout was 38 per cent as the mayor won 54 per cent of the vote.", VOTE,
                   0.8).conflicts == []
    # nine of the children is a part, and counts children, not reports
    assert compare("The regulator has had close to two dozen reports of children "
                   "swallowing magnets.",
                   "The regulator has logged nearly two dozen cases in which children "
                   "swallowed magnets, and nine of those children needed surgery.",
                   0.8).conflicts == []


@pytest.mark.unit
def test_two_figures_joined_as_a_pair_keep_their_own_words() -> None:
    """A health-research newcomer: "colmeridine", two words before "4%", was read as what 4%
    measures, so "11% of patients taking colmeridine reported dizziness" was refuted by the
    sentence giving that 11%. Another pair, in other words."""
    evidence = ("Nausea was reported by 18% of riders on the new saddle and 6% of those on "
                "the old one.")
    assert compare("18% of riders on the new saddle reported nausea.", evidence,
                   0.8).conflicts == []
    # a measure named after the joining word is still the second figure's
    (c,) = compare("The fine imposed on the company was £20,000.",
                   "The company was ordered to pay £20,000 in costs and a fine of £5,000.",
                   0.8).conflicts
    assert c.describe() == "number: claim £20,000 vs source £5000"


@pytest.mark.unit
def test_a_holding_is_no_rival_of_a_count_of_what_happened() -> None:
    """A data-breach newcomer: "Corvane, which has about 3.1 million customers" refuted
    "1.2 million customers had their records exposed". A size still rivals a size, and a
    count joined to its noun ("the 420-bed hospital", dev) reads as either."""
    size = "Orrin Water, which has about 90,000 customers, apologised on Monday."
    assert compare("About 40,000 Orrin Water customers lost supply.", size, 0.8).conflicts == []
    (c,) = compare("Orrin Water has 70,000 customers.", size, 0.8).conflicts
    assert c.describe() == "number: claim 70,000 vs source 90,000"
    assert compare("Northby Hospital has 250 beds.",
                   "Four wards closed at the 420-bed Northby Hospital.", 0.8).conflicts
    assert compare("The judgment ran to 46 pages.",
                   "In a 64-page judgment, the judge found for the couriers.", 0.8).conflicts


@pytest.mark.unit
def test_a_bare_count_after_a_count_of_the_noun_counts_it_too() -> None:
    # a newcomer trial's kind: "needed at least 10 consultants and ... as few as four"
    evidence = ("A safe rota needs at least eight surgeons, the director said, and at times "
                "the Dunford unit has had as few as three.")
    assert compare("At times the Dunford unit has had as few as three surgeons.", evidence,
                   0.8).conflicts == []
    (c,) = compare("A safe rota needs three surgeons.", evidence, 0.8).conflicts
    assert c.describe() == "number: claim 3 vs source 8"


@pytest.mark.unit
def test_a_fraction_ending_its_clause_after_of_is_a_share() -> None:
    (half,) = quantities("The vote needed a legal threshold of one half.")
    assert (half.kind, half.value, half.head) == ("percent", 50.0, "")
    # a part, not a share: nothing "of" before it
    assert quantities("The budget was cut in half.") == ()


@pytest.mark.unit
def test_a_threshold_said_as_a_fraction_keeps_its_word_from_the_other_figure() -> None:
    # "threshold" stands beside the claim's "one half", so it cannot bind 64% to 50%
    sig = compare("The 64% turnout cleared the legal threshold of one half.",
                  "Nurses backed action on a turnout of 64 per cent, above the 50 per cent "
                  "threshold set by law.", 0.8)
    assert sig.conflicts == [] and not sig.missing_numbers


@pytest.mark.unit
def test_two_round_figures_of_one_value_state_each_other() -> None:
    """n3 dev swiftparcel c08: "around 75%" / "about three-quarters"; the labelling rule's
    "nearly three decades" / "about thirty years"."""
    (share,) = quantities("Around 75% of drivers work weekends.")
    (fraction,) = quantities("About three-quarters of drivers work weekends.")
    assert share.stated_by(fraction)
    (nearly,) = quantities("The firm has run the route for nearly thirty years.")
    (about,) = quantities("The firm has run the route for about three decades.")
    assert nearly.stated_by(about)
    # a bound is no round figure: "about 4,000" does not say "more than 4,000"
    (more,) = quantities("More than 4,000 homes lost power.")
    (round_,) = quantities("About 4,000 homes lost power.")
    assert not more.stated_by(round_)


@pytest.mark.unit
@pytest.mark.parametrize(("text", "low", "high"), [
    # dev wexcombe c02: "add up to £412,000,000" was read as at most £412m
    ("The deposits moved to Marlow add up to £96,000,000.", 96_000_000, 96_000_000),
    ("Last year's fines added up to 40,000 dollars.", 40_000, 40_000),
    ("The scheme will cost up to £3m.", 0, 3_000_000),  # a bound still
])
def test_add_up_to_states_a_total_not_a_bound(text: str, low: float, high: float) -> None:
    (q,) = quantities(text)
    assert (q.low, q.high) == (low, high)


@pytest.mark.unit
def test_short_of_a_round_mark_leaves_the_room_of_a_share() -> None:
    """ "just under £2m" and "nearly 1,000" fall short of a figure written to one
    significant digit: another outlet's "about £1.85m" or "910" is the same figure (a
    health newcomer: "just under £1m" a year against "about £900,000"), while a figure of
    two digits keeps the finer room."""
    claim = "The scheme will cost just under £2m a year, the trust said."
    assert compare(claim, "The scheme will cost about £1.85m a year.", 0.8).conflicts == []
    assert compare("Nearly 1,000 patients took part in the trial.",
                   "In all, 910 patients took part in the trial.", 0.8).conflicts == []
    assert [c.describe() for c in compare(
        "Nearly 1,200 patients took part in the trial.",
        "In all, 1,110 patients took part in the trial.", 0.8).conflicts] == [
            "number: claim 1200 vs source 1110"]


@pytest.mark.unit
def test_within_a_span_is_at_most_that_span() -> None:
    # a health newcomer: one patient's "healed in nine weeks" was set against a trial's
    # "healed within 12 weeks"
    (q,) = quantities("Most burns treated with the dressing closed within six weeks.")
    assert (q.kind, q.low, q.high) == ("duration", 0.0, pytest.approx(6 * 7 / 365))
    claim = "Most burns treated with the dressing closed within six weeks."
    assert compare(claim, "Her burn closed in four weeks, she said.", 0.8).conflicts == []
    assert [c.describe() for c in compare(
        claim, "Most burns treated with the dressing closed in nine weeks.", 0.8).conflicts] \
        == ["number: claim 6 weeks vs source 9 weeks"]


@pytest.mark.unit
def test_short_durations_keep_only_rounding_room() -> None:
    (a,), (b,) = quantities("in 48 hours"), quantities("in 72 hours")
    (c,), (d,) = quantities("within 48 hours"), quantities("within 72 hours")
    assert a.kind == b.kind == "duration" and not a.agrees(b)
    assert c.high < d.high and c.rival_bound(d)  # "within": two limits of one thing


@pytest.mark.parametrize(("approximate", "exact"), [
    # a newcomer's planning story: "nearly a dozen shops" was a difference from "11 shops"
    ("The high street has lost nearly a dozen shops in two years.",
     "Eleven shops have closed on the high street."),
    ("About 15 people were hurt in the crash.", "Sixteen people were hurt in the crash."),
])
def test_an_approximate_count_allows_one_either_side(approximate: str, exact: str) -> None:
    assert not compare(exact, approximate).conflicts


def test_an_approximate_count_still_rules_out_two_off() -> None:
    (c,) = compare("Ten shops have closed on the high street.",
                   "The high street has lost nearly a dozen shops in two years.").conflicts
    assert c.kind == "number"


@pytest.mark.unit
@pytest.mark.parametrize("idiom", ["in the region of", "in the order of", "to the tune of"])
def test_an_idiom_of_an_amount_hedges_its_figure(idiom: str) -> None:
    """An idiom of an amount says the figure roughly, as "about" does, and is part of it as
    said (agent.text.bounds)."""
    (q,) = quantities(f"The club will borrow {idiom} £40 million.")
    assert q.approx and q.low < 40e6 < q.high and q.said.startswith(idiom)


def _sentence(article: str, text: str) -> Sentence:
    return Sentence(id=f"{article}:0", article_id=article, doc_id=article, start=0,
                    end=len(text), text=text)


@pytest.mark.unit
@pytest.mark.parametrize("idiom", ["to the tune of", "in the region of", "in the order of"])
def test_an_idiom_of_an_amount_is_part_of_the_figure_and_its_rival_is_found(idiom: str) -> None:
    """Dev torvane c13: "funded by the company to the tune of £3.2 million" was no version of
    "is funding the study with £3.8 million", its frame read "the company to the tune of"
    and its thing as a "tune". A made-up repair story in other words."""
    items = [
        (_sentence("wire", "Marrow Council, which is funding the repairs with £2.5 million, said "
                    "work would start in May."), "wire"),
        (_sentence("daily", "The bridge will be shut for a year while engineers strengthen it, "
                     f"funded by the council {idiom} £2.1 million."), "daily"),
    ]
    rivals = figure_rivals("The council is funding the bridge repairs with £2.5 million.",
                           items)
    assert [(f.outlet, f.quantity.value) for f, _ in rivals] == [("daily", 2_100_000)]
    assert rivals[0][0].quantity.said == f"{idiom} £2.1 million"


# A verb of going past a mark bounds its figure as "above" does, and "once" opening a clause
# is a conjunction, not a count (a dev story of session 58: "stages to be cleared once gusts
# go above 45mph" against "cleared when gusts exceed 45mph" lacked a figure "once gusts").
@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "The pumps start when river levels exceed 4.2 metres.",
    "Ticket sales topped £2m within days.",
    "The appeal has surpassed 12,000 signatures.",
])
def test_a_verb_of_going_past_a_mark_bounds_its_figure(text: str) -> None:
    (q,) = quantities(text)
    assert math.isinf(q.high) and q.low > 0


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "The pool will reopen once staff return from leave.",
    "Once repairs are finished, trains will run every ten minutes.",
    "Gates shut once crowds reach the barrier.",
])
def test_once_opening_a_clause_is_no_count(text: str) -> None:
    assert not [q for q in quantities(text) if q.kind == "count" and q.value == 1.0]


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "The committee met only once last year.",
    "Councillors met once behind closed doors.",
])
def test_once_after_its_verb_is_still_a_count(text: str) -> None:
    assert [q for q in quantities(text) if q.kind == "count" and q.value == 1.0]


@pytest.mark.unit
def test_a_threshold_said_with_either_word_is_stated() -> None:
    sig = compare("The plan requires stages to be cleared once gusts go above 50mph.",
                  "The plan requires stages to be cleared when gusts exceed 50mph.", 0.8)
    assert sig.conflicts == [] and not sig.missing_numbers


@pytest.mark.unit
@pytest.mark.parametrize(("claim", "source", "stated"), [
    # an estimate told at its top is stated by its top only (a crime newcomer, session 61:
    # "as much as 2.4 million pounds" was supported by "about £1.5 million")
    ("as much as 2.4 million pounds went missing", "about £1.5 million went missing", False),
    ("as many as 90 jobs could go", "60 jobs could go", False),
    ("as much as 2.4 million pounds went missing", "£2.4m went missing", True),
    ("fines of as much as $2,000,000", "fines of up to $2 million", True),
    # a limit said as a cap is no figure below it ("a maximum of 300" / "200 fans")
    ("a maximum of 300 fans", "200 fans", False),
    # a limit is stated by a figure within it
    ("fewer than 55,000 pupils", "52,000 pupils", True),
])
def test_an_estimate_at_its_top_is_stated_by_its_top(claim: str, source: str,
                                                     stated: bool) -> None:
    (c,), (e,) = quantities(claim), quantities(source)
    assert c.stated_by(e) is stated


@pytest.mark.parametrize(("a", "b", "agree"), [
    # a newcomer's fraud trial (session 71): written to the thousand, "about" is no 5% room
    ("lost about £312,000", "lost around £327,000", False),
    ("some 2,450 fish died", "about 2,520 fish died", False),
    ("some 2,450 fish died", "an estimated 2,500 fish died", True),  # a round one
    ("about 1,250 staff", "1,245 staff", True),
    # a round figure keeps its room
    ("about 4,000 homes", "4,150 homes", True),
    ("about 45 people", "47 people", True),
])
def test_a_precise_figure_hedged_has_the_room_of_its_last_digit(
        a: str, b: str, agree: bool) -> None:
    (qa,), (qb,) = quantities(a), quantities(b)
    assert qa.agrees(qb) is agree
