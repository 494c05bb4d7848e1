"""LLM backends (local llama.cpp, OpenAI, OpenAI-compatible) behind one interface.

Modules: `facade` (the LLM class), `factory` (make_llm), `structured` (schema-constrained
replies, repair turn, json_schema fallback), `usage` (token counts), `failures` (one-line
ModelErrors), `replies` (message text, JSON reply parsing), `labels` (label probabilities),
`local` / `remote` (the chat models), `assets` (the embedded model file), `prompts`.
"""

from agent.llm.assets import ensure_local_model
from agent.llm.facade import LLM
from agent.llm.factory import make_llm
from agent.llm.failures import StreamBrokenError
from agent.llm.replies import parse_json_reply
from agent.llm.usage import Usage, UsageSnapshot

__all__ = [
    "LLM",
    "StreamBrokenError",
    "Usage",
    "UsageSnapshot",
    "ensure_local_model",
    "make_llm",
    "parse_json_reply",
]
