"""Atomic splitting and attribution parsing (agent/claims.py)."""

from __future__ import annotations

import pytest

from agent.verification.claims import attribution_of, split_claim


@pytest.mark.parametrize(
    ("claim", "parts"),
    [
        (
            "The mayor rejected the plan and sent 200 officers",
            ["The mayor rejected the plan", "The mayor sent 200 officers"],
        ),
        ("Lee won the vote; Kim conceded", ["Lee won the vote", "Kim conceded"]),
        (
            "Ana closed the port, fired the chief, and ordered an inquiry",
            ["Ana closed the port", "Ana fired the chief", "Ana ordered an inquiry"],
        ),
        (
            "Ana closed the port and she fired the chief",
            ["Ana closed the port", "Ana fired the chief"],
        ),
        ("Lee offered help but Kim refused", ["Lee offered help", "Kim refused"]),
        # a present-tense verb before its object or figure takes the first subject
        ("Dunmore Buses has served the valley for forty years and carries about 9,000 "
         "riders daily",
         ["Dunmore Buses has served the valley for forty years",
          "Dunmore Buses carries about 9,000 riders daily"]),
        ("The bakery makes bread and sells it abroad",
         ["The bakery makes bread", "The bakery sells it abroad"]),
    ],
)
def test_compound_claims_split_with_subject_carry_over(claim: str, parts: list[str]) -> None:
    assert split_claim(claim) == parts


@pytest.mark.parametrize(
    "claim",
    [
        "The city taxed hotels in Lyon and Nice",  # noun coordination
        "Spain and Portugal signed the treaty",  # coordinated subject
        "The minister resigned.",
        "Ana criticised Lee while praising his staff",  # participle phrase
    ],
)
def test_atomic_claims_stay_whole(claim: str) -> None:
    assert split_claim(claim) == [claim]


@pytest.mark.parametrize(
    ("claim", "parts"),
    [
        # a clause opened by a count, after a subject of seven words
        (
            "Every one of the nine day-shift porters got out safely, and three nurses "
            "needed treatment for smoke",
            ["Every one of the nine day-shift porters got out safely",
             "three nurses needed treatment for smoke"],
        ),
        ("The storm felled 40 trees and 1,200 homes lost power",
         ["The storm felled 40 trees", "1,200 homes lost power"]),
    ],
)
def test_a_clause_opened_by_a_count_is_its_own_part(claim: str, parts: list[str]) -> None:
    assert split_claim(claim) == parts


@pytest.mark.parametrize(
    "claim",
    [
        "About four hundred and twenty homes were flooded",  # one number
        "Nine people needed treatment, two of whom were badly hurt",  # a relative clause
        "Police arrested three men and two women",  # noun coordination
    ],
)
def test_counts_inside_one_clause_keep_it_whole(claim: str) -> None:
    assert split_claim(claim) == [claim]


def test_attributed_compound_keeps_the_speaker_on_each_part() -> None:
    assert split_claim("Lee said the port closed and the chief resigned") == [
        "Lee said the port closed",
        "Lee said the chief resigned",
    ]
    # A past-tense predicate after present-tense speech is the speaker's own act.
    assert split_claim("Lee said Kim is tired and called him a friend") == [
        "Lee said Kim is tired",
        "Lee called him a friend",
    ]


@pytest.mark.parametrize(
    ("claim", "speaker", "content"),
    [
        ("Lee said Kim is afraid of the vote", "Lee", "Kim is afraid of the vote"),
        ("The ministry told reporters that prices will rise", "The ministry", "prices will rise"),
        ("According to the police, two men were arrested", "the police", "two men were arrested"),
        ("Lee accused Kim of lying about the vote", "Lee", "lying about the vote"),
        # a phrase set before the subject says when or how, not who
        ("After the count on Friday, the returning officer said a recount was possible",
         "the returning officer", "a recount was possible"),
        ("In a statement, Dunmere Ferries said the service would resume",
         "Dunmere Ferries", "the service would resume"),
        # who the speaker is, between commas (new-story kind: hollin c05)
        ("Rhys Tallon, the trust's finance director, said the deficit had doubled",
         "Rhys Tallon", "the deficit had doubled"),
        ("Ana Ruiz, who chairs the panel, said the plan was unlawful",
         "Ana Ruiz", "the plan was unlawful"),
        # a verb of declaring with a clause reports words
        ("The trust announced that 40 beds would close", "The trust", "40 beds would close"),
        ("The minister declared the bridge would reopen in May", "The minister",
         "the bridge would reopen in May"),
        ("Trask admitted that she had forged the forms", "Trask", "she had forged the forms"),
    ],
)
def test_attribution_is_parsed(claim: str, speaker: str, content: str) -> None:
    attr = attribution_of(claim)
    assert attr is not None
    assert (attr.speaker, attr.content) == (speaker, content)


@pytest.mark.parametrize(
    "claim", ["Kim is afraid of the vote", "The port closed and the chief resigned",
              "On Monday, the council closed the bridge",
              "Rhys Tallon, the trust's finance director, resigned on Friday",
              # an act, not words reported (newcomer trial, dev tarn-valley-flood)
              "Coastguards declared a major incident at 2am on Sunday",
              "The minister announced a £5 million recovery fund",
              "The firm announced 300 job cuts at its Leeds plant",
              # a plea (a newcomer's court story: "it does not report Trask's words")
              "Trask admitted four counts of fraud by abuse of position",
              "The driver admits two charges of careless driving",
              "The club admitted a breach of the league's rules"]
)
def test_plain_claims_have_no_attribution(claim: str) -> None:
    assert attribution_of(claim) is None


