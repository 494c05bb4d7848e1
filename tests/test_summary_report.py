"""Batch summaries: resumable JSONL, no model work when everything is done, reports whose
citation markers all resolve to quotes highlighted in the page."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from agent.app import App
from agent.errors import ModelError
from agent.generation.summarize import Summarizer, Summary, SummarySentence
from agent.generation.summary_report import (
    JSONL,
    check_report,
    load_records,
    pending,
    render_html,
    run_batch,
    write_reports,
)
from agent.llm.facade import LLM
from agent.types import Citation


@pytest.fixture
def app(seeds_dir: Path, make_app: Callable[..., App]) -> App:
    return make_app(seeds_dir)


def fake_summary(app: App, item: str) -> Summary:
    """A summary citing the item's first sentence (or the first article's, for the story)."""
    source = item if app.corpus.has_article(item) else app.corpus.articles()[0].id
    s = app.corpus.article(source).sentences[0]
    cite = Citation(source=source, quote=s.text, start=s.start, end=s.end)
    return Summary(
        id=item,
        kind="article" if item != "story" else "story",
        backend="fake",
        model="fake",
        latency_s=0.0,
        sentences=[SummarySentence(text=f"<b>{s.text}</b> & more", citations=[cite])],
    )


def failed(item: str, problem: str) -> Summary:
    return Summary(
        id=item, kind="article", backend="fake", model="fake", latency_s=0.0, error=problem
    )


def test_batch_resumes_after_interrupt_and_redoes_failures(app: App, tmp_path: Path) -> None:
    out = tmp_path / "out"
    ids = [a.id for a in app.corpus.articles()] + ["story"]
    calls: list[str] = []

    def crashing(item: str) -> Summary:
        calls.append(item)
        if item == ids[1]:
            raise ModelError("fake", "model failed")  # recorded, redone next run
        if item == ids[3]:
            raise KeyboardInterrupt  # the run is killed here
        return fake_summary(app, item)

    with pytest.raises(KeyboardInterrupt):
        run_batch(out, ids, crashing, failed=failed)
    recs = load_records(out / JSONL)
    assert set(recs) == {ids[0], ids[1], ids[2]} and recs[ids[1]].error
    assert pending(out, ids) == [ids[1], *ids[3:]]

    calls.clear()

    def recording(item: str) -> Summary:
        calls.append(item)
        return fake_summary(app, item)

    done = run_batch(out, ids, recording, failed=failed, workers=3)
    assert sorted(done) == sorted(calls) == sorted([ids[1], *ids[3:]])
    assert all(r.error is None for r in load_records(out / JSONL).values())

    def must_not_run(item: str) -> Summary:
        raise AssertionError("nothing is left to do")

    assert run_batch(out, ids, must_not_run, failed=failed) == []


def test_html_markers_resolve_and_text_is_escaped(app: App, tmp_path: Path) -> None:
    out = tmp_path / "out"
    ids = [a.id for a in app.corpus.articles()[:3]] + ["story"]
    run_batch(out, ids, lambda i: fake_summary(app, i), failed=failed)
    write_reports(out, app.corpus, ids)
    page = (out / "report.html").read_text(encoding="utf-8")
    assert check_report(page) == []
    assert "<b>" not in page and "&lt;b&gt;" in page  # model text is escaped
    assert page.count('<sup><a href="#q-') == len(ids)
    md = (out / "summaries.md").read_text(encoding="utf-8")
    assert "## Quotes" in md and "[1]" in md


def test_check_report_finds_broken_markers(app: App) -> None:
    page = render_html([fake_summary(app, app.corpus.articles()[0].id)], app.corpus)
    assert check_report(page) == []
    assert check_report(page.replace('id="q-1"', 'id="q-x"'))
    assert check_report(page.replace('<mark id="m-1">', '<mark id="m-9">'))
    assert check_report("<html><body>no markers</body></html>") == ["no citation markers"]


def test_report_lists_key_facts_covered_and_missed(app: App) -> None:
    facts = [("Mexico sent 10,000 troops.", False), ("Sheinbaum rejected the offer.", True)]
    page = render_html([fake_summary(app, app.corpus.articles()[0].id)], app.corpus, facts)
    assert "Key facts: 1 of 2 covered by the story summary" in page
    covered = page.index("covered</span> Sheinbaum rejected the offer.")
    missed = page.index("missed</span> Mexico sent 10,000 troops.")
    assert covered < missed  # covered first
    assert check_report(page) == []
    assert "Key facts" not in render_html([fake_summary(app, app.corpus.articles()[0].id)],
                                          app.corpus)


def test_cli_batch_with_everything_done_loads_no_model(
    app: App, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from agent.cli.summarize_cmds import _batch, batch_ids

    out = tmp_path / "out"
    ids = batch_ids(app)
    assert "story" in ids and not any(app.corpus.article(i).duplicate_of for i in ids[:-1])
    run_batch(out, ids, lambda i: fake_summary(app, i), failed=failed)
    records = (out / JSONL).read_bytes()

    class NoModel(App):
        @property
        def llm(self) -> LLM:
            raise AssertionError("the model must not load when nothing is left")

        @property
        def embedder(self) -> object:
            raise AssertionError("the embedder must not load when nothing is left")

        def summarizer(self, *, claim_check: bool = True) -> Summarizer:
            raise AssertionError("no summarizer is built when nothing is left")

    idle = NoModel(app.settings)
    capsys.readouterr()
    _batch(idle, out, json_out=True)
    (line,) = capsys.readouterr().out.strip().splitlines()
    summary = json.loads(line)
    assert (summary["items"], summary["done_now"], summary["skipped"]) == (len(ids), 0, len(ids))
    assert (out / JSONL).read_bytes() == records  # nothing redone, nothing appended
    assert check_report((out / "report.html").read_text(encoding="utf-8")) == []
