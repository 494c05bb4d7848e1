"""Sides an actor takes (agent/text/sides.py): a claim that someone conceded what a source
has them deny, or denied what it has them accept, is contradicted by that source (dev:
"Kettering admitted that cuts ... slowed the repair" / "Kettering denied that staffing had
played any part"). The sentences are made up for these tests."""

from __future__ import annotations

import pytest

from agent.text.sides import side_taken
from agent.verification.checks import compare
from agent.verification.stance import combine


@pytest.mark.unit
@pytest.mark.parametrize(("text", "actor", "concedes"), [
    ("Harlow Foods has admitted selling mislabelled beef.", "harlow foods", True),
    ("Ms Pryce flatly rejected the allegation.", "ms pryce", False),
    ("Harlow, the chain's owner, denies any wrongdoing.", "harlow", False),
    ("The trust did not accept the coroner's findings.", "the trust", False),  # negated
    ("The trust hasn't disputed the figures.", "the trust", True),
    # backing or recommending a proposal accepts it, opposing it rejects it
    ("Ardley's board is backing the bid.", "ardley's board", True),
    ("The tenants' panel has endorsed the rent plan.", "the tenants' panel", True),
    ("Councillor Jo Reed opposed the budget.", "councillor jo reed", False),
])
def test_the_side_an_actor_takes(text: str, actor: str, concedes: bool) -> None:
    side = side_taken(text)
    assert side is not None and (side.actor, side.concedes) == (actor, concedes)


@pytest.mark.unit
def test_no_side_without_a_verb_of_one() -> None:
    assert side_taken("Harlow Foods sold 40 tonnes of beef last year.") is None
    # "back" as an adverb, and a passive whose actor is not the one who backs
    assert side_taken("Shoppers were back in Harlow Foods by noon.") is None
    assert side_taken("The rescue is being backed by £2m from the Harlow fund.") is None


@pytest.mark.unit
@pytest.mark.parametrize(("claim", "evidence"), [
    ("Harlow Foods has admitted selling mislabelled beef to schools.",
     "Harlow denies selling mislabelled meat and says its labels were correct."),
    ("The drivers' union rejected the pay offer.",
     "The drivers' union accepted the pay offer after a ballot of members."),
    ("Councillor Amos Reed acknowledged that the audit found errors.",
     "Reed disputed that the audit had found any errors."),
    ("Ardley's board has rejected the takeover bid.", "Ardley's board is backing the bid."),
])
def test_the_other_side_of_the_same_actor_refutes(claim: str, evidence: str) -> None:
    sig = compare(claim, evidence, 0.8)
    assert sig.polarity_conflict
    assert combine(None, sig) == "refutes"


@pytest.mark.unit
@pytest.mark.parametrize(("claim", "evidence"), [
    # another actor's side
    ("The drivers' union rejected the pay offer.",
     "Metro Buses accepted the pay offer's costs in its budget."),
    # another topic
    ("Harlow Foods has admitted missing the hygiene deadline.",
     "Harlow denies selling mislabelled meat."),
    # the same side
    ("Harlow Foods denied selling mislabelled beef.",
     "Harlow denies selling mislabelled beef to schools."),
])
def test_no_clash_without_the_same_actor_topic_and_other_side(claim: str, evidence: str) -> None:
    assert not compare(claim, evidence, 0.8).polarity_conflict


def test_what_a_relative_clause_says_in_passing_is_no_part_of_a_denial() -> None:
    """A crime newcomer (session 61): "Fernleigh Housing Trust, which provides supported
    housing for nearly 300 tenants, denies that any money is missing" was set aside as a
    denial of "the trust provides homes for nearly 300 tenants"."""
    source = ("Harrow Vale Hospice, which cares for about 40 patients at a time, denies that "
              "its nurses were ever told to cut corners.")
    assert not compare("Harrow Vale Hospice cares for about 40 patients at a time.",
                       source, 0.8).denial
    # what the subject denies is still a denial
    assert compare("The hospice's nurses were told to cut corners.", source, 0.8).denial


@pytest.mark.parametrize("title", ["Dr", "Professor", "Mr"])
def test_a_speaker_s_title_is_no_word_of_what_they_said(title: str) -> None:
    """An energy newcomer (session 61): "Dr Ruth Pritchard said patients had been harmed" was
    supported by "Its medical director, Dr Ruth Pritchard, said no patients had been harmed":
    "Dr" counted as a word the sentence's clause had to hold, so its negation was not read."""
    source = f"The trust's chief nurse, {title} Alan Verey, said no residents had been evacuated."
    assert compare(f"{title} Alan Verey said residents had been evacuated.", source,
                   0.8).polarity_conflict
    assert not compare(f"{title} Alan Verey said no residents had been evacuated.", source,
                       0.8).polarity_conflict
