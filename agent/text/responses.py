"""The answer an article prints to what it reports someone said: "Mardell spokesperson Ian
Crowe denied the accusation and said no such report existed", right after the union's
accusation. A summary that quotes the accusation without the denial that follows it misleads
(session 44's newcomer: `summarize --doc` printed the accusation as the article's point and
left the denial out), so the denial goes with it.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from agent.text.analysis import analyze, stems
from agent.text.facts import CHARGE_NOUNS, STATEMENT_NOUNS
from agent.types import Article, Sentence

# How far after a reported statement its denial is looked for, in body sentences: the
# denial usually follows at once, after at most one sentence of detail.
RESPONSE_WINDOW = 2
# The lower-case content words (stems) a denial before an account shares with it to answer
# it: "crack" of "denies it was ever told about a crack" and "had flagged the crack".
DENIED_WORDS = 1


def _common_words(text: str) -> set[str]:
    """The stems of `text`'s lower-case words: what it tells, not whom it names."""
    return stems(" ".join(w for w in text.split() if w[:1].islower()))


def denial_after(article: Article, sentence: Sentence,
                 used: Collection[str] = ()) -> Sentence | None:
    """The first of the RESPONSE_WINDOW body sentences after `sentence` in `article` that
    reports a denial (agent.text.polarity.denies_a_statement: "denied the accusation",
    "strongly denied this"), else the one just before it that denies what it tells (below),
    when `sentence` reports someone's words or charge and is no denial itself; None
    otherwise, or when that denial's text is in `used`."""
    said = analyze(sentence.text)
    if said.speaker is None or said.denies:
        return None
    body = article.body_sentences
    at = article.body_index(sentence)
    if at is None:
        return None
    # "According to Okafor, the engineers rated the piles poor." / "Okafor accused Seabright
    # of sitting on the report." / "Seabright rejected the accusation.": a denial pointing
    # back answers the charge between, not the words before it (a newcomer's pier collapse,
    # session 70); a charge and the words that back it ("said the group's director") are
    # one charge
    charge_between, charging = False, bool(_CHARGE.search(sentence.text))
    for s in body[at + 1: at + 1 + RESPONSE_WINDOW]:
        read = analyze(s.text)
        if read.denies:
            if charge_between and points_back(s.text):
                return None
            return None if s.text in used else s
        charge_between = charge_between or (
            not charging and read.speaker is not None and bool(_CHARGE.search(s.text)))
    # A denial printed just before a new account of the charge it answers ("Brackwell Stone
    # denies it was ever told about a crack." / "Colleague Kieran Moss told the jury he had
    # flagged the crack ...", a newcomer's quarry story, session 59), telling of it in
    # DENIED_WORDS of the account's words.
    if at > 0 and (before := body[at - 1]).text not in used and analyze(before.text).denies \
            and len(_common_words(before.text) & _common_words(sentence.text)) >= DENIED_WORDS:
        return before
    return None


def denial_after_quote(article: Article, quote: str,
                       used: Collection[str] = ()) -> Sentence | None:
    """`denial_after` for the body sentence of `article` whose text is `quote` (a
    citation's quote); None when no body sentence is that quote."""
    said = _quoted(article, quote)
    return denial_after(article, said, used) if said is not None else None


def charges_answered(article: Article, sentence: Sentence) -> list[Sentence]:
    """The body sentences of `article`, among the RESPONSE_WINDOW + 1 before `sentence`,
    that report someone's words or charge, when `sentence` is a denial pointing back to
    them ("Severnvale Water denied the claims." after the campaigners' two sentences): what
    it denies, which its own words do not say. [] for another sentence."""
    if not analyze(sentence.text).denies:
        return []
    body = article.body_sentences
    at = article.body_index(sentence)
    if at is None:
        return []
    before = body[max(0, at - RESPONSE_WINDOW - 1): at]
    return [s for s in before
            if (said := analyze(s.text)).speaker is not None and not said.denies]


def _quoted(article: Article, quote: str) -> Sentence | None:
    """The body sentence of `article` whose text is `quote` (a citation's), None if none."""
    return next((s for s in article.body_sentences if s.text == quote), None)


# The verbs of a charge: "accused", "alleged", "claimed", "blamed".
_CHARGE = re.compile(r"\b(?:accus(?:ed|es|ing)|alleg(?:ed|es|ing)|claim(?:ed|s|ing)|"
                     r"charg(?:ed|es|ing)|blam(?:ed|es|ing))\b", re.IGNORECASE)
# The verbs of a denial, before their object.
_DENYING = r"\b(?:den(?:y|ies|ied)|reject(?:s|ed)?|dismiss(?:es|ed)?|disput(?:e|es|ed))\s+"
# A denial whose object points back to what came before: "denied this", "rejected the
# claims", "disputed that account".
_POINTS_BACK = re.compile(
    _DENYING + rf"(?:this|that|it|these|those|the\s+{STATEMENT_NOUNS})\b",
    re.IGNORECASE)
# A denial of a bare "this" or "that", before a clause break or an adverbial, not "denied
# that the report was hidden".
_DENIES_BARE = re.compile(
    _DENYING + r"(?:this|that|it|these|those)(?=\s*(?:[,.;:]|$)|\s+(?:on|at|in|when|and|"
    r"but|as|after|saying|insisting|outright|strongly|firmly)\b)", re.IGNORECASE)
# ... and of "the accusation" that says nothing of what was alleged: "Seabright Leisure
# rejected the accusation." (a newcomer's pier collapse, session 70, got it as a summary
# point without the charge), not "denied the accusation that it ignored the report" nor
# "the allegations of fraud"
_DENIES_UNTOLD = re.compile(
    _DENYING + rf"the\s+{CHARGE_NOUNS}\b(?!\s+(?:that|of|about)\b)", re.IGNORECASE)


def points_back(text: str) -> bool:
    """Whether `text` denies a bare "this" or "that" ("Graham Pettifer rejected that,
    insisting ...") or "the accusation" without what was alleged ("Seabright Leisure
    rejected the accusation."): alone, it does not say what it denies ("denied the
    accusation that it ignored the report" does)."""
    return _DENIES_BARE.search(text) is not None or _DENIES_UNTOLD.search(text) is not None


def charge_pointed_to(article: Article, quote: str) -> Sentence | None:
    """The charge a denial points back to (`charges_answered`, the nearest), for the body
    sentence of `article` whose text is `quote` when it denies "this", "that" or "the
    claims" ("Niamh Okafor-Reid, the Lyric's artistic director, denied this."); None
    otherwise. Quoted alone, such a denial does not say what it denies (an arts newcomer,
    session 50, got it as the answer to who the artistic director is)."""
    if not _POINTS_BACK.search(quote):
        return None
    said = _quoted(article, quote)
    charges = charges_answered(article, said) if said is not None else []
    return charges[-1] if charges else None
