"""A saved page's consent banner is page furniture, and a wire byline names its agency as
the outlet (agent.ingest.clean, agent.ingest.furniture). Invented pages; a newcomer's
(session 52) split into a "We value your privacy" article and an article with no outlet."""

from __future__ import annotations

import pytest

from agent.ingest.clean import split_articles

BANNER_PAGE = """We value your privacy
We and our advertising partners use cookies to personalise content and ads. By clicking \
"Accept all" you consent to our use of cookies.
Accept all | Reject all | Manage preferences

Kelby Evening News | News | Sport | Jobs

Harbour wall to be rebuilt after winter storms
By Ann Rowe, Kelby Evening News
3 December 2026

The harbour wall at Kelby will be rebuilt next spring at a cost of £2m, the council said.

The work is expected to take six months.
"""


def test_a_consent_banner_before_the_header_is_no_article() -> None:
    (article,), _ = split_articles(BANNER_PAGE)
    assert article.title == "Harbour wall to be rebuilt after winter storms"
    assert article.outlet == "Kelby Evening News"


def test_a_sentence_about_cookies_in_a_story_is_kept() -> None:
    page = ("Regulator fines site\nBy Ann Rowe, Kelby Mercury\n3 December 2026\n\n"
            "The regulator said sites must ask before they use cookies to track readers.\n"
            "\"We use cookies only where the law allows,\" the company said in a statement.\n")
    (article,), _ = split_articles(page)
    assert len(article.paragraphs) == 2


def test_a_wire_byline_names_its_agency_as_the_outlet() -> None:
    page = ("Bridge to close for repairs\nBy Alison Creed, Westmarch Press Association\n"
            "8 December 2026\n\nThe bridge will close for fourteen months from January.\n")
    (article,), _ = split_articles(page)
    assert article.outlet == "Westmarch Press Association"
    # a role after the name is no outlet
    page = page.replace("Westmarch Press Association", "Transport Correspondent")
    (article,), _ = split_articles(page)
    assert article.outlet is None


def test_a_byline_naming_a_role_then_a_publication_gives_the_outlet() -> None:
    page = ("Shares slide\nBy Oliver Penhale, Markets Correspondent, The Ledger\n"
            "9 December 2026\n\nShares in the biscuit maker fell 78p to 332p.\n")
    (article,), _ = split_articles(page)
    assert article.outlet == "The Ledger"


HEADER_PAGES = [
    # headline / outlet / "By" line / date: a name no outlet word gives away
    ("Corvane under investigation after leak\nThe National Ledger\nBy Tom Akers, Technology "
     "Correspondent\nThursday 15 October 2026\n\n", "The National Ledger",
     "Tom Akers, Technology Correspondent"),
    # a two-word outlet is shaped like a name: above a "By" line it is the publication
    ("Harbour wall to be rebuilt\nKelby Mercury\nBy Ann Rowe\n3 December 2026\n\n",
     "Kelby Mercury", "Ann Rowe"),
    # one word, under a menu row that opens with it and over a footer that names it too
    ("PellhamLive | Home | News | Sport | Jobs\nPensioner hit by data breach\nPellhamLive\n"
     "By Jodie Marsh\nWednesday 14 October 2026, 4:12pm\nShare this: Facebook | X | Email\n\n",
     "PellhamLive", "Jodie Marsh"),
    # a breadcrumb trail above the headline is no title
    ("Home | News | Health | Jobs\nCastlebridge Live > News > Health\n\nPatients help prove "
     "cheap pill can tame migraines\nCastlebridge Live\nBy Kirsty Dale, Health Reporter\n"
     "Wednesday 2 December 2026\n\n", "Castlebridge Live", "Kirsty Dale, Health Reporter"),
    # a column's label before its writer's name, under an outlet with a dash
    ("A drug company marking its own homework\nThe Sentinel — Comment\nComment: Graham Pryce\n"
     "Friday 4 December 2026\n\n", "The Sentinel — Comment", "Graham Pryce"),
]


@pytest.mark.parametrize(("header", "outlet", "byline"), HEADER_PAGES)
def test_a_header_block_names_its_outlet_and_writer(header: str, outlet: str,
                                                    byline: str) -> None:
    """Newcomer trials (session 54): outlets "no outlet", or the footer's "PellhamLive. All
    rights reserved. | Privacy notice | ...", a breadcrumb as the title, a column's writer
    lost. Invented pages of the same layouts."""
    body = ("The harbour wall at Kelby will be rebuilt next spring at a cost of £2m.\n"
            "The work is expected to take six months.\n"
            "© 2026 PellhamLive. All rights reserved. | Privacy notice | Terms\n")
    (article,), _ = split_articles(header + body)
    assert (article.outlet, article.byline) == (outlet, byline)
    assert article.title is not None and ">" not in article.title
    assert len(article.paragraphs) == 2


def test_a_labelled_line_of_a_story_is_no_byline() -> None:
    """"Comment:" or "Opinion:" before words that are no name stays what it was."""
    page = ("Council budget row\nBy Ann Rowe\n3 December 2026\n\n"
            "Opinion: the council should think again before it cuts the bus budget.\n"
            "The vote is on Monday.\n")
    (article,), _ = split_articles(page)
    assert article.byline == "Ann Rowe"
    assert len(article.paragraphs) == 2


def test_a_footer_names_the_outlet_without_its_links() -> None:
    page = ("Pensioner hit by data breach\n\nA Pellham pensioner says he is furious.\n"
            "He was told on Monday.\n"
            "© 2026 PellhamLive. All rights reserved. | Privacy notice | Advertise with us\n")
    (article,), _ = split_articles(page)
    assert article.outlet == "PellhamLive"


def test_a_breadcrumb_under_the_outlet_line_leaves_the_outlet() -> None:
    """A trail of "/" (dev: brenford-live) is furniture, not a second outlet line."""
    page = ("Trains to run reduced timetable\nBy Aisha Rahman\nFriday 15 May 2026, 7:30 am\n"
            "Brenford Live\n\nHome / News / Transport\n"
            "Share this story: Facebook | X | Email\n"
            "Brenford Valley Trains will switch to a reduced timetable from Monday.\n")
    (article,), _ = split_articles(page)
    assert article.outlet == "Brenford Live"
