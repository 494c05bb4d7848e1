"""Corpus commands: ingest, search, sources."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import TaskID
from rich.table import Table

from agent.cli.common import app, emit_json, err, get_app, out, progress_bar

DEFAULT_SEEDS = Path("seeds")


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(None, help="Files or folders (default: seeds/)."),
    prune: bool = typer.Option(False, help="Remove documents whose files are no longer given."),
    json_out: bool = typer.Option(False, "--json", help="Print the report as one JSON object."),
) -> None:
    """Clean, split, deduplicate, embed and store articles (incremental)."""
    a = get_app()
    with progress_bar(enabled=not json_out) as prog:
        tasks: dict[str, TaskID] = {}

        def on_progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = prog.add_task(
                    {"read": "reading", "embed": "embedding"}[stage], total=total
                )
            prog.update(tasks[stage], completed=done, total=total)

        report = a.ingest(paths or [DEFAULT_SEEDS], prune=prune, progress=on_progress)
    for e in report.errors:
        err.print(f"[yellow]skipped[/yellow] {escape(e.path)}: {escape(e.error)}")
    if json_out:
        emit_json(report)
    else:
        out.print(
            f"{report.documents} documents, {report.articles} articles, {report.chunks} chunks "
            f"({report.ingested} ingested, {report.unchanged} unchanged, {report.pruned} pruned, "
            f"{len(report.errors)} errors) in {report.seconds:.2f} s"
        )
        for group in report.duplicate_groups:
            out.print(f"  duplicates: {group[0]} = {', '.join(group[1:])}")
    # Non-zero only when files failed and nothing at all is usable from this run.
    if report.errors and report.ingested == 0 and report.unchanged == 0:
        raise typer.Exit(1)


@app.command()
def search(
    query: str = typer.Argument(..., help="What to look for."),
    k: int = typer.Option(5, "--k", "-k", min=1, max=100, help="How many hits."),
    json_out: bool = typer.Option(False, "--json", help="JSONL: one object per hit."),
) -> None:
    """Hybrid (BM25 + vector) search with duplicate suppression."""
    hits = get_app().search(query, k)
    if json_out:
        for h in hits:
            emit_json(h)
        return
    if not hits:
        out.print("no hits (is the corpus ingested? run `sourcebound ingest`)")
    for i, h in enumerate(hits, start=1):
        also = f"  [dim](also in {', '.join(h.also_in)})[/dim]" if h.also_in else ""
        out.print(
            f"[bold]{i}. {escape(h.source)}[/bold] [{h.start}:{h.end}] score {h.score:.4f}{also}"
        )
        out.print(f"   {escape(h.text)}")


@app.command()
def sources(
    json_out: bool = typer.Option(False, "--json", help="JSONL: one object per article."),
) -> None:
    """List ingested articles with outlet, title, date, chunk counts and duplicate groups."""
    corpus = get_app().corpus
    rows = []
    for rec in corpus.records():
        for art in rec.document.articles:
            rows.append(
                {
                    "id": art.id,
                    "doc_id": art.doc_id,
                    "outlet": art.outlet,
                    "title": art.title,
                    "byline": art.byline,
                    "date": art.date,
                    "sentences": len(art.sentences),
                    "chunks": sum(1 for c in rec.chunks if c.article_id == art.id),
                    "duplicate_of": art.duplicate_of,
                }
            )
    if json_out:
        for r in rows:
            emit_json(r)
        return
    table = Table(title=f"{len(rows)} articles in {len(corpus.records())} documents")
    for col in ("id", "outlet", "title", "date", "chunks", "duplicate_of"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(
            *(
                escape(str(r[c] or ""))
                for c in ("id", "outlet", "title", "date", "chunks", "duplicate_of")
            )
        )
    out.print(table)
    for group in corpus.duplicate_groups():
        out.print(f"duplicate group: {', '.join(group)} (counted as one outlet)")
