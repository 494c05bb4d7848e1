"""One typed analysis of a sentence, computed once and read by every stage.

`analyze(text)` returns the `SentenceAnalysis` of a sentence or claim: its normalised form,
content-term stems, quantities, months and weekdays, places, named entities, subject, speaker,
and its polarity. Each field is computed on first use and kept, and `analyze` keeps the
analyses of recent texts (an LRU cache keyed by the exact text), so comparing one claim with
twenty evidence sentences, or one sentence with many claims, parses each text once.

The fields are those of the functions in this package (`normalize`, `quantities`, `facts`,
`polarity`); the analysis adds no rule of its own.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache

from agent.text.facts import (
    CUE_RE,
    asserted_part,
    entities,
    event_months,
    event_places,
    event_weekdays,
    months,
    places,
    weekdays,
)
from agent.text.normalize import STOPWORDS, content_terms, normalize_for_match, singular
from agent.text.number_words import words_to_digits
from agent.text.polarity import (
    Scope,
    cancel_double_negation,
    denies_a_statement,
    negated,
    negation_scopes,
    split_by_polarity,
)
from agent.text.quantities import Quantity, quantities
from agent.text.segment import TITLES
from agent.text.speakers import attribution, subject_of
from agent.text.tallies import Vote, vote
from agent.text.voice import mood

# Distinct texts kept: a corpus of ~5,000 sentences plus the claims of a batch.
CACHE_SIZE = 20_000


def stem(term: str) -> str:
    """A crude stemmer: "-ing", "-ed" and a final "e" dropped, then cut to 5 characters, so
    "send"/"sending", "share"/"sharing", "deployed"/"deploy", "Mexican"/"Mexico",
    "criticised"/"criticized" fold together, and a consonant doubled before the ending
    is single again ("banned"/"ban", `_DOUBLED`). A possessive's remains go ("town'" of
    "town's", content_terms folding its "s" as a plural). A plural is its singular
    (agent.text.normalize.singular), as in content_terms, for the words stemmed whole."""
    term = singular(term.rstrip("'"))
    if len(term) > 5 and term.endswith("ing"):
        term = term[:-3]
    elif len(term) > 4 and term.endswith("ed"):
        term = term[:-2]
    else:
        return _cut(term)
    if _DOUBLED.search(term):  # "banned" / "ban", "admitted" / "admit"
        return term[:-1][:5]
    return _cut(term)


# A consonant doubled before "-ed" or "-ing" ("bann", "stopp", "admitt"); not one a base
# form ends in ("call", "pass", "staff", "buzz").
_DOUBLED = re.compile(r"^\w+[aeiou]([bdgkmnprt])\1$")


def _cut(term: str) -> str:
    if len(term) > 3 and term.endswith("e"):
        term = term[:-1]
    return term[:5]


# Stems of the titles that stand before a name (agent.text.segment.TITLES, "professor"):
# part of the name, never what a sentence says of it.
TITLE_STEMS = frozenset(stem(t) for t in (*TITLES, "professor"))

# A verb and its particle ("walked out", "shut down") say what one compound noun does
# ("walkout", "shutdown"): the pair also counts as that noun.
_PARTICLE = re.compile(r"\b([a-z]{3,}?)(?:ed|ing|s)?\s+(out|down|up|off|over|back)\b")


def stems(text: str) -> set[str]:
    """The stems of a text's content terms, of the words of each hyphenated compound, and of
    the compound noun of each verb and particle (a fresh set; `analyze(text).stems` is
    cached). A compound says each of its words: "doorbell-camera footage" says "doorbell
    camera" (a dev story's claim found only "doorbell" in it)."""
    out = set()
    for t in content_terms(text):
        out.add(stem(t))
        parts = t.split("-")
        # a figure's compound ("44-year-old", "3-mile") is the figure, compared as one
        if len(parts) > 1 and all(p.isalpha() for p in parts):
            out |= {stem(w) for w in parts[1:] if len(w) > 2 and w not in STOPWORDS}
    out |= {stem(m.group(1) + m.group(2))
            for m in _PARTICLE.finditer(normalize_for_match(text))}
    return out


def share_of(terms: set[str], other: set[str]) -> float:
    """The share of `terms` that `other` holds, in [0, 1] (0.0 for no terms)."""
    return len(terms & other) / len(terms) if terms else 0.0


