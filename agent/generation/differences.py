"""Figures the outlets of a story give differently, found across the whole story.

`difference_of` (agent.generation.extractive) compares the sentences of one cluster. Outlets
that give another figure often word the whole sentence differently, so the two versions land
in different clusters ("The mission cost $148 million" and "the $184m probe ..."): on the 8
dev stories the cluster search printed 1 of the 24 labelled differences. This pass links
figures across every body sentence of the independent outlets instead:

1. Figures and which of them are *the same measure*: agent.verification.measures (the
   rule the verifier uses too).
2. A *dispute* is two such figures whose values cannot both be true (their intervals do not
   overlap), when neither outlet states the other's value for the same measure anywhere.
   Disputes are taken best-overlap first, each figure in one at most; other outlets whose
   figure of the same measure agrees with one side join it, and so does an outlet that
   states one side's exact value, however it words the sentence.

Where a speaker spoke is the other detail outlets often give differently: venues that share
no word, from the speech sentences (`place_differences`). No model call; the values are
shown as the sentences write them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence

from agent.generation.extractive import MAX_SIDES, Difference, Side, word_from
from agent.generation.sentence_checks import ADJECTIVAL, ends_open, has_finite_verb
from agent.text.counted import any_plural
from agent.text.facts import strip_dateline
from agent.text.frames import clause_span
from agent.text.quantities import Quantity, quantities
from agent.types import Sentence
from agent.verification.compare import venue_versions
from agent.verification.conflicts import show_quantity
from agent.verification.measures import (
    Figure,
    figures,
    measure_key,
    mentions,
    overlap,
    same_measure,
    sentence_figures,
    terms,
)

# What a difference line names by a figure's kind (agent.generation.extractive.Difference)
_DETAIL_KIND = {"day": "month", "weekday": "day", "time": "time"}
MAX_DIFFERENCES = 4  # difference lines in a story summary (dev floor: 3 and 4 score alike)
MAX_LEAD_WORDS = 14  # a longer clause is no lead of a difference line (`figure_lead`)
# A clause a subordinating word opens ("... after the first patient fell ill on Sunday")
# starts after it, and ends before the next one ("3,000 fish have died after a leak ...").
_SUBORDINATE = re.compile(r"\b(?:after|before|when|because|since|until|although|though|while)\s+",
                          re.IGNORECASE)
# A lead must name what it is about and stand alone: not "It has been valued at £250,000",
# nor "And it did so for a modest $148 million" (pronouns and conjunctions).
_OPENERS = frozenset(("it", "he", "she", "they", "this", "that", "these", "those", "its",
                      "his", "her", "their", "we", "i", "you", "and", "but", "or", "so", "yet"))
# Where a trailing adjunct of a clause opens: a preposition of place, time or means ("on the
# Tarnford gauge at about 6am": the second phrase gives another figure). Not a comma: it
# may open an aside with the verb after it ("31 fishermen, 12 of them from Kelby, were").
_ADJUNCT = re.compile(r"\s(?=(?:at|on|in|by|with|from|for|over|across|during|near)\s)",
                      re.IGNORECASE)
_INSERTION_BEFORE = re.compile(r"[)\u2014\u2013]\s*$|\s-\s*$")
_INSERTION_AFTER = re.compile(r"\s*(?:[(\u2014\u2013]|-\s)")


def shown_figure(f: Figure) -> str:
    """The figure as its sentence writes it ("more than 70", "£4.8m"; number words in
    digits), with the noun a count counts or a duration's unit ("63 patients"); a tally as
    "14 votes to 9"."""
    q = f.quantity
    if q.kind == "weekday":
        return q.said
    if q.kind == "time":
        return q.said.rstrip(".")  # "2.40am" where the sentence ends ("at 2.40am.")
    if f.against is not None:
        return f"{q.said} {q.head}s to {f.against.said}"
    if q.kind == "day" or not q.said:
        return show_quantity(q).title() if q.kind == "day" else show_quantity(q)
    said = q.said[:1].lower() + q.said[1:] if q.said[:1].isalpha() else q.said
    if q.kind in ("count", "duration", "measure") and q.head and q.head not in said.lower():
        # the noun as written after the figure ("248 passengers", not "passenger ferry")
        at = f.sentence.text.find(q.said)
        after = f.sentence.text[at + len(q.said):] if at >= 0 else ""
        joined = "-" if after.startswith("-") else " "  # "a 14-mile diversion"
        return f"{said}{joined}{word_from(q.head, f.sentence.text[max(at, 0):])}"
    return said


def figure_lead(sentence: str, said: str) -> str:
    """The clause of `sentence` that gives the figure written `said`, as written, to lead a
    difference line ("the first patient fell ill on Sunday", "The council estimated the cost
    of repairs at £4.8 million"); "" when there is none a reader could take alone.

    The clause is agent.text.frames.clause_span, started after a subordinating word before
    the figure when a lower-case word follows it (not "after Dunmere's win"), ended before
    one after it, and at the first comma after the figure when it is longer than
    MAX_LEAD_WORDS. None when the figure is not found as written, a bracket or dash
    interrupts the clause (its subject or verb lies outside: "Naomi Castellane (Quillon
    First) finished 312 votes ahead"), or the clause has fewer than 3 words or too many,
    opens on a pronoun or a conjunction, holds a quotation or another figure (an ordinal aside;
    a trailing phrase that gives one is cut off first, `_without_later_figure`), has
    no finite verb outside its names (an -ed word after an article or a figure is an
    adjective: "a 14-mile signed route") or ends open (agent.generation.sentence_checks)."""
    sentence = strip_dateline(sentence)  # blanked: "KELBY (Delta Wire) — " starts no clause
    m = re.search(rf"(?<![\w£$€]){re.escape(said)}(?!\w)", sentence, re.IGNORECASE) \
        if said else None
    if m is None:
        return ""
    start, end = clause_span(sentence, m.start(), m.end())
    if _INSERTION_BEFORE.search(sentence[:start]) or _INSERTION_AFTER.match(sentence[end:]):
        return ""  # a bracket or dash interrupts the clause: its subject or verb is outside
    for cut in _SUBORDINATE.finditer(sentence, start, m.start()):
        if sentence[cut.end(): cut.end() + 1].islower():
            start = cut.end()
    nxt = _SUBORDINATE.search(sentence, m.end(), end)
    lead = sentence[start: nxt.start() if nxt else end].strip(" ,;.")
    if len(lead.split()) > MAX_LEAD_WORDS and "," in sentence[m.end(): end]:
        lead = sentence[start: sentence.index(",", m.end(), end)].strip(" ,;.")
    lead = _without_later_figure(lead, m.end() - start, said)
    words = lead.split()
    # Names left out: "Roman coins" is no name and a verb in -s (has_finite_verb).
    verbs = ADJECTIVAL.sub("", " ".join(w for w in words if not w[:1].isupper()))
    if (not 3 <= len(words) <= MAX_LEAD_WORDS or words[0].lower() in _OPENERS
            or any(q in lead for q in '"\u201c\u201d') or _other_figures(lead, said)
            or not has_finite_verb(verbs) or ends_open(lead)):
        return ""
    return lead


def _other_figures(text: str, said: str) -> list[str]:
    """The figures of `text`, as written, other than the value written `said` (neither a
    part of the other: "£2.1 million" / "2.1 million") and other than ordinals (asides)."""
    return [q.said for q in quantities(text) if q.kind != "ordinal" and q.said
            and q.said.lower() not in said.lower() and said.lower() not in q.said.lower()]


def _without_later_figure(lead: str, value_end: int, said: str) -> str:
    """`lead` cut before the phrase that gives another figure after the value
    (`value_end`: where the value ends in `lead`): "The river peaked at 5.8 metres on the
    Tarnford gauge at about 6am" leads with "The river peaked at 5.8 metres on the Tarnford
    gauge". The cut is at the preposition (`_ADJUNCT`) that opens that phrase, when what
    is cut has no verb: what is left is the same clause with one adjunct fewer, true
    wherever the whole is. `lead` as it was otherwise."""
    later = _other_figures(lead[value_end:], said)
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


def _links(figs: Sequence[Figure]) -> list[set[int]]:
    """For each figure (by index), the figures that are the same measure (`same_measure`).
    Only figures of one kind (and counted noun) are compared: no others are comparable."""
    buckets: dict[tuple[str, str], list[int]] = {}
    for i, f in enumerate(figs):
        q = f.quantity
        buckets.setdefault((q.kind, q.head if q.kind == "count" else ""), []).append(i)
    links: list[set[int]] = [set() for _ in figs]
    for members in buckets.values():
        for n, i in enumerate(members):
            for j in members[n + 1:]:
                if same_measure(figs[i], figs[j]):
                    links[i].add(j)
                    links[j].add(i)
    return links


def _value_key(q: Quantity) -> tuple[str, str, str, float]:
    return (*measure_key(q), q.value)


def _disputes(figs: Sequence[Figure], links: Sequence[set[int]]) -> list[tuple[float, int, int]]:
    """(shared-stem overlap, i, j) for figures i and j of two outlets that are the same
    measure (`links`) with values that cannot both be true, when neither outlet states the
    other's value as the same measure anywhere (an outlet that gives "31%" for a premium
    elsewhere does not dispute a 31% premium with its "22% higher" close) and neither
    sentence states the other's value at all ("closed at $3.82 after a $4.10-a-share
    offer"). Best overlap first."""

    given: dict[str, set[tuple[str, str, str, float]]] = {}
    for f in figs:
        given.setdefault(f.outlet, set()).update(
            _value_key(q) for q in sentence_figures(f.sentence.text))
    # The counts each outlet gives, whatever they count: one group is often counted under
    # two nouns ("four counts of fraud" and "the four charges").
    counted = {o: {k[3] for k in keys if k[0] == "count"} for o, keys in given.items()}

    def states(outlet: str, f: Figure, other: int) -> bool:
        # An outlet that gives the other's exact value anywhere, of the same kind (and a
        # count of the same noun), states it: "the union wants 9 per cent" beside "Kelby's
        # staff accepted 6 per cent" disputes no 9 per cent. A count is stated under any
        # noun: "convicted of four counts of fraud ... pleaded not guilty to all five
        # charges" does not dispute another outlet's "four charges of fraud".
        q = f.quantity
        if q.kind == "count" and q.value in counted.get(outlet, set()):
            return True
        return _value_key(q) in given.get(outlet, set()) or any(
            figs[k].outlet == outlet and figs[k].quantity.agrees(f.quantity)
            for k in links[other])

    out = []
    for i, linked in enumerate(links):
        for j in linked:
            a, b = figs[i], figs[j]
            if i < j and not a.quantity.agrees(b.quantity) and not (
                    states(b.outlet, a, i) or states(a.outlet, b, j)
                    or mentions(b.sentence.text, a.quantity)
                    or mentions(a.sentence.text, b.quantity)):
                out.append((overlap(terms(a.sentence.text), terms(b.sentence.text)), i, j))
    return sorted(out, reverse=True)


