"""Summarize stage: cited summaries of one article, and of the whole story across outlets.

Code picks the evidence, the model only writes sentences and names the labels (S1..) it used,
and code builds every citation from those labelled sentences (make_citation) and checks that
each summary sentence is backed by its quotes. Unsupported sentences are kept but flagged
(`supported: false` + `flag`), never silently passed off as supported.

Story = map-reduce that never puts the corpus in one prompt: map — each independent outlet's
key sentences (syndicated copies count once); reduce — sentences grouped by embedding
similarity into points, each point classified (agreement / difference / framing) in code
(agent.generation.story_points) and written by the model from at most MAX_POINT_SENTENCES
sentences, one small prompt per point.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any, Literal, Protocol

import numpy as np
from pydantic import BaseModel, Field, create_model

from agent.generation.answer import MIN_SUPPORT, support_score
from agent.generation.story_points import (  # noqa: F401  (re-exported: the story's points)
    MAX_POINT_SENTENCES,
    Point,
    Section,
    classify,
    group_points,
    loaded_terms,
    point_evidence,
    states_both_sides,
    story_points,
)
from agent.ingest.corpus import Corpus
from agent.llm.facade import LLM
from agent.llm.prompts import load_prompt, wrap_document
from agent.retrieval.citations import make_citation
from agent.retrieval.evidence import MIN_SENTENCE_CHARS
from agent.text.facts import actor_mismatch
from agent.text.injection import looks_like_instruction
from agent.text.normalize import normalize_for_match
from agent.types import Article, Citation, ModelRun, Sentence
from agent.verification.checks import compare
from vectorstore.store import Embedder

MAX_ARTICLE_SENTENCES = 8  # labelled sentences shown per article prompt
KEY_SENTENCES_PER_ARTICLE = 8  # map step: sentences each outlet contributes to the story
NEAR_DUPLICATE_SIM = 0.92
LEAD_BONUS = (0.15, 0.1, 0.05)  # news leads carry the main point
DISPUTED = "disputed"
# Words a summary uses to talk about the sources themselves; not facts to find in quotes.
META_WORDS = (
    "outlet outlets source sources report reports reported reporting article articles differ "
    "differs different difference agree agrees agreement both one another other others while "
    "whereas wording words loaded neutral neutrally describe describes described frame frames "
    "framing language calls version versions account accounts details detail state states"
)


class SummarySentence(BaseModel):
    """One written sentence with the quotes that back it and the self-check's verdict."""

    text: str
    citations: list[Citation] = Field(default_factory=list)
    supported: bool = True
    flag: str | None = None  # why the self-check did not accept the sentence
    note: str | None = None  # e.g. backed by its quotes but disputed by other outlets
    section: Section | None = None
    outlets: int | None = None  # independent outlets behind a story point


class Summary(ModelRun):
    """A summary of one article (`id` = article id) or of the story across outlets; its run
    fields (backend, model, latency, tokens, error) come from ModelRun."""

    id: str
    kind: Literal["article", "story"]
    title: str | None = None
    sentences: list[SummarySentence] = Field(default_factory=list)


class _Draft(BaseModel):
    # No maxLength: llama.cpp expands it into hundreds of grammar rules and samples far slower.
    text: str
    cite: list[str] = Field(default_factory=list, max_length=MAX_ARTICLE_SENTENCES)


def _label_type(labels: Sequence[str]) -> Any:
    return Literal[tuple(labels)] if labels else str


def article_schema(labels: Sequence[str]) -> type[BaseModel]:
    """3-6 sentences, `cite` constrained to the labels shown (grammar-enforced locally)."""
    label: Any = _label_type(labels)
    sent = create_model(
        "SummaryDraftSentence",
        __base__=_Draft,
        cite=(list[label], Field(min_length=1, max_length=4)),
    )
    return create_model("SummaryDraft", sentences=(list[sent], Field(min_length=3, max_length=6)))


def point_schema(labels: Sequence[str]) -> type[BaseModel]:
    label: Any = _label_type(labels)
    return create_model(
        "PointDraft",
        __base__=_Draft,
        cite=(list[label], Field(min_length=1, max_length=MAX_POINT_SENTENCES)),
    )


# --- faithfulness self-check --------------------------------------------------------------
class SentenceCheck(Protocol):
    def __call__(
        self, text: str, quotes: Sequence[str], section: Section | None
    ) -> tuple[bool, str | None]: ...


