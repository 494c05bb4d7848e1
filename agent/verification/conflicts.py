"""The number conflicts (`number_conflicts`): the kind of Conflict (agent.verification.conflict)
that needs the quantities' intervals, and the tests of when two figures measure one thing.

Read by agent.verification.checks.compare, the claim's figure disputes and the story's
differences between outlets.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Sequence
from datetime import date

from agent.text.analysis import SentenceAnalysis, stem, stems
from agent.text.counted import part_of_claimed_all, share_pairs, whole_of_stated_part
from agent.text.facts import MONTHS
from agent.text.frames import FRAME_WORDS, cached_figure_frames
from agent.text.measured import acts_apart, figure_thing, figures_apart, margin, sites_apart
from agent.text.number_words import words_to_digits
from agent.text.quantities import Quantity
from agent.text.quantity import implied_changes
from agent.text.units import is_duration_unit
from agent.verification.conflict import Conflict, figure_conflict


def _named_by_its_noun(c: Quantity, evidence: SentenceAnalysis,
                       found: Sequence[Quantity]) -> bool:
    """A claim's label ("Route 42") that the evidence names by its noun alone ("the route
    lost £180,000"), giving no label of that noun: the same thing, not a missing figure."""
    return (c.kind == "label" and bool(c.head)
            and re.search(rf"\b{re.escape(c.head)}\b", evidence.low) is not None
            and not any(e.kind == "label" and e.head == c.head for e in found))


def number_conflicts(
    claim: SentenceAnalysis, evidence: SentenceAnalysis, aligned: bool, loosely: bool = True,
    dated: Sequence[Quantity] = (),
    other_events: Collection[date] = (),
) -> tuple[list[Conflict], bool]:
    """Claim quantities the evidence does not state, and those it contradicts.

    A claim quantity is stated when an evidence quantity of the same kind commits to no more
    than the claim allows ("over 4,000" states "more than 4,000"; "$1.2 million" states
    "$1,200,000"). It is contradicted by a comparable quantity whose interval does not overlap
    it, counting the same thing (same next word) in a sentence at least loosely about the
    claim, or any comparable one when the sentence is about the same thing
    (agent.text.quantities). "1,846 people responded" is no rival of "more than 2,000 people
    signed" in a sentence about something else. `dated`: the evidence's weekdays as dates
    of the month (agent.text.dates.weekday_dates), quantities of the evidence too;
    `other_events`: the evidence's days of other events than the claim's
    (agent.text.events.other_event_days), which neither state nor contradict it, nor does
    their year unless another day of the evidence is in it."""
    cq = claim.quantities
    other_days = {(d.day, MONTHS[d.month - 1]) for d in other_events}
    days = [e for e in (*evidence.quantities, *dated) if e.kind == "day"]
    other_years = {d.year for d in other_events} if all(
        (int(e.value), e.head) in other_days for e in days) else set()
    eq = tuple(e for e in (*evidence.quantities, *dated)
               if not (e.kind == "day" and (int(e.value), e.head) in other_days)
               and not (e.kind == "year" and int(e.value) in other_years))
    # "two-thirds of its 3.6 million customers" states 2.4 million of them; the whole is
    # then no rival of a claim's count of them
    shares = share_pairs(evidence.text, evidence.quantities)
    eq = (*eq, *(part for part, _ in shares))
    implied = implied_changes(eq)  # "from £2.4m to £1.8m" states "cut by £600,000"
    conflicts: list[Conflict] = []
    missing = False
    decided: list[Quantity] = []
    if aligned:  # a count of one side of a vote, against the evidence's tally
        decided, conflicts = vote_conflicts(claim, evidence)
    for c in cq:
        if any(c is d for d in decided):
            continue
        now = _of_its_time(c, eq)
        own = _may_state(c, now)
        other = misbound(c, claim, evidence) if loosely else None
        if other is not None:
            conflicts.append(figure_conflict(c, [other]))
            continue
        fewer = part_of_claimed_all(c, claim.text, eq) if aligned else None
        if fewer is not None:
            conflicts.append(figure_conflict(c, [fewer]))
            continue
        if any(c.stated_by(e) for e in own) or (
                c.phase == "delta" and any(c.stated_by(d) for d in implied)):
            continue
        if _qualifying_ordinal(c, now) or _named_by_its_noun(c, evidence, eq):
            continue
        missing = True
        if any(c.agrees(e) and not c.rival_bound(e) for e in own):
            continue  # compatible but less precise ("more than 4,000" for "4,500"): silent
        # A part of a whole is no rival of the whole ("retracted four of the papers" for
        # "nine papers are being retracted").
        # A rival gives another value: "over forty people" is none of "more than forty
        # sightings", though it counts another noun; "over 7.5 tonnes" is of "3.5 tonnes".
        comparable = [e for e in now if c.comparable(e)
                      and not (c.agrees(e) and not c.rival_bound(e))
                      and not _other_measure(c, e)
                      and not gives_another(e, c, cq)
                      and not _of_other_things(c, e, claim, evidence)
                      and not _of_other_acts(c, e, claim, evidence)
                      and not figures_apart(c, claim.text, e, evidence.text)
                      and (c.part == e.part or _part_by_property(c, e, claim, evidence))
                      and not whole_of_stated_part(c, e, eq)
                      and not any(e is whole for _, whole in shares)]
        same_head = [e for e in comparable if c.head and (e.head == c.head or (
            c.kind == e.kind == "duration" and is_duration_unit(c.head)
            and is_duration_unit(e.head)))]  # "a fortnight's fare" / "one week's refund"
        # off the claim's subject, a count of the same thing said as a modifier still rivals
        rival = (same_head if loosely
                 else [e for e in same_head if _counts_alike(c, e, claim, evidence)]
                 ) or (comparable if aligned and not _counts_other_things(c, now) else [])
        rival = bound_rivals(c, claim, evidence, comparable, rival) or rival
        if rival:
            conflicts.append(figure_conflict(c, rival))
    return conflicts, missing


