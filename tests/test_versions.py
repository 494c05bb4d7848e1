"""Other outlets' versions of the asked detail (agent/generation/versions.py): which
sentence counts as another version of the answer's figure, place or date."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from agent.app import App
from agent.generation.versions import (
    _about,
    _month_alike,
    differs,
    gives_answer_figures,
    measured_alike,
)
from agent.retrieval.citations import make_citation
from agent.retrieval.evidence import EvidenceSet
from agent.types import AnswerSentence, Citation, Evidence


def test_a_transposed_sum_of_money_is_another_version() -> None:
    q = "How much money was the treasurer found to have taken from the charity?"
    answer = "Okoro was found guilty of taking £412,000 from the charity."
    other = "A local man has been convicted of defrauding the charity of £421,000."
    assert differs(answer, other, q) == "figure"


def test_a_measure_counts_only_when_the_question_asks_for_its_kind() -> None:
    answer = "The repairs will cost £4.8 million and take nine months."
    other = "The council has put the cost of the work at £8.4m."
    assert differs(answer, other, "How much will the repairs cost?") == "figure"
    # A who-question does not ask for a sum: the figures are no versions of the answer.
    assert differs(answer, other, "Who will carry out the repairs?") is None


def test_a_figure_of_another_order_of_magnitude_is_about_something_else() -> None:
    q = "How much is the club claiming from the council?"
    answer = "The club is claiming £6 million."
    assert differs(answer, "The club unveiled a £310m stadium plan.", q) is None
    assert differs(answer, "The club says it is owed £4.5 million.", q) == "figure"


def test_agreeing_figures_in_other_words_are_no_version() -> None:
    q = "How much did the mission cost?"
    assert differs("The mission cost $1.2 million.", "It cost $1,200,000 in all.", q) is None


def test_counts_need_the_same_counted_thing() -> None:
    q = "How many seats will the stadium have?"
    answer = "The stadium will have 40,000 seats."
    assert differs(answer, "The club wants a 42,000-seat stadium by the quay.", q) == "figure"
    assert differs(answer, "About 14,000 vehicles a day use the road.", q) is None


def test_years_differ_only_for_a_when_question_and_only_a_few_years_apart() -> None:
    answer = "The probe was launched in 2022."
    other = "The probe left the launch pad in 2021."
    assert differs(answer, other, "In what year was the probe launched?") == "figure"
    assert differs(answer, "The bridge was built in 1931.", "When was it launched?") is None
    assert differs(answer, other, "Who built the probe?") is None


def test_a_place_version_must_name_the_subject_as_its_actor() -> None:
    other = "In remarks to a university, Sheinbaum responded to the plan."
    assert not _about(other, "trump", "place")
    assert _about("In a speech at a rally, Trump spoke about the plan.", "trump", "place")


def test_a_figure_may_stand_in_a_sentence_whose_actor_is_a_description() -> None:
    assert _about("The mission cost $148 million, most of it public money.", "kittiwake", "figure")
    # ...but not in one that opens with another named actor.
    assert not _about("Bramwell offered $4.10 per share last year.", "kestrel", "figure")
    # The comma inside "42,000" is no clause break.
    assert _about("Rovers want a 42,000-seat stadium at Saltmarsh Quay.", "rovers", "figure")


def test_a_place_told_in_more_detail_is_no_other_version() -> None:
    answer = "The minister spoke at a university event on Monday."
    q = "Where did the minister speak?"
    told_more = "In remarks to a university in Leeds, the minister defended the cuts."
    assert differs(answer, told_more, q) is None
    # a place that shares nothing with the answer's is another outlet's version
    assert differs("During a rally in Ohio, the minister defended the cuts.",
                   "The minister told reporters aboard Air Force One.", q) == "place"


def test_where_an_event_happened_is_any_place_the_sentences_name() -> None:
    # not only where something was said: where the asked event took place
    q = "Where did the evacuated residents spend the night?"
    answer = "The evacuated residents spent the night at Carrow Leisure Centre."
    other = "Evacuated families were given beds at the Ferris Street Community Hall."
    assert differs(answer, other, q) == "place"
    assert differs(answer, "Residents were given beds at Carrow Leisure Centre.", q) is None
    # a question that does not ask where: only the places of what was said count
    assert differs(answer, other, "Who looked after the evacuated residents?") is None


def test_a_day_that_names_a_thing_is_no_other_date() -> None:
    answer = "The minister spoke at a university event on Monday."
    other = "At a university in Leeds, the minister replied to a Sunday editorial on the cuts."
    assert differs(answer, other, "When did the minister speak?") is None
    assert differs(answer, "The minister spoke at the university on Sunday.",
                   "When did the minister speak?") == "date"


def test_two_months_of_one_change_are_versions_of_when() -> None:
    # a newcomer trial: "from next September" was answered alone, beside three outlets'
    # "From April 2027" (a month is no figure that measured_alike can compare)
    answer = "The trust voted on Thursday to turn Dunford ward into a day unit from next June."
    other = "From March 2027, Dunford ward, the stroke unit, will become a day unit."
    assert differs(answer, other, "When will Dunford ward become a day unit?") == "date"
    assert _month_alike(answer, other)
    # a month of something else shares too little
    assert not _month_alike(answer, "Shoppers in March spent a record sum in the city centre.")


def test_percentages_of_two_things_are_no_versions() -> None:
    question = "What premium does the offer per share represent?"
    answer = "The price represents a premium of 31% to Kestrel's closing level on Friday."
    # a share of the market is another measure, whatever its value
    assert differs(answer, "The merged giant would control almost half of the chilled "
                           "ready-meal market.", question) is None
    # the same premium given otherwise by another outlet is a version
    assert differs(answer, "The offer values the shares at a premium of 22% to Friday's "
                           "closing level.", question) == "figure"


_ARTICLE = "{title}\nBy {author}\nMonday, 2 March 2026, 9:00 AM\n{outlet}\n\n{body}\n"


# A wire report of the Dale flood, the story the integration tests below share.
_DALE_WIRE = _ARTICLE.format(
    title="Dale floods", author="Ann Lee", outlet="Vale Wire",
    body="The River Dale peaked at 4.2 metres at the Dalton gauge on Sunday.\n"
         "Some 300 homes were flooded in Dalton.\nPolice closed the A61.")


_DALTON_ECHO = _ARTICLE.format(
    title="Record Dale flood", author="Tom Roe", outlet="Dalton Echo",
    body="Water at the Dalton gauge peaked at 4.9 metres, a record for the Dale.\n"
         "Volunteers filled sandbags through the night.\nSchools stayed shut.")


def _cited(app: App, question: str, phrase: str) -> tuple[EvidenceSet, Evidence, Citation]:
    """The question's evidence, its item holding `phrase`, and that item's citation."""
    from agent.generation.answer import Answerer

    ev = Answerer(app.corpus, app.retriever, app.embedder, app.llm).evidence(question)
    item = next(e for e in ev.items if phrase in e.sentence.text)
    cite = make_citation(app.corpus, item.sentence.article_id, item.sentence.text)
    assert cite is not None
    return ev, item, cite


@pytest.mark.integration
def test_an_answer_citing_one_side_of_a_story_difference_shows_the_other(
    make_app: Callable[..., App],
) -> None:
    """The story differences (agent.generation.differences) find the other outlet's peak,
    worded otherwise; the answer quotes it as that outlet's version, cited."""
    from agent.generation.answer_differences import with_differences

    app = make_app({
        "a.txt": _DALE_WIRE,
        "b.txt": _DALTON_ECHO,
    })
    question = "How high did the River Dale peak at Dalton?"
    ev, wire, cite = _cited(app, question, "4.2 metres")
    answer = [AnswerSentence(text="The River Dale peaked at 4.2 metres.", citations=[cite])]
    shown = with_differences(question, answer, ev, app.corpus)
    (version,) = shown[1:]
    assert version.text.startswith("Dalton Echo differs: ") and "4.9 metres" in version.text
    (other,) = version.citations
    assert other.quote in version.text and other.source != wire.sentence.article_id
    # a question of no kind the differences answer ("why") gets no version
    assert with_differences("Why did the Dale flood?", answer, ev, app.corpus) == answer


