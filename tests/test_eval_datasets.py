"""Dataset loading (errors name file:line and field) and the quality of the shipped labels."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from agent.errors import InputError
from evals.datasets import (
    CLAIMS_FILE,
    HELDOUT_CLAIMS_FILE,
    QA_FILE,
    load_claims,
    load_jsonl,
    load_qa,
    load_summary_facts,
    validate_sources,
)
from evals.schema import VERDICTS, ClaimItem, GoldFact, QAItem, SummaryFact

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# Aggregated seed files and how many articles they hold (the rest hold one article each).
MULTI_ARTICLE = {"003_7f814669e06ec963": 3}
DUPLICATE_COPIES = {"003_7f814669e06ec963#2"}


def seed_article_ids() -> set[str]:
    ids: set[str] = set()
    for path in SEEDS.glob("*.txt"):
        n = MULTI_ARTICLE.get(path.stem)
        ids |= {f"{path.stem}#{i}" for i in range(1, n + 1)} if n else {path.stem}
    return ids


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "items.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _summary(i: str, **kw: object) -> str:
    return json.dumps({"id": i, "text": "t", "sources": ["a"], "importance": "core", **kw})


# --- loader ------------------------------------------------------------------------------


def test_load_jsonl_skips_blank_lines(tmp_path: Path) -> None:
    path = _write(tmp_path, [_summary("s1"), "", "   ", _summary("s2")])
    items = load_jsonl(path, SummaryFact)
    assert [i.id for i in items] == ["s1", "s2"]


def test_invalid_field_names_file_line_and_field(tmp_path: Path) -> None:
    path = _write(tmp_path, [_summary("s1"), "", _summary("s2", importance="vital")])
    with pytest.raises(InputError) as exc:
        load_jsonl(path, SummaryFact)
    assert exc.value.where == f"{path}:3"
    assert "importance" in exc.value.problem
    assert "Traceback" not in str(exc.value)


def test_broken_json_names_file_line(tmp_path: Path) -> None:
    path = _write(tmp_path, [_summary("s1"), '{"id": "s2", "text": '])
    with pytest.raises(InputError, match=r"items\.jsonl:2: invalid JSON"):
        load_jsonl(path, SummaryFact)


def test_unknown_field_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, [_summary("s1", importanse="core")])
    with pytest.raises(InputError, match="importanse"):
        load_jsonl(path, SummaryFact)


def test_duplicate_ids_are_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, [_summary("s1"), _summary("s2"), _summary("s1")])
    with pytest.raises(InputError) as exc:
        load_jsonl(path, SummaryFact)
    assert exc.value.where.endswith(":3")
    assert "duplicate id 's1'" in exc.value.problem and "line 1" in exc.value.problem


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        load_qa(tmp_path / "nope.jsonl")


@pytest.mark.parametrize(
    "item",
    [
        {"id": "q", "question": "?", "answerable": False, "gold_sources": ["a"]},
        {"id": "q", "question": "?", "answerable": True, "facts": [], "gold_sources": ["a"]},
        {
            "id": "q",
            "question": "?",
            "answerable": True,
            "facts": [{"text": "f", "sources": ["b"]}],
            "gold_sources": ["a"],
        },
        {"id": "q", "question": "?", "answerable": True, "facts": [{"text": "f", "sources": []}]},
    ],
)
def test_qa_schema_rejects_inconsistent_items(tmp_path: Path, item: dict[str, object]) -> None:
    with pytest.raises(InputError, match=r":1: field"):
        load_jsonl(_write(tmp_path, [json.dumps(item)]), QAItem)


def test_claim_schema_requires_evidence_for_decided_verdicts(tmp_path: Path) -> None:
    base = {"id": "c", "claim": "x", "tags": []}
    ok = [
        json.dumps({**base, "id": "c1", "verdict": "not_enough_info", "evidence_sources": []}),
        json.dumps({**base, "id": "c2", "verdict": "refuted", "evidence_sources": ["a"]}),
    ]
    assert len(load_jsonl(_write(tmp_path, ok), ClaimItem)) == 2
    for verdict, sources in [("supported", []), ("conflicting", ["a"]), ("true", ["a"])]:
        bad = json.dumps({**base, "verdict": verdict, "evidence_sources": sources})
        with pytest.raises(InputError, match=r":1: field"):
            load_jsonl(_write(tmp_path, [bad]), ClaimItem)


def test_validate_sources_reports_unknown_ids() -> None:
    qa = QAItem(
        id="q1",
        question="?",
        answerable=True,
        facts=[GoldFact(text="f", sources=["a", "zzz"])],
        gold_sources=["a", "zzz"],
    )
    claim = ClaimItem(id="c1", claim="x", verdict="refuted", evidence_sources=["a", "b"])
    problems = validate_sources([qa, claim], {"a"})
    assert {(p.item_id, p.field, p.source) for p in problems} == {
        ("q1", "gold_sources", "zzz"),
        ("q1", "facts.0.sources", "zzz"),
        ("c1", "evidence_sources", "b"),
    }
    assert "c1" in str(problems[-1]) and "'b'" in str(problems[-1])
    assert validate_sources([qa, claim], {"a", "b", "zzz"}) == []


# --- shipped data ----------------------------------------------------------------------------


def test_default_files_are_located_inside_the_package() -> None:
    assert QA_FILE.is_file() and CLAIMS_FILE.is_file()
    assert QA_FILE.parent.name == "data" and QA_FILE.parent.parent.name == "evals"


def _all_items() -> list[QAItem | ClaimItem | SummaryFact]:
    return [*load_qa(), *load_claims(), *load_claims(HELDOUT_CLAIMS_FILE), *load_summary_facts()]


def test_every_gold_source_is_a_seed_article() -> None:
    known = seed_article_ids()
    items = _all_items()
    assert validate_sources(items, known) == []


def test_gold_data_cites_canonical_copies_only() -> None:
    items = _all_items()
    bad = validate_sources(items, seed_article_ids() - DUPLICATE_COPIES)
    assert bad == []


def test_qa_counts_and_shape() -> None:
    qa = load_qa()
    assert len(qa) >= 45
    unanswerable = [q for q in qa if not q.answerable]
    assert len(unanswerable) >= 6
    multi = [q for q in qa if len({s for f in q.facts for s in f.sources}) >= 2]
    assert len(multi) >= 8
    assert any("disagreement" in q.tags for q in qa)
    for q in qa:
        assert ("multi-source" in q.tags) == (len(q.gold_sources) >= 2), q.id
        for fact in q.facts:
            assert len(fact.text.split()) <= 20, (q.id, fact.text)


def test_claim_counts_and_labels() -> None:
    claims = load_claims()
    assert len(claims) >= 36
    counts = Counter(c.verdict for c in claims)
    assert set(counts) <= set(VERDICTS)
    for label in ("supported", "refuted", "not_enough_info"):
        assert counts[label] >= 8, counts
    assert counts["conflicting"] >= 4
    tags = Counter(t for c in claims for t in c.tags)
    assert tags["compound"] >= 4 and tags["attributed"] >= 4
    assert tags["numeric"] >= 3 and tags["negation"] >= 3


def test_summary_facts_have_core_and_detail() -> None:
    facts = load_summary_facts()
    assert 10 <= len(facts) <= 20
    assert {f.importance for f in facts} == {"core", "detail"}


_NUMBER = re.compile(r"\d+(?:,\d{3})*")


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in _NUMBER.findall(text)}


def test_numbers_in_gold_facts_occur_in_every_cited_source() -> None:
    """A cheap guard against mislabelled sources: a fact's numbers must be in each cited file."""
    texts = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    facts = [(q.id, f.text, f.sources) for q in load_qa() for f in q.facts]
    facts += [(f.id, f.text, f.sources) for f in load_summary_facts()]
    for item_id, text, sources in facts:
        for source in sources:
            missing = _numbers(text) - _numbers(texts[source.split("#")[0]])
            assert not missing, (item_id, source, missing)
