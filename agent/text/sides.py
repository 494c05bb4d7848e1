"""The side an actor takes on what others said or proposed: conceding it ("Redvale admitted
breaching its permit", "the board accepted the findings") or denying it ("Redvale denies
breaching its permit", "Castellane rejected the accusation"). A claim that an actor conceded
what a source has the same actor deny, or the reverse, says the opposite of that source,
though the two share the actor and the topic (the 30 dev stories: "X admitted P" against
"X denied P" was labelled refuted each time, 4 claims of 4). A proposal is accepted by
backing, endorsing or recommending it and rejected by opposing it ("Kestrel's board has
rejected the takeover offer" / "Kestrel's board is backing the offer", refuted)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.text.analysis import TITLE_STEMS, SentenceAnalysis, share_of, stems

# The verbs of a side: conceding ones, then denying ones.
_CONCEDING = (r"admit(?:s|ted)?|accept(?:s|ed|ing)?|acknowledg(?:e|es|ed)|conced(?:e|es|ed)|"
              r"confess(?:es|ed)?|back(?:s|ed|ing)|endors(?:e|es|ed|ing)|"
              r"recommend(?:s|ed|ing)?|"
              # "said it was 'true' that he proposed ...": the seeds' "Trump denied that he
              # had proposed ..." (refuted), once a clause denied was read as a denial
              r"(?:said|says)\s+it\s+(?:was|is)\s+[“\"'‘]?true")
# Denying an act or a statement ("denied hiding", "disputes the figures"), and rejecting a
# proposal or offer ("rejected the takeover offer"), which denies no act.
_DENYING_ACT = r"deni(?:es|ed)|deny|disput(?:e|es|ed)|refut(?:e|es|ed)|rebut(?:s|ted)?"
_REJECTING = r"reject(?:s|ed|ing)?|oppos(?:e|es|ed|ing)"
_DENYING = f"{_DENYING_ACT}|{_REJECTING}"
# The actor is the name or the noun phrase right before the verb ("Redvale Polymers has
# admitted", "Ms Orsett flatly rejected", "the board did not accept"), maybe with a phrase
# between commas ("Redvale, the plant's owner,").
_SIDE = re.compile(
    r"(?P<actor>\b[A-Z][\w’'-]*(?:\s+(?:of\s+)?[A-Z][\w’'-]*)*(?:[’']s\s+[a-z]+)?"
    r"|\b[Tt]he(?:\s+[\w’'-]+){1,3}?)"
    r"(?:,[^,]{3,60},)?\s+"
    r"(?:(?:has|have|had|is|are|was|were|did|does|do|also|not|never|\w+ly)\s+|\w+n[’']t\s+)"
    r"{0,3}"
    # "backed by £52.5m" is passive: its actor is not the one who backs
    rf"(?:(?P<yes>{_CONCEDING})|(?P<no>{_DENYING}))\b(?!\s+by\b)(?P<about>.*)$",
)
_NEGATED = re.compile(r"\b(?:not|never)\s+\S+\s*$|n[’']t\s+\S+\s*$", re.IGNORECASE)
# Words of a name that say nothing of who it is.
_NOT_NAMING = frozenset(("the", "of", "ms", "mr", "mrs", "dr", "sir", "lord", "lady"))


@dataclass(frozen=True)
class Side:
    """One actor's side: `actor` in lower case ("redvale polymers"), `concedes` (True for
    admitted / accepted, False for denied / rejected, a negation flips it: "did not accept"
    denies), `about`, the text after the verb, and `denies_act`: its verb denies an act or
    a statement ("denied", "disputes"), not a proposal ("rejected the offer")."""

    actor: str
    concedes: bool
    about: str
    denies_act: bool = False


# "were admitted to hospital", "was denied bail": a passive verb, no side taken.
_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+$", re.IGNORECASE)


def _passive(text: str, m: re.Match[str]) -> bool:
    verb = "yes" if m.group("yes") is not None else "no"
    return m.group(verb).endswith("ed") and _PASSIVE.search(text, 0, m.start(verb)) is not None


def side_taken(text: str) -> Side | None:
    """The first side a named actor of `text` takes, or None when none does (a passive
    "were admitted", "was denied" takes none)."""
    m = _SIDE.search(text)
    while m is not None and _passive(text, m):
        m = _SIDE.search(text, m.end("yes" if m.group("yes") is not None else "no"))
    if m is None:
        return None
    concedes = m.group("yes") is not None
    if _NEGATED.search(text, 0, m.end("yes") if concedes else m.end("no")):
        concedes = not concedes
    denies_act = re.fullmatch(_DENYING_ACT, m.group("no") or "", re.IGNORECASE) is not None
    return Side(m.group("actor").lower(), concedes, m.group("about"), denies_act)


def same_actor(a: str, b: str) -> bool:
    """Two names of one actor: a word in common that names ("Ms Orsett" / "Nadia Orsett")."""
    return bool((set(a.split()) & set(b.split())) - _NOT_NAMING)


def denier(text: str) -> str | None:
    """The actor (lower case) whose denial `text` reports ("The combined authority has
    rejected that claim": "the combined authority"), or None when it reports none."""
    side = side_taken(text)
    return side.actor if side is not None and not side.concedes else None


def opposite_sides(claim: SentenceAnalysis, evidence: SentenceAnalysis) -> bool:
    """Whether the evidence has the claim's actor take the other side on the claim's topic:
    a word of what the claim's side is about (names and titles aside) is in what the
    evidence's side is about ("admitted keeping more plastic than its permit allows" /
    "denies breaching its permit")."""
    return sides_apart(claim, evidence) is not None


def sides_apart(claim: SentenceAnalysis, evidence: SentenceAnalysis) -> tuple[str, str] | None:
    """The claim's side and the evidence's, as "conceded" / "denied", when they are
    `opposite_sides` ("has not denied that its forecast was at fault" / "has denied that
    its forecast was at fault": ("conceded", "denied")); else None."""
    mine, theirs = side_taken(claim.text), side_taken(evidence.text)
    if mine is None or theirs is None or mine.concedes == theirs.concedes:
        return None
    if not same_actor(mine.actor, theirs.actor):
        return None
    topic = stems(mine.about) - claim.name_stems - TITLE_STEMS
    if not topic & stems(theirs.about):
        return None
    return ("conceded", "denied") if mine.concedes else ("denied", "conceded")


# A relative clause set off by commas: "Fernleigh Housing Trust, which provides supported
# housing for nearly 300 tenants, denies that ...": the writer's words, no side its subject
# takes.
_ASIDE = re.compile(r",\s+(?:which|who)\s+([^,;:]+),", re.IGNORECASE)


def told_aside(terms: set[str], text: str) -> bool:
    """Whether a relative clause of `text` set off by commas (`_ASIDE`) holds more of a
    claim's `terms` (stems, names left out) than the rest of the sentence does: the claim is
    what the writer says of a name in passing, not what the sentence's subject denies or
    says ("The trust, which houses nearly 300 tenants, denies that any money is missing"
    states that it houses them; a crime newcomer, session 61: it was set aside as a denial)."""
    for m in _ASIDE.finditer(text):
        rest = text[: m.start()] + text[m.end():]
        if share_of(terms, stems(m.group(1))) > share_of(terms, stems(rest)):
            return True
    return False
