"""The agent of a deed, in either voice (agent.text.agents), and the refutation it gives
when a claim names other agents than its source (issue 13: "another person named in a
role"). Invented variants in other domains than the dev stories' cases."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from agent.app import App
from agent.text.agents import agent_conflict, deeds
from agent.text.analysis import stems
from agent.types import Evidence
from agent.verification.checks import compare
from agent.verification.verify import Verifier


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


@pytest.mark.parametrize(("claim", "sentence"), [
    # a fresh dev claim's kind (session 67): "Elspeth Varley has been appointed to lead the
    # council's independent review" against "The council's review will be led by Judith
    # Carrow" came out not_enough_info
    ("Omar Wells has been appointed to lead the trust's inquiry into the delays.",
     "The trust's inquiry will be led by Dr Hana Keel, a retired surgeon."),
    ("Omar Wells was named to chair the inquiry.",
     "The inquiry will be chaired by Hana Keel."),
    ("Omar Wells will chair the inquiry.", "The inquiry is to be chaired by Hana Keel."),
])
def test_a_doer_to_come_named_before_an_appointment_or_a_modal_conflicts(
    claim: str, sentence: str
) -> None:
    assert agent_conflict(claim, sentence) is not None
    assert agent_conflict(claim.replace("Omar Wells", "Hana Keel"), sentence) is None


@pytest.mark.parametrize("claim", [
    # the name before "asked ... to" is not the doer; a base form after a noun is no deed
    "The board asked Omar Wells to chair the inquiry.",
    "Omar Wells wants a review to lead nowhere.",
])
def test_no_doer_to_come_without_an_appointment_or_a_modal(claim: str) -> None:
    assert [d for d in deeds(claim)
            if d.verbs & {"chair", "lead"} and "omar wells" in d.agents] == []


INQUIRY = {
    "trust.txt": (
        "Trust opens delay inquiry\nBy Staff\n\n"
        "The trust's inquiry into the delays was announced on Monday by Harbour Trust. "
        "Omar Wells, the trust's spokesman, said the inquiry into the delays would be thorough. "
        "Omar Wells said the trust's inquiry into the delays would report in June. "
        "The trust's inquiry into the delays will be led by Dr Hana Keel, a retired surgeon."
    ),
}


@pytest.mark.integration
def test_a_rival_doer_already_retrieved_is_kept_past_the_outlets_cap(
    make_app: Callable[..., App], monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the rival sentence retrieved as an ordinary candidate, third of its outlet: marked
    # as a rival, it is not dropped by the cap of two ordinary sentences per outlet
    app = make_app(INQUIRY, scripted=True)
    gatherer = Verifier(app.corpus, app.retriever, app.embedder, app.llm).evidence
    (article,) = app.corpus.articles()
    (keel,) = [s for s in article.sentences if "Hana Keel" in s.text]
    retrieve = gatherer._candidates

    def candidates(query: str) -> tuple[list[Evidence], list[str]]:
        items, sources = retrieve(query)
        return [*items, Evidence(label="S9", sentence=keel, score=0.3,
                                 outlet=article.outlet)], sources

    monkeypatch.setattr(gatherer, "_candidates", candidates)
    gathered = gatherer.gather("Omar Wells has been appointed to lead the trust's inquiry "
                               "into the delays.")
    assert [e.label for _, e in gathered if e.sentence.id == keel.id] == ["H"]
