"""The vector-store layer's own exceptions, so `vectorstore/` depends on nothing above it.

The application layer treats them as domain errors (`agent.errors.DOMAIN_ERRORS`): the CLI
prints the message as one line and exits with `exit_code`.
"""

from __future__ import annotations


class VectorStoreError(Exception):
    """The vector store, keyword index or embedding model failed; the message names the path,
    URL or collection."""

    exit_code = 1


class StoreConfigError(VectorStoreError):
    """A store setting (such as a Chroma server URL) is malformed."""

    exit_code = 2


class EmbeddingModelError(VectorStoreError):
    """The embedding model or its tokenizer is missing, incomplete or fails its checksum."""
