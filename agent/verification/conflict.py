"""The Conflict record: one concrete disagreement code found between a claim and a sentence.

Produced by agent.verification.checks.compare (a number, month, weekday, place or name of the
claim that the sentence gives otherwise) and agent.verification.conflicts (figures), read as a
record by the verdict rules, the story summary (what two outlets differ on) and the outlet
matrix. It has two texts:

- `describe()`, the record's form, stored in eval traces and read back by `parse`:
  "day: claim sunday vs source saturday" (values as the checks compare them, lower case);
- `shown()`, the form for people (verdict explanations and evidence notes): what is compared
  in plain words and the values as the texts write them, "date: claim 14 March vs source
  17 March", "name: claim Tom Reyes vs source Aileen Marsh".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal, cast, get_args

from agent.text.quantities import Quantity
from agent.text.quantity import show_quantity

# ("link": the claim ties two names a source says are unconnected, agent.text.links;
# "side": the claim's actor conceded what the source has it deny, or the reverse,
# agent.text.sides; "result": winner and loser the other way round, agent.text.contests)
ConflictKind = Literal["number", "month", "day", "place", "holder", "link", "side", "result"]
KINDS: tuple[str, ...] = get_args(ConflictKind)
# describe()'s shape; used only to read back conflicts stored as text (eval traces).
_TEXT = re.compile(r"(\w+): claim (.+?) vs source (.+)$")

# What a conflict compares, for people, where its kind says less or says it in jargon: a
# number conflict of days of the month compares dates, a holder conflict compares names.
_SHOWN_KIND = {"holder": "name"}
_QUANTITY_DETAIL = {"day": "date", "weekday": "day", "time": "time", "year": "year",
                    "age": "age", "duration": "duration"}
# Kinds and details whose values are names or calendar words, printed capitalised.
_NAMED = frozenset(("holder", "place", "month", "day", "date"))
# Words a name keeps in lower case when no text gives its casing ("Bank of England").
_PARTICLES = frozenset(("of", "the", "and", "for", "on", "upon", "de", "da", "di", "du",
                        "van", "von", "der", "den", "la", "le", "del", "al"))


@dataclass(frozen=True)
class Conflict:
    """What the claim says and what the source says instead, for one kind of detail.

    `claim_values` / `source_values` are the values as the checks compare them, each side
    sorted: quantities as `show_quantity` gives them ("$2,100,000", "45%", "3 years",
    "9 may"), lower-case month and weekday names ("june", "sunday"), place and person names
    ("lyon", "aileen marsh"). `detail` says what a number conflict's figures are when that is
    no plain number ("date" for days of the month; `figure_conflict`); "" otherwise.
    """

    kind: ConflictKind
    claim_values: tuple[str, ...]
    source_values: tuple[str, ...]
    # a label for people only: records compare, hash and store as they did without it
    detail: str = field(default="", compare=False)

    @property
    def claim_text(self) -> str:
        """The claim's side as text: its values joined by ", "."""
        return ", ".join(self.claim_values)

    @property
    def source_text(self) -> str:
        """The source's side as text: its values joined by ", "."""
        return ", ".join(self.source_values)

    def describe(self) -> str:
        """The record's text, e.g. "number: claim 50 vs source 29" (`parse` reads it back)."""
        return f"{self.kind}: claim {self.claim_text} vs source {self.source_text}"

    def shown(self, claim: str = "", source: str = "") -> str:
        """The form for people: what is compared, then each side's values as `claim` and
        `source` (the claim's text and the source sentence) write them, e.g. "date: claim
        14 March vs source 17 March". A name or calendar word neither text holds is
        capitalised word by word ("Aileen Marsh"); figures are printed as `describe` does."""
        what = self.detail or _SHOWN_KIND.get(self.kind, self.kind)
        named = self.kind in _NAMED or self.detail in _NAMED
        mine = ", ".join(_for_people(v, claim, named) for v in self.claim_values)
        theirs = ", ".join(_for_people(v, source, named) for v in self.source_values)
        return f"{what}: claim {mine} vs source {theirs}"

    def __str__(self) -> str:
        return self.describe()

    @classmethod
    def parse(cls, text: str) -> Conflict:
        """The record behind a `describe()` text, for conflicts stored as text (eval traces).
        `detail` is not stored: it comes back "", and the records still compare equal.

        Raises ValueError when `text` is not such a description."""
        m = _TEXT.match(text)
        if m is None or m.group(1) not in KINDS:
            raise ValueError(f"not a conflict description: {text!r}")
        kind = cast(ConflictKind, m.group(1))  # checked against KINDS above
        return cls(kind, tuple(m.group(2).split(", ")), tuple(m.group(3).split(", ")))


def figure_conflict(claimed: Quantity, given: Iterable[Quantity]) -> Conflict:
    """The number conflict of a claim's figure against the source's `given` figures (shown
    once each, sorted), with what they are when that is no plain number: "date" for days of
    the month, "year", "time", "age", "duration"."""
    shown = tuple(sorted({show_quantity(g) for g in given}))
    return Conflict("number", (show_quantity(claimed),), shown,
                    detail=_QUANTITY_DETAIL.get(claimed.kind, ""))


def _for_people(value: str, text: str, named: bool) -> str:
    """`value` as `text` writes it (the same words in any case), else, for a name or a
    calendar word (`named`), capitalised word by word; any other value as it is."""
    if not value:
        return value
    m = re.search(rf"(?<!\w){re.escape(value)}(?!\w)", text, re.IGNORECASE) if text else None
    if m is not None:
        return m.group(0)
    if not named:
        return value
    words = value.split(" ")
    return " ".join(w if (i and w in _PARTICLES) or not w.islower() else w[:1].upper() + w[1:]
                    for i, w in enumerate(words))
