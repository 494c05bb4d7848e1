"""What goes into a chat model and what comes out: input coercion, reply text, JSON replies.

Leaf module of agent/llm: no backend, no state.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import TypeVar

from langchain_core.messages import BaseMessage, HumanMessage
from langchain_core.prompt_values import PromptValue
from pydantic import BaseModel

T = TypeVar("T", bound=BaseModel)
LLMInput = PromptValue | Sequence[BaseMessage] | str
"""What the LLM runnables take: a PromptValue (a template's output), messages, or one user
string."""

_FENCE = re.compile(r"^\s*```[A-Za-z0-9_-]*\s*\n?(.*?)\n?\s*```\s*$", re.DOTALL)


def to_messages(value: LLMInput) -> list[BaseMessage]:
    """The chat messages of `value`: a PromptValue's messages, a string as one HumanMessage,
    or a copy of a message sequence."""
    if isinstance(value, PromptValue):
        return value.to_messages()
    if isinstance(value, str):
        return [HumanMessage(content=value)]
    return list(value)


def message_text(message: BaseMessage) -> str:
    """The text of a message: its string content, or its text blocks joined (other content
    blocks, e.g. images or tool calls, are skipped)."""
    if isinstance(message.content, str):
        return message.content
    return "".join(
        p if isinstance(p, str) else str(p.get("text", ""))
        for p in message.content
        if isinstance(p, str) or p.get("type") == "text"
    )


def parse_json_reply(text: str, schema: type[T]) -> T:
    """A model's reply text as a validated `schema` instance.

    Strips one code fence (```json ... ```) or the prose around a single JSON object, then
    `json.loads` (strict: a reply cut off mid-object is an error, never completed) and
    pydantic validation. Raises ValueError (empty reply; json.JSONDecodeError is one) or
    pydantic.ValidationError (valid JSON, wrong shape)."""
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


def json_string_opening(field: str) -> str:
    """The fixed start of a one-string-field JSON reply, up to the string's first character:
    `{"label": "` for "label". A backend that takes a reply prefix is given it with the
    prompt (agent.llm.labels, agent.verification.slots)."""
    return json.dumps({field: ""})[:-2]
