"""Verdict records and how verdicts combine: per claim part from its evidence items, per
claim from its parts. Pure functions over the verify stage's typed records."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any, Literal

from pydantic import (
    BaseModel,
    Field,
    SerializerFunctionWrapHandler,
    model_serializer,
    model_validator,
)

from agent.types import Citation, ModelRun
from agent.verification.signals import Signals, Stance

Label = Literal["supported", "refuted", "not_enough_info", "conflicting"]
_CITATION_KEYS = tuple(Citation.model_fields)  # source, quote, start, end


# The signal note of a sentence the model was not asked about: enough outlets already backed
# the claim part, or its calls were spent (agent.verification.verify).
NOT_ASKED = "not checked: the model was not asked"
# The note of a sentence giving the claim's value of a figure another outlet contradicts:
# one side of a conflicting verdict (agent.verification.claim_figures.figure_disputes).
GIVES_FIGURE = "gives the claim's figure, which another outlet contradicts"


class EvidenceItem(BaseModel):
    """One quoted sentence and its stance toward a claim (part).

    In JSON the citation's fields sit beside the others, as they always have:
    {"source", "quote", "start", "end", "stance", "outlet", "signals"}; that flat form (or a
    nested "citation") is also what validation reads back.
    """

    citation: Citation  # the sentence, found verbatim at start:end of its article's document
    stance: Stance
    # The outlet to look in for the quote (agent.retrieval.citations.cited_outlet): a
    # syndicated copy is named with the outlet it copies, the voice it is counted as.
    outlet: str | None = None
    # Why code decided as it did: conflicts found, "reported by X", the model's own label.
    signals: list[str] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _nest_citation(cls, data: Any) -> Any:
        if isinstance(data, dict) and "citation" not in data:
            data = dict(data)
            data["citation"] = {k: data.pop(k) for k in _CITATION_KEYS if k in data}
        return data

    @model_serializer(mode="wrap")
    def _flat_citation(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data = handler(self)
        return {**data.pop("citation", {}), **data}


class AtomicVerdict(BaseModel):
    claim: str
    verdict: Label
    evidence: list[EvidenceItem] = Field(default_factory=list)
    explanation: str = ""


class Verdict(ModelRun):
    """A claim's verdict: its parts (`atomic`), the quoted evidence of all parts (deduplicated)
    and why; the run fields (backend, model, latency, tokens, error) come from ModelRun."""

    claim: str
    verdict: Label
    atomic: list[AtomicVerdict] = Field(default_factory=list)
    evidence: list[EvidenceItem] = Field(default_factory=list)
    explanation: str
    model_calls: int = 0
    id: str | None = None


def aggregate(labels: Iterable[Label]) -> Label:
    """Overall verdict from the atomic ones."""
    found = set(labels)
    for label in ("refuted", "conflicting", "not_enough_info"):
        if label in found:
            return label
    return "supported" if found else "not_enough_info"


def _verb(names: Sequence[str], verb: str) -> str:
    """The verb agreeing with a list of outlet names: "AP supports", "AP, Reuters support"."""
    return f"{verb}s" if len(names) == 1 else verb


# Conflicts over a figure (agent.verification.conflicts kinds): what outlets disagree on.
_FIGURE_KINDS = frozenset(("number", "day", "month", "time"))


def _named_speakers(reported: Mapping[str, str], outlets: Iterable[str]) -> list[str]:
    """The speakers `reported` (outlet -> who it says speaks) gives for `outlets`, sorted,
    without "someone": a speaker one outlet names and another leaves unnamed is one speaker,
    not two ("Save Pendrick Edge", not "Save Pendrick Edge, someone")."""
    return sorted({reported[o] for o in outlets} - {"someone"})


def decide(
    claim: str, items: Sequence[tuple[str, EvidenceItem, Signals]], attributed: bool,
    anchored: Collection[str] = (),
) -> tuple[Label, str]:
    """The verdict of one claim part from its evidence items (outlet, item, signals), and
    why: outlets on both sides with a concrete conflict -> conflicting, also when one side
    only reports someone saying the claim, or only gives the claim's value of a figure the
    other side's figures contradict (`anchored`: those outlets, agent.verification.
    claim_figures.figure_disputes; labelling rule 1: a claim taking one side of a disputed detail is
    conflicting); an outlet that states the claim is not counted against it; only refuting
    -> refuted; only supporting -> supported; support that only reports someone's words for
    an unattributed claim -> not_enough_info, naming who said it; none -> not_enough_info."""
    supports: dict[str, int] = {}
    reported: dict[str, str] = {}
    refutes: dict[str, list[str]] = {}
    hard: set[str] = set()
    unchecked: set[str] = set()  # outlets with an aligned sentence the model was not asked
    refute_kinds: dict[str, set[str]] = {}  # the kinds of conflict each refuting outlet gave
    for outlet, item, sig in items:
        if item.stance == "silent" and NOT_ASKED in item.signals and sig.aligned:
            unchecked.add(outlet)
        if item.stance == "supports":
            if sig.attributed_to and not attributed:
                reported.setdefault(outlet, sig.attributed_to)
            else:
                supports[outlet] = supports.get(outlet, 0) + 1
        elif item.stance == "refutes":
            found = [c.shown(claim, item.citation.quote) for c in sig.conflicts] or [
                "states otherwise"]
            refutes.setdefault(outlet, []).extend(found)
            refute_kinds.setdefault(outlet, set()).update(
                [c.kind for c in sig.conflicts] or ["model"])
            # A polarity conflict alone was no precise veto on the dev stories (1 of 6
            # pairs in refuted or conflicting claims: "showed no emotion as the jury
            # returned guilty verdicts"), so it cannot make outlets disagree.
            if sig.hard_conflict:
                hard.add(outlet)
    # An outlet that also states the claim is not its own contradiction: its conflicting
    # figure is more likely another count or event misread ("Two firefighters were
    # treated" beside "About 60 firefighters were at the scene"). Dev 24: +1 claim, none lost.
    for o in [o for o in refutes if o in supports]:
        refutes.pop(o)
    s_names, r_names = sorted(supports), sorted(refutes)
    why = "; ".join(dict.fromkeys(c for o in r_names for c in refutes[o]))
    if s_names and r_names:
        # The small model's refutations alone are too unreliable to overrule supporting
        # outlets: disagreement needs a concrete conflict found by code.
        if hard & set(r_names):
            return (
                "conflicting",
                f"Sources disagree: {', '.join(s_names)} {_verb(s_names, 'support')} it, "
                f"{', '.join(r_names)} {_verb(r_names, 'contradict')} it ({why}).",
            )
        return (
            "supported",
            f"Supported by {', '.join(s_names)}; {', '.join(r_names)} seemed to differ "
            "without a concrete conflict.",
        )
    reporting = sorted(set(reported) - set(r_names))
    if reporting and hard & set(r_names):
        # One outlet reports someone saying it ("the union said ... from 1 June"), another
        # gives another value: the sources disagree on the detail (dev stories: 4 of the 5
        # such claims were labelled conflicting, none refuted).
        named = _named_speakers(reported, reporting)
        said = f"{', '.join(named)} saying it" if named else "it as someone's words"
        return (
            "conflicting",
            f"Sources disagree: {', '.join(reporting)} {_verb(reporting, 'report')} {said}, "
            f"{', '.join(r_names)} {_verb(r_names, 'contradict')} it ({why}).",
        )
    giving = sorted(set(anchored) - set(r_names))
    if giving and r_names and all(refute_kinds[o] <= _FIGURE_KINDS for o in r_names):
        return (
            "conflicting",
            f"Sources disagree: {', '.join(giving)} {_verb(giving, 'give')} the claim's "
            f"figure, {', '.join(r_names)} {_verb(r_names, 'contradict')} it ({why}).",
        )
    if r_names:
        return "refuted", f"Contradicted by {', '.join(r_names)} ({why})."
    if s_names:
        more = len(unchecked - set(s_names))
        # The verifier stops asking once enough outlets back a claim: say so, rather than
        # let "Stated by 2" read as "only 2 say it".
        tail = (f" {more} more {'outlet has' if more == 1 else 'outlets have'} sentences on"
                " it that were not checked." if more else "")
        # "independent": copies of one article (agent.ingest dedup) count once
        sources = "1 outlet" if len(s_names) == 1 else f"{len(s_names)} independent outlets"
        return "supported", f"Stated by {sources}: {', '.join(s_names)}.{tail}"
    if reported:
        who = ", ".join(_named_speakers(reported, reported)) or "someone"
        return (
            "not_enough_info",
            f"The sources only report this as a claim made by {who}; "
            "they do not state it as fact.",
        )
    return "not_enough_info", "No source states or contradicts this claim."
