"""Who a claim means when it names its subject by role ("The Mexican president sent ...").

Articles introduce people with their role in front of their name ("Mexican President Claudia
Sheinbaum", "council leader Ana Ruiz"). A claim that uses only the role reads to the small
judge as being about someone else than the sentence that names her, so a supported or
conflicting claim comes out "not enough info". `role_holder` finds the name that the given
texts put right after the claim's role words; the verifier then judges the claim with the
name in the role's place (agent.verification.verify).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from agent.text.bodies import described_body
from agent.text.holders import holders, written_name
from agent.text.normalize import STOPWORDS

# "The <role words> <rest of the claim>": up to four role words after a leading "The".
_ROLE_SUBJECT = re.compile(r"^\s*the\s+((?:[A-Za-z’'-]+\s+){1,4})", re.IGNORECASE)
# A name: one to three capitalised words, not a possessive ("Harlow's plan" names a thing).
_NAME = r"((?:[A-Z][\w-]+\s+){0,2}[A-Z][\w-]+)\b(?![’'])"
_COPULA = re.compile(r"(?:is|was|are|were|be|been|became|becomes|remains)\b", re.IGNORECASE)
MIN_ROLE_WORDS = 2  # "The president" alone names no one in particular


def role_subject(claim: str) -> str | None:
    """Up to four words after a claim's opening "The" ("The Mexican president sent 10,000"
    -> "Mexican president sent"), the candidates `role_holder` shortens from the end; None
    when the claim does not open with "The"."""
    m = _ROLE_SUBJECT.match(claim)
    return " ".join(m.group(1).split()) if m else None


# "Vellmoor's chief executive said ...", "The Hensworth Estate's land agent alleged ...":
# an organisation's possessive, then up to three lower-case role words.
_OWNED_ROLE = re.compile(r"^\s*(?:(?i:the)\s+)?(?P<owner>(?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*)"
                         r"(?:['’]s|['’])\s+(?P<role>(?:[a-z][\w-]*\s+){1,3})")


def owned_role_holder(claim: str, texts: Iterable[str]) -> tuple[str, str] | None:
    """(the claim's opening "<Owner>'s <role>", the name the texts give that role), for a
    claim that names its subject by an organisation's role ("Vellmoor's chief executive
    said ..."): the longest run of its role words that a text mentioning the owner's first
    word follows with a name, a comma between allowed ("Vellmoor chief executive Desmond
    Albright", "Harlowmere's chief executive, Owen Baptiste,"), and the name given most
    often; failing that, the one name all the texts give it ("chief executive Anneliese
    Thorburn said" in a story of Kettering's outage). One role word is enough: the owner
    says whose. None when no text names it, or texts not mentioning the owner name two."""
    m = _OWNED_ROLE.match(claim)
    if m is None:
        return None
    owner = m.group("owner").split()[0].lower()
    words = m.group("role").split()
    texts = list(texts)
    for n in range(len(words), 0, -1):
        if any(w.lower() in STOPWORDS for w in words[:n]):
            continue
        phrase = " ".join(words[:n])
        pattern = re.compile(rf"(?i:\b{re.escape(phrase)}),?\s+{_NAME}")
        found = [(owner in t.lower(), f.group(1)) for t in texts for f in pattern.finditer(t)]
        names = Counter(name for owned, name in found if owned)
        if not names and len({name for _, name in found}) == 1:
            names = Counter(name for _, name in found)
        if names:
            return (claim[m.start("owner"):m.start("role")] + phrase,
                    names.most_common(1)[0][0])
    return None


def role_holder(claim: str, texts: Iterable[str]) -> tuple[str, str] | None:
    """(the claim's role phrase, the name the texts give right after it), for a claim that
    opens with "The <role>": the longest run of the claim's opening words (at least
    MIN_ROLE_WORDS) that the texts follow with a capitalised name, and the name they give it
    most often; or an organisation's role (`owned_role_holder`). None when no text does
    (the claim then stays as written)."""
    corpus = list(texts)
    if (owned := owned_role_holder(claim, corpus)) is not None:
        return owned
    if (held := _office_holder(claim, corpus)) is not None:
        return held
    opening = role_subject(claim)
    if opening is None:
        return None
    words = opening.split()
    after = claim.split()[1:]  # the claim's words after "The"
    for n in range(len(words), MIN_ROLE_WORDS - 1, -1):
        if any(w.lower() in STOPWORDS for w in words[:n]) or not words[n - 1].islower():
            # "council approved the" is a clause, "White House" a name: no role noun ends them
            continue
        if n < len(after) and (after[n][:1].isupper() or _COPULA.match(after[n])):
            # "The council spokesman Omar Finch ..." names them; "The spokesman was Dana
            # Reyes" says who holds the role, which is what is to be checked.
            return None
        phrase = " ".join(words[:n])
        pattern = re.compile(rf"(?i:\b{re.escape(phrase)})\s+{_NAME}")
        names = Counter(m.group(1) for t in corpus for m in pattern.finditer(t)
                        if not _inside_name(t, m.start()))
        if names:
            return phrase, names.most_common(1)[0][0]
    return None


def _inside_name(text: str, at: int) -> bool:
    """Whether text[at:] goes on a capitalised run begun before it: "Heat Network Ltd" of
    "Northvale Heat Network Ltd" is the end of a firm's name, not the role "heat network"
    and its holder "Ltd" (a newcomer trial, session 67: "The heat network dates from 1997"
    was judged as "Ltd dates from 1997")."""
    before = text[:at].split()
    return bool(before) and before[-1][:1].isupper() and not before[-1].endswith((".", ":", ","))


# "The chair of Save Millbrook Fields claimed ...": an office of a named organisation.
_OFFICE_OF = re.compile(r"^\s*(?i:the)\s+(?P<role>(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)\s+of\s+"
                        r"(?P<org>(?:the\s+)?(?:[A-Z][\w’'&-]*\s+){0,4}[A-Z][\w’'&-]*)")


def _office_holder(claim: str, corpus: list[str]) -> tuple[str, str] | None:
    """(the claim's opening "<role> of <Organisation>", the person the texts name in that
    office there, as written), for "The chair of Save Millbrook Fields claimed ..." against
    "Deborah Linnell, who chairs Save Millbrook Fields, said ..." (agent.text.holders reads
    the office either way). None unless the texts name exactly one such person."""
    m = _OFFICE_OF.match(claim)
    if m is None:
        return None
    head = m.group("role").split()[-1].lower()
    org = {w for w in m.group("org").lower().split() if w != "the"}
    found: dict[str, str] = {}
    for text in corpus:
        for h in holders(text):
            if (h.head == head and org <= set(h.org.split()) and h.person not in found
                    and (written := written_name(h.person, text)) is not None):
                found[h.person] = written
    if len(found) != 1:
        return None
    return claim[m.start("role"):m.end("org")], next(iter(found.values()))


def with_named_subject(claim: str, texts: Sequence[str], speaker: str | None = None) -> str:
    """`claim` with its subject named by role replaced by the name `texts` give that role
    (`role_holder`, `with_holder`), else with its `speaker` (of an attributed claim),
    when described as a body ("According to the operator, ..."), replaced by the body's
    name (agent.text.bodies.described_body). Unchanged when the texts name neither."""
    found = role_holder(claim, texts)
    if found:
        return with_holder(claim, *found)
    body = described_body(speaker, texts) if speaker else None
    return claim.replace(speaker, body, 1) if speaker and body else claim


def with_holder(claim: str, phrase: str, name: str) -> str:
    """The claim with "The <phrase>" (or "<phrase>", an organisation's role) replaced by
    the name ("The Mexican president sent ..." -> "Claudia Sheinbaum sent ...")."""
    return re.sub(rf"^\s*(?:the\s+)?{re.escape(phrase)}", name, claim, count=1,
                  flags=re.IGNORECASE)


# "What did the prime minister say about ...", "How did the union's lawyer respond ...":
# the actor of a question about someone's words or reaction.
_ASKED_SPEAKER = re.compile(
    r"^\s*(?:what|how)\s+(?:did|does|do|has|have|will|would)\s+"
    r"(?:the\s+)?((?:[\w’'-]+\s+){1,3}?)"
    r"(?:say|said|tell|told|announce|claim|describe|call|think|respond|react|reply|argue|write)\b",
    re.IGNORECASE,
)


def asked_speaker(question: str) -> str | None:
    """The words naming whose speech a question asks about ("What did the prime minister say
    about the offer?" -> "prime minister"), or None for a question of another shape."""
    m = _ASKED_SPEAKER.match(question)
    return " ".join(m.group(1).split()) if m else None
