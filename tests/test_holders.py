"""Who holds which office (agent.text.holders): offices read from sentences and claims, and
the same office at the same organisation given to another person."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from agent.app import App
from agent.text.holders import Holder, claimed_holder, holders, other_holder, other_post

LEAD = "rail operator's timetable collapses. brenford valley trains cancelled 1,140 services"


@pytest.mark.unit
@pytest.mark.parametrize(("sentence", "holder"), [
    ("The foundation's chair, the Rev Anne Lacey, told the court she had signed cheques.",
     Holder("anne lacey", "chair", "foundation")),
    ("Colin Drury, managing director of Sentinel Vale Security, says it was warned.",
     Holder("colin drury", "managing director", "sentinel vale security")),
    ("Managing director Graham Whitlow apologised.", Holder("graham whitlow",
                                                            "managing director", "")),
    ("Brenmoor managing director Graham Tulley said a valve had failed.",
     Holder("graham tulley", "managing director", "brenmoor")),
    ("Felsham's board chairman, Geoffrey Amis, said the board had met.",
     Holder("geoffrey amis", "board chair", "felsham")),
])
def test_offices_read_from_a_sentence(sentence: str, holder: Holder) -> None:
    assert holders(sentence) == [holder]


@pytest.mark.unit
def test_a_place_before_where_is_no_holder() -> None:
    assert holders("The plans were unveiled at Harbour City Guildhall, where chairman Douglas "
                   "Penhallow spoke.") == []


@pytest.mark.unit
def test_offices_a_claim_gives() -> None:
    assert claimed_holder("Graham Pellow chaired the Alder Foundation.") == Holder(
        "graham pellow", "chair", "alder foundation")
    assert claimed_holder("Geoffrey Amis runs Felsham Health as its chief executive.") == \
        Holder("geoffrey amis", "chief executive", "felsham health")
    assert claimed_holder("The board met on Monday.") is None


@pytest.mark.unit
def test_the_claims_office_held_by_another_person_at_the_same_organisation() -> None:
    claim = "Joanna Pell is the managing director of Brenford Valley Trains."
    # an office named alone belongs to the organisation its article is about
    assert other_holder(claim, "Managing director Graham Whitlow apologised.", LEAD) == (
        "joanna pell", "graham whitlow")
    # the same person, another organisation, a deputy's office: no conflict
    assert other_holder("Graham Whitlow is the managing director of Brenford Valley Trains.",
                        "Managing director Graham Whitlow apologised.", LEAD) is None
    assert other_holder(claim, "Tom Reed, managing director of Tarrow Coast Railway, spoke.",
                        LEAD) is None
    assert other_holder(claim, "Deputy managing director Tom Reed apologised.", LEAD) is None
    # an article about something else: its office named alone is not the claim's
    assert other_holder(claim, "Managing director Tom Reed apologised.",
                        "tarrow coast railway runs on time") is None


_ARTICLE = "{title}\nBy {author}\nMonday, 2 March 2026\n{outlet}\n\n{body}\n"


@pytest.mark.integration
def test_a_claim_giving_an_office_to_the_wrong_person_is_refuted(
    make_app: Callable[..., App],
) -> None:
    """The sentence naming the office holder shares few words with the claim: the verifier
    gathers it from the retrieved articles and refutes by code alone."""
    app = make_app({"a.txt": _ARTICLE.format(
        title="Charity treasurer guilty of fraud", author="Ann Lee", outlet="Vale Wire",
        body="A former treasurer of the Alder Foundation was convicted of fraud on Friday.\n"
             "Graham Pellow took money from the charity over six years.\n"
             "The foundation's chair, the Rev Anne Lacey, told the court she signed cheques "
             "unread.\nThe charity now has its accounts audited every year.")})
    verdict = app.verifier(use_model=False).verify("Graham Pellow chaired the Alder Foundation.")
    assert verdict.verdict == "refuted"
    assert "name: claim Graham Pellow vs source Anne Lacey" in verdict.explanation


@pytest.mark.unit
def test_an_office_named_without_its_organisation_is_compared_on_the_same_statement() -> None:
    claim = "Managing director Dave Rennard said a valve had failed."
    said = "Brenmoor managing director Graham Tulley said a valve on the tank had failed."
    assert other_holder(claim, said, "", same_statement=True) == ("dave rennard",
                                                                  "graham tulley")
    # a sentence about something else names another company's director: no conflict
    assert other_holder(claim, said, "", same_statement=False) is None


@pytest.mark.unit
def test_a_claim_naming_two_office_holders_gives_none_to_check() -> None:
    claim = ("Mexican President Claudia Sheinbaum rejected President Donald Trump's offer to "
             "send troops.")
    assert claimed_holder(claim) is None
    assert other_holder(claim, "President Donald Trump offered to send troops.", "",
                        same_statement=True) is None


@pytest.mark.parametrize(("claim", "sentence", "expected"), [
    ("Nadia Farrell is leading the police inquiry into the fire.",
     "Detective Inspector Owen Hale, who is leading the inquiry, asked witnesses to "
     "come forward.", ("nadia farrell", "owen hale")),
    ("Sam Oduya heads the Harbour Board's review of the collapse.",
     "Priti Lal, who heads the review, said findings were due in March.",
     ("sam oduya", "priti lal")),
    # another undertaking, or the claim's own leader: no rival
    ("Nadia Farrell is leading the police inquiry into the fire.",
     "Owen Hale, who is leading the search, asked volunteers to stay away.", None),
    ("Nadia Farrell is leading the police inquiry into the fire.",
     "Inspector Nadia Farrell, who is leading the inquiry, asked witnesses to call.", None),
])
def test_the_leader_of_an_undertaking_is_an_office(
    claim: str, sentence: str, expected: tuple[str, str] | None
) -> None:
    assert other_holder(claim, sentence, lead="") == expected



@pytest.mark.unit
def test_a_possessive_is_no_part_of_the_holders_name() -> None:
    """Found on a dev story's compare matrix: "Chief executive Imogen Tarrant's apology" was
    read as another holder of Imogen Tarrant's office ("imogen tarrant's")."""
    assert holders("Chief executive Imogen Tarrant's hand-wringing apology is too little.") == [
        Holder("imogen tarrant", "chief executive", "")]
    assert other_holder("Chief executive Imogen Tarrant apologised.",
                        "Chief executive Imogen Tarrant’s apology came a week late.", "",
                        same_statement=True) is None


