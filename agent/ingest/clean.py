"""Line-level cleaning of raw page text: classify lines, drop boilerplate, split pages that
aggregate several articles, and pull per-article metadata.

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
from enum import Enum

from agent.ingest.fields import COLUMN_LABEL, labelled_field
from agent.ingest.furniture import (
    BOILER,
    BREADCRUMB,
    CAPTION,
    CONTROL_TAIL,
    COOKIE_NOTICE,
    COPYRIGHT,
    COPYRIGHT_HOLDER,
    LINK_LIST,
    NAV,
)


class Kind(Enum):
    BLANK = "blank"
    BODY = "body"
    HEADING = "heading"
    NAME = "name"  # name-shaped; becomes BYLINE or HEADING from its neighbours
    BYLINE = "byline"
    BYLINE_DATE = "byline_date"  # "By Jane Roe on May 3, 2025"
    DATE = "date"
    OUTLET = "outlet"
    COPYRIGHT = "copyright"
    CAPTION = "caption"
    BOILER = "boiler"  # one-line page furniture: "Advertisement", "Share this"
    NAV = "nav"  # header of a related/popular-posts block


@dataclass
class Line:
    start: int  # stripped span into the original text
    end: int
    text: str
    kind: Kind = Kind.BODY
    named_field: str | None = None  # the field a labelled header line names ("Outlet: ...")


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


# The kind a labelled header line takes (agent.ingest.fields), for the rules that read
# its neighbours.
_FIELD_KINDS = {"title": Kind.HEADING, "byline": Kind.BYLINE, "date": Kind.DATE,
                "outlet": Kind.OUTLET}
MAX_HEADING_WORDS = 20
MIN_MENU_ITEMS = 3  # a menu row: this many short items between " | " (`_menu_row`)
MAX_MENU_ITEM_WORDS = 6
MAX_META_CHARS = 120

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:[a-z]*day)?\.?"
_TIME = r"(?:\s*(?:at\s+|,\s*|[-–—|]\s*)?\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?"
_DATE_CORE = (
    rf"(?:(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}})"
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?\S*)?"
    r"|\d{1,2}/\d{1,2}/\d{2,4})"
)
_DATE_LINE = re.compile(
    rf"^(?:(?:published|updated|posted|last updated|date)(?:\s+on)?:?\s+)?{_DATE_CORE}{_TIME}$",
    re.IGNORECASE,
)
_BY_ON_DATE = re.compile(rf"^by\s+(?P<name>.+?)\s+(?:on|[|•·-])\s+(?P<date>{_DATE_CORE})$", re.I)
_BY = re.compile(r"^by[:\s]\s*(?P<name>[^\d].{1,80})$", re.IGNORECASE)
_NAME_TOKEN = re.compile(
    r"^(?:[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*|[A-Z][A-Z]+(?:[-'’][A-Z]+)*|[A-Z]\.)$"
)
_NAME_PARTICLES = frozenset({"de", "da", "van", "von", "der", "del", "la", "le", "bin", "al"})
_NOT_NAME_WORDS = frozenset(
    {"the", "a", "an", "of", "for", "and", "or", "in", "on", "at", "to", "with", "from", "by",
     "about", "after", "over", "new", "more", "how", "why", "what", "who", "when", "where",
     "news", "breaking", "live", "update", "updates", "world", "politics", "opinion", "video"}
)  # fmt: skip
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’\- ]{1,40}(?:,\s*[A-Z][\w.' ]{1,20})?\s*"
    r"\((?P<agency>AP|Reuters|AFP|UPI|CNN|Bloomberg|dpa|Xinhua|CNS|RNS)\)\s*[—–-]+\s*"
)
_AGENCY_NAMES = {"AP": "AP", "REUTERS": "Reuters", "AFP": "AFP", "UPI": "UPI"}
_OUTLET_WORDS = re.compile(
    r"\b(?:News|Times|Post|Press|Journal|Herald|Tribune|Gazette|Reuters|Associated Press|"
    r"BBC|CNN|NPR|Guardian|Daily|Magazine|Wire|Telegraph|Chronicle|Insider|Network|Media|"
    r"Radio|Television|Today|Observer|Independent|Examiner|Courier|Dispatch|Bulletin|Review|"
    r"Sentinel|Star|Register|Monitor|Report|Digest|Globe|Mail|Express|Standard)\b"
)
_TERMINAL = re.compile(r"[.!?…:;,][\"”’')\]]*$")


def iter_lines(text: str) -> list[Line]:
    """Lines with spans stripped of surrounding whitespace (blank lines keep an empty span)."""
    lines: list[Line] = []
    for m in re.finditer(r"[^\n]*", text):
        if m.start() > 0 and m.start() == m.end() and text[m.start() - 1] != "\n":
            continue  # finditer's empty match right after a non-empty line
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        lines.append(Line(s, e, text[s:e], Kind.BLANK if s == e else Kind.BODY))
    return lines


def classify_line(t: str) -> Kind:
    """The kind of one stripped line, ignoring its neighbours."""
    if not t:
        return Kind.BLANK
    words = t.split()
    short = len(t) <= MAX_META_CHARS
    if short and NAV.match(t):
        return Kind.NAV
    if (((short or CONTROL_TAIL.search(t)) and BOILER.match(t)) or LINK_LIST.match(t)
            or COOKIE_NOTICE.match(t)):
        return Kind.BOILER
    if len(t) <= 200 and COPYRIGHT.search(t):
        return Kind.COPYRIGHT
    if _menu_row(t) or (short and BREADCRUMB.match(t)):
        return Kind.BOILER
    if CAPTION.search(t) and not _DATELINE.match(t):
        return Kind.CAPTION
    if short and _DATE_LINE.match(t):
        return Kind.DATE
    if short and _BY_ON_DATE.match(t):
        return Kind.BYLINE_DATE
    if short and _is_by_line(t, words):
        return Kind.BYLINE
    if short and _is_outlet_shaped(t, words):
        return Kind.OUTLET
    if _is_name_shaped(words):
        return Kind.NAME
    if len(words) <= MAX_HEADING_WORDS and not _TERMINAL.search(t):
        return Kind.HEADING
    return Kind.BODY


def _menu_row(t: str) -> bool:
    """A row of page controls or links, alone or after a banner's sentences ("We value your
    privacy. ... Accept all | Reject all | Show purposes"): short items between bars."""
    tail = re.split(r"(?<=[.!?])\s+", t)[-1]
    items = [item.strip() for item in tail.split(" | ")]
    return len(items) >= MIN_MENU_ITEMS and all(
        0 < len(item.split()) <= MAX_MENU_ITEM_WORDS for item in items)


