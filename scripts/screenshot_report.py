"""Open a summaries report in headless Chromium, screenshot it, and check its citations.

Usage: python scripts/screenshot_report.py REPORT.html OUT.png

Checks (exit 1 on failure): every citation marker in the page Chromium rendered (--dump-dom)
resolves to a quote element whose text is highlighted in the source text on the page
(agent.generation.summary_report.check_report, the same check the unit tests run without Chromium).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from agent.generation.summary_report import check_report

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("chromium is not installed (apt-get install -y chromium)")


def run(report: Path, png: Path, timeout: float = 120.0) -> list[str]:
    exe = chromium()
    url = report.resolve().as_uri()
    with tempfile.TemporaryDirectory() as profile:
        base = [exe, *FLAGS, f"--user-data-dir={profile}"]
        subprocess.run(
            [*base, f"--screenshot={png.resolve()}", "--window-size=1200,1600", url],
            check=True,
            capture_output=True,
            timeout=timeout,
        )
        dom = subprocess.run(
            [*base, "--dump-dom", url],
            check=True,
            capture_output=True,
            timeout=timeout,
            text=True,
        ).stdout
    problems = check_report(dom)
    markers = dom.count('<sup><a href="#')
    print(f"{markers} citation markers in the rendered page", file=sys.stderr)
    if not png.exists() or png.stat().st_size == 0:
        problems.append(f"no screenshot written to {png}")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    problems = run(Path(argv[0]), Path(argv[1]))
    for p in problems:
        print(p, file=sys.stderr)
    print("ok" if not problems else f"{len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
