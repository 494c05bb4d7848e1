"""`sourcebound summarize`: cited summaries of articles, of the whole story, or all in batch."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import typer
from rich.markup import escape

from agent.app import App
from agent.cli.common import (
    app,
    batch_workers_for,
    concurrency_option,
    emit_json,
    get_app,
    out,
    progress_bar,
    require_articles,
    run_footer,
    working,
)
from agent.errors import InputError
from agent.generation.batch import batch_workers
from agent.generation.summarize import OPINION_NOTE, Summary
from agent.generation.summary_report import STORY_ID, pending, run_batch, write_reports


def batch_ids(a: App) -> list[str]:
    """Every canonical article (syndicated copies are summarized once), then the story."""
    return [x.id for x in a.corpus.articles() if a.corpus.canonical(x.id) == x.id] + [STORY_ID]


def render_summary(rec: Summary) -> None:
    corpus = get_app().corpus
    out.print(f"[bold]{escape(rec.title or rec.id)}[/bold]")
    if rec.opinion:
        out.print(f"[yellow]({OPINION_NOTE})[/yellow]")
    notes: list[tuple[str, str]] = []
    for s in rec.sentences:
        marks = ""
        for c in s.citations:
            if (c.source, c.quote) not in notes:
                notes.append((c.source, c.quote))
            marks += f"[{notes.index((c.source, c.quote)) + 1}]"
        tag = f" [dim]({s.section}, {s.outlets} outlets)[/dim]" if s.section else ""
        flag = "" if s.supported else f" [red](unsupported: {escape(s.flag or '')})[/red]"
        flag += f" [yellow](note: {escape(s.note)})[/yellow]" if s.note else ""
        out.print(f"• {escape(s.text)}{escape(marks)}{tag}{flag}")
    for i, (source, quote) in enumerate(notes, start=1):
        outlet = corpus.article(source).outlet if corpus.has_article(source) else None
        label = f"{source} ({outlet})" if outlet else source
        out.print(f"  [dim][{i}] {escape(label)}:[/dim] “{escape(quote)}”")
    out.print(run_footer(rec))


def summarize_story_for_chat() -> None:
    """The chat's /summarize: the story summary, rendered."""
    render_summary(get_app().summarizer().story(STORY_ID))


def _key_fact_judge(path: Path | None) -> Callable[[Summary], list[tuple[str, bool]]] | None:
    """(fact, covered) for each key fact of `path` (evals' JSONL: id, text, sources,
    importance), judged like the summary suite judges it (evals.fact_judge.fact_present, a
    fact's source ids written as outlet names). Raises InputError for an unreadable file."""
    if path is None:
        return None
    from evals.datasets import load_summary_facts
    from evals.fact_judge import fact_present
    from evals.suites import fact_in_outlet_terms

    facts = load_summary_facts(path)
    corpus = get_app().corpus

    def judge(story: Summary) -> list[tuple[str, bool]]:
        text = " ".join(s.text for s in story.sentences)
        return [(f.text, fact_present(fact_in_outlet_terms(f, corpus.outlet_name), text))
                for f in facts]

    return judge


def _batch(
    a: App, out_dir: Path, json_out: bool, workers: int | None = None,
    key_facts: Path | None = None,
) -> None:
    t0 = time.perf_counter()
    ids = batch_ids(a)
    todo = pending(out_dir, ids)
    if todo:  # only now load the embedder and the model
        summarizer = a.summarizer()
        llm = a.llm
        workers = workers or batch_workers(a.settings)

        def one(item: str) -> Summary:
            return summarizer.story(item) if item == STORY_ID else summarizer.article(item)

        def failed(item: str, problem: str) -> Summary:
            kind = "story" if item == STORY_ID else "article"
            return Summary(
                id=item,
                kind=kind,
                backend=llm.backend,
                model=llm.model_name,
                latency_s=0.0,
                error=problem,
            )

        with progress_bar() as prog:
            task = prog.add_task("summarizing", total=len(todo))
            run_batch(
                out_dir,
                ids,
                one,
                failed=failed,
                workers=workers,
                on_done=lambda _i: prog.advance(task),
            )
    write_reports(out_dir, a.corpus, ids, _key_fact_judge(key_facts))
    summary = {
        "out": str(out_dir),
        "items": len(ids),
        "done_now": len(todo),
        "skipped": len(ids) - len(todo),
        "wall_s": round(time.perf_counter() - t0, 2),
    }
    if json_out:
        emit_json(summary)
    else:
        out.print(
            f"{len(todo)} summarized, {len(ids) - len(todo)} already done; wrote "
            f"{out_dir}/summaries.jsonl, summaries.md, report.html "
            f"in {summary['wall_s']} s"
        )


@app.command()
def summarize(
    doc: list[str] = typer.Option(
        None, "--doc", help="Article id (repeatable); the model writes each (loads it)."),
    story: bool = typer.Option(
        False, "--story", help="One summary of the story across outlets: quoted, no "
        "model call (the story_summary setting 'model' rewrites)."),
    all_: bool = typer.Option(
        False, "--all", help="Every article plus the story (batch; loads the model)."),
    out_dir: Path | None = typer.Option(None, "--out", help="Batch output folder (with --all)."),
    json_out: bool = typer.Option(False, "--json", help="One JSON object per summary."),
    concurrency: int | None = concurrency_option(),
    key_facts: Path | None = typer.Option(
        None, "--key-facts", help="With --all: a key-fact JSONL (evals format); the HTML "
        "report shows which the story summary covers and misses."),
) -> None:
    """Cited summaries: each sentence backed by verified quotes; a sentence that fails the
    checks is never printed (the story puts its cluster's quoted sentence in its place).
    --doc and --story combine: each article's summary is printed, then the story's."""
    a = require_articles()
    if all_:
        if out_dir is None:
            raise InputError("--out", "--all needs an output folder")
        _batch(a, out_dir, json_out, batch_workers_for(concurrency), key_facts)
        return
    if not doc and not story:
        raise InputError("summarize", "give --doc ID, --story or --all --out DIR")
    for d in doc or []:
        if not a.corpus.has_article(d):
            raise InputError("--doc", f"unknown article id {d!r}; `sourcebound sources` lists them")
    summarizer = a.summarizer()
    with working("summarizing", loads_model=bool(doc)):
        results = [summarizer.article(d) for d in doc or []]
        if story:
            results.append(summarizer.story(STORY_ID))
    for rec in results:
        emit_json(rec) if json_out else render_summary(rec)
