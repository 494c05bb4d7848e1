"""The typed analysis of a sentence (agent/text/analysis.py): computed once, shared, and
the same facts the text functions give."""

from __future__ import annotations

import pytest

from agent.text.analysis import analyze, stem, stems
from agent.text.facts import elsewhere, months, places
from agent.text.normalize import content_terms, singular
from agent.text.quantities import quantities
from agent.text.speakers import attribution, subject_of
from agent.verification.checks import compare
from agent.verification.stance import support_gate


def test_one_analysis_per_text_is_shared() -> None:
    text = "Mayor Ana Ruiz said on Monday that 4,000 homes lost power in May."
    a = analyze(text)
    assert analyze(text) is a
    assert a.quantities is a.quantities  # computed on first use, then kept


def test_fields_are_the_text_layers_facts() -> None:
    text = "Mayor Ana Ruiz said on Monday that about 4,000 homes lost power in May."
    a = analyze(text)
    assert a.quantities == quantities(text) and a.quantities[0].value == 4000
    assert a.months == frozenset(months(text)) == {"may"}
    assert a.weekdays == {"monday"}
    assert a.speaker == attribution(text) == "Mayor Ana Ruiz"
    assert a.subject == subject_of(text)
    assert {"power", "mayor"} <= content_terms(text)
    assert a.stems == frozenset(stems(text)) and stem("losing") in stems("They are losing")


def test_a_hyphenated_compound_says_each_of_its_words() -> None:
    # "doorbell-camera footage" says "doorbell camera" (a dev story's claim found only
    # "doorbell" in it); function words inside ("mothers-to-be") say nothing
    assert {stem("doorbell"), stem("camera")} <= stems("doorbell-camera footage")
    assert stem("led") in stems("a consultant-led unit")
    assert not stems("mothers-to-be") & {stem("to"), stem("be")}
    # a figure's compound is the figure (a quantity), not the words "year" and "old"
    assert stem("year") not in analyze("a 44-year-old man").stems
    assert stem("year") not in analyze("a three-year-old lynx").stems


def test_polarity_fields() -> None:
    a = analyze("The council did not approve the budget.")
    assert a.negated and not analyze("The council approved the budget.").negated
    affirmed, denied = analyze("It approved the plan but did not fund it.").polarity_split
    assert stem("approved") in affirmed and stem("fund") in denied


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The bridge will reopen on 4 June after repairs.", "statement"),
        ("Where was that concern when the maintenance budget was being raided?", "question"),
        ("The club should show us the numbers, so why won't it?", "question"),
        ("Patients deserve better than a hospital run on the cheap.", "deontic"),
        ("Make no mistake: this scheme is about money, not children.", "deontic"),
        ("The chief executive promised not to pay the ransom, and on that she is right.",
         "deontic"),
        # Reported or quoted, the judgement is someone's, not the writer's.
        ("The mayor said the bridge should reopen in June.", "statement"),
        ('"Should we pay?" the chief executive asked staff.', "statement"),
        ("Rovers declined to comment on that claim.", "statement"),
    ],
)
def test_mood_tells_statements_from_questions_and_judgements(text: str, expected: str) -> None:
    assert analyze(text).mood == expected


def test_a_place_followed_by_an_auxiliary_is_a_place_and_a_proper_adjective_is_not() -> None:
    assert places("Forty residents of a care home in Tarnbridge were moved out.") == {
        "tarnbridge"
    }
    assert places("The mayor spoke in Leeds has been confirmed.") == {"leeds"}
    assert places("Tariffs on Mexican imports rose.") == set()
    assert places("Prices on Chinese steel fell at the Dorwick plant.") == set()


@pytest.mark.parametrize("text, place", [
    # new-story kind: a name that a time word, an adverb, a preposition, a relative word or
    # a past form follows is whole ("in Eastwold Bay early on Tuesday")
    ("When his father fell at home in Marsh Gibbon early on Friday, nobody came.",
     "marsh gibbon"),
    ("The two men were sentenced at Carlow Crown Court yesterday.", "carlow crown court"),
    ("Water from the burst main in Tidworth quickly filled the cellars.", "tidworth"),
    ("Rainwater in Ashcott flooded the square.", "ashcott"),
    ("The lorry overturned on Fenn Road between the two roundabouts.", "fenn road"),
    ("A councillor in Wrexley who objected was outvoted.", "wrexley"),
])
def test_a_name_before_a_word_that_closes_its_phrase_is_a_place(text: str, place: str) -> None:
    assert places(text) == {place}


