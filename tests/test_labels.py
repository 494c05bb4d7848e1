"""Label probabilities from token log-probabilities (agent/llm/labels.py), and how the
verifier combines them with code signals (agent/verification/stance.combine)."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
import pytest
from langchain_core.messages import HumanMessage

from agent.llm.factory import make_llm
from agent.llm.labels import _from_steps, label_probabilities
from agent.settings import load_settings
from agent.verification.conflict import Conflict
from agent.verification.signals import Signals
from agent.verification.stance import combine
from agent.verification.verify import Judgement

if TYPE_CHECKING:
    from conftest import FakeChatModel, PrefillFakeChatModel

LABELS = ("supported", "refuted", "not_enough_info")


def _step(token: str, tops: dict[str, float]) -> dict[str, object]:
    return {"token": token, "logprob": tops.get(token.strip('" '), -9.0),
            "top_logprobs": [{"token": t, "logprob": lp} for t, lp in tops.items()]}


def test_distribution_is_read_at_the_labels_first_token() -> None:
    steps = [
        _step('{"', {'{"': 0.0}),
        _step("label", {"label": 0.0}),
        _step('":', {'":': 0.0}),
        _step(' "', {' "': 0.0}),
        _step("support", {"support": math.log(0.6), "ref": math.log(0.3), "not": math.log(0.05),
                          "x": math.log(0.05)}),
    ]
    probs = _from_steps(steps, "supported", LABELS)
    assert probs is not None
    assert probs["supported"] == pytest.approx(0.6 / 0.95)
    assert probs["refuted"] == pytest.approx(0.3 / 0.95)
    assert sum(probs.values()) == pytest.approx(1.0)


def test_no_logprobs_means_the_chosen_label_is_certain(
    make_fake_model: Callable[..., FakeChatModel]
) -> None:
    settings = load_settings()
    llm = make_llm(settings, chat=make_fake_model(json.dumps({"label": "refuted"})))
    probs = label_probabilities(llm, [HumanMessage(content="x")], Judgement, "label", LABELS)
    assert probs == {"supported": 0.0, "refuted": 1.0, "not_enough_info": 0.0}


def _sig(**kw: object) -> Signals:
    base: dict[str, object] = {"coverage": 0.7, "aligned": True, "score": 0.7, "matched": 3,
                               "n_terms": 4}
    base.update(kw)
    return Signals(**base)  # type: ignore[arg-type]


def test_combine_follows_the_models_probabilities() -> None:
    assert combine({"supports": 0.8, "refutes": 0.1, "silent": 0.1}, _sig()) == "supports"
    assert combine({"supports": 0.1, "refutes": 0.85, "silent": 0.05}, _sig()) == "refutes"
    # under REFUTE_P (0.7) the model alone does not refute
    assert combine({"supports": 0.2, "refutes": 0.65, "silent": 0.15}, _sig()) == "silent"
    assert combine({"supports": 0.3, "refutes": 0.3, "silent": 0.4}, _sig()) == "silent"


def test_vetoes_and_gates_override_the_model() -> None:
    sure = {"supports": 0.99, "refutes": 0.0, "silent": 0.01}
    assert combine(sure, _sig(conflicts=[Conflict("number", ("5",), ("6",))])) == "refutes"
    assert combine(sure, _sig(missing_numbers=True)) != "supports"
    # an attributed claim needs the named speaker's words
    assert combine(sure, _sig(speaker="Ana Ruiz"), claim_speaker="Bo Chen") != "supports"
    assert combine(sure, _sig(speaker="Ana Ruiz"), claim_speaker="Ana Ruiz") == "supports"


def test_a_sentence_stating_the_claims_figures_and_words_supports_whatever_the_model_says() -> None:
    # dev hollin: "eleven hundred and forty babies" against "delivered 1,140 babies", which
    # the model read as a refutation
    doubting = {"supports": 0.15, "refutes": 0.69, "silent": 0.16}
    stated = _sig(coverage=0.8, relation_coverage=0.667, figures_stated=True)
    assert combine(doubting, stated) == "supports"
    # less of the claim's words, or of what it says of its names, leaves it to the model
    assert combine(doubting, _sig(coverage=0.7, relation_coverage=0.667,
                                  figures_stated=True)) == "silent"
    assert combine(doubting, _sig(coverage=0.8, relation_coverage=0.4,
                                  figures_stated=True)) == "silent"
    # no figure stated: the model decides
    assert combine(doubting, _sig(coverage=0.8, relation_coverage=0.667)) == "silent"
    # and every support gate still holds
    assert combine(doubting, _sig(coverage=0.8, relation_coverage=0.667, figures_stated=True,
                                  other_actor="tarrant college")) == "silent"


def test_a_prefix_taking_backend_reads_the_first_step_after_the_json_opening(
    make_prefill_model: Callable[..., PrefillFakeChatModel]
) -> None:
    chat = make_prefill_model({"support": 0.5, "ref": 0.25, "not": 0.2, "x": 0.05})
    llm = make_llm(load_settings(), chat=chat)
    probs = label_probabilities(llm, [HumanMessage(content="x")], Judgement, "label", LABELS)
    assert probs["supported"] == pytest.approx(0.5 / 0.95)
    assert probs["not_enough_info"] == pytest.approx(0.2 / 0.95)
    (_, kwargs), = chat.calls
    # the grammar's forced opening is prompt, one step is generated, no grammar
    assert kwargs["reply_prefix"] == '{"label": "'
    assert kwargs["max_tokens"] == 1
    assert "response_format" not in kwargs


def test_no_label_among_the_first_steps_tokens_falls_back_to_the_grammar(
    make_prefill_model: Callable[..., PrefillFakeChatModel]
) -> None:
    chat = make_prefill_model({"Yes": 0.9, "No": 0.1}, json.dumps({"label": "refuted"}))
    llm = make_llm(load_settings(), chat=chat)
    probs = label_probabilities(llm, [HumanMessage(content="x")], Judgement, "label", LABELS)
    assert probs == {"supported": 0.0, "refuted": 1.0, "not_enough_info": 0.0}
    assert [("reply_prefix" in kw, "response_format" in kw) for _, kw in chat.calls] == [
        (True, False), (False, True)]


@pytest.mark.e2e
def test_the_prefilled_opening_reads_the_distribution_the_grammar_would(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The real runtime (smollm2-135m): the label distribution after a prefilled
    `{"label": "` is the one read at the grammar's label step, up to the float noise of one
    batch against several single-token steps, and the decided label is the same."""
    from agent.llm import local
    from agent.llm.assets import smollm_path
    from agent.llm.facade import LLM
    from agent.llm.local import LlamaCppChat

    local._close_models()
    chat = LlamaCppChat(model_path=str(smollm_path()), n_ctx=1024, max_tokens=16)
    llm = LLM("local", "smollm2", chat)
    msgs = [HumanMessage(content='Claim: The storm killed 40 people.\nEvidence: "The storm left '
                         '12 people dead." Reply with JSON {"label": "supported" | "refuted" '
                         '| "not_enough_info"}.')]
    fast = label_probabilities(llm, msgs, Judgement, "label", LABELS)
    monkeypatch.setattr(LlamaCppChat, "accepts_reply_prefix", False)
    slow = label_probabilities(llm, msgs, Judgement, "label", LABELS)
    local._close_models()
    assert sum(fast.values()) == pytest.approx(1.0)
    assert max(fast, key=fast.__getitem__) == max(slow, key=slow.__getitem__)
    assert all(abs(fast[k] - slow[k]) < 0.05 for k in LABELS), (fast, slow)


class _Context:
    """What LogprobRecorder.content reads of a Llama: the context's tokens, as text ids."""

    def __init__(self, ids: list[int]) -> None:
        self.input_ids = ids
        self.n_tokens = len(ids)

    def detokenize(self, ids: list[int]) -> bytes:
        return f"t{ids[0]}".encode()


def test_a_step_whose_pick_never_entered_the_context() -> None:
    from agent.llm.logprobs import LogprobRecorder

    rec = LogprobRecorder(n_steps=2, top_k=2)
    rec([0, 1], np.array([0.0, 3.0, 1.0]))  # the step after a 2-token context
    ctx = _Context([0, 1])  # max_tokens=1: the sampled token was never evaluated
    assert rec.content(ctx) == []
    (step,) = rec.content(ctx, last_is_argmax=True)
    assert step["token"] == "t1"
    assert [t["token"] for t in step["top_logprobs"]] == ["t1", "t2"]
    assert sum(math.exp(t["logprob"]) for t in step["top_logprobs"]) < 1.0
