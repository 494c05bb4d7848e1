"""What a figure measures, read from the words around it: the thing a sum or share is of
("a £50 goodwill payment", "a transition payment of £150,000"), the act a duration measures
("jailed for five and a half years"), the words that qualify a count's noun ("14 diabetic
foot clinics"). Two figures of two things are no versions of one (agent.verification
conflicts and measures read them so).
"""

from __future__ import annotations

import re

from agent.text.analysis import stem, stems
from agent.text.facts import FUNCTION_WORDS, MONTHS, WEEKDAYS
from agent.text.frames import clause_words
from agent.text.lexicon import is_noun_not_verb, is_past_form, verb_lemmas
from agent.text.normalize import STOPWORDS
from agent.text.number_words import words_to_digits
from agent.text.quantities import Quantity

# What a sum, share or measure is of, when a noun follows it: "a £50 goodwill payment", "a
# 25% tariff" (a newcomer trial, session 47: an average overcharge of £31 and a £50
# goodwill payment were shown as two outlets' versions of one sum).
_THING_AFTER = re.compile(r"\s+((?:[a-z][a-z-]*\s+)?[a-z][a-z-]*)\b")
# Words after a figure that say when or how much more, not what it is of ("4.5 per cent last
# year", "£400 extra").
_NOT_THING = frozenset(("last", "next", "this", "each", "every", "more", "less", "extra",
                        "year", "years", "month", "months", "week", "weeks", "day", "days",
                        *MONTHS, *WEEKDAYS))


def thing_after(text: str, q: Quantity) -> str:
    """The stem of the noun a sum of money or a percentage `q` of `text` modifies
    ("payment" of "a £50 goodwill payment"): one or two words right after it that are no
    function words and end in a noun that is no verb (agent.text.lexicon.is_noun_not_verb:
    "a £600k cut" may be told "slashed ... by £800,000"); "" otherwise ("£31,
    although ...", "£1.2 million from ...", "4.5 per cent last year") or for other kinds."""
    if q.kind not in ("money", "percent") or not q.said:
        return ""
    at = text.find(q.said)
    m = _THING_AFTER.match(text, at + len(q.said)) if at >= 0 else None
    words = m.group(1).split() if m is not None else []
    kept = words[:next((i for i, w in enumerate(words)
                        if w in FUNCTION_WORDS or w in STOPWORDS or w in _NOT_THING),
                       len(words))]
    return stem(kept[-1]) if kept and is_noun_not_verb(kept[-1]) else ""


# "a one-off transition payment of £150,000": the noun a sum or share is "of", past a hedge.
_THING_OF = r"\b([a-z][a-z-]*)\s+of\s+(?:(?:about|around|some|nearly|almost|roughly|just|" \
    r"up|to|more|less|over|under|than)\s+)*"
# Nouns before "of" that place a figure, not name what it is ("in the region of £2m",
# "in excess of £2m").
_NOT_THING_OF = frozenset(("region", "excess", "upwards"))


def figure_thing(text: str, q: Quantity) -> str:
    """The stem of the noun that says what a sum of money or a percentage `q` of `text` is:
    the noun after it (`thing_after`), else the noun it is "of" ("a transition payment of
    £150,000" -> "payment"), a noun that is no verb (agent.text.lexicon.is_noun_not_verb,
    as for `thing_after`); "" when neither is found or for other kinds."""
    after = thing_after(text, q)
    if after or q.kind not in ("money", "percent") or not q.said:
        return after
    for body in (text, words_to_digits(text)):
        m = re.search(_THING_OF + re.escape(q.said), body, re.IGNORECASE)
        if m is not None:
            word = m.group(1).lower()
            if word in _NOT_THING_OF or not is_noun_not_verb(word):
                return ""
            return min(stems(word), default="")  # "debts" -> "debt", as sentences' terms
    return ""


# Words back from a duration to the verb whose act it measures: "was banned from being a
# company director for eight years".
_ACT_WORDS = 12
_AUXILIARIES = frozenset(("be", "have", "do"))  # "was shut for three hours": "shut" or none


def duration_act(text: str, q: Quantity) -> str:
    """The stem of the verb whose act duration `q` of `text` measures: the nearest past form
    (agent.text.lexicon.is_past_form) before it in its clause, within _ACT_WORDS words
    ("jailed" in "has been jailed for five and a half years", "banned" in "banned from being
    a company director for eight years"); "" for other kinds or when there is none."""
    if q.kind != "duration" or not q.said:
        return ""
    digits = words_to_digits(text)
    at = digits.find(q.said)
    if at < 0:
        return ""
    before, _ = clause_words(digits, at, at + len(q.said))
    for word in reversed(before[-_ACT_WORDS:]):
        bare = word.strip(",;:\"'“”‘’()")
        if bare.isalpha() and is_past_form(bare) and not verb_lemmas(bare) & _AUXILIARIES:
            return stem(bare)
    return ""


def count_qualifiers(text: str, q: Quantity) -> frozenset[str]:
    """The content stems of the words between count `q` of `text` and its noun (`q.head`):
    {"diabet", "foot"} of "14 diabetic foot clinics", {"commu"} of "five community clinics";
    empty for other kinds, a count of no noun, or one said right before its noun."""
    if q.kind != "count" or not q.head or not q.said:
        return frozenset()
    digits = words_to_digits(text)
    m = re.search(rf"(?<![\d.,]){re.escape(q.said)}\s+((?:[\w'-]+\s+){{1,3}}?){re.escape(q.head)}",
                  digits, re.IGNORECASE)
    return frozenset(stems(m.group(1))) if m else frozenset()


def qualified_apart(c: Quantity, c_text: str, e: Quantity, e_text: str) -> bool:
    """Whether counts `c` (of `c_text`) and `e` (of `e_text`) of one noun count two parts of
    it: each has a qualifying word (`count_qualifiers`) the other's text lacks ("14 diabetic
    foot clinics" / "five community clinics": a health newcomer saw them as one count with
    two values; "rural dental surgeries" / "urban dental surgeries"). "22 permanent staff"
    and "28 staff" may be one."""
    if c.head != e.head:
        return False
    mine, theirs = count_qualifiers(c_text, c), count_qualifiers(e_text, e)
    return bool(mine - stems(e_text)) and bool(theirs - stems(c_text))
