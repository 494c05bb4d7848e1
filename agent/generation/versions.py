"""Other outlets' versions of the detail a question asks for.

When outlets disagree on where, when or how many, an answer that cites one of them silently
picks a side. `with_versions` adds, quoted and cited, a sentence of another article that
answers the same question with another place, date or figure.
"""

from __future__ import annotations

from collections.abc import Sequence

from agent.ingest.corpus import Corpus
from agent.retrieval.citations import make_citation
from agent.retrieval.evidence import (
    EvidenceSet,
    answer_type_match,
    gather_evidence,
    lexical_overlap,
)
from agent.retrieval.retrieve import Retriever
from agent.text.facts import attribution, event_places, mentions, months, subject_of, weekdays
from agent.text.injection import looks_like_instruction
from agent.text.normalize import content_terms, normalize_for_match
from agent.text.quantities import quantities
from agent.types import AnswerSentence, Evidence, Sentence

MAX_VERSIONS = 3  # an answer shows at most this many outlets' versions of a disputed detail
VERSION_CANDIDATES = 20  # evidence sentences whose articles are searched for other versions
# A version shares some of the question's (IDF-weighted) terms; its actor and its differing
# place, date or figure are what make it a version (see `differs`, `_about`).
VERSION_MIN_LEXICAL = 0.05


def differs(answer: str, other: str) -> bool:
    """`other` gives another place, date or figure than `answer`: a place the answer does not
    name, a month or weekday it does not, or a figure for the same thing that none of the
    answer's agrees with."""
    low = normalize_for_match(answer)
    if any(not mentions(low, p) for p in event_places(other)) and event_places(answer):
        return True
    if (months(answer) and months(other) and not months(answer) & months(other)) or (
        weekdays(answer) and weekdays(other) and not weekdays(answer) & weekdays(other)
    ):
        return True
    # A figure differs only for the same thing counted (same next word: "troops").
    mine, theirs = quantities(answer), quantities(other)
    same = [(a, b) for a in mine for b in theirs if a.comparable(b) and a.head and a.head == b.head]
    return bool(same) and not any(a.agrees(b) for a, b in same)


def _about(sentence: str, subject: str) -> bool:
    """The sentence's actor (its speaker, else the subject of its main clause) is `subject`:
    "In remarks to a university, Sheinbaum responded ..." is about Sheinbaum, not Trump."""
    rest = sentence.split(",", 1)[1] if "," in sentence else sentence
    actor = attribution(sentence) or subject_of(rest) or ""
    return actor != "someone" and mentions(normalize_for_match(actor), subject)


def with_versions(
    question: str,
    sentences: list[AnswerSentence],
    ev: EvidenceSet,
    corpus: Corpus,
    retriever: Retriever,
    top_k: int,
) -> list[AnswerSentence]:
    """For a where / when / how-many question: a sentence of another article that answers
    the same question (the asked kind, most of the question's terms) with another place,
    date or figure than the answer is added as a second version, quoted and cited, so the
    answer does not silently pick one outlet's account."""
    if not sentences or answer_type_match(question, "") is None:
        return sentences
    answer = " ".join(s.text for s in sentences)
    cited = {c.source for s in sentences for c in s.citations}
    terms, idf = content_terms(question), corpus.term_idf()
    subject = subject_of(question)
    wider = gather_evidence(question, retriever, k=top_k, max_sentences=VERSION_CANDIDATES)
    extra: list[AnswerSentence] = []
    for sentence, outlet in _version_candidates(corpus, [*ev.items, *wider.items]):
        text = sentence.text
        if (
            len(extra) >= MAX_VERSIONS - 1
            or sentence.article_id in cited
            or looks_like_instruction(text)
            or lexical_overlap(terms, text, idf) < VERSION_MIN_LEXICAL
            or (subject is not None and not _about(text, subject))
            or not differs(answer, text)
        ):
            continue
        cite = make_citation(corpus, sentence.article_id, text)
        if cite is None:
            continue
        extra.append(
            AnswerSentence(text=f"{outlet or 'Another report'} differs: {text}", citations=[cite])
        )
        cited.add(sentence.article_id)
    return sentences + extra


def _version_candidates(
    corpus: Corpus, items: Sequence[Evidence]
) -> list[tuple[Sentence, str | None]]:
    """The evidence sentences, then every other sentence of their articles: where an
    outlet says something happened is often in a sentence retrieval ranks low."""
    out: dict[str, tuple[Sentence, str | None]] = {}
    for e in items:
        out.setdefault(e.sentence.id, (e.sentence, e.outlet))
    for aid in dict.fromkeys(e.sentence.article_id for e in items):
        article = corpus.article(aid)
        for s in article.sentences:
            if s.duplicate_of is None:
                out.setdefault(s.id, (s, article.outlet))
    return list(out.values())