def speech_stems(text: str) -> set[str]:
    """The stems of the reporting verbs a text uses ("said", "told", "according to"): they
    say who speaks, not what is so (a fresh set)."""
    return {stem(w.lower()) for w in CUE_RE.findall(text)}


class SentenceAnalysis:
    """What code reads off one sentence. Every attribute is computed once, on first use.

    Sets are frozen so that one cached analysis can be shared by every caller.
    """

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def low(self) -> str:
        """`normalize_for_match(text)`: lower case, folded punctuation and accents."""
        return normalize_for_match(self.text)

    @cached_property
    def stems(self) -> frozenset[str]:
        """Stems of the content terms (`stem`), without the words of numbers said in words:
        "twenty to three" is the figure 2:40 (`quantities`), compared as one, not two terms
        a sentence giving "2.40am" lacks."""
        return frozenset(stems(self.text) & stems(words_to_digits(self.text)))

    @cached_property
    def quantities(self) -> tuple[Quantity, ...]:
        """Numbers as intervals with kind, unit and the word they count (`quantities`)."""
        return quantities(self.text)

    @cached_property
    def vote(self) -> Vote | None:
        """The count of a vote it gives: a tally, one side, the margin, "unanimous"
        (`tallies.vote`); None when it gives none."""
        return vote(self.text, self.quantities)

    @cached_property
    def months(self) -> frozenset[str]:
        return frozenset(months(self.text))

    @cached_property
    def event_months(self) -> frozenset[str]:
        """Months that date what the sentence tells, not a thing it names
        (`facts.event_months`: "October's electricity")."""
        return frozenset(event_months(self.text))

    @cached_property
    def weekdays(self) -> frozenset[str]:
        return frozenset(weekdays(self.text))

    @cached_property
    def event_weekdays(self) -> frozenset[str]:
        """Weekdays that date what the sentence tells, not a thing it names
        (`facts.event_weekdays`: "a Friday report" is no day of the sentence's event)."""
        return frozenset(event_weekdays(self.text))

    @cached_property
    def places(self) -> frozenset[str]:
        """Places named in the sentence, lower-cased (`facts.places`)."""
        return frozenset(places(self.text))

    @cached_property
    def event_places(self) -> frozenset[str]:
        """Places where something happens ("at a rally in Ohio"), lower-cased."""
        return frozenset(event_places(self.text))

    @cached_property
    def entities(self) -> frozenset[str]:
        """Capitalised names (`facts.entities`)."""
        return frozenset(entities(self.text))

    @cached_property
    def name_stems(self) -> frozenset[str]:
        """Stems of the words of the named entities."""
        return frozenset(stem(w) for e in self.entities for w in e.split())

    @cached_property
    def mood(self) -> str:
        """"statement", "question", "deontic" (a judgement in the writer's voice) or
        "personal" (the writer speaks as I/we or to "you"): `voice.mood`."""
        return mood(self.text)

    @cached_property
    def subject(self) -> str | None:
        """The actor of the main clause, when it is a name (`speakers.subject_of`)."""
        return subject_of(self.text)

    @cached_property
    def speaker(self) -> str | None:
        """Whose speech the sentence reports ("someone" when it does not say), or None when
        it states something itself (`speakers.attribution`)."""
        return attribution(self.text)

    @cached_property
    def asserted_stems(self) -> frozenset[str]:
        """Stems of what the sentence states itself, outside the reported speech."""
        return frozenset(stems(asserted_part(self.text)))

    @cached_property
    def negated(self) -> bool:
        """The sentence is negated (`polarity.negated`)."""
        return negated(self.text)

    @cached_property
    def double_negation(self) -> bool:
        """A negation cancels another ("did not reject")."""
        return cancel_double_negation(self.low) != self.low

    @cached_property
    def negation_scopes(self) -> tuple[Scope, ...]:
        return tuple(negation_scopes(self.text))

    @cached_property
    def denies(self) -> bool:
        """It reports a denial of what others said or of an act (`denies_a_statement`)."""
        return denies_a_statement(self.text)

    @cached_property
    def polarity_split(self) -> tuple[frozenset[str], frozenset[str]]:
        """(stems stated affirmatively, stems under a negation)."""
        affirmed, denied = split_by_polarity(self.text)
        return frozenset(stems(affirmed)), frozenset(stems(denied))


@lru_cache(maxsize=CACHE_SIZE)
def analyze(text: str) -> SentenceAnalysis:
    """The shared analysis of `text` (the same object for the same text while cached)."""
    return SentenceAnalysis(text)
