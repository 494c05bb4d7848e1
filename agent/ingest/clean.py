"""Cleaning of raw page text: drop boilerplate, split pages that aggregate several articles,
and pull per-article metadata, over the lines agent.ingest.lines classifies.

Everything works on character offsets into the original text; the text is never rewritten, so
a paragraph span `(start, end)` always satisfies `text[start:end] == <that paragraph>`.

The rules are generic (web-page furniture vocabulary, line shapes and their context), never
keyed to a particular outlet:
- a header block (byline and/or date line, optionally a title above and an outlet line below)
  directly before body text opens a new article once the current article has body text;
- a copyright line, or a navigation block ("You might like", "Popular posts", ...), ends one;
- an agency dateline ("CITY, St. (AP) —") at the start of a paragraph also opens a new one;
- lines after the last body paragraph of the page (related-post lists, comment forms) are
  dropped with their metadata, since no body text follows them.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from agent.ingest.furniture import COPYRIGHT_HOLDER
from agent.ingest.lines import (
    BY_LINE,
    BY_ON_DATE,
    DATELINE,
    TERMINAL,
    Kind,
    Line,
    classify,
    is_outlet_shaped,
    title_cased,
    word_count,
)


@dataclass
class ArticleBlock:
    start: int
    end: int
    title: str | None = None
    byline: str | None = None
    date: str | None = None
    outlet: str | None = None
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    # Section headings inside the article ("Quick Takes"): kept, but not body sentences.
    headings: list[tuple[int, int]] = field(default_factory=list)


_AGENCY_NAMES = {"AP": "AP", "REUTERS": "Reuters", "AFP": "AFP", "UPI": "UPI"}
_WIRE_AGENCIES = frozenset(("AP", "REUTERS", "AFP", "UPI", "CNN", "BLOOMBERG", "DPA", "XINHUA",
                            "CNS", "RNS"))


def agency_of(paragraph: str, text: str = "") -> str | None:
    """The agency a paragraph's wire dateline credits: "WASHINGTON (AP) — ..." -> "AP"; None
    without a dateline. Initials that a capitalised name in `text` (the whole page) spells
    are that name: "(MNA)" with "... seen by Meridian News Agency" -> "Meridian News Agency"."""
    m = DATELINE.match(paragraph)
    if not m:
        return None
    agency = m.group("agency")
    if agency.upper() in _AGENCY_NAMES:
        return _AGENCY_NAMES[agency.upper()]
    return _spelt_out(agency, text) or agency


def _spelt_out(initials: str, text: str) -> str | None:
    """The name of capitalised words, one per letter of `initials` (two to five capitals),
    that `text` writes, or None."""
    if not re.fullmatch(r"[A-Z]{2,5}", initials):
        return None
    words = r"\s+".join(rf"{c}[a-z]+" for c in initials)
    found = re.search(rf"\b{words}\b", text)
    return found.group(0) if found else None


def copyright_holder(line: str) -> str | None:
    m = COPYRIGHT_HOLDER.match(line)
    holder = m.group("holder").strip(" .,") if m else ""
    return holder or None


def _byline_name(t: str) -> str:
    m = BY_ON_DATE.match(t) or BY_LINE.match(t)
    name = m.group("name") if m else t
    return name.strip(" ,.|")


def split_articles(text: str) -> tuple[list[ArticleBlock], int]:
    """Articles found in `text`, and the number of non-blank lines dropped as
    boilerplate/metadata (every non-blank line that is neither a paragraph nor a heading)."""
    lines = classify(text)
    articles: list[ArticleBlock] = []
    current: ArticleBlock | None = None
    pending: list[Line] = []  # non-body lines since the last paragraph
    boundary = False  # a copyright line or nav block closed the current article
    in_nav = False

    def open_article(header: list[Line], first_body: Line) -> ArticleBlock:
        art = ArticleBlock(start=first_body.start, end=first_body.end)
        _apply_header(art, header)
        starts = [ln.start for ln in header if ln.kind is not Kind.BLANK] + [first_body.start]
        art.start = min(starts)
        articles.append(art)
        return art

    prev: Line | None = None
    for ln in lines:
        k = ln.kind
        if k is Kind.BLANK:
            prev = ln
            continue
        if k is Kind.NAV:
            in_nav, boundary = True, True
            pending.clear()
            prev = ln
            continue
        if k is not Kind.BODY:
            if k is Kind.COPYRIGHT and current is not None and current.paragraphs:
                if current.outlet is None:
                    current.outlet = copyright_holder(ln.text)
                boundary = True
                pending.clear()
            elif not in_nav and k is not Kind.BOILER:
                pending.append(ln)
            prev = ln
            continue
        # A body line.
        if (
            current is not None
            and prev is not None
            and prev.kind is Kind.BODY
            and current.paragraphs
            and current.paragraphs[-1][1] == prev.end
            and not TERMINAL.search(prev.text)
            and ln.text[:1].islower()
        ):
            # Hard-wrapped paragraph: extend it.
            current.paragraphs[-1] = (current.paragraphs[-1][0], ln.end)
            current.end = ln.end
            prev = ln
            continue
        in_nav = False
        header_kinds = {p.kind for p in pending}
        has_header = bool(header_kinds & {Kind.BYLINE, Kind.BYLINE_DATE, Kind.DATE})
        # (only the big agencies' datelines open a new article: a local page may run its
        # own paragraphs before a regional wire's copy)
        wire = DATELINE.match(ln.text)
        dateline = wire is not None and wire.group("agency").upper() in _WIRE_AGENCIES
        if current is None or (current.paragraphs and (has_header or boundary or dateline)):
            current = open_article(pending, ln)
        else:
            for p in pending:
                if p.kind is Kind.HEADING:
                    current.headings.append((p.start, p.end))
        pending = []
        boundary = False
        if current.outlet is None and wire is not None:
            current.outlet = agency_of(ln.text, text)
        current.paragraphs.append((ln.start, ln.end))
        current.end = ln.end
        prev = ln

    articles = [a for a in articles if a.paragraphs]
    kept = sum(len(a.paragraphs) + len(a.headings) for a in articles)
    wrapped = sum(text.count("\n", s, e) for a in articles for s, e in a.paragraphs)
    non_blank = sum(1 for ln in lines if ln.kind is not Kind.BLANK)
    return articles, non_blank - kept - wrapped


def _apply_header(art: ArticleBlock, header: list[Line]) -> None:
    """Fill metadata from the header lines before an article's first paragraph."""
    seen_meta = outlet_dated = outlet_first = bare_byline = False
    for ln, below in itertools.zip_longest(header, header[1:]):
        k = ln.kind
        # the layout "headline / outlet / By ... / date": a short title-cased line between
        # the title and the byline or date names the publication ("The National Ledger",
        # "PellhamLive"; newcomer trials: their pages had "no outlet", or the footer's)
        # ("Tobias Renwick" above the date is its writer: a bare name only above a "By" line)
        by_below = below is not None and BY_LINE.match(below.text) is not None and below.kind in (
            Kind.BYLINE, Kind.BYLINE_DATE)
        names_outlet = (
            art.outlet is None and art.title is not None and not seen_meta
            and ln.named_field is None and 0 < word_count(ln.text) <= 5
            and title_cased(ln.text.split())
            and ((k is Kind.HEADING and (by_below or (below is not None
                                                      and below.kind is Kind.DATE)))
                 or (k is Kind.BYLINE and by_below and BY_LINE.match(ln.text) is None)))
        if names_outlet:
            art.outlet = ln.text.rstrip(".")
            continue
        if ln.named_field is not None:  # a labelled line says which field it is
            if getattr(art, ln.named_field) is None:
                setattr(art, ln.named_field, ln.text)
            seen_meta = seen_meta or ln.named_field != "title"
            continue
        if k in (Kind.BYLINE, Kind.BYLINE_DATE):
            bare = k is Kind.BYLINE and art.outlet is None and not BY_LINE.match(ln.text)
            if bare and (art.byline is not None or art.date is not None):
                # A bare name under "By Liam Costigan", or under the date: the publication
                # ("Frontline Voice", "Valeport Evening Echo"), not an author.
                art.outlet = ln.text.rstrip(".")
            elif art.byline is None or (bare_byline and not bare):
                # "By Kerry Mulgrave" under a bare "Fernholt Evening Echo" taken for its
                # writer: the bare line named the publication (a newcomer's local paper)
                if art.byline is not None and art.outlet is None:
                    art.outlet = art.byline.rstrip(".")
                art.byline, bare_byline = _byline_name(ln.text), bare
            if k is Kind.BYLINE_DATE and art.date is None:
                m = BY_ON_DATE.match(ln.text)
                art.date = m.group("date") if m else None
            seen_meta = True
        elif k is Kind.DATE:
            if art.date is None:
                art.date = ln.text
            seen_meta = True
        elif k is Kind.OUTLET:
            outlet_first = outlet_first or not seen_meta
            if art.outlet is None:
                art.outlet, outlet_dated = ln.text.rstrip("."), art.date is not None
            elif not outlet_dated and art.date is not None:
                # "Western News Agency" / date / "Coast & County Gazette": the line above
                # the date credits the agency that wrote it, the one below names the paper
                art.byline = art.byline or art.outlet
                art.outlet, outlet_dated = ln.text.rstrip("."), True
            seen_meta = True
        elif k is Kind.HEADING:
            if art.title is None and (not seen_meta or (outlet_first and art.byline is None)):
                # ("Westmarch Evening Post" / headline / By ... / date), and the date above
                # the headline ("Meridian Press Agency" / date / headline / By ...: a newcomer)
                art.title = ln.text
            elif seen_meta and art.outlet is None and word_count(ln.text) <= 5:
                art.outlet = ln.text.rstrip(".")  # a short line under the byline/date
            elif not seen_meta:
                art.headings.append((ln.start, ln.end))
    if art.outlet is None and art.byline and ", " in art.byline:
        # "By Alison Creed, Westmarch Press Association": a wire's byline names its agency
        # last (a newcomer's wire story had "no outlet", named by its file id throughout)
        parts = art.byline.split(", ")
        last = parts[-1].strip(" .")
        words = last.split()
        # after a name and a role ("Oliver Penhale, Markets Correspondent, The Ledger") a
        # short capitalised name is the publication's, whatever its words
        if is_outlet_shaped(last, words) or (
                len(parts) >= 3 and 0 < len(words) <= 5 and all(w[:1].isupper() for w in words)):
            art.outlet = last
