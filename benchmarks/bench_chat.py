"""How long a `chat` user waits after Enter: to the evidence on screen, then to the answer.

One process, one `ChatSession` over an ingested data dir, as `sourcebound chat` runs it. Each
turn reports the seconds from the question to the evidence callback (what chat prints first)
and to the checked answer. The first turn pays the model load; follow-ups ("And ...?",
short questions) first go through the condense call, which rewrites them into a standalone
question before retrieval, so their evidence comes later. As in `sourcebound chat`, after each
answer the session starts evaluating the condense prompt in the background
(`ChatSession.start_prefill`); `--think` is how long the simulated user then reads and types
before the next question (0: the next turn waits for the prefill, and the wait is counted).

    python benchmarks/bench_chat.py --data-dir /tmp/sb-data --questions 8 --think 3

One JSON line per turn on stdout, then the medians and the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

from agent.app import App
from agent.generation.chat import ChatSession
from agent.settings import load_settings

QA = Path(__file__).resolve().parent.parent / "evals" / "data" / "qa.jsonl"
# Follow-ups asked after the first questions, as a user would go on.
FOLLOW_UPS = [
    "And where did he say it?",
    "What did she say about sovereignty?",
    "Why?",
    "When was that?",
    "Did he say anything else about her?",
    "How many troops?",
]


def turn(session: ChatSession, question: str) -> dict[str, object]:
    """One chat turn: seconds to the evidence (None when the answer abstained before
    retrieval found any) and to the answer."""
    t0 = time.perf_counter()
    seen: list[float] = []
    standalone, ans = session.ask(
        question, on_evidence=lambda _ev: seen.append(time.perf_counter() - t0)
    )
    return {
        "question": question,
        "standalone": standalone,
        "evidence_s": round(seen[0], 3) if seen else None,
        "answer_s": round(time.perf_counter() - t0, 3),
        "abstained": ans.abstained,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data-dir", type=Path, help="ingested data dir (SOURCEBOUND_DATA_DIR)")
    ap.add_argument("--questions", type=int, default=8, help="standalone questions first")
    ap.add_argument("--think", type=float, default=3.0,
                    help="seconds between an answer and the next question (reading, typing)")
    ap.add_argument("--no-prefill", action="store_true", help="measure without the prefill")
    args = ap.parse_args()
    settings = load_settings(**({"data_dir": args.data_dir} if args.data_dir else {}))
    session = ChatSession(App(settings).answerer())
    questions = [json.loads(line)["question"] for line in QA.read_text().splitlines()]
    rows = []
    for kind, q in [("standalone", q) for q in questions[: args.questions]] + [
        ("follow-up", q) for q in FOLLOW_UPS
    ]:
        row = {"kind": kind, **turn(session, q)}
        rows.append(row)
        print(json.dumps(row), flush=True)
        if not args.no_prefill:
            session.start_prefill()
        time.sleep(args.think)
    later = [r for r in rows[1:] if r["kind"] == "standalone"]
    follow = [r for r in rows if r["kind"] == "follow-up"]

    def med(rs: list[dict[str, object]], key: str) -> float | None:
        xs = [float(str(r[key])) for r in rs if r[key] is not None]
        return round(statistics.median(xs), 3) if xs else None

    print(f"think time {args.think} s, prefill {'off' if args.no_prefill else 'on'}")
    print(f"load average (1/5/15 min): {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"first turn (model load included): evidence {rows[0]['evidence_s']} s, "
          f"answer {rows[0]['answer_s']} s")
    print(f"later standalone turns ({len(later)}): evidence p50 {med(later, 'evidence_s')} s, "
          f"answer p50 {med(later, 'answer_s')} s")
    print(f"follow-ups ({len(follow)}): evidence p50 {med(follow, 'evidence_s')} s, "
          f"answer p50 {med(follow, 'answer_s')} s")


if __name__ == "__main__":
    main()
