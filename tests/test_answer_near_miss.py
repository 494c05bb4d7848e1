"""A question about a place or body the articles name only in passing, answered with the
story's own facts (newcomer trial on a dev story: "How many staff walked out at Kelby
Airport?" got the number who walked out at the story's airport). The cited sentence, the one
before it or its article's lead must name the question's name (agent.generation.
name_context). Fake chat model, MiniLM embedder, in-memory stores; a made-up story."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from scenarios import ask_with_draft

from agent.app import App
from agent.generation.answer import Answerer
from agent.generation.name_context import (
    another_speaker,
    distinctive_words,
    name_out_of_context,
    possessed_by_another,
    quote_rival,
    role_of_another,
    role_unstated,
    sibling_of_asked,
)
from agent.text.slots import lower_words

if TYPE_CHECKING:
    from conftest import FakeChatModel

DOCKS = {
    "a_wire.txt": (
        "Dockers strike at Dunlow Harbour\n\n"
        "About 300 dockers at Dunlow Harbour walked out on Tuesday in a row over night shifts.\n"
        "The harbour's operator said it would seek talks with the union.\n"
        "Ferries to the islands ran as normal, but two container ships waited offshore.\n"
        "The strike is due to last 48 hours.\n"
        "Several shipping lines sent their cargo to Pelham Port, where dockers accepted a "
        "4 per cent deal in May.\n"
        "Union organiser Rhona Tait said members were angry.\n"
        "She said around 300 dockers had walked out and more would follow.\n"
    ),
}


def _answerer(make_app: Callable[..., App], articles: dict[str, str] = DOCKS) -> Answerer:
    """MiniLM embeddings: the fake embedder finds no evidence for a question by a name."""
    from vectorstore.embeddings import MiniLMEmbedder

    app = make_app(articles, embedder=MiniLMEmbedder())
    return Answerer(app.corpus, app.retriever, app.embedder, app.llm)


@pytest.mark.unit
def test_the_distinctive_word_of_a_name_is_one_never_written_in_lower_case() -> None:
    common = lower_words(["The harbour's operator said it would go to the port authority."])
    assert distinctive_words("pelham port", common) == {"pelham"}
    assert distinctive_words("dunlow harbour", common) == {"dunlow"}


@pytest.mark.unit
def test_a_name_that_no_quote_context_or_lead_gives_is_out_of_context() -> None:
    common = lower_words(["the port", "the harbour"])
    lead = "Dockers strike at Dunlow Harbour. About 300 dockers walked out."
    quote = ("Earlier sentence.", "300 dockers walked out on Tuesday.")
    assert name_out_of_context("How many walked out at Pelham Port?",
                               [(" ".join(quote), lead)], common) == "pelham port"
    # the article is about Dunlow Harbour: its lead names it
    assert name_out_of_context("How many walked out at Dunlow Harbour?",
                               [(" ".join(quote), lead)], common) is None
    # a pronoun's person is named in the sentence before
    said = ("Union organiser Rhona Tait spoke.", "She said 300 dockers had walked out.")
    assert name_out_of_context("What did Rhona Tait say?", [(" ".join(said), lead)],
                               common) is None
    assert name_out_of_context("What did Rhona Tait say?", [(said[1], lead)], common) == (
        "rhona tait")


@pytest.mark.unit
def test_a_pronoun_sentence_before_the_quote_reaches_back_to_its_name() -> None:
    """A data-breach newcomer (session 54): "Corvane denied ignoring the warning." came after
    "She alleged ...", whose "she" is named one sentence further back; the question's
    researcher was read as named nowhere near the quote, and the answer abstained."""
    from agent.generation.name_context import quote_context
    from agent.ingest.parse import parse_document

    text = ("Dock data leak\n\nThe leak was found by researcher Rhona Tait, who said she "
            "told Kelby Port on 2 May.\nShe alleged the port sat on her warning.\n"
            "Kelby Port denied ignoring the warning.\nThe port said it acted at once.\n")
    (article,) = parse_document("d", "d.txt", text).articles
    near, _ = quote_context(article, "Kelby Port denied ignoring the warning.")
    assert near.startswith("The leak was found by researcher Rhona Tait")
    # a sentence before that names its own subject reaches no further
    plain, _ = quote_context(article, "The port said it acted at once.")
    assert plain == "Kelby Port denied ignoring the warning. The port said it acted at once."


@pytest.mark.unit
def test_what_the_question_asks_of_one_names_quoted_of_anothers_is_no_answer() -> None:
    question = "How many pupils will Marbury's new sixth-form college teach?"
    other = "Last year Dunley's sixth-form college taught about 900 pupils, the head said."
    assert possessed_by_another(question, [other]) == "dunley"
    # a quote that names the question's owner may say both
    assert possessed_by_another(question, [other, "Marbury will follow the plan."]) is None
    # what another owns that shares no word with what is asked
    assert possessed_by_another(question, ["Dunley's mayor opened it for 900 pupils."]) is None
    # a longer form of the same name is the same owner
    assert possessed_by_another("What did Tallis's chief executive say?",
                                ["Tallis Ferries' chief executive said sorry."]) is None


@pytest.mark.unit
def test_a_word_shared_with_another_name_marks_neither() -> None:
    common = lower_words(["the ferry", "the bus company"])
    names = {"tallis ferries", "tallis buses", "tallis"}
    assert distinctive_words("tallis buses", common, names) == {"buses"}
    # a shorter or longer form of the name itself shares nothing with another
    assert distinctive_words("tallis buses", common, {"tallis", "tallis buses ltd"}) == {
        "tallis", "buses"}
    # when every word is shared, all are kept
    assert distinctive_words("tallis", common, names) == {"tallis"}
    # a shared last word still marks the name: a surname beside a namesake's (dev oxbury)
    assert distinctive_words("ruth tallis", common, {"ruth tallis", "owen tallis"}) == {
        "ruth", "tallis"}
    lead = "Ferry fares to rise. Tallis Ferries will raise its fares from May."
    quote = "Tallis's chief executive, Ewan Rudd, said the rise was forced on the firm."
    question = "Who is the chief executive of Tallis Buses?"
    assert name_out_of_context(question, [(quote, lead)], common, [quote], names) == (
        "tallis buses")
    assert name_out_of_context("Who is the chief executive of Tallis Ferries?",
                               [(quote, lead)], common, [quote], names) is None
    # with no other Tallis in the articles, "Tallis's" may be the bus firm
    assert name_out_of_context(question, [(quote, lead)], common, [quote], {"tallis buses"}) is None


@pytest.mark.unit
def test_a_quote_that_calls_the_name_by_its_common_words_is_about_it() -> None:
    common = lower_words(["the farm park", "the wildlife park"])
    lead = "Escaped lynx caught. The lynx was found asleep in a barn."
    quote = "The farm park made headlines in 2023, when a wallaby escaped."
    article = f"Readers asked whether Brantwick Farm Park is involved. {quote}"
    question = "What happened when an animal escaped from Brantwick Farm Park in 2023?"
    assert name_out_of_context(question, [(quote, lead)], common, [article]) is None
    # the same words in an article that never names the farm park in full
    assert name_out_of_context(question, [(quote, lead)], common, [quote]) == (
        "brantwick farm park")


@pytest.mark.integration
def test_a_name_given_in_passing_is_not_answered_with_the_storys_facts(
    make_app: Callable[..., App], fake_model: FakeChatModel
) -> None:
    answerer = _answerer(make_app)
    ans, _ = ask_with_draft(answerer, fake_model, "How many dockers walked out at Pelham Port?",
                            "About 300 dockers", "About 300 dockers walked out on Tuesday.")
    assert ans.abstained


@pytest.mark.integration
def test_the_storys_own_place_and_a_speaker_named_the_sentence_before_are_answered(
    make_app: Callable[..., App], fake_model: FakeChatModel
) -> None:
    answerer = _answerer(make_app)
    ans, _ = ask_with_draft(answerer, fake_model,
                            "How many dockers walked out at Dunlow Harbour?",
                            "About 300 dockers", "About 300 dockers walked out on Tuesday.")
    assert not ans.abstained and "300 dockers" in ans.answer
    question = "What did Rhona Tait say about how many dockers walked out?"
    ans, _ = ask_with_draft(answerer, fake_model, question, "She said around 300",
                            "She said around 300 dockers had walked out and more would follow.")
    assert not ans.abstained and "more would follow" in ans.answer
    ans, _ = ask_with_draft(answerer, fake_model, "What deal did dockers at Pelham Port accept?",
                            "Pelham Port", "Dockers at Pelham Port accepted a 4 per cent deal.")
    assert not ans.abstained and "4 per cent" in ans.answer


@pytest.mark.unit
def test_an_office_the_quote_gives_another_body_is_another_entity() -> None:
    """Shared case 08's kind, an office at another body (dev: kelsbury q11)."""
    common = lower_words(["the council's cabinet member for housing"])
    question = "What did Dunlow District Council's cabinet member for housing say?"
    other = "Ann Roe, Pelham Borough Council's cabinet member for housing, welcomed it."
    assert role_of_another(question, other, common) == "pelham borough council"
    own = "Ben Hale, Dunlow District Council's cabinet member for housing, regretted it."
    assert role_of_another(question, own, common) is None
    # another office of the other body is no answer to this one either way: not this check's
    assert role_of_another(question, "Pelham Borough Council's leader welcomed it.",
                           common) is None


