"""Summarize stage: cited summaries of one article, and of the whole story across outlets.

Article: code picks the evidence, the model writes 3-6 sentences and names the labels (S1..)
it used, and code builds every citation from those labelled sentences (make_citation) and
checks each sentence against its quotes (agent.generation.sentence_checks). A sentence that
fails is never printed flagged: the sentence it cites takes its place verbatim, or it is
dropped (`drop_unsupported`: always dropped).

Story: map — each independent outlet's key sentences (syndicated copies count once); reduce
— clusters of cross-outlet sentences ranked by outlets and centrality
(agent.generation.extractive), written verbatim (the extractive floor, the default) or
rewritten by the model in one call where each rewrite passes the checks
(agent.generation.story_summary); differences between outlets from the conflict records,
concrete framing notes only; at most WORD_BUDGET words.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Literal, Protocol

from pydantic import BaseModel, Field, create_model

from agent.generation.difference_records import corpus_differences
from agent.generation.extractive import WORD_BUDGET, Cluster, Difference, rank_clusters
from agent.generation.key_sentences import MAX_ARTICLE_SENTENCES, key_sentences
from agent.generation.sentence_checks import (
    META_WORDS,
    cut_mid_clause,
    has_finite_verb,
    lexical_check,
    rewrite_flag,
)
from agent.generation.standalone import complete_sentence, stands_alone, word_count
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
from agent.generation.story_summary import Mode, StoryDraft, StoryLine, StoryWriter
from agent.generation.support import MIN_SUPPORT, support_score
from agent.ingest.corpus import Corpus
from agent.llm.facade import LLM
from agent.llm.prompts import load_prompt, wrap_document
from agent.retrieval.citations import make_citation
from agent.text.dates import publication_date
from agent.text.facts import strip_dateline
from agent.text.injection import looks_like_instruction
from agent.text.opinion import opinion_piece
from agent.text.referents import bracketed_referent
from agent.text.responses import denial_after
from agent.types import Article, Citation, ModelRun, Sentence
from vectorstore.store import Embedder

KEY_SENTENCES_PER_ARTICLE = 20  # map step: sentences each outlet contributes to the story
DISPUTED = "disputed"
# Said above an opinion piece's summary, in every output (CLI, Markdown, HTML).
OPINION_NOTE = "opinion piece: the views of its writer, not reported fact"


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
    # An article that argues rather than reports (agent.text.opinion): its sentences
    # are its writer's views, and every output says so above them.
    opinion: bool = False


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


# --- faithfulness self-check --------------------------------------------------------------
class SentenceCheck(Protocol):
    def __call__(
        self, text: str, quotes: Sequence[str], section: Section | None
    ) -> tuple[bool, str | None]: ...


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
        story_mode: Mode = "extractive",
    ) -> None:
        self.corpus = corpus
        self.embedder = embedder
        self.llm = llm
        self.check = check
        self.drop_unsupported = drop_unsupported
        self.story_mode = story_mode
        self.article_prompt = load_prompt("summarize_article")

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
        if ok and section is None:  # a whole clause that keeps its quotes' attribution
            shape = rewrite_flag(text, [c.quote for c in citations])
            ok, flag = (False, shape) if shape is not None else (ok, flag)
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
        opinion: bool = False,
    ) -> Summary:
        used = self.llm.usage.since(before)
        return Summary(
            id=id,
            kind=kind,
            title=title,
            sentences=sentences,
            opinion=opinion,
            backend=self.llm.backend,
            model=self.llm.model_name,
            latency_s=round(time.perf_counter() - t0, 3),
            tokens_in=used.tokens_in,
            tokens_out=used.tokens_out,
        )

    # --- one article --------------------------------------------------------------------------
    def article(self, article_id: str) -> Summary:
        """3-6 cited sentences on one article, from its key sentences, one model call; an
        opinion piece's summary is marked `opinion` (its sentences are views). Raises
        StoreError for an unknown article id, ModelError when the model fails."""
        t0, before = time.perf_counter(), self.llm.usage.snapshot()
        art = self.corpus.article(article_id)
        shown = [s for s, _ in key_sentences(art, self.embedder)]
        out: list[SummarySentence] = []
        if shown:
            labels = [f"S{i}" for i in range(1, len(shown) + 1)]
            chain = self.article_prompt.template | self.llm.structured(article_schema(labels))
            draft: Any = chain.invoke({"sentences": self._render(shown)})
            by_label = dict(zip(labels, shown, strict=True))
            used: set[str] = set()
            for ds in draft.sentences:
                cited = [by_label[c] for c in dict.fromkeys(ds.cite) if c in by_label]
                s = self._checked(ds.text, cited, shown)
                if s is not None and not s.supported:
                    # Never printed flagged: the cited sentence itself, verbatim, or nothing.
                    s = self._verbatim(cited, used)
                if s is None:
                    continue
                # a statement the article answers goes with its denial (agent.text.
                # responses): "accused Mardell of hiding a report", then "Crowe denied it"
                denial = next((d for c in cited if (d := denial_after(art, c, used))), None)
                for kept in (s, self._verbatim([denial], used) if denial else None):
                    if kept is not None and kept.text not in used and (sum(
                            word_count(x.text) for x in out) + word_count(kept.text)
                            <= WORD_BUDGET):
                        used.add(kept.text)
                        out.append(kept)
        return self._summary(article_id, "article", art.title, t0, before, out,
                             opinion=opinion_piece(art))

    def _verbatim(self, cited: Sequence[Sentence], used: set[str]) -> SummarySentence | None:
        """The first cited sentence that reads as a whole sentence and is not used yet, as
        its own quote; None when there is none (the flagged sentence is then dropped)."""
        for sent in cited:
            if sent.text in used or not complete_sentence(sent.text):
                continue
            c = make_citation(self.corpus, sent.article_id, sent.text)
            if c is not None:
                return SummarySentence(text=sent.text, citations=[c])
        return None

    # --- whole story ----------------------------------------------------------------------------
    def independent_articles(self) -> Iterator[tuple[Article, str]]:
        """(article, outlet key) for each canonical article: a syndicated copy is the same
        voice as its original."""
        for art in self.corpus.articles():
            if self.corpus.canonical(art.id) == art.id:
                yield art, self.corpus.outlet_key(art.id)

    def outlet_sentences(self) -> list[tuple[Sentence, str, float]]:
        """Map step: key sentences of each canonical article, tagged with its outlet key. A
        sentence copied from an earlier article (`Sentence.duplicate_of`: a science desk
        that reprints a wire's first paragraphs) is that article's, and is left out: one
        wire sentence is no agreement of two outlets (an environment newcomer, session 53)."""
        items: list[tuple[Sentence, str, float]] = []
        for art, outlet in self.independent_articles():
            for s, score in key_sentences(art, self.embedder, KEY_SENTENCES_PER_ARTICLE):
                if s.duplicate_of is None:
                    items.append((s, outlet, score))
        # a syndicated copy's own key sentences (a regional paper's paragraphs after the
        # wire's) are its own outlet's (Corpus.sentence_outlet_key)
        for art in self.corpus.articles():
            if self.corpus.canonical(art.id) != art.id:
                items += [(s, self.corpus.sentence_outlet_key(s), score) for s, score
                          in key_sentences(art, self.embedder, KEY_SENTENCES_PER_ARTICLE)
                          if s.duplicate_of is None]
        return items

    def clusters(self) -> tuple[list[Cluster], Callable[[Sentence, Sentence], float]]:
        """Clusters of the outlets' key sentences, ranked by independent outlets, then
        centrality (agent.generation.extractive.rank_clusters), and the cosine similarity of
        two of their sentences."""
        items = self.outlet_sentences()
        if not items:
            return [], lambda a, b: 0.0
        vecs = self.embedder.embed([s.text for s, _, _ in items])
        index = {s.id: i for i, (s, _, _) in enumerate(items)}

        def sim(a: Sentence, b: Sentence) -> float:
            return float(vecs[index[a.id]] @ vecs[index[b.id]])

        # Only the articles that gave key sentences (a copy only by its own).
        shown = {s.article_id for s, _, _ in items}
        opinion = frozenset(a for a in shown if opinion_piece(self.corpus.article(a)))
        return rank_clusters(items, vecs, opinion, self._named_openings(items)), sim

    def _named_openings(self, items: Sequence[tuple[Sentence, str, float]]) -> dict[str, str]:
        """The key sentences that open on "He" or "She", as a line shows them: the person
        the sentence before names, in brackets (agent.text.referents.bracketed_referent).
        Else "He told the chamber the council had been left with no choice" stands alone in
        no summary, and the council leader's case was left out of a newcomer's (session
        62)."""
        out: dict[str, str] = {}
        for s, _, _ in items:
            before = self.corpus.article(s.article_id).body_before(s, 1)
            if before and (shown := bracketed_referent(s.text, [before[0].text])):
                out[s.id] = shown
        return out

    def outlet_name(self, key: str) -> str:
        """The name shown for an outlet key (the outlet, else the article id)."""
        return self.corpus.outlet_name(key)

    def story_draft(self, mode: Mode | None = None, budget: int = WORD_BUDGET) -> StoryDraft:
        """The story's lines (agent.generation.story_summary) in `mode` (default: the
        summarizer's) within `budget` words: "extractive" is the floor, no model call;
        "model" asks the model once and keeps its rewrites only where they pass the checks."""
        clusters, sim = self.clusters()
        writer = StoryWriter(self.llm, self.outlet_name, sim, self.differences(),
                             lambda aid: publication_date(self.corpus.article(aid).date),
                             self._reported_denial)
        if (mode or self.story_mode) == "model":
            return writer.model(clusters, budget)
        return writer.floor(clusters, budget)

    def _reported_denial(self, said: Sentence) -> Sentence | None:
        """The denial a report prints after `said` (agent.text.responses), when it is a
        whole clause that stands alone ("Redvale denies breaching its permit."); None in an
        opinion piece, whose "denies ..., but its bungling ..." is the writer's view."""
        art = self.corpus.article(said.article_id)
        found = None if opinion_piece(art) else denial_after(art, said)
        return found if (found and has_finite_verb(found.text)
                         and stands_alone(found.text, reply=True)
                         and not cut_mid_clause(found.text)) else None

    def differences(self) -> list[Difference]:
        """Figures the independent outlets give differently, over every body sentence of
        the canonical articles (agent.generation.differences)."""
        return corpus_differences(self.corpus)

    def _line(self, line: StoryLine) -> SummarySentence | None:
        # An extractive line quotes its first sentence as shown (a wire dateline left out).
        quotes = [strip_dateline(s.text).strip() if n == 0 and line.origin == "extractive"
                  else s.text
                  for n, s in enumerate(line.cited)]
        citations = [c for s, q in zip(line.cited, quotes, strict=True)
                     if (c := make_citation(self.corpus, s.article_id, q))]
        if not citations:
            return None
        if line.origin == "model":  # the summarizer's own check, on the built citations
            ok, flag = self.check(line.text, [c.quote for c in citations], line.section)
            if not ok:
                return None
            return SummarySentence(text=line.text, citations=citations, note=flag,
                                   section=line.section, outlets=line.outlets)
        return SummarySentence(text=line.text, citations=citations, section=line.section,
                               outlets=line.outlets)

    def story(self, id: str = "story", mode: Mode | None = None) -> Summary:
        """The story across outlets in at most WORD_BUDGET words, most important first:
        what most independent outlets report (verbatim, or rewritten by the model in "model"
        mode where the rewrite passes every check), each point followed by the difference
        its outlets show, then a concrete framing note if any. No line is printed flagged:
        a failing rewrite gives way to its cluster's extractive sentence. Raises ModelError
        when the model fails ("model" mode only)."""
        t0, before = time.perf_counter(), self.llm.usage.snapshot()
        draft = self.story_draft(mode)
        out: list[SummarySentence] = []
        words = draft.words
        for line in draft.lines:
            s = self._line(line)
            if s is None and line.fallback is not None:
                # A rewrite the final check rejects gives way to its extractive sentence
                # (if the budget still allows), else it is dropped: never printed flagged.
                extra = word_count(line.fallback.text) - word_count(line.text)
                if words + extra <= WORD_BUDGET:
                    s, words = self._line(line.fallback), words + extra
            if s is not None:
                out.append(s)
        return self._summary(id, "story", "The story across outlets", t0, before, out)
