"""The sentence a compare row shows as its claim (agent.verification.compare): not a piece of
a quotation that runs over into another sentence, whose speaker that other sentence names
("Everyone on that site knew the face was moving.\"" read as a fact), nor an opinion
piece's words ("has spent months dithering") when a report of the group tells it too (a
newcomer's quarry story, session 59). The sentences are made up for these tests."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from agent.app import App
from agent.text.quotes import quote_fragment
from agent.types import Sentence
from agent.verification.compare import _named_leader, build_matrix


@pytest.mark.unit
@pytest.mark.parametrize(("text", "fragment"), [
    ("Everyone on the pier knew the ramp was loose.\"", True),
    ("Everyone on the pier knew the ramp was loose.”", True),
    ("Ms Orme said: “The ramp should have been closed.", True),
    ("Ms Orme said: \"The ramp should have been closed.", True),
    ("Ms Orme said the ramp was \"a disgrace\".", False),
    ("“It was a disgrace,” Ms Orme said.", False),
    ("The ramp was closed on Monday.", False),
])
def test_a_piece_of_a_longer_quotation(text: str, fragment: bool) -> None:
    assert quote_fragment(text) is fragment


def _cands(*rows: tuple[str, str]) -> list[tuple[str, Sentence]]:
    return [(article, Sentence(id=f"{article}:{i}", article_id=article, doc_id=article,
                               start=0, end=len(text), text=text))
            for i, (article, text) in enumerate(rows)]


SIM = np.array([[1.0, 0.8, 0.7], [0.8, 1.0, 0.6], [0.7, 0.6, 1.0]])


@pytest.mark.unit
@pytest.mark.parametrize(("leader_text", "leader_article", "opinion", "chosen"), [
    # a fragment leader gives way to the member most like it
    ("Everyone on the pier knew the ramp was loose.\"", "wire", set(), 1),
    # a column's words give way to a report's
    ("The port authority has spent months dithering over the ramp.", "column", {"column"}, 1),
    # a plain report sentence stays
    ("The port authority closed the ramp on Monday.", "wire", set(), 0),
])
def test_the_row_claim_is_a_plain_report_sentence(leader_text: str, leader_article: str,
                                                  opinion: set[str], chosen: int) -> None:
    cands = _cands((leader_article, leader_text),
                   ("paper", "The port authority is reportedly weighing repairs to the ramp."),
                   ("local", "Ms Orme said: \"The ramp should have been closed."))
    assert _named_leader(0, [0, 1, 2], cands, SIM, opinion) == chosen


@pytest.mark.integration
def test_a_quotation_piece_whose_speaker_is_elsewhere_is_no_row(
        make_app: Callable[..., App]) -> None:
    pieces = ("Everyone on that pier knew the loading ramp was moving and nobody acted.”",
              "Everyone at that pier knew the loading ramp was moving and no one acted.”")
    articles = {
        "a_wire.txt": ("Ramp collapse at Kelby pier\n\n"
                       "The loading ramp at Kelby pier collapsed on Monday, hurting two dockers.\n"
                       f"Union official Ann Orme said: “Those men should have come home. "
                       f"{pieces[0]}\n"),
        "b_paper.txt": ("Dockers hurt at Kelby pier\n\n"
                        "The loading ramp at Kelby pier collapsed on Monday and hurt two dockers.\n"
                        f"Ann Orme of the union said: “The men should have come home. "
                        f"{pieces[1]}\n"),
    }
    app = make_app(articles)
    rows = build_matrix(app.corpus, app.embedder).rows
    assert rows, "the collapse is told by both outlets"
    assert all(p.rstrip("”") not in r.claim for r in rows for p in pieces)
