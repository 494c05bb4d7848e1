"""Shared fixtures. Fakes are deterministic; nothing here touches the network."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test gets its own data dir and no API credentials from the outer environment."""
    monkeypatch.setenv("SOURCEBOUND_DATA_DIR", str(tmp_path / "data"))
    for var in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "SOURCEBOUND_CHROMA_URL",
        "SOURCEBOUND_BACKEND",
    ):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("SOURCEBOUND_CONFIG", str(tmp_path / "no-config.toml"))
    yield


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def model_cache_dir() -> Path:
    """Where e2e tests keep the assembled GGUF across tests (and across runs in CI's clone)."""
    d = Path(os.environ.get("SOURCEBOUND_TEST_MODEL_DIR", ROOT / ".sourcebound" / "models"))
    d.mkdir(parents=True, exist_ok=True)
    return d
