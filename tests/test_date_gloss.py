"""A story summary dates the days its quotes name relative to their article's date
("yesterday", "on Monday"): the reader of a summary across outlets has no dateline to read
them against. The date stands in the editor's brackets, and the judges read a line without it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

import pytest
from scenarios import ask_with_draft

from agent.app import App
from agent.generation.answer import Answerer
from agent.generation.difference_records import dated_difference
from agent.generation.extractive import Cluster, Difference, Side
from agent.generation.story_points import Point
from agent.generation.story_summary import assemble, extractive_line
from agent.text.glosses import date_glossed, strip_glosses
from agent.types import Sentence
from evals.summary_judges import printed_flag

if TYPE_CHECKING:
    from conftest import FakeChatModel


FRIDAY = date(2025, 10, 17)  # Friday 17 October 2025


def _s(n: int, text: str, index: int = 0) -> Sentence:
    return Sentence(id=f"a{n}:{index}", article_id=f"a{n}", doc_id=f"a{n}", start=0,
                    end=len(text), text=text)


@pytest.mark.unit
@pytest.mark.parametrize(("text", "dated"), [
    ("Jurors yesterday convicted Graham Pellow.",
     "Jurors yesterday [Thursday 16 October 2025] convicted Graham Pellow."),
    ("The river spilled into Tarnford yesterday morning.",
     "The river spilled into Tarnford yesterday morning [Thursday 16 October 2025]."),
    ("Results declared on Tuesday gave Castellane 41,208 votes.",
     "Results declared on Tuesday [14 October 2025] gave Castellane 41,208 votes."),
    # what is to come is the next such day, not the last
    ("The recount will start on Tuesday at the Civic Hall.",
     "The recount will start on Tuesday [21 October 2025] at the Civic Hall."),
    ("It is the heart of Tuesday's recall.",
     "It is the heart of Tuesday's [14 October 2025] recall."),
    ("Crews worked through last night.",
     "Crews worked through last night [Thursday 16 October 2025]."),
])
def test_relative_days_are_dated_from_the_article_date(text: str, dated: str) -> None:
    assert date_glossed(text, FRIDAY) == dated
    assert strip_glosses(dated) == text


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "The break-in happened early on Sunday 9 November.",  # dated already
    "The break-in happened early on Sunday, November 9.",
    "The museum opened in March.",
    # a weekday naming a kind of thing is no day (newcomer trial on saltmere: "Sunday
    # day-ticket holders" was dated)
    "Sunday day-ticket holders will get a full refund.",
    "Saturday-only passes sold out.",
    # a day's event named in a clause about what is to come may be past (newcomer trial
    # on varden: "marks from Tuesday's paper will be discarded" was dated a week ahead)
    "Votes from Wednesday's ballot will be counted again.",
])
def test_a_dated_day_or_no_relative_day_is_left_as_printed(text: str) -> None:
    assert date_glossed(text, FRIDAY) == text


@pytest.mark.unit
def test_a_days_event_told_in_the_past_or_a_day_ahead_is_still_dated() -> None:
    assert date_glossed("Votes from Wednesday's ballot were counted again.", FRIDAY) == (
        "Votes from Wednesday's [15 October 2025] ballot were counted again.")
    assert date_glossed("The count will resume on Wednesday.", FRIDAY) == (
        "The count will resume on Wednesday [22 October 2025].")


@pytest.mark.unit
@pytest.mark.parametrize(("text", "dated"), [
    # an obligation tells what is to come (newcomer trial, session 46: a column's "should
    # reject this at its meeting on Monday" was dated to the Monday before it was written)
    ("The trust should scrap the plan at its board meeting on Tuesday.",
     "The trust should scrap the plan at its board meeting on Tuesday [21 October 2025]."),
    ("Ministers ought to publish the report by Wednesday.",
     "Ministers ought to publish the report by Wednesday [22 October 2025]."),
    ("The trust should have scrapped the plan on Tuesday.",
     "The trust should have scrapped the plan on Tuesday [14 October 2025]."),
])
def test_a_day_after_an_obligation_is_to_come(text: str, dated: str) -> None:
    assert date_glossed(text, FRIDAY) == dated


@pytest.mark.unit
def test_a_day_in_a_reporting_clause_after_a_comma_is_the_days_of_the_saying() -> None:
    """Dev pemberly: "will raise the fare ... from 1 April, the company announced on Monday"
    in Tuesday's paper was glossed with the Monday after."""
    assert date_glossed("Fares will rise from 1 November, the operator announced on "
                        "Wednesday.", FRIDAY) == ("Fares will rise from 1 November, the "
                                                  "operator announced on Wednesday [15 "
                                                  "October 2025].")
    # a plural weekday is a habit, no date
    assert date_glossed("The library will no longer open on Sundays.", FRIDAY) == (
        "The library will no longer open on Sundays.")
    # a reported clause with no "that": the day of the saying is past
    assert date_glossed("The operator said on Wednesday fares will rise.", FRIDAY) == (
        "The operator said on Wednesday [15 October 2025] fares will rise.")
    # a day in the clause that is to come is still the day after
    assert date_glossed("The count will resume on Wednesday, officials said.", FRIDAY) == (
        "The count will resume on Wednesday [22 October 2025], officials said.")


