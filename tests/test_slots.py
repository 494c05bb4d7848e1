"""Name slots of a claim and the cloze check (agent.text.slots, agent.verification.slots):
another holder of a role refutes, another actor of an event only withholds support. The
texts are variants of the issue's kinds ("the spokesman was Dana Reyes" where the source
names Omar Finch), not the dev stories' sentences."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from agent.app import App
from agent.llm.factory import make_llm
from agent.settings import load_settings
from agent.text.near_miss import near_miss_name
from agent.text.slots import (
    absent_from,
    filler_name,
    is_name,
    name_slots,
    other_entity_referred,
    proper_words,
    rival_in,
    same_name,
)
from agent.verification.checks import compare
from agent.verification.slots import SlotChecker
from agent.verification.verify import Verifier

if TYPE_CHECKING:
    from conftest import FixedSlotChecker, PrefillFakeChatModel

MakeApp = Callable[..., App]


@pytest.mark.unit
@pytest.mark.parametrize(
    ("claim", "name", "role"),
    [
        ("The spokesman was Dana Reyes.", "Dana Reyes", True),
        ("Dana Reyes leads the harbour inquiry.", "Dana Reyes", True),
        ("Dana Reyes, the port's chief engineer, signed the report.", "Dana Reyes", True),
        ("Tide Ferries is run by managing director Dana Reyes.", "Tide Ferries", True),
        ("Tide Ferries is run by managing director Dana Reyes.", "Dana Reyes", True),
        ("Chief engineer Dana Reyes signed the report.", "Dana Reyes", True),
        ("Dana Reyes, who chairs the ferry board, resigned.", "Dana Reyes", True),
        ("Dana Reyes is the board's treasurer.", "Dana Reyes", True),
        ("Dana Reyes was arrested on Monday.", "Dana Reyes", False),
        ("Dana Reyes offered the funding.", "Dana Reyes", False),
        ("The inspectors said Dana Reyes signed the report.", "Dana Reyes", False),
        ("Dana Reyes, who said the port was safe, resigned.", "Dana Reyes", False),
        # a preposition before the name is no title (newcomer trial: "The claims against
        # SwiftParcel were brought by 85 couriers" read as an office of SwiftParcel)
        ("The case against Tide Ferries was brought by 40 crew.", "Tide Ferries", False),
        ("The vote over Tide Ferries was held in May.", "Tide Ferries", False),
        ("It was Dana Reyes who signed the report.", "Dana Reyes", True),  # a cleft's focus
        ("It was Tide Ferries, not the port, that sued.", "Tide Ferries", True),
    ],
)
def test_name_slots_tell_role_frames_from_event_frames(claim: str, name: str, role: bool) -> None:
    slots = {s.name: s for s in name_slots(claim)}
    assert slots[name].role is role
    assert slots[name].frame == claim.replace(name, "____", 1)


@pytest.mark.unit
def test_places_months_and_titles_are_no_name_slots() -> None:
    slots = [s.name for s in name_slots("Dr Dana Reyes spoke in Lisbon on Monday in May.")]
    assert slots == ["Dana Reyes"]


@pytest.mark.unit
def test_absent_from_looks_for_any_word_of_the_name() -> None:
    (slot,) = name_slots("Dana Reyes was arrested.")
    assert not absent_from(slot, "Reyes, 44, was arrested at home.")
    assert absent_from(slot, "Omar Finch was arrested at home.")


@pytest.mark.unit
@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("Omar Finch", "omar finch"),
        ("Dr Omar Finch", "omar finch"),
        ("NONE", None),
        ("He", None),
        ("the ministry", None),
        ("Carla Nunes", None),  # a name the sentence does not contain: no finding
        ("U.S.", "us"),
    ],
)
def test_filler_name_keeps_only_names_the_sentence_has(answer: str, expected: str | None) -> None:
    sentence = "The inquiry is led by Dr Omar Finch, the ministry said, with U.S. help."
    assert filler_name(answer, sentence) == expected


@pytest.mark.unit
@pytest.mark.parametrize(
    ("slot", "filler", "same"),
    [
        ("Dana Reyes", "reyes", True),
        ("Councillor Dana Reyes", "dana reyes", True),
        ("Dana Reyes", "omar reyes", False),
        ("Tide Ferries", "tide ferries group", True),  # one name inside the other
            ("Tide Ferries", "harbour ferries", False),
        ("Harbour Users' Trust", "harbour users trust", True),
        ("Dana Reyes", "omar finch", False),
        ("United States", "us", True),  # an acronym of the name
        ("United States", "uk", False),
        ("Anton Lisle", "professor lisle", True),  # a title is no other given name
        ("Dr Owen Pryce", "owen pryce", True),
        ("Professor Anton Lisle", "professor mary lisle", False),
        ("Mallorys'", "dennis mallory", True),  # a family (new dev story ravensholt c04)
    ],
)
def test_same_name(slot: str, filler: str, same: bool) -> None:
    assert same_name(slot, filler) is same


PORT = {
    "wire.txt": (
        "Port inquiry opens\nBy Staff\n\n"
        "The inquiry into the ferry collision is led by Omar Finch, the ministry said on Monday. "
        "Omar Finch was arrested on Monday after the hearing in the harbour office. "
        "The inquiry will report in the spring."
    ),
}


def _verifier(app: App) -> Verifier:
    return Verifier(app.corpus, app.retriever, app.embedder, app.llm)


@pytest.mark.integration
def test_another_holder_of_the_role_refutes(make_app: MakeApp) -> None:
    v = _verifier(make_app(PORT, scripted=True)).verify(
        "The inquiry into the ferry collision is led by Dana Reyes."
    )
    assert v.verdict == "refuted"
    refuting = [e for e in v.evidence if e.stance == "refutes"]
    assert any("name: claim Dana Reyes vs source Omar Finch" in s for e in refuting
               for s in e.signals)


@pytest.mark.integration
def test_another_actor_of_the_event_withholds_support(make_app: MakeApp) -> None:
    v = _verifier(make_app(PORT, scripted=True)).verify(
        "Dana Reyes was arrested on Monday after the hearing in the harbour office."
    )
    assert v.verdict == "not_enough_info"
    assert not [e for e in v.evidence if e.stance != "silent"]


@pytest.mark.integration
def test_the_claims_own_name_keeps_its_support(make_app: MakeApp) -> None:
    v = _verifier(make_app(PORT, scripted=True)).verify(
        "The inquiry into the ferry collision is led by Omar Finch."
    )
    assert v.verdict == "supported"


@pytest.mark.unit
def test_a_prefix_taking_backend_fills_the_blank_after_the_json_opening(
    make_prefill_model: Callable[..., PrefillFakeChatModel],
) -> None:
    chat = make_prefill_model({"Omar Finch": 0.9, "NONE": 0.1})
    checker = SlotChecker(make_llm(load_settings(), chat=chat))
    answer = checker.fill("____ leads the inquiry.", "The inquiry is led by Omar Finch.")
    assert answer == "Omar Finch"
    (_, kwargs), = chat.calls
    assert kwargs["reply_prefix"] == '{"answer": "'
    assert '"' in kwargs["stop"]  # the JSON string ends the answer
    assert "response_format" not in kwargs


class FirstWordReader(SlotChecker):
    """A cloze reader without a model: it fills every blank with the sentence's first
    capitalised word, and keeps the sentences it was shown."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def fill(self, statement: str, sentence: str) -> str:
        self.seen.append(sentence)
        return next((w for w in sentence.split() if w[:1].isupper()), "NONE")


