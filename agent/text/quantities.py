"""Quantities in a sentence: the value a text commits to, as an interval in a normal unit.

"nearly three decades" and "about thirty years" are both about 30 years; "10k" is 10,000;
"$1.2 million" is "$1,200,000"; "more than 4,000" equals "over 4,000"; "between 30 and 40" is
a range; "aged 38" and "the 38-year-old" are one age; a typo such as "45,00" is skipped. Number
words go through `text2num`; scale words, currencies, approximators and time units are read
here. Two quantities *conflict* when they are of one kind (count, percent, money in one
currency, duration, year, ordinal, time) and their intervals do not overlap."""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from collections.abc import Sequence

from agent.text.bounds import BOUND_RE, BOUND_WORDS, SHARE_BOUND_WORDS, adds_up_to, bound_factors
from agent.text.changes import Phase, change_phase, change_phases, goes_up_to
from agent.text.clock_times import times_of_day
from agent.text.counted import any_plural, counts_part, head_after, head_before, inherit_part_heads
from agent.text.facts import FUNCTION_WORDS, MONTHS, NOT_ENTITY, strip_dateline
from agent.text.lexicon import is_noun, is_noun_only, is_past_form, is_verb_only, verb_lemmas
from agent.text.normalize import STOPWORDS
from agent.text.number_words import words_to_digits
from agent.text.quantity import Kind, Quantity
from agent.text.units import (
    duration_unit,
    rate_period,
    states_age,
    two_word_unit,
    unit_after,
)

_MONTH_AT = re.compile(
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?", re.IGNORECASE)

_SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9,
          "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12}
_CURRENCY_SIGN = {"$": "$", "£": "£", "€": "€", "¥": "¥"}
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE_RE = r"thousand|million|billion|trillion|bn|mn|tn|[kmb]"
_QUANTITY = re.compile(
    rf"(?:\b(?P<bound>{BOUND_RE})\s+)?"
    rf"(?:\b(?P<between>between|from)\s+)?"
    rf"(?P<cur>[$£€¥])?\s?(?<![\w.,])(?P<num>{_NUM})(?![\d,]*\d)(?P<ord>st|nd|rd|th)?"
    rf"(?:\s?(?P<scale>{_SCALE_RE})\b)?"
    rf"(?:\s?(?P<pct>%|percent\b|per cent\b))?"
    rf"(?:\s*(?:-|–|to|and)\s*(?P<cur2>[$£€¥])?(?P<num2>{_NUM})"
    rf"(?:\s?(?P<scale2>{_SCALE_RE})\b)?(?:\s?(?P<pct2>%|percent\b|per cent\b))?)?",
    re.IGNORECASE,
)
# "45,00" or "1,2345": comma groups that are not thousands are typos, not numbers; a
# unit joined after the last group is none ("12,500t", "2,500km").
_MALFORMED = re.compile(r"\d,(?!\d{3}(?!\d))\d+|\d,\d{3}\d")
# A share said as a fraction ("almost half of the market", "two-thirds of voters",
# "four-fifths of staff") is a percentage, never exact: a bare one gets the room of
# "about" (words are digits by then). Its denominator is an ordinal word, in the plural
# after a numerator above one; "half" and "quarter" are their own words.
_DENOMINATORS = {"half": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                 "eighth": 8, "ninth": 9, "tenth": 10}
_DENOMINATOR = "|".join(_DENOMINATORS)
# (the number words left as words before a fraction's plural: "two-thirds", "Three quarters")
_NUMERATORS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
               "nine": 9}
