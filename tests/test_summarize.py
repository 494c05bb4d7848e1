"""Summaries with fakes: citations built and checked in code, unsupported sentences flagged,
independent outlets counted once, story points classified."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest

from agent.app import App
from agent.generation.standalone import complete_sentence
from agent.generation.summarize import (
    OPINION_NOTE,
    Point,
    Summarizer,
    classify,
    group_points,
    key_sentences,
    lexical_check,
    loaded_terms,
    point_evidence,
    verifier_check,
)
from agent.generation.summary_report import render_html, render_markdown
from agent.retrieval.citations import is_valid
from agent.types import Sentence

if TYPE_CHECKING:
    from conftest import FakeChatModel, FakeEmbedder


@pytest.fixture
def app(seeds_dir: Path, make_app: Callable[..., App]) -> App:
    return make_app(seeds_dir)


def first_canonical(app: App) -> str:
    return next(a.id for a in app.corpus.articles() if app.corpus.canonical(a.id) == a.id)


def test_article_summary_cites_verified_quotes_and_never_prints_a_flagged_sentence(
    app: App, fake_model: FakeChatModel
) -> None:
    art = app.corpus.article(first_canonical(app))
    shown = [s for s, _ in key_sentences(art, app.embedder)]
    assert 3 <= len(shown) <= 8
    invented = "Zebras painted 123 purple bicycles on the moon."
    whole = next(i for i in range(3, len(shown)) if complete_sentence(shown[i].text))
    reply = {
        "sentences": [
            {"text": shown[0].text, "cite": ["S1"]},
            # Cites the wrong label: code must find the sentence that backs it.
            {"text": shown[2].text, "cite": ["S2"]},
            # Unsupported: replaced by the whole sentence it cites, verbatim.
            {"text": invented, "cite": [f"S{whole + 1}"]},
        ]
    }
    fake_model.queue(json.dumps(reply))
    summary = Summarizer(app.corpus, app.embedder, app.llm).article(art.id)
    assert summary.kind == "article" and len(summary.sentences) == 3
    first, repaired, replaced = summary.sentences
    assert first.text == shown[0].text
    for s in summary.sentences:
        assert s.supported and s.flag is None
        assert s.citations and all(is_valid(app.corpus, c) for c in s.citations)
    assert repaired.citations[0].quote == shown[2].text
    assert replaced.text == shown[whole].text == replaced.citations[0].quote
    assert invented not in " ".join(s.text for s in summary.sentences)
    # The prompt showed labelled sentences only, wrapped as data.
    prompt = str(fake_model.calls[0][0][-1].content)
    assert "<<doc id=S1>>" in prompt and shown[0].text in prompt


def test_drop_unsupported_removes_flagged_sentences(app: App, fake_model: FakeChatModel) -> None:
    art = app.corpus.article(first_canonical(app))
    shown = [s for s, _ in key_sentences(art, app.embedder)]
    reply = {
        "sentences": [
            {"text": shown[0].text, "cite": ["S1"]},
            {"text": shown[1].text, "cite": ["S2"]},
            {"text": "An entirely invented statement about 77 volcanoes.", "cite": ["S3"]},
        ]
    }
    fake_model.queue(json.dumps(reply))
    s = Summarizer(app.corpus, app.embedder, app.llm, drop_unsupported=True).article(art.id)
    assert len(s.sentences) == 2 and all(x.supported for x in s.sentences)


def test_duplicate_copy_counts_as_one_outlet(app: App) -> None:
    corpus = app.corpus
    (orig, *copies) = corpus.duplicate_groups()[0]
    assert copies and {corpus.outlet_key(c) for c in copies} == {corpus.outlet_key(orig)}
    s_orig = corpus.article(orig).sentences[0]
    s_copy = corpus.article(copies[0]).sentences[0]
    point = Point(members=[(s_orig, corpus.outlet_key(orig), 1.0)])
    point.members.append((s_copy, corpus.outlet_key(copies[0]), 1.0))
    classify(point, lambda a, b: 1.0)
    assert len(point.outlets) == 1 and point.section is None  # one voice: no agreement


def _s(n: int, text: str) -> Sentence:
    return Sentence(
        id=f"a{n}:0", article_id=f"a{n}", doc_id=f"a{n}", start=0, end=len(text), text=text
    )


def test_classify_difference_framing_agreement() -> None:
    diff = Point(
        members=[
            (_s(1, "Ana Ruiz spoke about the budget plan at a rally in Lyon on Monday."), "A", 1),
            (_s(2, "Ana Ruiz spoke about the budget plan at a rally in Nantes on Monday."), "B", 1),
        ]
    )
    classify(diff, lambda a, b: 0.9)
    assert diff.section == "difference" and "place" in diff.detail
    framing = Point(
        members=[
            (_s(1, "The minister defiantly slammed the stunning budget plan on Monday."), "A", 1),
            (_s(2, "The minister criticised the budget plan on Monday in a statement."), "B", 1),
        ]
    )
    classify(framing, lambda a, b: 0.9)
    assert framing.section == "framing" and "slammed" in framing.detail
    shown = point_evidence(framing)
    assert loaded_terms(shown[0].text) and not loaded_terms(shown[1].text)
    agree = Point(
        members=[
            (_s(1, "The minister presented the budget plan to parliament on Monday."), "A", 1),
            (_s(2, "On Monday the minister presented the budget plan to parliament."), "B", 1),
        ]
    )
    classify(agree, lambda a, b: 0.9)
    assert agree.section == "agreement"


def test_group_points_joins_similar_sentences_only(fake_embedder: type[FakeEmbedder]) -> None:
    items = [
        (_s(i, t), f"o{i}", 1.0 - i / 10)
        for i, t in enumerate(
            ["alpha beta gamma delta", "alpha beta gamma delta epsilon", "zulu yankee xray whiskey"]
        )
    ]
    vecs = fake_embedder().embed([s.text for s, _, _ in items])
    points = group_points(items, vecs, threshold=0.6)
    sizes = sorted(len(p.members) for p in points)
    assert sizes == [1, 2]
    assert float(np.linalg.norm(vecs[0])) == pytest.approx(1.0, abs=1e-5)


def test_lexical_check_numbers_and_words() -> None:
    quote = "The council voted 7-2 to close the bridge for repairs costing $4 million."
    assert lexical_check("The council voted to close the bridge for repairs.", [quote], None)[0]
    ok, flag = lexical_check("The repairs cost $9 million.", [quote], None)
    assert not ok and flag
    ok, flag = lexical_check("Anything at all.", [], None)
    assert not ok and flag == "no verifiable citation"


def test_verifier_adapter_flags_refuted_sentences() -> None:
    quote = "The council voted to close the bridge for repairs."
    text = "The council voted to close the bridge."
    assert verifier_check(lambda t: "supported")(text, [quote], None) == (True, None)
    # Backed by its own quotes but refuted elsewhere: faithful, with a warning.
    ok, flag = verifier_check(lambda t: "refuted")(text, [quote], None)
    assert ok and flag and "refute" in flag
    # Not backed by its quotes: unsupported whatever the verifier says.
    ok, flag = verifier_check(lambda t: "supported")("Bananas fly.", [quote], None)
    assert not ok and flag


COMMENT = ("The ferry fare rise is a tax on islanders\nBy Ann Pell\nFriday 15 May 2026\n"
           "The Skerra Voice — Comment\n\n"
           "Harland Ferries has put the island's only lifeline out of reach of the people who "
           "need it most.\nThe company should publish its accounts before it asks for one more "
           "penny.\nWhy should a pensioner pay £18 to see a doctor on the mainland?\n"
           "The council must step in before the next sailing season begins.\n")
REPORT = ("Ferry fares to rise by a third\nFriday 15 May 2026\nThe Skerra Post\n\n"
          "Harland Ferries will raise its adult return fare from £14 to £18.50 on 6 April.\n"
          "The company said the council had cut its yearly subsidy.\n"
          "A petition against the rise has more than 3,200 signatures.\n")


def test_an_opinion_pieces_summary_says_it_gives_views_in_every_output(
        make_app: Callable[..., App], fake_model: FakeChatModel) -> None:
    # newcomer trial (rocket story): `summarize --doc` on a column printed "What matters now
    # is how the company behaves." as if it were reported fact
    app = make_app({"a_comment.txt": COMMENT, "b_report.txt": REPORT})
    summarizer = Summarizer(app.corpus, app.embedder, app.llm)
    for article in app.corpus.articles():
        shown = [s for s, _ in key_sentences(article, app.embedder)][:3]
        fake_model.queue(json.dumps({"sentences": [
            {"text": s.text, "cite": [f"S{i}"]} for i, s in enumerate(shown, start=1)]}))
        summary = summarizer.article(article.id)
        assert summary.sentences
        assert summary.opinion is (article.outlet == "The Skerra Voice — Comment"), article.id
        assert (OPINION_NOTE in render_markdown([summary])) is summary.opinion
        assert (OPINION_NOTE in render_html([summary], app.corpus)) is summary.opinion
