"""What a how-many question counts, and whether an answer counts it: "How many postal votes
were counted?" counts votes, "How many of Felsham's paying subscribers ...?" subscribers,
and "1,400 residents spent the night away from home" answers no question about homes
(issue 13: an answer that gives a figure of something else restates a nearby fact).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from agent.text.agents import AUX, CLAUSE_OPENERS
from agent.text.analysis import analyze
from agent.text.lexicon import is_verb_only
from agent.text.normalize import STOPWORDS
from agent.text.number_words import words_to_digits
from agent.text.quantities import Quantity, quantities
from agent.text.tallies import asked_vote_side
from agent.types import AnswerSentence

_HOW_MANY = re.compile(r"\bhow many\s+((?:[\w'’-]+\s*){1,4})", re.IGNORECASE)


def _singular(word: str) -> str:
    """A crude singular, enough to match "seats" with "40,000-seat" and "buses" with "bus"."""
    for suffix, repl in (("ies", "y"), ("ses", "s"), ("s", "")):
        if len(word) > 3 and word.endswith(suffix):
            return word[: -len(suffix)] + repl
    return word


# The words after a count that may name what it counts: "1,400 residents spent", "four of
# its wards", "12 agency nurses" (a noun phrase is short; a later word is another phrase's).
COUNTED_WORDS = 3


def _counted_words(quote: str, q: Quantity) -> list[str]:
    """The quantity's counted noun and the COUNTED_WORDS words after it in `quote`, singular."""
    found = [q.head] if q.head else []
    text = words_to_digits(quote)  # where the quantities were read ("four" -> "4")
    if q.said:  # each place the figure stands as a whole ("3", not the 3 of "30")
        for m in re.finditer(rf"(?<![\w.,]){re.escape(q.said)}(?![\w])", text, re.IGNORECASE):
            found += re.findall(r"[a-z]+", text[m.end(): m.end() + 60].lower())[:COUNTED_WORDS]
    return [_singular(w) for w in found]


# "How many of Felsham's paying subscribers ...?": a part of a group, named after "of".
_HOW_MANY_OF = re.compile(r"\bhow many of\s+((?:[\w'’-]+\s*){1,6})", re.IGNORECASE)


_DETERMINERS = frozenset(("the", "a", "an", "its", "their", "his", "her", "our", "your",
                          "these", "those", "this", "that"))


def _after_owner(words: list[str]) -> list[str]:
    """The words of a group's noun phrase after its determiners, owner and figures: "the
    lab's papers" -> "papers"; "Bethan Morley's animals" -> "animals"."""
    owner = max((i for i, w in enumerate(words[:4]) if w.lower().endswith(("'s", "’s"))),
                default=-1)
    rest = words[owner + 1:]
    while rest and (rest[0].lower() in _DETERMINERS or rest[0][0].isupper()
                    or rest[0].isdigit()):
        rest = rest[1:]
    return rest  # "of them": a function word first, so no noun


def asked_count_noun(question: str) -> str | None:
    """The noun a "how many" question counts, singular: among the words after "how many"
    (after "how many of", its determiners and owner: `_after_owner`) up to the first
    function word, the first regular plural ("How many postal votes were counted?": "vote";
    "How many of Felsham's paying subscribers ...?": "subscriber"), else the first word
    ("How many people ..."); None when it asks no count or no such word follows."""
    m = _HOW_MANY.search(question)
    if m is None:
        return None
    words = m.group(1).split()
    if words[0].lower() == "of" and (part := _HOW_MANY_OF.search(question)):
        words = _after_owner(part.group(1).split())
    phrase = []
    for w in (w.lower() for w in words):
        if w in STOPWORDS:
            break
        phrase.append(w)
    if not phrase:
        return None
    plural = [w for w in phrase if len(w) > 3 and w.endswith("s") and not w.endswith("ss")]
    return _singular((plural or phrase)[0])


def counts_what_is_asked(question: str, sentences: Sequence[AnswerSentence]) -> bool:
    """A "how many X" answer must cite a count of X: "How many buses used the bridge?" is
    not answered by "14,000 vehicles a day", nor "How many homes were flooded?" by "1,400
    residents spent the night away from home" (a lure: a figure is there, and the thing
    counted may even be named, but the figure counts something else). X must be the
    counted noun of a count in a cited quote, or among the COUNTED_WORDS words after it;
    when the quotes hold no count, X named anywhere in them, unless their figures are only
    measures of other things ("Firefighters needed almost three hours": an energy newcomer,
    session 61; "How many years ..." is answered by "eight years") or they hold no amount
    at all, in figures or in words (`_COUNT_IN_WORDS`: "dozens of", "no one")."""
    head = asked_count_noun(question)
    if head is None or not sentences:
        return True

    quotes = [c.quote for s in sentences for c in s.citations]
    side = asked_vote_side(question)
    if side is not None and any((v := analyze(quote).vote) is not None
                                and v.part(side) is not None for quote in quotes):
        return True  # "by seven votes to five" counts the members who voted each way
    found = [q for quote in quotes for q in quantities(quote)]
    if any(q.kind == "count" for q in found):
        return (any(counts_noun(quote, head) for quote in quotes)
                and counts_asked_part(question, quotes))
    if any(q.kind in ("money", "percent") and q.head == head for q in found):
        return False  # "$15,000 per hectare" prices hectares and counts none
    measures = [q for q in found if q.kind in ("duration", "measure", "money", "percent")]
    if measures and not any(q.head and _names(head, [_singular(q.head)]) for q in measures):
        return False
    if not measures and not any(_COUNT_IN_WORDS.search(quote) for quote in quotes):
        # no figure of any amount, only days or labels ("began on Ward 7 ... on Sunday" for
        # how many patients fell ill on Ward 7: fresh dev questions, session 65), and no
        # count said in words either
        return False
    return _names(head, (_singular(w) for q in quotes for w in re.findall(r"[a-z]+", q.lower())))


