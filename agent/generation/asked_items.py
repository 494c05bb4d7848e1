"""Whether an answer gives a figure for one item or for the whole, as the question asks:
"How much will each holder receive?" is not answered by the scheme's total, nor "How much
will the credits cost in total?" by a sum per account (agent.generation.asked reads the kind
of figure asked; agent.generation.answer_checks runs these with the other near-miss checks).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from agent.generation.asked import asked_figure_kinds
from agent.text.analysis import stems
from agent.text.quantities import quantities

# A question about each one of several ("how much will each holder receive", "what is the
# painting insured for on its own"), and the words by which a figure is one each.
_PERIODS = r"(?:cent|day|week|month|year|night|morning|time|other|annum|hour)\b"
# ... and "per patient" (a health newcomer: answered with the trial's total).
_PER_ITEM = re.compile(rf"\beach (?!{_PERIODS})[a-z]+|\bper (?!{_PERIODS})[a-z]+|"
                       r"\bon (?:its|their|his|her) own\b|\bindividually\b|\bapiece\b",
                       re.IGNORECASE)
# The cost of one: "How much does a tube of Cytrelin cost?" (the same newcomer); the item's
# words are group 1.
_ONE_ITEM = re.compile(r"\bhow much (?:does|do|did|will|would) (?:a|an|one|a single) "
                       r"((?:[a-z-]+ ){1,4}?)(?:of [\w-]+ )?(?:cost|be)\b", re.IGNORECASE)
# The words by which a figure is one item's: "£9 each", "to every holder", "per share".
_PER_WORDS = r"(?:each|every|apiece|per|a head)\b"
_EACH = re.compile(rf"\b{_PER_WORDS}|\d\s+an?\s+[a-z]+\b|"
                   r"\bon (?:its|their|his|her) own\b|\bindividually\b", re.IGNORECASE)


def gives_figure_per_item(question: str, quotes: Sequence[str]) -> bool:
    """Whether the quotes give a figure per item when the question asks one ("each season
    ticket holder", "on its own"): a total or a combined value ("put £3.5m aside for the
    scheme", "a combined insured value of £1.2m") does not answer it, nor does a figure for
    no word of the item whose cost is asked ("How much does a tube of Cytrelin cost?" by
    "The study ... cost 2.4 million pounds"). True when the question asks no such figure."""
    if any(_EACH.search(q) for q in quotes):
        return True
    one = _ONE_ITEM.search(question)
    if one is not None:  # "Monthly season tickets will rise to £265" prices one ticket
        return any(stems(one.group(1)) & stems(q) for q in quotes)
    return not _PER_ITEM.search(question)


# A question about the whole ("how much will the credits cost in total"), and a figure told
# per item: "£12 to every affected account", "£15 each", "£120 per household".
_TOTAL = re.compile(r"\b(?:in total|altogether|all told|in all|combined|overall|total)\b",
                    re.IGNORECASE)
_PER_AFTER = re.compile(rf"\W*(?:[\w-]+\s+){{0,2}}?{_PER_WORDS}", re.IGNORECASE)


def gives_total(question: str, quotes: Sequence[str]) -> bool:
    """Whether the quotes give a whole when the question asks one of the kind of figure it
    names ("How much will the compensation credits cost Kettering in total?"): figures
    each told per item ("will credit £12 to every affected ... account") do not answer it
    (dev kettering q13, the converse of `gives_figure_per_item`). True when the question
    asks no total, or a figure of the kind asked stands in a quote without "each", "every"
    or "per" in the three words after it."""
    kinds = asked_figure_kinds(question)
    if kinds is None or not _TOTAL.search(question):
        return True
    # where each figure of the kind asked ends in its quote
    ends = [(quote, at + len(q.said)) for quote in quotes for q in quantities(quote)
            if q.kind in kinds and q.said and (at := quote.find(q.said)) >= 0]
    return not ends or any(not _PER_AFTER.match(quote, end) for quote, end in ends)
