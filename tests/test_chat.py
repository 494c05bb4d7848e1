"""Chat session logic: follow-up detection and rewriting, slash commands, streamed JSON text."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from scenarios import ANSWERABLE, UNRELATED, draft

from agent.app import App
from agent.generation.answer import Answerer
from agent.generation.chat import (
    EVIDENCE_CHARS,
    EVIDENCE_SHOWN,
    HISTORY_TURNS,
    ChatSession,
    Turn,
    evidence_preview,
    parse_command,
)
from agent.generation.streaming import json_text_fields

if TYPE_CHECKING:
    from conftest import FakeChatModel, PrefillFakeChatModel


@pytest.fixture
def session(seeds_dir: Path, make_app: Callable[..., App]) -> ChatSession:
    app = make_app(seeds_dir)
    return ChatSession(Answerer(app.corpus, app.retriever, app.embedder, app.llm))


def test_needs_rewrite_only_with_history(session: ChatSession) -> None:
    assert not session.needs_rewrite("Why did they do it?")
    session.history.append(Turn("Who sent troops?", "Mexico did."))
    assert session.needs_rewrite("Why did they do it?")
    assert session.needs_rewrite("And Canada?")  # short ellipsis
    assert not session.needs_rewrite(
        "How many suspected cartel members did Mexico extradite to the United States?"
    )
    # Pronouns after a name of the question's own need no rewrite (a condense call each:
    # 1.8 s to the evidence in benchmarks/bench_chat.py, session 10) ...
    assert not session.needs_rewrite("Where did Trump make his remarks about the troops?")
    assert not session.needs_rewrite("Where did Sheinbaum speak when she said no to Trump?")
    # ... but a pronoun with no name before it, or "it", still refers back.
    assert session.needs_rewrite("What did she say about sovereignty?")
    assert session.needs_rewrite("Why did Trump say it to reporters?")


def test_standalone_without_history_calls_nothing(
    session: ChatSession, fake_model: FakeChatModel
) -> None:
    assert session.standalone("Why did they do it?") == "Why did they do it?"
    assert fake_model.calls == []


def test_standalone_uses_condense_prompt_with_history(
    session: ChatSession, fake_model: FakeChatModel
) -> None:
    for i in range(HISTORY_TURNS + 2):
        session.history.append(Turn(f"old question {i}?", f"old answer {i}."))
    fake_model.queue(json.dumps({"question": "Why did Mexico send troops to the border?"}))
    assert session.standalone("Why did they do that?") == (
        "Why did Mexico send troops to the border?"
    )
    (messages, _kw) = fake_model.calls[0]
    system, user = str(messages[0].content), str(messages[-1].content)
    assert "standalone" in system.lower()
    assert "Why did they do that?" in user
    assert f"old question {HISTORY_TURNS + 1}?" in user  # recent turns are shown...
    assert "old question 0?" not in user  # ...older ones are not


def test_session_ask_records_standalone_and_reset(
    session: ChatSession, fake_model: FakeChatModel
) -> None:
    ev = session.answerer.evidence(ANSWERABLE)
    fake_model.queue(draft((ev.items[0].sentence.text, [ev.items[0].label])))
    standalone, ans = session.ask(ANSWERABLE)
    assert standalone == ANSWERABLE and not ans.abstained
    assert session.history == [Turn(ANSWERABLE, ans.answer)]
    session.reset()
    assert session.history == []


def test_streamed_answer_text_reaches_callback(
    session: ChatSession, fake_model: FakeChatModel
) -> None:
    ev = session.answerer.evidence(ANSWERABLE)
    text = ev.items[0].sentence.text
    fake_model.queue(draft((text, [ev.items[0].label])))
    pieces: list[str] = []
    _q, ans = session.ask(ANSWERABLE, on_text=pieces.append)
    assert len(pieces) > 1
    assert "".join(pieces) == text
    assert not ans.abstained


def test_evidence_reaches_callback_before_the_model(
    session: ChatSession, fake_model: FakeChatModel
) -> None:
    ev = session.answerer.evidence(ANSWERABLE)
    fake_model.queue(draft((ev.items[0].sentence.text, [ev.items[0].label])))
    seen: list[tuple[list[str], int]] = []
    session.ask(
        ANSWERABLE,
        on_evidence=lambda e: seen.append(([x.label for x in e.items], len(fake_model.calls))),
    )
    assert seen == [([x.label for x in ev.items], 0)]  # shown before any model call
    assert len(fake_model.calls) == 1
    preview = evidence_preview(ev)
    assert 1 <= len(preview) <= EVIDENCE_SHOWN
    assert all(len(text) <= EVIDENCE_CHARS + 2 for _src, text in preview)


def test_rewritten_question_is_shown_before_its_evidence(
    session: ChatSession, fake_model: FakeChatModel
) -> None:
    session.history.append(Turn("Who rejected the offer?", "Sheinbaum did."))
    fake_model.queue(json.dumps({"question": ANSWERABLE}))
    ev = session.answerer.evidence(ANSWERABLE)
    fake_model.queue(draft((ev.items[0].sentence.text, [ev.items[0].label])))
    events: list[str] = []
    session.ask("Why did they do that?", on_standalone=lambda q: events.append(f"q:{q}"),
                on_evidence=lambda e: events.append("evidence"))
    assert events == [f"q:{ANSWERABLE}", "evidence"]
    events.clear()
    session.ask(UNRELATED, on_standalone=events.append)  # unchanged: nothing to show
    assert events == []


def test_weak_evidence_is_not_shown(session: ChatSession, fake_model: FakeChatModel) -> None:
    seen: list[object] = []
    _q, ans = session.ask(UNRELATED, on_evidence=seen.append)
    assert ans.abstained and seen == [] and fake_model.calls == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/verify Mexico sent 10,000 troops", ("/verify", "Mexico sent 10,000 troops")),
        ("/QUIT", ("/quit", "")),
        ("/help   ", ("/help", "")),
        ("/sources", ("/sources", "")),
        ("what about /help?", None),
        ("How many troops?", None),
    ],
)
def test_parse_command(line: str, expected: tuple[str, str] | None) -> None:
    assert parse_command(line) == expected


@pytest.mark.parametrize(
    ("buffer", "expected"),
    [
        ('{"answerable": true, "sentences": [{"text": "Mexico se', ["Mexico se"]),
        ('{"sentences": [{"text": "A \\"quoted\\" word', ['A "quoted" word']),
        ('{"sentences": [{"text": "cut escape \\', ["cut escape "]),
        ('{"sentences": [{"text": "caf\\u00e9", "cite": ["S1"]}, {"text": "Two', ["café", "Two"]),
        ('{"sentences": [{"text": "line\\nbreak"}]}', ["line\nbreak"]),
        ('{"answerable": false, "sentences": []}', []),
        ('{"sentences": [{"te', []),
    ],
)
def test_json_text_fields_on_partial_json(buffer: str, expected: list[str]) -> None:
    assert list(json_text_fields(buffer)) == expected


def test_json_text_fields_half_unicode_escape_does_not_leak_backslash() -> None:
    """A \\uXXXX escape cut mid-way must not show raw escape text to the user."""
    got = list(json_text_fields('{"sentences": [{"text": "caf\\u00'))
    assert got and "\\" not in got[0]


@pytest.fixture
def prefill_chat(
    seeds_dir: Path,
    make_app: Callable[..., App],
    make_prefill_model: Callable[..., PrefillFakeChatModel],
) -> tuple[PrefillFakeChatModel, ChatSession]:
    """A session over the seeds whose model takes `reply_prefix` (as the in-process one)
    and rewrites any follow-up to "Why did Mexico send troops?"."""
    chat = make_prefill_model({"Why did Mexico send troops?": 0.9, "x": 0.1})
    app = make_app(seeds_dir, chat=chat)
    return chat, ChatSession(Answerer(app.corpus, app.retriever, app.embedder, app.llm))


def test_a_prefix_taking_backend_rewrites_after_the_json_opening(
    prefill_chat: tuple[PrefillFakeChatModel, ChatSession],
) -> None:
    # The in-process model gets `{"question": "` with the prompt and stops at the closing
    # quote: no grammar-forced tokens before the evidence can show (session 10).
    chat, session = prefill_chat
    session.history.append(Turn("Who sent troops?", "Mexico did."))
    assert session.standalone("Why did they do it?") == "Why did Mexico send troops?"
    ((_, kwargs),) = chat.calls
    assert kwargs["reply_prefix"] == '{"question": "' and '"' in kwargs["stop"]
    assert "response_format" not in kwargs


def test_prefill_evaluates_the_next_condense_prompt_up_to_the_follow_up(
    prefill_chat: tuple[PrefillFakeChatModel, ChatSession],
) -> None:
    # While the user reads and types, the in-process model evaluates the condense prompt
    # up to "Follow-up: "; the rewrite then evaluates only the question (session 11).
    chat, session = prefill_chat
    session.start_prefill()
    session.wait_prefill()
    assert chat.prefilled == []  # nothing to condense against yet
    session.history.append(Turn("Who sent troops?", "Mexico did."))
    session.start_prefill()
    session.wait_prefill()
    ((*_, known),) = chat.prefilled
    assert session.standalone("Why did they do it?") == "Why did Mexico send troops?"
    ((messages, _),) = chat.calls
    asked = str(messages[-1].content)
    assert "Mexico did." in str(known.content)
    assert asked.startswith(str(known.content)) and asked.endswith("Why did they do it?")


def test_a_follow_up_waits_for_a_running_prefill(
    prefill_chat: tuple[PrefillFakeChatModel, ChatSession],
) -> None:
    chat, session = prefill_chat
    chat.prefill_gate = threading.Event()
    session.history.append(Turn("Who sent troops?", "Mexico did."))
    session.start_prefill()
    rewritten: list[str] = []
    asker = threading.Thread(target=lambda: rewritten.append(session.standalone("Why?")))
    asker.start()
    asker.join(timeout=0.3)
    assert asker.is_alive() and chat.calls == []  # held behind the prefill
    chat.prefill_gate.set()
    asker.join(timeout=10)
    assert rewritten == ["Why did Mexico send troops?"] and len(chat.prefilled) == 1
    # A standalone question does not wait: it needs no rewrite.
    chat.prefill_gate.clear()
    session.start_prefill()
    assert session.standalone("Who rejected the troop offer from Washington?") == (
        "Who rejected the troop offer from Washington?"
    )
    chat.prefill_gate.set()
    session.wait_prefill()
