"""The `sourcebound` console entry (agent.cli.main) with fakes injected: JSON shapes, exit
codes, batch error handling, oversized input and secret hygiene."""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from scenarios import ANSWERABLE, UNRELATED, draft, jsonl
from typer.testing import CliRunner

import agent.cli.common as common

if TYPE_CHECKING:
    from conftest import CliApp, FakeChatModel

SENTINEL = "sk-test-SENTINEL-123"

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(cli_app: Callable[..., CliApp]) -> CliApp:
    """The CLI's apps share in-memory stores and use the test's `fake_model`."""
    return cli_app()


# The `run` fixture (console entry -> exit code, stdout, stderr) is in conftest.py.


def test_ingest_json_shape_and_second_run(cli: CliApp, run: Run, seeds_dir: Path) -> None:
    code, out, _err = run("ingest", str(seeds_dir), "--json")
    assert code == 0
    (report,) = jsonl(out)
    assert {"documents", "articles", "duplicate_groups", "chunks", "seconds"} <= set(report)
    assert report["documents"] == 5 and report["articles"] == 7
    assert len(report["duplicate_groups"]) == 1
    assert report["chunks"] == cli.store.count() > 0
    assert isinstance(report["seconds"], float)
    code, out, _ = run("ingest", str(seeds_dir), "--json")
    (again,) = jsonl(out)
    assert code == 0 and again["chunks_embedded"] == 0 and again["unchanged"] == 5


