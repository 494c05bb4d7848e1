"""A sentence opening on "He", "She" or "It" is read with the name the sentence before it gives
(agent.text.referents). Dev stories of session 58: "He also said there would be no compulsory
redundancies" after "Harlowmere's chief executive, Owen Baptiste, said ..."; "It enrolled 240
adults" after "The trial of AT-311 ... is being run by ...". The variants below are of other
domains. Fake chat model and embedder, in-memory stores for the verifier's."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from scenarios import SUPPORTED

from agent.app import App
from agent.text.referents import (
    described_referent,
    pronoun_referent,
    with_described_referent,
    with_referent,
)
from agent.verification.verify import Verifier

if TYPE_CHECKING:
    from conftest import FakeChatModel


@pytest.mark.parametrize(("before", "sentence", "expected"), [
    # a speaker named with an office, then "She"
    ("The harbour board's chair, Miriam Achebe, said the pier would reopen in May.",
     "She added that repairs had cost £2.4 million.",
     "Miriam Achebe added that repairs had cost £2.4 million."),
    # a titled surname
    ("Police arrested Mr Okafor at his flat in Dunley on Friday.",
     "He was later released on bail.",
     "Okafor was later released on bail."),
    # a thing: the noun phrase the sentence before opens on
    ("The inquiry into the pier's collapse, chaired by a retired judge, will report in May.",
     "It heard from 41 witnesses over six weeks.",
     "The inquiry into the pier's collapse heard from 41 witnesses over six weeks."),
])
def test_an_opening_pronoun_is_read_as_the_name_before_it(
    before: str, sentence: str, expected: str
) -> None:
    assert with_referent(sentence, [before]) == expected


@pytest.mark.parametrize(("before", "sentence"), [
    # a dummy subject: "It emerged that", "It was the first"
    ("The inquiry into the pier's collapse will report in May.",
     "It emerged that two engineers had warned of cracks."),
    ("The inquiry into the pier's collapse will report in May.",
     "It was the first inquiry of its kind."),
    # the sentence before names no person, only a body ("Westmoor Police", "Dunley Academy")
    ("Westmoor Police said the road would stay shut.", "She said diversions were in place."),
    ("Pupils at Dunley Academy were sent home early.", "He said the heating had failed."),
    # no pronoun opening the sentence
    ("Miriam Achebe said the pier would reopen.", "Repairs cost £2.4 million, she said."),
])
def test_a_pronoun_with_no_name_before_it_is_left_as_written(before: str, sentence: str) -> None:
    assert pronoun_referent(sentence, [before]) is None
    assert with_referent(sentence, [before]) == sentence


def test_nothing_before_the_sentence_leaves_it_as_written() -> None:
    assert with_referent("He added that repairs had cost £2.4 million.", []) == (
        "He added that repairs had cost £2.4 million.")


@pytest.mark.parametrize(("before", "sentence", "expected"), [
    # fresh dev claims (session 66): "The ferry, built in 1998, was also carrying 38
    # vehicles" after "... the passenger ferry Corran Star ..."
    (["Divers have begun inspecting the cargo ship Baltic Rose, which sank off Hull.",
      "Salvage crews arrived on Monday."],
     "The ship, built in 2004, was carrying 300 containers.",
     "The ship Baltic Rose, built in 2004, was carrying 300 containers."),
    # a name set off before its noun; a name that ends in the noun stands for it
    (["Kestrel Lady, a 40-year-old trawler, sank off Whitby on Friday."],
     "The trawler had been for sale since 2019.",
     "The trawler Kestrel Lady had been for sale since 2019."),
    (["Thieves broke into Ashcombe Town Museum, a Victorian townhouse museum, on Sunday."],
     "The museum has been closed since.", "The Ashcombe Town Museum has been closed since."),
    # a name before the noun
    (["Fire broke out at the Hexley Plastics plant on the Mill Lane estate."],
     "The plant, which employs 85 people, was evacuated.",
     "The Hexley Plastics plant, which employs 85 people, was evacuated."),
    # brought in by its kind, named in the next sentence (a fresh dev claim, session 67:
    # "A passenger ferry ... ran aground" / "The MV Corran Star, operated by ...")
    (["HULL (Wire) — A cargo ship carrying 300 containers sank off Hull on Monday.",
      "The MV Nordic Star, owned by Baltic Lines, went down in heavy seas.",
      "All 14 crew were rescued."],
     "The ship, built in 2004, had passed an inspection in May.",
     "The ship MV Nordic Star, built in 2004, had passed an inspection in May."),
])
def test_an_opening_noun_is_read_with_the_name_given_it_before(
    before: list[str], sentence: str, expected: str
) -> None:
    assert with_described_referent(sentence, before) == expected


@pytest.mark.parametrize(("before", "sentence"), [
    # two ships named with the noun: which one is not said
    (["The cargo ship Baltic Rose collided with the cargo ship Nordic Star off Hull."],
     "The ship was carrying 300 containers."),
    # the sentence names it already, or opens on no lone noun
    (["The cargo ship Baltic Rose sank off Hull."], "The ship Baltic Rose was built in 2004."),
    (["The cargo ship Baltic Rose sank off Hull."], "The ship's owners said nothing."),
    # no sentence before names a thing it calls a ship
    (["A vessel sank off Hull on Monday."], "The ship was built in 2004."),
    # brought in by its kind, but the next sentence opens on no name of it
    (["A cargo ship sank off Hull on Monday.", "Police said all 14 crew were rescued."],
     "The ship was built in 2004."),
    (["A cargo ship sank off Hull on Monday.", "Rescuers reached it within an hour."],
     "The ship was built in 2004."),
])
def test_an_opening_noun_with_no_single_name_before_it_is_left_as_written(
    before: list[str], sentence: str
) -> None:
    assert described_referent(sentence, before) is None
    assert with_described_referent(sentence, before) == sentence


PIER = {
    "a_wire.txt": (
        "Pier repairs\n\n"
        "Dunley's pier will reopen in May after eight months of repairs.\n"
        "Harbour master Tom Ruddock said the work had been harder than expected.\n"
        "He added that the repairs had cost £2.4 million.\n"
    ),
}


def test_the_judge_reads_who_the_pronoun_is(
    make_app: Callable[..., App], fake_model: FakeChatModel
) -> None:
    app = make_app(PIER, replies=[SUPPORTED] * 10)
    v = Verifier(app.corpus, app.retriever, app.embedder, app.llm, max_calls=4)
    v.verify("Tom Ruddock said the pier repairs had cost £2.4 million.")
    judged = [str(messages[-1].content) for messages, _ in fake_model.calls]
    assert any("Tom Ruddock added that the repairs had cost" in j for j in judged), judged

