"""A name the sentence sets its subject against ("the first X since Y", "bigger than Y") is
no other holder of the claim's role (agent.verification.slots, `_set_against`). A newcomer's
space story (session 65): the cloze check filled "____ was the country's first lunar
mission" with "Selene-1" from "It ... was the country's first lunar mission since Selene-1
in 1998", and refuted a true claim. Invented variants; fake chat model."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from agent.app import App
from agent.verification.slots import SlotChecker

CLAIM = "Harrow Rovers were the first club from the town to win the cup."


@pytest.mark.integration
@pytest.mark.parametrize(("sentence", "filler", "conflict"), [
    ("They became the first club from the town to win the cup since Kelby Athletic in 1961.",
     "Kelby Athletic", False),
    ("They were the first club from the town to win the cup, and did it faster than "
     "Kelby Athletic.", "Kelby Athletic", False),
    # the name standing where the claim's does is another holder still
    ("Kelby Athletic were the first club from the town to win the cup.", "Kelby Athletic",
     True),
    ("Kelby Athletic were the first club from the town to win the cup, a year before "
     "Kelby Athletic moved ground.", "Kelby Athletic", True),  # one place is the subject's
])
def test_a_name_the_subject_is_set_against_holds_no_role(
    make_app: Callable[..., App], sentence: str, filler: str, conflict: bool,
) -> None:
    app = make_app(replies=[f'{{"answer": "{filler}"}}'])
    finding, _ = SlotChecker(app.llm).check(CLAIM, sentence, budget=1)
    assert (finding is not None) is conflict, finding