def _sides(figs: Sequence[Figure], links: Sequence[set[int]], i: int, j: int) -> list[list[int]]:
    """The two versions of the dispute (i, j), as figure indices: each seed with the
    figures of other outlets that are the same measure as either seed and agree with it."""
    sides = [[i], [j]]
    taken = {figs[i].outlet, figs[j].outlet}
    for k in sorted(links[i] | links[j]):
        f = figs[k]
        if f.outlet in taken:
            continue
        for side in sides:
            if figs[side[0]].quantity.agrees(f.quantity):
                side.append(k)
                taken.add(f.outlet)
                break
    return sides


def _join_equal(versions: list[list[int]], figs: Sequence[Figure]) -> None:
    """Add to a version (figure indices) the figures of outlets not yet in the difference
    that state its exact value (same kind, unit and counted noun), whatever their wording:
    "a modest $148 million" in a comment piece is the $148 million version."""
    taken = {figs[k].outlet for v in versions for k in v}
    for n, f in enumerate(figs):
        if f.outlet in taken:
            continue
        for v in versions:
            q = figs[v[0]].quantity
            fq = f.quantity
            if ((fq.kind, fq.unit, fq.value, fq.low, fq.high) == (q.kind, q.unit, q.value, q.low,
                                                                   q.high)
                    and fq.said and q.said and (q.kind != "count" or q.head == fq.head)):
                v.append(n)
                taken.add(f.outlet)
                break


