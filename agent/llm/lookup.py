"""Faster greedy decoding for the in-process model, with the same output.

Two changes to how llama-cpp-python decodes, both exact under greedy sampling (temperature 0,
no penalties), which is how sourcebound calls the model:

**Prompt-lookup decoding.** Answers copy from their evidence.
A cited answer repeats phrases of the sentences in its prompt. Prompt-lookup decoding
(Saxena 2023, "Prompt Lookup Decoding", the n-gram draft of llama.cpp's `lookup` example)
guesses the next tokens by finding the last few generated tokens earlier in the context and
proposing what followed them there. The model then checks the guess in one batch: on 2 cores
a batch of 11 tokens costs little more than one decoded token (decoding is bound by memory
bandwidth), and every guessed token it agrees with is a decode step saved. Greedy sampling
keeps exactly the tokens the model would have produced one by one, so the output is the same;
only the number of forward passes changes.

llama-cpp-python runs the draft loop in `Llama.generate` when `draft_model` is set, but it then
asks for logits at every position of every batch (`logits_all`), prompt included: a
4096 x 151,936 float array (2.5 GB for Qwen2.5) and the output layer computed for ~300 prompt
tokens whose logits nobody reads. `LookupLlama.eval` asks for all logits only in the short
batches that carry a guess, and the last position's otherwise, which is all sampling reads.

**Grammar last.** Structured output is constrained by a JSON grammar. llama-cpp-python applies
the grammar to all 151,936 candidates before every greedy pick: ~30 ms a token on 2 cores,
a sixth of an answer's time. `GrammarLastGreedy` takes the raw argmax first and asks the
grammar about that one token; only when the grammar rejects it are all candidates filtered
(llama.cpp's own `common_sampler_sample` does the same). The argmax of the allowed tokens
is the raw argmax whenever the raw argmax is allowed, so the pick is the same.
"""

from __future__ import annotations

import ctypes
from collections.abc import Sequence
from typing import Any

import llama_cpp
import numpy as np
import numpy.typing as npt
from llama_cpp import Llama
from llama_cpp._internals import LlamaTokenDataArray
from llama_cpp.llama_speculative import LlamaDraftModel

# Batches up to this length are decode steps (one sampled token + its guess); longer ones are
# prompt text. Must exceed 1 + the longest guess.
_DECODE_BATCH_MAX = 32


class NgramDraft(LlamaDraftModel):
    """Guesses the next tokens from the context itself.

    For n = `max_ngram` down to `min_ngram`, finds the most recent earlier occurrence of the
    context's last n token ids and returns up to `num_pred_tokens` ids that followed it (an
    int32 array, empty when nothing matches). The most recent occurrence is preferred because
    the evidence sits at the end of the prompt, after the fixed instructions and examples.
    """

    def __init__(self, num_pred_tokens: int = 10, max_ngram: int = 3, min_ngram: int = 2) -> None:
        if not 1 <= min_ngram <= max_ngram:
            raise ValueError(f"need 1 <= min_ngram <= max_ngram, got {min_ngram}, {max_ngram}")
        self.num_pred_tokens = num_pred_tokens
        self.max_ngram = max_ngram
        self.min_ngram = min_ngram

    def __call__(self, input_ids: npt.NDArray[np.intc], /, **kwargs: Any) -> npt.NDArray[np.intc]:
        ids = np.asarray(input_ids, dtype=np.intc)
        n_ids = ids.shape[0]
        for n in range(min(self.max_ngram, n_ids - 1), self.min_ngram - 1, -1):
            tail = ids[n_ids - n :]
            # Windows that end before the tail itself starts.
            windows = np.lib.stride_tricks.sliding_window_view(ids[: n_ids - 1], n)
            hits = np.nonzero(np.all(windows == tail, axis=1))[0]
            for start in hits[::-1]:
                follow = ids[start + n : min(start + n + self.num_pred_tokens, n_ids)]
                if follow.shape[0] > 0:
                    return follow.copy()
        return np.array([], dtype=np.intc)


