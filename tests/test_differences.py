"""Story-level differences: figures that independent outlets give differently, found across
clusters (agent.generation.differences), and how the story summary prints them."""

from __future__ import annotations

import dataclasses

from agent.generation.differences import story_differences
from agent.generation.extractive import Cluster
from agent.generation.story_points import Point
from agent.generation.story_summary import assemble, extractive_line
from agent.types import Sentence
from agent.verification.measures import figures, same_measure
from evals.summary_judges import difference_stated


def _s(article: str, text: str, index: int = 0) -> Sentence:
    return Sentence(id=f"{article}:{index}", article_id=article, doc_id=article, start=0,
                    end=len(text), text=text)


NAMES = {"wire": "Delta Wire", "daily": "The Orrin Daily", "blog": "RiverWatch",
         "comment": "The Sentinel"}


def _name(key: str) -> str:
    return NAMES[key]


def test_two_wordings_of_one_figure_with_other_values_are_a_difference() -> None:
    items = [
        (_s("wire", "The county will spend £3.2 million on repairs to the Orrin viaduct."), "wire"),
        (_s("daily", "Repairs to the viaduct over the Orrin are costed at £3.2m by the county."),
         "daily"),
        (_s("blog", "The viaduct repairs will cost the county £5.9 million, officials said."),
         "blog"),
        # worded apart from the rest, but it states one version's exact value
        (_s("comment", "All that for a mere £3.2 million, while the library stays shut."),
         "comment"),
    ]
    (diff,) = story_differences(items, _name)
    low, high = diff.sides  # the version more outlets give first
    assert low.values[0] in ("£3.2 million", "£3.2m") and high.values == ("£5.9 million",)
    assert set(low.outlets) == {"Delta Wire", "The Orrin Daily", "The Sentinel"}
    assert high.outlets == ["RiverWatch"]
    assert high.sentence is not None and high.sentence.article_id == "blog"
    # Every outlet named is backed by its own sentence, in the order it is named.
    assert [NAMES[s.article_id] for s in low.backing] == low.outlets
    line = assemble([], extractive_line, _name, lambda a, b: 0.9, 120, [diff])[0]
    assert {s.article_id for s in line.cited} == {"wire", "daily", "comment", "blog"}
    assert diff.text().startswith("Outlets differ: Repairs to the viaduct over the Orrin are "
                                  "costed at £3.2m by the county (The Orrin Daily, Delta Wire")


def test_a_sentence_s_comparison_figure_is_not_its_version() -> None:
    # "the record of 4.1 metres" is a second figure of the same kind: the sentence's main
    # figure is its first one.
    items = [
        (_s("wire", "The Orrin crested at 4.6 metres at Kelby, above the record of 4.1 metres."),
         "wire"),
        (_s("daily", "The Orrin crested at 4.9 metres at Kelby on Sunday night."), "daily"),
    ]
    (diff,) = story_differences(items, _name)
    # its clause is no lead: it holds the second figure (difference_leads.figure_lead)
    assert "4.6 metres (Delta Wire) vs 4.9 metres (The Orrin Daily)" in diff.text()
    assert "4.1" not in diff.text()


def test_figures_that_agree_or_count_other_things_are_no_difference() -> None:
    agree = [
        (_s("wire", "About 900 homes in Kelby lost power after the storm on Sunday."), "wire"),
        (_s("daily", "The storm left 940 homes in Kelby without power on Sunday."), "daily"),
    ]
    assert story_differences(agree, _name) == []
    other_things = [
        (_s("wire", "The storm left 900 homes in Kelby without power on Sunday."), "wire"),
        (_s("daily", "The storm left 120 streets in Kelby without power on Sunday."), "daily"),
    ]
    assert story_differences(other_things, _name) == []
    unrelated = [  # the same noun, but sentences that share almost nothing
        (_s("wire", "Engineers fixed 12 pylons along the ridge overnight."), "wire"),
        (_s("daily", "Twenty pylons of a rival design stand idle in a depot in Hull."), "daily"),
    ]
    assert story_differences(unrelated, _name) == []


