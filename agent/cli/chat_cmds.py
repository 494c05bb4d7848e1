"""`sourcebound chat`: an interactive REPL over the answer stage (piped stdin works too)."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

from rich.markup import escape

from agent.cli.ask_cmds import check_question, render_answer
from agent.cli.common import app, decode_line, err, get_app, out, require_articles
from agent.errors import DOMAIN_ERRORS, InputError
from agent.generation.chat import HELP, ChatSession, evidence_preview, parse_command
from agent.retrieval.evidence import EvidenceSet


def _lines(interactive: bool) -> Iterator[tuple[str, str]]:
    """(where, line) pairs: prompt_toolkit with history on a terminal, else plain stdin with
    `stdin:N` naming each line, so an error can point at the line that caused it."""
    if interactive:
        from prompt_toolkit import PromptSession
        from prompt_toolkit.history import FileHistory

        hist = get_app().settings.data_dir / "chat_history"
        hist.parent.mkdir(parents=True, exist_ok=True)
        session: PromptSession[str] = PromptSession(history=FileHistory(str(hist)))
        while True:
            try:
                yield "input", session.prompt("you> ")
            except KeyboardInterrupt:
                continue  # Ctrl-C at the prompt clears the line, like a shell
            except EOFError:
                return
    else:
        for n, raw in enumerate(sys.stdin.buffer, start=1):
            where = f"stdin:{n}"
            try:
                yield where, decode_line(raw, where)
            except InputError as e:
                err.print(f"[red]error:[/red] {escape(str(e))}; skipped")


def _command(session: ChatSession, name: str, arg: str) -> bool:
    """Run a slash command; False means quit."""
    if name in ("/quit", "/exit"):
        return False
    if name == "/help":
        out.print(HELP)
    elif name == "/reset":
        session.reset()
        out.print("[dim]conversation cleared[/dim]")
    elif name == "/sources":
        corpus = get_app().corpus
        for art in corpus.articles():
            dup = f" (copy of {art.duplicate_of})" if art.duplicate_of else ""
            out.print(
                f"  {escape(art.id)} {escape(art.outlet or '')} {escape(art.title or '')}{dup}"
            )
    elif name == "/verify":
        try:
            from agent.cli.verify_cmds import verify_claim_for_chat
        except ImportError:
            out.print("claim verification is not available in this build")
            return True
        verify_claim_for_chat(arg)
    elif name == "/summarize":
        try:
            from agent.cli.summarize_cmds import summarize_story_for_chat
        except ImportError:
            out.print("summaries are not available in this build")
            return True
        summarize_story_for_chat()
    else:
        out.print(f"unknown command {escape(name)}; /help lists them")
    return True


def _show_standalone(standalone: str) -> None:
    out.print(f"[dim](understood as: {escape(standalone)})[/dim]")


def _show_evidence(ev: EvidenceSet) -> None:
    for source, text in evidence_preview(ev):
        out.print(f"  [dim]found · {escape(source)}: {escape(text)}[/dim]")


@app.command()
def chat() -> None:
    """Ask questions in a conversation; follow-ups are resolved through memory."""
    interactive = sys.stdin.isatty()
    session = ChatSession(require_articles().answerer())
    if interactive:
        out.print("[dim]sourcebound chat — /help for commands, /quit to leave[/dim]")
    try:
        _converse(session, interactive)
    finally:
        session.wait_prefill()


def _converse(session: ChatSession, interactive: bool) -> None:
    """One turn per input line until /quit or the end of input."""
    for where, line in _lines(interactive):
        text = line.strip()
        if not text:
            continue
        cmd = parse_command(text)
        try:
            if cmd is not None:
                if not _command(session, *cmd):
                    break
                continue
            question = check_question(text, where)
            if not interactive:
                out.print(f"[bold]you>[/bold] {escape(question)}")
            # The evidence first (retrieval takes well under a second), then only the checked
            # answer: a streamed draft could differ from what the checks let through.
            status = (
                out.status("[dim]answering…[/dim]") if interactive else contextlib.nullcontext()
            )
            with status:
                _, ans = session.ask(
                    question, on_evidence=_show_evidence, on_standalone=_show_standalone
                )
            render_answer(ans)
            if interactive:  # piped input has the next line ready: nothing to overlap
                session.start_prefill()  # runs while the user reads and types
        except KeyboardInterrupt:
            out.print("\n[dim]interrupted[/dim]")  # the session goes on
        except DOMAIN_ERRORS as e:
            err.print(f"[red]error:[/red] {escape(str(e))}")  # one failed turn ends nothing
