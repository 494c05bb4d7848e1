"""Which two figures a story difference sets against each other, when one outlet gives two
values of one measure (agent.generation.differences), and the points the summary leaves to
its difference lines (agent.generation.story_summary.assemble)."""

from __future__ import annotations

from agent.generation.differences import story_differences
from agent.generation.extractive import Cluster
from agent.generation.story_points import Point
from agent.generation.story_summary import assemble, extractive_line
from agent.types import Sentence


def _s(article: str, text: str, index: int = 0) -> Sentence:
    return Sentence(id=f"{article}:{index}", article_id=article, doc_id=article, start=0,
                    end=len(text), text=text)


NAMES = {"wire": "Delta Wire", "daily": "The Orrin Daily", "post": "Orrin Post",
         "live": "OrrinLive"}


def test_the_value_other_outlets_repeat_is_the_one_in_dispute() -> None:
    # The wire's fleet size and its count of stranded buses are two values of "buses": the
    # count two other outlets repeat is the version OrrinLive's 60 disputes.
    items = [
        (_s("wire", "Northway has about 140 buses nationally.", 1), "wire"),
        (_s("wire", "About 40 buses and 300 drivers were stranded by the flooding across the "
                    "valley, according to Northway.", 2), "wire"),
        (_s("daily", "Some 40 buses were stranded across the valley by the flooding."), "daily"),
        (_s("post", "The flooding stranded 40 buses on Tuesday, the company said."), "post"),
        (_s("live", "An estimated 60 Northway buses in the region were stranded, along with "
                    "Northway's coaches."), "live"),
    ]
    (diff,) = story_differences(items, NAMES.__getitem__)
    many, one = diff.sides
    assert {q.value for q in many.figures} == {40} and {q.value for q in one.figures} == {60}
    assert set(many.outlets) == {"Delta Wire", "The Orrin Daily", "Orrin Post"}
    assert "140" not in diff.text()


def test_a_point_that_a_difference_line_tells_again_is_left_out() -> None:

    # dev alder: "Pellow, who was granted bail, will be sentenced on 14 November [outlets
    # differ]" printed above the line its own clause leads
    hearing = _s("wire", "The appeal against the fine will be heard on 14 May.", 3)
    hearing2 = _s("daily", "The appeal against the fine will be heard on 14 May.", 5)
    other = _s("live", "The appeal against the fine will be heard on 21 May, its lawyers said.", 2)
    lead = _s("wire", "Northway was fined £40,000 over the flooded depot.", 0)
    lead2 = _s("daily", "A £40,000 fine was imposed on Northway over its flooded depot.", 0)
    clusters = [Cluster(Point(members=[(lead, "wire", 1.0), (lead2, "daily", 0.9)]), lead, 0),
                Cluster(Point(members=[(hearing, "wire", 0.8), (hearing2, "daily", 0.8)]),
                        hearing, 1)]
    diffs = story_differences([(hearing, "wire"), (hearing2, "daily"), (other, "live")],
                              NAMES.__getitem__)
    assert diffs and diffs[0].lead.startswith("The appeal against the fine will be heard")
    lines = assemble(clusters, extractive_line, NAMES.__getitem__, lambda a, b: 0.9, 120,
                     diffs)
    assert [x.origin for x in lines] == ["extractive", "difference"]
    assert lines[0].text.startswith("Northway was fined")


def test_a_near_miss_named_far_back_is_still_the_antecedent() -> None:
    # dev tollan: "The valley has about 60 hop farms" (the Tollan Valley, named in the lead)
    # set against "The Tallan Valley, which has about 25 hop farms"
    wire = ["Apple growers in the Marlow Vale are clearing orchards after a blight was "
            "confirmed on Friday.", "The ministry has set aside £2m for compensation.",
            "Growers say the payment is too small.", "The ministry rejected that account.",
            "Inspectors will visit every orchard this month.",
            "The vale has about 60 apple farms and grows a third of the country's apples."]
    daily = ["Orchards across the Marlow Vale are being cleared.",
             "The Marrow Vale, which has about 25 apple farms, escaped the blight in 2024."]
    items = [(_s("wire", t, n), "wire") for n, t in enumerate(wire)]
    items += [(_s("daily", t, n), "daily") for n, t in enumerate(daily)]
    assert story_differences(items, NAMES.__getitem__) == []


