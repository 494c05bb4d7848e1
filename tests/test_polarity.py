"""Word-level negation: what a claim negates, and what a sentence affirms on its own."""

from __future__ import annotations

import pytest

from agent.text.analysis import analyze, stem, stems
from agent.text.polarity import negated, negated_about, negation_scopes, split_by_polarity
from agent.verification.checks import compare
from agent.verification.stance import combine


@pytest.mark.parametrize(
    ("claim", "scope", "absence"),
    [
        ("The two cities cannot cooperate on water.", "cooperate", False),
        (
            "The mayor said the council would refuse to publish the audit.",
            "publish the audit",
            False,
        ),
        ("The firm denied that it had hired lobbyists.", "it had hired lobbyists", False),
        ("All of the new fees apply to every resident, with no exemptions.", "exemptions", True),
        ("The governor did not sign the bill into law.", "sign the bill", False),
    ],
)
def test_a_negation_reaches_the_words_after_it(claim: str, scope: str, absence: bool) -> None:
    assert [(s.text, s.absence) for s in negation_scopes(claim)] == [(scope, absence)]


def test_a_refusal_with_an_object_opens_no_scope() -> None:
    # Rejecting an offer does not deny that there was one.
    assert negation_scopes("The union rejected the offer of a 3% raise.") == []


def test_parts_of_a_sentence_have_their_own_polarity() -> None:
    affirmed, denied = split_by_polarity(
        "We can publish the audit, but we will never accept outside auditors."
    )
    assert "publish" in affirmed and "accept" in denied
    # A relative clause that negates negates its antecedent.
    affirmed, _ = split_by_polarity("The offer, which the union rejected, was generous.")
    assert "offer" not in affirmed
    # An infinitive affirms nothing: pressing someone to publish is not publishing.
    affirmed, _ = split_by_polarity("Critics pressed the council to publish the audit.")
    assert "publish" not in affirmed


def test_affirming_what_the_claim_denies_refutes_unless_the_model_is_sure_it_supports() -> None:
    # No hard veto (measured 0 of 1 on the dev stories): a confident "supports" leaves the
    # sentence silent, never supporting; any other judgement refutes.
    claim = "The two cities cannot cooperate on water."
    sig = compare(claim, "Both mayors said the two cities cooperate on water, but never on roads.")
    assert sig.negation_flip and sig.polarity_conflict
    assert combine("supports", sig) == "silent"
    for model in ("refutes", "silent", None):
        assert combine(model, sig) == "refutes"
    agrees = compare(claim, "The two cities cannot cooperate on water, the mayors said.")
    assert not agrees.negation_flip


def test_a_sentence_silent_about_the_exemptions_cannot_support_their_absence() -> None:
    claim = "The new fees apply to every resident, with no exemptions."
    sig = compare(claim, "The new fees apply to every resident of the city.", score=0.8)
    assert sig.missing_numbers  # the claim's detail is not there
    assert combine("supports", sig) == "silent"
    exempt = compare(claim, "The new fees apply to residents, and some are exempted.", score=0.8)
    assert combine("supports", exempt) != "supports"
    assert combine(None, exempt) == combine("refutes", exempt) == "refutes"


def test_what_an_absence_denies_is_the_thing_not_its_verb() -> None:
    # "no wilt has turned up": a sentence that finds no wilt says it, in its own verb
    # (new dev story tollan c05); one that never names the wilt still does not.
    claim = "So far no wilt has turned up in the Tallan Valley."
    assert not compare(claim, "Surveys have so far found no wilt in the Tallan Valley.",
                       score=0.8).missing_numbers
    assert compare(claim, "Surveys have so far found nothing in the Tallan Valley.",
                   score=0.8).missing_numbers


def test_the_claims_subject_must_occur_in_the_evidence_article() -> None:
    claim = "Peru also rejected the proposed mining deal."
    sentence = "Chile rejected the proposed mining deal on Monday."
    elsewhere = compare(claim, sentence, 0.8, article_terms=stems("Chile rejected the deal."))
    assert elsewhere.missing_numbers
    assert combine("supports", elsewhere) == "silent"
    named = compare(claim, sentence, 0.8, article_terms=stems("Peru and Chile both rejected it."))
    assert not named.missing_numbers


