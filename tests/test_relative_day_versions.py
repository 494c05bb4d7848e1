"""A day one outlet names relative to its article's date ("inspected the plant yesterday")
is a version of the weekday other outlets give for the same act (an environment newcomer,
session 71: three outlets' "on Monday" against one's "yesterday", the Tuesday, had no
difference line, and the summary printed the minority's day as plain fact)."""

from __future__ import annotations

from datetime import date

from agent.generation.contested import contested_marked, difference_versions, states_disputed
from agent.generation.difference_leads import figure_lead
from agent.generation.difference_records import dated_difference
from agent.generation.differences import story_differences
from agent.generation.extractive import Cluster
from agent.generation.story_points import Point
from agent.generation.story_summary import assemble, extractive_line
from agent.text.glosses import DISPUTED_GLOSS
from agent.types import Sentence
from agent.verification.measures import sentence_figures

NAMES = {"wire": "Delta Wire", "daily": "The Orrin Daily", "web": "OrrinLive",
         "trade": "Harbour Weekly"}
# The wire, the web page and the trade paper are dated Thursday 12 March 2026; the daily
# Friday 13 March, so its "yesterday" is the Thursday.
DATES = {"wire": date(2026, 3, 12), "daily": date(2026, 3, 13), "web": date(2026, 3, 12),
         "trade": date(2026, 3, 12)}


def _s(article: str, text: str, index: int = 0) -> Sentence:
    return Sentence(id=f"{article}:{index}", article_id=article, doc_id=article, start=0,
                    end=len(text), text=text)


def _weekdays(text: str, published: date | None) -> list[tuple[float, str]]:
    return [(q.value, q.said) for q in sentence_figures(text, published)
            if q.kind == "weekday"]


def test_a_relative_day_is_a_weekday_of_its_article_date() -> None:
    text = "Inspectors boarded the trawler yesterday and seized its nets."
    assert _weekdays(text, date(2026, 3, 13)) == [(3.0, "yesterday")]  # a Thursday
    assert _weekdays("The crew will sail for Kelby tomorrow.", date(2026, 3, 13)) == [
        (5.0, "tomorrow")]
    # the article's own day tells how things stand more often than when one act happened
    assert _weekdays("Passengers faced a second day of delays today.", date(2026, 3, 13)) == []
    # without an article date, or when it dates a statement, it is no figure
    assert _weekdays(text, None) == []
    assert _weekdays("The harbour master said yesterday the nets were legal.",
                     date(2026, 3, 13)) == []


def _items() -> list[tuple[Sentence, str]]:
    return [
        (_s("wire", "Fisheries officers boarded the trawler Morwen on Tuesday and seized "
                    "two nets."), "wire"),
        (_s("web", "Fisheries officers boarded the Morwen on Tuesday, seizing its nets."),
         "web"),
        (_s("trade", "The agency said its officers boarded the Morwen on Tuesday."), "trade"),
        (_s("daily", "Fisheries officers boarded the trawler Morwen yesterday and seized two "
                     "nets."), "daily"),
        (_s("daily", "The trawler's owner has appealed against the seizure.", 1), "daily"),
    ]


def test_a_relative_day_and_a_weekday_of_one_act_are_two_versions() -> None:
    (diff,) = story_differences(_items(), NAMES.__getitem__, published=DATES.__getitem__)
    sides = {side.values[0]: set(side.outlets) for side in diff.sides}
    assert sides == {"Tuesday": {"Delta Wire", "OrrinLive", "Harbour Weekly"},
                     "yesterday": {"The Orrin Daily"}}
    # shown with the dates they stand for
    dated = dated_difference(diff, DATES.__getitem__)
    assert [side.values[0] for side in dated.sides] == [
        "Tuesday [10 March 2026]", "yesterday [Thursday 12 March 2026]"]
    # without the articles' dates there is nothing to compare
    assert story_differences(_items(), NAMES.__getitem__) == []


def test_the_same_weekday_of_another_act_is_not_the_disputed_version() -> None:
    (diff,) = story_differences(_items(), NAMES.__getitem__, published=DATES.__getitem__)
    versions = difference_versions([diff])
    minority = [v for v in versions if "daily:0" in v.sentences]
    told = _s("daily", "Fisheries officers boarded the trawler Morwen yesterday and seized "
                       "two nets.")
    other = _s("wire", "The Morwen's crew were questioned on Thursday.", 2)
    assert states_disputed(told.text, minority, DATES["daily"], [told.id])
    # the wire's Thursday is the daily's "yesterday" by value, but tells another act
    assert not states_disputed(other.text, minority, DATES["wire"], [other.id])
    assert contested_marked(other.text, versions, DATES["wire"], [other.id]) == other.text
    line = "Fisheries officers boarded the trawler Morwen on Tuesday and seized two nets."
    assert contested_marked(line, versions, DATES["wire"], ["wire:0"]) == (
        f"Fisheries officers boarded the trawler Morwen on Tuesday{DISPUTED_GLOSS} and seized "
        "two nets.")


def test_the_summary_tells_the_minority_day_only_in_its_difference_line() -> None:
    items = _items()
    minority = items[3][0]
    crew = _s("wire", "The Morwen's crew were questioned on Thursday.", 2)
    clusters = [Cluster(Point(members=[(minority, "daily", 1.0)]), minority, 0),
                Cluster(Point(members=[(crew, "wire", 0.9)]), crew, 1)]
    diffs = [dated_difference(d, DATES.__getitem__) for d in story_differences(
        [*items, (crew, "wire")], NAMES.__getitem__, published=DATES.__getitem__)]
    lines = assemble(clusters, extractive_line, NAMES.__getitem__, lambda a, b: 0.5, 150,
                     diffs, published=DATES.__getitem__)
    texts = [x.text for x in lines]
    assert minority.text not in texts  # the minority's day is no plain fact
    assert crew.text in texts  # another act on the same weekday still is
    (difference,) = [x for x in lines if x.origin == "difference"]
    assert "yesterday [Thursday 12 March 2026]" in difference.text


def test_a_lead_ends_before_a_second_act_after_its_figure() -> None:
    sentence = "Fisheries officers boarded the trawler Morwen on Tuesday and seized two nets."
    assert figure_lead(sentence, "Tuesday") == (
        "Fisheries officers boarded the trawler Morwen on Tuesday")
    # "and" before a noun joins no second act
    assert figure_lead("Officers searched the Morwen on Tuesday and Wednesday.", "Tuesday") == (
        "Officers searched the Morwen on Tuesday and Wednesday")


def test_this_weekday_is_the_coming_one() -> None:
    """A sport newcomer (session 71): "is away at Brindle Town this Saturday", in an article
    of Tuesday 17 March, was glossed as the Saturday gone (14 March)."""
    from agent.text.dates import weekday_date

    tuesday = date(2026, 3, 17)
    assert weekday_date("The new coach's first race is at Kelby this Saturday.", "saturday",
                        tuesday) == date(2026, 3, 21)
    assert weekday_date("The crew lost at Kelby on Saturday.", "saturday",
                        tuesday) == date(2026, 3, 14)