@pytest.mark.unit
def test_without_an_article_date_nothing_is_added() -> None:
    text = "Jurors yesterday convicted him."
    assert date_glossed(text, None) == text


@pytest.mark.unit
def test_a_line_is_dated_but_cites_the_sentence_as_printed() -> None:
    best = _s(1, "Jurors at Bellmouth Crown Court yesterday convicted Graham Pellow of fraud.")
    line = extractive_line(Cluster(Point(members=[(best, "A", 1.0)]), best, 0), FRIDAY)
    assert line.text == ("Jurors at Bellmouth Crown Court yesterday [Thursday 16 October 2025] "
                         "convicted Graham Pellow of fraud.")
    assert [s.text for s in line.cited] == [best.text]
    # the summary suite's own-check reads the line as its quote prints it
    assert printed_flag(line.text, [best.text], None) is None
    assert printed_flag("Jurors convicted Graham Pellow of fraud on 16 October 2025.",
                        [best.text], None) is not None


@pytest.mark.unit
def test_each_side_of_a_day_difference_is_dated_by_its_own_articles() -> None:
    monday = _s(1, "Szabo requested a recount on Monday.")  # article of Tuesday 10 Nov 2026
    saturday = _s(2, "Szabo requested a recount on Saturday.")  # article of Monday 9 Nov
    diff = Difference("day", [Side(("Monday",), ["Statewire"], monday),
                              Side(("Saturday",), ["QuillonNow"], saturday)])
    published = {"a1": date(2026, 11, 10), "a2": date(2026, 11, 9)}
    dated = dated_difference(diff, published.get)
    assert dated.text() == ("Outlets differ on the day: Monday [9 November 2026] (Statewire) "
                            "vs Saturday [7 November 2026] (QuillonNow).")
    assert strip_glosses(dated.text()) == diff.text()


@pytest.mark.unit
def test_a_weekday_its_sentence_dates_keeps_that_date() -> None:
    # "on Wednesday 4 November" in an article of Thursday 12 November is 4 November, not the
    # Wednesday before the article (new dev story tollan: it was shown as 11 November)
    friday = _s(1, "The ministry confirmed the outbreak on Friday.")
    wednesday = _s(2, "The ministry confirmed the outbreak on Wednesday 4 November.")
    diff = Difference("day", [Side(("Friday",), ["Wire"], friday),
                              Side(("Wednesday",), ["Today"], wednesday)])
    published = {"a1": date(2026, 11, 9), "a2": date(2026, 11, 12)}
    assert dated_difference(diff, published.get).text() == (
        "Outlets differ on the day: Friday [6 November 2026] (Wire) "
        "vs Wednesday [4 November 2026] (Today).")


