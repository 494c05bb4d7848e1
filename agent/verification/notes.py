"""The evidence item a verdict shows for one judged sentence: its citation, its stance and
notes on why code and model decided so ("reported: attributed to ...", "model judged:
supports p=0.72", "not counted as support: ...")."""

from __future__ import annotations

from agent.ingest.corpus import Corpus
from agent.retrieval.citations import cited_outlet, make_citation
from agent.types import Sentence
from agent.verification.signals import Signals, Stance
from agent.verification.stance import (
    REFUTE_P,
    SUPPORT_P,
    StanceProbs,
    refute_gate,
    support_gate,
)
from agent.verification.verdicts import EvidenceItem


def evidence_item(
    corpus: Corpus, s: Sentence, sig: Signals, final: Stance, probs: StanceProbs | None,
    speaker: str | None, claim: str = "",
) -> EvidenceItem | None:
    """The cited evidence item of one judged sentence, with notes on why it was decided;
    `speaker`: whose words an attributed claim is about (None for a plain claim); `claim`:
    the claim part's text, whose casing the conflict notes keep (`Conflict.shown`). None
    when the sentence cannot be cited."""
    cite = make_citation(corpus, s.article_id, s.text)
    if cite is None:  # the registry and the text snapshot disagree: never cite it
        return None
    notes = [c.shown(claim, s.text) for c in sig.conflicts] if final == "refutes" else []
    if sig.polarity_conflict and final == "refutes":
        # Only a conflict of figures, dates or places makes outlets disagree (decide): say
        # that a negation alone is weaker, as the verdict's explanation does.
        notes.append("negation: the source seems to say the opposite" if not sig.hard_conflict
                     else "negation: the source states the opposite")
    if final == "supports" and sig.attributed_to and speaker is None:
        notes.append(f"reported: attributed to {sig.attributed_to}")
    if probs is not None:
        # The model's top label with its probability, and the decided stance's own when
        # the decision differs ("model judged: refutes p=0.44, supports p=0.41").
        top = max(probs, key=lambda k: probs[k])
        own = f", {final} p={probs[final]:.2f}" if final != top and final in probs else ""
        notes.append(f"model judged: {top} p={probs[top]:.2f}{own}")
        # Why a sentence the model backs is not counted (newcomer trials: "supports
        # p=0.88" beside a silent stance read as a contradiction).
        gate = support_gate(sig, speaker)
        if final == "silent" and probs.get("supports", 0.0) >= SUPPORT_P and gate:
            notes.append(f"not counted as support: {gate}")
        elif final == "silent" and top == "refutes":
            why = refute_gate(sig) or (f"the model's p={probs[top]:.2f} is under the "
                                       f"{REFUTE_P} a contradiction needs")
            notes.append(f"not counted as a contradiction: {why}")
    elif final == "refutes" and sig.hard_conflict:
        notes.append("a conflict found by code; the model was not asked")
    return EvidenceItem(citation=cite, stance=final, signals=notes,
                        outlet=cited_outlet(corpus, s.article_id, s))
