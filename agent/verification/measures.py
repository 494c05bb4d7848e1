"""Figures of independent outlets that measure the same thing: the one linking rule that the
verifier (another outlet's version of a claim's figure, agent.verification.claim_figures),
the story summary's differences (agent.generation.differences) and `compare` use.

1. Each sentence's figures, one per thing it measures: the first count of a noun, the first
   sum of money, percentage, duration, year, date, time of day or weekday (a sentence's
   later figure of the same thing is usually a comparison: "peaked at 5.8 metres, beating
   the record of 5.2 metres"). A tally ("by 14 votes to 9") is one figure with its second
   count. Each figure keeps its frame, the words beside it (agent.text.frames).
2. Two figures of different outlets are *the same measure* when they are comparable (same
   kind and unit, agent.text.quantities), a count counts the same noun, a measure lies within
   MAX_MEASURE_RATIO (a year within MAX_YEAR_GAP), their sentences share at least
   MIN_SHARED of their content stems (overlap coefficient: shared / the smaller set),
   and their frames agree (`same_frame`).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from agent.text.analysis import TITLE_STEMS, analyze, speech_stems, stem
from agent.text.counted import share_pairs
from agent.text.dates import relative_days
from agent.text.facts import MONTHS, WEEKDAYS
from agent.text.frames import WEEKDAY_WORD, Frame, dates_statement, figure_frames
from agent.text.measured import acts_apart, figure_thing, holdings_apart, is_gap
from agent.text.near_miss import things_apart
from agent.text.quantities import Quantity
from agent.text.running import totals_apart
from agent.text.tallies import tally_second
from agent.text.tense import ahead, behind
from agent.types import Sentence
from agent.verification.conflict import Conflict, figure_conflict
from agent.verification.conflicts import MAX_MEASURE_RATIO, magnitude_ratio

# Tuned on the dev stories' labelled conflicts (evals/stories/*/conflicts.jsonl, split dev);
# see the issue 15 results in evals/results.
MIN_SHARED = 0.2
# Two sentences that each give one sum of money and share this much of their content stems
# give it for one thing, whatever words stand beside the sums (`lone_sum`; a crime newcomer,
# session 62: 0.31 and 0.29 for the two pairs of its outlets' leads).
LONE_SUM_SHARED = 0.3
MAX_YEAR_GAP = 5
MAX_DAY_GAP = 31  # two outlets' dates of one event in different months (dev: a week apart)
MEASURE_KINDS = frozenset(("count", "money", "percent", "duration", "year", "day", "time",
                           "weekday", "measure"))
# A date of what is to come and one of what was are of two events (agent.text.dates.ahead,
# behind): "would announce compensation on Wednesday" is no version of "cut service ... on
# Tuesday" (a newcomer trial). Days count since `ahead` reads "would" as what is to come
# ("said it would review ... on 3 September" beside "will hold the hearing on 10 September",
# dev saltmere q09, had been read as past).
DATE_KINDS = frozenset(("year", "day", "weekday"))
# When something happened: the weekdays beside such a figure are part of its value, not a
# sign of another event ("at 3am on Saturday" vs "at about 10pm on Friday").
WHEN_KINDS = frozenset(("day", "time", "weekday"))


@dataclass(frozen=True)
class Figure:
    """One figure of one outlet's sentence."""

    sentence: Sentence
    outlet: str
    quantity: Quantity
    against: Quantity | None = None  # a tally's second count ("14 votes to 9": the 9)
    frame: Frame | None = None  # the words beside it (agent.text.frames)


def figures(items: Sequence[tuple[Sentence, str]],
            published: Callable[[str], date | None] | None = None) -> list[Figure]:
    """The figures of (sentence, outlet key) `items`, at most one per thing a sentence
    measures (kind, unit and counted noun; a part of a group and the whole group are two:
    "at 41 of 60 sampling sites"). `published` gives an article id's date, which makes
    its relative days weekdays (`sentence_figures`)."""
    out: list[Figure] = []
    for s, outlet in items:
        seen: set[tuple[str, str, str, bool]] = set()
        when = published(s.article_id) if published is not None else None
        found = sentence_figures(s.text, when)
        frames = _frames(s.text, when)
        # "two-thirds of its 3.6 million customers" gives 2.4 million of them, not 3.6
        parts = {id(whole): part for part, whole in share_pairs(s.text, found)}
        for n, q in enumerate(found):
            q = parts.get(id(q), q)
            key = (*measure_key(q), q.part)
            if q.kind in MEASURE_KINDS and key not in seen:
                seen.add(key)
                out.append(Figure(s, outlet, q, tally_second(q, found[n + 1:]), frames[n]))
    return out


