"""LLM backends (local llama.cpp, OpenAI, OpenAI-compatible) behind one interface."""

from agent.llm.assets import ensure_local_model
from agent.llm.base import LLM, Usage, UsageSnapshot, make_llm, parse_json_reply

__all__ = ["LLM", "Usage", "UsageSnapshot", "ensure_local_model", "make_llm", "parse_json_reply"]