@pytest.mark.unit
def test_a_weekday_its_outlets_date_differently_is_left_undated() -> None:
    a, b = _s(1, "The ban began on Monday."), _s(2, "The ban began on Monday.")
    side = Side(("Monday",), ["A", "B"], a, backing=[a, b])
    published = {"a1": date(2026, 11, 10), "a2": date(2026, 11, 18)}  # two Mondays apart
    dated = dated_difference(Difference("day", [side]), published.get)
    assert dated.sides[0].values == ("Monday",)


@pytest.mark.unit
def test_a_dated_lines_year_is_no_disputed_figure() -> None:
    # The difference's minority side is dated 2026 too: the point line giving the year only
    # in its bracket states no disputed figure and is printed.
    lead = _s(3, "Official results declared on Friday gave Castellane 41,208 votes.")
    diff = dated_difference(
        Difference("day", [Side(("Monday",), ["A", "B"], _s(1, "Szabo asked on Monday.")),
                           Side(("Saturday",), ["C"], _s(2, "Szabo asked on Saturday."))]),
        {"a1": date(2026, 11, 10), "a2": date(2026, 11, 9)}.get)
    cluster = Cluster(Point(members=[(lead, "A", 1.0)]), lead, 0)
    lines = assemble([cluster], lambda c: extractive_line(c, date(2026, 11, 10)), str,
                     lambda a, b: 0.9, differences=[diff])
    assert lines[0].text == ("Official results declared on Friday [6 November 2026] gave "
                             "Castellane 41,208 votes.")
    assert lines[1].section == "difference"


@pytest.mark.unit
@pytest.mark.parametrize(("text", "glossed"), [
    # dev pemberly: "In which month did the council decide to cut the subsidy?" is answered
    # by "the council's decision last month", in an article of 11 March 2026
    ("the council's decision last month to cut", "the council's decision last month "
                                                 "[February 2026] to cut"),
    ("Last year the line lost money; next year it", "Last year [2025] the line lost money; "
                                                   "next year [2027] it"),
    ("Fares rise next month.", "Fares rise next month [April 2026]."),
    # twelve months up to now, a possessive and a year given are no month or year to name
    ("Over the last year sales fell.", "Over the last year sales fell."),
    ("Last year's figures were poor.", "Last year's figures were poor."),
    ("It fell last year, in 2025.", "It fell last year, in 2025."),
])
def test_a_month_or_year_named_relative_to_the_article_is_dated(text: str,
                                                                 glossed: str) -> None:
    assert date_glossed(text, date(2026, 3, 11)) == glossed
    assert strip_glosses(glossed) == text
    # across a year's end
    assert date_glossed("last month", date(2026, 1, 5)) == "last month [December 2025]"


@pytest.mark.integration
def test_an_answer_dates_the_day_its_cited_article_names(
    make_app: Callable[..., App], fake_model: FakeChatModel
) -> None:
    """ "When was the decision published?" answered "on Monday" from an article of Tuesday
    24 November 2026 reads "on Monday [23 November 2026]"; the citation quotes the article."""
    article = ("Inspector allows Millbrook appeal\nBy Jo Bell\nTuesday, 24 November 2026\n"
               "Kelsbury Advertiser\n\n"
               "The inspector's decision on the Millbrook Fields appeal was published on Monday.\n"
               "Residents said they would consider a judicial review.\n")
    app = make_app({"a_adv.txt": article})
    answerer = Answerer(app.corpus, app.retriever, app.embedder, app.llm)
    ans, published = ask_with_draft(
        answerer, fake_model, "On which day was the inspector's decision published?",
        "published on Monday", "The decision was published on Monday.")
    assert ans.answer == "The decision was published on Monday [23 November 2026]."
    assert [c.quote for c in ans.citations] == [published.sentence.text]


