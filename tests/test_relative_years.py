"""A claim's year against the evidence's "last year" / "this year", read against the article's
date (agent.text.dates.relative_years, agent.verification.checks.compare)."""

from __future__ import annotations

from datetime import date

import pytest

from agent.verification.checks import compare


@pytest.mark.unit
def test_last_year_states_the_claims_year_read_against_the_articles_date() -> None:
    """ "reviewed last year" in an article of November 2025 says 2024 (dev: galloway c09)."""
    said = "The trustees said the museum's alarms had been tested last year by their insurer."
    published = date(2025, 11, 14)
    same = compare("The museum's alarms were tested in 2024 by its insurer.", said, 0.8,
                   published=published)
    assert not same.missing_numbers and not same.conflicts
    other = compare("The museum's alarms were tested in 2022 by its insurer.", said, 0.8,
                    published=published)
    assert [c.kind for c in other.conflicts] == ["number"]
    # without the article's date "last year" is no year
    assert compare("The museum's alarms were tested in 2024 by its insurer.", said,
                   0.8).missing_numbers


@pytest.mark.unit
def test_since_a_year_states_the_years_to_the_articles_date() -> None:
    """ "has run the crossing since 1997" in an article of 2026 is about 29 years (dev:
    pemberly c08, "for nearly thirty years")."""
    said = "Dunmore Buses has served the valley since 1994, the company said."
    published = date(2025, 6, 2)
    for claim in ("Dunmore Buses has served the valley for over thirty years.",
                  "Dunmore Buses has served the valley for 31 years."):
        sig = compare(claim, said, 0.8, published=published)
        assert not sig.missing_numbers and not sig.conflicts, claim
    other = compare("Dunmore Buses has served the valley for twenty years.", said, 0.8,
                    published=published)
    assert [c.kind for c in other.conflicts] == ["number"]
    # a span of years ("since 1994-95") or no article date gives no duration
    assert compare("Dunmore Buses has served the valley for 31 years.", said,
                   0.8).missing_numbers


@pytest.mark.unit
def test_next_month_states_the_claims_month_read_against_the_articles_date() -> None:
    """n3 dev oxbury c15: "will begin next month" in an article of November 2026 is
    December."""
    said = "Talks with the staff affected will begin next month, the council said."
    claim = "Talks with the staff affected will begin in December."
    assert not compare(claim, said, 0.8, published=date(2026, 11, 26)).missing_numbers
    assert compare(claim, said, 0.8, published=date(2026, 9, 26)).missing_numbers
