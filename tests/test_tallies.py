"""A vote's count (agent/text/tallies.py): a claim giving one side of a vote, its margin or
"unanimous" is checked against a source's tally, through the verifier's comparison
(agent.verification.checks.compare). Invented wordings; the dev stories' are in the module
docstring."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from agent.app import App
from agent.retrieval.evidence import answer_type_match
from agent.text.analysis import analyze
from agent.text.tallies import Vote
from agent.verification.checks import compare
from agent.verification.verify import Verifier

MakeApp = Callable[..., App]


def _vote(text: str) -> Vote | None:
    return analyze(text).vote


@pytest.mark.parametrize(("text", "ayes", "noes", "margin"), [
    ("The trustees backed the merger 11-5 on Monday.", 11, 5, 6),
    ("Councillors approved the scheme by twenty votes to seventeen.", 20, 17, 3),
    ("Five trustees voted against the merger.", None, 5, None),
    ("Twelve members voted in favour and two against.", 12, 2, None),
    ("The budget passed with a four-vote majority.", None, None, 4),
    ("The budget was carried by a majority of just three.", None, None, 3),
])
def test_a_sentence_gives_the_parts_of_a_vote(
        text: str, ayes: float | None, noes: float | None, margin: float | None) -> None:
    vote = _vote(text)
    assert vote is not None
    assert (vote.ayes, vote.noes, vote.margin) == (ayes, noes, margin)


def test_figures_that_are_no_vote_count_give_no_vote() -> None:
    assert _vote("Some 120 residents voted in the ballot on Friday.") is None
    assert _vote("Harrow won 3-1 in the cup on Saturday.") is None
    assert _vote("About 400 people attended the meeting.") is None
    # a unanimous vote gives no count, only that none voted against
    vote = _vote("The parish council voted unanimously to sell the field.")
    assert vote is not None and vote.unanimous and vote.part("noes") == 0


@pytest.mark.parametrize(("claim", "source", "conflict"), [
    ("Five trustees voted against the merger.",
     "The trustees backed the merger by 12 votes to 4 on Monday.",
     "number: claim 5 against vs source 4 against"),
    ("The budget passed with a majority of three votes.",
     "Councillors passed the budget by 26 votes to 21 after a long debate.",
     "number: claim a majority of 3 vs source a majority of 5"),
    ("The parish council voted unanimously to sell the field.",
     "The parish council voted to sell the field by eight votes to one.",
     "number: claim unanimous vs source 1 against"),
    ("Twelve members voted in favour of the merger.",
     "The members backed the merger 10-4 on Monday.",
     "number: claim 12 for vs source 10 for"),
])
def test_another_count_of_the_vote_contradicts_the_claim(
        claim: str, source: str, conflict: str) -> None:
    assert conflict in [str(c) for c in compare(claim, source).conflicts]


@pytest.mark.parametrize(("claim", "source"), [
    ("Five trustees voted against the merger.",
     "The trustees backed the merger 11-5 on Monday."),
    ("The budget passed with a majority of three votes.",
     "Councillors passed the budget by 24 votes to 21 after a long debate."),
    ("The parish council voted unanimously to sell the field.",
     "The parish council unanimously voted to sell the field on Monday."),
])
def test_the_same_count_of_the_vote_is_no_conflict(claim: str, source: str) -> None:
    sig = compare(claim, source)
    assert sig.conflicts == []
    assert not sig.missing_numbers


def test_a_tally_that_rejects_gives_its_margin_only() -> None:
    """Whether "nine" of "rejected by nine votes to three" were for or against the claim's
    motion is not read: only the margin is compared."""
    source = "The committee rejected the housing scheme by nine votes to three."
    assert _vote(source) == Vote(margin=6)
    assert compare("Three councillors voted against the housing scheme.", source).conflicts == []
    assert [str(c) for c in compare(
        "The committee threw out the housing scheme by a majority of four.", source).conflicts
    ] == ["number: claim a majority of 4 vs source a majority of 6"]


VOTE_ARTICLES = {
    "a_wire.txt": ("Trustees back merger\n\n"
                   "The Hallam Trust's trustees backed the merger with Orly Care by 11 votes "
                   "to 5 on Monday.\n"
                   "The merged charity will have 300 staff.\n"),
    "b_local.txt": ("Merger goes ahead\n\n"
                    "Trustees who spoke against the merger said it would cost local jobs.\n"
                    "The merger's opponents among the trustees have not said what they "
                    "will do next.\n"
                    "HALLAM, England, Dec 7 (Shire Wire) - Hallam's trustees voted 12-4 on "
                    "Monday to join Orly Care, creating a "
                    "charity with 300 staff across the county.\n"
                    "In 2019 the trustees rejected a similar plan by 10 votes to 6.\n"),
}
NOT_ENOUGH = '{"label": "not_enough_info"}'


@pytest.mark.integration
def test_outlets_giving_two_tallies_make_a_count_of_one_side_conflicting(
        make_app: MakeApp) -> None:
    """The local outlet's tally shares few words with a claim of one side of the vote: it
    is found by the story scan (agent.verification.votes) and set against the claim; the
    wire's agrees. An earlier vote (its year) is no side of it."""
    app = make_app(VOTE_ARTICLES, replies=[NOT_ENOUGH] * 30)
    v = Verifier(app.corpus, app.retriever, app.embedder, app.llm).verify(
        "Five trustees voted against the merger.")
    assert v.verdict == "conflicting"
    quotes = [e.citation.quote for a in v.atomic for e in a.evidence]
    assert any("12-4" in q for q in quotes) and any("11 votes to 5" in q for q in quotes)
    assert not any("2019" in q for q in quotes)


