"""The words around each figure of a sentence: what the figure measures.

A sentence often gives several figures of one kind for different things ("Turnout was
38.6%, down from 44.1% in 2022"; "security staff at Kelby Airport accepted a 6 per cent
deal" in a story about Orrin's 4.5 per cent offer). Whether two outlets' figures are one
measure is read from the words beside each figure, its *frame*: the content stems within
FRAME_WORDS words either side, inside its clause (a semicolon, colon, dash, bracket,
sentence end or ", and"/", but"/", while" ends a clause), and the weekdays and years named
there. `weekday_frames` reads what happened on each weekday of a sentence the same way
(agent.text.place_frames reads what it places in each named place). `in_same_frame` tells
whether another name stands where a claim has its own, after the same words.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from agent.text.analysis import stems
from agent.text.clock_times import times_of_day
from agent.text.dates import MONTH_NAMES
from agent.text.facts import (
    FINITE_CUES,
    MONTHS,
    WEEKDAYS,
    WORD,
    event_weekdays,
    months,
    speech_weekdays,
)
from agent.text.normalize import STOPWORDS
from agent.text.number_words import words_to_digits
from agent.text.quantities import Quantity
from agent.text.slots import BLANK

FRAME_WORDS = 6  # words either side of a figure (dev stories' labelled conflicts)
_CLAUSE_END = re.compile(r"[;:()\u2014\u2013]|\s-\s|,\s+(?:and|but|while|whereas)\b"
                         r"|[.!?]\s+(?=[A-Z])")
_WORD = re.compile(r"\S+")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
WEEKDAY_WORD = re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class Frame:
    """The words beside one figure. stems: content stems of the frame, the figure's own
    words left out; weekdays: event weekdays named in the frame (`facts.event_weekdays`)."""

    stems: frozenset[str]
    weekdays: frozenset[str]
    years: frozenset[str] = frozenset()  # years named in the frame ("in 2023")
    # the named sites in the frame, else after the figure in its clause ("410 jobs will go
    # at Corsley Bridge, ... and 270 at the Millhaven plant": corsley bridge, then
    # millhaven; "230 jobs will be lost at the Millhaven plant"), not one told before it
    # ("sitting at Carrowby Employment Tribunal, upheld claims brought by 58 couriers")
    sites: frozenset[str] = frozenset()
    # the names in the frame (lower-case capitalised runs, `frame_names`): a word two frames
    # share only as parts of two different names ("Hollin Valley Police at about 8.30am" /
    # "in Hollin Cross at 11.10pm") is no word of one measure
    names: frozenset[str] = frozenset()

    def shares_words(self, other: Frame) -> bool:
        """Whether the two frames share a content stem, one that only stands in two
        different names aside (a name of one that holds the other's words is the same)."""
        shared = self.stems & other.stems
        same = any(set(a.split()) <= set(b.split()) or set(b.split()) <= set(a.split())
                   for a in self.names for b in other.names)
        if not same:
            shared -= _name_stems(self.names) & _name_stems(other.names)
        return bool(shared)


# A name: a run of capitalised words (a sentence's first word may be one).
_NAME_RUN = re.compile(r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*")


def frame_names(words: str) -> frozenset[str]:
    """The names of a frame's words on one side of its figure (lower-case runs of
    capitalised words, function words aside), months and weekdays aside."""
    found = (" ".join(w for w in m.group(0).lower().split() if w not in STOPWORDS)
             for m in _NAME_RUN.finditer(words))  # "For" opening a sentence is no name
    return frozenset(n for n in found if n and n not in MONTHS and n not in WEEKDAYS)


def _name_stems(names: frozenset[str]) -> set[str]:
    return {t for n in names for t in stems(n)}


# A named site after "at" or "in", its head noun aside: "at the Millhaven plant", "at
# Corsley Bridge", "in Tillingford".
_SITE = re.compile(r"\b(?:at|in)\s+(?:(?:the|its|their|his|her|our)\s+)?"
                   r"((?:[A-Z][\w’'-]*\s+)*[A-Z][\w’'-]*)")


def sites(text: str) -> frozenset[str]:
    """The names (lower-case) of the sites `text` puts something at or in (`_SITE`), months
    and weekdays left out."""
    found = (m.group(1).lower() for m in _SITE.finditer(text))
    return frozenset(n for n in found if n not in MONTHS and n not in WEEKDAYS)


def figure_frames(text: str, found: Sequence[Quantity],
                  width: int = FRAME_WORDS) -> tuple[Frame | None, ...]:
    """One frame per quantity of `found` (the quantities of `text`, in order), None for a
    figure whose words are not found as said (once, twice; ordinal words); `width`: words
    either side."""
    digits = words_to_digits(text)
    spans: list[tuple[int, int] | None] = []
    taken: set[int] = set()  # where earlier figures stand (times and weekdays come first/last)
    for q in found:
        at = next((m.start() for m in re.finditer(re.escape(q.said), digits)
                   if m.start() not in taken), -1) if q.said else -1
        if at >= 0:
            taken.add(at)
        spans.append((at, at + len(q.said)) if at >= 0 else None)
    placed = sorted(span for span in spans if span is not None)
    out: list[Frame | None] = []
    for q, span in zip(found, spans, strict=True):
        if span is None:
            out.append(None)
            continue
        lo, hi = _between_figures(digits, span, placed)
        out.append(_frame(digits, span[0], span[1], width, unit=q.kind == "duration",
                          bounds=(lo, hi)))
    return tuple(out)


@functools.lru_cache(maxsize=8192)
def cached_figure_frames(text: str, found: tuple[Quantity, ...],
                         width: int = FRAME_WORDS) -> tuple[Frame | None, ...]:
    """`figure_frames`, kept: one claim is compared with many sentences, and each sentence
    with every figure of the claim."""
    return figure_frames(text, found, width)


# Two figures joined as a pair ("11% of patients on the drug and 4% of those on placebo",
# "612 adults against 1.9 days"): the words before the joining word are the first
# figure's, those after it the second's. A health-research newcomer: "colmeridine", two
# words before "4%", was read as what 4% measures, and "11% of patients taking colmeridine"
# was refuted by the sentence that says it.
_JOIN = re.compile(r"\b(?:and|or|versus|vs|against|compared with|while|whereas)\b")


def _between_figures(text: str, span: tuple[int, int],
                     placed: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """(start, end) of the text a figure's frame may read: after the last joining word
    (`_JOIN`) between the figure before it and it, and up to the first between it and the
    figure after it; the whole text when no figure stands on that side."""
    lo, hi = 0, len(text)
    before = [e for _, e in placed if e <= span[0]]
    after = [s for s, _ in placed if s >= span[1]]
    if before:
        lo = max((m.end() for m in _JOIN.finditer(text, max(before), span[0])), default=0)
    if after:
        hi = min((m.start() for m in _JOIN.finditer(text, span[1], min(after))), default=hi)
    return lo, hi


def clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) character offsets of the clause of `text` around text[start:end]: from
    the last clause end before it (`_CLAUSE_END`: ; : ( ) dashes, a sentence end, ", and"
    ...) to the first after it, or the text's ends."""
    clause_start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
    after = _CLAUSE_END.search(text, end)
    return clause_start, after.start() if after else len(text)


def clause_words(text: str, start: int, end: int) -> tuple[list[str], list[str]]:
    """The words of the clause around text[start:end]: those before it, those after it."""
    clause_start, clause_end = clause_span(text, start, end)
    return ([m.group(0) for m in _WORD.finditer(text, clause_start, start)],
            [m.group(0) for m in _WORD.finditer(text, end, clause_end)])


def _frame(text: str, start: int, end: int, width: int = FRAME_WORDS,
           unit: bool = False, bounds: tuple[int, int] | None = None) -> Frame:
    """The frame of the figure at text[start:end]; with `unit`, the word after it is its
    unit ("4.5 years", "a 2-year ban"), part of the figure: every duration in years would
    share it, and two durations of two things ("jailed for 4.5 years", "banned ... for 8
    years") would read as one measure."""
    words_before, words_after = clause_words(text, start, end)
    if bounds is not None:  # `_between_figures`
        words_before = words_before[max(0, len(words_before)
                                        - len(text[bounds[0]:start].split())):]
        words_after = words_after[:len(text[end:bounds[1]].split())]
    if unit:
        words_after = words_after[1:]
    before, behind = words_before[-width:], words_after[:width]
    window = " ".join(before + behind)
    return Frame(frozenset(t for t in stems(window) if not t[:1].isdigit()),
                 dating_weekdays(words_before, words_after, width),
                 frozenset(_YEAR.findall(window)),
                 sites(window) or sites(" ".join(words_after)),
                 frame_names(" ".join(before)) | frame_names(" ".join(behind)))


def dating_weekdays(words_before: Sequence[str], words_after: Sequence[str],
                    width: int = FRAME_WORDS) -> frozenset[str]:
    """The weekdays (lower-case, agent.text.facts.event_weekdays) that date a figure with
    these words of its clause before and after it: those within `width` words of it, else
    those its clause names ("was 390p at the close of trading on Tuesday": Tuesday, seven
    words on; a takeover newcomer trial, session 56)."""
    near = event_weekdays(" ".join([*words_before[-width:], *words_after[:width]]))
    if near:
        return frozenset(near)
    # farther off, a weekday that dates a statement ("..., the operator confirmed on
    # Tuesday") dates no figure
    clause = " ".join([*words_before, *words_after])
    return frozenset(event_weekdays(clause) - speech_weekdays(clause))


def weekday_frames(text: str) -> dict[str, frozenset[str]]:
    """For each event weekday of `text` (lower-case), the content stems of what happened on
    it (`_day_frame`): "the shares closed on Friday, before the approach was made public on
    Monday" gives Friday "the shares closed", Monday "before the approach was made public"."""
    # a time and its bound ("shortly before 8am") say when, not what happened: blanked
    _, digits = times_of_day(words_to_digits(text))
    days = event_weekdays(text)
    out: dict[str, frozenset[str]] = {}
    for m in WEEKDAY_WORD.finditer(digits):
        day = m.group(0).lower()
        if day in days:
            out[day] = out.get(day, frozenset()) | _day_frame(digits, m.start(), m.end())
    return out


# Words either side of a month: a month comes after more function words than a figure ("at
# the end of March"), so its window is wider.
MONTH_FRAME_WORDS = 8


def months_meet(claim: str, evidence: str, context: frozenset[str] = frozenset()) -> bool:
    """Whether the words beside a month of `claim` and beside one of `evidence`
    (MONTH_FRAME_WORDS either side, in its clause) share a content stem, its first four
    letters, so that two months may date one event: "will move to a four-day week from
    Friday 20 March" and "would review the factory's planning conditions in April" date
    two (a newcomer trial, session 44). True when either names no month or a month's words
    are not found. `context`: stems read with the evidence's months, those of the sentence
    before when the evidence points back to it ("The article described a meeting in
    mid-April"). Dev claims replay (session 44): one not_enough_info claim no longer
    refuted, none lost; at 6 words either side one conflicting claim was lost ("the closures
    taking effect from June" / "will close their doors at the end of March")."""
    def frames(text: str) -> list[frozenset[str]]:
        named = months(text)
        return [_frame(text, m.start(), m.end(), MONTH_FRAME_WORDS).stems
                for m in re.finditer(r"\b[A-Za-z]+\b", text) if m.group(0).lower() in named]

    claim_frames, evidence_frames = frames(claim), frames(evidence)
    if not claim_frames or not evidence_frames:
        return True
    # a stem's first four letters: "closu" of "closures" and "close" of "close" are one word
    return any({w[:4] for w in a if len(w) >= 4} & {w[:4] for w in b | context if len(w) >= 4}
               for a in claim_frames for b in evidence_frames)


def _day_frame(digits: str, start: int, end: int) -> frozenset[str]:
    """What the date at digits[start:end] dates (`digits`: a text through `words_to_digits`,
    its times of day blanked by `weekday_frames`):
    the content stems of the words before it in its clause, back to the previous figure or
    weekday, at most FRAME_WORDS, a time of day passed over ("The strike began at 4am on
    Monday": "strike began"); when the date opens its clause ("On Monday, the board ..."),
    the words after it."""
    words_before, words_after = clause_words(digits, start, end)
    before: list[str] = []
    for w in reversed(words_before):
        if (any(ch.isdigit() for ch in w) or WEEKDAY_WORD.search(w)
                or len(before) >= FRAME_WORDS):
            break
        before.insert(0, w)
    if not stems(" ".join(words_before)):  # it opens its clause: "On Monday, ..."
        return frozenset(stems(" ".join(words_after[:FRAME_WORDS])))
    return frozenset(stems(" ".join(before)))


# A reporting verb that dates its own report with the figure after it: "The company said at
# 11.15pm that ...", "the club said late on Monday".
_REPORTED_AT = re.compile(rf"\b(?:{FINITE_CUES}|announced|announces|confirmed|confirms|spoke)"
                          r"\s+(?:(?:late|early|later|earlier)\s+)?(?:on|at|by|in)?\s*$",
                          re.IGNORECASE)
# A date opening the sentence before its speaker's reporting verb: "On Monday, the club said".
_OPENS_REPORT = re.compile(rf"^\s*,?\s*(?:[\w’'.-]+\s+){{0,5}}?(?:{FINITE_CUES}|announced|"
                           r"confirmed)\b", re.IGNORECASE)
# A reporting verb right after the date: "Trump on Sunday said ...".
_REPORTS_NEXT = re.compile(rf"^\s*(?:(?:morning|afternoon|evening|night)\s+)?(?:{FINITE_CUES}|"
                           r"announced|confirmed)\b", re.IGNORECASE)
_OPENING = re.compile(r"^\s*(?:(?:late|early)\s+)?(?:on|at|by|in)?\s*$", re.IGNORECASE)


_MONTH_BEFORE = re.compile(rf"\b(?:{MONTH_NAMES})\s+$")
_MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s+(?:{MONTH_NAMES})\b")


def dates_statement(text: str, said: str) -> bool:
    """Whether the time or day `said` (as `text` writes it) dates when someone said
    something rather than the event told: right after a reporting verb ("The company said at
    11.15pm that all services had been restored": 11.15pm is when it said so, not when the
    services came back), or opening the sentence before its speaker's verb ("On Monday, the
    club said its members were recovering"), or right before it ("Trump on Sunday said").
    False when `said` is not in `text`."""
    at = text.find(said)
    if at < 0:
        return False
    before, after = text[:at], text[at + len(said):]
    # a day of the month written as its number ("24") has its month beside it: "On
    # February 24 the bank said ..." (a data-breach newcomer, session 62)
    before = _MONTH_BEFORE.sub("", before)
    after = _MONTH_AFTER.sub("", after)
    return bool(_REPORTED_AT.search(before) or _REPORTS_NEXT.match(after)
                or (_OPENING.match(before) and _OPENS_REPORT.match(after)))


def days_of_another_event(claim: str, evidence: str, shared: frozenset[str],
                          days: frozenset[str]) -> list[tuple[str, str]]:
    """(claim day, evidence day) for claim weekdays (`shared`, also in the evidence) whose
    event the evidence dates to another of its `days`: the other day's words
    (`weekday_frames`) share more of the claim day's words than the same day's do ("closed
    on Friday, before the approach was made public on Monday" for "made public on Friday")."""
    mine, theirs = weekday_frames(claim), weekday_frames(evidence)
    out = []
    for d in sorted(shared):
        said = mine.get(d, frozenset())
        best = max(sorted(days), key=lambda x: len(said & theirs.get(x, frozenset())))
        if len(said & theirs.get(best, frozenset())) > len(said & theirs.get(d, frozenset())):
            out.append((d, best))
    return out


# Words on one side of a claim's blank that must stand beside the filler in the sentence
# for the two to tell one event in one frame (`in_same_frame`).
SLOT_FRAME_WORDS = 2


def in_same_frame(frame: str, filler: str, sentence: str) -> bool:
    """Whether `sentence` writes `filler` (lower-cased name words) right after the SLOT_FRAME_WORDS
    words that stand before the blank of the claim's `frame`, one of them no stopword:
    "Ferrante joined Dunmere from ____" and "Ferrante joined Dunmere from Kessock Rovers in
    2023". The sentence then tells the claim's own event with another name where the claim
    has its name: a substitution (evals/stories/README.md, labelling rule 3), where another
    name elsewhere in the sentence may be someone else doing something else."""
    before = _frame_words(frame.partition(BLANK)[0])[-SLOT_FRAME_WORDS:]
    if len(before) < SLOT_FRAME_WORDS or all(w in STOPWORDS for w in before):
        return False
    phrase = " ".join([*before, *_frame_words(filler)])
    return f" {phrase} " in f" {' '.join(_frame_words(sentence))} "


def _frame_words(text: str) -> list[str]:
    """The words of `text` (facts.WORD), lower-cased, in order."""
    return WORD.findall(text.lower())
