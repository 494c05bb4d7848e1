"""Log-probabilities of the first generated tokens of an in-process llama.cpp call.

llama.cpp's own logprobs need `logits_all=True` (n_ctx x n_vocab floats, ~2.5 GB for Qwen);
the raw (pre-grammar) logits of a few steps are all label probabilities need
(agent/llm/labels.py), so a logits processor records them as the model generates.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np


class LogprobRecorder:
    """Logits processor that records the full distribution of the first `n_steps` steps.

    Passed to `Llama.create_completion(logits_processor=[...])`; it returns the scores
    unchanged. `content(llama)` then gives OpenAI-shaped `logprobs.content` entries with the
    `top_k` most likely tokens of each step.
    """

    def __init__(self, n_steps: int, top_k: int) -> None:
        self.n_steps = n_steps
        self.top_k = max(1, top_k)
        self.steps: list[tuple[int, np.ndarray]] = []  # (position, log-softmax over vocab)

    def __call__(self, input_ids: Any, scores: Any) -> Any:
        if len(self.steps) < self.n_steps:
            logits = np.asarray(scores, dtype=np.float64)
            m = float(logits.max())
            lse = m + math.log(float(np.exp(logits - m).sum()))
            self.steps.append((len(input_ids), (logits - lse).astype(np.float32)))
        return scores

    def content(self, llama: Any, *, last_is_argmax: bool = False) -> list[dict[str, Any]]:
        """`[{"token", "logprob", "top_logprobs": [{"token", "logprob"}, ...]}, ...]`, one
        entry per recorded step. The chosen token is read back from the context.

        A step whose sampled token never entered the context (generation ended there: EOS,
        or `max_tokens` reached) is dropped, unless `last_is_argmax`: an unconstrained greedy
        call's pick is the step's most likely token, so it is reported as chosen."""

        def tok(i: int) -> str:
            return bytes(llama.detokenize([int(i)])).decode("utf-8", errors="replace")

        out: list[dict[str, Any]] = []
        ids = llama.input_ids
        for pos, lps in self.steps:
            if pos < llama.n_tokens:
                chosen = int(ids[pos])
            elif last_is_argmax:
                chosen = int(np.argmax(lps))
            else:
                break
            k = min(self.top_k, lps.shape[0] - 1)
            top = np.argpartition(-lps, k)[:k]
            top = top[np.argsort(-lps[top])]
            tops = [{"token": tok(t), "logprob": float(lps[t])} for t in top]
            out.append({"token": tok(chosen), "logprob": float(lps[chosen]), "top_logprobs": tops})
            if pos >= llama.n_tokens:
                break
        return out
