"""Secret hygiene with a sentinel API key: against a fault server whose error bodies quote the
request's Authorization header back (a careless proxy), the key must not reach CLI output,
logs (at DEBUG), files under the data dir (caches, chat history, summaries, eval reports) or
exceptions, including their printed tracebacks."""

from __future__ import annotations

import json
import logging
import traceback
from pathlib import Path

import pytest
from faultserver import FaultServer, running, status
from reliability import record
from test_cli import Injected, Run, jsonl
from test_faults import EVIDENCE, Q_FAIL, Q_OK, RETRIES, SENTINEL, remote_llm, use_fault_server
from typer.testing import CliRunner

import agent.cli.common as common
import agent.cli.eval_cmds as eval_cmds
from agent.errors import ModelError
from agent.generation.answer import Draft

pytestmark = pytest.mark.timeout(90)


@pytest.fixture
def server() -> FaultServer:
    with running() as srv:
        yield srv  # type: ignore[misc]


def leaks_in_files(root: Path) -> list[Path]:
    return [
        f
        for f in root.rglob("*")
        if f.is_file() and not f.is_symlink() and SENTINEL.encode() in f.read_bytes()
    ]


@pytest.mark.parametrize(
    "fault",
    [status(401, echo_auth=True), status(500, echo_auth=True), status(429, "0.1", echo_auth=True)],
    ids=["401", "500", "429"],
)
def test_echoed_key_is_not_in_the_error_or_its_traceback(
    server: FaultServer, fault: object, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    server.default = fault  # type: ignore[assignment]
    with pytest.raises(ModelError) as exc:
        remote_llm(server).structured(Draft).invoke(EVIDENCE)
    # The server really did echo it: the test would catch a leak.
    assert server.requests[0].headers["authorization"] == f"Bearer {SENTINEL}"
    printed = "".join(traceback.format_exception(exc.value))
    for text in (str(exc.value), repr(exc.value), printed, caplog.text):
        assert SENTINEL not in text
    msg = str(exc.value)
    shown = msg if len(msg) < 120 else f"...{msg[-100:]}"
    record("secrets", f"{fault} echoing the Authorization header", f"one-line error: {shown}")


def test_key_never_reaches_output_logs_or_files(
    server: FaultServer,
    monkeypatch: pytest.MonkeyPatch,
    seeds_dir: Path,
    run: Run,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    inj: Injected = use_fault_server(server, monkeypatch, seeds_dir, run)
    monkeypatch.setattr(eval_cmds, "App", inj.app)
    server.when(Q_FAIL, status(500, echo_auth=True))
    outputs: list[str] = []

    code, out, err = run("ask", Q_FAIL, "--json")
    assert code != 0 and "HTTP 500" in err
    outputs += [out, err]

    qfile = tmp_path / "q.txt"
    qfile.write_text(f"{Q_OK}\n{Q_FAIL}\n", encoding="utf-8")
    code, out, err = run("ask", "--file", str(qfile), "--json")
    assert code == 1 and [r["error"] is None for r in jsonl(out)] == [True, False]
    outputs += [out, err]

    result = CliRunner().invoke(common.app, ["chat"], input=f"{Q_FAIL}\n{Q_OK}\n")
    assert result.exit_code == 0 and "HTTP 500" in result.output
    outputs.append(result.output)

    out_dir = tmp_path / "summaries"
    server.clear()
    server.when(lambda body: "SummaryDraft" in json.dumps(body), status(500, echo_auth=True))
    code, out, err = run("summarize", "--all", "--out", str(out_dir), "--json")
    assert code == 0, err
    assert "HTTP 500" in (out_dir / "summaries.jsonl").read_text()  # failures recorded...
    outputs += [out, err]

    server.clear()
    server.default = status(500, echo_auth=True)
    eval_dir = tmp_path / "eval"
    code, out, err = run("eval", "--suite", "qa", "--limit", "3", "--out", str(eval_dir), "--json")
    assert code == 0, err
    assert (eval_dir / "results.json").exists() and (eval_dir / "report.html").exists()
    outputs += [out, err]

    echoed = [r for r in server.requests if r.headers.get("authorization") == f"Bearer {SENTINEL}"]
    assert echoed and len(server.requests) >= RETRIES + 1  # the key was sent and echoed
    for text in [*outputs, caplog.text]:
        assert SENTINEL not in text
        assert "Traceback" not in text
    assert leaks_in_files(tmp_path) == []  # data dir (caches, history), summaries, eval report
    record(
        "secrets",
        "sentinel key; server echoes it in every error (ask, ask --file, chat, summarize, eval)",
        "errors shown with the key as ***; not in stdout/stderr, DEBUG logs, data dir, "
        "summaries.jsonl, results.json, report.html",
        "nothing (no leak)",
    )