def bound_rivals(c: Quantity, claim: SentenceAnalysis, evidence: SentenceAnalysis,
                 comparable: Sequence[Quantity], chosen: Sequence[Quantity]) -> list[Quantity]:
    """The rivals of claim figure `c` among `comparable` whose frames (agent.text.frames:
    the words beside each figure in its clause, up to the next figure) share the most
    stems with `c`'s frame, when they share more than any of the `chosen` rivals (not
    none) do, else []: "with turnout put at fifty-two per cent" is the rival of
    "put turnout at about 62 per cent of balloted members", not "eighty-one per cent of
    members who took part" (a newcomer's strike ballot, session 70: "62% vs 81%")."""
    if not chosen or len(comparable) < 2:
        return []
    frames = cached_figure_frames(claim.text, claim.quantities, FRAME_WORDS)
    mine = next((f for q, f in zip(claim.quantities, frames, strict=True) if q is c), None)
    if mine is None:
        return []
    theirs = cached_figure_frames(evidence.text, evidence.quantities, FRAME_WORDS)
    # what is counted ("of members") and the words of names ("Staff Union") tell no measure
    told = mine.stems - {stem(c.head)} if c.head else mine.stems
    shared = {id(e): len(told & f.stems - stems(" ".join(f.names)))
              for e, f in zip(evidence.quantities, theirs, strict=True) if f is not None}
    best = max((shared.get(id(e), 0) for e in comparable), default=0)
    if best == 0 or best <= max((shared.get(id(e), 0) for e in chosen), default=0):
        return []
    return [e for e in comparable if shared.get(id(e), 0) == best]


def _counts_other_things(c: Quantity, evidence: Sequence[Quantity]) -> bool:
    """Whether the evidence's figures of `c`'s kind count two or more named things, none of
    them `c`'s: "with 248 passengers and 14 crew on board" tells apart what it counts, so
    its figures are no other wording of "thirty-eight vehicles aboard" (fresh dev claims,
    session 66: a true claim was refuted by them). One figure of another noun may still be
    the claim's in other words ("over forty people" for "more than forty sightings")."""
    heads = {e.head for e in evidence if e.kind == c.kind and e.head}
    return bool(c.head) and len(heads) >= 2 and c.head not in heads


