"""Batch items over a small thread pool, results in input order.

Batch commands (`ask --file`, `verify --file`, `summarize --all`) spend most of an item's
time waiting on a model server, so with an API backend a few items in flight at once
multiply throughput. The embedded llama.cpp model is one in-process model behind a lock:
a second thread would only queue for it, so the local backend gets one worker.

What the items share must be safe to call from several threads: the LLM client (the openai
client's connection pool), the ONNX session (onnxruntime's `run` is thread-safe), Chroma,
the BM25 index and the corpus (read-only during a batch). Per-stage token counts are per
thread (`agent.llm.usage.Usage`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from agent.settings import Settings

T = TypeVar("T")
R = TypeVar("R")


def batch_workers(settings: Settings, requested: int | None = None) -> int:
    """Items in flight: 1 on the local backend, else `requested` (a flag) or the
    `max_concurrency` setting."""
    if settings.resolved_backend() == "local":
        return 1
    return requested or settings.max_concurrency


def map_ordered(fn: Callable[[T], R], items: Iterable[T], workers: int = 1) -> Iterator[R]:
    """`fn` over `items` on up to `workers` threads, yielding results in input order, each as
    soon as it and every earlier one are done (output streams, it is not held to the end).

    `workers` <= 1 runs in the calling thread, one item at a time. An exception from `fn` is
    raised at its item's turn, after the earlier results; items not yet started are then
    cancelled. Callers that must not stop on one bad item turn its error into a result
    inside `fn`."""
    todo = list(items)
    if workers <= 1 or len(todo) <= 1:
        for item in todo:
            yield fn(item)
        return
    # Executor.map submits every item, yields in order and cancels the unstarted ones when
    # the consumer stops early (an exception, an interrupt, a closed generator).
    with ThreadPoolExecutor(min(workers, len(todo)), thread_name_prefix="batch") as pool:
        yield from pool.map(fn, todo)
