"""Values the outlets of a story give differently: two limits that differ are a dispute, a
figure that fits both versions joins its own, and a point line that tells the version most
outlets give says that it is contested (a newcomer's story: "up to 120 lorry movements a
day" / "as many as 210" were read as compatible, and the summary printed 210 as fact)."""

from __future__ import annotations

import pytest

from agent.generation.contested import contested_marked, difference_versions
from agent.generation.differences import story_differences
from agent.generation.extractive import Cluster
from agent.generation.story_points import Point
from agent.generation.story_summary import assemble, extractive_line
from agent.text.glosses import DISPUTED_GLOSS, strip_glosses
from agent.text.quantities import Quantity, quantities
from agent.types import Sentence
from agent.verification.claim_figures import CLAIM_OUTLET, figure_disputes

NAMES = {"wire": "Delta Wire", "daily": "The Orrin Daily", "blog": "RiverWatch"}


def _s(article: str, text: str, index: int = 0) -> Sentence:
    return Sentence(id=f"{article}:{index}", article_id=article, doc_id=article, start=0,
                    end=len(text), text=text)


def _q(text: str) -> Quantity:
    (q,) = quantities(text)
    return q


def test_two_limits_agree_only_as_the_limits_agree() -> None:
    up_to = _q("The permit allows up to 90 boat launches a day.")
    as_many = _q("The permit allows as many as 150 boat launches a day.")
    assert up_to.cap and as_many.cap
    assert not up_to.agrees(as_many)
    assert up_to.agrees(_q("The permit allows a maximum of 90 launches a day."))
    # a count within a limit, and two bounds of estimates, still agree
    assert up_to.agrees(_q("About 90 boat launches a day are expected."))
    fewer = _q("Fewer than 4 in 10 voters turned out.")
    assert fewer.agrees(_q("Under half of voters turned out."))


def test_a_figure_fitting_both_versions_joins_its_own_value() -> None:
    items = [
        (_s("wire", "The permit allows up to 90 boat launches a day from the Kelby slipway."),
         "wire"),
        (_s("daily", "The new permit still allows 90 boat launches a day from the slipway at "
                     "Kelby."), "daily"),
        (_s("blog", "The permit allows as many as 150 boat launches a day from the Kelby "
                    "slipway."), "blog"),
    ]
    (diff,) = story_differences(items, NAMES.__getitem__)
    # (the side is shown as its seed figure writes it: "90" or "up to 90")
    sides = {side.values[0].removeprefix("up to "): set(side.outlets) for side in diff.sides}
    assert sides == {"90 launches": {"Delta Wire", "The Orrin Daily"},
                     "as many as 150 launches": {"RiverWatch"}}


def test_a_point_line_telling_the_majority_version_says_it_is_contested() -> None:
    lead = _s("wire", "Kelby council granted the permit on Monday, allowing up to 90 boat "
                      "launches a day from the slipway.")
    lead2 = _s("daily", "The permit granted by Kelby council on Monday allows up to 90 boat "
                        "launches a day from the slipway.")
    other = _s("blog", "The permit allows as many as 150 boat launches a day from the Kelby "
                       "slipway.", 3)
    cluster = Cluster(Point(members=[(lead, "wire", 1.0), (lead2, "daily", 0.9)]), lead, 0)
    diffs = story_differences([(lead, "wire"), (lead2, "daily"), (other, "blog")],
                              NAMES.__getitem__)
    lines = assemble([cluster], extractive_line, NAMES.__getitem__, lambda a, b: 0.9, 120,
                     diffs)
    assert [x.origin for x in lines] == ["extractive", "difference"]
    point = lines[0].text
    assert f"up to 90 boat launches{DISPUTED_GLOSS} a day" in point
    # the note is the editor's: a judge of what the source prints reads the sentence as is
    assert strip_glosses(point) == lead.text


def test_the_mark_follows_a_figure_with_no_noun_directly() -> None:
    """Found reading the change: with no counted noun, the noun pattern took the next words
    ("began in 2023 when nurses [outlets differ] complained")."""
    items = [(_s("wire", "The Kelby inquiry began in 2023 after staff complained."), "wire"),
             (_s("daily", "The Kelby inquiry began in 2023, staff said."), "daily"),
             (_s("blog", "The Kelby inquiry began in 2021 after staff complained."), "blog")]
    diffs = story_differences(items, NAMES.__getitem__)
    line = "Kelby's inquiry began in 2023 when nurses complained about the ward."
    assert contested_marked(line, difference_versions(diffs)) == (
        f"Kelby's inquiry began in 2023{DISPUTED_GLOSS} when nurses complained about the ward.")
    # a day's month and a tally's second count are part of the figure
    dates = story_differences(
        [(_s("wire", "The Kelby ferry fare rises from 1 April, the operator said."), "wire"),
         (_s("daily", "The Kelby ferry fare rises from 1 April."), "daily"),
         (_s("blog", "The Kelby ferry fare rises from 6 April."), "blog")], NAMES.__getitem__)
    line = "Fares on the Kelby ferry go up from 1 April, the company said."
    assert contested_marked(line, difference_versions(dates)) == (
        f"Fares on the Kelby ferry go up from 1 April{DISPUTED_GLOSS}, the company said.")
    votes = story_differences(
        [(_s("wire", "Councillors backed the Kelby ban by 14 votes to 9 on Monday."), "wire"),
         (_s("daily", "The Kelby ban was backed by 14 votes to nine on Monday."), "daily"),
         (_s("blog", "Councillors backed the Kelby ban by 15 votes to 8 on Monday."), "blog")],
        NAMES.__getitem__)
    line = "The council backed the ban by 14 votes to 9, after a long debate."
    assert contested_marked(line, difference_versions(votes)) == (
        f"The council backed the ban by 14 votes to 9{DISPUTED_GLOSS}, after a long debate.")