HARBOURS = {
    "a_wire.txt": (
        "Dockers strike at Dunlow Harbour\n\n"
        "About 300 dockers at Dunlow Harbour walked out on Tuesday in a row over night shifts.\n"
        "Keira Moss, Pelham Port's operations director, said the strike had sent ships her way.\n"
        "Ferries to the islands ran as normal, but two container ships waited offshore.\n"
    ),
}


@pytest.mark.integration
def test_an_office_held_at_another_body_is_not_answered(
    make_app: Callable[..., App], fake_model: FakeChatModel
) -> None:
    answerer = _answerer(make_app, HARBOURS)
    quote = "Keira Moss, Pelham Port's operations director, said the strike had sent ships her way."
    ans, _ = ask_with_draft(answerer, fake_model,
                            "What did Dunlow Harbour's operations director say?", "Keira Moss",
                            quote)
    assert ans.abstained
    ans, _ = ask_with_draft(answerer, fake_model,
                            "What did Pelham Port's operations director say?", "Keira Moss", quote)
    assert not ans.abstained and "sent ships her way" in ans.answer


SOCIETIES = {
    "a_local.txt": (
        "Savers queue at Harcombe branches\n\n"
        "Harcombe Building Society was taken over by a larger rival on Saturday.\n"
        "Its 40,000 savers lost no money, the regulator said.\n"
        "Many readers asked whether Hartcombe Savings Bank is affected.\n"
        "It is a separate company, based eight miles up the valley.\n"
        "The bank was fined £310,000 by the regulator in 2024 for poor record-keeping.\n"
        "Harcombe's branches will stay open until March.\n"
    ),
}