def vote_conflicts(claim: SentenceAnalysis, evidence: SentenceAnalysis
                   ) -> tuple[list[Quantity], list[Conflict]]:
    """The claim's figures that the evidence's vote count decides (a side, the margin:
    agent.text.tallies.Vote.compared), and a number conflict for each part it gives
    otherwise ("claim 4 against vs source 3 against", "claim unanimous vs source 2
    against"); both empty when either gives no vote."""
    if claim.vote is None or evidence.vote is None:
        return [], []
    decided, rivals = claim.vote.compared(evidence.vote)
    return decided, [Conflict("number", (mine,), (theirs,)) for mine, theirs in rivals]


def _of_other_things(c: Quantity, e: Quantity, claim: SentenceAnalysis,
                     evidence: SentenceAnalysis) -> bool:
    """Whether sums or shares `c` (claim) and `e` (evidence) say what they are
    (agent.text.measured.figure_thing) and one's noun is not in the other's sentence: "a
    one-off transition payment of £150,000" is no version of "an annual grant of £450,000"
    (an arts newcomer, session 50), as the story differences read it
    (agent.verification.measures)."""
    return any((thing := figure_thing(x.text, q)) and thing not in y.stems
               for x, q, y in ((claim, c, evidence), (evidence, e, claim)))


def _of_other_acts(c: Quantity, e: Quantity, claim: SentenceAnalysis,
                   evidence: SentenceAnalysis) -> bool:
    """Whether durations or years `c` (claim) and `e` (evidence), or counts of two nouns,
    measure, date or count two acts: each has a verb (agent.text.measured.acts_apart) that
    the other's sentence does not have. "The gondola, built in 1998, ..." dates no
    breakdown of "broke down on Saturday, 21 November 2026" (a newcomer, session 69: over
    the 838 dev claims this drops only year rivals of other acts, none a right one).
    "Banned from being a company director for eight years" is no version of "has been
    jailed for five and a half years" (a court newcomer, session 50), nor "4,000 complaints
    came in" of "cancelled 1,140 services" (fresh dev claims, session 66); "sent 10,000
    soldiers" still is of "sent 50,000 troops"."""
    if not ((c.kind == e.kind and c.kind in ("duration", "year"))
            or (c.kind == e.kind == "count" and c.head and e.head and c.head != e.head)):
        return False
    return acts_apart(claim.text, c, evidence.text, e)


def _counts_alike(c: Quantity, e: Quantity, claim: SentenceAnalysis,
                  evidence: SentenceAnalysis) -> bool:
    """Whether counts `c` (claim) and `e` (evidence) of one noun count the same thing in a
    sentence that is otherwise about something else: one of them is said as a modifier of
    the thing it measures ("a 64-page judgment", "a nine-day hearing") and the other
    sentence names that thing ("the judgment ran to 46 pages"). A count said plainly
    ("1.6 million registered users") may be of any whole, so it is left to alignment."""
    if c.kind not in ("count", "duration") or e.kind != c.kind or not c.head:
        return False
    measured = [_modified(claim.text, c), _modified(evidence.text, e)]
    return ((measured[1] is not None and measured[1] in claim.stems)
            or (measured[0] is not None and measured[0] in evidence.stems))


def _modified(text: str, q: Quantity) -> str | None:
    """The stem of the noun a count modifies when said as "<count>-<noun> <thing>" ("a
    64-page judgment" -> "judgment"), else None."""
    if not q.said:
        return None
    m = re.search(rf"(?<![\d.,]){re.escape(q.said)}-{re.escape(q.head)}s?\s+([a-z][\w-]*)",
                  words_to_digits(text), re.IGNORECASE)
    return stem(m.group(1)) if m else None


def _part_by_property(c: Quantity, e: Quantity, claim: SentenceAnalysis,
                      evidence: SentenceAnalysis) -> bool:
    """Whether evidence count `e` counts the part that claim count `c` names by a property
    the claim gives it: "eleven gold coins" is the part of "twelve of the coins ... are
    gold" (the word before the evidence's noun is one of the claim's)."""
    if not (c.part and not e.part and c.head and e.head == c.head and e.said):
        return False
    m = re.search(rf"(?<![\d.,]){re.escape(e.said)}\s+([a-z][\w-]*)\s+{re.escape(e.head)}",
                  words_to_digits(evidence.text), re.IGNORECASE)
    return m is not None and stem(m.group(1)) in claim.stems


# Words either side of an evidence figure that say what it measures ("on a turnout of 71
# per cent"): closer than a frame's, so a clause's other figure does not share them.
BINDING_WORDS = 2


