"""Whether an answer's quotes tell the act a yes/no or "how many" question asks about:
"Has Fiona Trask lodged an appeal against her sentence?" is not answered by a column's
"Fiona Trask did not just steal from a company." (a court newcomer, session 50), which
quotes the question's name and nothing of what it asks (issue 13: an answer whose relation
is in no cited sentence is dropped).

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

_AUX = r"(?:has|have|had|did|does|do|is|are|was|were|will|would|can|could)"
_YES_NO = re.compile(rf"^\s*{_AUX}\s+(.+)$", re.IGNORECASE)
# "How many users have joined the group claim?": the act is what follows the counted thing
# and its auxiliary ("joined the group claim"). A dev story's unanswerable question of this
# kind was answered with the count of all the app's users.
_HOW_MANY = re.compile(rf"^\s*how\s+(?:many|much)\s+(?:[\w’'-]+\s+){{1,4}}?{_AUX}\s+(.+)$",
                       re.IGNORECASE)


def asked_act(question: str) -> frozenset[str]:
    """The stems of the act a one-part yes/no question, or a one-part "how many" or "how
    much" question with an auxiliary after what it counts, asks about (see the module
    docstring); empty for other questions and for two-part ones."""
    if COMPOUND.search(question):
        return frozenset()
    asked = _YES_NO.match(question) or _HOW_MANY.match(question)
    if asked is None:
        return frozenset()
    names = {t for e in entities(question) for t in stems(e)}
    return frozenset(stems(asked.group(1)) - names)


def states_asked_act(question: str, quotes: Sequence[str]) -> bool:
    """Whether some quote of `quotes` shares a stem with the act `question` asks about
    (`asked_act`); True when it asks about none."""
    act = asked_act(question)
    return not act or any(act & stems(q) for q in quotes)
