"""Backend failures as one-line, key-free ModelErrors that name the backend and where it is."""

from __future__ import annotations

import json
import re

from pydantic import ValidationError

from agent.errors import ModelError

_KEYLIKE = re.compile(r"\bsk-[A-Za-z0-9_*\-]{6,}")
MAX_ERR = 300
"""The most characters of a cause's text an error message quotes."""


class StreamBrokenError(ModelError):
    """A streamed reply started and then stopped half-way (connection cut mid-body)."""


def status_code(e: BaseException) -> int | None:
    """The HTTP status of an API error (openai.APIStatusError and kin), else None."""
    code = getattr(e, "status_code", None)
    return code if isinstance(code, int) else None


def rejects_json_schema(e: BaseException) -> bool:
    """A server that does not support response_format json_schema (400/422/500 naming it)."""
    code = status_code(e)
    text = str(e).lower()
    return code in (400, 422, 500, 501) and ("response_format" in text or "json_schema" in text)


def short_error(e: BaseException) -> str:
    """One line for a parse failure: a ValidationError's first 5 errors as `field.path: msg`
    joined by "; ", else the first line of the message (at most MAX_ERR characters)."""
    if isinstance(e, ValidationError):
        parts = [
            f"{'.'.join(str(p) for p in err['loc']) or 'root'}: {err['msg']}"
            for err in e.errors()[:5]
        ]
        return "; ".join(parts)
    return str(e).splitlines()[0][:MAX_ERR] if str(e) else type(e).__name__


class BackendErrors:
    """Builds the ModelErrors of one backend: prefixed with its name, naming the model and
    server URL, first line only, with the API key (and anything key-like) masked.

    `secret` is the API key to mask (None: only `sk-...`-like strings are masked)."""

    def __init__(
        self, backend: str, model_name: str, base_url: str | None, secret: str | None
    ) -> None:
        self.backend = backend
        self.model_name = model_name
        self.base_url = base_url
        self._secret = secret

    def redact(self, text: str) -> str:
        """The first line of `text`, key masked as `***`, at most MAX_ERR characters."""
        if self._secret:
            text = text.replace(self._secret, "***")
        text = _KEYLIKE.sub("sk-***", text)
        first = text.strip().splitlines()[0] if text.strip() else ""
        return first[:MAX_ERR]

    def where(self) -> str:
        """`model at URL` for API backends, the model name for the local one."""
        return f"{self.model_name} at {self.base_url}" if self.base_url else self.model_name

    def model_error(self, e: BaseException) -> ModelError:
        """One-line, key-free ModelError for any backend failure.

        Callers raise it `from None`: the client's exception may quote the key (a proxy that
        echoes request headers in its error body) and a chained cause would print it in any
        traceback. The message keeps the cause's type and its redacted first line."""
        import openai

        where = self.where()
        if isinstance(e, openai.APITimeoutError):
            problem = f"request to {where} timed out (after retries); raise request_timeout_s?"
        elif isinstance(e, openai.APIConnectionError):
            problem = f"cannot connect to {where} (after retries): {self.redact(str(e))}"
        elif isinstance(e, json.JSONDecodeError):  # a 200 whose body is not JSON (proxy page)
            problem = f"{where} sent a malformed response (not valid JSON): {self.redact(str(e))}"
        elif isinstance(e, openai.AuthenticationError):
            problem = f"authentication failed for {where}: check the API key"
        elif status_code(e) is not None:
            problem = f"{where} answered HTTP {status_code(e)}: {self.redact(str(e))}"
        else:
            problem = f"{where} failed: {type(e).__name__}: {self.redact(str(e))}"
        return ModelError(self.backend, problem)

    def stream_broken(self, pieces: int, e: BaseException) -> StreamBrokenError:
        """The error for a stream that broke off after `pieces` text pieces (raise it
        `from None`, as for model_error)."""
        return StreamBrokenError(
            self.backend,
            f"the reply stream from {self.where()} broke off after {pieces} pieces: "
            f"{self.redact(str(e)) or type(e).__name__}",
        )