def test_shares_of_two_wholes_or_a_near_miss_entity_make_no_difference() -> None:
    # new dev story tollan: "a third of the country's hops" vs "two-thirds of her 45
    # hectares"; "The valley has about 60 farms" (the Tollan Valley, named before it) vs
    # "The Tallan Valley, which has about 25 farms"
    shares = [
        (_s("wire", "The valley grows roughly a third of the country's hops."), "wire"),
        (_s("daily", "One grower expects to lose about two-thirds of her hop fields."), "daily"),
    ]
    assert story_differences(shares, _name) == []
    valleys = [
        (_s("wire", "Growers in the Tollan Valley are burning their crops.", 0), "wire"),
        (_s("wire", "The valley has about 60 hop farms.", 1), "wire"),
        (_s("daily", "The Tallan Valley, which has about 25 hop farms, is unaffected."), "daily"),
    ]
    assert story_differences(valleys, _name) == []
    same = [*valleys[:2], (_s("daily", "The Tollan Valley has about 25 hop farms."), "daily")]
    assert [d.kind for d in story_differences(same, _name)] == ["number"]


def test_an_outlet_that_gives_both_values_makes_no_difference() -> None:
    # Two measures linked as one, or an outlet contradicting itself: nothing to print.
    items = [
        (_s("wire", "The storm left 900 homes in Kelby without power on Sunday."), "wire"),
        (_s("wire", "By Monday 1,500 homes in Kelby were without power after the storm.", 3),
         "wire"),
        (_s("daily", "The storm left 1,500 homes in Kelby without power on Sunday."), "daily"),
    ]
    assert story_differences(items, _name) == []


def test_one_outlet_s_figures_are_never_linked() -> None:
    a = figures([(_s("wire", "The storm left 900 homes without power."), "wire")])[0]
    b = figures([(_s("wire", "The storm left 1,500 homes without power.", 2), "wire")])[0]
    assert not same_measure(a, b)


def test_story_differences_are_printed_after_the_points_within_budget() -> None:
    lead = _s("wire", "The county closed the Orrin viaduct on Monday after cracks were found.")
    lead2 = _s("daily", "Cracks found in the Orrin viaduct led the county to close it on Monday.")
    cost_a = _s("wire", "The county will spend £3.2 million on repairs to the Orrin viaduct.", 4)
    cost_b = _s("blog", "The viaduct repairs will cost the county £5.9 million, officials said.", 2)
    cluster = Cluster(Point(members=[(lead, "wire", 1.0), (lead2, "daily", 0.9)]), lead, 0)
    diffs = story_differences([(cost_a, "wire"), (cost_b, "blog")], _name)
    lines = assemble([cluster], extractive_line, _name, lambda a, b: 0.9, 80, diffs)
    assert [x.origin for x in lines] == ["extractive", "difference"]
    assert lines[1].cited == [cost_a, cost_b]
    assert sum(len(x.text.split()) for x in lines) <= 80


def test_two_figures_the_same_two_sentences_dispute_are_one_line() -> None:
    items = [
        (_s("wire", "Orrin Foods shares rose 18% to $3.69 by the close on Monday."), "wire"),
        (_s("daily", "Shares in Orrin Foods closed 22% higher at $3.82 on Monday."), "daily"),
    ]
    (diff,) = story_differences(items, _name)
    assert sorted(diff.sides[0].values + diff.sides[1].values) == ["$3.69", "$3.82", "18%", "22%"]


def test_where_a_speaker_spoke_is_a_difference_when_venues_share_no_word() -> None:
    items = [
        (_s("wire", "Mayor Ines Ruiz said on Monday, speaking at a rally in Kelby, that the "
                    "viaduct would reopen."), "wire"),
        (_s("daily", "Ruiz said aboard the Orrin Star that the viaduct would reopen in "
                     "June."), "daily"),
        (_s("blog", "Ruiz told reporters at a rally in Kelby that the viaduct would reopen."),
         "blog"),
    ]
    (diff,) = story_differences(items, _name)
    assert diff.text().startswith("Outlets differ on where Ruiz spoke: ")
    first, second = diff.sides
    assert set(first.outlets) == {"Delta Wire", "RiverWatch"} and "rally" in first.values[0]
    assert second.outlets == ["The Orrin Daily"] and "Orrin Star" in second.values[0]


