"""Token accounting: the process total and each thread's running count."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from langchain_core.messages import BaseMessage


@dataclass(frozen=True)
class UsageSnapshot:
    """Token counts at one moment (or the difference of two): prompt tokens in, generated
    tokens out, and the number of model calls. Counts are the backend's own tokens."""

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
        """Record one model call of `tokens_in` prompt and `tokens_out` generated tokens."""
        step = UsageSnapshot(tokens_in, tokens_out, 1)
        with self._lock:
            self._total += step
        self._mine.count = self.snapshot() + step  # thread-local: no lock needed

    def add_message(self, message: BaseMessage) -> None:
        """Record one model call from a reply's `usage_metadata` (0 tokens when absent)."""
        md = getattr(message, "usage_metadata", None) or {}
        self.add(int(md.get("input_tokens", 0) or 0), int(md.get("output_tokens", 0) or 0))

    @property
    def tokens_in(self) -> int:
        """Prompt tokens of every thread's calls so far."""
        return self._total.tokens_in

    @property
    def tokens_out(self) -> int:
        """Generated tokens of every thread's calls so far."""
        return self._total.tokens_out

    def total(self) -> UsageSnapshot:
        """Every thread's counts so far."""
        return self._total

    def snapshot(self) -> UsageSnapshot:
        """The calling thread's running count (subtract an earlier one for a stage's share)."""
        count: UsageSnapshot = getattr(self._mine, "count", UsageSnapshot())
        return count

    def since(self, earlier: UsageSnapshot) -> UsageSnapshot:
        """The calling thread's calls since `earlier` (a `snapshot()` taken in this thread)."""
        return self.snapshot() - earlier
