"""parse_document on the real seeds and synthetic inputs; decoding and HTML extraction."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from agent.errors import IngestError
from agent.ingest.dedup import mark_duplicates
from agent.ingest.parse import (
    decode_bytes,
    html_to_text,
    looks_like_html,
    parse_document,
    prepare_text,
)
from agent.types import Document


def parse_seed(seeds_dir: Path, prefix: str) -> tuple[Document, str]:
    (path,) = seeds_dir.glob(f"{prefix}_*.txt")
    text = decode_bytes(str(path), path.read_bytes())
    return parse_document(path.stem, str(path), text), text


def test_every_sentence_offset_matches_on_all_seeds(seeds_dir: Path) -> None:
    n = 0
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = parse_document(path.stem, str(path), text)
        assert doc.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
        assert doc.n_chars == len(text)
        for art in doc.articles:
            assert art.sentences
            for i, s in enumerate(art.sentences):
                assert text[s.start : s.end] == s.text
                assert s.id == f"{art.id}:{i}" and s.article_id == art.id
                assert s.text.strip() == s.text and s.text
                n += 1
    assert n > 100


def test_seed_003_three_articles_second_is_duplicate(seeds_dir: Path) -> None:
    doc, _ = parse_seed(seeds_dir, "003")
    ids = [a.id for a in doc.articles]
    assert ids == [f"{doc.id}#1", f"{doc.id}#2", f"{doc.id}#3"]
    first, second, third = doc.articles
    assert first.content_hash == second.content_hash != third.content_hash
    marked = mark_duplicates(doc.articles)
    assert [a.duplicate_of for a in marked] == [None, first.id, None]
    assert (first.byline, first.date, first.outlet) == (
        "Ashleigh Fields",
        "Sat, May 3, 2025",
        "The Hill",
    )
    assert third.outlet == "AP"
    assert third.sentences[0].text.startswith("WEST PALM BEACH, Fla. (AP)")
    assert not any("AP Photo" in s.text for a in doc.articles for s in a.sentences)


def test_seed_002_boilerplate_tail_and_heading_are_not_sentences(seeds_dir: Path) -> None:
    doc, _ = parse_seed(seeds_dir, "002")
    (art,) = doc.articles
    assert art.id == doc.id  # one article: the id is the document id
    texts = [s.text for s in art.sentences]
    assert not any("POPULAR POSTS" in t or "John Doe" in t or "YOU MIGHT LIKE" in t for t in texts)
    assert not any(t.startswith("Quick Takes") for t in texts)
    assert doc.removed_lines >= 14


def test_single_article_seed_with_headline_gets_title(seeds_dir: Path) -> None:
    doc, text = parse_seed(seeds_dir, "001")
    (art,) = doc.articles
    first_line = text.splitlines()[0]
    assert art.title == first_line
    assert all(first_line not in s.text for s in art.sentences)


def test_decode_errors() -> None:
    with pytest.raises(IngestError, match="empty"):
        decode_bytes("a.txt", b"")
    with pytest.raises(IngestError, match="whitespace"):
        decode_bytes("a.txt", b" \n\t ")
    with pytest.raises(IngestError, match="NUL byte at offset 3"):
        decode_bytes("a.bin", b"abc\x00def")
    with pytest.raises(IngestError, match="binary content") as exc:
        decode_bytes("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(1, 256)) * 4)
    assert exc.value.where == "image.txt"
    with pytest.raises(IngestError, match="control characters"):
        decode_bytes("ctl.txt", b"ab\x01\x02\x03\x04\x05cd")
    with pytest.raises(IngestError, match="size limit"):
        decode_bytes("big.txt", b"x" * 101, max_bytes=100)


def test_decode_keeps_bom_so_offsets_are_plain_indices() -> None:
    text = decode_bytes("bom.txt", "\ufeffHello world. Bye.".encode())
    assert text.startswith("\ufeff")
    doc = parse_document("bom", "bom.txt", text)
    for s in doc.articles[0].sentences:
        assert text[s.start : s.end] == s.text


def test_looks_like_html() -> None:
    assert looks_like_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    assert looks_like_html("<div><p>One</p><p>Two</p></div>")
    assert not looks_like_html("If a < b and c > d, the <p> tag is mentioned once.")
    assert not looks_like_html("Plain news text. Nothing else.")


PAGE = """<!doctype html>
<html><head><title>Ignored title</title><style>p { color: red }</style></head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
  <h1>Bridge   opens downtown</h1>
  <p>The new bridge opened on Monday, officials said.
     It cost $40&nbsp;million.</p>
  <script>var tracking = "do not index";</script>
  <figure><img src="x.jpg"><figcaption>The bridge at dawn. (Photo: City)</figcaption></figure>
  <p>Traffic was light &amp; calm.<br>Drivers cheered.</p>
</article>
<aside>Most popular: cats</aside>
<footer>&copy; 2024 City Paper</footer>
</body></html>"""


def test_html_to_text_keeps_visible_blocks_only() -> None:
    text = html_to_text(PAGE)
    lines = text.splitlines()
    assert lines[0] == "Bridge opens downtown"
    assert "The new bridge opened on Monday, officials said. It cost $40 million." in lines
    assert "Traffic was light & calm." in lines and "Drivers cheered." in lines
    for hidden in ("tracking", "color: red", "Home", "Most popular", "2024 City Paper", "dawn"):
        assert hidden not in text


def test_parse_document_on_html_offsets_point_into_extracted_text() -> None:
    doc = parse_document("page", "page.html", PAGE)
    extracted = prepare_text(PAGE)
    assert doc.n_chars == len(extracted)
    (art,) = doc.articles
    assert art.title == "Bridge opens downtown"
    assert [s.text for s in art.sentences][:2] == [
        "The new bridge opened on Monday, officials said.",
        "It cost $40 million.",
    ]
    for s in art.sentences:
        assert extracted[s.start : s.end] == s.text
    assert prepare_text("Plain text. Really.") == "Plain text. Really."
