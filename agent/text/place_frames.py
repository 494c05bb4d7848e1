"""What a sentence places in each named place (`place_frames`), the same read with frames'
clause rules (agent.text.frames): another place for what a claim places somewhere
(`place_substitutions`), how a sentence writes a place (`place_phrase`: an occasion told
by where it was held), and a place a sentence refers to by its last word (`named_before`)."""

from __future__ import annotations

import re

from agent.text.analysis import stems
from agent.text.facts import PLACE_PREPOSITION, mentions, places
from agent.text.frames import clause_words, in_same_frame
from agent.text.lexicon import is_common_word
from agent.text.slots import BLANK

PLACE_FRAME_WORDS = 4  # words before a place's preposition that say what is there
# The preposition (and article) right before a place where a sentence puts something there
# (the one `places` reads a place after).
_PLACE_BEFORE = re.compile(PLACE_PREPOSITION + "$")
_BASED = re.compile(r"\b([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)-based\b")


def place_frames(text: str) -> dict[str, frozenset[str]]:
    """For each named place of `text` (agent.text.facts.places, lower-case), the content
    stems of the PLACE_FRAME_WORDS words before it in its clause, its preposition and
    article left out: what the sentence places there ("filed with the High Court in Kelby"
    gives kelby {file, high, court}); for an "X-based" name, "base" and the words after it
    ("Carrowgate-based Vellmoor Toys" gives carrowgate {base, vellmoor, toy})."""
    out: dict[str, frozenset[str]] = {}
    low = text.lower()
    for place in places(text):
        # (a possessive is dropped from the name: "Abbot's Bridge" is "abbot bridge")
        written = r"(?:['’]s)?\s+".join(re.escape(w) for w in place.split())
        found = list(re.finditer(rf"\b{written}\b", low))
        # where the text places something there (after its preposition), not a dateline
        # naming the same town ("TILLINGFORD (Wire) — ... at its site in Tillingford")
        m = next((f for f in found if _PLACE_BEFORE.search(low, 0, f.start())),
                 found[0] if found else None)
        if m is None:
            continue
        before, _ = clause_words(text, m.start(), m.end())
        # what a "that" clause places there is its own: "ruled at an inquest
        # that the coins found near Orlam ..." places coins, not the inquest, at Orlam
        opens = [k for k, w in enumerate(before) if w.lower() == "that"]
        before = before[opens[-1] + 1:] if opens else before
        out[place] = frozenset(stems(" ".join(before[-PLACE_FRAME_WORDS - 2:])))
    for m in _BASED.finditer(text):  # "Carrowgate-based Vellmoor Toys": based there
        _, after = clause_words(text, m.start(), m.end())
        out.setdefault(m.group(1).lower(), frozenset(
            stems(" ".join(["based", *after[:PLACE_FRAME_WORDS]]))))
    return out


def place_substitutions(claim: str, sentence: str, *, aligned: bool = True
                        ) -> list[tuple[str, str]]:
    """(claim place, sentence place) pairs where the sentence puts what the claim places
    somewhere in another named place: the two places' frames (`place_frames`) share a stem,
    neither place is named by the other text (by its own words: "Kelsworth General Hospital"
    does not name "Barnmoor Hospital", `_names_place`). "filed with the High Court in Kelby"
    against "applied to the High Court in Carrick" gives ("kelby", "carrick"). For a
    sentence `aligned` with the claim (agent.verification.checks), two places of one kind
    count without a shared stem (`_same_kind`: "Pennick Crown Court" against "Strathmere
    Crown Court"). For a sentence not aligned, only a place right
    after the words before the claim's own counts (`in_same_frame`: "will be sent to
    Kelsworth General Hospital" for "... will be sent to Barnmoor Hospital")."""
    claim_low, sentence_low = claim.lower(), sentence.lower()
    theirs = {q: f for q, f in place_frames(sentence).items()
              if not _names_place(claim_low, q)}
    out = []
    for p, frame in place_frames(claim).items():
        if _names_place(sentence_low, p):
            continue
        blanked = re.sub(rf"\b{re.escape(p)}\b", BLANK, claim, count=1, flags=re.IGNORECASE)
        out += [(p, q) for q, other in theirs.items()
                if (frame & other or (aligned and _same_kind(p, q)))
                and (aligned or in_same_frame(blanked, q, sentence))]
    return out


def _same_kind(place: str, other: str) -> bool:
    """Whether two places (lower case) are two of one kind, by the common words that end
    their names, each with a name word of its own: "pennick crown court" and "strathmere
    crown court" (a newcomer's fraud trial, session 71: a claim's other court went
    unrefuted, the sentence telling the trial in other words)."""
    def kind(name: str) -> tuple[list[str], list[str]]:
        words = name.split()
        n = len(words)
        while n and is_common_word(words[n - 1]):
            n -= 1
        return words[:n], words[n:]
    (own, tail), (other_own, other_tail) = kind(place), kind(other)
    return bool(tail) and tail == other_tail and bool(own) and bool(other_own)


def _names_place(text_low: str, place: str) -> bool:
    """Whether `text_low` names `place` (lower case) by a word of its own: a word the lexicon
    lacks ("barnmoor"), else any of its words ("high court")."""
    own = [w for w in place.split() if not is_common_word(w)] or place.split()
    return mentions(text_low, " ".join(own))


# A determiner before a venue, and a place phrase right after it ("at the club's Cable
# Street ground"), up to the clause's end or the next phrase ("on Tuesday").
_DETERMINER = re.compile(r"(?:\b(?:a|an|the|his|her|their|its)\s+)$", re.IGNORECASE)
_FURTHER_PLACE = re.compile(
    r"\s+(?:at|in|near|inside|outside|aboard)\s+((?:(?!\s(?:on|in|at|after|before|during|"
    r"when|while|and|but|which|where|to|for|with|by)\b)[^,;:.()\u2014])+)"
)
MAX_PLACE_WORDS = 6


def place_phrase(place: str, text: str) -> str | None:
    """The place as `text` writes it. An occasion (in lower case) is told by where it was
    held: "press conference" in "... unveiled the designs at a press conference at the
    club's Cable Street ground, which ..." is "the club's Cable Street ground" (the place
    phrase that follows it in its clause, up to MAX_PLACE_WORDS words), else "a press
    conference", with its determiner. None when `text` does not write `place`."""
    m = re.search(rf"\b{re.escape(place)}\b", text, re.IGNORECASE)
    if m is None:
        return None
    more = _FURTHER_PLACE.match(text, m.end()) if text[m.start()].islower() else None
    if more and len(more.group(1).split()) <= MAX_PLACE_WORDS:
        return more.group(1).strip()
    det = _DETERMINER.search(text[: m.start()])
    return text[det.start() if det else m.start() : m.end()]


def named_before(place: str, near_low: str, article_terms: set[str] | None) -> bool:
    """Whether a sentence (`near_low`, lower case) refers to a claim's `place` (lower case)
    by "the" and its last word, when its article (`article_terms`, its stems) names it in
    full elsewhere: "the playhouse said 46 jobs were now at risk" in an article on the
    Lantern Playhouse (a newcomer's theatre story, session 58)."""
    words = place.split()
    return (len(words) > 1 and article_terms is not None
            and re.search(rf"\bthe\s+{re.escape(words[-1])}\b", near_low) is not None
            and stems(place) <= article_terms)