def test_a_version_differs_in_the_detail_asked() -> None:
    answer = "More than 500 staff walked out at 4am on Sunday."
    other = "About 420 staff walked out at 4am on Monday."
    assert differs(answer, other, "How many staff walked out?") == "figure"
    assert differs(answer, other, "When did the staff walk out?") == "date"
    # another day alone is no version of how many
    assert differs(answer, "More than 500 staff walked out on Monday.",
                   "How many staff walked out?") is None


@pytest.mark.parametrize(("answer", "other", "alike"), [
    # the words beside the two years share nothing: two events, no two versions of one
    ("Ferrow will not be eligible to play again until spring 2028.",
     "Ferrow joined Kelby from Dunfield Rovers in 2026.", False),
    ("Ferrow will not be eligible to play again until spring 2028.",
     "Ferrow is not eligible to play again until 2027.", True),
    # a day of another event than the answer's ("suspended since Tuesday")
    ("The leak began late on Sunday night.",
     "Production at the plant has been suspended since Tuesday.", False),
    ("The leak began late on Sunday night.",
     "Last Saturday night, while the town slept, the tank leaked.", True),
    # two dates of one event a week apart in two months (measures.MAX_DAY_GAP)
    ("Drivers will stop working rest days from 1 June.",
     "Drivers will stop working rest days from 25 May, the union said.", True),
    # the same value is no other version
    ("Nine children needed surgery.", "Nine children required surgery, the regulator said.",
     False),
])
def test_a_version_gives_the_same_measure_another_value(answer: str, other: str,
                                                       alike: bool) -> None:
    assert measured_alike(answer, other) is alike


