"""When and where a question confines what it asks ("on Tuesday, the strike's second day",
"last year", "made in Eastwold Bay"), checked against the answer's cited quotes read with
their articles' publication dates (agent.text.dates): an answer about another day, period or
place, or a total for every one, restates a nearby fact, and the answerer abstains instead
(issue 13: abstain when the question's key detail is in no evidence).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from datetime import date

from agent.generation.asked import COMPOUND
from agent.generation.name_context import sentence_before
from agent.ingest.corpus import Corpus
from agent.retrieval.evidence import DATE_CUE, asked_kind
from agent.text.analysis import analyze, stems
from agent.text.dates import (
    RELATIVE_DAY_WORDS,
    event_dates,
    named_periods,
    publication_date,
    relative_periods,
)
from agent.text.facts import MADE_PUBLIC, MONTHS, WEEKDAYS, beside_speech, months
from agent.text.normalize import STOPWORDS
from agent.types import AnswerSentence


def dated_quotes(corpus: Corpus, sentences: Sequence[AnswerSentence], before: bool = False
                 ) -> list[tuple[str, date | None]]:
    """Each cited quote of `sentences` with its article's publication date; with `before`,
    the quote after the body sentence before it (name_context.sentence_before), which may
    set its scene ("On Saturday night ... . Some 14,000 people were moved out")."""
    out = []
    for c in (c for s in sentences for c in s.citations):
        article = corpus.article(c.source)
        quote = f"{sentence_before(article, c.quote)} {c.quote}".strip() if before else c.quote
        out.append((quote, publication_date(article.date)))
    return out


def tells_another_day(question: str, quotes: Sequence[tuple[str, date | None]]) -> bool:
    """Whether the question dates what it asks about to a weekday ("on Tuesday") and the
    answer's (quote, its article's publication date) pairs name days, none of them the
    question's: "38 flights were cancelled on Monday" does not answer how many were
    cancelled on Tuesday, nor does "yesterday" in an article of Tuesday. A relative day is
    read against its article's date (agent.text.dates.event_dates)."""
    asked = analyze(question).event_weekdays
    if not asked or COMPOUND.search(question):
        return False  # a question of two parts may be answered in its undated one
    told: set[str] = set()
    for quote, published in quotes:
        told |= analyze(quote).event_weekdays
        if published is not None:
            told |= {WEEKDAYS[when.weekday()] for _, when in event_dates(quote, published)}
    return bool(told) and not asked & told


def states_asked_setting(question: str, quotes: Sequence[tuple[str, date | None]],
                         names: Collection[str] = ()) -> bool:
    """Whether a one-part how-many / how-much question that confines its figure to a place
    or a day ("made in Eastwold Bay", "still offline on Wednesday morning") is answered by
    (quote, publication date) pairs that name it: a total for every place or day is no
    answer. On dev answers every answered question of this kind quoted its place or day;
    three unanswerable ones were answered with the whole figure. True for other questions.

    A word of the place's name counts ("the hospital" for "Hollin Community Hospital"),
    and so does the head of a longer name of it among `names` (the cited articles'
    names, lower case): "at the Lyric" is named by "The 540-seat theatre" where the
    article calls it "Lyric Theatre" (an arts newcomer, session 50). A quote that names no
    day (`names_no_day`) tells of its article's day, unless the question asks a part of a
    day or a state at it ("still offline on Wednesday morning"); "since Monday" tells of
    no one day (`_on_day`)."""
    if asked_kind(question) != "number" or COMPOUND.search(question):
        return True
    a = analyze(question)
    asked = {w for p in a.places for w in p.split() if len(w) > 2}
    asked |= {n.split()[-1] for p in a.places for n in names
              if n != p and re.search(rf"\b{re.escape(p)}\b", n)}
    if not (asked or a.weekdays) or not quotes:
        return True
    low = " ".join(q for q, _ in quotes).lower()
    told = {WEEKDAYS[d.weekday()] for q, p in quotes if p is not None
            for _, d in event_dates(q, p)}
    if not _HOUR_OR_STATE.search(question):  # an article's date gives no hour or state then
        told |= {WEEKDAYS[p.weekday()] for q, p in quotes if p is not None and names_no_day(q)}
    # a day named only where a period starts is no day told, however it is dated
    told -= {day for day in WEEKDAYS if day in low and not _on_day(day, low)}
    return (not asked or any(re.search(rf"\b{w}\b", low) for w in asked)) and all(
        _on_day(day, low) or day in told for day in a.weekdays)


