"""Text normalisation and content terms: the vocabulary every stage compares text with."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence

_QUOTES = str.maketrans(
    {
        "’": "'", "‘": "'", "‛": "'", "′": "'", "`": "'", "´": "'",
        "“": '"', "”": '"', "„": '"', "″": '"', "«": '"', "»": '"',
        "–": "-", "—": "-", "‒": "-", "―": "-", "‐": "-", "‑": "-", "−": "-",
        "…": "...", "\u00a0": " ",
    }
)  # fmt: skip
_WS = re.compile(r"\s+")


def normalize_for_match(text: str) -> str:
    """Casefold, unify quote marks and dashes, collapse whitespace."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return _WS.sub(" ", text).strip()


STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "do",
        "does",
        "did",
        "done",
        "has",
        "have",
        "had",
        "having",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "there",
        "their",
        "they",
        "them",
        "he",
        "she",
        "his",
        "her",
        "him",
        "we",
        "our",
        "us",
        "you",
        "your",
        "i",
        "me",
        "my",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "not",
        "no",
        "nor",
        "so",
        "than",
        "too",
        "very",
        "can",
        "could",
        "should",
        "would",
        "will",
        "shall",
        "may",
        "might",
        "must",
        "about",
        "into",
        "over",
        "under",
        "after",
        "before",
        "between",
        "during",
        "against",
        "also",
        "just",
        "only",
        "any",
        "all",
        "each",
        "some",
        "such",
        "said",
        "says",
        "say",
        "tell",
        "told",
        "according",
    ]
)
_WORD = re.compile(r"[a-z0-9][a-z0-9'%.-]*[a-z0-9%]|[a-z0-9]")


def singular(word: str) -> str:
    """A lower-case word with a plural's final "s" dropped (crude): "jobs" -> "job",
    "sets" -> "set", "closures" -> "closure"; not "-ss" ("less", "boss") and, in a
    four-letter word, not "-us" or "-is" ("plus", "axis"), nor "news", which is no plural
    of "new". Four-letter plurals were left whole before session 57, so "640 jobs" shared
    no word with "job losses", nor "sets" with "each set"."""
    if not word.endswith("s") or word.endswith("ss") or len(word) < 4:
        return word
    if len(word) == 4 and (word.endswith(("us", "is")) or word == "news"):
        return word
    return word[:-1]


def initials(words: Sequence[str]) -> str:
    """The first letters of `words`, joined, as written: "US" of ["United", "States"],
    "egn" of ["eastvale", "grid", "networks"]: the acronym a name may be written as."""
    return "".join(w[0] for w in words)


def content_terms(text: str) -> set[str]:
    """Lower-cased content words and numbers, stopwords dropped; crude plural folding
    (`singular`)."""
    terms = set()
    for w in _WORD.findall(normalize_for_match(text)):
        w = w.strip(".'")
        if w.endswith("'s"):
            w = w[:-2]  # a possessive is its noun ("ferrante's ban"), never a plural
        if not w or w in STOPWORDS:
            continue
        terms.add(singular(w))
    return terms


def sentence_idf(sentences: Sequence[str]) -> dict[str, float]:
    """Smoothed inverse document frequency of content terms over sentences."""
    df: dict[str, int] = {}
    for text in sentences:
        for t in content_terms(text):
            df[t] = df.get(t, 0) + 1
    n = len(sentences)
    return {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
