"""One file's text -> Document: articles with metadata and offset-exact sentences.

Also: decoding raw bytes with clear errors, and reducing HTML to its visible text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from agent.errors import IngestError
from agent.ingest.clean import split_articles
from agent.ingest.extract import Extracted, ExtractedArticle
from agent.ingest.html_text import html_to_text, looks_like_html
from agent.text.normalize import normalize_for_match
from agent.text.segment import split_sentences
from agent.types import Article, Document, Sentence

MAX_FILE_BYTES = 20 * 1024 * 1024
# Share of control characters (other than tab/newline/CR/FF) above which text is binary.
MAX_CONTROL_SHARE = 0.05
_CONTROL_CHARS = "".join(
    chr(c) for c in [*range(32), 0x7F, *range(0x80, 0xA0)] if chr(c) not in "\t\n\r\f"
)


# Byte-order marks that name their encoding (UTF-16/32 files have NUL bytes by design).
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# How much more "mess" (charset-normalizer's mess ratio) a Windows-1252 reading may show than
# the detector's pick and still win: cp1252 is the WHATWG default legacy encoding, and on
# short Western text the detector's top choice is often an arbitrary code page.
CP1252_MESS_MARGIN = 0.02


@dataclass(frozen=True)
class Decoded:
    """Decoded file content and the codec that decoded it ("utf-8", "cp1252", ...)."""

    text: str
    encoding: str


def decode_text(path: str, data: bytes, max_bytes: int = MAX_FILE_BYTES) -> Decoded:
    """Decode file content: UTF-8 if valid, a UTF-16/32 file by its byte-order mark, else
    the legacy encoding charset-normalizer detects (Windows-1252 preferred when it reads
    the bytes as cleanly). A BOM is kept, so offsets are plain indices into the text.

    Raises IngestError(path, why) for empty, oversized or binary content (NUL bytes, more
    than MAX_CONTROL_SHARE control characters, or no encoding that reads the bytes)."""
    if len(data) > max_bytes:
        raise IngestError(
            path, f"file is {len(data):,} bytes, over the size limit of {max_bytes:,} bytes"
        )
    if not data.strip():
        raise IngestError(path, "file is empty" if not data else "file contains only whitespace")
    bom = next((enc for mark, enc in _BOMS if data.startswith(mark)), None)
    if bom is not None:
        try:
            return _checked(path, data.decode(bom), bom)
        except UnicodeDecodeError as e:
            raise IngestError(path, f"binary content: not valid {bom} after its BOM") from e
    nul = data.find(b"\x00")
    if nul >= 0:
        raise IngestError(path, f"binary content: NUL byte at offset {nul}")
    try:
        return _checked(path, data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes
    from charset_normalizer.md import mess_ratio

    best = from_bytes(data).best()
    try:
        western: str | None = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and (
        best is None or mess_ratio(western, 1.0) <= best.chaos + CP1252_MESS_MARGIN
    ):
        return _checked(path, western, "cp1252")
    if best is None:
        raise IngestError(path, "binary content: not text in UTF-8 or any legacy encoding")
    return _checked(path, str(best), best.encoding)


def _checked(path: str, text: str, encoding: str) -> Decoded:
    controls = sum(text.count(c) for c in _CONTROL_CHARS if c in text)
    if controls > MAX_CONTROL_SHARE * len(text):
        raise IngestError(
            path, f"binary content: {controls} of {len(text)} characters are control characters"
        )
    return Decoded(text, encoding)


def decode_bytes(path: str, data: bytes, max_bytes: int = MAX_FILE_BYTES) -> str:
    """The text of `decode_text` (same errors)."""
    return decode_text(path, data, max_bytes).text


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
        articles.append(_with_content_hash(article))
    return Document(
        id=doc_id,
        path=path,
        sha256=sha,
        n_chars=len(body_text),
        articles=articles,
        removed_lines=removed,
    )


# The header block that opens every extracted article in the document text: one line per
# field, in this order, each a sentence of its own (citable like any other).
HEADER_LABELS = (
    ("title", "Title"),
    ("author", "Author"),
    ("date", "Published"),
    ("outlet", "Outlet"),
)


def render_extracted(extracted: Extracted) -> str:
    """The document text of an extracted input: per article, its header block (the fields it
    has, `Label: value` one per line), a blank line, its paragraphs one per line; articles
    separated by a blank line. Deterministic, so unchanged input gives unchanged text."""
    blocks = []
    for art in extracted.articles:
        header = [
            f"{label}: {value}"
            for name, label in HEADER_LABELS
            if (value := getattr(art, name)) is not None
        ]
        paragraphs = "\n".join(art.paragraphs)
        blocks.append("\n".join(header) + "\n\n" + paragraphs if header else paragraphs)
    return "\n\n".join(blocks) + "\n"


def parse_extracted(
    doc_id: str, path: str, extracted: Extracted, *, encoding: str | None = None
) -> tuple[Document, str]:
    """A Document for an extracted input and its text (`render_extracted`), which the caller
    stores as the document text: offsets index into it.

    Every header line is a Sentence with `header` set to its field (title, author, date,
    outlet); body sentences come from the paragraphs. One article per extracted article, ids
    `<doc_id>` or `<doc_id>#<n>` as for plain files."""
    text = render_extracted(extracted)
    kept = [a for a in extracted.articles if a.paragraphs]
    articles: list[Article] = []
    pos = 0
    for n, art in enumerate(kept, start=1):
        article_id = doc_id if len(kept) == 1 else f"{doc_id}#{n}"
        start = text.index(_first_line(art), pos)
        spans: list[tuple[int, int, str | None]] = []  # (start, end, header field)
        pos = start
        for name, label in HEADER_LABELS:
            value = getattr(art, name)
            if value is None:
                continue
            line = f"{label}: {value}"
            pos = text.index(line, pos)
            spans.append((pos, pos + len(line), name))
            pos += len(line)
        for para in art.paragraphs:
            ps = text.index(para, pos)
            spans.extend((s, e, None) for s, e in split_sentences(para, base=ps))
            pos = ps + len(para)
        sentences = [
            Sentence(
                id=f"{article_id}:{i}",
                article_id=article_id,
                doc_id=doc_id,
                start=s,
                end=e,
                text=text[s:e],
                header=field,
            )
            for i, (s, e, field) in enumerate(spans)
        ]
        article = Article(
            id=article_id,
            doc_id=doc_id,
            start=start,
            end=pos,
            title=art.title,
            byline=art.author,
            date=art.date,
            outlet=art.outlet,
            url=art.url,
            sentences=sentences,
        )
        articles.append(_with_content_hash(article))
    doc = Document(
        id=doc_id,
        path=path,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        n_chars=len(text),
        articles=articles,
        encoding=encoding,
        format=extracted.kind,
    )
    return doc, text


def _first_line(art: ExtractedArticle) -> str:
    for name, label in HEADER_LABELS:
        value = getattr(art, name)
        if value is not None:
            return f"{label}: {value}"
    return art.paragraphs[0]


def _with_content_hash(article: Article) -> Article:
    """`article` with `content_hash` set: SHA-256 of its normalised body (what duplicate
    detection and re-ingest compare)."""
    article.content_hash = hashlib.sha256(
        normalize_for_match(article.body).encode("utf-8")
    ).hexdigest()
    return article