def _is_by_line(t: str, words: list[str]) -> bool:
    """'By Jane Roe, Reuters' but not 'By Tuesday, the council had voted.'."""
    if not _BY.match(t) or len(words) > 12 or len(words) < 2 or not words[1][:1].isupper():
        return False
    return not re.search(r"[a-z]{2}[.!?]$", t)


def _is_name_shaped(words: list[str]) -> bool:
    if not 2 <= len(words) <= 4:
        return False
    if words[0].casefold() in _NOT_NAME_WORDS:
        return False
    for w in words:
        if w.casefold() in _NAME_PARTICLES:
            continue
        if w.casefold() in _NOT_NAME_WORDS or not _NAME_TOKEN.match(w):
            return False
    return True


def _word_count(t: str) -> int:
    """Words with a letter or digit: "Freight & Road Weekly — Comment" has four."""
    return sum(any(c.isalnum() for c in w) for w in t.split())


def _title_cased(words: list[str]) -> bool:
    """Every word capitalised, but for "of", "the", "and", "&" and dashes ("The Sentinel —
    Comment")."""
    return all(w[:1].isupper() or w in ("of", "the", "and", "&", "—", "–", "-") for w in words)


def _is_outlet_shaped(t: str, words: list[str]) -> bool:
    """'The Hill.', 'Springfield Gazette', 'Reuters': a short capitalised publication name."""
    if len(words) > 5 or not _title_cased(words):
        return False
    if _OUTLET_WORDS.search(t):
        return True
    # A bare "The Xxx." line: a headline would not end with a period, a sentence needs a verb.
    return words[0] == "The" and t.endswith(".") and len(words) <= 3


def classify(text: str) -> list[Line]:
    """All lines with their kinds, with context rules applied."""
    lines = iter_lines(text)
    for ln in lines:
        ln.kind = classify_line(ln.text)
        if ln.kind is not Kind.BLANK and (found := labelled_field(ln.text)) is not None:
            # "Outlet: Northern Press Association": the value alone, as its field's kind
            ln.named_field, at = found
            ln.start, ln.text = ln.start + at, ln.text[at:]
            ln.kind = _FIELD_KINDS[ln.named_field]
        elif (m := COLUMN_LABEL.match(ln.text)) and _is_name_shaped(ln.text[m.end():].split()):
            ln.named_field, ln.kind = "byline", Kind.BYLINE  # "Comment: Graham Pryce"
            ln.start, ln.text = ln.start + m.end(), ln.text[m.end():]
    content = [ln for ln in lines if ln.kind is not Kind.BLANK]
    meta = {Kind.DATE, Kind.OUTLET, Kind.BYLINE, Kind.BYLINE_DATE}
    for i, ln in enumerate(content):
        if ln.kind is Kind.NAME:
            # A bare name is a byline only next to other header lines; else it is a heading.
            near = {c.kind for c in content[max(0, i - 1) : i + 2] if c is not ln}
            ln.kind = Kind.BYLINE if near & meta else Kind.HEADING
    # A headline may ask or exclaim ("... so why is Kessock still sulking?"): a short line
    # ending so, right before a byline, date or outlet line, is the article's title.
    for a, b in itertools.pairwise(content):
        if (a.kind is Kind.BODY and b.kind in meta and a.text.endswith(("?", "!"))
                and len(a.text.split()) <= MAX_HEADING_WORDS):
            a.kind = Kind.HEADING
    # A heading-shaped line continued by a lower-case line is a hard-wrapped paragraph.
    for a, b in itertools.pairwise(lines):
        if a.kind is Kind.HEADING and b.kind in (Kind.BODY, Kind.HEADING) and b.text[:1].islower():
            a.kind = Kind.BODY
    return lines


