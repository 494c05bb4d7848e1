"""Verification commands: verify (one claim, a batch file, or a generated answer) and compare."""

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
    get_app,
    out,
    ran_by,
    read_text_lines,
    require_articles,
    span_text,
    working,
)
from agent.errors import DOMAIN_ERRORS, InputError
from agent.generation.batch import map_ordered
from agent.inputs import check_user_text
from agent.text.segment import split_sentences
from agent.verification.replies import REPLY
from agent.verification.verdicts import GIVES_FIGURE
from agent.verification.verify import Verdict, Verifier, verify_sentences

_COLOUR = {
    "supported": "green",
    "refuted": "red",
    "conflicting": "yellow",
    "not_enough_info": "cyan",
}
# How many judged-silent sentences a not_enough_info verdict shows when none counted.
CLOSEST = 2
_MARK = {"supports": "[green]+[/green]", "refutes": "[red]-[/red]", "silent": "[dim]·[/dim]"}


ClaimLine = tuple[int, str | None, str | None, str | None]  # (line, id, claim, error)


def read_claims(path: Path) -> Iterator[ClaimLine]:
    """(line number, id, claim, error) per non-blank line: JSONL with `claim` (+ `id`), or
    plain text lines. A bad line (invalid JSON, empty or overlong claim, not UTF-8) yields an
    error naming it; the others go on."""
    for n, line, problem in read_text_lines(path):
        where = f"{path}:{n}"
        if line is None:
            yield n, None, None, problem
            continue
        text = line.strip()
        if not text.startswith("{"):
            try:
                yield n, None, check_user_text(text, where, "claim"), None
            except InputError as e:
                yield n, None, None, str(e)
            continue
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as e:
            yield n, None, None, f"{where}: invalid JSON ({e.msg})"
            continue
        item_id = obj.get("id") if isinstance(obj, dict) else None
        item_id = str(item_id) if item_id is not None else None
        claim = obj.get("claim") if isinstance(obj, dict) else None
        if not isinstance(claim, str) or not claim.strip():
            yield n, item_id, None, f"{where}: field 'claim' missing or not a non-empty string"
            continue
        try:
            yield n, item_id, check_user_text(claim, where, "claim"), None
        except InputError as e:
            yield n, item_id, None, str(e)


def verify_line(verifier: Verifier, path: Path, line: ClaimLine) -> Verdict | dict[str, Any]:
    """One line of `verify --file`: its Verdict, or {id, claim, error} for an unusable line or
    a claim whose check failed (model error). Never raises a SourceboundError: one claim
    failing must not stop the batch."""
    n, item_id, text, error = line
    item_id = item_id or f"line-{n}"
    if text is None:
        return {"id": item_id, "claim": None, "error": error or "unusable line"}
    try:
        return verifier.verify(text, id=item_id)
    except DOMAIN_ERRORS as e:
        return {"id": item_id, "claim": text, "error": f"{path}:{n}: {e}"}


def verify_lines(
    verifier: Verifier, path: Path, lines: Sequence[ClaimLine], workers: int = 1
) -> Iterator[Verdict | dict[str, Any]]:
    """`verify --file`'s batch: every line checked, `workers` at a time, in input order."""
    return map_ordered(partial(verify_line, verifier, path), lines, workers)


def answer_sentences(path: Path) -> list[str]:
    """Sentences of a JSON answer/summary: `sentences` ([{text}] or [str]), else the text of
    `answer` / `summary` / `text` split into sentences, or a bare list of strings."""
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise InputError(str(path), f"not a readable JSON answer ({e.__class__.__name__})") from e
    items: Any = data
    if isinstance(data, dict):
        items = data.get("sentences")
        if not items:
            text = next(
                (data[k] for k in ("answer", "summary", "text") if isinstance(data.get(k), str)),
                None,
            )
            if text is None:
                raise InputError(
                    str(path), "expected 'sentences' or an 'answer'/'summary'/'text' string"
                )
            return [text[s:e] for s, e in split_sentences(text)]
    if not isinstance(items, list):
        raise InputError(str(path), "'sentences' must be a list")
    texts = [i.get("text") if isinstance(i, dict) else i for i in items]
    return [t for t in texts if isinstance(t, str) and t.strip()]