def test_a_point_line_never_states_a_disputed_figure_as_fact() -> None:
    # Three outlets give about 60 firefighters, one gives 85: the lone figure is told only
    # inside the difference line (newcomer fault, session 11).
    lead = _s("blog", "The fire service said 85 firefighters were sent to the Orrin depot.")
    lead2 = _s("daily", "The fire service sent 85 firefighters to the depot on the Orrin.")
    others = [_s(k, f"Around 60 firefighters were sent to the Orrin depot, the {k} said.", 3)
              for k in ("wire", "comment")]
    cluster = Cluster(Point(members=[(lead, "blog", 1.0), (lead2, "daily", 0.9)]), lead, 0)
    diffs = story_differences([(lead, "blog"), *[(s, s.article_id) for s in others]], _name)
    assert diffs and "85 firefighters (RiverWatch)" in diffs[0].text()
    lines = assemble([cluster], extractive_line, _name, lambda a, b: 0.9, 120, diffs)
    assert [x.origin for x in lines] == ["difference"]


def test_a_tally_is_one_figure_shown_whole() -> None:
    items = [
        (_s("wire", "Heavy lorries will be banned after town councillors backed it by 14 votes "
                    "to 9 last night."), "wire"),
        (_s("daily", "Councillors backed the lorry ban by 14 votes to nine on Tuesday night."),
         "daily"),
        # another count in the sentence ("over 7.5 tonnes") is no mention of the 14 votes
        (_s("blog", "On Tuesday night the town's councillors voted 15 to 8 to ban lorries "
                    "over 7.5 tonnes."), "blog"),
    ]
    (diff,) = story_differences(items, _name)
    assert [side.values for side in diff.sides] == [("14 votes to 9",), ("15 votes to 8",)]
    assert set(diff.sides[0].outlets) == {"Delta Wire", "The Orrin Daily"}
    assert diff.sides[1].outlets == ["RiverWatch"]


def test_an_outlet_that_gives_the_other_value_too_disputes_nothing() -> None:
    # The daily gives the union's 12 per cent itself; its 7 per cent is a rival depot's deal,
    # which the sentence pair alone cannot tell apart.
    items = [
        (_s("wire", "The drivers' union is seeking a 12 per cent pay rise."), "wire"),
        (_s("daily", "The union wants 12 per cent; the operator has offered 5 per cent.", 0),
         "daily"),
        (_s("daily", "Drivers at the rival Coldharbour depot accepted a 7 per cent pay rise "
                     "in March.", 1), "daily"),
    ]
    assert story_differences(items, _name) == []


def test_an_outlet_that_counts_the_other_value_under_another_noun_disputes_nothing() -> None:
    # The wire's "five charges" are the four counts of fraud and one of false accounting:
    # it gives the daily's four itself, counted as "counts".
    items = [
        (_s("wire", "Pellow was convicted of four counts of fraud by abuse of position."),
         "wire"),
        (_s("wire", "Pellow had pleaded not guilty to all five charges.", 1), "wire"),
        (_s("daily", "Jurors convicted Pellow of four charges of fraud but cleared him of "
                     "false accounting."), "daily"),
    ]
    assert story_differences(items, _name) == []
    # An outlet that gives no such count still disputes it.
    items[0] = (_s("wire", "Pellow was convicted of fraud by abuse of position."), "wire")
    # (each side in its own clause: a figure said in words leads the line)
    assert [d.text() for d in story_differences(items, _name)] == [
        "Outlets differ: Pellow had pleaded not guilty to all five charges (Delta Wire) vs "
        "Jurors convicted Pellow of four charges of fraud but cleared him of false accounting "
        "(The Orrin Daily)."]


def test_a_count_of_another_noun_in_an_unrelated_sentence_still_disputes() -> None:
    # The blog's "two seats" are about something else: no word of it is about the
    # suspensions, so it does not give the daily's two.
    items = [
        (_s("daily", "The head confirmed that two members of staff had been suspended."),
         "daily"),
        (_s("blog", "Three members of staff at the academy have been suspended."), "blog"),
        (_s("blog", "Last year the council cut two seats from its planning committee.", 1),
         "blog"),
    ]
    assert [d.text() for d in story_differences(items, _name)] == [
        "Outlets differ: The head confirmed that two members of staff had been suspended (The "
        "Orrin Daily) vs Three members of staff at the academy have been suspended "
        "(RiverWatch)."]


