"""Rule-based sentence segmentation for English news prose, returning character spans.

A candidate boundary is a run of terminal punctuation (. ! ? …), plus any closing quotes or
brackets glued to it, followed by whitespace. It is rejected when the next word starts in
lower case, when the word before a period is a title ("Mr.", "Sen."), and, for other known
abbreviations, initials and initialisms ("U.S.", "Fla.", "a.m.", "F."), unless the next word is
a common sentence opener ("the U.S. Many goods ..." splits, "the U.S. Northern Command" does
not). Decimals ("3.5") never match because no whitespace follows the period. A blank line is
always a boundary.
"""

from __future__ import annotations

import re


def word_set(words: str) -> frozenset[str]:
    """The words of a list written as one string."""
    return frozenset(words.split())


# Abbreviations that practically never end a sentence: they precede a name.
TITLES = word_set(
    """mr mrs ms messrs dr prof sen rep gov lt col gen maj capt cmdr adm sgt cpl pvt rev fr
    st hon pres supt det insp atty amb sec"""
)
# Abbreviations that usually sit mid-sentence but may end one ("... in Tampa, Fla. The ...").
ABBREVIATIONS = word_set(
    """jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri
    sat sun ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn
    miss mo mont neb nev okla ore pa tenn tex va vt wash wis wyo inc corp co ltd llc bros
    jr sr vs etc approx dept est no nos vol fig ft mt gen mln bn u.s a.m p.m e.g i.e"""
)
# Words that typically open a sentence; after an abbreviation they signal a real boundary.
SENTENCE_OPENERS = word_set(
    """the a an and but or so yet for nor he she it they we i you his her its their our my
    your this that these those there then here in on at as after before when while if
    although though because since many most some several all both each every no not none
    other others one two three however meanwhile still also last earlier later now today
    what who why how where which officials authorities"""
)

_CANDIDATE = re.compile(r"[.!?…]+[\"”’'»)\]]*(?=\s|$)")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_WORD_BEFORE = re.compile(r"([\w.'’&-]+)$")
_INITIALISM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_NEXT_WORD = re.compile(r"[\"“”'‘’«(\[]*(\S*)")


def split_sentences(text: str, base: int = 0) -> list[tuple[int, int]]:
    """Sentence spans `(base + start, base + end)` over `text`, stripped of surrounding
    whitespace; never empty."""
    spans: list[tuple[int, int]] = []
    for block in _blocks(text):
        start = block[0]
        for m in _CANDIDATE.finditer(text, block[0], block[1]):
            if _is_boundary(text, m, block[1]):
                spans.append((start, m.end()))
                start = m.end()
        spans.append((start, block[1]))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        s, e = _strip(text, s, e)
        if e > s:
            out.append((base + s, base + e))
    return out


def _blocks(text: str) -> list[tuple[int, int]]:
    """Split at blank lines, which always end a sentence."""
    blocks: list[tuple[int, int]] = []
    start = 0
    for m in _BLANK_LINE.finditer(text):
        blocks.append((start, m.start()))
        start = m.end()
    blocks.append((start, len(text)))
    return blocks


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _is_boundary(text: str, m: re.Match[str], limit: int) -> bool:
    nxt = _NEXT_WORD.match(text, _skip_space(text, m.end(), limit), limit)
    next_word = nxt.group(1) if nxt else ""
    if not next_word:
        return True  # end of the block
    first = next_word[0]
    if first.islower():
        return False  # "… he said", "U.S. troops", "?” she asked"
    if not (first.isupper() or first.isdigit()):
        return False  # ", restricting" after "U.S. ,", or stray punctuation
    punct = m.group(0).rstrip("\"”’'»)]")
    opener = next_word.strip(".,;:!?\"”’'").casefold() in SENTENCE_OPENERS
    if "…" in punct or ".." in punct:
        # An ellipsis often marks an elision inside a sentence; split only before an opener.
        return opener
    if punct != ".":
        return True  # "?" / "!" followed by a capitalised word
    if m.end() != m.start() + 1:
        return True  # "." then a closing quote: the quotation ended
    wm = _WORD_BEFORE.search(text[max(0, m.start() - 40) : m.start()])
    word = wm.group(1) if wm else ""
    low = word.casefold().lstrip("(")
    if low in TITLES:
        return False
    if low in ABBREVIATIONS or _INITIALISM.match(word) or (len(word) == 1 and word.isupper()):
        return opener
    return True


def _skip_space(text: str, i: int, limit: int) -> int:
    while i < limit and text[i].isspace():
        i += 1
    return i
