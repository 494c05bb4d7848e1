"""The editor's mark on a point line of a story summary that tells one version of a figure
the outlets give differently: "first raised concerns in March 2023 [outlets differ]".

By design the version most outlets give may be told as a point, its difference line below
(agent.generation.story_summary.assemble). A helper reading dev summaries against their
articles called such lines misleading: a reader of the line alone "gets no sign that
anything is disputed". The mark is agent.text.glosses.DISPUTED_GLOSS, which strip_glosses
removes again for every judge of what a source prints. The versions fewer outlets give
(`disputed_figures`) no point line states at all (`states_disputed`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date

from agent.generation.extractive import Difference, Side
from agent.text.dates import MONTH_NAMES
from agent.text.glosses import DISPUTED_GLOSS, strip_glosses
from agent.text.quantities import Quantity
from agent.verification.measures import sentence_figures

# Figures whose head is the noun they count or their unit ("63 patients", "26 miles", "15
# years"), as agent.generation.difference_leads.shown_figure shows them; another kind's head
# is only the next word ("2023 when nurses ...").
_COUNTED_KINDS = frozenset(("count", "duration", "measure"))


@dataclass(frozen=True)
class Version:
    """One side's figure of a difference, and the ids of the sentences that give the side
    (`Side.sentence` and `Side.backing`)."""

    figure: Quantity
    sentences: frozenset[str] = frozenset()

    def told_by(self, q: Quantity, cited: Collection[str]) -> bool:
        """Whether `q`, a figure of a line citing sentence ids `cited`, tells this version:
        the same kind and value, and for a weekday a sentence of the side cited. Outlets
        name many weekdays for many acts: a minority's "yesterday [Tuesday]" for an
        inspection is no version of "dead fish were still being removed on Tuesday" (an
        environment newcomer, session 71)."""
        return (q.kind == self.figure.kind and q.value == self.figure.value
                and (q.kind != "weekday" or bool(self.sentences & set(cited))))


def _versions(side: Side) -> list[Version]:
    """A side's figures as read (`Side.figures`: a relative day is its weekday), else those
    of its values as shown, glosses off (a difference within one cluster)."""
    ids = frozenset(s.id for s in (*side.backing, *([side.sentence] if side.sentence else [])))
    found = side.figures or [q for v in side.values for q in sentence_figures(strip_glosses(v))]
    return [Version(q, ids) for q in found]


def difference_versions(shown: Sequence[Difference]) -> list[Version]:
    """The figures of every side of the differences `shown` (`_versions`)."""
    return [v for d in shown for side in d.sides for v in _versions(side)]


def contested_marked(text: str, versions: Sequence[Version], published: date | None = None,
                     cited: Collection[str] = ()) -> str:
    """`text` with DISPUTED_GLOSS after the first figure it states that tells one of the
    `versions` (`difference_versions` of the summary's difference lines, `Version.told_by`),
    outside the editor's brackets; `text` as it is when it states none. `published`: the
    date of the article it quotes, which makes its "yesterday" a weekday; `cited`: the ids
    of the sentences the line cites."""
    for q in sentence_figures(strip_glosses(text), published):
        if not q.said or not any(v.told_by(q, cited) for v in versions):
            continue
        for m in re.finditer(_written_figure(q), text, re.IGNORECASE):
            if text.rfind("[", 0, m.start()) > text.rfind("]", 0, m.start()):
                continue  # inside brackets
            return text[: m.end()] + DISPUTED_GLOSS + text[m.end():]
    return text


def _written_figure(q: Quantity) -> str:
    """A pattern of the figure `q` as a line writes it, to its end: with the noun or unit
    it counts ("9,000 tonnes", "a 26-mile trip", "14 votes to 9"), a day's month ("1
    April") and a bracketed date of its own."""
    tail = ""
    if q.head and q.kind in _COUNTED_KINDS:
        tail = rf"(?:(?:[\s-]+[a-z][\w’'-]*){{0,2}}?[\s-]+{re.escape(q.head[:4])}[\w’']*)?"
        if q.kind == "count":
            tail += r"(?:\s+to\s+\d+(?:,\d{3})*)?"  # a tally's second count
    elif q.kind == "day":
        tail = rf"(?:\s+(?:{MONTH_NAMES})\b)?"
    return rf"(?<![\w£$€]){re.escape(q.said)}(?!\w){tail}(?:\s*\[[^\]]*\])?"


def states_disputed(text: str, disputed: Sequence[Version], published: date | None = None,
                    cited: Collection[str] = ()) -> bool:
    """Whether `text` states one of the `disputed` figures (`disputed_figures`,
    `Version.told_by`); `published` and `cited` as for `contested_marked`."""
    return any(d.told_by(q, cited) for q in sentence_figures(text, published) for d in disputed)


def disputed_figures(differences: Sequence[Difference]) -> list[Version]:
    """The figures no point line may state as plain fact: of each difference, the versions
    fewer outlets give, or every version when no side has more outlets (the side most
    outlets give need not come first: a lead puts its own side first)."""
    out: list[Version] = []
    for d in differences:
        counts = sorted((len(side.outlets) for side in d.sides), reverse=True)
        most = counts[0] if len(counts) > 1 and counts[0] > counts[1] else None
        sides = [side for side in d.sides if len(side.outlets) != most]
        out += [v for side in sides for v in _versions(side)]
    return out
