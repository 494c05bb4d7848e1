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
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date

from agent.generation.difference_leads import (
    LONG_LEAD_WORDS,
    MAX_LEAD_WORDS,
    figure_lead,
    measure_named,
    own_clauses,
    shown_figure,
)
from agent.generation.extractive import MAX_SIDES, Difference, Side
from agent.text.counted import any_plural
from agent.text.quantities import Quantity
from agent.text.slots import antecedent_rival
from agent.types import Sentence
from agent.verification.compare import venue_versions
from agent.verification.measures import (
    WHEN_KINDS,
    Figure,
    counts_alike,
    durations_told_alike,
    figures,
    measure_key,
    mentions,
    overlap,
    same_frame,
    same_measure,
    sentence_figures,
    terms,
)

# What a difference line names by a figure's kind (agent.generation.extractive.Difference)
_DETAIL_KIND = {"day": "month", "weekday": "day", "time": "time", "year": "year"}
MAX_DIFFERENCES = 4  # difference lines in a story summary (dev floor: 3 and 4 score alike)


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
    # one group counted under two nouns by two outlets telling it alike ("about 300 staff" /
    # "More than 350 workers ... lost their night shift")
    counts = [i for i, f in enumerate(figs) if f.quantity.kind == "count"]
    for n, i in enumerate(counts):
        for j in counts[n + 1:]:
            if counts_alike(figs[i], figs[j]):
                links[i].add(j)
                links[j].add(i)
    _link_durations(figs, links)
    return links


def _link_durations(figs: Sequence[Figure], links: list[set[int]]) -> None:
    """Link the durations two outlets give for one thing their counts tell
    (agent.verification.measures.durations_told_alike), whatever words stand beside them."""
    spans = [i for i, f in enumerate(figs) if f.quantity.kind == "duration"]
    for n, i in enumerate(spans):
        for j in spans[n + 1:]:
            if durations_told_alike(figs[i], figs[j], figs):
                links[i].add(j)
                links[j].add(i)


def _value_key(q: Quantity) -> tuple[str, str, str, float]:
    return (*measure_key(q), q.value)


def _disputes(figs: Sequence[Figure], links: Sequence[set[int]],
              before: Mapping[str, Sequence[str]]) -> list[tuple[float, int, int]]:
    """(shared-stem overlap, i, j) for figures i and j of two outlets that are the same
    measure (`links`) with values that cannot both be true, when neither outlet states the
    other's value as the same measure anywhere (an outlet that gives "31%" for a premium
    elsewhere does not dispute a 31% premium with its "22% higher" close), neither
    sentence states the other's value at all ("closed at $3.82 after a $4.10-a-share
    offer") and neither is about a near-miss of the other's entity (`slots.antecedent_rival`
    over `before`, a sentence id's preceding sentences: "The valley has about 60 hop farms"
    after a paragraph on the Tollan Valley is no rival of "The Tallan Valley, which has about
    25"). Best overlap first."""

    given: dict[str, set[tuple[str, str, str, float]]] = {}
    # The counts each outlet gives, whatever they count, with the terms of each sentence
    # that gives them: one group is often counted under two nouns ("four counts of fraud"
    # and "the four charges").
    counted: dict[tuple[str, float], list[frozenset[str]]] = {}
    # each sentence once, though it gives several figures
    for (outlet, _), sentence in {(f.outlet, f.sentence.id): f.sentence for f in figs}.items():
        found = sentence_figures(sentence.text)
        given.setdefault(outlet, set()).update(_value_key(q) for q in found)
        words = terms(sentence.text)
        for q in found:
            if q.kind == "count":
                counted.setdefault((outlet, q.value), []).append(words)

    def states(outlet: str, f: Figure, other: int) -> bool:
        # An outlet that gives the other's exact value anywhere, of the same kind (and a
        # count of the same noun), states it: "the union wants 9 per cent" beside "Kelby's
        # staff accepted 6 per cent" disputes no 9 per cent. A count is stated under any
        # noun where the two sentences share a word: "convicted of four counts of fraud
        # ... pleaded not guilty to all five charges" does not dispute another outlet's
        # "convicted of four charges of fraud", but a comment's "went out with two
        # questions missing" is no word on "three members of staff were suspended".
        q = f.quantity
        if q.kind == "count" and any(
                seen & terms(f.sentence.text) for seen in counted.get((outlet, q.value), ())):
            return True
        return _value_key(q) in given.get(outlet, set()) or any(
            figs[k].outlet == outlet and figs[k].quantity.same_version(f.quantity)
            for k in links[other])

    out = []
    for i, linked in enumerate(links):
        for j in linked:
            a, b = figs[i], figs[j]
            if i < j and not a.quantity.same_version(b.quantity) and not (
                    states(b.outlet, a, i) or states(a.outlet, b, j)
                    or mentions(b.sentence.text, a.quantity)
                    or mentions(a.sentence.text, b.quantity)
                    or antecedent_rival(b.sentence.text, a.sentence.text, before[a.sentence.id])
                    or antecedent_rival(a.sentence.text, b.sentence.text, before[b.sentence.id])):
                out.append((overlap(terms(a.sentence.text), terms(b.sentence.text)), i, j))
    return sorted(out, reverse=True)


