"""Structured extraction of non-plain inputs: HTML pages, RSS/Atom feeds, Markdown and PDF.

Each format goes through a well-kept library and comes out as the same typed record, a list of
`ExtractedArticle` (metadata + body paragraphs), which `agent.ingest.parse.parse_extracted`
turns into the document text (a header block per article, then its paragraphs) and offsets.

- HTML: trafilatura (main-text extraction and metadata: title, author, date via htmldate,
  site name from og:site_name and friends). A page holding two or more `<article>` elements
  with enough text each aggregates several stories: each element is extracted on its own, so
  one story's byline and date do not end up on the other.
- Feeds: feedparser (RSS 0.9x/2.0, Atom 0.3/1.0); one article per entry, with its link and
  date; the entry's HTML content goes through the visible-text reducer.
- Markdown: markdown-it-py (CommonMark) renders it to HTML, which is then reduced to text; a
  leading `---` front-matter block of `key: value` lines gives the metadata.
- PDF: pypdf's text layer and document info (/Title, /Author, /CreationDate); a scanned PDF
  with no text layer yields no text (the caller reports "no text content").
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from io import BytesIO
from time import struct_time
from typing import Any

from agent.errors import IngestError
from agent.ingest.html_text import html_to_text

# trafilatura logs a WARNING for every page it finds too short ("discarding data"): the
# outcome is handled here (a visible-text fallback or a per-file error), so only its errors
# reach the user's terminal.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
# pypdf logs what it repairs in a damaged file ("invalid pdf header", "EOF marker not
# found") without the file's name; a file it cannot read is refused here, naming it.
logging.getLogger("pypdf").setLevel(logging.ERROR)

# An <article> element with less visible text than this is a teaser or card, not a story.
MIN_ARTICLE_ELEMENT_CHARS = 200


@dataclass
class ExtractedArticle:
    """One article found in an input: metadata as extracted (None when absent) and its body
    as paragraphs of plain text (no line breaks inside a paragraph)."""

    title: str | None = None
    author: str | None = None
    date: str | None = None  # ISO 8601 date (YYYY-MM-DD) when the source gave one
    outlet: str | None = None
    url: str | None = None
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Extracted:
    """What a structured input yielded: `kind` is html | feed | markdown | pdf."""

    kind: str
    articles: list[ExtractedArticle]


_WS = re.compile(r"\s+")


def _clean(value: object) -> str | None:
    """A one-line metadata value, or None for empty / missing."""
    if value is None:
        return None
    text = _WS.sub(" ", str(value)).strip()
    return text or None


def _paragraphs(text: str, title: str | None) -> list[str]:
    """Non-empty lines of extracted text; a first line repeating the title is dropped (the
    header block carries it)."""
    lines = [_WS.sub(" ", ln).strip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln]
    if lines and title and lines[0].casefold() == title.casefold():
        lines = lines[1:]
    return lines


def _bare(html: str, url: str | None, **options: Any) -> dict[str, Any]:
    """trafilatura's bare extraction as a dict ({} when it finds nothing)."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, **options)
    if doc is None:
        return {}
    return doc if isinstance(doc, dict) else dict(doc.as_dict())


# The latest publication date a page's metadata may give. htmldate's default, today by the
# machine's clock, dropped a page's own `article:published_time` when the clock was behind
# the page's date (a newcomer's story pages dated ahead of the machine, session 58).
LATEST_DATE = "2099-12-31"


def _date_params() -> dict[str, Any]:
    """htmldate's parameters as trafilatura sets them, the latest date LATEST_DATE."""
    from trafilatura.settings import set_date_params

    return {**set_date_params(), "max_date": LATEST_DATE}


def _trafilatura_article(html: str, url: str | None) -> ExtractedArticle | None:
    doc = _bare(
        html,
        url,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        # True keeps a process-wide cache: a page (or a copy) read a third time loses text.
        deduplicate=False,
        date_extraction_params=_date_params(),
    )
    text = str(doc.get("text") or "")
    if not text.strip():
        return None
    title = _clean(doc.get("title"))
    return ExtractedArticle(
        title=title,
        author=_clean(doc.get("author")),
        date=_clean(doc.get("date")),
        outlet=_clean(doc.get("sitename")),
        url=_clean(doc.get("url")) or url,
        paragraphs=_paragraphs(text, title),
    )


