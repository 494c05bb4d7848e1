"""Shared CLI plumbing: global options, settings, JSON output, and error -> exit code."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from pydantic import BaseModel
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from agent.app import App
from agent.errors import DOMAIN_ERRORS, InputError
from agent.generation.batch import batch_workers
from agent.settings import Settings, load_settings
from agent.types import ModelRun

app = typer.Typer(
    name="sourcebound",
    help="Cited answers, summaries and claim checks over news articles (offline by default).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    # Markdown: a docstring's wrapped lines join into one paragraph, and "[env X]" is text,
    # not rich markup.
    rich_markup_mode="markdown",
)
# Human-readable output goes to stdout; progress and errors to stderr, so --json stays clean.
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)  # an error stays one line


class _State:
    overrides: dict[str, Any] = {}  # noqa: RUF012  (one CLI invocation per process)
    _app: App | None = None


def span_text(start: int, end: int) -> str:
    """Where a quote stands in its article's cleaned text, in characters ("chars 537–589"):
    the offsets every citation is checked against (README, "Metadata is evidence")."""
    return f"[dim]chars {start}–{end}[/dim]"


@app.callback()
def _global_options(
    data_dir: Path | None = typer.Option(
        None, help="Data directory (default .sourcebound; env SOURCEBOUND_DATA_DIR)."
    ),
    backend: str | None = typer.Option(None, help="auto | local | openai | openai-compatible."),
    base_url: str | None = typer.Option(None, help="OpenAI-compatible server URL."),
    model: str | None = typer.Option(None, help="Model name for API backends."),
    model_path: Path | None = typer.Option(None, help="Any GGUF file for the local backend."),
    local_model: str | None = typer.Option(None, help="qwen2.5-coder-1.5b | smollm2-135m."),
    chroma_url: str | None = typer.Option(None, help="http://host:port of a `chroma run` server."),
) -> None:
    _State.overrides = {
        "data_dir": data_dir,
        "backend": backend,
        "openai_base_url": base_url,
        "model": model,
        "model_path": model_path,
        "local_model": local_model,
        "chroma_url": chroma_url,
    }
    _State._app = None


def settings() -> Settings:
    return load_settings(**_State.overrides)


def get_app() -> App:
    if _State._app is None:
        _State._app = App(settings())
    return _State._app


def require_articles() -> App:
    """The app, or InputError when its data dir holds no ingested document: a summary,
    verdict or answer over nothing would look like a result (an empty summary, "no source
    states this")."""
    a = get_app()
    if not a.corpus.doc_ids():
        raise InputError("--data-dir", f"{a.settings.data_dir} holds no ingested articles; "
                                       "run `sourcebound ingest PATH` first")
    return a


def ran_by(rec: ModelRun, model_ran: bool) -> str:
    """Who did the run, as rendered: "backend/model", or "no model call" when the model did
    not run (an abstention, the extractive floor, a verdict code decided), so its name does
    not suggest it ran."""
    return f"{escape(rec.backend)}/{escape(rec.model)}" if model_ran else "no model call"


def run_footer(rec: ModelRun) -> str:
    """The dim last line of a rendered answer or summary: `ran_by`, seconds, and tokens
    when the model ran (it used some)."""
    if rec.tokens_in == 0 and rec.tokens_out == 0:
        return f"[dim]{ran_by(rec, False)} · {rec.latency_s:.1f} s[/dim]"
    return (f"[dim]{ran_by(rec, True)} · {rec.latency_s:.1f} s · "
            f"{rec.tokens_in}→{rec.tokens_out} tokens[/dim]")


def emit_json(obj: BaseModel | dict[str, Any] | list[Any]) -> None:
    """One JSON object per line on stdout."""
    if isinstance(obj, BaseModel):
        text = obj.model_dump_json()
    else:
        text = json.dumps(obj, ensure_ascii=False, default=str)
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


@contextmanager
def working(what: str, loads_model: bool = True) -> Iterator[None]:
    """A spinner on stderr while one long step runs ("answering…"), so a first call that
    loads the local model (a minute or more on 2 cores, a newcomer trial waited 91 s in
    silence) is not silent; nothing when stderr is not a terminal, so pipes, logs and
    --json output stay clean."""
    if not err.is_terminal:
        yield
        return
    why = " (the model loads on first use)" if loads_model else ""
    with err.status(f"[dim]{escape(what)}…{why}[/dim]"):
        yield


@contextmanager
def progress_bar(enabled: bool = True) -> Iterator[Progress]:
    """A progress bar on stderr (silent when stderr is not a terminal and not forced)."""
    prog = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        # Not a terminal (a pipe, a log file): no bar, and none of the blank line a stopped
        # transient bar leaves on a plain stream.
        disable=not enabled or not err.is_terminal,
    )
    with prog:
        yield prog