class GrammarLastGreedy:
    """Greedy sampling under a grammar that filters all candidates only when the raw argmax
    is not allowed. Duck-types the `LlamaSampler` methods `Llama.generate` and `Llama.sample`
    call (`sample`, `accept`, `reset`, `close`). `model`: a llama-cpp-python `LlamaModel`;
    `grammar`: a `LlamaGrammar`."""

    def __init__(self, model: Any, grammar: Any, n_vocab: int) -> None:
        self.n_vocab = n_vocab
        self._grammar = llama_cpp.llama_sampler_init_grammar(
            model.vocab, grammar._grammar.encode("utf-8"), grammar._root.encode("utf-8")
        )
        if not self._grammar:
            raise ValueError("llama.cpp rejected the grammar")
        self._one = (llama_cpp.llama_token_data * 1)()
        self._one_array = llama_cpp.llama_token_data_array(
            data=ctypes.cast(self._one, llama_cpp.llama_token_data_p),
            size=1,
            selected=-1,
            sorted=False,
        )
        self._all: LlamaTokenDataArray | None = None  # built on the first rejection

    def _allowed(self, token: int, logit: float) -> bool:
        self._one[0].id = token  # type: ignore[assignment]  # ctypes converts
        self._one[0].logit = logit
        self._one[0].p = 0.0
        self._one_array.size = 1
        self._one_array.selected = -1
        llama_cpp.llama_sampler_apply(self._grammar, ctypes.byref(self._one_array))
        return bool(np.isfinite(self._one[0].logit))

    def sample(self, ctx: Any, idx: int = -1) -> int:
        """The greedy token at output `idx` of the last batch (negative: from the end) that
        the grammar allows; the grammar's state advances past it."""
        ptr = llama_cpp.llama_get_logits_ith(ctx.ctx, idx)
        logits = np.ctypeslib.as_array(ptr, shape=(self.n_vocab,))
        token = int(np.argmax(logits))
        if not self._allowed(token, float(logits[token])):
            if self._all is None:
                self._all = LlamaTokenDataArray(n_vocab=self.n_vocab)
            self._all.copy_logits(logits)
            llama_cpp.llama_sampler_apply(self._grammar, ctypes.byref(self._all.candidates))
            data = self._all.candidates_data
            token = int(data.id[int(np.argmax(data.logit[: self._all.candidates.size]))])
        llama_cpp.llama_sampler_accept(self._grammar, token)
        return token

    def accept(self, token: int) -> None:
        llama_cpp.llama_sampler_accept(self._grammar, token)

    def reset(self) -> None:
        llama_cpp.llama_sampler_reset(self._grammar)

    def close(self) -> None:
        if self._grammar:
            llama_cpp.llama_sampler_free(self._grammar)
            self._grammar = None

    def __del__(self) -> None:
        self.close()


class LookupLlama(Llama):
    """A `Llama` whose `generate` drafts with `NgramDraft` (when `draft_model` is set),
    computes logits only where sampling reads them, and samples greedy grammar-constrained
    output with `GrammarLastGreedy` (see the module docstring). Constructed like `Llama`."""

    def _init_sampler(self, *args: Any, **kwargs: Any) -> Any:
        """`GrammarLastGreedy` for greedy grammar-constrained calls without penalties or
        logits processors (label probabilities read raw logits through a processor); the
        stock sampler chain otherwise."""
        greedy_plain = (
            not args  # llama-cpp-python passes every option by name
            and kwargs.get("temp") == 0.0
            and kwargs.get("logits_processor") is None
            and kwargs.get("repeat_penalty", 1.0) == 1.0
            and kwargs.get("frequency_penalty", 0.0) == 0.0
            and kwargs.get("presence_penalty", 0.0) == 0.0
        )
        if greedy_plain and kwargs.get("grammar") is not None:
            return GrammarLastGreedy(self._model, kwargs["grammar"], self._n_vocab)
        return super()._init_sampler(*args, **kwargs)

    def eval(self, tokens: Sequence[int]) -> None:
        """Evaluate `tokens` after the current context, in batches of `n_batch`. A batch of at
        most `_DECODE_BATCH_MAX` tokens outputs logits at every position (a guess is checked
        there); a longer batch only at its last one."""
        self._ctx.kv_cache_seq_rm(-1, self.n_tokens, -1)
        for i in range(0, len(tokens), self.n_batch):
            batch = tokens[i : min(len(tokens), i + self.n_batch)]
            n_past = self.n_tokens
            self._batch.set_batch(
                batch=batch, n_past=n_past, logits_all=len(batch) <= _DECODE_BATCH_MAX
            )
            self._ctx.decode(self._batch)
            self.input_ids[n_past : n_past + len(batch)] = batch
            self.n_tokens += len(batch)
            self._requires_eval = False
