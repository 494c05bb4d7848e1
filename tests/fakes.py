"""Deterministic fakes shared by the test suite (no model, no network)."""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.messages.ai import UsageMetadata
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import PrivateAttr


class FakeChatModel(BaseChatModel):
    """Returns queued replies in order and records what it was sent.

    A queued item may be a string (the reply text) or an exception instance (raised).
    `calls` holds (messages, kwargs) per call; kwargs include bound ones like response_format.
    Usage: input tokens = words in the prompt, output tokens = words in the reply.
    """

    model_name: str = "fake-chat"
    _replies: deque[str | BaseException] = PrivateAttr(default_factory=deque)
    _calls: list[tuple[list[BaseMessage], dict[str, Any]]] = PrivateAttr(default_factory=list)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    def __init__(self, replies: Iterable[str | BaseException] = (), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._replies.extend(replies)

    @property
    def _llm_type(self) -> str:
        return "fake-chat"

    @property
    def calls(self) -> list[tuple[list[BaseMessage], dict[str, Any]]]:
        return self._calls

    def queue(self, *replies: str | BaseException) -> None:
        self._replies.extend(replies)

    def _next(self, messages: list[BaseMessage], kwargs: dict[str, Any]) -> str:
        with self._lock:
            self._calls.append((list(messages), dict(kwargs)))
            if not self._replies:
                raise AssertionError("FakeChatModel: no reply queued")
            item = self._replies.popleft()
        if isinstance(item, BaseException):
            raise item
        return item

    @staticmethod
    def _usage(messages: list[BaseMessage], text: str) -> UsageMetadata:
        n_in = sum(len(str(m.content).split()) for m in messages)
        n_out = len(text.split())
        return UsageMetadata(input_tokens=n_in, output_tokens=n_out, total_tokens=n_in + n_out)

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        text = self._next(messages, kwargs)
        msg = AIMessage(content=text, usage_metadata=self._usage(messages, text))
        return ChatResult(generations=[ChatGeneration(message=msg)])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        text = self._next(messages, kwargs)
        for piece in text.split(" "):
            yield ChatGenerationChunk(message=AIMessageChunk(content=piece + " "))
        yield ChatGenerationChunk(
            message=AIMessageChunk(content="", usage_metadata=self._usage(messages, text))
        )


class FakeEmbedder:
    """Seeded, 384-d, L2-normalised vectors: identical texts give identical vectors.

    Texts sharing words get correlated vectors (sum of per-word vectors), so similarity
    search behaves plausibly in unit tests.
    """

    dim = 384

    def __init__(self, seed: int = 0) -> None:
        self.seed = seed

    def _word(self, word: str) -> np.ndarray:
        digest = hashlib.sha256(f"{self.seed}:{word}".encode()).digest()
        rng = np.random.default_rng(int.from_bytes(digest[:8], "little"))
        return rng.standard_normal(self.dim)

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            words = text.lower().split() or [""]
            v = np.sum([self._word(w) for w in words], axis=0)
            out[i] = v / (np.linalg.norm(v) or 1.0)
        return out

    def __call__(self, texts: list[str]) -> np.ndarray:
        return self.embed(texts)


_DOC = re.compile(r"<<doc id=(S\d+)>>\n(?:\([^)]*\) )?(.*?)\n<</doc>>", re.DOTALL)


class ScriptedChat(FakeChatModel):
    """Answers by the requested schema: a draft citing its first evidence sentence verbatim,
    a "supported" judgement, or (free text) the first line of the context."""

    def _next(self, messages: list[BaseMessage], kwargs: dict[str, Any]) -> str:
        self._calls.append((list(messages), dict(kwargs)))
        prompt = "\n".join(str(m.content) for m in messages)
        props = (kwargs.get("response_format") or {}).get("schema", {}).get("properties", {})
        if "answerable" in props:
            docs = _DOC.findall(str(messages[-1].content)) or _DOC.findall(prompt)
            if not docs:
                return json.dumps({"answerable": False, "sentences": []})
            label, text = docs[0]
            return json.dumps({"answerable": True, "sentences": [{"text": text, "cite": [label]}]})
        if "label" in props:
            return json.dumps({"label": "supported"})
        if "context:" in prompt:
            ctx = prompt.split("context:", 1)[1].strip().splitlines()
            return ctx[0] if ctx else "I don't know."
        return json.dumps({"text": "x", "cite": []})


class SeededEmbedder:
    """FakeEmbedder(0) with the `batch_size` keyword the ingest stage passes."""

    def __init__(self) -> None:
        self.inner = FakeEmbedder(0)

    def embed(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        return self.inner.embed(list(texts))