_NUMERATOR = "|".join(_NUMERATORS)
_FRACTION = re.compile(
    rf"(?:\b(?P<bound>{BOUND_RE})\s+)?\b(?P<frac>(?:(?:a|one|1)\s+)?(?P<half>half)|"
    rf"(?:a|one|1)[\s-]+(?P<den>{_DENOMINATOR})|(?P<num>[2-9]|{_NUMERATOR})[\s-]+"
    r"(?P<dens>thirds|quarters|(?:fif|six|seven|eigh|nin|ten)ths))"
    r"(?:\s+(?:of\b|(?=(?:fewer|more|less|lower|higher)\b))|(?P<end>(?=\s*(?:[.,;:]|$))))",
    re.IGNORECASE,
)
# "nine in ten members", "fewer than two in five", "seven out of every ten": a share as a ratio.
_RATIO = re.compile(rf"(?:\b(?P<bound>{BOUND_RE})\s+)?\b(?P<a>\d{{1,2}})\s+(?:in|out of)\s+"
                    r"(?:every\s+)?(?P<b>\d{1,4})\b(?!\s*(?:%|per\s*cent|percent))", re.IGNORECASE)
_PART_BEFORE = re.compile(r"\b(?:the|first|second|other|latter|former|this|that)\s+$",
                          re.IGNORECASE)
_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                  "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
# "the final third of the season": a part of something, not a rank.
_PART_OF = re.compile(r"\b(?:final|last|middle|opening|closing)\s+$", re.IGNORECASE)
_OF_AFTER = re.compile(r"\s+of\b", re.IGNORECASE)
_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")
_AFTER_DETERMINER_RE = re.compile(r"\b(?:the|a|an|its|their|his|her|our|this|that)\s+$",
                                  re.IGNORECASE)


def _opens_clause(text: str, end: int) -> bool:
    """Whether the words after a "once" that ends at `end` are a clause's subject and verb
    ("once gusts go above 45mph", "once staff return"): "once" is then a conjunction, not a
    count. The first word may be a noun and the second a verb ("met once last year",
    "once in March" are counts)."""
    words = re.findall(r"[a-z]+", text[end:end + 40].split(",")[0].lower())[:2]
    return (len(words) == 2 and words[0] not in STOPWORDS | FUNCTION_WORDS and is_noun(words[0])
            and not is_verb_only(words[0])
            and (bool(verb_lemmas(words[1])) or is_verb_only(words[1])))


def _no_rank(text: str, m: re.Match[str]) -> bool:
    """Whether the ordinal word `m` ranks nothing: a part ("the final third of the season")
    or "first" as "at first" before a verb of what was ("were first docked points in
    November", "first reported the fault"; a newcomer trial's claim was refuted by a source's
    "final third" as 1 against 3)."""
    if _PART_OF.search(text, max(0, m.start() - 10), m.start()) and _OF_AFTER.match(text, m.end()):
        return True
    following = _NEXT_WORD.match(text, m.end())
    if (m.group(1).lower() != "first" or following is None
            or _AFTER_DETERMINER_RE.search(text, max(0, m.start() - 8), m.start())):
        return False  # "the first bid": a rank
    word = following.group(1).lower()
    return (len(word) > 4 and word.endswith("ed")) or is_past_form(word)


# A number right after a name word written capitalised mid-sentence names a thing ("on Ward
# 7", "bus Route 22", "Terminal 2"): an identifier, not a count of anything.
_NAMED_BY = re.compile(r"[\w,;:’'\")”]\s+([A-Z][a-z]+)\s$")
# ... and so does one right after a sentence's (or a dateline's) first word when that word
# can only be a noun ("Route 42 lost £180,000": a newcomer trial read 42 as a count), not a
# modifier ("About 300 staff", "Nearly 500").
_NAMED_FIRST = re.compile(r"(?:^\s*|[—–]\s)\W{0,2}([A-Z][a-z]+)\s$")
# Numbers listed after a label are labels of the same name ("Wards 5, 6, 7 and 9").
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|&)\s)\s*")
# Capitals joined to a number by a hyphen name a thing ("the AT-311 trial", "COVID-19", "an
# F-35"): a code, not a count (a newcomer trial: every sentence without the code was said to
# lack a figure of the claim). Lower-case "mid-2025" stays a year.
_CODE = re.compile(r"(?<![\w-])[A-Z]{1,6}-$")
# A number to dial or quote, not to count: digits that open on a zero ("01632 960412",
# "0800 123 4567") or after a "+" ("+44 1632 960412"), with the digit groups after them.
# A newcomer's hospital story read a helpline's dialling code as "01632 patients".
_DIALLED = re.compile(r"(?<![\w.,])(?:\+\d{1,3}(?:[ -]\d{2,})+|0\d{2,}(?:[ -]\d{2,})*)"
                      r"(?![\w.,]*\d)")