def _wire_and_echo(make_app: Callable[..., App], wire: tuple[str, str],
                   echo: tuple[str, str]) -> App:
    """An app over two outlets' articles, each given as (title, body)."""
    return make_app({
        "a.txt": _ARTICLE.format(title=wire[0], author="Ann Lee", outlet="Vale Wire",
                                 body=wire[1]),
        "b.txt": _ARTICLE.format(title=echo[0], author="Tom Roe", outlet="Dalton Echo",
                                 body=echo[1]),
    })


def _versions(app: App, question: str, phrase: str) -> tuple[Evidence, list[AnswerSentence]]:
    """The evidence item holding `phrase`, and `with_versions` of the answer quoting it."""
    from agent.generation.versions import with_versions

    ev, item, cite = _cited(app, question, phrase)
    answer = [AnswerSentence(text=item.sentence.text, citations=[cite])]
    return item, with_versions(question, answer, ev, app.corpus, app.retriever, 8)


@pytest.mark.integration
def test_a_year_of_another_event_is_no_version(make_app: Callable[..., App]) -> None:
    app = _wire_and_echo(
        make_app,
        ("Ferrow banned", "Kelby goalkeeper Sam Ferrow has been banned for doping.\n"
                          "Ferrow will not be eligible to play again until spring 2028.\n"
                          "He has made 90 appearances."),
        ("Kelby lose keeper", "Kelby will be without Sam Ferrow after his doping ban.\n"
                              "Ferrow joined Kelby from Dunfield Rovers in 2026 for £1 million.\n"
                              "Kelby play Dunfield on Saturday."))
    question = "When will Ferrow be allowed to play again?"
    wire, shown = _versions(app, question, "2028")
    assert len(shown) == 1
    # the same other sentence is a version where it gives the asked detail another value
    assert differs(wire.sentence.text, "Ferrow joined Kelby from Dunfield Rovers in 2026.",
                   question) == "figure"


