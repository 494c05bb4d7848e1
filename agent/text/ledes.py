"""Whom a news lede describes: the person an article's opening sentence tells of by a
description and names only in the next ("A former treasurer of a children's cancer charity
was convicted on Thursday of defrauding it of £412,000." / "Graham Pellow, 61, was found
guilty ..."). News style keeps the name out of the lede; a question or claim that names the
person shares no name with the sentence that answers it (a newcomer's court story: "How long
was Fiona Trask jailed for?" was never shown "A Marlstead woman who stole £1.2m ... was
jailed for four-and-a-half years yesterday").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from agent.text.facts import strip_dateline

# A lede that opens on an indefinite description: "A former treasurer of ...", "A Marlstead
# woman who ..." (after the dateline, if any); its head is the last word before "who", "of"
# or the verb.
_DESCRIPTION = re.compile(
    r"^\s*(?:A|An)\s+((?:[\w'’-]+\s+){0,4}?[a-z][\w'’-]*)"
    r"(?=\s+(?:who|whose|of|from|in|at|with|on|was|is|has|had|were|will)\b|,)")
_WHO = re.compile(r"^\s*(?:who|whose)\b")
# The sentence that names the lede's person opens on the name, two to four capitalised
# words, followed by an aside or the verb: "Graham Pellow, 61, was", "Fiona Trask, of
# Elmfield Road,", "Dennis Mallory was". Titles before the name are part of the run.
_NAMED_OPENING = re.compile(
    r"^\s*((?:[A-Z][\w'’-]+\s+){1,3}[A-Z][\w'’-]+)(?=,|\s+(?:was|is|has|had|were|will|did)\b)")
# A person's age, the aside news gives after a name: "Graham Pellow, 61, was ...".
_AGE_ASIDE = re.compile(r"^,\s*\d{1,3}\s*,")
# Nouns of a person by what they do or are ("treasurer", "councillor", "chemist",
# "woman"): a description whose head ends so may be of the person the next sentence names
# with an age; "A hoard of 1,146 Roman coins" or "An employment tribunal" is of none.
_AGENT_NOUN = re.compile(r"(?:er|or|ist|man|woman|ant|ent|ian)$")
# The sentences after the lede where its person is named, as news writes it.
NAMING_SENTENCES = 2
# A capitalised run that opens a sentence but names no person: a day, a place's preposition.
_NOT_PERSON = re.compile(r"^(?:On|In|At|By|The|This|That|Last|Since|After|Before|But|And)\b")


def lede_referent(body: Sequence[str]) -> str | None:
    """The name of the person the article's lede describes, as written ("Graham Pellow"),
    or None. `body`: the article's body sentences in order (`Article.body_sentences`'
    texts), the lede first. The lede opens on an indefinite description ("A former
    treasurer ...", `_DESCRIPTION`) and one of the next NAMING_SENTENCES sentences on a
    name followed by an aside or a verb (`_NAMED_OPENING`); the description is of a person
    when "who" follows it, or when its head is an agent noun (`_AGENT_NOUN`) and the name
    comes with an age ("Graham Pellow, 61,")."""
    lede = strip_dateline(body[0]) if body else ""
    described = _DESCRIPTION.match(lede)
    if described is None:
        return None
    who = _WHO.match(lede[described.end():]) is not None
    head = described.group(1).split()[-1].lower()
    for text in body[1:1 + NAMING_SENTENCES]:
        m = _NAMED_OPENING.match(text)
        if m is None or _NOT_PERSON.match(m.group(1)):
            continue
        aged = _AGE_ASIDE.match(text[m.end():]) is not None
        if who or (aged and _AGENT_NOUN.search(head)):
            return m.group(1)
    return None
