"""A figure's place in a change: the value before it and the value after it.

"Fares will go up from £6 to £7" commits to two values of one fare at two times: £6 before
the change, £7 after it. Read as the range £6-£7 (as "between £6 and £7" is), a claim of
£6.50 would be stated by it, and a claim that the fare rises to £8 would never meet the £7
that contradicts it. So agent.text.quantities marks each figure with its `Phase`:

- "before": the "from" figure of "from X to Y" and the figure of "up from X" / "down from X";
- "after": the "to" figure of "from X to Y", and the figure of "go up to X" (where "up to" is
  no bound: "a ticket will go up to £18.50" puts the fare at £18.50, not at most there);
- "delta": the amount of a change, the gap between the two values ("cut its subsidy by
  £600,000", "a £600k cut", "shares fell 4%", "won back four points"). A gap and either of
  the values it lies between measure two things: "reduced from ten points to six" neither
  states nor contradicts "won back four points" by its 6 or its 10 (a newcomer trial,
  session 56), though the 4 it implies states it (agent.verification.conflicts);
- "": any other figure, said of no change.

"from X to Y" is a span, not a change, after a word that names a spread of values ("ranging
from", "anywhere from", "aged from", "varies from"); years ("from 2014 to 2022") and times
of day ("from 7am to 7pm") never reach here as changes (their kinds are spans).
"""

from __future__ import annotations

import re
from typing import Literal

Phase = Literal["", "before", "after", "delta"]

# Verbs of change, read for their direction by agent.text.directions: those that change their
# object ("raised the fare", "cut its subsidy") and those that tell their subject changed
# ("shares fell", "the fare will rise").
CAUSE_UP = r"rais(?:e|es|ed|ing)|increas(?:e|es|ed|ing)|boost(?:s|ed|ing)?|doubl(?:e|es|ed|ing)"
CAUSE_DOWN = (r"cut(?:s|ting)?|reduc(?:e|es|ed|ing)|lower(?:s|ed|ing)?|slash(?:es|ed|ing)?|"
              r"halv(?:e|es|ed|ing)|trim(?:s|med|ming)?|scal(?:e|es|ed|ing)\s+back")
MOVE_UP = (r"ris(?:e|es|ing)|rose|risen|climb(?:s|ed|ing)?|jump(?:s|ed|ing)?|soar(?:s|ed|ing)?|"
           r"gr(?:ow|ows|ew|own|owing)|surg(?:e|es|ed|ing)|(?:go|goes|going|gone|went)\s+up")
MOVE_DOWN = (r"f(?:all|alls|ell|allen|alling)|drop(?:s|ped|ping)?|declin(?:e|es|ed|ing)|"
             r"slip(?:s|ped|ping)?|plung(?:e|es|ed|ing)|shr(?:ink|inks|ank|unk|inking)|"
             r"(?:go|goes|going|gone|went)\s+down")
# Verbs that take back part of a loss: "won back four points", "regained £2m".
_RECOVER = (r"(?:win|wins|won|winning|get|gets|got|claw|claws|clawed)\s+back|"
            r"regain(?:s|ed|ing)?|recover(?:s|ed|ing)?|restor(?:e|es|ed|ing)")
_CHANGE_VERB = rf"(?:{CAUSE_UP}|{CAUSE_DOWN}|{MOVE_UP}|{MOVE_DOWN}|{_RECOVER})"
_CHANGE_NOUN = r"(?:cut|rise|increase|hike|reduction|drop|fall|decrease|boost|jump)s?"
# Where the amount of a change stands: right after its verb ("rose 4%", "won back four
# points", "slashed the subsidy by £800,000": after "by" in the verb's clause), after "up"
# or "down" ("shares were down 4%"), or after a noun of change ("a cut of £600,000").
_AMOUNT_BEFORE = re.compile(
    rf"(?:\b{_CHANGE_VERB}\s+|\b{_CHANGE_VERB}\b[^,;:.()]{{0,60}}?\bby\s+|"
    rf"\b(?:up|down)\s+|\b{_CHANGE_NOUN}\s+of\s+)$", re.IGNORECASE)
# ... or right before the noun, which ends its phrase: "a £600k cut to the subsidy", "a 32
# per cent hike", "200 job cuts" ("six people fall ill" tells no change), or before a word
# of direction: "ended 23% higher", "5% down on the year".
_AMOUNT_AFTER = re.compile(rf"\s*(?:(?:[a-z]+\s+)?{_CHANGE_NOUN}(?=\s*(?:[,;:.)]|$)|\s+(?:in|of|to|"
                           r"for|on|at|from|by|and|that|which|was|were|is|are|will|would|"
                           r"has|have|had)\b)|(?:higher|lower|up|down)\b)", re.IGNORECASE)
# The value a change ends at: "which drops to £1.8m", "was cut to six points" (not "the
# subsidy cut comes to £0.8m", where "cut" is the noun).
_LEVEL_AFTER = re.compile(rf"\b{_CHANGE_VERB}\s+to\s+$", re.IGNORECASE)

# Words after which "from X to Y" is a spread of values rather than a change of one.
_SPREAD = re.compile(r"\b(?:rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying)|anywhere|aged?|ages)\s+$",
                     re.IGNORECASE)
# "£7 for a return, up from £6", "down from 14%": the figure the value moved away from.
_MOVED_FROM = re.compile(r"\b(?:up|down)\s+$", re.IGNORECASE)
# "will go up to £18.50", "went up to 14%": a verb of motion before "up to" makes it a change.
_GOES = re.compile(r"\b(?:go|goes|going|gone|went)\s+$", re.IGNORECASE)


def goes_up_to(text: str, start: int) -> bool:
    """Whether the "up to" that begins at `start` of `text` follows a form of "go": the
    figure after it is the value after a change, not an upper bound."""
    return _GOES.search(text, max(0, start - 12), start) is not None


def change_phases(text: str, start: int, from_word: bool, second: bool) -> tuple[Phase, Phase]:
    """The phases of a figure (and of its second figure, "" when it has none) matched at
    `start` of `text`, the match beginning with "from" when `from_word`.

    Returns ("before", "after") for "from X to Y" said of a change, ("before", "") for "up
    from X", ("", "") otherwise."""
    if not from_word:
        return "", ""
    before = text[max(0, start - 24): start]
    if second:
        return ("", "") if _SPREAD.search(before) else ("before", "after")
    return ("before", "") if _MOVED_FROM.search(before) else ("", "")


def change_phase(text: str, start: int, end: int) -> Phase:
    """The phase of a figure at text[start:end] (its bound words included) said of no "from":
    "delta" for the amount of a change (`_AMOUNT_BEFORE`, `_AMOUNT_AFTER`), "after" for the
    value a change ends at (`_LEVEL_AFTER`), else ""."""
    if _AMOUNT_BEFORE.search(text, max(0, start - 80), start) or _AMOUNT_AFTER.match(text, end):
        return "delta"
    return "after" if _LEVEL_AFTER.search(text, max(0, start - 80), start) else ""


def other_time(claim: Phase, source: Phase) -> bool:
    """Whether a source figure of phase `source` is of another time than a claim figure of
    phase `claim`, so that it neither states nor contradicts it: the value before a change
    is not the value after it, and is not what a claim that names no change says now ("the
    fare is £6" is not stated by "£7, up from £6"). A figure said of no change in the source
    may be either, so it meets a claim's figure of either phase. The amount of a change is
    neither value it lies between (module docstring)."""
    return (claim, source) in {("", "before"), ("after", "before"), ("before", "after"),
                               ("delta", "before"), ("delta", "after"), ("before", "delta"),
                               ("after", "delta")}
