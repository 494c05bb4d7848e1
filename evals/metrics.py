"""Pure metric functions for the eval harness.

Conventions: every function is deterministic and side-effect free; judgements (entailment,
fact presence) are computed elsewhere (LLM verifier or `fact_present`) and passed in. A rate
whose denominator is empty is undefined and returned as `nan`, never as a flattering 0 or 1;
callers print it as "n/a". Rates are fractions in [0, 1], not percentages.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from agent.errors import SourceboundError

NAN = float("nan")


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else NAN


def _ratio(num: int, den: int) -> float:
    return num / den if den else NAN


# --- answer quality -------------------------------------------------------------------------


def fact_recall(judgements: list[list[bool]]) -> float:
    """Mean over items of the share of gold facts judged present in the answer.

    Pass one list per answerable item (one bool per gold fact); items with no gold facts are
    skipped. This is the "key-fact"/nugget recall used in e.g. ASQA-style and TREC nugget
    evaluation: per-item recall, then a macro average so long answers to one question do not
    dominate.
    """
    return _mean([sum(j) / len(j) for j in judgements if j])


@dataclass(frozen=True)
class CitationJudgement:
    """Entailment judgements for one citation of a sentence (ALCE, Gao et al. 2023, §2.3).

    supports_alone: the cited passage by itself entails the sentence.
    rest_support: the sentence's *other* citations, concatenated, still entail it.
    """

    supports_alone: bool
    rest_support: bool


@dataclass(frozen=True)
class SentenceCitations:
    """One answer sentence: does the concatenation of all its citations entail it?"""

    supported_jointly: bool
    citations: list[CitationJudgement] = field(default_factory=list)


def citation_recall_precision(sentences: list[SentenceCitations]) -> tuple[float, float]:
    """ALCE citation recall and precision of one answer (Gao et al. 2023, "Enabling Large
    Language Models to Generate Text with Citations", §2.3, and its reference eval.py).

    Recall: share of sentences whose citations, concatenated, entail the sentence; a sentence
    without citations has recall 0.
    Precision: share of the answer's citations that are not *irrelevant*. A citation is
    irrelevant if (a) it alone does not entail the sentence and (b) the remaining citations
    still entail it. As in the reference code, precision is only credited for sentences whose
    citations jointly entail them: every citation of an unsupported sentence counts as not
    precise; a sole citation of a supported sentence is precise. Precision is 0 for an answer
    that cites nothing. ALCE truncates to the first 3 citations per sentence before judging;
    do that upstream if wanted.

    An answer with no sentences returns (nan, nan); ALCE skips such outputs.
    """
    if not sentences:
        return NAN, NAN
    recall_hits, precision_hits = alce_units(sentences)
    recall = sum(recall_hits) / len(recall_hits)
    precision = sum(precision_hits) / len(precision_hits) if precision_hits else 0.0
    return recall, precision


def alce_units(sentences: list[SentenceCitations]) -> tuple[list[bool], list[bool]]:
    """The units ALCE's recall and precision average, for one answer: one bool per sentence
    (its citations jointly entail it) and one per citation (it is not irrelevant), under the
    rules of `citation_recall_precision`."""
    recall_hits: list[bool] = []
    precision_hits: list[bool] = []
    for s in sentences:
        ok = bool(s.citations) and s.supported_jointly
        recall_hits.append(ok)
        if not ok:
            precision_hits += [False] * len(s.citations)
        elif len(s.citations) == 1:
            precision_hits.append(True)
        else:
            precision_hits += [c.supports_alone or not c.rest_support for c in s.citations]
    return recall_hits, precision_hits


def alce_citation_scores(answers: list[list[SentenceCitations]]) -> tuple[float, float]:
    """Corpus-level ALCE citation (recall, precision): per-answer scores, macro-averaged over
    answers that have at least one sentence (as eval.py does)."""
    scores = [citation_recall_precision(a) for a in answers if a]
    return _mean([r for r, _ in scores]), _mean([p for _, p in scores])


def judge_sentence_citations(
    sentence: str, passages: list[str], entails: Callable[[str, str], bool]
) -> SentenceCitations:
    """Build ALCE judgements with an entailment callable `entails(premise, hypothesis)`.

    Mirrors ALCE's call pattern: the per-citation checks run only when a sentence with several
    citations is jointly supported, and the leave-one-out check only when the citation alone
    fails, so an expensive judge is called as rarely as the paper's procedure requires.
    """
    if not passages:
        return SentenceCitations(supported_jointly=False)
    joint = entails("\n".join(passages), sentence)
    if not joint or len(passages) == 1:
        # Per-citation fields are unused for these cases; filled consistently for reports.
        return SentenceCitations(joint, [CitationJudgement(joint, False) for _ in passages])
    judged: list[CitationJudgement] = []
    for i, passage in enumerate(passages):
        alone = entails(passage, sentence)
        rest = False if alone else entails("\n".join(passages[:i] + passages[i + 1 :]), sentence)
        judged.append(CitationJudgement(alone, rest))
    return SentenceCitations(True, judged)


def faithfulness(judgements: list[list[bool]]) -> float:
    """RAGAS faithfulness (Es et al. 2023, "RAGAS: Automated Evaluation of Retrieval Augmented
    Generation", §3): per answer F = |V| / |S|, the share of the answer's extracted statements
    S that the retrieved context supports (V); averaged over answers. Answers with no
    statements are skipped (RAGAS yields NaN for them)."""
    return _mean([sum(j) / len(j) for j in judgements if j])


class CitationLike(Protocol):
    @property
    def source(self) -> str: ...
    @property
    def quote(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


_QUOTE_MARKS = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "´": "'", "`": "'",
                              "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"'})


def normalize_quote_text(text: str) -> str:
    """Collapse whitespace runs and map typographic quote marks to ASCII ones."""
    return " ".join(text.translate(_QUOTE_MARKS).split())


def _source_text(text_of: Callable[[str], str], source: str) -> str | None:
    try:
        return text_of(source)
    except (LookupError, ValueError, OSError, SourceboundError):
        # An unresolvable source is an invalid citation, not a crash of the whole eval.
        return None


def quote_validity(citations: Sequence[CitationLike], text_of: Callable[[str], str]) -> float:
    """Share of citations whose quote is exactly `text_of(source)[start:end]` (the project's
    citation contract, see agent.types.Citation). `text_of` returns the text the offsets index
    (the document text). nan when there are no citations."""
    ok = 0
    for c in citations:
        text = _source_text(text_of, c.source)
        ok += text is not None and 0 <= c.start <= c.end and text[c.start : c.end] == c.quote
    return _ratio(ok, len(citations))


def quote_presence(citations: Sequence[CitationLike], text_of: Callable[[str], str]) -> float:
    """Share of citations whose quote occurs anywhere in the source after whitespace and
    quote-mark normalisation (offsets ignored): separates "quote invented" from "offsets
    wrong". Empty quotes count as absent. nan when there are no citations."""
    ok = 0
    for c in citations:
        text = _source_text(text_of, c.source)
        quote = normalize_quote_text(c.quote)
        ok += bool(quote) and text is not None and quote in normalize_quote_text(text)
    return _ratio(ok, len(citations))


# --- abstention and verdicts -----------------------------------------------------------------


def abstention_rates(pred_abstained: list[bool], answerable: list[bool]) -> dict[str, float]:
    """Abstention as a detection task for unanswerable questions (as in SQuAD 2.0-style
    no-answer evaluation): recall of abstention on unanswerable items, false abstention rate on
    answerable items, and precision of abstention (share of abstentions that were right)."""
    if len(pred_abstained) != len(answerable):
        raise ValueError(f"length mismatch: {len(pred_abstained)} vs {len(answerable)}")
    pairs = list(zip(pred_abstained, answerable, strict=True))
    n_unans = sum(1 for _, a in pairs if not a)
    n_ans = len(pairs) - n_unans
    n_abst = sum(1 for p, _ in pairs if p)
    true_abst = sum(1 for p, a in pairs if p and not a)
    false_abst = sum(1 for p, a in pairs if p and a)
    return {
        "abstain_recall": _ratio(true_abst, n_unans),
        "false_abstention_rate": _ratio(false_abst, n_ans),
        "abstain_precision": _ratio(true_abst, n_abst),
        "n_answerable": float(n_ans),
        "n_unanswerable": float(n_unans),
        "n_abstained": float(n_abst),
    }


@dataclass(frozen=True)
class VerdictScores:
    n: int
    accuracy: float
    per_label_recall: dict[str, float]
    balanced_accuracy: float
    # confusion[gold][pred] = count; predictions outside the gold label set get their own column.
    confusion: dict[str, dict[str, int]]


def verdict_scores(gold: list[str], pred: list[str]) -> VerdictScores:
    """Claim-verdict accuracy, per-label recall and balanced accuracy. Balanced accuracy is
    the mean per-label recall over the labels present in gold, as LLM-AggreFact reports it
    (Tang et al. 2024, "MiniCheck"), so a majority-label guesser does not look good."""
    if len(gold) != len(pred):
        raise ValueError(f"length mismatch: {len(gold)} gold vs {len(pred)} predicted")
    labels = sorted(set(gold))
    columns = sorted(set(gold) | set(pred))
    counts = Counter(zip(gold, pred, strict=True))
    confusion = {g: {p: counts[(g, p)] for p in columns} for g in labels}
    per_label = {g: confusion[g][g] / sum(confusion[g].values()) for g in labels}
    correct = sum(1 for g, p in zip(gold, pred, strict=True) if g == p)
    return VerdictScores(
        n=len(gold),
        accuracy=_ratio(correct, len(gold)),
        per_label_recall=per_label,
        balanced_accuracy=_mean(list(per_label.values())),
        confusion=confusion,
    )


# --- retrieval --------------------------------------------------------------------------------


def recall_at_k(
    retrieved: list[list[str]],
    gold: list[list[str]],
    k: int,
    canonical: Callable[[str], str] | None = None,
) -> float:
    """Share of an item's gold sources found among the first k retrieved ids, averaged over
    items that have gold sources (standard recall@k, e.g. BEIR). `canonical` maps duplicate
    copies to one id (e.g. a syndicated copy to the first one) before comparing."""
    if k < 1:
        raise ValueError(f"k must be >= 1, got {k}")
    if len(retrieved) != len(gold):
        raise ValueError(f"length mismatch: {len(retrieved)} vs {len(gold)}")
    norm = canonical or (lambda s: s)
    scores = []
    for got, want in zip(retrieved, gold, strict=True):
        wanted = {norm(s) for s in want}
        if wanted:
            top = {norm(s) for s in got[:k]}
            scores.append(len(wanted & top) / len(wanted))
    return _mean(scores)


# --- statistics -------------------------------------------------------------------------------


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0..100) with linear interpolation between closest ranks, equal to
    numpy.percentile(values, p) with the default method="linear". nan for no values."""
    if not 0 <= p <= 100:
        raise ValueError(f"percentile must be in [0, 100], got {p}")
    xs = sorted(values)
    if not xs:
        return NAN
    h = (len(xs) - 1) * p / 100
    lo = math.floor(h)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (h - lo) * (xs[hi] - xs[lo])


# --- lexical fallback judge -------------------------------------------------------------------

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
