"""Who a sentence's content is attributed to: "Trump" in "Trump said she is afraid",
"someone" for reported speech that names no one ("she said", "reportedly"), None for a
sentence that states its content as fact; the subject a claim opens with; and whether a
sentence has a claim's subject speak somewhere else (`place_rival`).

The vocabulary (reporting verbs `CUE_RE`, hedges, what is no name) is agent.text.facts'.
"""

from __future__ import annotations

import re
from itertools import pairwise

from agent.text.facts import (
    CAP_RUN,
    CUE_RE,
    DEED_OR_WORDS,
    HEDGES,
    LONG_QUOTE,
    NOT_ENTITY,
    OCCASION,
    QUOTE_CHARS,
    SPEECH_WORDS,
    blank_quotes,
    event_places,
    mentions,
    places,
    strip_dateline,
)
from agent.text.lexicon import is_adjective, is_past_form, is_third_person_present, verb_lemmas
from agent.text.normalize import normalize_for_match
from agent.text.number_words import words_to_digits


def subject_of(claim: str) -> str | None:
    """The first capitalised run of `claim`, lower case, without titles, function words or a
    number word that opens the sentence ("Twenty-two Kelderby volunteers" -> "kelderby"),
    or None."""
    found = [m for m in CAP_RUN.finditer(claim)]
    for m in found:
        words = [w for w in m.group(0).split() if w.lower().strip("’'") not in NOT_ENTITY
                 and not words_to_digits(w).replace("-", "").isdigit()]
        if words:
            return " ".join(words).lower().replace("’s", "").replace("'s", "")
    return None


def place_rival(claim: str, sentence: str) -> bool:
    """The sentence reports the claim's subject speaking somewhere the claim does not name,
    for a claim with a speech word or an occasion ("held a rally in Texas")."""
    subject = subject_of(claim)
    appears = SPEECH_WORDS.search(claim) or CUE_RE.search(claim) or OCCASION.search(claim)
    if not subject or not places(claim) or not appears:
        return False
    speaker = attribution(sentence)
    if speaker in (None, "someone"):  # "Hale spoke at ..., aides said": Hale, not the aides
        rest = sentence.split(",", 1)[1] if "," in sentence else sentence
        speaker = subject_of(rest) or subject_of(sentence)
    if not speaker or not mentions(normalize_for_match(speaker), subject):
        return False
    claim_low = normalize_for_match(claim)
    return any(not mentions(claim_low, q) for q in event_places(sentence))


