"""Framing notes of the story summary, only when concrete: the loaded word, the outlet that
uses it and the neutral word another outlet uses in its place, from one cluster of
cross-outlet sentences (agent.generation.story_points); otherwise there is none.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass

from agent.generation.story_points import Point, loaded_terms
from agent.text.facts import WORD
from agent.types import Sentence

# A framing note needs a swap of at most MAX_SWAP_WORDS words with CONTEXT_WORDS equal words
# on each side: the same sentence, one word chosen differently.
MAX_SWAP_WORDS = 3
CONTEXT_WORDS = 2


@dataclass
class FramingNote:
    """A loaded word one outlet uses where another uses a neutral one, both quoted."""

    loaded: str
    loaded_outlet: str
    neutral: str
    neutral_outlet: str
    sentences: tuple[Sentence, Sentence]

    def text(self) -> str:
        return (f"{self.loaded_outlet} writes \u201c{self.loaded}\u201d where "
                f"{self.neutral_outlet} writes \u201c{self.neutral}\u201d.")


def framing_of(point: Point, outlet_name: Callable[[str], str]) -> FramingNote | None:
    """A concrete framing note for `point`, or None: a member with a loaded word
    (story_points.loaded_terms) and another outlet's member without loaded terms that,
    aligned word by word (difflib), puts 1-MAX_SWAP_WORDS words of its own in that word's
    place with CONTEXT_WORDS equal words before and after."""
    for s, o, _ in point.members:
        terms = loaded_terms(s.text)
        if not terms:
            continue
        words = [w.lower() for w in WORD.findall(s.text)]
        for n, on, _ in point.members:
            if on == o or loaded_terms(n.text):
                continue
            nwords = WORD.findall(n.text)
            match = difflib.SequenceMatcher(a=words, b=[w.lower() for w in nwords],
                                            autojunk=False)
            ops = match.get_opcodes()
            for k, (tag, i1, i2, j1, j2) in enumerate(ops):
                chunk = " ".join(words[i1:i2])
                hit = next((t for t in terms if t in chunk.split() or t in chunk), None)
                # Same context on both sides: the words before and after the swap agree.
                framed = 0 < k < len(ops) - 1 and all(
                    ops[x][0] == "equal" and ops[x][2] - ops[x][1] >= CONTEXT_WORDS
                    for x in (k - 1, k + 1))
                if (tag == "replace" and hit and framed and i2 - i1 <= MAX_SWAP_WORDS
                        and 1 <= j2 - j1 <= MAX_SWAP_WORDS):
                    return FramingNote(hit, outlet_name(o), " ".join(nwords[j1:j2]),
                                       outlet_name(on), (s, n))
    return None