@pytest.mark.parametrize(("claim", "sentence", "expected"), [
    # the claim's person holds, by the source, an office at another named organisation
    ("Tomas Reyna is leading the Coastal Survey Office's review of the collapse.",
     "Dunwick Harbour's finance director, Tomas Reyna, said costs would rise.",
     ("tomas reyna, leader at coastal survey office", "finance director at dunwick harbour")),
    ("Elin Marsh is in charge of Pendle Valley Rowing Club.",
     "Elin Marsh, chair of Tarnside Canoe Society, said the river was too high.",
     ("elin marsh, leader at pendle valley rowing club", "chair at tarnside canoe society")),
    # the same body, by a word of its name or by its initials: no conflict
    ("Elin Marsh is in charge of Pendle Valley Rowing Club.",
     "Elin Marsh, chair of Pendle Rowing, said the river was too high.", None),
    ("The PVRC's secretary, Elin Marsh, praised the crew.",
     "Pendle Valley Rowing Club's secretary, Elin Marsh, praised the crew.", None),
    # a body named by its kind ("the club's") may be any club; a claim naming no body
    ("The Pendle Valley Rowing Club's secretary, Elin Marsh, resigned.",
     "Elin Marsh, the club's secretary, resigned on Friday.", None),
    ("Tomas Reyna is leading the review.",
     "Dunwick Harbour's finance director, Tomas Reyna, said costs would rise.", None),
    # a capital opening the office mid-text is part of it, no body ("Chief executive"):
    # found on a dev story summary, checked against two sentences read together
    ("Dunwick Harbour's chief executive, Tomas Reyna, resigned.",
     "The board met on Friday. Chief executive Tomas Reyna quit on Sunday.", None),
    # another person at another body is no post of the claim's person
    ("Elin Marsh is in charge of Pendle Valley Rowing Club.",
     "Ruth Marsh, chair of Tarnside Canoe Society, is no relation.", None),
])
def test_the_claims_person_holding_an_office_at_another_organisation(
    claim: str, sentence: str, expected: tuple[str, str] | None
) -> None:
    assert other_post(claim, sentence) == expected


@pytest.mark.unit
def test_leading_a_named_body_is_its_leaders_office() -> None:
    """Found on a dev story: the leader of the claim's team is named beside a namesake of the
    claim's person, who leads another team ("no relation of ... team leader Morag Haldane")."""
    claim = "Ian Cole is in charge of the Brack Fell Rescue Team."
    assert claimed_holder(claim) == Holder("ian cole", "leader", "brack fell rescue team")
    sentence = "Their leader, Ian Cole, no relation of Brack team leader Ann Cole, said so."
    assert other_holder(claim, sentence, lead="") == ("ian cole", "ann cole")


@pytest.mark.unit
def test_another_exclusive_office_at_the_claims_organisation_is_a_conflict() -> None:
    """Found in a newcomer trial: "Marcus Tellwright is SwiftParcel's finance director"
    against "Chief executive Marcus Tellwright" in an article about SwiftParcel."""
    claim = "Nina Ross is Harlow Foods' finance director."
    lead = "harlow foods cuts 200 jobs. harlow foods said on monday"
    assert other_post(claim, "Chief executive Nina Ross said the cuts were painful.", lead) == (
        "nina ross, finance director", "chief executive")
    # the same office, or an office any holder may take (spokesman, leader): no conflict
    assert other_post(claim, "Finance director Nina Ross said costs rose.", lead) is None
    assert other_post("Nina Ross is the chief executive of Harlow Foods.",
                      "Nina Ross, who leads the review, said costs rose.", lead) is None
    # an article about another company says nothing of her office at Harlow Foods
    assert other_post(claim, "Chief executive Nina Ross said the cuts were painful.",
                      "kelby mills closes its doors") is None