# A count said without a figure: "No one was hurt", "none of the passengers", "Dozens of
# lifeboat crews", "all 40 ..." (a figure, read already), "several patients".
_COUNT_IN_WORDS = re.compile(r"\b(?:no\s+one|nobody|none|no|dozens|hundreds|thousands|scores|"
                             r"several|many|few|handful|all|every)\b", re.IGNORECASE)


def _names(noun: str, words: Iterable[str]) -> bool:
    # "nurses"/"nurse", "buses"/"bus": one singular is a prefix of the other
    return any(w.startswith(noun) or (len(w) >= 3 and noun.startswith(w)) for w in words)


def counts_noun(text: str, noun: str) -> bool:
    """Whether a count in `text` counts `noun` (singular, `asked_count_noun`): its counted
    noun, or one of the COUNTED_WORDS words after it ("four of its wards")."""
    return any(_names(noun, _counted_words(text, q)) for q in quantities(text) if q.kind == "count")


def asked_part(question: str) -> list[str] | None:
    """What a "how many of <group> ... <aux> <part>?" question asks of a part of the group:
    the content words after its last auxiliary, lower case, number words as digits,
    singular ("How many of the patients who fell ill were on Ward 7?" -> ["ward", "7"];
    "How many of the bondholders are pensioners?" -> ["pensioner"]); None for any other
    question, or one with no auxiliary after the group ("... came from Stavenby?")."""
    m = _HOW_MANY_OF.search(question)
    if m is None:
        return None
    words = re.findall(r"[\w'’-]+", words_to_digits(question[m.start(1):]).lower())
    aux = max((i for i, w in enumerate(words) if i > 0 and w in AUX), default=None)
    if aux is None:
        return None
    part = [_singular(w) for w in words[aux + 1:] if w not in STOPWORDS and w not in AUX]
    return part or None


# Where the clause a count stands in ends: punctuation, or a word that opens another clause
# ("63 patients have fallen ill since the first cases appeared on Ward 7").
_CLAUSE_BREAK = re.compile(r"[,;:()\u2014\u2013]|\s-\s|\b(?:"
                           + "|".join(sorted(CLAUSE_OPENERS)) + r")\b", re.IGNORECASE)


def _words(text: str) -> set[str]:
    """The words of `text`, lower case and singular."""
    return {_singular(w) for w in re.findall(r"[\w'’-]+", text.lower())}


def _count_clauses(quote: str) -> list[set[str]]:
    """The words (lower case, singular, number words as digits) of each clause of `quote`
    that holds a count, the count's own figure left out."""
    text = words_to_digits(quote)
    clauses = []
    for q in quantities(quote):
        if q.kind != "count" or not q.said:
            continue
        for m in re.finditer(rf"(?<![\w.,]){re.escape(q.said)}(?![\w])", text, re.IGNORECASE):
            start = max((b.end() for b in _CLAUSE_BREAK.finditer(text, 0, m.start())), default=0)
            after = _CLAUSE_BREAK.search(text, m.end())
            span = text[start:m.start()] + " " + text[m.end():after.start() if after else None]
            clauses.append(_words(span))
    return clauses


def counts_asked_part(question: str, quotes: Sequence[str]) -> bool:
    """Whether `quotes` may count the part a "how many of <group> ...?" question asks about
    (`asked_part`), not only the whole group: False when they leave out a figure that
    defines the part ("were under five"), or name a noun of it only outside every count's
    clause ("more than 130 rescues, many of them by boat", "63 patients ... since the first
    cases appeared on Ward 7"); True when each one they name stands in a count's clause
    ("nine of them were on Ward 7"), when they name none (a paraphrase: "airlifted" for
    "taken off by helicopter"; verbs are left out, as the whole's verb is often the part's:
    "carried out 130 rescues"), and for any other question. Fresh dev questions (session
    65): five of eleven answered unanswerable questions gave the whole's count for the
    part's."""
    part = asked_part(question)
    if part is None:
        return True
    named = set().union(*(_words(words_to_digits(q)) for q in quotes))
    figures = [w for w in part if w[:1].isdigit()]
    if not all(f in named for f in figures):
        return False
    clauses = set().union(*(c for q in quotes for c in _count_clauses(q)))
    marks = [w for w in part if w in named and (w[:1].isdigit()
                                                  or (len(w) > 3 and not is_verb_only(w)))]
    return all(w in clauses for w in marks)
