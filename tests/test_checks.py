"""Deterministic claim-vs-evidence signals (agent/verification/checks.py) and the stance they
give with the model's probabilities (agent/verification/stance.py)."""

from __future__ import annotations

import pytest

from agent.text.analysis import stems
from agent.text.facts import event_places, months, places, weekdays
from agent.text.polarity import negated
from agent.text.speakers import attribution
from agent.verification.checks import compare
from agent.verification.claims import attribution_of
from agent.verification.stance import combine


def test_months_weekdays_and_may_is_a_month_only_in_date_context() -> None:
    assert months("In mid-April and Sept. 3") == {"april", "september"}
    assert months("She may resign") == set()
    assert months("on 4 May 2021") == {"may"}
    assert weekdays("said on Sunday") == {"sunday"}


@pytest.mark.parametrize(
    ("text", "neg"),
    [
        ("The board did not approve the plan", True),
        ("The board rejected the plan", True),
        ("They will never accept it", True),
        ("The board approved the plan", False),
        # "Opposition" as a title is the political opposition, not a refusal ...
        ("Opposition MP Ana Ruiz voted for the budget", False),
        ("The opposition leader spoke first", False),
        # ... but with an object it is one, like the verb.
        ("The union's opposition to the plan hardened", True),
        ("Residents are opposing the scheme", True),
    ],
)
def test_negated(text: str, neg: bool) -> None:
    assert negated(text) is neg


def test_places_skip_adjectives_possessives_and_dates() -> None:
    assert places("He spoke at a rally in Ohio on Monday.") == {"ohio"}
    assert places("tariffs on Canadian imports") == set()
    assert places("in Ana's view") == set()
    assert "air force one" in places("told reporters aboard Air Force One.")
    assert event_places("During a summit in Lisbon, the minister said taxes will rise.") == {
        "lisbon"
    }


def test_attribution_finds_the_speaker_or_none() -> None:
    assert attribution("The mayor is corrupt, Smith said on Friday.") == "Smith"
    assert attribution("Lee expressed anger at Kim's plan, stating that it would fail.") == "Lee"
    assert attribution("“It will fail,” she said.") == "someone"
    assert attribution("The bridge reopened in June.") is None
    # Scare quotes around a short term are not reported speech.
    assert attribution("The group was labelled a “terrorist organization” in May.") is None


def test_number_mismatch_on_the_same_thing_is_a_conflict() -> None:
    sig = compare("The storm killed 50 people", "The storm killed 29 people, officials confirmed.")
    assert sig.hard_conflict and sig.conflicts[0].kind == "number"
    assert sig.conflicts[0].claim_values == ("50",) and sig.conflicts[0].source_values == ("29",)
    assert str(sig.conflicts[0]) == "number: claim 50 vs source 29"
    assert combine("supports", sig) == "refutes"  # the model's agreement is overridden


def test_number_present_is_no_conflict_and_supports() -> None:
    sig = compare("The storm killed 29 people", "Officials said the storm killed 29 people.")
    assert not sig.conflicts and not sig.missing_numbers
    assert combine("supports", sig) == "supports"


def test_missing_number_blocks_support_without_refuting() -> None:
    sig = compare("The council hired 40 inspectors", "The council hired new inspectors last year.")
    assert sig.missing_numbers and not sig.hard_conflict
    assert combine("supports", sig) == "silent"


def test_month_mismatch_refutes() -> None:
    sig = compare("The law was passed in June", "The law was passed in March after a long debate.")
    assert any(c.kind == "month" for c in sig.conflicts)
    assert combine("supports", sig) == "refutes"


def test_month_in_previous_sentence_counts_as_present() -> None:
    sig = compare(
        "The city hired 12 nurses in March",
        "That same month, the city hired 12 nurses.",
        context="In March, the council approved the budget.",
    )
    assert not sig.missing_numbers


def test_negation_flip_refutes_even_if_model_is_silent() -> None:
    sig = compare(
        "The company accepted the buyout offer", "The company rejected the buyout offer on Friday."
    )
    assert sig.polarity_conflict
    assert combine("silent", sig) == "refutes"
    same = compare("The company turned down the offer", "The company rejected the buyout offer.")
    assert not same.polarity_conflict


def test_negation_elsewhere_in_the_sentence_is_ignored() -> None:
    sig = compare(
        "Ana is tired of the meetings",
        "Ana is a good boss, but she is so tired of the meetings that she cannot think.",
    )
    assert not sig.polarity_conflict


