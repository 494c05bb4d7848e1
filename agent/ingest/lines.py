"""Line-level reading of raw page text: each line's kind (body, heading, byline, date line,
outlet line, copyright, caption, page furniture, the header of a related-posts block), read
from its shape and web-page furniture vocabulary (agent.ingest.furniture) and then from its
neighbours (`classify`). agent.ingest.clean splits a page into articles over these lines.

Offsets index the original text; a line's text is never rewritten, only its start moved past a
field label ("Outlet: ...").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from enum import Enum

from agent.ingest.fields import COLUMN_LABEL, labelled_field
from agent.ingest.furniture import (
    BOILER,
    BREADCRUMB,
    CAPTION,
    CONTROL_TAIL,
    COOKIE_NOTICE,
    COPYRIGHT,
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


# The kind a labelled header line takes (agent.ingest.fields), for the rules that read
# its neighbours.
_FIELD_KINDS = {"title": Kind.HEADING, "byline": Kind.BYLINE, "date": Kind.DATE,
                "outlet": Kind.OUTLET}
MAX_HEADING_WORDS = 20
MIN_MENU_ITEMS = 3  # a menu row: this many short items between " | " (`_menu_row`)
MAX_MENU_ITEM_WORDS = 6
MAX_META_CHARS = 120
MAX_BYLINE_WORDS = 16

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
BY_ON_DATE = re.compile(rf"^by\s+(?P<name>.+?)\s+(?:on|[|•·-])\s+(?P<date>{_DATE_CORE})$", re.I)
BY_LINE = re.compile(r"^by[:\s]\s*(?P<name>[^\d].{1,120})$", re.IGNORECASE)
_NAME_TOKEN = re.compile(
    r"^(?:[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*|[A-Z][A-Z]+(?:[-'’][A-Z]+)*|[A-Z]\.)$"
)
_NAME_PARTICLES = frozenset({"de", "da", "van", "von", "der", "del", "la", "le", "bin", "al"})
_NOT_NAME_WORDS = frozenset(
    {"the", "a", "an", "of", "for", "and", "or", "in", "on", "at", "to", "with", "from", "by",
     "about", "after", "over", "new", "more", "how", "why", "what", "who", "when", "where",
     "news", "breaking", "live", "update", "updates", "world", "politics", "opinion", "video"}
)  # fmt: skip
# A wire dateline: the filing place in capitals, up to two comma parts ("England", "March
# 3"), the agency in brackets ("AP", "MNA", "Marches Press Agency"), a dash.
DATELINE = re.compile(
    r"^[A-Z][A-Z.'’\- ]{1,40}(?:,\s*[A-Z][\w.' ]{1,20}){0,2}\s*"
    r"\((?P<agency>[A-Z][\w&.'’ -]{0,38}[\w.])\)\s*[—–-]+\s*"
)
_OUTLET_WORDS = re.compile(
    r"\b(?:News|Times|Post|Press|Journal|Herald|Tribune|Gazette|Reuters|Associated Press|"
    r"BBC|CNN|NPR|Guardian|Daily|Magazine|Wire|Telegraph|Chronicle|Insider|Network|Media|"
    r"Radio|Television|Today|Observer|Independent|Examiner|Courier|Dispatch|Bulletin|Review|"
    r"Sentinel|Star|Register|Monitor|Report|Digest|Globe|Mail|Express|Standard)\b"
)
# A desk's label after a dash marks a publication's name line wherever it stands: "The Island
# Voice — Comment", "The Northern Voice - Comment" (a newcomer trial, session 59: the line
# opened the file, with no outlet word, and was read as the headline).
_DESK_LABEL = re.compile(r"\s[—–-]\s*(?:Comment|Opinion|Editorial|Column|Leader|Views?|Analysis)$")
TERMINAL = re.compile(r"[.!?…:;,][\"”’')\]]*$")


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
    if CAPTION.search(t) and not DATELINE.match(t):
        return Kind.CAPTION
    if short and _DATE_LINE.match(t):
        return Kind.DATE
    if short and BY_ON_DATE.match(t):
        return Kind.BYLINE_DATE
    if short and _is_by_line(t, words):
        return Kind.BYLINE
    if short and is_outlet_shaped(t, words):
        return Kind.OUTLET
    if _is_name_shaped(words):
        return Kind.NAME
    if len(words) <= MAX_HEADING_WORDS and not TERMINAL.search(t):
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
    # (up to MAX_BYLINE_WORDS: "By Helen Dracott, Meridian News Agency, with additional
    # reporting by Evening Post staff")
    if (not BY_LINE.match(t) or len(words) > MAX_BYLINE_WORDS or len(words) < 2
            or not words[1][:1].isupper()):
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


def word_count(t: str) -> int:
    """Words with a letter or digit: "Freight & Road Weekly — Comment" has four."""
    return sum(any(c.isalnum() for c in w) for w in t.split())


def title_cased(words: list[str]) -> bool:
    """Every word capitalised, but for "of", "the", "and", "&" and dashes ("The Sentinel —
    Comment")."""
    return all(w[:1].isupper() or w in ("of", "the", "and", "&", "—", "–", "-") for w in words)


def is_outlet_shaped(t: str, words: list[str]) -> bool:
    """'The Hill.', 'Springfield Gazette', 'Reuters': a short capitalised publication name."""
    if len(words) > 5 or not title_cased(words):
        return False
    if _OUTLET_WORDS.search(t) or _DESK_LABEL.search(t):
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
