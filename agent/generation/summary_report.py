"""Summary outputs: the resumable batch file, Markdown, a self-contained HTML report, and a
checker that every citation marker in the HTML resolves to its quote.

`summaries.jsonl` is appended to as each item finishes, so an interrupted run loses at most
the items in flight; on restart ids with a good record are skipped (the last record per id
wins, so a failed item recorded with `error` is redone).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from html.parser import HTMLParser
from pathlib import Path
from threading import Lock

from agent.errors import DOMAIN_ERRORS
from agent.generation.batch import map_ordered
from agent.generation.summarize import OPINION_NOTE, Summary
from agent.ingest.corpus import Corpus

JSONL = "summaries.jsonl"
STORY_ID = "story"


def load_records(path: Path) -> dict[str, Summary]:
    """Last record per id; unreadable lines (a crash mid-write) are ignored."""
    records: dict[str, Summary] = {}
    if not path.exists():
        return records
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            rec = Summary.model_validate_json(line)
        except ValueError:
            continue
        records[rec.id] = rec
    return records


def pending(out_dir: Path, ids: Sequence[str]) -> list[str]:
    done = {i for i, r in load_records(out_dir / JSONL).items() if r.error is None}
    return [i for i in ids if i not in done]


def run_batch(
    out_dir: Path,
    ids: Sequence[str],
    summarize: Callable[[str], Summary],
    *,
    failed: Callable[[str, str], Summary],
    workers: int = 1,
    on_done: Callable[[str], None] | None = None,
) -> list[str]:
    """Summarize the not-yet-done `ids`, appending each record as it finishes; returns the ids
    it worked on. A SourceboundError is recorded as a failed item (`failed(id, message)`);
    anything else (an interrupt) stops the run, leaving the finished records in place."""
    out_dir.mkdir(parents=True, exist_ok=True)
    todo = pending(out_dir, ids)
    lock = Lock()

    def one(item: str) -> None:
        try:
            rec = summarize(item)
        except DOMAIN_ERRORS as e:  # one failed item must not stop the batch
            rec = failed(item, str(e))
        with lock, (out_dir / JSONL).open("a", encoding="utf-8") as f:
            f.write(rec.model_dump_json() + "\n")
            f.flush()
        if on_done:
            on_done(item)

    for _ in map_ordered(one, todo, workers):
        pass  # each record is appended by `one` as it finishes, in whatever order
    return todo


# --- rendering ----------------------------------------------------------------------------
class _Notes:
    """Global citation numbering across the report: one number per (source, start, end)."""

    def __init__(self) -> None:
        self.keys: list[tuple[str, int, int]] = []
        self.quotes: dict[tuple[str, int, int], str] = {}

    def number(self, source: str, start: int, end: int, quote: str) -> int:
        key = (source, start, end)
        if key not in self.quotes:
            self.keys.append(key)
            self.quotes[key] = quote
        return self.keys.index(key) + 1


def _ordered(records: dict[str, Summary], ids: Iterable[str] | None) -> list[Summary]:
    order = list(ids) if ids is not None else list(records)
    return [records[i] for i in order if i in records]


def _heading(rec: Summary) -> str:
    if rec.kind == "story":
        return rec.title or "The story across outlets"
    heading = f"{rec.title or 'Article'} ({rec.id})"
    return f"{heading} ({OPINION_NOTE})" if rec.opinion else heading


def render_markdown(summaries: Sequence[Summary]) -> str:
    notes = _Notes()
    parts = ["# Summaries", ""]
    for rec in summaries:
        parts += [f"## {_heading(rec)}", ""]
        if rec.error:
            parts += [f"*failed: {rec.error}*", ""]
            continue
        for s in rec.sentences:
            marks = "".join(
                f"[{notes.number(c.source, c.start, c.end, c.quote)}]" for c in s.citations
            )
            tags = [t for t in (s.section, f"{s.outlets} outlets" if s.outlets else None) if t]
            tag = f" _({', '.join(tags)})_" if tags else ""
            flag = f" **[unsupported: {s.flag}]**" if not s.supported else ""
            flag += f" _[note: {s.note}]_" if s.note else ""
            parts.append(f"- {s.text}{marks}{tag}{flag}")
        parts += ["", f"_{rec.backend}/{rec.model}, {rec.latency_s:.1f} s_", ""]
    parts += ["## Quotes", ""]
    for n, key in enumerate(notes.keys, start=1):
        parts.append(f"{n}. `{key[0]}` [{key[1]}:{key[2]}]: “{notes.quotes[key]}”")
    return "\n".join(parts) + "\n"


_CSS = """body{font:15px/1.5 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}
.flag{background:#fde2e2}.tag{color:#666;font-size:.85em}mark{background:#fff3a0}
.src{white-space:pre-wrap;border:1px solid #ddd;padding:.8em;font-size:.9em;max-height:30em;
overflow:auto}sup a{text-decoration:none}:target{outline:2px solid #e69500}"""


def _source_section(corpus: Corpus, source: str, spans: list[tuple[int, int, int]]) -> str:
    """The article text with each cited span wrapped in <mark id="m-N">, all escaped."""
    art = corpus.article(source)
    text = corpus.text(art.doc_id)
    pos, chunks = art.start, []
    for n, start, end in sorted(spans, key=lambda t: t[1]):
        if start < pos:  # overlaps an earlier mark: that mark already shows this text
            continue
        chunks.append(html.escape(text[pos:start]))
        chunks.append(f'<mark id="m-{n}">{html.escape(text[start:end])}</mark>')
        pos = end
    chunks.append(html.escape(text[pos : art.end]))
    title = html.escape(f"{source}" + (f" ({art.outlet})" if art.outlet else ""))
    sid = html.escape(_anchor(source))
    return f'<h3 id="src-{sid}">{title}</h3>\n<div class="src">{"".join(chunks)}</div>'


def _anchor(source: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in source)


def _key_facts_section(key_facts: Sequence[tuple[str, bool]]) -> list[str]:
    """The story's key facts, covered first, then missed, with the count."""
    covered = sum(ok for _, ok in key_facts)
    rows = [f"<h2>Key facts: {covered} of {len(key_facts)} covered by the story summary</h2>",
            "<ul>"]
    for text, ok in sorted(key_facts, key=lambda kf: not kf[1]):
        mark = "covered" if ok else "missed"
        cls = "" if ok else ' class="flag"'
        rows.append(f'<li{cls}><span class="tag">{mark}</span> {html.escape(text)}</li>')
    return [*rows, "</ul>"]


def render_html(
    summaries: Sequence[Summary],
    corpus: Corpus,
    key_facts: Sequence[tuple[str, bool]] | None = None,
) -> str:
    """The self-contained report; with `key_facts` ((fact, covered) pairs, e.g. judged by
    the eval's fact judge), a section listing the story's key facts covered and missed."""
    notes = _Notes()
    body: list[str] = _key_facts_section(key_facts) if key_facts else []
    for rec in summaries:
        body.append(f"<h2>{html.escape(_heading(rec))}</h2>")
        if rec.error:
            body.append(f'<p class="flag">failed: {html.escape(rec.error)}</p>')
            continue
        body.append("<ul>")
        for s in rec.sentences:
            marks = "".join(
                f'<sup><a href="#q-{n}">[{n}]</a></sup>'
                for c in s.citations
                if (n := notes.number(c.source, c.start, c.end, c.quote))
            )
            tags = [t for t in (s.section, f"{s.outlets} outlets" if s.outlets else None) if t]
            tag = f' <span class="tag">({html.escape(", ".join(tags))})</span>' if tags else ""
            cls, flag = "", ""
            if not s.supported:
                cls = ' class="flag"'
                flag = f' <span class="tag">unsupported: {html.escape(s.flag or "")}</span>'
            elif s.note:
                flag = f' <span class="tag">note: {html.escape(s.note)}</span>'
            body.append(f"<li{cls}>{html.escape(s.text)}{marks}{tag}{flag}</li>")
        body.append(
            f'</ul><p class="tag">{html.escape(rec.backend)}/{html.escape(rec.model)}, '
            f"{rec.latency_s:.1f} s</p>"
        )
    body.append("<h2>Quotes</h2><ol>")
    by_source: dict[str, list[tuple[int, int, int]]] = {}
    for n, (source, start, end) in enumerate(notes.keys, start=1):
        by_source.setdefault(source, []).append((n, start, end))
        quote = notes.quotes[(source, start, end)]
        body.append(
            f'<li id="q-{n}" data-mark="m-{n}">“{html.escape(quote)}” — '
            f'<a href="#m-{n}">{html.escape(source)} [{start}:{end}]</a></li>'
        )
    body.append("</ol><h2>Sources</h2>")
    for source, spans in by_source.items():
        if corpus.has_article(source):
            body.append(_source_section(corpus, source, spans))
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Summaries</title><style>{_CSS}</style></head><body>\n<h1>Summaries</h1>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


def write_reports(
    out_dir: Path,
    corpus: Corpus,
    ids: Iterable[str] | None = None,
    key_facts: Callable[[Summary], Sequence[tuple[str, bool]]] | None = None,
) -> None:
    """summaries.md and report.html from the batch file; `key_facts(story)` gives the
    story summary's (fact, covered) pairs when a key-fact set exists."""
    summaries = _ordered(load_records(out_dir / JSONL), ids)
    story = next((s for s in summaries if s.kind == "story" and not s.error), None)
    facts = key_facts(story) if key_facts is not None and story is not None else None
    (out_dir / "summaries.md").write_text(render_markdown(summaries), encoding="utf-8")
    (out_dir / "report.html").write_text(render_html(summaries, corpus, facts),
                                         encoding="utf-8")


# --- checking the HTML --------------------------------------------------------------------
class _Collector(HTMLParser):
    """Text of every element with an id, the citation markers (<sup><a href="#...">) and the
    whole page text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.texts: dict[str, list[str]] = {}
        self.attrs: dict[str, dict[str, str | None]] = {}
        self.markers: list[str] = []
        self.page: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        eid = a.get("id")
        if eid:
            self.texts[eid] = []
            self.attrs[eid] = a
        href = a.get("href") or ""
        if tag == "a" and href.startswith("#") and any(t == "sup" for t, _ in self.stack):
            self.markers.append(href[1:])
        if tag not in ("meta", "br", "hr", "img", "input", "link"):
            self.stack.append((tag, eid))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break

    def handle_data(self, data: str) -> None:
        self.page.append(data)
        for _, eid in self.stack:
            if eid:
                self.texts[eid].append(data)


def check_report(page: str) -> list[str]:
    """Problems with the report: a citation marker whose target is missing, a quote that does
    not appear in its highlighted source text, or no markers at all. Empty list = OK."""
    c = _Collector()
    c.feed(page)
    problems = [] if c.markers else ["no citation markers"]
    for target in c.markers:
        if target not in c.texts:
            problems.append(f"marker #{target}: no element with that id")
            continue
        quote = _quote_text(c, target)
        mark = c.attrs[target].get("data-mark") or ""
        if not quote:
            problems.append(f"marker #{target}: empty quote")
        elif mark not in c.texts:
            problems.append(f"marker #{target}: its source highlight #{mark} is missing")
        elif quote not in "".join(c.texts[mark]) and "".join(c.texts[mark]) not in quote:
            problems.append(f"marker #{target}: quote not highlighted in its source text")
    return problems


def _quote_text(c: _Collector, target: str) -> str:
    """The quoted text inside the list item: between the first “ and the last ”."""
    text = "".join(c.texts[target])
    if "“" in text and "”" in text:
        return text[text.index("“") + 1 : text.rindex("”")]
    return text
