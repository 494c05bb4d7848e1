"""The eval harness: wires pipelines to suites, caches LLM replies, aggregates repeats, and
writes results.json + report.html.

results.json shape (read by evals.gate and evals.report):
    {"meta": {...}, "runs": {"<pipeline>": {"metrics": {name: {mean, low, high, values,
                                                                n, interval}},
                                            "suites": {suite: "ok" | "unavailable: why"},
                                            "items": {suite: [row, ...]}}}}
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from agent.app import App
from agent.errors import InputError
from agent.types import Answer
from agent.verification.claims import attribution_of
from evals.cache import SqliteLLMCache
from evals.datasets import load_claims, load_qa, load_summary_facts
from evals.fact_judge import answer_fact_present, fact_present
from evals.intervals import mean_ci
from evals.suites import (
    ClaimResult,
    Judge,
    Samples,
    SummaryOutput,
    judge_accuracy,
    judge_labelled_set,
    run_claims,
    run_qa,
    run_summary,
)

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"
SUITES = ("qa", "claims", "summary")
# "direct": the model asked for one verdict with the same evidence, claims only (the ablation
# that shows what the pipeline adds; evals/verify_dev.py).
PIPELINES = ("sourcebound", "naive", "direct")
# Story-summary variants, summary suite only, named explicitly (`--pipeline floor,rewrite`):
# the extractive floor and the model rewrite, whichever the `story_summary` setting ships.
SUMMARY_VARIANTS = ("floor", "rewrite")
CI_SLICE = {"qa": 5, "claims": 5}  # the fast slice run in CI (pytest)
Items = dict[str, list[dict[str, Any]]]


@dataclass
class EvalConfig:
    suites: Sequence[str] = SUITES
    pipelines: Sequence[str] = ("sourcebound",)
    repeat: int = 1
    limit: int | None = None
    judge: str = "lexical"  # "lexical" | "verifier"
    out_dir: Path | None = None
    seeds_dir: Path = SEEDS_DIR
    use_cache: bool = True
    top_k: int | None = None  # overrides settings.top_k (e.g. a degraded k=1 run)
    limits: dict[str, int] = field(default_factory=dict)  # per-suite item caps
    # The labelled sets scored against seeds_dir's articles; None = the seeds' own sets.
    qa_file: Path | None = None
    claims_file: Path | None = None
    facts_file: Path | None = None


class SourceboundQA:
    name = "sourcebound"

    def __init__(self, app: App, top_k: int) -> None:
        self.app = app
        self.top_k = top_k
        self.answerer = app.answerer(top_k=top_k)

    def ask(self, question: str) -> Answer:
        return self.answerer.ask(question)

    def retrieve(self, question: str, k: int) -> list[str]:
        # Never deeper than the configured retrieval depth: a k=1 config must show in recall@8.
        return [h.source for h in self.app.retriever.search(question, min(k, self.top_k))]

    def text_of(self, source: str) -> str:
        return self.app.corpus.text(self.app.corpus.doc_id_of(source))


def make_judge(kind: str, app: App, top_k: int) -> Judge:
    if kind == "lexical":
        return fact_present
    if kind != "verifier":
        raise ValueError(f"unknown judge {kind!r}: expected 'lexical' or 'verifier'")
    verifier = app.verifier(top_k=top_k)
    # The verifier's pair judge: does `text` (as evidence) support `fact` (as the claim)?
    return lambda fact, text: bool(text.strip()) and verifier.judge(fact, text) == "supports"


def attach_cache(app: App, salt: str = "") -> SqliteLLMCache:
    cache = SqliteLLMCache(app.settings.cache_dir / "eval-llm.sqlite", salt=salt)
    app.llm.chat.cache = cache
    return cache


def ensure_ingested(app: App, seeds_dir: Path) -> None:
    """Make sure the gold data's sources are in the store, also when it holds other
    documents (seeds + distractors): a no-op re-ingest when they are there already."""
    report = app.ingest([seeds_dir])
    if report.errors:
        raise InputError(str(seeds_dir), f"seeds did not ingest: {report.errors[0].error}")


def _naive(app: App, seeds_dir: Path) -> Any:
    from evals.naive import NaiveRAG

    files = sorted(p for p in seeds_dir.iterdir() if p.is_file())
    return NaiveRAG(app.llm, app.corpus, files, client=app.client)


def _cap(items: list[Any], config: EvalConfig, suite: str) -> list[Any]:
    n = config.limits.get(suite, config.limit)
    return items[:n] if n is not None else items


def _run_once(
    app: App, pipeline: str, config: EvalConfig, judge: Judge, top_k: int,
    naive: Any, progress: Callable[[str], None],
) -> tuple[dict[str, float], dict[str, str], Items, Samples]:
    metrics: dict[str, float] = {}
    samples: Samples = {}
    status: dict[str, str] = {}
    items: dict[str, list[dict[str, Any]]] = {}
    canonical = app.corpus.canonical
    if pipeline in SUMMARY_VARIANTS:
        for suite in ("qa", "claims"):
            if suite in config.suites:
                status[suite] = f"unavailable: {pipeline} is a story-summary variant"
    elif "qa" in config.suites and pipeline == "direct":
        status["qa"] = "unavailable: the direct pipeline verifies claims only"
    elif "qa" in config.suites:
        qa_pipe = naive if pipeline == "naive" else SourceboundQA(app, top_k)
        m, rows, smp = run_qa(qa_pipe, _cap(load_qa(config.qa_file), config, "qa"), judge,
                              canonical, lambda: progress("qa"), cite_name=app.corpus.outlet_name,
                              fact_judge=answer_fact_present if config.judge == "lexical" else None)
        metrics.update(m)
        samples.update(smp)
        items["qa"], status["qa"] = rows, "ok"
    if "claims" in config.suites and pipeline not in SUMMARY_VARIANTS:
        verify = _claim_fn(app, pipeline, naive, top_k)
        if verify is None:
            status["claims"] = "unavailable: agent.verification.verify not importable"
        else:
            m, rows, smp = run_claims(verify, _cap(load_claims(config.claims_file), config,
                                                   "claims"), lambda: progress("claims"))
            metrics.update(m)
            samples.update(smp)
            items["claims"], status["claims"] = rows, "ok"
    if "summary" in config.suites:
        summarize = _summary_fn(app, pipeline, naive)
        if summarize is None:
            why = "agent.generation.summarize not importable" if pipeline == "sourcebound" else (
                f"no summary mode in the {pipeline} baseline")
            status["summary"] = f"unavailable: {why}"
        else:
            def text_of(source: str) -> str:
                return app.corpus.text(app.corpus.doc_id_of(source))

            try:
                m, rows, smp = run_summary(summarize, load_summary_facts(config.facts_file),
                                           judge, text_of, app.corpus.outlet_name)
            except Exception as e:  # one story summary: its failure is the suite's result
                status["summary"] = f"error: {type(e).__name__}: {e}"
            else:
                metrics.update(m)
                samples.update(smp)
                items["summary"], status["summary"] = rows, "ok"
            progress("summary")
    return metrics, status, items, samples


def _claim_fn(
    app: App, pipeline: str, naive: Any, top_k: int
) -> Callable[[str], ClaimResult] | None:
    if pipeline == "naive":

        def naive_verify(claim: str) -> ClaimResult:
            v, lat, tin, tout = naive.verify(claim)
            return ClaimResult(v, lat, tin, tout)

        return naive_verify
    if pipeline == "direct":
        from evals.verify_dev import direct

        def direct_verify(claim: str) -> ClaimResult:
            before = app.llm.usage.snapshot()
            t0 = time.perf_counter()
            v = direct(app, claim)
            used = app.llm.usage.since(before)
            return ClaimResult(v, time.perf_counter() - t0, used.tokens_in, used.tokens_out,
                               used.calls)

        return direct_verify
    verifier = app.verifier(top_k=top_k)

    def verify(claim: str) -> ClaimResult:
        verifier.trace = []  # every judged pair, kept in the item row (evals/calibrate.py)
        v = verifier.verify(claim)
        parts = [{"part": a.claim, "attributed": attribution_of(a.claim) is not None,
                  "pairs": [t for t in verifier.trace if t["claim"] == a.claim]}
                 for a in v.atomic]
        return ClaimResult(v.verdict, v.latency_s, v.tokens_in, v.tokens_out, v.model_calls,
                           parts)

    return verify


def _summary_fn(app: App, pipeline: str = "sourcebound",
                naive: Any = None) -> Callable[[], SummaryOutput] | None:
    """The story summary the summary suite scores for `pipeline`: sourcebound's as the
    `story_summary` setting ships it, the `floor` (extractive) or `rewrite` (model) variant,
    or the naive baseline's stuff-the-articles summary. None marks the suite "unavailable"
    (the direct pipeline; tests use that seam)."""
    if pipeline == "naive":
        if naive is None:
            return None

        def naive_summary() -> SummaryOutput:
            sentences, lat, tin, tout = naive.summarize()
            return SummaryOutput([(t, []) for t in sentences], lat, tin, tout)

        return naive_summary
    if pipeline not in ("sourcebound", *SUMMARY_VARIANTS):
        return None
    mode = {"floor": "extractive", "rewrite": "model"}.get(pipeline)

    def summarize() -> SummaryOutput:
        # The quote check alone, as the committed summary baselines were measured.
        s = app.summarizer(claim_check=False).story(mode=mode)  # type: ignore[arg-type]
        return SummaryOutput([(x.text, list(x.citations)) for x in s.sentences], s.latency_s,
                             s.tokens_in, s.tokens_out, [x.section for x in s.sentences])

    return summarize


def aggregate(
    per_repeat: list[dict[str, float]], samples: Samples | None = None
) -> dict[str, dict[str, Any]]:
    """name -> {mean, low, high, values, n, interval}; nan values (undefined rates) are left out.

    low/high: Student-t interval over repeats (null for one repeat). n and interval: the number
    of units the metric averages and its 95% sampling interval over them ({low, high, method},
    see evals/intervals.py), from the first repeat's samples; null for metrics without a
    sample (latency, tokens) or with no units. The regression gate reads `interval`.
    """
    names = sorted({n for m in per_repeat for n in m})
    out: dict[str, dict[str, Any]] = {}
    for n in names:
        vals = [m[n] for m in per_repeat if n in m and not math.isnan(m[n])]
        mean, low, high = mean_ci(vals)
        out[n] = {"mean": _num(mean), "low": _num(low), "high": _num(high), "values": vals,
                  "n": None, "interval": None}
        iv = (samples or {}).get(n)
        ci = iv.interval() if iv is not None else None
        if ci is not None:
            out[n]["n"] = ci.n
            out[n]["interval"] = {"low": _num(ci.low), "high": _num(ci.high),
                                  "method": ci.method}
    return out


def _num(x: float) -> float | None:
    return None if math.isnan(x) else round(x, 4)


def run_eval(
    config: EvalConfig,
    app: App,
    *,
    naive_factory: Callable[[App], Any] | None = None,
    progress: Callable[[str], None] = lambda suite: None,
    samples_out: dict[str, Samples] | None = None,
) -> dict[str, Any]:
    """Run the configured suites and pipelines; returns the results dict (also written to
    config.out_dir when set). `samples_out`, when given, receives each pipeline's per-unit
    samples (the first repeat's), for pooling runs over several stories."""
    t0 = time.perf_counter()
    ensure_ingested(app, config.seeds_dir)
    top_k = config.top_k or app.settings.top_k
    caches: list[SqliteLLMCache] = []
    runs: dict[str, Any] = {}
    judge_acc: float | None = None
    for pipeline in config.pipelines:
        per_repeat: list[dict[str, float]] = []
        first_samples: Samples = {}
        status: dict[str, str] = {}
        items: dict[str, list[dict[str, Any]]] = {}
        naive = None
        for r in range(max(1, config.repeat)):
            if config.use_cache:
                # Repeat 1 shares the ordinary cache; later repeats get their own replies.
                caches.append(attach_cache(app, salt=f"repeat{r}" if r else ""))
            judge = make_judge(config.judge, app, top_k)
            if pipeline == "naive" and naive is None:
                naive = (naive_factory or (lambda a: _naive(a, config.seeds_dir)))(app)
            m, status, its, smp = _run_once(app, pipeline, config, judge, top_k, naive,
                                            progress)
            per_repeat.append(m)
            items = items or its
            first_samples = first_samples or smp
        runs[pipeline] = {"metrics": aggregate(per_repeat, first_samples), "suites": status,
                          "items": items}
        if samples_out is not None:
            samples_out[pipeline] = first_samples
    if config.judge != "lexical" or "qa" in config.suites:
        judge = make_judge(config.judge, app, top_k)
        pairs = judge_labelled_set(load_qa(config.qa_file), lambda a: [s.text for s in
                                                         app.corpus.article(a).sentences])
        judge_acc = _num(judge_accuracy(judge, pairs))
    hits, misses = sum(c.hits for c in caches), sum(c.misses for c in caches)
    results = {
        "meta": {
            "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
            "backend": app.llm.backend, "model": app.llm.model_name,
            "pipelines": list(config.pipelines), "suites": list(config.suites),
            "repeat": config.repeat, "limit": config.limit, "limits": config.limits,
            "judge": config.judge, "judge_accuracy": judge_acc, "top_k": top_k,
            "cache": {"hits": hits, "misses": misses},
            "wall_s": round(time.perf_counter() - t0, 2),
        },
        "runs": runs,
    }
    if config.out_dir is not None:
        write_results(results, config.out_dir)
    return results


def write_results(results: dict[str, Any], out_dir: Path) -> tuple[Path, Path]:
    from evals.report import render_html

    out_dir.mkdir(parents=True, exist_ok=True)
    rj, rh = out_dir / "results.json", out_dir / "report.html"
    rj.write_text(json.dumps(results, indent=1, ensure_ascii=False, default=str), "utf-8")
    rh.write_text(render_html(results), "utf-8")
    return rj, rh


def default_out_dir(data_dir: Path) -> Path:
    return data_dir / "eval" / datetime.now().strftime("%Y%m%d-%H%M%S")
