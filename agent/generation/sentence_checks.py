"""Checks a written summary sentence must pass before a reader sees it.

`lexical_check` (quote support, swapped subject, conflicting number/date/place) is the
summarizer's faithfulness check; `rewrite_flag` adds what a model rewrite of a sentence must
also keep: a finite verb (no fragment), a whole clause (not cut off mid-clause) and the
attribution of reported speech ("X said Y" never becomes "Y"). A sentence with a flag is
never printed: the story summary puts its cluster's extractive sentence in its place, an
article summary drops it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from agent.generation.reported import attribution_flag
from agent.generation.support import MIN_SUPPORT, support_score
from agent.text.actors import actor_mismatch
from agent.text.normalize import normalize_for_match
from agent.verification.checks import compare

Section = Literal["agreement", "difference", "framing"]
# Words a summary uses to talk about the sources themselves; not facts to find in quotes.
META_WORDS = (
    "outlet outlets source sources report reports reported reporting article articles differ "
    "differs different difference agree agrees agreement both one another other others while "
    "whereas wording words loaded neutral neutrally describe describes described frame frames "
    "framing language calls version versions account accounts details detail state states"
)
# Finite verbs and auxiliaries that carry no -ed/-s ending; a generic English list.
_VERBS = frozenset((
    "is", "are", "was", "were", "be", "been", "am", "has", "have", "had", "will", "would",
    "can", "could", "may", "might", "must", "shall", "should", "did", "does", "do", "said",
    "says", "say", "told", "tell", "tells", "made", "make", "makes", "took", "take", "takes",
    "gave", "give", "gives", "won", "win", "wins", "lost", "lose", "loses", "met", "meet",
    "meets", "left", "leave", "leaves", "rose", "fell", "fall", "went", "go", "goes", "came",
    "come", "comes", "got", "get", "gets", "set", "put", "cut", "hit", "paid", "pay", "pays",
    "sold", "sell", "sells", "bought", "buy", "buys", "held", "hold", "holds", "kept", "keep",
    "keeps", "began", "begin", "begins", "found", "find", "finds", "sent", "send", "sends",
    "spent", "spend", "spends", "led", "lead", "leads", "ran", "run", "runs", "brought",
    "bring", "brings", "thought", "think", "thinks", "saw", "see", "sees", "knew", "know",
    "knows", "grew", "grow", "grows", "built", "build", "builds", "became", "become",
    "becomes", "chose", "choose", "drove", "fled", "fought", "stood", "stands", "struck",
    "wrote", "writes", "broke", "breaks", "spoke", "speaks", "shut", "quit", "won't", "can't",
    "cannot", "wants", "want", "needs", "need", "plans", "plan", "faces", "face", "warns",
    "warn", "differ", "writes",
))
# Of those, the ones that tell no event: auxiliaries, and the neutral verbs of speech that
# any report of what someone said may use ("claimed" may become "said", not the reverse).
_NO_EVENT = frozenset((
    "is", "are", "was", "were", "be", "been", "am", "has", "have", "had", "will", "would",
    "can", "could", "may", "might", "must", "shall", "should", "did", "does", "do", "won't",
    "can't", "cannot", "said", "says", "say", "told", "tell", "tells",
))
# "-ed" after an article or a figure is an adjective ("a 14-mile signed route"), after a
# comma a participle opening an aside ("Inspector Helen Varley's decision, published on
# Monday"): no finite verb either.
ADJECTIVAL = re.compile(r"(?:\b(?:a|an|the|\S*\d\S*)\s+|,\s+)\w+ed\b", re.IGNORECASE)
_ENDS_OPEN = frozenset((
    "a", "an", "the", "of", "to", "and", "or", "but", "nor", "with", "for", "by", "in", "on",
    "at", "as", "from", "into", "that", "which", "who", "whom", "whose", "because", "than",
    "if", "are", "is", "was", "were", "be", "been", "has", "have", "had", "will", "would",
    "can", "could", "should", "may", "might", "must", "its", "their", "his", "her", "our",
    "your", "my", "this", "these", "those",
))
_TOKEN = re.compile(r"[^\W_][\w’'-]*")  # words and figures: "in 2022." ends a clause
_END = re.compile(r"[.!?][\"'”’)]*$")


def lexical_check(
    text: str, quotes: Sequence[str], section: Section | None
) -> tuple[bool, str | None]:
    """Numbers and most content words of the sentence must be in its quotes; for one-source
    statements, no number/date/place may contradict them (agent.verification.checks)."""
    if not quotes:
        return False, "no verifiable citation"
    score = support_score(text, quotes, META_WORDS)
    if score < MIN_SUPPORT:
        return False, f"only {score:.0%} of its content words are in the cited quotes"
    other = actor_mismatch(text, quotes)
    if other is not None:
        return False, f"its subject is swapped: the cited quotes give that action to {other}"
    if section != "difference":  # a difference sentence states both sides on purpose
        conflicts = compare(text, " ".join(quotes), score=1.0).conflicts
        if conflicts:
            return False, "; ".join(c.shown(text, " ".join(quotes)) for c in conflicts)
    return True, None


def has_finite_verb(text: str) -> bool:
    """A heuristic for "is a clause, not a noun phrase": a word of a list of common finite
    verbs and auxiliaries, a past form in -ed, or a word in -s right after a name or pronoun
    that is not a possessive ("Sheinbaum rejects", not "Sheinbaum's remarks")."""
    words = _TOKEN.findall(text)
    for i, w in enumerate(words):
        low = w.lower()
        if low in _VERBS or (len(low) > 4 and low.endswith("ed")):
            return True
        if i and low.endswith("s") and not low.endswith(("ss", "'s", "’s")):
            prev = words[i - 1]
            if not prev.endswith(("'s", "’s")) and (
                    prev[:1].isupper() or prev.lower() in ("he", "she", "it", "who", "that")):
                return True
    return False


def event_verbs(text: str) -> list[str]:
    """The words of `text` that tell what happened, as `has_finite_verb` finds verbs: a word
    of its list of common verbs that is no auxiliary or neutral speech verb, or a word in
    -ed (not after an article or a figure), lower-case, in order."""
    words = _TOKEN.findall(ADJECTIVAL.sub("", text))
    return [w.lower() for w in words
            if (w.lower() in _VERBS and w.lower() not in _NO_EVENT)
            or (len(w) > 4 and w.lower().endswith("ed"))]


def cut_mid_clause(text: str) -> bool:
    """The sentence stops where a clause cannot end: no final . ! ?, an unclosed quote, or
    a last word that needs a continuation ("Trump claims that cartels are")."""
    return not _END.search(text.strip()) or ends_open(text)


def ends_open(text: str) -> bool:
    """The sentence's words stop where a clause cannot end, whatever its punctuation: an
    unclosed quote, or a last word that needs a continuation ("The network accuses Vellmoor
    of")."""
    t = text.strip()
    if t.count("\u201c") != t.count("\u201d") or t.count('"') % 2:
        return True
    words = _TOKEN.findall(t)
    # a capitalised word past the first is a name: the month "May", a man called "Will"
    return not words or (words[-1].lower() in _ENDS_OPEN
                         and not (len(words) > 1 and words[-1][:1].isupper()))


def rewrite_flag(text: str, quotes: Sequence[str]) -> str | None:
    """Why a model-written sentence may not be printed, or None: it must pass
    `lexical_check` against its quotes, have a finite verb, end as a whole clause and keep
    the quotes' attribution."""
    if cut_mid_clause(text):
        return "cut off mid-clause"
    if not has_finite_verb(text):
        return "a fragment without a verb"
    ok, flag = lexical_check(text, quotes, None)
    if not ok:
        return flag
    return attribution_flag(text, quotes)


def repeats(text: str, earlier: Sequence[str]) -> bool:
    """Whether `text` says nothing an `earlier` sentence of the same answer does not: it is
    one of them, or a part of one ("and pledged £1.2m to restock the Tamble." after the
    whole quote; an environment newcomer, session 53, got the quote twice and then that
    tail). Compared as `normalize_for_match` reads them, end punctuation aside."""
    said = _plain(text)
    return bool(said) and any(said in _plain(e) for e in earlier)


def _plain(text: str) -> str:
    return normalize_for_match(text).strip(" .;,\"'")
