"""Prompt and decode rates of the local model at 1 and 2 threads, alternated, at the
machine's load now (the evidence for `threads_for_load`, agent/llm/local.py).

    python benchmarks/bench_threads.py --rounds 2

Prints one line per (round, thread count) with the 1-minute load average.
"""

from __future__ import annotations

import argparse
import os
import time

import llama_cpp

from agent.llm.local import _load
from agent.settings import load_settings


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--prompt-tokens", type=int, default=96)
    ap.add_argument("--decode-tokens", type=int, default=12)
    args = ap.parse_args()
    from agent.llm.assets import ensure_local_model

    path = str(ensure_local_model(load_settings(backend="local")))
    llm = _load(path, 1024, 2).llama
    text = b"The mayor said the bridge will reopen on 4 June after repairs, officials said. " * 8
    toks = llm.tokenize(text)[: args.prompt_tokens]
    for rnd in range(args.rounds):
        for nt in (1, 2):
            llama_cpp.llama_set_n_threads(llm._ctx.ctx, nt, nt)
            llm.reset()
            llm._ctx.kv_cache_seq_rm(-1, 0, -1)
            t = time.perf_counter()
            llm.eval(toks)
            pp = time.perf_counter() - t
            t = time.perf_counter()
            for i in range(args.decode_tokens):
                llm.eval([toks[i]])
            dec = time.perf_counter() - t
            print(
                f"round {rnd} threads={nt} prompt {len(toks) / pp:.1f} tok/s "
                f"decode {args.decode_tokens / dec:.1f} tok/s load {os.getloadavg()[0]:.1f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
