"""Batch commands on API backends run several items at once (agent/batch.py): against a slow
fake OpenAI-compatible server (tests/faultserver.py on 127.0.0.1) requests really overlap,
output stays in input order, a failing item leaves the others intact, per-answer token
counts do not leak between items; the local backend takes one item at a time."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from faultserver import FaultServer, slow, status
from reliability import record
from scenarios import C_FAIL, C_OK, Q_FAIL, Q_OK, Q_OK2, UNRELATED, jsonl

import agent.cli.ask_cmds as ask_cmds
import agent.cli.common as common
from agent.generation.batch import batch_workers, map_ordered
from agent.llm.factory import make_llm
from agent.settings import load_settings

if TYPE_CHECKING:
    from conftest import CliApp, FakeChatModel, Remote

pytestmark = pytest.mark.timeout(90)

Run = Callable[..., tuple[int, str, str]]
LATENCY = 0.4  # every model request by default
SLOW_FIRST = 1.2  # the first item's request: it finishes after later items (still < timeout)


@pytest.fixture
def slow_server(fault_server: FaultServer) -> FaultServer:
    """The fault server, answering every request after LATENCY seconds."""
    fault_server.default = slow(LATENCY)
    return fault_server


def write_jsonl(path: Path, field: str, rows: list[tuple[str, str]]) -> Path:
    path.write_text("".join(json.dumps({"id": i, field: t}) + "\n" for i, t in rows), "utf-8")
    return path


# --- the helper ---------------------------------------------------------------------------
def test_map_ordered_yields_in_input_order_while_items_overlap() -> None:
    lock, running_now, most = threading.Lock(), [0], [0]

    def work(n: int) -> int:
        with lock:
            running_now[0] += 1
            most[0] = max(most[0], running_now[0])
        time.sleep(0.05 * (6 - n))  # earlier items take longer: they finish last
        with lock:
            running_now[0] -= 1
        return n * 10

    assert list(map_ordered(work, range(6), workers=3)) == [0, 10, 20, 30, 40, 50]
    assert most[0] == 3


def test_map_ordered_one_worker_runs_inline_one_at_a_time() -> None:
    seen: list[str] = []
    out = list(map_ordered(lambda n: seen.append(threading.current_thread().name) or n, [1, 2], 1))
    assert out == [1, 2] and seen == [threading.current_thread().name] * 2


def test_map_ordered_raises_at_the_failing_items_turn() -> None:
    def work(n: int) -> int:
        if n == 2:
            raise RuntimeError("item 2")
        return n

    results = map_ordered(work, range(5), workers=2)
    assert [next(results), next(results)] == [0, 1]  # earlier results come out first
    with pytest.raises(RuntimeError, match="item 2"):
        next(results)


def test_batch_workers_local_is_one_api_backends_use_flag_or_setting() -> None:
    assert batch_workers(load_settings(backend="local", max_concurrency=8), 8) == 1
    api = load_settings(
        backend="openai-compatible", openai_base_url="http://127.0.0.1:9/v1", max_concurrency=6
    )
    assert batch_workers(api) == 6
    assert batch_workers(api, 2) == 2  # the flag wins over the setting


def test_token_counts_per_stage_exclude_concurrent_calls_on_the_same_llm(
    make_fake_model: Callable[..., FakeChatModel]
) -> None:
    llm = make_llm(load_settings(backend="local"), chat=make_fake_model("a b c", "d e f g h"))
    barrier = threading.Barrier(2)
    shares: list[int] = []

    def stage() -> None:
        before = llm.usage.snapshot()
        barrier.wait()  # both stages are under way before either calls the model
        llm.text().invoke("hi")
        barrier.wait()  # and both calls are done before either reads its share
        shares.append(llm.usage.since(before).tokens_out)

    threads = [threading.Thread(target=stage) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert sorted(shares) == [3, 5]  # each its own reply, not the sum
    assert llm.usage.tokens_out == 8 and llm.usage.total().calls == 2


# --- through the CLI, against the slow fake server ------------------------------------------
def test_ask_file_concurrent_requests_overlap_order_kept_failure_isolated(
    slow_server: FaultServer, remote: Remote, run: Run, tmp_path: Path
) -> None:
    remote.cli()
    slow_server.when("Trump say about Sheinbaum", slow(SLOW_FIRST))
    slow_server.when(Q_FAIL, status(400))  # not retried: the item fails at once
    rows_in = [("q1", Q_OK2), ("q2", Q_OK), ("q3", Q_FAIL), ("q4", Q_OK), ("q5", Q_OK)]
    qfile = write_jsonl(tmp_path / "q.jsonl", "question", rows_in)
    code, out, err = run("ask", "--file", str(qfile), "--json", "-j", "4")
    rows = jsonl(out)
    assert code == 1, err  # one item failed
    assert [(r["id"], r["question"]) for r in rows] == [(i, q) for i, q in rows_in]
    assert "HTTP 400" in rows[2]["error"]
    for r in rows[:2] + rows[3:]:
        assert r["error"] is None and not r["abstained"] and r["citations"], r
    assert slow_server.max_in_flight > 1
    # q5 can only start when an earlier item is done: it arrived while q1 was still waiting,
    # so q1 finished after later items, and was still printed first.
    first = next(r for r in slow_server.requests if Q_OK2 in r.last_user)
    assert first.left is not None
    overlapped = [r for r in slow_server.requests if r is not first and r.arrived < first.left]
    assert len(overlapped) >= 4, [(r.arrived, r.left) for r in slow_server.requests]
    assert any(r.left is not None and r.left < first.left for r in overlapped)  # done before q1
    record(
        "concurrency",
        "ask --file -j 4, slow server, item 1 slowest, item 3 HTTP 400",
        f"max {slow_server.max_in_flight} requests in flight; output in input order; "
        "item 3 has an error field, the others cited; exit 1",
    )


def test_ask_file_tokens_per_answer_do_not_depend_on_concurrency(
    slow_server: FaultServer, remote: Remote, run: Run, tmp_path: Path
) -> None:
    remote.cli()
    qfile = write_jsonl(tmp_path / "q.jsonl", "question", [("a", Q_OK), ("b", Q_OK2), ("c", Q_OK)])
    counts: dict[int, dict[str, tuple[int, int]]] = {}
    in_flight: dict[int, int] = {}
    for j in (1, 3):
        slow_server.clear()
        slow_server.default = slow(LATENCY)
        code, out, err = run("ask", "--file", str(qfile), "--json", "--concurrency", str(j))
        assert code == 0, err
        counts[j] = {r["id"]: (r["tokens_in"], r["tokens_out"]) for r in jsonl(out)}
        in_flight[j] = slow_server.max_in_flight
    assert in_flight[1] == 1 and in_flight[3] > 1
    assert counts[3] == counts[1] and all(t > 0 for t, _ in counts[1].values())


def test_verify_file_concurrent_requests_overlap_order_kept_failure_isolated(
    slow_server: FaultServer, remote: Remote, run: Run, tmp_path: Path
) -> None:
    remote.cli()
    slow_server.when(f"Claim: {C_FAIL}", status(400))
    rows_in = [("c1", C_OK), ("c2", C_OK), ("c3", C_FAIL), ("c4", C_OK)]
    cfile = write_jsonl(tmp_path / "c.jsonl", "claim", rows_in)
    code, out, err = run("verify", "--file", str(cfile), "--json", "-j", "3")
    rows = jsonl(out)
    assert code == 1, err
    assert [(r["id"], r["claim"]) for r in rows] == [(i, c) for i, c in rows_in]
    assert f"{cfile}:3" in rows[2]["error"] and "HTTP 400" in rows[2]["error"]
    assert all(r["verdict"] and r.get("error") is None for r in rows[:2] + rows[3:])
    assert slow_server.max_in_flight > 1


def test_local_backend_takes_one_item_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
    run: Run,
    seeds_dir: Path,
    tmp_path: Path,
    cli_app: Callable[..., CliApp],
) -> None:
    cli_app()  # local backend, faked
    run("ingest", str(seeds_dir), "--json")
    threads: list[str] = []
    answer_item = ask_cmds.answer_item

    def spy(answerer: Any, item: Any) -> Any:
        threads.append(threading.current_thread().name)
        return answer_item(answerer, item)

    monkeypatch.setattr(ask_cmds, "answer_item", spy)
    qfile = write_jsonl(tmp_path / "q.jsonl", "question", [(str(i), UNRELATED) for i in range(4)])
    code, out, err = run("ask", "--file", str(qfile), "--json", "-j", "8")
    assert code == 0, err
    assert [r["id"] for r in jsonl(out)] == ["0", "1", "2", "3"]
    assert threads == [threading.main_thread().name] * 4  # inline: no pool at all
    assert "one item at a time" in err
    assert common.settings().resolved_backend() == "local"
