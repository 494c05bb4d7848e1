"""How a difference line is led: the clause of one outlet's sentence that gives its value.

"Outlets differ on the figure: 5.8 metres (A) vs 6.1 metres (B)" does not say what the
figures are of. A line led by the clause that gives the first side's value says it: "Outlets
differ: The river peaked at 5.8 metres on the Tarnford gauge (A) vs 6.1 metres (B)". The
clause is quoted as written, so only one that reads alone leads (`figure_lead`). Another side
whose sentence tells the event in other words shows its own clause (`own_clauses`), so no
outlet is shown saying what it did not. A line with no lead names what its figures measure
(`measure_named`: "on the distance") and shows each side's values as written (`shown_figure`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from agent.generation.extractive import Side, word_from
from agent.generation.sentence_checks import ADJECTIVAL, ends_open, event_verbs, has_finite_verb
from agent.text.analysis import analyze, share_of, stem, stems
from agent.text.clock_times import clock_shown
from agent.text.counted import any_plural
from agent.text.dates import MONTH_NAMES
from agent.text.facts import strip_dateline
from agent.text.frames import WEEKDAY_WORD, clause_span
from agent.text.lexicon import is_past_form
from agent.text.normalize import STOPWORDS, content_terms
from agent.text.number_words import words_to_digits, written_as
from agent.text.quantities import Quantity, quantities
from agent.text.quantity import show_quantity
from agent.text.units import TEMPERATURE
from agent.text.voice import THIRD_PERSON
from agent.verification.measures import Figure

MAX_LEAD_WORDS = 14  # a longer clause is no lead of a difference line (`figure_lead`)
# ... unless no side has a clause that short: then one of up to this many words leads. A
# helper reading ten dev summaries called 7 lines named by kind ("Outlets differ on the
# date: 23 June (A) vs 30 June (B)": the date of what?) fragments. On the 34 dev stories
# (session 42) this second try leads 10 of the 53 kind-named lines at 17 words, 15 at 20;
# floor key-fact recall 190 of 514 at 14 and 17, 188 at 20 (longer lines leave less room).
LONG_LEAD_WORDS = 17
# The share of a lead's words (its values and names aside) another side's sentence must
# hold for that side to be shown by its values alone under the lead (`own_clauses`).
LEAD_FIT = 0.5
# A clause a subordinating word opens ("... after the first patient fell ill on Sunday")
# starts after it, and ends before the next one ("3,000 fish have died after a leak ...").
_AND_WORD = re.compile(r"\s+and\s+([a-z]+)\b")
_SUBORDINATE = re.compile(r"\b(?:after|before|when|because|since|until|although|though|while)\s+",
                          re.IGNORECASE)
# A lead must name what it is about and stand alone: not "It has been valued at £250,000",
# nor "And it did so for a modest $148 million" (pronouns and conjunctions).
_OPENERS = frozenset(("it", "he", "she", "they", "this", "that", "these", "those", "its",
                      "his", "her", "their", "we", "i", "you", "and", "but", "or", "so", "yet"))
# A third-person pronoun with no noun before it in its clause points to a name outside it
# ("four of its wards are now closed" names no hospital; "Harland says ... its subsidy" is
# Harland's): such a clause does not read alone either (`_refers_out`).
_PRONOUN = re.compile(rf"\b(?:{'|'.join(THIRD_PERSON)})\b", re.IGNORECASE)
# Where a trailing adjunct of a clause opens: a preposition of place, time or means ("on the
# Tarnford gauge at about 6am": the second phrase gives another figure). Not a comma: it
# may open an aside with the verb after it ("31 fishermen, 12 of them from Kelby, were").
_ADJUNCT = re.compile(r"\s(?=(?:at|on|in|by|with|from|for|over|across|during|near)\s)",
                      re.IGNORECASE)
_INSERTION_BEFORE = re.compile(r"[)\u2014\u2013]\s*$|\s-\s*$")
_INSERTION_AFTER = re.compile(r"\s*(?:[(\u2014\u2013]|-\s)")


def figure_lead(sentence: str, said: str, also: Sequence[str] = (),
                max_words: int = MAX_LEAD_WORDS) -> str:
    """The clause of `sentence` that gives the figure written `said`, as written, to lead a
    difference line ("the first patient fell ill on Sunday", "The council estimated the cost
    of repairs at £4.8 million"); "" when there is none a reader could take alone. `also`:
    other values the line shows for this side, as written ("3am" beside "Saturday"), which
    the clause must give too.

    The clause is agent.text.frames.clause_span, started after a subordinating word before
    the figure when a lower-case word follows it (not "after Dunmere's win"), ended before
    one after it, and at the first comma after the figure when it is longer than
    `max_words`. None when the figure is not found as written, a bracket or dash
    interrupts the clause (its subject or verb lies outside: "Naomi Castellane (Quillon
    First) finished 312 votes ahead"), or the clause has fewer than 3 words or too many,
    opens on a pronoun or a conjunction, holds a quotation or another figure (an ordinal aside
    and a label such as "Paper 2" are none; a trailing phrase that gives one is cut off
    first, `_without_later_figure`), has no finite verb outside its names (an -ed word
    after an article or a figure is an adjective: "a 14-mile signed route") or ends open
    (agent.generation.sentence_checks)."""
    sentence = strip_dateline(sentence)  # blanked: "KELBY (Delta Wire) — " starts no clause
    # A figure said in words is read in digits: "for two years" gives "2".
    written = written_as(sentence, said)
    m = re.search(rf"(?<![\w£$€]){re.escape(written)}(?!\w)", sentence, re.IGNORECASE) \
        if written else None
    if m is None:
        return ""
    start, end = clause_span(sentence, m.start(), m.end())
    if _INSERTION_BEFORE.search(sentence[:start]) or _INSERTION_AFTER.match(sentence[end:]):
        return ""  # a bracket or dash interrupts the clause: its subject or verb is outside
    for cut in _SUBORDINATE.finditer(sentence, start, m.start()):
        # a clause follows a subordinating word, its verb before the figure; a
        # preposition's noun has none ("will go before full council on 19 March")
        if sentence[cut.end(): cut.end() + 1].islower() and has_finite_verb(
                sentence[cut.end(): m.start()]):
            start = cut.end()
    nxt = _SUBORDINATE.search(sentence, m.end(), end)
    # a second act after the figure's is no part of what the figure dates or measures:
    # "Officers visited the site on Monday and took samples from its tanks"
    second = next((p for p in _AND_WORD.finditer(sentence, m.end(), end)
                   if is_past_form(p.group(1).lower())), None)
    stop = min(x.start() for x in (nxt, second) if x is not None) if nxt or second else end
    lead = sentence[start: stop].strip(" ,;.")
    if len(lead.split()) > max_words and "," in sentence[m.end(): end]:
        lead = sentence[start: sentence.index(",", m.end(), end)].strip(" ,;.")
    lead = _without_later_figure(lead, m.end() - start, said, also)
    words = lead.split()
    # Names left out: "Roman coins" is no name and a verb in -s (has_finite_verb).
    verbs = ADJECTIVAL.sub("", " ".join(w for w in words if not w[:1].isupper()))
    if (not 3 <= len(words) <= max_words or words[0].lower() in _OPENERS
            or _refers_out(lead)
            or any(q in lead for q in '"\u201c\u201d') or _other_figures(lead, said, also)
            or not all(v in lead for v in also) or not has_finite_verb(verbs)
            or ends_open(lead)):
        return ""
    return lead


def _refers_out(clause: str) -> bool:
    """Whether `clause` has a third-person pronoun before any content word that could be
    what it stands for (number words and stopwords are none: "four of its wards"), or a
    singular one ("he", "him", "its") after plural nouns only ("officers pinned him to the
    floor": whom?)."""
    for m in _PRONOUN.finditer(clause):
        before = [t for t in content_terms(words_to_digits(clause[: m.start()])) if t.isalpha()]
        if not before:
            return True
        singular = m.group(0).lower() not in _PLURAL_PRONOUNS
        named = re.search(r"(?<![.!?]\s)(?<!^)\b[A-Z]", clause[: m.start()].strip())
        if singular and not named and all(any_plural(w) for w in _plain_words(clause[: m.start()])):
            return True
    return False


_PLURAL_PRONOUNS = frozenset(("they", "them", "their", "theirs"))


def _plain_words(text: str) -> list[str]:
    """The lower-case content words of `text` as written (not stemmed) that are no verbs
    (agent.generation.sentence_checks.has_finite_verb: "pinned" is none of the nouns)."""
    return [w for w in re.findall(r"[a-z][a-z'’-]*", text)
            if w not in STOPWORDS and w.isalpha() and not has_finite_verb(w)]


def _other_figures(text: str, said: str, also: Sequence[str] = ()) -> list[str]:
    """The figures of `text`, as written, other than the values written `said` and `also`
    (neither a part of the other: "£2.1 million" / "2.1 million"), ordinals (asides) and
    labels (a number that is part of a name: "Paper 2", "Ward 7")."""
    mine = [v.lower() for v in (said, *also)]
    # a weekday's own date is part of it: "on Friday 20 November" (a newcomer's strike
    # ballot, session 70: the line went unled, "Outlets differ on the day: Friday ...")
    mine += [m.group(0).lower() for v in (said, *also) if WEEKDAY_WORD.fullmatch(v)
             for m in re.finditer(rf"\b{re.escape(v)},?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?\s+"
                                  rf"(?:{MONTH_NAMES})|(?:{MONTH_NAMES})\s+\d{{1,2}}\b)", text,
                                  re.IGNORECASE)]
    return [q.said for q in quantities(text) if q.kind not in ("ordinal", "label") and q.said
            and not any(_part_of(q.said.lower(), v) or _part_of(v, q.said.lower()) for v in mine)]


def _part_of(part: str, whole: str) -> bool:
    """Whether `part` is written inside `whole`, not inside one of its numbers ("2.1
    million" is in "£2.1 million"; "2" is not in "23 june")."""
    return re.search(rf"(?<![\d.,]){re.escape(part)}(?![\d]|[.,]\d)", whole) is not None


def _without_later_figure(lead: str, value_end: int, said: str, also: Sequence[str]) -> str:
    """`lead` cut before the phrase that gives another figure after the value
    (`value_end`: where the value ends in `lead`): "The river peaked at 5.8 metres on the
    Tarnford gauge at about 6am" leads with "The river peaked at 5.8 metres on the Tarnford
    gauge". The cut is at the preposition (`_ADJUNCT`) that opens that phrase, when what
    is cut has no verb: what is left is the same clause with one adjunct fewer, true
    wherever the whole is. `lead` as it was otherwise."""
    later = _other_figures(lead[value_end:], said, also)
    if not later:
        return lead
    at = lead.find(later[0], value_end)
    cuts = [c.start() for c in _ADJUNCT.finditer(lead, value_end) if c.start() < at]
    # (the figure itself left out: "4am" would pass for a verb)
    if not cuts or has_finite_verb(lead[cuts[-1]:].replace(later[0], " ")):
        return lead
    # Only phrases that follow the value directly ("5.8 metres on the gauge at 6am"): after
    # an aside or a verb ("5.8 metres, higher than the record set in 1968") the cut would
    # strand it.
    between = lead[value_end: cuts[-1]]  # the unit or noun of the value, then phrases
    if "," in between or has_finite_verb(between):
        return lead
    return lead[: cuts[-1]].rstrip(" ,;")


# What a figure of no counted noun measures, by its kind or its unit's dimension (pint's,
# agent.text.units): "Outlets differ on the distance: 26 miles (A) vs 20 miles (B)".
_MEASURE_NAMES = {"money": "the sum", "percent": "the percentage", "duration": "how long",
                  "[length]": "the distance", "[mass]": "the weight", "[length] ** 2": "the area",
                  "[length] ** 3": "the volume", "[length] / [time]": "the speed",
                  TEMPERATURE: "the temperature"}


def measure_named(q: Quantity, tally: bool = False) -> str:
    """What the seed figure `q` of a difference measures, in words ("the sum", "the
    distance"; "the result" for a `tally` such as "9 votes to 3"), "" when its kind names
    nothing (a count: its noun names it)."""
    if tally:
        return "the result"
    return _MEASURE_NAMES.get(q.unit if q.kind == "measure" else q.kind, "")


def shown_figure(f: Figure) -> str:
    """The figure as its sentence writes it ("more than 70", "£4.8m"; number words in
    digits), with the noun a count counts or a duration's unit ("63 patients"); a tally as
    "14 votes to 9"."""
    q = f.quantity
    if q.kind == "weekday":
        return q.said
    if q.kind == "time":
        # "2.40am" where the sentence ends ("at 2.40am."), but "11:40 p.m." keeps its dot
        said = q.said.rstrip(".")
        # a time said in words or on the clock ("by half past seven on Tuesday evening"
        # reads "by 7:30 o'clock"), shown by its hour as read: "by 7.30pm"
        shown, clock = re.subn(r"\d{1,2}(?::\d{2})?\s*o[’']clock$", clock_shown(q.value),
                               said, flags=re.IGNORECASE)
        if clock:
            return shown
        return f"{said}." if re.search(r"\b[ap]\.m$", said, re.IGNORECASE) else said
    if f.against is not None:
        return f"{q.said} {q.head}s to {f.against.said}"
    if q.kind == "day" or not q.said:
        return show_quantity(q).title() if q.kind == "day" else show_quantity(q)
    said = q.said[:1].lower() + q.said[1:] if q.said[:1].isalpha() else q.said
    if q.kind in ("count", "duration", "measure") and q.head and q.head not in said.lower():
        # the noun as written after the figure ("248 passengers", not "passenger ferry")
        # a figure said in words is found in the sentence's digits ("a year and a half"
        # reads "1.5 years")
        text = f.sentence.text if q.said in f.sentence.text else words_to_digits(f.sentence.text)
        at = text.find(q.said)
        after = text[at + len(q.said):] if at >= 0 else ""
        if after[:len(q.head)].lower() == q.head.lower():  # "180t", "6nm": joined, as written
            return f"{said}{after[:len(q.head)]}"
        joined = "-" if after.startswith("-") else " "  # "a 14-mile diversion"
        return f"{said}{joined}{word_from(q.head, text[max(at, 0):])}"
    return said


def own_clauses(lead: str, sides: Sequence[Side], seeds: Sequence[Figure],
                max_words: int = MAX_LEAD_WORDS) -> str:
    """The lead of a line whose sides are `sides` (the first worded by `lead`), each side's
    seed figure in `seeds`, with `Side.clause` set on each other side whose sentence holds
    less than LEAD_FIT of the lead's words (values and names aside) or whose clause tells
    another event (none of the lead's verbs, sentence_checks.event_verbs, and a verb the
    lead has no word of): its own clause (`figure_lead`), shown in place of its values, so
    that no outlet is shown telling the lead's event in words it did not use (a newcomer
    trial: "an ethics committee approved a revised protocol on Tuesday (A) vs Monday (B)",
    where B's committee met on Monday and rejected it); a clause of up to `max_words` words.
    When such a side has no clause that reads alone, "" (no lead: the line names its detail
    by kind) and no side's clause."""
    if not lead:
        return lead
    words = (stems(lead) - set().union(*(stems(v) for v in sides[0].values))
             - analyze(lead).name_stems)
    told_lead, lead_verbs = stems(lead), {stem(v) for v in event_verbs(lead)}
    for side, seed in zip(sides[1:], seeds[1:], strict=True):
        if side.sentence is None:
            continue
        # What happened, by the verbs: the clause that gives the side's value tells the
        # lead's event when it uses one of the lead's verbs ("declared ... as water levels
        # rose") or only verbs the lead has words of ("closed 22% higher" / "rose ... by the
        # close"); "met ... and rejected" tells another than "approved".
        clause = _value_clause(side.sentence.text, seed.quantity.said)
        verbs = {stem(v) for v in event_verbs(clause)}
        same_event = verbs <= told_lead or bool(lead_verbs & stems(clause))
        if share_of(words, stems(side.sentence.text)) < LEAD_FIT or not same_event:
            side.clause = figure_lead(side.sentence.text, seed.quantity.said, max_words=max_words)
            if not side.clause:
                for other in sides[1:]:
                    other.clause = ""
                return ""
    return lead


def _value_clause(sentence: str, said: str) -> str:
    """The clause of `sentence` that gives the value written `said` (agent.text.frames.
    clause_span), cut before a subordinating word after it ("... closed 22% higher at $3.82
    after Bramwell agreed a deal"); the sentence when the value is not found as written."""
    written = written_as(sentence, said)
    at = sentence.lower().find(written.lower()) if written else -1
    if at < 0:
        return sentence
    start, end = clause_span(sentence, at, at + len(written))
    cut = _SUBORDINATE.search(sentence, at + len(written), end)
    return sentence[start: cut.start() if cut else end]
