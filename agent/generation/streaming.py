"""Reading answer text out of a JSON reply while it is still streaming."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

_TEXT_FIELD = re.compile(r'"text"\s*:\s*"((?:[^"\\]|\\.)*)')
# An escape cut in half by the stream: a lone backslash or an unfinished \uXXXX at the end.
_CUT_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\(?:u[0-9a-fA-F]{0,3})?$")


def json_text_fields(buffer: str) -> Iterator[str]:
    """The (possibly unfinished) values of "text" fields in a partial JSON document."""
    for m in _TEXT_FIELD.finditer(buffer):
        raw = _CUT_ESCAPE.sub(r"\1", m.group(1))
        try:
            yield json.loads(f'"{raw}"')
        except ValueError:
            yield raw
