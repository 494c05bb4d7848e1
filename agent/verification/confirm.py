"""The confirmation: the model asked, as a yes/no question, whether a sentence says a claim.

The three-way stance label (`prompts/verify.txt`) leans to "supports" on almost any
sentence about the claim's topic: on 237 dev pairs it already backed (P(supports) >= 0.4),
it backed 39 of 40 from claims labelled refuted and 41 of 41 from not_enough_info claims.
Asked the same pair as a question ("Does the sentence say that ...?", `prompts/
verify_confirm.txt`), the same model answered "yes" for 66 of 97 pairs of supported claims
but for only 14 of 40 (refuted) and 15 of 41 (not_enough_info) at P(yes) >= 0.3 (session
30's pair study, `evals/results/stories-2026-12-03-s30.md`). A second framing is a second,
partly independent reading: support needs both (agent.verification.stance.support_gate).
Negating the claim instead ("It is not true that ...") told the pairs apart far less
(mean P(supports) fell by 0.13 for supported claims' pairs and by 0.10 for refuted ones').
"""

from __future__ import annotations

from typing import Literal

from langchain_core.messages import BaseMessage
from pydantic import BaseModel

from agent.llm.facade import LLM
from agent.llm.labels import label_probabilities
from agent.llm.prompts import load_examples, load_prompt, wrap_document

_ANSWER_OF = {"supported": "yes", "refuted": "no", "not_enough_info": "unknown"}
_ANSWERS = ("yes", "no", "unknown")
# Leading words that start a sentence but read lower-case after "say that" (names keep
# their capitals).
_ARTICLES = frozenset({"The", "A", "An"})


class Confirmation(BaseModel):
    """What the model may answer when asked whether one sentence says a claim."""

    answer: Literal["yes", "no", "unknown"]


def as_statement(claim: str) -> str:
    """The claim as it reads after "Does the sentence say that": a leading article
    lower-cased ("The council ..." -> "the council ..."), anything else unchanged."""
    first = claim.split(maxsplit=1)[0] if claim.strip() else ""
    return claim[0].lower() + claim[1:] if first in _ARTICLES else claim


class Confirmer:
    """Asks the yes/no question of `prompts/verify_confirm.txt`, with the verifier's few-shot
    examples (`prompts/verify_examples.jsonl`, labels read as yes / no / unknown) as turns
    before the pair, so that llama.cpp reuses the shared prefix."""

    def __init__(self, llm: LLM) -> None:
        self.llm = llm
        self.prompt = load_prompt("verify_confirm")
        self.examples = load_examples("verify_examples")

    def messages(self, claim: str, sentence: str) -> list[BaseMessage]:
        """System turn, the few-shot turns, then the pair."""
        shots = ((dict(claim=as_statement(ex["claim"]),
                       evidence=wrap_document("E", ex["evidence"])),
                  f'{{"answer": "{_ANSWER_OF[ex["label"]]}"}}') for ex in self.examples)
        return self.prompt.with_shots(shots, claim=as_statement(claim),
                                      evidence=wrap_document("E", sentence))

    def probs(self, claim: str, sentence: str) -> dict[str, float]:
        """{"yes", "no", "unknown": probability}, summing to 1: whether `sentence` says
        `claim`, says something that cannot be true with it, or does not say, from the
        model's label probabilities (agent.llm.labels). Raises ModelError on a backend
        failure."""
        return label_probabilities(self.llm, self.messages(claim, sentence), Confirmation,
                                   "answer", _ANSWERS)

    def p_yes(self, claim: str, sentence: str) -> float:
        """P("yes"), in [0, 1], that `sentence` says `claim` (`probs`)."""
        return self.probs(claim, sentence).get("yes", 0.0)