@pytest.mark.integration
def test_a_quote_about_the_near_miss_named_before_it_is_another_entity(
    make_app: Callable[..., App], fake_model: FakeChatModel
) -> None:
    # new dev story wexcombe q10: "The bank was fined" in a paragraph about the near-miss
    answerer = _answerer(make_app, SOCIETIES)
    article = answerer.corpus.articles()[0]
    fined = "The bank was fined £310,000 by the regulator in 2024 for poor record-keeping."
    asked = "How much was Harcombe Building Society fined in 2024?"
    assert quote_rival(asked, article, fined) == "hartcombe savings bank"
    # the question's own name, nearer than the near-miss, makes the quote its own
    assert quote_rival(asked, article, "Its 40,000 savers lost no money") is None
    assert quote_rival("How much was Hartcombe Savings Bank fined?", article, fined) is None
    ans, _ = ask_with_draft(answerer, fake_model, asked, fined,
                            "Harcombe Building Society was fined £310,000.")
    assert ans.abstained


def test_a_namesake_s_words_do_not_answer_what_the_asked_person_said() -> None:
    question = "What did Colin Ashdown say about reviewing the plant's permit?"
    namesake = ("Councillor Maeve Ashdown, who is no relation of managing director Colin "
                "Ashdown, said she would ask for the plant's permit to be reviewed.")
    assert another_speaker(question, [namesake])
    own = "The managing director, Colin Ashdown, said staff had followed procedures."
    assert not another_speaker(question, [own])
    assert not another_speaker(question, ["Ashdown said the permit was in order."])
    assert not another_speaker(question, ["He said the permit was in order."])  # unnamed
    # a group named by role, and a question of two parts, are not asked about one person
    assert not another_speaker("What do Lowfield's traders say about the closure?",
                               ["Traders in Lowfield town centre say they feel it."])
    assert not another_speaker("What did Greymantle Brewing say, and what will prices do?",
                               ["Hop merchant Alistair Fennick said prices could rise."])


