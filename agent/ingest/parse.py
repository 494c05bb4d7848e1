"""One file's text -> Document: articles with metadata and offset-exact sentences.

Also: decoding raw bytes with clear errors, and reducing HTML to its visible text.
"""

from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser

from agent.errors import IngestError
from agent.ingest.clean import split_articles
from agent.text.normalize import normalize_for_match
from agent.text.segment import split_sentences
from agent.types import Article, Document, Sentence

MAX_FILE_BYTES = 20 * 1024 * 1024
# Share of control characters (other than tab/newline/CR/FF) above which text is binary.
MAX_CONTROL_SHARE = 0.05
_CONTROL_BYTES = bytes(b for b in [*range(32), 0x7F] if chr(b) not in "\t\n\r\f")


def decode_bytes(path: str, data: bytes, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Decode UTF-8 file content, or raise IngestError(path, why). A BOM is kept, so offsets
    are plain indices into the decoded string."""
    if len(data) > max_bytes:
        raise IngestError(
            path, f"file is {len(data):,} bytes, over the size limit of {max_bytes:,} bytes"
        )
    if not data.strip():
        raise IngestError(path, "file is empty" if not data else "file contains only whitespace")
    nul = data.find(b"\x00")
    if nul >= 0:
        hint = " (UTF-16? convert it to UTF-8)" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ""
        raise IngestError(path, f"binary content: NUL byte at offset {nul}{hint}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise IngestError(
            path, f"not valid UTF-8: byte 0x{data[e.start]:02x} at byte offset {e.start}"
        ) from e
    # Control characters are single ASCII bytes in UTF-8 (no multi-byte sequence contains a
    # byte below 0x80), so counting bytes counts characters; in C, not a Python loop.
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls > MAX_CONTROL_SHARE * len(text):
        raise IngestError(
            path, f"binary content: {controls} of {len(text)} characters are control characters"
        )
    return text


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


def prepare_text(text: str) -> str:
    """The text that a Document's offsets index into: the extracted text for HTML, else
    `text` itself. Store this as the document text."""
    return html_to_text(text) if looks_like_html(text) else text


def parse_document(doc_id: str, path: str, text: str) -> Document:
    """Clean, split and segment one file's decoded text.

    Offsets index into `prepare_text(text)`: the text itself, or for HTML input the extracted
    visible text (which the caller must store as the document text). `sha256` is the hash of
    `text` as given (UTF-8), so it identifies the input file content.
    """
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    body_text = prepare_text(text)
    blocks, removed = split_articles(body_text)
    articles: list[Article] = []
    for n, block in enumerate(blocks, start=1):
        article_id = doc_id if len(blocks) == 1 else f"{doc_id}#{n}"
        sentences: list[Sentence] = []
        for ps, pe in block.paragraphs:
            for s, e in split_sentences(body_text[ps:pe], base=ps):
                sentences.append(
                    Sentence(
                        id=f"{article_id}:{len(sentences)}",
                        article_id=article_id,
                        doc_id=doc_id,
                        start=s,
                        end=e,
                        text=body_text[s:e],
                    )
                )
        article = Article(
            id=article_id,
            doc_id=doc_id,
            start=block.start,
            end=block.end,
            title=block.title,
            byline=block.byline,
            date=block.date,
            outlet=block.outlet,
            sentences=sentences,
        )
        article.content_hash = hashlib.sha256(
            normalize_for_match(article.body).encode("utf-8")
        ).hexdigest()
        articles.append(article)
    return Document(
        id=doc_id,
        path=path,
        sha256=sha,
        n_chars=len(body_text),
        articles=articles,
        removed_lines=removed,
    )
