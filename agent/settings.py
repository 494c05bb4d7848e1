"""One settings object: flags (init kwargs) > env vars > TOML file > defaults.

Env vars use the `SOURCEBOUND_` prefix; the OpenAI key and base URL are also read from
`OPENAI_API_KEY` / `OPENAI_BASE_URL`, as the OpenAI client does. The TOML file is
`$SOURCEBOUND_CONFIG`, else `./sourcebound.toml` when it exists.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from agent.errors import ConfigError

Backend = Literal["auto", "local", "openai", "openai-compatible"]
LocalModelName = Literal["qwen2.5-coder-1.5b", "smollm2-135m"]


def _config_path() -> Path:
    return Path(os.environ.get("SOURCEBOUND_CONFIG", "sourcebound.toml"))


# What `ingest URL` sends as User-Agent: names the tool, so site owners can address it in
# robots.txt ("User-agent: sourcebound").
DEFAULT_USER_AGENT = "sourcebound/0.1 (news reader; +https://pypi.org/project/sourcebound/)"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="SOURCEBOUND_",
        extra="forbid",
        populate_by_name=True,
        validate_default=True,
    )

    # Where the store, caches, assembled model and logs live.
    data_dir: Path = Path(".sourcebound")

    # --- LLM backend ---------------------------------------------------------------------
    backend: Backend = "auto"
    openai_api_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices(
            "SOURCEBOUND_OPENAI_API_KEY", "OPENAI_API_KEY", "openai_api_key"
        ),
    )
    openai_base_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices(
            "SOURCEBOUND_OPENAI_BASE_URL", "OPENAI_BASE_URL", "openai_base_url"
        ),
    )
    # Model name for API backends (ignored by the local backend).
    model: str = "gpt-4o-mini"
    # Server kind for openai-compatible backends: llama.cpp's server rejects json_schema.
    structured_mode: Literal["auto", "json_schema", "json_object"] = "auto"
    request_timeout_s: float = 120.0
    max_retries: int = Field(default=3, ge=0, le=10)
    # Items in flight at once in batch commands (ask/verify --file, summarize --all) on API
    # backends; `--concurrency/-j` overrides it. The local model always takes one at a time.
    max_concurrency: int = Field(default=4, ge=1, le=64)
    # The story summary: "extractive" (the floor: cluster sentences verbatim, no model call)
    # or "model" (one model call rewrites them where the rewrites pass the checks). The
    # default is the one that scored higher key-fact recall on the dev stories and seeds.
    story_summary: Literal["extractive", "model"] = "extractive"

    # --- Embedded local model -------------------------------------------------------------
    local_model: LocalModelName = "qwen2.5-coder-1.5b"
    # Any GGUF file: overrides local_model when set.
    model_path: Path | None = None
    # Where the assembled default model is cached; defaults to <data_dir>/models.
    models_dir_override: Path | None = Field(
        default=None,
        validation_alias=AliasChoices(
            "SOURCEBOUND_MODELS_DIR", "models_dir_override", "models_dir"
        ),
    )
    n_ctx: int = Field(default=4096, ge=512)
    n_threads: int = Field(default=2, ge=1)
    temperature: float = Field(default=0.0, ge=0.0, le=2.0)
    max_tokens: int = Field(default=384, ge=16)
    # Keep the model's state after each prompt's fixed prefix under <data_dir>/cache/llm-state
    # so a new process skips it (agent/llm/prefix_state.py).
    prompt_state_cache: bool = True
    # Run the local model on one thread while the machine is oversubscribed (load average
    # above cores + 1): ggml's threads wait for each other when other processes hold the cores.
    adaptive_threads: bool = True
    # Prompt-lookup decoding (agent/llm/lookup.py): the longest guess, in tokens, copied from
    # the prompt and checked by the model in one batch; 0 turns it off. Same greedy output.
    prompt_lookup_tokens: int = Field(default=3, ge=0, le=24)

    # --- Store -----------------------------------------------------------------------------
    # http://host:port of a `chroma run` server; unset means an embedded PersistentClient.
    chroma_url: str | None = None
    collection: str = Field(default="sourcebound", min_length=3, max_length=512)

    # Ingest refuses larger files (checked before reading): no news article is this big.
    # Fetched pages are held to the same cap (checked while downloading).
    max_file_mb: float = Field(default=20.0, gt=0, le=1024)

    # --- Fetching URLs and feeds (`ingest URL`, `--urls FILE`) ------------------------------
    fetch_timeout_s: float = Field(default=15.0, gt=0, le=600)
    fetch_retries: int = Field(default=2, ge=0, le=10)
    fetch_backoff_s: float = Field(default=1.0, ge=0, le=60)
    user_agent: str = Field(default=DEFAULT_USER_AGENT, min_length=1, max_length=300)

    # --- Retrieval and evidence -------------------------------------------------------------
    chunk_max_chars: int = Field(default=480, ge=100)
    top_k: int = Field(default=8, ge=1)
    evidence_sentences: int = Field(default=6, ge=1)
    embed_batch_size: int = Field(default=32, ge=1)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml = TomlConfigSettingsSource(settings_cls, toml_file=_config_path())
        return (init_settings, env_settings, toml)

    # --- Derived paths ----------------------------------------------------------------------
    @property
    def store_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache"

    @property
    def models_dir(self) -> Path:
        return self.models_dir_override or self.data_dir / "models"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def registry_path(self) -> Path:
        return self.data_dir / "registry.sqlite3"

    def resolved_backend(self) -> Literal["local", "openai", "openai-compatible"]:
        """`auto` picks a base URL server, else OpenAI with a key, else the embedded model."""
        if self.backend != "auto":
            return self.backend
        if self.openai_base_url:
            return "openai-compatible"
        if self.openai_api_key is not None:
            return "openai"
        return "local"


def load_settings(**overrides: object) -> Settings:
    """Build settings; flags given as overrides win. Raises ConfigError naming the field."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**clean)  # type: ignore[arg-type]
    except ValidationError as e:
        first = e.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "settings"
        # Never echo the input value: it may be a secret.
        raise ConfigError(f"invalid setting {field}: {first['msg']}") from e
