"""Output records: one base for what a model run records, JSON names unchanged."""

from __future__ import annotations

import json

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
    assert set(Summary.model_fields) == RUN | {"id", "kind", "title", "sentences", "opinion"}
    assert set(Verdict.model_fields) == RUN | {
        "claim", "verdict", "atomic", "evidence", "explanation", "model_calls", "id"}


def test_run_fields_round_trip_through_json() -> None:
    v = Verdict(claim="c", verdict="supported", explanation="e", backend="local", model="m",
                latency_s=1.5, tokens_in=3, tokens_out=4, model_calls=1)
    assert Verdict.model_validate_json(v.model_dump_json()) == v
    a = Answer(question="q", answer="", abstained=True, backend="local", model="m",
               latency_s=0.0, error="boom")
    assert Answer.model_validate_json(a.model_dump_json()).error == "boom"


def test_evidence_item_holds_a_citation_and_keeps_its_flat_json() -> None:
    from agent.types import Citation
    from agent.verification.verdicts import AtomicVerdict, EvidenceItem

    cite = Citation(source="a1", quote="The bridge closed.", start=10, end=28)
    item = EvidenceItem(citation=cite, stance="refutes", outlet="Daily",
                        signals=["day: claim sunday vs source saturday"])
    data = json.loads(item.model_dump_json())
    assert list(data) == ["source", "quote", "start", "end", "stance", "outlet", "signals"]
    assert data["quote"] == "The bridge closed." and data["start"] == 10
    assert item.model_dump() == data
    assert EvidenceItem.model_validate(data) == item  # the flat form reads back
    assert EvidenceItem.model_validate({"citation": cite.model_dump(), "stance": "refutes",
                                        "outlet": "Daily", "signals": item.signals}) == item
    v = Verdict(claim="c", verdict="refuted", explanation="e", backend="none",
                model="rules-only", latency_s=0.1, evidence=[item],
                atomic=[AtomicVerdict(claim="c", verdict="refuted", evidence=[item])])
    again = Verdict.model_validate_json(v.model_dump_json())
    assert again == v and again.atomic[0].evidence[0].citation == cite