def story_differences(
    items: Sequence[tuple[Sentence, str]], outlet_name: Callable[[str], str],
    opinion: Collection[str] = (),
) -> list[Difference]:
    """Differences over (sentence, outlet key) `items`, the body sentences of independent
    outlets: most outlets first, at most MAX_DIFFERENCES, no figure in two of them. Each
    side shows its value as its first sentence writes it, names its outlets (`outlet_name`)
    and is backed by that sentence. A line is led by a clause of the side most outlets give
    (`figure_lead`), never from an article of `opinion` (article ids): a comment piece's
    wording ("Instead of conceding with grace, Szabo waited until Monday") is no outlet's
    account of a figure."""
    figs = figures(items)
    links = _links(figs)
    used: set[int] = set()
    found: list[tuple[int, float, Difference]] = []
    disputes = _disputes(figs, links)
    for score, i, j in disputes:
        if i in used or j in used:
            continue
        sides = _sides(figs, links, i, j)
        _join_equal(sides, figs)
        used.update(k for side in sides for k in side)
        # Other figures the same two sentences dispute are told in the same line
        # ("18%, $3.69 ... vs 22%, $3.82").
        pair = (figs[i].sentence.id, figs[j].sentence.id)
        also = [(k, m) for _, k, m in disputes if k not in used and m not in used
                and {figs[k].sentence.id, figs[m].sentence.id} == set(pair)]
        values = [[shown_figure(figs[side[0]])] for side in sides]
        told: list[list[Quantity]] = [[], []]  # each side's other values, as quantities
        for k, m in also:
            a, b = (k, m) if figs[k].sentence.id == pair[0] else (m, k)
            for n, x in enumerate((a, b)):
                values[n].append(shown_figure(figs[x]))
                told[n].append(figs[x].quantity)
            used.update((k, m))
        outlets = [{figs[k].outlet for k in side} for side in sides]
        order = sorted(range(2), key=lambda n: -len(outlets[n]))  # most outlets first
        shown = []
        for n in order:
            names, backing = _named([(figs[k].outlet, figs[k].sentence) for k in sides[n]],
                                    outlet_name)
            side = Side(tuple(values[n]), names, figs[sides[n][0]].sentence, backing)
            side.worded = _worded(figs, sides[n], told[n], outlet_name)
            shown.append(side)
        # The values carry their nouns, so the detail is named by kind only, unless the
        # clause of a sentence of the side most outlets give can lead the line.
        kind = _DETAIL_KIND.get(figs[i].quantity.kind, "number")
        major = order[0]
        reported = [figs[k] for k in sides[major] if figs[k].sentence.article_id not in opinion]
        lead = _lead_first(shown[0], reported, outlet_name) if len(values[major]) == 1 else ""
        found.append((len(outlets[0] | outlets[1]), score,
                      Difference(kind, shown, head=_counted(shown, figs[i]), lead=lead)))
    found += [(sum(len(s.outlets) for s in d.sides), 1.0, d)
              for d in place_differences(items, outlet_name)]
    found.sort(key=lambda x: (-x[0], -x[1]))
    return [d for _, _, d in found[:MAX_DIFFERENCES]]


