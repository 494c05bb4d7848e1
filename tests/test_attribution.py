"""Who a sentence's content is attributed to (agent.text.speakers.attribution) and who acts in
it: one party's accusation or a hedged clause is no statement of fact, and a capitalised
common word opening a sentence is no actor."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from agent.app import App
from agent.text.speakers import attribution
from agent.types import Citation
from agent.verification.checks import compare
from agent.verification.claims import Attribution, attribution_of
from agent.verification.signals import Signals
from agent.verification.stance import combine, support_gate
from agent.verification.verdicts import EvidenceItem, decide


def test_an_accused_party_or_a_hedged_subject_is_no_speaker() -> None:
    """One party's accusation is no statement of fact, and the accused is not who speaks it:
    a bare claim about the accused is not backed by "The union accused X of ...", nor by "X
    has reportedly ..." (the writer names no source)."""
    accusation = "The guild also accused Harlow Freight of hiring agency drivers."
    assert attribution(accusation) == "someone"
    hedged = "Harlow Freight, the haulier, has reportedly hired agency drivers."
    assert attribution(hedged) == "someone"
    assert attribution("The insurer stresses that no card details were held.") == "someone"
    claim = "Harlow Freight has hired agency drivers."
    # reported speech: the verdict stage counts it as reported, not stated (and its note
    # names the unnamed accuser by its description)
    assert compare(claim, accusation, score=0.8).attributed_to == "the guild"
    assert compare(claim, hedged, score=0.8).attributed_to == "someone"


@pytest.mark.parametrize(("sentence", "speaker"), [
    # newcomer trial (dev cinderford): a campaign group's claim was verified as fact
    ("They also claim that old batteries in the waste sparked the blaze.", "someone"),
    ("Campaigners argue the bypass is unlawful.", "Campaigners"),
    ("Residents who insist the road is unsafe have marched.", "Residents"),
    # after a name, when a clause follows (a newcomer trial, session 51)
    ("Campaigners at Kelby Water Watch claim the trust has hidden the leak.", "Kelby Water Watch"),
    ("The Orton Residents Association argue the council has ignored them.",
     "Orton Residents Association"),
    ("Hale hopes to claim the title at Orton this weekend.", None),
    # the noun, or a verb that reports nothing, is no reporting
    ("The council rejected its claim that the road is safe.", None),
    ("This claim was rejected by the council.", None),
    ("Volunteers maintain the footpath every spring.", None),
])
def test_a_plural_subjects_reporting_verb_reports(sentence: str, speaker: str | None) -> None:
    assert attribution(sentence) == speaker


@pytest.mark.parametrize(("claim", "speaker"), [
    # an estimate or a cause someone gives is their word (dev brantwick, hallam, tollan)
    ("The rangers put the escape down to a fallen tree.", "The rangers"),
    ("The farmers' union puts the cost of the floods at £3 million.", "The farmers' union"),
    # a thing put somewhere, or put at risk, is no statement
    ("The closure puts 200 jobs at risk.", None),
    ("The vet put the injured fox down.", None),
])
def test_putting_a_figure_or_a_cause_at_something_reports(claim: str,
                                                          speaker: str | None) -> None:
    found = attribution_of(claim)
    assert (found.speaker if found else None) == speaker


def test_cancelled_is_no_reporting_and_an_opening_common_word_is_no_actor() -> None:
    assert attribution("Around 40 operations have been called off this week.") is None
    assert attribution("Trump called her a lovely woman.") == "Trump"
    # "Other passengers" and "Uninjured passengers" open their sentences; neither is a name
    # the articles write mid-sentence, so neither is an actor the other one swaps
    known = frozenset({"brackwater"})
    sig = compare("Uninjured passengers were sheltered at Brackwater Community Centre.",
                  "Other passengers were taken to Brackwater Community Centre.", score=0.8,
                  known_names=known)
    assert sig.other_actor is None


def test_a_speaker_described_is_matched_by_the_head_of_the_description() -> None:
    """ "a dockers' union" is the "Harbour and Dock Workers' Union"; "the winner's agent" is
    "Her agent, Tom Reyes" — the description's head noun, in the reporting sentence."""
    claim = "According to a dockers' union, crew had reported a fault with the crane."
    said = "The Harbour and Dock Workers' Union claimed that crew had reported a crane fault."
    assert compare(claim, said, score=0.8).same_speaker
    claim = "The winner's agent insisted that no leaflet had been printed."
    said = 'Her agent, Tom Reyes, said "no leaflet was ever printed".'
    assert compare(claim, said, score=0.8).same_speaker
    # another speaker whose words hold no such head noun is not the one described
    other = 'The rival camp said "no leaflet was ever printed".'
    assert not compare(claim, other, score=0.8).same_speaker


