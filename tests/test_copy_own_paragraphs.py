"""A syndicated copy's own paragraphs (a regional paper that reprints the wire's first
paragraphs and adds its own) are the copy's reporting, not the wire's: verdicts credit them
to the copy, their figures can dispute the wire's, and the story's differences read them
(a science newcomer, session 60: a water company's statement printed only by the copy was
"Stated by 1 outlet: Pennant News Agency")."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from agent.app import App
from agent.generation.difference_records import corpus_differences

_ARTICLE = "{title}\nBy {author}\nMonday, 2 March 2026\n{outlet}\n\n{body}\n"
_WIRE = ("The Harwick ferry service will be cut from next month, its operator said on Monday.\n"
         "Coastlink Ferries said the route had lost money for three years.\n"
         "The last evening sailing from Harwick will be dropped in the winter timetable.\n"
         "Islanders have started a petition against the cuts.\n"
         "The route carries about 140,000 passengers a year, according to the operator.")
_OWN = ("Coastlink Ferries employs 85 people at its Harwick depot.\n"
        "The route carries about 190,000 passengers a year, the harbour board said.")


@pytest.fixture
def app(make_app: Callable[..., App]) -> App:
    return make_app({
        "a.txt": _ARTICLE.format(title="Ferry cuts", author="Ann Lee", outlet="Isles Wire",
                                 body=_WIRE),
        "b.txt": _ARTICLE.format(title="Ferry cuts", author="Ann Lee", outlet="Harwick Gazette",
                                 body=_WIRE + "\n" + _OWN),
    })


def test_the_copy_s_own_sentences_are_keyed_by_the_copy(app: App) -> None:
    assert app.corpus.canonical("b") == "a"
    by_text = {s.text: s for s in app.corpus.article("b").body_sentences}
    own = by_text["Coastlink Ferries employs 85 people at its Harwick depot."]
    copied = by_text["Islanders have started a petition against the cuts."]
    assert app.corpus.sentence_outlet_key(own) == "Harwick Gazette"
    assert app.corpus.sentence_outlet_key(copied) == "Isles Wire"
    assert app.corpus.outlet_key("b") == "Isles Wire"  # the article still counts as a copy


@pytest.mark.integration
def test_a_fact_only_the_copy_prints_is_stated_by_the_copy(app: App) -> None:
    verdict = app.verifier(use_model=False).verify(
        "Coastlink Ferries employs 85 people at its Harwick depot.")
    assert verdict.verdict == "supported"
    assert "Harwick Gazette" in verdict.explanation and "Isles Wire" not in verdict.explanation
    (item,) = [e for e in verdict.evidence if "85 people" in e.citation.quote]
    assert item.citation.source == "b" and item.outlet == "Harwick Gazette"


@pytest.mark.integration
def test_the_copy_s_own_figure_disputes_the_wire_s(app: App) -> None:
    verdict = app.verifier(use_model=False).verify(
        "The route carries about 140,000 passengers a year.")
    assert verdict.verdict == "conflicting"
    assert "Harwick Gazette" in verdict.explanation


def test_the_story_s_differences_read_the_copy_s_own_paragraphs(app: App) -> None:
    found = [d for d in corpus_differences(app.corpus)
             if any("190,000" in " ".join(side.values) for side in d.sides)]
    assert found, [d.detail for d in corpus_differences(app.corpus)]
    outlets = {o for d in found for side in d.sides for o in side.outlets}
    assert {"Isles Wire", "Harwick Gazette"} <= outlets


_PAPER = ("Ferry users in Harwick were angry on Monday about the planned cuts.\n"
          "Coastlink Ferries said the route had lost money for three years.\n"
          "Islanders have started a petition against the cuts.\n"
          "Councillor Mair Pryce said she would raise the cuts with ministers.\n"
          "The harbour board said it had not been consulted.\n"
          "Local shops fear losing trade in the winter months.")


def test_a_sentence_reprinted_by_a_paper_that_is_no_copy_is_the_wire_s(
    make_app: Callable[..., App],
) -> None:
    # a newcomer's space story (session 65): a paper reprinting some of a wire's sentences
    # word for word, and no copy as a whole, was a second outlet for each of them
    app = make_app({
        "a.txt": _ARTICLE.format(title="Ferry cuts", author="Ann Lee", outlet="Isles Wire",
                                 body=_WIRE),
        "b.txt": _ARTICLE.format(title="Anger at cuts", author="Rhys Hale",
                                 outlet="Harwick Gazette", body=_PAPER),
    })
    assert app.corpus.canonical("b") == "b"  # not a copy of the wire
    by_text = {s.text: s for s in app.corpus.article("b").body_sentences}
    reprinted = by_text["Islanders have started a petition against the cuts."]
    own = by_text["The harbour board said it had not been consulted."]
    assert app.corpus.sentence_outlet_key(reprinted) == "Isles Wire"
    assert app.corpus.sentence_outlet_key(own) == "Harwick Gazette"
