"""The act a yes/no question asks about (agent.generation.asked_act): a court newcomer's "Has
Fiona Trask lodged an appeal against her sentence?" was answered with a column's line that
gives her name and nothing of an appeal. The sentences are made up for these tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from agent.app import App
from agent.generation.asked_act import (
    asked_act,
    names_the_doer,
    settles_yes_no,
    states_asked_act,
    tells_asked_topic,
    tells_more_than_asked,
)

if TYPE_CHECKING:
    from conftest import FakeChatModel


@pytest.mark.unit
def test_a_yes_no_question_is_not_answered_by_its_name_alone() -> None:
    asked = "Has Owen Pryce lodged a complaint against the council?"
    assert {"lodg", "compl"} <= asked_act(asked)
    assert not states_asked_act(asked, ["Owen Pryce did not just lose his shop."])
    assert states_asked_act(asked, ["Pryce said he would complain to the ombudsman."])


@pytest.mark.unit
def test_a_how_many_question_is_not_answered_by_a_count_of_something_else() -> None:
    # (a dev story's unanswerable "How many users have joined the group claim ...?" was
    # answered with the count of all the app's users)
    asked = "How many customers have joined the group claim against Harwell Water?"
    assert {"join", "group", "claim"} <= asked_act(asked)
    assert not states_asked_act(asked, ["About 310,000 Harwell Water customers were left "
                                        "without a supply on Sunday."])
    assert states_asked_act(asked, ["Some 2,400 customers have signed up to the group claim."])
    assert {"injur"} <= asked_act("How many people were injured in the crash?")


@pytest.mark.unit
def test_a_how_many_question_with_no_auxiliary_asks_no_act() -> None:
    # "died" against "No deaths were reported": a synonym the stems do not see
    assert asked_act("How many people died in the fire?") == frozenset()


@pytest.mark.unit
def test_other_questions_and_two_part_ones_ask_no_act() -> None:
    assert asked_act("Who prosecuted Owen Pryce?") == frozenset()
    assert asked_act("How long was Owen Pryce jailed for?") == frozenset()
    two = "Did Owen Pryce appeal, and what did the court decide?"
    assert asked_act(two) == frozenset()
    assert states_asked_act(two, ["Owen Pryce did not just lose his shop."])


@pytest.mark.integration
def test_the_answerer_abstains_when_no_quote_tells_the_act(
    make_app: Callable[..., App], fake_model: FakeChatModel,
) -> None:
    from scenarios import draft

    from agent.generation.answer import Answerer
    from vectorstore.embeddings import MiniLMEmbedder

    named = "Owen Pryce did not just lose his shop to the flood."
    app = make_app({"a_post.txt": (
        "Flooded trader speaks out\n\n"
        f"{named}\nThe river rose two metres overnight.\n"
        "The council said repairs to the flood wall would begin in March.\n")},
        embedder=MiniLMEmbedder())
    answerer = Answerer(app.corpus, app.retriever, app.embedder, app.llm)
    question = "Has Owen Pryce lodged a complaint against the council?"
    cited = next(e for e in answerer.evidence(question).items if e.sentence.text == named)
    fake_model.queue(draft((named, [cited.label])))
    assert answerer.ask(question).abstained


@pytest.mark.unit
def test_an_answer_that_restates_the_question_tells_nothing() -> None:
    # a fresh dev question (session 65): "What did the <authority> find when it last
    # inspected the site in March?" answered "The ESA last inspected the site in March."
    asked = "What did the Food Standards Agency find when it inspected the bakery in June?"
    assert not tells_more_than_asked(asked, ["The FSA inspected the bakery in June."])
    assert tells_more_than_asked(asked, ["Inspectors found mouse droppings in the store."])
    # a yes/no question is answered by restating it; so is either part of a two-part one
    assert tells_more_than_asked("Did the FSA inspect the bakery in June?",
                                 ["The FSA inspected the bakery in June."])
    assert tells_more_than_asked("When did the FSA inspect the bakery, and what did it find?",
                                 ["The FSA inspected the bakery."])


@pytest.mark.unit
def test_a_who_question_is_not_answered_by_the_act_with_no_doer() -> None:
    # a fresh dev question (session 65): "Who bequeathed <the painting> to the museum?"
    # answered with "... since it was bequeathed in 1952"
    asked = "Who donated the silver chalice to St Aldric's church?"
    assert not names_the_doer(asked, ["The chalice, donated in 1890, was stolen on Friday."])
    assert not names_the_doer(asked, ["It has been on display since it was donated in 1890."])
    assert names_the_doer(asked, ["It was donated by the Marrick family in 1890."])
    assert names_the_doer(asked, ["The Marrick family donated it in 1890."])
    # another verb may tell it; a question that asks for whom it was done to is no doer's
    assert names_the_doer(asked, ["The Marrick family gave it to the church in 1890."])
    assert names_the_doer("Who was arrested after the theft?", ["A man was arrested."])
    # "is leading" is active: its doer is named (a dev question's right answer, session 66)
    assert names_the_doer("Who led the search, and what did she say?",
                          ['"We will find them," said Inspector Ruth Hale, who is leading '
                           "the search."])


@pytest.mark.integration
def test_the_answerer_abstains_when_its_answer_restates_the_question(
    make_app: Callable[..., App], fake_model: FakeChatModel,
) -> None:
    from scenarios import draft

    from agent.generation.answer import Answerer
    from vectorstore.embeddings import MiniLMEmbedder

    restated = "The Food Standards Agency, which licenses the plant, inspected it in June."
    app = make_app({"a_post.txt": (
        "Bakery shut after complaints\n\n"
        f"{restated}\nThe bakery on Quay Street closed on Monday.\n"
        "Its owner said the shop would reopen within a week.\n")},
        embedder=MiniLMEmbedder())
    answerer = Answerer(app.corpus, app.retriever, app.embedder, app.llm)
    question = "What did the Food Standards Agency find when it inspected the plant in June?"
    cited = next(e for e in answerer.evidence(question).items if e.sentence.text == restated)
    fake_model.queue(draft(("The Food Standards Agency inspected the plant in June.",
                            [cited.label])))
    assert answerer.ask(question).abstained


@pytest.mark.unit
def test_a_why_question_is_not_answered_by_its_event_in_other_verb_forms() -> None:
    # fresh dev questions (session 66): "Why did the jury find Pellow not guilty ...?"
    # answered "The jury found Pellow not guilty ..."
    asked = "Why did the panel find Dr Reyes not guilty of misconduct?"
    assert not tells_more_than_asked(asked, ["The panel found Dr Reyes not guilty of "
                                             "misconduct."])
    assert not tells_more_than_asked("Why did it take the council six weeks to reply?",
                                     ["The council took six weeks to reply, it said."])
    assert tells_more_than_asked(asked, ["The panel found the evidence too thin."])


@pytest.mark.unit
def test_a_participle_after_its_noun_names_no_doer() -> None:
    # a fresh dev question (session 66): "Who recorded the doorbell-camera footage ...?"
    # answered with "... doorbell-camera footage recorded on Mill Lane ..."
    asked = "Who filmed the video of the flood on Quay Street?"
    assert not names_the_doer(asked, ["Residents shared a video filmed on Quay Street."])
    assert names_the_doer(asked, ["It was a video filmed by a resident on Quay Street."])
    assert names_the_doer(asked, ["A resident filmed the video on Quay Street."])


@pytest.mark.unit
def test_what_is_to_come_or_should_be_does_not_settle_what_happened() -> None:
    # fresh dev questions (session 66): "Did Dunlin Marine succeed in refloating ...?"
    # answered "... are expected to attempt to refloat the ship later this week"
    asked = "Did the salvage team manage to raise the trawler?"
    assert not settles_yes_no(asked, ["The salvage team will try to raise the trawler "
                                      "on Friday."])
    assert not settles_yes_no("Has the club agreed to publish the report?",
                              ["The club should publish the report now."])
    assert settles_yes_no(asked, ["The salvage team raised the trawler on Friday."])


@pytest.mark.unit
def test_what_someone_said_about_a_specific_topic_needs_a_word_of_it() -> None:
    # fresh dev questions (sessions 65, 66): two such answers gave other words of theirs
    asked = "What did the harbour master say about how badly the pier was damaged?"
    assert not tells_asked_topic(asked, ["The harbour master said the season had been busy."])
    assert tells_asked_topic(asked, ["The harbour master said the pier was unsafe."])
    # a short topic is often told in other words (a dev answer on "the takeover")
    assert tells_asked_topic("What has the union said about the takeover?",
                             ["The union claims the buyer will shut the factory."])
    # a two-part question, or another kind, is left alone
    assert tells_asked_topic("What did the harbour master say about how badly the pier was "
                             "damaged, and who repaired it?", ["He said it was busy."])
