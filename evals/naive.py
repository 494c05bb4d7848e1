"""The naive baseline: plain LangChain RAG built the way the tutorials build it.

RecursiveCharacterTextSplitter(1000, 200) over the raw seed files, a Chroma collection of its
own, top-4 similarity retrieval, "answer based only on the following context", the same chat
model, StrOutputParser. Its sources are the four retrieved chunks: every answer sentence cites
all four (that is all the pipeline knows about provenance).

Abstention rule (documented because the naive chain has no abstention channel): the answer
counts as an abstention when it matches `ABSTAIN_PATTERN` — "don't know", "not mentioned",
"does not say/mention/specify/…", "no information", "cannot determine/answer", "not
provided/stated in the context", "unable to".
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agent.errors import ConfigError
from agent.types import Answer, AnswerSentence, Citation

if TYPE_CHECKING:
    from agent.ingest.corpus import Corpus
    from agent.llm.facade import LLM

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200
TOP_K = 4
COLLECTION = "naive-rag"
PROMPT = (
    "Answer the question based only on the following context:\n{context}\n\n"
    "Question: {question}"
)
# LangChain's "stuff" summarize prompt (langchain.chains.summarize.stuff_prompt), verbatim.
SUMMARY_PROMPT = 'Write a concise summary of the following:\n\n\n"{text}"\n\n\nCONCISE SUMMARY:'
SUMMARY_WORDS = 180  # sourcebound's story summary budget (agent.generation.extractive)
# What fits the local default's 4,096-token window beside the prompt and a 180-word reply
# (~4 characters a token).
SUMMARY_CONTEXT_CHARS = 12_000
ABSTAIN_PATTERN = re.compile(
    r"\b(?:don't know|do not know|not mentioned|does not (?:say|mention|provide|specify|state|"
    r"contain|include|indicate)|no information|cannot (?:be )?(?:determine|determined|answer)|"
    r"can't (?:determine|answer)|not (?:provided|specified|stated|given) in|unable to)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'“])")
_VERDICT_WORDS = (
    ("conflicting", "conflicting"),
    ("not enough", "not_enough_info"),
    ("not supported", "not_enough_info"),
    ("not_enough_info", "not_enough_info"),
    ("refuted", "refuted"),
    ("false", "refuted"),
    ("supported", "supported"),
    ("true", "supported"),
)


# The baseline's own dependencies, not the pipeline's: the `eval` extra in pyproject.toml.
EVAL_EXTRA = {"langchain_chroma": "langchain-chroma",
              "langchain_text_splitters": "langchain-text-splitters"}


def missing_eval_extra(e: ImportError) -> ConfigError:
    """The one-line error for a naive-baseline dependency that is not installed: names the
    package and the `eval` extra that brings it (raise it `from None`)."""
    module = (e.name or "").split(".")[0]
    package = EVAL_EXTRA.get(module, module or "a dependency")
    return ConfigError(
        f"the naive baseline needs the optional 'eval' extra ({package} is not installed): "
        'pip install -e ".[eval]"'
    )


def is_abstention(text: str) -> bool:
    return not text.strip() or ABSTAIN_PATTERN.search(text) is not None


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text.strip()) if s.strip()]


def parse_verdict(text: str) -> str:
    """First verdict word in a free-text reply; not_enough_info when none is found."""
    low = text.lower()
    found = [(low.find(w), label) for w, label in _VERDICT_WORDS if w in low]
    return min(found)[1] if found else "not_enough_info"


def article_at(corpus: Corpus, doc_id: str, offset: int) -> str:
    """The article of `doc_id` whose span contains `offset` (else the document id)."""
    for art in corpus.articles():
        if art.doc_id == doc_id and art.start <= offset < art.end:
            return art.id
    return doc_id


class NaiveRAG:
    """Question -> top-4 chunks -> one free-text answer. `ask` returns an agent Answer.

    Raises ConfigError when the `eval` extra is not installed (langchain-text-splitters;
    langchain-chroma too unless a `vectorstore` is given)."""

    name = "naive"

    def __init__(
        self,
        llm: LLM,
        corpus: Corpus,
        seed_files: Sequence[Path],
        *,
        client: Any = None,
        embeddings: Any = None,
        vectorstore: Any = None,
    ) -> None:
        from langchain_core.output_parsers import StrOutputParser
        from langchain_core.prompts import ChatPromptTemplate

        self.llm = llm
        self.corpus = corpus
        self.seed_files = list(seed_files)
        self._texts: dict[str, str] = {}
        if vectorstore is None:
            try:
                from langchain_chroma import Chroma
            except ImportError as e:
                raise missing_eval_extra(e) from None

            if embeddings is None:
                from vectorstore.embeddings import MiniLMEmbeddings

                embeddings = MiniLMEmbeddings()
            vectorstore = Chroma(
                collection_name=COLLECTION, embedding_function=embeddings, client=client
            )
        self.vectorstore = vectorstore
        self._index()
        self.retriever = vectorstore.as_retriever(
            search_type="similarity", search_kwargs={"k": TOP_K}
        )
        self.prompt = ChatPromptTemplate.from_template(PROMPT)
        self.summary_prompt = ChatPromptTemplate.from_template(SUMMARY_PROMPT)
        self.parser = StrOutputParser()

    def _index(self) -> None:
        from langchain_core.documents import Document

        try:
            from langchain_text_splitters import RecursiveCharacterTextSplitter
        except ImportError as e:
            raise missing_eval_extra(e) from None

        splitter = RecursiveCharacterTextSplitter(
            chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP, add_start_index=True
        )
        docs: list[Document] = []
        for path in self.seed_files:
            text = path.read_text(encoding="utf-8", errors="replace")
            self._texts[path.stem] = text
            docs += splitter.create_documents([text], metadatas=[{"source": path.stem}])
        # Ids derived from file and offset make re-indexing idempotent across runs.
        ids = [f"{d.metadata['source']}:{d.metadata['start_index']}" for d in docs]
        if docs:
            self.vectorstore.add_documents(docs, ids=ids)

    def text_of(self, source: str) -> str:
        """Raw text of the file a (mapped) source id comes from: what chunk offsets index."""
        return self._texts[source.split("#", 1)[0]]

    def _citations(self, question: str) -> list[Citation]:
        cites: list[Citation] = []
        for d in self.retriever.invoke(question):
            doc_id = str(d.metadata.get("source", ""))
            start = int(d.metadata.get("start_index", 0))
            try:
                source = article_at(self.corpus, doc_id, start)
            except Exception:  # a corpus without this file still gets a doc-level id
                source = doc_id
            cites.append(
                Citation(source=source, quote=d.page_content, start=start,
                         end=start + len(d.page_content))
            )
        return cites

    def retrieve(self, question: str, k: int) -> list[str]:
        return [c.source for c in self._citations(question)][:k]

    def _generate(self, question: str, context: str) -> tuple[str, int, int]:
        # The tutorial chain `prompt | chat | StrOutputParser()`, split before the parser only
        # to read the reply's token usage.
        msg = (self.prompt | self.llm.chat).invoke({"context": context, "question": question})
        usage = getattr(msg, "usage_metadata", None) or {}
        n_in, n_out = int(usage.get("input_tokens", 0)), int(usage.get("output_tokens", 0))
        self.llm.usage.add(n_in, n_out)
        return self.parser.invoke(msg), n_in, n_out

    def ask(self, question: str) -> Answer:
        t0 = time.perf_counter()
        cites = self._citations(question)
        text, n_in, n_out = self._generate(question, "\n\n".join(c.quote for c in cites))
        abstained = is_abstention(text)
        sentences = [] if abstained else [
            AnswerSentence(text=s, citations=cites) for s in split_sentences(text)
        ]
        return Answer(
            question=question, answer=text.strip(), abstained=abstained, sentences=sentences,
            citations=[] if abstained else cites, backend=self.llm.backend,
            model=self.llm.model_name, latency_s=round(time.perf_counter() - t0, 3),
            tokens_in=n_in, tokens_out=n_out,
        )

    def summarize(self, word_budget: int = SUMMARY_WORDS) -> tuple[list[str], float, int, int]:
        """(sentences, latency, tokens in, tokens out): the tutorial "stuff" summary, every
        article in one prompt (LangChain's stuff-summarize prompt, `SUMMARY_PROMPT`), cut to
        `word_budget` words at a sentence end so it is scored at the same length as
        sourcebound's. Articles that would overflow the model's window share it equally
        (each cut to `SUMMARY_CONTEXT_CHARS / n` characters): the tutorial chain would
        fail instead."""
        t0 = time.perf_counter()
        texts = [self._texts[p.stem] for p in self.seed_files]
        share = SUMMARY_CONTEXT_CHARS // max(1, len(texts))
        context = "\n\n".join(t[:share] for t in texts)
        msg = (self.summary_prompt | self.llm.chat).invoke({"text": context})
        usage = getattr(msg, "usage_metadata", None) or {}
        n_in, n_out = int(usage.get("input_tokens", 0)), int(usage.get("output_tokens", 0))
        self.llm.usage.add(n_in, n_out)
        kept: list[str] = []
        for sent in split_sentences(self.parser.invoke(msg)):
            if sum(len(k.split()) for k in kept) + len(sent.split()) > word_budget:
                break
            kept.append(sent)
        return kept, round(time.perf_counter() - t0, 3), n_in, n_out

    def verify(self, claim: str) -> tuple[str, float, int, int]:
        """(verdict, latency, tokens in, tokens out): the same chain asked for a verdict."""
        t0 = time.perf_counter()
        cites = self._citations(claim)
        question = (
            f"Is this claim supported, refuted, conflicting (sources disagree) or not enough "
            f"info? Claim: {claim}"
        )
        text, n_in, n_out = self._generate(question, "\n\n".join(c.quote for c in cites))
        return parse_verdict(text), round(time.perf_counter() - t0, 3), n_in, n_out
