"""The agent of a deed, in either voice (agent.text.agents), and the refutation it gives
when a claim names other agents than its source (issue 13: "another person named in a
role"). Invented variants in other domains than the dev stories' cases."""

from __future__ import annotations

import pytest

from agent.text.agents import agent_conflict, deeds
from agent.text.analysis import stems
from agent.verification.checks import compare


def test_passive_agents_are_read_after_by_across_a_gap() -> None:
    (deed,) = deeds("Brightwell Dairies Ltd, a family firm based in Leeds, was fined £40,000 "
                    "in May by Trading Standards over mislabelled cheese.")
    assert deed.passive
    assert deed.agents == ("trading standards",)
    # what was fined is read before "was", past the appositive after its name
    assert stems("Brightwell Dairies Ltd") <= deed.patient


def test_active_agents_are_joined_names_with_their_appositives_and_descriptors() -> None:
    (deed,) = deeds("Ana Pike, 31, and retired teacher Ruth Cole, 67, discovered the fossil "
                    "on a beach near Lyme.")
    assert not deed.passive
    assert deed.agents == ("ana pike", "ruth cole")


@pytest.mark.parametrize(("claim", "sentence", "claimed", "said"), [
    # active claim, passive source
    ("Liam Ortega scored the winning goal in extra time.",
     "The winning goal was scored by Tomas Reyes, who had come on as a substitute.",
     ("liam ortega",), ("tomas reyes",)),
    # passive claim, active source naming one agent the claim lacks
    ("The fossil was discovered by Ana Pike and Joe Marr.",
     "Ana Pike and Ruth Cole discovered the fossil on a beach near Lyme.",
     ("ana pike", "joe marr"), ("ana pike", "ruth cole")),
    # both passive, another body
    ("Brightwell Dairies was fined £40,000 by the Food Standards Agency.",
     "Brightwell Dairies Ltd, a family firm based in Leeds, was fined £40,000 in May by "
     "Trading Standards.",
     ("food standards agency",), ("trading standards",)),
])
def test_another_agent_of_the_same_deed_conflicts(
    claim: str, sentence: str, claimed: tuple[str, ...], said: tuple[str, ...]
) -> None:
    assert agent_conflict(claim, sentence) == (claimed, said)


@pytest.mark.parametrize(("claim", "sentence"), [
    # the source names one of the claim's agents and no other
    ("The fossil was discovered by Ana Pike and Ruth Cole.", "Ana Pike discovered the fossil."),
    # the source names more agents, the claim's among them
    ("The fossil was discovered by Ana Pike.", "Ana Pike and Ruth Cole discovered the fossil."),
    # two active sentences may tell two deeds: both may have apologised
    ("Mayor Jo Hart apologised to residents.", "Council leader Sam Reid apologised to residents."),
    # another thing done
    ("The bridge was opened by Sam Reid.", "Jo Hart opened the museum on Friday."),
    # one agent under a title, by surname
    ("The motion was proposed by Priya Nandra.", "Councillor Nandra proposed the motion."),
    # a firm named with an ampersand is one agent
    ("The stadium was designed by Holt & Finch.", "Holt & Finch designed the stadium."),
    # a plural noun opening a sentence names no one
    ("The plan was approved by Mayor Jo Hart.", "Councillors approved the plan on Monday."),
])
def test_no_conflict_without_a_substitution(claim: str, sentence: str) -> None:
    assert agent_conflict(claim, sentence) is None


def test_a_deed_done_by_another_refutes_in_the_verifier_comparison() -> None:
    sig = compare("Liam Ortega scored the winning goal in extra time.",
                  "The winning goal was scored by Tomas Reyes, who had come on as a substitute.")
    assert sig.hard_conflict
    assert [c.describe() for c in sig.conflicts] == [
        "holder: claim liam ortega vs source tomas reyes"]


@pytest.mark.parametrize("source", [
    # a newcomer's football story: "Ruth Calloway chaired the appeal board" was
    # not_enough_info against a board "chaired by retired judge Margaret Ilsley"
    "The board, chaired by retired judge Margaret Ilsley, upheld the finding.",
    "The appeal board was chaired by retired judge Margaret Ilsley.",
])
def test_a_participle_after_a_comma_and_a_described_agent_tell_the_deed(source: str) -> None:
    (c,) = [c for c in compare("Ruth Calloway chaired the appeal board.", source).conflicts
            if c.kind == "holder"]
    assert c.source_values == ("margaret ilsley",)


@pytest.mark.parametrize("text", [
    "The firm was fined by the end of March.",
    "The plan, approved by councillors in May, will cost £2m.",
])
def test_words_after_by_that_name_no_one_give_no_agent(text: str) -> None:
    assert deeds(text) == []
