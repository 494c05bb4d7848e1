"""Question commands: ask (one question or a file of them) and the interactive chat."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape

from agent.cli.common import (
    app,
    batch_workers_for,
    concurrency_option,
    emit_json,
    err,
    get_app,
    out,
    read_text_lines,
    require_articles,
    run_footer,
    working,
)
from agent.errors import DOMAIN_ERRORS, InputError
from agent.generation.answer import Answerer
from agent.generation.batch import map_ordered
from agent.inputs import check_user_text
from agent.types import Answer

Item = tuple[str, str | None, str | None]  # (id, question, why the line is unusable)


def check_question(text: str, where: str) -> str:
    return check_user_text(text, where, "question")


def read_items(path: Path, field: str) -> list[Item]:
    """(id, text, error) per non-blank line: JSONL objects with `id` + `field`, or plain lines."""
    items: list[Item] = []
    for n, line, problem in read_text_lines(path):
        where = f"{path}:{n}"
        if line is None:
            items.append((str(n), None, problem))
        elif line.lstrip().startswith("{"):
            try:
                obj = json.loads(line)
                if not isinstance(obj, dict):
                    raise InputError(where, "expected a JSON object")
                item_id = str(obj.get("id", n))
                text = obj.get(field)
                if not isinstance(text, str):
                    raise InputError(where, f"missing string field {field!r}")
                items.append((item_id, check_question(text, where), None))
            except json.JSONDecodeError as e:
                items.append((str(n), None, f"{where}: invalid JSON ({e.msg})"))
            except InputError as e:
                items.append((str(n), None, str(e)))
        else:
            try:
                items.append((str(n), check_question(line, where), None))
            except InputError as e:
                items.append((str(n), None, str(e)))
    return items


def answer_item(answerer: Answerer, item: Item) -> Answer | dict[str, Any]:
    """One line of `ask --file`: its Answer (with `error` set when the model failed), or
    {id, question: None, error} for an unusable line. Never raises a SourceboundError: one
    failed item must not stop the batch."""
    item_id, text, problem = item
    if text is None:
        return {"id": item_id, "question": None, "error": problem}
    try:
        ans = answerer.ask(text)
        ans.id = item_id
        return ans
    except DOMAIN_ERRORS as e:
        return Answer(
            id=item_id,
            question=text,
            answer="",
            abstained=True,
            backend=answerer.llm.backend,
            model=answerer.llm.model_name,
            latency_s=0.0,
            error=str(e),
        )


def answer_items(
    answerer: Answerer, items: Sequence[Item], workers: int = 1
) -> Iterator[Answer | dict[str, Any]]:
    """`ask --file`'s batch: every item answered, `workers` at a time, in input order."""
    return map_ordered(partial(answer_item, answerer), items, workers)


def render_answer(ans: Answer) -> None:
    """Answer text with numbered footnote markers, then the quotes under it."""
    notes: list[tuple[str, str]] = []
    parts = []
    for s in ans.sentences:
        marks = []
        for c in s.citations:
            key = (c.source, c.quote)
            if key not in notes:
                notes.append(key)
            marks.append(f"[{notes.index(key) + 1}]")
        parts.append(escape(s.text) + "".join(marks))
    if ans.abstained:
        out.print(f"[yellow]{escape(ans.answer)}[/yellow]")
    else:
        out.print(" ".join(parts))
    corpus = get_app().corpus
    for i, (source, quote) in enumerate(notes, start=1):
        outlet = corpus.article(source).outlet if corpus.has_article(source) else None
        label = f"{source} ({outlet})" if outlet else source
        out.print(f"  [dim][{i}] {escape(label)}:[/dim] “{escape(quote)}”")
    out.print(run_footer(ans))


@app.command()
def ask(
    question: str = typer.Argument(None, help="The question."),
    file: Path | None = typer.Option(
        None, "--file", "-f", help="JSONL with id+question, or one question a line."
    ),
    json_out: bool = typer.Option(False, "--json", help="JSON: one object (JSONL with --file)."),
    concurrency: int | None = concurrency_option(),
) -> None:
    """Answer from the ingested articles, every sentence cited, or say the sources do not say."""
    if file is None:
        if question is None:
            raise InputError("question", "give a question or --file")
        checked = check_question(question, "question")  # bad input first, then the store
        answerer = require_articles().answerer()
        with working("answering"):
            ans = answerer.ask(checked)
        emit_json(ans) if json_out else render_answer(ans)
        return
    items = read_items(file, "question")
    answerer = require_articles().answerer()  # the model loads once for the whole file
    failed = 0
    for result in answer_items(answerer, items, batch_workers_for(concurrency)):
        if isinstance(result, dict) or result.error is not None:
            failed += 1
        if json_out:
            emit_json(result)
        elif isinstance(result, dict):
            err.print(f"[red]{escape(str(result['error']))}[/red]")
        else:
            out.print(f"[bold]{escape(str(result.id))}. {escape(result.question)}[/bold]")
            render_answer(result) if result.error is None else err.print(
                f"[red]{escape(result.error)}[/red]"
            )
    if failed:
        raise typer.Exit(1)