def test_a_sentence_pointing_back_is_read_with_the_one_before() -> None:
    claim = "The Daily Post reported that the mayor met union leaders in mid-June."
    before = "The mayor's remarks followed a Daily Post article saying she met union leaders."
    sentence = "The article described a meeting in mid-April, officials said."
    alone = compare(claim, sentence, 0.4)
    assert not alone.conflicts  # on its own it is not visibly about the claim
    read_together = compare(claim, sentence, 0.4, context=before)
    assert [c.describe() for c in read_together.conflicts] == ["month: claim june vs source april"]
    # A name is no back-reference: "The Post" does not lean on the sentence before.
    named = compare(claim, "The Post described a meeting in mid-April.", 0.4, context=before)
    assert not named.conflicts


def test_two_negations_cancel_out() -> None:
    assert negated("The union rejected the offer.")
    assert not negated("The union did not reject the offer.")
    assert not negated("The mayor never denied it.")
    claim = "The union did not reject the offer of a 3% raise."
    sig = compare(claim, "The union rejected the offer of a 3% raise on Monday.", 0.8)
    assert sig.polarity_conflict
    assert combine("supports", sig) == "refutes"
    assert negation_scopes(claim) == []  # "not reject" negates nothing after it


def test_the_stemmer_folds_common_endings() -> None:
    assert stem("sending") == stem("send") and stem("sharing") == stem("share")
    assert stem("deployed") == stem("deploy") and stem("located") == stem("locate")
    # a consonant doubled before the ending ("banned from football" / "a two-year ban")
    assert stem("banned") == stem("ban") and stem("admitted") == stem("admit")
    assert stem("stopping") == stem("stop") and stem("planned") == stem("plan")
    # but not one the word has itself, nor a word too short to have doubled it
    assert stem("called") == stem("call") and stem("passed") == stem("pass")
    assert stem("added") == "add"


def test_that_same_month_is_the_month_of_the_sentence_before() -> None:
    claim = "The port authority fined 12 shipping firms in March."
    before = "In February, the port authority opened an inquiry into shipping firms."
    sentence = "That same month, the port authority fined 12 shipping firms."
    assert [c.describe() for c in compare(claim, sentence, 0.8, context=before).conflicts] == [
        "month: claim march vs source february"
    ]


def test_every_word_of_the_subject_must_occur_in_the_article() -> None:
    claim = "Peru's Senate voted to reject the mining deal."
    sentence = "Peru rejected the mining deal on Monday."
    sig = compare(claim, sentence, 0.8, article_terms=stems("Peru rejected the mining deal."))
    assert sig.missing_numbers  # the article never mentions a senate


def test_a_reporting_verb_is_not_a_polarity_term() -> None:
    # "stated" must not dilute the clause match: the source denies what the claim asserts.
    sig = compare(
        "Ana Ruiz stated that the bridge can be reopened.",
        "The bridge cannot be reopened, Ruiz said.",
    )
    assert sig.polarity_conflict


def test_a_refusal_of_something_else_is_no_negation_of_the_claim() -> None:
    """ "an injunction to halt the strike" refuses the strike, not the application."""
    claim = "Harlow Port Ltd applied to the High Court for the injunction."
    sentence = ("Harlow Port Ltd applied to the High Court on Monday for an injunction to halt "
                "the strike, arguing that the notice contained errors.")
    assert not compare(claim, sentence, 0.8).polarity_conflict
    # a refusal of what the claim is about still negates it; a bare refusal negates
    assert negated_about("The board blocked the merger.", lambda scope: "merger" in scope)
    assert not negated_about("It sought an injunction to halt the strike.",
                             lambda scope: "injunction" in scope)
    assert negated_about("The board declined.", lambda scope: False)


