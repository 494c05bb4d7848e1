"""The Python API: `open()` a data directory, then ingest, ask, verify and summarize.

A thin layer over `agent.app.App`, doing what the CLI commands do minus the printing: the
same input checks (`agent.inputs`), the same stages, the same records. Nothing here is
cached between calls beyond what `App` caches (the store clients, the embedder, the model),
so documents ingested through this object are seen by the next call.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from agent.app import App
from agent.errors import InputError
from agent.ingest.pipeline import IngestReport
from agent.inputs import check_user_text
from agent.settings import Settings, load_settings

if TYPE_CHECKING:
    from agent.generation.summarize import Summary
    from agent.retrieval.langchain_retriever import SourceboundRetriever
    from agent.types import Answer, Article
    from agent.verification.verdicts import Verdict

PathLike = str | os.PathLike[str]


class Sourcebound:
    """One data directory's corpus and stages.

    Build it with `sourcebound.open(...)`, or wrap an `App` you built yourself to inject
    parts (a store, an embedder, an LLM over any LangChain chat model):
    `Sourcebound(App(settings, llm=...))`. The embedding model and the LLM load on first
    use: `ingest` loads only the embedder, `verify(..., use_model=False)` never loads the LLM.

    Failures a user can act on are raised as `agent.errors.SourceboundError` subclasses or
    `vectorstore.errors.VectorStoreError` (together `agent.errors.DOMAIN_ERRORS`), with a
    one-line message naming the file, setting or backend at fault.
    """

    def __init__(self, app: App) -> None:
        self.app = app

    @property
    def settings(self) -> Settings:
        """The resolved settings (data directory, backend, model, retrieval sizes)."""
        return self.app.settings

    def ingest(
        self,
        paths: PathLike | Iterable[PathLike] = (),
        *,
        prune: bool = False,
        urls: Iterable[str] = (),
    ) -> IngestReport:
        """Clean, split, deduplicate, embed and store the files (folders are walked) and the
        web pages or feeds at `urls` (fetched politely; see README "Inputs").

        Incremental: an unchanged file (same SHA-256) is not embedded again. With `prune`,
        documents whose files are not among `paths` are removed from the corpus.

        Returns an `IngestReport`: counts after this run (`documents`, `articles`, `chunks`),
        what this run did (`ingested`, `unchanged`, `pruned`, `chunks_embedded`),
        `duplicate_groups` (lists of article ids, canonical first), `seconds` (wall time) and
        `errors`: one `FileError(path, error)` per file that could not be read or parsed.
        Per-file problems are reported there, never raised.

        Raises `StoreError` when another process holds the data directory's ingest lock for
        more than 10 s or the registry cannot be written; `VectorStoreError` when the store
        or the embedding model fails.
        """
        given = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
        return self.app.ingest([Path(p) for p in given], prune=prune, urls=list(urls))

    def articles(self) -> list[Article]:
        """Every ingested article (its `id` is what `summarize` and citations use), with
        `outlet`, `title`, `date`, `byline` when the file gave them, its sentences with
        character offsets into the file, and `duplicate_of` for a syndicated copy.

        Raises `StoreError` when the registry is unreadable."""
        return self.app.corpus.articles()

    def ask(self, question: str) -> Answer:
        """A cited answer to `question` from the ingested articles.

        Returns an `Answer`: `answer` (the text), `sentences` (each with its `citations`),
        `citations` (all of them, each a `Citation(source=article id, quote, start, end)` with
        `quote == file text[start:end]`, character offsets), `abstained` (True, with the text
        "The sources do not say.", when no evidence is close enough or nothing survives the
        checks; not an error), `backend`, `model`, `latency_s` (seconds), `tokens_in`,
        `tokens_out`.

        Raises `InputError` for an empty question, one over 2000 characters or one holding NUL
        bytes; `ModelError` when the LLM backend fails after its retries; `ConfigError` or
        `ModelAssetError` when the model cannot be set up on first use; `StoreError` /
        `VectorStoreError` from the corpus or the store.
        """
        return self.app.answerer().ask(check_user_text(question, "question", "question"))

    def verify(self, claim: str, *, use_model: bool = True) -> Verdict:
        """Check `claim` against the ingested articles.

        Returns a `Verdict`: `verdict` (`supported`, `refuted`, `not_enough_info` or
        `conflicting`), `atomic` (one `AtomicVerdict` per part of a compound claim, each with
        its evidence), `evidence` (`EvidenceItem`s: `citation` with the `source` article id,
        `quote` and `start`/`end` character offsets; `outlet`, `stance` supports / refutes /
        silent, `signals`; in JSON the citation's fields sit beside the others),
        `explanation`, `backend`, `model`, `latency_s` (seconds), `model_calls`, tokens.
        With `use_model=False` the verdict comes from code checks alone and the LLM is never
        loaded.

        Raises `InputError` for an empty claim, one over 2000 characters or one holding NUL
        bytes; `ModelError`, `ConfigError`, `ModelAssetError`, `StoreError` or
        `VectorStoreError` as `ask` does.
        """
        claim = check_user_text(claim, "claim", "claim")
        return self.app.verifier(use_model=use_model).verify(claim)

    def summarize(self, article_id: str | None = None) -> Summary:
        """A cited summary of one article (`article_id`, see `articles()`), or with no id the
        story across outlets (map-reduce: agreements with outlet counts, differences,
        framing).

        Returns a `Summary`: `id` (the article id, or "story"), `kind` ("article" or
        "story"), `title`, `sentences` (`SummarySentence`: `text`, `citations` checked
        against the source text, `supported` False with a `flag` when the quotes do not back
        the sentence, `section` and `outlets` for story points), `backend`, `model`,
        `latency_s` (seconds), tokens. An empty corpus gives a story with no sentences.

        Raises `InputError` for an unknown article id; `ModelError`, `ConfigError`,
        `ModelAssetError`, `StoreError` or `VectorStoreError` as `ask` does.
        """
        from agent.generation.summary_report import STORY_ID

        if article_id is not None and not self.app.corpus.has_article(article_id):
            raise InputError(
                "article_id", f"unknown article id {article_id!r}; articles() lists them"
            )
        summarizer = self.app.summarizer()
        return summarizer.story(STORY_ID) if article_id is None else summarizer.article(article_id)

    def retriever(
        self, *, k: int | None = None, top_k: int | None = None, sources: list[str] | None = None
    ) -> SourceboundRetriever:
        """This corpus's evidence as a LangChain retriever; see `sourcebound.retriever`."""
        return retriever(self, k=k, top_k=top_k, sources=sources)


def open(data_dir: PathLike | None = None, **settings_overrides: object) -> Sourcebound:
    """Open (or start) a data directory: `Sourcebound` over an `App` built from settings.

    `data_dir` defaults to `$SOURCEBOUND_DATA_DIR`, the config file's, else `./.sourcebound/`.
    `settings_overrides` are `agent.settings.Settings` fields (`backend="openai-compatible"`,
    `openai_base_url=...`, `model=...`, `top_k=8`, ...); they win over `SOURCEBOUND_*`
    environment variables, which win over `sourcebound.toml`. A None value is ignored.
    Nothing is read, created or loaded until a method needs it.

    Raises `ConfigError` naming the field for an unknown setting or an invalid value.
    """
    settings = load_settings(
        data_dir=Path(data_dir) if data_dir is not None else None, **settings_overrides
    )
    return Sourcebound(App(settings))


def retriever(
    app: App | Sourcebound,
    *,
    k: int | None = None,
    top_k: int | None = None,
    sources: list[str] | None = None,
) -> SourceboundRetriever:
    """A LangChain `BaseRetriever` over `app`'s hybrid search and sentence-level evidence.

    `invoke(query)` returns at most `k` Documents (default the `evidence_sentences` setting,
    6), one evidence sentence each, best first; `top_k` chunks are retrieved first (default
    the `top_k` setting, 8); `sources` restricts the search to those article ids.
    `page_content` is the sentence as it stands in the file; `metadata` holds its citation:
    `source` (article id), `doc_id`, `path`, `sentence_id`, `start`/`end` (character offsets
    into the file's text), `outlet`, `title`, `date`, `score`, `rank`, `also_in`
    (`agent.retrieval.langchain_retriever.evidence_document` defines them);
    `sourcebound.citation_of(doc)` turns one back into a `Citation`. No LLM is called.

    Raises pydantic's `ValidationError` for `k` or `top_k` below 1. Retrieval raises
    `StoreError` / `VectorStoreError` from the corpus or the store.
    """
    from agent.retrieval.langchain_retriever import SourceboundRetriever

    a = app.app if isinstance(app, Sourcebound) else app
    return SourceboundRetriever(
        retriever_of=lambda: a.retriever,
        k=k if k is not None else a.settings.evidence_sentences,
        top_k=top_k if top_k is not None else a.settings.top_k,
        sources=sources,
    )
