"""Chat session: conversation memory, follow-up rewriting, slash commands.

Kept free of terminal code so tests drive it directly; the CLI adds line editing and output.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from pydantic import BaseModel, Field

from agent.generation.answer import Answerer
from agent.llm.prompts import load_prompt
from agent.llm.replies import json_string_opening
from agent.retrieval.evidence import EvidenceSet
from agent.text.facts import entities
from agent.types import Answer

log = logging.getLogger(__name__)

HISTORY_TURNS = 3  # older turns rarely matter for resolving a pronoun and cost prompt tokens
# A question needs rewriting when it leans on the conversation: pronouns, "that", ellipsis.
_REFERRING = re.compile(
    r"\b(he|she|it|they|him|her|them|his|hers|its|their|theirs|this|that|these|those|there|then|"
    r"the same|also|else|more|other|why|how come)\b",
    re.IGNORECASE,
)
_PERSONAL = frozenset(["he", "she", "him", "her", "his", "hers", "they", "them", "their", "theirs"])
EVIDENCE_SHOWN = 3  # lines of evidence printed before the answer: enough to start reading
EVIDENCE_CHARS = 160  # each cut at a word boundary to about one terminal line


def evidence_preview(ev: EvidenceSet) -> list[tuple[str, str]]:
    """(outlet or article id, sentence text cut to about EVIDENCE_CHARS) for the first
    EVIDENCE_SHOWN evidence sentences, in the order the answer prompt sees them."""
    shown: list[tuple[str, str]] = []
    for e in ev.items[:EVIDENCE_SHOWN]:
        text = e.sentence.text
        if len(text) > EVIDENCE_CHARS:
            text = text[:EVIDENCE_CHARS].rsplit(" ", 1)[0] + " …"
        shown.append((e.outlet or e.sentence.article_id, text))
    return shown


HELP = """commands:
  /sources          list the ingested articles
  /verify <claim>   check a claim against the sources
  /summarize        summarize the whole story across outlets
  /reset            forget the conversation
  /help             this help
  /quit             leave (Ctrl-D works too)"""


class Standalone(BaseModel):
    question: str = Field(min_length=1, max_length=500)


@dataclass
class Turn:
    question: str
    answer: str


@dataclass
class ChatSession:
    answerer: Answerer
    history: list[Turn] = field(default_factory=list)
    _prefill: threading.Thread | None = field(default=None, repr=False)

    def needs_rewrite(self, question: str) -> bool:
        """A follow-up needs the condense call (~1-2 s on the local default) when it is
        short or refers back, unless its personal pronouns follow a name of its own ("Where
        did Trump make his remarks?" is whole; "What did she say?" is not)."""
        if not self.history:
            return False
        if len(question.split()) <= 4:
            return True
        return any(
            m.group(1).lower() not in _PERSONAL or not entities(question[: m.start()])
            for m in _REFERRING.finditer(question)
        )

    def _condense_variables(self, question: str) -> dict[str, str]:
        history = "\n".join(
            f"User: {t.question}\nAssistant: {t.answer}" for t in self.history[-HISTORY_TURNS:]
        )
        return {"history": history, "question": question}

    def standalone(self, question: str) -> str:
        """The follow-up rewritten into a standalone question (unchanged without history)."""
        if not self.needs_rewrite(question):
            return question  # its answer call queues on the model's lock behind a prefill
        self.wait_prefill()
        prompt, llm = load_prompt("condense"), self.answerer.llm
        variables = self._condense_variables(question)
        if llm.accepts_reply_prefix:
            # The JSON opening as prompt, the string's end as a stop (as cloze fills do):
            # no forward pass per grammar-forced token before the evidence can show.
            opening = json_string_opening("question")
            reply = llm.invoke_raw(prompt.messages(**variables), reply_prefix=opening,
                                   max_tokens=80, stop=['"', "\n"])
            rewritten = str(reply.content)[len(opening) :].strip()
        else:
            chain = prompt.template | llm.structured(Standalone)
            rewritten = chain.invoke(variables).question.strip()
        return rewritten or question

    def start_prefill(self) -> None:
        """Begin evaluating the condense prompt up to the next follow-up's text, in a daemon
        thread, while the user reads the answer and types (in-process model only; it holds
        the model's lock). A follow-up then waits only for its own ~10 tokens and the
        rewrite (bench_chat.py: 1.08 s to the evidence without this, on 2 cores). A standalone
        question pays instead for reloading its prompt's saved prefix."""
        self.wait_prefill()
        if not self.history or not self.answerer.llm.accepts_reply_prefix:
            return
        messages = load_prompt("condense").messages(**self._condense_variables(""))
        llm = self.answerer.llm

        def run() -> None:
            try:
                llm.prefill(messages)
            except Exception as e:  # only time is lost: the condense call evaluates it all
                log.warning("chat prefill failed: %s", e)

        self._prefill = threading.Thread(target=run, name="chat-prefill", daemon=True)
        self._prefill.start()

    def wait_prefill(self) -> None:
        """Block until a running prefill ends. A rewrite waits for it, so the rewritten
        question does not depend on how fast the user typed; other model calls queue on
        the model's lock and start from their own saved prefix."""
        if self._prefill is not None:
            self._prefill.join()
            self._prefill = None

    def ask(
        self,
        question: str,
        on_text: Callable[[str], None] | None = None,
        on_evidence: Callable[[EvidenceSet], None] | None = None,
        on_standalone: Callable[[str], None] | None = None,
    ) -> tuple[str, Answer]:
        """(the standalone question, its checked answer). `on_standalone` receives the
        rewritten question before retrieval (not called when it is unchanged); the other
        callbacks are `Answerer.ask`'s."""
        standalone = self.standalone(question)
        if on_standalone is not None and standalone != question:
            on_standalone(standalone)
        ans = self.answerer.ask(standalone, on_text=on_text, on_evidence=on_evidence)
        self.history.append(Turn(standalone, ans.answer))
        return standalone, ans

    def reset(self) -> None:
        self.wait_prefill()
        self.history.clear()


def parse_command(line: str) -> tuple[str, str] | None:
    """('/verify', 'claim text') for a slash command, None for a question."""
    if not line.startswith("/"):
        return None
    name, _, rest = line.partition(" ")
    return name.lower(), rest.strip()
