"""When a claim's event and an evidence sentence's are told as happening in different
times, so that the sentence's figures, names and places are no rivals of the claim's: a
claim dated to a past year against a sentence of the story's own time."""

from __future__ import annotations

from datetime import date

from agent.text.analysis import SentenceAnalysis
from agent.text.dates import relative_weekdays, relative_years


def _past_years(c: SentenceAnalysis, published: date | None) -> bool:
    """Whether the claim names years, all before `published`'s (the evidence article's)."""
    years = {q.value for q in c.quantities if q.kind == "year"}
    return bool(years) and published is not None and max(years) < published.year


def of_a_past_year(c: SentenceAnalysis, e: SentenceAnalysis, published: date | None,
                   evidence: str) -> bool:
    """Whether the claim dates what it tells to a year before the evidence article's and the
    evidence is dated in no way (no year, day, month or weekday, nor one relative to its
    date: "last year", "yesterday"): its figures are of the story's own time, another event
    than the claim's ("In 2024 a fire at a recycling yard led to 120 homes being evacuated"
    against this fire's "Residents of about 350 homes were evacuated overnight")."""
    if not _past_years(c, published):
        return False
    return not (any(q.kind in ("year", "day") for q in e.quantities) or e.months or e.weekdays
                or relative_years(evidence, published)
                or relative_weekdays(evidence, published))


def of_the_article_week(c: SentenceAnalysis, e: SentenceAnalysis, published: date | None,
                        evidence: str) -> bool:
    """Whether the claim dates what it tells to a year before the evidence article's and the
    evidence dates its event by a weekday or a day relative to the article's date only (no
    year, month or day of the month): the article's own week, another event than the
    claim's. "it ran aground off Kilcaddie in 2023" is no version of "grounded on Gannet
    Reef off Brackwater at 18:40 on Sunday" (a dev claim on a sister ship's grounding,
    brackwater c13, read as refuted by the place once "off" named one, session 71)."""
    if not _past_years(c, published):
        return False
    dated = bool(e.event_weekdays or relative_weekdays(evidence, published))
    return dated and not (any(q.kind in ("year", "day") for q in e.quantities) or e.months)
