"""Structured output: a reply that is a validated pydantic instance, per backend.

- local: llama.cpp grammar-constrained JSON, `{"type": "json_object", "schema": ...}`;
- openai: strict `json_schema`;
- openai-compatible: `settings.structured_mode`; "auto" tries json_schema and, when the
  server rejects it (llama.cpp's server answers 500), uses json_object+schema from then on.
Replies are parsed in code (code fences stripped) and validated with pydantic; one repair
turn quotes the validation error back to the model, then ModelError.

The json_schema request is the one LangChain's structured output builds; the call is not
`ChatOpenAI.with_structured_output` itself (langchain-openai 1.7.3), because it cannot keep
the behaviour here: with a pydantic class the openai client validates inside the request
and raises, so the bad reply (for the repair turn) and its token counts are lost, and a reply
replayed from the eval cache has no `parsed` field and fails; with a JSON schema, or
method="json_mode", its parser completes partial JSON, so a reply cut off at max_tokens
passes; json_mode sends no schema (the json_object fallback needs one); and include_raw does
not stream (streamed drafts).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Literal, Protocol

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from langchain_core.runnables import RunnableConfig
from langchain_core.utils.function_calling import convert_to_openai_function
from pydantic import BaseModel, ValidationError

from agent.errors import ModelError
from agent.llm.failures import BackendErrors, rejects_json_schema, short_error
from agent.llm.replies import LLMInput, T, message_text, parse_json_reply, to_messages

StructuredMode = Literal["json_schema", "json_object", "auto"]
FormatMode = Literal["json_schema", "json_object"]


class Invoke(Protocol):
    """One model call with bound kwargs, usage counted; failures become ModelError except
    those `keep(e)` selects, which are raised as they are."""

    def __call__(
        self,
        messages: list[BaseMessage],
        config: RunnableConfig | None,
        *,
        keep: Callable[[BaseException], bool] | None = None,
        **kwargs: Any,
    ) -> AIMessage: ...


def response_format(schema: type[BaseModel], mode: FormatMode) -> dict[str, Any]:
    """The `response_format` request field asking for `schema`.

    json_schema: `{"type": "json_schema", "json_schema": {"name", "description"?, "schema",
    "strict": true}}` (OpenAI strict structured outputs);
    json_object: `{"type": "json_object", "schema": <JSON schema>}` (llama.cpp's grammar
    constraint, also understood by llama.cpp's server)."""
    if mode == "json_schema":
        # Exactly what ChatOpenAI.with_structured_output(<JSON schema>, method="json_schema",
        # strict=True) binds (tests/test_llm.py checks): every property required, no extra
        # keys, name from the schema's title, its docstring as the description.
        function = convert_to_openai_function(schema.model_json_schema(), strict=True)
        function["schema"] = function.pop("parameters")
        return {"type": "json_schema", "json_schema": function}
    return {"type": "json_object", "schema": schema.model_json_schema()}


class StructuredOutput:
    """Schema-constrained calls and their checking, for one LLM.

    `mode` is the backend's structured mode ("auto" becomes "json_object", for every later
    call too, the first time the server rejects json_schema); `invoke` makes one model call;
    `errors` names the backend in the ModelErrors raised."""

    def __init__(self, mode: StructuredMode, invoke: Invoke, errors: BackendErrors) -> None:
        self._mode: StructuredMode = mode
        self._lock = threading.Lock()
        self._invoke = invoke
        self._errors = errors

    @property
    def mode(self) -> StructuredMode:
        """The current mode (an "auto" that fell back reads "json_object")."""
        return self._mode

    def reply(
        self, messages: list[BaseMessage], schema: type[BaseModel], config: RunnableConfig | None,
        **kwargs: Any,
    ) -> AIMessage:
        """One schema-constrained call; the reply message, unparsed. `kwargs` go to the model
        (max_tokens). Raises ModelError."""
        mode = self._mode
        if mode != "auto":
            return self._invoke(messages, config, response_format=response_format(schema, mode),
                                **kwargs)
        try:
            return self._invoke(
                messages,
                config,
                keep=rejects_json_schema,
                response_format=response_format(schema, "json_schema"),
                **kwargs,
            )
        except ModelError:
            raise
        except Exception:  # only a rejection of json_schema is kept
            # The server cannot do json_schema: use json_object+schema for the rest of the run.
            with self._lock:
                self._mode = "json_object"
            return self._invoke(
                messages, config, response_format=response_format(schema, "json_object"),
                **kwargs,
            )

    def call(
        self, value: LLMInput, schema: type[T], config: RunnableConfig | None, **kwargs: Any
    ) -> T:
        """A validated `schema` instance for `value`, with one repair turn that quotes the
        validation error back; `kwargs` go to the model (max_tokens). Raises ModelError
        (backend failure, or still invalid)."""
        messages = to_messages(value)
        raw = message_text(self.reply(messages, schema, config, **kwargs))
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
                    f"{short_error(first_error)}\nReply again with only the corrected JSON object."
                )
            ),
        ]
        raw2 = message_text(self.reply(repair, schema, config, **kwargs))
        try:
            return parse_json_reply(raw2, schema)
        except (ValueError, ValidationError) as e:
            raise ModelError(
                self._errors.backend,
                f"{self._errors.model_name} returned no valid {schema.__name__} JSON after one "
                f"repair attempt: {short_error(e)}",
            ) from e
