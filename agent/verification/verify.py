"""Verify stage: claim -> atomic claims -> evidence per independent outlet -> stances -> verdict.

The model judges every relevant (claim part, sentence) pair, one short pair at a time, with
few-shot examples and constrained JSON, and its label probabilities are combined with code
signals (numbers, dates, places, polarity, coverage, attribution: agent/verification/checks.py,
stance.py); only signals measured precise on the dev stories veto it, and a support must
also be confirmed when the pair is asked as a yes/no question (confirm.py). Two sentences
of one article may back a claim together when neither does alone. Outlets, not articles,
are counted: syndicated copies are one voice. Verdicts: any refuted part -> refuted; else
any conflicting -> conflicting; else any not_enough_info -> not_enough_info; else supported.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Sequence
from typing import Any, Literal

from langchain_core.messages import BaseMessage
from pydantic import BaseModel

from agent.ingest.corpus import Corpus
from agent.llm.facade import LLM
from agent.llm.labels import label_probabilities
from agent.llm.prompts import load_examples, load_prompt, wrap_document
from agent.llm.usage import UsageSnapshot
from agent.retrieval.retrieve import Retriever
from agent.text.analysis import analyze
from agent.text.dates import publication_date
from agent.text.glosses import date_glossed
from agent.text.injection import looks_like_instruction
from agent.text.referents import with_described_referent, with_referent
from agent.text.roles import with_named_subject
from agent.text.slots import ANTECEDENT_SENTENCES, antecedent_rival, namesake
from agent.types import Evidence, Sentence
from agent.verification.checks import LOOSE_COVERAGE, compare
from agent.verification.claim_figures import figure_conflicts
from agent.verification.claims import attribution_of, reports_itself, split_claim
from agent.verification.confirm import Confirmer
from agent.verification.disputes import Dispute, dispute_verdict
from agent.verification.gather import EvidenceGatherer
from agent.verification.notes import evidence_item
from agent.verification.replies import contested, denials
from agent.verification.signals import Signals, Stance
from agent.verification.slots import MAX_SLOT_CALLS, SlotChecker
from agent.verification.stance import (
    SUPPORT_P,
    StanceProbs,
    combine,
    leans_to_refute,
)
from agent.verification.verdicts import (  # noqa: F401  (re-exported: the verify stage's records)
    GIVES_FIGURE,
    NOT_ASKED,
    AtomicVerdict,
    EvidenceItem,
    Label,
    Verdict,
    aggregate,
    decide,
)
from vectorstore.store import Embedder

_STANCE_OF = {"supported": "supports", "refuted": "refutes", "not_enough_info": "silent"}
_LABELS = tuple(_STANCE_OF)


def passage_counts(final: Stance, sig: Signals) -> bool:
    """Whether the stance of a passage of two sentences (Verifier._joint_passages) counts as
    evidence: its support, and its refutation by the model. A figure of one sentence read
    against the other's words is no conflict that either sentence has."""
    return final == "supports" or (final == "refutes" and not sig.hard_conflict)


class Judgement(BaseModel):
    """What the model may answer for one (claim, sentence) pair."""

    label: Literal["supported", "refuted", "not_enough_info"]