@pytest.mark.parametrize(("question", "answered"), [
    ("What was the result of the parish council's vote on the field?", True),
    ("What was the outcome of the trustees' vote?", True),
    ("How did the planning committee vote?", True),
    # a person's vote asks for a side, not a count; an election's split is no tally
    ("How did Councillor Ames vote on the merger?", None),
    ("How did the vote split between the candidates?", None),
])
def test_a_question_on_a_vote_count_is_answered_by_a_tally(
        question: str, answered: bool | None) -> None:
    """Any figure is no answer to "What was the result of the vote?" ("voted to close five
    branch libraries"): only a sentence giving the vote's count is."""
    tally = "The trustees backed the merger by 11 votes to 5 on Monday."
    decision = "The trustees voted to close five branch offices."
    assert answer_type_match(question, tally) is answered
    assert answer_type_match(question, decision) is (None if answered is None else False)


def test_one_as_the_second_count_of_a_tally_is_a_number() -> None:
    vote = _vote("The parish council voted to sell the field by eight votes to one.")
    assert vote is not None and (vote.ayes, vote.noes, vote.margin) == (8, 1, 7)


@pytest.mark.integration
def test_an_answer_giving_one_side_of_a_vote_shows_the_other_tally(make_app: MakeApp) -> None:
    """"How many voted against?" answered with one outlet's "with five voting against": the
    tally that agrees with it (11-5) is its side; the other (12-4) is another outlet's
    version, shown though retrieval may not rank it (a story folder is read whole)."""
    from agent.generation.answer import Answerer
    from agent.generation.answer_differences import with_differences
    from agent.retrieval.citations import make_citation
    from agent.types import AnswerSentence

    app = make_app({**VOTE_ARTICLES, "c_daily.txt": (
        "A merger at last\n\nEleven of the Hallam Trust's 16 trustees backed the merger, "
        "with five voting against.\n")})
    question = "How many trustees voted against the merger?"
    ev = Answerer(app.corpus, app.retriever, app.embedder, app.llm).evidence(question)
    quote = ("Eleven of the Hallam Trust's 16 trustees backed the merger, with five voting "
             "against.")
    cite = make_citation(app.corpus, "c_daily", quote)
    assert cite is not None
    shown = with_differences(question, [AnswerSentence(text=quote, citations=[cite])], ev,
                             app.corpus)
    assert [s.citations[0].source for s in shown] == ["c_daily", "b_local"]
    assert "12-4" in shown[1].text and shown[1].text.endswith("across the county.")
    # its wire dateline is no part of what it says
    assert "(Shire Wire)" not in shown[1].text and "differs: Hallam's trustees" in shown[1].text


@pytest.mark.unit
@pytest.mark.parametrize(("question", "quote", "counted"), [
    # a newcomer's theatre story (session 58): "How many board members voted against
    # withdrawing the grant?" abstained on "The board voted by seven votes to five ..."
    ("How many trustees voted against the merger?",
     "The trustees voted by nine votes to four to merge with Orly Care.", True),
    ("How many councillors backed the plan?", "Councillors approved the plan 31-24.", True),
    # no count of the side asked: a count of something else
    ("How many trustees voted against the merger?",
     "The trustees voted to merge with Orly Care, which employs 300 staff.", False),
])
def test_a_vote_tally_counts_the_members_who_voted(question: str, quote: str,
                                                   counted: bool) -> None:
    from agent.generation.asked_counts import counts_what_is_asked
    from agent.types import AnswerSentence, Citation

    cited = [AnswerSentence(text=quote, citations=[
        Citation(source="a", quote=quote, start=0, end=len(quote))])]
    assert counts_what_is_asked(question, cited) is counted
