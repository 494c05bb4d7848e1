"""The Python API (`sourcebound`): open, ingest, ask, verify, summarize over small article
files, with a fake chat model that answers by the schema it is asked for (no model, no
network). Citations must point at the exact text of the files written here."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from langchain_core.messages import BaseMessage

import sourcebound
from agent.app import App
from agent.errors import DOMAIN_ERRORS
from agent.types import Citation
from sourcebound import ConfigError, InputError, ModelError, Sourcebound

if TYPE_CHECKING:
    from conftest import FakeChatModel

ARTICLES = {
    "daily.txt": (
        "Port strike ends after talks\n"
        "Jane Doe\n"
        "Tue, June 3, 2025\n"
        "The Daily.\n\n"
        "The harbour workers union ended its strike on Tuesday after talks with the city.\n"
        "The union said 300 workers had joined the strike.\n"
        "Mayor Lena Ortiz spoke at a rally in Lyon about the deal.\n"
    ),
    "herald.txt": (
        "Strike over at the harbour\n"
        "John Roe\n"
        "Wed, June 4, 2025\n"
        "The Herald.\n\n"
        "The harbour workers union ended its strike on Tuesday, officials confirmed.\n"
        "About 300 workers had walked out for a week.\n"
        "During a press briefing in Geneva, Ortiz said the deal was fair.\n"
    ),
    "post.txt": (
        "Union vote closes dispute\n\n"
        "Members of the harbour workers union voted to end the strike.\n"
        "The city budget will be debated in the council next month.\n"
    ),
}
_DOC = re.compile(r"<<doc id=(S\d+)>>\n(?:\([^)]*\) )?(.*?)\n<</doc>>", re.DOTALL)


def schema_reply(messages: list[BaseMessage], kwargs: dict[str, Any]) -> str:
    """A fake model's replies by the requested schema, quoting the labelled sentences it was
    shown: an answer draft citing the first, a "supported" label, an article summary of the
    first three, a story point from the first."""
    fmt = kwargs.get("response_format") or {}
    props = (fmt.get("schema") or fmt.get("json_schema", {}).get("schema", {})).get(
        "properties", {}
    )
    docs = _DOC.findall(str(messages[-1].content))
    if "answerable" in props:
        sentences = [{"text": t, "cite": [label]} for label, t in docs[:1]]
        return json.dumps({"answerable": bool(docs), "sentences": sentences})
    if "label" in props:
        return json.dumps({"label": "supported"})
    if "sentences" in props:
        return json.dumps({"sentences": [{"text": t, "cite": [lab]} for lab, t in docs[:3]]})
    label, text = docs[0]
    return json.dumps({"text": text, "cite": [label]})


@pytest.fixture
def articles_dir(tmp_path: Path) -> Path:
    src = tmp_path / "articles"
    src.mkdir()
    for name, text in ARTICLES.items():
        (src / name).write_text(text, encoding="utf-8")
    return src


MakeSb = Callable[["FakeChatModel"], Sourcebound]


@pytest.fixture
def make_sb(tmp_path: Path, make_app: Callable[..., App]) -> MakeSb:
    """The API over fakes (`make_app`: in-memory stores, the fake embedder), `chat` as the
    model."""

    def make(chat: FakeChatModel) -> Sourcebound:
        settings = sourcebound.open(tmp_path / "data").settings
        return Sourcebound(make_app(settings=settings, chat=chat))

    return make


@pytest.fixture
def chat(make_fake_model: Callable[..., FakeChatModel]) -> FakeChatModel:
    return make_fake_model(responder=schema_reply)


@pytest.fixture
def sb(make_sb: MakeSb, articles_dir: Path, chat: FakeChatModel) -> Sourcebound:
    s = make_sb(chat)
    report = s.ingest(articles_dir)
    assert report.errors == [] and report.documents == 3
    return s


def assert_in_file(articles_dir: Path, c: Citation) -> None:
    """The citation's quote is the file's own text at its character offsets."""
    text = (articles_dir / f"{c.source}.txt").read_text(encoding="utf-8")
    assert text[c.start : c.end] == c.quote


def test_open_resolves_settings_lazily_and_rejects_unknown_ones(tmp_path: Path) -> None:
    sb = sourcebound.open(tmp_path / "d", top_k=3, backend="openai-compatible")
    assert isinstance(sb, Sourcebound) and isinstance(sb.app, App)
    assert sb.settings.data_dir == tmp_path / "d" and sb.settings.top_k == 3
    assert not (tmp_path / "d").exists()  # nothing is created before a method needs it
    with pytest.raises(ConfigError, match="no_such_setting"):
        sourcebound.open(tmp_path / "d", no_such_setting=1)
    with pytest.raises(ConfigError, match="top_k"):
        sourcebound.open(tmp_path / "d", top_k=0)


def test_open_defaults_to_the_environment_data_dir(tmp_path: Path) -> None:
    assert sourcebound.open().settings.data_dir == tmp_path / "data"  # conftest's env var


def test_ingest_takes_one_path_or_many_and_reports_bad_files(
    make_sb: MakeSb, articles_dir: Path, chat: FakeChatModel
) -> None:
    sb = make_sb(chat)
    first = sb.ingest(str(articles_dir / "daily.txt"))
    assert (first.documents, first.ingested) == (1, 1)
    (articles_dir / "empty.txt").write_text("", encoding="utf-8")
    again = sb.ingest([articles_dir])
    assert (again.documents, again.ingested, again.unchanged) == (3, 2, 1)
    assert [e.path for e in again.errors] == [str(articles_dir / "empty.txt")]
    assert {a.id: a.outlet for a in sb.articles()} == {
        "daily": "The Daily",
        "herald": "The Herald",
        "post": None,
    }
    assert chat.calls == []  # ingesting never asks the model


def test_ask_gives_an_answer_cited_from_the_files(
    sb: Sourcebound, chat: FakeChatModel, articles_dir: Path
) -> None:
    ans = sb.ask("How many workers joined the strike?")
    assert isinstance(ans, sourcebound.Answer)
    assert not ans.abstained and "300" in ans.answer
    assert ans.citations and ans.sentences
    for c in ans.citations:
        assert_in_file(articles_dir, c)
    assert len(chat.calls) == 1 and ans.latency_s >= 0


def test_ask_abstains_on_an_unrelated_question_without_the_model(
    sb: Sourcebound, chat: FakeChatModel
) -> None:
    ans = sb.ask("What is the recipe for a sourdough pizza crust with basil?")
    assert ans.abstained and ans.answer == "The sources do not say." and ans.citations == []
    assert chat.calls == []


@pytest.mark.parametrize("text", ["", "   ", "x" * 2001, "nul\x00byte"])
def test_ask_and_verify_refuse_unusable_text_before_any_work(
    sb: Sourcebound, chat: FakeChatModel, text: str
) -> None:
    with pytest.raises(InputError) as asked:
        sb.ask(text)
    with pytest.raises(InputError):
        sb.verify(text)
    assert isinstance(asked.value, DOMAIN_ERRORS)
    assert chat.calls == []


def test_verify_finds_both_outlets_and_can_skip_the_model(
    sb: Sourcebound, chat: FakeChatModel, articles_dir: Path
) -> None:
    claim = "The harbour workers union ended its strike on Tuesday."
    v = sb.verify(claim)
    assert isinstance(v, sourcebound.Verdict)
    assert v.claim == claim and v.verdict == "supported"
    backing = [e for e in v.evidence if e.stance == "supports"]
    assert {e.outlet for e in backing} == {"The Daily", "The Herald"}
    for e in backing:
        assert_in_file(articles_dir, e.citation)
    calls = len(chat.calls)
    assert calls > 0
    rules = sb.verify(claim, use_model=False)
    assert rules.model_calls == 0 and len(chat.calls) == calls


def test_summarize_an_article_and_the_story(
    sb: Sourcebound, chat: FakeChatModel, articles_dir: Path
) -> None:
    article = sb.summarize("daily")
    assert isinstance(article, sourcebound.Summary)
    assert (article.kind, article.id, article.title) == (
        "article", "daily", "Port strike ends after talks",
    )
    assert len(article.sentences) == 3 and all(s.supported for s in article.sentences)
    story = sb.summarize()
    assert (story.kind, story.id) == ("story", "story") and story.sentences
    agreed = [s for s in story.sentences if s.section == "agreement"]
    assert agreed and agreed[0].outlets == 2
    for s in [*article.sentences, *story.sentences]:
        assert s.citations
        for c in s.citations:
            assert_in_file(articles_dir, c)


def test_summarize_unknown_article_is_an_input_error(sb: Sourcebound, chat: FakeChatModel) -> None:
    with pytest.raises(InputError, match="nope"):
        sb.summarize("nope")
    assert chat.calls == []


def test_a_failing_model_surfaces_as_one_model_error(
    make_sb: MakeSb, articles_dir: Path, make_fake_model: Callable[..., FakeChatModel]
) -> None:
    sb = make_sb(make_fake_model(RuntimeError("upstream exploded")))
    sb.ingest(articles_dir)
    with pytest.raises(ModelError, match="upstream exploded"):
        sb.ask("How many workers joined the strike?")


def test_the_package_exports_resolve() -> None:
    for name in sourcebound.__all__:
        assert getattr(sourcebound, name) is not None, name
    assert sourcebound.DOMAIN_ERRORS == DOMAIN_ERRORS
    assert issubclass(sourcebound.VectorStoreError, sourcebound.DOMAIN_ERRORS)
    with pytest.raises(AttributeError):
        _ = sourcebound.no_such_name
