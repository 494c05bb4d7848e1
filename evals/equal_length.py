"""Key-fact recall of the extractive floor at another summary's length, for comparisons at
equal length in words (issue 15): for each story summary in a results file (e.g. the naive
baseline's, which writes fewer than 180 words), the floor is rebuilt with that word budget in
the same store and judged like the summary suite judges (evals.suites.fact_in_outlet_terms,
the lexical judge). No model call.

    python -m evals.equal_length RESULTS.json [--data-dir DIR]

prints one line per story: the other summary's words and recall, the floor's at that length.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from agent.app import App
from agent.settings import load_settings
from evals.datasets import load_summary_facts
from evals.fact_judge import fact_present
from evals.stories import load_stories, story_app
from evals.suites import fact_in_outlet_terms


def floor_recall(app: App, facts_file: Path | None, words: int) -> tuple[int, float]:
    """(words, key-fact recall) of the floor built within `words` words in `app`'s store."""
    summarizer = app.summarizer(claim_check=False)
    draft = summarizer.story_draft("extractive", budget=words)
    text = " ".join(x.text for x in draft.lines)
    facts = load_summary_facts(facts_file)
    hits = [fact_present(fact_in_outlet_terms(f, app.corpus.outlet_name), text) for f in facts]
    return len(text.split()), sum(hits) / len(hits)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("results", type=Path)
    ap.add_argument("--data-dir", type=Path, default=None)
    args = ap.parse_args()
    results = json.loads(args.results.read_text(encoding="utf-8"))
    settings = load_settings(**({"data_dir": args.data_dir} if args.data_dir else {}))
    stories = {s.id: s for s in load_stories("all")}
    for name, run in results["runs"].items():
        rows = run.get("items", {}).get("summary")
        if not rows:
            continue
        story_id = name.split("@", 1)[1] if "@" in name else None
        words = int(rows[-1].get("words") or len(rows[-1]["summary"].split()))
        other = sum(r["present"] for r in rows[:-1]) / max(1, len(rows) - 1)
        if story_id is None:
            app, facts = App(settings), None
        else:
            story = stories[story_id]
            app = story_app(settings, story_id)
            facts = story.facts_file
        fw, fr = floor_recall(app, facts, words)
        print(f"{name}: {words} words, recall {other:.3f} | floor at {fw} words: {fr:.3f}")


if __name__ == "__main__":
    main()