def measure_key(q: Quantity) -> tuple[str, str, str]:
    """What a figure measures, as far as its own words tell: kind, unit, and the counted noun
    of a count (the month of a day)."""
    return (q.kind, q.unit, q.head if q.kind in ("count", "day") else "")


@functools.lru_cache(maxsize=8192)
@functools.lru_cache(maxsize=8192)
def sentence_figures(text: str, published: date | None = None) -> tuple[Quantity, ...]:
    """The sentence's quantities (agent.text.quantities), then one figure of kind "weekday"
    (value 0 for Monday .. 6) for each weekday that dates its event (`analyze(text).
    event_weekdays`), `said` as written; with the article's date `published`, one for
    each day it names relative to that date too ("inspected the plant yesterday" in an
    article of Wednesday 10 June is Tuesday: agent.text.dates.relative_days), `said` the
    words as written. An environment newcomer, session 71: one outlet's "yesterday" against
    three outlets' "on Monday" was told as plain fact, with no difference line. The
    article's own day ("today", "this morning") is left out: it more often tells how
    things stand as the article is written ("Passengers faced a second day of disruption
    today") than the day of one act (dev orrin-airport-strike)."""
    analysis = analyze(text)
    days = analysis.event_weekdays
    extra = []
    for m in WEEKDAY_WORD.finditer(text):
        day = m.group(0).lower()
        if day in days:
            n = float(WEEKDAYS.index(day))
            extra.append(Quantity(n, n, n, "weekday", said=m.group(0)))
    for word, when in relative_days(text, published):
        written = re.search(rf"\b{re.escape(word)}\b", text, re.IGNORECASE)
        if written is not None and when != published:
            n = float(when.weekday())
            extra.append(Quantity(n, n, n, "weekday", said=written.group(0)))
    return analysis.quantities + tuple(extra)


@functools.lru_cache(maxsize=8192)
def _frames(text: str, published: date | None = None) -> tuple[Frame | None, ...]:
    return figure_frames(text, sentence_figures(text, published))


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared stems over the smaller set (0 when either is empty)."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def comparable_measure(qa: Quantity, qb: Quantity) -> bool:
    """Whether two figures may be values of one measure, whatever their sentences say:
    comparable, a count of the same noun (both of a part, "two of the branches", or both of
    a whole: `Quantity.part`), within MAX_MEASURE_RATIO (years MAX_YEAR_GAP);
    two dates of the month in different months when at most MAX_DAY_GAP days apart ("from
    1 June" and "from 25 May": Quantity.comparable holds a day to its month)."""
    if qa.kind == qb.kind == "day" and qa.head != qb.head:
        return _days_apart(qa, qb) <= MAX_DAY_GAP
    if not qa.comparable(qb) or qa.per != qb.per:  # a rate and an amount are two measures
        return False
    if qa.kind == "count" and (not qa.head or qa.head != qb.head or qa.part != qb.part):
        return False  # "two of the branches on the list" counts a part, not all that close
    whole_a, whole_b = _whole(qa), _whole(qb)
    if whole_a and whole_b and whole_a != whole_b:
        return False  # "a third of the country's hops" is no rival of "two-thirds of her land"
    if qa.kind == "year" and abs(qa.value - qb.value) > MAX_YEAR_GAP:
        return False
    return not (qa.kind in ("money", "percent", "duration", "count", "measure")
                and magnitude_ratio(qa, qb) > MAX_MEASURE_RATIO)


_SHARE_WORDS = re.compile(r"\b(?:half|thirds?|quarters?|in|out of)\b", re.IGNORECASE)


def _whole(q: Quantity) -> str:
    """The noun a share said as a fraction or a ratio is a part of ("hop" of "a third of the
    country's hops"), else "" (a percentage's head word is too often no whole)."""
    return q.head if q.kind == "percent" and _SHARE_WORDS.search(q.said) else ""