@pytest.mark.parametrize(
    ("claim", "evidence", "conflict"),
    [
        # A negation of something the claim does not say is no polarity conflict.
        (
            "Graham Pellow was found guilty of four counts of fraud.",
            "Pellow showed no emotion as the jury found him guilty of four counts of fraud.",
            False,
        ),
        (
            "The mayor signed the contract with the builders.",
            "The mayor, showing no sign of nerves, signed the contract with the builders.",
            False,
        ),
        (
            "Opposition MP Tom Garside claimed the flood wall had been shelved to save money.",
            "Opposition MP Tom Garside claimed that the flood wall had been shelved to save money.",
            False,
        ),
        # A negation of what the claim says still is one.
        (
            "The mayor signed the contract with the builders.",
            "The mayor did not sign the contract with the builders.",
            True,
        ),
        (
            "The jury found Pellow guilty of fraud.",
            "The jury found Pellow not guilty of fraud.",
            True,
        ),
    ],
)
def test_polarity_conflict_needs_a_negation_of_what_the_claim_says(
    claim: str, evidence: str, conflict: bool
) -> None:
    assert compare(claim, evidence).polarity_conflict is conflict


def test_model_refutes_needs_a_signal_or_high_relevance() -> None:
    weak = compare("The mayor opened the new library", "The mayor spoke about schools.")
    assert combine("refutes", weak) == "silent"  # counters the small model's refuted-lean


def test_place_conflict_same_speaker_elsewhere() -> None:
    claim = "Governor Reyes made the remarks at a rally in Ohio"
    sig = compare(claim, "During a press briefing in Texas, Reyes said the plan would pass.")
    assert any(c.kind == "place" for c in sig.conflicts)
    other = compare(claim, "During a press briefing in Texas, Lopez said the plan would pass.")
    assert not other.conflicts  # another speaker's venue is no conflict


def test_reported_only_support_is_marked() -> None:
    sig = compare(
        "The minister took bribes", "“He took bribes,” opposition leader Diaz said of the minister."
    )
    assert sig.attributed_to == "Diaz"
    stated = compare("The minister took bribes", "The minister took bribes, a court found.")
    assert stated.attributed_to is None


def test_attributed_claim_needs_reported_speech() -> None:
    sig = compare("Diaz said the minister took bribes", "The minister took bribes from builders.")
    assert combine("supports", sig, claim_speaker="Diaz") == "silent"
    speech = compare(
        "Diaz said the minister took bribes", "“He took bribes,” Diaz said of the minister."
    )
    assert combine("supports", speech, claim_speaker="Diaz") == "supports"
    # Someone else saying it does not show that Diaz said it.
    other = compare(
        "Diaz said the minister took bribes", "“He took bribes,” Ruiz said of the minister."
    )
    assert combine("supports", other, claim_speaker="Diaz") == "silent"


@pytest.mark.parametrize(
    ("sentence", "quote", "other"),
    [
        # The subject swapped: the source gives the action to someone else.
        (
            "President Trump rejected US troops on Mexican soil.",
            "Mexican President Sheinbaum firmly rejected Trump’s offer to send US troops.",
            "mexican sheinbaum",
        ),
        (
            "President Trump announced he rejected a bold offer made by Donald Trump.",
            "Cartels were relieved after President Claudia Sheinbaum announced she rejected "
            "a bold offer made by President Donald Trump.",
            "claudia sheinbaum",
        ),
        # Same actor (with or without title and first name), or the quote does not say.
        ("Sheinbaum rejected the offer.", "President Claudia Sheinbaum rejected it.", None),
        ("The Ministry of Health announced rules.", "The Ministry of Health announced it.", None),
        ("Trump rejected the plan.", "The plan was rejected by the council.", None),
        ("He rejected the plan.", "Sheinbaum rejected the plan.", None),
    ],
)
def test_actor_mismatch_catches_swapped_subjects(
    sentence: str, quote: str, other: str | None
) -> None:
    from agent.text.actors import actor_mismatch

    assert actor_mismatch(sentence, [quote]) == other


def test_summary_sentence_with_swapped_subject_is_flagged() -> None:
    from agent.generation.summarize import lexical_check

    quote = "Mexican President Sheinbaum firmly rejected Trump’s offer to send US troops to Mexico."
    ok, flag = lexical_check("President Trump rejected US troops to Mexico.", [quote], "agreement")
    assert not ok and flag is not None and "sheinbaum" in flag
    ok, _ = lexical_check("Sheinbaum rejected Trump’s offer of US troops.", [quote], "agreement")
    assert ok


