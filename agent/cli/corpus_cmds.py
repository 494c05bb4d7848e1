"""Corpus commands: ingest, search, sources."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.progress import TaskID
from rich.table import Table

from agent.cli.common import app, emit_json, err, get_app, out, progress_bar, span_text
from agent.errors import InputError
from agent.ingest.dedup import reprinted_from
from agent.ingest.fetch import is_url
from agent.text.dates import publication_date

DEFAULT_SEEDS = Path("seeds")


# Narrower terminals get one article per line (and its title below) instead of the table.
WIDE_TABLE_COLUMNS = 120


@app.command()
def ingest(
    inputs: list[str] = typer.Argument(
        None, help="Files, folders or http(s) URLs of pages/feeds (default: seeds/)."
    ),
    urls_file: Path | None = typer.Option(
        None, "--urls", help="A file of URLs to fetch, one per line (# comments allowed)."
    ),
    prune: bool = typer.Option(False, help="Remove documents whose files are no longer given."),
    json_out: bool = typer.Option(False, "--json", help="Print the report as one JSON object."),
) -> None:
    """Clean, split, deduplicate, embed and store articles (incremental). URLs are fetched
    politely (robots.txt, timeout, retries, size cap) and snapshotted in the data directory."""
    urls = [i for i in inputs or [] if is_url(i)]
    if urls_file is not None:
        urls += read_url_list(urls_file)
    paths = [Path(i) for i in inputs or [] if not is_url(i)]
    if not paths and not urls:
        paths = [DEFAULT_SEEDS]
    a = get_app()
    with progress_bar(enabled=not json_out) as prog:
        tasks: dict[str, TaskID] = {}

        def on_progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = prog.add_task(
                    {"read": "reading", "embed": "embedding"}[stage], total=total
                )
            prog.update(tasks[stage], completed=done, total=total)

        report = a.ingest(paths, prune=prune, progress=on_progress, urls=urls)
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
        for path in report.updated:
            out.print(f"  updated: {escape(path)}")
        for path in report.removed:
            out.print(f"  removed: {escape(path)}")
        for group in report.duplicate_groups:
            out.print(f"  duplicates: {group[0]} = {', '.join(group[1:])}")
    # Non-zero only when files failed and nothing at all is usable from this run, or when
    # the inputs held no article file at all (an empty folder is most likely a wrong path).
    if report.ingested == 0 and report.unchanged == 0 and (report.errors or not report.pruned):
        if report.errors:
            # A newcomer read the store summary above a missing folder as a success.
            err.print("[red]error:[/red] nothing ingested: every input failed (see above)")
        else:
            given = ", ".join(str(p) for p in paths) + (f" and {len(urls)} URLs" if urls else "")
            err.print(f"[red]error:[/red] nothing to ingest: no article file in {escape(given)}")
        raise typer.Exit(1)


def _format_label(row: dict[str, Any]) -> str:
    """A `sources` row's format, with its legacy encoding when it was not UTF-8."""
    legacy = row["encoding"] not in (None, "utf-8")
    return f"{row['format']} {row['encoding']}" if legacy else str(row["format"])


def read_url_list(path: Path) -> list[str]:
    """The URLs of a `--urls` file: one per line, blank lines and `#` comments skipped.
    Raises InputError naming the file (unreadable) or the line (not an http(s) URL)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(str(path), f"cannot read URL list: {e}") from e
    urls = []
    for n, line in enumerate(lines, start=1):
        value = line.strip()
        if not value or value.startswith("#"):
            continue
        if not is_url(value):
            raise InputError(f"{path}:{n}", f"not an http(s) URL: {value[:80]!r}")
        urls.append(value)
    return urls


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
            f"[bold]{i}. {escape(h.source)}[/bold] {span_text(h.start, h.end)} "
            f"score {h.score:.4f}{also}"
        )
        out.print(f"   {escape(h.text)}")


def _reprints(reprints: object) -> str | None:
    """"reprints 4 sentences of 01_wire" for an article printing another's sentences (a
    row's "reprints": article id -> sentences)."""
    if not isinstance(reprints, dict):
        return None
    return "; ".join(f"reprints {n} sentence{'s' if n > 1 else ''} of {aid}"
                     for aid, n in reprints.items()) or None


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
                    # the date as read (ISO), which orders copies after their originals
                    "published": str(d) if (d := publication_date(art.date)) else None,
                    "url": art.url,
                    "format": rec.document.format,
                    "encoding": rec.document.encoding,
                    "original": rec.document.original,
                    "sentences": len(art.sentences),
                    "chunks": sum(1 for c in rec.chunks if c.article_id == art.id),
                    "duplicate_of": art.duplicate_of,
                    "reprints": {} if art.duplicate_of else reprinted_from(art),
                }
            )
    if json_out:
        for r in rows:
            emit_json(r)
        return
    heading = f"{len(rows)} articles in {len(corpus.records())} documents"
    if out.width < WIDE_TABLE_COLUMNS:  # eight columns of ~10 characters fold into slivers
        out.print(heading)
        for r in rows:
            facts = [r["outlet"] or "no outlet", r["published"] or r["date"], r["byline"],
                     _format_label(r),
                     f"{r['chunks']} chunks",
                     f"copy of {r['duplicate_of']}" if r["duplicate_of"] else None,
                     _reprints(r["reprints"])]
            out.print(f"[bold]{escape(str(r['id']))}[/bold]  "
                      + escape(" · ".join(str(f) for f in facts if f)))
            if r["title"]:
                out.print("    " + escape(str(r["title"])))
    else:
        table = Table(title=heading)
        cols = ("id", "outlet", "title", "byline", "date", "format", "chunks", "duplicate_of")
        for col in cols:
            table.add_column(col, overflow="fold")
        for r in rows:
            fmt = _format_label(r)
            shown = {**r, "format": fmt, "date": r["published"] or r["date"],
                     "duplicate_of": r["duplicate_of"] or _reprints(r["reprints"])}
            table.add_row(*(escape(str(shown[c] or "")) for c in cols))
        out.print(table)
    for group in corpus.duplicate_groups():
        out.print(f"duplicate group: {', '.join(group)} (counted as one outlet)")
