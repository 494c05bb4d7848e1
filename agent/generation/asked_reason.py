"""Whether an answer to a why-question gives a reason: "Why did Wexcombe Building Society
fail?" is not answered by "The regulator stepped in over the weekend to shut down the
struggling mutual", which restates the event asked about (dev why-questions scored 0.45 on
fact recall, five of fourteen with a restatement; an environment newcomer's "Why did sewage
escape from the works?" got where the sewage came from).

A reason is told through an explicit causal connective or verb (the Penn Discourse Treebank's
explicit Contingency.Cause connectives, Prasad et al. 2008: "because", "as a result", "so
that", "after"; and verbs of causing or blaming: "caused", "blamed", "led to"). "After" a
span ("two days after the fire broke out") tells when, and so mostly do "since" and
"following"; they are left out.

An answer without one gives way to a quoted evidence sentence with one (the extractive
answer), and abstains when no such sentence is found (agent.generation.answer): on the
fresh dev questions of session 66 such answers were to unanswerable why-questions (three
then abstained, and one dev answer that told a reason as what an inquiry asks "whether" was
kept by reading that as one). Two-part questions are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from agent.generation.asked import COMPOUND

_WHY = re.compile(r"^\W*(?:why\b|what\s+(?:caused|led\s+to|was\s+behind|is\s+behind)\b)",
                  re.IGNORECASE)
_CAUSE = re.compile(
    r"\b(?:because|due\s+to|owing\s+to|as\s+a\s+result|result(?:s|ed)?\s+(?:of|from)|"
    r"so\s+that|in\s+order\s+to|so\s+as\s+to|thanks\s+to|"
    # a purpose told as a need ("the closures were needed to help fill a budget gap"), or
    # as what an inquiry asks ("will look at whether the tie-up reduces competition")
    r"(?:needed|necessary|required)\s+to|"
    r"(?:look|looking|examine|examining|investigate|investigating|consider|considering|"
    r"review|reviewing|assess|assessing)\s+(?:at\s+)?whether|"
    # "after a power cut knocked out a pump"; not "two days after the fire broke out"
    r"(?<!days\s)(?<!hours\s)(?<!weeks\s)(?<!months\s)(?<!years\s)(?<!shortly\s)(?<!soon\s)"
    r"after|"
    r"caus(?:e|es|ed|ing)|blam(?:e|es|ed|ing)|led\s+to|lead\s+to|leads\s+to|"
    r"reasons?|citing|cited|attribut(?:e|es|ed)\s+\w+\s+to|put\s+(?:it|this|that)\s+down\s+to|"
    r"triggered|sparked|driven\s+by|prompted)\b",
    re.IGNORECASE)


def asks_reason(question: str) -> bool:
    """Whether `question` is a one-part why-question ("Why ...?", "What caused ...?")."""
    return bool(_WHY.search(question)) and not COMPOUND.search(question)


def gives_reason(question: str, texts: Sequence[str]) -> bool:
    """Whether the answer `texts` give a reason where `question` asks why (see the module
    docstring); True for other questions and when there is no answer text."""
    if not texts or not asks_reason(question):
        return True
    return any(_CAUSE.search(t) for t in texts)
