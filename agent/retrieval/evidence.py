"""Evidence stage: from retrieved chunks, the few sentences that bear on a question or claim.

Small local models read slowly (~54 prompt tok/s) and judge poorly when given long contexts,
so we score single sentences (embedding similarity + lexical overlap with the query's content
words), fold syndicated repeats into one, and pass only the best few on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from agent.ingest.corpus import Corpus
from agent.ingest.dedup import sentence_norm
from agent.retrieval.retrieve import Retriever
from agent.text.analysis import analyze, stem, stems
from agent.text.clock_times import times_of_day
from agent.text.injection import looks_like_instruction
from agent.text.ledes import NAMING_SENTENCES, lede_referent
from agent.text.normalize import content_terms, initials
from agent.types import Evidence, Hit, Sentence
from vectorstore.store import Embedder

SEMANTIC_WEIGHT = 0.7  # cosine similarity dominates; lexical overlap rescues names/numbers
LEXICAL_WEIGHT = 0.3
MIN_SENTENCE_CHARS = 25  # fragments like "Quick Takes" or a lone date carry no evidence

def lexical_overlap(
    query_terms: set[str], sentence: str, idf: dict[str, float] | None = None,
    stemmed: bool = False,
) -> float:
    """IDF-weighted share of the query's content terms found in the sentence, in [0, 1];
    with `stemmed`, a term is found by its stem (agent.text.analysis.stem: "recall" in
    "are being recalled").

    Names that every article repeats (the story's protagonists) weigh little; a rare word
    shared with the query weighs a lot. Unknown terms get the highest weight."""
    if not query_terms:
        return 0.0
    top = max(idf.values(), default=1.0) if idf else 1.0

    def w(t: str) -> float:
        return idf.get(t, top) if idf else 1.0

    if stemmed:
        said = stems(sentence)
        found = {t for t in query_terms if stem(t) in said}
    else:
        found = query_terms & content_terms(sentence)
    return sum(w(t) for t in found) / sum(w(t) for t in query_terms)


# Words that date what a sentence tells: a day, month or year, a relative day or period.
DATE_CUE = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|"
    r"april|may|june|july|august|september|october|november|december|yesterday|today|"
    r"tomorrow|tonight|\d{4}s?|(?:ad|bc|bce|ce) \d{1,4}|\d{1,4} (?:ad|bc|bce)|"
    r"\w+(?:st|nd|rd|th)[- ]century|centur(?:y|ies)|decades?|[\w-]+ (?:\w+ )?ago|"
    r"(?:last|next|this) (?:week|month|year|weekend|decade|century)|"
    r"(earlier|later) this (week|month|year))\b",
    re.I,
)
# "What was the result of the council vote?", "How did the board vote?": the count of a
# vote (agent.text.tallies), which a tally answers ("approved by 31 votes to 24"), not any
# figure ("voted to close five branch libraries"; dev: three such questions, each answered
# with a sentence of the vote's decision or of another vote).
_ASKS_VOTE_COUNT = re.compile(
    r"\b(?:result|outcome|margin|tally|count)\s+(?:of|in)\s+(?:the\s+)?"
    r"(?:[\w'’-]+\s+){0,4}?(?:vote|ballot)\b"
    # a body's vote, not a person's ("How did Hollins vote on the ban?" asks a side)
    r"|\bhow did (?!the vote\b)(?:the\s+)?(?:(?-i:[a-z])[\w'’-]*\s+){0,4}?vote\b"
    # one side's count ("How many councillors voted against?", a council newcomer,
    # session 62), not what a vote decided ("How many libraries did it vote to close?")
    r"|\bhow many\b[^?]{0,40}?\b(?:voted|votes?)\s+(?:for|against|in favour|in support)\b",
    re.I)
# Answer-type cues (classic QA answer typing): a sentence that carries the kind of thing the
# question asks for gets a small boost. Generic English, not tied to any story.
_ANSWER_TYPES: list[tuple[str, re.Pattern[str], re.Pattern[str]]] = [
    (
        "place",
        # "In which town ...?", "Which hospital were they taken to?": a place by its kind
        re.compile(r"^\s*where\b|\b(?:what|which) (place|city|town|village|country|county|"
                   r"region|area|district|street|venue|location|site|building|hospital)\b",
                   re.I),
        re.compile(
            r"\b(in|at|to|into|aboard|on board|from|during|inside|outside|near)\s+"
            r"(a|an|the)?\s*"
            r"([A-Z][\w-]+|rally|event|conference|briefing|speech|address|meeting|summit|"
            r"interview|university|campus|hearing|ceremony|visit|flight|plane|press)",
        ),
    ),
    (
        "date",
        re.compile(r"^\s*when\b|\b(?:what|which) (day|date|month|year|time|hour|night|morning|"
                   r"evening|week)\b", re.I),
        DATE_CUE,
    ),
    (
        "number",
        re.compile(
            r"\b(how (many|much|long|far|old)|what (percentage|share|number|amount)|number of)\b"
            # a sum asked without "how much": "What was the lost cargo worth?", "What did the
            # repairs cost?", "What is the estimated cost of ...?" (a newcomer trial)
            r"|\bwhat (?:was|is|were|are|will be|would be)\b[^?]{0,60}\bworth\s*\?"
            r"|\bwhat (?:did|does|do|will|would)\b[^?]{0,60}(?<!the )(?<!its )\bcost"
            r"(?:\s+\w+)?\s*\?"
            r"|\bwhat (?:is|was|were|are) the (?:\w+ )?(?:value|cost|price)\b"
            r"|" + _ASKS_VOTE_COUNT.pattern,
            re.I,
        ),
        re.compile(r"\d"),
    ),
]
ANSWER_TYPE_BOOST = 0.08
# A *when* question that asks for a time of day, which only a clock time answers (not "what
# time of year", "what time frame").
_ASKS_TIME_OF_DAY = re.compile(
    r"\b(?:what|which) (?:time|hour)\b(?! (?:of (?:the )?year|frame|scale))", re.I)


def answer_type_match(query: str, sentence: str) -> bool | None:
    """Does `sentence` hold the kind of thing the question asks for (a place for *where*, a
    date for *when*, a time of day for *at what time* (`agent.text.clock_times`), a number
    for *how many*: a digit or a quantity of the sentence analysis, `agent.text.analysis`)?
    None when the question asks for no such kind."""
    if _ASKS_VOTE_COUNT.search(query):
        vote = analyze(sentence).vote
        return vote is not None and (vote.margin is not None or vote.unanimous)
    for kind, question_cue, sentence_cue in _ANSWER_TYPES:
        if question_cue.search(query):
            if kind == "date" and _ASKS_TIME_OF_DAY.search(query):
                # "At what time was the alarm raised?": a day ("Friday's rescue") is no answer
                return bool(times_of_day(sentence)[0])
            if sentence_cue.search(sentence):
                return True
            # number words too ("Forty residents"), read by the analysis
            return kind == "number" and bool(analyze(sentence).quantities)
    return None


def asked_kind(query: str) -> str | None:
    """"place", "date" or "number": the kind of thing the question asks for (the cue that
    `answer_type_match` checks), or None."""
    return next((kind for kind, cue, _ in _ANSWER_TYPES if cue.search(query)), None)


# Questions about an article's metadata: who wrote it, when it was published, which outlet
# ran it, its headline. They are answered by the header-block lines of extracted articles
# (Sentence.header); such a line holds only its value ("Author: Jane Roe"), so when the
# question asks for its field it is scored with its article's title line (it says "the
# author of <title>") and gets the answer-type boost.
_HEADER_QUESTIONS = {
    "author": re.compile(
        r"\bwho (?:wrote|reported|authored|penned|filed)\b|\bwritten by\b|"
        r"\b(?:author|byline|reporter|journalist|correspondent|writer)s?\b",
        re.I,
    ),
    "date": re.compile(
        r"\bwhen\b.{0,100}\b(?:publish|published|posted|written|appear|appeared|dated|"
        r"came out|come out|run|ran)\b|\b(?:publication|published|posting) date\b",
        re.I,
    ),
    "outlet": re.compile(
        r"\b(?:which|what) (?:outlet|publication|newspaper|paper|site|website|magazine|"
        r"news (?:service|site|agency|organi[sz]ation)|media outlet|news outlet)\b|"
        r"\b(?:published|carried|run|ran) (?:by|in|on)\b|\bwho (?:published|carried|ran)\b",
        re.I,
    ),
    "title": re.compile(r"\b(?:headline|title)\b", re.I),
}


def asked_header_fields(query: str) -> set[str]:
    """The article metadata fields (author, date, outlet, title) the question asks for."""
    return {name for name, cue in _HEADER_QUESTIONS.items() if cue.search(query)}


def answer_type_bonus(query: str, sentence: str) -> float:
    match = answer_type_match(query, sentence)
    if match is None:
        return 0.0
    return ANSWER_TYPE_BOOST if match else -ANSWER_TYPE_BOOST


@dataclass
class EvidenceSet:
    items: list[Evidence]
    best_semantic: float  # highest cosine between the query and any candidate sentence
    best_lexical: float  # highest share of query terms covered by one candidate sentence

    def labelled(self) -> dict[str, Evidence]:
        return {e.label: e for e in self.items}


def candidate_sentences(
    hits: Sequence[Hit], corpus: Corpus, extra: Sequence[str] = ()
) -> list[tuple[Sentence, list[str]]]:
    """Sentences of the hit chunks (in hit order) and `extra` sentence ids, each once, with
    the other copies' sources.

    Sentences marked as repeats (syndicated copies) fold into their canonical sentence, which
    stands in the copy's place when the copy's chunk ranked first."""
    out: dict[str, tuple[Sentence, list[str]]] = {}
    by_norm: dict[str, str] = {}

    def add(s: Sentence, also: list[str]) -> None:
        # A header-block line is short by nature but is evidence (who, when, which outlet).
        if (len(s.text) < MIN_SENTENCE_CHARS and s.header is None) or s.id in out:
            return
        if s.header is not None:  # "Outlet: X" of two articles: each belongs to its own
            out[s.id] = (s, also)
            return
        if s.duplicate_of and corpus.has_sentence(s.duplicate_of):
            # a copied sentence is cited where the outlet it copies printed it (a newcomer
            # trial's answer cited the copy), in a whole copy or a reprinted paragraph; the
            # copy folds into it
            add(corpus.sentence(s.duplicate_of), [s.article_id, *also])
            return
        norm = sentence_norm(s.text)
        twin = by_norm.get(norm)
        if twin is not None:
            if s.article_id not in out[twin][1] and s.article_id != out[twin][0].article_id:
                out[twin][1].append(s.article_id)
            return
        by_norm[norm] = s.id
        out[s.id] = (s, also)

    for hit in hits:
        chunk = corpus.chunk(hit.chunk_id)
        if chunk is None:
            continue
        for sid in chunk.sentence_ids:
            s = corpus.sentence(sid)
            add(s, list(hit.also_in) if s.article_id == hit.source else [])
    for sid in extra:
        if corpus.has_sentence(sid):
            add(corpus.sentence(sid), [])
    # A copy whose canonical sentence is also a candidate was folded above; a lone copy stays.
    return list(out.values())


MAX_PER_ARTICLE = 3  # keeps room for other outlets, so disagreements reach the prompt


def lede_name(corpus: Corpus, sentence: Sentence) -> str | None:
    """The name of the person `sentence` describes when it is its article's lede and
    tells of them by a description the next sentence names ("A Marlstead woman who stole
    £1.2m ... was jailed" / "Fiona Trask, 47, ..."; agent.text.ledes), else None."""
    body = corpus.article(sentence.article_id).body_sentences
    if not body or body[0].id != sentence.id:
        return None
    return lede_referent([s.text for s in body[: 1 + NAMING_SENTENCES]])


def select_evidence(
    query: str,
    hits: Sequence[Hit],
    corpus: Corpus,
    embedder: Embedder,
    max_sentences: int = 6,
    min_score: float = 0.25,
    sentence_sims: dict[str, float] | None = None,
    query_vec: np.ndarray | None = None,
    stored_vectors: Callable[[Sequence[str]], dict[str, np.ndarray]] | None = None,
) -> EvidenceSet:
    """Score candidate sentences and keep the best few, at most MAX_PER_ARTICLE per article.

    `sentence_sims` (sentence id -> cosine) comes from the sentence index; candidates it does
    not cover are looked up in `stored_vectors` (the sentence index), else embedded here."""
    sims = dict(sentence_sims or {})
    # Text that addresses the model (agent.text.injection) is never evidence: shown, it would take
    # a slot from real reporting and could steer the small model.
    cands = [
        c
        for c in candidate_sentences(hits, corpus, list(sims))
        if not looks_like_instruction(c[0].text)
    ]
    if not cands:
        return EvidenceSet([], 0.0, 0.0)
    fields = asked_header_fields(query)
    titles = _title_lines(cands, corpus, fields)
    missing = [s for s, _ in cands if s.id not in sims]
    missing += [t for t in titles.values() if t.id not in sims and t not in missing]
    if missing:
        qv = query_vec if query_vec is not None else embedder.embed([query])[0]
        vecs = dict(stored_vectors([s.id for s in missing])) if stored_vectors else {}
        unstored = [s for s in missing if s.id not in vecs]
        if unstored:
            fresh = embedder.embed([s.text for s in unstored])
            vecs.update(zip([s.id for s in unstored], fresh, strict=True))
        for s in missing:
            sims[s.id] = float(vecs[s.id] @ qv)
    semantic = np.array([sims[s.id] for s, _ in cands])
    terms = content_terms(query)
    idf = corpus.term_idf()
    lexical = np.array([lexical_overlap(terms, s.text, idf) for s, _ in cands])
    bonus = np.array([answer_type_bonus(query, s.text) for s, _ in cands])
    for i, (s, _) in enumerate(cands):
        title = titles.get(s.article_id)
        if s.header in fields and title is not None:
            semantic[i] = max(semantic[i], sims[title.id])
            lexical[i] = max(lexical[i], lexical_overlap(terms, title.text, idf))
            bonus[i] = ANSWER_TYPE_BOOST
    for i, (s, _) in enumerate(cands):
        # a lede names its person in the next sentence: a question naming them shares
        # no name with the lede that answers it (agent.text.ledes)
        if (name := lede_name(corpus, s)) is not None:
            lexical[i] = max(lexical[i], lexical_overlap(terms, f"{s.text} {name}", idf))
    scores = SEMANTIC_WEIGHT * semantic + LEXICAL_WEIGHT * lexical + bonus
    picked: list[int] = []
    per_article: dict[str, int] = {}
    for i in np.argsort(-scores, kind="stable"):
        if scores[i] < min_score or len(picked) >= max_sentences:
            break
        art = cands[i][0].article_id
        if per_article.get(art, 0) >= MAX_PER_ARTICLE:
            continue
        per_article[art] = per_article.get(art, 0) + 1
        picked.append(int(i))
    items = []
    for n, i in enumerate(picked, start=1):
        s, also = cands[i]
        items.append(
            Evidence(
                label=f"S{n}",
                sentence=s,
                score=round(float(scores[i]), 4),
                outlet=corpus.article(s.article_id).outlet,
                also_in=also,
            )
        )
    return EvidenceSet(items, float(semantic.max()), float(lexical.max()))


def _title_lines(
    cands: Sequence[tuple[Sentence, list[str]]], corpus: Corpus, fields: set[str]
) -> dict[str, Sentence]:
    """Article id -> its header-block title line, for candidates that are header lines of a
    field the question asks for (empty when it asks for none)."""
    out: dict[str, Sentence] = {}
    for s, _ in cands:
        if s.header in fields and s.article_id not in out:
            art = corpus.article(s.article_id)
            title = next((x for x in art.sentences if x.header == "title"), None)
            if title is not None:
                out[s.article_id] = title
    return out


def gather_evidence(
    query: str,
    retriever: Retriever,
    *,
    k: int = 8,
    max_sentences: int = 6,
    sentence_pool: int = 30,
    sources: Sequence[str] | None = None,
) -> EvidenceSet:
    """Retrieval + sentence selection in one call: chunk hits and nearest sentences."""
    vec = retriever.query_vector(query)
    hits = retriever.search(query, k, sources=sources, vec=vec)
    sims = retriever.similar_sentences(vec, sentence_pool, sources=sources)
    return select_evidence(
        query,
        hits,
        retriever.corpus,
        retriever.embedder,
        max_sentences,
        sentence_sims=sims,
        query_vec=vec,
        stored_vectors=retriever.sentence_vectors,
    )


def with_evidence_for(
    ev: EvidenceSet, query: str, retriever: Retriever, *, any_of: str = "", k: int = 8,
    max_sentences: int = 6, n: int = 2, search: str = "",
) -> EvidenceSet:
    """`ev` with up to `n` sentences found for a second, narrower `query` that hold every
    one of its content terms and, when given, one of `any_of`'s (the office and the body of
    "Who is the chief executive of the Carrow Valley Health Board?": the board's name draws
    every sentence about the board, and "said the board's chief executive, Gwen Sallow"
    ranked below them, a newcomer trial; "the group's director" is not the park's; the
    initials of `any_of`'s capitalised words name it too: "EGN" for "Eastvale Grid
    Networks"). They take the place of `ev`'s last items beyond `max_sentences`; labels are
    renumbered S1...; the relevance figures stay `ev`'s (the question's). `search`: the
    text to search with instead of `query` (whose terms the sentences must still hold)."""
    terms, body = content_terms(query), content_terms(any_of)
    # a body is also named by its initials: "EGN's chief executive" (an energy newcomer)
    capitals = [w for w in any_of.split() if w[:1].isupper()]
    if len(capitals) >= 2:
        body |= {initials(capitals).lower()}
    have = {e.sentence.id for e in ev.items}
    more = gather_evidence(search or query, retriever, k=k, max_sentences=max_sentences)
    new = [e for e in more.items if e.sentence.id not in have
           and terms <= (found := content_terms(e.sentence.text))
           and (not body or body & found)][:n]
    if not new:
        return ev
    items = [*ev.items[: max(max_sentences - len(new), 0)], *new]
    return EvidenceSet([e.model_copy(update={"label": f"S{i}"}) for i, e in enumerate(items, 1)],
                       ev.best_semantic, ev.best_lexical)
