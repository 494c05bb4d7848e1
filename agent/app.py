"""Wiring: the one place that builds the stages from settings, with every part injectable
(tests pass fakes). The CLI, the eval harness and the Python API ask an `App` for an
answerer, a verifier or a summarizer; none of them assembles a stage itself.

Heavy parts (Chroma client, embedding session, LLM) are created on first use, once per
process, so `sourcebound sources` does not load a model and `ask --file` loads it once.
Stage modules are imported inside the builders for the same reason.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agent.ingest.corpus import Corpus
from agent.ingest.fetch import Fetcher, FetchPolicy
from agent.ingest.pipeline import IngestReport, ingest, ingest_lock
from agent.retrieval.retrieve import Retriever, keyword_index
from agent.settings import Settings
from agent.types import Hit

if TYPE_CHECKING:
    from agent.generation.answer import Answerer
    from agent.generation.summarize import Summarizer
    from agent.llm.facade import LLM
    from agent.verification.compare import Matrix
    from agent.verification.verify import Verifier
    from vectorstore.store import Embedder, VectorStore

log = logging.getLogger(__name__)


class App:
    """The stages of one data directory, built from `settings`.

    `store`, `sentence_store`, `embedder` and `llm` may be injected (tests, benchmarks, other
    backends); anything not injected is built from the settings on first use. The two stores
    are injected together or not at all (ValueError otherwise).
    """

    def __init__(
        self,
        settings: Settings,
        *,
        store: VectorStore | None = None,
        sentence_store: VectorStore | None = None,
        embedder: Embedder | None = None,
        llm: LLM | None = None,
    ) -> None:
        if (store is None) != (sentence_store is None):
            # One injected and one built would split a corpus across two backends (and a
            # test "in memory" would quietly open the embedded Chroma).
            raise ValueError("inject `store` and `sentence_store` together, or neither")
        self.settings = settings
        self._store = store
        self._sentence_store = sentence_store
        self._embedder = embedder
        self._llm = llm

    @cached_property
    def corpus(self) -> Corpus:
        return Corpus(self.settings.data_dir)

    @cached_property
    def client(self) -> Any:
        from vectorstore.client import make_client

        return make_client(self.settings.chroma_url, self.settings.store_dir)

    @property
    def store(self) -> VectorStore:
        if self._store is None:
            from vectorstore.chroma_store import ChromaStore

            self._store = ChromaStore(self.client, self.settings.collection)
        return self._store

    @property
    def sentence_store(self) -> VectorStore:
        """Sentence vectors for evidence selection, in a sibling collection."""
        if self._sentence_store is None:
            from vectorstore.chroma_store import ChromaStore

            self._sentence_store = ChromaStore(self.client, f"{self.settings.collection}-sentences")
        return self._sentence_store

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            from vectorstore.embeddings import MiniLMEmbedder

            self._embedder = MiniLMEmbedder()
        return self._embedder

    @property
    def llm(self) -> LLM:
        if self._llm is None:
            from agent.llm.factory import make_llm

            self._llm = make_llm(self.settings)
        return self._llm

    @cached_property
    def retriever(self) -> Retriever:
        keywords = keyword_index(self.corpus, self.settings.data_dir / "bm25")
        return Retriever(self.corpus, self.store, self.embedder, keywords, self.sentence_store)

    def fetch_policy(self) -> FetchPolicy:
        """How `ingest` fetches URLs: User-Agent, timeout, retries and size cap from settings."""
        return FetchPolicy(
            user_agent=self.settings.user_agent,
            timeout_s=self.settings.fetch_timeout_s,
            retries=self.settings.fetch_retries,
            backoff_s=self.settings.fetch_backoff_s,
            max_bytes=int(self.settings.max_file_mb * 2**20),
        )

    def matrix(self, max_claims: int = 12) -> Matrix:
        """The cross-outlet matrix (agent.verification.compare.build_matrix) with a row per
        figure or date the story's outlets give differently (the story summary's
        differences). No model call: the store's embedder only."""
        from agent.generation.difference_records import corpus_differences, difference_rows
        from agent.verification.compare import build_matrix

        rows = difference_rows(corpus_differences(self.corpus), self.corpus)
        return build_matrix(self.corpus, self.embedder, max_claims, extra=rows)

    def ingest(
        self,
        paths: Sequence[Path],
        *,
        prune: bool = False,
        progress: Callable[[str, int, int], None] | None = None,
        urls: Sequence[str] = (),
    ) -> IngestReport:
        """Ingest files/folders and URLs (pages or feeds) into this data directory."""
        # Opening the embedded store creates or migrates its sqlite file, and a second
        # writer doing that at the same moment fails with "database is locked": take the
        # writer lock before the store is opened (ingest() re-enters it).
        with ingest_lock(self.settings.data_dir), Fetcher(self.fetch_policy()) as fetcher:
            report = ingest(
                paths,
                self.corpus,
                self.store,
                self.embedder,
                sentence_store=self.sentence_store,
                chunk_max_chars=self.settings.chunk_max_chars,
                batch_size=self.settings.embed_batch_size,
                prune=prune,
                progress=progress,
                max_file_bytes=int(self.settings.max_file_mb * 2**20),
                urls=urls,
                fetcher=fetcher,
            )
        self.__dict__.pop("retriever", None)  # the keyword index may be stale now
        return report

    def search(self, query: str, k: int | None = None) -> list[Hit]:
        return self.retriever.search(query, k or self.settings.top_k)

    # --- the stages ---------------------------------------------------------------------
    def answerer(self, top_k: int | None = None) -> Answerer:
        """The question answerer: hybrid retrieval, evidence selection, a cited draft from the
        model and the answer checks. `top_k` overrides `settings.top_k` (chunks retrieved)."""
        from agent.generation.answer import Answerer

        return Answerer(
            self.corpus,
            self.retriever,
            self.embedder,
            self.llm,
            top_k=top_k or self.settings.top_k,
            max_evidence=self.settings.evidence_sentences,
        )

    def verifier(
        self, *, use_model: bool = True, top_k: int | None = None, confirm: bool = True,
        **tuning: int,
    ) -> Verifier:
        """The claim verifier. `use_model=False` decides from code signals alone and never
        loads the model; `confirm=False` skips the yes/no confirmation of supports. `tuning`
        passes the verifier's call budget (`max_calls`, `enough_support`) for calibration
        runs; see `Verifier`."""
        from agent.generation.difference_records import story_disputes
        from agent.verification.verify import Verifier

        return Verifier(
            self.corpus,
            self.retriever,
            self.embedder,
            self.llm if use_model else None,
            top_k=top_k or self.settings.top_k,
            use_model=use_model,
            confirm=confirm,
            # found once per verifier, on the first claim that asks
            disputes=cache(lambda: story_disputes(self.corpus)),
            **tuning,
        )

    def summarizer(self, *, claim_check: bool = True) -> Summarizer:
        """The article and story summarizer. With `claim_check`, each written sentence is
        also checked by the rules-only claim verifier (no extra model calls) behind the quote
        check; if that verifier cannot be built (e.g. the store is unreadable), the quote
        check alone is used and a warning is logged."""
        from agent.generation.summarize import Summarizer, lexical_check, verifier_check

        check = lexical_check
        if claim_check:
            try:
                from agent.verification.verify import verify_sentences

                rules = self.verifier(use_model=False)

                def verdict(text: str) -> str:
                    found = verify_sentences(rules, [text])
                    return found[0].verdict if found else "not_enough_info"

                check = verifier_check(verdict)
            except Exception as e:  # the claim check is an extra; say why it is missing
                log.warning(
                    "claim verifier unavailable (%s); using the quote check alone",
                    type(e).__name__,
                )
        return Summarizer(self.corpus, self.embedder, self.llm, check=check,
                          story_mode=self.settings.story_summary)
