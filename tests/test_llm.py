"""LLM interface: structured parsing, repair, fallback, usage, errors (fake chat model)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import httpx2
import openai
import pytest
from langchain_core.messages import HumanMessage, SystemMessage
from langchain_core.runnables import RunnableBinding, RunnableSequence
from langchain_openai import ChatOpenAI
from pydantic import BaseModel

from agent.errors import ConfigError, ModelError
from agent.llm import make_llm
from agent.llm.facade import LLM
from agent.llm.replies import parse_json_reply
from agent.llm.structured import response_format
from agent.settings import load_settings

if TYPE_CHECKING:
    from conftest import FakeChatModel

SENTINEL = "sk-test-SENTINEL-123"
MSGS = [SystemMessage(content="Judge the claim."), HumanMessage(content="Claim: x is y.")]


class Verdict(BaseModel):
    label: str
    confidence: float


class Reason(BaseModel):
    text: str
    weight: float = 1.0


class Explained(BaseModel):
    """A verdict with its reasons."""

    verdict: Verdict
    reasons: list[Reason] = []


FakeLLM = Callable[..., tuple[LLM, "FakeChatModel"]]


@pytest.fixture
def fake_llm(make_fake_model: Callable[..., FakeChatModel]) -> FakeLLM:
    """`fake_llm(backend, replies, **settings)` -> (the LLM of that backend, its fake model)."""

    def build(
        backend: str, replies: list[str | BaseException], **kw: object
    ) -> tuple[LLM, FakeChatModel]:
        chat = make_fake_model(*replies)
        return make_llm(load_settings(backend=backend, **kw), chat=chat), chat

    return build


def _status_error(code: int, message: str) -> openai.APIStatusError:
    req = httpx2.Request("POST", "http://127.0.0.1:9/v1/chat/completions")
    resp = httpx2.Response(code, request=req)
    cls = openai.BadRequestError if code == 400 else openai.InternalServerError
    return cls(message, response=resp, body=None)


def test_structured_parses_and_sends_schema_constrained_format_locally(fake_llm: FakeLLM) -> None:
    llm, chat = fake_llm("local", ['{"label": "supported", "confidence": 0.8}'])
    out = llm.structured(Verdict).invoke(MSGS)
    assert out == Verdict(label="supported", confidence=0.8)
    rf = chat.calls[0][1]["response_format"]
    assert rf["type"] == "json_object"
    assert set(rf["schema"]["properties"]) == {"label", "confidence"}


@pytest.mark.parametrize(
    "reply",
    [
        '```json\n{"label": "refuted", "confidence": 0.1}\n```',
        '```\n{"label": "refuted", "confidence": 0.1}\n```',
        'Here it is: {"label": "refuted", "confidence": 0.1}',
    ],
)
def test_code_fences_and_prose_are_stripped(reply: str, fake_llm: FakeLLM) -> None:
    assert parse_json_reply(reply, Verdict).label == "refuted"
    llm, _ = fake_llm("local", [reply])
    assert llm.structured(Verdict).invoke(MSGS).confidence == pytest.approx(0.1)


def test_one_repair_retry_quotes_the_validation_error(fake_llm: FakeLLM) -> None:
    llm, chat = fake_llm(
        "local", ['{"label": "supported"}', '{"label": "supported", "confidence": 0.5}']
    )
    out = llm.structured(Verdict).invoke(MSGS)
    assert out.confidence == 0.5
    assert len(chat.calls) == 2
    repair_msgs = chat.calls[1][0]
    assert repair_msgs[: len(MSGS)] == MSGS
    assert "confidence" in str(repair_msgs[-1].content)  # the missing field is named


def test_second_invalid_reply_raises_model_error(fake_llm: FakeLLM) -> None:
    llm, chat = fake_llm("local", ["not json", '{"label": 3}'])
    with pytest.raises(ModelError) as err:
        llm.structured(Verdict).invoke(MSGS)
    assert err.value.backend == "local"
    assert "Verdict" in str(err.value)
    assert len(chat.calls) == 2


def test_openai_uses_strict_json_schema(fake_llm: FakeLLM) -> None:
    llm, chat = fake_llm("openai", ['{"label": "a", "confidence": 1}'], openai_api_key=SENTINEL)
    llm.structured(Verdict).invoke(MSGS)
    rf = chat.calls[0][1]["response_format"]
    assert rf["type"] == "json_schema"
    assert rf["json_schema"]["strict"] is True
    assert rf["json_schema"]["schema"]["additionalProperties"] is False


@pytest.mark.parametrize("schema", [Verdict, Explained])
def test_json_schema_request_is_langchains_structured_output_request(
    schema: type[BaseModel],
) -> None:
    """The json_schema response_format is the one ChatOpenAI.with_structured_output binds."""
    chat = ChatOpenAI(model="m", api_key=SENTINEL, base_url="http://127.0.0.1:9/v1")
    bound = chat.with_structured_output(
        schema.model_json_schema(), method="json_schema", strict=True
    )
    assert isinstance(bound, RunnableSequence) and isinstance(bound.first, RunnableBinding)
    ours = response_format(schema, "json_schema")
    assert bound.first.kwargs["response_format"] == ours
    assert ours["json_schema"]["name"] == schema.__name__
    assert ours["json_schema"]["schema"]["required"] == list(schema.model_fields)


def test_a_reply_cut_off_mid_object_is_repaired_not_completed(fake_llm: FakeLLM) -> None:
    """Strict parsing: a truncated object is invalid (a partial-JSON parser would close it)."""
    with pytest.raises(ValueError):
        parse_json_reply('{"label": "a", "confidence": 0.5, "note": "cut', Verdict)
    llm, chat = fake_llm(
        "openai-compatible",
        ['{"label": "a", "confidence": 0.5, "note": "cut', '{"label": "b", "confidence": 1}'],
        openai_base_url="http://127.0.0.1:9/v1",
    )
    assert llm.structured(Verdict).invoke(MSGS).label == "b"
    assert len(chat.calls) == 2


def test_auto_mode_falls_back_to_json_object_once_for_the_process(fake_llm: FakeLLM) -> None:
    err = _status_error(500, "response_format type json_schema is not supported")
    llm, chat = fake_llm(
        "openai-compatible",
        [err, '{"label": "a", "confidence": 1}', '{"label": "b", "confidence": 0}'],
        openai_base_url="http://127.0.0.1:9/v1",
    )
    structured = llm.structured(Verdict)
    assert structured.invoke(MSGS).label == "a"
    assert structured.invoke(MSGS).label == "b"
    types = [c[1]["response_format"]["type"] for c in chat.calls]
    assert types == ["json_schema", "json_object", "json_object"]
    assert "schema" in chat.calls[1][1]["response_format"]
    assert llm.structured_mode == "json_object"


def test_explicit_json_schema_mode_does_not_fall_back(fake_llm: FakeLLM) -> None:
    err = _status_error(400, "response_format json_schema unsupported")
    llm, chat = fake_llm(
        "openai-compatible",
        [err],
        openai_base_url="http://127.0.0.1:9/v1",
        structured_mode="json_schema",
    )
    with pytest.raises(ModelError, match="HTTP 400"):
        llm.structured(Verdict).invoke(MSGS)
    assert len(chat.calls) == 1


def test_usage_is_accumulated_and_snapshots_give_deltas(fake_llm: FakeLLM) -> None:
    llm, _ = fake_llm("local", ["one two three", '{"label": "a", "confidence": 1}'])
    before = llm.usage.snapshot()
    assert llm.text().invoke(MSGS) == "one two three"
    delta = llm.usage.since(before)
    assert delta.tokens_out == 3
    assert delta.tokens_in == sum(len(str(m.content).split()) for m in MSGS)
    assert delta.calls == 1
    llm.structured(Verdict).invoke(MSGS)
    assert llm.usage.snapshot().calls == 2
    assert llm.usage.tokens_out == 3 + 4


def test_stream_text_yields_pieces_and_counts_usage(fake_llm: FakeLLM) -> None:
    llm, _ = fake_llm("local", ["alpha beta gamma"])
    pieces = list(llm.stream_text(MSGS))
    assert "".join(pieces).split() == ["alpha", "beta", "gamma"]
    assert llm.usage.tokens_out == 3


def test_openai_without_key_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="API key"):
        make_llm(load_settings(backend="openai"))


def test_compatible_without_base_url_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="OPENAI_BASE_URL"):
        make_llm(load_settings(backend="openai-compatible"))


def test_real_chatopenai_is_configured_from_settings() -> None:
    llm = make_llm(
        load_settings(
            backend="openai-compatible",
            openai_base_url="http://127.0.0.1:9/v1",
            request_timeout_s=7,
            max_retries=2,
        )
    )
    assert llm.backend == "openai-compatible"
    assert llm.chat.max_retries == 2  # type: ignore[attr-defined]
    assert llm.chat.request_timeout == 7  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "exc",
    [
        _status_error(500, f"upstream failed for key {SENTINEL}"),
        openai.APIConnectionError(
            request=httpx2.Request("POST", "http://127.0.0.1:9/v1/chat/completions")
        ),
        openai.APITimeoutError(
            request=httpx2.Request("POST", "http://127.0.0.1:9/v1/chat/completions")
        ),
    ],
)
def test_api_errors_become_one_line_model_errors_without_the_key(
    exc: Exception, fake_llm: FakeLLM
) -> None:
    llm, _ = fake_llm(
        "openai-compatible",
        [exc],
        openai_base_url="http://127.0.0.1:9/v1",
        openai_api_key=SENTINEL,
        structured_mode="json_object",
    )
    with pytest.raises(ModelError) as err:
        llm.structured(Verdict).invoke(MSGS)
    text = str(err.value)
    assert SENTINEL not in text
    assert "\n" not in text
    assert "127.0.0.1:9" in text
    assert text.startswith("openai-compatible:")


def test_unreachable_server_fails_fast_with_real_client(retry_sleeps: list[float]) -> None:
    """Real ChatOpenAI against a closed port: ModelError naming the URL, never the key; with
    max_retries=0 it fails on the first refused connection, without waiting to retry."""
    llm = make_llm(
        load_settings(
            backend="openai-compatible",
            openai_base_url="http://127.0.0.1:9/v1",
            openai_api_key=SENTINEL,
            max_retries=0,
            request_timeout_s=2,
            structured_mode="json_object",
        )
    )
    with pytest.raises(ModelError) as err:
        llm.structured(Verdict).invoke(MSGS)
    assert retry_sleeps == []
    assert "cannot connect" in str(err.value)
    assert SENTINEL not in str(err.value)


@pytest.mark.e2e
def test_smollm2_structured_output_end_to_end() -> None:
    llm = make_llm(load_settings(backend="local", local_model="smollm2-135m", n_ctx=2048))
    out = llm.structured(Verdict).invoke(
        [HumanMessage(content="Is water wet? Give a label and a confidence between 0 and 1.")]
    )
    assert isinstance(out, Verdict)
    assert llm.usage.tokens_in > 0 and llm.usage.tokens_out > 0


@pytest.mark.e2e
def test_qwen_structured_output_end_to_end(model_cache_dir: Path) -> None:
    llm = make_llm(load_settings(backend="local"), models_dir=model_cache_dir)

    class Answer(BaseModel):
        answerable: bool
        answer: str

    context = SystemMessage(
        content="Evidence: S1: The bridge reopened on 4 March after repairs costing 2 million."
    )
    out = llm.structured(Answer).invoke(
        [context, HumanMessage(content="When did the bridge reopen? Reply in JSON.")]
    )
    assert out.answerable is True
    assert "4 March" in out.answer or "March 4" in out.answer
