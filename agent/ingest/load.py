"""From an input (a file's bytes, or a fetched page's) to the document text and its Document.

Formats are told apart by suffix, then by content: RSS/Atom (.rss, .atom, .xml, or bytes that
open like a feed), HTML (.html, .htm, or text that looks like a page), Markdown (.md,
.markdown), PDF (.pdf, or bytes opening with %PDF-); anything else is plain text, cleaned by
the line rules of agent/ingest/clean.py as before. Structured formats keep their metadata as
a header block at the top of each article (agent/ingest/parse.py: parse_extracted).

Also the copy of each original kept in the data directory: `originals/<doc_id>/<sha12><ext>`
beside `<sha12>.document.txt`, the document text of that version. Versions are never overwritten, so
a citation made before a page changed still resolves to the text it was made on
(`resolve_quote`).
"""

from __future__ import annotations

import hashlib
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from agent.errors import IngestError
from agent.ingest.extract import (
    Extracted,
    extract_feed,
    extract_html,
    extract_markdown,
    extract_pdf,
    looks_like_feed,
)
from agent.ingest.parse import decode_text, looks_like_html, parse_document, parse_extracted
from agent.types import Document

FEED_SUFFIXES = (".rss", ".atom", ".xml")
HTML_SUFFIXES = (".html", ".htm")
MARKDOWN_SUFFIXES = (".md", ".markdown")
SUPPORTED_SUFFIXES = (".txt", *MARKDOWN_SUFFIXES, *HTML_SUFFIXES, *FEED_SUFFIXES, ".pdf")
ORIGINALS_DIR = "originals"
SNAPSHOT_SUFFIX = ".document.txt"  # the document text of one version, beside its original


@dataclass
class Loaded:
    """One input read and understood. `text` is the document text (what offsets index into;
    its SHA-256 decides "unchanged"), `data` the original bytes, kept under `suffix`. The
    Document is built on first call of `document()` (plain text is only parsed when it
    changed; structured formats come parsed from their extraction)."""

    doc_id: str
    where: str  # the file path or URL, as the user gave it
    text: str
    data: bytes
    suffix: str
    kind: str  # text | html | feed | markdown | pdf
    encoding: str | None
    url: str | None = None
    parsed: Document | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def transformed(self) -> bool:
        """True when the document text is not simply the UTF-8 file (keep the original)."""
        return self.kind != "text" or self.encoding != "utf-8" or self.url is not None

    def document(self) -> Document:
        """The Document (parsed now for plain text), with encoding, format and URL set."""
        if self.parsed is None:
            self.parsed = parse_document(self.doc_id, self.where, self.text)
        doc = self.parsed
        doc.encoding, doc.format, doc.url = self.encoding, self.kind, self.url
        return doc


def load_bytes(
    doc_id: str, where: str, data: bytes, suffix: str, *, url: str | None = None
) -> Loaded:
    """Read `data` (from file or URL `where`, extension `suffix`) into a Loaded document.

    Raises IngestError(where, why) for binary, empty or unreadable content, or when a
    structured format yields no text."""
    suffix = suffix.lower()
    if suffix == ".pdf" or data[:5] == b"%PDF-":
        return _structured(doc_id, where, extract_pdf(where, data), None, data, ".pdf", url)
    decoded = decode_text(where, data, max_bytes=max(len(data), 1))
    if suffix in FEED_SUFFIXES or looks_like_feed(data):
        extracted = extract_feed(where, data, url)
        return _structured(doc_id, where, extracted, decoded.encoding, data, ".xml", url)
    if suffix in HTML_SUFFIXES or looks_like_html(decoded.text):
        extracted = extract_html(where, decoded.text, url)
        return _structured(doc_id, where, extracted, decoded.encoding, data, ".html", url)
    if suffix in MARKDOWN_SUFFIXES:
        extracted = extract_markdown(where, decoded.text)
        return _structured(doc_id, where, extracted, decoded.encoding, data, ".md", url)
    if not decoded.text.strip():
        raise IngestError(where, "no text content")
    ext = suffix or ".txt"
    return Loaded(doc_id, where, decoded.text, data, ext, "text", decoded.encoding, url)


def load_file(path: Path, max_bytes: int) -> Loaded:
    """Read one file (at most `max_bytes`, checked before reading) and load it; the
    document id is the file name without extension. Raises IngestError(path, why)."""
    data = read_capped(path, max_bytes)
    return load_bytes(path.stem, str(path), data, path.suffix)


def read_capped(path: Path, limit: int) -> bytes:
    """The bytes of a regular file no bigger than `limit`. Raises IngestError(path, why)
    for special files, oversized files (refused unread) and read errors."""
    too_big = f"over the {limit / 2**20:g} MiB limit (setting max_file_mb)"
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):  # a FIFO or /dev/zero would block or never end
            raise IngestError(str(path), "not a regular file")
        if st.st_size > limit:
            raise IngestError(str(path), f"file is {st.st_size / 1e6:.1f} MB, {too_big}")
        with path.open("rb") as fh:
            data = fh.read(limit + 1)  # bounded even if the file grows while we read
    except IngestError:
        raise
    except OSError as e:
        raise IngestError(str(path), f"cannot read file: {e.strerror or e}") from e
    if len(data) > limit:
        raise IngestError(str(path), f"file grew past the limit while being read; {too_big}")
    return data


def _structured(
    doc_id: str,
    where: str,
    extracted: Extracted,
    encoding: str | None,
    data: bytes,
    suffix: str,
    url: str | None,
) -> Loaded:
    if not any(a.paragraphs for a in extracted.articles):
        raise IngestError(where, "no text content")
    doc, text = parse_extracted(doc_id, where, extracted, encoding=encoding)
    return Loaded(doc_id, where, text, data, suffix, extracted.kind, encoding, url, parsed=doc)


def keep_original(data_dir: Path, loaded: Loaded) -> str:
    """Write the original bytes and the document text of this version under
    `originals/<doc_id>/` (once per version) and return the original's path relative to
    `data_dir`; also sets `loaded.document.original`."""
    doc = loaded.document()
    folder = data_dir / ORIGINALS_DIR / doc.id
    folder.mkdir(parents=True, exist_ok=True)
    stem = doc.sha256[:12]
    original = folder / f"{stem}{_safe_suffix(loaded.suffix)}"
    snapshot = folder / f"{stem}{SNAPSHOT_SUFFIX}"
    if not snapshot.exists():
        # Bytes first: a snapshot on disk means its original is complete.
        original.write_bytes(loaded.data)
        snapshot.write_text(loaded.text, encoding="utf-8")
    rel = str(original.relative_to(data_dir))
    doc.original = rel
    return rel


def _safe_suffix(suffix: str) -> str:
    clean = re.sub(r"[^A-Za-z0-9.]", "", suffix)[:10]
    return clean if clean.startswith(".") else ".orig"


def resolve_quote(data_dir: Path, doc_id: str, start: int, end: int, quote: str) -> Path | None:
    """The text file, among the current snapshot (`texts/<doc_id>.txt`) and the kept versions
    (newest first), in which `text[start:end] == quote`; None if no version says it."""
    candidates = [data_dir / "texts" / f"{doc_id}.txt"]
    folder = data_dir / ORIGINALS_DIR / doc_id
    if folder.is_dir():
        kept = folder.glob(f"*{SNAPSHOT_SUFFIX}")
        candidates.extend(sorted(kept, key=lambda p: p.stat().st_mtime_ns, reverse=True))
    for path in candidates:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            continue
        if text[start:end] == quote:
            return path
    return None
