"""sourcebound's evidence as a LangChain retriever, over the seeds with fakes (no model, no
network): used inside an LCEL chain, its Documents are real sentences of the ingested files
with citations that check out, the same evidence the answer stage would use."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import RunnableLambda
from pydantic import ValidationError

import sourcebound
from agent.app import App
from agent.retrieval.citations import is_valid
from agent.retrieval.langchain_retriever import SourceboundRetriever, citation_of
from agent.text.normalize import normalize_for_match

if TYPE_CHECKING:
    from conftest import FakeChatModel

QUESTION = "How many troops did Mexico send to its border?"
METADATA = {
    "source", "doc_id", "path", "sentence_id", "start", "end", "outlet", "title", "date",
    "score", "rank", "also_in",
}


@pytest.fixture
def app(seeds_dir: Path, make_app: Callable[..., App]) -> App:
    """The seeds over fakes; the `fake_model` has no reply queued: any model call fails."""
    return make_app(seeds_dir)


def cite_line(docs: list[Document]) -> list[str]:
    """What a user's chain might do with the documents: numbered, sourced context lines."""
    return [
        f"[{d.metadata['rank']}] ({d.metadata['outlet'] or d.metadata['source']}) "
        f"{d.page_content} <{d.metadata['source']}:{d.metadata['start']}-{d.metadata['end']}>"
        for d in docs
    ]


def test_documents_in_an_lcel_chain_are_cited_sentences_of_the_files(
    app: App, fake_model: FakeChatModel
) -> None:
    retriever = sourcebound.retriever(app, k=4)
    assert isinstance(retriever, BaseRetriever)
    seen: list[list[Document]] = []

    def keep(docs: list[Document]) -> list[Document]:
        seen.append(docs)
        return docs

    chain = retriever | RunnableLambda(keep) | RunnableLambda(cite_line)
    lines = chain.invoke(QUESTION)
    (docs,) = seen
    assert 1 <= len(docs) <= 4 and len(lines) == len(docs)
    for doc, line in zip(docs, lines, strict=True):
        md = doc.metadata
        assert set(md) == METADATA
        file_text = Path(md["path"]).read_text(encoding="utf-8")
        assert file_text[md["start"] : md["end"]] == doc.page_content  # offsets into the file
        sentence = app.corpus.sentence(md["sentence_id"])
        assert doc.id == sentence.id and sentence.text == doc.page_content
        assert sentence.article_id == md["source"] and sentence.doc_id == md["doc_id"]
        assert md["outlet"] == app.corpus.article(md["source"]).outlet
        assert is_valid(app.corpus, citation_of(doc))
        assert line.startswith(f"[{md['rank']}] ") and doc.page_content in line
    assert [d.metadata["rank"] for d in docs] == list(range(1, len(docs) + 1))
    scores = [d.metadata["score"] for d in docs]
    assert scores == sorted(scores, reverse=True) and scores[-1] >= 0.25
    assert fake_model.calls == []  # retrieval never asks the model


def test_documents_are_the_answer_stages_evidence(app: App) -> None:
    docs = sourcebound.retriever(app).invoke(QUESTION)
    evidence = app.answerer().evidence(QUESTION).items
    assert [d.id for d in docs] == [e.sentence.id for e in evidence]
    assert [d.metadata["score"] for d in docs] == [e.score for e in evidence]


def test_defaults_come_from_the_settings_and_bad_sizes_are_refused(app: App) -> None:
    sb = sourcebound.Sourcebound(app)
    r = sourcebound.retriever(sb)
    assert (r.k, r.top_k) == (app.settings.evidence_sentences, app.settings.top_k)
    assert (sb.retriever(k=2, top_k=5).k, sb.retriever(k=2, top_k=5).top_k) == (2, 5)
    with pytest.raises(ValidationError):
        sourcebound.retriever(app, k=0)


def test_sources_restrict_the_articles(app: App) -> None:
    article = next(a.id for a in app.corpus.articles() if a.outlet == "AP")
    docs = sourcebound.retriever(app, sources=[article]).invoke(QUESTION)
    assert docs and {d.metadata["source"] for d in docs} == {article}
    assert {d.metadata["outlet"] for d in docs} == {"AP"}


def test_syndicated_copies_are_named_in_also_in(app: App) -> None:
    copy = next(s for a in app.corpus.articles() for s in a.sentences if s.duplicate_of)
    docs = sourcebound.retriever(app, k=3).invoke(copy.text)
    folded = [d for d in docs if d.metadata["also_in"]]
    assert folded, "the repeated sentence comes back once, naming its other copies"
    for d in folded:
        for other in d.metadata["also_in"]:
            texts = {normalize_for_match(s.text) for s in app.corpus.article(other).sentences}
            assert normalize_for_match(d.page_content) in texts


def test_documents_ingested_after_the_retriever_was_built_are_found(
    app: App, tmp_path: Path
) -> None:
    retriever = sourcebound.retriever(app, k=3)
    extra = tmp_path / "later"
    extra.mkdir()
    sentence = "Zanzibar lighthouse keepers counted 4,812 migrating flamingos on Thursday."
    (extra / "flamingos.txt").write_text(f"Flamingo count\n\n{sentence}\n", encoding="utf-8")
    app.ingest([extra])
    docs = retriever.invoke("How many flamingos did the Zanzibar lighthouse keepers count?")
    assert docs[0].page_content == sentence and docs[0].metadata["source"] == "flamingos"


def test_async_invoke_matches_invoke(app: App) -> None:
    retriever = SourceboundRetriever(retriever_of=lambda: app.retriever, k=3)
    assert asyncio.run(retriever.ainvoke(QUESTION)) == retriever.invoke(QUESTION)


def test_citation_of_needs_the_retrievers_metadata() -> None:
    with pytest.raises(KeyError):
        citation_of(Document(page_content="text from elsewhere"))