# "dialled 999", "rang 111 for advice": a short number after a verb of calling, with no noun
# after it, is one to dial too.
_CALLED = re.compile(r"\b(?:dial(?:l?ed|l?ing|s)?|r[ai]ng(?:ing|s)?|phon(?:e|ed|es|ing)|"
                     r"call(?:ed|ing|s)?|text(?:ed|ing|s)?)\s+(\d{3,})"
                     r"(?=\s*(?:[.,;:!?)]|$)|\s+(?:if|for|and|or|to|from|when|after|before|on|"
                     r"in|at|but|with|as|while|because)\b)", re.IGNORECASE)
# After a duration's unit: a point in time or a rate, not a span of time.
_NOT_A_SPAN = re.compile(
    r"[\s-]*[a-z]+\s+(?:ago\b|(?:a|per|each|every)\s+(?:day|week|month|year)\b)", re.IGNORECASE)


# A date's preposition before a number of four digits with no noun after it.
_YEAR_BEFORE = re.compile(r"\b(?:in|since|until|till|circa)\s+$", re.IGNORECASE)
# Between the parts of one span said in two units, after the first's number: its unit and
# "and" or a comma ("5 years and 4 months", "2 hours, 15 minutes", "1 hour 40 minutes").
_COMPOUND_GAP = re.compile(r"[\s-]*[A-Za-z]+(?:\s*,)?\s+(?:and\s+)?", re.IGNORECASE)
# Between two counts, "<noun> to": the second counts what the first does ("14 votes to 9",
# "from 30 jobs to 45").
_CARRIED_HEAD = re.compile(r"\s+[A-Za-z][\w'’-]*\s+to\s+", re.IGNORECASE)
# Between the figures of "from X to about Y", before the second's hedge.
_TO_HEDGED = re.compile(r"\s+to\s+", re.IGNORECASE)
# A tally that is a game's score ("a 3-1 home defeat", "won 3-0", "beat Kelby 2-1"): no
# count of what follows it (a sport newcomer, session 71: "3 defeats to 1" was set against
# "six successive league defeats").
_RESULT_AFTER = re.compile(r"\s+(?:(?:home|away)\s+)?(?:defeat|win|victory|loss|draw)s?\b",
                           re.IGNORECASE)
_RESULT_BEFORE = re.compile(r"\b(?:won|lost|beat|drew|trailed|led)\s+(?:[A-Z][\w'’-]*\s+){0,3}$")
_VOTED = re.compile(r"\bvot(?:ed|es?|ing)\s+(?:(?:by|of)\s+)?$", re.IGNORECASE)
# A scaled figure after these words is a sum, its currency unsaid ("were worth 48 million").
_WORTH = re.compile(r"\b(?:worth|valued at|costs?|costing|priced at)\s+(?:about\s+|around\s+|"
                    r"some\s+|nearly\s+|almost\s+|more than\s+|over\s+|up to\s+)?$",
                    re.IGNORECASE)
_RATE_KINDS = frozenset(("count", "money", "measure"))
# Kinds whose "from X to Y" is a change (agent.text.changes). A count's is a spread before
# its noun ("from ten to twelve people"); a count changes as "from 30 jobs to 45", its noun
# between, or "rose from nine to 14.", its noun named before and the clause ending there.
_CHANGING_KINDS = frozenset(("money", "percent", "measure", "duration"))
_AMOUNT_KINDS = _CHANGING_KINDS | {"count"}  # kinds a change is measured in


def _counts_after(text: str, end: int) -> bool:
    """Whether the figure ending at `end` ("2.4m") is followed at once by a plural noun
    ("birds", "tonnes"): a count of millions, not metres ("a 10m wall", "rose 2.4m")."""
    nxt = re.match(r"\s+([a-z]+)\b(?!-)", text[end:])
    return nxt is not None and any_plural(nxt.group(1))


def _float(raw: str) -> float:
    return float(raw.replace(",", ""))


