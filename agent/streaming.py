"""Reading answer text out of a JSON reply while it is still streaming."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

_TEXT_FIELD = re.compile(r'"text"\s*:\s*"((?:[^"\\]|\\.)*)')


def json_text_fields(buffer: str) -> Iterator[str]:
    """The (possibly unfinished) values of "text" fields in a partial JSON document."""
    for m in _TEXT_FIELD.finditer(buffer):
        raw = m.group(1)
        if raw.endswith("\\") and not raw.endswith("\\\\"):
            raw = raw[:-1]  # an escape cut in half by the stream
        try:
            yield json.loads(f'"{raw}"')
        except ValueError:
            yield raw
