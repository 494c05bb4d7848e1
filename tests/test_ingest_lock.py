"""The ingest writer lock (agent.ingest.pipeline.ingest_lock): a second writer waits its
bounded time, then fails clearly."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import agent.ingest.pipeline as ingest_mod
from agent.errors import StoreError
from agent.ingest.pipeline import ingest_lock

if TYPE_CHECKING:
    from conftest import IngestEnv

ROOT = Path(__file__).resolve().parent.parent


_HOLDER = """
import sys, time
from pathlib import Path
from agent.ingest.pipeline import ingest_lock
with ingest_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(30)
"""


class FakeClock:
    """The `time` ingest_lock reads: monotonic() moves only when it sleeps."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def __getattr__(self, name: str) -> Any:
        return getattr(time, name)


def test_second_ingest_fails_clearly_while_lock_held(
    ingest_env: IngestEnv, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = ingest_env
    monkeypatch.setattr(ingest_mod, "LOCK_WAIT_S", 0.5)
    env.data_dir.mkdir(parents=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(env.data_dir)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        clock = FakeClock()
        with monkeypatch.context() as m:
            m.setattr(ingest_mod, "time", clock)
            with pytest.raises(StoreError, match=r"ingest\.lock"):
                env.run([corpus_dir])
        # It polled, and gave up once LOCK_WAIT_S had passed on its clock, not much later.
        assert clock.sleeps and 0.5 <= clock.now <= 0.5 + max(clock.sleeps)
        assert env.store.count() == 0
    finally:
        holder.kill()
        holder.wait(timeout=10)
    report = env.run([corpus_dir])  # the lock dies with its holder
    assert report.documents == 5


def test_lock_is_reentrant_free_after_release(tmp_path: Path) -> None:
    with ingest_lock(tmp_path, wait_s=0.1):
        pass
    with ingest_lock(tmp_path, wait_s=0.1):
        pass
