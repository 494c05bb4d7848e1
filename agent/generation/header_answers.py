"""Answers about an article's header: who wrote it, when it is dated, which outlet ran it,
its headline.

Two sources hold such values. Some extracted pages keep a header block whose lines are
sentences of their own ("Author: Jane Roe", `Sentence.header`); retrieval finds them like any
sentence. Other inputs give the values as the article's metadata (`Article.byline`, `.date`,
`.outlet`, `.title`); a question that names the outlet ("Who wrote the AP article?") and
found no answer in the evidence is answered from those, cited where the value stands in the
article's text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from agent.generation.asked import compound_parts
from agent.ingest.corpus import Corpus
from agent.retrieval.citations import make_citation
from agent.retrieval.evidence import EvidenceSet, asked_header_fields
from agent.text.analysis import share_of
from agent.text.normalize import content_terms, normalize_for_match
from agent.text.opinion import opinion_piece
from agent.types import AnswerSentence, Article

MAX_ARTICLES = 3  # articles of one named outlet answered about, in corpus order

# field -> (Article attribute, how the answer states it)
_FIELDS = {
    "author": ("byline", "The {outlet} article{title} is by {value}."),
    "date": ("date", "The {outlet} article{title} is dated {value}."),
    "title": ("title", "The {outlet} article's headline is “{value}”."),
}


def names_asked_field(question: str, sentences: Sequence[AnswerSentence], ev: EvidenceSet) -> bool:
    """A question about an article's author, date, outlet or headline is answered only by
    a sentence that states the value of such a header line among the evidence ("Who
    wrote it?" is not answered by "The Gazette wrote it" when the evidence says "Author:
    Jane Roe"). True when no field is asked or no header line of it is in evidence."""
    fields = asked_header_fields(question)
    values = [
        normalize_for_match(e.sentence.text.split(":", 1)[-1])
        for e in ev.items
        if e.sentence.header in fields
    ]
    if not values:
        return True
    said = [normalize_for_match(s.text) for s in sentences]
    return any(v and v in t for v in values for t in said)


def header_line_answer(question: str, ev: EvidenceSet, corpus: Corpus) -> list[AnswerSentence]:
    """The best header-block line of the field the question asks for, quoted as the
    answer and cited ([] when the evidence has none)."""
    fields = asked_header_fields(question)
    for e in ev.items:  # best first
        if e.sentence.header in fields:
            c = make_citation(corpus, e.sentence.article_id, e.sentence.text)
            if c is not None:
                return [AnswerSentence(text=e.sentence.text, citations=[c])]
    return []


def metadata_answer(question: str, corpus: Corpus,
                    ev: EvidenceSet | None = None) -> list[AnswerSentence]:
    """For a question that asks for an author, date or headline and names an outlet of the
    corpus, or else describes one article (`described_articles`: its headline, or what it
    says among the evidence `ev`): one sentence per such article (at most MAX_ARTICLES,
    syndicated copies skipped) stating the value, cited where the value stands in that
    article's text. [] when no field is asked, no article is named, or no value can be
    cited (the question then goes through retrieval like any other). A question that asks
    only for the outlet is answered by `_outlet_answer` (the outlet of the article whose
    byline it names), else by the outlet of the article it describes."""
    asked = asked_header_fields(question)
    fields = [f for f in _FIELDS if f in asked]  # a set's order would vary from run to run
    low = normalize_for_match(question)
    if "outlet" in asked and not fields:
        return _outlet_answer(low, corpus) or [
            AnswerSentence(text=f"The article “{a.title}” ran in {a.outlet}.", citations=[c])
            for a in described_articles(question, corpus, ev)
            if a.title and a.outlet and (c := make_citation(corpus, a.id, a.outlet))]
    if not fields:
        return []
    named = [
        a for a in corpus.articles()
        if a.duplicate_of is None and a.outlet
        and any(re.search(rf"\b{re.escape(n)}\b", low) for n in outlet_names(a.outlet))
    ] or described_articles(question, corpus, ev)
    out: list[AnswerSentence] = []
    seen: set[tuple[str, str]] = set()
    for article in named[:MAX_ARTICLES]:
        for field in fields:
            attr, pattern = _FIELDS[field]
            value = (getattr(article, attr) or "").strip()
            if not value or (field, value.lower()) in seen:
                continue
            cite = make_citation(corpus, article.id, value)
            if cite is None:  # the value is not in the text: nothing to bind it to
                continue
            seen.add((field, value.lower()))
            cites, title = [cite], ""
            if article.title and field != "title":  # the sentence names it: bind it too
                title = f" “{article.title}”"
                title_cite = make_citation(corpus, article.id, article.title)
                cites += [title_cite] if title_cite is not None else []
            outlet = article.outlet or ""
            outlet = outlet[4:] if outlet.lower().startswith("the ") else outlet
            text = pattern.format(outlet=outlet, title=title, value=value)
            out.append(AnswerSentence(text=text, citations=cites))
    return out


# A question that describes one article rather than naming its outlet: "the opinion piece
# calling the commission a kangaroo court", "the article 'Penny-pinching bosses ...'".
_NOUNS = r"(?:article|piece|column|report|story|editorial|op-ed|commentary|blog)\b"
_ARTICLE_NOUN = re.compile(rf"\b{_NOUNS}", re.IGNORECASE)
# A name right before the article noun names its outlet ("the Wall Street Journal report").
_NAMED_ARTICLE = re.compile(rf"((?:[A-Z][\w&'’.-]*\s+)+){_NOUNS}")
# Words that ask for an article that argues rather than reports.
_OPINION_KIND = re.compile(r"\b(?:opinion|column|editorial|op-ed|commentary|comment piece|"
                           r"leader column)\b", re.IGNORECASE)
# Share of a headline's words a question quotes, and share of a description's words one
# headline or sentence holds, that identify the article (dev questions: the description
# "calling the disciplinary commission a kangaroo court" against the headline "A kangaroo
# court has wrecked ...", 2 of 4).
DESCRIBED_SHARE = 0.6
DESCRIPTION_SHARE = 0.5
# Words that ask about an article rather than describe what it says.
_ASKING_WORDS = frozenset(("article", "piece", "column", "report", "reported", "story",
                           "editorial", "opinion", "comment", "commentary", "blog", "wrote",
                           "written", "author", "published", "outlet", "publication",
                           "headline", "call", "calling", "called"))


def described_articles(question: str, corpus: Corpus,
                       ev: EvidenceSet | None = None) -> list[Article]:
    """The article a question describes without naming its outlet ([] when none, or when
    it speaks of no article): the one whose headline it quotes (DESCRIBED_SHARE of the
    headline's words), else the one whose headline or a sentence holds DESCRIPTION_SHARE of
    the words of its first part that do not ask about an article, each word weighed by its
    IDF ("Who wrote the opinion piece calling the commission a kangaroo court?"), among the
    opinion pieces when it asks for one ("the column about ..."); on a tie, an evidence
    sentence (`ev`) first. None when the question names the article's outlet
    and no article of the corpus is from it ("the Wall Street Journal report on ...")."""
    parts = compound_parts(question)
    asked = content_terms(parts[0] if parts else question) - _ASKING_WORDS
    if not _ARTICLE_NOUN.search(question) or not asked:
        return []  # "services run on time" asks of no article
    canonical = [a for a in corpus.articles() if a.duplicate_of is None and a.outlet]
    if _OPINION_KIND.search(question):
        # "the opinion column about the fraud": of the articles about it, the one that
        # argues (agent.text.opinion; a newcomer's court story got the wire's byline)
        canonical = [a for a in canonical if opinion_piece(a)] or canonical
    named = _NAMED_ARTICLE.search(question)
    if named and not any(normalize_for_match(named.group(1)).removeprefix("the ") in
                         outlet_names(a.outlet or "") for a in canonical):
        return []  # "the Wall Street Journal report": an outlet the corpus does not hold
    quoted = [a for a in canonical if a.title and share_of(content_terms(a.title), asked)
              >= DESCRIBED_SHARE]
    if quoted:
        return quoted[:1]
    found = [(e.sentence.article_id, e.sentence.text) for e in (ev.items if ev else [])]
    found += [(a.id, text) for a in canonical
              for text in (a.title or "", *(x.text for x in a.body_sentences))]
    by_id = {a.id: a for a in canonical}
    idf = corpus.term_idf()
    # "kangaroo" says more than "commission"; a word no sentence has (only a headline) most
    rarest = max(idf.values(), default=1.0)
    weight = {t: idf.get(t, rarest) for t in asked}
    total = sum(weight.values())
    best, best_share = None, 0.0
    for article_id, text in found:  # the first of equal shares wins
        share = sum(weight[t] for t in asked & content_terms(text)) / total if total else 0.0
        if article_id in by_id and share >= DESCRIPTION_SHARE and share > best_share:
            best, best_share = by_id[article_id], share
    return [best] if best is not None else []


# A section after the outlet's name ("The Wendmarsh Clarion — Comment", "Gazette | Opinion").
_SECTION = re.compile(r"\s+(?:[—–|:]|-\s)\s*.*$")


def outlet_names(outlet: str) -> list[str]:
    """The ways a question may name an outlet line, normalised: whole, without its section
    ("the wendmarsh clarion"), and without a leading "the" (those two at least 4 letters)."""
    whole = normalize_for_match(outlet)
    bare = _SECTION.sub("", whole)
    names = [bare, bare.removeprefix("the ")]
    return list(dict.fromkeys([whole, *(n for n in names if len(n) >= 4)]))


def _outlet_answer(question: str, corpus: Corpus) -> list[AnswerSentence]:
    """"Which outlet published Farah Beddoes's article?": for each article whose byline
    name the (normalised) question gives, the outlet it ran in, cited where the outlet
    line stands in its text; [] when none."""
    out: list[AnswerSentence] = []
    for a in corpus.articles():
        name = normalize_for_match(re.sub(r"^by\s+", "", a.byline or "", flags=re.I))
        if a.duplicate_of is not None or not a.outlet or len(name) < 4 or not re.search(
                rf"\b{re.escape(name)}\b", question):
            continue
        cite = make_citation(corpus, a.id, a.outlet)
        if cite is not None:
            title = f" “{a.title}”" if a.title else ""
            out.append(AnswerSentence(text=f"The article{title} by {a.byline} ran in {a.outlet}.",
                                      citations=[cite]))
    return out[:MAX_ARTICLES]


def unless_stated(
    question: str, sentences: Sequence[AnswerSentence], corpus: Corpus,
    ev: EvidenceSet | None = None,
) -> list[AnswerSentence]:
    """`sentences`, unless the question asks a named outlet's author, date or headline and
    they state none of the values `metadata_answer` finds: then that answer ("Who wrote The
    Hill article?" answered "The Hill reached out to the White House" gives way to the
    byline). Each metadata sentence's first citation quotes its value."""
    meta = metadata_answer(question, corpus, ev)
    said = normalize_for_match(" ".join(s.text for s in sentences))
    if meta and not any(normalize_for_match(m.citations[0].quote) in said for m in meta):
        return meta
    return list(sentences)
