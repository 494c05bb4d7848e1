"""Checks on text a user hands in (a question, a claim), shared by the CLI and the Python
API so both refuse the same input with the same one-line error."""

from __future__ import annotations

from agent.errors import InputError

MAX_INPUT_CHARS = 2000  # a longer question or claim is not one; refuse it with a clear error


def check_user_text(text: str, where: str, what: str = "question") -> str:
    """The stripped text, or InputError naming `where`: empty, too long, or binary."""
    q = text.strip()
    if not q:
        raise InputError(where, f"empty {what}")
    if len(q) > MAX_INPUT_CHARS:
        raise InputError(where, f"{what} is {len(q)} characters; the limit is {MAX_INPUT_CHARS}")
    if "\x00" in q:
        raise InputError(where, f"{what} contains NUL bytes (binary input?)")
    return q
