"""Who speaks a sentence that sits inside a quotation running over several sentences.

"“They are bad news,” Trump said of the cartels. “If Mexico wanted help ... I told her
that. ... The cartels are trying to destroy our country.”" Only the first sentence names
the speaker; the last, read alone, is an unattributed quotation fragment (its analysis's
speaker is "someone"), so a claim that *Sheinbaum* said it would find it a fitting quote. The
speaker is read from the sentence that opens the quotation, else from the attributed quote
just before it (a speaker going on), else from the sentence that closes it ("They're
evil,” President Trump said."). Quote marks only, so it carries over to any story.
"""

from __future__ import annotations

from collections.abc import Sequence

from agent.text.analysis import analyze

OPENING = "“«„"
CLOSING = "”»"
MAX_QUOTE_SENTENCES = 8  # a quotation longer than this is not followed back or forward


def _opens(text: str) -> bool:
    """The sentence leaves a quotation open: more opening than closing marks."""
    return sum(text.count(c) for c in OPENING) > sum(text.count(c) for c in CLOSING)


def _closes(text: str) -> bool:
    return sum(text.count(c) for c in CLOSING) > sum(text.count(c) for c in OPENING)


def quote_fragment(text: str) -> bool:
    """The sentence is a piece of a quotation that runs over into another sentence: it
    leaves one open or closes one it did not open (curly marks), or holds an odd number of
    straight double quotes ("... said: \"Owen should have come home that night.")."""
    return _opens(text) or _closes(text) or text.count('"') % 2 == 1


def _named(text: str) -> str | None:
    who = analyze(text).speaker  # the shared, cached analysis (`speakers.attribution`)
    return who if who not in (None, "someone") else None


def quotation_start(texts: Sequence[str], i: int) -> int | None:
    """The index of the sentence of `texts` (one article's sentences, in order) that opens
    the quotation `texts[i]` lies in: `i` itself when it opens one, an earlier index when
    it begins inside a quotation opened before it (within MAX_QUOTE_SENTENCES); None when
    it is outside any."""
    for j in range(i, max(-1, i - MAX_QUOTE_SENTENCES), -1):
        if _opens(texts[j]):
            return j
        if j < i and _closes(texts[j]):
            return None  # a quotation closed before this sentence: it is outside it
    return None


def quote_speaker(texts: Sequence[str], i: int) -> str | None:
    """The speaker of `texts[i]` when it lies inside a quotation that another sentence of
    `texts` (one article's sentences, in order) attributes; None when the sentence names its
    own speaker, is not inside a quotation, or no sentence near it names one."""
    if not 0 <= i < len(texts) or _named(texts[i]):
        return None
    start = quotation_start(texts, i)
    if start is None:
        return None
    # A speaker going on: the sentence before is an attributed quote ("“...,” Trump said.").
    before = texts[start - 1] if start > 0 and any(c in texts[start - 1] for c in CLOSING) else ""
    if who := _named(texts[start]) or (_named(before) if before else None):
        return who
    for k in range(i, min(len(texts), start + MAX_QUOTE_SENTENCES)):
        if _closes(texts[k]):
            return _named(texts[k])
    return None