@pytest.mark.parametrize(
    ("claim", "evidence", "supports"),
    [
        # The claim names the speaker by role; the sentence names them and gives the role.
        (
            "The union's regional organiser said members had warned about the leaks for months.",
            '"Our members warned about the leaks for months," said Declan Foyle, the union\'s '
            "regional organiser.",
            True,
        ),
        (
            "The head of the Marsh Traders' Association said trade had fallen by a third.",
            "Ruth Kemp, who chairs the Marsh Traders' Association, said trade had fallen "
            "by a third.",
            True,
        ),
        # Another role: someone else speaks.
        (
            "The union's national officer said members had warned about the leaks for months.",
            '"Our members warned about the leaks for months," said Declan Foyle, the union\'s '
            "regional organiser.",
            False,
        ),
    ],
)
def test_a_speaker_named_by_role_is_the_sentence_speaker_with_that_role(
    claim: str, evidence: str, supports: bool
) -> None:
    sig = compare(claim, evidence)
    speaker = attribution_of(claim)
    assert speaker is not None
    stance = combine("supports", sig, claim_speaker=speaker.speaker)
    assert (stance == "supports") is supports


def test_a_plain_claim_stated_by_a_speaker_stays_attributed_to_them() -> None:
    """The claim's subject is in the sentence (it is about the claim); that does not make the
    sentence's speaker the claim's subject (shared/cases/04's kind)."""
    sig = compare(
        "The Harbour bridge has been declared safe by the county engineers.",
        "Contractor Bexley Ltd said on Monday that the Harbour bridge has been declared safe "
        "by the county engineers.",
    )
    assert sig.attributed_to is not None and "Bexley" in sig.attributed_to
    assert not sig.same_speaker


def test_a_claim_about_what_someone_said_reads_the_negation_in_their_quote() -> None:
    """'X said that P' against a sentence quoting X saying not-P: the quote is the content.
    For a plain claim the quote stays the speaker's, not the sentence's, stance."""
    quote = '"The library is not for sale," Mayor Ana Ruiz told the meeting.'
    said = compare("Mayor Ana Ruiz said that the library is for sale.", quote)
    assert said.polarity_conflict
    assert combine({"supports": 0.9, "refutes": 0.05, "silent": 0.05}, said) != "supports"
    plain = compare("The library is for sale.", 'Protesters shouted "the library is not for sale."')
    assert not plain.polarity_conflict


def test_a_day_that_names_a_thing_is_no_day_of_the_event() -> None:
    from agent.text.facts import event_weekdays

    assert event_weekdays("The mayor answered a Friday letter from residents.") == set()
    assert event_weekdays("The Monday meeting was moved to Tuesday.") == {"tuesday"}
    assert event_weekdays("On Friday, the mayor answered the letter.") == {"friday"}
    claim = "The mayor spoke at the depot on Saturday."
    naming = compare(claim, "At the depot, the mayor spoke about a Friday letter from staff.", 0.7)
    assert not [c for c in naming.conflicts if c.kind == "day"]
    # the same event on another day is still a conflict
    other_day = compare(claim, "The mayor spoke at the depot on Friday.", 0.7)
    assert [c.describe() for c in other_day.conflicts] == ["day: claim saturday vs source friday"]


def test_another_speakers_day_does_not_date_the_claims_event() -> None:
    claim = "The mayor spoke at the depot on Saturday."
    told = compare(claim, "Ana Ruiz said on Sunday that the mayor spoke at the depot.", 0.7)
    assert not [c for c in told.conflicts if c.kind == "day"]
    own = compare(claim, "The mayor said on Sunday that she spoke at the depot.", 0.7)
    assert [c.kind for c in own.conflicts] == ["day"]


def test_a_day_of_a_thing_the_claim_is_about_still_counts() -> None:
    claim = "The inspectors' report on the depot was published on Tuesday."
    # the report itself is dated here: another day for it is a conflict ...
    named = compare(claim, "The mayor answered a Monday report from the inspectors on the depot.",
                    0.7)
    assert [c.describe() for c in named.conflicts] == ["day: claim tuesday vs source monday"]
    # ... also when the sentence reports someone's words about it, on another day
    told = compare(claim, "The mayor's remarks followed an inspectors' report on Wednesday "
                   "alleging delays at the depot.", 0.7)
    assert [c.describe() for c in told.conflicts] == ["day: claim tuesday vs source wednesday"]


