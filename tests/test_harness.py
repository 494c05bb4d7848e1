"""Eval harness plumbing with deterministic fakes: suites score what the pipeline returned,
the sqlite LLM cache replays replies, results/report are written, missing modules degrade."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from langchain_core.messages import HumanMessage

from agent.app import App
from agent.types import Answer, AnswerSentence, Citation
from evals.cache import SqliteLLMCache
from evals.fact_judge import fact_present
from evals.harness import EvalConfig, aggregate, attach_cache, run_eval
from evals.intervals import Sample
from evals.report import render_html
from evals.schema import ClaimItem, GoldFact, QAItem, SummaryFact
from evals.suites import (
    ClaimResult,
    SummaryOutput,
    fact_in_outlet_terms,
    judge_accuracy,
    judge_labelled_set,
    run_claims,
    run_qa,
    run_summary,
)
from evals.summary_judges import difference_stated

if TYPE_CHECKING:
    from conftest import FakeChatModel


class StubQA:
    name = "stub"

    def __init__(self, answers: dict[str, Answer], ranked: list[str], text: str) -> None:
        self.answers, self.ranked, self.text = answers, ranked, text

    def ask(self, question: str) -> Answer:
        return self.answers[question]

    def retrieve(self, question: str, k: int) -> list[str]:
        return self.ranked[:k]

    def text_of(self, source: str) -> str:
        return self.text


TEXT = "Mexico sent 10,000 troops to the border. The president rejected the offer."


def _answer(q: str, sentence: str | None) -> Answer:
    if sentence is None:
        return Answer(question=q, answer="The sources do not say.", abstained=True,
                      backend="x", model="x", latency_s=1.0)
    start = TEXT.index(sentence)
    cite = Citation(source="a", quote=sentence, start=start, end=start + len(sentence))
    return Answer(question=q, answer=sentence, abstained=False, backend="x", model="x",
                  sentences=[AnswerSentence(text=sentence, citations=[cite])], citations=[cite],
                  latency_s=2.0, tokens_in=10, tokens_out=5)


def _samples_reproduce_metrics(metrics: dict[str, float], samples: dict[str, Sample]) -> None:
    """Every gated metric has a sample, and the sample's estimate is the metric itself."""
    gated = {n for n in metrics if "latency" not in n and "tokens" not in n
             and n != "summary.words"}
    assert gated == set(samples)
    for name, sample in samples.items():
        want, got = metrics[name], sample.estimate()
        assert (math.isnan(want) and math.isnan(got)) or got == pytest.approx(want), name


def test_qa_suite_scores_what_the_pipeline_answered() -> None:
    items = [
        QAItem(id="q1", question="How many troops?", answerable=True,
               facts=[GoldFact(text="Mexico sent 10,000 troops", sources=["a"])],
               gold_sources=["a"]),
        QAItem(id="q2", question="Who rejected?", answerable=True,
               facts=[GoldFact(text="The president rejected the offer", sources=["b"])],
               gold_sources=["b"]),
        QAItem(id="q3", question="What is the budget?", answerable=False),
    ]
    answers = {
        "How many troops?": _answer("How many troops?", "Mexico sent 10,000 troops to the border."),
        "Who rejected?": _answer("Who rejected?", None),  # false abstention
        "What is the budget?": _answer("What is the budget?", None),  # right abstention
    }
    m, rows, samples = run_qa(StubQA(answers, ["a", "c"], TEXT), items, fact_present,
                              lambda s: s)
    _samples_reproduce_metrics(m, samples)
    assert samples["qa.false_abstention_rate"].n == 2
    assert m["qa.fact_recall"] == pytest.approx(0.5)
    assert m["qa.abstain_recall"] == 1.0
    assert m["qa.false_abstention_rate"] == pytest.approx(0.5)
    assert m["qa.quote_validity"] == 1.0
    assert m["qa.citation_recall"] == 1.0 and m["qa.faithfulness"] == 1.0
    assert m["qa.recall_at_4"] == pytest.approx(0.5)  # a found, b not
    assert m["qa.latency_p50_s"] == pytest.approx(1.0)
    assert [r["ok"] for r in rows] == [True, False, True]
    # each row carries the quotes it cited, for reading a failure without a rerun
    assert rows[0]["quotes"] == ["Mexico sent 10,000 troops to the border."]
    assert rows[1]["quotes"] == []


