"""Invariants of sourcebound's outputs that hold whichever answer or verdict the model gives.

End-to-end tests assert these instead of exact per-item expectations: a model build on another
CPU may word an answer differently or flip a borderline verdict, and quality figures belong to
`sourcebound eval` and its regression gate. What must never happen on any machine: an answer
that states something without citing it, a quote that is not verbatim in its source, an
invalid label, a stance without quoted evidence, an internal label in user-facing text.
"""

from __future__ import annotations

import re

from agent.ingest.corpus import Corpus
from agent.retrieval.citations import is_valid
from agent.types import Answer
from agent.verification.verify import Verdict

LABELS = ("supported", "refuted", "not_enough_info", "conflicting")
# Prompt labels ("[S3]", "S3") and source aliases ("source A") are internal: never shown.
INTERNAL_LABEL = re.compile(r"\[S\d+\]|\bS\d+\b|\bsource [A-Z]\b")


def answer_problems(corpus: Corpus, ans: Answer) -> list[str]:
    """What is wrong with one answer; [] when it keeps every invariant."""
    out: list[str] = []
    if ans.abstained:
        if ans.citations:
            out.append("an abstention carries citations")
        return out
    if not ans.answer.strip() or not ans.sentences:
        out.append("not abstained but empty")
    if INTERNAL_LABEL.search(ans.answer):
        out.append(f"internal label in the answer: {ans.answer!r}")
    for s in ans.sentences:
        if not s.citations:
            out.append(f"uncited sentence: {s.text!r}")
        out += [f"quote not verbatim: {c!r}" for c in s.citations if not is_valid(corpus, c)]
    out += [f"quote not verbatim: {c!r}" for c in ans.citations if not is_valid(corpus, c)]
    return out


def verdict_problems(corpus: Corpus, v: Verdict) -> list[str]:
    """What is wrong with one verdict; [] when it keeps every invariant."""
    out: list[str] = []
    if v.verdict not in LABELS:
        out.append(f"invalid verdict {v.verdict!r}")
    items = list(v.evidence) + [e for a in v.atomic for e in a.evidence]
    for a in v.atomic:
        if a.verdict not in LABELS:
            out.append(f"invalid part verdict {a.verdict!r}")
    for e in items:
        c = e.citation
        if not is_valid(corpus, c):
            out.append(f"evidence quote not verbatim: {c!r}")
    stances = {e.stance for e in items}
    need = {"supported": {"supports"}, "refuted": {"refutes"},
            "conflicting": {"supports", "refutes"}}.get(v.verdict, set())
    if not need <= stances:
        out.append(f"verdict {v.verdict} without quoted evidence of stance {sorted(need)}")
    return out
