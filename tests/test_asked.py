"""What a question asks for (agent.generation.asked): the kind of figure and the day, which
an answer must give before it is shown."""

from __future__ import annotations

from datetime import date

import pytest

from agent.generation.asked import (
    asked_figure_kinds,
    figure_beside_other_words,
    figure_of_another,
    gives_asked_figure,
    names_another_entity,
    names_asked_entity,
    namesake_in,
)
from agent.generation.asked_counts import asked_count_noun, counts_what_is_asked
from agent.generation.asked_setting import tells_another_day
from agent.generation.support import support_score
from agent.text.near_miss import sibling_in
from agent.types import AnswerSentence, Citation


@pytest.mark.unit
def test_the_kind_of_figure_a_question_asks_for() -> None:
    assert asked_figure_kinds("How much will the new pier cost the county?") == {"money"}
    assert "duration" in (asked_figure_kinds("How long a ban did the driver get?") or ())
    assert asked_figure_kinds("How deep was the flood water on Mill Lane?") == {"measure"}
    assert asked_figure_kinds("What share of the vote did Okafor win?") == {"percent"}
    assert asked_figure_kinds("Who chairs the trust?") is None
    # a sum asked for by its noun: "what is the cost", "how large a fine"
    assert asked_figure_kinds("What was the likely cost of the flood repairs?") == {"money"}
    assert asked_figure_kinds("How big a fine did the court impose on Dalmore?") == {"money"}
    assert asked_figure_kinds("What did the fine cover?") is None
    assert asked_figure_kinds("What hourly rate of pay do the porters get?") == {"money"}
    assert asked_figure_kinds("What weekly wage do trainees earn?") == {"money"}


@pytest.mark.unit
def test_an_answer_without_a_figure_of_that_kind_does_not_answer() -> None:
    question = "How much did the council spend on the inquiry?"
    assert not gives_asked_figure(question, ["The inquiry took nine months to finish."])
    assert gives_asked_figure(question, ["The council spent £1.3 million on the inquiry."])
    speed = "How fast was the coach travelling when it left the road?"
    assert not gives_asked_figure(speed, ["The coach left the road near Dunmore at 6pm."])
    assert gives_asked_figure(speed, ["Police said the coach was doing 70 mph."])
    # A change may be told in money or per cent.
    assert gives_asked_figure("By how much did Pellam shares fall?", ["They fell 12%."])
    # A question of two parts may be answered in one of them.
    assert gives_asked_figure("Which club did she join, and for how long?",
                              ["She joined Dunmore Rovers."])


@pytest.mark.unit
def test_an_answer_about_another_day_does_not_answer() -> None:
    question = "How many ferries were cancelled on Wednesday, the second day of the strike?"
    assert tells_another_day(question, [("Eleven ferries were cancelled on Tuesday.", None)])
    assert not tells_another_day(question, [("Nine ferries were cancelled on Wednesday.", None)])
    assert not tells_another_day(question, [("Nine ferries were cancelled.", None)])
    assert not tells_another_day("How many ferries were cancelled?",
                                 [("Eleven ferries were cancelled on Tuesday.", None)])
    # a relative day is read against its article's date: "yesterday" in Wednesday's paper
    # is Tuesday (orrin dev story, question 11), in Thursday's it is Wednesday
    yesterday = "Eleven ferries were cancelled yesterday, the operator said."
    assert tells_another_day(question, [(yesterday, date(2026, 9, 16))])
    assert not tells_another_day(question, [(yesterday, date(2026, 9, 17))])


def _said(text: str, quote: str) -> AnswerSentence:
    return AnswerSentence(text=text, citations=[
        Citation(source="a1", quote=quote, start=0, end=len(quote))])


