"""What a count counts: the noun of "1,100 heavy lorries", "the number of fish killed".

agent.text.quantities gives every count its noun (its `head`) from here, so that two outlets'
counts are compared only when they count the same thing.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections.abc import Sequence
from typing import Any

from agent.text.lexicon import is_adjective, is_verb_only
from agent.text.number_words import NUMBER_WORD, words_to_digits
from agent.text.quantity import Quantity

_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_SKIP = frozenset(("of", "the", "a", "an", "and", "more", "than", "about", "some", "per",
                   "cent", "percent", "to", "from", "its", "their", "his", "her", "our"))
# A noun compound runs through at most this many words after the figure: "184,000
# MagnaTrail Explorer magnetic building sets".
MAX_COMPOUND = 6
# "the number of fish killed was": what a figure at the end of its clause counts.
_NUMBER_OF = re.compile(r"\bnumber of (?:the |its |their )?([a-z][\w’'-]*)", re.IGNORECASE)


def plural(word: str) -> bool:
    """A regular plural ("lorries", "sets"; not "class", not "Ferrante's")."""
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "'s"))


@functools.cache
def _inflections() -> Any:
    # Imported when first needed: importing inflect takes ~2.5 s (its typeguard checks).
    import inflect

    return inflect.engine()


def any_plural(word: str) -> bool:
    """A plural noun, regular (`plural`) or not ("people", "children", "women", "feet"):
    a lower-case word that inflect (a maintained English inflection library) gives another
    singular without a final "s". Proper names are none ("Sellers")."""
    if plural(word):
        return True
    if not word.isalpha() or not word.islower() or word.endswith("s"):
        return False  # (a word in -s that `plural` refuses is no plural: "class")
    one = _inflections().singular_noun(word)
    return isinstance(one, str) and one != word


def singular(word: str) -> str:
    """`word` without a regular plural's "s"."""
    return word[:-1] if plural(word) else word


def head_after(text: str, end: int) -> str:
    """The noun a figure ending at `end` counts, singular, "" if none:
    - the first word after it (past "of", "its" ...): "10,000 runners";
    - the next, when that one is a regular plural and the first is not: "500,000 app
      users", "1,100 heavy lorries" (the first word qualifies the second), or when the
      first is an adjective and the next a noun: "22 permanent staff", or the plural after
      that noun: "14 diabetic foot clinics";
    - when the first word is a name, the first regular plural of the noun compound it
      opens (adjacent words, up to MAX_COMPOUND): a name before a noun qualifies it
      ("184,000 MagnaTrail Explorer magnetic building sets" counts sets, as "148,000 sets"
      does)."""
    after = text[end: end + 80]
    words = list(_WORD.finditer(after))
    # "three of the (wind farm's) five carriages": what an owner has is counted, not it
    owner = next((n for n, m in enumerate(words[:4]) if n + 1 < len(words)
                  and m.group(0).lower().replace("’", "'").endswith("'s")
                  and after[: m.start()].strip().lower().startswith("of")), -1)
    for n, m in enumerate(words):
        lw = m.group(0).lower().replace("’", "'")
        if lw in _SKIP or n <= owner:
            continue
        if m.group(0)[:1].isupper() and not plural(lw):
            compound = _compound(after, words[n:])
            found = next((w for w in compound[1:] if plural(w)), None)
            if found is not None:
                return singular(found)
        # "12 rural dental surgeries": a run of adjectives qualifies what follows it
        while (n + 1 < len(words) and is_adjective(lw) and not plural(lw)
               and is_adjective(aw := words[n + 1].group(0)) and aw[:1].islower()
               and aw.lower() not in _SKIP and after[m.end(): words[n + 1].start()] == " "):
            n, m = n + 1, words[n + 1]
            lw = m.group(0).lower()
        nxt = words[n + 1] if n + 1 < len(words) else None
        adjacent = (nxt is not None and not after[m.start()].startswith("-")
                    and after[m.end(): nxt.start()].strip() == "")
        if adjacent and nxt is not None and not plural(lw) and (
                plural(nw := nxt.group(0).lower())
                # "22 permanent staff": an adjective qualifies the noun after it
                or (is_adjective(lw) and nw[:1].islower() and nw not in _SKIP
                    and not is_verb_only(nw) and not is_adjective(nw))):
            lw = nxt.group(0).lower()
            third = words[n + 2] if n + 2 < len(words) else None
            if (third is not None and not plural(lw) and plural(tw := third.group(0).lower())
                    and tw not in _SKIP and after[nxt.end(): third.start()].strip() == ""):
                lw = tw  # "14 diabetic foot clinics": the compound's plural is counted
        return singular(lw)
    return ""


