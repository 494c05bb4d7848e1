"""The judge reads an evidence sentence with its days dated (agent.text.glosses): "began
running this morning" in an article of Thursday cannot be matched with a claim's Thursday
from the words alone (a newcomer trial). The quote shown stays the source's own words.
Invented article; fake chat model."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from scenarios import SUPPORTED

from agent.app import App
from agent.verification.verify import Verifier

if TYPE_CHECKING:
    from conftest import FakeChatModel

SENTENCE = "Replacement buses began running across the valley this morning after the strike."
ARTICLE = {
    "a_post.txt": ("Buses back on the road\nBy Ann Cole\nThursday 26 November 2026\n"
                   f"The Fenwick Post\n\n{SENTENCE}\nAbout 40 routes are covered.\n"),
}


def test_the_judge_reads_relative_days_dated_and_the_quote_stays_verbatim(
    make_app: Callable[..., App], fake_model: FakeChatModel,
) -> None:
    app = make_app(ARTICLE, replies=[SUPPORTED] * 10)
    verdict = Verifier(app.corpus, app.retriever, app.embedder, app.llm).verify(
        "Replacement buses began running across the valley on Thursday.")
    shown = [str(m.content) for messages, _ in fake_model.calls for m in messages]
    assert any("this morning [Thursday 26 November 2026]" in text for text in shown)
    assert SENTENCE in [e.citation.quote for e in verdict.evidence]