def _counted(sides: Sequence[Side], seed: Figure) -> str:
    """For a count (`seed`, a figure of the difference), the plural noun every value of the
    sides ends in ("63 patients", "more than 70 patients": "patients"), which the line then
    names once ("Outlets differ on the number of patients: 63 (A) vs more than 70 (B)"); ""
    when they do not all end in one, or the count is a margin ("by just 312 votes" is no
    number of votes)."""
    q = seed.quantity
    if q.kind != "count" or re.search(rf"\bby\s+(?:\w+\s+)?{re.escape(q.said)}",
                                      seed.sentence.text, re.IGNORECASE):
        return ""
    values = [v for side in sides for vs in (side.values, *side.worded.values()) for v in vs]
    last = {v.rsplit(" ", 1)[-1] for v in values if " " in v}
    noun = last.pop() if len(last) == 1 and all(" " in v for v in values) else ""
    return noun if noun.isalpha() and any_plural(noun) else ""


def _lead_first(side: Side, given: Sequence[Figure], outlet_name: Callable[[str], str]) -> str:
    """The first `figure_lead` of the side's figures (`given`, its seed first) among the
    outlets that word its value as shown, "" if none; that outlet and its sentence are put
    first in `side`, so the lead is the wording of the first outlet named."""
    for f in given:
        name = outlet_name(f.outlet)
        if name in side.worded or name not in side.outlets:
            continue
        lead = figure_lead(f.sentence.text, f.quantity.said)
        if lead:
            at = side.outlets.index(name)
            side.outlets.insert(0, side.outlets.pop(at))
            if len(side.backing) == len(side.outlets):
                side.backing.insert(0, side.backing.pop(at))
            side.sentence = f.sentence
            return lead
    return ""