@pytest.mark.unit
@pytest.mark.parametrize(("claim", "sentence", "expected"), [
    # the office said in the passive, in the claim or the sentence (dev torvane: "The AT-311
    # trial is led by Dr Fiona Calder" against "Professor Niamh Calder-Roe, who leads the
    # trial" and "The trial's lead, Professor Niamh Calder-Roe")
    ("The Kelby flood inquiry is led by Dr Sam Orme.",
     "Professor Lena Hartley, who leads the inquiry, said it would report in May.",
     ("sam orme", "lena hartley")),
    ("The Kelby flood inquiry is led by Dr Sam Orme.",
     "The inquiry's lead, Professor Lena Hartley, said it would report in May.",
     ("sam orme", "lena hartley")),
    ("Dr Sam Orme leads the flood inquiry.",
     "The inquiry, which is being chaired by Lena Hartley, will report in May.", None),
    ("The flood inquiry is chaired by Dr Sam Orme.",
     "The inquiry, which is being chaired by Lena Hartley, will report in May.",
     ("sam orme", "lena hartley")),
    # the claim's own person in the passive: no one else
    ("The Kelby flood inquiry is led by Dr Sam Orme.",
     "The inquiry is being led by Dr Sam Orme and two engineers.", None),
])
def test_an_office_said_in_the_passive(claim: str, sentence: str,
                                       expected: tuple[str, str] | None) -> None:
    assert other_holder(claim, sentence, lead="") == expected


@pytest.mark.unit
def test_an_office_with_a_department_after_it() -> None:
    """dev vellmoor: "Marisol Quaye is Vellmoor Toys' head of product safety" against
    "Marisol Quaye, director of enforcement at the NCSO" and "..., who heads enforcement at
    the NCSO": a department named after the office, the body after "at"."""
    assert claimed_holder("Omar Hale is Kelby Mills' head of quality control.") == Holder(
        "omar hale", "quality control head", "kelby mills")
    assert holders("Omar Hale, director of inspections at the FSRA, said so.") == [
        Holder("omar hale", "inspections director", "fsra")]
    claim = "Omar Hale is Kelby Mills' head of quality control."
    assert other_post(claim, "Omar Hale, director of inspections at the FSRA, said so.") == (
        "omar hale, quality control head at kelby mills", "inspections director at fsra")
    assert other_post(claim, "Omar Hale, who heads inspections at the FSRA, said so.") == (
        "omar hale, quality control head at kelby mills", "leader at fsra")
    # "director of finance" is the finance director
    assert other_holder("Tom Reyes is the director of finance at Kelby Port.",
                        "Kelby Port's finance director, Ana Ruiz, said costs rose.",
                        lead="") == ("tom reyes", "ana ruiz")
    # a capitalised name after "of" is the organisation, no department
    assert holders("Colin Drury, managing director of Sentinel Vale Security, spoke.") == [
        Holder("colin drury", "managing director", "sentinel vale security")]


@pytest.mark.unit
def test_its_office_belongs_to_the_subject_of_the_sentence_before() -> None:
    """A science newcomer (session 60): "The Chemical Processors' Association ... called the
    findings alarmist. Its chief executive, Diane Sutter, said ..." puts Diane Sutter at the
    association, not at the article's chemical company."""
    before = "The Orchard Growers' Federation, which speaks for farms, called the plan rushed."
    sentence = "Its chief executive, Ruth Amble, said the levy had not been costed."
    claim = "Ruth Amble is the chief executive of Kelby Cider."
    assert other_post(claim, sentence, before=before) == (
        "ruth amble, chief executive at kelby cider",
        "chief executive at orchard growers' federation")
    assert other_post(claim, sentence) is None  # "its" alone names no body
    # another person in the office there is no rival of the claim's office at Kelby Cider,
    # whatever the article's lead names
    rival = "Tom Reyes is the chief executive of Kelby Cider."
    assert other_holder(rival, sentence, lead="kelby cider", before=before) is None
    assert other_holder(rival, sentence, lead="kelby cider") == ("tom reyes", "ruth amble")
    # and when the sentence before names the claim's organisation, it is one
    assert other_holder(rival, sentence, lead="", before="Kelby Cider has cut 40 jobs.") == (
        "tom reyes", "ruth amble")


def test_an_office_held_then_by_another_refutes_the_claim() -> None:
    """A newcomer's fraud trial (session 71): "Neil Ashdown, then the council's director of
    resources" was no holder, so "Tallow was the council's director of resources" was
    not_enough_info. Invented wording."""
    from agent.verification.checks import compare

    sentence = ("The treasurer said his line manager, Ruth Kell, then the trust's head of "
                "finance, had signed off the payments.")
    assert [(h.person, h.office) for h in holders(sentence)][:1] == [
        ("ruth kell", "finance head")]
    told = compare("Owen Pryce was the trust's head of finance.", sentence,
                   lead="marwood hospitals trust")
    assert [c.describe() for c in told.conflicts] == [
        "holder: claim owen pryce vs source ruth kell"]
