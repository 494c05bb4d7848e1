"""The fixed prompt prefix's state on disk, and the thread count under load.

The e2e tests run the real llama.cpp runtime with the small smollm2-135m model: a process
that reads the prefix state from disk must give exactly the reply of one that evaluates
the whole prompt, and so must a different thread count (greedy decoding).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

from agent.llm import local
from agent.llm.assets import smollm_path
from agent.llm.local import LlamaCppChat, threads_for_load
from agent.llm.prefix_state import PrefixStateCache, fixed_prefix, shared_prefix_len


def test_shared_prefix_len() -> None:
    assert shared_prefix_len([1, 2, 3], [1, 2, 4]) == 2
    assert shared_prefix_len([1, 2], [1, 2, 3]) == 2
    assert shared_prefix_len([], [1]) == 0
    assert shared_prefix_len([5], [1]) == 0


def test_one_thread_only_when_oversubscribed() -> None:
    assert threads_for_load(2, load_1min=1.5, n_cpus=2) == 2
    assert threads_for_load(2, load_1min=3.0, n_cpus=2) == 2
    assert threads_for_load(2, load_1min=3.5, n_cpus=2) == 1
    assert threads_for_load(2, load_1min=16.0, n_cpus=2) == 1
    assert threads_for_load(1, load_1min=16.0, n_cpus=2) == 1
    assert threads_for_load(8, load_1min=6.0, n_cpus=8) == 8


def test_key_depends_on_model_and_tokens(tmp_path: Path) -> None:
    model_a = tmp_path / "a.gguf"
    model_b = tmp_path / "b.gguf"
    model_a.write_bytes(b"a")
    model_b.write_bytes(b"bb")
    a = PrefixStateCache(tmp_path / "s", str(model_a))
    b = PrefixStateCache(tmp_path / "s", str(model_b))
    assert a.path_for([1, 2, 3]) == a.path_for([1, 2, 3])
    assert a.path_for([1, 2, 3]) != a.path_for([1, 2, 4])
    assert a.path_for([1, 2, 3]) != b.path_for([1, 2, 3])
    assert a.path_for([1]).parent == tmp_path / "s"


def _messages(question: str) -> list[BaseMessage]:
    rules = " ".join(f"Rule {i}: answer only from the evidence, cite labels." for i in range(12))
    return [
        SystemMessage(content=f"You answer questions about news. {rules}"),
        HumanMessage(content="Question: When will the bridge reopen? Evidence: S1 says 4 June."),
        AIMessage(content='{"text": "On 4 June.", "cite": ["S1"]}'),
        HumanMessage(content=question),
    ]


def _fresh_process() -> None:
    """Drop the loaded model, as a new process would start without it."""
    local._close_models()


def _reply(chat: LlamaCppChat, question: str) -> str:
    return str(chat.invoke(_messages(question)).content)


@pytest.mark.e2e
def test_prefix_read_from_disk_gives_the_same_reply(tmp_path: Path) -> None:
    path = str(smollm_path())
    q1 = "Question: Who pays for the repairs? Evidence: S1 says the city pays."
    q2 = "Question: Where is the bridge? Evidence: S1 says it crosses the Orrin river."
    _fresh_process()
    plain = LlamaCppChat(model_path=path, n_ctx=1024, max_tokens=24, state_dir=None)
    expected = [_reply(plain, q1), _reply(plain, q2)]

    state_dir = tmp_path / "llm-state"
    _fresh_process()
    first = LlamaCppChat(model_path=path, n_ctx=1024, max_tokens=24, state_dir=str(state_dir))
    assert _reply(first, q1) == expected[0]  # evaluates the prefix and saves it
    saved = list(state_dir.glob("*.kv"))
    assert len(saved) == 1
    cache = local._CACHE[str(Path(path).resolve())].prefix_caches[str(state_dir)]
    assert (cache.hits, cache.misses) == (0, 1)

    _fresh_process()
    second = LlamaCppChat(model_path=path, n_ctx=1024, max_tokens=24, state_dir=str(state_dir))
    assert _reply(second, q2) == expected[1]  # reads the prefix from disk
    assert _reply(second, q1) == expected[0]  # the prefix is still in the context
    cache = local._CACHE[str(Path(path).resolve())].prefix_caches[str(state_dir)]
    assert (cache.hits, cache.misses) == (1, 0)
    _fresh_process()


@pytest.mark.e2e
def test_corrupt_state_file_is_recomputed(tmp_path: Path) -> None:
    path = str(smollm_path())
    q = "Question: Who pays for the repairs? Evidence: S1 says the city pays."
    state_dir = tmp_path / "llm-state"
    _fresh_process()
    chat = LlamaCppChat(model_path=path, n_ctx=1024, max_tokens=24, state_dir=str(state_dir))
    expected = _reply(chat, q)
    (saved,) = state_dir.glob("*.kv")
    saved.write_bytes(b"not a llama state")
    _fresh_process()
    chat = LlamaCppChat(model_path=path, n_ctx=1024, max_tokens=24, state_dir=str(state_dir))
    assert _reply(chat, q) == expected
    assert saved.stat().st_size > 1000  # rewritten with a real state
    _fresh_process()


@pytest.mark.e2e
def test_fixed_prefix_stops_before_the_last_message() -> None:
    path = str(smollm_path())
    _fresh_process()
    chat = LlamaCppChat(model_path=path, n_ctx=1024)
    llama = chat._loaded().llama
    msgs = local.to_llama_messages(_messages("Question: Who pays?"))
    other = local.to_llama_messages(_messages("Question: Where is it?"))
    prefix = fixed_prefix(llama, msgs)
    assert prefix == fixed_prefix(llama, other)
    text = llama.detokenize(prefix).decode("utf-8")
    assert "Rule 11" in text and "On 4 June" in text and "Who pays" not in text
    _fresh_process()


@pytest.mark.e2e
def test_thread_count_does_not_change_the_reply(monkeypatch: pytest.MonkeyPatch) -> None:
    path = str(smollm_path())
    q = "Question: Who pays for the repairs? Evidence: S1 says the city pays."
    _fresh_process()
    chat = LlamaCppChat(model_path=path, n_ctx=1024, max_tokens=24, n_threads=2)
    monkeypatch.setattr(local.os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    two = _reply(chat, q)
    assert local._CACHE[str(Path(path).resolve())].threads == 2
    _fresh_process()
    chat = LlamaCppChat(model_path=path, n_ctx=1024, max_tokens=24, n_threads=2)
    monkeypatch.setattr(local.os, "getloadavg", lambda: (40.0, 40.0, 40.0))
    one = _reply(chat, q)
    assert local._CACHE[str(Path(path).resolve())].threads == 1
    assert one == two
    _fresh_process()


@pytest.mark.e2e
def test_prefill_leaves_only_the_new_text_to_evaluate() -> None:
    # `prefill` evaluates the prompt up to where the last message will go on (the chat
    # session does it while the user types); the call then evaluates only the rest and
    # replies as a process that evaluated the prompt at once.
    path = str(smollm_path())
    head = "Question: Who pays for the repairs of the bridge? Evidence: S1 says"
    whole = head + " the city pays."
    _fresh_process()
    expected = _reply(LlamaCppChat(model_path=path, n_ctx=1024, max_tokens=24), whole)
    _fresh_process()
    chat = LlamaCppChat(model_path=path, n_ctx=1024, max_tokens=24)
    n = chat.prefill(_messages(head))
    llama = chat._loaded().llama
    full = local.prompt_tokens(llama, local.to_llama_messages(_messages(whole)))
    fixed = fixed_prefix(llama, local.to_llama_messages(_messages(whole)))
    assert len(fixed) < n < len(full)
    assert [int(t) for t in llama.input_ids[:n]] == full[:n]
    assert llama.detokenize(full[n:]).decode("utf-8").startswith(" the city pays.")
    assert _reply(chat, whole) == expected
    _fresh_process()
