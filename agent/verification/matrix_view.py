"""How the cross-outlet matrix (agent.verification.compare) is shown: a rich table or list
on a terminal, and a self-contained HTML page."""

from __future__ import annotations

import html

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from agent.verification.compare import Matrix, MatrixCell

_SYMBOL = {"supports": "✔", "contradicts": "✘", "silent": "·"}


# Below this many columns per outlet (plus the claim's) the matrix is printed as a list.
_COLS_PER_OUTLET = 16
_CLAIM_COLS = 40


def print_matrix(m: Matrix, console: Console) -> None:
    """The matrix as a table of claims × outlets, or, on a terminal too narrow for one
    (under _CLAIM_COLS + _COLS_PER_OUTLET per outlet), as a list: each claim, then the
    outlets that support it, contradict it (with their version) and stay silent."""
    if console.width < _CLAIM_COLS + _COLS_PER_OUTLET * len(m.outlets):
        _print_list(m, console)
        return
    table = Table(
        title=f"{len(m.rows)} key claims × {len(m.outlets)} independent outlets", show_lines=True
    )
    table.add_column("claim", overflow="fold", max_width=50)
    for o in m.outlets:
        table.add_column(escape(o[:18]), overflow="fold", max_width=28)
    for r in m.rows:
        cells = []
        for o in m.outlets:
            c = r.cells.get(o, MatrixCell(stance="silent"))
            colour = {"supports": "green", "contradicts": "red", "silent": "dim"}[c.stance]
            detail = f"\n[dim]{escape(c.note)}[/dim]" if c.note else ""
            cells.append(f"[{colour}]{_SYMBOL[c.stance]} {c.stance}[/{colour}]{detail}")
        flag = "[red]⚠ [/red]" if r.contradiction else ""
        table.add_row(flag + escape(r.claim), *cells)
    console.print(table)


def _print_list(m: Matrix, console: Console) -> None:
    console.print(f"{len(m.rows)} key claims × {len(m.outlets)} independent outlets")
    for r in m.rows:
        flag = "[red]⚠ [/red]" if r.contradiction else ""
        console.print(f"\n{flag}[bold]{escape(r.claim)}[/bold]")
        for stance, colour in (("supports", "green"), ("contradicts", "red"), ("silent", "dim")):
            named = []
            for o in m.outlets:
                c = r.cells.get(o, MatrixCell(stance="silent"))
                if c.stance == stance:
                    named.append(escape(o) + (f" ({escape(c.note)})" if c.note else ""))
            if named:
                console.print(f"  [{colour}]{_SYMBOL[stance]} {stance}:[/{colour}] "
                              + "; ".join(named))


def render_html(m: Matrix) -> str:
    """A self-contained page. All article text is escaped: it is data, never markup."""
    e = html.escape
    head = "".join(f"<th>{e(o)}</th>" for o in m.outlets)
    body = []
    for r in m.rows:
        tds = []
        for o in m.outlets:
            c = r.cells.get(o, MatrixCell(stance="silent"))
            quote = (
                f"<blockquote>{e(c.quote)}</blockquote>"
                f"<small>{e(c.source or '')} [{c.start}:{c.end}]</small>"
                if c.quote
                else ""
            )
            note = f"<div class=note>{e(c.note)}</div>" if c.note else ""
            tds.append(
                f'<td class="{c.stance}"><b>{_SYMBOL[c.stance]} {c.stance}</b>{note}{quote}</td>'
            )
        cls = " class=contra" if r.contradiction else ""
        body.append(f"<tr{cls}><th scope=row>{e(r.claim)}</th>{''.join(tds)}</tr>")
    return (
        "<!doctype html><html><head><meta charset=utf-8>"
        "<title>sourcebound: cross-outlet matrix</title>"
        "<style>body{font-family:sans-serif;margin:1em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:.4em;vertical-align:top;max-width:22em;font-size:.9em}"
        ".supports{background:#e9f7ec}.contradicts{background:#fdecea}.silent{color:#999}"
        "tr.contra>th{border-left:4px solid #c62828}blockquote{margin:.3em 0;font-style:italic}"
        ".note{color:#555;font-size:.85em}</style></head><body>"
        "<h1>Key claims × independent outlets</h1>"
        "<p>Contradictions first. Quotes are verbatim from "
        "the sources, with character offsets.</p>"
        f"<table><thead><tr><th>claim</th>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        "</body></html>"
    )