def test_ingest_exit_code_nonzero_only_when_nothing_ingested(
    cli: CliApp, run: Run, seeds_dir: Path, tmp_path: Path
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


def test_ingest_to_a_pipe_writes_nothing_to_stderr_when_all_goes_well(
    run: Run, seeds_dir: Path
) -> None:
    code, out, err = run("ingest", str(seeds_dir))
    assert code == 0 and "5 documents" in out
    assert err == ""  # no progress bar, and no blank line left by one, on a plain stream


def test_ingest_of_a_folder_with_no_article_file_says_so(
    cli: CliApp, run: Run, tmp_path: Path
) -> None:
    empty = tmp_path / "nothing-here"
    empty.mkdir()
    code, _, err = run("ingest", str(empty))
    assert code != 0
    assert "no article file" in err and str(empty) in err and "Traceback" not in err


def test_ingest_of_a_missing_folder_ends_with_an_error_not_a_summary(
    cli: CliApp, run: Run, tmp_path: Path
) -> None:
    """A newcomer read "0 documents ... (1 errors)" after a mistyped path as a success."""
    missing = tmp_path / "no-such-folder"
    code, _, err = run("ingest", str(missing))
    assert code != 0
    assert str(missing) in err and "error: nothing ingested" in err and "Traceback" not in err


def test_search_json_lines(cli: CliApp, run: Run, seeds_dir: Path) -> None:
    run("ingest", str(seeds_dir), "--json")
    code, out, _ = run("search", "troops at the border", "--k", "5", "--json")
    hits = jsonl(out)
    assert code == 0 and 0 < len(hits) <= 5
    for h in hits:
        assert {"source", "text", "start", "end", "score"} <= set(h)
        assert h["start"] < h["end"]
    assert len({h["text"] for h in hits}) == len(hits)


def test_search_prints_where_each_hit_stands_in_characters(
    cli: CliApp, run: Run, seeds_dir: Path
) -> None:
    """A newcomer read "[1113:1231]" as nothing: the offsets say what they are."""
    run("ingest", str(seeds_dir), "--json")
    code, out, _ = run("search", "troops at the border", "--k", "3")
    hit = jsonl(run("search", "troops at the border", "--k", "1", "--json")[1])[0]
    assert code == 0 and f"chars {hit['start']}–{hit['end']}" in out


def test_sources_json(cli: CliApp, run: Run, seeds_dir: Path) -> None:
    run("ingest", str(seeds_dir), "--json")
    code, out, _ = run("sources", "--json")
    rows = jsonl(out)
    assert code == 0 and len(rows) == 7
    dups = [r for r in rows if r["duplicate_of"]]
    assert len(dups) == 1 and dups[0]["duplicate_of"] in {r["id"] for r in rows}
    assert sum(r["chunks"] for r in rows) == cli.store.count()


def test_sources_name_the_sentences_an_article_reprints(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two newcomer trials (session 54): a local paper printing the wire's first paragraphs
    was listed as if it had nothing of the wire's ("duplicate_of": null, no group)."""
    lede = "The harbour union ended its week-long strike on Tuesday after talks with the council."
    vote = "Union members voted 212 to 40 to accept a 6 per cent pay rise, the union said."
    (tmp_path / "a_wire.txt").write_text(
        f"Strike ends\nBy Ann Lee\n3 May 2026\nKelby Wire\n\n{lede}\n{vote}\n"
        "Ferries resume on Friday.\n", encoding="utf-8")
    (tmp_path / "b_gazette.txt").write_text(
        f"Port reopens\nBy Staff\n5 May 2026\nFenwick Gazette\n\n{lede}\n{vote}\n"
        "Fenwick traders said the stoppage had cost them thousands of pounds in lost trade.\n"
        "The town's market will stay open late on Saturday to win customers back.\n",
        encoding="utf-8")
    assert run("ingest", str(tmp_path))[0] == 0
    rows = {r["id"]: r for r in jsonl(run("sources", "--json")[1])}
    assert rows["b_gazette"]["duplicate_of"] is None
    assert rows["b_gazette"]["reprints"] == {"a_wire": 2} and rows["a_wire"]["reprints"] == {}
    monkeypatch.setattr(common.out, "width", 80)
    assert "reprints 2 sentences of a_wire" in run("sources")[1]


def test_sources_read_dates_and_name_the_later_article_the_reprint(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A newcomer trial (session 55): the paper's file sorted before the wire's, and the wire
    was said to reprint the paper; dates were listed as printed, in three formats."""
    lede = "The harbour union ended its week-long strike on Tuesday after talks with the council."
    vote = "Union members voted 212 to 40 to accept a 6 per cent pay rise, the union said."
    (tmp_path / "a_gazette.txt").write_text(
        f"Port reopens\nBy Staff\n5 May 2026\nFenwick Gazette\n\n{lede}\n{vote}\n"
        "Fenwick traders said the stoppage had cost them thousands of pounds in lost trade.\n",
        encoding="utf-8")
    (tmp_path / "b_wire.txt").write_text(
        f"Strike ends\nBy Ann Lee\nMay 3, 2026\nKelby Wire\n\n{lede}\n{vote}\n"
        "Ferries resume on Friday.\n", encoding="utf-8")
    assert run("ingest", str(tmp_path))[0] == 0
    rows = {r["id"]: r for r in jsonl(run("sources", "--json")[1])}
    assert rows["a_gazette"]["reprints"] == {"b_wire": 2} and rows["b_wire"]["reprints"] == {}
    assert (rows["b_wire"]["date"], rows["b_wire"]["published"]) == ("May 3, 2026", "2026-05-03")
    monkeypatch.setattr(common.out, "width", 80)
    assert "Kelby Wire · 2026-05-03" in run("sources")[1]


def test_ask_json_with_fake_model(
    cli: CliApp, run: Run, seeds_dir: Path, fake_model: FakeChatModel
) -> None:
    run("ingest", str(seeds_dir), "--json")
    app = cli.current()
    from agent.generation.answer import Answerer

    ev = Answerer(app.corpus, app.retriever, app.embedder, app.llm).evidence(ANSWERABLE)
    fake_model.queue(draft((ev.items[0].sentence.text, [ev.items[0].label])))
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
    cli: CliApp, run: Run, seeds_dir: Path, tmp_path: Path
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


def test_huge_question_is_one_line_error(cli: CliApp, run: Run, seeds_dir: Path) -> None:
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


def test_chat_piped_stdin(cli: CliApp, seeds_dir: Path, fake_model: FakeChatModel) -> None:
    runner = CliRunner()
    assert runner.invoke(common.app, ["ingest", str(seeds_dir), "--json"]).exit_code == 0
    result = runner.invoke(common.app, ["chat"], input=f"/help\n{UNRELATED}\n/quit\nnever\n")
    assert result.exit_code == 0, result.output
    assert "/verify" in result.output  # the help text
    assert "sources do not say" in result.output
    assert f"you> {UNRELATED}" in result.output
    assert "you> never" not in result.output  # nothing after /quit is read
    assert fake_model.calls == []  # weak evidence: abstained without the model
    assert "no model call" in result.output  # the footer does not name a model that never ran


def test_chat_shows_evidence_then_the_checked_answer(
    cli: CliApp, seeds_dir: Path, fake_model: FakeChatModel
) -> None:
    runner = CliRunner()
    assert runner.invoke(common.app, ["ingest", str(seeds_dir), "--json"]).exit_code == 0
    ev = cli.current().answerer().evidence(ANSWERABLE)
    fake_model.queue(draft((ev.items[0].sentence.text, [ev.items[0].label])))
    result = runner.invoke(common.app, ["chat"], input=f"{ANSWERABLE}\n")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    found = [i for i, line in enumerate(lines) if "found ·" in line]
    answer = next(i for i, line in enumerate(lines) if "[1]" in line and "found" not in line)
    assert found and max(found) < answer  # the evidence is printed before the answer
    assert "draft:" not in result.output  # no unchecked text reaches the screen


def test_sentinel_key_never_printed(
    monkeypatch: pytest.MonkeyPatch,
    run: Run,
    seeds_dir: Path,
    caplog: pytest.LogCaptureFixture,
    cli_app: Callable[..., CliApp],
) -> None:
    apps = cli_app(fake_llm=False)  # the real openai-compatible client, against a closed port
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
    logs = apps.current().settings.data_dir
    for f in logs.rglob("*"):
        if f.is_file() and f.stat().st_size < 5_000_000:
            assert SENTINEL.encode() not in f.read_bytes(), f


def test_a_usage_error_is_one_clear_line_not_a_traceback(run: Run) -> None:
    code, out, err = run("ingest", "seeds", "--no-such-flag")
    assert code == 2
    assert "No such option: --no-such-flag" in err
    assert "Traceback" not in err + out and "hint" not in err
    # an option of sourcebound itself given after the command: where it belongs
    code, _, err = run("sources", "--data-dir", "/tmp/elsewhere")
    assert code == 2 and "put it before the command" in err and "--data-dir" in err


def test_a_reingest_names_the_file_it_updated(
    cli: CliApp, run: Run, seeds_dir: Path, tmp_path: Path
) -> None:
    corpus = tmp_path / "in"
    shutil.copytree(seeds_dir, corpus)
    assert run("ingest", str(corpus))[0] == 0
    changed = sorted(corpus.glob("*.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA late line was added.\n",
                       encoding="utf-8")
    code, out, _ = run("ingest", str(corpus))
    assert code == 0
    assert f"updated: {changed}" in " ".join(out.split())


def test_sources_on_a_narrow_terminal_lists_one_article_per_line(
    cli: CliApp, run: Run, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("ingest", str(seeds_dir))[0] == 0
    monkeypatch.setattr(common.out, "width", 80)
    code, out, _ = run("sources")
    assert code == 0 and "┃" not in out
    assert "003_7f814669e06ec963#3  AP · 2025-05-04 · AAMER MADHANI" in out
    assert "copy of 003_7f814669e06ec963#1" in out
    monkeypatch.setattr(common.out, "width", 200)
    assert "┃" in run("sources")[1]


@pytest.mark.parametrize("args", [
    ("summarize", "--story"), ("compare",), ("verify", "--no-model", "The ban starts in May."),
    ("ask", "Who closed the bridge?"),
])
def test_a_store_with_nothing_ingested_says_so(
    cli: CliApp, run: Run, args: tuple[str, ...]
) -> None:
    # An empty summary or "no source states this" would look like a result (newcomer
    # helper 21: `summarize --story` printed an empty summary and exited 0).
    code, out, err = run(*args)
    assert code == 2 and out == ""
    assert "holds no ingested articles" in err and "sourcebound ingest" in err


def test_a_single_question_shows_a_spinner_on_a_terminal_and_nothing_on_a_pipe(
    cli: CliApp, run: Run, seeds_dir: Path, fake_model: FakeChatModel,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A newcomer's first `ask` waited 91 s in silence while the local model loaded.
    import io

    from rich.console import Console

    run("ingest", str(seeds_dir), "--json")
    fake_model.queue(draft(("The sources do not say.", [])))
    code, _, err = run("ask", UNRELATED)
    assert code == 0 and err == ""  # a pipe: no spinner, no blank line
    terminal = io.StringIO()
    monkeypatch.setattr(common, "err", Console(file=terminal, force_terminal=True))
    fake_model.queue(draft(("The sources do not say.", [])))
    code, _, _ = run("ask", UNRELATED)
    assert code == 0 and "answering" in terminal.getvalue()
