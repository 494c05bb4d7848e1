"""sourcebound's Python API: cited answers, summaries and claim checks over news articles.

    import sourcebound

    sb = sourcebound.open("./sb-data")             # a data directory; settings as keywords
    report = sb.ingest(["articles/"])              # IngestReport
    answer = sb.ask("Where did the mayor speak?")  # Answer, every sentence cited
    verdict = sb.verify("The strike ended on Tuesday.")   # Verdict
    story = sb.summarize()                         # Summary of the story across outlets
    docs = sb.retriever(k=4).invoke("strike")      # LangChain Documents, one sentence each

`Sourcebound` (what `open` returns) wraps an `agent.app.App`; `Sourcebound(App(...))` injects
parts. The records returned are pydantic models (`.model_dump_json()` gives the CLI's
`--json` output). Domain errors are `SourceboundError` subclasses and `VectorStoreError`,
together `DOMAIN_ERRORS`.

Names are imported on first use: `import sourcebound` alone loads none of the stages.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from agent.app import App
    from agent.errors import (
        DOMAIN_ERRORS,
        ConfigError,
        InputError,
        ModelAssetError,
        ModelError,
        SourceboundError,
        StoreError,
    )
    from agent.generation.summarize import Summary, SummarySentence
    from agent.ingest.pipeline import FileError, IngestReport
    from agent.retrieval.langchain_retriever import SourceboundRetriever, citation_of
    from agent.settings import Settings
    from agent.types import Answer, AnswerSentence, Article, Citation, Sentence
    from agent.verification.verdicts import AtomicVerdict, EvidenceItem, Verdict
    from sourcebound.api import Sourcebound, open, retriever
    from vectorstore.errors import VectorStoreError

_LAZY = {
    "Sourcebound": "sourcebound.api",
    "open": "sourcebound.api",
    "retriever": "sourcebound.api",
    "App": "agent.app",
    "Settings": "agent.settings",
    "SourceboundRetriever": "agent.retrieval.langchain_retriever",
    "citation_of": "agent.retrieval.langchain_retriever",
    # records
    "IngestReport": "agent.ingest.pipeline",
    "FileError": "agent.ingest.pipeline",
    "Answer": "agent.types",
    "AnswerSentence": "agent.types",
    "Article": "agent.types",
    "Citation": "agent.types",
    "Sentence": "agent.types",
    "Verdict": "agent.verification.verdicts",
    "AtomicVerdict": "agent.verification.verdicts",
    "EvidenceItem": "agent.verification.verdicts",
    "Summary": "agent.generation.summarize",
    "SummarySentence": "agent.generation.summarize",
    # errors
    "DOMAIN_ERRORS": "agent.errors",
    "SourceboundError": "agent.errors",
    "ConfigError": "agent.errors",
    "InputError": "agent.errors",
    "StoreError": "agent.errors",
    "ModelError": "agent.errors",
    "ModelAssetError": "agent.errors",
    "VectorStoreError": "vectorstore.errors",
}

__all__ = [
    "DOMAIN_ERRORS",
    "Answer",
    "AnswerSentence",
    "App",
    "Article",
    "AtomicVerdict",
    "Citation",
    "ConfigError",
    "EvidenceItem",
    "FileError",
    "IngestReport",
    "InputError",
    "ModelAssetError",
    "ModelError",
    "Sentence",
    "Settings",
    "Sourcebound",
    "SourceboundError",
    "SourceboundRetriever",
    "StoreError",
    "Summary",
    "SummarySentence",
    "VectorStoreError",
    "Verdict",
    "__version__",
    "citation_of",
    "open",
    "retriever",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'sourcebound' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)
