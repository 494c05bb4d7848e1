"""A page's own publication date is kept when it is later than the machine's clock (a
newcomer's story pages were dated March 2027 on a machine in December 2026, session 58:
htmldate's default latest date, today, dropped the page's `article:published_time`)."""

from __future__ import annotations

import pytest

from agent.ingest.extract import extract_html

PAGE = """<!doctype html><html><head><title>Pier reopens | DunleyNow</title>
<meta property="article:published_time" content="2091-03-04T08:15:00+00:00"></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a></nav><article>
<h1>Pier reopens after two years</h1>
<p>Dunley's pier reopened on Saturday after a two-year, £2.4 million repair, and hundreds of
people walked its length in the first hour.</p>
<p>The council said the work had finished three weeks early and under budget, and that the
cafe at the end of the pier would open at Easter.</p>
<p>Traders on the promenade said the reopening had already brought more visitors into town.</p>
</article><footer>© DunleyNow</footer></body></html>"""


@pytest.mark.unit
def test_a_pages_date_after_the_machines_clock_is_kept() -> None:
    (article,) = extract_html("dunley.html", PAGE).articles
    assert article.date == "2091-03-04"
