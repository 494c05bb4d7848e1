"""A persistent LLM response cache: a LangChain `BaseCache` backed by sqlite3.

Set as `chat.cache`, LangChain keys it by (prompt = the serialized messages, llm_string = the
model's identifying params plus bound kwargs such as response_format), so a changed prompt,
model file, temperature or schema is a miss. `salt` separates repeats of one configuration
(`--repeat N` must not replay repeat 1's replies as repeats 2..N).
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from langchain_core.caches import RETURN_VAL_TYPE, BaseCache
from langchain_core.messages import AIMessage
from langchain_core.outputs import ChatGeneration, Generation


class SqliteLLMCache(BaseCache):
    def __init__(self, path: Path, salt: str = "") -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.salt = salt
        self.hits = 0
        self.misses = 0
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._db.execute("CREATE TABLE IF NOT EXISTS llm (key TEXT PRIMARY KEY, value TEXT)")
        self._db.commit()

    def _key(self, prompt: str, llm_string: str) -> str:
        return hashlib.sha256(f"{self.salt}\x00{llm_string}\x00{prompt}".encode()).hexdigest()

    def lookup(self, prompt: str, llm_string: str) -> RETURN_VAL_TYPE | None:
        with self._lock:
            row = self._db.execute(
                "SELECT value FROM llm WHERE key = ?", (self._key(prompt, llm_string),)
            ).fetchone()
            stored = json.loads(row[0]) if row is not None else None
            # An entry written before replies kept their log-probabilities cannot replay a
            # call that asks for them (label probabilities would collapse to one-hot).
            if stored is None or (_asks_logprobs(llm_string) and not _has_logprobs(stored)):
                self.misses += 1
                return None
            self.hits += 1
        return [_load_generation(g) for g in stored]

    def update(self, prompt: str, llm_string: str, return_val: RETURN_VAL_TYPE) -> None:
        value = json.dumps([_dump_generation(g) for g in return_val], ensure_ascii=False)
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO llm (key, value) VALUES (?, ?)",
                (self._key(prompt, llm_string), value),
            )
            self._db.commit()

    def clear(self, **kwargs: Any) -> None:
        with self._lock:
            self._db.execute("DELETE FROM llm")
            self._db.commit()

    def close(self) -> None:
        with self._lock:
            self._db.close()


def _dump_generation(g: Generation) -> dict[str, Any]:
    if isinstance(g, ChatGeneration):
        msg = g.message
        # Usage is kept so token counts per item do not drop to zero on a cached re-run;
        # log-probabilities so label probabilities (agent/llm/labels.py) replay exactly.
        usage = dict(getattr(msg, "usage_metadata", None) or {})
        logprobs = (getattr(msg, "response_metadata", None) or {}).get("logprobs")
        return {"content": msg.content, "usage": usage or None, "logprobs": logprobs}
    return {"content": g.text, "usage": None, "logprobs": None}


def _load_generation(d: dict[str, Any]) -> Generation:
    meta = {"logprobs": d["logprobs"]} if d.get("logprobs") else {}
    msg = AIMessage(content=d["content"], usage_metadata=d.get("usage"), response_metadata=meta)
    return ChatGeneration(message=msg)


_ASKS_LOGPROBS = re.compile(r"""['"]logprobs['"](?:\)?[:,]\s*)(?:true|True)""")


def _asks_logprobs(llm_string: str) -> bool:
    """The call bound `logprobs=True` (LangChain writes kwargs as a sorted list of pairs,
    or as JSON for serializable models)."""
    return _ASKS_LOGPROBS.search(llm_string) is not None


def _has_logprobs(stored: list[dict[str, Any]]) -> bool:
    """Written since replies keep their log-probabilities (None when the backend sent
    none, as a test fake does); older entries have no such key."""
    return all("logprobs" in g for g in stored)


def cache_counts(caches: Sequence[SqliteLLMCache]) -> tuple[int, int]:
    return sum(c.hits for c in caches), sum(c.misses for c in caches)
