"""How the summary suite judges a printed story summary's own lines: the flags a sentence
must not carry (`printed_flag`) and the citation judge of a difference line, which code
writes from its quotes' values (`difference_stated`)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from agent.text.normalize import content_terms


def printed_flag(text: str, quotes: Sequence[str], section: str | None) -> str | None:
    """Why a printed summary sentence is flagged (None: not flagged), by the summarizer's
    own checks (agent.generation.sentence_checks): no citation, cut mid-clause, no verb;
    for a sentence stating a fact (not a difference or framing note written by code from
    its quotes' values) also unsupported, swapped subject, conflicting figure, or lost
    attribution."""
    from agent.generation.sentence_checks import cut_mid_clause, has_finite_verb, rewrite_flag
    from agent.text.glosses import strip_glosses

    # A bracketed date is the summarizer's reading of a relative day against its article's
    # date (agent.text.glosses.date_glossed), no words a quote prints.
    text = strip_glosses(text)
    if not quotes:
        return "no verifiable citation"
    if section in ("difference", "framing"):
        if cut_mid_clause(text):
            return "cut off mid-clause"
        return None if has_finite_verb(text) else "a fragment without a verb"
    return rewrite_flag(text, quotes)


def difference_stated(premise: str, line: str) -> bool:
    """The citation judge for a difference line, which code writes from its quotes' values
    ("Outlets differ on the figure: £412,000 (A, B) vs £421,000 (C).", "... on where Trump
    spoke: aboard Air Force One (AP) vs at a rally (Fox News).", "248 (A) / nearly 250 (B)
    vs 212 (C)": a side's outlets that word its value otherwise). `premise` holds the cited
    quotes one per line, each as "<outlet name>: <quote>". Supported when every outlet the
    line names has a quote that states its side's values: figures by quantity, same kind
    and value (agent.text.quantities, so "Sixty-three" states 63), other values by at least
    half of their content words. An entailment judge of the whole line cannot pass it: the
    outlets' names are the quotes' sources, nothing a quote states."""
    from agent.text.analysis import analyze

    quotes: dict[str, str] = {}
    for row in premise.splitlines():
        name, sep, quote = row.partition(": ")
        if sep:
            quotes[name] = f"{quotes.get(name, '')} {quote}"

    def states(text: str, value: str) -> bool:
        need, have = analyze(value).quantities, analyze(text).quantities
        if need:
            return all(any(h.kind == q.kind and h.value == q.value for h in have) for q in need)
        # A venue is worded by each outlet ("during a press briefing on Air Force One",
        # "aboard Air Force One"): at least half of the value's content words.
        words = content_terms(value)
        return bool(words) and len(words & content_terms(text)) >= len(words) / 2

    _, _, listed = line.partition(": ")
    # A side may list outlets that word its value otherwise: "248 (A) / nearly 250 (B)".
    parts = [p for side in listed.split(" vs ") for p in side.split(" / ")]
    sides = [re.fullmatch(r"(.+?)\s*\(([^()]+)\)", part.strip().rstrip(".")) for part in parts]
    if len(listed.split(" vs ")) < 2 or not all(sides):
        return False
    return all(
        name in quotes and states(quotes[name], m.group(1))
        for m in sides if m for name in m.group(2).split(", "))
