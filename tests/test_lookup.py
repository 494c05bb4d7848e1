"""Faster greedy decoding (agent/llm/lookup.py): the n-gram draft, and the same replies.

The e2e tests run the real llama.cpp runtime with the small smollm2-135m model: prompt-lookup
decoding and the grammar-last sampler must give exactly the reply of llama-cpp-python's own
one-token-at-a-time decoding with its stock sampler chain.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from llama_cpp import Llama

from agent.llm import local, lookup
from agent.llm.assets import smollm_path
from agent.llm.local import LlamaCppChat
from agent.llm.lookup import NgramDraft


def _ids(*xs: int) -> np.ndarray:
    return np.array(xs, dtype=np.intc)


def test_draft_continues_the_most_recent_match() -> None:
    draft = NgramDraft(num_pred_tokens=3, max_ngram=2, min_ngram=2)
    #            [7 8] 1 2 3 ... [7 8] 4 5 6 9 ... [7 8]
    ids = _ids(7, 8, 1, 2, 3, 0, 7, 8, 4, 5, 6, 9, 0, 7, 8)
    assert draft(ids).tolist() == [4, 5, 6]


def test_draft_prefers_the_longer_ngram() -> None:
    draft = NgramDraft(num_pred_tokens=2, max_ngram=3, min_ngram=2)
    # "5 7 8" occurs once (followed by 1 2); "7 8" alone last occurs before 3 4.
    ids = _ids(5, 7, 8, 1, 2, 0, 6, 7, 8, 3, 4, 0, 5, 7, 8)
    assert draft(ids).tolist() == [1, 2]


def test_draft_is_empty_without_a_match_and_capped_at_the_context_end() -> None:
    draft = NgramDraft(num_pred_tokens=5, max_ngram=2, min_ngram=2)
    assert draft(_ids(1, 2, 3, 4)).size == 0
    assert draft(_ids(9)).size == 0
    # The only earlier "1 2" is followed by "1 2" (overlapping the tail): capped there.
    assert draft(_ids(1, 2, 1, 2)).tolist() == [1, 2]


def test_draft_rejects_bad_ngram_bounds() -> None:
    with pytest.raises(ValueError, match="min_ngram"):
        NgramDraft(max_ngram=1, min_ngram=2)


_SCHEMA = {
    "type": "object",
    "properties": {
        "answerable": {"type": "boolean"},
        "sentences": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "text": {"type": "string"},
                    "cite": {"type": "array", "items": {"enum": ["S1", "S2"]}},
                },
                "required": ["text", "cite"],
            },
        },
    },
    "required": ["answerable", "sentences"],
}


def _messages() -> list[BaseMessage]:
    return [
        SystemMessage(content="Answer from the evidence only, as JSON with cited labels."),
        HumanMessage(
            content="Question: When will the bridge reopen?\nEvidence:\n"
            "S1: The mayor said the bridge over the Orrin river will reopen on 4 June after "
            "the repairs to its northern arch are finished.\n"
            "S2: The city will pay for the repairs to the bridge, the mayor said.\n"
            "Answer as JSON."
        ),
    ]


def _reply(chat: LlamaCppChat) -> str:
    fmt = {"type": "json_object", "schema": _SCHEMA}
    return str(chat.invoke(_messages(), response_format=fmt).content)


@pytest.mark.e2e
def test_lookup_and_grammar_last_give_the_stock_reply(monkeypatch: pytest.MonkeyPatch) -> None:
    path = str(smollm_path())
    local._close_models()
    with monkeypatch.context() as m:
        m.setattr(lookup.LookupLlama, "_init_sampler", Llama._init_sampler)
        stock = _reply(LlamaCppChat(model_path=path, n_ctx=1024, max_tokens=80, lookup_tokens=0))
    json.loads(stock)  # the grammar held

    used: list[lookup.GrammarLastGreedy] = []
    rejected: list[int] = []
    orig_init = lookup.GrammarLastGreedy.__init__
    orig_allowed = lookup.GrammarLastGreedy._allowed

    def init(self: lookup.GrammarLastGreedy, *a: object) -> None:
        orig_init(self, *a)
        used.append(self)

    def allowed(self: lookup.GrammarLastGreedy, token: int, logit: float) -> bool:
        ok = orig_allowed(self, token, logit)
        if not ok:
            rejected.append(token)
        return ok

    monkeypatch.setattr(lookup.GrammarLastGreedy, "__init__", init)
    monkeypatch.setattr(lookup.GrammarLastGreedy, "_allowed", allowed)
    for tokens in (0, 3, 10):
        local._close_models()
        chat = LlamaCppChat(model_path=path, n_ctx=1024, max_tokens=80, lookup_tokens=tokens)
        assert _reply(chat) == stock, f"lookup_tokens={tokens}"
    assert len(used) == 3  # the grammar-last sampler ran every time
    assert rejected  # and the full-vocabulary fallback was exercised
    local._close_models()


@pytest.mark.e2e
def test_logprobs_are_the_same_with_lookup_on() -> None:
    """Label probabilities read the raw logits of the first steps by position: a pending
    guess must not shift them (lookup is off for calls that record logprobs)."""
    path = str(smollm_path())
    fmt = {"type": "json_object", "schema": _SCHEMA}
    got = []
    for tokens in (0, 10):
        local._close_models()
        chat = LlamaCppChat(model_path=path, n_ctx=1024, max_tokens=40, lookup_tokens=tokens)
        # A worked example in the context: its JSON keys are what a guess would copy.
        shot = AIMessage(content='{"answerable": true, "sentences": [{"text": "On 4 June.", '
                         '"cite": ["S1"]}]}')
        msgs = [*_messages()[:-1], HumanMessage(content="Question: When?"), shot,
                _messages()[-1]]
        msg = chat.invoke(msgs, response_format=fmt, logprobs=True, top_logprobs=3)
        got.append((msg.content, msg.response_metadata["logprobs"]))
    assert got[0] == got[1]
    assert len(got[0][1]["content"]) == 8  # the first logprobs_steps steps were recorded
    local._close_models()
