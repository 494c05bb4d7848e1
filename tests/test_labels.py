"""Label probabilities from token log-probabilities (agent/llm/labels.py), and how the
verifier combines them with code signals (agent/checks.combine)."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from langchain_core.messages import HumanMessage

from agent.llm.factory import make_llm
from agent.llm.labels import _from_steps, label_probabilities
from agent.settings import load_settings
from agent.verification.checks import Signals, combine
from agent.verification.conflicts import Conflict
from agent.verification.verify import Judgement

if TYPE_CHECKING:
    from conftest import FakeChatModel

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
    assert combine({"supports": 0.2, "refutes": 0.7, "silent": 0.1}, _sig()) == "silent"
    assert combine({"supports": 0.3, "refutes": 0.3, "silent": 0.4}, _sig()) == "silent"


def test_vetoes_and_gates_override_the_model() -> None:
    sure = {"supports": 0.99, "refutes": 0.0, "silent": 0.01}
    assert combine(sure, _sig(conflicts=[Conflict("number", ("5",), ("6",))])) == "refutes"
    assert combine(sure, _sig(missing_numbers=True)) != "supports"
    # an attributed claim needs the named speaker's words
    assert combine(sure, _sig(speaker="Ana Ruiz"), claim_speaker="Bo Chen") != "supports"
    assert combine(sure, _sig(speaker="Ana Ruiz"), claim_speaker="Ana Ruiz") == "supports"