def test_one_group_counted_under_two_nouns_by_two_outlets_is_a_difference() -> None:
    # session 44's newcomer: "affecting about 300 staff" / "More than 350 workers ... have
    # lost their night shift" had no difference line (counts were compared noun by noun)
    items = [
        (_s("wire", "Ferrox Steel has closed the rolling mill at its plant in Dunhaven, "
                    "affecting about 800 employees."), "wire"),
        (_s("daily", "More than 950 workers at the Ferrox Steel plant in Dunhaven have lost "
                     "their jobs at the rolling mill."), "daily"),
        # a count of other people in other words is no version of it
        (_s("blog", "About 40 parents protested outside the Dunhaven town hall.", 1), "blog"),
    ]
    (diff,) = story_differences(items, NAMES.__getitem__)
    outlets = [set(side.outlets) for side in diff.sides]
    assert sorted(map(sorted, outlets)) == [["Delta Wire"], ["The Orrin Daily"]]
    assert any("800" in v for side in diff.sides for v in side.values)
    assert any("950" in v for side in diff.sides for v in side.values)


@pytest.mark.parametrize(("value", "bound", "same"), [
    # a newcomer's court story: "stole more than £1.2 million" gave a claim's £2.1m
    ("took £2.1m from the firm", "stole more than £1.2 million from the firm", False),
    ("moved £1,214,000 out of the firm", "stole more than £1.2 million from the firm", True),
    ("4,500 homes lost power", "more than 4,000 homes lost power", True),
    ("6,500 homes lost power", "more than 4,000 homes lost power", False),
    ("150 people were evacuated", "fewer than 200 people were evacuated", True),
    ("50 people were evacuated", "fewer than 200 people were evacuated", False),
])
def test_a_bound_is_the_version_of_values_within_a_step_of_its_precision(
        value: str, bound: str, same: bool) -> None:
    v, b = _q(value), _q(bound)
    assert v.agrees(b)  # both can be true; only as versions do they differ
    assert v.same_version(b) is same and b.same_version(v) is same


def test_a_claim_beyond_an_outlets_bound_is_refuted_by_the_outlets_value() -> None:
    """No outlet gives a claim's £2.1m when one says "more than £1.2 million": the claim's
    own figure anchors its measure, and both outlets are rivals (before, the bound gave the
    claim's value and the verdict was conflicting)."""
    wire = _s("wire", "The court heard that Trask took £1,214,000 from the firm.")
    daily = _s("daily", "Trask, who took more than £1.2 million from the firm, was jailed.")
    found = figure_disputes("Trask took £2.1m from the firm.", [(wire, "wire"), (daily, "daily")])
    assert {rival.outlet for rival, _, _ in found} == {"wire", "daily"}
    assert {anchor.outlet for _, _, anchor in found} == {CLAIM_OUTLET}
    # and the bound is a version of its own against another outlet's £2.1m
    blog = _s("blog", "Trask took £2.1m from the firm, the blog claims.")
    (diff,) = story_differences([(daily, "daily"), (blog, "blog")], NAMES.__getitem__)
    assert [side.outlets for side in diff.sides] == [["The Orrin Daily"], ["RiverWatch"]]


def test_a_count_of_staff_qualified_by_an_adjective_is_a_version_of_a_count_of_staff() -> None:
    """A newcomer's theatre story: "Twenty-two permanent staff will be made redundant" and
    "with 28 staff set to lose their jobs" were never two versions of one count."""
    wire = _s("wire", "At the theatre, twenty-two permanent staff will be made redundant.")
    daily = _s("daily", "The theatre will close, with 28 staff set to lose their jobs.")
    found = figure_disputes("Twenty-two permanent staff at the theatre will lose their jobs.",
                            [(wire, "wire"), (daily, "daily")])
    assert [(rival.outlet, rival.quantity.value) for rival, _, _ in found] == [("daily", 28.0)]


def test_a_value_the_anchors_own_outlet_also_gives_measures_another_thing() -> None:
    """A newcomer's theatre story: the column's "the £450,000 grant had to go" (the
    council's grant) contradicted a claim of the Arts Board's £1.2m grant, though the wire
    that gives £1.2m gives the council's £450,000 too: two grants, not two versions."""
    claim = "The Arts Board declined to renew a three-year grant worth £1.2m."
    items = [
        (_s("wire", "The Arts Board has declined to renew a three-year grant worth £1.2m."),
         "wire"),
        (_s("wire", "The council is ending its £450,000 grant to the theatre.", 1), "wire"),
        (_s("blog", "The council leader tells us the £450,000 grant had to go."), "blog"),
    ]
    assert figure_disputes(claim, items) == []
    other = (_s("daily", "The Arts Board has declined to renew its three-year grant worth "
                         "£1.5m."), "daily")
    assert [rival.outlet for rival, _, _ in figure_disputes(claim, [*items, other])] == ["daily"]


def test_a_bound_on_a_share_of_other_things_gives_no_claim_share() -> None:
    """Dev orrin c10, once "one in ten" was read as a share: the wire's "fewer than one in
    ten had crossed the picket line" gave the claim's "6 per cent pay settlement", so the
    wire's 9 per cent was no rival of it."""
    wire = [_s("wire", "The union wants a rise of 9 per cent, its organiser said.", 0),
            _s("wire", "He said fewer than one in ten staff had crossed the picket line.", 1)]
    found = figure_disputes("The security officers agreed a 6 per cent pay rise.",
                            [(s, "wire") for s in wire])
    assert [(rival.outlet, rival.quantity.value) for rival, _, _ in found] == [("wire", 9.0)]
