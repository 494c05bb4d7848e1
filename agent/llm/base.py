"""The one LLM interface the pipeline uses: structured output, plain text, token streams.

Structured output per backend:
- local: llama.cpp grammar-constrained JSON, `{"type": "json_object", "schema": ...}`;
- openai: strict `json_schema`;
- openai-compatible: `settings.structured_mode`; "auto" tries json_schema and, when the
  server rejects it (llama.cpp's server answers 500), uses json_object+schema from then on.
Replies are parsed in code (code fences stripped) and validated with pydantic; one repair
turn quotes the validation error back to the model, then ModelError.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from langchain_core.prompt_values import PromptValue
from langchain_core.runnables import Runnable, RunnableConfig, RunnableLambda
from pydantic import BaseModel, ValidationError

from agent.errors import ModelError
from agent.settings import Settings

T = TypeVar("T", bound=BaseModel)
BackendName = Literal["local", "openai", "openai-compatible"]
StructuredMode = Literal["json_schema", "json_object", "auto"]
LLMInput = PromptValue | Sequence[BaseMessage] | str

_FENCE = re.compile(r"^\s*```[A-Za-z0-9_-]*\s*\n?(.*?)\n?\s*```\s*$", re.DOTALL)
_KEYLIKE = re.compile(r"\bsk-[A-Za-z0-9_*\-]{6,}")
_MAX_ERR = 300


@dataclass(frozen=True)
class UsageSnapshot:
    tokens_in: int = 0
    tokens_out: int = 0
    calls: int = 0

    def __add__(self, other: UsageSnapshot) -> UsageSnapshot:
        return UsageSnapshot(
            self.tokens_in + other.tokens_in,
            self.tokens_out + other.tokens_out,
            self.calls + other.calls,
        )

    def __sub__(self, other: UsageSnapshot) -> UsageSnapshot:
        return UsageSnapshot(
            self.tokens_in - other.tokens_in,
            self.tokens_out - other.tokens_out,
            self.calls - other.calls,
        )


class Usage:
    """Token counts: the process total, and each thread's own running count.

    A stage (one answer, one verdict, one summary) makes its model calls in one thread, and
    batch commands run several stages at once over the same LLM. So `snapshot()` / `since()`
    read the calling thread's count: a stage's share never includes the tokens of the items
    running beside it. `total()` (and `tokens_in` / `tokens_out`) is every thread's."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._total = UsageSnapshot()
        self._mine = threading.local()  # .count: this thread's UsageSnapshot

    def add(self, tokens_in: int, tokens_out: int) -> None:
        step = UsageSnapshot(tokens_in, tokens_out, 1)
        with self._lock:
            self._total += step
        self._mine.count = self.snapshot() + step  # thread-local: no lock needed

    def add_message(self, message: BaseMessage) -> None:
        md = getattr(message, "usage_metadata", None) or {}
        self.add(int(md.get("input_tokens", 0) or 0), int(md.get("output_tokens", 0) or 0))

    @property
    def tokens_in(self) -> int:
        return self._total.tokens_in

    @property
    def tokens_out(self) -> int:
        return self._total.tokens_out

    def total(self) -> UsageSnapshot:
        return self._total

    def snapshot(self) -> UsageSnapshot:
        """The calling thread's running count (subtract an earlier one for a stage's share)."""
        count: UsageSnapshot = getattr(self._mine, "count", UsageSnapshot())
        return count

    def since(self, earlier: UsageSnapshot) -> UsageSnapshot:
        return self.snapshot() - earlier


def to_messages(value: LLMInput) -> list[BaseMessage]:
    if isinstance(value, PromptValue):
        return value.to_messages()
    if isinstance(value, str):
        return [HumanMessage(content=value)]
    return list(value)


def message_text(message: BaseMessage) -> str:
    if isinstance(message.content, str):
        return message.content
    return "".join(
        p if isinstance(p, str) else str(p.get("text", ""))
        for p in message.content
        if isinstance(p, str) or p.get("type") == "text"
    )


def parse_json_reply(text: str, schema: type[T]) -> T:
    """Strip a code fence, json.loads, validate. Raises ValueError / ValidationError."""
    body = text.strip()
    fenced = _FENCE.match(body)
    if fenced:
        body = fenced.group(1).strip()
    elif not body.startswith("{") and "{" in body and "}" in body:
        # Prose around one JSON object ("Here is the answer: {...}").
        body = body[body.index("{") : body.rindex("}") + 1]
    if not body:
        raise ValueError("empty reply")
    data = json.loads(body)
    return schema.model_validate(data)


def _strict_schema(schema: type[BaseModel]) -> tuple[dict[str, Any], bool]:
    """OpenAI strict mode wants every property required and no extra keys."""
    try:
        from openai.lib._pydantic import to_strict_json_schema

        return to_strict_json_schema(schema), True
    except Exception:  # private helper: fall back to a non-strict schema if it moves
        return schema.model_json_schema(), False


