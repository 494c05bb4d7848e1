"""Malformed user input through the CLI: an eval dataset with a broken line, a claims file with
empty / overlong / non-UTF-8 claims, a 100 KB question or claim, and non-text bytes on stdin
(chat) or in an `ask --file`. Each gets one clear error naming the file (or stdin) and line,
no traceback, and the other lines are still processed."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from reliability import record
from scenarios import UNRELATED, jsonl
from typer.testing import CliRunner

import agent.cli.common as common
import evals.datasets as datasets

if TYPE_CHECKING:
    from conftest import CliApp

pytestmark = pytest.mark.timeout(60)

Run = Callable[..., tuple[int, str, str]]

BIG = "why " * 25_000  # 100 KB
BINARY = b"GIF89a\x01\x00\x01\x00\x07\x00\x00\x00\x00"  # no newline bytes inside
CLAIM = "Mexico sent 10,000 troops to the border."


@pytest.fixture
def cli(cli_app: Callable[..., CliApp], run: Run, seeds_dir: Path) -> CliApp:
    """Fake model with no replies queued: a test fails loudly if anything reaches the model."""
    apps = cli_app()
    code, _, err = run("ingest", str(seeds_dir), "--json")
    assert code == 0, err
    return apps


def one_clean_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize("suite", ["qa", "claims"])
def test_eval_dataset_with_a_broken_line_names_file_and_line(
    cli: CliApp,
    run: Run,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    suite: str,
) -> None:
    src = datasets.QA_FILE if suite == "qa" else datasets.CLAIMS_FILE
    good = [ln for ln in src.read_text(encoding="utf-8").splitlines() if ln.strip()][:2]
    broken = tmp_path / f"{suite}.jsonl"
    broken.write_text(f"{good[0]}\n{good[1][:40]}\n", encoding="utf-8")  # line 2 cut off
    monkeypatch.setattr(
        datasets, f"{suite.upper()}_FILE" if suite == "qa" else "CLAIMS_FILE", broken
    )
    code, out, err = run("eval", "--suite", suite, "--out", str(tmp_path / "ev"), "--json")
    line = one_clean_line(err)
    assert code == 2 and out == ""
    assert f"{broken}:2" in line and "invalid JSON" in line
    shown = line.replace(f"{tmp_path}/", "")
    record("user input", f"eval {suite} dataset, line 2 cut off", f"exit 2: {shown}")


def test_claims_file_bad_lines_are_named_and_the_rest_verified(
    cli: CliApp, run: Run, tmp_path: Path
) -> None:
    f = tmp_path / "claims.jsonl"
    f.write_bytes(
        b"\n".join(
            [
                json.dumps({"id": "c1", "claim": CLAIM}).encode(),
                json.dumps({"id": "c2", "claim": ""}).encode(),
                json.dumps({"id": "c3", "claim": "   "}).encode(),
                json.dumps({"id": "c4", "claim": BIG}).encode(),
                "Caf\u00e9 owners said the plan would fail.".encode("latin-1"),
                BINARY,
                CLAIM.encode(),
            ]
        )
        + b"\n"
    )
    code, out, err = run("verify", "--file", str(f), "--no-model", "--json")
    rows = jsonl(out)
    assert "Traceback" not in err
    assert code == 1
    assert [r["id"] for r in rows] == ["c1", "c2", "c3", "c4", "line-5", "line-6", "line-7"]
    assert rows[0]["verdict"] and rows[6]["verdict"]
    expect = {1: "non-empty", 2: "non-empty", 3: "limit", 4: "not UTF-8", 5: "NUL"}
    for i, word in expect.items():
        assert f"{f}:{i + 1}" in rows[i]["error"] and word in rows[i]["error"], rows[i]
    record(
        "user input",
        "claims file: empty, blank, 100 KB, latin-1 and binary claims",
        "each line's error names claims.jsonl:N; the 2 good claims verified; exit 1",
    )


def test_100kb_question_or_claim_is_one_line_error(cli: CliApp, run: Run) -> None:
    for args in (["ask", BIG], ["verify", BIG, "--no-model"]):
        code, out, err = run(*args, "--json")
        line = one_clean_line(err)
        assert code == 2 and out == "" and "limit is 2000" in line
    record("user input", "100 KB question (ask) / claim (verify)", "exit 2, one line: limit")


def test_ask_file_with_binary_lines_names_each_line(
    cli: CliApp, run: Run, tmp_path: Path
) -> None:
    f = tmp_path / "questions.txt"
    f.write_bytes(
        UNRELATED.encode()
        + b"\n"
        + "Qu\u00e9 pas\u00f3 en la frontera?".encode("latin-1")
        + b"\n"
        + BINARY
        + b"\n"
        + BIG.encode()
        + b"\n"
        + UNRELATED.encode()
        + b"\n"
    )
    code, out, err = run("ask", "--file", str(f), "--json")
    rows = jsonl(out)
    assert code == 1 and "Traceback" not in err
    assert [r["id"] for r in rows] == ["1", "2", "3", "4", "5"]
    assert rows[0]["abstained"] and rows[4]["abstained"] and rows[0]["error"] is None
    for n, word in ((2, "not UTF-8"), (3, "NUL"), (4, "limit")):
        assert f"{f}:{n}" in rows[n - 1]["error"] and word in rows[n - 1]["error"]
    record(
        "user input",
        "ask --file with latin-1, binary and 100 KB lines",
        "errors name questions.txt:2/3/4; lines 1 and 5 answered; exit 1",
    )


def test_chat_stdin_non_text_bytes_name_the_line_and_session_goes_on(cli: CliApp) -> None:
    data = (
        "Qu\u00e9 pas\u00f3?".encode("latin-1")
        + b"\n"
        + BINARY
        + b"\n"
        + BIG.encode()
        + b"\n"
        + UNRELATED.encode()
        + b"\n"
    )
    result = CliRunner().invoke(common.app, ["chat"], input=data)
    assert result.exit_code == 0, result.output
    text = result.output
    assert "Traceback" not in text
    assert "stdin:1: not UTF-8 text" in text
    assert "stdin:2: question contains NUL bytes" in text
    assert "stdin:3: question is" in text and "limit" in text
    assert f"you> {UNRELATED}" in text and "sources do not say" in text
    record(
        "user input",
        "chat: latin-1, binary and 100 KB lines on stdin",
        "errors name stdin:1/2/3; the 4th line is answered; exit 0",
    )