def test_qa_suite_records_a_crashing_item_as_failure() -> None:
    class Broken(StubQA):
        def ask(self, question: str) -> Answer:
            raise RuntimeError("boom")

    item = QAItem(id="q", question="?", answerable=True,
                  facts=[GoldFact(text="x y z", sources=["a"])], gold_sources=["a"])
    m, rows, _ = run_qa(Broken({}, [], ""), [item], fact_present, lambda s: s)
    assert rows[0]["ok"] is False and "boom" in rows[0]["error"]
    assert m["qa.fact_recall"] == 0.0


def test_claims_suite_balanced_accuracy() -> None:
    items = [ClaimItem(id=f"c{i}", claim=f"claim {i}", verdict=v,
                       evidence_sources=["a", "b"])
             for i, v in enumerate(["supported", "supported", "supported", "refuted"])]
    m, rows, samples = run_claims(lambda c: ClaimResult("supported", 0.5), items)
    _samples_reproduce_metrics(m, samples)
    assert samples["claims.recall_refuted"].n == 1
    assert m["claims.accuracy"] == pytest.approx(0.75)
    assert m["claims.balanced_accuracy"] == pytest.approx(0.5)
    assert m["claims.recall_refuted"] == 0.0
    assert sum(r["ok"] for r in rows) == 3


def test_summary_suite_fact_recall() -> None:
    facts = [SummaryFact(id="f1", text="Mexico sent 10,000 troops", sources=["a"],
                         importance="core"),
             SummaryFact(id="f2", text="Tariffs were suspended", sources=["a"],
                         importance="detail")]
    s = "Mexico sent 10,000 troops to the border."
    cite = Citation(source="a", quote=s, start=0, end=len(s))
    m, _, samples = run_summary(lambda: SummaryOutput([(s, [cite])], 3.0), facts, fact_present,
                                lambda src: TEXT)
    _samples_reproduce_metrics(m, samples)
    assert m["summary.fact_recall"] == 0.5 and m["summary.core_fact_recall"] == 1.0
    assert m["summary.quote_validity"] == 1.0
    assert m["summary.words"] == 7 and m["summary.flagged_rate"] == 0.0


def test_summary_suite_names_sources_as_outlets_and_counts_flagged_sentences() -> None:
    fact = SummaryFact(id="f1", text="Outlets differ on the vote: 14 to 9 (s_01_vale-press) "
                       "vs 15 to 8 (s_03_road-weekly).", sources=["s_01_vale-press",
                                                                  "s_03_road-weekly"],
                       importance="core")
    names = {"s_01_vale-press": "Vale Press", "s_03_road-weekly": "Road Weekly"}
    assert fact_in_outlet_terms(fact, names.__getitem__) == (
        "Outlets differ on the vote: 14 to 9 (Vale Press) vs 15 to 8 (Road Weekly).")
    good = "Outlets differ on the number of votes: 14 to 9 (Vale Press) vs 15 to 8 (Road Weekly)."
    cut = "Trump claims that cartels are"
    q = Citation(source="a", quote=TEXT[:20], start=0, end=20)
    out = SummaryOutput([(good, [q]), (cut, [q])], 1.0, sections=["difference", None])
    m, rows, _ = run_summary(lambda: out, [fact], fact_present, lambda src: TEXT,
                             lambda src: names.get(src, src))
    assert m["summary.fact_recall"] == 1.0  # the source ids' digits are not demanded
    assert m["summary.flagged_rate"] == 0.5
    assert rows[-1]["flagged"] == [{"text": cut, "flag": "cut off mid-clause"}]


def test_judge_labelled_set_measures_the_judge() -> None:
    items = [QAItem(id=f"q{i}", question="?", answerable=True,
                    facts=[GoldFact(text=t, sources=["a"])], gold_sources=["a"])
             for i, t in enumerate(["Mexico sent 10,000 troops", "The president rejected offer"])]
    pairs = judge_labelled_set(items, lambda a: TEXT.split(". "))
    assert {p[2] for p in pairs} == {True, False}
    assert judge_accuracy(fact_present, pairs) == 1.0
    assert judge_accuracy(lambda f, t: True, pairs) == 0.5