@pytest.mark.integration
def test_who_holds_an_office_is_not_answered_by_a_quote_that_names_no_such_office(
    make_app: Callable[..., App], fake_model: FakeChatModel
) -> None:
    """Newcomer trial (dev tarn-valley-flood): "Who is the leader of Tarnford District
    Council?" was answered with the council's estimate of the flood bill."""
    answerer = _answerer(make_app)
    ans, _ = ask_with_draft(answerer, fake_model, "Who is the organiser of the union?",
                            "Union organiser Rhona Tait", "Rhona Tait is the union's organiser.")
    assert not ans.abstained and "Rhona Tait" in ans.answer
    ans, _ = ask_with_draft(answerer, fake_model, "Who is the chairman of the harbour's operator?",
                            "The harbour's operator said",
                            "The harbour's operator said it would seek talks with the union.")
    assert ans.abstained


@pytest.mark.unit
def test_the_office_asked_is_read_from_who_is_the_office_of() -> None:
    quote = "The flood bill has been put at £45m by Tarnford District Council."
    assert role_unstated("Who is the leader of Tarnford District Council?", [quote])
    assert not role_unstated("Who is the leader of Tarnford District Council?",
                             ["Council leader Amy Ross said the town would recover."])
    # the office's last word, in any form: "chief executives" / "chief executive"
    assert not role_unstated("Who are the chief executives of Kestrel and Bramwell?",
                             ["Dan Marsh, Kestrel's chief executive, welcomed the bid."])
    # other questions are not read
    assert not role_unstated("Who is investigating the fire?", [quote])


TRUST = {
    "a_wire.txt": (
        "Dunford Health Trust shuts stroke ward\n\n"
        "Dunford Health Trust voted on Tuesday to close its stroke ward.\n"
        "Dunford Health Trust said patients would go to Kelby General instead.\n"
        "The Dunford Health Trust board backed the plan by seven votes to two.\n"
        "Campaigners said Dunford Health Trust had ignored a petition of 5,000 names.\n"
        "A Dunford Health Trust spokesperson said the consultation had been fair.\n"
        "Dunford Health Trust runs three hospitals in the valley.\n"
        "Dunford Health Trust expects to save £1.2m a year.\n"
        "Dunford Health Trust will review the decision in 2027.\n"
        "Dunford Health Trust has 4,000 staff across the valley.\n"
        "Dunford Health Trust was fined in 2024 over waiting times.\n"
        "The Dunford Health Trust plan now goes to the health minister.\n"
    ),
    "b_echo.txt": (
        "Stroke ward to close\n\n"
        "The stroke ward at Dunford will close in the spring.\n"
        "\"We cannot staff the ward safely,\" said the trust's chief executive, Ana Ruiz.\n"
        "Families in the valley said they were worried about longer journeys.\n"
        "\"This is a disgrace,\" said the campaign group's chief executive, Jo Bell.\n"
    ),
}