def _days_apart(qa: Quantity, qb: Quantity) -> float:
    """Days between two dates of the month (head: the month's name), years unknown: the
    nearer way round the calendar; infinite when a head names no month."""
    if qa.head not in MONTHS or qb.head not in MONTHS:
        return math.inf
    gap = abs((MONTHS.index(qa.head) * 31 + qa.value) - (MONTHS.index(qb.head) * 31 + qb.value))
    return min(gap, 12 * 31 - gap)


def same_measure(a: Figure, b: Figure, min_shared: float = MIN_SHARED) -> bool:
    """Whether two figures may be two outlets' values of one measure (module docstring);
    `min_shared`: the share of content stems their sentences must have in common (0 for
    sentences already aligned by other means). Symmetric in `a` and `b`."""
    if a.outlet == b.outlet or not comparable_measure(a.quantity, b.quantity):
        return False
    if a.quantity.kind in DATE_KINDS and any(
            ahead(x.sentence.text, x.quantity.said)
            and behind(y.sentence.text, y.quantity.said, sentence=y.quantity.kind != "year")
            for x, y in ((a, b), (b, a))):
        return False  # "will become ... from April 2027" dates no "downgraded ... in 2023"
    if a.quantity.kind == "duration" and len({is_gap(f.sentence.text, f.quantity)
                                              for f in (a, b)}) > 1:
        return False  # "charged three days later" is no length of "ran it for eight years"
    if a.quantity.kind == "year" and acts_apart(a.sentence.text, a.quantity,
                                                b.sentence.text, b.quantity):
        return False  # "had cut its budget ... since 2024" / "has increased ... since 2023"
    if a.quantity.kind in WHEN_KINDS and len({
            dates_statement(f.sentence.text, f.quantity.said) for f in (a, b)}) > 1:
        return False  # "said at 11.15pm that all services had been restored": when it was said
    if a.quantity.kind == "weekday" and _same_speaker(a, b) and overlap(
            _said(a.sentence.text), _said(b.sentence.text)) < min_shared:
        return False  # one speaker's two statements on two days, not one statement's day
    if a.quantity.head == b.quantity.head and all(capacity(f) for f in (a, b)):
        return True  # "the 420-seat theatre" / "the 450-seat venue": the venue's size
    if totals_apart(a.sentence.text, a.quantity, b.sentence.text, b.quantity):
        return False  # "62 oiled birds by midday on Monday" / "By last night ... 140 birds"
    if holdings_apart(a.quantity, a.sentence.text, b.quantity, b.sentence.text):
        return False  # "which has about 3.1 million customers" / "1.4 million ... affected"
    if things_apart(a.sentence.text, b.sentence.text):
        return False  # "Tollard Bridge ... fourteen months" / "its Millford Bridge for eleven"
    if any((thing := figure_thing(x.sentence.text, x.quantity))
           and thing not in terms(y.sentence.text) for x, y in ((a, b), (b, a))):
        return False  # "a £50 goodwill payment" is no "average overcharge was £31"
    shared = overlap(terms(a.sentence.text), terms(b.sentence.text))
    when = a.quantity.kind in WHEN_KINDS
    if shared >= LONE_SUM_SHARED and lone_sum(a) and lone_sum(b):
        # "£1.5 million went missing from its accounts" / "£2.4 million may have
        # disappeared from its books": no word beside them in common, one time still
        return same_frame(a.frame, b.frame, when=when, words=False)
    return shared >= min_shared and same_frame(a.frame, b.frame, when=when)


def lone_sum(f: Figure) -> bool:
    """Whether the figure is the only sum of money its sentence gives."""
    return f.quantity.kind == "money" and sum(
        q.kind == "money" for q in sentence_figures(f.sentence.text)) == 1


def capacity(f: Figure) -> bool:
    """Whether the figure is a count joined to its noun as a modifier of a thing ("the
    420-seat theatre", "a 40-bed ward"): the size of that thing, which two outlets give
    whatever else their sentences tell (a newcomer's theatre story, session 58: "420-seat"
    and "450-seat" shared one word of their sentences). Counts only: a "12-week trial" and a
    "72-metre vessel" may be of different things."""
    q = f.quantity
    return (q.kind == "count" and bool(q.head) and bool(q.said)
            and re.search(rf"{re.escape(q.said)}-{re.escape(q.head)}s?\s+[a-z]",
                          f.sentence.text) is not None)


