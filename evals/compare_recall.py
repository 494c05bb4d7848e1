"""How many labelled conflicting details the `compare` matrix shows, per story.

A story's `conflicts.jsonl` (evals/stories/README.md) lists each detail its outlets give
differently, as versions: a value and the article ids that give it. A contradiction row of
the matrix *shows* a conflict when one of its supporting cells and one of its contradicting
cells quote articles of two different versions, each quote holding a content token of its
version's value ("1,200" for "around 1,200 over three years"; qualifiers such as "about" do
not count). A contradiction row that shows no labelled conflict is counted apart: it is a
disagreement the labellers did not list, or a false one.

No model call: each story's store (as `eval --stories` builds it, under
<data dir>/stories/<id>) is ingested if needed and embedded.

    python -m evals.compare_recall [--stories dev|heldout|all|IDs] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from agent.app import App
from agent.settings import load_settings
from agent.verification.compare import MatrixCell, MatrixRow
from evals.harness import ensure_ingested
from evals.stories import Story, load_stories, story_app

# Qualifiers and function words of a version's value, which say nothing of which it is.
_QUALIFIERS = frozenset((
    "a", "about", "almost", "an", "around", "at", "by", "cent", "in", "just", "least", "more",
    "nearly", "of", "on", "over", "per", "roughly", "some", "than", "the", "to", "under"))


def value_tokens(text: str) -> frozenset[str]:
    """Lower-cased words and numbers of `text` (thousands commas dropped), qualifiers out."""
    words = re.findall(r"[a-z0-9]+(?:\.[0-9]+)?", text.lower().replace(",", ""))
    return frozenset(w for w in words if w not in _QUALIFIERS)


def _gives(cell: MatrixCell, version: dict[str, Any]) -> bool:
    return (cell.quote is not None and cell.source in version["sources"]
            and bool(value_tokens(version["value"]) & value_tokens(cell.quote)))


def shows(conflict: dict[str, Any], row: MatrixRow) -> bool:
    """Whether contradiction `row` shows labelled `conflict` (a conflicts.jsonl record):
    a supporting and a contradicting cell give two of its versions (module doc)."""
    versions = conflict["versions"]
    backing = [c for c in row.cells.values() if c.stance == "supports"]
    rivals = [c for c in row.cells.values() if c.stance == "contradicts"]
    return row.contradiction and any(
        any(_gives(c, versions[i]) for c in backing) and any(_gives(c, versions[j]) for c in rivals)
        for i in range(len(versions)) for j in range(len(versions)) if i != j)


def score_story(app: App, story: Story) -> dict[str, int]:
    """{"labelled", "shown", "rows", "unlabelled"} for one story: its labelled conflicts,
    those a contradiction row shows, the contradiction rows, and those showing none."""
    path = story.dir / "conflicts.jsonl"
    conflicts = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
                 if line.strip()] if path.exists() else []
    ensure_ingested(app, story.articles_dir)
    rows = [r for r in app.matrix().rows if r.contradiction]
    return {"labelled": len(conflicts),
            "shown": sum(any(shows(c, r) for r in rows) for c in conflicts),
            "rows": len(rows),
            "unlabelled": sum(not any(shows(c, r) for c in conflicts) for r in rows)}


def main(argv: Sequence[str] | None = None) -> None:
    """Print one line per story and the total (see the module doc for the options)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", default="dev")
    parser.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args(argv)
    settings = load_settings(**({"data_dir": args.data_dir} if args.data_dir else {}))
    total = {"labelled": 0, "shown": 0, "rows": 0, "unlabelled": 0}
    for story in load_stories(args.stories):
        app = story_app(settings, story.id)
        got = score_story(app, story)
        total = {k: total[k] + got[k] for k in total}
        print(f"{story.id}: {got['shown']}/{got['labelled']} labelled conflicts shown; "
              f"{got['rows']} contradiction rows, {got['unlabelled']} showing none")
    share = total["shown"] / total["labelled"] if total["labelled"] else 0.0
    print(f"all: {total['shown']}/{total['labelled']} = {share:.3f} shown; {total['rows']} "
          f"contradiction rows, {total['unlabelled']} showing none")


if __name__ == "__main__":
    main()