@pytest.mark.unit
def test_a_speaker_named_after_a_description_of_them_is_the_speaker() -> None:
    quote = ('"Research integrity is not negotiable," said the university\'s provost, '
             "Professor Daniel Oyelaran.")
    assert attribution(quote) == "Professor Daniel Oyelaran"
    assert attribution('"We will appeal," said a spokesman, adding that talks go on.') == "someone"
    # so a claim giving those words to another body is not backed by them
    signals = compare("The research fund declared that research integrity is not negotiable.",
                      quote, 0.6)
    assert not signals.same_speaker and signals.speaker == "Professor Daniel Oyelaran"


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # an organisation's name with "and" in it is one speaker, opening the sentence or not
        ("The Rail and Signal Workers' Union said its drivers would stop working rest days.",
         "Rail and Signal Workers' Union"),
        ("According to the Rail and Signal Workers' Union, the operator is 140 drivers short.",
         "Rail and Signal Workers' Union"),
        # "according to" names the source after it, whatever stands before
        ("The operator is 140 drivers short, according to the Rail and Signal Workers' Union.",
         "Rail and Signal Workers' Union"),
        ("The mayor, according to aides, is furious.", "someone"),
        # two people are not one name
        ("Trump and Sheinbaum said the talks went well.", "Trump"),
        # the verb right after a comma: its speaker follows it, with a description before
        ("The plan is fair, said Ana Ruiz.", "Ana Ruiz"),
        ("The bridge is safe, said council leader Jo Bell.", "Jo Bell"),
        ("The plan is fair, said the union.", "someone"),
        # a speaker described between commas: the name after "said ... that" is said of
        ("Jo Bell, the council's chief planner, said last year that Dunford's bridge was safe.",
         "Jo Bell"),
        # a lone capitalised word opening the sentence, then a description and the name
        # (newcomer trial, session 20: "a claim made by Opposition")
        ("Opposition councillor Raj Mehta said the bill could reach £200,000.", "Raj Mehta"),
        ("Sheinbaum on Sunday told reporters no.", "Sheinbaum"),
        ("Sheinbaum, speaking in Mexico City, said sovereignty is not for sale.", "Sheinbaum"),
        # a possessive opens a role: whose agent speaks is not the speaker (dev, dunmere c13)
        ("Quinn's trainer, Mia Holt, said the horse had been given a banned drug.", "Mia Holt"),
        ("The mill's owners have said the river was never polluted.", "someone"),
        ("Harland's directors have said they will back the offer.", "Harland's directors"),
        # an adjective opening the sentence is no name (newcomer trial, session 43: "a
        # claim made by Local" from "Local fishermen have accused Kestrel ..."); a name is
        ("Angry shopkeepers have accused the council of ignoring them.", "someone"),
        ("Senior nurses told the inquiry that the ward was short of staff.", "someone"),
        ("Harland engineers said the ferry was safe.", "Harland"),
        # a name described between commas before a verb with an object is its subject
        # (newcomer trial, session 44: "a claim made by Mardell", the accused)
        ("Ann Kerr, branch secretary of the Dockers' Union, accused Harland of hiding the "
         "survey.", "Ann Kerr"),
    ],
)
def test_the_speaker_is_named_whole(sentence: str, speaker: str) -> None:
    assert attribution(sentence) == speaker


@pytest.mark.unit
def test_a_party_s_own_statement_does_not_make_a_plain_claim_stated() -> None:
    """Labelling rule 2 (evals/stories/README.md): the bare assertion is not_enough_info when
    its only support is the party's own word; a claim about what the party said is backed
    by it (dev: alder c10, orlam c15 / kestrel c03)."""
    said = "Dorrell told the court the transfers were loans he had always meant to repay."
    plain = compare("Dorrell always meant to repay the money he took.", said, score=0.8)
    assert plain.attributed_to == "Dorrell"
    reported = compare("Dorrell told the court he had always meant to repay the money.", said,
                       score=0.8)
    assert reported.attributed_to is None
    described = compare("Union official Kay Lund described the closure as a betrayal.",
                        'Kay Lund of the Food Workers\' Union called the closure "a betrayal".',
                        score=0.8)
    assert described.attributed_to is None