def test_quotes_about_another_place_are_elsewhere() -> None:
    q = "How many care home residents were evacuated in Tarnford?"
    assert elsewhere(q, ["Forty residents of a care home in Tarnbridge were moved out."])
    # The same place told in more detail, a quote naming no place, or no asked place.
    assert not elsewhere(q, ["About 300 are staying at a rest centre in Tarnford Leisure Centre."])
    assert not elsewhere(q, ["Forty residents of a care home were moved out."])
    assert not elsewhere("How many residents were moved?", ["Forty were moved in Tarnbridge."])
    # a quote naming the asked place other than as a place still tells of it
    assert not elsewhere("How many were on board the Selby Star when it ran aground?",
                         ["The ferry Selby Star ran aground on Gull Reef with 212 on board."])
    assert elsewhere("How many were on board the Selby Star when it ran aground?",
                     ["The Selby Spirit ran aground on Gull Reef with 90 on board."])
    # One quote on the asked place is enough.
    assert not elsewhere(q, ["Forty were moved in Tarnbridge.", "Ten were moved in Tarnford."])


def test_a_possessive_stems_as_its_noun() -> None:
    # "town's" came out of content_terms as "town'" (its "s" folded as a plural)
    assert {"town", "river"} <= stems("the town's river")
    assert stems("Kestrel's shares") == stems("Kestrel shares")


@pytest.mark.parametrize(("text", "subject"), [
    # a number word opening the sentence is a figure, not the subject's name
    ("Twenty-two Kelderby volunteers went up the fell.", "kelderby"),
    ("Eleven people were in the walking party.", None),
    ("Mayor Ana Ruiz said so.", "mayor ana ruiz"),
])
def test_a_subject_is_named_without_its_number_word(text: str, subject: str | None) -> None:
    assert subject_of(text) == subject


def test_a_figure_opening_the_claim_is_not_a_name_its_article_must_hold() -> None:
    from agent.verification.checks import compare

    article = "The Kelderby team sent 22 volunteers onto the fell."
    sig = compare("Twenty-two Kelderby volunteers went up the fell.",
                  "The team sent 22 volunteers onto the fell.", 0.5,
                  article_terms=stems(article))
    assert not sig.missing_numbers and sig.figures_stated


def test_where_someone_was_taken_is_a_place_but_whom_something_was_said_to_is_not() -> None:
    # dev kelderby: "airlifted to Westmarch Royal Infirmary" against FellsNow's "airlifted to
    # Carnholme General Hospital" was no second version of "which hospital"
    assert places("The injured climber was flown to Dunmore General Hospital.") == {
        "dunmore general hospital"}
    assert places("Patients will be sent to Kelby Infirmary from April.") == {"kelby infirmary"}
    assert places("She spoke to Reuters and wrote to Mr Oduya on Monday.") == set()
    assert places("The council gave the contract to Northway Buses.") == set()


def test_a_scaled_figure_after_worth_or_cost_is_a_sum_with_no_currency_sign() -> None:
    # a newcomer's "were worth 48 million" was a count, compared with "nine satellites"
    from agent.text.quantities import quantities

    (worth,) = quantities("The stolen paintings were worth 12 million.")
    assert worth.kind == "money" and worth.value == 12_000_000
    (cost,) = quantities("The new stand will cost about 310 million.")
    assert cost.kind == "money"
    (jobs,) = quantities("The closure will cost 40 jobs.")
    assert jobs.kind == "count" and jobs.head == "job"
    (sum_,) = [q for q in quantities("They were valued at $12m in all.") if q.kind == "money"]
    assert worth.comparable(sum_) and worth.agrees(sum_)


@pytest.mark.unit
@pytest.mark.parametrize(("word", "base"), [
    ("jobs", "job"), ("sets", "set"), ("kits", "kit"), ("closures", "closure"),
    ("news", "news"), ("plus", "plus"), ("axis", "axis"), ("boss", "boss"), ("bus", "bus"),
])
def test_a_plural_folds_to_its_singular_whatever_its_length(word: str, base: str) -> None:
    """Four-letter plurals were left whole before session 57: "640 jobs" shared no word with
    "job losses". Not "-ss", nor a four-letter "-us"/"-is", nor "news"."""
    assert singular(word) == base
    assert stem(word) == stem(base)


@pytest.mark.unit
def test_a_short_plural_lets_a_sentence_support_its_singular() -> None:
    """Dev vellmoor c02 ("Each set cost just under forty dollars" against "sets ... for
    $39.99") in a made-up story: the claim's noun is the sentence's plural, so the sentence
    shares its words and states its figure."""
    sig = compare("Each kit cost just under thirty pounds.",
                  "The 12-piece kits, aimed at children aged eight and over, have been sold "
                  "online since May for £29.99.", 0.5)
    assert sig.figures_stated and sig.matched == 1
    assert support_gate(sig) is None