def _status_code(e: BaseException) -> int | None:
    code = getattr(e, "status_code", None)
    return code if isinstance(code, int) else None


def _rejects_json_schema(e: BaseException) -> bool:
    """A server that does not support response_format json_schema (400/422/500 naming it)."""
    code = _status_code(e)
    text = str(e).lower()
    return code in (400, 422, 500, 501) and ("response_format" in text or "json_schema" in text)


class LLM:
    """A chat model plus the backend-specific know-how to get JSON and text out of it."""

    def __init__(
        self,
        backend: BackendName,
        model_name: str,
        chat: BaseChatModel,
        *,
        structured_mode: StructuredMode = "json_schema",
        base_url: str | None = None,
        secret: str | None = None,
    ) -> None:
        self.backend = backend
        self.model_name = model_name
        self.chat = chat
        self.usage = Usage()
        self.base_url = base_url
        self._secret = secret
        self._mode: StructuredMode = "json_object" if backend == "local" else structured_mode
        self._mode_lock = threading.Lock()

    @property
    def structured_mode(self) -> StructuredMode:
        return self._mode

    # --- errors -------------------------------------------------------------------------
    def _redact(self, text: str) -> str:
        if self._secret:
            text = text.replace(self._secret, "***")
        text = _KEYLIKE.sub("sk-***", text)
        first = text.strip().splitlines()[0] if text.strip() else ""
        return first[:_MAX_ERR]

    def _where(self) -> str:
        return f"{self.model_name} at {self.base_url}" if self.base_url else self.model_name

    def model_error(self, e: BaseException) -> ModelError:
        """One-line, key-free ModelError for any backend failure.

        Callers raise it `from None`: the client's exception may quote the key (a proxy that
        echoes request headers in its error body) and a chained cause would print it in any
        traceback. The message keeps the cause's type and its redacted first line."""
        import openai

        where = self._where()
        if isinstance(e, openai.APITimeoutError):
            problem = f"request to {where} timed out (after retries); raise request_timeout_s?"
        elif isinstance(e, openai.APIConnectionError):
            problem = f"cannot connect to {where} (after retries): {self._redact(str(e))}"
        elif isinstance(e, json.JSONDecodeError):  # a 200 whose body is not JSON (proxy page)
            problem = f"{where} sent a malformed response (not valid JSON): {self._redact(str(e))}"
        elif isinstance(e, openai.AuthenticationError):
            problem = f"authentication failed for {where}: check the API key"
        elif _status_code(e) is not None:
            problem = f"{where} answered HTTP {_status_code(e)}: {self._redact(str(e))}"
        else:
            problem = f"{where} failed: {type(e).__name__}: {self._redact(str(e))}"
        return ModelError(self.backend, problem)

    def _invoke(
        self, messages: list[BaseMessage], config: RunnableConfig | None, **kwargs: Any
    ) -> AIMessage:
        runnable: Runnable[Any, BaseMessage] = self.chat.bind(**kwargs) if kwargs else self.chat
        try:
            reply = runnable.invoke(messages, config)
        except ModelError:
            raise
        except Exception as e:
            if _rejects_json_schema(e) and kwargs.get("response_format", {}).get("type") == (
                "json_schema"
            ):
                raise  # handled by the caller's fallback
            raise self.model_error(e) from None
        self.usage.add_message(reply)
        if not isinstance(reply, AIMessage):
            raise ModelError(self.backend, f"unexpected reply type {type(reply).__name__}")
        return reply

    def invoke_raw(self, messages: list[BaseMessage], **kwargs: Any) -> AIMessage:
        """One call with backend kwargs (response_format, logprobs, ...); the reply message
        with its response_metadata. Raises ModelError."""
        return self._invoke(messages, None, **kwargs)

    # --- structured -----------------------------------------------------------------------
    def response_format(self, schema: type[BaseModel], mode: StructuredMode) -> dict[str, Any]:
        if mode == "json_schema":
            js, strict = _strict_schema(schema)
            return {
                "type": "json_schema",
                "json_schema": {"name": schema.__name__, "schema": js, "strict": strict},
            }
        return {"type": "json_object", "schema": schema.model_json_schema()}

    def _structured_reply(
        self, messages: list[BaseMessage], schema: type[BaseModel], config: RunnableConfig | None
    ) -> AIMessage:
        mode = self._mode
        try:
            fmt_mode: StructuredMode = "json_schema" if mode == "auto" else mode
            return self._invoke(
                messages, config, response_format=self.response_format(schema, fmt_mode)
            )
        except ModelError:
            raise
        except Exception as e:
            if mode != "auto":
                raise self.model_error(e) from None
            # The server cannot do json_schema: use json_object+schema for the rest of the run.
            with self._mode_lock:
                self._mode = "json_object"
            return self._invoke(
                messages, config, response_format=self.response_format(schema, "json_object")
            )

    def _structured_call(
        self, value: LLMInput, schema: type[T], config: RunnableConfig | None
    ) -> T:
        messages = to_messages(value)
        reply = self._structured_reply(messages, schema, config)
        raw = message_text(reply)
        try:
            return parse_json_reply(raw, schema)
        except (ValueError, ValidationError) as e:
            first_error = e
        repair = [
            *messages,
            AIMessage(content=raw),
            HumanMessage(
                content=(
                    "Your reply is not a valid JSON object for the required schema: "
                    f"{_short_error(first_error)}\nReply again with only the corrected JSON object."
                )
            ),
        ]
        raw2 = message_text(self._structured_reply(repair, schema, config))
        try:
            return parse_json_reply(raw2, schema)
        except (ValueError, ValidationError) as e:
            raise ModelError(
                self.backend,
                f"{self.model_name} returned no valid {schema.__name__} JSON after one repair "
                f"attempt: {_short_error(e)}",
            ) from e

    def structured(self, schema: type[T]) -> Runnable[LLMInput, T]:
        """Runnable: messages / PromptValue -> validated `schema` instance (or ModelError)."""

        def call(value: LLMInput, config: RunnableConfig) -> T:
            return self._structured_call(value, schema, config)

        return RunnableLambda(call, name=f"structured[{schema.__name__}]")

    # --- text -------------------------------------------------------------------------------
    def text(self, **kwargs: Any) -> Runnable[LLMInput, str]:
        """Runnable: messages / PromptValue -> reply text. kwargs are bound to the model."""

        def call(value: LLMInput, config: RunnableConfig) -> str:
            return message_text(self._invoke(to_messages(value), config, **kwargs))

        return RunnableLambda(call, name="text")

    def stream_text(self, messages: LLMInput, **kwargs: Any) -> Iterator[str]:
        """Token pieces as they arrive (chat CLI). Usage is recorded when the stream ends."""
        runnable: Runnable[Any, Any] = self.chat.bind(**kwargs) if kwargs else self.chat
        n_in = n_out = pieces = 0
        try:
            for chunk in runnable.stream(to_messages(messages)):
                md = getattr(chunk, "usage_metadata", None)
                if md:
                    n_in += int(md.get("input_tokens", 0) or 0)
                    n_out += int(md.get("output_tokens", 0) or 0)
                piece = message_text(chunk)
                if piece:
                    pieces += 1
                    yield piece
        except ModelError:
            raise
        except Exception as e:
            if pieces:  # the client's retries only cover the request, not a stream cut later
                raise StreamBrokenError(
                    self.backend,
                    f"the reply stream from {self._where()} broke off after {pieces} pieces: "
                    f"{self._redact(str(e)) or type(e).__name__}",
                ) from None
            raise self.model_error(e) from None
        finally:
            self.usage.add(n_in, n_out)


