"""The answer stage's draft: the constrained JSON the model writes, the labelled evidence it is
shown, and the cleaning of its text (agent.generation.answer checks the rest).

The model only chooses which evidence labels support each sentence it writes; citations are
built by code from those labels.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel, Field, create_model

from agent.generation.reported import attribution_flag
from agent.generation.sentence_checks import cut_mid_clause, event_verbs
from agent.generation.support import respelled_names
from agent.llm.prompts import wrap_document
from agent.text.actors import roles_swapped
from agent.text.analysis import analyze, stems
from agent.text.normalize import normalize_for_match
from agent.types import Evidence

# Prompt labels and outlet aliases are the pipeline's own bookkeeping, never answer text.
_ALIAS_PHRASE = re.compile(
    r",?\s*\(?\b(?:according to|as reported by|reported by|per|says|said|in)\s+"
    r"source [A-Z]\b\)?|\s*\(source [A-Z]\)|\s*\[S\d+\]"
)
_ALIAS = re.compile(r"\bsource [A-Z]\b")


def strip_internal_labels(text: str) -> str:
    """The answer text without evidence labels ("[S2]") or outlet aliases ("according to
    source A"); an alias left inside a clause becomes "one outlet"."""
    text = _ALIAS_PHRASE.sub("", text)
    text = _ALIAS.sub("one outlet", text)
    return re.sub(r"\s+([.,;:])", r"\1", re.sub(r"\s{2,}", " ", text)).strip()


class DraftSentence(BaseModel):
    text: str = Field(max_length=400)
    cite: list[str] = Field(default_factory=list, max_length=4)


class Draft(BaseModel):
    answerable: bool
    sentences: list[DraftSentence] = Field(default_factory=list, max_length=4)


def draft_schema(labels: Sequence[str]) -> type[Draft]:
    """The Draft schema with `cite` constrained to the labels actually shown."""
    label_type: Any = Literal[tuple(labels)] if labels else str
    sentence = create_model(
        "DraftSentence",
        __base__=DraftSentence,
        cite=(list[label_type], Field(default_factory=list, max_length=4)),
    )
    return create_model(
        "Draft",
        __base__=Draft,
        sentences=(list[sentence], Field(default_factory=list, max_length=4)),
    )


def render_evidence(items: Sequence[Evidence]) -> str:
    """The labelled evidence block. An article without a known outlet gets a short alias
    ("source A"): enough to tell outlets apart, and a hex id would cost ~10 prompt tokens."""
    aliases: dict[str, str] = {}
    for e in items:
        if not e.outlet and e.sentence.article_id not in aliases:
            aliases[e.sentence.article_id] = f"source {chr(ord('A') + len(aliases) % 26)}"
    return "\n".join(
        wrap_document(
            e.label, f"({e.outlet or aliases[e.sentence.article_id]}) {e.sentence.text}"
        )
        for e in items
    )


# What the outlets do as a group ("The outlets agree on ...", "Both reports say ...", "All
# sources confirm ..."): a claim about the coverage that no one quote states. The answer's
# versions of a disputed detail are added by code (agent.generation.versions), never
# asserted by the model: a newcomer's "The outlets agree on the value of the lost
# satellites: ... $62 million" cited one outlet, while another gave $48 million.
_ABOUT_OUTLETS = re.compile(
    r"\b(?:outlets|sources|reports|articles|papers|publications|media)\s+(?:all\s+|both\s+)?"
    r"(?:agree|agreed|concur|confirm|say|said|report|reported|state|stated|differ|disagree)\b",
    re.IGNORECASE)


def about_outlets(text: str, quotes: Sequence[str]) -> bool:
    """Whether `text` tells what the outlets do as a group (`_ABOUT_OUTLETS`) where none of
    its `quotes` does."""
    return bool(_ABOUT_OUTLETS.search(text)) and not any(_ABOUT_OUTLETS.search(q) for q in quotes)


def needs_its_quote(text: str, quotes: Sequence[str]) -> bool:
    """Whether a draft sentence backed by `quotes` must give way to the first of them,
    quoted: it is cut off mid-clause ("The network accuses Vellmoor of", or with no
    final stop: "... said he expected", the model's reply cut at its token limit;
    sentence_checks.cut_mid_clause), tells an event in a word no quote has (`unbacked_events`)
    or of a subject no quote names (`unbacked_subject`),
    tells what the outlets do as a group (`about_outlets`), or it states as fact what its
    sources only report someone
    saying ("because she is afraid of the cartels", reported.attribution_flag). A draft
    that names another speaker is left to the support checks: the speakers read off quotes
    ("The piece stated ...") are too rough to swap."""
    if (cut_mid_clause(text) or unbacked_events(text, quotes) or about_outlets(text, quotes)
            or unbacked_subject(text, quotes)):
        return True
    return analyze(text).speaker is None and bool(attribution_flag(text, quotes))


# A subject of common nouns before its verb: "The city was fined", "The new rules will".
_COMMON_SUBJECT = re.compile(
    r"^(?i:the|a|an|this|that|these|those)\s+(?:[a-z][\w-]*\s+){0,3}?(?P<head>[a-z][\w-]*)\s+"
    r"(?:is|are|was|were|has|have|had|will|would|can|could|must|may|might|did|does|said|"
    r"says)\b")


def unbacked_subject(text: str, quotes: Sequence[str]) -> str | None:
    """The head noun of a draft sentence's common-noun subject ("city" in "The city was
    fined £3.5 million") that none of its `quotes` has, else None: the model's own name for
    who did it, which may be no one the sources name (an environment newcomer, session 53:
    the quote's subject was the water company, and no article has the word "city")."""
    m = _COMMON_SUBJECT.match(text.strip())
    if m is None:
        return None
    head = m.group("head")
    return head if not set(stems(head)) & set(stems(" ".join(quotes))) else None


def unbacked_events(text: str, quotes: Sequence[str]) -> list[str]:
    """The verbs of a draft sentence that tell what happened (sentence_checks.event_verbs)
    whose stem none of its `quotes` has: the model's own word for the event, which may be
    another event ("The strike began at 4am on Thursday" citing "The 72-hour strike is due
    to end at 4am on Thursday", newcomer trial, session 23)."""
    have = set(stems(" ".join(quotes)))
    return [v for v in event_verbs(text) if not set(stems(v)) & have]


def quote_in_place(text: str, question: str, items: Sequence[Evidence],
                   cited: Sequence[Evidence]) -> Evidence | None:
    """The evidence item whose quote stands in for draft sentence `text`, or None: a quote
    the draft turned around ("The trust accused the nurses" where a quote has "Nurses
    accused the trust", agent.text.actors.roles_swapped), or a cited quote naming what the
    question asks for that the draft renamed as its look-alike ("Corvane Telecom said ..."
    citing "Corvana Telecoms ... said ...", agent.generation.support.respelled_names)."""
    swapped = next((e for e in items if roles_swapped(text, e.sentence.text)), None)
    asked = respelled_names(text, question)
    if swapped is None and asked:
        swapped = next((e for e in cited if not respelled_names(e.sentence.text, question)
                        and all(a in normalize_for_match(e.sentence.text) for a in asked)),
                       None)
    return swapped
