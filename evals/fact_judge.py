"""The lexical fact judge: is a gold fact stated in an answer or a summary?

QA fact recall and summary key-fact recall count the gold facts `fact_present` finds. Its
agreement with human readers is measured by evals/judge_check.py.
"""

from __future__ import annotations

import functools
import re

from evals.metrics import normalize_quote_text

_STOPWORDS = frozenset(
    (
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and",
        "any", "are", "as", "at", "be", "been", "before", "being", "below", "between", "both",
        "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few",
        "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers",
        "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its",
        "itself", "just", "me", "more", "most", "my", "no", "nor", "not", "of", "off", "on",
        "once", "only", "or", "other", "our", "ours", "out", "over", "own", "said", "same", "say",
        "says", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs",
        "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under",
        "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while",
        "who", "whom", "why", "will", "with", "would", "you", "your",
    )
)
# The share of a fact's content words a text must hold for `fact_present`: 0.6 in a whole
# summary, 0.5 in an answer. Chosen against human labels of dev pairs (evals/judge_check.py):
# agreement on 352 answer pairs 0.895 at 0.6, 0.929 at 0.5 (at 0.4, 0.923 with more facts
# found that are not there); on 307 summary pairs 0.850 at 0.6, 0.811 at 0.5, since a long
# text holds a fact's words by chance more often. Held-out pairs, measured after: answers
# 0.955 / 0.970 (66 pairs), summaries 0.912 / 0.882 (68 pairs).
FACT_THRESHOLD = 0.6
ANSWER_FACT_THRESHOLD = 0.5
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
# A number with a scale after it: "10k", "$1.2 million", "3.4m", "2bn", and text2num's
# "3.4 1000000" for "three point four million".
_SCALED = re.compile(
    r"(\d+(?:[.,]\d+)*)\s*(k|thousand|m|mn|million|bn|billion|1000|1000000|1000000000)\b", re.I
)
_SCALES = {"k": 1e3, "thousand": 1e3, "1000": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6,
           "1000000": 1e6, "bn": 1e9, "billion": 1e9, "1000000000": 1e9}
# "18 months / a year and a half", "About 3,000 fish (more than 3,000 recovered by Friday)":
# labels give other wordings after a slash and optional detail in brackets.
_ASIDE = re.compile(r"\s*\([^()]*\)")


def _scaled(match: re.Match[str]) -> str:
    value = float(match.group(1).replace(",", "")) * _SCALES[match.group(2).lower()]
    return f"{value:.0f}" if value == int(value) else f"{value}"


@functools.lru_cache(maxsize=4096)
def _digits(text: str) -> str:
    """Number words as digits (text2num, every size: "eight years" -> "8 years") and scaled
    figures as one number ("10k" -> "10000", "$1.2 million" -> "$1200000")."""
    from text_to_num import alpha2digit  # a dependency of the agent already (quantities)

    return _SCALED.sub(_scaled, alpha2digit(text, "en", threshold=0))


def _numbers(text: str) -> set[str]:
    # "10,000" and "10000" are the same number; a trailing ".0" is not normalised on purpose.
    return {n.replace(",", "") for n in _NUMBER.findall(text)}


def fact_wordings(fact: str) -> list[str]:
    """The ways a labelled fact may be stated: the fact without its bracketed asides, each
    alternative of a " / " list, and the whole text as written. ["18 months", "a year and a
    half", ...] for "18 months / a year and a half"."""
    main = _ASIDE.sub("", fact).strip()
    options = [part.strip() for part in main.split(" / ")] if " / " in main else [main]
    return [o for o in dict.fromkeys([*options, fact.strip()]) if o]


def _content_words(text: str) -> list[str]:
    words = (w.removesuffix("'s") for w in _WORD.findall(text.lower().replace("’", "'")))
    return [w for w in words if len(w) > 1 and w not in _STOPWORDS]


def _same_word(a: str, b: str) -> bool:
    """Equal, or an inflection of each other: a common prefix of >= 5 characters covering at
    least 75% of the shorter word (rejected/rejection, cartel/cartels, Mexico/Mexican)."""
    if a == b:
        return True
    shorter = min(len(a), len(b))
    if shorter < 5:
        return False
    common = next((i for i in range(shorter) if a[i] != b[i]), shorter)
    return common >= 5 and common >= 0.75 * shorter


def fact_present(fact: str, answer: str, threshold: float = FACT_THRESHOLD) -> bool:
    """Deterministic lexical judge: is `fact` stated in `answer`?

    True when any of the fact's wordings (`fact_wordings`: without bracketed asides, each
    " / " alternative) is stated. A wording is stated when every number in it occurs in the
    answer (numbers are where paraphrase-tolerant judges fail silently; number words and
    "10k" / "$1.2 million" are read as digits on both sides) and at least `threshold` of its
    content words match an answer word (exactly or as an inflection). It cannot see negation
    or who said what; its agreement with a human reader is measured on labelled pairs
    (`evals/judge_check.py`, on `evals/data/judge_pairs_*.jsonl`).
    """
    if not fact.strip():
        return False
    answer = _digits(answer)
    return any(_wording_present(_digits(w), answer, threshold) for w in fact_wordings(fact))


def _wording_present(fact: str, answer: str, threshold: float) -> bool:
    """`fact_present` for one wording, both texts already `_digits`-normalised."""
    if not _numbers(fact) <= _numbers(answer):
        return False
    wanted = _content_words(fact)
    if not wanted:
        # Nothing but numbers/stopwords: the number check above is the whole test.
        return bool(_numbers(fact)) or normalize_quote_text(fact).lower() in answer.lower()
    have = set(_content_words(answer))
    hits = sum(1 for w in wanted if any(_same_word(w, h) for h in have))
    return hits / len(wanted) >= threshold


def answer_fact_present(fact: str, answer: str) -> bool:
    """`fact_present` at ANSWER_FACT_THRESHOLD: the QA suite's lexical fact judge."""
    return fact_present(fact, answer, threshold=ANSWER_FACT_THRESHOLD)
