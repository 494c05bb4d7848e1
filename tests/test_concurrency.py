"""Two `sourcebound ingest` processes on the same embedded store at once (real Chroma, real
MiniLM): the writer lock makes one wait for the other (or fail with one clear line), and the
store ends consistent with no document embedded twice."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from reliability import record
from scenarios import chroma_state, make_generated_corpus

ROOT = Path(__file__).resolve().parent.parent
CLI = "from agent.cli import main; main()"


@pytest.mark.integration
@pytest.mark.timeout(240)
def test_two_concurrent_ingests_one_waits_and_nothing_is_doubled(
    tmp_path: Path, seeds_dir: Path
) -> None:
    corpus = make_generated_corpus(tmp_path / "gen", seeds_dir, n=20)
    data = tmp_path / "data"
    env = {**os.environ, "SOURCEBOUND_DATA_DIR": str(data)}
    t0 = time.monotonic()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CLI, "ingest", str(corpus), "--json"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=200)
        results.append((p.returncode, out, err))
    elapsed = time.monotonic() - t0
    for code, _out, err in results:
        assert "Traceback" not in err
        if code != 0:  # the loser may give up after the lock wait: one clear line
            assert "another ingest is running" in err and len(err.strip().splitlines()) == 1
    reports = [json.loads(out) for code, out, _ in results if code == 0]
    assert reports, results
    # Each document was embedded by exactly one of the two processes.
    assert sum(r["ingested"] for r in reports) == 20
    chunks, sentences, registry = chroma_state(data)
    assert chunks == registry and len(chunks) == len(set(chunks)) > 0 and sentences
    outcome = ", ".join(
        f"exit {code}" + (f" ({json.loads(out)['ingested']} ingested)" if code == 0 else "")
        for code, out, _ in results
    )
    record(
        "concurrency",
        "two ingest processes, same embedded store, 20 files",
        f"{outcome}; {elapsed:.1f} s; Chroma ids == registry ids, none doubled",
    )
