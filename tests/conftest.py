"""Shared fixtures. Fakes are deterministic; nothing here touches the network.

Markers: every test is exactly one of `unit` (the default, given here to every test that is
neither of the others), `integration` (real Chroma and/or the real MiniLM embeddings) and
`e2e` (the real local model), so each set runs alone: `pytest -m unit` and so on.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        levels = [m for m in ("unit", "integration", "e2e") if item.get_closest_marker(m)]
        if len(levels) > 1:
            raise pytest.UsageError(f"{item.nodeid}: marked {' and '.join(levels)}; pick one")
        if not levels:
            item.add_marker(pytest.mark.unit)


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
def run(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., tuple[int, str, str]]:
    """Run the console entry point (agent.cli.main); returns (exit code, stdout, stderr)."""
    import agent.cli

    def _run(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["sourcebound", *args])
        code = 0
        try:
            agent.cli.main()
        except SystemExit as e:
            code = int(e.code or 0)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return _run


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def model_cache_dir() -> Path:
    """Where e2e tests keep the assembled GGUF across tests (and across runs in CI's clone)."""
    d = Path(os.environ.get("SOURCEBOUND_TEST_MODEL_DIR", ROOT / ".sourcebound" / "models"))
    d.mkdir(parents=True, exist_ok=True)
    return d


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the reliability table (tests/reliability.py) when any test recorded a row."""
    import reliability

    if not reliability.ROWS:
        return
    table = reliability.markdown()
    out = ROOT / ".pytest_cache" / "reliability-table.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(table, encoding="utf-8")
    terminalreporter.section("reliability results")
    terminalreporter.write(table)
    terminalreporter.write_line(f"(written to {out})")
