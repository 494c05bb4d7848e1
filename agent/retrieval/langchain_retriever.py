"""sourcebound's evidence as a LangChain retriever: hybrid search (BM25 + vectors, duplicates
folded) and sentence-level evidence selection (`gather_evidence`), returned as `Document`s a
LangChain chain can use, each one sentence of an ingested article with its citation.

    retriever = SourceboundRetriever(retriever_of=lambda: app.retriever, k=6)
    chain = retriever | RunnableLambda(format_docs) | prompt | model

Each Document's `page_content` is the sentence exactly as it stands in the source file, and
`metadata` carries where it stands (see `evidence_document`), so `citation_of(doc)` gives back
a `Citation` that `agent.retrieval.citations.is_valid` accepts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import Field

from agent.ingest.corpus import Corpus
from agent.retrieval.citations import make_citation
from agent.retrieval.evidence import gather_evidence
from agent.retrieval.retrieve import Retriever
from agent.types import Citation, Evidence


def evidence_document(corpus: Corpus, evidence: Evidence, rank: int) -> Document | None:
    """One evidence sentence as a Document, or None when its quote is no longer found in the
    document's text snapshot (it is then not citable, and the answer stage would drop it too).

    `page_content` is the quote (`text[start:end]` of the source file's decoded text);
    `id` is the sentence id. `metadata` (JSON-safe values only):

    - `source` (str): the article id, as in `Citation.source` (`<doc_id>` or `<doc_id>#<n>`
      for a file holding several articles)
    - `doc_id` (str), `path` (str | None): the ingested file's id and the path it was read from
    - `sentence_id` (str): `<article_id>:<n>`
    - `start`, `end` (int): character offsets of the quote in the file's decoded text
      (end exclusive)
    - `outlet`, `title`, `date` (str | None): the article's metadata when the file gave it
    - `score` (float): the evidence score, 0.7 x cosine similarity + 0.3 x the IDF-weighted
      share of the query's content words in the sentence, +/-0.08 for an answer-type cue
      (a place for "where", a date for "when", a number for "how many"); unitless, higher
      is more relevant, from 0.25 (the cut-off) to at most 1.08
    - `rank` (int): 1 for the best sentence
    - `also_in` (list[str]): article ids of syndicated copies that carry the same sentence
    """
    s = evidence.sentence
    cite = make_citation(corpus, s.article_id, s.text)
    if cite is None:
        return None
    article = corpus.article(s.article_id)
    record = corpus.record(s.doc_id)
    metadata: dict[str, Any] = {
        "source": cite.source,
        "doc_id": s.doc_id,
        "path": record.document.path if record is not None else None,
        "sentence_id": s.id,
        "start": cite.start,
        "end": cite.end,
        "outlet": evidence.outlet,
        "title": article.title,
        "date": article.date,
        "score": evidence.score,
        "rank": rank,
        "also_in": list(evidence.also_in),
    }
    return Document(id=s.id, page_content=cite.quote, metadata=metadata)


def citation_of(doc: Document) -> Citation:
    """The `Citation` record of a Document this retriever returned.

    Raises KeyError when `doc.metadata` lacks `source`, `start` or `end` (a Document from
    elsewhere)."""
    md = doc.metadata
    return Citation(source=md["source"], quote=doc.page_content, start=md["start"], end=md["end"])


class SourceboundRetriever(BaseRetriever):
    """LangChain retriever over sourcebound's hybrid search and evidence selection.

    `invoke(query: str) -> list[Document]`: at most `k` evidence sentences, best first, at
    most 3 per article (so other outlets get a say), each scoring at least 0.25; an
    unrelated query may return fewer, or none. Unlike `ask`, nothing abstains here: the
    caller sees the scores and decides. Metadata fields: see `evidence_document`.

    Fields:
    - `retriever_of`: returns the current `agent.retrieval.retrieve.Retriever` on each call
      (e.g. `lambda: app.retriever`), so documents ingested after this retriever was built
      are found too.
    - `k`: evidence sentences returned (>= 1); `top_k`: chunks retrieved first (>= 1);
      `sentence_pool`: nearest sentences from the sentence index also considered (>= 0).
    - `sources`: article ids to search within, or None for the whole corpus.

    Errors: domain errors propagate (`agent.errors.StoreError` for an unreadable registry or a
    missing text snapshot, `vectorstore.errors.VectorStoreError` from the store); the
    embedder's errors likewise. No LLM is called.
    """

    retriever_of: Callable[[], Retriever]
    k: int = Field(default=6, ge=1)
    top_k: int = Field(default=8, ge=1)
    sentence_pool: int = Field(default=30, ge=0)
    sources: list[str] | None = None

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        retriever = self.retriever_of()
        found = gather_evidence(
            query,
            retriever,
            k=self.top_k,
            max_sentences=self.k,
            sentence_pool=self.sentence_pool,
            sources=self.sources,
        )
        docs = (
            evidence_document(retriever.corpus, e, rank)
            for rank, e in enumerate(found.items, start=1)
        )
        return [d for d in docs if d is not None]
