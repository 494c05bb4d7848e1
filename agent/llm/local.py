"""In-process llama.cpp chat model for LangChain.

One `llama_cpp.Llama` per model path per process (module cache); calls on it are serialised
by a lock because a Llama context is not thread-safe. The Llama object is never reset between
calls, so llama.cpp reuses the KV cache for the prompt prefix shared with the previous call:
put shared context first and the variable part last.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import logging
import os
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import (
    AIMessage,
    AIMessageChunk,
    BaseMessage,
    ChatMessage,
    HumanMessage,
    SystemMessage,
    ToolMessage,
)
from langchain_core.messages.ai import UsageMetadata
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult

from agent.llm.logprobs import LogprobRecorder
from agent.llm.prefix_state import (
    MIN_PREFIX_TOKENS,
    PrefixStateCache,
    continued_prefix,
    fixed_prefix,
    prompt_tokens,
    shared_prefix_len,
)

log = logging.getLogger(__name__)


@dataclass
class _Loaded:
    llama: Any
    n_ctx: int
    lock: threading.Lock = field(default_factory=threading.Lock)
    prefix_caches: dict[str, PrefixStateCache] = field(default_factory=dict)
    threads: int = 0  # the thread count last set on the context


def threads_for_load(n_threads: int, load_1min: float, n_cpus: int) -> int:
    """Threads to run on now: `n_threads`, or 1 when the machine is oversubscribed.

    ggml's worker threads meet at a barrier after every operation; when other processes
    hold the cores, a thread waits for its descheduled partner on every op. Measured on 2
    cores at load 16-17 (benchmarks/results/latency-2026-11-30.md): 1 thread processed the
    prompt 3x and decoded 6-9x faster than 2. `load_1min` above `n_cpus + 1` (this process
    itself adds up to `n_threads`) counts as oversubscribed."""
    if n_threads > 1 and load_1min > n_cpus + 1:
        return 1
    return n_threads


_CACHE: dict[str, _Loaded] = {}
_CACHE_LOCK = threading.Lock()


@atexit.register
def _close_models() -> None:
    """Free models before interpreter teardown: llama-cpp-python's __del__ fails noisily
    ("NoneType is not callable") when it runs after its module globals are gone."""
    with _CACHE_LOCK:
        for loaded in _CACHE.values():
            # A chat prefill may still be evaluating in a daemon thread: wait for it.
            if not loaded.lock.acquire(timeout=30):
                continue
            try:
                with contextlib.suppress(Exception):
                    loaded.llama.close()
            finally:
                loaded.lock.release()
        _CACHE.clear()


@functools.cache
def _cpu_advertises_amx() -> bool:
    try:
        flags = Path("/proc/cpuinfo").read_text(encoding="ascii", errors="ignore")
    except OSError:
        return False
    return "amx_tile" in flags


def _load(path: str, n_ctx: int, n_threads: int) -> _Loaded:
    """Load (or reuse) the Llama for `path`. A larger n_ctx than cached forces a reload."""
    key = str(Path(path).resolve())
    with _CACHE_LOCK:
        cached = _CACHE.get(key)
        if cached is not None and cached.n_ctx >= n_ctx:
            return cached
        import llama_cpp.llama_cpp as lc

        from agent.llm.lookup import LookupLlama

        # A native build on AMX CPUs routes matmuls through ggml's AMX "extra buffer type",
        # which segfaults (ldtilecfg) in some VMs; plain CPU buffers are safe and fast.
        orig_defaults = lc.llama_model_default_params
        if _cpu_advertises_amx():

            def _defaults() -> Any:
                params = orig_defaults()
                params.use_extra_bufts = False
                return params

            lc.llama_model_default_params = _defaults
        try:
            llama = LookupLlama(model_path=key, n_ctx=n_ctx, n_threads=n_threads, verbose=False)
        finally:
            lc.llama_model_default_params = orig_defaults
        # verbose=False still prints ERROR-level llama.cpp logs to stderr; failures surface
        # as exceptions, so keep the user's terminal clean.
        logging.getLogger("llama-cpp-python").setLevel(logging.CRITICAL)
        loaded = _Loaded(llama=llama, n_ctx=n_ctx)
        _CACHE[key] = loaded
        return loaded


def _content_text(message: BaseMessage) -> str:
    if isinstance(message.content, str):
        return message.content
    parts: list[str] = []
    for part in message.content:
        if isinstance(part, str):
            parts.append(part)
        elif isinstance(part, dict) and part.get("type") == "text":
            parts.append(str(part.get("text", "")))
    return "".join(parts)


def to_llama_messages(messages: Sequence[BaseMessage]) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for m in messages:
        if isinstance(m, SystemMessage):
            role = "system"
        elif isinstance(m, HumanMessage):
            role = "user"
        elif isinstance(m, AIMessage):
            role = "assistant"
        elif isinstance(m, ChatMessage):
            role = m.role
        elif isinstance(m, ToolMessage):
            role = "tool"
        else:
            raise ValueError(f"unsupported message type {type(m).__name__}")
        out.append({"role": role, "content": _content_text(m)})
    return out


class LlamaCppChat(BaseChatModel):
    """LangChain chat model over an in-process llama.cpp model.

    Call kwargs (via `.bind()` or invoke): `response_format` ({"type": "json_object",
    "schema": {...}} for grammar-constrained JSON), `max_tokens`, `temperature`, `seed`,
    `logprobs=True` + `top_logprobs=k` (+ `logprobs_steps`, default 8) to get the raw
    distributions of the first generated tokens in `response_metadata["logprobs"]`.
    `reply_prefix`: the reply's opening text, evaluated with the prompt rather than decoded
    token by token; the reply's content starts with it (no `response_format` then: the
    JSON grammar applies to a whole reply). See `accepts_reply_prefix`.

    `state_dir`: where the KV state after each prompt's fixed prefix is kept across
    processes (agent/llm/prefix_state.py); None evaluates every prefix in every process.
    `adaptive_threads`: drop to one thread while the machine is oversubscribed
    (`threads_for_load`).
    `lookup_tokens`: longest guess of prompt-lookup decoding (agent/llm/lookup.py); 0 decodes
    one token per forward pass.
    """

    model_path: str
    n_ctx: int = 4096
    n_threads: int = 2
    temperature: float = 0.0
    max_tokens: int = 384
    seed: int = 0
    state_dir: str | None = None
    adaptive_threads: bool = True
    lookup_tokens: int = 0
    # LLM.accepts_reply_prefix reads this: callers may pass `reply_prefix`.
    accepts_reply_prefix: ClassVar[bool] = True

    @property
    def _llm_type(self) -> str:
        return "llama-cpp-inprocess"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model_path": self.model_path, "n_ctx": self.n_ctx, "temperature": self.temperature}

    @property
    def model_name(self) -> str:
        return Path(self.model_path).stem

    def _loaded(self) -> _Loaded:
        return _load(self.model_path, self.n_ctx, self.n_threads)

    def _prepare(
        self, loaded: _Loaded, messages: list[dict[str, str]], *, draft: bool = True
    ) -> None:
        """Before a call (lock held): the thread count for the machine's load now, the
        prompt's fixed prefix in the context (from disk when saved by an earlier process),
        and this call's draft (the Llama is shared by every LlamaCppChat of the process).
        `draft=False` for calls that record logprobs: a logits processor is told the
        context's length, which counts a pending guess's tokens."""
        from agent.llm.lookup import NgramDraft

        loaded.llama.draft_model = (
            NgramDraft(num_pred_tokens=self.lookup_tokens)
            if draft and self.lookup_tokens > 0
            else None
        )
        threads = self.n_threads
        if self.adaptive_threads:
            threads = threads_for_load(self.n_threads, os.getloadavg()[0], os.cpu_count() or 1)
        if threads != loaded.threads:
            import llama_cpp

            llama_cpp.llama_set_n_threads(loaded.llama._ctx.ctx, threads, threads)
            loaded.threads = threads
        if self.state_dir is None or not messages:
            return
        llama = loaded.llama
        prefix = fixed_prefix(llama, messages)
        if len(prefix) < MIN_PREFIX_TOKENS:
            return
        have = [int(t) for t in llama.input_ids[: llama.n_tokens]]
        if shared_prefix_len(have, prefix) == len(prefix):
            return  # already in the context (an earlier call of this process)
        cache = loaded.prefix_caches.get(self.state_dir)
        if cache is None:
            cache = PrefixStateCache(Path(self.state_dir), self.model_path)
            loaded.prefix_caches[self.state_dir] = cache
        cache.prime(llama, prefix)

    def prefill(self, messages: Sequence[BaseMessage]) -> int:
        """Evaluate now the known start of a coming prompt: the tokens of `messages`'s prompt
        that stay the same whatever text is appended to the last message's content. A later
        call whose prompt starts with them evaluates only the rest, because the context is
        kept between calls. For work done while a chat user reads and types. Returns the
        number of tokens in the context afterwards."""
        loaded = self._loaded()
        llama_messages = to_llama_messages(messages)
        with loaded.lock:
            self._prepare(loaded, llama_messages)
            llama = loaded.llama
            known = continued_prefix(llama, llama_messages)
            have = [int(t) for t in llama.input_ids[: llama.n_tokens]]
            llama.n_tokens = shared_prefix_len(have, known)
            llama.eval(known[llama.n_tokens :])
            return int(llama.n_tokens)

    def count_tokens(self, text: str) -> int:
        """Token count with the model's own tokenizer (tiktoken is unusable offline)."""
        loaded = self._loaded()
        with loaded.lock:
            return len(loaded.llama.tokenize(text.encode("utf-8"), add_bos=False, special=True))

    def _params(
        self, stop: list[str] | None, kwargs: dict[str, Any]
    ) -> tuple[dict[str, Any], LogprobRecorder | None]:
        params: dict[str, Any] = {
            "temperature": kwargs.get("temperature", self.temperature),
            "max_tokens": kwargs.get("max_tokens", self.max_tokens),
            "seed": kwargs.get("seed", self.seed),
            "stop": stop or [],
        }
        if kwargs.get("response_format") is not None:
            params["response_format"] = kwargs["response_format"]
        recorder = None
        if kwargs.get("logprobs"):
            recorder = LogprobRecorder(
                n_steps=int(kwargs.get("logprobs_steps", 8)),
                top_k=int(kwargs.get("top_logprobs") or 5),
            )
            params["logits_processor"] = [recorder]
        return params, recorder

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        params, recorder = self._params(stop, kwargs)
        reply_prefix = str(kwargs.get("reply_prefix") or "")
        if reply_prefix and "response_format" in params:
            raise ValueError("reply_prefix cannot be combined with response_format")
        loaded = self._loaded()
        llama_messages = to_llama_messages(messages)
        with loaded.lock:
            self._prepare(loaded, llama_messages, draft=recorder is None)
            llama = loaded.llama
            if reply_prefix:
                # The reply's first words go in as prompt: one batched evaluation instead
                # of one forward pass per token (the tokens a JSON grammar would force).
                tokens = prompt_tokens(llama, llama_messages) + llama.tokenize(
                    reply_prefix.encode("utf-8"), add_bos=False, special=False
                )
                resp = llama.create_completion(prompt=tokens, **params)
                choice = resp["choices"][0]
                text = reply_prefix + (choice.get("text") or "")
            else:
                resp = llama.create_chat_completion(
                    messages=llama_messages, stream=False, **params
                )
                choice = resp["choices"][0]
                text = choice["message"].get("content") or ""
            logprobs = (
                recorder.content(llama, last_is_argmax=bool(reply_prefix))
                if recorder is not None
                else None
            )
        usage = resp.get("usage") or {}
        usage_md = UsageMetadata(
            input_tokens=int(usage.get("prompt_tokens", 0)),
            output_tokens=int(usage.get("completion_tokens", 0)),
            total_tokens=int(usage.get("total_tokens", 0)),
        )
        meta: dict[str, Any] = {
            "finish_reason": choice.get("finish_reason"),
            "model_name": self.model_name,
        }
        if logprobs is not None:
            meta["logprobs"] = {"content": logprobs}
        message = AIMessage(content=text, usage_metadata=usage_md, response_metadata=meta)
        return ChatResult(
            generations=[ChatGeneration(message=message, generation_info=dict(meta))],
            llm_output={"token_usage": dict(usage), "model_name": self.model_name},
        )

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        params, _ = self._params(stop, {k: v for k, v in kwargs.items() if k != "logprobs"})
        loaded = self._loaded()
        llama_messages = to_llama_messages(messages)
        with loaded.lock:
            self._prepare(loaded, llama_messages)
            llama = loaded.llama
            n_prompt = 0
            n_out = 0
            finish = None
            stream = llama.create_chat_completion(messages=llama_messages, stream=True, **params)
            for chunk in stream:
                choice = chunk["choices"][0]
                delta = choice.get("delta") or {}
                piece = delta.get("content") or ""
                finish = choice.get("finish_reason") or finish
                if piece:
                    n_out += 1
                    if run_manager is not None:
                        run_manager.on_llm_new_token(piece)
                    yield ChatGenerationChunk(message=AIMessageChunk(content=piece))
            # The stream carries no usage; the context holds prompt + generated tokens.
            n_total = int(llama.n_tokens)
            n_prompt = max(0, n_total - n_out)
        usage_md = UsageMetadata(
            input_tokens=n_prompt, output_tokens=n_out, total_tokens=n_prompt + n_out
        )
        yield ChatGenerationChunk(
            message=AIMessageChunk(
                content="",
                usage_metadata=usage_md,
                response_metadata={"finish_reason": finish, "model_name": self.model_name},
            )
        )