def test_aggregate_gives_ci_and_skips_nan() -> None:
    agg = aggregate([{"m": 0.5, "n": float("nan")}, {"m": 0.7, "n": 1.0}])
    assert agg["m"]["mean"] == pytest.approx(0.6)
    assert agg["m"]["low"] < 0.6 < agg["m"]["high"]
    assert agg["n"]["mean"] == 1.0 and agg["n"]["low"] is None
    assert agg["m"]["interval"] is None  # no sample: no sampling interval


def test_aggregate_attaches_the_sampling_interval() -> None:
    agg = aggregate([{"claims.accuracy": 0.8}],
                    {"claims.accuracy": Sample.rate([True, True, True, True, False])})
    m = agg["claims.accuracy"]
    assert m["n"] == 5 and m["interval"]["method"] == "wilson"
    assert m["interval"]["low"] < 0.8 < m["interval"]["high"]


def test_sqlite_cache_replays_and_keys_on_kwargs(
    tmp_path: Path, make_fake_model: Callable[..., FakeChatModel]
) -> None:
    cache = SqliteLLMCache(tmp_path / "c.sqlite")
    chat = make_fake_model("one", "two")
    chat.cache = cache
    msg = [HumanMessage(content="hi")]
    assert chat.invoke(msg).content == "one"
    again = chat.invoke(msg)
    assert again.content == "one" and again.usage_metadata is not None  # tokens survive
    assert chat.bind(response_format={"type": "json_object"}).invoke(msg).content == "two"
    assert (cache.hits, cache.misses) == (1, 2)
    # A new process (new cache object, same file) still hits; a different salt does not.
    fresh = make_fake_model()
    fresh.cache = SqliteLLMCache(tmp_path / "c.sqlite")
    assert fresh.invoke(msg).content == "one"
    salted = make_fake_model("three")
    salted.cache = SqliteLLMCache(tmp_path / "c.sqlite", salt="repeat1")
    assert salted.invoke(msg).content == "three"


def test_sqlite_cache_replays_log_probabilities(tmp_path: Path) -> None:
    from langchain_core.messages import AIMessage
    from langchain_core.outputs import ChatGeneration

    cache = SqliteLLMCache(tmp_path / "c.sqlite")
    asks = str(sorted({"logprobs": True, "top_logprobs": 10}.items()))
    steps = {"content": [{"token": "supported", "logprob": -0.1, "top_logprobs": []}]}
    reply = AIMessage(content='{"label": "supported"}', response_metadata={"logprobs": steps})
    cache.update("p", asks, [ChatGeneration(message=reply)])
    (got,) = cache.lookup("p", asks) or []
    assert isinstance(got, ChatGeneration) and got.message.response_metadata["logprobs"] == steps
    # An entry without them (written before they were kept) cannot replay a logprobs call:
    # label probabilities would collapse to one-hot, so it is a miss and gets recomputed.
    cache._db.execute(  # an entry as written before log-probabilities were kept
        "INSERT INTO llm (key, value) VALUES (?, ?)",
        (cache._key("q", asks), json.dumps([{"content": "x", "usage": None}])),
    )
    assert cache.lookup("q", asks) is None
    # A backend that sends none (a fake) still replays: the entry says so.
    cache.update("r", asks, [ChatGeneration(message=AIMessage(content="x"))])
    assert cache.lookup("r", asks) is not None
    plain = str(sorted({"response_format": {"type": "json_object"}}.items()))
    cache.update("q", plain, [ChatGeneration(message=AIMessage(content="x"))])
    assert cache.lookup("q", plain) is not None


