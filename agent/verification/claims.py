"""Claim analysis in code: attribution ("X said that P") and splitting into atomic claims.

Splitting is deterministic: clauses joined by ";", "and", "but", "while", "whereas" or a list
of predicates are separated, and a clause with no subject of its own borrows the first
clause's ("Ana rejected the offer and sent 200 troops" -> "Ana rejected the offer",
"Ana sent 200 troops"). Noun coordinations ("tariffs on Canada and Mexico") stay whole. The
rules only use word shapes, so they carry over to any story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.text.facts import (
    CAP_RUN,
    DEED_OR_WORDS,
    FINITE_CUES,
    HEDGES,
    NOT_CALLED_OFF,
    REFUSAL,
    REFUSED_STATEMENT,
)
from agent.text.number_words import words_to_digits
from agent.text.segment import word_set
from agent.text.speakers import is_bare_object

# A claim's reporting verbs: the sentence analysis's finite ones (agent.text.facts), and
# the ones a claim about a statement uses that a news sentence rarely reports with.
_SPEECH_VERBS = (
    FINITE_CUES + "|tweeted|posted|thinks|reported|reports|admitted|admits|confirmed|"
    "confirms|announced|announces|declared|declares|denied|denies|"
    rf"(?:called|calls){NOT_CALLED_OFF}"  # "called her a lovely woman", not "called off"
    # what X expects or forecasts is X's statement, as "X said it expects P" (labelling
    # rule 2): a business newcomer's "Dunmarsh Foods expects annual pre-tax profit of about
    # 42 million pounds" was "only a claim made by the company" beside "The company said
    # it now expected pre-tax profit of about £42m"
    "|expects|forecasts|predicts|anticipates"
    # a witness's words in court (fresh dev claims, session 66: "An auditor, Paul Nyberg,
    # gave evidence that the bank statements ... had been tampered with" beside "Auditor
    # Paul Nyberg said bank statements he had been given had been altered")
    "|testified|testifies|(?:gave|gives) evidence"
    # a refusal of what others said, before the clause refused: "Maureen Ellacott rejected
    # the suggestion that the ballot count was flawed" (agent.text.facts)
    rf"|{REFUSAL}\s+{REFUSED_STATEMENT}(?=\s+that\b)"
)
_OBJECT_VERBS = "told|tells|accused|accuses|warned|warns|assured|assures|informed|informs"
# Who an object verb's words go to or are about: the shortest phrase of 1-4 words before
# "of" or "that" ("accused the council's ruling group of ...", "told officers over and over
# that ..."), else one word and any capitalised ones ("accused Dunmere Valley Buses").
_OBJECT = r"[\w’'-]+(?:\s+[\w’'-]+){0,3}?(?=\s+(?:of|that)\s)|[\w’'-]+(?:\s+[A-Z][\w’'-]*)*"
# "Trump said (that) P", "Trump told reporters (that) P", "Trump accused Ana of P".
_ATTR_RE = re.compile(
    rf"^(?P<speaker>(?:[A-Z][\w’'.-]*|the|The|a|A|an|An|[a-z]+)(?:\s+[\w’'.-]+){{0,8}}?)"
    # a phrase between commas: how they spoke ("speaking on Radio 4") or who they are
    # ("Gwen Sallow, the board's chief executive, said"; "An auditor, Paul Nyberg, said")
    rf"(?:,\s+(?:(?:speaking|writing|through|via|in|the|a|an|its|his|her|their|who)\b"
    rf"[^,]{{3,60}}|(?P<named>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){{0,3}})),)?\s+"
    rf"(?:(?:has|have|had)\s+(?:\w+ly\s+)?)?"  # "has alleged", "have repeatedly claimed"
    rf"(?:(?P<overb>{_OBJECT_VERBS})\s+(?P<obj>{_OBJECT})|(?P<verb>{_SPEECH_VERBS})\b)"
    rf"(?:\s+(?:on|in|at|during)\s+[A-Z][\w’'-]*)?\s*(?:,\s*)?(?P<that>that\s+|of\s+)?(?P<content>.+)$"
)
_ACCORDING_RE = re.compile(r"^according to (?P<speaker>[^,]+),\s*(?P<content>.+)$", re.IGNORECASE)
# A phrase set before the subject ("After meeting Whitlow on Thursday, the minister said ...",
# "In a statement, Brenmoor said ..."): when or how, not who.
_FRONTED = re.compile(r"^(?:after|before|on|in|at|during|following|speaking|earlier|later|"
                      r"last|this|since|when|while)\b[^,]{0,80},\s+", re.IGNORECASE)


_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "you"])
_DETERMINERS = word_set(
    "the a an this that these those his her its their our my your some many several all no each "
    "every both other another any more most few such"
)
# Frequent irregular verb forms (word shape cannot tell "sent" is a verb).
_IRREGULAR = word_set(
    "is are was were be been has have had will would can could shall should may might must did "
    "does do said says told made makes took takes gave gives sent sends met meets won wins lost "
    "loses got gets went goes came comes saw sees began begins left leaves kept keeps held holds "
    "led leads paid pays put puts set sets cut cuts hit hits ran runs brought brings bought buys "
    "thought thinks found finds spoke speaks wrote writes rose rises fell falls sought seeks "
    "struck strikes became becomes stood stands knew knows called calls"
)


@dataclass(frozen=True)
class Attribution:
    speaker: str  # "Trump", "the White House"
    verb: str  # "said"
    content: str  # the attributed proposition P
    # "accused Ana of P": P is a charge, a phrase ("hiding the figures"), never a clause
    charge: bool = False


def attribution_of(claim: str) -> Attribution | None:
    """The speaker and content of an attributed claim, or None for a plain factual claim."""
    text = claim.strip().rstrip(".")
    m = _ACCORDING_RE.match(text)
    if m:
        return Attribution(m.group("speaker").strip(), "according to", m.group("content").strip())
    m = _ATTR_RE.match(text)
    fronted = _FRONTED.match(text) if m is None else None
    if fronted:  # a speaker holds no comma, so a fronted phrase leaves no match above
        m = _ATTR_RE.match(text[fronted.end():])
    if not m:
        return None
    speaker = m.group("speaker").strip()
    first = speaker.split()[0]
    if m.group("named"):  # "An auditor, Paul Nyberg, said": the name is who spoke
        speaker = m.group("named")
    # "Ana rejected the offer and said ...": a speaker is a noun phrase, not a clause; an
    # "and" between two capitalised words is inside a name ("The Midwives' and Nurses'
    # Union says ...").
    words = speaker.split()
    if any(_verbish(w) or (w.lower() in ("and", "but", "while")
                           and not (w == "and" and _in_name(words, i)))
           for i, w in enumerate(words) if i):
        return None
    # The speaker must look like a name or a noun phrase, not a clause ("what he did").
    if not (first[0].isupper() or first.lower() in _DETERMINERS or first.lower() in _PRONOUNS):
        return None
    if len(m.group("content").split()) < 2:
        return None
    content = m.group("content")
    if (m.group("verb") and DEED_OR_WORDS.fullmatch(m.group("verb")) and not m.group("that")
            and is_bare_object(content)):
        return None  # "Police declared a major incident": an act, not words reported
    charge = bool(m.group("overb")) and (m.group("that") or "").strip() == "of"
    return Attribution(speaker, m.group("verb") or m.group("overb"), content.strip(), charge)


# "Profit is expected to fall to £42m": an expectation whose holder goes unnamed.
_EXPECTATION = re.compile(r"\b(?:is|are|was|were)\s+(?:now\s+|still\s+)?(?:expected|forecast|"
                          r"predicted|projected|estimated)\s+to\b", re.IGNORECASE)


def states_expectation(claim: str) -> bool:
    """Whether `claim` states that something is expected, forecast or estimated, naming no
    one who expects it ("Profit is expected to fall from £68m to about £42m"). A source that
    reports someone expecting it ("The company said it now expected ...") supports it, as
    it supports "X said P" (labelling rule 2; dev labels: "The IPSC inquiry is expected to
    last about half a year" is supported by the IPSC's own expectation)."""
    return bool(_EXPECTATION.search(claim))


def reports_itself(claim: str) -> bool:
    """Whether `claim` tells what is said, expected or reported rather than stating it: an
    attribution ("X said P", `attribution_of`), an expectation (`states_expectation`) or a
    hedge ("The hackers reportedly demanded £1.5m", agent.text.facts.HEDGES; a data-breach
    newcomer, session 62). A source reporting someone saying it supports it."""
    return (attribution_of(claim) is not None or states_expectation(claim)
            or HEDGES.search(claim) is not None)


def _in_name(words: list[str], i: int) -> bool:
    """Whether words[i] stands between two capitalised words (an "and" of a name)."""
    return 0 < i < len(words) - 1 and words[i - 1][:1].isupper() and words[i + 1][:1].isupper()


def _words(text: str) -> list[str]:
    return text.split()


def _verbish(word: str) -> bool:
    if word[:1].isupper():
        return False  # "United" is a name, not a verb
    w = word.lower().strip(",.;:")
    return (len(w) > 3 and w.endswith("ed")) or w in _IRREGULAR or w.endswith("n't")


_AUXILIARY = frozenset(["is", "are", "was", "were", "be", "been", "being", "has", "have", "had"])


def _finite(words: list[str], i: int) -> bool:
    """words[i] is verb-shaped and not a participle modifying a noun ("departures operated
    by Brisa Air": no auxiliary before it, "by" after it)."""
    if not _verbish(words[i]):
        return False
    after = words[i + 1].lower() if i + 1 < len(words) else ""
    before = words[i - 1].lower() if i > 0 else ""
    return not (words[i].lower().endswith("ed") and after == "by" and before not in _AUXILIARY)


def _subject_of(clause: str) -> str | None:
    """The words before the first verb-shaped word ("The Mexican president" in "The Mexican
    president rejected the offer"), or None if no verb is found."""
    words = _words(clause)
    for i in range(1, len(words)):
        if _finite(words, i):
            return " ".join(words[:i])
    return None


# Words that open an object or a figure: after a word in -s they make it a verb ("carries
# about 210,000 passengers", "runs two vessels"), where a plural noun is followed by its
# verb ("cars were damaged").
_OBJECT_OPENERS = frozenset(("about", "around", "almost", "nearly", "over", "up", "them", "him",
                             "it", "us"))


def _is_predicate(fragment: str) -> bool:
    """A subjectless clause: it starts with a verb-shaped word ("sent 200 troops") or with a
    present-tense verb before its object ("runs two vessels")."""
    words = _words(fragment)
    if not words or not words[0][0].islower():
        return False
    if _verbish(words[0]):
        return True
    first, nxt = words[0].lower(), (words[1].lower() if len(words) > 1 else "")
    return (len(first) > 3 and first.endswith("s") and not first.endswith("ss")
            and (nxt in _DETERMINERS or nxt in _OBJECT_OPENERS or _count_word(nxt)))


# "two of whom were injured": a count that opens a relative clause, not a clause of its own
_RELATIVES = frozenset(("whom", "which"))


def _count_word(word: str) -> bool:
    """A cardinal number, in digits or in words ("14", "1.6", "two", "fifty")."""
    return word[:1].isdigit() or words_to_digits(word.lower())[:1].isdigit()


def _one_number(before: str, sep: str, word: str) -> bool:
    """Whether `word` ends a number that `before` starts ("three hundred" and "fifty": 350,
    one number, not two clauses)."""
    joined = words_to_digits(" ".join([*before.split()[-2:], sep.strip(), word])).split()
    return bool(joined) and joined[-1][:1].isdigit() and joined[-1] != words_to_digits(word)


# The most words a clause's subject has before its verb ("Every one of the fourteen
# night-shift workers got out").
_MAX_SUBJECT = 8


def _is_clause(fragment: str) -> bool:
    """A full clause: a subject of 1-_MAX_SUBJECT words (opened by a capital, a pronoun, a
    determiner or a count), then a verb-shaped word."""
    words = _words(fragment)
    if not words or _is_predicate(fragment):
        return False
    first = words[0].lower()
    # a count opens a noun phrase as a determiner does ("two firefighters needed treatment")
    counted = _count_word(first) and not (len(words) > 2 and words[2].lower() in _RELATIVES)
    if not (words[0][0].isupper() or first in _PRONOUNS or first in _DETERMINERS or counted):
        return False
    return any(_finite(words, i) for i in range(1, min(_MAX_SUBJECT + 1, len(words))))


_SPLIT_RE = re.compile(
    r"(\s*;\s*|,?\s+(?:and|but|while|whereas)\s+|,\s+(?:and\s+)?)", re.IGNORECASE
)


# A reply printed after a charge or report: ", which the company denied", ", but the club
# has disputed it". It is a claim of its own, by its own speaker; left in, its "denied"
# reads as the negation of the charge it follows (a newcomer trial: "X alleged ...,
# which the company denied" refuted by the source's "accused").
_REPLY = re.compile(
    r",\s+(?:which|but|and|something|a\s+claim)\s+(?P<who>(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+){0,4}?)"
    r"\s+(?:has\s+|have\s+|had\s+)?(?P<verb>denied|denies|rejected|rejects|disputed|disputes|"
    r"dismissed|dismisses)(?:\s+(?:it|this|that|them|the\s+\w+))?\s*\.?$", re.IGNORECASE)


def _reply_part(text: str) -> tuple[str, str] | None:
    """(the claim without its reply clause, the reply as a claim of its own) for "<claim>,
    which <who> denied": "Clean Rivers alleged that the firm ignored warnings, which the
    company denied" -> ("Clean Rivers alleged that the firm ignored warnings.", "The
    company denied that the firm ignored warnings."). What is denied is the reported
    content (a charge's "of ignoring warnings" as "ignoring warnings"). None without such
    a clause, or after a claim that reports no one's words: there "which" may be its
    object's ("approved the plan, which critics rejected")."""
    m = _REPLY.search(text)
    attr = attribution_of(text[: m.start()]) if m is not None and m.start() else None
    if m is None or attr is None:
        return None
    main = text[: m.start()].strip()
    who, content = m.group("who"), attr.content
    # "..., which the company denied": a replier named by a common noun is the party the
    # report is about, the name its content opens with or the charge is made against
    accused = (re.search(rf"\b(?:accused|accuses|accusing)\s+({CAP_RUN.pattern})\s+of\b", main)
               if attr.charge else CAP_RUN.match(content))
    if re.fullmatch(r"(?i:the)\s+[a-z]+", who) and accused is not None:
        who = accused.group(accused.lastindex or 0)
        if content.startswith(who):
            content = f"it{content[len(who):]}"
    denied = content if attr.charge else f"that {content}"
    return f"{main}.", f"{who[0].upper()}{who[1:]} {m.group('verb')} {denied}."


def split_claim(claim: str) -> list[str]:
    """Atomic claims of `claim` (the claim itself when it is already atomic)."""
    text = " ".join(claim.split()).strip()
    if not text:
        return []
    if (reply := _reply_part(text)) is not None:
        return [*split_claim(reply[0]), reply[1]]
    attr = attribution_of(text)
    if attr is None:
        return _split_plain(text)
    content = attr.content.rstrip(".")
    prefix = text.rstrip(".")[: -len(content)].strip() if text.rstrip(".").endswith(content) else ""
    if attr.charge and prefix:
        return _split_charge(prefix, attr.speaker, content) or [text]
    parts = _split_plain(content)
    if len(parts) < 2 or not prefix:
        return [text]
    out = []
    content_verb_past = _past(_first_verb(content))
    for p in parts:
        # "Trump said she is afraid and called her lovely": a past-tense predicate after a
        # present-tense content belongs to the speaker, not to the reported clause.
        tail = (
            p[len(_subject_of(content) or "") :].strip()
            if p.startswith(_subject_of(content) or "\0")
            else ""
        )
        subjectless = (
            bool(tail) and re.search(rf"(?:and|,)\s+{re.escape(tail)}$", content) is not None
        )
        if subjectless and p is not parts[0] and _past(tail.split()[0]) and not content_verb_past:
            out.append(f"{attr.speaker} {tail}")
        else:
            out.append(f"{prefix} {p}")
    return out


def _split_charge(prefix: str, speaker: str, charge: str) -> list[str] | None:
    """Parts of "<prefix> <charge>" where the prefix is "X accused Y of": a clause with a
    subject of its own ("..., and the company admitted it") or a predicate in the past
    ("... and demanded an inquiry", the speaker's) is no part of the charge, which is a
    phrase; other pieces ("and inflating costs") are. A clause opened by a pronoun stays in:
    who "he" is cannot be told from word shapes. None when nothing splits off."""
    tokens = _SPLIT_RE.split(charge)  # [piece, separator, piece, ...]
    out = [f"{prefix} {tokens[0].strip()}"]
    for sep, piece in zip(tokens[1::2], tokens[2::2], strict=False):
        piece = piece.strip()
        words = _words(piece)
        if words and _is_clause(piece) and words[0].lower() not in _PRONOUNS:
            out.append(piece)
        elif words and _is_predicate(piece) and _past(words[0]):
            out.append(f"{speaker} {piece}")
        else:
            out[-1] = f"{out[-1]}{sep}{piece}"
    return out if len(out) > 1 else None


def _first_verb(clause: str) -> str:
    return next((w for i, w in enumerate(_words(clause)) if i > 0 and _verbish(w)), "")


# Frequent irregular past forms (word shape cannot tell "sent" is past).
_PAST_FORMS = word_set(
    "said told made took gave sent met won lost got went came saw began left kept held led paid "
    "brought bought thought found spoke wrote rose fell sought struck became stood knew was were "
    "had did"
)


def _past(word: str) -> bool:
    w = word.lower()
    return (len(w) > 3 and w.endswith("ed")) or w in _PAST_FORMS


def _split_plain(text: str) -> list[str]:
    body = text.rstrip(".")
    tokens = _SPLIT_RE.split(body)  # [part, separator, part, separator, part, ...]
    if len(tokens) < 3:
        return [text]
    if not _is_clause(tokens[0]):
        return [text]  # "Mexico and Canada ...": a coordinated subject, not two clauses
    subject = _subject_of(tokens[0])
    subject_is_pronoun = bool(subject) and subject.split()[0].lower() in _PRONOUNS  # type: ignore[union-attr]
    out: list[str] = [tokens[0].strip()]
    for sep, piece in zip(tokens[1::2], tokens[2::2], strict=False):
        piece = piece.strip()
        if not piece:
            continue
        words = _words(piece)
        if _one_number(out[-1], sep, words[0]):
            out[-1] = f"{out[-1]}{sep}{piece}"
        elif _is_predicate(piece) and subject:
            out.append(f"{subject} {piece}")
        elif (
            words[0].lower() in _PRONOUNS
            and subject
            and not subject_is_pronoun
            and _is_clause(piece)
        ):
            out.append(f"{subject} {' '.join(words[1:])}")  # "... and she sent" -> "Ana sent"
        elif _is_clause(piece):
            out.append(piece)
        else:
            # A noun coordination or a participle phrase belongs to the previous part.
            out[-1] = f"{out[-1]}{sep}{piece}"
    return [p for p in out if p] if len(out) > 1 else [text]
