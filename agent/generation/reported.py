"""Reported speech must stay reported: a sentence written from quotes that attribute their
content to a speaker ("'She is afraid of the cartels,' Trump said") may not state that
content as fact ("She is afraid of the cartels"). Used by the answer checks and by the
summary checks (sentence_checks)."""

from __future__ import annotations

from collections.abc import Sequence

from agent.text.analysis import analyze, stems
from agent.text.facts import content_without_quotes

# Share of a sentence's content words found outside a quote's quotation marks (the speaker
# and what the outlet says of them: "..., said Professor Helen Achterberg, the mission's
# principal investigator") above which the sentence restates the outlet's own words.
OWN_WORDS_SHARE = 0.6


def attribution_flag(text: str, quotes: Sequence[str]) -> str | None:
    """Reported speech must stay reported: when every quote attributes its content to a
    speaker, the sentence must name a speaker too, and one of the quotes' speakers when it
    names one. None when the attribution is kept (or the quotes state their content as fact)."""
    speakers = [analyze(q).speaker for q in quotes]
    if not quotes or any(s is None for s in speakers):
        return None
    mine = analyze(text).speaker
    if mine is None and _outside_quotes(text, quotes):
        return None
    if mine is None:
        return f"attribution lost: the quotes report what {speakers[0]} said as fact"
    named = {w.lower() for s in speakers if s and s != "someone" for w in s.split()}
    if mine != "someone" and named and not named & {w.lower() for w in mine.split()}:
        return f"speaker swapped: the quotes attribute it to {speakers[0]}, not {mine}"
    return None


def _outside_quotes(text: str, quotes: Sequence[str]) -> bool:
    """The sentence's words are those its direct quotes' outlets say outside the quotation
    marks (OWN_WORDS_SHARE of them, over all its quotes): it restates the outlets, not the
    speakers."""
    terms = stems(text)
    own: set[str] = set()
    for q in quotes:
        outside = content_without_quotes(q)
        if outside != q:
            own |= stems(outside)
    return bool(terms and own) and len(terms & own) / len(terms) >= OWN_WORDS_SHARE
