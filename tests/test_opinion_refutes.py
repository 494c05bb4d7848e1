"""A column's rhetoric contradicts nothing on the model's word alone
(agent.verification.verify): a takeover newcomer trial (session 56) saw "Corsley Bridge
workers will receive enhanced redundancy pay" refuted by a comment piece's "nearly 700
workers ... thrown on the scrapheap", with no figure, date, name or negation against it.
A report's sentence judged the same way still refutes. Scripted fake model; the articles
are invented, in another domain."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from langchain_core.messages import BaseMessage

from agent.app import App
from agent.verification.verify import Verifier

RHETORIC = ("Harlow Council will keep the Eastway playing fields shut for years while it "
            "dithers.")
REPORT = ("Playing fields shut for soil tests\nBy Ann Cole\nMonday 2 November 2026\n"
          "The Fenwick Post\n\nHarlow Council has closed the Eastway playing fields while the "
          "soil is tested for lead.\nResults of the tests are expected within three weeks.\n")
COLUMN = ("Shame on Harlow\nBy Ed Marsh\nTuesday 3 November 2026\nThe Fenwick Voice — Comment"
          f"\n\n{RHETORIC}\nIt is time the council told parents the truth.\n")
CLAIM = "Harlow Council will soon reopen the Eastway playing fields."


def _refuting(sentence: str) -> Callable[[list[BaseMessage], dict[str, Any]], str]:
    """A judge that refutes the claim with `sentence` only, and is silent otherwise."""
    def reply(messages: list[BaseMessage], kwargs: dict[str, Any]) -> str:
        props = (kwargs.get("response_format") or {}).get("schema", {}).get("properties", {})
        if "label" in props:
            label = "refuted" if sentence in str(messages[-1].content) else "not_enough_info"
            return json.dumps({"label": label})
        return json.dumps({"answer": "NONE"}) if "answer" in props else "{}"
    return reply


@pytest.mark.integration
def test_a_columns_sentence_refutes_only_with_a_conflict_code_finds(
    make_app: Callable[..., App], fake_model: Any,
) -> None:
    chat = type(fake_model)(responder=_refuting(RHETORIC))
    app = make_app({"a_post.txt": REPORT, "b_column.txt": COLUMN}, chat=chat)
    verdict = Verifier(app.corpus, app.retriever, app.embedder, app.llm).verify(CLAIM)
    assert verdict.verdict == "not_enough_info"
    # the same words in a report refute
    report = REPORT.replace("Results of the tests", f"{RHETORIC}\nResults of the tests")
    chat = type(fake_model)(responder=_refuting(RHETORIC))
    app = make_app({"c_post.txt": report}, chat=chat)
    verdict = Verifier(app.corpus, app.retriever, app.embedder, app.llm).verify(CLAIM)
    assert verdict.verdict == "refuted"