def test_what_is_set_aside_is_denied_not_stated() -> None:
    affirmed, denied = split_by_polarity(
        "That Juniper was finally darted rather than shot is a credit to the park's vet.")
    assert "shot" in denied and "shot" not in affirmed and "darted" in affirmed
    assert split_by_polarity("The court gave a warning instead of a fine.")[1] == "a fine"
    sig = compare("Juniper was not shot.",
                  "That Juniper was finally darted rather than shot is a credit to the vet.", 0.8)
    assert not sig.negation_flip and not sig.polarity_conflict


def test_no_fewer_than_is_a_bound_not_a_negation() -> None:
    assert not negated("A safe rota needs no fewer than ten consultants.")
    assert not negated("Not more than 40 people came.")
    assert negated("There were no more buses that night.")


@pytest.mark.parametrize(("claim", "evidence"), [
    ("Coach Ben Ortiz has refused to apologise to the players.",
     "Head coach Ben Ortiz apologised to the players and their families on Friday."),
    ("The port authority has not denied that its dredging caused the collapse.",
     "The port authority has denied that its dredging caused the collapse."),
])
def test_a_negation_flip_refutes_unless_the_model_is_sure_it_supports(claim: str,
                                                                    evidence: str) -> None:
    """dev ravensholt: the small model gave P(supports) 0.44 to "Chief Constable Helen
    Brandreth apologised ..." for "Helen Brandreth has refused to apologise"."""
    sig = compare(claim, evidence, score=0.8)
    assert sig.polarity_conflict
    assert combine({"supports": 0.45, "refutes": 0.4, "silent": 0.15}, sig) == "refutes"
    assert combine({"supports": 0.65, "refutes": 0.25, "silent": 0.1}, sig) == "refutes"


def test_a_model_sure_the_sentence_supports_outweighs_a_negation_flip() -> None:
    sig = compare("Coach Ben Ortiz has refused to apologise to the players.",
                  "Head coach Ben Ortiz apologised to the players and their families on Friday.",
                  score=0.8)
    assert sig.polarity_conflict
    assert combine({"supports": 0.9, "refutes": 0.05, "silent": 0.05}, sig) == "silent"


@pytest.mark.unit
@pytest.mark.parametrize(("claim", "stated"), [
    ("Councillor Okafor denied hiding the losses from the audit committee.",
     "Council leader Ade Okafor has cut the budget again, pointing to losses that he himself "
     "hid from the audit committee until June."),
    ("Coach Dana Reyes denied ignoring the players' complaints.",
     "Reyes ignored the players' complaints for months, the report found."),
])
def test_a_claim_of_a_denial_is_not_contradicted_by_the_act_it_denies(
    claim: str, stated: str,
) -> None:
    """"X denied doing P" is about the denial: a column stating P does not say it was not
    made."""
    assert analyze(claim).denies
    sig = compare(claim, stated, 0.8)
    assert not sig.polarity_conflict and not sig.negation_flip


@pytest.mark.unit
def test_a_report_of_the_denial_a_claim_tells_backs_it() -> None:
    """"denied the union's accusation" is a denial too: the sentence that reports it is not
    set aside as "it only reports a denial"."""
    claim = "Okafor denied the council's allegation that he misled auditors."
    assert analyze(claim).denies
    report = "Okafor denied the allegation, saying the auditors had every document."
    assert not compare(claim, report, 0.8).denial


@pytest.mark.unit
def test_a_verbs_negation_is_not_contradicted_by_its_object_affirmed_elsewhere() -> None:
    """A newcomer's theatre story: "declined to renew a grant" was flipped by "The council
    is ending its annual grant ..., and the Arts Board has not renewed its award": the
    negation is of renewing, and the sentence does not renew either."""
    claim = "The Arts Board declined to renew a grant worth £1.2m."
    sentence = ("The council is ending its £450,000 annual grant, and the Arts Board has not "
                "renewed its £1.2m award.")
    sig = compare(claim, sentence, 0.8)
    assert not sig.negation_flip and not sig.polarity_conflict
    # the verb itself affirmed still flips it
    assert compare(claim, "The Arts Board renewed its £1.2m grant on Monday.", 0.8).negation_flip
