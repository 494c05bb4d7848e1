"""The naive baseline: tutorial chunking, top-4 retrieval, chunk citations mapped to article
ids by offset, and the documented abstention rule (fake embeddings and chat model)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from langchain_core.embeddings import DeterministicFakeEmbedding
from langchain_core.vectorstores import InMemoryVectorStore

from agent.app import App
from agent.errors import ConfigError
from evals.naive import CHUNK_SIZE, TOP_K, NaiveRAG, is_abstention, parse_verdict

if TYPE_CHECKING:
    from conftest import FakeChatModel


@pytest.fixture
def naive(
    seeds_dir: Path, make_app: Callable[..., App], fake_model: FakeChatModel
) -> tuple[NaiveRAG, FakeChatModel]:
    app = make_app(seeds_dir)
    store = InMemoryVectorStore(DeterministicFakeEmbedding(size=32))
    files = sorted(seeds_dir.iterdir())
    return NaiveRAG(app.llm, app.corpus, files, vectorstore=store), fake_model


def test_chunks_and_answer_cite_the_four_retrieved_chunks(
    naive: tuple[NaiveRAG, FakeChatModel]
) -> None:
    rag, chat = naive
    chat.queue("Mexico sent troops. Sheinbaum said no.")
    ans = rag.ask("What did Mexico do?")
    assert not ans.abstained and len(ans.sentences) == 2
    assert len(ans.citations) == TOP_K
    for c in ans.citations:
        assert len(c.quote) <= CHUNK_SIZE
        assert rag.text_of(c.source)[c.start : c.end] == c.quote
        assert rag.corpus.doc_id_of(c.source) in {p.stem for p in rag.seed_files}
    prompt = str(chat.calls[0][0][-1].content)
    assert "based only on the following context" in prompt and "What did Mexico do?" in prompt
    assert ans.tokens_in > 0 and ans.tokens_out > 0


def test_abstention_rule(naive: tuple[NaiveRAG, FakeChatModel]) -> None:
    rag, chat = naive
    chat.queue("The context does not mention the size of the force.")
    ans = rag.ask("How big was the force?")
    assert ans.abstained and ans.sentences == [] and ans.citations == []
    assert is_abstention("I don't know.") and is_abstention("")
    assert not is_abstention("Mexico sent 10,000 troops.")


def test_parse_verdict_takes_the_first_label_word() -> None:
    assert parse_verdict("Refuted: the article says otherwise") == "refuted"
    assert parse_verdict("The claim is not supported by the context") == "not_enough_info"
    assert parse_verdict("Supported.") == "supported"
    assert parse_verdict("Sources disagree, so it is conflicting.") == "conflicting"
    assert parse_verdict("hmm") == "not_enough_info"


def test_retrieve_returns_article_ids(naive: tuple[NaiveRAG, FakeChatModel]) -> None:
    rag, _ = naive
    ids = rag.retrieve("troops at the border", 4)
    assert 1 <= len(ids) <= 4
    assert all(rag.corpus.has_article(i) or "#" not in i for i in ids)


@pytest.mark.parametrize(
    ("module", "package", "with_store"),
    [
        ("langchain_text_splitters", "langchain-text-splitters", True),
        ("langchain_chroma", "langchain-chroma", False),
    ],
)
def test_missing_eval_extra_is_one_line_naming_it(
    seeds_dir: Path, monkeypatch: pytest.MonkeyPatch, make_app: Callable[..., App],
    module: str, package: str, with_store: bool,
) -> None:
    app = make_app()
    store = InMemoryVectorStore(DeterministicFakeEmbedding(size=32)) if with_store else None
    monkeypatch.setitem(sys.modules, module, None)  # `import module` now raises ImportError
    with pytest.raises(ConfigError) as err:
        NaiveRAG(app.llm, app.corpus, sorted(seeds_dir.iterdir()), vectorstore=store)
    msg = str(err.value)
    assert "\n" not in msg
    assert "'eval' extra" in msg and package in msg and '.[eval]' in msg
    assert err.value.__cause__ is None and err.value.__suppress_context__
