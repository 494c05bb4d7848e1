"""The story's differences in an answer: the other outlets' versions of the detail asked.

When the answer cites one side of a difference the story summary finds (agent.generation.
differences: a figure, day or venue independent outlets give differently), `with_differences`
adds each other side, quoted and cited; the side most outlets give leads.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from agent.generation.asked import asked_figure_kinds
from agent.generation.asked_counts import asked_count_noun, counts_noun
from agent.generation.difference_records import article_dates
from agent.generation.differences import story_differences
from agent.ingest.corpus import Corpus
from agent.retrieval.citations import make_citation
from agent.retrieval.evidence import EvidenceSet, asked_kind
from agent.text.analysis import analyze
from agent.text.facts import strip_dateline
from agent.text.normalize import normalize_for_match
from agent.text.opinion import opinion_piece
from agent.text.quantities import quantities
from agent.text.tallies import Vote, asked_vote_side
from agent.types import AnswerSentence, Sentence
from agent.verification.gather import SCAN_DOCUMENTS

# The kinds of story difference (agent.generation.differences) that answer each kind of
# question (agent.retrieval.evidence.asked_kind).
_DIFFERENCE_KINDS = {"number": {"number"}, "date": {"day", "month", "time"}, "place": {"place"}}
MAX_STORY_ARTICLES = 12  # articles around an answer searched for its story's differences


def with_differences(
    question: str, sentences: list[AnswerSentence], ev: EvidenceSet, corpus: Corpus
) -> list[AnswerSentence]:
    """The answer, and for each story difference (agent.generation.differences: the figures,
    days and venues independent outlets give differently, the rule the story summary and
    the verifier use) of the kind asked whose one side the answer cites: each other side
    the answer does not cite, as its first outlet's sentence, quoted and cited
    ("TarnValleyNow differs: The River Tarn peaked at 6.1 metres ..." beside the Isles Press
    Agency's 5.8 metres), as `with_versions` shows a version.
    The story is the articles of the evidence and of the answer's citations, and in a
    story folder (at most SCAN_DOCUMENTS documents, as the verifier reads one) every
    article; syndicated copies read as their originals, but for their own paragraphs."""
    figure_kinds = asked_figure_kinds(question)  # "how much ... cost": sums of money only
    kinds = _DIFFERENCE_KINDS.get(asked_kind(question) or "",
                                  {"number"} if figure_kinds else set())
    if not sentences or not kinds:
        return sentences
    # a syndicated copy's sentence is its original's, under another dateline
    cited = _quotes(*sentences)
    ids = [c.source for s in sentences for c in s.citations] + [
        e.sentence.article_id for e in ev.items]
    if corpus.n_documents() <= SCAN_DOCUMENTS:  # a story folder: each article is the story's
        ids += [a.id for a in corpus.articles()]
    story = list(dict.fromkeys(corpus.canonical(a) for a in ids))[:MAX_STORY_ARTICLES]
    items = [(s, corpus.outlet_key(a)) for a in story for s in corpus.article(a).body_sentences]
    # and a copy's own paragraphs, as the copy's (Corpus.sentence_outlet_key)
    copies = [a for a in dict.fromkeys(ids) if a not in story and corpus.canonical(a) in story]
    items += [(s, corpus.sentence_outlet_key(s)) for a in copies
              for s in corpus.article(a).body_sentences if s.duplicate_of is None]

    # "How many wards": a difference over another count of a cited sentence (its patients)
    # is no version of the answer, unless the answer counts no wards at all (its "310,000"
    # users may be an outlet's "310,000 people").
    noun = asked_count_noun(question)
    answer = " ".join(s.text for s in sentences)
    strict = noun is not None and counts_noun(answer, noun)
    # "How many members voted against?": a tally ("by six votes to three") is a version
    # of the answer's count of one side ("with two voting against") when it is of the
    # side the answer's count agrees with (agent.text.tallies)
    votes = [v for s in sentences for c in s.citations
             if (v := analyze(c.quote).vote) is not None] if asked_vote_side(question) else []
    if votes:
        strict = False
    extra: list[AnswerSentence] = []
    lead: list[AnswerSentence] = []  # a version more outlets give than the answer's
    minority: list[Sentence] = []  # the sentences of the answer's side, when one leads
    for diff in story_differences(items, corpus.outlet_name, published=article_dates(corpus)):
        values = [v for side in diff.sides for v in side.values]
        if (diff.kind not in kinds
                or (strict and noun and not any(counts_noun(v, noun) for v in values))
                # a tally question's versions are tallies or counts of its voters: the
                # answer's "31 votes to 24" beside a £3.1m in one sentence makes the £3.1m no
                # answer to "How many councillors voted against?" (a council newcomer)
                or (votes and not any(_of_the_vote(v, noun) for v in values))
                or (figure_kinds and not any(q.kind in figure_kinds
                                             for v in values for q in quantities(v)))):
            continue
        backing = [side.backing or ([side.sentence] if side.sentence else [])
                   for side in diff.sides]
        answered = [any(_quotes_sentence(cited, s)
                        or _same_vote(votes, s) for s in side) for side in backing]
        if not any(answered):
            continue
        # Each other side as the versions above show one: its first outlet's sentence,
        # quoted and cited ("TarnValleyNow differs: The River Tarn peaked at 6.1 metres ...").
        # The side most independent outlets give leads when the answer cites fewer: a
        # reader of the first sentence gets the majority's value (a newcomer trial: three
        # outlets' £600,000 came after a comment piece's £800,000).
        most = max((len(side.outlets) for side, told in zip(diff.sides, answered, strict=True)
                    if told), default=0)
        for side, quotes, told in zip(diff.sides, backing, answered, strict=True):
            cite = (make_citation(corpus, quotes[0].article_id, quotes[0].text)
                    if quotes and not told else None)
            if cite is None:
                continue
            if len(side.outlets) > most and not lead:
                # quoted from a news report where the side has one (a comment piece's
                # "what happened last Tuesday" is a writer's aside); each outlet named is
                # cited by its own sentence
                named = sorted(zip(side.outlets, quotes, strict=False),
                               key=lambda oq: opinion_piece(corpus.article(oq[1].article_id)))
                cites = [c for _, q in named
                         if (c := make_citation(corpus, q.article_id, q.text)) is not None]
                lead.append(AnswerSentence(
                    text=f"According to {_joined([o for o, _ in named])}: "
                         f"{_undated(named[0][1].text)}",
                    citations=cites))
            else:
                # named as the article names its outlet: an id is no name
                name = corpus.article(quotes[0].article_id).outlet or "Another report"
                extra.append(AnswerSentence(text=f"{name} differs: {_undated(quotes[0].text)}",
                                            citations=[cite]))
            cited.append(normalize_for_match(strip_dateline(quotes[0].text)))
        if lead and not minority:
            minority = [s for side, told in zip(backing, answered, strict=True) if told
                        for s in side]
    if lead:
        sentences = [_told_as_other(s, corpus) if any(
            _quotes_sentence(_quotes(s), m) for m in minority) else s for s in sentences]
    return lead + sentences + extra


def _undated(text: str) -> str:
    """A quoted sentence without its wire dateline ("WRENFIELD, England, Dec 8 (Northwire) -
    "): the outlet is named before it, the dateline is no part of what it says."""
    return strip_dateline(text).strip()


def _of_the_vote(value: str, noun: str | None) -> bool:
    """Whether a difference's value is a tally, or a count of votes or of `noun` (the
    voters a question counts)."""
    return (analyze(value).vote is not None or counts_noun(value, "vote")
            or (noun is not None and counts_noun(value, noun)))


def _same_vote(votes: Sequence[Vote], sentence: Sentence) -> bool:
    """Whether `sentence` gives a vote count that one of `votes` agrees with."""
    theirs = analyze(sentence.text).vote if votes else None
    return theirs is not None and any(v.agrees(theirs) for v in votes)


def _quotes(*sentences: AnswerSentence) -> list[str]:
    """The quotes of answer sentences' citations, as `_quotes_sentence` compares them."""
    return [normalize_for_match(strip_dateline(c.quote)) for s in sentences for c in s.citations]


def _quotes_sentence(quotes: Sequence[str], sentence: Sentence) -> bool:
    """Whether one of `quotes` (from `_quotes`) is `sentence`, or a part of it (a syndicated
    copy's sentence, under another dateline, is its original's)."""
    text = normalize_for_match(strip_dateline(sentence.text))
    return any(q and (q in text or text in q) for q in quotes)


def _joined(names: Sequence[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


# An answer sentence that already says whose account it is: "According to X: ...", or a
# version's "X differs: ..." (agent.generation.versions).
_NAMES_SOURCE = re.compile(r"According to |[^:]{1,120} differs?: ")


def _told_as_other(sentence: AnswerSentence, corpus: Corpus) -> AnswerSentence:
    """An answer sentence after a version more outlets give: told as its outlets' account
    ("The Pemberly Gazette differs: ..."), unless it names its source already ("According
    to ...")."""
    names = list(dict.fromkeys(corpus.article(c.source).outlet or "Another report"
                               for c in sentence.citations if corpus.has_article(c.source)))
    if not names or _NAMES_SOURCE.match(sentence.text):
        return sentence
    verb = "differs" if len(names) == 1 else "differ"
    return sentence.model_copy(update={"text": f"{_joined(names)} {verb}: {sentence.text}"})