def concurrency_option() -> Any:
    """`--concurrency/-j` for the batch commands (the setting is `max_concurrency`)."""
    return typer.Option(
        None,
        "--concurrency",
        "-j",
        min=1,
        max=64,
        help="Items in flight at once on API backends (default: the max_concurrency "
        "setting, 4); the local model takes one at a time.",
    )


def batch_workers_for(requested: int | None) -> int:
    """Workers for a batch command: the flag, else the setting; 1 on the local backend
    (saying so when the flag asked for more)."""
    n = batch_workers(get_app().settings, requested)
    if requested is not None and requested > n:
        err.print(
            f"[dim]the local model takes one item at a time: --concurrency {requested} "
            "is not used[/dim]"
        )
    return n


def decode_line(raw: bytes, where: str) -> str:
    """One input line as text, or InputError naming the line and the first bad byte."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        bad = f"byte 0x{raw[e.start]:02x} at column {e.start + 1}"
        raise InputError(where, f"not UTF-8 text ({bad})") from None


def read_text_lines(path: Path) -> list[tuple[int, str | None, str | None]]:
    """(line number, text, error) per non-blank line of a user file. A line that is not
    UTF-8 gets an error naming `path:line`, so one bad line does not sink the whole file."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise InputError(str(path), f"cannot read: {e.strerror or e}") from e
    rows: list[tuple[int, str | None, str | None]] = []
    for n, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append((n, decode_line(line, f"{path}:{n}"), None))
        except InputError as e:
            rows.append((n, None, str(e)))
    return rows


def _root_option_names() -> set[str]:
    """The option names of `sourcebound` itself (--data-dir, --backend, ...)."""
    return {o for p in typer.main.get_command(app).params for o in getattr(p, "opts", ())}


def main() -> None:
    """Console-script entry: domain errors become one line on stderr and a non-zero exit."""
    try:
        rc = app(standalone_mode=False)
    except DOMAIN_ERRORS as e:
        err.print(f"[red]error:[/red] {escape(str(e))}")
        raise SystemExit(getattr(e, "exit_code", 1)) from None
    except KeyboardInterrupt:
        err.print("interrupted")
        raise SystemExit(130) from None
    except (typer.Abort, typer.Exit) as e:
        raise SystemExit(getattr(e, "exit_code", 1)) from None
    except Exception as e:  # usage errors ("No such option") and the like
        import click

        # Typer carries its own copy of click: its usage errors are not click's classes.
        if isinstance(e, (click.ClickException, typer.exceptions.TyperException)) and hasattr(
            e, "show"
        ):
            e.show()
            misplaced = getattr(e, "option_name", None)
            if misplaced is not None and misplaced in _root_option_names():
                err.print(f"hint: {misplaced} belongs to sourcebound itself: put it before the "
                          f"command (sourcebound {misplaced} ... COMMAND)")
            raise SystemExit(getattr(e, "exit_code", 2)) from None
        raise
    if isinstance(rc, int) and rc != 0:
        raise SystemExit(rc)
