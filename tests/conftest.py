"""Shared fixtures and the deterministic fakes of the test suite (no model; the only network
is the local fault server).

Markers: every test is exactly one of `unit` (the default, given here to every test that is
neither of the others), `integration` (real Chroma and/or the real MiniLM embeddings) and
`e2e` (the real local model), so each set runs alone: `pytest -m unit` and so on.

Fixtures for tests: `fake_model`, `make_fake_model`, `fake_embedder`, `make_app`, `cli_app`,
`fault_server`, `remote`, `retry_sleeps`, `ingest_env`, `corpus_dir`, `run`, `seeds_dir`.
Tests never import this module (nor each other); an annotation may name a class from here
under `if TYPE_CHECKING:` only. Inputs several test modules share (questions, claims, small
corpora) are in scenarios.py; the fake OpenAI-compatible server is faultserver.py.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import shutil
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, ClassVar, cast

import numpy as np
import pytest
from faultserver import FaultServer, running
from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.messages.ai import UsageMetadata
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import Field, PrivateAttr

from agent.app import App
from agent.ingest.corpus import Corpus
from agent.ingest.pipeline import IngestReport, ingest
from agent.llm.facade import LLM
from agent.llm.factory import make_llm
from agent.settings import Settings, load_settings
from agent.types import Article, Sentence
from agent.verification.slots import SlotChecker
from vectorstore.memory_store import InMemoryStore

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


# --- markers -------------------------------------------------------------------------------
@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        levels = [m for m in ("unit", "integration", "e2e") if item.get_closest_marker(m)]
        if len(levels) > 1:
            raise pytest.UsageError(f"{item.nodeid}: marked {' and '.join(levels)}; pick one")
        if not levels:
            item.add_marker(pytest.mark.unit)


# --- fakes ---------------------------------------------------------------------------------
Reply = str | BaseException
Responder = Callable[[list[BaseMessage], dict[str, Any]], str]


class FakeChatModel(BaseChatModel):
    """Returns queued replies in order, then (if given) asks `responder`; records each call.

    A queued item may be a string (the reply text) or an exception instance (raised).
    `calls` holds (messages, kwargs) per call; kwargs include bound ones like response_format.
    Usage: input tokens = words in the prompt, output tokens = words in the reply.
    """

    model_name: str = "fake-chat"
    # The answer to every yes/no confirmation (agent.verification.confirm): it takes no
    # queued reply, so a queue of stance labels reads as before.
    confirm: str = "yes"
    _replies: deque[Reply] = PrivateAttr(default_factory=deque)
    _calls: list[tuple[list[BaseMessage], dict[str, Any]]] = PrivateAttr(default_factory=list)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)
    _responder: Responder | None = PrivateAttr(default=None)

    def __init__(
        self, replies: Iterable[Reply] = (), responder: Responder | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self._replies.extend(replies)
        self._responder = responder

    @property
    def _llm_type(self) -> str:
        return "fake-chat"

    @property
    def calls(self) -> list[tuple[list[BaseMessage], dict[str, Any]]]:
        return self._calls

    def queue(self, *replies: Reply) -> None:
        self._replies.extend(replies)

    def _next(self, messages: list[BaseMessage], kwargs: dict[str, Any]) -> str:
        props = (kwargs.get("response_format") or {}).get("schema", {}).get("properties", {})
        if "yes" in props.get("answer", {}).get("enum", ()):
            # the verifier's yes/no confirmation: answered without using a queued reply
            with self._lock:
                self._calls.append((list(messages), dict(kwargs)))
            return json.dumps({"answer": self.confirm})
        with self._lock:
            self._calls.append((list(messages), dict(kwargs)))
            item = self._replies.popleft() if self._replies else None
        if item is None:
            if self._responder is None:
                raise AssertionError("FakeChatModel: no reply queued")
            return self._responder(messages, kwargs)
        if isinstance(item, BaseException):
            raise item
        return item

    @staticmethod
    def _usage(messages: list[BaseMessage], text: str) -> UsageMetadata:
        n_in = sum(len(str(m.content).split()) for m in messages)
        n_out = len(text.split())
        return UsageMetadata(input_tokens=n_in, output_tokens=n_out, total_tokens=n_in + n_out)

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        text = self._next(messages, kwargs)
        msg = AIMessage(content=text, usage_metadata=self._usage(messages, text))
        return ChatResult(generations=[ChatGeneration(message=msg)])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        text = self._next(messages, kwargs)
        for piece in text.split(" "):
            yield ChatGenerationChunk(message=AIMessageChunk(content=piece + " "))
        yield ChatGenerationChunk(
            message=AIMessageChunk(content="", usage_metadata=self._usage(messages, text))
        )


class PrefillFakeChatModel(FakeChatModel):
    """A FakeChatModel that, like the in-process model, takes `reply_prefix` (evaluated as
    prompt): such a call returns prefix + the most likely token of `first_step`
    ({token: probability}, the one generated step) with that step's log-probabilities.
    Calls without a prefix take queued replies / the responder, as FakeChatModel."""

    accepts_reply_prefix: ClassVar[bool] = True
    first_step: dict[str, float] = Field(default_factory=dict)
    # `prefill(messages)` records the messages here, after waiting for `prefill_gate` when
    # one is set (a test holds a prefill "running" with it).
    prefilled: list[list[BaseMessage]] = Field(default_factory=list)
    prefill_gate: threading.Event | None = None

    def prefill(self, messages: list[BaseMessage]) -> int:
        if self.prefill_gate is not None:
            self.prefill_gate.wait(timeout=10)
        self.prefilled.append(list(messages))
        return sum(len(str(m.content).split()) for m in messages)

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        prefix = kwargs.get("reply_prefix")
        if not prefix:
            return super()._generate(messages, stop, run_manager, **kwargs)
        with self._lock:  # `stop` is recorded too: it shapes a prefilled reply's end
            self._calls.append((list(messages), {**kwargs, "stop": stop}))
        tops = [{"token": t, "logprob": float(np.log(p))} for t, p in self.first_step.items()]
        best = max(self.first_step, key=lambda t: self.first_step[t])
        step = {"token": best, "logprob": float(np.log(self.first_step[best])),
                "top_logprobs": tops}
        text = prefix + best
        msg = AIMessage(content=text, usage_metadata=self._usage(messages, text),
                        response_metadata={"logprobs": {"content": [step]}})
        return ChatResult(generations=[ChatGeneration(message=msg)])


_DOC = re.compile(r"<<doc id=(S\d+)>>\n(?:\([^)]*\) )?(.*?)\n<</doc>>", re.DOTALL)


_NAME = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+)+")


def _cloze(prompt: str) -> str:
    """The cloze answer of a reader who takes the sentence's first full name that the
    statement does not already have (agent.verification.slots), or NONE."""
    doc = re.search(r"<<doc id=\w+>>\n(.*?)\n<</doc>>", prompt, re.DOTALL)
    statement = prompt.rsplit("Statement:", 1)[-1]
    names = [n for n in _NAME.findall(doc.group(1) if doc else "") if n not in statement]
    return json.dumps({"answer": names[0] if names else "NONE"})


def scripted_reply(messages: list[BaseMessage], kwargs: dict[str, Any]) -> str:
    """A model that agrees with anything, by the requested schema: a draft citing its first
    evidence sentence verbatim, a "supported" judgement, a cloze filled with the evidence's
    first full name the statement lacks, or (free text) the context's first line."""
    prompt = "\n".join(str(m.content) for m in messages)
    props = (kwargs.get("response_format") or {}).get("schema", {}).get("properties", {})
    if set(props) == {"answer"}:
        return _cloze(str(messages[-1].content))
    if "answerable" in props:
        docs = _DOC.findall(str(messages[-1].content)) or _DOC.findall(prompt)
        if not docs:
            return json.dumps({"answerable": False, "sentences": []})
        label, text = docs[0]
        return json.dumps({"answerable": True, "sentences": [{"text": text, "cite": [label]}]})
    if "label" in props:
        return json.dumps({"label": "supported"})
    if "context:" in prompt:
        ctx = prompt.split("context:", 1)[1].strip().splitlines()
        return ctx[0] if ctx else "I don't know."
    return json.dumps({"text": "x", "cite": []})


