"""What `verify` tells a reader about each sentence it read: why a sentence the model backs
does not count, that a conflict found by code decided without the model, and, for a
not_enough_info verdict, the closest sentences it judged silent (newcomer trials, sessions
18 and 19: "supports p=0.88" beside a silent stance, and "No source states it" with nothing
shown, read as contradictions)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from scenarios import STRIKE_ARTICLES

from agent.app import App
from agent.cli.verify_cmds import print_verdict
from agent.types import Citation
from agent.verification.checks import compare
from agent.verification.conflict import Conflict
from agent.verification.notes import evidence_item
from agent.verification.signals import Signals
from agent.verification.stance import REFUTE_P, combine, refute_gate, support_gate
from agent.verification.verdicts import AtomicVerdict, EvidenceItem, Verdict

MakeApp = Callable[..., App]
SURE = {"supports": 0.88, "refutes": 0.1, "silent": 0.02}


def test_support_gate_names_the_first_gate_a_sentence_fails() -> None:
    ok = Signals(coverage=1.0, aligned=True, matched=4, n_terms=4)
    assert support_gate(ok) is None
    lacking = Signals(coverage=1.0, aligned=True, matched=4, n_terms=4, missing_numbers=True)
    assert support_gate(lacking) == "a figure, date or place of the claim is not in it"
    topic = Signals(coverage=0.2, aligned=False, matched=1, n_terms=5)
    assert support_gate(topic) == "it shares too few of the claim's words"
    other = Signals(coverage=1.0, aligned=True, matched=4, n_terms=4, other_actor="Dana Reyes")
    assert support_gate(other) == "it gives the claim's event to Dana Reyes"


def test_evidence_notes_say_why_a_backed_sentence_did_not_count(make_app: MakeApp) -> None:
    app = make_app(STRIKE_ARTICLES)
    s = app.corpus.article(app.corpus.articles()[0].id).body_sentences[0]
    lacking = Signals(coverage=1.0, aligned=True, matched=4, n_terms=4, missing_numbers=True)
    item = evidence_item(app.corpus, s, lacking, "silent", SURE, speaker=None)
    assert item is not None and item.signals == [
        "model judged: supports p=0.88, silent p=0.02",
        "not counted as support: a figure, date or place of the claim is not in it"]
    number = Signals(coverage=1.0, aligned=True, conflicts=[Conflict("number", ("5",), ("6",))])
    vetoed = evidence_item(app.corpus, s, number, "refutes", None, speaker=None)
    assert vetoed is not None
    assert vetoed.signals[-1] == "a conflict found by code; the model was not asked"
    # a negation alone is no conflict of figures: it "seems to" say the opposite
    negated = Signals(coverage=1.0, aligned=True, polarity_conflict=True)
    flipped = evidence_item(app.corpus, s, negated, "refutes", SURE, speaker=None)
    assert flipped is not None
    assert flipped.signals[0] == "negation: the source seems to say the opposite"


def test_evidence_notes_say_why_a_contradiction_did_not_count(make_app: MakeApp) -> None:
    # The model's top label "refutes" beside a silent stance (session 19's newcomer trial).
    app = make_app(STRIKE_ARTICLES)
    s = app.corpus.article(app.corpus.articles()[0].id).body_sentences[0]
    leaning = {"supports": 0.1, "refutes": 0.62, "silent": 0.28}
    close = Signals(coverage=0.75, aligned=True, matched=3, n_terms=4)
    assert combine(leaning, close) == "silent"
    item = evidence_item(app.corpus, s, close, "silent", leaning, speaker=None)
    assert item is not None and item.signals[-1] == (
        f"not counted as a contradiction: the model's p=0.62 is under the {REFUTE_P} a "
        "contradiction needs")
    sure = {"supports": 0.05, "refutes": 0.9, "silent": 0.05}
    lacking = Signals(coverage=0.75, aligned=True, matched=3, n_terms=4, missing_numbers=True)
    assert combine(sure, lacking) == "silent"
    assert refute_gate(lacking) is not None
    item = evidence_item(app.corpus, s, lacking, "silent", sure, speaker=None)
    assert item is not None and item.signals[-1] == (
        f"not counted as a contradiction: {refute_gate(lacking)}")
    # a counted contradiction gets no such note
    assert combine(sure, close) == "refutes" and refute_gate(close) is None
    counted = evidence_item(app.corpus, s, close, "refutes", sure, speaker=None)
    assert counted is not None
    assert not any(n.startswith("not counted") for n in counted.signals)


def _item(quote: str, stance: str, signals: list[str]) -> EvidenceItem:
    cite = Citation(source="a1", quote=quote, start=0, end=len(quote))
    return EvidenceItem(citation=cite, stance=stance, outlet="Daily", signals=signals)


def test_not_enough_info_shows_the_closest_sentences_judged_silent(
    capsys: pytest.CaptureFixture[str],
) -> None:
    asked = _item("Roughly 70% of the dead fish were trout.", "silent",
                  ["model judged: supports p=0.88, silent p=0.02",
                   "not counted as support: a figure, date or place of the claim is not in it"])
    unasked = _item("The river runs through two towns.", "silent",
                    ["not checked: the model was not asked"])
    part = AtomicVerdict(claim="Most fish were trout.", verdict="not_enough_info",
                         evidence=[unasked, asked], explanation="No source states it.")
    print_verdict(Verdict(claim=part.claim, verdict="not_enough_info", atomic=[part],
                          evidence=part.evidence, explanation=part.explanation,
                          backend="fake", model="m", latency_s=0.1))
    printed = capsys.readouterr().out
    assert "closest sentences, judged silent" in printed
    assert "Roughly 70% of the dead fish" in printed and "not counted as support" in printed
    assert "The river runs through two towns." not in printed  # never judged: not shown


_COPY_ARTICLE = "{title}\nBy {author}\nMonday, 2 March 2026\n{outlet}\n\n{body}\n"


@pytest.mark.integration
def test_a_quote_only_a_syndicated_copy_prints_names_the_copy(
    make_app: Callable[..., App],
) -> None:
    """Found by a newcomer on a dev story: a sentence only the copy prints was shown as the
    original outlet's, where a reader cannot find it. It is the copy's own reporting (a
    science newcomer, session 60), so the copy alone is named."""
    body = ("A former treasurer of the Alder Foundation was convicted of fraud on Friday.\n"
            "Graham Pellow took money from the charity over six years.\n"
            "The foundation's chair, the Rev Anne Lacey, told the court she signed cheques "
            "unread.\nThe charity now has its accounts audited every year.\n"
            "Sentencing is expected next month at Bellmouth Crown Court.")
    app = make_app({
        "a.txt": _COPY_ARTICLE.format(title="Charity treasurer guilty of fraud", author="Ann Lee",
                                 outlet="Vale Wire", body=body),
        "b.txt": _COPY_ARTICLE.format(title="Charity treasurer guilty of fraud", author="Ann Lee",
                                 outlet="Northgate Gazette",
                                 body=body + "\nPellow joined the foundation in 2009."),
    })
    assert app.corpus.canonical("b") == "a"
    verdict = app.verifier(use_model=False).verify("Graham Pellow joined the foundation in 2011.")
    (item,) = [e for a in verdict.atomic for e in a.evidence if "2009" in e.citation.quote]
    assert item.citation.source == "b"
    assert item.outlet == "Northgate Gazette"


def test_a_title_before_the_speakers_name_is_not_what_the_claim_says() -> None:
    """Found by a newcomer on a dev story: "Dr Imogen Kell said research integrity is not
    negotiable" was supported (model p=0.67) by Kell telling the Post when she raised her
    concerns: the shared "Dr" passed for what the claim says of her."""
    claim = "Dr Imogen Kell said research integrity is not negotiable."
    told = ("Dr Imogen Kell, the former PhD student whose complaint led to the inquiry, told "
            "the Post she first raised concerns with the lab in autumn 2021.")
    assert support_gate(compare(claim, told, 0.6)) == (
        "it names the claim's people or places but not what the claim says of them")
    said = "Dr Imogen Kell said that research integrity was not negotiable."
    assert support_gate(compare(claim, said, 0.9)) is None
