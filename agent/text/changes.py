"""A figure's place in a change: the value before it and the value after it.

"Fares will go up from £6 to £7" commits to two values of one fare at two times: £6 before
the change, £7 after it. Read as the range £6-£7 (as "between £6 and £7" is), a claim of
£6.50 would be stated by it, and a claim that the fare rises to £8 would never meet the £7
that contradicts it. So agent.text.quantities marks each figure with its `Phase`:

- "before": the "from" figure of "from X to Y" and the figure of "up from X" / "down from X";
- "after": the "to" figure of "from X to Y", and the figure of "go up to X" (where "up to" is
  no bound: "a ticket will go up to £18.50" puts the fare at £18.50, not at most there);
- "": any other figure, said of no change.

"from X to Y" is a span, not a change, after a word that names a spread of values ("ranging
from", "anywhere from", "aged from", "varies from"); years ("from 2014 to 2022") and times
of day ("from 7am to 7pm") never reach here as changes (their kinds are spans).
"""

from __future__ import annotations

import re
from typing import Literal

Phase = Literal["", "before", "after"]

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


def other_time(claim: Phase, source: Phase) -> bool:
    """Whether a source figure of phase `source` is of another time than a claim figure of
    phase `claim`, so that it neither states nor contradicts it: the value before a change
    is not the value after it, and is not what a claim that names no change says now ("the
    fare is £6" is not stated by "£7, up from £6"). A figure said of no change in the source
    may be either, so it meets a claim's figure of either phase."""
    return (claim, source) in {("", "before"), ("after", "before"), ("before", "after")}