@pytest.mark.unit
def test_a_body_of_the_same_first_name_and_no_other_word_is_a_sibling() -> None:
    # new dev stories (varden q13, wexcombe q13): "Varden Park" answered a question about
    # "Varden Grammar School", "the Wexcombe Bondholders' Action Group" one about the
    # Wexcombe Building Society's board
    assert sibling_in("Kelby High School", "Kelby Academy lost its status in 2021.") == (
        "kelby academy")
    assert sibling_in("Kelby Savings Trust", "Jo Marr chairs the Kelby Savers' Forum.") == (
        "kelby savers' forum")
    # the name said shorter, or with a possessive, is the same body
    assert sibling_in("Kelby High School", "Kelby High lost its status in 2021.") is None
    assert sibling_in("Kelby Homes' Ann Royle", "Kelby Homes' boss accused the council.") is None
    question = "When did Kelby High School lose its exam-centre status?"
    other = _said("It lost its status in 2021.", "Kelby Academy lost its status in 2021.")
    assert names_another_entity(question, [other]) == "kelby academy"


@pytest.mark.unit
@pytest.mark.parametrize(("name", "text", "sibling"), [
    # dev lowfield q09: "The Lowfield railway viaduct ... was refurbished in 2018" answered
    # when Lowfield Bridge was last refurbished
    ("Kelby Library", "The Kelby railway viaduct was rebuilt in 2015.", "kelby railway viaduct"),
    ("Ashmoor Dam", "The Ashmoor old reservoir was repaired.", "ashmoor old reservoir"),
    # the thing itself in lower case, or a verb after the name, names no other thing
    ("Kelby Library", "The Kelby library was rebuilt in 2015.", None),
    ("Kelby Library", "Kelby opened it in 2015 with a new wing.", None),
])
def test_a_lower_case_thing_after_the_names_first_word_is_a_sibling(
    name: str, text: str, sibling: str | None
) -> None:
    assert sibling_in(name, text) == sibling


@pytest.mark.unit
def test_a_sibling_entity_is_not_the_one_asked_about() -> None:
    assert sibling_in("Dunmore Rovers", "Dunmore Athletic were relegated in 2019.") == (
        "dunmore athletic")
    assert sibling_in("Dunmore Rovers", "Dunmore Rovers were relegated in 2019.") is None
    assert sibling_in("Dunmore Rovers", "Pellam Rovers were relegated in 2019.") is None
    question = "In which year were Dunmore Rovers last relegated?"
    other = _said("Dunmore Rovers were relegated in 2019.",
                  "Dunmore Athletic, the town's other club, were relegated in 2019.")
    assert names_another_entity(question, [other]) == "dunmore athletic"
    own = _said("Dunmore Rovers were relegated in 2019.",
                "Dunmore Rovers were relegated in 2019, a year after Dunmore Athletic.")
    assert names_another_entity(question, [own]) is None
    namesake = _said("Castell won 58% of the vote.",
                     "In Pellam, Ann Castel won 58% of the vote.")
    assert names_another_entity("What share did Mark Castell win?", [namesake]) == "ann castel"


@pytest.mark.unit
def test_a_figure_in_words_is_backed_only_by_a_quote_that_states_it() -> None:
    # "Forty-two ferries" is not backed by "more than 50 ferries", whatever else is shared.
    claim = "Forty-two ferries were cancelled across the Dunmore network."
    assert support_score(claim, ["More than 50 ferries were cancelled across the Dunmore "
                                 "network on Tuesday."]) == 0.0
    assert support_score(claim, ["Officials said 42 ferries were cancelled across the "
                                 "Dunmore network."]) > 0.5


def _quoted(quote: str) -> list[AnswerSentence]:
    return [AnswerSentence(text=quote, citations=[Citation(source="a", quote=quote, start=0,
                                                           end=len(quote))])]


@pytest.mark.parametrize(("question", "noun"), [
    ("How many postal votes were counted?", "vote"),
    ("How many properties lost power on Sunday?", "property"),
    ("How many people were evacuated?", "people"),
    ("How many buses crossed the bridge?", "bus"),
    ("How many of the members voted?", "member"),  # tests/test_asked_groups.py
    ("Who counted the votes?", None),
])
@pytest.mark.unit
def test_the_noun_a_how_many_question_counts(question: str, noun: str | None) -> None:
    assert asked_count_noun(question) == noun