def test_clause_with_and_is_not_a_speaker() -> None:
    assert attribution_of("Ana rejected the plan and said it was too costly") is None
    assert split_claim("Ana rejected the plan and said it was too costly") == [
        "Ana rejected the plan",
        "Ana said it was too costly",
    ]


def test_a_participle_after_the_subject_is_no_clause_of_its_own() -> None:
    claim = ("All 12 evening sailings run by Kelp Ferries, the island's main operator, "
             "were cancelled.")
    assert split_claim(claim) == [claim]
    assert split_claim("The harbour was closed by the coastguard and reopened on Friday.") == [
        "The harbour was closed by the coastguard", "The harbour reopened on Friday"]


@pytest.mark.parametrize(("claim", "speaker", "content"), [
    # a phrase between the speaker and the verb (dev: caverly c03)
    ("Ana Ruiz, speaking through her lawyer, said she had been misled by a colleague.",
     "Ana Ruiz", "she had been misled by a colleague"),
    # a reporting verb of the sentence analysis (agent.text.facts.FINITE_CUES), not only "said"
    ("Union official Kay Lund described the closure as a betrayal.",
     "Union official Kay Lund", "the closure as a betrayal"),
    # calling someone something is saying it (seeds: claim-006)
    ("The senator called the governor a coward.", "The senator", "the governor a coward"),
    # the perfect tense of a reporting verb (new dev story ravensholt c08)
    ("Ana Ruiz has alleged that an officer switched off his camera.",
     "Ana Ruiz", "an officer switched off his camera"),
    ("The union has repeatedly warned ministers that depots will close.",
     "The union", "depots will close"),
])
def test_a_claim_about_a_statement_is_attributed(claim: str, speaker: str, content: str) -> None:
    attr = attribution_of(claim)
    assert attr is not None and (attr.speaker, attr.content) == (speaker, content)


@pytest.mark.parametrize("claim", [
    "The club called off the match against Harlow.",  # cancelled, not said
    # what someone recounted is an event, told somewhere (seeds: claim-046's venue)
    "The minister recounted her refusal of the offer at a press event.",
    "The council has closed the bridge for nine months.",  # an act in the perfect tense
])
def test_a_claim_about_an_act_is_not_attributed(claim: str) -> None:
    assert attribution_of(claim) is None


@pytest.mark.parametrize(
    ("claim", "content"),
    [
        # the object of "accused" / "told" is a noun phrase, not its first word
        ("The growers accused the county's planning board of ignoring the blight",
         "ignoring the blight"),
        ("Mira Osei told the inquest that the valve had been left open",
         "the valve had been left open"),
        ("The club told season ticket holders that refunds would follow",
         "refunds would follow"),
        ("The league accused Harrow Rovers of fielding an ineligible player",
         "fielding an ineligible player"),
    ],
)
def test_an_object_verbs_object_is_a_whole_phrase(claim: str, content: str) -> None:
    attr = attribution_of(claim)
    assert attr is not None
    assert attr.content == content


def test_a_charge_is_marked_and_a_report_is_not() -> None:
    charge = attribution_of("The union accused the hospital trust of cutting night cover")
    report = attribution_of("The union told the hospital trust that night cover was cut")
    assert charge is not None and charge.charge
    assert report is not None and not report.charge


@pytest.mark.parametrize(
    ("claim", "parts"),
    [
        # a clause with its own subject after a charge is no part of the charge (s45
        # newcomer kind: "..., and the company admitted it" was judged as one claim)
        ("Parents accused the academy of hiding the exam results, and the school admitted it.",
         ["Parents accused the academy of hiding the exam results", "the school admitted it"]),
        ("Anglers accused Tarnside Water of polluting the river, and the regulator has "
         "since confirmed the spill",
         ["Anglers accused Tarnside Water of polluting the river",
          "the regulator has since confirmed the spill"]),
        # a past-tense predicate is the accuser's own act
        ("The nurses' union accused the board of cutting pay and demanded an inquiry",
         ["The nurses' union accused the board of cutting pay",
          "The nurses' union demanded an inquiry"]),
    ],
)
def test_a_clause_after_a_charge_is_its_own_part(claim: str, parts: list[str]) -> None:
    assert split_claim(claim) == parts


@pytest.mark.parametrize(
    "claim",
    [
        # two charges, one accusation
        "The auditors accused the trust of hiding losses and inflating its reserves",
        # who "he" is cannot be told from the words: kept whole
        "Police accused the driver of speeding, but he denied the charge",
    ],
)
def test_a_charge_with_no_clause_of_its_own_stays_whole(claim: str) -> None:
    assert split_claim(claim) == [claim]


@pytest.mark.parametrize(("claim", "parts"), [
    # a reply printed after a report is the replier's own claim, of the reported content
    ("The parents' group alleged that the academy hid a damp survey, which the trust denied.",
     ["The parents' group alleged that the academy hid a damp survey.",
      "The trust denied that the academy hid a damp survey."]),
    # after a charge, what is denied is the charged act
    ("Riders accused the promoter of faking the prize fund, but the promoter has disputed it.",
     ["Riders accused the promoter of faking the prize fund.",
      "The promoter disputed faking the prize fund."]),
])
def test_a_reply_after_a_report_is_its_own_part(claim: str, parts: list[str]) -> None:
    assert split_claim(claim) == parts


@pytest.mark.parametrize("claim", [
    # after a plain claim, "which" may be its object's
    "The mayor approved the bypass, which residents rejected.",
    "The council refused the permit, which the quarry firm disputes.",
])
def test_a_reply_after_a_plain_claim_stays_in_it(claim: str) -> None:
    assert split_claim(claim) == [claim]