def test_a_day_gone_by_an_irregular_verb_is_no_version_of_a_day_to_come() -> None:
    # dev brenford (session 43's reader): "The timetable, which came into force on Sunday"
    # had been set against "will switch to a temporary, reduced timetable from Monday 18
    # May": "came" and "brought" are past verbs as much as "introduced" is.
    came = _s("wire", "The timetable, which came into force on Saturday, was meant to add more "
                      "than 300 extra sailings a week across the Orrin network.")
    brought = _s("post", "Tarn Ferries, which brought in its own new timetable on the same "
                         "Saturday, has run 95 per cent of its sailings on time since then, "
                         "according to its managing director, Ann Pell.")
    coming = _s("live", "Orrin Ferries will switch to a temporary, reduced timetable from "
                        "Wednesday 20 May after almost 900 sailings were cancelled in the "
                        "first three days of its new schedule.")
    items = [(came, "wire"), (brought, "post"), (coming, "live")]
    assert story_differences(items, NAMES.__getitem__) == []
    # two past days of one start are still two versions
    other = _s("live", "The timetable, which came into force on Sunday, was meant to add more "
                       "than 300 extra sailings a week across the Orrin network.")
    (diff,) = story_differences([(came, "wire"), (other, "live")], NAMES.__getitem__)
    assert [(side.values, side.outlets) for side in diff.sides] == [
        (("Saturday",), ["Delta Wire"]), (("Sunday",), ["OrrinLive"])]


def test_a_sum_that_names_its_thing_is_no_version_of_another_sum() -> None:
    """A newcomer trial (session 47): "The average overcharge was £31" and "pay every
    affected household a £50 goodwill payment" were shown as two outlets' sums. A sum
    followed by a noun that is no verb names what it is (measured.thing_after); a sentence
    without that noun gives no version of it. "a £600k cut" may be told with a verb
    ("slashed ... by £800,000"), so a noun that is also a verb names nothing."""
    from agent.text.measured import thing_after
    from agent.text.quantities import quantities

    payment = "Councillors want every affected home to get a £50 goodwill payment."
    assert [thing_after(payment, q) for q in quantities(payment)] == ["payme"]
    cut = "The ferry firm blames a £600k cut to its subsidy."
    assert [thing_after(cut, q) for q in quantities(cut)] == [""]
    items = [
        (_s("wire", "The average overcharge for Delta Energy households was £31."), "wire"),
        (_s("daily", "Households overcharged by Delta Energy should get a £50 goodwill "
                     "payment, councillors said."), "daily"),
    ]
    assert story_differences(items, NAMES.__getitem__) == []
    # the same payment given two values is still a difference
    other = (_s("post", "Councillors asked Delta Energy for a £75 goodwill payment for "
                        "every overcharged household."), "post")
    (diff,) = story_differences([items[1], other], NAMES.__getitem__)
    assert {v for side in diff.sides for v in side.values} == {"£50", "£75"}


def test_two_outlets_different_estimates_are_two_versions() -> None:
    """A newcomer trial (session 47): "about 38,000 customers" (wire) and "about 36,000
    customers" (a rewrite) were shown nowhere: each estimate's room held the other's
    value. Two estimates of one value are one version."""
    from agent.text.quantities import quantities

    wire = (_s("wire", "Delta Energy will refund about 38,000 customers who were billed "
                       "twice."), "wire")
    daily = (_s("daily", "About 36,000 customers were billed twice, Delta Energy said."),
             "daily")
    (diff,) = story_differences([wire, daily], NAMES.__getitem__)
    assert {v for side in diff.sides for v in side.values} == {
        "about 38,000 customers", "about 36,000 customers"}
    same = (_s("post", "Some 38,000 customers were billed twice by Delta Energy."), "post")
    assert story_differences([wire, same], NAMES.__getitem__) == []
    (a,), (b,) = quantities("about 38,000 homes"), quantities("more than 36,000 homes")
    assert a.same_version(b)  # a bound is no estimate: it allows the other's value


