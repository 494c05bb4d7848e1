"""Label probabilities from one constrained classification call.

A classifier prompt asks for `{"<field>": "<label>"}`. The reply's first generated tokens carry
the model's distribution over the labels at the step where the label starts: read off the
token log-probabilities (`logprobs` + `top_logprobs`, which the OpenAI API and the embedded
llama.cpp model both return, the latter from its raw pre-grammar logits), the labels' first
tokens are compared there and renormalised over the labels. This is the standard way to turn
a generative model into a scored classifier (e.g. Jiang et al. 2021, "How Can We Know When
Language Models Know?"; the "verbalizer" of prompt-based classification).

When a backend returns no log-probabilities (a server that ignores the parameter, a test fake),
the chosen label gets probability 1.

On a backend that takes a reply prefix (the in-process model), the reply's fixed opening
`{"<field>": "` is given with the prompt and one step is generated: the grammar would force
those tokens anyway, and decoding them one forward pass each cost ~0.45 s of a ~1.2 s
stance call on 2 cores (session 9, `benchmarks/results/latency-2026-11-30.md`). The
distribution read is the same one, at the same position after the same tokens.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from langchain_core.messages import BaseMessage
from pydantic import BaseModel

from agent.llm.facade import LLM
from agent.llm.replies import json_string_opening, parse_json_reply

TOP_LOGPROBS = 10


def label_probabilities(
    llm: LLM, messages: list[BaseMessage], schema: type[BaseModel], field: str,
    labels: Sequence[str],
) -> dict[str, float]:
    """{label: probability} summing to 1 for one classification call.

    `schema` is a pydantic model whose `field` is a Literal over `labels`. Raises ModelError
    (via the LLM) on backend failure and ValueError when the reply is not the schema."""
    if llm.accepts_reply_prefix:
        opening = json_string_opening(field)
        reply = llm.invoke_raw(messages, reply_prefix=opening, max_tokens=1, logprobs=True,
                               top_logprobs=TOP_LOGPROBS, logprobs_steps=1)
        steps = (reply.response_metadata.get("logprobs") or {}).get("content") or []
        probs = _at_step(steps[0], labels) if steps else None
        if probs is not None:
            return probs
        # No label among the step's likeliest tokens: let the grammar pick one.
    fmt = llm.response_format(schema)
    reply = llm.invoke_raw(messages, response_format=fmt, logprobs=True,
                           top_logprobs=TOP_LOGPROBS)
    chosen = str(getattr(parse_json_reply(str(reply.content), schema), field))
    steps = (reply.response_metadata.get("logprobs") or {}).get("content") or []
    probs = _from_steps(steps, chosen, labels)
    return probs or {lab: float(lab == chosen) for lab in labels}


def _from_steps(steps: list[dict[str, Any]], chosen: str,
                labels: Sequence[str]) -> dict[str, float] | None:
    """The label distribution at the first step whose token starts the chosen label."""
    for step in steps:
        token = str(step.get("token", "")).strip().strip('"')
        if not token or not chosen.startswith(token):
            continue
        probs = _at_step(step, labels)
        if probs is not None and probs.get(chosen, 0.0) > 0.0:
            return probs
    return None


def _at_step(step: dict[str, Any], labels: Sequence[str]) -> dict[str, float] | None:
    """{label: probability} renormalised over the labels whose first token is among the
    step's top log-probabilities (a label's best-scoring prefix token counts); None when
    no label is there."""
    scores: dict[str, float] = {}
    for alt in step.get("top_logprobs") or []:
        t = str(alt.get("token", "")).strip().strip('"')
        if not t:
            continue
        for lab in labels:
            if lab.startswith(t) and float(alt["logprob"]) > scores.get(lab, -math.inf):
                scores[lab] = float(alt["logprob"])
    if not scores:
        return None
    z = max(scores.values())
    raw = {lab: math.exp(scores[lab] - z) if lab in scores else 0.0 for lab in labels}
    total = sum(raw.values())
    return {lab: v / total for lab, v in raw.items()}
