"""Real inputs: saved HTML pages of four layouts, an aggregation page, RSS and Atom feeds,
Markdown, cp1252 and latin-1 text, a binary file named .txt (examples/real-inputs, true
values in its truth.json); header blocks as citable sentences; originals kept."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from agent.errors import IngestError
from agent.ingest.dedup import mark_duplicates
from agent.ingest.load import load_bytes, load_file, resolve_quote
from agent.ingest.parse import decode_text
from agent.types import Article

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "examples" / "real-inputs"
TRUTH = json.loads((INPUTS / "truth.json").read_text(encoding="utf-8"))
LIMIT = 2**20


def _articles(name: str) -> tuple[str, list[Article]]:
    loaded = load_file(INPUTS / name, LIMIT)
    return loaded.text, loaded.document().articles


@pytest.mark.parametrize("name", sorted(n for n, t in TRUTH.items() if isinstance(t, list)))
def test_extracted_metadata_matches_the_true_values(name: str) -> None:
    text, articles = _articles(name)
    got = [
        {"title": a.title, "outlet": a.outlet, "author": a.byline, "date": a.date} for a in articles
    ]
    want = [{k: t[k] for k in ("title", "outlet", "author", "date")} for t in TRUTH[name]]
    assert got == want
    for truth in TRUTH[name]:
        for snippet in truth.get("text_contains", []):  # decoded text, not the label
            assert snippet in text
    for art in articles:  # offsets index into the kept document text
        for s in art.sentences:
            assert text[s.start : s.end] == s.text


def test_boilerplate_cookie_banners_and_related_links_stay_out() -> None:
    pages = ("gazette-port-strike.html", "valley-blog-bridge.html", "coastal-herald-ferry.html")
    for name in pages:
        text, _ = _articles(name)
        for furniture in (
            "cookie",
            "Related stories",
            "Ferry fares to rise",
            "Recent Posts",
            "Leave a Reply",
            "Read more",
            "Share this",
            "Privacy policy",
            "214 partners",
            "All rights reserved",
        ):
            assert furniture.lower() not in text.lower(), (name, furniture)


def test_header_block_lines_are_citable_sentences() -> None:
    text, (art,) = _articles("gazette-port-strike.html")
    header = {s.header: s for s in art.sentences if s.header}
    assert [s.text for s in art.sentences[:4]] == [
        "Title: Port strike ends after 12 days",
        "Author: Jane Roe",
        "Published: 2025-05-03",
        "Outlet: The Harbour Gazette",
    ]
    assert set(header) == {"title", "author", "date", "outlet"}
    assert text.startswith("Title: Port strike ends after 12 days\nAuthor: Jane Roe\n")
    assert art.body_sentences[0].text.startswith("Dockworkers at the port of Orrin Flats")


def test_aggregation_page_gives_one_article_per_story_with_its_own_byline() -> None:
    text, articles = _articles("metro-wire-briefing.html")
    assert [a.id for a in articles] == ["metro-wire-briefing#1", "metro-wire-briefing#2"]
    flood, library = articles
    assert all("library" not in s.text.lower() for s in flood.sentences)
    assert any("library board" in s.text for s in library.sentences)
    assert text[library.start :].startswith("Title: Library hours extended")


def test_feeds_give_one_article_per_entry_with_link_and_date() -> None:
    _, rss = _articles("harbour-gazette-feed.rss")
    _, atom = _articles("island-news-feed.atom")
    assert [a.url for a in rss] == [
        "https://harbourgazette.example/business/fish-market-hall",
        "https://harbourgazette.example/business/crane-order",
    ]
    assert [a.date for a in atom] == ["2025-02-13", "2025-02-14"]
    assert atom[1].body_sentences[0].text.startswith("Tarran Island school reopened")


def test_binary_named_txt_is_refused_by_name_and_others_still_load() -> None:
    with pytest.raises(IngestError, match="binary content") as exc:
        load_file(INPUTS / "harbour-photo.txt", LIMIT)
    assert exc.value.where.endswith("harbour-photo.txt")


def test_legacy_encodings_are_recorded() -> None:
    cp = load_file(INPUTS / "kelso-parking-cp1252.txt", LIMIT)
    assert cp.document().encoding == "cp1252"
    assert "\u2014" in cp.text and "\ufffd" not in cp.text
    utf16 = decode_text("note.txt", "Caf\u00e9 note.".encode("utf-16"))
    assert (utf16.text.lstrip("\ufeff"), utf16.encoding) == ("Caf\u00e9 note.", "utf-16")


def test_plain_text_keeps_its_cleaner_path() -> None:
    """The seeds' behaviour: a UTF-8 .txt is its own document text, header lines are metadata
    (no header-block sentences are added)."""
    loaded = load_file(INPUTS / "plain-wire-story.txt", LIMIT)
    assert loaded.text == (INPUTS / "plain-wire-story.txt").read_text(encoding="utf-8")
    assert not loaded.transformed
    (art,) = loaded.document().articles
    assert all(s.header is None for s in art.sentences)


def test_rewritten_copy_on_another_site_is_a_duplicate() -> None:
    _, gazette = _articles("gazette-port-strike.html")
    _, lowland = _articles("lowland-post-port-strike.html")
    _, herald = _articles("coastal-herald-ferry.html")
    marked = mark_duplicates([*gazette, *lowland, *herald])
    assert [a.duplicate_of for a in marked] == [None, "gazette-port-strike", None]


def test_markdown_front_matter_and_rendered_text() -> None:
    text, (art,) = _articles("eastfold-press-release.md")
    assert "**" not in text and "](" not in text and "# County" not in text
    assert any("Helen Ashby said" in s.text for s in art.sentences)


def test_originals_kept_per_version_and_old_quotes_resolve(tmp_path: Path) -> None:
    from agent.ingest.load import keep_original

    v1 = load_bytes("page", "page.html", _page("The bridge opened on Monday."), ".html")
    v2 = load_bytes("page", "page.html", _page("The bridge opened on Tuesday."), ".html")
    keep_original(tmp_path, v1)
    keep_original(tmp_path, v2)
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "page.txt").write_text(v2.text, encoding="utf-8")
    old = next(s for s in v1.document().articles[0].sentences if "Monday" in s.text)
    found = resolve_quote(tmp_path, "page", old.start, old.end, old.text)
    assert found is not None and found.name.endswith(".document.txt")
    assert (tmp_path / str(v1.document().original)).read_bytes() == v1.data
    assert resolve_quote(tmp_path, "page", old.start, old.end, "never said") is None


def _page(sentence: str) -> bytes:
    body = " ".join([sentence] + ["The council met to discuss the new bridge budget."] * 3)
    return (
        "<html><head><title>Bridge</title><meta property='og:site_name' content='Town Post'>"
        f"</head><body><article><h1>Bridge</h1><p>{body}</p></article></body></html>"
    ).encode()


def _pdf(lines: list[str], info: str) -> bytes:
    """A minimal one-page PDF (Helvetica text lines) with a document info dictionary."""
    text = " ".join(f"({ln}) Tj 0 -20 Td" for ln in lines)
    stream = f"BT /F1 12 Tf 72 720 Td {text} ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        info.encode(),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def test_pdf_press_release_text_and_document_info() -> None:
    data = _pdf(
        ["The county council approved the harbour budget on Monday.", "The vote was nine to two."],
        "<< /Title (Harbour budget approved) /Author (County press office) "
        "/CreationDate (D:20250301120000Z) >>",
    )
    loaded = load_bytes("release", "release.pdf", data, ".pdf")
    (art,) = loaded.document().articles
    assert (art.title, art.byline, art.date) == (
        "Harbour budget approved",
        "County press office",
        "2025-03-01",
    )
    assert loaded.document().format == "pdf" and loaded.document().encoding is None
    assert any("approved the harbour budget on Monday" in s.text for s in art.body_sentences)
    with pytest.raises(IngestError, match="unreadable PDF"):
        load_bytes("broken", "broken.pdf", b"%PDF-1.4\nnot really a pdf\n", ".pdf")


def test_extraction_does_not_depend_on_pages_seen_before() -> None:
    """trafilatura's `deduplicate` remembers paragraphs process-wide: a second read of a page
    (or a copy sharing paragraphs) would lose them. Reading twice gives the same text."""
    first = load_file(INPUTS / "gazette-port-strike.html", LIMIT).text
    for name in ["lowland-post-port-strike.html", "gazette-port-strike.html"] * 3:
        load_file(INPUTS / name, LIMIT)
    assert load_file(INPUTS / "gazette-port-strike.html", LIMIT).text == first
    _, (copy,) = _articles("lowland-post-port-strike.html")
    assert any("40 ships" in s.text for s in copy.body_sentences)


def test_a_damaged_pdf_is_refused_by_name_without_the_librarys_own_log_lines(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """pypdf logged "invalid pdf header" and "EOF marker not found" on the terminal, naming
    no file (newcomer trial, session 23); the refusal names the file."""
    with caplog.at_level(logging.WARNING), pytest.raises(IngestError, match=r"scan\.pdf"):
        load_bytes("scan", "scan.pdf", b"not a pdf at all", ".pdf")
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]
