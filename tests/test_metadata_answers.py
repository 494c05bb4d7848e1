"""Metadata is evidence: who wrote an article, when it appeared and which outlet ran it are
answered from the header-block lines of extracted pages and feeds, cited with offsets like any
sentence (real MiniLM embeddings; the model's draft is scripted)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from scenarios import draft

from agent.app import App
from agent.retrieval.citations import is_valid
from agent.retrieval.evidence import asked_header_fields
from vectorstore.memory_store import InMemoryStore

if TYPE_CHECKING:
    from conftest import FakeChatModel

INPUTS = Path(__file__).resolve().parent.parent / "examples" / "real-inputs"
CASES = [
    (
        "Who wrote the Harbour Gazette article about the end of the port strike?",
        "author",
        "Author: Jane Roe",
        "Jane Roe wrote it.",
    ),
    (
        "When did the Coastal Herald publish its story about the island ferry being cancelled?",
        "date",
        "Published: 2025-02-11",
        "It was published on 2025-02-11.",
    ),
    (
        "Which outlet published the story about the library staying open later in the evening?",
        "outlet",
        "Outlet: Metro Wire",
        "Metro Wire published it.",
    ),
]


def test_questions_about_metadata_are_recognised() -> None:
    assert asked_header_fields(CASES[0][0]) == {"author"}
    assert asked_header_fields(CASES[1][0]) == {"date"}
    assert asked_header_fields(CASES[2][0]) == {"outlet"}
    assert asked_header_fields("How many ships did the strike strand?") == set()


@pytest.mark.integration
def test_metadata_questions_are_answered_with_citations_to_header_lines(
    tmp_path: Path, make_app: Callable[..., App], fake_model: FakeChatModel
) -> None:
    from vectorstore.embeddings import MiniLMEmbedder

    corpus = tmp_path / "inputs"
    corpus.mkdir()
    for f in INPUTS.iterdir():
        if f.suffix != ".json" and f.name != "harbour-photo.txt":  # the binary is refused
            shutil.copyfile(f, corpus / f.name)
    embedder = MiniLMEmbedder()
    app = make_app(corpus, embedder=embedder, store=InMemoryStore(embed=embedder.embed))
    answerer = app.answerer()
    for question, field, line, reply in CASES:
        ev = answerer.evidence(question)
        header = next(e for e in ev.items if e.sentence.header == field)
        assert header.sentence.text == line and header is ev.items[0], question
        fake_model.queue(draft((reply, [header.label])))
        ans = answerer.ask(question)
        assert not ans.abstained, question
        (sentence,) = ans.sentences
        (citation,) = sentence.citations
        assert citation.quote == line and is_valid(app.corpus, citation)
        text = app.corpus.text(app.corpus.doc_id_of(citation.source))
        assert text[citation.start : citation.end] == line

    # The small model's habit: naming the outlet as the author while citing the author line.
    # An answer that does not state the asked field's value gives way to the line itself.
    question, _, line, _ = CASES[0]
    label = next(e.label for e in answerer.evidence(question).items if e.sentence.text == line)
    fake_model.queue(draft(("The Harbour Gazette wrote the article.", [label])))
    ans = answerer.ask(question)
    assert [s.text for s in ans.sentences] == [line]
    assert [c.quote for c in ans.citations] == [line] and is_valid(app.corpus, ans.citations[0])