def _compound(text: str, words: list[re.Match[str]]) -> list[str]:
    """The lower-cased words of `words` that follow each other with only spaces between,
    up to MAX_COMPOUND, stopping before a function word ("sets after reports")."""
    out: list[str] = []
    for n, m in enumerate(words[:MAX_COMPOUND]):
        lw = m.group(0).lower()
        if lw in _SKIP or (n and text[words[n - 1].end(): m.start()].strip()):
            break
        out.append(lw)
    return out


def head_before(text: str, start: int) -> str:
    """The noun of "the number of X" earlier in the figure's sentence part (up to 80
    characters back, not past a ";" or a sentence end), singular; "" when there is none."""
    before = re.split(r"[;.!?]\s", text[max(0, start - 80): start])[-1]
    found = _NUMBER_OF.findall(before)
    if not found:
        return ""
    return singular(found[-1].lower())


# A part of a whole named after a count ("four of the papers", "three of them", "41 of 60
# sampling sites": the whole's count follows).
_PART_OF = re.compile(r"\s+of\s+(?:the|them|its|their|these|those|his|her|our|\d[\d,]*"
                      rf"|{NUMBER_WORD})\b", re.IGNORECASE)
# A subset named by the words around a count: "the other eight walkers", "the eight
# remaining walkers", "another 40 homes", "12 more staff" count some of a group, not all of it.
_SUBSET_BEFORE = re.compile(r"\b(?:other|remaining|further|another|additional|extra)\s+$",
                            re.IGNORECASE)
_SUBSET_AFTER = re.compile(r"\s+(?:remaining|more|other|further|additional|extra)\b",
                           re.IGNORECASE)


# A part counted by a pronoun ("31 people were hurt, four of them seriously") counts the
# noun of the count before it.
_PRONOUN_HEADS = frozenset(("them", "these", "those"))


def inherit_part_heads(found: tuple[Quantity, ...]) -> tuple[Quantity, ...]:
    """`found` (agent.text.quantities.Quantity records of one sentence, in order) with each
    part whose head is a pronoun ("four of them") given the head of the count before it, so
    that "four of them seriously" counts people, as the claim "four people were seriously
    injured" does (a transport newcomer, session 60: the claim was set against the whole's
    31)."""
    out = list(found)
    for n, q in enumerate(out):
        if q.kind == "count" and q.part and q.head in _PRONOUN_HEADS:
            before = next((p for p in reversed(out[:n]) if p.kind == "count" and p.head
                           and p.head not in _PRONOUN_HEADS), None)
            if before is not None:
                out[n] = dataclasses.replace(q, head=before.head)
    return tuple(out)


# "All 48 of its drivers": the count after "all" is the whole group's.
_WHOLE_BEFORE = re.compile(r"\ball\s+$", re.IGNORECASE)


def counts_part(text: str, start: int, end: int) -> bool:
    """Whether the count at text[start:end] counts a part of a group: "four of the papers"
    (`_PART_OF`), "the other eight walkers", "eight remaining walkers" (`_SUBSET_*`): a
    subset of the noun it counts, no value of the whole. "All 48 of its drivers" counts
    the whole."""
    if _WHOLE_BEFORE.search(text, max(0, start - 5), start):
        return False
    return bool(_PART_OF.match(text, end) or _SUBSET_AFTER.match(text, end)
                or _SUBSET_BEFORE.search(text, max(0, start - 12), start))