@pytest.mark.unit
def test_a_count_of_something_else_does_not_answer_how_many() -> None:
    """The counted noun, not a word elsewhere in the quote, must be what is asked."""
    check = counts_what_is_asked
    # "home" is in the quote, but 1,200 counts residents
    assert not check("How many houses were flooded?",
                     _quoted("Some 1,200 residents spent the night away from home."))
    # the adjective "postal" is no noun: ballots sent are not votes counted
    assert not check("How many postal votes were counted?",
                     _quoted("More than 9,000 postal ballots were issued this year."))
    # a number word, and the noun three words on
    assert check("How many wards are closed?",
                 _quoted("Thirty patients are ill and three of its wards are closed."))
    assert check("How many lorries use the road?",
                 _quoted("A survey counted 900 heavy goods lorries a day."))
    # a price per unit counts no units (new dev story tollan q11)
    assert not check("How many hectares are grown in the valley?",
                     _quoted("The association put replanting at $15,000 per hectare."))


@pytest.mark.unit
def test_an_answer_must_name_the_period_the_question_asks_about() -> None:
    from datetime import date

    from agent.generation.asked_setting import states_asked_period

    june = date(2025, 6, 2)
    asked = "What price did Bramwell offer last year?"
    # this week's offer, dated by its weekday, is not last year's
    assert not states_asked_period(asked, [("Bramwell offered $4.10 on Monday.", june)])
    assert not states_asked_period(asked, [("Bramwell is paying $4.10 a share.", june)])
    assert states_asked_period(asked, [("In 2024 Bramwell offered $3.50 a share.", june)])
    assert states_asked_period(asked, [("Last year it offered $3.50 a share.", june)])
    assert not states_asked_period("How much was it fined in 2023?",
                                   [("It was fined £85,000 in 2024.", june)])
    # no period asked, or no article date to read one against: nothing to check
    assert states_asked_period("What price did Bramwell offer?", [("It pays $4.10.", june)])
    assert states_asked_period(asked, [("Bramwell is paying $4.10 a share.", None)])


@pytest.mark.unit
def test_an_answer_must_name_the_month_the_question_names() -> None:
    # dev brantwick q13: "the council's July inspection" was answered with a visit to come
    from datetime import date

    from agent.generation.asked_setting import states_asked_period

    autumn = date(2026, 10, 8)
    asked = "Who led the trust's March review of the ward?"
    assert not states_asked_period(asked, [("The trust said it would review the ward.", autumn)])
    assert states_asked_period(asked, [("A review led by Dr Ann Hale in March found faults.",
                                        autumn)])
    assert states_asked_period(asked, [("On 3 March Dr Hale reviewed the ward.", autumn)])
    # a month and a year: the year decides, as before
    assert not states_asked_period("What did the March review in 2024 find?",
                                   [("The review in March 2025 found faults.", autumn)])


@pytest.mark.unit
def test_a_question_about_each_one_needs_a_figure_per_item() -> None:
    from agent.generation.asked_items import gives_figure_per_item

    each = "How much will each season ticket holder receive?"
    assert not gives_figure_per_item(each, ["The operator has put £3.5m aside for refunds."])
    assert gives_figure_per_item(each, ["Each holder will get £120 back."])
    # "every" and a rate ("$9,500 a hectare") give one each too (new dev story tollan q03)
    per_hectare = "How much will growers get for each hectare destroyed?"
    assert gives_figure_per_item(per_hectare, ["They will be paid $7,500 for every hectare."])
    assert gives_figure_per_item(per_hectare, ["The ministry is paying $9,500 a hectare."])
    assert not gives_figure_per_item(per_hectare, ["The ministry set aside $3m."])
    assert not gives_figure_per_item("What is the portrait insured for on its own?",
                                     ["The three works carry a combined value of £1.2m."])
    # a rate ("each day") or no such question: nothing to check
    assert gives_figure_per_item("How many trains ran each day?", ["About 400 trains ran."])
    assert gives_figure_per_item("How much is the fund?", ["The fund is £5m."])


@pytest.mark.unit
def test_a_question_about_the_whole_needs_more_than_a_figure_per_item() -> None:
    from agent.generation.asked_items import gives_total

    total = "How much will the fare refunds cost Tallis Ferries in total?"
    # dev kettering q13: "will credit £12 to every affected account" prices one account
    assert not gives_total(total, ["Tallis will refund £9 to every season ticket holder."])
    assert not gives_total(total, ["Holders get £9 each, the firm said."])
    assert gives_total(total, ["The refunds will cost about £2m, or £9 per holder."])
    assert gives_total(total, ["Tallis has set aside £2m for refunds."])
    # no figure of the kind asked, or no total asked: other checks decide
    assert gives_total(total, ["Refunds start in May."])
    assert gives_total("How much will each holder get?", ["Holders get £9 each."])


