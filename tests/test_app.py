"""`App`, the one place that builds the stages."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.app import App
from agent.settings import load_settings
from vectorstore.memory_store import InMemoryStore


def test_app_refuses_one_injected_store_without_the_other(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path)
    with pytest.raises(ValueError, match="together"):
        App(settings, store=InMemoryStore())
    with pytest.raises(ValueError, match="together"):
        App(settings, sentence_store=InMemoryStore())
    app = App(settings, store=InMemoryStore(), sentence_store=InMemoryStore())
    assert isinstance(app.store, InMemoryStore) and isinstance(app.sentence_store, InMemoryStore)
