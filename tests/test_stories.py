"""Labelled stories (evals/stories/): every story's sets are valid and point at its articles;
run_stories scores each story in its own store and pools a split's items."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from agent.app import App
from agent.errors import InputError
from agent.settings import load_settings
from evals.datasets import load_claims, load_qa, load_summary_facts, validate_sources
from evals.harness import EvalConfig
from evals.intervals import Sample
from evals.stories import Story, load_stories, pool, run_stories, story_app


def test_story_sets_are_valid_and_cite_their_own_articles() -> None:
    stories = load_stories()
    assert {s.split for s in stories} == {"dev", "heldout"}
    assert len(load_stories("heldout")) >= 4 and len(load_stories("dev")) >= 8
    for s in stories:
        stems = {p.stem for p in s.articles_dir.glob("*.txt")}
        items = [*load_qa(s.qa_file), *load_claims(s.claims_file),
                 *load_summary_facts(s.facts_file)]
        assert validate_sources(items, stems) == [], s.id


def test_the_labelled_sets_cover_every_label() -> None:
    claims = [c for s in load_stories() for c in load_claims(s.claims_file)]
    qa = [q for s in load_stories() for q in load_qa(s.qa_file)]
    counts = {v: sum(c.verdict == v for c in claims) for v in
              ("supported", "refuted", "not_enough_info", "conflicting")}
    assert min(counts.values()) >= 25, counts
    assert len(claims) >= 150 and len(qa) >= 100
    assert sum(not q.answerable for q in qa) >= 15


def test_load_stories_selects_and_names_unknown_ids(tmp_path: Path) -> None:
    ids = [s.id for s in load_stories("dev")]
    assert [s.id for s in load_stories(f"{ids[1]},{ids[0]}")] == [ids[1], ids[0]]
    with pytest.raises(InputError, match="no-such-story"):
        load_stories("no-such-story")
    bad = tmp_path / "x"
    bad.mkdir()
    (bad / "story.json").write_text(json.dumps({"id": "x", "split": "train"}))
    with pytest.raises(InputError, match="split"):
        load_stories(root=tmp_path)


def test_a_story_store_shares_the_model_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCEBOUND_MODELS_DIR", raising=False)
    settings = load_settings(data_dir=tmp_path)
    app = story_app(settings, "ferry")
    assert app.settings.data_dir == tmp_path / "stories" / "ferry"
    # Not <story store>/models: a 1.1 GB model copy per story filled the disk.
    assert app.settings.models_dir == tmp_path / "models"


def test_pool_concatenates_units() -> None:
    a = {"claims.accuracy": Sample.rate([True, False]),
         "claims.balanced_accuracy": Sample.balanced([True], ["supported"])}
    b = {"claims.accuracy": Sample.rate([True]),
         "claims.balanced_accuracy": Sample.balanced([False], ["refuted"])}
    p = pool([a, b])
    assert p["claims.accuracy"].values == (1.0, 0.0, 1.0)
    assert p["claims.balanced_accuracy"].labels == ("supported", "refuted")
    assert p["claims.balanced_accuracy"].estimate() == 0.5


def test_run_stories_scores_each_story_and_pools_the_split(
    tmp_path: Path, make_app: Callable[..., App]
) -> None:
    stories = load_stories("dev")[:2]

    def story_app(story: Story) -> App:
        return make_app(data_dir=tmp_path / story.id, scripted=True)

    cfg = EvalConfig(suites=("qa", "claims"), limits={"qa": 2, "claims": 3},
                     use_cache=False, out_dir=tmp_path / "out")
    res = run_stories(cfg, stories, story_app)
    keys = set(res["runs"])
    assert keys == {f"sourcebound@{s.id}" for s in stories} | {"sourcebound@dev"}
    pooled = res["runs"]["sourcebound@dev"]["metrics"]
    assert pooled["claims.accuracy"]["n"] == 6 and pooled["qa.false_abstention_rate"]["n"] >= 1
    per_story = [res["runs"][f"sourcebound@{s.id}"]["items"]["claims"] for s in stories]
    hits = [r["ok"] for rows in per_story for r in rows]
    assert pooled["claims.accuracy"]["mean"] == pytest.approx(sum(hits) / len(hits), abs=1e-4)
    # each story was ingested into its own store: its gold sources resolve there
    assert res["meta"]["stories"] == {s.id: "dev" for s in stories}
    assert json.loads((tmp_path / "out" / "results.json").read_text())["runs"].keys() == keys
