"""End to end: the real local model on the real seeds, a handful of claims of every label.

Asserted: the invariants that hold whichever verdict the model gives on a machine (valid
labels, verbatim quotes, quoted evidence for every stance; tests/invariants.py). How often the
verdicts are right is the eval suite's figure, gated in tests/test_eval_ci_slice.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from invariants import verdict_problems

from agent.app import App
from agent.settings import load_settings
from agent.verification.compare import build_matrix
from agent.verification.verify import Verifier

pytestmark = pytest.mark.e2e

CLAIMS = [
    "Mexico extradited 50 suspected cartel members to the US.",
    "Trump imposed 25% tariffs on Mexican imports and Sheinbaum rejected his offer of troops.",
    "Trump said Sheinbaum is afraid of the cartels.",
    "Sheinbaum is afraid of the cartels.",
    "Trump made his remarks about Sheinbaum at a rally in Pennsylvania.",
]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, model_cache_dir: Path) -> App:
    data = tmp_path_factory.mktemp("e2e-verify")
    app = App(load_settings(data_dir=data, models_dir_override=model_cache_dir))
    app.ingest([Path(__file__).resolve().parent.parent / "seeds"])
    return app


def test_verdicts_keep_their_invariants(seeded: App) -> None:
    v = Verifier(seeded.corpus, seeded.retriever, seeded.embedder, seeded.llm)
    for claim in CLAIMS:
        verdict = v.verify(claim)
        assert verdict_problems(seeded.corpus, verdict) == [], (claim, verdict.verdict)
        assert verdict.backend == "local" and verdict.error is None


def test_matrix_shows_where_the_remarks_were_made(seeded: App) -> None:
    m = build_matrix(seeded.corpus, seeded.embedder)
    venue = [r for r in m.rows if r.kind == "venue" and r.contradiction]
    quotes = " ".join(c.quote or "" for r in venue for c in r.cells.values())
    assert "Pennsylvania" in quotes and "Air Force One" in quotes
