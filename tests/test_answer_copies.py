"""An answer cites the original of a syndicated copy, not the copy beside it (a
consumer-safety newcomer, session 63: a regional reprint was cited beside the wire story it
copies, though `sources` counts the two as one outlet). Invented variant; no model call."""

from __future__ import annotations

from collections.abc import Callable

from agent.app import App
from agent.generation.answer_checks import originals_cited
from agent.retrieval.citations import make_citation
from agent.types import AnswerSentence

_ARTICLE = "Ferry cuts\nBy Ann Lee\nMonday, 2 March 2026\n{outlet}\n\n{body}\n"
_LINES = ["The Harwick ferry service will be cut from next month, its operator said on Monday.",
          "Coastlink Ferries said the route had lost money for three years.",
          "Tickets were sold at the harbour office for about $12 until March.",
          "Islanders have started a petition against the cuts."]
_COPIED = [*_LINES[:2], _LINES[2].replace("about", "around"), _LINES[3]]


def test_a_copy_beside_its_original_is_not_cited(make_app: Callable[..., App]) -> None:
    app = make_app({
        "a.txt": _ARTICLE.format(outlet="Isles Wire", body="\n".join(_LINES)),
        "b.txt": _ARTICLE.format(outlet="Harwick Gazette", body="\n".join(_COPIED)),
    })
    assert app.corpus.canonical("b") == "a"
    copy, original = (make_citation(app.corpus, "b", _COPIED[2]),
                      make_citation(app.corpus, "a", _LINES[2]))
    assert copy is not None and original is not None
    told = originals_cited(AnswerSentence(text=_COPIED[2], citations=[copy, original]),
                           app.corpus)
    # one voice, cited once, told in the original's words
    assert [c.source for c in told.citations] == ["a"]
    assert told.text == _LINES[2]
    # a copy's quote that its original prints too is cited from the original
    alone = make_citation(app.corpus, "b", _LINES[3])
    assert alone is not None
    told = originals_cited(AnswerSentence(text=_LINES[3], citations=[alone]), app.corpus)
    assert [(c.source, c.quote) for c in told.citations] == [("a", _LINES[3])]


def test_a_copys_own_sentence_stays_cited_beside_its_original(
        make_app: Callable[..., App]) -> None:
    own = "Harwick Gazette readers have raised £4,000 for a legal challenge."
    app = make_app({
        "a.txt": _ARTICLE.format(outlet="Isles Wire", body="\n".join(_LINES)),
        "b.txt": _ARTICLE.format(outlet="Harwick Gazette", body="\n".join([*_COPIED, own])),
    })
    assert app.corpus.canonical("b") == "a"
    wire, gazette = (make_citation(app.corpus, "a", _LINES[3]),
                     make_citation(app.corpus, "b", own))
    assert wire is not None and gazette is not None
    told = originals_cited(AnswerSentence(text="Islanders are fighting the cuts.",
                                          citations=[wire, gazette]), app.corpus)
    assert [c.source for c in told.citations] == ["a", "b"]