def attribution(text: str) -> str | None:
    """Who a sentence attributes its content to: "Trump" in "Trump said she is afraid".

    Returns the speaker's name, "someone" when the sentence is reported speech with no name
    (a quotation fragment, "she said", "reportedly"), or None when it states its content as
    fact. The speaker is the first name outside quotes before the reporting verb (the
    sentence's subject), else a name right after it ("according to Ana", "said Ana")."""
    text = strip_dateline(text)
    cue = _speech_cue(text)
    stripped = text.strip()
    # Speech, not scare quotes: a quoted run of some length, or a quotation fragment.
    quoted = bool(LONG_QUOTE.search(text)) or (
        bool(stripped) and (stripped[0] in QUOTE_CHARS or stripped[-1] in QUOTE_CHARS)
    )
    if cue is None:
        return "someone" if quoted else None
    if HEDGES.fullmatch(cue.group(0)):
        return "someone"  # "X has reportedly bussed in staff": X is no speaker
    bare = blank_quotes(text)
    if cue.group(0).lower() == "according to":  # the source follows; the subject precedes
        return _source_named(bare[cue.end():]) or "someone"
    # "Crew members warned management ..., according to their union": a closing source is
    # the speaker of the whole sentence, whatever verb of speech comes before it.
    closing = _CLOSING_SOURCE.search(bare)
    if closing:
        return _source_named(" " + closing.group(1)) or "someone"
    before = text[: cue.start()]
    if re.search(r"\b(?:he|she|they|it|we|i)(?:\s+[a-z]+){0,2}\s*$", before, re.IGNORECASE):
        return "someone"  # "..., she said", "He later asserted"
    # The subject of the reporting clause: after the last comma before the verb, if any.
    clause_start = bare.rfind(",", 0, cue.start()) + 1
    region = bare[clause_start : cue.start()]
    # "Petra Nolan, regional organiser for the union, accused Mardell of ...": a name
    # opening the sentence, described between commas, is the subject of the verb after
    opening = _DESCRIBED_SUBJECT.match(bare[: cue.start()])
    if opening and (named := _name_after(" " + opening.group(1))):
        return named
    # "The leader of the opposition, Councillor Maureen Oakes, accused ...": a name set off
    # by commas right before the verb is its subject (not the object after "accused")
    appositive = _NAMED_BEFORE_VERB.search(bare[: cue.start()])
    if appositive and (named := _name_after(" " + appositive.group(1))):
        return named
    # "..., said Ana Ruiz": the verb right after a comma, its speaker after it
    if (clause_start and not region.strip() and _INVERTS.fullmatch(cue.group(0))
            and (named := _name_after(bare[cue.end():]))
            and _ends_clause(bare[cue.end():], named)):
        return named
    if clause_start and re.search(r"[a-z]{3,}", region) and not any(
        w[:1].isupper() and w.lower() not in NOT_ENTITY for w in region.split()
    ):
        return "someone"  # "..., the council said": an unnamed speaker
    if not any(w[:1].isupper() and w.lower() not in NOT_ENTITY for w in region.split()):
        region = bare[: cue.start()]
    runs = list(CAP_RUN.finditer(region))
    for n, m in enumerate(runs):
        words = [w for w in _joined_name(region, m.start(), m.end()).split()
                 if w.lower().strip("’'") not in NOT_ENTITY or w == "and"]
        # "Opposition councillor Raj Mehta said": a lone word opening the clause, then a
        # description, then the name before the verb: the word is capitalised by place.
        # The name may be followed by auxiliaries ("Walk leader Graham Ostler has said") or
        # a clause set off by a comma ("Chief executive Desmond Albright, whose father
        # founded the firm, said"), session 57: both had been read as spoken by the role word.
        if (len(words) == 1 and " " not in m.group(0) and n + 1 < len(runs)
                and not region[: m.start()].strip(" \"“‘'")
                and re.fullmatch(r"(?:\s+(?!and\b|or\b|with\b)[a-z][\w’'-]*){1,2}\s+",
                                 region[m.end():runs[n + 1].start()])
                and _NAME_THEN_VERB.fullmatch(region[runs[n + 1].end():])
                and any(w.lower() not in NOT_ENTITY for w in runs[n + 1].group(0).split())):
            continue
        # "Local fishermen have accused": an adjective opening the sentence before a
        # lower-case word is capitalised by its place; the speaker is unnamed
        if (n == 0 and len(words) == 1 and " " not in m.group(0)
                and not bare[: clause_start + m.start()].strip(" \"“‘'")
                and re.match(r"\s+[a-z]", region[m.end():]) and is_adjective(words[0])):
            continue
        # "Ferrante's agent, Elena Voss, said" is not Ferrante; "Kestrel's directors said"
        role = _ROLE_AFTER.match(region, m.end())
        if role and m.group(0)[-2:] in ("'s", "’s"):
            if n + 1 < len(runs):
                continue
            return f"{m.group(0)} {role.group(1).strip()}"
        if words and words[0] != "and":
            return " ".join(words).replace("’s", "").replace("'s", "")
    if re.search(r"\b[a-z]{3,}\b", region):
        # an unnamed subject ("The union also accused Brantwell of ..."): the name after
        # the verb is its object, not the speaker
        return "someone"
    return _name_after(bare[cue.end():]) or "someone"


def _speech_cue(text: str) -> re.Match[str] | None:
    """The first verb of speech (`CUE_RE`) of `text` that reports words: one that also
    states a deed (`DEED_OR_WORDS`) does not when only its object follows it, up to the next
    verb of speech ("The storm claimed three lives, police said": "said")."""
    cue = CUE_RE.search(text)
    while cue is not None and DEED_OR_WORDS.fullmatch(cue.group(0)):
        after = CUE_RE.search(text, cue.end())
        rest = text[cue.end():after.start() if after else len(text)]
        if not is_bare_object(rest.replace(",", " ")):
            break
        cue = after
    return cue


