"""Incremental duplicate refresh (agent/ingest/dedup_scope.py): after any sequence of puts and
removes, the marks in the registry equal a full mark_duplicates run over the corpus, while a
change re-marks only the articles it can affect."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from agent.ingest import dedup
from agent.ingest.corpus import Corpus, DocumentRecord
from agent.ingest.dedup import corpus_order, mark_duplicates, published_key, reprinted_from
from agent.ingest.dedup_scope import refresh_duplicates
from agent.ingest.parse import parse_document
from agent.ingest.pipeline import make_chunks
from agent.ingest.registry_db import SCHEMA_VERSION

WORDS = [f"w{i}" for i in range(400)]


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14))).capitalize() + "."


def record(doc_id: str, sentences: list[str], date: str | None = None) -> DocumentRecord:
    doc = parse_document(doc_id, f"{doc_id}.txt", "\n".join(sentences) + "\n")
    for a in doc.articles:
        a.date = date
    chunks = [c for a in doc.articles for c in make_chunks(a, 480)]
    return DocumentRecord(document=doc, chunks=chunks)


def full_run(corpus: Corpus) -> tuple[dict[str, str | None], dict[str, str | None]]:
    """Article and sentence marks of mark_duplicates over the whole corpus, in its order."""
    docs = sorted(corpus.documents(), key=lambda d: corpus_order(published_key(d), d.id))
    marked = mark_duplicates([a for d in docs for a in d.articles])
    return (
        {a.id: a.duplicate_of for a in marked},
        {s.id: s.duplicate_of for a in marked for s in a.sentences},
    )


def stored(corpus: Corpus) -> tuple[dict[str, str | None], dict[str, str | None]]:
    for rec in corpus.records():
        marks = {a.id: a.duplicate_of for a in rec.document.articles}
        assert all(c.duplicate_of == marks[c.article_id] for c in rec.chunks)
    arts = corpus.articles()
    return (
        {a.id: a.duplicate_of for a in arts},
        {s.id: s.duplicate_of for a in arts for s in a.sentences},
    )


def variant(rng: random.Random, base: list[str], shared: list[str]) -> list[str]:
    """An exact copy, a near copy (one sentence changed), a loose rewrite, new text that
    quotes syndicated sentences, or a reprint with words cut from some sentences (marked as
    its original's by dedup.mark_trimmed)."""
    kind = rng.randrange(5)
    if kind == 4:
        return [" ".join(s.split()[:-2]) + "." if rng.random() < 0.3 else s for s in base]
    if kind == 0:
        return list(base)
    if kind == 1:
        out = list(base)
        out[rng.randrange(len(out))] = sentence(rng)
        return out
    if kind == 2:
        return [s if rng.random() < 0.5 else sentence(rng) for s in base]
    return [sentence(rng) for _ in range(8)] + rng.sample(shared, 2)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_incremental_marks_equal_a_full_run_after_every_change(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    shared = [sentence(rng) for _ in range(5)]
    bases = [[sentence(rng) for _ in range(20)] for _ in range(4)]
    corpus = Corpus(tmp_path / "data")
    names = [f"d{i:02d}" for i in range(14)]
    for step in range(40):
        doc_id = rng.choice(names)
        if corpus.content_hash(doc_id) is not None and rng.random() < 0.25:
            corpus.remove(doc_id)
        else:
            # dated and undated documents: the corpus order is by date, then id
            date = rng.choice([None, "March 3, 2026", "4 March 2026", "2026-03-05"])
            corpus.put(record(doc_id, variant(rng, rng.choice(bases), shared), date), "text")
        refresh_duplicates(corpus)
        corpus.save()
        expected = full_run(Corpus(tmp_path / "data"))
        assert stored(Corpus(tmp_path / "data")) == expected, f"step {step}"
    articles, sentences = full_run(corpus)
    assert any(articles.values()) and any(sentences.values())  # the run exercised marks


def test_a_change_re_marks_only_the_articles_it_can_affect(tmp_path: Path) -> None:
    rng = random.Random(7)
    corpus = Corpus(tmp_path / "data")
    base = [sentence(rng) for _ in range(20)]
    corpus.put(record("a0", base), "text")
    corpus.put(record("a1", base), "text")  # an exact copy of a0
    for i in range(30):
        corpus.put(record(f"u{i:02d}", [sentence(rng) for _ in range(20)]), "text")
    assert refresh_duplicates(corpus) == 32  # first refresh: everything is new
    corpus.save()
    corpus.put(record("u05", [sentence(rng) for _ in range(20)]), "text")
    assert refresh_duplicates(corpus) == 1
    corpus.save()
    corpus.remove("a0")  # a1 becomes canonical: the pair is the scope
    assert refresh_duplicates(corpus) == 1
    corpus.save()
    assert Corpus(tmp_path / "data").article("a1").duplicate_of is None
    assert refresh_duplicates(corpus) == 0  # nothing pending


FOOTERS = [
    "Copyright 2026 The Associated Press, all rights reserved.",
    "This material may not be published, broadcast, rewritten or redistributed.",
    "Sign up for our morning newsletter to get the news first.",
]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_incremental_marks_equal_a_full_run_with_boilerplate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    """Footer sentences shared by more than MAX_SENTENCE_DF articles find no candidates; the
    bound is small here, so footers cross it up and down as documents come and go."""
    monkeypatch.setattr(dedup, "MAX_SENTENCE_DF", 4)
    rng = random.Random(100 + seed)
    shared = [sentence(rng) for _ in range(5)]
    bases = [[sentence(rng) for _ in range(rng.choice((4, 6, 20)))] for _ in range(4)]
    corpus = Corpus(tmp_path / "data")
    names = [f"d{i:02d}" for i in range(14)]
    frequent_seen = 0
    for step in range(50):
        doc_id = rng.choice(names)
        if corpus.content_hash(doc_id) is not None and rng.random() < 0.3:
            corpus.remove(doc_id)
        else:
            text = variant(rng, rng.choice(bases), shared)
            if rng.random() < 0.7:
                text += FOOTERS[: rng.randint(1, 3)]
            corpus.put(record(doc_id, text), "text")
        refresh_duplicates(corpus)
        corpus.save()
        fresh = Corpus(tmp_path / "data")
        expected = full_run(fresh)
        assert stored(fresh) == expected, f"step {step}"
        frequent_seen += bool(
            fresh.connection().execute("SELECT 1 FROM sentence_df WHERE df > 4").fetchone()
        )
    assert 0 < frequent_seen < 50  # footers were frequent at times, and rare at others


def test_a_key_crossing_the_bound_re_marks_its_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """a1 is a containment copy of a0 through three sentences only. Quoting them in three
    more articles makes them frequent: a1 is no copy then (as in a full run), and is one
    again when the quotes go, although neither change links a1 to anything."""
    monkeypatch.setattr(dedup, "MAX_SENTENCE_DF", 2)
    rng = random.Random(3)
    quoted = [sentence(rng) for _ in range(3)]
    corpus = Corpus(tmp_path / "data")
    corpus.put(record("a0", [sentence(rng) for _ in range(17)] + quoted), "text")
    corpus.put(record("a1", [*quoted, sentence(rng)]), "text")
    refresh_duplicates(corpus)
    corpus.save()
    assert corpus.article("a1").duplicate_of == "a0"
    for i in range(3):
        corpus.put(record(f"q{i}", [sentence(rng) for _ in range(20)] + quoted), "text")
    assert refresh_duplicates(corpus) >= 5  # a0 and a1 joined the three new articles
    corpus.save()
    assert Corpus(tmp_path / "data").article("a1").duplicate_of is None
    assert stored(Corpus(tmp_path / "data")) == full_run(Corpus(tmp_path / "data"))
    for i in range(3):
        corpus.remove(f"q{i}")
    refresh_duplicates(corpus)
    corpus.save()
    assert Corpus(tmp_path / "data").article("a1").duplicate_of == "a0"
    assert stored(Corpus(tmp_path / "data")) == full_run(Corpus(tmp_path / "data"))


def test_a_version_1_registry_is_migrated_and_re_marked(tmp_path: Path) -> None:
    """Schema 1 had no body flag and no sentence_df: opening adds them from the stored
    records (header-block lines are not body), and the next refresh re-marks everything."""
    rng = random.Random(11)
    base = [sentence(rng) for _ in range(20)]
    corpus = Corpus(tmp_path / "data")
    for i in range(4):
        rec = record(f"d{i}", [f"Title line number {i} of this page.", *base])
        rec.document.articles[0].sentences[0].header = "title"
        corpus.put(rec, "text")
    refresh_duplicates(corpus)
    corpus.save()
    conn = corpus.connection()
    expected_df = conn.execute("SELECT * FROM sentence_df ORDER BY norm_key").fetchall()
    flags = conn.execute("SELECT sentence_id, body FROM sentence_keys ORDER BY 1").fetchall()
    assert ("d0:0", 0) in flags
    conn.execute("UPDATE articles SET duplicate_of = NULL")  # as if marked by another rule
    conn.execute("DROP TABLE sentence_df")
    conn.execute("ALTER TABLE sentence_keys DROP COLUMN body")
    conn.execute("PRAGMA user_version = 1")
    conn.close()

    migrated = Corpus(tmp_path / "data")
    conn = migrated.connection()
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT * FROM sentence_df ORDER BY norm_key").fetchall() == expected_df
    assert conn.execute("SELECT sentence_id, body FROM sentence_keys ORDER BY 1").fetchall() == (
        flags
    )
    assert refresh_duplicates(migrated) == 4  # every article, though none was changed
    migrated.save()
    assert stored(Corpus(tmp_path / "data")) == full_run(Corpus(tmp_path / "data"))
    assert refresh_duplicates(migrated) == 0


def test_a_version_2_registry_gets_keys_without_datelines(tmp_path: Path) -> None:
    """Schema 2 keyed a sentence with its wire dateline: opening recomputes those keys (and
    the buckets and frequencies), and the next refresh marks the reprint that dropped it."""
    rng = random.Random(12)
    lede = "About two thousand fish have been killed after sewage escaped into the river."
    dated = f"CORLEIGH, England, March 3 (BNA) - {lede}"
    rest = [sentence(rng) for _ in range(6)]
    corpus = Corpus(tmp_path / "data")
    corpus.put(record("a_wire", [dated, *rest]), "text")
    corpus.put(record("b_desk", [lede, *(sentence(rng) for _ in range(6))]), "text")
    refresh_duplicates(corpus)
    corpus.save()
    assert Corpus(tmp_path / "data").article("b_desk").sentences[0].duplicate_of == "a_wire:0"
    conn = corpus.connection()
    new_keys = conn.execute("SELECT * FROM sentence_keys ORDER BY 2").fetchall()
    new_df = conn.execute("SELECT * FROM sentence_df ORDER BY 1").fetchall()
    old_key = dedup.sentence_key(dedup.normalize_for_match(dated))
    conn.execute("UPDATE sentence_keys SET norm_key = ? WHERE sentence_id = 'a_wire:0'", (old_key,))
    conn.execute("UPDATE sentence_keys SET duplicate_of = NULL")
    conn.execute("DELETE FROM sentence_df")
    conn.execute("INSERT INTO sentence_df SELECT norm_key, count(DISTINCT article_id) "
                 "FROM sentence_keys WHERE body GROUP BY norm_key")
    conn.execute("PRAGMA user_version = 2")
    conn.close()

    migrated = Corpus(tmp_path / "data")
    conn = migrated.connection()
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT * FROM sentence_df ORDER BY 1").fetchall() == new_df
    assert refresh_duplicates(migrated) == 2  # every article
    migrated.save()
    assert conn.execute("SELECT * FROM sentence_keys ORDER BY 2").fetchall() == new_keys
    assert stored(Corpus(tmp_path / "data")) == full_run(Corpus(tmp_path / "data"))


# Which of two articles is the copy: the later published, whatever the files are called
# (dedup.corpus_order), in a new store and in one of schema 3 (registry_db.migrate_v3).
WIRE_DATE, PAPER_DATE = "March 3, 2026", "4 March 2026"


def _wire_and_paper(tmp_path: Path, wire: tuple[str, str, str], paper: tuple[str, str],
                    shared: int, seed: int) -> Corpus:
    """A store of a wire (id, first-sentence prefix, date) and a paper (id, date) that
    reprints its first `shared` sentences and adds its own."""
    rng = random.Random(seed)
    text = [sentence(rng) for _ in range(12)]
    corpus = Corpus(tmp_path / "data")
    corpus.put(record(wire[0], [wire[1] + text[0], *text[1:]], wire[2]), "text")
    corpus.put(record(paper[0], [*text[:shared], *(sentence(rng) for _ in range(3))],
                      paper[1]), "text")
    refresh_duplicates(corpus)
    corpus.save()
    return corpus


def _store(tmp_path: Path) -> Corpus:
    """A wire of 3 March and a paper of 4 March that reprints its first five sentences and
    adds its own; the paper's file name sorts first (a newcomer trial, session 55)."""
    return _wire_and_paper(tmp_path, ("meridian_wire", "", WIRE_DATE),
                           ("haldwick_gazette", PAPER_DATE), shared=5, seed=5)


def test_the_later_paper_reprints_the_earlier_wire(tmp_path: Path) -> None:
    _store(tmp_path)
    corpus = Corpus(tmp_path / "data")
    assert reprinted_from(corpus.article("haldwick_gazette")) == {"meridian_wire": 5}
    assert reprinted_from(corpus.article("meridian_wire")) == {}


def test_undated_documents_keep_the_order_of_their_ids(tmp_path: Path) -> None:
    rng = random.Random(6)
    text = [sentence(rng) for _ in range(12)]
    corpus = Corpus(tmp_path / "data")
    corpus.put(record("b_undated", [*text[:5], sentence(rng)]), "text")
    corpus.put(record("a_undated", text), "text")
    refresh_duplicates(corpus)
    corpus.save()
    assert reprinted_from(Corpus(tmp_path / "data").article("b_undated")) == {"a_undated": 5}


def test_a_version_3_registry_learns_its_dates_and_is_re_marked(tmp_path: Path) -> None:
    _store(tmp_path)
    path = tmp_path / "data" / "registry.sqlite3"
    conn = sqlite3.connect(path)
    # as schema 3 left it: no dates, and the paper (first by id) taken as the original
    conn.execute("ALTER TABLE documents DROP COLUMN published")
    conn.execute("UPDATE sentence_keys SET duplicate_of = NULL")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    _assert_migrated(tmp_path, {"meridian_wire": "2026-03-03+",
                                "haldwick_gazette": "2026-03-04+"},
                     ("haldwick_gazette", "meridian_wire", 5))


def _assert_migrated(tmp_path: Path, published: dict[str, str],
                     reprint: tuple[str, str, int]) -> None:
    """The store opens at SCHEMA_VERSION with these published keys, re-marks every article
    (two), and then has `reprint`: (the copy, its original, sentences reprinted)."""
    migrated = Corpus(tmp_path / "data")
    conn = migrated.connection()
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert dict(conn.execute("SELECT doc_id, published FROM documents").fetchall()) == published
    assert refresh_duplicates(migrated) == 2
    migrated.save()
    copy, original, n = reprint
    assert reprinted_from(Corpus(tmp_path / "data").article(copy)) == {original: n}


def _same_day(tmp_path: Path) -> Corpus:
    """An agency's filing and a paper of the same day that reprints its first four sentences
    without the dateline and adds its own; the paper's file name sorts first (a transport
    newcomer, session 60)."""
    return _wire_and_paper(tmp_path, ("tpa_wire", "KELBY, England, March 3 (TPA) - ", WIRE_DATE),
                           ("dunmarsh_courier", "3 March 2026"), shared=4, seed=7)


def test_of_one_day_the_agency_s_filing_is_the_original(tmp_path: Path) -> None:
    _same_day(tmp_path)
    corpus = Corpus(tmp_path / "data")
    assert reprinted_from(corpus.article("dunmarsh_courier")) == {"tpa_wire": 4}
    assert reprinted_from(corpus.article("tpa_wire")) == {}


def test_a_version_5_registry_reads_its_keys_again_and_is_re_marked(tmp_path: Path) -> None:
    _same_day(tmp_path)
    conn = sqlite3.connect(tmp_path / "data" / "registry.sqlite3")
    # as schema 5 left it: one day's key for both, the paper (first by id) the original
    conn.execute("UPDATE documents SET published = '2026-03-03'")
    conn.execute("PRAGMA user_version = 5")
    conn.commit()
    conn.close()
    _assert_migrated(tmp_path, {"tpa_wire": "2026-03-03", "dunmarsh_courier": "2026-03-03+"},
                     ("dunmarsh_courier", "tpa_wire", 4))


def test_a_version_4_registry_counts_its_terms_again(tmp_path: Path) -> None:
    """Schema 4 counted "jobs" apart from "job" (four-letter plurals were not folded):
    opening it counts term_df again from the stored records, so the corpus IDF of "job"
    covers both sentences, and an unreadable record is skipped, not fatal."""
    corpus = Corpus(tmp_path / "data")
    corpus.put(record("d0", ["The plant will cut 640 jobs.", "One job went in May."]), "text")
    corpus.save()
    conn = corpus.connection()
    fresh = dict(conn.execute("SELECT term, df FROM term_df").fetchall())
    assert fresh["job"] == 2 and "jobs" not in fresh
    conn.execute("DELETE FROM term_df")
    conn.executemany("INSERT INTO term_df VALUES (?, ?)", [("jobs", 1), ("job", 1)])
    conn.execute("INSERT INTO documents (doc_id, sha256, path, n_chunks, record) "
                 "VALUES ('bad', 'x', 'bad.txt', 0, 'not json')")
    conn.execute("PRAGMA user_version = 4")
    conn.close()

    conn = Corpus(tmp_path / "data").connection()
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert dict(conn.execute("SELECT term, df FROM term_df").fetchall()) == fresh