def agency_of(paragraph: str) -> str | None:
    """'WASHINGTON (AP) — ...' -> 'AP'."""
    m = _DATELINE.match(paragraph)
    if not m:
        return None
    agency = m.group("agency")
    return _AGENCY_NAMES.get(agency.upper(), agency)


def copyright_holder(line: str) -> str | None:
    m = COPYRIGHT_HOLDER.match(line)
    holder = m.group("holder").strip(" .,") if m else ""
    return holder or None


def _byline_name(t: str) -> str:
    m = _BY_ON_DATE.match(t) or _BY.match(t)
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
            and not _TERMINAL.search(prev.text)
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
        dateline = agency_of(ln.text) is not None
        if current is None or (current.paragraphs and (has_header or boundary or dateline)):
            current = open_article(pending, ln)
        else:
            for p in pending:
                if p.kind is Kind.HEADING:
                    current.headings.append((p.start, p.end))
        pending = []
        boundary = False
        if current.outlet is None:
            current.outlet = agency_of(ln.text)
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
    seen_meta = outlet_dated = False
    for ln, below in itertools.zip_longest(header, header[1:]):
        k = ln.kind
        # the layout "headline / outlet / By ... / date": a short title-cased line between
        # the title and the byline or date names the publication ("The National Ledger",
        # "PellhamLive"; newcomer trials: their pages had "no outlet", or the footer's)
        # ("Tobias Renwick" above the date is its writer: a bare name only above a "By" line)
        by_below = below is not None and _BY.match(below.text) is not None and below.kind in (
            Kind.BYLINE, Kind.BYLINE_DATE)
        names_outlet = (
            art.outlet is None and art.title is not None and not seen_meta
            and ln.named_field is None and 0 < _word_count(ln.text) <= 5
            and _title_cased(ln.text.split())
            and ((k is Kind.HEADING and (by_below or (below is not None
                                                      and below.kind is Kind.DATE)))
                 or (k is Kind.BYLINE and by_below and _BY.match(ln.text) is None)))
        if names_outlet:
            art.outlet = ln.text.rstrip(".")
            continue
        if ln.named_field is not None:  # a labelled line says which field it is
            if getattr(art, ln.named_field) is None:
                setattr(art, ln.named_field, ln.text)
            seen_meta = seen_meta or ln.named_field != "title"
            continue
        if k in (Kind.BYLINE, Kind.BYLINE_DATE):
            bare = k is Kind.BYLINE and art.outlet is None and not _BY.match(ln.text)
            if bare and (art.byline is not None or art.date is not None):
                # A bare name under "By Liam Costigan", or under the date: the publication
                # ("Frontline Voice", "Valeport Evening Echo"), not an author.
                art.outlet = ln.text.rstrip(".")
            elif art.byline is None:
                art.byline = _byline_name(ln.text)
            if k is Kind.BYLINE_DATE and art.date is None:
                m = _BY_ON_DATE.match(ln.text)
                art.date = m.group("date") if m else None
            seen_meta = True
        elif k is Kind.DATE:
            if art.date is None:
                art.date = ln.text
            seen_meta = True
        elif k is Kind.OUTLET:
            if art.outlet is None:
                art.outlet, outlet_dated = ln.text.rstrip("."), art.date is not None
            elif not outlet_dated and art.date is not None:
                # "Western News Agency" / date / "Coast & County Gazette": the line above
                # the date credits the agency that wrote it, the one below names the paper
                art.byline = art.byline or art.outlet
                art.outlet, outlet_dated = ln.text.rstrip("."), True
            seen_meta = True
        elif k is Kind.HEADING:
            if not seen_meta and art.title is None:
                art.title = ln.text
            elif seen_meta and art.outlet is None and _word_count(ln.text) <= 5:
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
        if _is_outlet_shaped(last, words) or (
                len(parts) >= 3 and 0 < len(words) <= 5 and all(w[:1].isupper() for w in words)):
            art.outlet = last