# What may stand between a speaker's name and the verb of speech: nothing, lower-case
# auxiliaries ("has", "has also"), or a clause set off by a comma.
_NAME_THEN_VERB = re.compile(r"\s*|(?:\s+[a-z]+){1,3}\s*|\s*,.*", re.DOTALL)


# Verbs of speech a speaker may follow ("..., said Ana Ruiz"); "..., accused Mardell of"
# names its object there.
_INVERTS = re.compile(r"(?:said|says|added|adds|wrote|writes|explained|asked|replied|"
                      r"continued|insisted|argued|noted|stated|claimed|warned|admitted|"
                      r"conceded|recalled|told|tells)", re.IGNORECASE)
# A name between two commas right before the reporting verb.
_NAMED_BEFORE_VERB = re.compile(r",\s*((?:[A-Z][\w’'-]*\s+)*[A-Z][\w’'-]*),\s*$")
# A name opening the sentence and a description between two commas right before the verb
# ("Petra Nolan, regional organiser for the union, "), or before a verb and its object
# whose noun is the cue ("Niamh Calder-Roe, who leads the trial, denied the [accusation]").
_DESCRIBED_SUBJECT = re.compile(r"^\s*([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)+),\s+[^,]{3,80},"
                                r"\s*(?:[a-z][\w’'-]*\s+){0,4}$")


# The role a possessive name opens ("Kestrel's chief executive"), up to an auxiliary.
_ROLE_AFTER = re.compile(r"\s+((?:(?!(?:has|have|had|is|was|were|will|would|also|later|"
                         r"then|and)\b)[a-z][\w-]*\s*){1,3})")


# "the Food and Drug Administration": one name, told from two ("Trump and Sheinbaum") by "the"
_AND_NAME = re.compile(r"\s+and\s+[A-Z][\w’'-]*(?:\s+(?:of\s+)?[A-Z][\w’'-]*)*")


def _joined_name(text: str, start: int, end: int) -> str:
    """The capitalised run text[start:end], with a run after "and" when "the" precedes it."""
    follow = _AND_NAME.match(text, end)
    if follow and (re.search(r"\bthe\s+$", text[:start], re.IGNORECASE)
                   or text[start:end].startswith("The ")):
        return text[start:follow.end()]
    return text[start:end]


# "..., according to the union." ending the sentence (no clause of its own after it).
_CLOSING_SOURCE = re.compile(r",\s+according\s+to\s+([^,;:]+?)\s*[.!?]?\s*$", re.IGNORECASE)


def _ends_clause(rest: str, name: str) -> bool:
    """Whether the `name` found in `rest` (the text after a reporting verb) ends its clause
    or opens a description of its bearer ("said Ana Ruiz.", "said Ana Ruiz, who ..."), so
    it is the speaker; not when a verb follows ("said Mr Mallory had told officers ...":
    Mallory is the subject of what was said)."""
    last = name.split()[-1] if name.split() else ""
    at = rest.find(last)
    if at < 0:
        return True
    after = rest[at + len(last):]
    return re.match(r"[’']s\b|\s*(?:[,.;:!?)\u2014\u2013-]|$)|\s+(?:who|of|from|at|in)\b",
                    after) is not None


# A name that qualifies the noun after it: "the Langholt fire and rescue service".
_NAME_AS_MODIFIER = re.compile(r"\s+(?!of\b|and\b)[a-z][\w’'-]*(?:\s+(?:and\s+)?[a-z][\w’'-]*)*"
                               r"\s*(?:[,.;:]|$)")


def _source_named(rest: str) -> str | None:
    """The source named after "according to" (`rest`): its name (`_name_after`), or, when
    the name only qualifies the noun that ends the source ("the Langholt fire and rescue
    service", a transport newcomer, session 60: read as spoken by the town), that whole
    noun phrase ("Langholt fire and rescue service")."""
    name = _name_after(rest)
    if name is None:
        return None
    at = rest.find(name.split()[-1])
    tail = _NAME_AS_MODIFIER.match(rest, at + len(name.split()[-1])) if at >= 0 else None
    if tail is None:
        return name
    return f"{name}{tail.group(0).rstrip(' ,.;:')}"