def _worded(
    figs: Sequence[Figure], side: Sequence[int], also: Sequence[Quantity],
    outlet_name: Callable[[str], str],
) -> dict[str, tuple[str, ...]]:
    """The outlets of a side (figure indices, its seed first) whose figure is not the
    seed's ("nearly 250" for "248"; "£6m" is "£6 million") or whose sentence does not give
    the other values the line shows for the side (a "3am" only the seed's sentence has),
    with their own value as their sentence writes it."""
    seed = figs[side[0]].quantity
    out: dict[str, tuple[str, ...]] = {}
    for k in side[1:]:
        q = figs[k].quantity
        if (q.value, q.low, q.high) != (seed.value, seed.low, seed.high) or not all(
                mentions(figs[k].sentence.text, a) for a in also):
            out.setdefault(outlet_name(figs[k].outlet), (shown_figure(figs[k]),))
    return out


def _named(
    given: Sequence[tuple[str, Sentence]], outlet_name: Callable[[str], str]
) -> tuple[list[str], list[Sentence]]:
    """The outlets' names in first-seen order and one sentence of each (its first)."""
    names: list[str] = []
    backing: list[Sentence] = []
    for key, sentence in given:
        if outlet_name(key) not in names:
            names.append(outlet_name(key))
            backing.append(sentence)
    return names, backing


def place_differences(
    items: Sequence[tuple[Sentence, str]], outlet_name: Callable[[str], str]
) -> list[Difference]:
    """Where outlets say one speaker spoke, when they name venues that share no word
    (agent.verification.compare.venue_versions, what `compare` shows as venue rows): "Outlets
    differ on where Trump spoke: aboard Air Force One (AP) vs at a rally (Fox News)."."""
    out = []
    for who, versions in venue_versions([(outlet, s) for s, outlet in items]):
        sides = []
        for v in versions:
            names, backing = _named([(key, s) for key, s, _ in v], outlet_name)
            phrase = v[0][2]
            sides.append(Side((phrase[:1].lower() + phrase[1:],), names, v[0][1], backing))
        sides.sort(key=lambda side: -len(side.outlets))
        out.append(Difference("place", sides[:MAX_SIDES], who.title()))
    return out