@pytest.mark.unit
def test_a_wire_dateline_is_nobodys_name() -> None:
    # "KELBY (Delta Wire) — A former treasurer ..." names no one: a reader who fills the
    # blank with the sentence's first capitalised word must not be handed the filing town.
    reader = FirstWordReader()
    finding, calls = reader.check(
        "Dana Reyes was convicted of fraud on Thursday.",
        "KELBY (Delta Wire) — A former treasurer was convicted of fraud on Thursday.", 1)
    assert calls == 1 and reader.seen == ["A former treasurer was convicted of fraud on Thursday."]
    assert finding is None


@pytest.mark.unit
def test_a_possessive_blank_filled_with_the_claims_own_speaker_names_no_other_actor() -> None:
    """Found in a newcomer trial: "our model" in the speaker's quote made the reader fill
    "____'s model" with the speaker, whom the claim itself names."""
    reader = FirstWordReader()
    finding, calls = reader.check("Reyes said the panel had misread how Harlow's plan works.",
                                  "Reyes told the Gazette the panel had misread our plan.", 1)
    assert calls == 1 and finding is None
    # a blank that is no possessive, filled with the claim's other name, is a swap: kept
    finding, _ = reader.check("Lindqvist accused Okafor of lying.",
                              "Okafor accused the mayor of lying.", 1)
    assert finding is not None and finding.filler == "okafor"


@pytest.mark.unit
def test_proper_words_are_the_words_capitalised_mid_sentence() -> None:
    known = proper_words(["Around 120 scientists from Canada work at the Glenmore lab.",
                          "Motorists face a detour, Dr Ana Ruiz's office said."])
    assert {"canada", "glenmore", "ana", "ruiz"} <= known
    assert not {"around", "motorists"} & known
    assert is_name("Canada", known) and not is_name("Around", known)
    assert is_name("Joe Brannigan", known)  # two capitalised words are a name
    assert is_name("Around", None)  # nothing known: as before