@pytest.mark.unit
@pytest.mark.parametrize(("sentence", "described"), [
    ("The alliance says nitrogen dioxide readings on Bridge Street have broken the legal "
     "limit every year since 2019.", "the alliance"),
    ("\u201cReadings on Bridge Street have broken the limit since 2019,\u201d the health "
     "authority said.", "the health authority"),
    ("The alliance also claimed that readings on Bridge Street have broken the legal limit "
     "every year since 2019.", "the alliance"),
    ("She said readings on Bridge Street have broken the legal limit every year since 2019.",
     "someone"),
    # an auxiliary belongs to the verb (newcomer trial: "attributed to the union has")
    ("The alliance has alleged that readings on Bridge Street have broken the legal limit "
     "every year since 2019.", "the alliance"),
])
def test_an_unnamed_speaker_is_named_by_its_description_in_the_verdict(
    sentence: str, described: str
) -> None:
    """A claim only reported as someone's words is noted as whose (newcomer, session 21)."""
    claim = "Nitrogen dioxide readings on Bridge Street have broken the legal limit every year."
    assert attribution(sentence) == "someone"  # the verifier's logic is unchanged
    assert compare(claim, sentence, 0.9).attributed_to == described


@pytest.mark.integration
def test_one_speaker_s_name_and_another_s_words_back_no_attributed_claim(
    make_app: Callable[..., App],
) -> None:
    """Two sentences read as one passage let one speaker stand for the next sentence's
    speaker's words: "Leona Marsh said staff had simply run out of patience" was supported
    by "Marsh said ..." + "Pete Adeyemi said staff had 'simply run out of patience'"
    (newcomer trial, session 23). The fake model backs every passage it is shown."""
    from scenarios import SUPPORTED

    from agent.verification.verify import Verifier
    from vectorstore.embeddings import MiniLMEmbedder

    article = ("Dock strike\n\n"
               "Nora Vale, the union's branch secretary, said some members were choosing "
               "between heating and eating.\n"
               "Branch treasurer Sam Okoro said staff had \"simply lost all patience\".\n")
    app = make_app({"a.txt": article}, replies=[SUPPORTED] * 30, embedder=MiniLMEmbedder())
    v = Verifier(app.corpus, app.retriever, app.embedder, app.llm)
    v.trace = []
    assert v.verify("Nora Vale said staff had simply lost all patience.").verdict == \
        "not_enough_info"
    assert not [t for t in v.trace if t["joint"]]  # no passage of two sentences was judged
    # a plain claim may still be backed by two sentences read together
    v.trace = []
    v.verify("Some members are choosing between heating and eating because staff have "
             "simply lost all patience.")
    assert [t for t in v.trace if t["joint"]]


def test_a_quantifier_opening_a_sentence_is_no_speaker() -> None:
    assert attribution("Over forty people phoned police to say they had seen her.") == "someone"
    assert attribution("Nearly 300 residents wrote to say the plan was wrong.") == "someone"
    assert attribution("Dawn Pilling said the park would reopen.") == "Dawn Pilling"


def test_a_capitalised_reporting_verb_inside_a_name_is_no_cue() -> None:
    """Found on the seeds: "... the presence of the United States' army in our territory."
    was read as spoken by "United" ("States" as the verb "states")."""
    quote = "We will never accept the presence of the United States’ navy in our waters.”"
    assert attribution(quote) == "someone"  # a quotation's end, speaker unnamed
    assert attribution("The Claims Office in Kelby opened on Monday.") is None
    # a cue opening the sentence, and a lower-case one, are still cues
    assert attribution("According to Ana Ruiz, the port will close.") == "Ana Ruiz"
    assert attribution("Ana Ruiz states that the port will close.") == "Ana Ruiz"


