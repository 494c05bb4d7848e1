"""The three eval suites: run a pipeline over a dataset, score each item, aggregate.

Each suite returns `(metrics, items, samples)`: metrics is a flat name -> float dict (nan =
undefined, printed "n/a"); items are JSON-able dicts with at least `id`, `score` (0..1) and
`ok`, so the report can put the wrong items first; samples maps each quality metric to the
per-unit values it was computed from (`evals.intervals.Sample`), from which the harness derives
the metric's sampling interval for the regression gate.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from agent.text.glosses import strip_glosses
from agent.text.normalize import content_terms
from agent.types import Answer, Citation
from evals.intervals import Sample
from evals.metrics import (
    alce_citation_scores,
    alce_units,
    citation_recall_precision,
    fact_recall,
    faithfulness,
    judge_sentence_citations,
    percentile,
    quote_presence,
    quote_validity,
    recall_at_k,
    verdict_scores,
)
from evals.schema import ClaimItem, QAItem, SummaryFact
from evals.summary_judges import difference_stated, printed_flag

# judge(fact, text): is `fact` stated in `text`? (entails(premise, hypothesis) = judge(h, p))
Judge = Callable[[str, str], bool]
RECALL_KS = (4, 8)
Samples = dict[str, Sample]
SuiteResult = tuple[dict[str, float], list[dict[str, Any]], Samples]


class QAPipeline(Protocol):
    name: str

    def ask(self, question: str) -> Answer: ...
    def retrieve(self, question: str, k: int) -> list[str]: ...
    def text_of(self, source: str) -> str: ...


def _entails(judge: Judge) -> Callable[[str, str], bool]:
    return lambda premise, hypothesis: judge(hypothesis, premise)


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


def _latency(items: list[dict[str, Any]], prefix: str) -> dict[str, float]:
    lat = [float(i["latency_s"]) for i in items if i.get("latency_s") is not None]
    return {
        f"{prefix}.latency_p50_s": percentile(lat, 50) if lat else float("nan"),
        f"{prefix}.latency_p90_s": percentile(lat, 90) if lat else float("nan"),
    }


# --- QA -----------------------------------------------------------------------------------


def run_qa(
    pipeline: QAPipeline,
    items: Sequence[QAItem],
    judge: Judge,
    canonical: Callable[[str], str],
    on_item: Callable[[], None] | None = None,
    cite_name: Callable[[str], str] | None = None,
    fact_judge: Judge | None = None,
) -> SuiteResult:
    """QA metrics over `items`: fact recall, abstention, ALCE citation recall/precision and
    faithfulness of each answer sentence to its quotes. With `cite_name` each quote is
    judged labelled by its outlet ("Frontline Voice: Five wards shut."), as the story
    summary's difference lines are: a sentence may name the outlet it cites ("Frontline
    Voice differs: ..."). `fact_judge` (default `judge`) finds the gold facts in an answer;
    `judge` judges its citations."""
    entails = _entails(judge)
    fact_judge = fact_judge or judge

    def premises(s: Any) -> list[str]:
        if cite_name is None:
            return [c.quote for c in s.citations]
        return [f"{cite_name(c.source)}: {c.quote}" for c in s.citations]

    rows: list[dict[str, Any]] = []
    fact_j: list[list[bool]] = []
    alce: list[list[Any]] = []
    faith: list[list[bool]] = []
    cites: list[Citation] = []
    abst: list[bool] = []
    answerable: list[bool] = []
    retrieved: dict[int, list[list[str]]] = {k: [] for k in RECALL_KS}
    gold: list[list[str]] = []
    for item in items:
        row: dict[str, Any] = {"id": item.id, "question": item.question,
                               "answerable": item.answerable}
        try:
            ans = pipeline.ask(item.question)
            ranked = pipeline.retrieve(item.question, max(RECALL_KS))
        except Exception as e:  # one failing item is a scored failure, not a crashed eval
            row.update(error=f"{type(e).__name__}: {e}", score=0.0, ok=False, abstained=True)
            rows.append(row)
            abst.append(True)
            answerable.append(item.answerable)
            if item.answerable:
                fact_j.append([False] * len(item.facts))
            for k in RECALL_KS:
                retrieved[k].append([])
            gold.append(list(item.gold_sources))
            continue
        present = [fact_judge(f.text, ans.answer) and not ans.abstained for f in item.facts]
        # a bracketed date is the answerer's reading of a relative day against its article's
        # date (agent.text.glosses.date_glossed), no words a quote prints
        printed = [(strip_glosses(s.text), premises(s)) for s in ans.sentences]
        sent_j = [judge_sentence_citations(t, quotes, entails) for t, quotes in printed]
        sent_faith = [entails("\n".join(quotes), t) for t, quotes in printed]
        if item.answerable:
            fact_j.append(present)
        if sent_j:
            alce.append(sent_j)
            faith.append(sent_faith)
        cites += ans.citations
        abst.append(ans.abstained)
        answerable.append(item.answerable)
        for k in RECALL_KS:
            retrieved[k].append(_dedup([canonical(s) for s in ranked[:k]]))
        gold.append(list(item.gold_sources))
        score = (sum(present) / len(present) if present else 0.0) if item.answerable else float(
            ans.abstained
        )
        row.update(
            answer=ans.answer, abstained=ans.abstained, score=score,
            ok=score >= 1.0 if not item.answerable else (score >= 0.5 and not ans.abstained),
            facts=[{"text": f.text, "present": p}
                   for f, p in zip(item.facts, present, strict=True)],
            n_citations=len(ans.citations), quotes=[c.quote for c in ans.citations],
            sentences_supported=sent_faith,
            retrieved=retrieved[max(RECALL_KS)][-1], gold_sources=list(item.gold_sources),
            latency_s=ans.latency_s, tokens_in=ans.tokens_in, tokens_out=ans.tokens_out,
        )
        rows.append(row)
        if on_item:
            on_item()
    metrics = _qa_metrics(rows, fact_j, alce, faith, cites, abst, answerable, retrieved, gold,
                          pipeline)
    samples = _qa_samples(fact_j, alce, faith, cites, abst, answerable, retrieved, gold,
                          pipeline)
    return metrics, rows, samples


def _dedup(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def _qa_metrics(
    rows: list[dict[str, Any]], fact_j: list[list[bool]], alce: list[list[Any]],
    faith: list[list[bool]], cites: list[Citation], abst: list[bool], answerable: list[bool],
    retrieved: dict[int, list[list[str]]], gold: list[list[str]], pipeline: QAPipeline,
) -> dict[str, float]:
    from evals.metrics import abstention_rates

    c_rec, c_prec = alce_citation_scores(alce)
    rates = abstention_rates(abst, answerable)
    m = {
        "qa.fact_recall": fact_recall(fact_j),
        "qa.citation_recall": c_rec,
        "qa.citation_precision": c_prec,
        "qa.faithfulness": faithfulness(faith),
        "qa.quote_validity": quote_validity(cites, pipeline.text_of),
        "qa.quote_presence": quote_presence(cites, pipeline.text_of),
        "qa.abstain_recall": rates["abstain_recall"],
        "qa.false_abstention_rate": rates["false_abstention_rate"],
    }
    for k in RECALL_KS:
        # Lists are already cut at k hits (deduplicated to sources), so compare all of them.
        m[f"qa.recall_at_{k}"] = recall_at_k(retrieved[k], gold, 10**6)
    m.update(_latency(rows, "qa"))
    toks = [r["tokens_in"] + r["tokens_out"] for r in rows if "tokens_in" in r]
    m["qa.tokens_per_item"] = _mean([float(t) for t in toks])
    return m


def _qa_samples(
    fact_j: list[list[bool]], alce: list[list[Any]], faith: list[list[bool]],
    cites: list[Citation], abst: list[bool], answerable: list[bool],
    retrieved: dict[int, list[list[str]]], gold: list[list[str]], pipeline: QAPipeline,
) -> Samples:
    per_answer = [citation_recall_precision(a) for a in alce if a]
    samples = {
        "qa.fact_recall": Sample.mean([sum(j) / len(j) for j in fact_j if j]),
        "qa.citation_recall": Sample.mean([r for r, _ in per_answer]),
        "qa.citation_precision": Sample.mean([p for _, p in per_answer]),
        "qa.faithfulness": Sample.mean([sum(j) / len(j) for j in faith if j]),
        "qa.quote_validity": Sample.rate([quote_validity([c], pipeline.text_of) for c in cites]),
        "qa.quote_presence": Sample.rate([quote_presence([c], pipeline.text_of) for c in cites]),
        "qa.abstain_recall": Sample.rate([p for p, a in zip(abst, answerable, strict=True)
                                          if not a]),
        "qa.false_abstention_rate": Sample.rate([p for p, a in zip(abst, answerable, strict=True)
                                                 if a]),
    }
    for k in RECALL_KS:
        samples[f"qa.recall_at_{k}"] = Sample.mean(
            [recall_at_k([r], [g], 10**6) for r, g in zip(retrieved[k], gold, strict=True) if g])
    return samples


# --- claims -------------------------------------------------------------------------------


@dataclass
class ClaimResult:
    verdict: str
    latency_s: float
    tokens_in: int = 0
    tokens_out: int = 0
    model_calls: int | None = None  # None: the pipeline does not count them
    parts: list[dict[str, Any]] | None = None  # per claim part, the judged pairs (calibration)


def run_claims(
    verify: Callable[[str], ClaimResult],
    items: Sequence[ClaimItem],
    on_item: Callable[[], None] | None = None,
) -> SuiteResult:
    rows: list[dict[str, Any]] = []
    gold: list[str] = []
    pred: list[str] = []
    for item in items:
        row: dict[str, Any] = {"id": item.id, "claim": item.claim, "gold": item.verdict}
        try:
            r = verify(item.claim)
            row.update(pred=r.verdict, latency_s=r.latency_s, tokens_in=r.tokens_in,
                       tokens_out=r.tokens_out, model_calls=r.model_calls)
            if r.parts is not None:
                row["parts"] = r.parts
        except Exception as e:
            row.update(pred="error", error=f"{type(e).__name__}: {e}")
        row["ok"] = row["pred"] == item.verdict
        row["score"] = float(row["ok"])
        gold.append(item.verdict)
        pred.append(str(row["pred"]))
        rows.append(row)
        if on_item:
            on_item()
    m: dict[str, float] = {}
    samples: Samples = {}
    if rows:
        vs = verdict_scores(gold, pred)
        m = {"claims.accuracy": vs.accuracy, "claims.balanced_accuracy": vs.balanced_accuracy}
        m.update({f"claims.recall_{label}": v for label, v in vs.per_label_recall.items()})
        hits = [g == p for g, p in zip(gold, pred, strict=True)]
        samples = {"claims.accuracy": Sample.rate(hits),
                   "claims.balanced_accuracy": Sample.balanced(hits, gold)}
        samples.update({f"claims.recall_{label}": Sample.rate(
            [h for h, g in zip(hits, gold, strict=True) if g == label])
            for label in vs.per_label_recall})
    m.update(_latency(rows, "claims"))
    calls = [r["model_calls"] for r in rows if r.get("model_calls") is not None]
    if calls:
        # How often code alone decided: reported, not gated (neither direction is "better").
        m["claims.no_model_call_rate"] = sum(c == 0 for c in calls) / len(calls)
        samples["claims.no_model_call_rate"] = Sample.rate([c == 0 for c in calls])
    return m, rows, samples


# --- summary ------------------------------------------------------------------------------


@dataclass
class SummaryOutput:
    sentences: list[tuple[str, list[Citation]]]
    latency_s: float
    tokens_in: int = 0
    tokens_out: int = 0
    sections: list[str | None] | None = None  # per sentence (agreement, difference, ...)


def fact_in_outlet_terms(fact: SummaryFact, cite_name: Callable[[str], str]) -> str:
    """The fact's text with each of its source ids written as the outlet's name
    ("... vs 15 to 8 (riverside-lorry-ban_03_freight-road-weekly)" -> "... (Freight Road
    Weekly)"): key facts about differences name sources by id (evals/stories/README.md),
    a summary names outlets, and an id's digits would otherwise be numbers the judge demands."""
    text = fact.text
    for source in sorted(fact.sources, key=len, reverse=True):
        if source in text:
            text = text.replace(source, cite_name(source))
    return text


