"""The reliability results table: tests record each fault / bad input / injection case as
(area, case, what happened, what was lost); conftest prints it after the run and writes it
to .pytest_cache/reliability-table.md, so the table in a report is the one the tests made."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    area: str
    case: str
    happened: str
    lost: str


ROWS: list[Row] = []


def record(area: str, case: str, happened: str, lost: str = "nothing lost") -> None:
    # Random ports would make two runs' tables differ for no reason.
    happened = re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", " ".join(happened.split()))
    ROWS.append(Row(area, case, happened, lost))


def markdown() -> str:
    lines = ["| area | case | what happened | lost |", "|---|---|---|---|"]
    for r in ROWS:
        cells = (c.replace("|", "\\|") for c in (r.area, r.case, r.happened, r.lost))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