def lexical_check(
    text: str, quotes: Sequence[str], section: Section | None
) -> tuple[bool, str | None]:
    """Numbers and most content words of the sentence must be in its quotes; for one-source
    statements, no number/date/place may contradict them (agent.verification.checks)."""
    if not quotes:
        return False, "no verifiable citation"
    score = support_score(text, quotes, META_WORDS)
    if score < MIN_SUPPORT:
        return False, f"only {score:.0%} of its content words are in the cited quotes"
    other = actor_mismatch(text, quotes)
    if other is not None:
        return False, f"its subject is swapped: the cited quotes give that action to {other}"
    if section != "difference":  # a difference sentence states both sides on purpose
        conflicts = compare(text, " ".join(quotes), score=1.0).conflicts
        if conflicts:
            return False, "; ".join(c.describe() for c in conflicts)
    return True, None


def verifier_check(verify: Callable[[str], str]) -> SentenceCheck:
    """Adapter for the claim verifier: `verify(text)` returns its verdict label. A sentence
    must pass the quote check and not be refuted by the corpus."""

    def check(text: str, quotes: Sequence[str], section: Section | None) -> tuple[bool, str | None]:
        ok, flag = lexical_check(text, quotes, section)
        if ok and section != "difference" and verify(text) == "refuted":
            # Its own quotes back it, so it is faithful; other outlets dispute it: say so.
            return True, f"{DISPUTED}: the claim verifier found other sources refute it"
        return ok, flag

    return check


# --- sentence selection -------------------------------------------------------------------
def _usable(s: Sentence) -> bool:
    # Fragments (bylines, "Quick Takes", dates) carry no summary content.
    return len(s.text) >= MIN_SENTENCE_CHARS and len(s.text.split()) >= 6


def key_sentences(
    article: Article, embedder: Embedder, k: int = MAX_ARTICLE_SENTENCES
) -> list[tuple[Sentence, float]]:
    """The article's most central sentences (similarity to the article centroid + a lead
    bonus), near-duplicates skipped, returned in article order with their scores."""
    seen: set[str] = set()
    cands: list[Sentence] = []
    for s in article.sentences:
        norm = normalize_for_match(s.text)
        if _usable(s) and norm not in seen:
            seen.add(norm)
            cands.append(s)
    if not cands:
        return []
    vecs = embedder.embed([s.text for s in cands])
    centroid = vecs.mean(axis=0)
    centroid /= np.linalg.norm(centroid) or 1.0
    scores = vecs @ centroid
    for i, bonus in enumerate(LEAD_BONUS[: len(cands)]):
        scores[i] += bonus
    picked: list[int] = []
    for i in np.argsort(-scores, kind="stable"):
        if len(picked) >= k:
            break
        if any(float(vecs[i] @ vecs[j]) >= NEAR_DUPLICATE_SIM for j in picked):
            continue
        picked.append(int(i))
    return [(cands[i], float(scores[i])) for i in sorted(picked)]


TASKS: dict[Section | None, str] = {
    "agreement": "state the fact these sentences all report, neutrally.",
    "difference": "say how the outlets differ on this point ({detail}).",
    "framing": "contrast the wording: one outlet uses loaded words ({detail}), another "
    "states it neutrally.",
    None: "state what these sentences report, neutrally.",
}


