"""A charge in the story summary comes with its denial or not at all (a health newcomer,
session 51: "Patients First Marrowdale has accused the board of playing down the side
effects." was printed alone, as its article's "The board denied this, saying ..." names its
speaker by a description, and as the word budget had no room left for it).
Invented article; fake chat model and embedder."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from agent.app import App
from agent.generation.extractive import Cluster
from agent.generation.standalone import stands_alone
from agent.generation.story_points import Point
from agent.generation.story_summary import StoryWriter
from agent.generation.summarize import Summarizer

CHARGE = "Anglers at the Tessle Rod Club have accused the trust of hiding a fish kill."
DENIAL = "The trust denied this, saying every dead fish had been reported to the regulator."
ARTICLE = {
    "a_post.txt": (
        "Trust defends river record\n"
        "By Ann Cole\n"
        "Monday 2 November 2026\n"
        "The Fenwick Post\n\n"
        "The Tessle Rivers Trust has restocked the upper river with 4,000 young trout.\n"
        f"{CHARGE}\n"
        f"{DENIAL}\n"
        "The restocking cost £80,000 and was paid for by a lottery grant.\n"
    ),
}


@pytest.mark.unit
def test_a_reply_may_name_its_speaker_by_a_description() -> None:
    assert not stands_alone(DENIAL)  # alone, "the trust" of which story?
    assert stands_alone(DENIAL, reply=True)
    assert not stands_alone("She denied this, saying no fish had died.", reply=True)


@pytest.mark.unit
def test_a_charge_without_room_for_its_denial_is_left_out(
    make_app: Callable[..., App],
) -> None:
    app = make_app(ARTICLE)
    art = next(iter(app.corpus.articles()))
    lead, charge = art.body_sentences[0], art.body_sentences[1]
    cost = art.body_sentences[3]
    summarizer = Summarizer(app.corpus, app.embedder, app.llm)
    writer = StoryWriter(app.llm, str, lambda a, b: 0.0, denial=summarizer._reported_denial)
    clusters = [Cluster(Point(members=[(lead, "A", 1.0)]), lead, 0),
                Cluster(Point(members=[(charge, "A", 0.9)]), charge, 1),
                Cluster(Point(members=[(cost, "A", 0.8)]), cost, 2)]
    roomy = [line.text for line in writer.floor(clusters).lines]
    assert roomy[roomy.index(CHARGE) + 1] == DENIAL
    # room for the charge (14 words) but not for its denial as well: the next point instead
    tight = [line.text for line in writer.floor(clusters, budget=30).lines]
    assert CHARGE not in tight and DENIAL not in tight
    assert tight == [lead.text, cost.text]


@pytest.mark.unit
def test_a_denial_that_echoes_its_charge_is_still_printed_after_it(
    make_app: Callable[..., App],
) -> None:
    """Dev vellmoor: "... accused Vellmoor of 'sitting on' the reports." was printed and
    "Vellmoor rejected the accusation." left out as saying nothing new (its words are the
    charge's)."""
    echo = "The trust rejected the accusation."
    app = make_app({"a_post.txt": ARTICLE["a_post.txt"].replace(DENIAL, echo)})
    art = next(iter(app.corpus.articles()))
    lead, charge = art.body_sentences[0], art.body_sentences[1]
    summarizer = Summarizer(app.corpus, app.embedder, app.llm)
    writer = StoryWriter(app.llm, str, lambda a, b: 0.0, denial=summarizer._reported_denial)
    clusters = [Cluster(Point(members=[(lead, "A", 1.0)]), lead, 0),
                Cluster(Point(members=[(charge, "A", 0.9)]), charge, 1)]
    assert [line.text for line in writer.floor(clusters).lines] == [lead.text, CHARGE, echo]


@pytest.mark.unit
def test_a_denial_chosen_as_a_point_of_its_own_is_read_after_its_charge(
    make_app: Callable[..., App],
) -> None:
    """A business newcomer (session 52): a denial that names what it denies stands alone,
    was chosen by its rank before its charge, and was printed two lines above it."""
    named = "Tessle Rivers Trust denied the anglers' claims on Monday."
    wire = ("Fish kill claims denied\n\n"
            "The Tessle Rivers Trust said on Monday it had reported every dead fish.\n")
    app = make_app({"a_post.txt": ARTICLE["a_post.txt"].replace(DENIAL, named),
                    "b_wire.txt": wire})
    post = next(a for a in app.corpus.articles() if a.id == "a_post")
    other = next(a for a in app.corpus.articles() if a.id == "b_wire")
    lead, charge, denial = post.body_sentences[0], post.body_sentences[1], post.body_sentences[2]
    summarizer = Summarizer(app.corpus, app.embedder, app.llm)
    writer = StoryWriter(app.llm, str, lambda a, b: 0.0, denial=summarizer._reported_denial)
    # the denial's point is told first by the wire (its median place is the charge's)
    clusters = [Cluster(Point(members=[(denial, "A", 1.0),
                                       (other.body_sentences[0], "B", 0.9)]), denial, 0),
                Cluster(Point(members=[(lead, "A", 0.95)]), lead, 1),
                Cluster(Point(members=[(charge, "A", 0.9)]), charge, 2)]
    lines = [line.text for line in writer.floor(clusters).lines]
    assert lines.index(named) == lines.index(CHARGE) + 1
