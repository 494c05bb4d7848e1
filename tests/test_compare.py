"""Cross-outlet matrix (agent/verification/compare.py) on a small fake corpus (three outlets
on one strike, scenarios.STRIKE_ARTICLES)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from scenarios import STRIKE_ARTICLES

from agent.app import App
from agent.verification.compare import Matrix, MatrixCell, MatrixRow, build_matrix
from agent.verification.matrix_view import render_html


def test_venue_disagreement_is_a_contradiction_listed_first(make_app: Callable[..., App]) -> None:
    app = make_app(STRIKE_ARTICLES)
    m = build_matrix(app.corpus, app.embedder)
    assert m.rows and m.rows[0].contradiction
    venue = [r for r in m.rows if r.kind == "venue"]
    assert venue, "the Lyon rally vs Geneva briefing disagreement must be found"
    quotes = {c.quote for r in venue for c in r.cells.values() if c.quote}
    assert any("Lyon" in q for q in quotes) and any("Geneva" in q for q in quotes)
    # Every quote is verbatim at its offsets.
    for r in m.rows:
        for c in r.cells.values():
            if c.quote is not None:
                text = app.corpus.text(app.corpus.article(c.source or "").doc_id)
                assert text[c.start : c.end] == c.quote
    # Contradictions come before agreements.
    flags = [r.contradiction for r in m.rows]
    assert flags == sorted(flags, reverse=True)


def test_matrix_columns_are_independent_outlets(make_app: Callable[..., App]) -> None:
    app = make_app(STRIKE_ARTICLES)
    m = build_matrix(app.corpus, app.embedder)
    assert len(m.outlets) == len(set(m.outlets)) == 3
    for r in m.rows:
        assert set(r.cells) == set(m.outlets)


def test_html_escapes_article_text() -> None:
    evil = '<script>alert("x")</script>'
    m = Matrix(
        outlets=["A&B"],
        rows=[
            MatrixRow(
                claim=evil,
                kind="point",
                contradiction=False,
                cells={
                    "A&B": MatrixCell(stance="supports", source="s", quote=evil, start=0, end=5)
                },
            )
        ],
    )
    page = render_html(m)
    assert "<script>" not in page
    assert "&lt;script&gt;" in page and "A&amp;B" in page


def test_a_narrow_terminal_gets_the_matrix_as_a_list() -> None:
    """Six outlets in 80 columns fold every cell into slivers (a newcomer's trial): below the
    width a table needs, each claim is listed with the outlets on each side."""
    from rich.console import Console

    from agent.verification.matrix_view import print_matrix

    outlets = [f"Outlet {i}" for i in range(6)]
    row = MatrixRow(claim="The rally was held in Lyon.", kind="venue", contradiction=True,
                    cells={"Outlet 0": MatrixCell(stance="supports", note="in Lyon"),
                           "Outlet 1": MatrixCell(stance="contradicts", note="in Geneva")})
    m = Matrix(outlets=outlets, rows=[row])
    narrow = Console(width=80, record=True)
    print_matrix(m, narrow)
    text = narrow.export_text()
    assert "┃" not in text  # no table
    assert "✔ supports: Outlet 0 (in Lyon)" in text
    assert "✘ contradicts: Outlet 1 (in Geneva)" in text
    assert "· silent: Outlet 2; Outlet 3; Outlet 4; Outlet 5" in text
    wide = Console(width=200, record=True)
    print_matrix(m, wide)
    assert "┃" in wide.export_text()


def test_an_outlet_that_says_less_does_not_support_a_row(make_app: Callable[..., App]) -> None:
    """Three outlets' sentences in one group (same vectors): the two that tell the row's
    claim support it; the one that only shares its topic stays silent (a newcomer saw
    loaded lines "supported" by all six outlets)."""
    import numpy as np

    from agent.verification.compare import point_rows

    app = make_app({
        "a.txt": "Strike ends\n\nThe harbour union ended its week-long strike on Tuesday after "
                 "late talks with the city council.\n",
        "b.txt": "Strike over\n\nThe harbour union ended its week-long strike on Tuesday after "
                 "talks with the city council ran late.\n",
        "c.txt": "Port news\n\nDock workers went back to work at the harbour this week.\n",
    })
    cands = [(app.corpus.outlet_key(a.id), s) for a in app.corpus.articles()
             for s in a.sentences if "harbour" in s.text and s.header is None]
    assert len(cands) == 3
    vecs = np.ones((3, 4), dtype=np.float32) / 2.0  # one group: every pair at similarity 1
    outlets = sorted(k for k, _ in cands)
    (row,) = point_rows(app.corpus, cands, vecs, outlets)
    stances = {o: c.stance for o, c in row.cells.items()}
    told = [k for k, s in cands if "ended" in s.text]
    assert all(stances[o] == "supports" for o in told)
    assert [o for o, st in stances.items() if st == "silent"] == [
        k for k, s in cands if "Dock workers" in s.text]


def test_a_row_claim_names_its_subject_where_a_member_does(
        make_app: Callable[..., App]) -> None:
    """A row led by "Its officers took water samples ..." leaves the reader asking whose (an
    environment newcomer, session 53): the member that names them is the claim."""
    import numpy as np

    from agent.verification.compare import point_rows

    app = make_app({
        "a.txt": "Spill checks\n\nIts officers took water samples from the brook on Sunday "
                 "and Monday.\n",
        "b.txt": "Brook sampled\n\nAgency officers took water samples from the brook on Sunday "
                 "and Monday.\n",
    })
    cands = [(app.corpus.outlet_key(a.id), s) for a in app.corpus.articles()
             for s in a.sentences if "samples" in s.text and s.header is None]
    cands.sort(key=lambda c: not c[1].text.startswith("Its"))  # the pronoun first: leader
    vecs = np.ones((2, 4), dtype=np.float32) / 2.0
    (row,) = point_rows(app.corpus, cands, vecs, sorted(k for k, _ in cands))
    assert row.claim.startswith("Agency officers took")
    assert {c.stance for c in row.cells.values()} == {"supports"}


def test_a_figure_outlets_word_apart_is_a_contradiction_row(make_app: Callable[..., App]) -> None:
    """Found by a newcomer on a dev story: outlets gave a share rise as "18% to $3.69" and
    "22% to $3.82" in sentences too differently worded to group, and the matrix showed none
    of it. The story summary's figure differences become rows."""
    app = make_app({
        "a_wire.txt": "Orrin bid lifts shares\n\nOrrin Foods shares rose 18% to $3.69 by the "
                      "close on Monday after Hallam made its offer.\n",
        "b_ledger.txt": "Hallam bids for Orrin\n\nHallam's offer sent Orrin Foods stock up 18 "
                        "per cent, to $3.69, on Monday, traders said.\n",
        "c_pulse.txt": "Orrin soars\n\nInvestors piled in: by Monday's close Orrin Foods had "
                       "gained 22%, ending at $3.82 a share.\n",
    })
    m = app.matrix()
    (row,) = [r for r in m.rows if r.kind == "figure"]
    assert row.contradiction and m.rows[0].contradiction
    stances = {o: c.stance for o, c in row.cells.items()}
    assert sorted(stances.values()) == ["contradicts", "supports", "supports"]
    (rival,) = [c for c in row.cells.values() if c.stance == "contradicts"]
    assert rival.quote is not None and "$3.82" in rival.quote
    assert rival.note is not None and "22%" in rival.note and "$3.82" in rival.note
    assert "$3.69" in row.claim and set(row.cells) == set(m.outlets)


def test_an_outlet_stating_the_same_figures_in_other_words_supports(
    make_app: Callable[..., App],
) -> None:
    """Found by a newcomer on a dev story: "has frozen two grants totalling $3.4m" was shown
    silent on "said it had suspended two active grants worth a combined $3.4 million"."""
    app = make_app({
        "a_wire.txt": "Funder freezes lab grants\n\nThe Meridian Health Research Fund, which "
                      "paid for much of the lab's work, said it had suspended two active grants "
                      "worth a combined $3.4 million.\n",
        "b_post.txt": "Lab papers pulled\n\nThe lab's main funder, the Meridian Health Research "
                      "Fund, has frozen two grants totalling $3.4m and wants $1.2m back.\n",
    })
    from agent.verification.compare import _candidates, point_rows

    cands = _candidates(app.corpus)
    outlets = sorted({k for k, _ in cands})
    same = np.ones((len(cands), 4), dtype=np.float32) / 2.0  # one group: unit vectors alike
    (row,) = point_rows(app.corpus, cands, same, outlets)
    assert [c.stance for c in row.cells.values()] == ["supports", "supports"]


def test_the_matrix_builds_no_model(
    make_app: Callable[..., App], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`compare` makes no model call, so it must not need one configured: an API backend
    without a key (or a local model not yet assembled) is no reason for it to fail."""
    app = make_app(STRIKE_ARTICLES)

    def no_model(_: App) -> None:
        raise AssertionError("the matrix asked for the model")

    monkeypatch.setattr(App, "llm", property(no_model))
    assert app.matrix().rows


def test_a_rows_claim_leaves_out_the_wire_dateline(make_app: Callable[..., App]) -> None:
    """Newcomer trial (hollin): a row's claim read "HOLLIN (Northline Press) — Health chiefs
    voted ...": the dateline is the wire's, not part of what the outlets tell."""
    from agent.verification.compare import point_rows

    app = make_app({
        "a.txt": "Strike ends\n\nKELBY (Delta Wire) — The harbour union ended its week-long "
                 "strike on Tuesday after late talks with the city council.\n",
        "b.txt": "Strike over\n\nThe harbour union ended its week-long strike on Tuesday after "
                 "talks with the city council ran late.\n",
    })
    cands = [(app.corpus.outlet_key(a.id), s) for a in app.corpus.articles()
             for s in a.sentences if "harbour" in s.text and s.header is None]
    cands.sort(key=lambda c: "KELBY" not in c[1].text)  # the wire's sentence leads the group
    vecs = np.ones((2, 4), dtype=np.float32) / 2.0
    (row,) = point_rows(app.corpus, cands, vecs, sorted(k for k, _ in cands))
    assert row.claim.startswith("The harbour union ended") and "KELBY" not in row.claim


def test_a_point_a_figure_row_shows_is_not_repeated(make_app: Callable[..., App]) -> None:
    """A health newcomer saw "The trial enrolled 960 patients ..." as the figure row and
    again as a point row with the dissenting outlet silent."""
    told = "The pilot enrolled 480 pupils at Ashby Grammar and four village schools."
    app = make_app({
        "a_wire.txt": f"Tutoring pilot\n\n{told}\n",
        "b_ledger.txt": "Tutoring pilot ends\n\nThe pilot enrolled 480 pupils at Ashby Grammar "
                        "and four village schools, the trust said.\n",
    })
    points = [r for r in build_matrix(app.corpus, app.embedder).rows if r.claim == told]
    assert len(points) == 1 and points[0].kind == "point"
    figure = MatrixRow(claim=told, kind="figure", contradiction=True, cells={
        "The Wire": MatrixCell(stance="supports", quote=told),
        "The Ledger": MatrixCell(stance="contradicts", quote="Some 410 pupils took part.")})
    rows = build_matrix(app.corpus, app.embedder, extra=[figure]).rows
    assert [r.kind for r in rows if r.claim == told] == ["figure"]


def test_an_outlet_reprinting_a_rows_sentence_is_noted_not_plain_silent(
        make_app: Callable[..., App]) -> None:
    """Two newcomer trials (session 54): a local paper that reprinted the wire's paragraphs
    was "silent" on the rows it carries word for word. Its cell stays silent (it adds no
    voice of its own) with a note naming whom it reprints."""
    import numpy as np

    from agent.verification.compare import _reprints_noted, point_rows

    told = "The harbour union ended its week-long strike on Tuesday after talks with the council."
    app = make_app({
        "a.txt": (f"Strike ends\nBy Ann Lee\n3 May 2026\nKelby Wire\n\n{told}\n"
                  "Union members voted 212 to 40 to accept a 6 per cent pay rise.\n"),
        "b.txt": ("Dockers return\nBy Tom Hale\n4 May 2026\nThe Kelby Post\n\nThe harbour "
                  "union ended its week-long strike on Tuesday after talks with the council "
                  "ran late.\nPassenger ferries were cancelled for most of the stoppage.\n"),
        "c.txt": (f"Port reopens\nBy Staff\n5 May 2026\nFenwick Gazette\n\n{told}\n"
                  "Ferries will run a normal timetable from Friday, the port said.\n"),
    })
    copy = next(s for a in app.corpus.articles() for s in a.sentences if s.duplicate_of)
    assert copy.text == told
    cands = [(app.corpus.outlet_key(a.id), s) for a in app.corpus.articles()
             for s in a.sentences if "harbour" in s.text and s.header is None
             and s.duplicate_of is None]
    outlets = sorted({app.corpus.outlet_key(a.id) for a in app.corpus.articles()})
    vecs = np.ones((len(cands), 4), dtype=np.float32) / 2.0
    (row,) = _reprints_noted(app.corpus, point_rows(app.corpus, cands, vecs, outlets))
    gazette = row.cells["Fenwick Gazette"]
    assert (gazette.stance, gazette.note) == ("silent", "reprints Kelby Wire word for word")
    assert row.cells["The Kelby Post"].stance == "supports"


def test_a_pages_header_lines_are_no_key_claims(make_app: Callable[..., App]) -> None:
    """A web page's header block ("Title: Fans celebrate as ...") was a row's claim (a
    newcomer trial, session 55): only body sentences are candidates."""
    from agent.verification.compare import _candidates

    page = ("<html><head><title>Fans celebrate as the club wins back four points</title>"
            "<meta name='author' content='Jo Harker'></head><body><article>"
            "<h1>Fans celebrate as the club wins back four points</h1>"
            "<p>Nearly 300 supporters gathered outside the ground on Tuesday afternoon after "
            "the club's ten-point deduction was cut to six by an appeal board.</p>"
            "<p>The board upheld the finding that the club had broken the league's rules.</p>"
            "</article></body></html>")
    app = make_app({"a.html": page})
    (art,) = app.corpus.articles()
    assert any(s.header == "title" for s in art.sentences)
    texts = [s.text for _, s in _candidates(app.corpus)]
    assert texts and not any(t.startswith(("Title:", "Author:")) for t in texts)
