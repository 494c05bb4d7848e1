"""Header layouts of plain-text articles (agent.ingest.clean): a newcomer's space story
(session 65) saved its articles as "Outlet / date / headline / By ...", and a local paper's
as a bare outlet line above its "By" line. Titles came out empty and the paper's name was
taken for its writer. Invented articles in those layouts."""

from __future__ import annotations

import pytest

from agent.ingest.clean import split_articles

BODY = "The harbour wall at Penmor collapsed on Sunday night. Nobody was hurt.\n"


@pytest.mark.unit
def test_a_headline_under_the_outlet_and_the_date_is_the_title() -> None:
    text = ("Coastline News Agency\nMonday 2 March 2026\nHarbour wall gives way at Penmor\n"
            "By Ruth Abel, Marine Correspondent\n\n" + BODY)
    (art,), _ = split_articles(text)
    assert art.title == "Harbour wall gives way at Penmor"
    assert art.outlet == "Coastline News Agency"
    assert art.byline == "Ruth Abel, Marine Correspondent"


@pytest.mark.unit
def test_a_by_line_names_the_writer_under_a_bare_outlet_line() -> None:
    text = ("We use cookies to improve your experience on our site. By continuing to browse "
            "you agree to our use of cookies.\nAccept all | Reject all | Show purposes\n\n"
            "Penmor Evening Echo\nTuesday 3 March 2026\n"
            "Wall collapse leaves questions for the council over repairs\nBy Dylan Hart\n\n"
            + BODY)
    arts, _ = split_articles(text)
    art = arts[-1]
    assert art.byline == "Dylan Hart"
    assert art.outlet == "Penmor Evening Echo"
