"""A saved page's consent banner is page furniture, and a wire byline names its agency as
the outlet (agent.ingest.clean, agent.ingest.furniture). Invented pages; a newcomer's
(session 52) split into a "We value your privacy" article and an article with no outlet."""

from __future__ import annotations

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
