"""Other outlets' versions of the detail a question asks for.

When outlets disagree on where, when or how many, an answer that cites one of them silently
picks a side. `with_versions` adds, quoted and cited, a sentence of another article that
answers the same question with another place, date or figure. An answer that only a comment
piece backs is that writer's account, and says so (`attributed_opinion`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace

from agent.generation.asked_counts import asked_count_noun
from agent.generation.name_context import name_out_of_context, quote_context
from agent.ingest.corpus import Corpus
from agent.retrieval.citations import make_citation
from agent.retrieval.evidence import (
    EvidenceSet,
    asked_kind,
    gather_evidence,
    lexical_overlap,
)
from agent.retrieval.retrieve import Retriever
from agent.text.actors import actor_and_verb
from agent.text.analysis import analyze
from agent.text.facts import (
    event_places,
    event_weekdays,
    mentions,
    months,
    places,
    strip_dateline,
)
from agent.text.glosses import strip_glosses
from agent.text.injection import looks_like_instruction
from agent.text.normalize import content_terms, normalize_for_match
from agent.text.opinion import opinion_piece
from agent.text.quantities import Quantity, quantities
from agent.text.running import totals_apart
from agent.text.slots import lower_words
from agent.text.speakers import attribution, subject_of
from agent.types import AnswerSentence, Evidence, Sentence
from agent.verification.conflicts import magnitude_ratio
from agent.verification.measures import (
    MAX_MEASURE_RATIO,
    MAX_YEAR_GAP,
    MIN_SHARED,
    Figure,
    figures,
    overlap,
    same_measure,
    terms,
)
from agent.verification.measures import mentions as gives_figure

MAX_VERSIONS = 3  # an answer shows at most this many outlets' versions of a disputed detail
VERSION_CANDIDATES = 20  # evidence sentences whose articles are searched for other versions
# A version shares some of the question's (IDF-weighted) terms; its actor and its differing
# place, date or figure are what make it a version (see `differs`, `_about`).
VERSION_MIN_LEXICAL = 0.05


# Measures carry what they measure in their unit, so two of the same kind can answer the
# same question, if the question asks for that kind. A bare count needs the same counted
# thing ("40,000 seats" vs "42,000-seat"): "14,000 vehicles" and "1,100 lorries" are no two
# versions of one figure.
_ASKED_MEASURES = [
    # "How big is the budget gap?" asks for a sum or a share as much as "how much"
    ("money", re.compile(r"\b(how much|how big|how large|cost|price|paid|pay|worth|spen[dt]|fund|"
                         r"fee|claim)", re.I)),
    ("percent", re.compile(r"\b(percent|percentage|per cent|share|by how much|rate|how big|"
                           r"how large|how high)\b", re.I)),
    ("duration", re.compile(r"\bhow long\b", re.I)),
    ("year", re.compile(r"\b(when|what year|which year)\b", re.I)),
]
# Outlets that disagree on one figure disagree within MAX_MEASURE_RATIO ("£412,000" vs
# "£421,000", "$148m" vs "$184m"), and two years more than MAX_YEAR_GAP apart are two events:
# the bounds of agent.verification.measures.


def _versions_of_one(a: Quantity, b: Quantity, asked: set[str], noun: str | None = None) -> bool:
    """`a` and `b` may be two outlets' figures for the same thing the question asks about
    (`noun`: what a "how many" question counts; other counts are not asked about)."""
    if not a.comparable(b):
        return False
    if a.kind == "count" and not (
            a.head and a.head == b.head
            and (noun is None or a.head.startswith(noun) or noun.startswith(a.head))):
        return False
    if a.kind not in asked and a.kind not in ("count", "measure"):
        return False  # a count's noun and a measure's unit name what they measure
    if a.kind == "year":
        return abs(a.value - b.value) <= MAX_YEAR_GAP
    return magnitude_ratio(a, b) <= MAX_MEASURE_RATIO


# The detail `differs` finds for each kind of question (agent.retrieval.evidence.asked_kind).
_VERSION_OF = {"number": "figure", "date": "date", "place": "place"}
# A size asked by its dimension ("How big is the budget gap?", a council newcomer, session
# 62) asks for a figure too. (Not a retrieval cue: boosting every sentence with a digit for
# it led a dev answer to another council's gap.)
_ASKS_SIZE = re.compile(r"\bhow (?:big|large|high|deep|wide|tall|heavy)\b", re.I)


def asked_detail(question: str) -> str | None:
    """The detail whose versions an answer to `question` shows: "place", "date", "figure",
    or None when it asks for none of them."""
    return _VERSION_OF.get(asked_kind(question) or "") or (
        "figure" if _ASKS_SIZE.search(question) else None)


def differs(answer: str, other: str, question: str = "") -> str | None:
    """What `other` gives differently from `answer`: "place" (a place the answer does not
    name), "date" (a month or weekday it does not, or another year or day of the month),
    "figure" (a figure for the same thing, a count of the same thing or a measure of the
    kind `question` asks for, that none of the answer's agrees with), or None. For a
    where / when / how-many question only the detail asked counts (`_VERSION_OF`): "About
    420 walked out on Monday" is a version of "More than 500 walked out on Sunday" for how
    many, and of its day only for when."""
    want = asked_detail(question)
    # a wire's dateline ("BRACKENFORD, Merland, March 3 (MPA) -") is when and where it was
    # filed, no version of the event's (an energy newcomer, session 61: "March 3" against
    # the answer's fire of Monday 2 March)
    other = strip_dateline(other)
    if want in (None, "place") and _other_place(answer, other, where=want == "place"):
        return "place"
    if want in (None, "date") and _other_day(answer, other):
        return "date"
    # a when question's other year or day of the month is a figure of the detail asked
    also = frozenset({"year", "day"}) if want == "date" else frozenset()
    if want in (None, "figure", "date") and _other_figure(answer, other, question, also):
        return "figure"
    return None


def measured_alike(answer: str, other: str, question: str = "") -> bool:
    """`other` gives a figure or day that is the same measure as one of `answer`'s, with
    another value (agent.verification.measures.same_measure, the rule the verifier and the
    story differences use, on the words beside each figure): "until spring 2028" and
    "joined from Kessock Rovers in 2023" share no word beside their years, and are no two
    versions of when he may play again. The names of `question` do not count as such words."""
    mine, theirs = _figures_of(strip_glosses(answer), "answer"), _figures_of(other, "other")
    # a name the question asks about, beside both figures, is whom they are of, not what
    # they measure ("How long was Fiona Trask jailed for?": "Fiona Trask was jailed for
    # four-and-a-half years" / "For more than five years, Trask forged ...", the fraud's
    # length, was given as a version of the sentence to a court newcomer)
    asked = analyze(question).name_stems
    mine = tuple(_without(f, asked) for f in mine)
    theirs = tuple(_without(f, asked) for f in theirs)
    # The whole sentences need share no words: the version is found by the question's
    # words already (`with_versions`); the words beside the two figures must.
    return any(same_measure(a, b, min_shared=0.0)
               and (not a.quantity.agrees(b.quantity) or a.quantity.beyond_bound(b.quantity))
               for a in mine for b in theirs)


def gives_answer_figures(answer: str, article: str, kind: str = "figure") -> bool:
    """Whether `article` (another outlet's text) gives every sum of money and share of
    `answer` (for `kind` "date": every date of the month), anywhere: an outlet that agrees
    with the answer's "shares rose 18% to $3.69" does not dispute it with its "31 per cent
    more than the $3.13 at which they closed", nor one that gives the answer's "vote on
    Thursday 19 March" with its "last bus on Saturday 28 March" (s45 newcomer) (the story
    differences' rule: an outlet that states a value anywhere gives no other version of
    it). Not counts: an outlet's "four paintings" is a version of "three" even where it
    also says "three oil paintings and a watercolour" (a dev story's labels)."""
    kinds = _DATE_KINDS if kind == "date" else _VERSION_KINDS
    given = [q for q in quantities(strip_glosses(answer)) if q.kind in kinds]
    return bool(given) and all(gives_figure(article, q) for q in given)


_VERSION_KINDS = frozenset(("money", "percent"))
_DATE_KINDS = frozenset(("day",))


def _without(f: Figure, stems: frozenset[str]) -> Figure:
    """`f` with `stems` out of its frame."""
    if f.frame is None or not stems:
        return f
    return replace(f, frame=replace(f.frame, stems=f.frame.stems - stems))


@functools.lru_cache(maxsize=256)
def _figures_of(text: str, outlet: str) -> tuple[Figure, ...]:
    """The figures of `text` as one outlet's sentence (measures.figures), kept: one answer
    is held against every candidate version of `with_versions`."""
    sentence = Sentence(id=f"{outlet}:0", article_id=outlet, doc_id=outlet, start=0,
                        end=len(text), text=text)
    return tuple(figures([(sentence, outlet)]))


def _other_place(answer: str, other: str, where: bool = False) -> bool:
    """Whether `other` names a place that `answer` does not, where the answer names one:
    a place of what was said (`event_places`), or with `where` (the question asks where)
    any place of the sentence ("recaptured ... at Coldharbour Copse" / "found asleep in a
    hay barn at Lowther's Farm")."""
    placed = places if where else event_places
    low, other_low = normalize_for_match(answer), normalize_for_match(other)
    mine_places = placed(answer)
    # "a university event" and "a university in Mexico" may be one place, told with more or
    # less detail: only places that share no word are two versions.
    return bool(mine_places
                and any(not mentions(low, p) for p in placed(other))
                and not any(mentions(other_low, w) for p in mine_places for w in p.split()
                            if len(w) > 3))


def _other_day(answer: str, other: str) -> bool:
    # "responded to a Friday report" dates the report, not the event (`event_weekdays`)
    days, other_days = event_weekdays(answer), event_weekdays(other)
    return bool((months(answer) and months(other) and not months(answer) & months(other))
                or (days and other_days and not days & other_days))


def _month_alike(answer: str, other: str) -> bool:
    """Two sentences about one thing that date it to different months ("to turn Rowan Ward
    into a birth centre from next September" / "From April 2027, Rowan Ward ... will become
    a birth centre"): a month is no figure for `measured_alike` to compare, so the two
    sentences share MIN_SHARED of their content stems instead (a newcomer trial)."""
    answer = strip_glosses(answer)
    mine, theirs = months(answer), months(other)
    return bool(mine and theirs and not mine & theirs
                and overlap(terms(answer), terms(other)) >= MIN_SHARED)


def _other_figure(answer: str, other: str, question: str,
                  also: frozenset[str] = frozenset()) -> bool:
    asked = {kind for kind, cue in _ASKED_MEASURES if cue.search(question)} | set(also)
    mine, theirs = quantities(answer), quantities(other)
    noun = asked_count_noun(question)
    # a when question's versions are of its kinds only: "190,000 homes ... on Monday night"
    # and "about 142,000 homes ... on Monday evening" tell one day (an energy newcomer)
    same = [(a, b) for a in mine for b in theirs if _versions_of_one(a, b, asked, noun)
            and (not also or a.kind in asked) and not totals_apart(answer, a, other, b)]
    # ("more than 140,000" / "nearly 190,000" overlap, but tell two counts: beyond_bound)
    if not same or any(a.agrees(b) and not a.beyond_bound(b) for a, b in same):
        return False
    # A percentage names no unit or noun of its own: two are versions of one measure only
    # in sentences about the same thing (agent.verification.measures, the verifier's and
    # the story differences' rule): "a 31% premium" and "almost half of the market" are two.
    if all(a.kind == "percent" for a, _ in same):
        return overlap(terms(answer), terms(other)) >= MIN_SHARED
    return True


def _about(sentence: str, subject: str, kind: str) -> bool:
    """The sentence is about `subject`: its speaker, else the actor of its main clause, is
    the subject ("In remarks to a university, Sheinbaum responded ..." is about Sheinbaum,
    not Trump). Where and when someone did something belong to a named actor; a figure may
    also stand in a sentence whose actor is a description ("The mission cost $148 million",
    "A local man was convicted of taking £421,000"), which is taken as about the subject."""
    speaker = attribution(sentence)
    if speaker is not None and speaker != "someone":
        return mentions(normalize_for_match(speaker), subject)
    if kind == "figure":
        rest = sentence.split(", ", 1)[1] if ", " in sentence else ""
        for clause in (sentence, rest):
            found = actor_and_verb(clause) if clause else None
            if found is not None:
                return mentions(normalize_for_match(found[0]), subject)
        return True
    rest = sentence.split(",", 1)[1] if "," in sentence else sentence
    return mentions(normalize_for_match(subject_of(rest) or ""), subject)


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
    if not sentences or asked_detail(question) is None:
        return sentences
    answer = " ".join(s.text for s in sentences)
    # one version per independent outlet: a syndicated copy speaks as its original (asked
    # once per article, not once per candidate sentence)
    canonical = functools.cache(corpus.canonical)
    cited = {canonical(c.source) for s in sentences for c in s.citations}
    terms, idf = content_terms(question), corpus.term_idf()
    subject = subject_of(question)
    subject = subject.rstrip("'’") if subject else None  # "Rovers'" is Rovers
    wider = gather_evidence(question, retriever, k=top_k, max_sentences=VERSION_CANDIDATES)
    extra: list[AnswerSentence] = []
    shown: set[str] = set()  # a syndicated copy is one version, shown once
    for sentence, outlet in _version_candidates(corpus, [*ev.items, *wider.items]):
        text = sentence.text
        if (
            len(extra) >= MAX_VERSIONS - 1
            or canonical(sentence.article_id) in cited
            or normalize_for_match(text) in shown
            or looks_like_instruction(text)
            or lexical_overlap(terms, text, idf) < VERSION_MIN_LEXICAL
        ):
            continue
        kind = differs(answer, text, question)
        if kind is None or (subject is not None and not _about(text, subject, kind)):
            continue
        if _of_another_name(question, sentence, corpus):
            continue  # "about 350 homes" of the story's fire, asked of another town's
        if kind in ("figure", "date") and not measured_alike(answer, text, question) \
                and not (kind == "date" and _month_alike(answer, text)):
            continue  # another figure or day of something else ("joined in 2023")
        if kind in ("figure", "date") and gives_answer_figures(
                answer, corpus.article(sentence.article_id).body, kind):
            continue  # the outlet gives the answer's figures too: this one measures another
        cite = make_citation(corpus, sentence.article_id, text)
        if cite is None:
            continue
        extra.append(
            AnswerSentence(text=f"{outlet or 'Another report'} differs: "
                                f"{strip_dateline(text).strip()}", citations=[cite])
        )
        cited.add(canonical(sentence.article_id))
        shown.add(normalize_for_match(text))
    return sentences + extra


def _of_another_name(question: str, sentence: Sentence, corpus: Corpus) -> bool:
    """Whether a name of the question stands nowhere near a candidate version
    (name_context.name_out_of_context over its article): "How many homes were evacuated in
    the Brackmoor fire?" has no version in "Residents of about 350 homes were evacuated
    overnight after a large fire broke out ... in Cinderford" (a newcomer trial)."""
    article = corpus.article(sentence.article_id)
    texts = [s.text for s in article.sentences]
    return name_out_of_context(question, [quote_context(article, sentence.text)],
                               lower_words(texts), [article.body]) is not None


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


def attributed_opinion(sentences: list[AnswerSentence], corpus: Corpus) -> list[AnswerSentence]:
    """The answer with each sentence that cites only comment pieces (extractive.
    opinion_piece) told as their outlet's account: "According to The Clarion — Comment:
    ...". A comment's "called his actions 'a betrayal', and she was right" is its writer's
    view, not a reported fact (a newcomer read such answers as fact). The outlet is named,
    not called a comment piece: the detector takes 2 of the 80 dev reports for one. A
    sentence that names one of its outlets already (a version, a byline answer) is left as
    it is."""
    out = []
    for s in sentences:
        sources = list(dict.fromkeys(c.source for c in s.citations))
        names = [corpus.article(a).outlet or a for a in sources if corpus.has_article(a)]
        if (not names or len(names) < len(sources)
                or not all(opinion_piece(corpus.article(a)) for a in sources)
                or any(n.lower() in s.text.lower() for n in names)):
            out.append(s)
            continue
        out.append(s.model_copy(update={"text": f"According to {names[0]}: {s.text}"}))
    return out
