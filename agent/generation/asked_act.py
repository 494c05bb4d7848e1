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
from agent.text.agents import AUX
from agent.text.analysis import stems
from agent.text.facts import CAP_RUN, entities
from agent.text.lexicon import is_past_form, verb_lemmas
from agent.text.normalize import initials

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


# A question that asks for something: "What did ... find", "Who ...", "How many ...".
_WH = re.compile(r"^\s*(?:what|which|who|whom|whose|where|when|why|how)\b", re.IGNORECASE)


def tells_more_than_asked(question: str, texts: Sequence[str]) -> bool:
    """Whether the answer `texts` to a one-part wh-question say anything the question does
    not: a word stem beyond its own, a name's acronym counting as the name ("ESA" for the
    Environmental Standards Authority). "What did the Environmental Standards Authority find
    when it last inspected the Redvale site in March?" is not answered by "The ESA last
    inspected the site in March." (a fresh dev question the articles cannot answer, session
    65). True for other questions and for no texts."""
    if not texts or not _WH.match(question) or COMPOUND.search(question):
        return True
    asked = set(stems(question))
    asked |= {initials(run.split()).lower() for run in CAP_RUN.findall(question)
              if len(run.split()) > 1}
    return any(set(stems(text)) - asked for text in texts)


# "Who bequeathed the painting ...?": the verb of a question that asks for a doer.
_WHO_DID = re.compile(r"^\s*who\s+([a-z]+)\b", re.IGNORECASE)
_BE = frozenset(("is", "are", "was", "were", "be", "been", "being"))


def _agentless(words: Sequence[str], at: int) -> bool | None:
    """Whether the verb form at `at` of `words` (commas among them) is a passive with no
    doer ("since it was bequeathed in 1952", "The painting, bequeathed in 1952,"): True; a
    passive with "by" within six words after it: False; an active form ("who is leading
    the response"): None."""
    if not is_past_form(words[at]) or (
            words[at - 1:at] != [","] and not any(w in _BE for w in words[max(0, at - 3):at])):
        return None
    return "by" not in words[at + 1:at + 7]


def names_the_doer(question: str, quotes: Sequence[str]) -> bool:
    """Whether `quotes` may name who did what a "Who <verb> ...?" question asks about: False
    when the verb (any form of its lemma, agent.text.lexicon) stands in them only in
    passives with no "by" ("Who bequeathed the painting to the museum?" is not answered by
    "since it was bequeathed in 1952": a fresh dev question the articles cannot answer,
    session 65); True when it stands active or with "by", when they do not hold it (another
    verb may tell it), and for other questions ("Who was arrested?" asks for a patient, "Who
    has ...?" has an auxiliary first)."""
    m = _WHO_DID.match(question)
    lemmas = verb_lemmas(m.group(1)) if m and m.group(1).lower() not in AUX else frozenset()
    if not lemmas:
        return True
    found = []
    for quote in quotes:
        words = [w.lower() for w in re.findall(r"[\w’'-]+|,", quote)]
        found += [_agentless(words, i) for i, w in enumerate(words) if verb_lemmas(w) & lemmas]
    return not found or not all(found)
