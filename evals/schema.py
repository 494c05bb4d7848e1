"""Schemas of the labelled eval datasets (one JSON object per line, see evals/data/README.md).

Source ids are article ids as the corpus assigns them: `<file stem>` for a one-article file and
`<file stem>#<n>` for the n-th article of an aggregated file. Gold data cites the canonical copy
of a syndicated article (the first one), never the later duplicates.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Verdict = Literal["supported", "refuted", "not_enough_info", "conflicting"]
VERDICTS: tuple[Verdict, ...] = ("supported", "refuted", "not_enough_info", "conflicting")
Importance = Literal["core", "detail"]


class _Strict(BaseModel):
    # A typo in a field name must fail loudly instead of silently dropping a label.
    model_config = ConfigDict(extra="forbid", frozen=True)


class GoldFact(_Strict):
    """One atomic fact a good answer states, with every article that states it."""

    text: str = Field(min_length=1)
    sources: list[str] = Field(min_length=1)


class QAItem(_Strict):
    id: str = Field(min_length=1)
    question: str = Field(min_length=1)
    answerable: bool
    facts: list[GoldFact] = Field(default_factory=list)
    # Articles a retriever should surface: the union of the facts' sources.
    gold_sources: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _facts_match_answerability(self) -> QAItem:
        if self.answerable:
            if not self.facts or not self.gold_sources:
                raise ValueError("an answerable item needs at least one fact and gold source")
            fact_sources = {s for f in self.facts for s in f.sources}
            missing = fact_sources - set(self.gold_sources)
            if missing:
                raise ValueError(f"fact sources missing from gold_sources: {sorted(missing)}")
        elif self.facts or self.gold_sources:
            raise ValueError("an unanswerable item must have empty facts and gold_sources")
        return self


class ClaimItem(_Strict):
    id: str = Field(min_length=1)
    claim: str = Field(min_length=1)
    verdict: Verdict
    # Articles that bear on the claim. May be empty only for not_enough_info.
    evidence_sources: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    note: str | None = None

    @model_validator(mode="after")
    def _evidence_matches_verdict(self) -> ClaimItem:
        if self.verdict in ("supported", "refuted") and not self.evidence_sources:
            raise ValueError(f"a '{self.verdict}' claim needs at least one evidence source")
        if self.verdict == "conflicting" and len(set(self.evidence_sources)) < 2:
            raise ValueError("a 'conflicting' claim needs the disagreeing sources (two or more)")
        return self


class SummaryFact(_Strict):
    id: str = Field(min_length=1)
    text: str = Field(min_length=1)
    sources: list[str] = Field(min_length=1)
    importance: Importance
