"""Labelled stories beyond the seeds (evals/stories/<id>/), scored one store per story.

A story folder holds `story.json` (id, title, domain, split "dev" | "heldout", who wrote it),
`articles/*.txt` and the labelled sets `qa.jsonl`, `claims.jsonl`, `key_facts.jsonl` (schemas
in evals/schema.py; how they were written in evals/stories/README.md; which are held out in
evals/stories/HELDOUT.md).

`run_stories` ingests each story into its own data directory, runs the harness on it, and
writes one results file whose runs are keyed `<pipeline>@<story id>` per story and
`<pipeline>@<split>` for the items of every story of a split pooled together (so the pooled
intervals reflect the pooled n). The regression gate compares such files like any other.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from agent.app import App
from agent.errors import InputError
from agent.settings import Settings
from evals.harness import EvalConfig, Samples, aggregate, run_eval, write_results
from evals.intervals import Sample
from evals.metrics import percentile

STORIES_DIR = Path(__file__).resolve().parent / "stories"
SPLITS = ("dev", "heldout")


@dataclass(frozen=True)
class Story:
    """One labelled story folder."""

    id: str
    split: str
    domain: str
    dir: Path

    @property
    def articles_dir(self) -> Path:
        return self.dir / "articles"

    @property
    def qa_file(self) -> Path:
        return self.dir / "qa.jsonl"

    @property
    def claims_file(self) -> Path:
        return self.dir / "claims.jsonl"

    @property
    def facts_file(self) -> Path:
        return self.dir / "key_facts.jsonl"


def story_app(settings: Settings, story_id: str) -> App:
    """The App of one story's own store, `<data_dir>/stories/<story_id>`.

    The model file stays where `settings` keeps it: without that, every story's store would
    assemble its own 1.1 GB copy of the default model (22 stories filled 24 GB of disk)."""
    return App(settings.model_copy(update={
        "data_dir": settings.data_dir / "stories" / story_id,
        "models_dir_override": settings.models_dir}))


def load_stories(select: str = "all", root: Path = STORIES_DIR) -> list[Story]:
    """Stories chosen by `select`: "all", a split ("dev", "heldout") or comma-separated ids.
    Raises InputError naming the file for a bad story.json, or the id for an unknown story."""
    stories: list[Story] = []
    for meta_file in sorted(root.glob("*/story.json")):
        try:
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
            story = Story(str(meta["id"]), str(meta["split"]), str(meta.get("domain", "")),
                          meta_file.parent)
        except (OSError, ValueError, KeyError) as e:
            raise InputError(str(meta_file), f"not a story file: {e}") from e
        if story.split not in SPLITS:
            raise InputError(str(meta_file), f"field 'split': {story.split!r} is not dev/heldout")
        stories.append(story)
    if select == "all":
        return stories
    if select in SPLITS:
        return [s for s in stories if s.split == select]
    wanted = [w.strip() for w in select.split(",") if w.strip()]
    by_id = {s.id: s for s in stories}
    unknown = [w for w in wanted if w not in by_id]
    if unknown:
        raise InputError("--stories", f"unknown story {unknown[0]!r}; known: {sorted(by_id)}")
    return [by_id[w] for w in wanted]


def pool(samples: Sequence[Samples]) -> Samples:
    """Concatenate the per-unit samples of several runs, metric by metric."""
    out: dict[str, Sample] = {}
    for smp in samples:
        for name, s in smp.items():
            prev = out.get(name)
            out[name] = s if prev is None else Sample(s.kind, prev.values + s.values,
                                                      prev.labels + s.labels)
    return out


def _pooled_run(runs: Sequence[dict[str, Any]], samples: Samples) -> dict[str, Any]:
    metrics = {n: s.estimate() for n, s in samples.items()}
    for suite in ("qa", "claims", "summary"):
        lat = [float(r["latency_s"]) for run in runs for r in run["items"].get(suite, [])
               if r.get("latency_s") is not None]
        if lat:
            metrics[f"{suite}.latency_p50_s"] = percentile(lat, 50)
            metrics[f"{suite}.latency_p90_s"] = percentile(lat, 90)
    return {"metrics": aggregate([metrics], samples), "suites": {}, "items": {}}


def run_stories(
    config: EvalConfig,
    stories: Sequence[Story],
    make_app: Callable[[Story], App],
    progress: Callable[[str], None] = lambda suite: None,
) -> dict[str, Any]:
    """Score every story in its own App (`make_app(story)`, e.g. its own data directory);
    returns (and writes to config.out_dir) the results dict described in the module doc."""
    t0 = time.perf_counter()
    runs: dict[str, Any] = {}
    by_split: dict[tuple[str, str], list[tuple[dict[str, Any], Samples]]] = {}
    metas: dict[str, Any] = {}
    for story in stories:
        cfg = replace(config, out_dir=None, seeds_dir=story.articles_dir,
                      qa_file=story.qa_file, claims_file=story.claims_file,
                      facts_file=story.facts_file)
        got: dict[str, Samples] = {}
        res = run_eval(cfg, make_app(story), progress=progress, samples_out=got)
        metas[story.id] = res["meta"]
        for pipeline, run in res["runs"].items():
            runs[f"{pipeline}@{story.id}"] = run
            by_split.setdefault((pipeline, story.split), []).append((run, got[pipeline]))
    for (pipeline, split), parts in sorted(by_split.items()):
        runs[f"{pipeline}@{split}"] = _pooled_run([r for r, _ in parts],
                                                  pool([s for _, s in parts]))
    first: dict[str, Any] = next(iter(metas.values()), {})
    results = {
        "meta": {
            "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
            "backend": first.get("backend"), "model": first.get("model"),
            "pipelines": list(config.pipelines), "suites": list(config.suites),
            "stories": {s.id: s.split for s in stories},
            "cache": {k: sum(m["cache"][k] for m in metas.values()) for k in ("hits", "misses")},
            "wall_s": round(time.perf_counter() - t0, 2),
        },
        "runs": runs,
    }
    if config.out_dir is not None:
        write_results(results, config.out_dir)
    return results