class FakeEmbedder:
    """Seeded, 384-d, L2-normalised vectors: identical texts give identical vectors.

    Texts sharing words get correlated vectors (sum of per-word vectors), so similarity
    search behaves plausibly. Takes the real embedder's `batch_size` keyword; counts `calls`
    and `texts` embedded; with `fail_on_call=N` the N-th call (and later ones) raise.
    """

    dim = 384

    def __init__(self, seed: int = 0, fail_on_call: int | None = None) -> None:
        self.seed = seed
        self.fail_on_call = fail_on_call
        self.calls = 0
        self.texts = 0

    def _word(self, word: str) -> np.ndarray:
        digest = hashlib.sha256(f"{self.seed}:{word}".encode()).digest()
        rng = np.random.default_rng(int.from_bytes(digest[:8], "little"))
        return rng.standard_normal(self.dim)

    def embed(self, texts: Iterable[str], batch_size: int = 32) -> np.ndarray:
        texts = list(texts)
        self.calls += 1
        if self.fail_on_call is not None and self.calls >= self.fail_on_call:
            raise RuntimeError("simulated crash in the embedder")
        self.texts += len(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            words = text.lower().split() or [""]
            v = np.sum([self._word(w) for w in words], axis=0)
            out[i] = v / (np.linalg.norm(v) or 1.0)
        return out

    def __call__(self, texts: list[str]) -> np.ndarray:
        return self.embed(texts)


# --- environment ---------------------------------------------------------------------------
@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test gets its own data dir and no API credentials from the outer environment."""
    monkeypatch.setenv("SOURCEBOUND_DATA_DIR", str(tmp_path / "data"))
    for var in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "SOURCEBOUND_CHROMA_URL",
        "SOURCEBOUND_BACKEND",
    ):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("SOURCEBOUND_CONFIG", str(tmp_path / "no-config.toml"))
    yield


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


def _article_of(*texts: str) -> Article:
    sentences, at = [], 0
    for i, text in enumerate(texts):
        sentences.append(Sentence(id=f"a:{i}", article_id="a", doc_id="a", start=at,
                                  end=at + len(text), text=text))
        at += len(text) + 1
    return Article(id="a", doc_id="a", start=0, end=at, sentences=sentences)


@pytest.fixture
def article_of() -> Callable[..., Article]:
    """Builds article "a" from body sentences (texts in order, a space apart)."""
    return _article_of


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A writable copy of the seed articles (tests edit, add and delete files in it)."""
    d = tmp_path / "corpus"
    d.mkdir()
    for f in SEEDS.glob("*.txt"):
        shutil.copyfile(f, d / f.name)
    return d


@pytest.fixture(scope="session")
def model_cache_dir() -> Path:
    """Where e2e tests keep the assembled GGUF across tests (and across runs in CI's clone)."""
    d = Path(os.environ.get("SOURCEBOUND_TEST_MODEL_DIR", ROOT / ".sourcebound" / "models"))
    d.mkdir(parents=True, exist_ok=True)
    return d


# --- fake models and embedders -------------------------------------------------------------
@pytest.fixture
def fake_model() -> FakeChatModel:
    """The test's chat model (the one `make_app` and `cli_app` use unless told otherwise):
    nothing queued; `fake_model.queue(reply, ...)`, then read `fake_model.calls`."""
    return FakeChatModel()


@pytest.fixture
def make_fake_model() -> Callable[..., FakeChatModel]:
    """More models: `make_fake_model(*replies, responder=None, scripted=False)`; a scripted
    one answers every prompt by its schema and agrees with anything (`scripted_reply`)."""

    def make(
        *replies: Reply, responder: Responder | None = None, scripted: bool = False
    ) -> FakeChatModel:
        return FakeChatModel(replies, responder=scripted_reply if scripted else responder)

    return make


@pytest.fixture
def make_prefill_model() -> Callable[..., PrefillFakeChatModel]:
    """`make_prefill_model(first_step, *replies)`: a fake that takes `reply_prefix`."""

    def make(first_step: dict[str, float], *replies: Reply) -> PrefillFakeChatModel:
        return PrefillFakeChatModel(replies, first_step=first_step)

    return make


@pytest.fixture
def fake_embedder() -> type[FakeEmbedder]:
    """`fake_embedder(seed=0, fail_on_call=None)` -> a FakeEmbedder."""
    return FakeEmbedder


class FixedSlotChecker(SlotChecker):
    """A cloze checker (agent.verification.slots) whose model fills every blank with
    `answer`; no LLM is called."""

    def __init__(self, answer: str) -> None:
        super().__init__(cast(Any, None))
        self.answer = answer

    def fill(self, statement: str, sentence: str) -> str:
        return self.answer


@pytest.fixture
def fixed_slot_checker() -> type[FixedSlotChecker]:
    """`fixed_slot_checker(answer)` -> a SlotChecker that fills every blank with `answer`."""
    return FixedSlotChecker


# --- apps ----------------------------------------------------------------------------------
@pytest.fixture
def make_app(tmp_path: Path, fake_model: FakeChatModel) -> Callable[..., App]:
    """Build an App with fakes; ingest `corpus` (a directory, or {file name: text} written to
    a fresh directory) when given, asserting it had no errors.

    Defaults: the `fake_model` behind `app.llm` (`chat=` another; `scripted=True` for a
    scripted one; `replies=` are queued on it; `fake_llm=False` leaves the LLM to the settings,
    i.e. the real client), FakeEmbedder(0), in-memory stores (`chroma=True`: App's embedded
    Chroma under the data dir), settings from the environment (`settings=`, or `data_dir=`).
    """
    n = itertools.count()

    def make(
        corpus: Path | Mapping[str, str] | None = None,
        *,
        chat: FakeChatModel | None = None,
        scripted: bool = False,
        replies: Iterable[Reply] = (),
        fake_llm: bool = True,
        embedder: Any = None,
        settings: Settings | None = None,
        data_dir: Path | None = None,
        store: InMemoryStore | None = None,
        sentence_store: InMemoryStore | None = None,
        chroma: bool = False,
    ) -> App:
        settings = settings or load_settings(data_dir=data_dir)
        if chat is None:
            chat = FakeChatModel(responder=scripted_reply) if scripted else fake_model
        chat.queue(*replies)
        if not chroma:
            store = InMemoryStore() if store is None else store
            sentence_store = InMemoryStore() if sentence_store is None else sentence_store
        app = App(
            settings,
            store=store,
            sentence_store=sentence_store,
            embedder=FakeEmbedder() if embedder is None else embedder,
            llm=make_llm(settings, chat=chat) if fake_llm else None,
        )
        if corpus is not None:
            if isinstance(corpus, Mapping):
                files, corpus = corpus, tmp_path / f"corpus-{next(n)}"
                corpus.mkdir()
                for name, text in files.items():
                    (corpus / name).write_text(text, encoding="utf-8")
            report = app.ingest([corpus])
            assert report.errors == [] and report.documents > 0, report.errors
        return app

    return make


class CliApp:
    """What agent.cli's `App(settings)` returns in a test: an App from `make_app` over one
    store, sentence store and embedder shared by every invocation, as a persisted store
    would be."""

    def __init__(self, make_app: Callable[..., App], **options: Any) -> None:
        self._make_app = make_app
        self.chroma = bool(options.get("chroma"))
        self.store = None if self.chroma else InMemoryStore()
        self.sentence_store = None if self.chroma else InMemoryStore()
        self.embedder = FakeEmbedder()
        self.options = options

    def __call__(self, settings: Settings) -> App:
        return self._make_app(
            settings=settings,
            store=self.store,
            sentence_store=self.sentence_store,
            embedder=self.embedder,
            **self.options,
        )

    def current(self) -> App:
        """An App as the next CLI invocation would build it (settings from the environment)."""
        import agent.cli.common as common

        return self(common.settings())


@pytest.fixture
def cli_app(
    make_app: Callable[..., App], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., CliApp]:
    """`cli_app(**make_app_options)`: from now on every App the CLI builds (commands and
    `eval`) is made by `make_app` with those options over shared stores; returns the CliApp."""
    import agent.cli.common as common
    import agent.cli.eval_cmds as eval_cmds

    def inject(**options: Any) -> CliApp:
        apps = CliApp(make_app, **options)
        monkeypatch.setattr(common, "App", apps)
        monkeypatch.setattr(eval_cmds, "App", apps)
        return apps

    return inject


@pytest.fixture
def run(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., tuple[int, str, str]]:
    """Run the console entry point (agent.cli.main); returns (exit code, stdout, stderr)."""
    import agent.cli

    def _run(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["sourcebound", *args])
        code = 0
        try:
            agent.cli.main()
        except SystemExit as e:
            code = int(e.code or 0)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return _run


# --- the fault server and the real openai-compatible client --------------------------------
@pytest.fixture
def fault_server() -> Iterator[FaultServer]:
    """tests/faultserver.py on 127.0.0.1, stopped after the test."""
    with running() as srv:
        yield srv


class Remote:
    """The real openai-compatible backend (ChatOpenAI + the openai client) pointed at the
    test's fault server, with a sentinel API key and a bounded number of retries."""

    key = "sk-SENTINEL-faults-0123456789"
    retries = 2  # so a request is tried at most 3 times

    def __init__(
        self,
        server: FaultServer,
        monkeypatch: pytest.MonkeyPatch,
        cli_app: Callable[..., CliApp],
        run: Callable[..., tuple[int, str, str]],
    ) -> None:
        self.server = server
        self._monkeypatch = monkeypatch
        self._cli_app = cli_app
        self._run = run

    def settings(self, timeout: float = 2.0) -> Settings:
        return load_settings(
            backend="openai-compatible",
            openai_base_url=self.server.base_url,
            openai_api_key=self.key,
            max_retries=self.retries,
            request_timeout_s=timeout,
        )

    def llm(self, timeout: float = 2.0) -> LLM:
        return make_llm(self.settings(timeout))

    def cli(self) -> CliApp:
        """CLI invocations from now on use the real client against the fault server; the
        seeds are ingested into in-memory stores with the fake embedder."""
        mp = self._monkeypatch
        mp.setenv("SOURCEBOUND_BACKEND", "openai-compatible")
        mp.setenv("OPENAI_BASE_URL", self.server.base_url)
        mp.setenv("OPENAI_API_KEY", self.key)
        mp.setenv("SOURCEBOUND_MAX_RETRIES", str(self.retries))
        mp.setenv("SOURCEBOUND_REQUEST_TIMEOUT_S", "2")
        apps = self._cli_app(fake_llm=False)
        code, _, err = self._run("ingest", str(SEEDS), "--json")
        assert code == 0, err
        return apps


@pytest.fixture
def remote(
    fault_server: FaultServer,
    monkeypatch: pytest.MonkeyPatch,
    cli_app: Callable[..., CliApp],
    run: Callable[..., tuple[int, str, str]],
) -> Remote:
    return Remote(fault_server, monkeypatch, cli_app, run)


@pytest.fixture
def retry_sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The openai client's retry delays (Retry-After, or backoff with jitter) as it computed
    them, recorded in order instead of slept."""
    import openai._base_client as base_client

    slept: list[float] = []

    class Clock:
        def __getattr__(self, name: str) -> Any:
            return getattr(time, name)

        @staticmethod
        def sleep(seconds: float) -> None:
            slept.append(seconds)

    monkeypatch.setattr(base_client, "time", Clock())
    return slept


# --- ingest --------------------------------------------------------------------------------
class IngestEnv:
    """ingest() over in-memory stores and a counting FakeEmbedder (all replaceable)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.store = InMemoryStore()
        self.sentences = InMemoryStore()
        self.embedder: Any = FakeEmbedder()

    def sibling(self, name: str) -> IngestEnv:
        """Another environment, its data dir next to this one's."""
        return IngestEnv(self.data_dir.parent / name)

    @property
    def corpus(self) -> Corpus:
        return Corpus(self.data_dir)  # fresh each time: what a new process would see

    def run(self, paths: list[Path], **kw: Any) -> IngestReport:
        return ingest(
            paths, self.corpus, self.store, self.embedder, sentence_store=self.sentences, **kw
        )

    def assert_consistent(self) -> None:
        """Every stored chunk/sentence id belongs to a registry document, and vice versa."""
        corpus = self.corpus
        chunk_ids = {c.id for r in corpus.records() for c in r.chunks}
        sentence_ids = {s.id for a in corpus.articles() for s in a.sentences}
        assert set(self.store.get_ids()) == chunk_ids
        assert set(self.sentences.get_ids()) == sentence_ids
        doc_ids = {r.document.id for r in corpus.records()}
        metas = [m.metadata for m in self.store.get()] + [m.metadata for m in self.sentences.get()]
        assert {m["doc_id"] for m in metas} <= doc_ids


@pytest.fixture
def ingest_env(tmp_path: Path) -> IngestEnv:
    """ingest() into tmp_path/data; `ingest_env.sibling(name)` for another data dir."""
    return IngestEnv(tmp_path / "data")


# --- reporting -----------------------------------------------------------------------------
def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the reliability table (tests/reliability.py) when any test recorded a row."""
    import reliability

    if not reliability.ROWS:
        return
    table = reliability.markdown()
    out = ROOT / ".pytest_cache" / "reliability-table.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(table, encoding="utf-8")
    terminalreporter.section("reliability results")
    terminalreporter.write(table)
    terminalreporter.write_line(f"(written to {out})")
