"""Output records: one base for what a model run records, JSON names unchanged."""

from __future__ import annotations

from agent.generation.summarize import Summary
from agent.types import Answer, ModelRun
from agent.verification.verdicts import Verdict

RUN = {"backend", "model", "latency_s", "tokens_in", "tokens_out", "error"}


def test_answer_summary_and_verdict_share_the_run_fields() -> None:
    for cls in (Answer, Summary, Verdict):
        assert issubclass(cls, ModelRun)
        assert set(ModelRun.model_fields) == RUN <= set(cls.model_fields)
    assert set(Answer.model_fields) == RUN | {
        "question", "answer", "abstained", "sentences", "citations", "id"}
    assert set(Summary.model_fields) == RUN | {"id", "kind", "title", "sentences"}
    assert set(Verdict.model_fields) == RUN | {
        "claim", "verdict", "atomic", "evidence", "explanation", "model_calls", "id"}


def test_run_fields_round_trip_through_json() -> None:
    v = Verdict(claim="c", verdict="supported", explanation="e", backend="local", model="m",
                latency_s=1.5, tokens_in=3, tokens_out=4, model_calls=1)
    assert Verdict.model_validate_json(v.model_dump_json()) == v
    a = Answer(question="q", answer="", abstained=True, backend="local", model="m",
               latency_s=0.0, error="boom")
    assert Answer.model_validate_json(a.model_dump_json()).error == "boom"