class StreamBrokenError(ModelError):
    """A streamed reply started and then stopped half-way (connection cut mid-body)."""


def _short_error(e: BaseException) -> str:
    if isinstance(e, ValidationError):
        parts = [
            f"{'.'.join(str(p) for p in err['loc']) or 'root'}: {err['msg']}"
            for err in e.errors()[:5]
        ]
        return "; ".join(parts)
    return str(e).splitlines()[0][:_MAX_ERR] if str(e) else type(e).__name__


def make_llm(
    settings: Settings,
    chat: BaseChatModel | None = None,
    *,
    models_dir: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> LLM:
    """Build the configured backend. Pass `chat` to inject a (fake) model in tests.

    ConfigError for a misconfigured API backend; ModelAssetError when the local model file
    cannot be found or assembled (`progress(done, total)` reports assembly bytes).
    """
    backend = settings.resolved_backend()
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    if backend == "local":
        name = settings.model_path.stem if settings.model_path else settings.local_model
        if chat is None:
            from agent.llm.assets import ensure_local_model
            from agent.llm.local import LlamaCppChat

            path = ensure_local_model(settings, progress=progress, models_dir=models_dir)
            chat = LlamaCppChat(
                model_path=str(path),
                n_ctx=settings.n_ctx,
                n_threads=settings.n_threads,
                temperature=settings.temperature,
                max_tokens=settings.max_tokens,
            )
        return LLM("local", name, chat)
    from agent.llm.remote import OPENAI_DEFAULT_BASE_URL, make_compatible_chat, make_openai_chat

    if backend == "openai":
        if chat is None:
            chat = make_openai_chat(settings)
        return LLM(
            "openai",
            settings.model,
            chat,
            structured_mode="json_schema",
            base_url=OPENAI_DEFAULT_BASE_URL,
            secret=key,
        )
    if chat is None:
        chat = make_compatible_chat(settings)
    return LLM(
        "openai-compatible",
        settings.model,
        chat,
        structured_mode=settings.structured_mode,
        base_url=settings.openai_base_url,
        secret=key,
    )
