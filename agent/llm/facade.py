"""The one LLM interface the pipeline uses: structured output, plain text, token streams.

`LLM` wraps a LangChain chat model (ChatOpenAI, the in-process llama.cpp model, or a test
fake) and adds what every stage needs: validated structured replies (agent/llm/structured.py),
token accounting per thread (agent/llm/usage.py) and one-line, key-free ModelErrors
(agent/llm/failures.py). Build one with `agent.llm.factory.make_llm`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Literal

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.runnables import Runnable, RunnableConfig, RunnableLambda
from pydantic import BaseModel

from agent.errors import ModelError
from agent.llm.failures import BackendErrors
from agent.llm.replies import LLMInput, T, message_text, to_messages
from agent.llm.structured import FormatMode, StructuredMode, StructuredOutput, response_format
from agent.llm.usage import Usage

BackendName = Literal["local", "openai", "openai-compatible"]


class LLM:
    """A chat model plus the backend-specific know-how to get JSON and text out of it.

    `backend` names it in errors; `model_name` and `base_url` say where it runs (base_url None
    for the local model); `secret` is the API key, masked in every error message;
    `structured_mode` applies to API backends (the local one always uses json_object)."""

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
        self.errors = BackendErrors(backend, model_name, base_url, secret)
        self._structured = StructuredOutput(
            "json_object" if backend == "local" else structured_mode, self._invoke, self.errors
        )

    @property
    def accepts_reply_prefix(self) -> bool:
        """Whether `invoke_raw` takes `reply_prefix=...`: the reply's opening text, evaluated
        with the prompt (one batch) instead of generated token by token. True for the
        in-process model; API servers take no assistant prefill in chat completions."""
        return bool(getattr(self.chat, "accepts_reply_prefix", False))

    @property
    def structured_mode(self) -> StructuredMode:
        """json_schema, json_object, or auto (until a server rejects json_schema)."""
        return self._structured.mode

    def prefill(self, messages: LLMInput) -> bool:
        """Evaluate the known start of a coming prompt ahead of the call (see
        `LlamaCppChat.prefill`). True when the backend did; False for API backends, whose
        servers keep no context between requests this process controls. Raises ModelError."""
        prefill = getattr(self.chat, "prefill", None)
        if prefill is None:
            return False
        try:
            prefill(to_messages(messages))
        except Exception as e:
            raise self.errors.model_error(e) from None
        return True

    def model_error(self, e: BaseException) -> ModelError:
        """One-line, key-free ModelError for any backend failure; raise it `from None`."""
        return self.errors.model_error(e)

    def _invoke(
        self,
        messages: list[BaseMessage],
        config: RunnableConfig | None,
        *,
        keep: Callable[[BaseException], bool] | None = None,
        **kwargs: Any,
    ) -> AIMessage:
        runnable: Runnable[Any, BaseMessage] = self.chat.bind(**kwargs) if kwargs else self.chat
        try:
            reply = runnable.invoke(messages, config)
        except ModelError:
            raise
        except Exception as e:
            if keep is not None and keep(e):
                raise  # handled by the caller
            raise self.errors.model_error(e) from None
        self.usage.add_message(reply)
        if not isinstance(reply, AIMessage):
            raise ModelError(self.backend, f"unexpected reply type {type(reply).__name__}")
        return reply

    def invoke_raw(self, messages: list[BaseMessage], **kwargs: Any) -> AIMessage:
        """One call with backend kwargs (response_format, logprobs, ...); the reply message
        with its response_metadata. Raises ModelError."""
        return self._invoke(messages, None, **kwargs)

    # --- structured -----------------------------------------------------------------------
    def response_format(self, schema: type[BaseModel]) -> dict[str, Any]:
        """The `response_format` kwarg asking this backend for `schema` (for calls made
        outside `structured()`: streamed drafts, label probabilities, cloze fills): strict
        json_schema where the backend takes it, else json_object with the schema."""
        mode: FormatMode = (
            "json_schema" if self.structured_mode == "json_schema" else "json_object"
        )
        return response_format(schema, mode)

    def structured(self, schema: type[T], **kwargs: Any) -> Runnable[LLMInput, T]:
        """Runnable: messages / PromptValue -> validated `schema` instance (or ModelError).
        `kwargs` are bound to the model (max_tokens for a long reply)."""

        def call(value: LLMInput, config: RunnableConfig) -> T:
            return self._structured.call(value, schema, config, **kwargs)

        return RunnableLambda(call, name=f"structured[{schema.__name__}]")

    # --- text -------------------------------------------------------------------------------
    def text(self, **kwargs: Any) -> Runnable[LLMInput, str]:
        """Runnable: messages / PromptValue -> reply text. kwargs are bound to the model."""

        def call(value: LLMInput, config: RunnableConfig) -> str:
            return message_text(self._invoke(to_messages(value), config, **kwargs))

        return RunnableLambda(call, name="text")

    def stream_text(self, messages: LLMInput, **kwargs: Any) -> Iterator[str]:
        """Token pieces as they arrive (chat CLI). Usage is recorded when the stream ends.

        Raises ModelError when the request fails, StreamBrokenError when the stream stops
        after some pieces were yielded."""
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
                raise self.errors.stream_broken(pieces, e) from None
            raise self.errors.model_error(e) from None
        finally:
            self.usage.add(n_in, n_out)
