"""Cross-outlet matrix: the corpus's key factual claims × independent outlets.

Cheap and deterministic (no model): sentences of canonical articles are embedded and grouped
across outlets by the grouping the story summary also uses (agent.retrieval.grouping), the
sentence most outlets echo first; each group's leader is the row's claim, and each outlet's
closest sentence in the group is compared with it by the code checks (numbers, dates,
polarity) -> supports / contradicts. Outlets with no sentence in the group are silent. A
second pass finds where outlets place the same speaker at incompatible venues ("at a rally
in X" vs "aboard Y"), a detail outlets often get wrong. Contradictions first."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import Literal

import numpy as np
from pydantic import BaseModel, Field

from agent.ingest.corpus import Corpus
from agent.retrieval.citations import make_citation
from agent.retrieval.grouping import leader_groups, similarities, widest_reach_first
from agent.text.facts import CUE_RE, SPEECH_WORDS, entities, event_places, strip_dateline
from agent.text.opinion import opinion_piece
from agent.text.quotes import quote_fragment
from agent.text.speakers import attribution, subject_of
from agent.text.voice import THIRD_PERSON
from agent.types import Sentence
from agent.verification.checks import ALIGNED_COVERAGE, PARAPHRASE_COVERAGE, compare
from agent.verification.measures import measure_conflicts
from vectorstore.store import Embedder

Cell = Literal["supports", "contradicts", "silent"]
MIN_CHARS, MAX_CHARS = 40, 320
MAX_SENTENCES = 3000  # embedding cost bound for large corpora
_VENUE_NOUNS = (
    r"rally|event|briefing|press conference|news conference|conference|meeting|summit|ceremony|"
    r"hearing|interview|address|speech|university|dinner|forum|town hall|gathering"
)
_VENUE = re.compile(
    rf"\b(?i:at|during|aboard|on board|in remarks to|in|to)\s+(?:a|an|the|his|her|their)\s+"
    rf"(?:(?!to\b)[\w-]+\s+){{0,2}}?(?:{_VENUE_NOUNS})\b(?:\s+(?:in|on|at|aboard)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)?"
    r"|\baboard\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*"
)


class MatrixCell(BaseModel):
    stance: Cell
    source: str | None = None
    quote: str | None = None
    start: int | None = None
    end: int | None = None
    note: str | None = None


class MatrixRow(BaseModel):
    claim: str
    kind: Literal["point", "venue", "figure"]
    contradiction: bool
    cells: dict[str, MatrixCell] = Field(default_factory=dict)


class Matrix(BaseModel):
    outlets: list[str]
    rows: list[MatrixRow]


def _candidates(corpus: Corpus) -> list[tuple[str, Sentence]]:
    out = []
    for art in corpus.articles():
        if art.duplicate_of:
            continue  # a syndicated copy is the same outlet's voice
        key = corpus.outlet_key(art.id)
        # header lines ("Title: ...", a page's fields) are no claims of the story
        for s in art.body_sentences:
            if s.duplicate_of is None and MIN_CHARS <= len(s.text) <= MAX_CHARS:
                out.append((key, s))
    return out[:MAX_SENTENCES]


# A row's claim that opens on a pronoun ("Its officers took water samples on Sunday")
# leaves the reader asking whose (an environment newcomer, session 53).
_PRONOUN_OPENING = re.compile(rf"^[\"'“‘]?(?:{'|'.join(THIRD_PERSON)})\b", re.IGNORECASE)


def _named_leader(leader: int, members: Sequence[int], cands: Sequence[tuple[str, Sentence]],
                  sim: np.ndarray, opinion_ids: Collection[str] = ()) -> int:
    """The group member a row's claim quotes: its leader, unless that opens on a pronoun, is
    a piece of a longer quotation (`quote_fragment`) or is in an opinion piece (`opinion_ids`:
    a column's "dithering", a quarry newcomer, session 59), and another member is none of
    these; then the one of those most like the leader."""
    def plain(j: int) -> bool:
        s = cands[j][1]
        return not (_PRONOUN_OPENING.match(s.text) or quote_fragment(s.text)
                    or s.article_id in opinion_ids)

    if plain(leader):
        return leader
    named = [j for j in members if plain(j)]
    return max(named, key=lambda j: sim[leader, j]) if named else leader


def quoted_cell(corpus: Corpus, stance: Cell, s: Sentence, note: str | None = None) -> MatrixCell:
    """A cell quoting `s` verbatim at its offsets; silent when the quote cannot be found."""
    c = make_citation(corpus, s.article_id, s.text)
    if c is None:
        return MatrixCell(stance="silent")
    return MatrixCell(
        stance=stance, source=c.source, quote=c.quote, start=c.start, end=c.end, note=note
    )


def point_rows(
    corpus: Corpus, cands: Sequence[tuple[str, Sentence]], vecs: np.ndarray, outlets: Sequence[str]
) -> list[MatrixRow]:
    """Groups of similar sentences told by two or more outlets (agent.retrieval.grouping,
    widest reach first), most widely told first. `vecs` (n, d) are the unit embeddings of
    `cands` (outlet key, sentence); every outlet of `outlets` gets a cell per row."""
    keys = [k for k, _ in cands]
    sim = similarities(vecs)
    opinion_ids = {a.id for a in corpus.articles() if opinion_piece(a)}
    rows = []
    for group in leader_groups(sim, widest_reach_first(sim, keys)):
        i = _named_leader(group.leader, group.members, cands, sim, opinion_ids)
        centre = cands[i][1]
        if quote_fragment(centre.text) and _speaker(centre.text) is None:
            continue  # words of a quotation whose speaker another sentence names
        cells: dict[str, MatrixCell] = {}
        for outlet in outlets:
            idx = sorted(j for j in group.members if keys[j] == outlet)
            if not idx:
                cells[outlet] = MatrixCell(stance="silent")
                continue
            j = int(max(idx, key=lambda j: sim[i, j]))
            sig = compare(centre.text, cands[j][1].text, float(sim[i, j]))
            # Whole sentences hold several clauses: only concrete conflicts (numbers, dates,
            # places) count here, not a negation somewhere in one of them; and numbers only
            # when the two give one measure different values (the story summary's rule).
            found = [c for c in sig.conflicts if c.kind != "number"]
            found += measure_conflicts(centre, cands[j][1])
            bad = "; ".join(c.shown(centre.text, cands[j][1].text) for c in found)
            if bad:
                cells[outlet] = quoted_cell(corpus, "contradicts", cands[j][1], bad)
            elif j == i or sig.coverage >= ALIGNED_COVERAGE or (
                    # every figure stated, in other words: "has frozen two grants totalling
                    # $3.4m" tells "suspended two active grants worth a combined $3.4
                    # million" (the verifier's support rule, stance.support_gate)
                    sig.figures_stated and sig.coverage >= PARAPHRASE_COVERAGE):
                cells[outlet] = quoted_cell(corpus, "supports", cands[j][1])
            else:
                # On the topic but saying less: "breathed a sigh of relief after she rejected
                # a bold offer" is not told by an outlet that only says she rejected it.
                cells[outlet] = MatrixCell(stance="silent")
        if sum(c.stance != "silent" for c in cells.values()) < 2:
            continue  # a key claim is one that two or more outlets tell
        rows.append(
            MatrixRow(
                # a wire dateline ("HOLLIN (Northline Press) — ") is no part of the claim
                claim=strip_dateline(centre.text).strip(),
                kind="point",
                contradiction=any(c.stance == "contradicts" for c in cells.values()),
                cells=cells,
            )
        )
    return rows


def _speaker(text: str) -> str | None:
    """The speaker's surname ("Donald Trump" and "President Trump" are one speaker)."""
    who = attribution(text)
    if who is None:
        rest = text.split(",", 1)[1] if "," in text else text
        who = subject_of(rest)
    if not who or who == "someone":
        return None
    return who.split()[-1].lower()


def _venue(text: str) -> tuple[str, set[str]] | None:
    """The venue phrase of a speech sentence and its tokens (venue noun + place names)."""
    m = _VENUE.search(text)
    if m is None:
        return None
    phrase = m.group(0).strip()
    tokens = {w for w in re.findall(r"[a-z]+", phrase.lower()) if re.fullmatch(_VENUE_NOUNS, w)}
    tokens |= {p for p in event_places(text) | {e for e in entities(phrase)}}
    return phrase, tokens


def venue_versions(
    cands: Sequence[tuple[str, Sentence]],
) -> list[tuple[str, list[list[tuple[str, Sentence, str]]]]]:
    """Where outlets say one speaker spoke, when they name incompatible venues: (speaker's
    surname, versions), each version a list of (outlet key, sentence, venue phrase) whose
    venues share a token ("university"); only speakers with two versions from two outlets.
    `cands` are (outlet key, sentence) pairs; speech sentences only are read."""
    by_speaker: dict[str, list[tuple[str, Sentence, str, set[str]]]] = {}
    for key, s in cands:
        if not (CUE_RE.search(s.text) or SPEECH_WORDS.search(s.text)):
            continue
        v = _venue(s.text)
        who = _speaker(s.text)
        if v and who:
            by_speaker.setdefault(who, []).append((key, s, v[0], v[1]))
    out = []
    for who, found in by_speaker.items():
        groups: list[list[tuple[str, Sentence, str, set[str]]]] = []
        for item in found:  # venues sharing a token ("university") are one venue
            home = next((g for g in groups if any(item[3] & other[3] for other in g)), None)
            if home is None:
                groups.append([item])
            else:
                home.append(item)
        if len({k for g in groups for k, *_ in g}) < 2 or len(groups) < 2:
            continue
        out.append((who, [[(k, s, phrase) for k, s, phrase, _ in g] for g in groups]))
    return out


def venue_rows(
    corpus: Corpus, cands: Sequence[tuple[str, Sentence]], outlets: Sequence[str]
) -> list[MatrixRow]:
    """Where outlets say one speaker spoke, when they name incompatible venues
    (`venue_versions`): one row per version."""
    rows = []
    for who, groups in venue_versions(cands):
        for g in groups:
            mine = {k for k, *_ in g}
            cells: dict[str, MatrixCell] = {}
            for outlet in outlets:
                if outlet in mine:
                    _, s, phrase = next(x for x in g if x[0] == outlet)
                    cells[outlet] = quoted_cell(corpus, "supports", s, phrase)
                else:
                    other = next(
                        (x for og in groups if og is not g for x in og if x[0] == outlet), None
                    )
                    cells[outlet] = (
                        quoted_cell(corpus, "contradicts", other[1], other[2])
                        if other
                        else MatrixCell(stance="silent")
                    )
            name = who.title()
            rows.append(
                MatrixRow(
                    claim=f"{name} spoke {g[0][2][:1].lower()}{g[0][2][1:]}",
                    kind="venue",
                    contradiction=True,
                    cells=cells,
                )
            )
    return rows


def build_matrix(
    corpus: Corpus, embedder: Embedder, max_claims: int = 12, extra: Sequence[MatrixRow] = ()
) -> Matrix:
    """The matrix of at most `max_claims` rows over the independent outlets: venue rows,
    then rows of sentences two or more outlets tell, plus `extra` rows built elsewhere (the
    story's figure differences, whose versions are often worded too differently to group);
    contradictions first. A point row whose contradicting quotes, or whose claim, an `extra`
    row already shows is left out. Outlets an `extra` row does not name are silent in it."""
    cands = _candidates(corpus)
    outlets = sorted({k for k, _ in cands})
    if not cands:
        return Matrix(outlets=outlets, rows=[])
    vecs = np.asarray(embedder.embed([s.text for _, s in cands]), dtype=np.float32)
    shown = {c.quote for r in extra for c in r.cells.values() if c.quote}
    points = [r for r in point_rows(corpus, cands, vecs, outlets) if not _shown(r, shown)]
    extra = [r.model_copy(update={"cells": {o: r.cells.get(o, MatrixCell(stance="silent"))
                                            for o in outlets}}) for r in extra]
    rows = _reprints_noted(corpus, venue_rows(corpus, cands, outlets) + extra + points)
    supporting = lambda r: sum(c.stance == "supports" for c in r.cells.values())  # noqa: E731
    rows.sort(key=lambda r: (not r.contradiction, -supporting(r)))
    return Matrix(outlets=outlets, rows=rows[:max_claims])


def _reprints_noted(corpus: Corpus, rows: list[MatrixRow]) -> list[MatrixRow]:
    """`rows`, with a note on each silent cell of an outlet that printed a row's quoted
    sentence word for word (Sentence.duplicate_of): it reprints that outlet, so it adds no
    voice of its own, but it is not silent either (two newcomer trials, session 54: a local
    paper reprinting the wire's paragraphs was "silent" on rows it carries)."""
    reprinted: dict[tuple[str, str], set[str]] = {}  # (article, quote) -> reprinting outlets
    for art in corpus.articles():
        for s in art.sentences:
            if s.duplicate_of and corpus.has_sentence(s.duplicate_of):
                original = corpus.sentence(s.duplicate_of)
                reprinted.setdefault((original.article_id, original.text), set()).add(
                    corpus.outlet_key(art.id))
    for row in rows:
        for cell in list(row.cells.values()):
            if cell.stance == "silent" or cell.source is None or cell.quote is None:
                continue
            for outlet in reprinted.get((cell.source, cell.quote), ()):
                mine = row.cells.get(outlet)
                if mine is not None and mine.stance == "silent" and mine.note is None:
                    row.cells[outlet] = MatrixCell(
                        stance="silent",
                        note=f"reprints {corpus.outlet_key(cell.source)} word for word")
    return rows


def _shown(row: MatrixRow, shown: Collection[str | None]) -> bool:
    """Whether the quotes `shown` by other rows hold a contradiction row's contradicting
    quotes, or the sentence that is `row`'s claim (a health newcomer saw "The trial enrolled
    960 patients ..." as a difference row and again as a point row)."""
    return (row.contradiction and all(c.quote in shown for c in row.cells.values()
                                      if c.stance == "contradicts")) or any(
        q is not None and row.claim in q for q in shown)