@pytest.mark.integration
def test_who_holds_an_office_finds_the_sentence_naming_the_office(
    make_app: Callable[..., App],
) -> None:
    # a newcomer trial: "Who is the chief executive of the Carrow Valley Health Board?"
    # abstained; the body's name drew every sentence about it, and the office's below them
    from agent.retrieval.evidence import EvidenceSet, with_evidence_for

    answerer = _answerer(make_app, TRUST)
    question = "Who is the chief executive of Dunford Health Trust?"
    found = answerer.evidence(question)
    assert any("Ana Ruiz" in e.sentence.text for e in found.items)
    # the question's own evidence without the office's sentence: the office's query adds it,
    # in place of the last item beyond the limit, with labels renumbered
    about_trust = [e for e in found.items
                   if "Ana Ruiz" not in e.sentence.text and "Jo Bell" not in e.sentence.text]
    ev = EvidenceSet(about_trust, found.best_semantic, found.best_lexical)
    merged = with_evidence_for(ev, "chief executive", answerer.retriever,
                               any_of="Dunford Health Trust", max_sentences=len(about_trust))
    texts = [e.sentence.text for e in merged.items]
    assert len(texts) == len(about_trust) and "Ana Ruiz" in texts[-1]
    # the campaign group's chief executive is another body's (a dev story's "the group's
    # director" for "Who is the director of <the park>?")
    assert not any("Jo Bell" in t for t in texts)
    assert [e.label for e in merged.items] == [f"S{i}" for i in range(1, len(texts) + 1)]
    # an office no sentence names adds nothing
    assert with_evidence_for(ev, "finance director", answerer.retriever).items == ev.items


@pytest.mark.integration
def test_the_body_of_an_office_is_named_by_its_initials_too(
    make_app: Callable[..., App],
) -> None:
    # an energy newcomer (session 61): "EGN's chief executive" for Eastvale Grid Networks's
    echo = TRUST["b_echo.txt"].replace("the trust's chief executive", "DHT's chief executive")
    from agent.retrieval.evidence import EvidenceSet, with_evidence_for

    answerer = _answerer(make_app, {**TRUST, "b_echo.txt": echo})
    found = answerer.evidence("Who is the chief executive of Dunford Health Trust?")
    others = [e for e in found.items if "Ana Ruiz" not in e.sentence.text]
    ev = EvidenceSet(others, found.best_semantic, found.best_lexical)
    merged = with_evidence_for(ev, "chief executive", answerer.retriever,
                               any_of="Dunford Health Trust", max_sentences=len(others))
    assert "DHT's chief executive, Ana Ruiz" in merged.items[-1].sentence.text


@pytest.mark.unit
def test_a_figure_told_of_a_near_spelling_in_the_same_quote_answers_nothing() -> None:
    """Found on a dev story: "How much did the ODC fine Felsham Health in 2025?" was
    answered with "Felsham Health is not connected to Fellsham Care Group, a care-home
    operator that the ODC fined £85,000 in 2025": the fine is the near-spelling's."""
    from agent.generation.answer_checks import figure_of_namesake

    question = "How much compensation did Brackley Water pay in 2024?"
    theirs = ("Brackley Water has no link to Brakley Canals, a canal operator that paid "
              "£40,000 in compensation in 2024.")
    assert figure_of_namesake(question, [theirs])
    # the asked name nearest before the figure: its own figure
    assert not figure_of_namesake(question, [
        "Brackley Water paid £40,000 in compensation in 2024, unlike Brakley Canals."])
    # no figure asked, or no near-spelling: nothing to check
    assert not figure_of_namesake("Who runs Brackley Water?", [theirs])
    assert not figure_of_namesake(question, ["Brackley Water paid £40,000 in 2024."])


@pytest.mark.parametrize(("question", "quote", "names", "sibling"), [
    # an environment newcomer (session 53): the Tamble's spill asked, the Osk's fine quoted
    ("What fine was Orwell Chemicals given for the Marl leak?",
     "Orwell Chemicals was fined £40,000 in 2022 for a leak into the nearby River Teme.",
     {"river marl", "river teme", "orwell chemicals"}, "river teme"),
    ("How many homes did the Kelby Road fire damage?",
     "A fire on Kelby Lane damaged two homes last year.",
     {"kelby road", "kelby lane"}, None),  # the article's name is the asked one, whole
    # the quote names the asked one, or no other of its kind: no sibling
    ("What fine was Orwell Chemicals given for the Marl leak?",
     "Orwell Chemicals was fined £40,000 for the leak into the River Marl.",
     {"river marl", "orwell chemicals"}, None),
    ("How many fish died in the Marl?", "About 2,000 fish died in the river.",
     {"river marl"}, None),
])
def test_a_quote_naming_another_thing_of_the_asked_kind(
        question: str, quote: str, names: set[str], sibling: str | None) -> None:
    assert sibling_of_asked(question, [quote], names) == sibling
