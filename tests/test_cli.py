"""The `sourcebound` console entry (agent.cli.main) with fakes injected: JSON shapes, exit
codes, batch error handling, oversized input and secret hygiene."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fakes import FakeChatModel, SeededEmbedder
from test_answer import ANSWERABLE, UNRELATED, draft
from typer.testing import CliRunner

import agent.cli.common as common
from agent.app import App
from agent.llm.factory import make_llm
from agent.settings import Settings
from vectorstore.memory_store import InMemoryStore

SENTINEL = "sk-test-SENTINEL-123"

Run = Callable[..., tuple[int, str, str]]


class Injected:
    """Stores shared across CLI invocations in one test, as a persisted store would be."""

    def __init__(self, fake: FakeChatModel | None) -> None:
        self.store = InMemoryStore()
        self.sentences = InMemoryStore()
        self.embedder = SeededEmbedder()
        self.fake = fake

    def app(self, settings: Settings) -> App:
        llm = make_llm(settings, chat=self.fake) if self.fake is not None else None
        return App(
            settings,
            store=self.store,
            sentence_store=self.sentences,
            embedder=self.embedder,
            llm=llm,
        )


@pytest.fixture
def fake() -> FakeChatModel:
    return FakeChatModel()


@pytest.fixture
def injected(monkeypatch: pytest.MonkeyPatch, fake: FakeChatModel) -> Injected:
    inj = Injected(fake)
    monkeypatch.setattr(common, "App", inj.app)
    return inj


# The `run` fixture (console entry -> exit code, stdout, stderr) is in conftest.py.


def jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_ingest_json_shape_and_second_run(injected: Injected, run: Run, seeds_dir: Path) -> None:
    code, out, _err = run("ingest", str(seeds_dir), "--json")
    assert code == 0
    (report,) = jsonl(out)
    assert {"documents", "articles", "duplicate_groups", "chunks", "seconds"} <= set(report)
    assert report["documents"] == 5 and report["articles"] == 7
    assert len(report["duplicate_groups"]) == 1
    assert report["chunks"] == injected.store.count() > 0
    assert isinstance(report["seconds"], float)
    code, out, _ = run("ingest", str(seeds_dir), "--json")
    (again,) = jsonl(out)
    assert code == 0 and again["chunks_embedded"] == 0 and again["unchanged"] == 5


def test_ingest_exit_code_nonzero_only_when_nothing_ingested(
    injected: Injected, run: Run, seeds_dir: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = run("ingest", str(empty), str(tmp_path / "missing"), "--json")
    assert code != 0
    assert str(empty) in err and "missing" in err
    assert len(jsonl(out)) == 1  # the report is still printed
    code, out, err = run("ingest", str(seeds_dir), str(empty), "--json")
    assert code == 0
    assert str(empty) in err and "Traceback" not in err
    assert jsonl(out)[0]["documents"] == 5


def test_search_json_lines(injected: Injected, run: Run, seeds_dir: Path) -> None:
    run("ingest", str(seeds_dir), "--json")
    code, out, _ = run("search", "troops at the border", "--k", "5", "--json")
    hits = jsonl(out)
    assert code == 0 and 0 < len(hits) <= 5
    for h in hits:
        assert {"source", "text", "start", "end", "score"} <= set(h)
        assert h["start"] < h["end"]
    assert len({h["text"] for h in hits}) == len(hits)


def test_sources_json(injected: Injected, run: Run, seeds_dir: Path) -> None:
    run("ingest", str(seeds_dir), "--json")
    code, out, _ = run("sources", "--json")
    rows = jsonl(out)
    assert code == 0 and len(rows) == 7
    dups = [r for r in rows if r["duplicate_of"]]
    assert len(dups) == 1 and dups[0]["duplicate_of"] in {r["id"] for r in rows}
    assert sum(r["chunks"] for r in rows) == injected.store.count()


def test_ask_json_with_fake_model(
    injected: Injected, run: Run, seeds_dir: Path, fake: FakeChatModel
) -> None:
    run("ingest", str(seeds_dir), "--json")
    app = injected.app(common.settings())
    from agent.generation.answer import Answerer

    ev = Answerer(app.corpus, app.retriever, app.embedder, app.llm).evidence(ANSWERABLE)
    fake.queue(draft((ev.items[0].sentence.text, [ev.items[0].label])))
    code, out, err = run("ask", ANSWERABLE, "--json")
    assert code == 0, err
    (ans,) = jsonl(out)
    assert {"question", "answer", "abstained", "citations", "backend", "model", "latency_s"} <= set(
        ans
    )
    assert ans["abstained"] is False and ans["citations"]
    for c in ans["citations"]:
        assert {"source", "quote", "start", "end"} <= set(c)


def test_ask_file_broken_line_reports_file_and_line(
    injected: Injected, run: Run, seeds_dir: Path, tmp_path: Path
) -> None:
    run("ingest", str(seeds_dir), "--json")
    qfile = tmp_path / "questions.jsonl"
    qfile.write_text(
        json.dumps({"id": "q1", "question": UNRELATED})
        + '\n{"id": "q2", "question": "broken\n'
        + json.dumps({"id": "q3", "question": UNRELATED + " Also, what toppings?"})
        + "\n",
        encoding="utf-8",
    )
    code, out, err = run("ask", "--file", str(qfile), "--json")
    rows = jsonl(out)
    assert [r.get("id") for r in rows] == ["q1", "2", "q3"]
    assert f"{qfile}:2" in rows[1]["error"]
    assert rows[0]["abstained"] is True and rows[2]["abstained"] is True
    assert code != 0  # one item failed
    assert "Traceback" not in err


def test_huge_question_is_one_line_error(injected: Injected, run: Run, seeds_dir: Path) -> None:
    code, out, err = run("ask", "why " * 25_000, "--json")
    assert code != 0
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and "limit" in err
    assert "Traceback" not in err


def test_help_lists_commands() -> None:
    result = CliRunner().invoke(common.app, ["--help"])
    assert result.exit_code == 0
    for name in ("ingest", "search", "sources", "ask", "chat"):
        assert name in result.output


def test_chat_piped_stdin(injected: Injected, seeds_dir: Path, fake: FakeChatModel) -> None:
    runner = CliRunner()
    assert runner.invoke(common.app, ["ingest", str(seeds_dir), "--json"]).exit_code == 0
    result = runner.invoke(common.app, ["chat"], input=f"/help\n{UNRELATED}\n/quit\nnever\n")
    assert result.exit_code == 0, result.output
    assert "/verify" in result.output  # the help text
    assert "sources do not say" in result.output
    assert f"you> {UNRELATED}" in result.output
    assert "you> never" not in result.output  # nothing after /quit is read
    assert fake.calls == []  # weak evidence: abstained without the model


def test_sentinel_key_never_printed(
    monkeypatch: pytest.MonkeyPatch,
    run: Run,
    seeds_dir: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    inj = Injected(None)  # the real openai-compatible client, against a closed port
    monkeypatch.setattr(common, "App", inj.app)
    monkeypatch.setenv("OPENAI_API_KEY", SENTINEL)
    monkeypatch.setenv("SOURCEBOUND_BACKEND", "openai-compatible")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("SOURCEBOUND_MAX_RETRIES", "0")
    monkeypatch.setenv("SOURCEBOUND_REQUEST_TIMEOUT_S", "5")
    caplog.set_level(logging.DEBUG)
    run("ingest", str(seeds_dir), "--json")
    code, out, err = run("ask", ANSWERABLE, "--json")
    assert code != 0
    assert "127.0.0.1:9" in err or "connect" in err.lower()  # the failure is reported...
    assert len(err.strip().splitlines()) == 1
    for text in (out, err, caplog.text):
        assert SENTINEL not in text  # ...without the key
    logs = inj.app(common.settings()).settings.data_dir
    for f in logs.rglob("*"):
        if f.is_file() and f.stat().st_size < 5_000_000:
            assert SENTINEL.encode() not in f.read_bytes(), f


def test_a_usage_error_is_one_clear_line_not_a_traceback(run: Run) -> None:
    code, out, err = run("ingest", "seeds", "--no-such-flag")
    assert code == 2
    assert "No such option: --no-such-flag" in err
    assert "Traceback" not in err + out
