"""Domain exceptions. Each carries the context a user needs (file, field, backend)."""

from __future__ import annotations

from vectorstore.errors import VectorStoreError


class SourceboundError(Exception):
    """Base class: the CLI prints `str(err)` as one line and exits non-zero."""

    exit_code = 1


class ConfigError(SourceboundError):
    """Settings are invalid or a backend is misconfigured."""

    exit_code = 2


class InputError(SourceboundError):
    """A user-supplied file or value is unusable. `where` names the file/line/field."""

    exit_code = 2

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


class IngestError(InputError):
    """One document could not be ingested; others go on."""


class StoreError(SourceboundError):
    """The vector store or document registry failed or is locked."""


class ModelError(SourceboundError):
    """An LLM backend failed after retries, or returned unusable output."""

    def __init__(self, backend: str, problem: str) -> None:
        super().__init__(f"{backend}: {problem}")
        self.backend = backend
        self.problem = problem


class ModelAssetError(SourceboundError):
    """The embedded model file is missing, incomplete or fails its checksum."""


# What the CLI and batch loops catch as "a domain error": ours and the vector-store layer's.
DOMAIN_ERRORS: tuple[type[Exception], ...] = (SourceboundError, VectorStoreError)