@pytest.mark.unit
def test_which_night_asks_for_a_date() -> None:
    from agent.retrieval.evidence import asked_kind

    assert asked_kind("Which night did the leak begin?") == "date"
    assert asked_kind("What week was the vote held?") == "date"


@pytest.mark.unit
def test_a_namesake_as_the_subject_answers_nothing_about_the_asked_person() -> None:
    # a new dev story of session 20: the other Ferrante's ban, given as Callum's
    question = "For how many matches was Callum Ferrante suspended last season?"
    proper = frozenset({"luca", "callum", "ferrante", "hexley"})
    assert namesake_in(question, "Luca Ferrante served a three-match ban last season.",
                       proper) == "Luca Ferrante"
    assert namesake_in(question, "Callum Ferrante, unlike Luca Ferrante, was never sent off.",
                       proper) is None  # the quote names the asked person too
    assert namesake_in(question, "Keeper Ferrante served a ban.", proper) is None
    # a given name written only where a sentence opens is still one (no common word)
    assert namesake_in("What is Marcus Hale's job?",
                       "Marco Hale, the club's head coach, said the team was ready.",
                       frozenset()) == "Marco Hale"
    assert namesake_in("What is Marcus Hale's job?",
                       "Coach Hale said the team was ready.", frozenset()) is None
    assert namesake_in("What is Marcus Hale's job?",
                       "Mr Hale said the team was ready.", frozenset()) is None
    # another place where the answer goes is no namesake
    assert namesake_in("How long is the diversion around Lowfield Bridge?",
                       "Official diversion: a 14-mile route via Hexley Bridge.", proper) is None


@pytest.mark.unit
def test_a_figure_in_a_clause_about_something_else_is_not_the_asked_one() -> None:
    question = "How much did Ferrowby Abbey Museum pay for the Orlam hoard?"
    other = ("The Orlam find dwarfs the last notable hoard in the area: in 2019 a detectorist "
             "at Orlham turned up 212 pennies, later bought by Ferrowby Abbey Museum for "
             "£38,000.")
    assert figure_of_another(question, [other])
    assert not figure_of_another(question, ["Ferrowby Abbey Museum paid £50,000 for the "
                                            "Orlam hoard."])
    assert not figure_of_another("Who found the Orlam hoard?", [other])  # no figure asked


@pytest.mark.parametrize(("question", "quote", "other"), [
    # the figure stands among words of something else: a valuation, not money raised
    ("How much has the Tolbury Trust's appeal raised so far?",
     "The chalice has been valued at about £90,000, and the Tolbury Trust hopes to keep it.",
     True),
    # a share of "affordable housing" is no count of homes for social rent
    ("How many of the flats will be for social rent?",
     "The scheme will include 30% affordable housing and £2m towards a new surgery.", True),
    # the figure's words share the question's: it answers
    ("How much has the Tolbury Trust's appeal raised so far?",
     "The Tolbury Trust's public appeal has raised £12,400 so far.", False),
    # "ban" is the start of "banned": one word, clipped
    ("How long is Mara Quinn's ban?",
     "Quinn has been banned from racing for 14 months, the board said.", False),
    # a when-question, or a question of two parts, is not checked here
    ("When did the appeal open, and how much has it raised?",
     "The chalice has been valued at about £90,000.", False),
    # two times tell how long as a span, with the words of its start and end (a newcomer
    # trial: "How long did the outage last?" abstained)
    ("How long did the blackout last?",
     "Lights went out at about 6.10am, and power was back everywhere by 2.45pm.", False),
    ("How long did the blackout last?", "Lights went out at about 6.10am.", True),
])
def test_the_asked_figure_stands_among_the_question_s_words(
        question: str, quote: str, other: bool) -> None:
    assert figure_beside_other_words(question, [quote]) is other


