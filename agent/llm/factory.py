"""Builds the configured LLM backend from settings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from langchain_core.language_models import BaseChatModel

from agent.llm.facade import LLM
from agent.settings import Settings


def make_llm(
    settings: Settings,
    chat: BaseChatModel | None = None,
    *,
    models_dir: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> LLM:
    """Build the configured backend. Pass `chat` to inject a (fake) model in tests.

    ConfigError for a misconfigured API backend; ModelAssetError when the local model file
    cannot be found or assembled (`progress(done, total)` reports assembly bytes).
    """
    backend = settings.resolved_backend()
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    if backend == "local":
        name = settings.model_path.stem if settings.model_path else settings.local_model
        if chat is None:
            from agent.llm.assets import ensure_local_model
            from agent.llm.local import LlamaCppChat

            path = ensure_local_model(settings, progress=progress, models_dir=models_dir)
            chat = LlamaCppChat(
                model_path=str(path),
                n_ctx=settings.n_ctx,
                n_threads=settings.n_threads,
                temperature=settings.temperature,
                max_tokens=settings.max_tokens,
                state_dir=(
                    str(settings.cache_dir / "llm-state") if settings.prompt_state_cache else None
                ),
                adaptive_threads=settings.adaptive_threads,
                lookup_tokens=settings.prompt_lookup_tokens,
            )
        return LLM("local", name, chat)
    from agent.llm.remote import OPENAI_DEFAULT_BASE_URL, make_compatible_chat, make_openai_chat

    if backend == "openai":
        if chat is None:
            chat = make_openai_chat(settings)
        return LLM(
            "openai",
            settings.model,
            chat,
            structured_mode="json_schema",
            base_url=OPENAI_DEFAULT_BASE_URL,
            secret=key,
        )
    if chat is None:
        chat = make_compatible_chat(settings)
    return LLM(
        "openai-compatible",
        settings.model,
        chat,
        structured_mode=settings.structured_mode,
        base_url=settings.openai_base_url,
        secret=key,
    )
