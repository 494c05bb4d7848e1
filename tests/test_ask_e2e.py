"""End to end with the real embedded model on the real seeds: whatever the model answers, every
answer sentence cites and every quote is verbatim in its source (tests/invariants.py); a
question far from every source abstains (decided by the evidence gate, before the model)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from invariants import answer_problems

from agent.app import App
from agent.generation.answer import Answerer
from agent.settings import load_settings

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def answerer(model_cache_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Answerer]:
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    settings = load_settings(
        data_dir=tmp_path_factory.mktemp("e2e") / "data",
        backend="local",
        models_dir_override=model_cache_dir,
    )
    app = App(settings)
    report = app.ingest([seeds])
    assert report.errors == [] and report.documents == 5
    yield Answerer(
        app.corpus,
        app.retriever,
        app.embedder,
        app.llm,
        top_k=settings.top_k,
        max_evidence=settings.evidence_sentences,
    )


@pytest.mark.parametrize(
    "question",
    [
        "How many troops did Mexico send to its border in February?",
        "When did Trump designate drug cartels as foreign terrorist organizations?",
        "Where did Trump make his remarks about Sheinbaum?",
    ],
)
def test_answers_cite_verbatim_quotes(answerer: Answerer, question: str) -> None:
    ans = answerer.ask(question)
    assert answer_problems(answerer.corpus, ans) == [], ans.answer
    assert ans.backend == "local" and ans.error is None


def test_unanswerable_question_abstains(answerer: Answerer) -> None:
    ans = answerer.ask("How many people attended the opening ceremony of the Paris Olympics?")
    assert ans.abstained, ans.answer
    assert ans.citations == []
