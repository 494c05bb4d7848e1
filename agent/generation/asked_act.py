"""Whether an answer's quotes tell the act a yes/no question asks about: "Has Fiona Trask
lodged an appeal against her sentence?" is not answered by a column's "Fiona Trask did not
just steal from a company." (a court newcomer, session 50), which quotes the question's name
and nothing of what it asks (issue 13: an answer whose relation is in no cited sentence is
dropped).

The act is the question's words other than its names; a quote tells it when it shares a stem
with them (agent.text.analysis.stems). Two-part questions are left alone. The same check on
the past-tense verb of "Who <verb>ed ...?" was tried (session 51) and dropped: a synonym
("unearthed" for "found") sent a right dev answer to the extractive fallback, and that
fallback answered an unanswerable "Who leaked the maths paper?" with a sentence that has the
act and no one doing it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from agent.generation.asked import COMPOUND
from agent.text.analysis import stems
from agent.text.facts import entities

_YES_NO = re.compile(r"^\s*(?:has|have|had|did|does|do|is|are|was|were|will|would|can|could)"
                     r"\s+(.+)$", re.IGNORECASE)


def asked_act(question: str) -> frozenset[str]:
    """The stems of the act a one-part yes/no question asks about (see the module
    docstring); empty for other questions and for two-part ones."""
    if COMPOUND.search(question):
        return frozenset()
    yes_no = _YES_NO.match(question)
    if yes_no is None:
        return frozenset()
    names = {t for e in entities(question) for t in stems(e)}
    return frozenset(stems(yes_no.group(1)) - names)


def states_asked_act(question: str, quotes: Sequence[str]) -> bool:
    """Whether some quote of `quotes` shares a stem with the act `question` asks about
    (`asked_act`); True when it asks about none."""
    act = asked_act(question)
    return not act or any(act & stems(q) for q in quotes)
