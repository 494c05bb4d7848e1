"""A claim that takes one side of a disputed figure is conflicting (labelling rule 1): the
sentence giving the claim's value is gathered as an anchor (agent.verification.gather,
claim_figures.figure_disputes) and counted by verdicts.decide. Fakes: chat model, embedder."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from agent.app import App
from agent.types import Sentence
from agent.verification.disputes import Dispute, DisputeSide, side_taken
from agent.verification.measures import sentence_figures
from agent.verification.verdicts import GIVES_FIGURE
from agent.verification.verify import Verifier

MakeApp = Callable[..., App]


def verifier(app: App) -> Verifier:
    return Verifier(app.corpus, app.retriever, app.embedder, app.llm)


HOARD_ARTICLES = {
    "a_wire.txt": ("Coin hoard declared treasure\n\n"
                   "A hoard of 1,146 Roman coins found by two detectorists near Orlby has been "
                   "declared treasure by the coroner.\n"),
    "b_comment.txt": ("A find to treasure\n\n"
                      "What a week for our village.\n"
                      "More than 1,300 Roman coins, silver and gold, lay in a jar near Orlby for "
                      "sixteen centuries before two detectorists brought them back.\n"),
    "c_talk.txt": ("Pay talks stall\n\n"
                   "At Orlby the operator has offered its security staff a 4.5 per cent rise.\n"),
    "d_post.txt": ("Pay rise elsewhere\n\n"
                   "Down the road at Kelby, security staff won a 6 per cent rise last month.\n"),
}
NOT_ENOUGH = '{"label": "not_enough_info"}'


@pytest.mark.integration
def test_a_claim_taking_one_side_of_a_disputed_figure_is_conflicting(
    make_app: MakeApp,
) -> None:
    """The comment piece gives the claim's figure in a sentence that says more than the claim
    (the model leaves it silent); the wire contradicts it. Labelling rule 1: conflicting."""
    app = make_app(HOARD_ARTICLES, replies=[NOT_ENOUGH] * 30)
    v = verifier(app).verify("The Orlby hoard contains more than 1,300 coins.")
    assert v.verdict == "conflicting"
    assert "b_comment gives the claim's figure, a_wire contradicts it" in v.explanation
    # both sides are quoted: the sentence giving the claim's figure is marked as such
    # (a newcomer saw only the contradicting outlet)
    (given,) = [e for a in v.atomic for e in a.evidence if GIVES_FIGURE in e.signals]
    assert given.citation.source == "b_comment" and "1,300" in given.citation.quote
    # a figure of something else the claim does not name (Kelby's deal) is no side of it
    v = verifier(app).verify("Last month Orlby's security staff agreed a 6 per cent rise.")
    assert v.verdict == "refuted"


def _sentence(article: str, text: str) -> Sentence:
    return Sentence(id=f"{article}:0", article_id=article, doc_id=article, index=0, text=text,
                    start=0,
                    end=len(text))


def _dispute(detail: str, *sides: tuple[str, str, str]) -> Dispute:
    """sides: (outlet, the value as written, the sentence that gives it)."""
    return Dispute(detail, tuple(
        DisputeSide(sentence_figures(value), (_sentence(outlet, text),), (outlet,))
        for outlet, value, text in sides))


PASSENGERS = _dispute(
    "the number of passengers",
    ("wire", "212 passengers", "The Corran Star had 212 passengers aboard when it grounded."),
    ("post", "248 passengers", "Harbourline said 248 passengers were on the Corran Star."))


@pytest.mark.parametrize(
    ("claim", "side"),
    [
        ("The Corran Star was carrying 248 passengers when it ran aground.", 1),
        ("Some 212 passengers were aboard the Corran Star.", 0),
        # both versions: it reports the disagreement, it takes no side
        ("Reports differ: 212 passengers or 248 passengers were aboard the Corran Star.", None),
        # the value, but of another thing: no word of the side's sentence beside it
        ("The harbour's new car park has 248 spaces.", None),
        # a count of another noun is no value of the passengers
        ("The Corran Star had 248 crew aboard.", None),
    ],
)
def test_a_claim_part_takes_the_side_whose_value_it_gives(claim: str, side: int | None) -> None:
    found = side_taken(claim, [PASSENGERS])
    assert (found[1] if found else None) == side


# Two sides worded apart (one measure by the story's differences): a short claim whose words,
# its figure's aside, are one side's words, gives the other side's value (a council newcomer,
# session 62: "The shortfall is 3.1 million pounds" of "plug a £3.1m hole").
DEFICIT = _dispute(
    "the sum",
    ("live", "£2.4m", "The ruling group says the closures will help close a £2.4m deficit."),
    ("courier", "£3.1m", "Councillors backed the cuts, which are needed to plug a £3.1m hole."))


@pytest.mark.parametrize(("claim", "side"), [
    ("The deficit is 3.1 million pounds.", 1),
    ("The deficit is £2.4m.", 0),
    # a word of no sentence of the dispute: the value of something else
    ("The new library cost 3.1 million pounds.", None),
])
def test_a_short_claim_about_the_disputed_measure_takes_the_side_of_its_value(
    claim: str, side: int | None,
) -> None:
    found = side_taken(claim, [DEFICIT])
    assert (found[1] if found else None) == side


def test_a_bound_time_takes_a_side_only_inside_its_interval() -> None:
    # "by 5pm" overlaps "by 7.30pm" (both from midnight) but is not its value
    restored = _dispute(
        "the time",
        ("post", "by 7.30pm", "Services were back by 7.30pm on Tuesday, the company said."),
        ("live", "11.15pm", "Some services were not back until 11.15pm on Tuesday."))
    assert side_taken("Every service was back by 5pm on Tuesday.", [restored]) is None
    assert side_taken("Services were back by 7.30pm on Tuesday.", [restored]) is not None


VOTE_ARTICLES = {
    "a_wire.txt": ("Ferry subsidy vote\n\n"
                   "Councillors will vote on whether to restore the ferry subsidy on Thursday "
                   "19 March, the council said.\n"
                   "The subsidy falls to £1.8 million next year.\n"),
    "b_gazette.txt": ("Island fares row\n\n"
                      "The ferry operator blames the council for the fare rise.\n"
                      "Islanders will lobby councillors before the vote on 26 March.\n"),
}


@pytest.mark.integration
def test_a_claim_taking_a_side_of_a_story_difference_is_conflicting(make_app: MakeApp) -> None:
    """The story's differences (agent.generation.differences, wired by App) see that the
    outlets date the vote otherwise, where the claim's judged pairs show only a
    contradiction."""
    app = make_app(VOTE_ARTICLES, replies=['{"label": "refuted"}'] * 30)
    v = app.verifier().verify("Councillors will vote on restoring the ferry subsidy on 26 March.")
    assert v.verdict == "conflicting"
    assert "Sources disagree on" in v.explanation and "b_gazette gives the claim's value" in (
        v.explanation)
    quoted = {(e.citation.source, e.stance) for e in v.evidence}
    assert {("a_wire", "refutes"), ("b_gazette", "silent")} <= quoted
