"""Prompt files: `prompts/<name>.txt` with declared placeholders and chat sections.

Format (see prompts/README.md):

    # placeholders: question, evidence
    ### system
    ...
    ### user
    ... {question} ... {evidence}

Optional further `### user` / `### assistant` turns carry few-shot examples. Literal braces
are written `{{` `}}`. Placeholders are checked against the declaration when the file loads.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_core.prompts import ChatPromptTemplate

from agent.errors import ConfigError

Role = Literal["system", "user", "assistant"]
_SECTION = re.compile(r"^###\s*(\w+)\s*$")
_DECL = re.compile(r"^#\s*placeholders\s*:(.*)$", re.IGNORECASE)
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_LC_ROLE = {"system": "system", "user": "human", "assistant": "ai"}


class PromptError(ConfigError):
    """A prompt file is malformed, or a prompt was filled with the wrong variables."""


@dataclass(frozen=True)
class Prompt:
    name: str
    source: str  # file path, for error messages
    placeholders: tuple[str, ...]
    turns: tuple[tuple[Role, str], ...]

    def _check_vars(self, given: set[str]) -> None:
        declared = set(self.placeholders)
        missing, extra = sorted(declared - given), sorted(given - declared)
        if missing or extra:
            raise PromptError(
                f"prompt {self.name} ({self.source}): "
                + "; ".join(
                    p
                    for p in (
                        f"missing values for {', '.join(missing)}" if missing else "",
                        f"unexpected values {', '.join(extra)}" if extra else "",
                    )
                    if p
                )
            )

    def messages(self, **values: Any) -> list[BaseMessage]:
        """The filled chat turns. Values are inserted verbatim (braces in them are safe)."""
        self._check_vars(set(values))
        out: list[BaseMessage] = []
        for role, text in self.turns:
            filled = text.format(**values)
            if role == "system":
                out.append(SystemMessage(content=filled))
            elif role == "user":
                out.append(HumanMessage(content=filled))
            else:
                out.append(AIMessage(content=filled))
        return out

    def with_shots(
        self, shots: Iterable[tuple[Mapping[str, Any], str]], **values: Any
    ) -> list[BaseMessage]:
        """`messages(**values)` with few-shot turns before the last: for each (values, reply)
        of `shots`, the last user turn filled with those values, then `reply` as the
        assistant's. The stable part comes first, a prefix llama.cpp reuses."""
        filled = self.messages(**values)
        turns: list[BaseMessage] = []
        for shot_values, reply in shots:
            turns += [HumanMessage(content=self.messages(**shot_values)[-1].content),
                      AIMessage(content=reply)]
        return [*filled[:-1], *turns, filled[-1]]

    @property
    def template(self) -> ChatPromptTemplate:
        """The same prompt as a LangChain template (f-string syntax: same escaping)."""
        return ChatPromptTemplate.from_messages(
            [(_LC_ROLE[role], text) for role, text in self.turns], template_format="f-string"
        )


def _fields(text: str, where: str) -> set[str]:
    names: set[str] = set()
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as e:
        raise PromptError(f"{where}: bad braces ({e}); write literal braces as {{{{ }}}}") from e
    for _literal, field, spec, conversion in parsed:
        if field is None:
            continue
        if not _IDENT.match(field) or spec or conversion:
            raise PromptError(
                f"{where}: placeholder {{{field}}} must be a plain name "
                "(no attributes, indexes or format specs); literal braces are {{ }}"
            )
        names.add(field)
    return names