def print_verdict(v: Verdict) -> None:
    colour = _COLOUR.get(v.verdict, "white")
    head = f"[{escape(v.id)}] " if v.id else ""
    out.print(f"{head}[bold {colour}]{v.verdict}[/bold {colour}]  {escape(v.claim)}")
    out.print(f"  {escape(v.explanation)}")
    for a in v.atomic:
        if len(v.atomic) > 1:
            c = _COLOUR.get(a.verdict, "white")
            out.print(f"  part: [{c}]{a.verdict}[/{c}]  {escape(a.claim)}")
        shown = [e for e in a.evidence
                 if e.stance != "silent" or GIVES_FIGURE in e.signals or REPLY in e.signals]
        if not shown:
            # "No source states it" alone hides what was read: show the closest sentences
            # the model was asked about, with why they did not count.
            shown = [e for e in a.evidence if e.stance == "silent"
                     and any(n.startswith("model judged") for n in e.signals)][:CLOSEST]
            if shown:
                out.print("    [dim]closest sentences, judged silent:[/dim]")
        for e in shown:
            note = f" [dim]({escape('; '.join(e.signals))})[/dim]" if e.signals else ""
            cite = e.citation
            out.print(
                f"    {_MARK[e.stance]} {escape(e.outlet or cite.source)} "
                f"{span_text(cite.start, cite.end)} “{escape(cite.quote)}”{note}"
            )
    # model_calls, not tokens: a server may report no usage.
    out.print(f"  [dim]+ supports, - contradicts, · silent · {ran_by(v, v.model_calls > 0)} · "
              f"{v.latency_s:.1f} s[/dim]")


@app.command()
def verify(
    claim: str | None = typer.Argument(None, help="The claim to check."),
    file: Path | None = typer.Option(
        None, "--file", help="JSONL with id + claim, or one claim per line."
    ),
    answer_file: Path | None = typer.Option(
        None, "--answer-file", help="JSON answer/summary: verify each sentence."
    ),
    json_out: bool = typer.Option(
        False, "--json", help="JSON: one object per claim (JSONL for files)."
    ),
    no_model: bool = typer.Option(
        False, "--no-model", help="Code checks only (never load the model)."
    ),
    concurrency: int | None = concurrency_option(),
) -> None:
    """Verdict (supported / refuted / not_enough_info / conflicting) with quoted evidence."""
    given = [x for x in (claim, file, answer_file) if x is not None]
    if len(given) != 1:
        raise InputError("verify", "give exactly one of CLAIM, --file or --answer-file")
    checked = check_user_text(claim, "claim", "claim") if claim is not None else None
    verifier = require_articles().verifier(use_model=not no_model)
    emit = emit_json if json_out else print_verdict
    if checked is not None:
        with working("checking the claim", loads_model=not no_model):
            verdict = verifier.verify(checked)
        emit(verdict)
        return
    if answer_file is not None:
        for v in verify_sentences(verifier, answer_sentences(answer_file)):
            emit(v)
        return
    assert file is not None
    failures = 0
    lines = list(read_claims(file))
    for result in verify_lines(verifier, file, lines, batch_workers_for(concurrency)):
        if isinstance(result, dict):
            failures += 1
            _emit_error(json_out, result["id"], result["error"], result["claim"])
        else:
            emit(result)
    if failures:
        raise typer.Exit(1)


def verify_claim_for_chat(claim: str) -> None:
    """`/verify CLAIM` inside `sourcebound chat`: the same verdict, printed for humans."""
    if not claim.strip():
        out.print("usage: /verify CLAIM")
        return
    print_verdict(get_app().verifier().verify(check_user_text(claim, "/verify", "claim")))


def _emit_error(json_out: bool, item_id: str, error: str, claim: str | None = None) -> None:
    if json_out:
        emit_json({"id": item_id, "claim": claim, "error": error})
    else:
        out.print(f"[red]error[/red] [{escape(item_id)}] {escape(error)}")


@app.command()
def compare(
    json_out: bool = typer.Option(False, "--json", help="Print the matrix as one JSON object."),
    html: Path | None = typer.Option(None, "--html", help="Also write a self-contained HTML page."),
    max_claims: int = typer.Option(12, "--max-claims", min=1, max=100, help="Key claims to show."),
) -> None:
    """Key factual claims × independent outlets: supports / contradicts / silent."""
    from agent.verification.matrix_view import print_matrix, render_html

    matrix = require_articles().matrix(max_claims)
    if html is not None:
        html.write_text(render_html(matrix), encoding="utf-8")
    if json_out:
        emit_json(matrix)
    else:
        print_matrix(matrix, out)
        if html is not None:
            out.print(f"HTML written to {escape(str(html))}")