def test_an_announcement_is_a_speech_act_with_a_place() -> None:
    claim = "Ana Ruiz announced the cuts at a rally in Leeds."
    other_place = compare(claim, "In remarks to a school in York, Ana Ruiz defended the cuts.", 0.4)
    assert [c.describe() for c in other_place.conflicts] == ["place: claim leeds vs source york"]
    assert event_places("Ruiz announced the cuts in York on Monday.") == {"york"}


def test_an_occasion_in_the_claim_says_where_its_subject_was() -> None:
    # No speech word in the claim, but "held a rally in Texas" says where Hale was; a
    # sentence with Hale speaking at another venue is that detail given otherwise
    # (newcomer fault 14, session 10), even when "aides said" reports it.
    claim = "Senator Hale held a rally in Texas on Friday."
    sig = compare(claim, "Hale spoke at a university event on Friday, aides said.", 0.5)
    assert [c.kind for c in sig.conflicts] == ["place"]
    same = compare(claim, "Hale said at a rally in Texas on Friday that taxes would fall.", 0.5)
    assert not same.conflicts
    visit = compare("Hale visited a school in Texas.", "Hale spoke at a university event.", 0.5)
    assert not visit.conflicts  # a visit is no occasion: nothing says where he spoke


def test_a_claims_first_word_is_a_subject_to_find_only_when_it_is_a_name() -> None:
    claim = "Around 120 scientists and engineers work on the Kittiwake mission."
    evidence = "About 120 scientists and engineers from nine countries work on the mission."
    article = stems(f"{evidence} The Kittiwake probe reached the comet.")
    known = frozenset({"kittiwake"})
    # "Around" is no one the article must name
    assert not compare(claim, evidence, 0.8, "", article, known_names=known).missing_numbers
    # a name the article never gives is still missing ("Canada refused" in an article
    # about Mexico says nothing of Canada)
    named = "Canada refused the offer of troops."
    other = "Mexico refused the offer of troops on Saturday."
    assert compare(named, other, 0.8, "", stems(other),
                   known_names=frozenset({"canada", "mexico"})).missing_numbers


def test_a_sentence_stating_the_claims_figures_may_support_a_looser_paraphrase() -> None:
    claim = "Drivers are being sent on an 11-mile detour."
    evidence = "Drivers face an 11-mile diversion via Hexley Bridge, adding 25 minutes."
    sig = compare(claim, evidence, 0.5)
    assert sig.figures_stated and sig.coverage < 0.4
    assert combine({"supports": 0.8, "refutes": 0.1, "silent": 0.1}, sig) == "supports"
    # the same wording without the figure is no support
    plain = compare("Drivers are being sent on a detour.",
                    "Drivers face a diversion via Hexley Bridge, adding 25 minutes.", 0.5)
    assert not plain.figures_stated
    assert combine({"supports": 0.8, "refutes": 0.1, "silent": 0.1}, plain) == "silent"


def test_a_verb_and_its_particle_match_their_compound_noun() -> None:
    assert "walko" in stems("Around 420 staff walked out at 4am.")
    sig = compare("Roughly 420 staff are taking part in the walkout.",
                  "Around 420 staff walked out at dawn.", score=0.5)
    assert sig.matched == 2 and sig.figures_stated


def test_a_sentence_that_only_names_the_claims_people_does_not_support_it() -> None:
    claim = "Dana Holt Okafor has backed the call for a recount."
    names_only = "Turnout rose, with independent Dana Holt Okafor on 8.8%."
    sig = compare(claim, names_only, score=0.8)
    assert sig.coverage >= 0.4 and sig.relation_coverage < 0.2
    assert combine({"supports": 0.9, "refutes": 0.05, "silent": 0.05}, sig) != "supports"
    said = compare(claim, "Dana Holt Okafor backed the call for a recount on Monday.", score=0.8)
    assert combine({"supports": 0.9, "refutes": 0.05, "silent": 0.05}, said) == "supports"


@pytest.mark.unit
def test_a_source_figure_that_gives_one_claim_figure_is_no_rival_of_another() -> None:
    """The source's 4.5% is the offer the claim also gives, not a version of its 9% demand."""
    claim = "The offer is 4.5 per cent, half the 9 per cent the union is demanding."
    sig = compare(claim, "The operator has offered 4.5 per cent, backdated to April.")
    assert not sig.conflicts
    # a source figure that gives no claim figure still contradicts one
    sig = compare(claim, "The operator has offered 3 per cent; the union wants 9 per cent.")
    assert [c.kind for c in sig.conflicts] == ["number"]
