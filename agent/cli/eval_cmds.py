"""`sourcebound eval`: run the eval suites, print a table, write results.json + report.html,
and optionally gate against a baseline results file."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from agent.app import App
from agent.cli.common import _State, app, emit_json, err, out, progress_bar
from agent.errors import InputError
from agent.settings import load_settings


def _fmt(m: dict[str, Any] | None) -> str:
    if not m or m.get("mean") is None:
        return "n/a"
    s = f"{m['mean']:.3f}"
    if m.get("low") is not None and m.get("high") is not None:
        s += f" ±{max(m['high'] - m['mean'], m['mean'] - m['low']):.3f}"
    return s


def results_table(results: dict[str, Any]) -> Table:
    runs = results["runs"]
    table = Table(title="eval results (mean ± 95% CI half-width)")
    table.add_column("metric")
    for p in runs:
        table.add_column(p, justify="right")
    names = sorted({n for r in runs.values() for n in r["metrics"]})
    for n in names:
        table.add_row(n, *(_fmt(r["metrics"].get(n)) for r in runs.values()))
    return table


STORY_COLUMNS = (
    ("claims.accuracy", "claim acc"), ("claims.balanced_accuracy", "balanced"),
    ("claims.recall_supported", "sup"), ("claims.recall_refuted", "ref"),
    ("claims.recall_not_enough_info", "nei"), ("claims.recall_conflicting", "conf"),
    ("claims.no_model_call_rate", "no call"), ("qa.fact_recall", "fact rec"),
    ("qa.abstain_recall", "abstain"), ("qa.false_abstention_rate", "false abst"),
    ("qa.citation_precision", "cite prec"), ("claims.latency_p50_s", "claim p50 s"),
    ("qa.latency_p50_s", "qa p50 s"), ("summary.fact_recall", "key facts"),
    ("summary.words", "words"), ("summary.flagged_rate", "flagged"),
    ("summary.latency_s", "summary s"),
)


def story_table(results: dict[str, Any]) -> Table:
    """One row per run (`pipeline@story`, then the pooled `pipeline@split` rows)."""
    table = Table(title="eval results by story (pooled rows: 95% interval)")
    table.add_column("run")
    for _, title in STORY_COLUMNS:
        table.add_column(title, justify="right")
    for name, run in results["runs"].items():
        cells = []
        for metric, _ in STORY_COLUMNS:
            m = run["metrics"].get(metric)
            cell = "n/a" if not m or m.get("mean") is None else f"{m['mean']:.2f}"
            iv = (m or {}).get("interval")
            if "@dev" in name or "@heldout" in name:
                cell += f" [{iv['low']:.2f}-{iv['high']:.2f}]" if iv else ""
            cells.append(cell)
        table.add_row(escape(name), *cells)
    return table


@app.command("eval")
def eval_cmd(
    suite: str = typer.Option("all", help="qa | claims | summary | all."),
    backend: str | None = typer.Option(None, help="LLM backend for this run (overrides)."),
    repeat: int = typer.Option(1, min=1, help="Runs per suite; means with 95% CIs."),
    limit: int | None = typer.Option(None, min=1, help="At most N items per suite."),
    out_dir: Path | None = typer.Option(None, "--out", help="Default <data_dir>/eval/<time>."),
    pipeline: str = typer.Option(
        "sourcebound", help="sourcebound | naive | direct (claims) | floor, rewrite (story "
        "summary variants) | a,b | both (the first three)."),
    compare: Path | None = typer.Option(None, help="Baseline results.json to compare with."),
    fail_on_regression: bool = typer.Option(False, help="Exit 1 when a metric regresses."),
    judge: str = typer.Option("lexical", help="Fact judge: lexical | verifier."),
    top_k: int | None = typer.Option(None, min=1, help="Retrieval k (e.g. 1 = degraded)."),
    ci_slice: bool = typer.Option(False, help="The small CI slice (5 QA + 5 claims)."),
    stories: str | None = typer.Option(
        None, help="Score labelled stories instead of the seeds: dev | heldout | all | ID,ID."),
    no_cache: bool = typer.Option(False, help="Do not read or write the LLM reply cache."),
    as_json: bool = typer.Option(False, "--json", help="Print results JSON on stdout."),
) -> None:
    """Run the eval suites over the seeds (ingested first if needed), or over labelled
    stories, each in its own store under <data_dir>/stories/<id>."""
    from evals.gate import compare as compare_runs
    from evals.gate import describe, load_results, regressions
    from evals.harness import (
        CI_SLICE,
        PIPELINES,
        SUITES,
        SUMMARY_VARIANTS,
        EvalConfig,
        default_out_dir,
        run_eval,
    )
    from evals.stories import load_stories, run_stories, story_app

    suites = SUITES if suite == "all" else tuple(s.strip() for s in suite.split(","))
    if any(s not in SUITES for s in suites):
        raise InputError("--suite", f"unknown suite {suite!r}; use qa, claims, summary or all")
    # "both" predates the third pipeline: it means sourcebound beside every baseline.
    pipes = PIPELINES if pipeline in ("both", "all") else tuple(
        p.strip() for p in pipeline.split(",") if p.strip())
    if any(p not in (*PIPELINES, *SUMMARY_VARIANTS) for p in pipes):
        raise InputError("--pipeline", f"unknown pipeline {pipeline!r}")
    if judge not in ("lexical", "verifier"):
        raise InputError("--judge", f"unknown judge {judge!r}")
    baseline = load_results(compare) if compare else None
    settings = load_settings(**{**_State.overrides, "backend": backend or _State.overrides.get(
        "backend")})
    target = out_dir or default_out_dir(settings.data_dir)
    config = EvalConfig(
        suites=suites, pipelines=pipes, repeat=repeat, limit=limit, judge=judge,
        out_dir=target, use_cache=not no_cache, top_k=top_k,
        limits=dict(CI_SLICE) if ci_slice else {},
    )
    with progress_bar(not as_json) as prog:
        tasks: dict[str, Any] = {}

        def tick(s: str) -> None:
            if s not in tasks:
                tasks[s] = prog.add_task(s, total=None)
            prog.advance(tasks[s])

        if stories is None:
            results = run_eval(config, App(settings), progress=tick)
        else:
            chosen = load_stories(stories)
            results = run_stories(
                config, chosen, lambda story: story_app(settings, story.id), progress=tick)
    if as_json:
        emit_json(results)
    else:
        out.print(results_table(results) if stories is None else story_table(results))
        for p, run in results["runs"].items():
            for s, st in run["suites"].items():
                if st != "ok":
                    out.print(f"{escape(p)}/{escape(s)}: {escape(st)}")
        meta = results["meta"]
        acc = meta.get("judge_accuracy")
        if acc is not None and not math.isnan(acc):
            out.print(f"judge ({escape(meta['judge'])}) accuracy on labelled pairs: {acc:.3f}")
    cache = results["meta"]["cache"]
    err.print(f"cache: {cache['hits']} hits, {cache['misses']} misses; "
              f"wall {results['meta']['wall_s']}s; wrote {escape(str(target))}")
    if baseline is not None:
        bad = regressions(compare_runs(results, baseline))
        for c in bad:
            err.print(f"[red]regression[/red] {escape(describe(c))}")
        if not bad:
            err.print("gate: no metric regressed")
        if bad and fail_on_regression:
            raise typer.Exit(1)
