"""OpenAI and OpenAI-compatible chat backends (langchain-openai's ChatOpenAI).

Retries are left to the openai client: it retries timeouts, connection errors, 408/409/429
and 5xx with exponential backoff (0.5 s doubling, capped at 8 s, jittered) and honours
`Retry-After` / `retry-after-ms` up to 120 s. We only configure `max_retries` and `timeout`;
retrying again on top would multiply the waits.
"""

from __future__ import annotations

from langchain_core.language_models import BaseChatModel
from langchain_openai import ChatOpenAI
from pydantic import SecretStr

from agent.errors import ConfigError
from agent.settings import Settings

OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1"


def make_openai_chat(settings: Settings) -> BaseChatModel:
    if settings.openai_api_key is None or not settings.openai_api_key.get_secret_value():
        raise ConfigError(
            "backend openai needs an API key: set OPENAI_API_KEY (or SOURCEBOUND_OPENAI_API_KEY)"
        )
    return ChatOpenAI(
        model=settings.model,
        api_key=settings.openai_api_key,
        # An OPENAI_BASE_URL in the environment must not silently redirect the openai backend.
        base_url=OPENAI_DEFAULT_BASE_URL,
        timeout=settings.request_timeout_s,
        max_retries=settings.max_retries,
        temperature=settings.temperature,
        max_completion_tokens=settings.max_tokens,
        use_responses_api=False,
        stream_usage=True,
    )


def make_compatible_chat(settings: Settings) -> BaseChatModel:
    if not settings.openai_base_url:
        raise ConfigError(
            "backend openai-compatible needs a server URL: set OPENAI_BASE_URL "
            "(or SOURCEBOUND_OPENAI_BASE_URL), e.g. http://127.0.0.1:8000/v1"
        )
    key = settings.openai_api_key or SecretStr("not-needed")
    return ChatOpenAI(
        model=settings.model,
        api_key=key,
        base_url=settings.openai_base_url,
        timeout=settings.request_timeout_s,
        max_retries=settings.max_retries,
        temperature=settings.temperature,
        # ChatOpenAI always sends max_completion_tokens, which llama.cpp-style servers may
        # ignore (unbounded output); the legacy field travels in the request body.
        extra_body={"max_tokens": settings.max_tokens},
        use_responses_api=False,
        stream_usage=True,
    )
