"""Secret hygiene with a sentinel API key: against a fault server whose error bodies quote the
request's Authorization header back (a careless proxy), the key must not reach CLI output,
logs (at DEBUG), files under the data dir (caches, chat history, summaries, eval reports) or
exceptions, including their printed tracebacks."""

from __future__ import annotations

import json
import logging
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from faultserver import Behaviour, FaultServer, status
from reliability import record
from scenarios import EVIDENCE, Q_FAIL, Q_OK, jsonl
from typer.testing import CliRunner

import agent.cli.common as common
from agent.errors import ModelError
from agent.generation.answer import Draft

if TYPE_CHECKING:
    from conftest import Remote

pytestmark = pytest.mark.timeout(90)

Run = Callable[..., tuple[int, str, str]]


def leaks_in_files(root: Path, key: str) -> list[Path]:
    return [
        f
        for f in root.rglob("*")
        if f.is_file() and not f.is_symlink() and key.encode() in f.read_bytes()
    ]


@pytest.mark.parametrize(
    "fault",
    [status(401, echo_auth=True), status(500, echo_auth=True), status(429, "0.1", echo_auth=True)],
    ids=["401", "500", "429"],
)
def test_echoed_key_is_not_in_the_error_or_its_traceback(
    fault_server: FaultServer,
    remote: Remote,
    retry_sleeps: list[float],
    fault: Behaviour,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    fault_server.default = fault
    with pytest.raises(ModelError) as exc:
        remote.llm().structured(Draft).invoke(EVIDENCE)
    # The server really did echo it: the test would catch a leak.
    assert fault_server.requests[0].headers["authorization"] == f"Bearer {remote.key}"
    printed = "".join(traceback.format_exception(exc.value))
    for text in (str(exc.value), repr(exc.value), printed, caplog.text):
        assert remote.key not in text
    msg = str(exc.value)
    shown = msg if len(msg) < 120 else f"...{msg[-100:]}"
    record("secrets", f"{fault} echoing the Authorization header", f"one-line error: {shown}")


def test_key_never_reaches_output_logs_or_files(
    fault_server: FaultServer,
    remote: Remote,
    run: Run,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    remote.cli()  # every CLI command, `eval` included, against the fault server
    fault_server.when(Q_FAIL, status(500, echo_auth=True))
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
    fault_server.clear()
    fault_server.when(lambda body: "SummaryDraft" in json.dumps(body), status(500, echo_auth=True))
    code, out, err = run("summarize", "--all", "--out", str(out_dir), "--json")
    assert code == 0, err
    assert "HTTP 500" in (out_dir / "summaries.jsonl").read_text()  # failures recorded...
    outputs += [out, err]

    fault_server.clear()
    fault_server.default = status(500, echo_auth=True)
    eval_dir = tmp_path / "eval"
    code, out, err = run("eval", "--suite", "qa", "--limit", "3", "--out", str(eval_dir), "--json")
    assert code == 0, err
    assert (eval_dir / "results.json").exists() and (eval_dir / "report.html").exists()
    outputs += [out, err]

    sent = f"Bearer {remote.key}"
    echoed = [r for r in fault_server.requests if r.headers.get("authorization") == sent]
    assert echoed and len(fault_server.requests) >= remote.retries + 1  # sent, and echoed
    for text in [*outputs, caplog.text]:
        assert remote.key not in text
        assert "Traceback" not in text
    # Nothing under the data dir (caches, history), summaries or eval report holds it either.
    assert leaks_in_files(tmp_path, remote.key) == []
    record(
        "secrets",
        "sentinel key; server echoes it in every error (ask, ask --file, chat, summarize, eval)",
        "errors shown with the key as ***; not in stdout/stderr, DEBUG logs, data dir, "
        "summaries.jsonl, results.json, report.html",
        "nothing (no leak)",
    )
