"""A figure's place in a change (agent.text.changes): "from X to Y" said of a change is two
values of one thing, before and after, not a range; "up from X" is the value before.

Found by a newcomer trial (session 39): "fares will rise from £6 to £8" was read as the
range £6-£8, so a source's £7 stated it and no outlet contradicted the £8. The variants here
are invented, in other domains than the trial's ferry fares."""

from __future__ import annotations

import pytest

from agent.text.quantities import quantities
from agent.verification.checks import compare


def _read(text: str) -> list[tuple[float, float, float, str]]:
    return [(q.value, q.low, q.high, q.phase) for q in quantities(text)]


@pytest.mark.unit
@pytest.mark.parametrize(("text", "read"), [
    ("Rents on the estate will rise from £450 to £520 a month.",
     [(450, 450, 450, "before"), (520, 520, 520, "after")]),
    ("The club's wage bill fell from $3.1 million to $2.6 million.",
     [(3.1e6, 3.1e6, 3.1e6, "before"), (2.6e6, 2.6e6, 2.6e6, "after")]),
    ("Turnout climbed from 41% to 48%.", [(41, 41, 41, "before"), (48, 48, 48, "after")]),
    ("The mill cut its shifts from 40 jobs to 28.",
     [(40, 40, 40, "before"), (28, 28, 28, "after")]),
    # a count whose noun is named before it, its clause ending at the change
    ("The number of burst mains rose from eight to 13.",
     [(8, 8, 8, "before"), (13, 13, 13, "after")]),
    # the value moved away from, after "up" or "down"
    ("A season ticket costs £610, up from £575.",
     [(610, 610, 610, ""), (575, 575, 575, "before")]),
    # "go up to" is a change, not an upper bound
    ("Parking at the hospital will go up to £4.20 an hour.", [(4.2, 4.2, 4.2, "after")]),
])
def test_a_change_is_two_values_not_a_range(text: str, read: list[tuple[float, ...]]) -> None:
    got = _read(text)
    assert [g[3] for g in got] == [r[3] for r in read]
    assert [g[:3] for g in got] == [pytest.approx(r[:3]) for r in read]


@pytest.mark.unit
@pytest.mark.parametrize(("text", "low", "high"), [
    ("Water temperatures ranging from 11 to 14 degrees were recorded.", 11, 14),
    ("from ten to twelve people", 10, 12),  # a bare count's "from X to Y" is a spread
    ("Fines of up to £5,000 can be imposed.", 0, 5000),  # a bound without "go"
])
def test_a_spread_or_a_bound_stays_an_interval(text: str, low: float, high: float) -> None:
    (q,) = quantities(text)
    assert (q.low, q.high, q.phase) == (pytest.approx(low), pytest.approx(high), "")


@pytest.mark.unit
def test_a_claimed_new_value_meets_the_source_new_value() -> None:
    source = "Rents on the Hillcrest estate will go up from £450 to £480 a month, the trust said."
    sig = compare("Rents on the Hillcrest estate are rising from £450 to £520 a month.", source,
                  score=0.8)
    assert [c.describe() for c in sig.conflicts] == ["number: claim £520 vs source £480"]
    assert compare("Rents on the Hillcrest estate are rising from £450 to £480 a month.",
                   source, score=0.8).figures_stated


@pytest.mark.unit
def test_the_value_before_a_change_is_not_the_value_now() -> None:
    source = "A season ticket at Ashgrove Park costs £610, up from £575, the club said."
    # the old price neither states nor contradicts a claim of what it costs
    sig = compare("A season ticket at Ashgrove Park costs £575.", source, score=0.8)
    assert not sig.figures_stated
    assert [c.describe() for c in sig.conflicts] == ["number: claim £575 vs source £610"]
    # and a value inside the old and new ones is stated by neither
    between = compare("A season ticket at Ashgrove Park costs £590.",
                      "Season tickets at Ashgrove Park will rise from £575 to £610.", score=0.8)
    assert not between.figures_stated