@pytest.mark.unit
def test_another_speakers_opposite_does_not_refute_what_the_claims_speaker_said() -> None:
    """Found on a dev story: "Ashworth said Harland had not paid a dividend" was refuted by
    "Venn claimed Harland had paid its owners a dividend"; Venn's words say nothing of what
    Ashworth said."""
    claim = "Mayor Ruth Lane said the depot had not closed."
    other = compare(claim, "Councillor Ali Shah claimed the depot had closed in May.", 0.8)
    assert other.polarity_conflict
    assert combine(None, other, claim_speaker="Ruth Lane") == "silent"
    # her own words saying the opposite still refute, and so does an unattributed sentence
    own = compare(claim, "The depot had closed in May, Ruth Lane said.", 0.8)
    assert combine(None, own, claim_speaker="Ruth Lane") == "refutes"
    plain = compare(claim, "The depot had closed in May after the fire.", 0.8)
    assert combine(None, plain, claim_speaker="Ruth Lane") == "refutes"
    # a quotation read for no named speaker ("... the United States' army", she added)
    quote = compare(claim, "The depot had closed, and so had the United States’ base.”", 0.8)
    assert combine(None, quote, claim_speaker="Ruth Lane") == "refutes"


@pytest.mark.parametrize(
    ("evidence", "same"),
    [
        # the board is what the union speaks about, not who speaks
        ("The Drivers' Alliance accused the transport board of hiding the report and claimed "
         "the brakes had failed, a claim the board denied.", False),
        ("Mayor Tom Healey blamed the board for the delay and said the brakes had failed.",
         False),
        # the role is where the sentence names its speaker, before or after the verb
        ("Dana Price, who chairs the transport board, said the brakes had failed.", True),
        ("The brakes had failed, said Dana Price, who chairs the transport board.", True),
    ],
)
def test_a_role_is_matched_where_the_sentence_names_its_speaker(evidence: str,
                                                                same: bool) -> None:
    claim = "The transport board said the brakes had failed."
    assert compare(claim, evidence).same_speaker is same


@pytest.mark.unit
def test_the_speaker_of_a_claim_is_read_in_the_clause_that_says_it() -> None:
    # a newcomer trial: "...; the board says no jobs will be lost" was read as the union's
    evidence = ("The Dockers' Union has said up to 40 posts could go; the port authority "
                "says no jobs will be lost.")
    claim = "The port authority says no jobs will be lost."
    assert compare(claim, evidence, score=0.8).attributed_to == "the port authority"
    other = compare("The Dockers' Union says up to 40 posts could go.", evidence, score=0.8)
    assert other.same_speaker and other.speaker == "Dockers' Union"


@pytest.mark.unit
def test_a_named_speaker_is_not_given_another_voices_clause() -> None:
    """Found on a dev story: "The Midwives' and Nurses' Union says nobody will lose their
    job" was supported by "The union has said up to 30 posts could be affected; the board
    says no jobs will be lost": the speaker's "and" made the claim read as unattributed, its
    name chose the union's clause, and "the board" was read as an unnamed "someone"."""
    assert attribution_of("The Dockers' and Porters' Union says no jobs will go.") == (
        Attribution("The Dockers' and Porters' Union", "says", "no jobs will go"))
    assert attribution_of("Ana rejected the offer and said she would resign.") is None
    evidence = ("The Dockers' and Porters' Union has said up to 40 posts could go; the port "
                "authority says no jobs will be lost.")
    sig = compare("The Dockers' and Porters' Union says no jobs will go.", evidence, score=0.8)
    assert sig.speaker == "the port authority" and not sig.same_speaker
    # the union's own clause, and an unnamed speaker the claim's speaker may be, still count
    sig = compare("The Dockers' and Porters' Union says up to 40 posts could go.", evidence,
                  score=0.8)
    assert sig.same_speaker
    sig = compare("The Dockers' and Porters' Union says no jobs will be lost.",
                  "The union says no jobs will be lost.", score=0.8)
    assert sig.speaker == "someone"


@pytest.mark.unit
@pytest.mark.parametrize(("claim", "evidence"), [
    # a closing "according to" names the speaker of the whole sentence, whatever verb of
    # speech comes before it (dev brackwater: the crew "warned", their union is the source)
    ("According to a nurses' union, staff had warned managers about the broken lift a week "
     "before the fall.",
     "Staff warned managers about the broken lift a week before the fall, according to their "
     "union."),
    # a description, then the name in commas, then the verb: the name after the verb is the
    # subject of what was said (dev ravensholt: "said Mr Mallory had told officers")
    ("According to the club's lawyer, Mr Ashby repeatedly told stewards they had the wrong "
     "seat.",
     "The club's lawyer, Priya Lund, said Mr Ashby had told stewards again and again that "
     "they had the wrong seat."),
    # "confirmed that" reports words, as the claim's "confirmed" does (dev varden)
    ("The hospital's chief nurse confirmed that two wards had been closed.",
     "Chief nurse Alison Fenwick confirmed that two wards had been closed."),
])
def test_the_claims_speaker_is_found_where_the_sentence_attributes(claim: str,
                                                                   evidence: str) -> None:
    sig = compare(claim, evidence, score=0.8)
    assert sig.speaker == "someone" or sig.same_speaker
    speaker = attribution_of(claim)
    assert speaker is not None
    assert support_gate(sig, speaker.speaker) is None


