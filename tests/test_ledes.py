"""A news lede tells of its person by a description and names them in the next sentence
("A former treasurer of a charity was convicted ..." / "Graham Pellow, 61, ..."): a question
that names the person is answered from the lede (a newcomer's court story, session 50)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from scenarios import ask_with_draft

from agent.app import App
from agent.generation.answer import Answerer
from agent.text.ledes import lede_referent

if TYPE_CHECKING:
    from conftest import FakeChatModel


@pytest.mark.unit
@pytest.mark.parametrize(("body", "name"), [
    (["HALTON (Wire) — A former nurse who stole drugs from a hospice was jailed for three "
      "years on Monday.", "Dana Whitlow, 52, admitted six counts of theft."], "Dana Whitlow"),
    (["A retired postman who was wrongly arrested has been awarded £40,000.",
      "Police apologised on Friday.", "Alan Croft said he was relieved."], None),
    (["A retired postman who was wrongly arrested has been awarded £40,000.",
      "Alan Croft was held for nine hours in 2024."], "Alan Croft"),
    # an agent noun with the name's age, without "who"
    (["A former headteacher of a village school was banned from teaching on Tuesday.",
      "Marion Esk, 58, was found to have altered exam scripts."], "Marion Esk"),
])
def test_the_person_a_lede_describes_is_the_one_named_next(body: list[str],
                                                           name: str | None) -> None:
    assert lede_referent(body) == name


@pytest.mark.unit
@pytest.mark.parametrize("body", [
    # a lede about a thing or a body, whatever person is named next
    ["A hoard of 900 silver coins found by two detectorists was declared treasure.",
     "Owen Price, 61, found the first coin in March."],
    ["An employment tribunal ruled on Monday that riders are workers.",
     "Employment Judge Ruth Kell, sitting in Derby, said the contracts were a sham."],
    # a lede that names its person itself
    ["Dana Whitlow was jailed for three years on Monday.", "She is 52."],
    # the next sentence opens on no name
    ["A former nurse who stole drugs was jailed on Monday.",
     "On Tuesday, Dana Whitlow said sorry."],
    [],
])
def test_no_person_is_read_into_other_ledes(body: list[str]) -> None:
    assert lede_referent(body) is None


@pytest.mark.integration
def test_a_question_naming_the_person_is_answered_from_the_lede(
    make_app: Callable[..., App], fake_model: FakeChatModel
) -> None:
    """"How long was Dana Whitlow jailed for?" is answered by the lede that describes her
    ("A former nurse who ... was jailed for three years"): the lede is among the evidence,
    and the answer naming her stands, cited to it."""
    article = ("Hospice nurse jailed\nBy Jo Bell\nTuesday, 24 November 2026\nHalton Echo\n\n"
               "A former nurse who stole morphine from a hospice was jailed for three years "
               "on Monday.\n"
               "Dana Whitlow, 52, of Mill Road, admitted six counts of theft in September.\n"
               "Dana Whitlow was arrested in March 2025 and had been on bail since.\n"
               "Dana Whitlow worked at the hospice for eleven years.\n"
               "Dana Whitlow told the court she was sorry.\n")
    app = make_app({"a_echo.txt": article})
    answerer = Answerer(app.corpus, app.retriever, app.embedder, app.llm)
    ans, lede = ask_with_draft(answerer, fake_model, "How long was Dana Whitlow jailed for?",
                               "was jailed for three years",
                               "Dana Whitlow was jailed for three years on Monday.")
    assert ans.answer == "Dana Whitlow was jailed for three years on Monday [23 November 2026]."
    assert [c.quote for c in ans.citations] == [lede.sentence.text]
