"""Who does what in a sentence that opens with a name: "President Trump rejected the offer"
gives the verb "rejected" to "trump". A claim whose quotes give its verb to someone else
("Sheinbaum firmly rejected") has a swapped subject, which word overlap cannot see. And
the words naming who speaks in reported speech (`speaker_terms`). And what a claim says
of its subject, from its main verb on (`predicate_of`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from agent.text.analysis import share_of, stem, stems
from agent.text.facts import (
    AUXILIARIES,
    CAP_RUN,
    CUE_RE,
    NOT_ENTITY,
    blank_quotes,
    entities,
    mentions,
    strip_dateline,
)
from agent.text.lexicon import is_past_form, verb_lemmas
from agent.text.normalize import normalize_for_match


def _name(span: str) -> str:
    words = [w for w in span.split() if w.lower().strip("’'") not in NOT_ENTITY]
    return " ".join(words).lower().replace("’s", "").replace("'s", "")


_LEAD = re.compile(r"^\s*(?:(?:The|A|An)\s+)?")
_VERB_AFTER = re.compile(r"\s+(?:[a-z]+ly\s+|also\s+|later\s+)?([a-z]{3,}(?:ed|s))\b")


def actor_and_verb(sentence: str) -> tuple[str, str] | None:
    """("trump", "rejected") for "President Trump rejected the offer": a sentence that opens
    with a name followed by a verb. None for any other shape (pronouns, clauses first)."""
    lead = _LEAD.match(sentence)
    m = CAP_RUN.match(sentence, lead.end() if lead else 0)
    if m is None:
        return None
    name = _name(m.group(0))
    verb = _VERB_AFTER.match(sentence, m.end())
    if not name or verb is None:
        return None
    return name, verb.group(1)


def _known_name(name: str, known: frozenset[str] | None) -> bool:
    """A one-word name counts when `known` is None or holds it (see `actor_mismatch`)."""
    words = name.split()
    return known is None or len(words) != 1 or words[0] in known


def actor_before(text: str, verb: str) -> str | None:
    """The name right before `verb` in `text` ("claudia sheinbaum" in "... President Claudia
    Sheinbaum announced she ..."), allowing one adverb between; None if no name is there."""
    for v in re.finditer(rf"\b{re.escape(verb)}\b", text):
        head = text[: v.start()].rstrip()
        head = re.sub(r"\s+(?:[a-z]+ly|also|later)$", "", head)
        names = list(CAP_RUN.finditer(head))
        if names and names[-1].end() == len(head) and (name := _name(names[-1].group(0))):
            return name
    return None


def actor_mismatch(sentence: str, quotes: Sequence[str],
                   known: frozenset[str] | None = None) -> str | None:
    """The quotes give the sentence's verb to someone else ("Trump rejected" where the source
    says "Sheinbaum firmly rejected"): a swapped subject the word-overlap check cannot see.
    Returns who the quotes name instead, or None when they agree or do not say. With
    `known` (the words the articles capitalise mid-sentence), a capitalised opening word
    they never write so is no actor ("Uninjured passengers", "Other passengers")."""
    found = actor_and_verb(sentence)
    if found is None or not _known_name(found[0], known):
        return None
    actor, verb = found
    others = []
    for q in quotes:
        who = actor_before(q, verb)
        if who is None or not _known_name(who, known):
            continue
        if set(who.split()) & set(actor.split()):
            return None  # a quote gives the verb to the sentence's actor
        others.append(who)
    return others[0] if others else None


_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_BE = frozenset(("is", "are", "was", "were", "be", "been", "being", "get", "got", "gets"))
_AUX = AUXILIARIES | _BE | frozenset(("shall", "did", "does", "do"))


def finite_verb(word: str) -> frozenset[str]:
    """The verbs a past form ("accused") or third-person present form ("accuses") is of;
    empty for an auxiliary ("has", "is"), a base form or a non-verb: base forms are too
    often nouns ("trust", "report")."""
    low = word.lower()
    if low in _AUX or not (is_past_form(low)
                           or (low.endswith("s") and low not in verb_lemmas(low))):
        return frozenset()
    return verb_lemmas(low)


def _passive(words: Sequence[re.Match[str]], k: int) -> bool:
    """Whether the verb at `words[k]` is passive: after a form of "be" ("was accused") or
    before "by" ("a drug made by Ardmoor")."""
    return ((k > 0 and words[k - 1].group(0).lower() in _BE)
            or (k + 1 < len(words) and words[k + 1].group(0).lower() == "by"))


def roles_swapped(sentence: str, quote: str) -> str | None:
    """The quote's doer of the sentence's verb ("striking nurses"), lower-case, when the
    quote gives that verb to another doer and has the sentence's doer right after it, as the
    one it is done to: "The trust has accused the nurses of ..." against "Striking nurses
    have accused the trust of ...". The verb is the sentence's first past or "-s" form (of
    its first eight words) that the quote also has (agent.text.lexicon); each doer is the
    content words before it. A passive on either side ("was accused", "made by") is no
    swap, nor is a quote whose doer is a pronoun: None then, and when the quote agrees or
    has no such verb."""
    s_words = list(_WORD.finditer(sentence))
    q_words = list(_WORD.finditer(quote))
    q_verbs = [finite_verb(m.group(0)) for m in q_words]
    for i, word in enumerate(s_words[1:8], start=1):
        lemmas = finite_verb(word.group(0))
        j = next((k for k, v in enumerate(q_verbs) if v & lemmas), None) if lemmas else None
        if j is None:
            continue
        if _passive(s_words, i) or _passive(q_words, j):
            return None
        doer = stems(" ".join(m.group(0) for m in s_words[:i]
                              if m.group(0).lower() not in _AUX))
        other = stems(quote[: q_words[j].start()])
        done_to = stems(" ".join(_done_to([m.group(0) for m in q_words[j + 1:j + 6]])))
        if not (doer and other and not doer & other and doer <= done_to):
            acted_on = _done_to([m.group(0) for m in s_words[i + 1:i + 6]])
            if _namesakes_swapped(doer, stems(" ".join(acted_on)), other, done_to):
                # the quote's doer is the one the sentence acts on
                return " ".join(w for w in acted_on if w.lower() not in _DONE_TO_FILLER).lower()
            return None
        before = _CLAUSE_END.split(quote[: q_words[j].start()])[-1].split()
        return " ".join(w for w in before if w.lower() not in _AUX).lower() or None
    return None


# Words before the name a verb is done to ("called for Dr Corrigan to ...").
_DONE_TO_FILLER = frozenset(("for", "on", "to", "the", "a", "an", "at", "with", "against"))


def _namesakes_swapped(doer: set[str], object_: set[str], other: set[str],
                       done_to: set[str]) -> bool:
    """Whether a sentence's doer and the one it acts on, two people of one surname, stand
    the other way round in the quote: the words only the sentence's object has are in the
    quote's doer, those only its doer has are not, and the quote's verb is done to someone
    with a word only the sentence's doer has. "Dr Helen Corrigan called for Councillor Martin
    Corrigan to step aside" against "Councillor Martin Corrigan ... called for Dr Corrigan to
    step aside" (a newcomer's hospital story, session 69, came out supported). Stems of the
    sentence's doer and object, the quote's words before its verb and after it."""
    shared = doer & object_
    own, theirs = doer - object_, object_ - doer
    return bool(shared and own and theirs and theirs <= other and not own & other
                and own & done_to)


_CLAUSE_END = re.compile(r"[,;:]")
_CLAUSE_WORDS = frozenset(("that", "who", "which", "when", "where", "whether", "after",
                           "before", "because", "as", "while", "if", "since", "until", "and",
                           "but"))


def _done_to(words: Sequence[str]) -> list[str]:
    """Of the words after a verb, those naming the one it is done to: up to four, before a
    clause opens ("told the jury that Pellow moved ..." is done to the jury). None of them
    when a verb follows among them: they are then a clause's subject, not the verb's object
    ("said President Sheinbaum rejected ...")."""
    for k, word in enumerate(words):
        low = word.lower()
        if low in _CLAUSE_WORDS:
            return list(words[:k])
        if low in _AUX or finite_verb(low):
            return []
    return list(words[:4])


_PRONOUN_OR_FILLER = frozenset((
    "he", "she", "they", "it", "we", "i", "you", "also", "later", "earlier", "then", "had", "has",
    "have", "was", "were", "is", "are", "the", "a", "an", "and", "but", "who", "which", "that",
    "this",
))


def speaker_terms(text: str) -> set[str]:
    """The words naming who speaks in a reported-speech sentence, lower-case: {"mayor"} for
    "The plan is fair, the mayor said", {"council"} for "According to the council, ...",
    {"sheinbaum"} for "Sheinbaum said ..."; empty for a pronoun ("she said") or no speech."""
    bare = blank_quotes(strip_dateline(text))
    cue = CUE_RE.search(bare)
    if cue is None:
        return set()
    before = bare[: cue.start()]
    clause = before[before.rfind(",") + 1 :]
    # "..., according to residents": the speaker follows the cue, wherever it stands (a
    # transport newcomer, session 60: "came off the rails at 8.14am, according to
    # residents" was read as spoken by "rails" and "am")
    according = cue.group(0).lower().startswith("according")
    words = [] if according else re.findall(r"[A-Za-z][\w’'-]*", clause)[-3:]
    if not words and not according:
        # "Corvana Telecoms, a mobile reseller ..., said it": the subject, first
        # (its names: "The Haulage Association reacted with dismay, saying ...")
        first = before.split(",")[0]
        words = [w for n in entities(first) for w in n.split()] or re.findall(
            r"[A-Za-z][\w’'-]*", first)[-3:]
    if not words:  # "'...,' said the mayor"
        words = re.findall(r"[A-Za-z][\w’'-]*", bare[cue.end() :].split(",")[0])[:3]
    out = {w.lower().replace("’s", "").replace("'s", "") for w in words}
    return {w for w in out if w not in _PRONOUN_OR_FILLER and w not in NOT_ENTITY}


def speaker_side(text: str, speaker: str) -> str:
    """The part of a reported-speech sentence that names and describes its `speaker`: the
    words before the first reporting verb when the speaker's name is among them ("Maureen
    Pryce, who chairs the traders' association, said ..."), else those after it ("..., said
    Maureen Pryce, who chairs ..."); quotations blanked. The whole sentence when no verb
    reports. What the speaker speaks about is not in it when the verb comes first: "The
    Teachers' Alliance accused the board of ..." has "The Teachers' Alliance" only."""
    bare = blank_quotes(strip_dateline(text))
    cue = CUE_RE.search(bare)
    if cue is None:
        return bare
    before = bare[: cue.start()]
    last = speaker.split()[-1].lower() if speaker.split() else ""
    return before if last and last in before.lower() else bare[cue.end():]


# An unnamed speaker described by a noun phrase that ends right before the reporting verb:
# "The alliance says", "..., the council said", "Residents' group members claimed".
_DESCRIBED = re.compile(r"(?:^\s*|[,;]\s*)((?:the|its|their)\s+[a-z][\w’'-]*"
                        r"(?:\s+[a-z][\w’'-]*){0,2}?)\s+"
                        # an auxiliary is the verb's, not the speaker's ("The union has alleged")
                        r"(?:(?:has|have|had|is|are|was|were|will|would|may|might)\s+)?"
                        r"(?:[a-z]+ly\s+|also\s+|later\s+)?$",
                        re.IGNORECASE)


def described_speaker(sentence: str) -> str | None:
    """The words describing an unnamed speaker of reported speech, lower-case ("the
    alliance" in "The alliance says readings have broken the limit"; "the council" in "...,
    the council said"), or None when the reporting verb follows no such description (a
    pronoun, a name, no reporting verb). For a reader's note: agent.text.speakers.attribution
    gives such a speaker as "someone"."""
    text = blank_quotes(strip_dateline(sentence))
    cue = CUE_RE.search(text)
    if cue is None:
        return None
    m = _DESCRIBED.search(text[: cue.start()])
    return " ".join(m.group(1).lower().split()) if m else None


def other_described(clause: str, sentence: str, speaker: str) -> str | None:
    """The description of the unnamed speaker of `clause`, one of the ";" clauses of
    `sentence` (`described_speaker`), when another of its clauses names `speaker`, the
    speaker a claim names, and the description shares no word with it: "the board" of
    "The Midwives' and Nurses' Union has said up to 30 posts could be affected; the board
    says no jobs will be lost" for "The Midwives' and Nurses' Union says ..." (two voices).
    None otherwise: "the firm says" alone may be the claim's Felsham Health."""
    described = described_speaker(clause)
    rest = sentence.replace(clause, " ")
    if (described is None or rest == sentence or stems(described) & stems(speaker)
            or not stems(speaker) <= stems(rest)):
        return None
    return described


def speaker_clause(claim: str, evidence: str) -> str:
    """The clause of `evidence` that says what `claim` says, for a sentence of clauses
    joined by ";" (most of the claim's stems): "the board says no jobs will be lost" of "The
    union has said up to 30 posts could be affected; the board says no jobs will be lost",
    for "The board says no jobs will be lost" (a newcomer trial: the union was read as the
    speaker). `evidence` itself for a sentence of one clause."""
    parts = [p.strip() for p in evidence.split(";") if p.strip()]
    if len(parts) < 2:
        return evidence
    # what the claim says is after its reporting verb: the speaker's own name ("The
    # Midwives' and Nurses' Union says nobody will lose their job") tells no clause
    cue = CUE_RE.search(claim)
    terms = stems(claim[cue.end():] if cue else claim)
    return max(parts, key=lambda p: _shared(terms, stems(p)))


def _shared(terms: set[str], other: set[str]) -> int:
    """How many of `terms` a stem of `other` begins or extends, from three letters on: the
    crude stems leave "job"/"jobs" and "los"/"lost" (lose, lost) apart."""
    return sum(1 for t in terms if any(len(min(t, u, key=len)) >= 3
                                       and (u.startswith(t) or t.startswith(u)) for u in other))


# A speaker the claim describes by role ("the union's regional organiser") is the sentence's
# named speaker when the sentence gives them that role: this share of the role's words.
ROLE_SHARE = 0.75


# The words that open a description of a speaker rather than a name.
_DESCRIBING = frozenset(("a", "an", "the", "its", "their", "his", "her"))


# A spokesperson's title before a name ("Spokeswoman Elspeth Varley") or after it ("Tom
# Hale, a spokesman, said").
_SPOKESPERSON = r"spokes(?:man|woman|person)"


# Words that put a speaker at a body's service: "Rachel Denholm, for quarry operator Brackwell
# Stone Ltd, insisted ...", "Tom Hale, representing the trust, said ...".
_ON_BEHALF = r"(?:for|representing|on\s+behalf\s+of|acting\s+for|speaking\s+for)"


def speaks_for(body: str, name: str, sentence: str, before: str = "") -> bool:
    """Whether `name` speaks for `body` (named by its full name, or "the" and its last word):
    put at its service in `sentence` ("Rachel Denholm, for quarry operator Brackwell Stone
    Ltd, insisted ...", "representing", "on behalf of"; a newcomer's quarry story, session
    59), or titled a spokesperson there, for no body named, right after the sentence `before`
    that names it ("The bureau rejected the criticism. Spokeswoman Elspeth Varley said
    ..."). A one-word body is too vague to tell."""
    words = body.split()
    name = re.sub(rf"^{_SPOKESPERSON}\s+", "", name.strip(), flags=re.IGNORECASE)
    if len(words) < 2 or not name:
        return False
    who = re.escape(name)
    named = rf"\b(?:{re.escape(body)}|the\s+{re.escape(words[-1])})\b"
    if re.search(rf"\b{who},?\s+{_ON_BEHALF}\s+(?:[a-z][\w-]*\s+){{0,3}}{named}", sentence,
                 re.IGNORECASE):
        return True
    titled = re.search(rf"\b{_SPOKESPERSON}\s+{who}\b(?!\s+(?:for|of|at)\b)"
                       rf"|\b{who},\s+(?:a|the)\s+{_SPOKESPERSON},", sentence, re.IGNORECASE)
    return bool(titled and before) and re.search(named, before, re.IGNORECASE) is not None


def same_voice(voice: str, speaker: str, ev_terms: set[str]) -> bool:
    """Whether a sentence's `speaker` is the one a claim names as `voice`: by a shared name
    word ("Foyle" / "Declan Foyle"), or by the role the claim describes them with, given
    where the sentence names its speaker (`ev_terms`, the stems of
    agent.text.actors.speaker_side; ROLE_SHARE of the role's words: "the head of the
    Lowfield Traders' Association" / "Maureen Pryce, who chairs the Lowfield Traders'
    Association"); `ev_terms` empty: by name only. "The exams board" is not the speaker of
    "The Teachers' Alliance accused the board of ..."."""
    if mentions(normalize_for_match(speaker), voice.lower()):
        return True
    role = stems(voice)
    if len(role) >= 2 and share_of(role, ev_terms) >= ROLE_SHARE:
        return True
    # A speaker described, not named ("a seafarers' union", "the winner's campaign
    # manager"): the head noun of the description in the sentence ("The Maritime and Ferry
    # Workers' Union claimed", "Her campaign manager, Tobias Wren, said").
    words = voice.split()
    head = words[-1].lower().strip("’'")
    return (words[0].lower() in _DESCRIBING and len(head) >= 4
            and stem(head) in ev_terms)


# Words after which a verb form is a noun ("the charges", "several lives") or a relative
# clause's verb ("the lynx that escaped was ..."), not the main clause's verb.
_NOT_BEFORE_MAIN_VERB = frozenset((
    "a", "an", "the", "its", "his", "her", "their", "our", "this", "these", "those",
    "several", "many", "some", "no", "all", "each", "every", "of", "to", "that", "who",
    "which", "whose", "where", "when"))


def predicate_of(claim: str) -> str | None:
    """What `claim` says of its subject: its words from the main clause's verb on, the
    first auxiliary or finite verb (`finite_verb`) that does not follow a determiner, a
    preposition or a relative pronoun ("claimed several lives" in "The grounding on Gannet
    Reef claimed several lives", "was a seven-year-old male" in "The lynx that escaped was a
    seven-year-old male"). None when no such verb follows the first word."""
    words = list(_WORD.finditer(claim))
    for k in range(1, len(words)):
        word, before = words[k].group(0), words[k - 1].group(0).lower()
        if before in _NOT_BEFORE_MAIN_VERB or not word.islower():
            continue
        if word in _AUX or finite_verb(word):
            return claim[words[k].start():].strip().rstrip(".")
    return None