class Summarizer:
    """Article and story summaries with code-built, checked citations. `check` judges each
    written sentence against its quotes (lexical_check, or verifier_check for the claim
    verifier too); `drop_unsupported` drops flagged sentences instead of keeping them.
    Model failures surface as agent.errors.ModelError from the LLM."""

    def __init__(
        self,
        corpus: Corpus,
        embedder: Embedder,
        llm: LLM,
        *,
        check: SentenceCheck = lexical_check,
        drop_unsupported: bool = False,
    ) -> None:
        self.corpus = corpus
        self.embedder = embedder
        self.llm = llm
        self.check = check
        self.drop_unsupported = drop_unsupported
        self.article_prompt = load_prompt("summarize_article")
        self.story_prompt = load_prompt("summarize_story")

    # --- shared -----------------------------------------------------------------------------
    def _render(self, sentences: Sequence[Sentence], outlets: bool = False) -> str:
        def head(s: Sentence) -> str:
            name = self.corpus.article(s.article_id).outlet if outlets else None
            return f"({name}) " if name else ""

        return "\n".join(
            wrap_document(f"S{i}", head(s) + s.text) for i, s in enumerate(sentences, start=1)
        )

    def _checked(
        self,
        text: str,
        cited: Sequence[Sentence],
        shown: Sequence[Sentence],
        section: Section | None = None,
    ) -> SummarySentence | None:
        """Citations from the cited sentences; if they do not back the text, the shown
        sentences that do; else the sentence is flagged (or dropped)."""
        text = " ".join(text.split())
        if not text:
            return None
        # Instructions to the model never back a sentence (agent.text.injection).
        cited = [s for s in cited if not looks_like_instruction(s.text)]
        shown = [s for s in shown if not looks_like_instruction(s.text)]
        alone = [s for s in shown if support_score(text, [s.text], META_WORDS) >= MIN_SUPPORT]
        if section == "difference":
            cited = list(shown)  # both sides must be visible for a difference
        elif section == "agreement" and alone:
            cited = alone  # every outlet that states the point on its own
        elif not self.check(text, [s.text for s in cited], section)[0]:
            cited = alone[:3] or list(cited)
        citations = [c for s in cited if (c := make_citation(self.corpus, s.article_id, s.text))]
        ok, flag = self.check(text, [c.quote for c in citations], section)
        if not ok and self.drop_unsupported:
            return None
        if ok and flag:  # a warning on a supported sentence is a note, not a flag
            return SummarySentence(text=text, citations=citations, note=flag)
        return SummarySentence(text=text, citations=citations, supported=ok, flag=flag)

    def _summary(
        self,
        id: str,
        kind: Literal["article", "story"],
        title: str | None,
        t0: float,
        before: Any,
        sentences: list[SummarySentence],
    ) -> Summary:
        used = self.llm.usage.since(before)
        return Summary(
            id=id,
            kind=kind,
            title=title,
            sentences=sentences,
            backend=self.llm.backend,
            model=self.llm.model_name,
            latency_s=round(time.perf_counter() - t0, 3),
            tokens_in=used.tokens_in,
            tokens_out=used.tokens_out,
        )

    # --- one article --------------------------------------------------------------------------
    def article(self, article_id: str) -> Summary:
        """3-6 cited sentences on one article, from its key sentences, one model call.
        Raises StoreError for an unknown article id, ModelError when the model fails."""
        t0, before = time.perf_counter(), self.llm.usage.snapshot()
        art = self.corpus.article(article_id)
        shown = [s for s, _ in key_sentences(art, self.embedder)]
        out: list[SummarySentence] = []
        if shown:
            labels = [f"S{i}" for i in range(1, len(shown) + 1)]
            chain = self.article_prompt.template | self.llm.structured(article_schema(labels))
            draft: Any = chain.invoke({"sentences": self._render(shown)})
            by_label = dict(zip(labels, shown, strict=True))
            for ds in draft.sentences:
                cited = [by_label[c] for c in dict.fromkeys(ds.cite) if c in by_label]
                if (s := self._checked(ds.text, cited, shown)) is not None:
                    out.append(s)
        return self._summary(article_id, "article", art.title, t0, before, out)

    # --- whole story ----------------------------------------------------------------------------
    def outlet_sentences(self) -> list[tuple[Sentence, str, float]]:
        """Map step: key sentences of each canonical article, tagged with its outlet key."""
        items: list[tuple[Sentence, str, float]] = []
        for art in self.corpus.articles():
            if self.corpus.canonical(art.id) != art.id:
                continue  # a syndicated copy is the same voice as its original
            outlet = self.corpus.outlet_key(art.id)
            for s, score in key_sentences(art, self.embedder, KEY_SENTENCES_PER_ARTICLE):
                items.append((s, outlet, score))
        return items

    def points(self) -> list[Point]:
        """Reduce step (code only): grouped, classified and chosen points, best first."""
        items = self.outlet_sentences()
        if not items:
            return []
        return story_points(items, self.embedder.embed([s.text for s, _, _ in items]))

    def story(self, id: str = "story") -> Summary:
        """The story across outlets: one cited sentence per chosen point (agreements with
        their outlet counts, then differences, framing, single-outlet points), one small
        model call per point. Raises ModelError when the model fails."""
        t0, before = time.perf_counter(), self.llm.usage.snapshot()
        out: list[SummarySentence] = []
        for p in self.points():
            shown = point_evidence(p)
            labels = [f"S{i}" for i in range(1, len(shown) + 1)]
            task = TASKS[p.section].format(detail=p.detail)
            chain = self.story_prompt.template | self.llm.structured(point_schema(labels))
            draft: Any = chain.invoke({"sentences": self._render(shown, True), "task": task})
            by_label = dict(zip(labels, shown, strict=True))
            cited = [by_label[c] for c in dict.fromkeys(draft.cite) if c in by_label]
            if p.section == "difference" and not states_both_sides(draft.text, p.conflict):
                continue  # a "difference" that does not state both values says nothing
            s = self._checked(draft.text, cited, shown, p.section)
            if s is not None:
                s.section = p.section
                s.outlets = len({self.corpus.outlet_key(c.source) for c in s.citations}) or None
                if p.section == "agreement":
                    s.outlets = len(p.outlets)  # the point's outlets, not just those cited
                out.append(s)
        return self._summary(id, "story", "The story across outlets", t0, before, out)