def test_outlets_that_date_one_event_to_other_days_differ_on_the_day() -> None:
    items = [
        (_s("wire", "Coastguards launched the search for the yacht at 2am on Saturday."),
         "wire"),
        (_s("daily", "Coastguards launched the search for the missing yacht at about 9pm on "
                     "Thursday."), "daily"),
        (_s("blog", "Rescuers said the yacht's crew were found safe on Sunday."), "blog"),
    ]
    (diff,) = story_differences(items, _name)
    # The weekday and the time the two sentences give are told in one line, led by the
    # clause that gives the first side's two (difference_leads.figure_lead).
    assert diff.text() == ("Outlets differ: Coastguards launched the search for the yacht at "
                           "2am on Saturday (Delta Wire) vs Thursday, about 9pm (The Orrin "
                           "Daily).")


def test_an_outlet_that_words_its_value_otherwise_is_shown_with_its_own_words() -> None:
    items = [
        (_s("wire", "The trawler Morwenna sank off Skerry Head with 31 fishermen aboard."),
         "wire"),
        (_s("daily", "The Morwenna went down off Skerry Head with 31 fishermen on board."),
         "daily"),
        (_s("blog", "The trawler Morwenna sank off Skerry Head with 38 fishermen aboard."),
         "blog"),
        (_s("comment", "The Morwenna sank off Skerry Head with nearly 40 fishermen aboard, "
                       "and nobody asked why."), "comment"),
    ]
    (diff,) = story_differences(items, _name)
    # "went down ... on board" is not the others' wording ("sank ... aboard"), and their
    # clauses do not read alone: the line names its detail (difference_leads.own_clauses)
    assert diff.text() == (
        "Outlets differ on the number of fishermen: 31 (The Orrin Daily, Delta Wire) vs 38 "
        "(RiverWatch) / nearly 40 (The Sentinel).")
    premise = "\n".join(f"{_name(s.article_id)}: {s.text}" for s, _ in items)
    assert difference_stated(premise, diff.text())
    assert not difference_stated(premise, diff.text().replace("nearly 40", "38"))


def test_a_count_under_a_product_name_is_a_version_of_the_bare_count() -> None:
    # "52,000 SolarMax Pro portable heaters" counts heaters, as "25,000 heaters" does.
    items = [
        (_s("wire", "Brightwave on Monday recalled about 52,000 SolarMax Pro portable heaters "
                    "after reports that they can overheat."), "wire"),
        (_s("daily", "Around 25,000 heaters are affected by the recall, the firm said."),
         "daily"),
    ]
    (diff,) = story_differences(items, _name)
    assert sorted(v for side in diff.sides for v in side.values) == [
        "about 52,000 heaters", "around 25,000 heaters"]


def test_a_partisan_outlet_s_figure_three_times_another_s_is_a_version() -> None:
    # MAX_MEASURE_RATIO: an opinion piece's "some 6.5k" against the wire's 2,000 (x3.25)
    items = [
        (_s("wire", "An estimated 2,000 sheep drowned when the Orrin burst its banks."), "wire"),
        (_s("comment", "Some 6.5k sheep drowned in the Orrin, and the county is to blame."),
         "comment"),
    ]
    (diff,) = story_differences(items, _name)
    assert {v for side in diff.sides for v in side.values} == {
        "an estimated 2,000 sheep", "some 6.5k sheep"}


def test_dates_of_one_event_in_two_months_are_a_difference() -> None:
    # Quantity.comparable holds a day to its month; measures.MAX_DAY_GAP lets two outlets'
    # dates a week apart across a month's end be versions of one date.
    items = [
        (_s("wire", "Drivers will refuse rest-day working from 2 July, the union said."), "wire"),
        (_s("daily", "Drivers will refuse rest-day working from 2 July."), "daily"),
        (_s("blog", "Drivers will stop rest-day working from 26 June, the union confirmed."),
         "blog"),
        (_s("comment", "The depot opened on 3 September."), "comment"),  # months away
    ]
    (diff,) = story_differences(items, _name)
    assert [side.values for side in diff.sides] == [("2 July",), ("26 June",)]
    assert diff.text().endswith("26 June (RiverWatch).") or diff.text().endswith(
        "from 26 June, the union confirmed (RiverWatch).")  # its value, or its own clause


