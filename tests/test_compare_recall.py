"""The measure of `compare` against labelled conflicts (evals/compare_recall.py)."""

from __future__ import annotations

from agent.verification.compare import MatrixCell, MatrixRow
from evals.compare_recall import shows, value_tokens

JOBS = {"id": "k-x02", "detail": "how many jobs the takeover will cut", "versions": [
    {"value": "around 1,200 over three years", "sources": ["k_01_wire", "k_02_ledger"]},
    {"value": "1,500", "sources": ["k_03_voice"]}]}


def _cell(stance: str, source: str, quote: str) -> MatrixCell:
    return MatrixCell(stance=stance, source=source, quote=quote, start=0, end=len(quote))  # type: ignore[arg-type]


def _row(*cells: MatrixCell, contradiction: bool = True) -> MatrixRow:
    return MatrixRow(claim="c", kind="figure", contradiction=contradiction,
                     cells={f"o{n}": c for n, c in enumerate(cells)})


def test_a_row_shows_a_conflict_when_its_two_stances_quote_two_versions() -> None:
    wire = _cell("supports", "k_01_wire", "The deal will cost around 1,200 jobs.")
    voice = _cell("contradicts", "k_03_voice", "Union says 1,500 jobs will go.")
    assert shows(JOBS, _row(wire, voice))
    # the same outlets, but quotes that give neither value: another detail of theirs
    other = _cell("contradicts", "k_03_voice", "The plant opened in 1962.")
    assert not shows(JOBS, _row(wire, other))
    # both versions on one side contradict nothing; nor does a row that is no contradiction
    assert not shows(JOBS, _row(wire, _cell("supports", "k_03_voice", "1,500 jobs will go.")))
    assert not shows(JOBS, _row(wire, voice, contradiction=False))


def test_qualifiers_do_not_make_a_value_match() -> None:
    assert value_tokens("around 1,200 over three years") == {"1200", "three", "years"}
    assert value_tokens("about 38 per cent") == {"38"}