def whole_of_stated_part(c: Quantity, e: Quantity, evidence: Sequence[Quantity]) -> bool:
    """Whether evidence count `e` is the whole of a part, in the same sentence, that gives
    claim count `c`'s value for the same noun: "31 people were injured, four of them
    seriously" gives the claim "four people were seriously injured" a part of the 31, no
    rival of it (a transport newcomer, session 60)."""
    return (c.kind == e.kind == "count" and not c.part and not e.part and bool(c.head)
            and e.head == c.head
            and any(p.part and p.head == c.head and c.agrees(p) for p in evidence))


def part_of_claimed_all(c: Quantity, claim: str,
                        evidence: Sequence[Quantity]) -> Quantity | None:
    """The evidence part that counts fewer than the whole that claim count `c` says all of,
    when the evidence gives that whole too, else None: "All five carriages left the track"
    against "Three of the train's five carriages left the track" (claim 5 vs source 3; a
    transport newcomer, session 60: the whole's "five" had been read as support). The
    verifier asks it only of a sentence aligned with the claim, whose part did what the
    claim says all did."""
    # (asked of every aligned pair: the claim's number words are read only when it says "all")
    if (c.kind != "count" or c.part or not c.head or not c.said
            or not re.search(r"\ball\b", claim, re.IGNORECASE) or not re.search(
                rf"\ball\s+(?:of\s+)?(?:the\s+|its\s+|their\s+)?{re.escape(c.said)}\b",
                words_to_digits(claim), re.IGNORECASE)):
        return None
    if not any(not w.part and w.head == c.head and c.agrees(w) for w in evidence):
        return None
    return next((p for p in evidence if p.part and p.head == c.head and p.high < c.low), None)


def shares_of_wholes(text: str, found: Sequence[Quantity]) -> tuple[Quantity, ...]:
    """The parts of `share_pairs`: "two-thirds of its 3.6 million customers" as 2.4 million
    customers."""
    return tuple(part for part, _ in share_pairs(text, found))


def share_pairs(text: str, found: Sequence[Quantity]) -> tuple[tuple[Quantity, Quantity], ...]:
    """The counts `text` states as a share of a whole it counts too: "nearly two-thirds of
    its 3.6 million customers" states about 2.4 million customers (the share's interval
    times the whole), which a claim's "About 2.4 million customers" is stated by, and a
    claim's "1.9 million" is a rival of (a data-breach newcomer, session 62: the whole's
    3.6 million was set against the claim). `found`: the sentence's quantities, in order
    (agent.text.quantities). Each as (the part, the whole)."""
    out: list[tuple[Quantity, Quantity]] = []
    for share, whole in itertools.pairwise(found):
        # (the share's head may be a possessive's name: "two-thirds of Kelby's 900,000"; a
        # count joined to its noun, "two-thirds of the 240-bed hospital's costs", is no whole)
        if (share.kind != "percent" or whole.kind != "count" or not whole.head
                or not share.said or not whole.said
                or not re.search(rf"{re.escape(share.said)}\s+of\s+(?:the\s+|its\s+|their\s+"
                                 rf"|his\s+|her\s+|our\s+|(?:[A-Z][\w-]*\s+)*[A-Z][\w-]*['’]s\s+)?"
                                 rf"{re.escape(whole.said)}(?![\w-])", text)):
            continue
        out.append((dataclasses.replace(
            whole, value=round(share.value / 100 * whole.value), low=share.low / 100 * whole.low,
            high=share.high / 100 * whole.high, approx=True,
            said=f"{share.said} of {whole.said}"), whole))
    return tuple(out)