# A figure that ends its clause ("... at around 3,000, mostly trout").
_CLAUSE_ENDS = re.compile(r"\s*(?:[,.;:)]|$)")


def _month_beside(text: str, start: int, end: int) -> str | None:
    """The month named right after ("9 May") or right before ("May 19") a number."""
    after = _MONTH_AT.match(text[end: end + 12].lstrip(" ,"))
    before = re.search(r"\b([A-Za-z]+)\.?\s+$", text[max(0, start - 12): start])
    for m in (after, _MONTH_AT.fullmatch(before.group(1)) if before else None):
        if m:
            word = m.group(0).lower()
            return next((mo for mo in MONTHS if mo.startswith(word[:3])), None)
    return None


def _share(value: float, bound: str | None, head: str, said: str) -> Quantity:
    """A percentage said as a fraction or a ratio ("almost half of", "nine in ten"): never
    exact, so with no bound word it gets the room of "about"."""
    lo_f, hi_f = bound_factors((bound or "about").lower(), SHARE_BOUND_WORDS)
    return Quantity(value, value * lo_f, value * hi_f, "percent", "", head, True, said)


_NEXT_WORD_SAID = re.compile(r"\s+[A-Za-z]+|p\b")  # "3.5 million pounds", "410p"


def _blanked(text: str, m: re.Match[str], group: int = 0) -> str:
    """`text` with the match's span (or its `group`'s) as spaces: a figure read once is not
    read again."""
    return text[:m.start(group)] + " " * len(m.group(group)) + text[m.end(group):]


def _label_name(text: str, at: int, end: int, found: Sequence[Quantity],
                label_end: int) -> str | None:
    """The name whose number text[at:end] is ("ward" for "on Ward 7"), lower-case, or None
    when it counts or measures something: a capitalised word before it mid-sentence
    (`_NAMED_BY`); a sentence's first word that can only be a noun, when a verb or a
    clause's end follows the number ("Route 42 lost", not "Another 200 homes");
    the last label's name when the number is listed after it ("Wards 5, 6, 7 and 9")."""
    if found and found[-1].kind == "label" and _LIST_GAP.fullmatch(text, label_end, at):
        return found[-1].head
    if _NUMBER_NOUN.search(text, max(0, at - 10), at):
        return "number"  # "went into number 41", "No. 10": the number names a house, a bus
    named = _NAMED_BY.search(text, max(0, at - 30), at)
    if named is None:
        first = _NAMED_FIRST.search(text, 0, at)
        word = first.group(1).lower() if first else ""
        after = _NEXT_WORD.match(text, end)
        if first and word not in STOPWORDS and is_noun_only(word) and (
                after is None or is_verb_only(after.group(1))):
            named = first
    name = named.group(1).lower() if named else None
    return name if name and name not in NOT_ENTITY else None


_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
# The noun "number" (or "No.") right before a numeral names what follows it: "number 41",
# never a count ("the number of homes" has no numeral after it).
_NUMBER_NOUN = re.compile(r"\b(?:[Nn]umber|No\.)\s$")