def misbound(c: Quantity, claim: SentenceAnalysis,
             evidence: SentenceAnalysis) -> Quantity | None:
    """The evidence figure that gives claim figure `c`'s measure another value, when the
    evidence's figure of `c`'s value measures something else, else None. What a figure
    measures is read from its frame (agent.text.frames: the words beside it in its clause):
    a word beside `c` in the claim and beside no other claim figure that, in the evidence,
    stands within BINDING_WORDS of one figure only: one comparable with `c` that cannot be
    its value, of the same whole or part, for a count of the same noun, in a sentence that
    also gives `c`'s value, and no bare count that may count the noun ("as few as four").
    "The turnout in the strike ballot was 87 per cent" against "87 per cent of members
    voted for action on a turnout of 71 per cent": turnout is 71 per cent there."""
    # Checked per claim figure on every (claim, sentence) pair: most sentences give no
    # figure of c's value, and need no frames read.
    if not any(c.comparable(e) and c.agrees(e) for e in evidence.quantities):
        return None
    their_frames = cached_figure_frames(evidence.text, evidence.quantities, BINDING_WORDS)
    found = [(e, f) for e, f in zip(evidence.quantities, their_frames, strict=True)
             if f is not None and c.comparable(e) and not c.another_time(e)]
    if not any(c.agrees(e) for e, _ in found):
        return None
    cq = claim.quantities
    frames = cached_figure_frames(claim.text, cq, FRAME_WORDS)
    mine = next((f for q, f in zip(cq, frames, strict=True) if q is c), None)
    if mine is None:
        return None
    words = set(mine.stems).difference(
        *(f.stems for q, f in zip(cq, frames, strict=True) if q is not c and f is not None))
    # A bare count in a sentence that counts a noun may count that noun too ("needed at
    # least 10 consultants and ... had as few as four"): the noun is beside both figures.
    counted = {stem(e.head) for e in evidence.quantities if e.kind == "count" and e.head}
    for word in sorted(words):
        beside = [e for e, f in found if word in f.stems
                  or (e.kind == "count" and not e.head and word in counted)]
        if (len(beside) == 1 and not c.agrees(beside[0]) and not _other_measure(c, beside[0])
                and margin(claim.text, c) == margin(evidence.text, beside[0])
                and not sites_apart(c, claim.text, beside[0], evidence.text)
                and not (c.kind == "count" and c.head != beside[0].head)
                and c.part == beside[0].part
                and not whole_of_stated_part(c, beside[0], evidence.quantities)
                and not gives_another(beside[0], c, cq)):
            return beside[0]
    return None




def _qualifying_ordinal(figure: Quantity, evidence: Sequence[Quantity]) -> bool:
    """"The first estimate", "the initial bill": an ordinal mostly qualifies what is counted;
    a sentence with no ordinal neither states nor denies it."""
    return figure.kind == "ordinal" and not any(e.kind == "ordinal" for e in evidence)


def figures_stated(claim: Sequence[Quantity], evidence: Sequence[Quantity]) -> bool:
    """The claim gives figures and the evidence's figures state every one of them ("by 14
    votes to 9"), leaving aside an ordinal that only qualifies (`number_conflicts` reads
    the same way)."""
    figures = [c for c in claim if not _qualifying_ordinal(c, evidence)]
    implied = implied_changes(evidence)
    return bool(figures) and all(
        any(c.stated_by(e) for e in _may_state(c, _of_its_time(c, evidence)))
        or (c.phase == "delta" and any(c.stated_by(d) for d in implied)) for c in figures)


def _of_its_time(c: Quantity, evidence: Sequence[Quantity]) -> list[Quantity]:
    """The evidence figures of claim figure `c`'s time: "up from £6" is not "£6"
    (Quantity.another_time); the others neither state nor contradict it."""
    return [e for e in evidence if not c.another_time(e)]


def _same_way(a: Quantity, b: Quantity) -> bool:
    """Both are bounds the same way, both upper ("up to £500" / "up to £150") or both
    lower ("more than 40" / "over 70"): two statements of one threshold."""
    up = math.isinf(a.high) and math.isinf(b.high)
    down = a.low <= 0 < a.high < math.inf and b.low <= 0 < b.high < math.inf
    return a.comparable(b) and (up or down)