@pytest.mark.unit
def test_a_changed_count_meets_the_source_count_after_the_change() -> None:
    """Found by a newcomer on a new story: "rose from nine to 16" was not refuted by
    "rose from nine to 14": both were read as ranges, and they overlap."""
    sig = compare("The number of burst mains in Eastwick rose from eight to 17.",
                  "Engineers said the number of burst mains in Eastwick rose from eight to 13.",
                  score=0.8)
    assert [c.describe() for c in sig.conflicts] == ["number: claim 17 vs source 13"]
    # what the two figures count is named before them
    assert {q.head for q in quantities("The number of complaints rose from eight to 13.")} == {
        "complaint"}


def test_a_hedged_value_after_a_change_keeps_its_phase() -> None:
    """A business newcomer (session 52): "expected to fall from £68m to about £42m" read as
    two figures of no change, so "about £42m ..., down from £68m" did not state it."""
    found = quantities("Profit is expected to fall from £68m to about £42m.")
    assert [(q.phase, q.approx) for q in found] == [("before", False), ("after", True)]
    sig = compare("Profit is expected to fall from £68m to about £42m.",
                  "The firm expects profit of about £42m, down from £68m a year earlier.")
    assert sig.figures_stated and not sig.missing_numbers and sig.conflicts == []


@pytest.mark.unit
@pytest.mark.parametrize(("text", "phases"), [
    ("The trust trimmed its grant to the hospice by £75,000.", ["delta"]),
    ("Membership fell 12% last year.", ["delta"]),
    ("The orchestra won back two of its lost concerts.", ["delta"]),
    ("The board announced 140 job cuts at the Westfold depot.", ["delta"]),
    ("Fees face a 9 per cent rise in September.", ["delta"]),
    ("Shares in Corvel were down 6% at noon.", ["delta"]),
    ("Corvel shares ended the day 14% higher.", ["delta"]),
    # the value a change ends at, and figures said of no change
    ("The grant was reduced to £40,000.", ["after"]),
    ("Nine people fall ill each winter.", [""]),
    ("The hospice has 140 staff.", [""]),
])
def test_the_amount_of_a_change_has_its_own_phase(text: str, phases: list[str]) -> None:
    """A newcomer trial (session 56): "won back four points" was refuted by "reduced the
    deduction from ten points to six", its 4 read against the 6 the change ends at."""
    assert [q.phase for q in quantities(text)] == phases


@pytest.mark.unit
def test_the_values_of_a_change_state_its_amount_and_do_not_rival_it() -> None:
    source = "The county's grant to Larchfield Hospice falls from £310,000 to £235,000."
    sig = compare("The county cut its grant to Larchfield Hospice by £75,000.", source,
                  score=0.8)
    assert sig.conflicts == [] and sig.figures_stated and not sig.missing_numbers
    # as a share of the value before: 75,000 of 310,000 is 24.2%
    share = compare("The county's grant to Larchfield Hospice is being cut by 24.2%.", source,
                    score=0.8)
    assert share.conflicts == [] and share.figures_stated
    # another amount is not stated by the pair, and the pair gives no rival of it either
    other = compare("The county cut its grant to Larchfield Hospice by £90,000.", source,
                    score=0.8)
    assert other.conflicts == [] and not other.figures_stated and other.missing_numbers


@pytest.mark.unit
def test_two_amounts_of_one_change_still_disagree() -> None:
    sig = compare("The county cut its grant to Larchfield Hospice by £75,000.",
                  "The county slashed the Larchfield Hospice grant by £90,000.", score=0.8)
    assert [c.describe() for c in sig.conflicts] == ["number: claim £75,000 vs source £90,000"]
    # and a value claimed after the change still meets the source's
    level = compare("The county's grant to Larchfield Hospice will be £250,000.",
                    "The county's grant to Larchfield Hospice falls from £310,000 to £235,000.",
                    score=0.8)
    assert [c.describe() for c in level.conflicts] == ["number: claim £250,000 vs source £235,000"]