@functools.lru_cache(maxsize=65536)
def quantities(text: str) -> tuple[Quantity, ...]:
    """Every quantity in `text`: times of day and shares said as ratios or fractions first,
    then the others in order. Years (1900-2100 without separators or a bound such as "more than"),
    ordinals ("3rd", "third"), labels ("Ward 7"), percents, money, durations and plain
    counts. A leading wire dateline ("MARROWICK, England, March 3 (MNA) -") is when and where
    the report was filed, not a figure of what it tells: it is not read."""
    text = words_to_digits(strip_dateline(text))
    out: list[Quantity] = []
    found, text = times_of_day(text)  # first: "10:55" is no count of 10 and one of 55
    out += [Quantity(hour, low, high, "time", said=said) for hour, low, high, said in found]
    for m in _RATIO.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if not 0 < a < b:
            continue
        out.append(_share(100 * a / b, m.group("bound"), head_after(text, m.end()),
                          m.group(0)))
        text = _blanked(text, m)
    for m in _FRACTION.finditer(text):
        if _PART_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue  # "the second half of the season" is a part, not a share
        clause_end = m.group("end") is not None  # ending its clause: a share only after "of"
        if clause_end and not text[:m.start("frac")].rstrip().lower().endswith(" of"):
            continue  # "a minimum of one half" is a share, "cut in half" is none
        # (a plural denominator without its "s": "fifths" -> "fifth")
        denominator = _DENOMINATORS[(m.group("half") or m.group("den")
                                     or m.group("dens")[:-1]).lower()]
        num = (m.group("num") or "1").lower()
        numerator = _NUMERATORS.get(num) or int(num)
        if numerator >= denominator:
            continue  # "4 quarters" is no share
        value = 100 * numerator / denominator
        out.append(_share(value, m.group("bound"), "" if clause_end else head_after(text, m.end()),
                          re.sub(r"\s+of$", "", m.group(0).strip())))
        # its digit is read: "about 2-thirds" holds no count of 2
        text = _blanked(text, m)
    for m in _DIALLED.finditer(text):
        text = _blanked(text, m)  # "the helpline on 01632 960412": a number to dial
    for m in _CALLED.finditer(text):
        text = _blanked(text, m, 1)  # "dialled 999": only the number
    last_end, last_head = -1, ""
    last_factor = math.inf  # the unit of the last figure, when a duration (in years)
    label_end = -1  # where the last label's number ends
    for m in _QUANTITY.finditer(text):
        raw = m.group("num")
        context = text[max(0, m.start("num") - 1): m.end("num") + 4]
        if _MALFORMED.search(context) or _CODE.search(text, max(0, m.start("num") - 8),
                                                       m.start("num")):
            continue  # a typo, or the number of a code name ("AT-311"): no figure
        value = _float(raw)
        scale = (m.group("scale") or "").lower()
        cur = m.group("cur") or ""
        if scale in ("m", "b") and not cur and not (scale == "m" and _counts_after(text, m.end())):
            # "5.8 m" is metres, "4 b" nothing: only "£4.8m" is a scale, and "2.4m birds" (a
            # plural noun after it: an agriculture newcomer, session 62, had 2.4 birds)
            scale = ""
        value *= _SCALE.get(scale, 1.0)
        bound = (m.group("bound") or "").lower()
        from_word = (m.group("between") or "").lower() == "from"
        phases = change_phases(text, m.start(), from_word, bool(m.group("num2")))
        said = m.group(0)
        if bound == "up to" and goes_up_to(text, m.start("bound")):
            # "will go up to £18.50": no bound, and "up to" is no part of the figure said
            bound, phases, said = "", ("after", ""), text[m.end("bound"): m.end()]
        elif bound == "up to" and adds_up_to(text, m.start("bound")):
            bound, said = "", text[m.end("bound"): m.end()]  # "add up to £412m": a total
        high_value = value
        end = m.end()
        rest: tuple[Quantity, ...] = ()
        if m.group("num2") and (
                (m.group("pct") and not m.group("pct2")) or (m.group("cur2") or cur) != cur):
            # "rose 18% to $3.69": a percent then a price, no range; each is read alone.
            end = max(m.end(g) for g in ("num", "ord", "scale", "pct") if m.group(g))
            said = text[m.start(): end]
            rest = quantities(text[m.start("cur2" if m.group("cur2") else "num2"): m.end()])
        elif m.group("num2"):
            second = _float(m.group("num2")) * _SCALE.get(
                (m.group("scale2") or scale).lower(), 1.0)
            if second < value and not m.group("between"):
                # "voted 14-9", "won 3-1": a tally of two counts, not a range; "voted 15 to
                # 8 to bar lorries" counts votes, not what follows
                head = ("vote" if _VOTED.search(text, max(0, m.start() - 12), m.start("num"))
                        else "score" if (_RESULT_AFTER.match(text, end) or _RESULT_BEFORE.search(
                            text, max(0, m.start() - 40), m.start("num")))
                        else head_after(text, end))
                out += [Quantity(value, value, value, "count", "", head, said=m.group("num")),
                        Quantity(second, second, second, "count", "", head,
                                 said=m.group("num2"), joined=True)]
                continue
            high_value = second
        kind: Kind
        unit = cur
        if m.group("pct") or m.group("pct2"):
            kind = "percent"
        elif cur or (scale and _WORTH.search(text, max(0, m.start("num") - 30), m.start("num"))):
            kind = "money"  # "worth 48 million": a sum with no currency sign
        elif (month := _month_beside(text, m.start("num"), m.end("num"))) and value <= 31 \
                and "," not in raw and "." not in raw and not m.group("num2"):
            out.append(Quantity(value, value, value, "day", "", month, said=m.group("num")))
            continue
        elif m.group("ord"):
            kind = "ordinal"
        elif not (bound or scale or m.group("num2")) and states_age(
                text, m.start("num"), end, value):
            out.append(Quantity(value, value, value, "age", said=m.group("num")))
            continue
        elif (name := _label_name(text, m.start("num"), m.end("num"), out, label_end)) \
                and not (bound or scale or "," in raw or "." in raw):
            # "Wards 5 and 6": two labels, no range
            for num in filter(None, (m.group("num"), m.group("num2"))):
                out.append(Quantity(_float(num), _float(num), _float(num), "label", "", name,
                                    said=num))
            label_end = m.end()
            continue
        else:
            after_kind, factor, after_unit = unit_after(text, end)
            if after_kind == "duration" and _NOT_A_SPAN.match(text, end):
                continue  # "a week ago" is when, "four days a week" how often: no span
            if after_kind is not None:
                kind, unit = after_kind, after_unit
                value, high_value = value * factor, high_value * factor
            elif ("," not in raw and "." not in raw and 1900 <= value <= 2100 and not scale
                  and not m.group("bound")
                  and (not m.group("num2") or re.fullmatch(r"(?:19|20)\d\d", m.group("num2")))):
                # A bounded figure ("more than two thousand") is a count: years are not.
                # "between 2016 and 2022" is a span of years.
                kind = "year"
            elif ("," not in raw and "." not in raw and 1000 <= value < 1900 and not scale
                  and not m.group("bound") and not m.group("num2")
                  and _YEAR_BEFORE.search(text, max(0, m.start("num") - 8), m.start("num"))
                  and (not head_after(text, end) or re.match(r"\s*[,.;:)]", text[end:]))):
                kind = "year"  # "opened in 1874", "since 1874": a year before 1900
            else:
                kind = "count"
        if (kind == "money" and unit_after(text, end)[0] == "money"
                and (word := _NEXT_WORD_SAID.match(text, end))):
            # "3.5 million pounds" as said: a difference line shows its sum as money
            said, end = said + word.group(0), word.end()
        changes = kind in _CHANGING_KINDS or (kind == "count" and _CLAUSE_ENDS.match(text, end))
        if phases[1] and changes:
            # "rise from £6 to £7": two values of one thing, before and after, not a range
            first_end = max(m.end(g) for g in ("num", "ord", "scale", "pct") if m.group(g))
            # "rose from nine to 14.": a count's noun is named before it
            head = (head_before(text, m.start("between")) if kind == "count"
                    else head_after(text, end))
            per = rate_period(text, end) if kind in _RATE_KINDS else ""
            second_start = m.start("cur2" if m.group("cur2") else "num2")
            out += [Quantity(value, value, value, kind, unit, head, per=per, phase="before",
                             said=text[m.start("between"): first_end]),
                    Quantity(high_value, high_value, high_value, kind, unit, head, per=per,
                             phase="after", said=text[second_start: m.end()])]
            last_end, last_head = end, ""
            continue
        low, high = min(value, high_value), max(value, high_value)
        if bound:
            lo_f, hi_f = bound_factors(bound, BOUND_WORDS, m.group("num") or "")
            low, high = low * lo_f, high * hi_f
            if kind == "count":  # "nearly a dozen shops" tells what "11 shops" does
                low = min(low, value - 1) if 0 < lo_f < 1 else low
                high = max(high, high_value + 1) if 1 < hi_f < math.inf else high
        head = ((duration_unit(text, end) if kind == "duration" else "")
                or (two_word_unit(text, end) if kind == "measure" else "")
                or head_after(text, end))
        if kind == "count" and _CLAUSE_ENDS.match(text, end):
            # "put the number of fish killed at around 3,000, mostly trout": the clause ends
            # at the figure, so what it counts is named before it, if anywhere
            head = head_before(text, m.start("num"))
        # "£7, up from £6", "14 cases, up from nine": any measured kind; "from X to Y"
        # only in the kinds that change (a count's is a spread)
        phase: Phase = "" if kind == "year" or (phases[1] and not changes) else phases[0]
        if not phase and kind in _AMOUNT_KINDS:  # "cut by £600,000", "which drops to £1.8m"
            phase = change_phase(text, m.start() + len(said) - len(said.lstrip()), end)
        if (out and last_end >= 0 and out[-1].kind == kind and changes
                and out[-1].said.lower().startswith("from ")
                and _TO_HEDGED.fullmatch(text[last_end:m.start()])):
            # "fall from £68m to about £42m": a hedge keeps the two figures apart, but the
            # first is still the value before the change and this one the value after
            out[-1] = dataclasses.replace(out[-1], phase="before")
            phase = "after"
        # the unit of a span, in years (to join "five years and four months")
        span_unit = unit_after(text, end)[1] if kind == "duration" else math.inf
        if (kind == "duration" and out and out[-1].kind == "duration" and last_end >= 0
                and span_unit < last_factor and not bound
                and _COMPOUND_GAP.fullmatch(text[last_end:m.start("num")])):
            # "five years and four months", "2 hours 15 minutes": one span in two units
            prev = out[-1]
            out[-1] = dataclasses.replace(prev, value=prev.value + value, low=prev.low + low,
                                          high=prev.high + high,
                                          said=prev.said + text[last_end:m.end()],
                                          head=duration_unit(text, end) or prev.head)
            last_end, last_factor = end, span_unit
            continue
        joined = bool(kind == "count" and last_head
                      and _CARRIED_HEAD.fullmatch(text[last_end:m.start("num")]))
        if joined:
            head = last_head  # "by 14 votes to 9": the 9 counts votes too
            if out[-1].said.lower().startswith("from "):
                # "from 30 jobs to 45" (_CARRIED_HEAD holds the "to"): the first is the
                # value before a change
                out[-1] = dataclasses.replace(out[-1], phase="before")
                phase = "after"
        if (kind == "count" and not head and "." in raw and out
                and out[-1].kind in ("percent", "money")):
            # "46 per cent of the vote, ahead of Szabo's 45.4": the figure it is set against
            kind, unit = out[-1].kind, out[-1].unit
        out.append(Quantity(value, low, high, kind, unit, head, bool(bound), said.strip(),
                            joined, part=kind == "count" and counts_part(text, m.start("num"), end),
                            per=rate_period(text, end) if kind in _RATE_KINDS else "",
                            phase=phase))
        out.extend(rest)
        last_end, last_head = end, (head if kind == "count" else "")
        last_factor = span_unit
    for m in re.finditer(r"\b(once|twice|thrice)\b(?!\s+(?:(?:he|she|it|they|we|you|i|the|a|an|"
                         r"his|her|its|their|our|this|that|these|those|inside|there)\b|"
                         r"(?-i:[A-Z])))", text, re.IGNORECASE):
        # "once they reached land" is a conjunction, not a count
        if m.group(1).lower() == "once" and (re.search(r"\bat\s+$", text[:m.start()])
                                             or _opens_clause(text, m.end())):
            continue  # "at once"; "once gusts go above 45mph"
        v = float(("once", "twice", "thrice").index(m.group(1).lower()) + 1)
        out.append(Quantity(v, v, v, "count", "", head_after(text, m.end())))
    for m in re.finditer(r"\b(" + "|".join(_ORDINAL_WORDS) + r")\b", text, re.IGNORECASE):
        if _no_rank(text, m):
            continue
        v = float(_ORDINAL_WORDS[m.group(1).lower()])
        out.append(Quantity(v, v, v, "ordinal", "", head_after(text, m.end())))
    return inherit_part_heads(tuple(out))