def parse_prompt(text: str, name: str, source: str) -> Prompt:
    declared: list[str] | None = None
    turns: list[tuple[Role, list[str]]] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        section = _SECTION.match(line)
        if section:
            role = section.group(1).lower()
            if role not in ("system", "user", "assistant"):
                raise PromptError(
                    f"{source}:{lineno}: unknown section '### {section.group(1)}' "
                    "(use system, user or assistant)"
                )
            turns.append((role, []))  # type: ignore[arg-type]
            continue
        if turns:
            turns[-1][1].append(line)
            continue
        decl = _DECL.match(line)
        if decl:
            declared = [p.strip() for p in decl.group(1).split(",") if p.strip()]
            bad = [p for p in declared if not _IDENT.match(p)]
            if bad:
                raise PromptError(f"{source}:{lineno}: bad placeholder names {', '.join(bad)}")
        elif line.strip() and not line.startswith("#"):
            raise PromptError(f"{source}:{lineno}: text before the first '### <role>' section")
    if declared is None:
        raise PromptError(f"{source}: missing '# placeholders: a, b' header line")
    if not turns:
        raise PromptError(f"{source}: no '### system' / '### user' sections")
    final = tuple((role, "\n".join(lines).strip()) for role, lines in turns)
    if final[-1][0] != "user":
        raise PromptError(f"{source}: the last section must be '### user'")
    if any(role == "system" for role, _ in final[1:]):
        raise PromptError(f"{source}: '### system' may only be the first section")
    for role, body in final:
        if not body:
            raise PromptError(f"{source}: empty '### {role}' section")
    used: set[str] = set()
    for _role, body in final:
        used |= _fields(body, source)
    missing, extra = sorted(set(declared) - used), sorted(used - set(declared))
    if missing or extra:
        problems = []
        if missing:
            problems.append(f"declared but never used: {', '.join(missing)}")
        if extra:
            problems.append(f"used but not declared: {', '.join(extra)}")
        raise PromptError(f"{source}: placeholders {'; '.join(problems)}")
    return Prompt(name=name, source=source, placeholders=tuple(declared), turns=final)


def load_prompt_file(path: Path) -> Prompt:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise PromptError(f"cannot read prompt file {path}: {e}") from e
    return parse_prompt(text, path.stem, str(path))


def _resource(name: str, suffix: str) -> Any:
    if not _IDENT.match(name.replace("-", "_")):
        raise PromptError(f"bad prompt name {name!r}")
    res = importlib.resources.files("prompts").joinpath(name + suffix)
    if not res.is_file():
        raise PromptError(f"no prompt file prompts/{name}{suffix} in the installed package")
    return res


@functools.cache
def load_prompt(name: str) -> Prompt:
    """`prompts/<name>.txt` from the installed `prompts` package, validated, cached."""
    res = _resource(name, ".txt")
    return parse_prompt(res.read_text(encoding="utf-8"), name, f"prompts/{name}.txt")


def parse_examples(text: str, source: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as e:
            raise PromptError(f"{source}:{lineno}: invalid JSON ({e.msg})") from e
        if not isinstance(item, dict):
            raise PromptError(f"{source}:{lineno}: each line must be a JSON object")
        out.append(item)
    return out


@functools.cache
def _examples_text(name: str) -> str:
    return str(_resource(name, ".jsonl").read_text(encoding="utf-8"))


def load_examples(name: str) -> list[dict[str, Any]]:
    """Few-shot examples from `prompts/<name>.jsonl` (a fresh list each call)."""
    return parse_examples(_examples_text(name), f"prompts/{name}.jsonl")


# --- untrusted article text ---------------------------------------------------------------
# Whitespace and invisible format characters (zero-width space/joiners, soft hyphen, BOM...)
# that a tokenizer or a reader may drop, so `<\u200b</doc>>` must count as a delimiter too.
_GAP = r"[\s\u00ad\u034f\u180e\u200b-\u200f\u2028-\u202f\u2060-\u2064\ufeff]*"
_DELIM = re.compile(rf"<{_GAP}<{_GAP}/?{_GAP}/?{_GAP}d{_GAP}o{_GAP}c", re.IGNORECASE)
_LABEL_BAD = re.compile(r"[^A-Za-z0-9_.:#\-]")


def _neutralise(match: re.Match[str]) -> str:
    # Fullwidth less-than signs: still readable, but no longer the delimiter token.
    return match.group(0).replace("<", "\uff1c")


def wrap_document(source_label: str, text: str) -> str:
    """Wrap untrusted article text as data: `<<doc id=S1>>\\n...\\n<</doc>>`.

    Any `<<doc` / `<</doc` inside the text is neutralised, so an article cannot close the
    block early and smuggle instructions outside it. The label is reduced to [A-Za-z0-9_.:#-].
    """
    label = _LABEL_BAD.sub("_", source_label) or "_"
    return f"<<doc id={label}>>\n{_DELIM.sub(_neutralise, text)}\n<</doc>>"