# "since Monday": a figure of the days from then on, not of that day ("How many litres ...
# did Hallam Water hand out on the Monday alone?" was answered with "more than 400,000
# litres of bottled water since Monday": a fresh dev question, session 65)
_SINCE = re.compile(r"\b(?:since|from)\s+(?:last\s+|the\s+)?$")


def _on_day(day: str, low: str) -> bool:
    """Whether lower-case `low` names weekday `day` other than as where a period starts."""
    return any(not _SINCE.search(low[max(0, m.start() - 12):m.start()])
               for m in re.finditer(rf"\b{day}\b", low))


def names_no_day(quote: str) -> bool:
    """Whether `quote` names no day of the month, weekday or relative day ("yesterday"):
    a wire's "Shares fell 19% to 332p by midday" tells of its article's own day, so it
    answers "How far did the shares fall on Tuesday?" in an article of a Tuesday (a
    business newcomer, session 52)."""
    return not (analyze(quote).weekdays or months(quote) or _RELATIVE_DAY.search(quote))


# "still offline on Wednesday morning": a part of the day, or a state at a time, that an
# article's date does not give ("240,000 households were affected" in Wednesday's article).
_HOUR_OR_STATE = re.compile(r"\b(?:morning|afternoon|evening|night|midday|noon|still)\b",
                            re.IGNORECASE)
_RELATIVE_DAY = re.compile(r"\b(?:yesterday|today|tomorrow|tonight|last night|overnight)\b",
                           re.IGNORECASE)


