"""Smoke test for the benchmark corpus generator (fast: no model, no store)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from agent.ingest.parse import parse_document

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "benchmarks" / "make_corpus.py"


def _run(
    out: Path, articles: int, seed: int, dup_rate: float = 0.2, extra: list[str] | None = None
) -> dict[str, int]:
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(out), "--articles", str(articles),
         "--seed", str(seed), "--dup-rate", str(dup_rate), *(extra or [])],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 1, proc.stdout
    summary: dict[str, int] = json.loads(lines[0])
    return summary


def _texts(d: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(d.glob("*.txt"))}


def _body(text: str) -> str:
    """Everything after the header block (headline, byline, date)."""
    return text.split("\n\n", 1)[1]


def test_generates_the_requested_files_with_a_summary_line(tmp_path: Path) -> None:
    summary = _run(tmp_path / "c", 40, seed=3)
    files = _texts(tmp_path / "c")
    assert summary["articles"] == summary["files"] == len(files) == 40
    manifest = json.loads((tmp_path / "c" / "manifest.json").read_text())
    dups = {k: v for k, v in manifest.items() if v["duplicate_of"]}
    assert summary["duplicates"] == len(dups) > 0
    for name, entry in dups.items():
        assert f"{entry['duplicate_of']}.txt" in files and entry["duplicate_of"] != name


def test_same_seed_same_corpus_other_seed_differs(tmp_path: Path) -> None:
    _run(tmp_path / "a", 15, seed=7)
    _run(tmp_path / "b", 15, seed=7)
    _run(tmp_path / "c", 15, seed=8)
    assert _texts(tmp_path / "a") == _texts(tmp_path / "b")
    assert _texts(tmp_path / "a") != _texts(tmp_path / "c")


def test_articles_parse_into_sentences_and_exact_copies_share_the_body(tmp_path: Path) -> None:
    _run(tmp_path / "c", 60, seed=11, dup_rate=0.3)
    files = _texts(tmp_path / "c")
    manifest = json.loads((tmp_path / "c" / "manifest.json").read_text())
    for name, text in files.items():
        doc = parse_document(name[:-4], name, text)
        n_sentences = sum(len(a.sentences) for a in doc.articles)
        # 6-15 generated; the segmenter may join two at an abbreviation ("the U.S. Navy").
        assert n_sentences >= 5, (name, n_sentences)
    exact = [(k, v["duplicate_of"]) for k, v in manifest.items() if v["kind"] == "exact"]
    near = [(k, v["duplicate_of"]) for k, v in manifest.items() if v["kind"] == "near"]
    assert exact and near
    for copy, original in exact:
        # Syndicated copy: the article body is the same, boilerplate tails may differ.
        first_para = _body(files[f"{original}.txt"]).split("\n\n")[0]
        assert first_para in files[f"{copy}.txt"]
    for copy, original in near:
        assert files[f"{copy}.txt"] != files[f"{original}.txt"]


def test_no_seed_sentences_leaves_out_every_seed_only_word(tmp_path: Path) -> None:
    """Distractor mode: nothing from the seeds, so no perturbed seed sentence can contradict
    the real seeds it is ingested next to. Seed-only words (never in the templates or the
    fill-in lists) appear with the default mode and never without seed sentences."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from benchmarks import make_corpus as mc

    def words(text: str) -> set[str]:
        return set(re.findall(r"[a-z]{4,}", text.lower()))

    lists = [mc.TEMPLATES, mc.HEADLINES, *mc.BOILER_TAILS, mc.FIRST, mc.LAST, mc.PLACE_LIST]
    lists += [mc.ORG_LIST, mc.TOPIC_LIST, mc.MONTH_LIST, mc.DAYS, mc.OUTLETS, mc.VERBS]
    template_text = " ".join(w for words_list in lists for w in words_list) + " By"
    seed_only = words(" ".join(mc.seed_sentences(mc.SEEDS_DIR))) - words(template_text)
    assert seed_only
    _run(tmp_path / "with", 40, seed=5)
    _run(tmp_path / "without", 40, seed=5, extra=["--no-seed-sentences"])
    with_words = set().union(*(words(t) for t in _texts(tmp_path / "with").values()))
    without_words = set().union(*(words(t) for t in _texts(tmp_path / "without").values()))
    assert with_words & seed_only
    assert not without_words & seed_only, sorted(without_words & seed_only)[:10]


def test_bench_scale_step_reingests_the_changed_files(tmp_path: Path) -> None:
    """A tiny bench_scale run: the 1%-changed re-ingest must re-ingest the edited files (a
    run that re-ingested none would print a figure that measures nothing), and the corpus
    must end as it began (files are edited in place and put back)."""
    corpus = tmp_path / "corpus"
    _run(corpus, 40, seed=3)
    before = _texts(corpus)
    out = tmp_path / "out"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_scale.py"), "--steps", "60",
         "--embedder", "hashed", "--queries", "2", "--corpus", str(corpus), "--out", str(out)],
        capture_output=True, text=True, check=True, timeout=300,
    )  # fmt: skip
    records = [json.loads(x) for x in (out / "scale.jsonl").read_text().splitlines()]
    (changed,) = [r for r in records if r.get("figure") == "reingest_1pct_changed"]
    assert changed["changed_files"] >= 1
    assert changed["ingested"] == changed["changed_files"]
    assert _texts(corpus) == before
