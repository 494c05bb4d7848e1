"""The noun a count counts when an adjective stands before it (agent.text.counted.head_after):
a newcomer's theatre story (session 50) read "Twenty-two permanent staff" as counting
"permanent", so the Ledger's "28 staff" was no other version of it."""

from __future__ import annotations

import pytest

from agent.text.quantities import quantities


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