# "in 2023": a year the question confines what it asks to. "the 2022 election", "the 1968
# flood" confine it too when the year is before the article's (fresh dev questions, session
# 65: "How many people had to leave their homes during the 1968 Tarn flood?" was answered
# with this flood's figures); a year that is a count ("2000 homes") is none.
_IN_YEAR = re.compile(r"\b(?:in|during|since)\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_NAMED_YEAR = re.compile(r"(?<![\d,.£$€])\b((?:19|20)\d\d)\b(?![\d,]|\s+[a-z]+s\b)")


def states_asked_period(question: str, quotes: Sequence[tuple[str, date | None]]) -> bool:
    """Whether the cited (quote, its article's publication date) pairs name the period the
    question confines itself to ("last year", "last month", "in 2023", "the July
    inspection": July of any year), read against each
    article's date (agent.text.dates): "What did Bramwell offer last year?" is not answered
    by this week's offer. True when the question names no period or no article is dated."""
    years = {(int(y), 0) for y in _IN_YEAR.findall(question)}
    named = {int(y) for y in _NAMED_YEAR.findall(question)}
    # a month the question names ("the council's July inspection"), in any year
    asked_months = {MONTHS.index(m) + 1 for m in months(question)}
    dated = [(q, p) for q, p in quotes if p is not None]
    if not dated or not (years or named or asked_months
                         or relative_periods(question, dated[0][1])):
        return True
    for quote, published in dated:
        earlier = {(y, 0) for y in named if y < published.year}
        asked = years | earlier | relative_periods(question, published)
        if not asked and not asked_months:
            return True  # "the 2026 election" in an article of 2026: the news itself
        told = named_periods(quote, published)
        if any(p in told or (p[1] == 0 and any(t[0] == p[0] for t in told)) for p in asked):
            return True
        if asked_months and not asked and any(t[1] in asked_months for t in told):
            return True
    return False


# "When did the university announce the closure?" asks the day of the announcement, not of
# the closure ("The closure will take effect on 31 July 2027, ..., a spokesperson said": a
# newcomer trial, session 46): the day a verb of making public dates
# (agent.text.facts.MADE_PUBLIC, beside_speech).
def dates_asked_statement(question: str, quotes: Sequence[str]) -> bool:
    """Whether a one-part when-question about making something public ("When did the
    ministry confirm the outbreak?") is answered by a quote that dates a statement: a date
    (agent.retrieval.evidence.DATE_CUE) after a verb of making public and its object ("the
    university announced on Monday", "confirmed the outbreak on Friday", "confirmed this
    week") or beside a speech word ("said on Tuesday evening"; both
    agent.text.facts.beside_speech). True for other questions."""
    if statement_verb(question) is None:
        return True
    return any(beside_speech(quote, d.start(), d.end())
               for quote in quotes for d in DATE_CUE.finditer(quote))


def dates_asked(question: str, texts: Sequence[str]) -> bool:
    """Whether a one-part when-question is answered by a date of what it asks: of the
    statement for a question about making something public (`dates_asked_statement`),
    else a date that is not only the day something was said (`dates_asked_event`), a day
    where it asks for one (`gives_asked_day`), and a date of the asked end of an event
    (`dates_asked_phase`)."""
    return (dates_asked_statement(question, texts) and dates_asked_event(question, texts)
            and gives_asked_day(question, texts) and dates_asked_phase(question, texts))


# "On what date ...?", "On which day ...?": a day, not a month or a year.
_ASKS_DAY = re.compile(r"\b(?:what|which)\s+(?:date|day)\b(?!\s+of\s+the\s+(?:week|month))",
                       re.IGNORECASE)
_NAMES_DAY = re.compile(rf"\b(?:{RELATIVE_DAY_WORDS}|" + "|".join(WEEKDAYS) + r")\b"
                        r"|\b\d{4}-\d\d-\d\d\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b",  # 2026-11-04
                        re.IGNORECASE)


def gives_asked_day(question: str, texts: Sequence[str]) -> bool:
    """Whether a one-part question asking on what date or day something happens is
    answered by texts that name a day: a day of a month, a weekday or a day relative to
    the article's ("yesterday"). "Kestrel shareholders are expected to vote in August"
    does not say on what date they vote (fresh dev questions, session 65). True for other
    questions."""
    if not _ASKS_DAY.search(question) or COMPOUND.search(question):
        return True
    return any(_NAMES_DAY.search(t) or any(q.kind == "day" for q in analyze(t).quantities)
               for t in texts)


def dates_asked_event(question: str, texts: Sequence[str]) -> bool:
    """Whether a one-part when-question about an event ("When is the school expected to
    close?") is answered by a date other than one beside a speech word: "An academy trust
    said on Monday it plans to close Harwood Moor Academy" tells when it was said, not when
    the school closes (an education newcomer, session 53; the mirror of
    `dates_asked_statement`; a speech word past a comma dates nothing said, as in "on 10
    September, officials said"). True for other questions, and when no text dates anything."""
    if (asked_kind(question) != "date" or COMPOUND.search(question)
            or statement_verb(question) is not None or _ASKS_SAID.search(question)):
        return True
    dates = [(t, d) for t in texts for d in DATE_CUE.finditer(t)]
    return not dates or any(not beside_speech(t, d.start(), d.end(), within_clause=True)
                            for t, d in dates)


# "When did she say ...?", "When was it reported ...?": the day of the saying is asked.
_ASKS_SAID = re.compile(r"\b(?:say|said|tell|told|report|reported|claim|claimed|warn|"
                        r"warned|write|wrote)\b", re.IGNORECASE)


def statement_verb(question: str) -> str | None:
    """The stem of the verb of making public ("announc") a one-part when-question asks the
    day of (`dates_asked_statement`), else None."""
    m = MADE_PUBLIC.search(question)
    if m is None or asked_kind(question) != "date" or COMPOUND.search(question):
        return None
    return m.group(1).lower()


# "Which heater is being recalled?", "Why have the trains been cancelled?": the act asked
# about is going on or just done (a present auxiliary, its subject, then its participle).
_ONGOING_ACT = re.compile(r"\b(?:is|are|has|have)\b(?:\s+[\w'’-]+){0,4}?\s+(?:been\s+|being\s+)?"
                          r"(?P<act>[a-z]+(?:ed|en))\b", re.IGNORECASE)


def tells_earlier_occasion(question: str, quotes: Sequence[tuple[str, date | None]]) -> bool:
    """Whether an undated question about an act going on or just done
    (`_ONGOING_ACT`: "Which product is being recalled?") is answered only by quotes that
    tell the act (its stem) in a year before their article's: "in 2023, rival Vantor
    Appliances recalled about 12,000 of its radiators" is an earlier recall, not the one
    asked about (a consumer-safety newcomer, session 63). False when any quote may tell
    of the present one, or when no article is dated."""
    m = _ONGOING_ACT.search(question)
    if m is None or DATE_CUE.search(question) or not quotes:
        return False
    act = analyze(m.group("act")).stems
    for quote, published in quotes:
        earlier = [int(y) for y in _IN_YEAR.findall(quote)]
        if (published is None or not act <= analyze(quote).stems
                or not earlier or max(earlier) >= published.year):
            return False
    return True


# What a place preposition opens, up to three words: "at Brantwick Wildlife Park", "in a hay
# barn", "near the harbour", "off the coast".
_PLACE_PHRASE = re.compile(
    r"\b(?:in|at|near|inside|outside|into|aboard|beside|behind|off|from)\s+"
    r"((?:[\w’'-]+\s*){1,3})", re.IGNORECASE)


def _phrase_words(phrase: str) -> list[str]:
    """The content words of a place phrase, lower-case, up to the first function word
    after one ("Stavenby on Monday": "stavenby"; "a hay barn": "hay", "barn")."""
    words: list[str] = []
    for word in (w.lower().strip("’'") for w in phrase.split()):
        if word in STOPWORDS or word.isdigit():
            if words:
                break
            continue
        words.append(word)
    return words


def gives_new_place(question: str, texts: Sequence[str]) -> bool:
    """Whether the answer `texts` to a one-part where-question name a place beyond the
    question's own: "Where did Juniper live before she came to Brantwick Wildlife Park?"
    is not answered by "Juniper is back at Brantwick Wildlife Park" (a dev question the
    articles cannot answer). A phrase a place preposition opens (`_PLACE_PHRASE`) with a
    word the question does not hold is a new place; so is a lower-case one ("in a hay
    barn"), and a month, weekday or year is none. True for other questions, and when no
    text has a place phrase at all (agent.retrieval.evidence.answer_type_match sees to
    that)."""
    if asked_kind(question) != "place" or COMPOUND.search(question):
        return True
    asked = {w.lower() for w in re.findall(r"[\w’'-]+", question)}
    when = set(MONTHS) | set(WEEKDAYS)
    found = False
    for text in texts:
        for m in _PLACE_PHRASE.finditer(text):
            words = _phrase_words(m.group(1))
            if not words or words[0] in when:
                continue  # "in 2023", "on Monday": when, not where
            found = True
            if any(w not in asked and w.removesuffix("’s").removesuffix("'s") not in asked
                   for w in words):
                return True
    return not found


# "When did the hospital last have an outbreak before this one?", "In which year was the
# museum previously burgled?": a question about an earlier occasion of the story's event.
_EARLIER_OCCASION = re.compile(r"\bprevious(?:ly)?\b|\bbefore\s+(?:this|that|the\s+current)\b"
                               r"|\bprior\s+to\s+(?:this|that)\b", re.IGNORECASE)
# Words that tell an earlier time without a year: "years ago", "once before".
_TOLD_EARLIER = re.compile(r"\b(?:ago|previous(?:ly)?|once before|in the past|earlier)\b",
                           re.IGNORECASE)


def tells_asked_earlier_occasion(question: str,
                                 quotes: Sequence[tuple[str, date | None]]) -> bool:
    """Whether quotes (with their articles' dates) answer a question about an earlier
    occasion (`_EARLIER_OCCASION`) with one: a period before their article's year ("in
    2019", "last year": agent.text.dates.named_periods) or a word of an earlier time
    (`_TOLD_EARLIER`). "When did St Brigid's last have a norovirus outbreak before this
    one?" is not answered by the days of this outbreak (a dev question; a newcomer's strike
    story, session 66, had the same). True for other questions and when no quote is dated."""
    if not _EARLIER_OCCASION.search(question) or COMPOUND.search(question):
        return True
    dated = [(q, p) for q, p in quotes if p is not None]
    if not dated:
        return True
    return any(_TOLD_EARLIER.search(q) or any(y < p.year for y, _ in named_periods(q, p))
               for q, p in dated)


# Verbs of an event's two ends (their stems): "When did the strike start?" is not answered
# by "The strike is scheduled to end at 6am on Friday" (a newcomer's strike story, session 66).
_PHASES = (frozenset(stems("start begin began begun open opened launch commence")),
           frozenset(stems("end ended finish finished close closed conclude stop stopped")))


def dates_asked_phase(question: str, texts: Sequence[str]) -> bool:
    """Whether the answer `texts` to a one-part when-question about an event's start (or its
    end) date it by that end: False when every clause that holds a date (DATE_CUE) names a
    verb of the other end (`_PHASES`) and none of the asked one. True for other questions,
    and when no text dates anything."""
    if asked_kind(question) != "date" or COMPOUND.search(question):
        return True
    asked = set(stems(question))
    phase = next((n for n, verbs in enumerate(_PHASES) if verbs & asked), None)
    if phase is None:
        return True
    clauses = [stems(c) for t in texts for c in re.split(r"[,;:]", t) if DATE_CUE.search(c)]
    return not clauses or any(_PHASES[phase] & c or not _PHASES[1 - phase] & c
                              for c in clauses)