class Verifier:
    """Claim -> verdict with quoted evidence (module doc). `llm` None, or `use_model`
    False, decides by the code checks alone; `max_calls` stance calls and `slot_calls`
    cloze calls per claim part, and no more once `enough_support` outlets back it; `confirm`
    asks each support again as a yes/no question (agent.verification.confirm); `disputes`
    gives the story's disputed figures (agent.verification.disputes). Raises
    ModelError when the model fails; a claim with no evidence is not_enough_info."""

    def __init__(
        self,
        corpus: Corpus,
        retriever: Retriever,
        embedder: Embedder,
        llm: LLM | None,
        *,
        top_k: int = 8,
        per_outlet: int = 2,
        max_outlets: int = 6,
        min_score: float = 0.3,
        use_model: bool = True,
        max_calls: int = 3,
        enough_support: int = 2,
        slot_calls: int = MAX_SLOT_CALLS,
        confirm: bool = True,
        disputes: Callable[[], Sequence[Dispute]] = lambda: (),
    ) -> None:
        self.corpus = corpus
        self.disputes = disputes  # the story's disputed figures (called once per claim part)
        self.llm = llm
        self.evidence = EvidenceGatherer(corpus, retriever, embedder, top_k=top_k,
                                         per_outlet=per_outlet, max_outlets=max_outlets,
                                         min_score=min_score)
        self.use_model = use_model and llm is not None
        # Stance calls per claim part: 3 gave the dev stories' verdicts of 4 (0.567 vs 0.558
        # accuracy, seeds 0.826 both) with 12% fewer calls (session 8, cache replays).
        self.max_calls = max_calls
        self.enough_support = enough_support
        # Cloze checks of the claim's names (agent.verification.slots), per claim part.
        self.slot_calls = slot_calls
        self.slots = SlotChecker(llm) if self.use_model and llm is not None else None
        self.confirmer = Confirmer(llm) if self.use_model and llm is not None and confirm else None
        self.prompt = load_prompt("verify")
        self.examples = load_examples("verify_examples")
        # When a list, every judged pair is appended to it (calibration, debugging).
        self.trace: list[dict[str, Any]] | None = None

    # --- evidence -------------------------------------------------------------------------
    def gather(self, claim: str) -> list[tuple[str, Evidence]]:
        """(outlet key, evidence) pairs: the best few sentences of each independent outlet
        and other outlets' versions of the claim's details (agent.verification.gather)."""
        return self.evidence.gather(claim)

    # --- judging --------------------------------------------------------------------------
    def messages(self, claim: str, sentence: str) -> list[BaseMessage]:
        """System + few-shot turns first (a prefix llama.cpp reuses), the pair last."""
        shots = ((dict(claim=ex["claim"], evidence=wrap_document("E", ex["evidence"])),
                  f'{{"label": "{ex["label"]}"}}') for ex in self.examples)
        return self.prompt.with_shots(shots, claim=claim, evidence=wrap_document("E", sentence))

    def judge(self, claim: str, sentence: str) -> Stance:
        """The model's most likely stance for one pair."""
        probs = self.judge_probs(claim, sentence)
        best = max(probs, key=lambda k: probs[k])
        return "supports" if best == "supports" else "refutes" if best == "refutes" else "silent"

    def judge_probs(self, claim: str, sentence: str) -> dict[str, float]:
        """P(stance) for one (claim, sentence) pair from the model's label probabilities
        (agent.llm.labels)."""
        assert self.llm is not None
        probs = label_probabilities(self.llm, self.messages(claim, sentence), Judgement,
                                    "label", _LABELS)
        return {_STANCE_OF[k]: v for k, v in probs.items()}

    def stance(
        self, claim: str, sentence: str, sig: Signals, claim_speaker: str | None, ask: bool = True
    ) -> tuple[Stance, StanceProbs | None]:
        """Final stance and the model's probabilities (None when the model was not asked: a
        veto decides, the sentence is not about the claim, or the budget is spent)."""
        vetoed = sig.hard_conflict
        relevant = sig.aligned or sig.coverage >= LOOSE_COVERAGE
        if vetoed or not relevant or not self.use_model or not ask:
            return combine(None, sig, claim_speaker=claim_speaker), None
        probs = self.judge_probs(claim, sentence)
        final = combine(probs, sig, claim_speaker=claim_speaker)
        if final == "supports" and self.confirmer is not None and claim_speaker is None:
            # Support needs the yes/no framing to agree (confirm.py). Not for "X said P":
            # "does it say that X said P" was no to 5 of the 9 dev claims it lost, 1 of 22 fixed.
            asked = self.confirmer.probs(claim, sentence)
            sig.confirmation, sig.contradiction = asked.get("yes", 0.0), asked.get("no", 0.0)
            final = combine(probs, sig, claim_speaker=claim_speaker)
        return final, probs

    # --- verdicts -------------------------------------------------------------------------
    def verify_atomic(self, claim: str) -> AtomicVerdict:
        """The verdict of one claim part, with its evidence. `claim` is reported as given; it
        is judged with its role-named subject replaced by the name the evidence's articles
        give that role (`_judged_claim`)."""
        gathered = self.gather(claim)
        stated, claim = claim, self._judged_claim(claim, gathered)
        attr = attribution_of(claim)
        speaker = attr.speaker if attr else None
        items: list[tuple[str, EvidenceItem, Signals]] = []
        calls = 0
        slot_budget = self.slot_calls
        backed: set[str] = set()
        refuting: set[str] = set()  # sentences judged to contradict the claim alone
        by_article: dict[str, list[tuple[str, Sentence, Signals]]] = {}
        names = self.evidence.known_names([e.sentence.article_id for _, e in gathered])
        judged: list[tuple[str, Sentence, Signals, str, str]] = []
        for outlet, e in gathered:
            s = e.sentence
            if looks_like_instruction(s.text):
                continue  # an instruction to the model is no evidence (agent.text.injection)
            before, quoted_by = self.evidence.context(s)
            published = publication_date(self.corpus.article(s.article_id).date)
            preceding = self.evidence.preceding(s, ANTECEDENT_SENTENCES)
            # "He also said ..." is read as "Owen Baptiste also said ...", "The ferry, built
            # ..." as "The ferry Corran Star, built ..." (agent.text.referents)
            text = with_described_referent(with_referent(s.text, preceding),
                                           self.evidence.preceding(s))
            sig = compare(claim, text, e.score, before, self.evidence.article_terms(s.article_id),
                          quoted_by=quoted_by, known_names=names, published=published,
                          lead=self.evidence.article_lead(s.article_id))
            if e.label == "F" and not sig.conflicts and not sig.other_time:
                sig.conflicts.extend(figure_conflicts(claim, text))
            if sig.other_actor is None:  # "The valley has ..." after a near-miss's name
                sig.other_actor = antecedent_rival(claim, s.text, preceding)
            # the model reads the sentence with its days dated ("this morning [Thursday 26
            # November 2026]"): it cannot tell from the words alone which day that was
            judged.append((outlet, s, sig, text, date_glossed(text, published)))
        # The model's few calls go first to the sentences that state every figure of the
        # claim: the outlet that gives the claim's version of a disputed figure ("banned for
        # two years") must be judged for the verdict to be "conflicting", not "refuted".
        judged.sort(key=lambda j: not j[2].figures_stated)
        for outlet, s, sig, text, read in judged:
            # Each call costs seconds on a laptop CPU: stop asking once two outlets back the
            # claim (more agreement cannot change the verdict; conflicts are found by code).
            ask = calls < self.max_calls and len(backed) < self.enough_support
            final, probs = self.stance(claim, read, sig, speaker, ask)
            calls += probs is not None
            if (final == "refutes" and not (sig.hard_conflict or sig.polarity_conflict)
                    and self.evidence.opinion(s.article_id)):
                final = "silent"  # a column's rhetoric contradicts nothing on the model's word
            # A support by the words alone (near-verbatim coverage) is checked too: a namesake
            # ("Maureen Pryce, who chairs ...") covers all but one word of the claim.
            # (no names' rivals for a claim's past year in a sentence of the story's time)
            if (final == "supports" or (probs is not None
                                        and probs.get("supports", 0.0) >= SUPPORT_P)) \
                    and not sig.other_time:
                final, used = self._check_names(
                    claim, text, sig, probs, speaker, final, slot_budget, names,
                    self.evidence.preceding(s))
                slot_budget -= used
            self._trace(claim, outlet, s.text, sig, probs, final, speaker)
            if final == "supports":
                backed.add(outlet)
            elif final == "refutes" or leans_to_refute(probs):
                # (the model's lean counts too: "The bank said full card numbers and PINs
                # were not taken", refutes P 0.69, backed "... were among the data stolen"
                # in a joint passage; a data-breach newcomer, session 62)
                refuting.add(s.id)
            by_article.setdefault(s.article_id, []).append((outlet, s, sig))
            item = evidence_item(self.corpus, s, sig, final, probs, speaker, claim)
            if item is not None:
                if not ask and self.use_model and final == "silent":
                    item.signals.append(NOT_ASKED)
                items.append((outlet, item, sig))
        if not backed and self.use_model and attr is None:
            # What one speaker said stands in one sentence: two sentences read as one
            # passage let one's speaker stand for the other's words ("Leona Marsh said ..."
            # + "Pete Adeyemi said staff had 'simply run out of patience'").
            items += self._joint_passages(claim, by_article, speaker, calls, refuting)
        # outlets giving the claim's value of a figure that another outlet gives otherwise
        anchored = {outlet for outlet, e in gathered if e.label == "A"}
        verdict, explanation = decide(claim, items, reports_itself(claim), anchored)
        if verdict == "supported" and attr is None and (why := contested(self.corpus, items)):
            verdict, explanation = "not_enough_info", why
        order = {"refutes": 0, "supports": 1, "silent": 2}
        evidence = sorted((i for _, i, _ in items), key=lambda i: order[i.stance])
        if verdict == "not_enough_info" and (replies := denials(self.corpus, evidence)):
            # only reported as someone's charge, and denied where it is reported
            evidence += replies
            explanation += (" The same reports print a denial: "
                            f"{', '.join(dict.fromkeys(r.outlet or '' for r in replies))}.")
        # A claim that takes one side of a figure the story's outlets dispute is conflicting,
        # whatever its few judged pairs showed (agent.verification.disputes).
        if verdict != "conflicting" and (found := dispute_verdict(claim, self.disputes(),
                                                                  self.corpus)):
            verdict, explanation, sides = found
            evidence = [*sides, *evidence]
        if verdict == "conflicting":  # show the side that gives the claim's figure too
            given = {(e.sentence.article_id, e.sentence.text)
                     for _, e in gathered if e.label == "A"}
            evidence = [i.model_copy(update={"signals": [*i.signals, GIVES_FIGURE]})
                        if i.stance == "silent" and (i.citation.source, i.citation.quote) in given
                        else i for i in evidence]
        return AtomicVerdict(
            claim=stated, verdict=verdict, evidence=evidence, explanation=explanation
        )

    def _judged_claim(self, claim: str, gathered: Sequence[tuple[str, Evidence]]) -> str:
        """`claim` with a subject named by role ("The Mexican president sent ...") replaced
        by the name its evidence's articles put after that role ("Mexican President Claudia
        Sheinbaum"): the small judge reads the role and the name as two people
        (agent.text.roles); or with a speaker described as a body ("According to the
        operator") replaced by the body's name (agent.text.bodies). Unchanged when no
        article gives the role or the description a name."""
        articles = dict.fromkeys(e.sentence.article_id for _, e in gathered)
        texts = [s.text for aid in articles for s in self.corpus.article(aid).sentences]
        attr = attribution_of(claim)
        return with_named_subject(claim, texts, attr.speaker if attr else None)

    def _check_names(
        self, claim: str, sentence: str, sig: Signals, probs: StanceProbs | None,
        speaker: str | None, final: Stance, budget: int,
        known_names: frozenset[str] | None = None, preceding: Sequence[str] = (),
    ) -> tuple[Stance, int]:
        """The stance after the cloze check of the claim's names (agent.verification.slots)
        on a sentence the model leans to support (`final` is the stance before it), and the
        model calls it made. A role held by someone else is a conflict; an event given to
        someone else is no support."""
        if self.slots is None or budget <= 0:
            return final, 0
        finding, used = self.slots.check(claim, sentence, budget, known_names, preceding)
        if finding is None:
            return final, used
        # A namesake given a figure the claim's does not match ("Brackenridge Care Homes
        # ... employs about 140 staff" for "... Homecare employs thirty carers", a court
        # newcomer), or none of what the claim says of its subject ("Brantwick Wildlife
        # Park is home to ..." for "Brantwick Farm Park keeps no big cats", dev brantwick
        # c06), tells another entity's fact, no rival doer; in a role, another holder still.
        other_fact = (not finding.slot.role and namesake(finding.slot.name, finding.filler)
                      and ((bool(analyze(claim).quantities) and not sig.figures_stated)
                           or sig.predicate_coverage == 0))
        if finding.conflict is not None and not other_fact:
            sig.conflicts.append(finding.conflict)
        else:
            sig.other_actor = finding.filler
        return combine(probs, sig, claim_speaker=speaker), used

    def _joint_passages(
        self, claim: str, by_article: dict[str, list[tuple[str, Sentence, Signals]]],
        speaker: str | None, calls: int, refuting: Collection[str] = (),
    ) -> list[tuple[str, EvidenceItem, Signals]]:
        """Two sentences of one article judged as one passage when no sentence backs the
        claim alone: together they may back it ("10,000 runners finished" + "The event
        raised $1.2 million") or, by the model's judgement, state its opposite ("Lowfield
        Bridge has been closed" + "Pedestrians cannot use the bridge" for "Pedestrians may
        still cross"). Cited as two quotes; stops at the first passage that backs it."""
        out: list[tuple[str, EvidenceItem, Signals]] = []
        for pairs in by_article.values():
            if len(pairs) < 2 or calls >= self.max_calls:
                continue
            (outlet, a, sa), (_, b, sb) = sorted(pairs[:2], key=lambda p: p[1].start)
            # a sentence that gives the claim's event to someone else ("Helena Marsh closed
            # ..." for Elena Marsh) lends no event to the other's name
            if sa.hard_conflict or sb.hard_conflict or sa.other_actor or sb.other_actor:
                continue
            # a sentence judged to say the opposite alone lends its words to no support:
            # "Harwood Park Primary ... is not affected by the proposals" beside the trust's
            # plan backed "Harwood Park Primary is affected" (an education newcomer, s53)
            if a.id in refuting or b.id in refuting:
                continue
            joint = f"{a.text} {b.text}"
            sig = compare(claim, joint, max(sa.score, sb.score), self.evidence.context(a)[0],
                          self.evidence.article_terms(a.article_id),
                          known_names=self.evidence.known_names([a.article_id]))
            if not (sa.attributed_to and sb.attributed_to):  # one in the outlet's own voice
                sig.attributed_to = None  # is no mere report (a newcomer, session 63)
            final, probs = self.stance(claim, joint, sig, speaker)
            calls += probs is not None
            self._trace(claim, outlet, joint, sig, probs, final, speaker, joint=True)
            if not passage_counts(final, sig):
                continue
            for s in (a, b):
                item = evidence_item(self.corpus, s, sig, final, probs, speaker, claim)
                if item is not None:
                    out.append((outlet, item, sig))
            if final == "supports":
                break
        return out

    def _trace(self, claim: str, outlet: str, text: str, sig: Signals,
               probs: StanceProbs | None, final: Stance, speaker: str | None,
               joint: bool = False) -> None:
        """Record one judged pair when tracing (evals/calibrate.py replays them); `joint`
        marks a passage of two sentences."""
        if self.trace is not None:
            self.trace.append({"claim": claim, "outlet": outlet, "text": text,
                               "signals": sig.as_record(), "probs": dict(probs or {}),
                               "stance": final, "speaker": speaker, "joint": joint})

    def verify(self, claim: str, id: str | None = None) -> Verdict:
        t0 = time.perf_counter()
        before = self.llm.usage.snapshot() if self.llm else None
        parts = split_claim(claim) or [claim]
        atomic = [self.verify_atomic(p) for p in parts]
        verdict = aggregate(a.verdict for a in atomic)
        deciding = next(a for a in atomic if a.verdict == verdict)
        explanation = deciding.explanation if len(atomic) == 1 else (
            f'{len(atomic)} parts; "{deciding.claim}" is {verdict.replace("_", " ")}: '
            f"{deciding.explanation}")
        evidence: list[EvidenceItem] = []
        seen: set[tuple[str, int, str]] = set()
        for a in atomic:
            for e in a.evidence:
                key = (e.citation.source, e.citation.start, e.stance)
                if key not in seen:
                    seen.add(key)
                    evidence.append(e)
        used = self.llm.usage.since(before) if self.llm and before else UsageSnapshot()
        return Verdict(
            claim=claim,
            verdict=verdict,
            atomic=atomic,
            evidence=evidence,
            explanation=explanation,
            backend=self.llm.backend if self.llm else "none",
            model=self.llm.model_name if self.llm else "rules-only",
            latency_s=round(time.perf_counter() - t0, 3),
            tokens_in=used.tokens_in,
            tokens_out=used.tokens_out,
            model_calls=used.calls,
            id=id,
        )


def verify_sentences(verifier: Verifier, texts: Sequence[str]) -> list[Verdict]:
    """Verify each sentence of a generated answer or summary (reused by summarize and evals)."""
    return [verifier.verify(t, id=str(i)) for i, t in enumerate(texts) if t.strip()]