def _same_speaker(a: Figure, b: Figure) -> bool:
    """Both sentences report a named speaker's words, and it is one speaker (a word in
    common: "Employment Minister Clare Dunmore" / "Clare Dunmore")."""
    who = [analyze(f.sentence.text).speaker for f in (a, b)]
    return all(w not in (None, "someone") for w in who) and bool(
        set(str(who[0]).lower().split()) & set(str(who[1]).lower().split()))


_DAY_STEMS = frozenset(stem(d) for d in WEEKDAYS)


def _said(text: str) -> frozenset[str]:
    """What a sentence says, beside who says it: its content stems without names and speech
    words ("the government would study the judgment" of "Minister Clare Dunmore said on
    Tuesday the government would study the judgment")."""
    a = analyze(text)
    return (terms(text) - a.name_stems - TITLE_STEMS - _DAY_STEMS
            - speech_stems(text))


def same_frame(a: Frame | None, b: Frame | None, when: bool = False,
               words: bool = True) -> bool:
    """Whether the words beside two figures allow one measure: they share a content stem
    (unless not `words`), name the same years, and do not date it to different weekdays
    ("closing price of $3.13 on Friday" is no rival of "closed ... at $3.82 on Monday";
    `when`: the figures tell when, and their weekdays are part of it). A figure without a
    frame allows any."""
    if a is None or b is None:
        return True
    if ((not when and a.weekdays and b.weekdays and not a.weekdays & b.weekdays)
            or a.years != b.years):
        return False
    return not words or a.shares_words(b)


@functools.lru_cache(maxsize=8192)
def terms(text: str) -> frozenset[str]:
    """The sentence's content stems without figures."""
    return frozenset(t for t in analyze(text).stems if not t[:1].isdigit())


def mentions(sentence: str, value: Quantity) -> bool:
    """The sentence gives a figure that is a version of `value` (`Quantity.same_version`),
    anywhere in it."""
    return any(q.same_version(value) and not q.counts_another(value)
               for q in analyze(sentence).quantities)


def _states_value(sentence: str, value: Quantity) -> bool:
    """The sentence gives a figure that agrees with `value`, of whatever noun."""
    return any(q.agrees(value) for q in analyze(sentence).quantities)


def measure_conflicts(a: Sentence, b: Sentence) -> list[Conflict]:
    """The figures two aligned sentences of two outlets (one group of similar sentences, so
    no share of words is asked) give one measure (`same_measure`) with values that cannot
    both be true, as number conflicts (a's value as the claim's): "Turnout was 38.6%" and
    "Turnout was 41.2%" conflict; so do two counts under two nouns told alike
    (`counts_alike`: "about 300 staff" / "More than 350 workers"); "11 people were taken to
    hospital" and "14 crew" measure nothing in common. As in the story's differences, a
    sentence that states the other's value anywhere disputes nothing."""
    fa, fb = figures([(a, "a")]), figures([(b, "b")])
    return [figure_conflict(x.quantity, [y.quantity])
            for x in fa for y in fb
            if x.quantity.kind != "weekday"  # the checks compare weekdays (kind "day")
            and (same_measure(x, y, min_shared=0.0)
                 # under two nouns, neither value may stand in the other sentence under any
                 # noun ("fourteen of the 240 volunteers" / "climbed to fourteen")
                 or (counts_alike(x, y) and not _states_value(b.text, x.quantity)
                     and not _states_value(a.text, y.quantity)))
            and not x.quantity.agrees(y.quantity)
            # a sentence that also states the other's value does not dispute it ("paying
            # $4.10, 31 per cent more than the $3.13 at which they closed")
            and not mentions(b.text, x.quantity) and not mentions(a.text, y.quantity)]


