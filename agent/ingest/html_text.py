"""Visible text of an HTML page without a main-text extractor: the fallback that reads a
page trafilatura finds no article in, and the text of rendered Markdown and feed entries.
A leaf of the ingest package (agent.ingest.extract and agent.ingest.parse both use it).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_HTML_TAG = re.compile(
    r"<(?:!doctype\s+html|/?(?:html|head|body|p|div|span|article|section|br|a|script|style|"
    r"meta|title|h[1-6]|li|ul|ol|table|tr|td|img|header|footer|nav|main)\b)[^>]*>",
    re.IGNORECASE,
)


def looks_like_html(text: str) -> bool:
    """True for an HTML page (or fragment), not for prose that mentions a tag or two."""
    head = text[:5000]
    n_tags = len(_HTML_TAG.findall(head))
    starts_with_tag = head.lstrip("\ufeff \t\r\n").startswith("<")
    return n_tags >= 5 or (starts_with_tag and n_tags >= 2)


_SKIP_TAGS = frozenset(
    {"script", "style", "nav", "footer", "aside", "noscript", "template", "svg", "head",
     "form", "button", "iframe", "select", "figcaption"}
)  # fmt: skip
_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "article",
     "section", "header", "blockquote", "tr", "table", "figure", "pre", "hr", "main", "dd",
     "dt", "dl", "address", "title", "time"}
)  # fmt: skip
_VOID_TAGS = frozenset({"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area"})


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS and tag not in _VOID_TAGS:
            self.skip_depth += 1
        elif tag in _BLOCK_TAGS and not self.skip_depth:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _BLOCK_TAGS and not self.skip_depth:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            # HTML collapses source whitespace (we fold no-break spaces too); lines come
            # from block tags.
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """Visible text of an HTML page: one line per block element, scripts/styles/navigation/
    footers/asides dropped, paragraphs separated by single line breaks."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = [ln.strip() for ln in "".join(parser.parts).split("\n")]
    return "\n".join(ln for ln in lines if ln) + "\n"
