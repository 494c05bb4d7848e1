"""Which named body a description stands for: "the operator" for "Brenford Valley Trains".

News names an organisation once and goes on with what it is: "Brenford Valley Trains
cancelled 1,140 services ..., the operator confirmed", "..., the company said". A reader who
checks "According to the operator, close to four thousand complaints came in" means that
body, but the claim shares no word of its name with the sentence that reports it, and the
sentence's own speaker is only "the company": read alone, the two seem to be different
voices (a fresh dev claim, session 67, came out not_enough_info).

`described_body` finds the name the articles give a description, from the three ways they
tie one to a name:
- the description's noun right before the name: "rail operator Brenford Valley Trains";
- the name, then the description as its apposition: "Brenford Valley Trains, the operator,"
  ("Brenmore Plastics, a separate company" says what it is, not which one "the company" is);
- a sentence whose subject is the name and whose closing reporting clause is the
  description: "Brenford Valley Trains cancelled 1,140 services ..., the operator confirmed
  on Tuesday" (a body that reports its own act).
People are left to agent.text.roles ("the chief executive" is a role, not a body).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from agent.text.actors import finite_verb
from agent.text.facts import CAP_RUN, MONTHS, NOT_ENTITY, WEEKDAYS, strip_dateline
from agent.text.lexicon import is_common_word
from agent.text.slots import person_name

# A description: "the" and one to three lower-case words ("the operator", "the rail
# operator", "the health board"); a possessive ("the firm's lawyer") names a person.
_DESCRIPTION = re.compile(r"^\s*the\s+((?:[a-z][a-z-]*\s+){0,2}[a-z][a-z-]*)\s*$",
                          re.IGNORECASE)
_NAME = r"[A-Z][\w&’'-]*(?:\s+(?:of\s+|and\s+|&\s+)?[A-Z][\w&’'-]*){0,4}"
# A reporting verb; closing a sentence after the description, the sentence's own report:
# ", the operator confirmed on Tuesday.", ", the company said in a statement."
_REPORTING = (r"(?:has\s+|had\s+)?(?:said|says|confirmed|confirms|announced|announces|added|"
              r"adds|stated|states|admitted|admits|insisted|insists|explained|explains|told)\b")
# Words after a subject's name that make it the doer: a finite verb or an auxiliary.
_AUX = frozenset(("is", "are", "was", "were", "has", "have", "had", "will", "would"))
# The most common name must be given at least this many times as often as any other.
DOMINANCE = 2


def _body(run: str) -> str | None:
    """A capitalised run as a body's name: its words without a leading "The", when it is
    no person's name and no lone common word ("Police")."""
    words = [w for w in run.split() if w.lower() not in NOT_ENTITY or w[0].isupper()]
    while words and words[0].lower() == "the":
        words = words[1:]
    name = " ".join(words).removesuffix("’s").removesuffix("'s")
    if not name or person_name(name) is not None:
        return None
    if " " not in name and (is_common_word(name.lower())
                            or name.lower() in (*MONTHS, *WEEKDAYS)):
        return None
    return name


def _names_given(noun: str, text: str) -> list[str]:
    """The bodies `text` ties to a description whose last word is `noun` (module
    docstring), as written."""
    found: list[str] = []
    body = strip_dateline(text)
    for m in re.finditer(rf"\b{noun}\s+({_NAME})", body):
        found.append(m.group(1))
    # (not "... from 1 June, the union said": a closing report, no apposition; nor "Leona
    # Marsh, the union's branch secretary": someone of the body)
    for m in re.finditer(rf"({_NAME}),\s+the\s+(?:[a-z-]+\s+){{0,2}}{noun}(?![’'\w])"
                         rf"(?!\s+{_REPORTING})", body):
        found.append(m.group(1))
    closing = rf",\s+the\s+(?:[a-z-]+\s+){{0,2}}{noun}\s+{_REPORTING}[^,;]{{0,40}}[.!]?\s*$"
    if re.search(closing, body):
        # the subject doing the act ("Brenford Valley Trains cancelled"), not a thing the
        # body talks about ("Nine of those children needed surgery, the regulator said")
        subject = CAP_RUN.match(body.lstrip())
        after = body.lstrip()[subject.end():].split()[:1] if subject is not None else []
        if (subject is not None and after and (after[0] in _AUX or finite_verb(after[0]))
                and not subject.group(0).endswith(("’s", "'s"))):  # "Kettering's masts"
            found.append(subject.group(0))
    return [b for f in found if (b := _body(f)) is not None]


def described_body(description: str, texts: Iterable[str]) -> str | None:
    """The name of the body `description` ("the operator", "The company") stands for in
    `texts` (a story's sentences), or None: not a description of that shape, no text ties
    it to a name, or two names tied to it with neither given DOMINANCE times as often as
    the other (a story with two councils)."""
    m = _DESCRIPTION.match(description)
    if m is None:
        return None
    noun = m.group(1).split()[-1].lower()
    names = Counter(n for t in texts for n in _names_given(noun, t))
    if not names:
        return None
    ranked = names.most_common(2)
    if len(ranked) == 2 and ranked[0][1] < DOMINANCE * ranked[1][1]:
        return None
    return ranked[0][0]
