"""Citation checks: a Citation exists only once its quote has been found in its source.

Matching is verbatim after folding whitespace runs, curly/straight quote marks and dash
variants, so a model that writes "it's" for "it’s" still cites the right text; the stored
quote is then replaced by the source's exact characters and offsets.
"""

from __future__ import annotations

from agent.ingest.corpus import Corpus
from agent.types import Citation, Sentence

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2026": "...",
    }
)


def fold(text: str) -> tuple[str, list[int]]:
    """Folded text and, for each folded character, the index of its source character."""
    chars: list[str] = []
    index: list[int] = []
    prev_space = False
    for i, ch in enumerate(text):
        mapped = ch.translate(_FOLD)
        if mapped.isspace():
            if prev_space or not chars:
                continue
            mapped, prev_space = " ", True
        else:
            prev_space = False
        for m in mapped:
            chars.append(m)
            index.append(i)
    if chars and chars[-1] == " ":
        chars.pop()
        index.pop()
    return "".join(chars), index


def locate(haystack: str, quote: str, lo: int = 0, hi: int | None = None) -> tuple[int, int] | None:
    """Offsets of `quote` in `haystack[lo:hi]` after folding, or None."""
    hi = len(haystack) if hi is None else hi
    hay, index = fold(haystack[lo:hi])
    needle, _ = fold(quote)
    needle = needle.strip(" ")
    if not needle:
        return None
    pos = hay.find(needle)
    if pos < 0:
        return None
    start = lo + index[pos]
    end = lo + index[pos + len(needle) - 1] + 1
    return start, end


def make_citation(corpus: Corpus, source: str, quote: str) -> Citation | None:
    """A checked Citation for `quote` in article `source`, or None if it is not there."""
    if not corpus.has_article(source):
        return None
    art = corpus.article(source)
    text = corpus.text(art.doc_id)
    span = locate(text, quote, art.start, art.end)
    if span is None:
        return None
    start, end = span
    return Citation(source=source, quote=text[start:end], start=start, end=end)


def is_valid(corpus: Corpus, c: Citation) -> bool:
    """The quote sits exactly at start:end of its source's document text."""
    if not corpus.has_article(c.source):
        return False
    text = corpus.text(corpus.article(c.source).doc_id)
    return 0 <= c.start < c.end <= len(text) and text[c.start : c.end] == c.quote


def cited_outlet(corpus: Corpus, article_id: str, sentence: Sentence | None = None) -> str:
    """The outlet a reader should look in for a quote of `article_id`: its own outlet (the
    article id when unknown), and for a syndicated copy also the outlet it copies, which
    is the independent voice it is counted as ("Northgate Gazette, a copy of Allied
    Newswire"); but for a quoted `sentence` of the copy's own (`Corpus.sentence_outlet_key`:
    it repeats nothing of the original), its own outlet alone."""
    own = corpus.article(article_id).outlet or article_id
    canon = corpus.canonical(article_id)
    if canon == article_id or (sentence is not None and sentence.duplicate_of is None):
        return own
    original = corpus.outlet_key(canon)
    return own if original == own else f"{own}, a copy of {corpus.outlet_name(original)}"
