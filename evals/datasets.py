"""Loading and checking the labelled JSONL datasets."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple, TypeVar

from pydantic import BaseModel, ValidationError

from agent.errors import InputError
from evals.schema import ClaimItem, QAItem, SummaryFact

T = TypeVar("T", bound=BaseModel)

# Located via the package so it works from a checkout and from an editable install.
DATA_DIR = Path(__file__).resolve().parent / "data"
QA_FILE = DATA_DIR / "qa.jsonl"
CLAIMS_FILE = DATA_DIR / "claims.jsonl"
# Claims written after the verifier was tuned on CLAIMS_FILE, to show how it generalises.
HELDOUT_CLAIMS_FILE = DATA_DIR / "claims_heldout.jsonl"
SUMMARY_FACTS_FILE = DATA_DIR / "summary_facts.jsonl"


def _describe(err: ValidationError) -> str:
    """The first error as `field 'a.b': message` — one line, no traceback."""
    first = err.errors()[0]
    loc = ".".join(str(p) for p in first["loc"])
    more = f" (+{err.error_count() - 1} more)" if err.error_count() > 1 else ""
    return f"field '{loc or '<item>'}': {first['msg']}{more}"


def load_jsonl(path: str | Path, model: type[T]) -> list[T]:
    """Parse one `model` per non-blank line; any bad line raises InputError naming `file:line`.

    Items with an `id` must have unique ids within the file.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as e:
        raise InputError(str(path), "dataset file not found") from e
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(str(path), f"cannot read dataset: {e}") from e

    items: list[T] = []
    first_line_of: dict[str, int] = {}
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(where, f"invalid JSON ({e.msg}, column {e.colno})") from e
        try:
            item = model.model_validate(raw)
        except ValidationError as e:
            raise InputError(where, _describe(e)) from e
        item_id = getattr(item, "id", None)
        if isinstance(item_id, str):
            if item_id in first_line_of:
                first = first_line_of[item_id]
                problem = f"field 'id': duplicate id '{item_id}' (first at line {first})"
                raise InputError(where, problem)
            first_line_of[item_id] = lineno
        items.append(item)
    return items


def load_qa(path: str | Path | None = None) -> list[QAItem]:
    return load_jsonl(path or QA_FILE, QAItem)


def load_claims(path: str | Path | None = None) -> list[ClaimItem]:
    return load_jsonl(path or CLAIMS_FILE, ClaimItem)


def load_summary_facts(path: str | Path | None = None) -> list[SummaryFact]:
    return load_jsonl(path or SUMMARY_FACTS_FILE, SummaryFact)


class UnknownSource(NamedTuple):
    """A gold source id that the corpus does not contain."""

    item_id: str
    field: str
    source: str

    def __str__(self) -> str:
        return f"{self.item_id}: {self.field} names unknown source '{self.source}'"


def _sources_of(item: BaseModel) -> Iterable[tuple[str, str]]:
    if isinstance(item, QAItem):
        yield from (("gold_sources", s) for s in item.gold_sources)
        for i, fact in enumerate(item.facts):
            yield from ((f"facts.{i}.sources", s) for s in fact.sources)
    elif isinstance(item, ClaimItem):
        yield from (("evidence_sources", s) for s in item.evidence_sources)
    elif isinstance(item, SummaryFact):
        yield from (("sources", s) for s in item.sources)
    else:
        raise TypeError(f"not a dataset item: {type(item).__name__}")


def validate_sources(
    items: Iterable[QAItem | ClaimItem | SummaryFact], known_ids: set[str]
) -> list[UnknownSource]:
    """Every gold source id not in `known_ids` (e.g. the article ids of an ingested corpus).

    An empty result means the dataset can be scored against that corpus.
    """
    problems: list[UnknownSource] = []
    for item in items:
        for field, source in _sources_of(item):
            if source not in known_ids:
                problems.append(UnknownSource(item.id, field, source))
    return problems