# The least figure whose bound, said of another noun, still states a claim's bound.
SAME_BOUND_MIN = 1000.0


def _may_state(c: Quantity, evidence: Sequence[Quantity]) -> list[Quantity]:
    """The evidence figures that may state claim figure `c`. Any small count lies under
    "fewer than 200 passengers": a bound is stated only by a count of its own noun ("14
    crew" says nothing of it), and, when the evidence gives a bound the same way, only by
    that or a figure of its own noun ("up to £150" answers "up to £500"; the "£12 credit"
    beside it does not state it). An exact figure may be stated in other words ("four
    counts" / "four charges"). `evidence`: the figures of `c`'s time (`_of_its_time`)."""
    if not (c.low <= 0 or math.isinf(c.high)):
        return list(evidence)
    # The same bound of a count of another noun is the same figure said of it ("more than
    # 12,000 people" signed / "over 12,000 signatures"), unless small enough to be a chance.
    own = [e for e in evidence if not c.counts_another(e)
           or (abs(c.value) >= SAME_BOUND_MIN and (e.low, e.high) == (c.low, c.high))]
    if any(_same_way(c, e) for e in own):
        own = [e for e in own if _same_way(c, e) or (c.head and e.head == c.head)]
    return own


# Counts of two different nouns this far apart measure two things. On the dev claims every
# number conflict more than 10x apart between counts of two nouns was between figures of
# other things ("14 votes" / "1,846 responses", "1,200 jobs" / "the two companies"); a wrong
# figure of the same thing was at most 10x off ("30" / "three square kilometres", "50,000
# troops" / "10,000 soldiers" in the seeds' demo claim).
MAX_RIVAL_RATIO = 10.0


def gives_another(e: Quantity, c: Quantity, claimed: Sequence[Quantity]) -> bool:
    """Whether source figure `e` gives one of the claim's figures other than `c`: it is that
    figure's value, no rival of `c` ("has offered 4.5 per cent" for "4.5 per cent, half the
    9 per cent the union is demanding": the 4.5 is the offer, not the demand)."""
    return any(o is not c and o.agrees(e) for o in claimed)


# Sums of money, shares, measures and durations this far apart are two things too: a price
# per share and the deal's total ("$4.10 a share" / "a deal worth $2.3bn"), a pay offer and
# a ballot, the 55 hours a search took and the four before the police were called.
_SCALAR_KINDS = frozenset(("money", "percent", "measure", "duration"))


# Outlets that give one figure differently give it within this factor ("£412,000" vs
# "£421,000", "$148m" vs "$184m", 212 vs 248 passengers): the bound of the story
# differences (agent.verification.measures), and of a count that rivals a claim's count of
# no noun. A newcomer's "were worth 48 million" was refuted by "Kestrel-2", "71 seconds"
# and "nine satellites" in a sentence about the same loss.
MAX_MEASURE_RATIO = 3.5


def magnitude_ratio(a: Quantity, b: Quantity) -> float:
    """How many times the larger of two figures' sizes is the smaller (1.0 or more;
    infinite when either is 0)."""
    lo, hi = sorted((abs(a.value), abs(b.value)))
    return hi / lo if lo > 0 else math.inf


def _other_measure(c: Quantity, e: Quantity) -> bool:
    """Whether `c` and `e` measure two things: a rate and an amount or rates of two periods
    ("40,000 tonnes of plastic a year" and "holding around 9,000 tonnes": a newcomer trial),
    a claim's count of no noun and a count more than MAX_MEASURE_RATIO off it ("came to 48
    million" / "nine satellites"), counts of different nouns, or two sums of money,
    percentages or measures, at magnitudes MAX_RIVAL_RATIO apart. A count of a noun keeps
    any ratio to its rival of another noun below that ("50,000 troops" is a misstated
    "10,000 soldiers"), and so does a sum to a sum ("£25,000,000" / "£2.5m")."""
    if c.per != e.per:
        return True
    if c.kind == "count" and not c.head:
        return magnitude_ratio(c, e) > MAX_MEASURE_RATIO
    if not (c.counts_another(e) or (c.kind in _SCALAR_KINDS and e.kind == c.kind)):
        return False
    return magnitude_ratio(c, e) > MAX_RIVAL_RATIO
