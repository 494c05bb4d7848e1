"""Domain types that travel between stages, the CLI, batch files and eval reports.

Offsets (`start`, `end`) are always character offsets into the original file's decoded text
(the document), so `document_text[start:end]` is the exact cited text.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class Sentence(BaseModel):
    id: str  # "<article_id>:<n>"
    article_id: str
    doc_id: str
    start: int
    end: int
    text: str
    # Set on sentences that repeat one seen earlier in the corpus (syndicated paragraphs).
    duplicate_of: str | None = None
    # Set on a line of an extracted article's header block ("Author: Jane Roe"): the field it
    # states, title | author | date | outlet. Metadata is evidence, cited like any sentence.
    header: str | None = None

    @property
    def index(self) -> int:
        """The sentence's position in its article (0 = first), the `<n>` of its id."""
        return int(self.id.rsplit(":", 1)[1])


class Article(BaseModel):
    """One article. A file that aggregates several pages yields `<stem>#<n>` articles."""

    id: str
    doc_id: str
    start: int
    end: int
    title: str | None = None
    byline: str | None = None
    date: str | None = None
    outlet: str | None = None
    url: str | None = None  # the page or feed entry link, when the input gave one
    sentences: list[Sentence] = Field(default_factory=list)
    # Canonical article id when this one is an exact/near copy of an earlier one.
    duplicate_of: str | None = None
    content_hash: str = ""

    @property
    def body(self) -> str:
        return " ".join(s.text for s in self.sentences)

    @property
    def body_sentences(self) -> list[Sentence]:
        """The sentences of the article's text, without its header-block lines."""
        return [s for s in self.sentences if s.header is None]

    def body_index(self, sentence: Sentence) -> int | None:
        """Where `sentence` stands among `body_sentences` (0-based), None when not there."""
        return next((i for i, x in enumerate(self.body_sentences) if x.id == sentence.id), None)

    def body_before(self, sentence: Sentence, n: int | None = None) -> list[Sentence]:
        """The (at most) `n` body sentences before `sentence`, nearest last; all of them when
        `n` is None, none when `sentence` is not one of the body's."""
        at = self.body_index(sentence) or 0
        return self.body_sentences[0 if n is None else max(0, at - n): at]


class Document(BaseModel):
    """One input file."""

    id: str  # file name without extension
    path: str
    sha256: str
    n_chars: int
    articles: list[Article] = Field(default_factory=list)
    # Lines dropped as boilerplate, kept for transparency ("why is this text missing?").
    removed_lines: int = 0
    # How the input was read: its text encoding ("utf-8", "cp1252", ...; None for binary
    # formats such as PDF), its format (text | html | feed | markdown | pdf), the URL it was
    # fetched from, and the copy of the original bytes kept in the data directory (relative
    # to it) when the document text is not the file itself (extracted, decoded or fetched).
    encoding: str | None = None
    format: str = "text"
    url: str | None = None
    original: str | None = None


class Chunk(BaseModel):
    """A retrieval unit: a run of consecutive sentences of one article."""

    id: str  # "<article_id>:c<n>"
    article_id: str
    doc_id: str
    start: int
    end: int
    text: str
    sentence_ids: list[str]
    duplicate_of: str | None = None


class Hit(BaseModel):
    """A retrieval result."""

    chunk_id: str
    source: str  # article id
    doc_id: str
    text: str
    start: int
    end: int
    score: float
    # The ids of other copies folded into this hit (syndicated duplicates).
    also_in: list[str] = Field(default_factory=list)


class Citation(BaseModel):
    """Only created by code that found `quote` at `start:end` of `source`'s document."""

    source: str  # article id
    quote: str
    start: int
    end: int


class Evidence(BaseModel):
    """A sentence chosen as evidence, with its relevance score and a short label for prompts."""

    label: str  # "S1", "S2", ...
    sentence: Sentence
    score: float
    outlet: str | None = None
    also_in: list[str] = Field(default_factory=list)


class ModelRun(BaseModel):
    """What every generated output records about the run that made it: the base of
    `Answer`, `Summary` (agent.generation.summarize) and `Verdict`
    (agent.verification.verdicts). Field names are part of their JSON."""

    backend: str  # "local", "openai", "openai-compatible"; "none" when no model was used
    model: str  # the model's name ("rules-only" when none)
    latency_s: float  # wall-clock seconds, rounded to ms
    tokens_in: int = 0  # prompt tokens over all model calls of the run
    tokens_out: int = 0  # completion tokens over all model calls of the run
    error: str | None = None  # why a batch item failed (its output is then empty, latency 0)


class AnswerSentence(BaseModel):
    text: str
    citations: list[Citation] = Field(default_factory=list)


class Answer(ModelRun):
    question: str
    answer: str
    abstained: bool
    sentences: list[AnswerSentence] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    id: str | None = None
