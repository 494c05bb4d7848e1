"""End to end: the real local model summarizes one seed article (slow; `-m e2e`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.app import App
from agent.generation.summarize import Summarizer
from agent.retrieval.citations import is_valid
from agent.settings import load_settings
from vectorstore.memory_store import InMemoryStore


@pytest.mark.e2e
def test_local_model_summarizes_one_seed_article(
    model_cache_dir: Path, seeds_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("llama_cpp")
    from vectorstore.embeddings import MiniLMEmbedder

    monkeypatch.setenv("SOURCEBOUND_MODELS_DIR", str(model_cache_dir))
    app = App(
        load_settings(data_dir=tmp_path / "data", backend="local"),
        store=InMemoryStore(),
        sentence_store=InMemoryStore(),
        embedder=MiniLMEmbedder(),
    )
    app.ingest([seeds_dir])
    article = max(
        (a for a in app.corpus.articles() if not a.duplicate_of), key=lambda a: len(a.sentences)
    )
    summarizer = Summarizer(app.corpus, app.embedder, app.llm)
    summary = summarizer.article(article.id)
    assert len(summary.sentences) >= 3
    for s in summary.sentences:
        valid = [c for c in s.citations if is_valid(app.corpus, c)]
        assert (s.supported and valid) or (not s.supported and s.flag)
    assert summary.backend == "local" and summary.tokens_out > 0
