"""The Conflict record: one concrete disagreement code found between a claim and a sentence.

Produced by agent.verification.checks.compare (a number, month, weekday or place of the
claim that the sentence gives otherwise), read as a record by the verdict rules, the story
summary (what two outlets differ on) and the outlet matrix. Where a conflict is shown or
stored (verdict JSON `signals`, the CLI, eval traces), it is its `describe()` text, e.g.
"day: claim sunday vs source saturday".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, cast, get_args

ConflictKind = Literal["number", "month", "day", "place", "holder"]
KINDS: tuple[str, ...] = get_args(ConflictKind)
# describe()'s shape; used only to read back conflicts stored as text (eval traces).
_TEXT = re.compile(r"(\w+): claim (.+?) vs source (.+)$")


@dataclass(frozen=True)
class Conflict:
    """What the claim says and what the source says instead, for one kind of detail.

    `claim_values` / `source_values` are the values as shown to people, each side sorted:
    quantities as the checks print them ("$2,100,000", "45%", "3 years"), lower-case month
    and weekday names ("june", "sunday"), place names ("lyon").
    """

    kind: ConflictKind
    claim_values: tuple[str, ...]
    source_values: tuple[str, ...]

    @property
    def claim_text(self) -> str:
        """The claim's side as text: its values joined by ", "."""
        return ", ".join(self.claim_values)

    @property
    def source_text(self) -> str:
        """The source's side as text: its values joined by ", "."""
        return ", ".join(self.source_values)

    def describe(self) -> str:
        """The human-readable form, e.g. "number: claim 50 vs source 29"."""
        return f"{self.kind}: claim {self.claim_text} vs source {self.source_text}"

    def __str__(self) -> str:
        return self.describe()

    @classmethod
    def parse(cls, text: str) -> Conflict:
        """The record behind a `describe()` text, for conflicts stored as text (eval traces).

        Raises ValueError when `text` is not such a description."""
        m = _TEXT.match(text)
        if m is None or m.group(1) not in KINDS:
            raise ValueError(f"not a conflict description: {text!r}")
        kind = cast(ConflictKind, m.group(1))  # checked against KINDS above
        return cls(kind, tuple(m.group(2).split(", ")), tuple(m.group(3).split(", ")))