def run_summary(
    summarize: Callable[[], SummaryOutput],
    facts: Sequence[SummaryFact],
    judge: Judge,
    text_of: Callable[[str], str],
    cite_name: Callable[[str], str] = lambda source: source,
) -> SuiteResult:
    """Key-fact recall of one story summary (each gold fact judged present in the whole
    summary text; `cite_name` names a fact's sources as outlets, `fact_in_outlet_terms`),
    core-fact recall, ALCE citation recall/precision, quote validity, words, and the
    share of sentences the summarizer's own checks flag (`printed_flag`; 0 is the target)."""
    out = summarize()
    text = " ".join(t for t, _ in out.sentences)
    entails = _entails(judge)
    rows: list[dict[str, Any]] = []
    for f in facts:
        present = judge(fact_in_outlet_terms(f, cite_name), text)
        rows.append({"id": f.id, "fact": f.text, "importance": f.importance,
                     "present": present, "ok": present, "score": float(present)})
    core = [float(r["score"]) for r in rows if r["importance"] == "core"]
    sections = out.sections or [None] * len(out.sentences)
    # A bracketed date is the summarizer's reading of a relative day against its article's
    # date (agent.text.glosses.date_glossed, tested in tests/test_date_gloss.py), no words a
    # quote prints: the judges read each line without it.
    printed = [(strip_glosses(t), cs) for t, cs in out.sentences]
    # A difference line is judged with each quote labelled by its outlet, the names it
    # attributes the values to (`difference_stated`).
    judged = [judge_sentence_citations(t, [f"{cite_name(c.source)}: {c.quote}" for c in cs],
                                       difference_stated)
              if sec == "difference" else
              judge_sentence_citations(t, [c.quote for c in cs], entails)
              for (t, cs), sec in zip(printed, sections, strict=True)]
    c_rec, c_prec = alce_citation_scores([judged])
    rec_hits, prec_hits = alce_units(judged)
    cites = [c for _, cs in out.sentences for c in cs]
    flags = [printed_flag(t, [c.quote for c in cs], sec)
             for (t, cs), sec in zip(out.sentences, sections, strict=True)]
    rows.append({"id": "summary", "summary": text, "ok": True, "score": 1.0,
                 "latency_s": out.latency_s, "tokens_in": out.tokens_in,
                 "tokens_out": out.tokens_out, "words": len(text.split()),
                 "flagged": [{"text": t, "flag": f}
                             for (t, _), f in zip(out.sentences, flags, strict=True) if f]})
    return {
        "summary.fact_recall": _mean([float(r["score"]) for r in rows[:-1]]),
        "summary.core_fact_recall": _mean(core),
        "summary.citation_recall": c_rec,
        "summary.citation_precision": c_prec,
        "summary.quote_validity": quote_validity(cites, text_of),
        "summary.latency_s": out.latency_s,
        "summary.words": float(len(text.split())),
        "summary.flagged_rate": _mean([float(f is not None) for f in flags]),
    }, rows, {
        "summary.fact_recall": Sample.rate([bool(r["present"]) for r in rows[:-1]]),
        "summary.core_fact_recall": Sample.rate([bool(s) for s in core]),
        "summary.citation_recall": Sample.rate(rec_hits),
        "summary.citation_precision": Sample.rate(prec_hits),
        "summary.quote_validity": Sample.rate([quote_validity([c], text_of) for c in cites]),
        "summary.flagged_rate": Sample.rate([f is not None for f in flags]),
    }


