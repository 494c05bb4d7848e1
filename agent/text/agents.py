"""Who did it: the agent of a verb, read in either voice.

"The proposals were moved by Councillor Priya Nandra" and "Margaret Hollis moved the library
closure proposals" tell one deed (moving the proposals) with two agents; "Gareth Vowles and
Hilary Stroud found the coins" and "The coins were found by Gareth Vowles and Owen
Cattermole" likewise. A claim that gives its deed to someone other than the sources do is a
substitution, which refutes (issue 13: "another person named in a role"; evals/stories/
README.md, labelling rule 3). Word overlap cannot see it: the two sentences share every word
but the names, and the cloze check (agent.verification.slots) is only asked where the model
leans to support.

A *deed* is a finite verb (a past form, or a third-person "-s" form:
agent.text.actors.finite_verb) with its named agents and the stems of what it was done to:
- active: the names right before the verb ("A and B found", "A, 58, and B, 44, found",
  "A and dental nurse B found"), and up to PATIENT_WORDS words after it, before a clause
  or a "by";
- passive: the names after "by" within PASSIVE_GAP words of a participle that follows a form
  of "be" ("was fined £85,000 last month by the Environment Agency"), and the words of its
  clause before the "be".
Agents are capitalised names only: "police found the car" names no one to compare.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.text.actors import finite_verb
from agent.text.analysis import stems
from agent.text.facts import CAP_RUN, FUNCTION_WORDS, NOT_ENTITY
from agent.text.lexicon import is_common_word, verb_lemmas
from agent.text.slots import HONORIFICS, name_words, same_name

# Words a passive participle and its "by" may stand apart ("fined £85,000 last month by").
PASSIVE_GAP = 5
# Words of what a deed was done to (after an active verb, before a passive "be").
PATIENT_WORDS = 4

_WORD = re.compile(r"[A-Za-z£$0-9][\w’'£$.,-]*(?<![.,])")
BE = frozenset(("is", "are", "was", "were", "be", "been", "being"))
AUX = BE | frozenset(("has", "have", "had", "will", "would", "did", "does", "do", "can",
                        "could", "may", "might", "must", "should", "shall"))
_ADVERB = re.compile(r"(?:[a-z]+ly|also|later|then|first|jointly|both|never|not|all)$")
# A clause opens after these: the words before them are no agent of the verb after them.
CLAUSE_OPENERS = frozenset(("that", "who", "which", "when", "where", "whether", "after",
                             "before", "because", "while", "if", "since", "until", "but",
                             "said", "says", "say", "told", "as", "than"))
_CLAUSE_BREAK = re.compile(r"[;:()\"“”—–]|\s-\s")
# An appositive between a name and its verb: ", 58," / ", the site's owner,"
_APPOSITIVE = re.compile(r",[^,;:]{1,60},\s*$")
# Words naming what someone is, before the name: "dental nurse Hilary Stroud"
_DESCRIPTOR = re.compile(r"(?:\b[a-z][\w’'-]*\s+){1,2}$")
# "A and B", "A, 58, and B", "A, B": what joins two agents (an appositive of the first, in
# lower case or figures, may stand before the "and")
_JOIN = re.compile(r"(?:,\s*[^A-Z,;:][^,;:]{0,39})?(?:,\s*|\s+)and\s+$|,\s+$")
# A firm's name joined by an ampersand is one name: "Lindqvist & Rowe"
_NAME_RUN = re.compile(rf"{CAP_RUN.pattern}(?:\s+&\s+{CAP_RUN.pattern})?")


@dataclass(frozen=True)
class Deed:
    """One verb of a sentence with its named agents. `verbs`: the verb's lemmas ({"find"});
    `agents`: the names that did it, lower case, in the text's order; `patient`: the stems
    of what it was done to ({"coin"}); `passive`: read from a "was V-ed by" phrase."""

    verbs: frozenset[str]
    agents: tuple[str, ...]
    patient: frozenset[str]
    passive: bool


def _name(span: str) -> str | None:
    """A capitalised run as a name (lower case), or None when it names no one ("The", a
    sentence's "Councillors")."""
    words = name_words(span)
    if not [w for w in words if w not in HONORIFICS]:
        return None
    if len(words) == 1 and is_common_word(words[0]) and words[0].endswith("s"):
        return None  # a plural noun opening a sentence: "Councillors voted"
    return " ".join(words)


def _names_before(text: str) -> list[str]:
    """The agents ending `text` (the words before a verb), nearest last, or [] when the
    words before the verb are no run of names ("the proposals that Nandra")."""
    out: list[str] = []
    rest = text.rstrip()
    while True:
        rest = _APPOSITIVE.sub("", rest).rstrip()
        m = next((x for x in _NAME_RUN.finditer(rest) if x.end() == len(rest)), None)
        if m is None:
            return out[::-1]
        name = _name(m.group(0))
        if name is None:
            return out[::-1]
        out.append(name)
        rest = rest[: m.start()]
        joined = _JOIN.search(rest)
        if joined is None and (described := _DESCRIPTOR.search(rest)) is not None:
            joined = _JOIN.search(rest[: described.start()])
        if joined is None:
            return out[::-1]
        rest = rest[: joined.start()]


def _names_after(text: str) -> list[str]:
    """The agents opening `text` (the words after "by"): "the Environment Agency over ..."
    gives ["environment agency"]; "A and B" gives both."""
    out: list[str] = []
    rest = re.sub(r"^\s*(?:the\s+)?", "", text)
    while True:
        described = re.match(r"(?:[a-z][\w’'-]*\s+){0,2}(?=[A-Z])", rest)
        if described and not out and set(described.group(0).split()) & FUNCTION_WORDS:
            described = None  # "by the end of March": no one's description
        m = _NAME_RUN.match(rest, described.end() if described else 0)
        if m is None or (name := _name(m.group(0))) is None:
            return out
        out.append(name)
        rest = rest[m.end():]
        rest = re.sub(r"^,[^,;:]{1,40},", "", rest) if re.match(r",[^,;:]{1,40},\s*(?:and|&)\s",
                                                                  rest) else rest
        joined = re.match(r"(?:,\s*)?\s*and\s+(?:the\s+)?|,\s+(?=[A-Z])", rest)
        if joined is None:
            return out
        rest = rest[joined.end():]


def deeds(text: str) -> list[Deed]:
    """The deeds of `text` whose agents it names, in order (see the module docstring)."""
    words = list(_WORD.finditer(text))
    out: list[Deed] = []
    start = 0  # where the current clause opens
    for k, m in enumerate(words):
        low = m.group(0).lower()
        between = text[words[k - 1].end(): m.start()] if k else ""
        if _CLAUSE_BREAK.search(between):
            start = m.start()
        if low in CLAUSE_OPENERS:
            start = m.end()
            continue
        lemmas = finite_verb(low)
        if not lemmas:
            if (deed := _deed_to_come(text, words, k, start)) is not None:
                out.append(deed)
            continue
        prev = [w.group(0).lower() for w in words[max(0, k - 2): k]]
        if prev and _ADVERB.match(prev[-1]):
            prev = prev[:-1]
        if prev and prev[-1] in BE:
            be = max(i for i in range(max(0, k - 2), k) if words[i].group(0).lower() in BE)
            deed = _passive_deed(text, words, k, lemmas, start, words[be].start())
        else:
            # a participle after a comma, with its "by": "The board, chaired by retired judge
            # Margaret Ilsley, upheld ...", done to the words before the comma
            deed = (_passive_deed(text, words, k, lemmas, start, words[k - 1].end())
                    if k and between.strip() == "," else None
                    ) or _active_deed(text, words, k, lemmas, start)
        if deed is not None:
            out.append(deed)
    return out


# What puts a name before a verb's base form as its doer: an appointment ("has been appointed
# to lead", "was named to chair") or a modal ("will lead", "is to chair"). Not "asked Y to":
# the name before it there is not the doer.
_DOER_TO_COME = re.compile(
    r"\s+(?:(?:(?:has|have|had)\s+been|(?:is|are|was|were)|(?:will|would)\s+be)\s+"
    r"(?:appointed|named|chosen|selected|picked|hired|nominated|drafted\s+in)\s+to"
    r"|(?:will|would|shall|(?:is|are|was|were)\s+to))\s*$")


def _deed_to_come(text: str, words: list[re.Match[str]], k: int, start: int) -> Deed | None:
    """The deed of the base form words[k] whose doer is named before an appointment or a
    modal (`_DOER_TO_COME`): "Elspeth Varley has been appointed to lead the review" gives
    Varley the leading of the review, as "The review will be led by Judith Carrow" gives it
    Carrow (a fresh dev claim, session 67, came out not_enough_info)."""
    low = words[k].group(0).lower()
    if low not in verb_lemmas(low):
        return None
    before = text[start: words[k].start()]
    to_come = _DOER_TO_COME.search(before)
    if to_come is None:
        return None
    agents = _names_before(before[: to_come.start()])
    if not agents or any(a in NOT_ENTITY for a in agents):
        return None
    return Deed(frozenset((low,)), tuple(agents), _patient_after(text, words, k), passive=False)


def _passive_deed(text: str, words: list[re.Match[str]], k: int, lemmas: frozenset[str],
                  start: int, patient_end: int) -> Deed | None:
    """The deed of participle words[k] with its agents after "by", done to the words of
    text[start:patient_end] (the clause before its "be", or before its comma)."""
    for j in range(k + 1, min(k + 2 + PASSIVE_GAP, len(words))):
        gap = text[words[j - 1].end(): words[j].start()]
        if _CLAUSE_BREAK.search(gap) or ", " in gap:
            return None
        if words[j].group(0).lower() == "by":
            agents = _names_after(text[words[j].end():])
            if not agents:
                return None
            # the subject's name, not an appositive after it ("Severnvale Waste Ltd, an
            # unrelated recycling firm based in Cheltenham, was fined")
            clause = _APPOSITIVE.sub("", text[start: patient_end].rstrip())
            before = [w for w in re.findall(r"[\w’'-]+", clause) if w.lower() not in AUX]
            return Deed(lemmas, tuple(agents), frozenset(stems(" ".join(
                before[-PATIENT_WORDS:]))), passive=True)
    return None


def _active_deed(text: str, words: list[re.Match[str]], k: int, lemmas: frozenset[str],
                 start: int) -> Deed | None:
    before = text[start: words[k].start()]
    before = re.sub(r"\s+(?:[a-z]+ly|also|later|then|first|jointly|both)\s*$", " ", before)
    before = re.sub(r"\s+(?:has|have|had)\s*$", " ", before)
    agents = _names_before(before)
    if not agents or any(a in NOT_ENTITY for a in agents):
        return None
    return Deed(lemmas, tuple(agents), _patient_after(text, words, k), passive=False)


def _patient_after(text: str, words: list[re.Match[str]], k: int) -> frozenset[str]:
    """The stems of what the active verb words[k] was done to: up to PATIENT_WORDS words
    after it, before a clause or a "by"."""
    after: list[str] = []
    for w in words[k + 1: k + 1 + PATIENT_WORDS]:
        gap = text[words[k].end(): w.start()]
        if _CLAUSE_BREAK.search(gap) or w.group(0).lower() in CLAUSE_OPENERS:
            break
        if w.group(0).lower() == "by":
            break
        after.append(w.group(0))
    return frozenset(stems(" ".join(after)))


def agent_conflict(claim: str, sentence: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(the claim's agents, the sentence's) when the sentence gives one of the claim's deeds
    (a shared verb lemma, and a shared stem of what it was done to) to agents the claim does
    not name, while the claim names one the sentence leaves out: "The coins were found by
    Gareth Vowles and Owen Cattermole" against "Gareth Vowles and Hilary Stroud found the
    coins". None when the agents agree, when either side names a subset of the other's
    ("Vowles found the coins"), or when no deed of the claim is in the sentence.

    One side must tell the deed in the passive: "by" names who did that deed to that thing.
    Two active sentences often tell two deeds ("Managing director Graham Whitlow apologised
    to passengers" for "Joanna Pell apologised to passengers", not_enough_info): on the 34
    dev stories' traced pairs, active pairs were 0 of 5 refuted claims (and 0 of 4 on the
    seeds'), passive ones 3 of 3."""
    theirs = deeds(sentence)
    for mine in deeds(claim):
        for other in theirs:
            if not (mine.verbs & other.verbs and mine.patient & other.patient
                    and (mine.passive or other.passive)):
                continue
            extra = [a for a in other.agents if not any(_same(c, a) for c in mine.agents)]
            lost = [c for c in mine.agents if not any(_same(c, a) for a in other.agents)]
            if extra and lost:
                return mine.agents, other.agents
    return None


def _same(a: str, b: str) -> bool:
    """Whether two lower-case agent names name one agent (agent.text.slots.same_name)."""
    return same_name(a.title(), b) or same_name(b.title(), a)