# A newcomer's theatre story (session 58): "the 420-seat theatre" and "the 450-seat venue",
# in sentences sharing one word, were no difference; "two-thirds" and "around 66 per cent"
# were one.
def test_a_things_size_as_a_modifier_differs_whatever_its_sentence_tells() -> None:
    items = [
        (_s("wire", "The grant pays for two-thirds of the 240-bed hospital's running costs."),
         "wire"),
        (_s("live", "Nearly 50 nurses work at the 280-bed infirmary, which opened in 1968."),
         "live"),
    ]
    (diff,) = story_differences(items, NAMES.__getitem__)
    assert sorted(v for side in diff.sides for v in side.values) == ["240-bed", "280-bed"]


def test_sizes_of_other_kinds_as_modifiers_are_no_difference() -> None:
    # a length or a duration as a modifier may be of different things
    items = [
        (_s("wire", "The board approved a 12-week trial of the new timetable."), "wire"),
        (_s("live", "Passengers face a 6-week closure of the line in spring."), "live"),
    ]
    assert story_differences(items, NAMES.__getitem__) == []


def test_a_fraction_and_its_percentage_are_one_version() -> None:
    items = [
        (_s("wire", "The grant makes up two-thirds of the theatre's income."), "wire"),
        (_s("live", "The grant makes up around 66 per cent of the theatre's income."), "live"),
    ]
    assert story_differences(items, NAMES.__getitem__) == []
    # a percentage further off is another version
    other = [items[0], (_s("live", "The grant makes up around 60 per cent of the theatre's "
                                   "income."), "live")]
    assert len(story_differences(other, NAMES.__getitem__)) == 1


def test_a_point_told_with_a_disputed_count_is_told_by_another_outlet_s_sentence() -> None:
    # a science newcomer (session 60): the study's main finding, best told by the outlet
    # whose count of sites the others dispute, was left out of the summary altogether
    minority = _s("daily", "Nitrates above the safe limit were found at most of the 44 "
                           "sampling points on the River Brant, researchers said.", 0)
    majority = _s("wire", "Researchers found nitrates above the safe limit at 31 of 50 "
                          "sampling points on the River Brant.", 0)
    count = _s("post", "Orvale researchers tested the River Brant at 50 sampling points.", 3)
    third = _s("live", "Nitrates above the safe limit were found in the Brant, it said.", 1)
    cluster = Cluster(Point(members=[(minority, "daily", 1.0), (majority, "wire", 0.9),
                                     (third, "live", 0.5)]), minority, 0, [majority])
    diffs = story_differences([(minority, "daily"), (majority, "wire"), (count, "post")],
                              NAMES.__getitem__)
    assert {v for side in diffs[0].sides for v in side.values} == {"44 points", "50 points"}
    lines = assemble([cluster], extractive_line, NAMES.__getitem__, lambda a, b: 0.9, 120,
                     diffs)
    assert lines[0].text.startswith("Researchers found nitrates")
    # with no alternate, the point is left to its difference line; so is one point of
    # fewer outlets (story_summary.WIDE_POINT)
    narrow = Cluster(Point(members=cluster.point.members[:2]), minority, 0, [majority])
    assert not any("Nitrates" in x.text for x in assemble(
        [narrow], extractive_line, NAMES.__getitem__, lambda a, b: 0.9, 120, diffs))
    alone = Cluster(cluster.point, minority, 0)
    texts = [x.text for x in assemble([alone], extractive_line, NAMES.__getitem__,
                                      lambda a, b: 0.9, 120, diffs)]
    assert not any("Nitrates above the safe limit" in t for t in texts)
