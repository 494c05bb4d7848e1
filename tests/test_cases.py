"""Every case in tests/cases/ (the shared failing inputs and our variants of their kinds): the
real embeddings, and a model that agrees with anything, so the outcome is the pipeline's."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from invariants import answer_problems, verdict_problems

from agent.app import App
from agent.generation.answer import Answerer
from agent.verification.verify import Verifier
from vectorstore.memory_store import InMemoryStore

pytestmark = pytest.mark.integration
CASES = sorted(p for p in (Path(__file__).parent / "cases").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Path, make_app: Callable[..., App]) -> None:
    from vectorstore.embeddings import MiniLMEmbedder

    spec: dict[str, Any] = json.loads((case / "case.json").read_text(encoding="utf-8"))
    embedder = MiniLMEmbedder()
    app = make_app(case / "articles", scripted=True, embedder=embedder,
                   store=InMemoryStore(embed=embedder.embed))
    expect = spec["expect"]
    if spec["kind"] == "verify":
        v = Verifier(app.corpus, app.retriever, app.embedder, app.llm).verify(spec["input"])
        assert verdict_problems(app.corpus, v) == []
        if "verdict" in expect:
            assert v.verdict == expect["verdict"], (spec["why"], v.explanation)
        if "verdict_not" in expect:
            assert v.verdict != expect["verdict_not"], (spec["why"], v.explanation)
        return
    ans = Answerer(app.corpus, app.retriever, app.embedder, app.llm).ask(spec["input"])
    assert answer_problems(app.corpus, ans) == []
    if "abstained" in expect:
        assert ans.abstained == expect["abstained"], (spec["why"], ans.answer)
    for text in expect.get("answer_contains", []):
        assert text in ans.answer, (spec["why"], ans.answer)
    for text in expect.get("answer_not_contains", []):
        assert text not in ans.answer, (spec["why"], ans.answer)