def test_run_eval_writes_results_and_reports_unavailable_suite(
    tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch, make_app: Callable[..., App]
) -> None:
    import evals.harness as h

    monkeypatch.setattr(h, "_summary_fn", lambda *a: None)  # as if summarize were absent
    app = make_app(scripted=True)
    cfg = EvalConfig(suites=("qa", "summary"), limit=3, out_dir=tmp_path / "out",
                     seeds_dir=seeds_dir, repeat=2)
    res = run_eval(cfg, app)
    run = res["runs"]["sourcebound"]
    assert run["suites"]["summary"].startswith("unavailable")
    assert len(run["items"]["qa"]) == 3
    assert run["metrics"]["qa.fact_recall"]["values"] and len(
        run["metrics"]["qa.fact_recall"]["values"]) == 2
    saved = json.loads((tmp_path / "out" / "results.json").read_text())
    assert saved["meta"]["cache"]["misses"] > 0
    assert (tmp_path / "out" / "report.html").read_text().startswith("<!doctype html>")
    assert attach_cache(app).path.exists()


def test_report_escapes_text_and_puts_wrong_items_first() -> None:
    res = {"meta": {"model": "<m>"}, "runs": {"sourcebound": {
        "metrics": {"qa.fact_recall": {"mean": 0.5, "low": 0.4, "high": 0.6, "values": []}},
        "suites": {"qa": "ok"},
        "items": {"qa": [
            {"id": "good", "ok": True, "score": 1.0, "answer": "fine", "latency_s": 1.0},
            {"id": "bad", "ok": False, "score": 0.0, "answer": "<script>x</script>",
             "latency_s": 3.0},
        ]}}}}
    html = render_html(res)
    assert "<script>x" not in html and "&lt;script&gt;" in html
    assert html.index(">bad<") < html.index(">good<")
    assert "<svg" in html and "latency histogram" in html


def test_verifier_judge_uses_the_model_and_is_measured(
    seeds_dir: Path, make_app: Callable[..., App], make_fake_model: Callable[..., FakeChatModel]
) -> None:
    from evals.harness import make_judge

    chat = make_fake_model(scripted=True)  # always "supported": a judge that cannot say "absent"
    app = make_app(seeds_dir, chat=chat)
    judge = make_judge("verifier", app, 8)
    assert judge("Mexico sent troops", "Mexico sent 10,000 troops.") is True
    assert judge("Mexico sent troops", "") is False
    assert chat.calls, "the verifier judge must ask the model"
    with pytest.raises(ValueError):
        make_judge("oracle", app, 8)


def test_seeds_are_ingested_into_a_store_that_already_holds_other_documents(
    tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch, make_app: Callable[..., App]
) -> None:
    """Seeds + distractors: a data dir with other articles still gets the gold sources."""
    from evals.harness import ensure_ingested

    monkeypatch.setenv("SOURCEBOUND_DATA_DIR", str(tmp_path / "data"))
    other = tmp_path / "distractors"
    other.mkdir()
    (other / "art_1.txt").write_text("Rain closed two ferry lines on Tuesday, officials said.\n")
    app = make_app(other, scripted=True)
    ensure_ingested(app, seeds_dir)
    ids = {d.id for d in app.corpus.documents()}
    assert "art_1" in ids and {p.stem for p in seeds_dir.glob("*.txt")} <= ids
    ensure_ingested(app, seeds_dir)  # a second call changes nothing
    assert {d.id for d in app.corpus.documents()} == ids


def test_a_difference_line_is_supported_by_each_named_outlets_quote() -> None:
    line = ("Outlets differ on the figure: 63 patients (Delta Wire, RiverWatch) vs more than "
            "70 patients (Orrin Daily).")
    wire = "Delta Wire: Sixty-three patients have fallen ill."
    blog = "RiverWatch: 63 patients are ill, the hospital said."
    daily = "Orrin Daily: More than 70 patients are now ill."
    assert difference_stated("\n".join([wire, blog, daily]), line)
    assert not difference_stated("\n".join([wire, daily]), line)  # RiverWatch unbacked
    assert not difference_stated("\n".join([wire, blog]), line)  # one side only
    swapped = "Orrin Daily: Sixty-three patients have fallen ill."
    assert not difference_stated("\n".join([wire, blog, swapped]), line)  # wrong side
    place = ("Outlets differ on where Ruiz spoke: at a rally in Kelby (Delta Wire) vs aboard "
             "the Orrin Star (Orrin Daily).")
    assert difference_stated("Delta Wire: Ruiz spoke at a rally in Kelby.\n"
                             "Orrin Daily: Ruiz spoke aboard the Orrin Star.", place)
    assert not difference_stated(wire, "Outlets differ on where the mayor spoke.")