@pytest.mark.unit
def test_a_name_after_the_verb_speaks_only_when_it_ends_the_clause() -> None:
    assert attribution("The plan is fair, said Ana Ruiz.") == "Ana Ruiz"
    assert attribution("The plan is fair, said Ana Ruiz, who chairs the board.") == "Ana Ruiz"
    assert attribution("The club's lawyer, Priya Lund, said Mr Ashby had left.") == "Priya Lund"
    assert attribution("Staff were never paid, according to the Kelby Nurses' Union.") == (
        "Kelby Nurses' Union")
    # an act stated with "confirmed" is no speech; with "that" it is
    assert attribution("The council confirmed the closure of two libraries.") is None
    assert attribution("Councillor Ed Mays confirmed that two libraries would close.") == (
        "Councillor Ed Mays")


@pytest.mark.unit
def test_a_hedged_claim_is_no_claim_of_its_subject_s_words() -> None:
    """dev dunmere: "Dunmere reportedly paid ..." read "reported" in "reportedly" as a verb
    of speech, so Dunmere was the claim's speaker and a sentence stating the fee did not
    report Dunmere's words."""
    assert attribution_of("Kelby Rovers reportedly paid £2 million for the striker.") is None
    assert attribution_of("Kelby Rovers reported that it paid £2 million.") == Attribution(
        "Kelby Rovers", "reported", "it paid £2 million")


def test_a_speaker_one_outlet_names_and_another_leaves_unnamed_is_one() -> None:
    """A newcomer's story: "The sources only report this as a claim made by Save Pendrick
    Edge, someone" (one outlet named the group, another wrote "Her group claimed")."""
    claim = "Kelby Stone under-reported dust levels last summer."
    item = EvidenceItem(citation=Citation(source="a", quote="q", start=0, end=1),
                        stance="supports")
    named = ("A", item, Signals(coverage=0.9, aligned=True, attributed_to="Save Kelby Edge"))
    unnamed = ("B", item, Signals(coverage=0.9, aligned=True, attributed_to="someone"))
    verdict, why = decide(claim, [named, unnamed], attributed=False)
    assert verdict == "not_enough_info"
    assert "a claim made by Save Kelby Edge;" in why
    verdict, why = decide(claim, [unnamed], attributed=False)
    assert "a claim made by someone;" in why


@pytest.mark.unit
@pytest.mark.parametrize("sentence", [
    "Professor Niamh Calder-Roe, who leads the trial, denied the accusation.",
    "Niamh Calder-Roe, the trial's lead investigator, has strongly rejected the claims.",
])
def test_a_described_subject_speaks_a_verb_whose_object_is_the_cue(sentence: str) -> None:
    """"X, who leads the trial, denied the accusation" names its speaker: the cue is the
    object noun ("accusation"), a few words after the description, not the verb after it
    (a dev summary lost the trial lead's denial as "someone"'s)."""
    assert attribution(sentence) is not None and "Calder-Roe" in (attribution(sentence) or "")


@pytest.mark.unit
@pytest.mark.parametrize(("sentence", "speaker"), [
    # a role word opening the sentence is capitalised by its place: the name after it speaks,
    # also when auxiliaries or a clause set off by commas stand before the verb (session 57:
    # "Chief" and "Walk" had been read as the speakers)
    ("Finance director Helen Ashe, whose team found the error, said the figures were wrong.",
     "Helen Ashe"),
    ("Site manager Tariq Bell has said the crane was checked.", "Tariq Bell"),
    ("Site manager Tariq Bell has also said the crane was checked.", "Tariq Bell"),
    ("Opposition councillor Raj Mehta said the plan was flawed.", "Raj Mehta"),
])
def test_a_role_word_opening_the_sentence_is_no_speaker(sentence: str, speaker: str) -> None:
    assert attribution(sentence) == speaker
