"""What a figure measures, read from the words around it: the thing a sum or share is of
("a £50 goodwill payment", "a transition payment of £150,000"), the act a duration measures
("jailed for five and a half years"), the words that qualify a count's noun ("14 diabetic
foot clinics"). Two figures of two things are no versions of one (agent.verification
conflicts and measures read them so).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from agent.text.analysis import analyze, stem, stems
from agent.text.facts import FUNCTION_WORDS, MONTHS, WEEKDAYS
from agent.text.frames import cached_figure_frames, clause_words, dating_weekdays
from agent.text.lexicon import is_noun_not_verb, is_past_form, verb_lemmas
from agent.text.normalize import STOPWORDS
from agent.text.number_words import words_to_digits
from agent.text.quantities import Quantity
from agent.text.running import totals_apart
from agent.text.tense import ahead, behind

# What a sum, share or measure is of, when a noun follows it: "a £50 goodwill payment", "a
# 25% tariff" (a newcomer trial, session 47: an average overcharge of £31 and a £50
# goodwill payment were shown as two outlets' versions of one sum).
_THING_AFTER = re.compile(r"\s+((?:[a-z][a-z-]*\s+)?[a-z][a-z-]*)\b")
# Words after a figure that say when or how much more, not what it is of ("4.5 per cent last
# year", "£400 extra").
_NOT_THING = frozenset(("last", "next", "this", "each", "every", "more", "less", "extra",
                        "year", "years", "month", "months", "week", "weeks", "day", "days",
                        *MONTHS, *WEEKDAYS))


def thing_after(text: str, q: Quantity) -> str:
    """The stem of the noun a sum of money or a percentage `q` of `text` modifies
    ("payment" of "a £50 goodwill payment"): one or two words right after it that are no
    function words and end in a noun that is no verb (agent.text.lexicon.is_noun_not_verb:
    "a £600k cut" may be told "slashed ... by £800,000"); "" otherwise ("£31,
    although ...", "£1.2 million from ...", "4.5 per cent last year") or for other kinds."""
    if q.kind not in ("money", "percent") or not q.said:
        return ""
    at = text.find(q.said)
    m = _THING_AFTER.match(text, at + len(q.said)) if at >= 0 else None
    words = m.group(1).split() if m is not None else []
    kept = words[:next((i for i, w in enumerate(words)
                        if w in FUNCTION_WORDS or w in STOPWORDS or w in _NOT_THING),
                       len(words))]
    return stem(kept[-1]) if kept and is_noun_not_verb(kept[-1]) else ""


# "a one-off transition payment of £150,000": the noun a sum or share is "of", past a hedge.
_THING_OF = r"(?:\b(?P<det>an?|the|its|their|his|her|our|this|that)\s+)?\b([a-z][a-z-]*)\s+of\s+" \
    r"(?:(?:about|around|some|nearly|almost|roughly|just|up|to|more|less|over|under|than)\s+)*"
# Nouns before "of" that place a figure, not name what it is ("in the region of £2m",
# "in excess of £2m").
_NOT_THING_OF = frozenset(("region", "excess", "upwards"))


def figure_thing(text: str, q: Quantity) -> str:
    """The stem of the noun that says what a sum of money or a percentage `q` of `text` is:
    the noun after it (`thing_after`), else the noun it is "of" ("a transition payment of
    £150,000" -> "payment"), a noun that is no verb (agent.text.lexicon.is_noun_not_verb,
    as for `thing_after`, or any noun after a determiner: "its offer of 412 pence");
    "" when neither is found or for other kinds."""
    after = thing_after(text, q)
    if after or q.kind not in ("money", "percent") or not q.said:
        return after
    for body in (text, words_to_digits(text)):
        m = re.search(_THING_OF + re.escape(q.said), body, re.IGNORECASE)
        if m is not None:
            word = m.group(2).lower()
            if word in _NOT_THING_OF or not (m.group("det") or is_noun_not_verb(word)):
                return ""
            return min(stems(word), default="")  # "debts" -> "debt", as sentences' terms
    return ""


def _said_at(text: str, q: Quantity) -> tuple[str, int]:
    """`text` with its number words in digits, as its figures were read, and where figure
    `q` is said in it (-1 when it is not)."""
    digits = words_to_digits(text)
    return digits, digits.find(q.said)


# A duration told as the time between two acts: "charged three days later", "a month earlier".
_GAP_AFTER = re.compile(r"\s*(?:[a-z]+\s+)?(?:later|earlier|ago|afterwards|before|after)\b"
                        r"(?!\s+(?:the|a|an|his|her|its|their)\b)", re.IGNORECASE)
_LENGTH_BEFORE = re.compile(r"\b(?:for|over|lasting|spanning)\s+(?:about\s+|nearly\s+)?$",
                            re.IGNORECASE)


def is_gap(text: str, q: Quantity) -> bool:
    """Whether duration `q` of `text` is a gap between two acts ("charged three days later",
    "a month earlier"), not the length of one ("ran the finances for eight years", "shut for
    two weeks before reopening"): a time word after it that no noun phrase follows ("three
    days after the vote" is left to the frames). False for other kinds."""
    if q.kind != "duration" or not q.said:
        return False
    digits, at = _said_at(text, q)
    return (at >= 0 and _GAP_AFTER.match(digits, at + len(q.said)) is not None
            and not _LENGTH_BEFORE.search(digits[:at]))


# Words back from a duration to the verb whose act it measures: "was banned from being a
# company director for eight years".
_ACT_WORDS = 12
_AUXILIARIES = frozenset(("be", "have", "do"))  # "was shut for three hours": "shut" or none


def _act_verb(word: str) -> str:
    """The stem of `word` when it is a past form of a verb other than be, have or do ("" if
    not)."""
    bare = word.strip(",;:\"'“”‘’()")
    if bare.isalpha() and is_past_form(bare) and not verb_lemmas(bare) & _AUXILIARIES:
        return stem(bare)
    return ""


def figure_act(text: str, q: Quantity) -> str:
    """The stem of the verb whose act figure `q` of `text` measures or counts: the nearest
    past form (agent.text.lexicon.is_past_form) before it in its clause, within _ACT_WORDS
    words ("jailed" in "has been jailed for five and a half years", "banned" in "banned from
    being a company director for eight years", "cancelled" in "cancelled 1,140 services");
    for a count with none before it, the first within _ACT_WORDS words after its noun
    ("4,000 complaints came in"); for a year, the verb it dates ("built" in "The gondola,
    built in 1998, ..."); "" for other kinds or when there is none."""
    if q.kind not in ("duration", "count", "year") or not q.said:
        return ""
    digits, at = _said_at(text, q)
    if at < 0:
        return ""
    before, after = clause_words(digits, at, at + len(q.said))
    for word in reversed(before[-_ACT_WORDS:]):
        if act := _act_verb(word):
            return act
    if q.kind == "count" and q.head:
        return next((act for word in after[1:_ACT_WORDS] if (act := _act_verb(word))), "")
    return ""


def act_completed(text: str, q: Quantity) -> str:
    """The stem of the past form or participle before figure `q` of `text` in its clause
    (`_act_verb`) with only names, figures and function words between them: the act the
    figure completes, beyond the words a frame reads ("was sentenced at Strathmere Crown
    Court on 5 December to five years and four months"); "" when another word comes first
    ("cut its yearly subsidy by £600,000": "subsidy") or there is none."""
    digits, at = _said_at(text, q) if q.said else (text, -1)
    if at < 0:
        return ""
    before, _ = clause_words(digits, at, at + len(q.said))
    for word in reversed(before):
        word = word.strip(",;:\"'()")
        if word.islower() and (act := _act_verb(word)):
            return act
        if word.islower() and word not in STOPWORDS and not word[:1].isdigit():
            return ""  # a word of what the figure counts or measures: no verb beyond it
    return ""


def acts_apart(a_text: str, a: Quantity, b_text: str, b: Quantity) -> bool:
    """Whether figures `a` of `a_text` and `b` of `b_text` measure, date or count two acts:
    each has a verb (`figure_act`) that the other's sentence does not have ("alleged that
    Altavia had cut its maintenance budget by 40% since 2024" / "insisting it has increased
    spending on maintenance every year since 2023")."""
    acts = figure_act(a_text, a), figure_act(b_text, b)
    return (all(acts) and acts[0] not in analyze(b_text).stems
            and acts[1] not in analyze(a_text).stems)


def count_qualifiers(text: str, q: Quantity) -> frozenset[str]:
    """The content stems of the words between count `q` of `text` and its noun (`q.head`):
    {"diabet", "foot"} of "14 diabetic foot clinics", {"commu"} of "five community clinics";
    empty for other kinds, a count of no noun, or one said right before its noun."""
    if q.kind != "count" or not q.head or not q.said:
        return frozenset()
    digits = words_to_digits(text)
    m = re.search(rf"(?<![\d.,]){re.escape(q.said)}\s+((?:[\w'-]+\s+){{1,3}}?){re.escape(q.head)}",
                  digits, re.IGNORECASE)
    return frozenset(stems(m.group(1))) if m else frozenset()


def qualified_apart(c: Quantity, c_text: str, e: Quantity, e_text: str) -> bool:
    """Whether counts `c` (of `c_text`) and `e` (of `e_text`) of one noun count two parts of
    it: each has a qualifying word (`count_qualifiers`) the other's text lacks ("14 diabetic
    foot clinics" / "five community clinics": a health newcomer saw them as one count with
    two values; "rural dental surgeries" / "urban dental surgeries"). "22 permanent staff"
    and "28 staff" may be one."""
    if c.head != e.head:
        return False
    mine, theirs = count_qualifiers(c_text, c), count_qualifiers(e_text, e)
    return bool(mine - stems(e_text)) and bool(theirs - stems(c_text))


# A date that opens a span ("from 18 January 2027", "starting in March") or ends one
# ("until March 2028", "till 2028"): the month, day and weekday words between the
# preposition and the year belong to the date.
_SPAN_POINT = re.compile(r"\b(?:(?P<start>from|since|starting|beginning)|(?P<end>until|till|"
                         r"through|untill))\s+(?:(?:the|of|in|on|mid|middle|late|early|end|"
                         r"\d{1,2}(?:st|nd|rd|th)?|[A-Za-z]+day|" + "|".join(MONTHS) +
                         r"),?\s+){0,4}$", re.IGNORECASE)


def span_point(text: str, q: Quantity) -> str:
    """"start" when date `q` of `text` opens a span ("close from 18 January 2027"), "end"
    when it ends one ("not expected to reopen until March 2028"), "" otherwise."""
    if q.kind not in ("year", "day") or not q.said:
        return ""
    digits, at = _said_at(text, q)
    m = _SPAN_POINT.search(digits[:at]) if at >= 0 else None
    return "" if m is None else "start" if m.group("start") else "end"


def span_ends_apart(c: Quantity, c_text: str, e: Quantity, e_text: str) -> bool:
    """Whether dates `c` (of `c_text`) and `e` (of `e_text`) are the two ends of a span,
    one its start and the other its end: no versions of one date (a newcomer trial,
    session 52: "will close from 18 January 2027" was set against "not expected to reopen
    until March 2028")."""
    return {span_point(c_text, c), span_point(e_text, e)} == {"start", "end"}


_WORD_AFTER = re.compile(r"\s+([a-z][\w’'-]*)")


def year_names_thing(text: str, q: Quantity) -> bool:
    """Whether year `q` of `text` names a thing as its modifier ("the 2023 engineers'
    report", "the 2024 season") rather than dating what the sentence tells ("published in
    March 2024", "In 2023 the council ...")."""
    if q.kind != "year" or not q.said:
        return False
    digits, at = _said_at(text, q)
    m = _WORD_AFTER.match(digits, at + len(q.said)) if at >= 0 else None
    return (m is not None and m.group(1) not in FUNCTION_WORDS and m.group(1) not in STOPWORDS
            and not is_past_form(m.group(1)) and m.group(1) not in _NOT_THING)


def years_apart(c: Quantity, c_text: str, e: Quantity, e_text: str) -> bool:
    """Whether years `c` (of `c_text`) and `e` (of `e_text`) are of two things: one names a
    thing ("hid the 2023 engineers' report"), the other dates an act ("the report had been
    published in full in March 2024"; a newcomer trial, session 52)."""
    return c.kind == e.kind == "year" and year_names_thing(c_text, c) != year_names_thing(
        e_text, e)


def times_apart(c: Quantity, c_text: str, e: Quantity, e_text: str) -> bool:
    """Whether years `c` (of `c_text`) and `e` (of `e_text`) date what is to come and what
    was: "will close ... from 18 January 2027" against "which opened in 1874" (a newcomer
    trial, session 52), or "was built in 1901" against "not expected to reopen until March
    2028" (agent.text.tense)."""
    if not c.kind == e.kind == "year" or not (c.said and e.said):
        return False
    mine, theirs = _gone(c_text, c.said), _gone(e_text, e.said)
    return ((not mine and ahead(c_text, c.said) and theirs)
            or (mine and not theirs and ahead(e_text, e.said)))


def _gone(text: str, said: str) -> bool:
    """Whether the year `said` of `text` dates what was: a past clause (agent.text.tense),
    or "since" before it ("which has spanned the river since 1874")."""
    return re.search(rf"\bsince\s+{re.escape(said)}\b", words_to_digits(text),
                     re.IGNORECASE) is not None or behind(text, said)


# A count something has ("Corvane, which has about 3.1 million customers", "employing around
# 300 people"): the size of what holds it, told as background in a relative clause or a
# participle, no count of what happened (a data-breach newcomer: the firm's 3.1 million
# customers refuted "1.2 million customers had their records exposed" and hid the outlets'
# 1.2m / 1.4m dispute). A main clause's "The orchard has seven diseased trees" states a
# count like any other.
_HOLD_VERB = r"(?:has|have|had|employs|employ|employed|serves|serve|owns|own)"
_BACKGROUND = re.compile(rf"(?:\b(?:which|that|who)\s+(?:(?:already|still|now|currently)\s+)?"
                         rf"{_HOLD_VERB}|\b(?:having|employing|"
                         r"serving|owning))\s+$", re.IGNORECASE)
_HOLDS = re.compile(rf"\b{_HOLD_VERB}\s+$", re.IGNORECASE)


def holding(text: str, q: Quantity) -> str:
    """How count or share `q` of `text` is had: "background" (a relative clause or a
    participle right before it, `_BACKGROUND`: "Vantrell, which already owns 4.9 percent of
    Brindlecombe"), "stated" (a verb of having right before it), "modifier" (joined to its
    noun: "the 420-bed hospital", a size that reads either way), or "" (a count of what
    happened, and any other kind)."""
    if q.kind not in ("count", "percent"):
        return ""
    digits, at = _said_at(text, q)
    if at < 0:
        return ""
    if re.match(r"-[a-z]", digits[at + len(q.said):]):
        return "modifier"
    if _BACKGROUND.search(digits, 0, at):
        return "background"
    return "stated" if _HOLDS.search(digits, 0, at) else ""


# "exceeded the limit by £11.4m", "won by 12 votes": the figure after "by" is a margin.
_BY = re.compile(r"\bby\s+(?:(?:about|around|roughly|some|nearly|almost|just|only|more than|"
                 r"less than|over|under)\s+)?$", re.IGNORECASE)


def margin(text: str, q: Quantity) -> bool:
    """Whether figure `q` of `text` is a margin, the gap between two values ("losses exceeded
    the limit by £11.4m"): said right after "by". A margin and a level of one measure are
    two things ("losses of £46.4m ..., an overspend of £11.4m": a newcomer trial's claim of
    the overspend was refuted by the losses)."""
    digits, at = _said_at(text, q)
    return bool(q.said) and at > 0 and _BY.search(digits, max(0, at - 24), at) is not None


def holdings_apart(c: Quantity, c_text: str, e: Quantity, e_text: str) -> bool:
    """Whether one of counts `c` (of `c_text`) and `e` (of `e_text`) is a background
    holding and the other a count of what happened (`holding`): the size of a firm and a
    count of what befell part of it. Dev claims replay (session 54): none moved (a first
    form that took every "has N" for a holding lost a dev claim and a unit case)."""
    return {holding(c_text, c), holding(e_text, e)} == {"background", ""}


# Kinds whose value may change from day to day: a share price, a count, a rate.
_DAILY_KINDS = frozenset(("money", "percent", "count", "measure"))


def figure_days(text: str, q: Quantity) -> frozenset[str]:
    """The weekdays (lower-case) that date figure `q` of `text` (agent.text.frames.
    dating_weekdays); empty when `q` is not found as said."""
    digits, at = _said_at(text, q)
    if not q.said or at < 0:
        return frozenset()
    return dating_weekdays(*clause_words(digits, at, at + len(q.said)))


def days_apart(c: Quantity, c_text: str, e: Quantity, e_text: str) -> bool:
    """Whether figures `c` (of `c_text`) and `e` (of `e_text`) of a kind that changes day by
    day are dated to different weekdays (`figure_days`): two days' values, no versions of
    one ("shares ended Monday at 398p" / "the share price was 390p at the close of trading
    on Tuesday": a takeover newcomer trial, session 56)."""
    if not (c.kind == e.kind and c.kind in _DAILY_KINDS):
        return False
    mine, theirs = figure_days(c_text, c), figure_days(e_text, e)
    return bool(mine and theirs and not mine & theirs)


def sites_apart(c: Quantity, c_text: str, e: Quantity, e_text: str) -> bool:
    """Whether `c` (of `c_text`, a claim's) and `e` (of `e_text`) are each said of a named
    site and the two share no word (agent.text.frames.Frame.sites): the parts of a count at
    two plants ("230 jobs will be lost at the Millhaven plant" / "410 jobs will go at
    Corsley Bridge, ..., and 270 at the Millhaven plant": the 410 is no rival, the 270 is;
    a takeover newcomer trial, session 56). A claim's figure of no site is no version of
    one part of a count the evidence breaks down by site ("Brindlecombe is cutting 640
    jobs" / the 410 there)."""
    mine, theirs = _sites(c_text, c), _sites(e_text, e)
    if not theirs:
        return False
    if not mine:
        found = analyze(e_text).quantities
        return any(o is not e and o.comparable(e) and (other := _sites(e_text, o))
                   and not _share_word(other, theirs) for o in found)
    return not _share_word(mine, theirs)


def _sites(text: str, q: Quantity) -> frozenset[str]:
    """The sites of figure `q`'s frame among the figures of `text` (empty if not one)."""
    found = analyze(text).quantities
    at = next((i for i, x in enumerate(found) if x is q or (x == q and x.said == q.said)), None)
    frame = None if at is None else cached_figure_frames(text, found)[at]
    return frame.sites if frame is not None else frozenset()


def _share_word(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool({w for n in a for w in n.split()} & {w for n in b for w in n.split()})


def values_of_other_days(c_text: str, claimed: Sequence[Quantity], e_text: str,
                         found: Sequence[Quantity]) -> bool:
    """Whether `e_text` gives another value of a figure of `c_text` (`claimed`, `found`:
    their quantities) on another day (`days_apart`): its weekday dates that value, not the
    claim's event, so the two days are no versions of one date either."""
    return any(c.comparable(e) and not c.agrees(e) and days_apart(c, c_text, e, e_text)
               for c in claimed for e in found)


def figures_apart(c: Quantity, c_text: str, e: Quantity, e_text: str) -> bool:
    """Whether figures `c` (of `c_text`, a claim's) and `e` (of `e_text`) measure two things
    by the words around them: two qualified parts of a count (`qualified_apart`), the two
    ends of a span (`span_ends_apart`), a year naming a thing and one dating an act
    (`years_apart`), a year to come and a year gone (`times_apart`), a holding and a count
    of what happened (`holdings_apart`), two days' values (`days_apart`), the counts of two
    sites (`sites_apart`), totals by two times (agent.text.running.totals_apart)."""
    return (qualified_apart(c, c_text, e, e_text) or span_ends_apart(c, c_text, e, e_text)
            or years_apart(c, c_text, e, e_text) or times_apart(c, c_text, e, e_text)
            or holdings_apart(c, c_text, e, e_text) or days_apart(c, c_text, e, e_text)
            or sites_apart(c, c_text, e, e_text) or totals_apart(c_text, c, e_text, e))