@pytest.mark.unit
@pytest.mark.parametrize(("question", "answer", "named"), [
    # the article says who was blamed, but never names the firm
    ("Which firm supplied the faulty brake pads?",
     "The pads came from an outside supplier in the Midlands, the operator said.", False),
    ("What brand of energy drink did the coach blame?", "The coach blamed an energy drink.",
     False),
    ("Which company supplied the faulty brake pads?",
     "The pads were made by Harlow Friction Ltd, the operator said.", True),
    ("Which union called the walkout, and when does it end?",
     "The Rail and Maritime Union called it; it ends on Friday.", True),
    # other questions are not asked for a name
    ("What did the supplier say?", "The supplier said it was reviewing its checks.", True),
    # any which/what noun said back only as "a <noun>" identifies none (ravensholt q11)
    ("Which magistrate signed the warrant?", "The warrant was signed by a magistrate.", False),
    ("Which magistrate signed the warrant?", "It was signed by magistrate Ann Hope.", True),
    ("Which local firm won the contract?", "A local firm won it, the council said.", False),
    ("Which ship will run the service?", "The sister ship MV Corran Spirit will.", True),
    ("What share of the homes are affordable?", "More than a third are affordable.", True),
    ("What tariff rate did he impose?", "He imposed a 25% tariff on imports.", True),  # qa-008
    # a noun said indefinitely as another noun's modifier identifies none either (seeds
    # qa-050, after session 60's 5c53225 read it as no mention)
    ("Which university did she speak at?", "She spoke at a university event on Saturday.",
     False),
])
def test_a_question_asking_which_company_needs_a_name_in_the_answer(
    question: str, answer: str, named: bool
) -> None:
    from agent.generation.asked import names_asked_entity

    assert names_asked_entity(question, [_said(answer, answer)]) is named


@pytest.mark.unit
def test_a_question_asking_a_name_is_not_answered_by_the_outlet_that_reports() -> None:
    # newcomer trial (varden): "What was the name of the exams officer who was suspended?"
    # answered "The National Ledger mentions two members of staff ..."
    question = "What was the name of the caretaker who was dismissed?"
    quote = "Two members of staff at the school have been dismissed."
    assert not names_asked_entity(question, [_said(
        "The Dorwick Courier reports that two members of staff were dismissed.", quote)])
    # the outlet naming itself in its own sentence names no one asked for
    own = "The Courier understands that one of them is the caretaker."
    assert not names_asked_entity(question, [_said(own, own)], {"The Dorwick Courier"})
    named = "The dismissed caretaker, Alan Piercy, has appealed."
    assert names_asked_entity(question, [_said(named, named)])
    # a company asked for and given by the answer as its quote gives it
    quote = "The pads were made by Harlow Friction Ltd, the operator said."
    assert names_asked_entity("Which company made the pads?", [_said(
        "Harlow Friction Ltd made them, The Dorwick Courier reports.", quote)])


@pytest.mark.unit
def test_the_asked_kind_is_no_word_to_find_in_the_evidence() -> None:
    # "On what date did X resign?" is answered by "X resigned on Sunday", which says no
    # "date" (new dev story wexcombe q07): the kind is checked, not looked for.
    from agent.generation.asked import without_asked_measure
    from agent.text.normalize import content_terms

    assert "date" not in content_terms(without_asked_measure("On what date did Ann Roe resign?"))
    assert "long" not in content_terms(without_asked_measure("How long did the strike last?"))
    assert "date" in content_terms(without_asked_measure("Did the court set a date?"))


@pytest.mark.unit
def test_a_length_of_what_the_counted_did_counts_none_of_them() -> None:
    """An energy newcomer (session 61): "How many firefighters attended?" was answered with
    "Firefighters needed almost three hours to bring the fire under control"."""
    assert not counts_what_is_asked("How many lifeboat crews were called out?", _quoted(
        "Lifeboat crews searched for nearly four hours before the ferry was found."))
    # a length of the asked unit answers it; a quote naming the counted, with no figure, too
    assert counts_what_is_asked("How many years did Pell serve as treasurer?",
                                _quoted("Pell served as treasurer for eight years."))
    assert counts_what_is_asked("How many lifeboat crews were called out?",
                                _quoted("Dozens of lifeboat crews were called out."))
