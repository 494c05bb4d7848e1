"""Model-server faults through the real openai-compatible backend (ChatOpenAI + the openai
client) against tests/faultserver.py on 127.0.0.1: retries with backoff where retrying is
right, one clear ModelError where it is not, and batch commands / chat that mark the failed
item and finish the rest. Every test bounds its requests (max_retries, request_timeout_s,
scripted queues) and its wall time (pytest-timeout); the client's retry delays are recorded
(`retry_sleeps`) and checked against its backoff rules, not measured."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from faultserver import Behaviour, FaultServer, drop, malformed, ok, slow, status, stream_cut
from reliability import record
from scenarios import C_FAIL, C_OK, EVIDENCE, Q_FAIL, Q_OK, Q_OK2, jsonl
from typer.testing import CliRunner

import agent.cli.common as common
from agent.app import App
from agent.errors import ModelError
from agent.generation.answer import Answerer, Draft

if TYPE_CHECKING:
    from conftest import CliApp, Remote

pytestmark = pytest.mark.timeout(60)

Run = Callable[..., tuple[int, str, str]]
FIRST_BACKOFF = 0.5  # the openai client's first retry delay, doubled for each later one


@pytest.fixture
def remote_cli(remote: Remote) -> CliApp:
    return remote.cli()


def backoff_bounds(fault: Behaviour, retry: int) -> tuple[float, float]:
    """What the client may wait before retry number `retry` (0-based): the server's
    Retry-After, else exponential backoff minus up to 25 % jitter."""
    if fault.retry_after is not None:
        return float(fault.retry_after), float(fault.retry_after)
    full = FIRST_BACKOFF * 2**retry
    return 0.75 * full, full


def no_leak(remote: Remote, *texts: str) -> None:
    for t in texts:
        assert "Traceback" not in t
        assert remote.key not in t


# --- retries -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "first",
    [status(429, retry_after="1"), status(500), status(503), drop()],
    ids=["429+Retry-After", "500", "503", "connection-drop"],
)
def test_retried_with_backoff_then_success(
    fault_server: FaultServer, remote: Remote, retry_sleeps: list[float], first: Behaviour
) -> None:
    fault_server.push(first, ok())
    draft = remote.llm().structured(Draft).invoke(EVIDENCE)
    assert draft.answerable and draft.sentences[0].text == "The sky is blue."
    assert [r.behaviour for r in fault_server.requests] == [str(first), "ok"]
    # One wait before the one retry: the server's Retry-After if it sent one, else backoff.
    (delay,) = retry_sleeps
    low, high = backoff_bounds(first, 0)
    assert low <= delay <= high
    record(
        "model server", f"{first} once, then OK", f"retried after {delay:.2f} s; answer returned"
    )


@pytest.mark.parametrize(
    "fault", [status(503), status(429, retry_after="0.2"), drop()], ids=["503", "429", "drop"]
)
def test_retries_exhausted_is_one_clear_model_error(
    fault_server: FaultServer, remote: Remote, retry_sleeps: list[float], fault: Behaviour
) -> None:
    fault_server.default = fault
    with pytest.raises(ModelError) as exc:
        remote.llm().structured(Draft).invoke(EVIDENCE)
    msg = str(exc.value)
    # Bounded: the client's retries and no retry on top of them, each after a bounded wait.
    assert len(fault_server.requests) == remote.retries + 1
    assert len(retry_sleeps) == remote.retries
    for i, delay in enumerate(retry_sleeps):
        low, high = backoff_bounds(fault, i)
        assert low <= delay <= high, (i, delay)
    assert "\n" not in msg and fault_server.base_url in msg
    assert ("HTTP" in msg) if fault.kind == "status" else ("cannot connect" in msg)
    no_leak(remote, msg)
    record(
        "model server",
        f"{fault} on every try",
        f"{len(fault_server.requests)} tries, {sum(retry_sleeps):.1f} s of backoff, "
        f"then ModelError: {msg[:150]}",
        "nothing (the caller gets the error)",
    )


def test_slow_server_times_out_after_retries(
    fault_server: FaultServer, remote: Remote, retry_sleeps: list[float]
) -> None:
    fault_server.default = slow(30)  # far longer than the client waits (stop() ends it)
    with pytest.raises(ModelError, match="timed out"):
        remote.llm(timeout=0.3).structured(Draft).invoke(EVIDENCE)
    assert len(fault_server.requests) == remote.retries + 1
    assert len(retry_sleeps) == remote.retries
    # The client gave up on every try by its own timeout: the server is still "working" on all.
    assert fault_server.in_flight == remote.retries + 1
    record("model server", "slow (30 s, timeout 0.3 s)", "timed out after 3 tries")


def test_slow_but_in_time_is_fine(
    fault_server: FaultServer, remote: Remote
) -> None:
    fault_server.push(slow(0.3))
    assert remote.llm(timeout=2).structured(Draft).invoke(EVIDENCE).answerable
    assert len(fault_server.requests) == 1


def test_malformed_body_is_a_clear_error_without_retry_storm(
    fault_server: FaultServer, remote: Remote
) -> None:
    fault_server.default = malformed()
    with pytest.raises(ModelError, match="malformed response") as exc:
        remote.llm().structured(Draft).invoke(EVIDENCE)
    assert len(fault_server.requests) == 1  # the openai client does not retry a 200
    no_leak(remote, str(exc.value))
    record("model server", "200 with malformed JSON body", f"no retry; ModelError: {exc.value}")


def test_schema_invalid_output_gets_one_repair_turn_then_error(
    fault_server: FaultServer, remote: Remote
) -> None:
    fault_server.default = ok('{"verdict": "yes"}')
    with pytest.raises(ModelError, match="no valid Draft JSON after one repair") as exc:
        remote.llm().structured(Draft).invoke(EVIDENCE)
    assert len(fault_server.requests) == 2
    assert "not a valid JSON object" in fault_server.requests[1].last_user
    assert "answerable" in fault_server.requests[1].last_user  # the validation error is quoted back
    record("model server", "schema-invalid structured output", f"one repair turn, then {exc.value}")


def test_schema_invalid_then_repaired(
    fault_server: FaultServer, remote: Remote
) -> None:
    fault_server.push(ok("Sure! Here you go: {not json"), ok())
    assert remote.llm().structured(Draft).invoke(EVIDENCE).answerable
    assert len(fault_server.requests) == 2
    record("model server", "invalid JSON, then valid after repair", "answer returned")


def test_stream_cut_half_way_falls_back_to_a_checked_call(
    fault_server: FaultServer, remote: Remote, seeds_dir: Path, make_app: Callable[..., App]
) -> None:
    app = make_app(seeds_dir, settings=remote.settings(), fake_llm=False)
    answerer = Answerer(app.corpus, app.retriever, app.embedder, app.llm)
    fault_server.push(stream_cut(chunks=3))
    shown: list[str] = []
    ans = answerer.ask(Q_OK, on_text=shown.append)
    assert not ans.abstained and ans.citations
    kinds = [(r.behaviour, bool(r.body.get("stream"))) for r in fault_server.requests]
    assert kinds == [("stream_cut", True), ("ok", False)]
    record("model server", "SSE stream stops half-way", "re-asked without streaming; cited answer")


# --- batches and chat through the CLI --------------------------------------------------------
def test_ask_file_marks_the_failed_item_and_finishes_the_rest(
    fault_server: FaultServer, remote: Remote, remote_cli: CliApp, run: Run, tmp_path: Path
) -> None:
    fault_server.when(Q_FAIL, status(500))
    qfile = tmp_path / "questions.jsonl"
    qfile.write_text(
        "".join(
            json.dumps({"id": i, "question": q}) + "\n"
            for i, q in (("q1", Q_OK), ("q2", Q_FAIL), ("q3", Q_OK2))
        ),
        encoding="utf-8",
    )
    code, out, err = run("ask", "--file", str(qfile), "--json")
    rows = jsonl(out)
    assert code == 1
    assert [r["id"] for r in rows] == ["q1", "q2", "q3"]
    assert rows[0]["error"] is None and not rows[0]["abstained"] and rows[0]["citations"]
    assert rows[2]["error"] is None and not rows[2]["abstained"]
    assert "HTTP 500" in rows[1]["error"]
    no_leak(remote, out, err)
    fails = sum(1 for r in fault_server.requests if Q_FAIL in r.last_user)
    assert fails == remote.retries + 1
    record(
        "batch",
        "ask --file, item 2 gets HTTP 500 on every try",
        "q1, q3 answered with citations; q2 has an error field; exit 1",
    )


def test_verify_file_marks_the_failed_claim_and_finishes_the_rest(
    fault_server: FaultServer, remote: Remote, remote_cli: CliApp, run: Run, tmp_path: Path
) -> None:
    fault_server.when(f"Claim: {C_FAIL}", drop())
    cfile = tmp_path / "claims.jsonl"
    cfile.write_text(
        "".join(
            json.dumps({"id": i, "claim": c}) + "\n"
            for i, c in (("c1", C_OK), ("c2", C_FAIL), ("c3", C_OK))
        ),
        encoding="utf-8",
    )
    code, out, err = run("verify", "--file", str(cfile), "--json")
    rows = jsonl(out)
    assert code == 1
    assert [r["id"] for r in rows] == ["c1", "c2", "c3"]
    assert rows[0]["verdict"] and rows[2]["verdict"] and rows[0].get("error") is None
    assert f"{cfile}:2" in rows[1]["error"] and "cannot connect" in rows[1]["error"]
    no_leak(remote, out, err)
    record(
        "batch",
        "verify --file, claim 2's model calls drop the connection",
        "c1, c3 verdicts; c2 has an error field naming file:line; exit 1",
    )


def test_chat_continues_after_a_failed_turn(
    fault_server: FaultServer, remote: Remote, remote_cli: CliApp, tmp_path: Path
) -> None:
    fault_server.when(Q_FAIL, status(503))
    result = CliRunner().invoke(common.app, ["chat"], input=f"{Q_FAIL}\n/reset\n{Q_OK}\n")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "error:" in out and "HTTP 503" in out
    assert out.index("HTTP 503") < out.index(f"you> {Q_OK}")
    after = out[out.index(f"you> {Q_OK}") :]
    assert "[1]" in after and "sources do not say" not in after  # a cited answer
    no_leak(remote, out)
    record("chat", "a turn fails (HTTP 503 x3)", "one error line; the next turn is answered")


def test_summarize_batch_rerun_redoes_only_failed_items(
    fault_server: FaultServer, remote: Remote, remote_cli: CliApp, run: Run, tmp_path: Path
) -> None:
    app = remote_cli.current()
    canon = [a for a in app.corpus.articles() if app.corpus.canonical(a.id) == a.id]
    victim = canon[1]
    # Outlets share sentences (quotes, wire copy): fail the article-summary requests that
    # show a sentence found in no other article, i.e. the victim's and only the victim's.
    others = " ".join(a.body for a in app.corpus.articles() if a.id != victim.id)
    unique = [s.text for s in victim.sentences if s.text not in others]
    assert unique

    def shows_victim(body: dict[str, Any]) -> bool:
        users = [m for m in body.get("messages", []) if m.get("role") == "user"]
        schema = json.dumps(body.get("response_format", {}))
        return "SummaryDraft" in schema and any(
            t in str(users[-1].get("content", "")) for t in unique
        )

    fault_server.when(shows_victim, status(500))
    out_dir = tmp_path / "summaries"
    code, out, err = run("summarize", "--all", "--out", str(out_dir), "--json")
    assert code == 0, err
    first = jsonl(out)[0]
    recs = [json.loads(x) for x in (out_dir / "summaries.jsonl").read_text().splitlines()]
    failed = {r["id"] for r in recs if r["error"]}
    assert failed == {victim.id}, failed
    assert first["done_now"] == len(canon) + 1

    fault_server.clear()  # the server recovers
    code, out, err = run("summarize", "--all", "--out", str(out_dir), "--json")
    second = jsonl(out)[0]
    assert code == 0, err
    assert second["done_now"] == 1 and second["skipped"] == len(canon)
    assert len(fault_server.requests) >= 1
    assert all(
        "SummaryDraft" in json.dumps(r.body["response_format"]) for r in fault_server.requests
    )
    recs = [json.loads(x) for x in (out_dir / "summaries.jsonl").read_text().splitlines()]
    last = {r["id"]: r for r in recs}
    assert all(r["error"] is None for r in last.values()) and len(last) == len(canon) + 1
    no_leak(remote, out, err, (out_dir / "summaries.jsonl").read_text())
    record(
        "batch",
        "summarize --all, one article's calls fail; re-run",
        f"first run: {len(canon)} done + 1 error record; re-run redid only {victim.id}",
    )


@pytest.mark.parametrize(
    ("fault", "words"),
    [
        (status(503), "HTTP 503"),
        (drop(), "cannot connect"),
        (malformed(), "malformed response"),
        (ok('{"answerable": "maybe"}'), "no valid Draft JSON"),
        (stream_cut(chunks=1), "cannot connect"),  # not streaming: the cut body is a dead link
    ],
    ids=["503", "drop", "malformed", "schema-invalid", "cut-body"],
)
def test_cli_ask_failure_is_one_line_and_exit_code(
    fault_server: FaultServer, remote: Remote, remote_cli: CliApp, run: Run, fault: Any, words: str
) -> None:
    fault_server.default = fault
    code, out, err = run("ask", Q_OK, "--json")
    assert code == 1 and out == ""
    line = err.strip()
    assert len(line.splitlines()) == 1 and line.startswith("error:") and words in line
    no_leak(remote, out, err)
    # Bounded: the client's retries, plus one repair turn.
    assert len(fault_server.requests) <= 2 * (remote.retries + 1)
    record(
        "cli", f"sourcebound ask; server: {fault} on every request", f"exit 1, stderr: {line[:110]}"
    )
