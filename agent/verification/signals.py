"""The record of one comparison of a claim with one evidence sentence: what code found
(`Signals`, made by agent.verification.checks.compare) and the stances a sentence takes.
Eval traces store it (`as_record`) and calibration reads it back (`from_record`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, Literal

from agent.verification.conflict import Conflict

Stance = Literal["supports", "refutes", "silent"]


@dataclass
class Signals:
    """What code found comparing one claim with one evidence sentence."""

    coverage: float  # share of the claim's content words (numbers/places excluded) present
    aligned: bool  # the sentence is about the same thing as the claim
    conflicts: list[Conflict] = field(default_factory=list)  # concrete disagreements
    missing_numbers: bool = False  # the claim has a number/date/place the sentence lacks
    polarity_conflict: bool = False
    negation_flip: bool = False  # a word the claim negates, the sentence affirms on its own
    attributed_to: str | None = None  # the sentence only reports someone saying it
    speaker: str | None = None  # whose speech it reports ("someone" when it does not say)
    score: float = 0.0  # retrieval relevance of the sentence
    matched: int = 0  # how many of the claim's content terms the sentence has
    n_terms: int = 0
    # Who the sentence gives the claim's event to instead of the claim's actor (the cloze
    # check of agent.verification.slots): another event, so no support.
    other_actor: str | None = None
    # The sentence's speaker is the one the claim names, by name or by the role the claim
    # gives them ("Declan Foyle, the union's regional organiser").
    same_speaker: bool = False
    # The sentence reports a denial of what others said ("Lindqvist denied the accusation")
    # and the claim reports none: a denial of an act is no support for it.
    denial: bool = False
    # The claim reports a denial ("The company denied that it ignored warnings") and the
    # sentence none: the charge it denies is no support for the denial.
    no_denial: bool = False
    # The claim gives figures and the sentence states every one of them ("by 14 votes to
    # 9"): a figure anchors a paraphrase as a shared word does.
    figures_stated: bool = False
    # Share of the claim's words other than its names that the sentence has: what the claim
    # says of its names ("will leave the company"), not whom it names.
    relation_coverage: float = 1.0
    # Share of the words from the claim's main verb on (agent.text.actors.predicate_of) that
    # the sentence has: 0 when it names the claim's subject and says nothing of what the
    # claim says it did ("The grounding ... claimed several lives" against "... which
    # grounded on Gannet Reef ... with 248 passengers").
    predicate_coverage: float = 1.0
    # It judges or asks in its own voice (agent.text mood) where the claim states:
    # "X should publish the report" says what ought to be, not what will be.
    judgement: bool = False
    # P("yes") asked as a question (agent.verification.confirm); None when not asked.
    confirmation: float | None = None
    # P("no") of the same question: the sentence says something that cannot be true with it.
    contradiction: float | None = None
    # The claim dates its event to a year before the sentence's article and the sentence is
    # dated in no way (agent.verification.event_time.of_a_past_year): it tells the story's own
    # event, so its figures and names are no rivals of the claim's.
    other_time: bool = False

    @property
    def hard_conflict(self) -> bool:
        return bool(self.conflicts)  # each conflict was only recorded on an aligned sentence

    def as_record(self) -> dict[str, Any]:
        """The fields as JSON-ready values, conflicts as their `describe()` text: the shape
        eval traces store (`signals` of each judged pair, read by evals/calibrate.py)."""
        record = {f.name: getattr(self, f.name) for f in fields(self)}
        record["conflicts"] = [c.describe() for c in self.conflicts]
        return record

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Signals:
        """Signals from `as_record()` output. Raises TypeError for unknown or missing
        fields and ValueError for a conflict text that is no `Conflict.describe()`."""
        conflicts = [Conflict.parse(c) for c in record.get("conflicts", [])]
        return cls(**{**record, "conflicts": conflicts})
