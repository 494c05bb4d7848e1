"""`sourcebound ingest URL` against a local web server, step by step (no internet).

    python examples/url_demo.py [--data-dir /tmp/sb-urls]

Serves pages from examples/real-inputs with the tests' server (tests/faultserver.py on
127.0.0.1) and runs the real CLI against them: first fetch, unchanged re-fetch (no-op),
changed page (re-ingested; a quote cited from the old version still resolves to its kept
snapshot), 404, timeout, oversized page, a robots.txt-disallowed page and a feed by URL.
Embeddings are the real MiniLM (no LLM is used). Prints each command and its output.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the server the tests use

from faultserver import running  # noqa: E402

from agent.ingest.fetch import url_doc_id  # noqa: E402
from agent.ingest.load import resolve_quote  # noqa: E402

INPUTS = ROOT / "examples" / "real-inputs"


def sb(data_dir: Path, *args: str) -> str:
    cmd = [str(ROOT / ".venv" / "bin" / "sourcebound"), "--data-dir", str(data_dir), *args]
    env = {**os.environ, "SOURCEBOUND_FETCH_TIMEOUT_S": "2", "SOURCEBOUND_FETCH_RETRIES": "1",
           "SOURCEBOUND_FETCH_BACKOFF_S": "0.2", "SOURCEBOUND_MAX_FILE_MB": "0.25",
           "COLUMNS": "160"}  # fmt: skip
    print(f"$ sourcebound {' '.join(args)}", flush=True)
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    shown = done.stdout + "".join(
        ln + "\n" for ln in done.stderr.splitlines() if not ln.startswith("WARNING")
    )
    print(shown.rstrip() + f"\n[exit {done.returncode}]\n", flush=True)
    return done.stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data-dir", type=Path, default=Path("/tmp/sb-url-demo"))
    args = ap.parse_args()
    data = args.data_dir
    shutil.rmtree(data, ignore_errors=True)
    with running() as srv:
        srv.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
        gazette = (INPUTS / "gazette-port-strike.html").read_text(encoding="utf-8")
        story = srv.page("/business/port-strike", gazette)
        print(f"server: {srv.root_url}\n")

        print("## 1. first fetch")
        sb(data, "ingest", story)
        sb(data, "sources")
        doc_id = url_doc_id(story)
        record = json.loads((data / "registry.json").read_text(encoding="utf-8"))
        art = record["documents"][doc_id]["document"]["articles"][0]
        cited = next(s for s in art["sentences"] if "40 ships" in s["text"])
        print(
            f"a citation made now: {doc_id} [{cited['start']}:{cited['end']}] {cited['text']!r}\n"
        )

        print("## 2. unchanged re-fetch (a no-op)")
        sb(data, "ingest", story)

        print("## 3. the page changes (an editor's note is added at the top)")
        srv.page(
            "/business/port-strike",
            gazette.replace(
                "<p>Dockworkers",
                "<p>Correction: an earlier version misstated the pay rise.</p><p>Dockworkers",
                1,
            ),
        )
        sb(data, "ingest", story)
        now = (data / "texts" / f"{doc_id}.txt").read_text(encoding="utf-8")
        print(f"current text at the old offsets: {now[cited['start'] : cited['end']]!r}")
        found = resolve_quote(data, doc_id, cited["start"], cited["end"], cited["text"])
        print(f"old citation resolves to: {found.relative_to(data) if found else None}")
        kept = sorted(p.name for p in (data / "originals" / doc_id).iterdir())
        print(f"kept versions: {kept}\n")

        print("## 4. 404, timeout, oversized page, robots.txt-disallowed, and a feed by URL")
        slow = srv.page("/slow", gazette, delay=5.0)
        huge = srv.page(
            "/huge", gazette.replace("</article>", "<p>" + "x " * 200_000 + "</p></article>")
        )
        private = srv.page("/private/memo", gazette)
        feed = srv.page(
            "/feeds/island.atom",
            (INPUTS / "island-news-feed.atom").read_bytes(),
            content_type="application/atom+xml",
        )
        urls = data.parent / f"{data.name}-urls.txt"
        urls.write_text(
            f"# pages to follow\n{srv.root_url}/gone\n{slow}\n{huge}\n{private}\n{feed}\n",
            encoding="utf-8",
        )
        sb(data, "ingest", "--urls", str(urls))
        sb(data, "sources")
        agents = {h.get("user-agent") for _, h in srv.page_requests}
        print(f"User-Agent seen by the server: {sorted(a for a in agents if a)}")
        print(f"paths the server was asked for: {[p for p, _ in srv.page_requests]}")


if __name__ == "__main__":
    main()
