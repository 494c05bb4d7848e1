"""The CI slice of the eval (5 QA + 5 claims) end to end through the harness: with the
scripted fake chat model in seconds (plumbing, cache replay, files written), and with the
real local model on a few items (e2e)."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from langchain_core.embeddings import DeterministicFakeEmbedding
from langchain_core.vectorstores import InMemoryVectorStore

from agent.app import App
from agent.settings import load_settings
from evals.gate import compare as compare_runs
from evals.gate import describe, load_results, regressions
from evals.harness import CI_SLICE, EvalConfig, run_eval
from evals.naive import NaiveRAG


def _rates_in_range(results: dict) -> None:
    for run in results["runs"].values():
        for name, m in run["metrics"].items():
            if m["mean"] is None or "latency" in name or "tokens" in name:
                continue
            assert 0.0 <= m["mean"] <= 1.0, name


def _naive_factory(seeds: Path):  # type: ignore[no-untyped-def]
    def make(app: App) -> NaiveRAG:
        store = InMemoryVectorStore(DeterministicFakeEmbedding(size=32))
        return NaiveRAG(app.llm, app.corpus, sorted(seeds.iterdir()), vectorstore=store)

    return make


def test_ci_slice_with_fake_model_and_cached_rerun(
    tmp_path: Path, seeds_dir: Path, make_app: Callable[..., App]
) -> None:
    cfg = EvalConfig(suites=("qa", "claims"), pipelines=("sourcebound", "naive"),
                     limits=dict(CI_SLICE), out_dir=tmp_path / "run1", seeds_dir=seeds_dir)
    app = make_app(scripted=True)
    res = run_eval(cfg, app, naive_factory=_naive_factory(seeds_dir))
    for p in ("sourcebound", "naive"):
        run = res["runs"][p]
        assert run["suites"] == {"qa": "ok", "claims": "ok"}
        assert len(run["items"]["qa"]) == CI_SLICE["qa"]
        assert len(run["items"]["claims"]) == CI_SLICE["claims"]
        assert not math.isnan(run["metrics"]["qa.recall_at_4"]["mean"])
    _rates_in_range(res)
    assert res["meta"]["cache"]["misses"] > 0
    assert (tmp_path / "run1" / "results.json").exists()
    assert "<svg" in (tmp_path / "run1" / "report.html").read_text()

    # Re-run with a model that has no replies at all (the test's `fake_model`, nothing
    # queued): only the cache can answer.
    app2 = make_app(settings=app.settings, store=app.store, sentence_store=app.sentence_store,
                    embedder=app.embedder)
    cfg.out_dir = tmp_path / "run2"
    res2 = run_eval(cfg, app2, naive_factory=_naive_factory(seeds_dir))
    assert res2["meta"]["cache"] == {"hits": res["meta"]["cache"]["misses"], "misses": 0}
    for p in ("sourcebound", "naive"):
        a = {k: v["mean"] for k, v in res["runs"][p]["metrics"].items() if "latency" not in k}
        b = {k: v["mean"] for k, v in res2["runs"][p]["metrics"].items() if "latency" not in k}
        assert a == b


SLICE_BASELINE = (
    Path(__file__).resolve().parent.parent / "evals/baselines/local-default-ci-slice.json"
)


@pytest.mark.e2e
def test_ci_slice_with_real_local_model_passes_the_gate(
    tmp_path: Path, seeds_dir: Path, model_cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CI slice through the real model, gated against the committed slice baseline
    (`sourcebound eval --ci-slice --suite qa,claims`, see evals/baselines/README.md)."""
    if "SOURCEBOUND_MODELS_DIR" not in os.environ:
        monkeypatch.setenv("SOURCEBOUND_MODELS_DIR", str(model_cache_dir))
    settings = load_settings()
    cfg = EvalConfig(suites=("qa", "claims"), limits=dict(CI_SLICE),
                     out_dir=tmp_path / "out", seeds_dir=seeds_dir)
    res = run_eval(cfg, App(settings))
    _rates_in_range(res)
    run = res["runs"]["sourcebound"]
    assert run["suites"] == {"qa": "ok", "claims": "ok"}
    assert len(run["items"]["qa"]) == CI_SLICE["qa"]
    saved = json.loads((tmp_path / "out" / "results.json").read_text())
    assert saved["meta"]["backend"] == "local"
    assert (tmp_path / "out" / "report.html").stat().st_size > 1000
    compared = compare_runs(res, load_results(SLICE_BASELINE))
    assert len(compared) >= 10  # the gate really compared the slice's metrics
    bad = regressions(compared)
    assert bad == [], [describe(c) for c in bad]