def test_a_year_outlets_give_differently_is_named_the_year() -> None:
    """Found by a newcomer on a dev story: "Outlets differ on the figure: 2023 (...) vs 2021"."""
    items = [
        (_s("wire", "Kell first raised concerns with the lab's head in 2023, she said."), "wire"),
        (_s("daily", "Dr Kell says she first raised her concerns in 2021."), "daily"),
    ]
    (diff,) = story_differences(items, _name)
    assert diff.kind == "year" and diff.detail == "the year"
    # where no clause can lead the line, it names what differs
    unled = dataclasses.replace(diff, lead="").text()
    assert unled == "Outlets differ on the year: 2023 (Delta Wire) vs 2021 (The Orrin Daily)."


def test_a_time_written_with_points_keeps_its_last_point() -> None:
    # newcomer trial (dev cinderford): "11:40 p.m" was shown for "11:40 p.m."
    items = [
        (_s("wire", "The fire was reported at 11:40 p.m. on Monday, the fire service said."),
         "wire"),
        (_s("daily", "The fire was reported shortly after 10pm on Monday."), "daily"),
    ]
    (diff,) = story_differences(items, _name)
    assert {side.values[0] for side in diff.sides} == {"11:40 p.m.", "shortly after 10pm"}


def test_a_time_said_in_words_is_shown_by_its_hour() -> None:
    # dev kettering: "back by half past seven on Tuesday evening" was shown "by 7:30 o'clock"
    items = [
        (_s("wire", "Services were back by half past seven on Tuesday evening, the company "
                    "said."), "wire"),
        (_s("daily", "Services were back at 11.15pm on Tuesday, customers said."), "daily"),
    ]
    (diff,) = story_differences(items, _name)
    assert {side.values[0] for side in diff.sides} == {"by 7.30pm", "11.15pm"}


def test_no_outlet_is_shown_telling_the_lead_in_words_it_did_not_use() -> None:
    """Found by a newcomer on a new story: "Outlets differ: an ethics committee approved a
    revised protocol on Tuesday (A) vs Monday (B)", where B's committee met on Monday and
    rejected it. A side whose sentence tells the event otherwise shows its own clause, or,
    with none that reads alone, the line names its detail."""
    items = [
        (_s("wire", "The planning board approved the Elm Street tower on Tuesday, officials "
                    "said."), "wire"),
        (_s("daily", "The planning board approved the Elm Street tower on Tuesday."), "daily"),
        (_s("blog", "They met on Monday and threw out the Elm Street tower plans, asking for "
                    "a new traffic study first."), "blog"),
    ]
    (diff,) = story_differences(items, _name)
    assert diff.text().startswith("Outlets differ on the day: Tuesday (")
    assert "approved" not in diff.text()
    # a side with a clause that reads alone is shown by it
    items[2] = (_s("blog", "The board's inspectors visited the Elm Street site on Monday."),
                "blog")
    (diff,) = story_differences(items, _name)
    assert diff.text().endswith(
        " vs The board's inspectors visited the Elm Street site on Monday (RiverWatch).")
    # a side that tells the event in the lead's words is shown by its value
    items[2] = (_s("blog", "The planning board approved the Elm Street tower on Monday."),
                "blog")
    (diff,) = story_differences(items, _name)
    assert diff.text().endswith(" vs Monday (RiverWatch).")


def test_a_count_of_a_part_is_no_version_of_the_whole() -> None:
    # "two of the players" counts some of them, not how many were sold (a reader of a dev
    # summary: "5 branches vs 2" from "two of the branches on the list").
    items = [
        (_s("wire", "Kelby Rovers have sold five players since the end of the season."), "wire"),
        (_s("daily", "Kelby Rovers have sold five players since the season ended."), "daily"),
        (_s("blog", "Two of the players Kelby Rovers have sold since the season ended were "
                    "defenders."), "blog"),
    ]
    assert story_differences(items, _name) == []
    items[2] = (_s("blog", "Kelby Rovers have sold seven players since the season ended."),
                "blog")
    (diff,) = story_differences(items, _name)
    assert [side.outlets for side in diff.sides] == [["The Orrin Daily", "Delta Wire"],
                                                     ["RiverWatch"]]
