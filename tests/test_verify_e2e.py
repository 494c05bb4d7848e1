"""End to end: the real local model on the real seeds, a handful of clear claims."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.app import App
from agent.compare import build_matrix
from agent.settings import load_settings
from agent.verify import Verifier

pytestmark = pytest.mark.e2e

CLAIMS = [
    ("Mexico extradited 50 suspected cartel members to the US.", "refuted"),
    ("Trump imposed 25% tariffs on Mexican imports.", "supported"),
    ("Trump said Sheinbaum is afraid of the cartels.", "supported"),
    ("Sheinbaum is afraid of the cartels.", "not_enough_info"),
    ("Trump made his remarks about Sheinbaum at a rally in Pennsylvania.", "conflicting"),
]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, model_cache_dir: Path) -> App:
    data = tmp_path_factory.mktemp("e2e-verify")
    app = App(load_settings(data_dir=data, models_dir_override=model_cache_dir))
    app.ingest([Path(__file__).resolve().parent.parent / "seeds"])
    return app


def test_clear_claims_get_the_right_verdict(seeded: App) -> None:
    v = Verifier(seeded.corpus, seeded.retriever, seeded.embedder, seeded.llm)
    got = [(c, v.verify(c).verdict) for c, _ in CLAIMS]
    assert got == [(c, want) for c, want in CLAIMS]


def test_matrix_shows_where_the_remarks_were_made(seeded: App) -> None:
    m = build_matrix(seeded.corpus, seeded.embedder)
    venue = [r for r in m.rows if r.kind == "venue" and r.contradiction]
    quotes = " ".join(c.quote or "" for r in venue for c in r.cells.values())
    assert "Pennsylvania" in quotes and "Air Force One" in quotes