# The share of a claim's stems a sentence must have for its count of another noun to give
# the claim's count (agent.verification.claim_figures.figure_disputes): more than
# MIN_SHARED, since a value alone is weak evidence ("About 1,200 nurses work at the
# hospitals" is no "1,200 patients"). Cached replays of the 34 dev stories' claims
# (session 44), conflicting claims right: at
# MIN_SHARED (0.2) three; at 0.3 four (cinderford c25, harbour c13, kelsbury c03, varden
# c23); at 0.4 two; none lost at any.
OTHER_NOUN_SHARED = 0.3
# Two sentences sharing this much of their stems tell one event, so their counts under two
# nouns are one measure even with the nouns' neighbours apart ("affecting about 300 staff"
# / "More than 350 workers ... have lost their night shift": 0.7; session 44's newcomer).
# Dev replays (session 45): at 0.5 one false dispute ("her first two emails" / "emailed the
# company three times", felsham c05); at 0.6 and 0.7 none; no claim gained on dev.
SAME_TELLING = 0.6


def counts_alike(a: Figure, b: Figure) -> bool:
    """Two counts under two nouns that tell one event: the words beside them share two
    stems other than the nouns' ("eleven walkers ... set out from Kelderby" / "twelve
    walkers from the Thornby club set out"; "52,000 students will have to resit the paper"
    / "60,000 teenagers will have to resit the paper"), their sentences OTHER_NOUN_SHARED of
    their stems; or the sentences share SAME_TELLING of their stems. Dev replays (session
    44): one shared stem found two disputes and one false one ("her first two emails" /
    "emailed the company three times"); two found one, none false."""
    qa, qb = a.quantity, b.quantity
    # one measure but for the nouns (`comparable_measure` with a's noun read as b's)
    if (a.outlet == b.outlet or qa.kind != "count" or not qa.head or not qb.head
            or qa.head == qb.head or not comparable_measure(replace(qa, head=qb.head), qb)
            or a.frame is None or b.frame is None or not same_frame(a.frame, b.frame)):
        return False
    # a sentence with its own count of the other's noun tells its count under that noun,
    # and this one of a part or of something else ("Seven people, among them two pupils,
    # were taken to hospital" against "Four people were treated": a newcomer, session 69)
    if _counts_noun(b.sentence.text, qa.head) or _counts_noun(a.sentence.text, qb.head):
        return False
    nouns = {stem(qa.head), stem(qb.head)}
    shared = overlap(terms(a.sentence.text), terms(b.sentence.text))
    return shared >= OTHER_NOUN_SHARED and (
        len((a.frame.stems & b.frame.stems) - nouns) >= 2 or shared >= SAME_TELLING)


def _counts_noun(text: str, noun: str) -> bool:
    """Whether `text` gives a count of `noun` (its head, agent.text.quantities)."""
    return any(q.kind == "count" and q.head == noun for q in analyze(text).quantities)


_FIGURE = re.compile(r"[$£€¥]?\d[\d,.]*(?:\s?(?:%|per ?cent\b|[kmb]n?\b|million\b|billion\b))?",
                     re.IGNORECASE)


def strip_figures(text: str) -> str:
    """`text` without its figures ("passed by 14 votes to 9" -> "passed by votes to")."""
    return " ".join(_FIGURE.sub(" ", text).split())


def durations_told_alike(a: Figure, b: Figure, figs: Sequence[Figure]) -> bool:
    """Whether durations `a` and `b` of two outlets are one measure because their sentences
    tell one thing by their counts: each is its sentence's only duration (among `figs`),
    both tell a span or both a gap (agent.text.measured.is_gap), and a count of one
    sentence is the same measure as one of the other (`same_measure`, `counts_alike`).
    "randomly assigned 612 adults ... for six months" / "The trial, which followed 621
    people ... over 12 months" (a health-research newcomer); "The seven-year franchise ...
    covers 38 routes" / "The eight-year contract ... covers 38 routes" (a bus newcomer,
    session 71: its story summary showed the difference, `verify` found no rival)."""
    if a.outlet == b.outlet or not a.quantity.comparable(b.quantity):
        return False
    if (a.quantity.kind, b.quantity.kind) != ("duration", "duration") or (
            is_gap(a.sentence.text, a.quantity) != is_gap(b.sentence.text, b.quantity)):
        return False
    of_a = [f for f in figs if f.sentence.id == a.sentence.id]
    of_b = [f for f in figs if f.sentence.id == b.sentence.id]
    if any(sum(f.quantity.kind == "duration" for f in fs) != 1 for fs in (of_a, of_b)):
        return False
    return any(x.quantity.kind == y.quantity.kind == "count"
               and (same_measure(x, y) or counts_alike(x, y)) for x in of_a for y in of_b)
