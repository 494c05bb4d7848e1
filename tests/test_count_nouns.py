"""The noun a count counts when an adjective stands before it (agent.text.counted.head_after):
a newcomer's theatre story (session 50) read "Twenty-two permanent staff" as counting
"permanent", so the Ledger's "28 staff" was no other version of it."""

from __future__ import annotations

import pytest

from agent.text.quantities import quantities
from agent.verification.checks import compare


@pytest.mark.unit
@pytest.mark.parametrize(("text", "head"), [
    ("Twenty-two permanent staff will be made redundant", "staff"),
    ("15 senior police were moved", "police"),
    ("1,100 heavy lorries a day", "lorrie"),  # a regular plural, as before
    ("three new were added", "new"),  # no noun after it: the adjective itself
])
def test_an_adjective_before_a_noun_qualifies_it(text: str, head: str) -> None:
    (q,) = quantities(text)
    assert (q.kind, q.head) == ("count", head)


@pytest.mark.unit
def test_a_compound_counts_its_plural_and_two_qualified_parts_are_no_rivals() -> None:
    """A health newcomer: "14 diabetic foot clinics" counted feet, and "five community
    clinics" in a sentence on the same trial was shown as its rival."""
    (q,) = [q for q in quantities("All 14 diabetic foot clinics will stock it.")
            if q.kind == "count"]
    assert q.head == "clinic"
    claim = "The spray will be offered in all 12 rural dental surgeries from May."
    other = "The study enrolled 400 patients at Kell Hospital and three urban dental surgeries."
    assert compare(claim, other, 0.8).conflicts == []
    # the same qualified count with another value is a rival; so is an unqualified one
    for rival in ("The spray will be offered in all 10 rural dental surgeries from May.",
                  "The spray will be offered in all 10 dental surgeries from May."):
        assert [c.describe() for c in compare(claim, rival, 0.8).conflicts] == [
            "number: claim 12 vs source 10"]