@pytest.mark.unit
def test_a_first_word_the_articles_never_capitalise_is_no_slot_and_no_filler() -> None:
    known = proper_words(["Motorists are sent via Hexley Bridge, the council said.",
                          "Drivers face a detour, Canada's envoy said."])
    reader = FirstWordReader()
    # "Drivers" is no name: no cloze is asked for it
    finding, calls = reader.check("Drivers are being sent on an 11-mile detour.",
                                  "Motorists are being sent on an 11-mile detour.", 2, known)
    assert (finding, calls) == (None, 0)
    # a name slot whose filler is a common word at the sentence's start finds no other actor
    finding, calls = reader.check("Canada sent the envoy on Monday.",
                                  "Motorists sent the envoy on Monday.", 2, known)
    assert calls == 1 and finding is None
    # without what the articles capitalise, the first word still counts (the old reading)
    finding, _ = reader.check("Canada sent the envoy on Monday.",
                              "Mexico sent the envoy on Monday.", 2)
    assert finding is not None and finding.filler == "mexico"


@pytest.mark.unit
def test_a_common_noun_for_another_named_body_is_a_near_miss() -> None:
    article = ("The bypass is maintained by Hexmoor District Council rather than the town "
               "council. Last month the district council agreed to spend £1.8 million on it. "
               "Drivers go via Hexley Bridge while Lowfield Bridge is shut.")
    quote = "Last month the district council agreed to spend £1.8 million on it."
    assert other_entity_referred("Hexley Town Council", quote, article) == (
        "hexmoor district council")
    # the question's own body by a common noun, another body by its own name, a description
    assert other_entity_referred("Hexley Town Council", "The town council voted.", article) is None
    via = "Drivers go via Hexley Bridge."
    assert other_entity_referred("Lowfield Bridge", via, article) is None
    assert other_entity_referred("Bramwell Consumer Group", "the cereals group agreed",
                                 "Bramwell Consumer Group and Orton Capital agreed.") is None


@pytest.mark.unit
def test_a_namesake_beside_the_claims_surname_is_asked_about() -> None:
    """A near-miss person: the sentence has the claim's surname, on someone else."""
    (slot,) = name_slots("Councillor Tom Marsh chairs the Fenwick Rowing Club.")[:1]
    sentence = "Helen Marsh, who chairs the Fenwick Rowing Club, welcomed the grant."
    assert not absent_from(slot, sentence) and rival_in(slot, sentence) == "helen marsh"
    # the claim's own person named in full or by surname alone is no namesake
    assert rival_in(slot, "Tom Marsh, who chairs the club, spoke.") is None
    assert rival_in(slot, "Marsh, who chairs the club, spoke.") is None
    finding, calls = FirstWordReader().check(
        "Councillor Tom Marsh chairs the Fenwick Rowing Club.", sentence, 2)
    assert calls >= 1 and finding is not None and finding.conflict is not None
    assert finding.conflict.describe() == "holder: claim councillor tom marsh vs source helen"


@pytest.mark.unit
def test_a_name_spelt_nearly_alike_is_another_entity() -> None:
    """A near-miss by spelling ("Tarrow Care Group" beside "Tarow Health"): the sentence
    is about someone else, so its figure neither refutes nor supports the claim's."""
    claim = "Delacroix won 46 per cent of the vote in Quillby."
    other = "In Tresby, Nora Delacroixe was re-elected with 61 per cent of the vote."
    assert near_miss_name(claim, other) == "nora delacroixe"
    assert near_miss_name(claim, "Delacroix won 46 per cent, the count showed.") is None
    sig = compare(claim, other, score=0.8)
    assert sig.conflicts == [] and sig.other_actor == "nora delacroixe"
    # a family is not a near-spelling of its name: "the Mallorys" (ravensholt q04)
    assert near_miss_name("Who is the Mallory family's solicitor?",
                          "The Mallorys said they felt like criminals.") is None
    (slot,) = [s for s in name_slots("The watchdog fined Tarow Health £85,000.")
               if s.name == "Tarow Health"]
    assert rival_in(slot, "It fined Tarrow Care Group, no link to Tarow Health.") == (
        "tarrow care group")