@pytest.mark.unit
@pytest.mark.parametrize(("text", "glossed"), [
    # dev wexcombe q02: "took control of the society on Saturday 21 November" read away from
    # its article of 24 November 2026 does not say which November
    ("The watchdog took control on Saturday 21 November and sold the book.",
     "The watchdog took control on Saturday 21 November [2026] and sold the book."),
    ("The leak was found on March 3 by a researcher.",
     "The leak was found on March 3 [2026] by a researcher."),
    # what is to come is the next such day, what is gone the last one
    ("The depot will close on 3 March, the firm said.",
     "The depot will close on 3 March [2027], the firm said."),
    ("Sales fell on 28 December, the firm said.",
     "Sales fell on 28 December [2025], the firm said."),
    ("The fair runs 3-4 December.", "The fair runs 3-4 December [2026]."),
])
def test_a_day_of_the_month_without_a_year_gets_the_articles_year(text: str,
                                                                   glossed: str) -> None:
    assert date_glossed(text, date(2026, 11, 24), years=True) == glossed
    assert strip_glosses(glossed) == text
    # only text shown apart from its article asks for it: the judges read as printed
    assert date_glossed(text, date(2026, 11, 24)) == text


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "The vote on 21 November 2026 passed.",
    "The vote on November 21, 2026 passed.",
    # a year named anywhere may be that day's: no guess
    "In 2024, on 3 March, the river flooded.",
])
def test_a_day_given_with_a_year_or_beside_one_is_left_as_printed(text: str) -> None:
    assert date_glossed(text, date(2026, 11, 24), years=True) == text


@pytest.mark.unit
def test_a_day_whose_year_follows_in_words_is_glossed_once() -> None:
    # a health newcomer's answer read "from 1 March [2027] next year [2027]"
    glossed = date_glossed("The clinic opens on 2 February next year.", date(2026, 11, 24),
                           years=True)
    assert glossed == "The clinic opens on 2 February next year [2027]."


@pytest.mark.integration
def test_an_answer_gives_the_year_of_a_day_of_the_month(
    make_app: Callable[..., App], fake_model: FakeChatModel
) -> None:
    """An answer quoting "on Saturday 21 November" from an article of 24 November 2026
    reads "on Saturday 21 November [2026]"; the citation quotes the article as printed."""
    article = ("Regulator takes over Wexcombe\nBy Jo Bell\nTuesday, 24 November 2026\n"
               "Selbury Examiner\n\n"
               "The regulator took control of the society on Saturday 21 November.\n"
               "Savers were told their money was safe.\n")
    app = make_app({"a_ex.txt": article})
    answerer = Answerer(app.corpus, app.retriever, app.embedder, app.llm)
    ans, took = ask_with_draft(
        answerer, fake_model, "On what day did the regulator take control of the society?",
        "took control of the society", "The regulator took control of the society on "
        "Saturday 21 November.")
    assert ans.answer == ("The regulator took control of the society on Saturday 21 November "
                          "[2026].")
    assert [c.quote for c in ans.citations] == [took.sentence.text]


@pytest.mark.unit
def test_a_count_after_a_relative_day_is_no_date_of_it() -> None:
    # a newcomer's answer quoted "lost contact ... yesterday, 11 minutes into a burn" undated
    wed = date(2026, 11, 4)
    assert date_glossed("The pump failed yesterday, 11 minutes into the test.", wed) == (
        "The pump failed yesterday [Tuesday 3 November 2026], 11 minutes into the test.")
    assert "[2 November 2026]" in date_glossed("On Monday, 12 people were hurt.", wed)
    # a day of the month after a weekday is its date already
    assert date_glossed("The vote is on Sunday, 8 November.", wed) == (
        "The vote is on Sunday, 8 November.")
