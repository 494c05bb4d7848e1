"""`ingest URL` against the fault server on 127.0.0.1 serving pages the tests write: first
fetch, unchanged re-fetch (no-op), changed page (updated; old citations resolve to the kept
snapshot), 404, timeout, oversized page (declared and streamed), robots.txt, User-Agent,
retries, feeds by URL, and the --urls file."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from reliability import record

from agent.ingest.fetch import Fetcher, FetchPolicy, url_doc_id
from agent.ingest.load import resolve_quote

if TYPE_CHECKING:
    from conftest import CliApp, IngestEnv
    from faultserver import FaultServer

FAST = FetchPolicy(timeout_s=0.5, retries=1, backoff_s=0.0, max_bytes=64 * 1024)


def page(title: str, body: str, author: str = "Jane Roe", date: str = "2025-05-03") -> str:
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n"))
    return (
        f"<html><head><title>{title}</title><meta property='og:site_name' content='Test Gazette'>"
        f"<meta name='author' content='{author}'>"
        f"<meta property='article:published_time' content='{date}'></head><body>"
        "<div class='cookie'>We use cookies. Accept all cookies</div>"
        f"<article><h1>{title}</h1>{paras}</article>"
        "<aside><h3>Related stories</h3><a href='/x'>Other story</a></aside></body></html>"
    )


BODY = (
    "Dockworkers voted on Friday to end a 12-day strike at the port of Orrin Flats.\n"
    "Union leader Tom Hale said members would return to work on Monday morning.\n"
    "The strike had stranded 40 ships in the harbour, the chamber of commerce said."
)


def _ingest(env: IngestEnv, urls: list[str], policy: FetchPolicy = FAST) -> dict[str, str]:
    with Fetcher(policy) as fetcher:
        report = env.run([], urls=urls, fetcher=fetcher)
    env.assert_consistent()
    return {e.path: e.error for e in report.errors} | {
        "_ingested": str(report.ingested),
        "_unchanged": str(report.unchanged),
    }


def test_first_fetch_unchanged_refetch_and_changed_page(
    ingest_env: IngestEnv, fault_server: FaultServer
) -> None:
    url = fault_server.page("/news/strike", page("Port strike ends", BODY))
    got = _ingest(ingest_env, [url])
    assert (got["_ingested"], got["_unchanged"]) == ("1", "0")
    doc_id = url_doc_id(url)
    corpus = ingest_env.corpus
    (art,) = corpus.record(doc_id).document.articles  # type: ignore[union-attr]
    assert (art.title, art.byline, art.date, art.outlet) == (
        "Port strike ends",
        "Jane Roe",
        "2025-05-03",
        "Test Gazette",
    )
    assert corpus.record(doc_id).document.url == url  # type: ignore[union-attr]
    assert "cookies" not in corpus.text(doc_id) and "Other story" not in corpus.text(doc_id)
    old = next(s for s in art.sentences if "Monday morning" in s.text)
    ua = fault_server.page_requests[-1][1]["user-agent"]
    assert ua.startswith("sourcebound/")

    again = _ingest(ingest_env, [url])
    assert (again["_ingested"], again["_unchanged"]) == ("0", "1")  # a no-op

    fault_server.page(
        "/news/strike",
        page("Port strike ends", "Editor's note: this story was updated.\n" + BODY),
    )
    changed = _ingest(ingest_env, [url])
    assert (changed["_ingested"], changed["_unchanged"]) == ("1", "0")
    now = ingest_env.corpus.text(doc_id)
    assert "Editor's note" in now and now[old.start : old.end] != old.text
    snapshot = resolve_quote(ingest_env.data_dir, doc_id, old.start, old.end, old.text)
    assert snapshot is not None and snapshot.read_text(encoding="utf-8")[old.start : old.end] == (
        old.text
    )
    kept = sorted((ingest_env.data_dir / "originals" / doc_id).glob("*.html"))
    assert len(kept) == 2  # both versions of the page, as fetched
    record("url ingest", "page changed after citing", "re-ingested; old quote found in snapshot",
           "nothing: both versions kept")  # fmt: skip


def test_404_timeout_and_oversized_pages_are_named_and_others_go_through(
    ingest_env: IngestEnv, fault_server: FaultServer
) -> None:
    good = fault_server.page("/ok", page("Good page", BODY))
    missing = f"{fault_server.root_url}/gone"
    slow = fault_server.page("/slow", page("Slow page", BODY), delay=2.0)
    huge = fault_server.page("/huge", page("Huge", BODY + "\n" + "x " * 60_000))
    streamed = fault_server.page("/stream", page("Stream", "y " * 60_000), chunked=True)
    got = _ingest(ingest_env, [good, missing, slow, huge, streamed])
    assert got["_ingested"] == "1"
    assert got[missing] == "HTTP 404 Not Found"
    assert "timed out" in got[slow] and "2 tries" in got[slow]
    assert "over the 0.0625 MiB limit" in got[huge] and "bytes" in got[huge]
    assert "while downloading" in got[streamed]
    tries = [p for p, _ in fault_server.page_requests if p == "/slow"]
    assert len(tries) == 2  # one retry
    assert len([p for p, _ in fault_server.page_requests if p == "/gone"]) == 1  # 4xx: no retry
    for case, url in (("404", missing), ("timeout", slow), ("oversized", huge)):
        record("url ingest", case, got[url], "nothing: other URLs ingested")


def test_transient_503_is_retried(ingest_env: IngestEnv, fault_server: FaultServer) -> None:
    url = fault_server.page("/flaky", "busy", status=503, content_type="text/plain")
    got = _ingest(ingest_env, [url])
    assert got[url].startswith("HTTP 503") and "after 2 tries" in got[url]
    assert len([p for p, _ in fault_server.page_requests if p == "/flaky"]) == 2


def test_robots_txt_is_respected(ingest_env: IngestEnv, fault_server: FaultServer) -> None:
    fault_server.page(
        "/robots.txt", "User-agent: sourcebound\nDisallow: /private/\n", content_type="text/plain"
    )
    blocked = fault_server.page("/private/memo", page("Private", BODY))
    allowed = fault_server.page("/public/story", page("Public", BODY))
    got = _ingest(ingest_env, [blocked, allowed])
    assert "robots.txt" in got[blocked] and got["_ingested"] == "1"
    assert "/private/memo" not in [p for p, _ in fault_server.page_requests]  # never fetched


def test_feed_url_gives_one_article_per_entry(
    ingest_env: IngestEnv, fault_server: FaultServer
) -> None:
    examples = Path(__file__).parent.parent / "examples" / "real-inputs"
    feed = (examples / "island-news-feed.atom").read_bytes()
    url = fault_server.page("/feed.atom", feed, content_type="application/atom+xml")
    got = _ingest(ingest_env, [url])
    assert got["_ingested"] == "1"
    arts = ingest_env.corpus.record(url_doc_id(url)).document.articles  # type: ignore[union-attr]
    assert [a.url for a in arts] == [
        "https://islandnews.example/2025/02/ferry-part",
        "https://islandnews.example/2025/02/school-reopens",
    ]


def test_cli_urls_file_and_bad_line(
    tmp_path: Path,
    fault_server: FaultServer,
    cli_app: Callable[..., CliApp],
    run: Callable[..., tuple[int, str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cli_app()
    monkeypatch.setenv("SOURCEBOUND_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SOURCEBOUND_FETCH_RETRIES", "0")
    url = fault_server.page("/a", page("Port strike ends", BODY))
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# today's links\n{url}\n\n", encoding="utf-8")
    code, out, err = run("ingest", "--urls", str(urls), "--json")
    assert code == 0, err
    assert json.loads(out)["ingested"] == 1
    code, out, _ = run("sources", "--json")
    (row,) = [json.loads(line) for line in out.splitlines()]
    assert (row["title"], row["byline"], row["outlet"], row["url"]) == (
        "Port strike ends",
        "Jane Roe",
        "Test Gazette",
        url,
    )
    urls.write_text(f"{url}\nnot a url\n", encoding="utf-8")
    code, _, err = run("ingest", "--urls", str(urls))
    assert code != 0 and f"{urls}:2" in err and "not an http(s) URL" in err
