"""Citation location with folding (quotes, dashes, whitespace) back to exact source offsets."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from agent.ingest.corpus import Corpus
from agent.ingest.pipeline import ingest
from agent.retrieval.citations import fold, is_valid, locate, make_citation
from agent.types import Citation
from vectorstore.memory_store import InMemoryStore

if TYPE_CHECKING:
    from conftest import FakeEmbedder

SOURCE = (
    "Intro.  The mayor said \u201cwe\u2019ll reopen\u201d the bridge \u2014 in June\u00a0 2025."
    "\nEnd."
)


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ('said "we\'ll reopen" the bridge', "said \u201cwe\u2019ll reopen\u201d the bridge"),
        ("bridge - in June 2025.", "bridge \u2014 in June\u00a0 2025."),
        ("  The   mayor\nsaid  ", "The mayor said"),
        ("Intro. The", "Intro.  The"),
        ("2025. End.", "2025.\nEnd."),
    ],
)
def test_locate_maps_back_to_original_characters(quote: str, expected: str) -> None:
    span = locate(SOURCE, quote)
    assert span is not None
    start, end = span
    assert SOURCE[start:end] == expected


def test_locate_respects_window_and_misses() -> None:
    start = SOURCE.index("The mayor")
    assert locate(SOURCE, "Intro", lo=start) is None
    span = locate(SOURCE, "mayor", lo=start, hi=start + 20)
    assert span is not None and SOURCE[span[0] : span[1]] == "mayor"
    assert locate(SOURCE, "the bridge will close") is None
    assert locate(SOURCE, "   ") is None
    assert locate(SOURCE, "") is None


def test_fold_index_points_at_source_characters() -> None:
    folded, index = fold("a\u2014b  \u201cc\u201d")
    assert folded == 'a-b "c"'
    assert len(index) == len(folded)
    assert index == sorted(index)


@pytest.fixture
def corpus(tmp_path: Path, fake_embedder: type[FakeEmbedder]) -> Corpus:
    d = tmp_path / "docs"
    d.mkdir()
    (d / "story.txt").write_text(
        "City reopens bridge\n\n"
        "The mayor said \u201cwe\u2019ll reopen the bridge\u201d on 4 June \u2014 after repairs.\n"
        "Repairs cost 2.5 million dollars, officials said on Tuesday.\n"
        "Traffic will be limited to two lanes for the first month.\n",
        encoding="utf-8",
    )
    c = Corpus(tmp_path / "data")
    report = ingest([d], c, InMemoryStore(), fake_embedder(1), sentence_store=InMemoryStore())
    assert report.errors == []
    return c


def test_make_citation_uses_exact_source_text(corpus: Corpus) -> None:
    art = corpus.articles()[0]
    c = make_citation(corpus, art.id, 'said "we\'ll reopen the bridge" on 4 June - after')
    assert c is not None
    assert c.quote == "said \u201cwe\u2019ll reopen the bridge\u201d on 4 June \u2014 after"
    assert corpus.text(art.doc_id)[c.start : c.end] == c.quote
    assert is_valid(corpus, c)


def test_make_citation_rejects_absent_text_and_unknown_source(corpus: Corpus) -> None:
    art = corpus.articles()[0]
    assert make_citation(corpus, art.id, "Repairs cost 3.5 million dollars") is None
    assert make_citation(corpus, "no-such-source", "Repairs cost 2.5 million dollars") is None
    assert make_citation(corpus, art.id, "   ") is None


def test_is_valid_rejects_tampered_citations(corpus: Corpus) -> None:
    art = corpus.articles()[0]
    c = make_citation(corpus, art.id, "Repairs cost 2.5 million dollars")
    assert c is not None and is_valid(corpus, c)
    assert not is_valid(corpus, c.model_copy(update={"start": c.start + 1}))
    assert not is_valid(corpus, c.model_copy(update={"quote": c.quote.replace("2.5", "3.5")}))
    assert not is_valid(corpus, c.model_copy(update={"source": "elsewhere"}))
    assert not is_valid(corpus, Citation(source=art.id, quote="", start=5, end=5))
    text_len = len(corpus.text(art.doc_id))
    assert not is_valid(
        corpus, Citation(source=art.id, quote="x", start=text_len, end=text_len + 1)
    )