@pytest.mark.unit
def test_a_namesake_doing_the_claims_event_is_a_substitution(
    fixed_slot_checker: type[FixedSlotChecker],
) -> None:
    """Dev: "Arthur Reddaway's paintings were among the works stolen" where the sources say
    Thomas Reddaway's were; "the regulator fined Felsham Health" where it fined Fellsham
    Care Group. The source says who else it was: a holder conflict, which refutes."""
    claim = "Ada Linwood's sculptures were among the works damaged in the fire."
    sentence = "Four bronze sculptures by Felix Linwood were damaged in the fire."
    finding, _ = fixed_slot_checker("Felix Linwood").check(claim, sentence, 2)
    assert finding is not None and finding.conflict is not None
    assert finding.conflict.describe() == "holder: claim ada linwood vs source felix linwood"
    fined = "The watchdog fined Tarrow Care Group £85,000 in 2025."
    finding, _ = fixed_slot_checker("Tarrow Care Group").check(
        "The watchdog fined Tarow Health £85,000.", fined, 2)
    assert finding is not None and finding.conflict is not None
    # someone of another name doing the event is another actor, no substitution
    other = "Four bronze sculptures by Maria Costa were damaged in the fire."
    finding, _ = fixed_slot_checker("Maria Costa").check(claim, other, 2)
    assert finding is not None and finding.conflict is None and finding.filler == "maria costa"


@pytest.mark.unit
def test_a_sentence_that_leaves_the_name_unsaid_is_about_the_entity_named_before_it() -> None:
    # new dev stories wexcombe c19 / q10 and tollan c15: "The bank was fined ..." after a
    # paragraph about the near-miss is the near-miss's fine
    from agent.text.slots import antecedent_rival

    before = ["Readers asked whether Westcombe Savings Bank is affected.", "It is not."]
    fined = "The bank was fined £310,000 in 2024."
    claim = "The regulator fined Wexcombe Building Society £310,000 in 2024."
    assert antecedent_rival(claim, fined, before) == "westcombe savings bank"
    # the claim's own name, nearer than the near-miss, makes the sentence its own
    own = [*before, "Wexcombe Building Society was rescued on Saturday."]
    assert antecedent_rival(claim, fined, own) is None
    # a near-miss the claim names itself is one of its own entities
    both = "Westcombe Savings Bank has no link to Wexcombe Building Society."
    assert antecedent_rival(both, "It is a separate company based in Westcombe.", before) is None
    assert antecedent_rival("The valley has 60 farms.", fined, before) is None  # no name


@pytest.mark.unit
@pytest.mark.parametrize("sentence", [
    "Chief executive Anneliese Morrow says she is deeply sorry.",
    "Anneliese Morrow, the firm's chief executive, said she was deeply sorry.",
])
def test_the_holder_of_a_possessed_office_is_no_other_actor(
    sentence: str, fixed_slot_checker: type[FixedSlotChecker]
) -> None:
    # new dev stories (kettering c06, varden c06): "____'s chief executive said ..." was
    # filled with the chief executive's name, read as someone else doing the claim's event
    claim = "Dellmont's chief executive said the company was deeply sorry."
    finding, calls = fixed_slot_checker("Anneliese Morrow").check(claim, sentence, budget=2)
    assert calls == 1 and finding is None


@pytest.mark.unit
def test_another_owner_of_a_possessed_thing_is_still_found(
    fixed_slot_checker: type[FixedSlotChecker],
) -> None:
    claim = "Arthur Penrose's paintings were among the works stolen."
    sentence = "Two paintings by Thomas Penrose were among the works stolen."
    finding, _ = fixed_slot_checker("Thomas Penrose").check(claim, sentence, budget=2)
    assert finding is not None and finding.filler == "thomas penrose"


@pytest.mark.unit
def test_a_sentence_after_another_body_of_the_same_kind_is_about_that_body() -> None:
    # n3 dev stories, kelderby q15 / oxbury q09: "The team has had nearly 90 call-outs" after
    # a sentence about another rescue team answered a question about the first
    from agent.text.slots import antecedent_rival

    question = "How many call-outs has the Ashgill Mountain Rescue Team had this year?"
    quote = "The team has had more than 70 call-outs this year."
    before = ["Penhale Fell Rescue Team is raising money for a new base."]
    assert antecedent_rival(question, quote, before) == "penhale fell rescue team"
    # a shorter name of the same body is no other body
    council = "On what date will Dunford City Council set its budget?"
    assert antecedent_rival(council, "It will set its budget on 3 March.",
                            ["Dunford Council faces a gap of £2m."]) is None
    # a question naming both bodies asks about both
    both = "Who leads Penhale Fell Rescue Team, and is the Ashgill leader related to her?"
    assert antecedent_rival(both, "Its leader is Ann Roe.",
                            ["The Ashgill Mountain Rescue Team helped."]) is None
    # in the quote itself, a body of the same kind is what it tells of ("via Hexley Bridge")
    route = "How long is the diversion around Lowton Bridge?"
    assert antecedent_rival(route, "The signed diversion via Hexley Bridge is 14 miles.",
                            []) is None

