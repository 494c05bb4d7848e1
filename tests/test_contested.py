"""A charge that only an opinion piece states as fact, while the reports give it as someone's
words and print a denial, is contested: not_enough_info (agent.verification.replies.
contested). Two newcomer trials saw such a charge "supported" by a column and an
"accused ... of" sentence. And a denial told without a verb of speech ("Jo Hale, the trust's
chair, denied the claim.") is its denier's words (agent.verification.checks).
Invented articles in another domain."""

from __future__ import annotations

from collections.abc import Callable

from agent.app import App
from agent.retrieval.citations import make_citation
from agent.verification.checks import compare
from agent.verification.replies import contested
from agent.verification.signals import Signals
from agent.verification.verdicts import EvidenceItem

CHARGE = ("Parents' group Safe Pitches accused Harlow Council of hiding a survey that found "
          "lead in the playing fields.")
DENIAL = "The council strongly denied this, calling the claim \"baseless\"."
STATED = "Harlow Council, which hid a survey that found lead in our playing fields, should go."
STATED_AS_FACT = "Harlow Council hid a survey that found lead in the playing fields."


def _report(denied: bool) -> str:
    return ("Playing fields shut for soil tests\nBy Ann Cole\nMonday 2 November 2026\n"
            "The Fenwick Post\n\nHarlow Council has closed the Eastway playing fields while "
            f"the soil is tested for lead.\n{CHARGE}\n" + (f"{DENIAL}\n" if denied else "")
            + "Results of the new tests are expected within three weeks.\n")


COLUMN = ("Shame on Harlow\nBy Ed Marsh\nTuesday 3 November 2026\nThe Fenwick Voice — Comment\n\n"
          f"{STATED}\nIt is time the council told parents the truth.\n")


def _items(app: App, column_states: bool = True,
           report_stance: str = "supports") -> list[tuple[str, EvidenceItem, Signals]]:
    out = []
    for art in app.corpus.articles():
        for s in art.body_sentences:
            if s.text in (CHARGE, STATED, STATED_AS_FACT):
                cite = make_citation(app.corpus, art.id, s.text)
                assert cite is not None
                reported = s.text == CHARGE
                stance = (report_stance if reported else
                          "supports" if column_states else "silent")
                sig = Signals(coverage=0.8, aligned=True,
                              attributed_to="Safe Pitches" if reported else None)
                out.append((art.outlet or "", EvidenceItem(citation=cite, stance=stance), sig))
    return out


def test_a_charge_only_a_column_states_and_a_report_denies_is_contested(
    make_app: Callable[..., App],
) -> None:
    app = make_app({"a_post.txt": _report(denied=True), "b_column.txt": COLUMN})
    why = contested(app.corpus, _items(app))
    assert why is not None and "The Fenwick Voice — Comment" in why


def test_a_report_of_the_charge_the_model_read_as_silent_still_reports_it(
    make_app: Callable[..., App],
) -> None:
    """A health-research newcomer: the model judged "The alliance claims Veltrane helped
    design the research" silent (or was not asked), and the column's "helped shape this
    trial" was the claim's only support; the report and its denial make it contested."""
    app = make_app({"a_post.txt": _report(denied=True), "b_column.txt": COLUMN})
    assert contested(app.corpus, _items(app, report_stance="silent")) is not None
    # a report that contradicts the claim is no report of the charge
    assert contested(app.corpus, _items(app, report_stance="refutes")) is None


def test_no_contest_without_a_denial(make_app: Callable[..., App]) -> None:
    app = make_app({"a_post.txt": _report(denied=False), "b_column.txt": COLUMN})
    assert contested(app.corpus, _items(app)) is None


def test_no_contest_when_a_report_states_the_charge(make_app: Callable[..., App]) -> None:
    report = ("Lead survey\nBy Ed Marsh\nTuesday 3 November 2026\nThe Fenwick Echo\n\n"
              f"{STATED_AS_FACT}\nThe fields reopen next month.\n")
    app = make_app({"a_post.txt": _report(denied=True), "b_column.txt": report})
    assert contested(app.corpus, _items(app)) is None


def test_no_contest_when_nothing_states_the_charge(make_app: Callable[..., App]) -> None:
    # the reported charge alone is decide()'s not_enough_info
    app = make_app({"a_post.txt": _report(denied=True), "b_column.txt": COLUMN})
    assert contested(app.corpus, _items(app, column_states=False)) is None


def test_a_denial_told_without_a_verb_of_speech_is_its_deniers_words() -> None:
    claim = "A spokesperson for Jo Hale denied that the academy hid a damp survey."
    sig = compare(claim, "A spokesperson for Jo Hale, the academy's former head, denied the "
                  "claim.", context="Parents alleged that the academy hid a damp survey.")
    assert sig.speaker == "jo hale" and sig.same_speaker and not sig.no_denial


def test_a_sum_said_in_words_keeps_its_currency_and_is_marked_where_disputed() -> None:
    """A sport newcomer: "sold ... for 3.5 million pounds" was shown as "3.5 million" on one
    side of a difference line (a count, not a sum), and the point line stating it went
    unmarked."""
    from agent.generation.contested import contested_marked, difference_versions
    from agent.generation.differences import Difference, Side
    from agent.text.quantities import quantities

    line = "Ossett Town sold their captain to Lowmoor for 2.5 million pounds in May."
    (q,) = quantities(line)
    assert (q.kind, q.said) == ("money", "2.5 million pounds")
    diff = Difference(kind="sum", sides=[Side(values=[q.said], outlets=["a", "b"]),
                                         Side(values=["£3.1m"], outlets=["c"])])
    assert [v.figure.kind for v in difference_versions([diff])] == ["money", "money"]
    assert contested_marked(line, difference_versions([diff])) == (
        "Ossett Town sold their captain to Lowmoor for 2.5 million pounds [outlets differ] "
        "in May.")


def test_a_charge_denied_in_its_own_sentence_is_contested(make_app: Callable[..., App]) -> None:
    """"..., an accusation the council flatly rejects": the denial in the charge's sentence."""
    charge = CHARGE.rstrip(".") + ", an accusation the council flatly rejects."
    report = _report(denied=False).replace(CHARGE, charge)
    app = make_app({"a_post.txt": report, "b_column.txt": COLUMN})
    items = []
    for art in app.corpus.articles():
        for s in art.body_sentences:
            if s.text in (charge, STATED):
                cite = make_citation(app.corpus, art.id, s.text)
                assert cite is not None
                sig = Signals(coverage=0.8, aligned=True,
                              attributed_to="Safe Pitches" if s.text == charge else None)
                items.append((art.outlet or "", EvidenceItem(citation=cite, stance="supports"),
                              sig))
    assert len(items) == 2
    assert contested(app.corpus, items) is not None