def _article_elements(html: str) -> list[str]:
    """The page's `<article>` elements as standalone HTML documents, when there are two or
    more with real text (an aggregation page); else []."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        tree = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    found = []
    for el in tree.iter("article"):
        if el.getparent() is not None and any(a.tag == "article" for a in el.iterancestors()):
            continue  # nested: its outer article is the unit
        if len(_WS.sub(" ", el.text_content()).strip()) >= MIN_ARTICLE_ELEMENT_CHARS:
            found.append(el)
    if len(found) < 2:
        return []
    return [
        "<html><body>" + lxml_html.tostring(el, encoding="unicode") + "</body></html>"
        for el in found
    ]


def extract_html(path: str, html: str, url: str | None = None) -> Extracted:
    """Articles of an HTML page (see the module docstring). A page too small for trafilatura's
    main-text heuristics keeps its visible text (`html_to_text`) with the page's metadata.
    Raises IngestError(path) when the page has no visible text."""
    import trafilatura

    meta = trafilatura.extract_metadata(html, default_url=url,
                                        date_config=_date_params()).as_dict()
    site = _clean(meta.get("sitename"))
    articles: list[ExtractedArticle] = []
    for fragment in _article_elements(html):
        art = _trafilatura_article(fragment, url)
        if art is not None and art.paragraphs:
            art.outlet = art.outlet or site
            art.url = url
            articles.append(art)
    if len(articles) < 2:
        whole = _trafilatura_article(html, url)
        articles = [whole] if whole is not None and whole.paragraphs else []
    if not articles:
        title = _clean(meta.get("title"))
        visible = ExtractedArticle(
            title=title,
            author=_clean(meta.get("author")),
            date=_clean(meta.get("date")),
            outlet=site,
            url=url,
            paragraphs=_paragraphs(html_to_text(html), title),
        )
        articles = [visible] if visible.paragraphs else []
    if not articles:
        raise IngestError(path, "no text content in the HTML page")
    return Extracted("html", articles)


_FEED_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.S
)


def looks_like_feed(data: bytes) -> bool:
    """True when the bytes start like an RSS, Atom or RDF document."""
    return bool(_FEED_START.match(data[:2000].lstrip(b"\xef\xbb\xbf")))


def _feed_date(entry: dict[str, object]) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, struct_time):
            return datetime(*value[:6], tzinfo=UTC).date().isoformat()
    return None


def extract_feed(path: str, data: bytes, url: str | None = None) -> Extracted:
    """One article per feed entry: title, author, date (ISO), link, the feed's title as the
    outlet, and the entry's content (else its summary) as paragraphs. Raises IngestError(path)
    for a document feedparser cannot read as a feed, or a feed without entries."""
    import feedparser

    parsed = feedparser.parse(data, response_headers={"content-location": url} if url else None)
    if parsed.get("bozo") and not parsed.entries:
        raise IngestError(path, f"not a readable RSS/Atom feed: {parsed.get('bozo_exception')}")
    if not parsed.entries:
        raise IngestError(path, "feed has no entries")
    outlet = _clean(parsed.feed.get("title"))
    articles = []
    for entry in parsed.entries:
        contents = entry.get("content") or []
        body = contents[0].get("value", "") if contents else entry.get("summary", "")
        title = _clean(entry.get("title"))
        author = _clean(entry.get("author"))
        paragraphs = _paragraphs(html_to_text(body) if "<" in body else body, title)
        articles.append(
            ExtractedArticle(
                title=title,
                author=author,
                date=_feed_date(entry),
                outlet=outlet,
                url=_clean(entry.get("link")),
                paragraphs=paragraphs,
            )
        )
    return Extracted("feed", [a for a in articles if a.paragraphs])


_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(?P<body>.*?)\n---[ \t]*\n", re.S)
_FRONT_KEYS = {
    "title": "title",
    "author": "author",
    "byline": "author",
    "date": "date",
    "published": "date",
    "outlet": "outlet",
    "publication": "outlet",
    "site": "outlet",
    "source": "outlet",
    "url": "url",
    "link": "url",
}


def _unquoted(value: str) -> str:
    """A front-matter value without the quotes around it: only a pair, so a title ending
    in a quoted phrase keeps its closing mark ("Colleague 'warned bosses of crack'", a
    newcomer trial, session 59)."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def extract_markdown(path: str, text: str) -> Extracted:
    """A Markdown file as one article: front-matter metadata (if any), the first level-1
    heading as the title when the front matter has none, the rendered text as paragraphs."""
    from markdown_it import MarkdownIt

    meta: dict[str, str] = {}
    m = _FRONT_MATTER.match(text)
    if m:
        for line in m.group("body").splitlines():
            key, sep, value = line.partition(":")
            name = _FRONT_KEYS.get(key.strip().casefold())
            if sep and name and (v := _clean(_unquoted(value.strip()))):
                meta[name] = v
        text = text[m.end() :]
    heading = re.search(r"^#\s+(.+?)\s*#*\s*$", text, re.M)
    title = meta.get("title") or (_clean(heading.group(1)) if heading else None)
    rendered = html_to_text(MarkdownIt("commonmark").render(text))
    art = ExtractedArticle(
        title=title,
        author=meta.get("author"),
        date=meta.get("date"),
        outlet=meta.get("outlet"),
        url=meta.get("url"),
        paragraphs=_paragraphs(rendered, title),
    )
    if not art.paragraphs:
        raise IngestError(path, "no text content")
    return Extracted("markdown", [art])


def _pdf_date(value: object) -> str | None:
    """'D:20250503091500Z' (PDF date) -> '2025-05-03'."""
    m = re.match(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?", str(value or ""))
    if not m:
        return None
    return "-".join(g for g in m.groups() if g)


def extract_pdf(path: str, data: bytes) -> Extracted:
    """A PDF (press release) as one article: its document info and the text of every page,
    paragraphs at blank lines. Raises IngestError(path) for a file pypdf cannot read."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(BytesIO(data))
        info: Any = reader.metadata or {}
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, OSError) as e:
        raise IngestError(path, f"unreadable PDF: {e}") from e
    title = _clean(info.get("/Title"))
    paragraphs = []
    for block in re.split(r"\n\s*\n", "\n\n".join(pages)):
        para = _WS.sub(" ", block).strip()
        if para:
            paragraphs.append(para)
    if paragraphs and title and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]
    art = ExtractedArticle(
        title=title,
        author=_clean(info.get("/Author")),
        date=_pdf_date(info.get("/CreationDate")),
        paragraphs=paragraphs,
    )
    if not art.paragraphs:
        raise IngestError(path, "no text layer in the PDF (scanned image?)")
    return Extracted("pdf", [art])
