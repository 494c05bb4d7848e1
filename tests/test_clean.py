"""Line classification, boilerplate removal and article splitting (offsets into raw text)."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.ingest.clean import ArticleBlock, split_articles
from agent.ingest.lines import Kind, classify, classify_line


def paragraphs(text: str, art: ArticleBlock) -> list[str]:
    return [text[s:e] for s, e in art.paragraphs]


def seed(seeds_dir: Path, prefix: str) -> str:
    (path,) = seeds_dir.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Sat, May 3, 2025", Kind.DATE),
        ("Dec 13, 2021", Kind.DATE),
        ("Published June 2, 2024 10:15 a.m. EDT", Kind.DATE),
        ("2024-06-02", Kind.DATE),
        ("By John Doe", Kind.BYLINE),
        ("BY JANE ROE AND JOHN POE", Kind.BYLINE),
        ("By Maria Lopez | June 2, 2024", Kind.BYLINE_DATE),
        ("By Tuesday, the council had voted.", Kind.BODY),
        ("Updated: May 4, 2025, 7:02 PM ET", Kind.DATE),
        ("By John Doe on Dec 19, 2020", Kind.BYLINE_DATE),
        ("Copyright 2025 Nexstar Media, Inc. All rights reserved.", Kind.COPYRIGHT),
        ("© 2024 Springfield Gazette", Kind.COPYRIGHT),
        ("A man waves a flag in Lima, Peru. (AP Photo/Jane Roe)", Kind.CAPTION),
        ("Officials meet in Paris on Monday.ASSOCIATED PRESS", Kind.CAPTION),
        ("YOU MIGHT LIKE", Kind.NAV),
        ("Related Articles", Kind.NAV),
        ("More from the Gazette", Kind.NAV),
        ("No comments:", Kind.BOILER),
        ("Post a Comment", Kind.BOILER),
        ("Comments are closed on this article for legal reasons.", Kind.BOILER),
        ("Comments have been switched off on this story while the trial continues.",
         Kind.BOILER),
        # the body may report on comments; only the page's own notice is furniture
        ("The council said public comments are closed until the inquiry reports in May.",
         Kind.BODY),
        ("Share this article", Kind.BOILER),
        ("Advertisement", Kind.BOILER),
        ("Sign up for our daily newsletter", Kind.BOILER),
        ("Related: Five ways to cut your water bill this winter | Photos: the weir from the air"
         " | Opinion: who pays when a river dies? | Your questions answered", Kind.BOILER),
        ("Read more: The harbour strike, day by day | Who runs the port?", Kind.BOILER),
        # a sentence that opens "Related:" but lists no links is left to the other rules
        ("Related: the council said the two closures were not linked in any way at all, and "
         "that each would be investigated separately by its own inspectors.", Kind.BODY),
        # a banner's sentences before a row of controls between bars, and a menu row
        ("Your privacy matters to us. We and our partners store cookies on your device to "
         "measure audiences. Accept all | Reject all | Manage choices", Kind.BOILER),
        ("Home | Local news | Courts | Sport | Weather | Jobs", Kind.BOILER),
        ("Share this story: Facebook | X | WhatsApp | Copy link", Kind.BOILER),
        # a sentence that holds a bar or two is left to the other rules
        ("The vote split the council 14 | 9, a clerk wrote, and the motion | passed easily.",
         Kind.BODY),
        ("The Hill.", Kind.OUTLET),
        ("Springfield Gazette", Kind.OUTLET),
        ("City council approves new budget after long debate", Kind.HEADING),
        ("The council voted 7-2 on Tuesday to approve the budget.", Kind.BODY),
    ],
)
def test_classify_line(line: str, kind: Kind) -> None:
    assert classify_line(line) is kind


def test_name_shaped_line_is_byline_only_next_to_header_lines() -> None:
    text = (
        "The mayor spoke on Monday.\nMaria Lopez\nJune 2, 2024\nThe mayor spoke again.\n"
        "Budget Talks\nThe council met on Tuesday.\n"
    )
    kinds = {ln.text: ln.kind for ln in classify(text)}
    assert kinds["Maria Lopez"] is Kind.BYLINE
    assert kinds["Budget Talks"] is Kind.HEADING


def test_seed_003_yields_three_articles_with_metadata(seeds_dir: Path) -> None:
    text = seed(seeds_dir, "003")
    arts, removed = split_articles(text)
    assert len(arts) == 3
    first, second, third = arts
    assert first.title is not None and first.title.startswith("Mexico")
    assert (first.byline, first.date, first.outlet) == (
        "Ashleigh Fields",
        "Sat, May 3, 2025",
        "The Hill",
    )
    assert second.title is None
    assert (second.byline, second.date) == (first.byline, first.date)
    assert paragraphs(text, first) == paragraphs(text, second)
    assert third.byline == "AAMER MADHANI" and third.date == "Sun, May 4, 2025"
    assert third.outlet == "AP"
    assert paragraphs(text, third)[0].startswith("WEST PALM BEACH")
    # Metadata, copyright, photo captions and the comment form are not paragraphs.
    body = "\n".join(p for a in arts for p in paragraphs(text, a))
    for junk in ("AP Photo", "Copyright", "No comments", "Post a Comment", "The Hill.\n"):
        assert junk not in body
    assert removed >= 15


def test_seed_002_drops_trailing_navigation_and_keeps_headings(seeds_dir: Path) -> None:
    text = seed(seeds_dir, "002")
    (art,), removed = split_articles(text)
    body = "\n".join(paragraphs(text, art))
    for junk in ("YOU MIGHT LIKE", "POPULAR POSTS", "John Doe", "LATEST POSTS", "Dec 13, 2021"):
        assert junk not in body
    assert "Quick Takes" in [text[s:e] for s, e in art.headings]
    assert "Quick Takes" not in body
    tail_lines = text[text.index("YOU MIGHT LIKE") :].strip().count("\n") + 1
    assert removed == tail_lines
    assert art.end <= text.index("YOU MIGHT LIKE")


def test_paragraph_offsets_are_exact_on_all_seeds(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        arts, _ = split_articles(text)
        assert arts, path
        lines = {ln.strip() for ln in text.splitlines()}
        for a in arts:
            assert a.start <= a.paragraphs[0][0] and a.end == a.paragraphs[-1][1]
            for p in paragraphs(text, a):
                assert p in lines and p == p.strip()


def test_single_article_headline_becomes_title() -> None:
    text = "Council Approves Budget\n\nThe council voted on Tuesday. It was close.\n"
    (art,), removed = split_articles(text)
    assert art.title == "Council Approves Budget"
    assert paragraphs(text, art) == ["The council voted on Tuesday. It was close."]
    assert removed == 1


GAZETTE_PAGE = """Skip to content
Menu
Council approves new budget after long debate
By Maria Lopez
Published June 2, 2024 10:15 a.m.
Springfield Gazette
The city council voted 7-2 on Tuesday to approve a $1.2 billion budget for next year.
Advertisement
Council member Ann Park said the plan "keeps the library open." Others disagreed.
Share this article
Related Articles
Mayor opens new bridge downtown
June 1, 2024
School board delays vote on calendar
LONDON (Reuters) — British lawmakers on Wednesday debated a bill on river pollution.
The bill would raise fines for water companies that spill sewage.
Leave a comment
© 2024 Springfield Gazette. All rights reserved.
"""


def test_made_up_page_with_other_outlet_and_boilerplate() -> None:
    arts, removed = split_articles(GAZETTE_PAGE)
    assert len(arts) == 2
    gazette, wire = arts
    assert gazette.title == "Council approves new budget after long debate"
    assert gazette.byline == "Maria Lopez"
    assert gazette.date == "Published June 2, 2024 10:15 a.m."
    assert gazette.outlet == "Springfield Gazette"
    assert paragraphs(GAZETTE_PAGE, gazette) == [
        "The city council voted 7-2 on Tuesday to approve a $1.2 billion budget for next year.",
        'Council member Ann Park said the plan "keeps the library open." Others disagreed.',
    ]
    assert wire.outlet == "Reuters"
    assert wire.title is None
    assert len(wire.paragraphs) == 2
    kept = sum(len(a.paragraphs) for a in arts)
    assert removed == len([ln for ln in GAZETTE_PAGE.splitlines() if ln.strip()]) - kept


def test_agency_dateline_after_body_starts_a_new_article() -> None:
    text = (
        "First story opens here.\nIt goes on.\n"
        "WASHINGTON (AP) — A second story begins.\nIt continues.\n"
    )
    arts, _ = split_articles(text)
    assert [len(a.paragraphs) for a in arts] == [2, 2]
    assert arts[0].outlet is None and arts[1].outlet == "AP"


def test_copyright_line_ends_an_article_and_names_its_holder() -> None:
    text = "Story one body.\nCopyright 2023 Acme Media Group\nStory two body.\n"
    arts, _ = split_articles(text)
    assert len(arts) == 2
    assert arts[0].outlet == "Acme Media Group"


def test_hard_wrapped_paragraph_is_one_paragraph() -> None:
    text = "The council approved the budget\nafter a long debate on Tuesday.\nNext paragraph.\n"
    (art,), removed = split_articles(text)
    assert paragraphs(text, art) == [
        "The council approved the budget\nafter a long debate on Tuesday.",
        "Next paragraph.",
    ]
    assert removed == 0


def test_a_long_furniture_line_ending_in_page_controls_is_boilerplate() -> None:
    """Found in a newcomer trial on a dev story: a cookie banner was kept as the article's
    first paragraph, and a newsletter sign-up after the related links opened a second
    "article" whose outlet was the copyright footer."""
    text = (
        "Dock strike ends after two weeks\nBy Ann Lee\n4 May 2026\nPort Daily\n\n"
        "We use cookies to make this site work and to measure how it is used. By clicking "
        '"Accept" you agree to all of them. Manage cookies | Accept\n'
        "Dockers at Kelby returned to work on Monday after a two-week strike.\n"
        "The union said members had accepted a 5 per cent pay offer.\n"
        "Related:\nFerry fares to rise in June\n"
        "Sign up to the Port Daily briefing for the morning's shipping news, free every "
        "weekday. Your email address | Sign up\n"
        "© 2026 Port Daily. All rights reserved. | Privacy | Terms\n")
    (art,), _ = split_articles(text)
    assert art.outlet == "Port Daily"
    assert paragraphs(text, art) == [
        "Dockers at Kelby returned to work on Monday after a two-week strike.",
        "The union said members had accepted a 5 per cent pay offer."]
    # a long sentence of the story that opens like furniture, with no controls, stays
    line = ("Sign up to the scheme was slow, the council said, and only 40 of the 300 "
            "eligible households had applied by the end of March.")
    assert classify_line(line) is Kind.BODY


def test_page_of_only_boilerplate_yields_no_article() -> None:
    arts, removed = split_articles("Menu\nSubscribe\nPOPULAR POSTS\nJan 16, 2024\n")
    assert arts == []
    assert removed == 4


def test_an_outlet_line_with_a_label_after_a_dash_is_the_outlet() -> None:
    # "&" and "—" are no words: the line under the date is a four-word outlet name
    text = ("Hexley's lorry ban will strangle the town\nBy Ken Latimer\nThursday, 13 March 2025\n"
            "Freight & Road Weekly — Comment\n\n"
            "Hexley Town Council has rammed through one of the most reckless schemes I have "
            "seen.\nThe ban starts in September.\n")
    (art,), _ = split_articles(text)
    assert (art.byline, art.date, art.outlet) == (
        "Ken Latimer", "Thursday, 13 March 2025", "Freight & Road Weekly — Comment")
    assert len(art.paragraphs) == 2


def test_a_bare_name_under_the_byline_and_date_is_the_outlet() -> None:
    text = ("Bosses left the depot wide open, say furious drivers\nBy Aoife Brennan\n"
            "Monday, 4 May 2026\nDepot Voice\n\n"
            "Drivers at the Dunmore depot say managers ignored their warnings for months.\n"
            "The company has not responded.\n")
    (art,), _ = split_articles(text)
    assert (art.byline, art.outlet) == ("Aoife Brennan", "Depot Voice")


@pytest.mark.unit
@pytest.mark.parametrize("headline", [
    "Glenmore's triumph should silence the doubters, so why is Kessock still sulking?",
    "Orlam coin hoard is treasure — but who gets the reward?",
    "Not again!",
])
def test_a_headline_that_asks_or_exclaims_is_the_title_not_an_article(headline: str) -> None:
    """dev: two comment pieces whose question headlines were read as a one-line article of
    their own, so the piece lost its title and the eval its outlet name."""
    text = (f"{headline}\nBy Morag Lindsay-Toller\nFriday, 20 November 2026\n"
            "The Northern Chronicle — Comment\n\n"
            "For once, a home-grown science project has delivered what it promised.\n"
            "Professor Helen Achterberg and her team deserve every bit of praise.\n")
    (article,), _ = split_articles(text)
    assert article.title == headline
    assert article.byline == "Morag Lindsay-Toller"
    assert article.outlet == "The Northern Chronicle — Comment"
    # a question in the body is still body
    body = "Why did it fail?\nThe probe lost power on Monday, the agency said.\n"
    (plain,), _ = split_articles(body)
    assert plain.title is None and len(plain.paragraphs) == 2


@pytest.mark.unit
def test_an_agency_credit_above_the_date_is_the_byline_and_the_paper_below_it_the_outlet() -> None:
    """A syndicated copy credits the agency where a byline stands and names the paper under
    the date (newcomer trial, session 22: the Gazette's copy was listed as the agency's)."""
    text = ("Stomach bug closes hospital wards in Ballyfane\nWestern News Agency\n"
            "Thursday, 19 November 2026\nCoast & County Gazette\n\n"
            "Four wards at St Brigid's General Hospital have been closed to new admissions.\n")
    (article,), _ = split_articles(text)
    assert (article.byline, article.outlet) == ("Western News Agency", "Coast & County Gazette")
    # one outlet line, above or below the date, is the outlet
    alone = text.replace("Coast & County Gazette\n", "")
    (article,), _ = split_articles(alone)
    assert (article.byline, article.outlet) == (None, "Western News Agency")


def test_a_paper_named_below_the_date_is_the_outlet() -> None:
    text = ("Black smoke over Cinderford as plastics plant burns\nNovember 17, 2026\n"
            "Valeport Evening Echo\n\nCINDERFORD (Eastline Wire) — Homes were evacuated "
            "overnight after a fire.\nIt burned all night.\n")
    (art,) = split_articles(text)[0]
    assert (art.byline, art.outlet, art.date) == (None, "Valeport Evening Echo",
                                                  "November 17, 2026")
    # a name above the date is still its writer
    above = "Fire at plant\nTobias Renwick\nNovember 17, 2026\n\nHomes were evacuated.\n"
    (first,) = split_articles(above)[0]
    assert first.byline == "Tobias Renwick"
