"""The ingest writer lock (agent.ingest.pipeline.ingest_lock): a second writer waits its
bounded time, then fails clearly; the lock is re-entrant within a thread and free once
released."""

from __future__ import annotations

import subprocess
import sys
import threading
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


def other_writer_takes(data_dir: Path) -> bool:
    """Whether another thread (another flock owner, as another process would be) gets the
    lock without waiting."""
    got: list[bool] = []

    def take() -> None:
        try:
            with ingest_lock(data_dir, wait_s=0):
                got.append(True)
        except StoreError:
            got.append(False)

    t = threading.Thread(target=take)
    t.start()
    t.join(10)
    return got == [True]


def test_lock_is_reentrant_free_after_release(tmp_path: Path) -> None:
    """App.ingest holds the lock while ingest() takes it again: the inner take must not wait
    for the outer one, leaving it must not release the outer one, and once the outer is left
    the lock is free for the next writer, in this thread or another."""
    with ingest_lock(tmp_path, wait_s=0.1):
        assert not other_writer_takes(tmp_path)
        with ingest_lock(tmp_path, wait_s=0.1):  # would raise StoreError if it waited on itself
            assert not other_writer_takes(tmp_path)
        assert not other_writer_takes(tmp_path)  # still held by the outer block
    assert other_writer_takes(tmp_path)
    with ingest_lock(tmp_path, wait_s=0.1):
        assert not other_writer_takes(tmp_path)
    assert other_writer_takes(tmp_path)