def _name_after(rest: str) -> str | None:
    """The name in `rest`, the text after a reporting verb: right after it ("said Ana Ruiz")
    or after a description of its bearer ("said the provost, Professor Daniel Oyelaran")."""
    # "said last year that Barnmoor's unit ...": after "that" comes what was said
    after = re.match(r"\s+(?:(?!that\b)[a-z][\w’'-]*\s+){0,3}([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)",
                     rest) \
        or re.match(r"\s+(?:the|a|an|its|their|his|her)\s+(?:[a-z][\w’'-]*\s+){0,3}"
                    r"[a-z][\w’'-]*,\s+([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)", rest)
    if after is None:
        return None
    name = _joined_name(rest, after.start(1), after.end(1))
    words = [w for w in name.split() if w.lower() not in NOT_ENTITY or w == "and"]
    return " ".join(words).replace("’s", "").replace("'s", "") if words else None


# Words that open or extend a noun phrase, so a verb form after them is its noun ("several
# lives", "the charges", "four counts", "plans to close"), not a clause's verb.
_NOUN_PHRASE_WORDS = frozenset((
    "a", "an", "the", "this", "that", "these", "those", "its", "his", "her", "their", "our",
    "my", "your", "some", "any", "no", "all", "both", "each", "every", "several", "many",
    "few", "more", "most", "much", "other", "another", "of", "to", "in", "on", "at", "by",
    "from", "with", "and", "or", "hundred", "thousand", "million", "billion", "trillion"))
# Words that make what follows a verb of speech words, whatever else is there: an
# auxiliary or a negation (a clause), a subject pronoun opening one, and "that" or
# "whether" opening a reported clause.
_CLAUSE_WORDS = frozenset((
    "is", "are", "was", "were", "will", "would", "has", "have", "had", "can", "could",
    "should", "must", "may", "might", "did", "does", "do", "not", "never", "that", "whether",
    "he", "she", "it", "they", "we", "i", "there", "you"))


def is_bare_object(rest: str) -> bool:
    """Whether `rest`, the words after a verb of speech up to the sentence's end, is only
    that verb's object (a noun phrase with its modifiers and any time or place), so the verb
    tells a deed, not words someone said: "claimed several lives", "claimed the title on
    Saturday", "announced a £5 million fund", "admitted four counts of fraud" (a flood
    newcomer and a court newcomer had them read as speech; dev brackwater c08, "The
    grounding claimed several lives", was checked as words of "the grounding"). False for a
    clause ("said the plan works", "claimed workers were sacked"), a quote or "that", and
    for nothing at all (", she said."). The verb of a clause is a form of a verb (LemmInflect,
    agent.text.lexicon) after a word that does not extend a noun phrase: its past or
    third-person present form, or its base form after a plural noun (not a name ending in
    "s": "its Leeds plant")."""
    text = rest.strip().rstrip(".!?;: ")
    if not text or any(q in text for q in QUOTE_CHARS):
        return False
    cased = [w.strip(",’'") for w in words_to_digits(text).split()]
    words = [w.lower() for w in cased]
    if any(w in _CLAUSE_WORDS or w.endswith("n't") for w in words):
        return False
    for n, (before, word) in enumerate(pairwise(words)):
        # (a verb's base form after a plural noun: "workers love the plan"; after a noun
        # in the singular it is a compound's head: "a recovery fund", and so is any form
        # after a count and a singular noun: "300 job cuts")
        counted = n > 0 and words[n - 1].replace(",", "").isdigit() and words[n - 1] != "1"
        if (word.isalpha() and before.isalpha() and before not in _NOUN_PHRASE_WORDS
                and not counted
                and verb_lemmas(word)
                and (is_past_form(word) or is_third_person_present(word)
                     or (before.endswith("s") and cased[n].islower()
                         and not is_adjective(before)))):
            return False
    return True