# --- the judge's own accuracy --------------------------------------------------------------


def judge_labelled_set(
    items: Sequence[QAItem], article_sentences: Callable[[str], list[str]], limit: int = 20
) -> list[tuple[str, str, bool]]:
    """(fact, text, present) pairs derived from the gold data: a fact against the 3 sentences
    of its first source article that share most words with it (present), and against another
    question's gold facts (absent)."""
    answerable = [i for i in items if i.answerable]
    pairs: list[tuple[str, str, bool]] = []
    for n, item in enumerate(answerable):
        other = answerable[(n + len(answerable) // 2) % len(answerable)]
        if other.id == item.id:
            continue
        fact = item.facts[0]
        try:
            sents = article_sentences(fact.sources[0])
        except Exception:
            continue
        terms = content_terms(fact.text)
        best = sorted(sents, key=lambda s: -len(terms & content_terms(s)))[:3]
        pairs.append((fact.text, " ".join(best), True))
        pairs.append((fact.text, " ".join(f.text for f in other.facts), False))
        if len(pairs) >= 2 * limit:
            break
    return pairs


def judge_accuracy(judge: Judge, pairs: Sequence[tuple[str, str, bool]]) -> float:
    if not pairs:
        return float("nan")
    return sum(judge(f, t) == want for f, t, want in pairs) / len(pairs)

