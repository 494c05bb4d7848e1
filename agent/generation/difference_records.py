"""The story's differences over a whole corpus, and as the other stages read them: the rows
of `compare`'s cross-outlet matrix and the verify stage's dispute records. The differences
themselves are found in agent.generation.differences; no model call. And a difference with
its weekdays dated for a reader away from the articles (`dated_difference`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from agent.generation.differences import story_differences
from agent.generation.extractive import Difference
from agent.ingest.corpus import Corpus
from agent.text.dates import publication_date, weekday_date
from agent.text.facts import WEEKDAYS, strip_dateline
from agent.text.glosses import bracketed_date, date_glossed
from agent.text.opinion import opinion_piece
from agent.types import Sentence
from agent.verification.compare import Cell, MatrixCell, MatrixRow, quoted_cell
from agent.verification.disputes import Dispute, DisputeSide


def article_dates(corpus: Corpus) -> Callable[[str], date | None]:
    """An article id's publication date (agent.text.dates.publication_date), None when its
    article gives none."""
    return lambda article_id: publication_date(corpus.article(article_id).date)


def corpus_differences(corpus: Corpus) -> list[Difference]:
    """`story_differences` over every body sentence of the corpus that repeats no other
    article's (a sentence copied from another article speaks as its original; a syndicated
    copy's own paragraphs as the copy, `Corpus.sentence_outlet_key`), no line led from an
    opinion piece: what the story summary and `compare` show. Code only: no model is built
    or called."""
    articles = corpus.articles()
    items = [(s, corpus.sentence_outlet_key(s)) for a in articles for s in a.body_sentences
             if s.duplicate_of is None]
    opinion = {a.id for a in articles if opinion_piece(a)}
    return story_differences(items, corpus.outlet_name, opinion, article_dates(corpus))


def story_disputes(corpus: Corpus) -> list[Dispute]:
    """The figures of `corpus_differences` as the verify stage's records
    (agent.verification.disputes): each side's figures, its backing sentences and outlets;
    differences of places are left out."""
    found = ((d.detail, tuple(DisputeSide(s.figures, tuple(s.backing or [s.sentence]),
                                          tuple(s.outlets))
                              for s in d.sides if s.figures and s.sentence))
             for d in corpus_differences(corpus))
    return [Dispute(detail, sides) for detail, sides in found if len(sides) > 1]


def difference_rows(differences: Sequence[Difference], corpus: Corpus) -> list[MatrixRow]:
    """The figure and date `differences` (`story_differences`; venues have compare's own
    rows) as contradiction rows of the cross-outlet matrix (agent.verification.compare).
    The claim is the first side's clause (the line's lead, else its sentence without a
    dateline), taken from a report rather than an opinion piece where a side allows; the
    outlets of that side support it and those of the other sides contradict it, each cell
    quoting its outlet's sentence with the values it gives as the note. Cells are keyed by
    outlet key (corpus.outlet_key); outlets not named are left for build_matrix to fill."""
    rows = []
    for d in differences:
        sides = [(s, s.sentence) for s in d.sides if s.sentence is not None]
        if d.kind == "place" or len(sides) < 2:
            continue
        reported = [x for x in sides if not opinion_piece(corpus.article(x[1].article_id))]
        first, said = reported[0] if reported else sides[0]
        led = d.lead and first is d.sides[0]  # the lead is worded from the first side
        claim = (f"{d.lead[:1].upper()}{d.lead[1:]}." if led
                 else strip_dateline(said.text).strip())
        cells: dict[str, MatrixCell] = {}
        for side, sentence in [(first, said), *(x for x in sides if x[0] is not first)]:
            stance: Cell = "supports" if side is first else "contradicts"
            backing = side.backing or [sentence]
            for name, s in zip(side.outlets, backing, strict=False):
                values = ", ".join(side.worded.get(name, side.values))
                cells.setdefault(corpus.outlet_key(s.article_id),
                                 quoted_cell(corpus, stance, s, values))
        rows.append(MatrixRow(claim=claim, kind="figure", contradiction=True, cells=cells))
    return rows


def dated_difference(diff: Difference, published: Callable[[str], date | None]) -> Difference:
    """`diff` with the calendar date in brackets after each weekday a side gives ("Monday
    [23 November 2026] (A, B) vs Friday [20 November 2026] (C)"), read against the article
    date of every sentence backing the side (agent.text.dates.weekday_date); a weekday
    those sentences date differently is left as it is. A lead, the clause of the first side's
    sentence (agent.generation.difference_leads.figure_lead), and another side's own clause
    are dated against their sentences' articles (agent.text.glosses.date_glossed)."""
    if diff.lead and diff.sides and diff.sides[0].sentence is not None:
        first = diff.sides[0].sentence
        diff = replace(diff, lead=date_glossed(diff.lead, published(first.article_id)), sides=[
            replace(s, clause=date_glossed(s.clause, published(s.sentence.article_id)))
            if s.clause and s.sentence is not None else s for s in diff.sides])
    if diff.kind != "day":
        return diff
    sides = []
    for side in diff.sides:
        backing = side.backing or ([side.sentence] if side.sentence else [])
        sides.append(replace(
            side, values=tuple(_dated_weekday(v, backing, published) for v in side.values),
            worded={o: tuple(_dated_weekday(v, backing, published) for v in vs)
                    for o, vs in side.worded.items()}))
    return replace(diff, sides=sides)


def _dated_weekday(value: str, backing: Sequence[Sentence],
                   published: Callable[[str], date | None]) -> str:
    """`value` ("Monday", "Saturday, 3am") with its weekday's date in brackets, when every
    `backing` sentence's article dates that weekday alike ("yesterday" its weekday and date,
    agent.text.glosses.date_glossed); else `value` as it is."""
    day = next((d for d in WEEKDAYS if re.search(rf"\b{d}\b", value, re.I)), None)
    if day is None:  # "yesterday [Tuesday 9 June 2026]": a day named relative to its date
        glossed = {date_glossed(value, published(s.article_id)) for s in backing}
        return glossed.pop() if len(glossed) == 1 else value
    dated = {weekday_date(s.text, day, p) if (p := published(s.article_id)) else None
             for s in backing}
    when = dated.pop() if len(dated) == 1 else None
    if when is None:
        return value
    return re.sub(rf"\b{day}\b", lambda m: m.group(0) + bracketed_date(when), value, count=1,
                  flags=re.I)