def test_an_outlet_that_gives_the_answers_figures_offers_no_other_version() -> None:
    # Found by a newcomer on a dev story: "How much did the shares rise?" answered "rose 18%
    # to $3.69" was shown "The Commerce Ledger differs: ... paying $4.10, 31 per cent more
    # than the $3.13 ..." from an outlet that also says 18% and $3.69.
    answer = "Orrin shares rose 18% to $3.69 by the close on Monday."
    agrees = ("Hallam is paying $4.10 for each Orrin share, 31 per cent more than the $3.13 "
              "at which they closed on Friday. On Monday the shares jumped 18 per cent to "
              "$3.69.")
    disputes = "Orrin shares soared 22% to $3.82 on Monday, Hallam's offer price was $4.10."
    assert gives_answer_figures(answer, agrees)
    assert not gives_answer_figures(answer, disputes)
    assert not gives_answer_figures("The board backs the offer.", agrees)  # no figure
    # A count recurs as a part of another: "four paintings" stays a version of "three".
    assert not gives_answer_figures("Three paintings were stolen.", (
        "Thieves took three oil paintings and a small watercolour. A man was arrested over "
        "the theft of four paintings."))
    # s45 newcomer: an outlet giving the answer's date gives no other date of it, its "last
    # bus on Saturday 28 March" is another event's
    vote = "Councillors will vote on the subsidy on Thursday 19 March 2026."
    herald = ("The council will discuss a subsidy at a meeting on Thursday 19 March 2026. "
              "The last bus is due to run on Saturday 28 March 2026.")
    assert gives_answer_figures(vote, herald, "date")
    assert not gives_answer_figures(vote, "The last bus runs on Saturday 28 March.", "date")
    assert not gives_answer_figures(vote, herald)  # no sum or share in the answer


@pytest.mark.integration
def test_a_syndicated_copy_is_the_same_version_as_its_original(
    make_app: Callable[..., App],
) -> None:
    """Found by a newcomer on a dev story: an answer quoting a syndicated copy was not
    matched to its original's side of a difference (the same sentence under another
    dateline). There the original was listed as a version that differs; here, where the
    copy's side is the answer's, the other side was never shown."""
    from agent.generation.answer_differences import with_differences

    body = ("{dateline} — The River Dale peaked at 4.2 metres at the Dalton gauge on Sunday.\n"
            "Some 300 homes were flooded in Dalton.\nPolice closed the A61 for two days.\n"
            "The council opened a rest centre at the leisure centre.")
    app = make_app({
        "a.txt": _ARTICLE.format(title="Dale floods", author="Ann Lee", outlet="Vale Wire",
                                 body=body.format(dateline="DALTON (Vale Wire)")),
        "c.txt": _ARTICLE.format(title="Dale floods", author="Ann Lee",
                                 outlet="Northgate Gazette",
                                 body=body.format(dateline="DALTON")),
        "b.txt": _DALTON_ECHO,
    })
    assert app.corpus.canonical("c") == "a"
    question = "How high did the River Dale peak at Dalton?"
    ev, _, _ = _cited(app, question, "4.2 metres")
    copy = app.corpus.article("c").sentences[0]
    cite = make_citation(app.corpus, "c", copy.text)
    assert cite is not None and "4.2 metres" in cite.quote
    answer = [AnswerSentence(text="The River Dale peaked at 4.2 metres.", citations=[cite])]
    shown = with_differences(question, answer, ev, app.corpus)
    assert [s.text.split(" differs: ")[0] for s in shown[1:]] == ["Dalton Echo"]