def _sides(figs: Sequence[Figure], links: Sequence[set[int]], i: int, j: int) -> list[list[int]]:
    """The two versions of the dispute (i, j), as figure indices: each seed with the
    figures of other outlets that are the same measure as either seed and agree with it; a
    figure that agrees with both ("120" beside "up to 120" and "as many as 210") joins the
    seed of its own value, or neither."""
    sides = [[i], [j]]
    taken = {figs[i].outlet, figs[j].outlet}
    for k in sorted(links[i] | links[j]):
        f = figs[k]
        if f.outlet in taken:
            continue
        fits = [side for side in sides if figs[side[0]].quantity.same_version(f.quantity)]
        if len(fits) > 1:
            fits = [side for side in fits if figs[side[0]].quantity.value == f.quantity.value]
        if len(fits) == 1:
            fits[0].append(k)
            taken.add(f.outlet)
    return sides


def _by_outlets(disputes: Sequence[tuple[float, int, int]], figs: Sequence[Figure],
                links: Sequence[set[int]]) -> list[tuple[float, int, int]]:
    """`disputes` (overlap, i, j) by the outlets their versions gather (`_sides`), then
    overlap: of a wire's two values, the one others repeat is in dispute ("1.3 million
    affected", not its "3.9 million customers nationally", against "1.6 million")."""
    def gathered(dispute: tuple[float, int, int]) -> int:
        _, i, j = dispute
        return len({figs[k].outlet for side in _sides(figs, links, i, j) for k in side})

    return sorted(disputes, key=lambda d: (-gathered(d), -d[0]))


def _join_equal(versions: list[list[int]], figs: Sequence[Figure]) -> None:
    """Add to a version (figure indices) the figures of outlets not yet in the difference
    that state its exact value (same kind, unit and counted noun), whatever their wording:
    "a modest $148 million" in a comment piece is the $148 million version. A day or a time
    dates many events: it joins only with a word beside it in common (`same_frame`), so
    "peaked at 6.1 metres on Saturday" is no version of "declared an incident on Saturday"."""
    taken = {figs[k].outlet for v in versions for k in v}
    for n, f in enumerate(figs):
        if f.outlet in taken:
            continue
        for v in versions:
            q = figs[v[0]].quantity
            fq = f.quantity
            if ((fq.kind, fq.unit, fq.value, fq.low, fq.high) == (q.kind, q.unit, q.value, q.low,
                                                                   q.high)
                    and fq.said and q.said and (q.kind != "count" or q.head == fq.head)
                    and (q.kind not in WHEN_KINDS or same_frame(f.frame, figs[v[0]].frame))):
                v.append(n)
                taken.add(f.outlet)
                break


def story_differences(
    items: Sequence[tuple[Sentence, str]], outlet_name: Callable[[str], str],
    opinion: Collection[str] = (), published: Callable[[str], date | None] | None = None,
) -> list[Difference]:
    """Differences over (sentence, outlet key) `items`, the body sentences of independent
    outlets: most outlets first, at most MAX_DIFFERENCES, no figure in two of them. Each
    side shows its value as its first sentence writes it, names its outlets (`outlet_name`)
    and is backed by that sentence. A line is led by a clause of the side most outlets give
    (`figure_lead`), never from an article of `opinion` (article ids): a comment piece's
    wording ("Instead of conceding with grace, Szabo waited until Monday") is no outlet's
    account of a figure. `published` gives an article id's date: its days named relative
    to it ("yesterday") are weekdays to compare (agent.verification.measures.figures)."""
    figs = figures(items, published)
    links = _links(figs)
    used: set[int] = set()
    found: list[tuple[int, float, Difference]] = []
    by_article: dict[str, list[str]] = {}
    before: dict[str, list[str]] = {}
    for sentence, _ in items:  # each article's body sentences, in order
        earlier = by_article.setdefault(sentence.article_id, [])
        # all of them: the nearest naming a valley tells which "the valley" is
        before[sentence.id] = list(earlier)
        earlier.append(sentence.text)
    disputes = _by_outlets(_disputes(figs, links, before), figs, links)
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
            side = Side(tuple(values[n]), names, figs[sides[n][0]].sentence, backing,
                        figures=(*(figs[k].quantity for k in sides[n]), *told[n]))
            side.worded = _worded(figs, sides[n], told[n], outlet_name)
            shown.append(side)
        # The values carry their nouns, so the detail is named by kind only, unless the
        # clause of a sentence of the side most outlets give can lead the line.
        kind = _DETAIL_KIND.get(figs[i].quantity.kind, "number")
        major = order[0]
        reported = [figs[k] for k in sides[major] if figs[k].sentence.article_id not in opinion]
        # a short clause if one reads alone, else a longer one (LONG_LEAD_WORDS)
        for max_words in (MAX_LEAD_WORDS, LONG_LEAD_WORDS):
            lead = _lead_first(shown[0], reported, outlet_name, values[major][1:], max_words)
            lead = own_clauses(lead, shown, [figs[sides[n][0]] for n in order], max_words)
            if lead:
                break
        found.append((len(outlets[0] | outlets[1]), score,
                      Difference(kind, shown, head=_counted(shown, figs[i]), lead=lead,
                                 measure=measure_named(figs[i].quantity,
                                                        figs[i].against is not None))))
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


def _lead_first(side: Side, given: Sequence[Figure], outlet_name: Callable[[str], str],
                also: Sequence[str] = (), max_words: int = MAX_LEAD_WORDS) -> str:
    """The first `figure_lead` of the side's figures (`given`, its seed first) among the
    outlets that word its value as shown (and its other values `also`), "" if none; that
    outlet and its sentence are put first in `side`, so the lead is its wording."""
    for f in given:
        name = outlet_name(f.outlet)
        if name in side.worded or name not in side.outlets:
            continue
        lead = figure_lead(f.sentence.text, f.quantity.said, also, max_words)
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