@pytest.mark.integration
def test_the_version_more_outlets_give_leads_the_answer(
    make_app: Callable[..., App],
) -> None:
    """Found by a newcomer on a new story: an answer citing one outlet's figure led, and the
    figure three outlets gave came after it as the one that "differs". The side most
    independent outlets give leads, named with all of them; the answer's side follows as
    its outlet's."""
    from agent.generation.answer_differences import with_differences

    app = make_app({
        "a.txt": _DALE_WIRE,
        "b.txt": _DALTON_ECHO,
        "c.txt": _ARTICLE.format(
            title="Dale gauge record", author="Kit Moss", outlet="Northgate Gazette",
            body="The Dale reached 4.9 metres at the Dalton gauge, the highest on record.\n"
                 "Farmers moved sheep to higher ground.\nThe A61 reopened on Tuesday."),
    })
    question = "How high did the River Dale peak at Dalton?"
    ev, _, cite = _cited(app, question, "4.2 metres")
    answer = [AnswerSentence(text="The River Dale peaked at 4.2 metres.", citations=[cite])]
    lead, told = with_differences(question, answer, ev, app.corpus)[:2]
    assert lead.text.startswith("According to ") and "4.9 metres" in lead.text
    assert {"Dalton Echo", "Northgate Gazette"} <= set(
        lead.text.removeprefix("According to ").split(":")[0].replace(" and ", ", ").split(", "))
    assert len({c.source for c in lead.citations}) == 2  # each outlet named is cited
    assert told.text == "Vale Wire differs: The River Dale peaked at 4.2 metres."
    assert told.citations == [cite]
    # cited by the majority's side, the answer leads as it was
    ev, _, majority = _cited(app, question, "4.9 metres")
    plain = [AnswerSentence(text="The Dale peaked at 4.9 metres.", citations=[majority])]
    assert with_differences(question, plain, ev, app.corpus)[0] == plain[0]


@pytest.mark.integration
def test_an_answer_only_a_comment_piece_backs_is_told_as_its_outlets(
    make_app: Callable[..., App],
) -> None:
    """Found by a newcomer on a dev story: a column's "and it is right to claw back £1.2m"
    came back as a plain answer. An answer citing only comment pieces names their outlet."""
    from agent.generation.versions import attributed_opinion

    app = make_app({
        "a.txt": _DALE_WIRE,
        "b.txt": _ARTICLE.format(
            title="Dalton was failed", author="Tom Roe", outlet="Dalton Voice",
            body="The council cut the flood defence budget in 2024, and it was wrong to.\n"
                 "The council must restore the budget now.\nDalton deserves better."),
    })
    view = "The council cut the flood defence budget in 2024, and it was wrong to."
    report = "Some 300 homes were flooded in Dalton."

    def cited(text: str, source: str) -> AnswerSentence:
        cite = make_citation(app.corpus, source, text)
        assert cite is not None
        return AnswerSentence(text=text, citations=[cite])

    told = attributed_opinion([cited(report, "a"), cited(view, "b")], app.corpus)
    assert [s.text for s in told] == [report, f"According to Dalton Voice: {view}"]
    named = AnswerSentence(text=f"Dalton Voice differs: {view}",
                           citations=cited(view, "b").citations)
    assert attributed_opinion([named], app.corpus) == [named]


@pytest.mark.integration
def test_a_figure_of_the_storys_own_event_is_no_version_of_another_towns(
    make_app: Callable[..., App]
) -> None:
    """Newcomer trial (dev cinderford): "How many homes were evacuated in the Brackmoor
    fire?" got "Eastline Wire differs: Residents of about 350 homes were evacuated ..." of
    the story's own fire, in another town."""
    app = _wire_and_echo(
        make_app,
        ("Plant fire", "A fire broke out at a recycling plant in Dalton on Sunday.\n"
                       "About 300 homes were evacuated in Dalton overnight.\n"
                       "Police closed the A61."),
        ("Fire risk", "Recycling yards have burned before.\n"
                      "In 2024 a fire at a yard in Kelby forced 120 homes to be evacuated.\n"
                      "The yard was later fined."))
    _, shown = _versions(app, "How many homes were evacuated in the Kelby fire?", "120 homes")
    assert len(shown) == 1
    # the Dalton figure is a version for a question that names no town
    _, shown = _versions(app, "How many homes were evacuated after the fire?", "120 homes")
    assert any("300 homes" in s.text for s in shown[1:])


def test_another_destination_is_another_version_of_where() -> None:
    q = "Which hospital was the injured climber taken to?"
    answer = "The injured climber was flown to Dunmore General Hospital."
    assert differs(answer, "The climber was airlifted to Kelby Infirmary.", q) == "place"
    assert differs(answer, "The climber later spoke to Reuters from hospital.", q) is None
