"""Ingest of bad input (in-memory stores + the counting fake embedder): empty, binary,
non-UTF-8, oversized files, symlink loops, unreadable files, HTML whose only text is script;
each gets one error naming it and the good files still ingest."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import agent.ingest.pipeline as ingest_mod

if TYPE_CHECKING:
    from conftest import IngestEnv


@pytest.fixture
def env(ingest_env: IngestEnv) -> IngestEnv:
    return ingest_env


def _bad_inputs(d: Path) -> dict[str, Path]:
    d.mkdir()
    bad = {
        "empty": d / "empty.txt",
        "binary": d / "binary.txt",
        "huge": d / "huge.txt",
        "loop": d / "loop_a.txt",
        "scriptonly": d / "scriptonly.html",
    }
    bad["empty"].write_bytes(b"")
    bad["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with open(bad["huge"], "wb") as f:  # sparse: no disk used
        f.truncate(ingest_mod.MAX_FILE_BYTES + 1)
    os.symlink(d / "loop_b.txt", d / "loop_a.txt")
    os.symlink(d / "loop_a.txt", d / "loop_b.txt")
    bad["scriptonly"].write_text(
        "<html><head><script>var secret = 'injected script text';</script></head>"
        "<body></body></html>",
        encoding="utf-8",
    )
    return bad


def test_bad_inputs_each_get_one_error_and_good_files_ingest(
    env: IngestEnv, corpus_dir: Path, tmp_path: Path
) -> None:
    bad = _bad_inputs(tmp_path / "bad")
    # A legacy-encoded file is not bad input: it is decoded (and the encoding recorded).
    (tmp_path / "bad" / "latin1.txt").write_bytes(
        "Caf\u00e9 story: the mayor said the na\u00efve plan would cost \u00a3300.\n".encode(
            "latin-1"
        )
    )
    missing = tmp_path / "does-not-exist"
    report = env.run([corpus_dir, tmp_path / "bad", missing])
    assert report.documents == 6 and report.ingested == 6
    by_path: dict[str, list[str]] = {}
    for e in report.errors:
        by_path.setdefault(e.path, []).append(e.error)
    expected = [*bad.values(), d_loop_b := tmp_path / "bad" / "loop_b.txt", missing]
    assert d_loop_b.is_symlink()
    for p in expected:
        assert len(by_path.get(str(p), [])) == 1, (p, report.errors)
    assert set(by_path) == {str(p) for p in expected}
    msgs = {name: by_path[str(p)][0] for name, p in bad.items()}
    assert "empty" in msgs["empty"]
    assert "binary" in msgs["binary"] or "NUL" in msgs["binary"]
    latin1 = env.corpus.record("latin1")
    assert latin1 is not None and latin1.document.encoding in ("cp1252", "latin_1", "iso8859_15")
    decoded = env.corpus.text("latin1")
    assert "Caf\u00e9 story" in decoded and "\u00a3300" in decoded
    assert "limit" in msgs["huge"]
    assert "symbolic link" in msgs["loop"].lower() or "loop" in msgs["loop"].lower()
    assert "no such file" in by_path[str(missing)][0]
    env.assert_consistent()


def test_html_script_text_never_reaches_the_store(env: IngestEnv, tmp_path: Path) -> None:
    d = tmp_path / "html"
    d.mkdir()
    body = " ".join(
        f"The council approved budget item {i} after a long debate on Tuesday." for i in range(6)
    )
    (d / "page.html").write_text(
        f"<html><head><script>alert('SCRIPTMARKER');</script><style>p{{color:red}}</style>"
        f"</head><body><p>{body}</p></body></html>",
        encoding="utf-8",
    )
    report = env.run([d])
    assert report.errors == [] and report.documents == 1
    texts = [r.text for r in env.store.get()] + [r.text for r in env.sentences.get()]
    assert texts and not any("SCRIPTMARKER" in t or "color:red" in t for t in texts)
    assert any("council approved" in t for t in texts)


def test_unreadable_file(env: IngestEnv, corpus_dir: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    locked = corpus_dir / "locked.txt"
    locked.write_text("Some article text that nobody may read.\n", encoding="utf-8")
    locked.chmod(0)
    report = env.run([corpus_dir])
    assert [e.path for e in report.errors] == [str(locked)]
    assert report.documents == 5


def test_directory_symlink_loop_does_not_hang(env: IngestEnv, corpus_dir: Path) -> None:
    os.symlink(corpus_dir, corpus_dir / "again")
    report = env.run([corpus_dir])
    assert report.documents == 5
    env.assert_consistent()


ARTICLE = (
    "{title}\nBy Staff Reporter\n\n"
    "The {thing} was discussed by the council on Monday evening at length. "
    "Residents said the {thing} had been a concern for several years now."
)


def test_a_later_input_with_a_stored_id_is_refused_not_swapped_in(
    env: IngestEnv, tmp_path: Path
) -> None:
    """"a/story.html" then "b/story.txt" share the id "story": the second is refused with
    one line naming the first, and the stored article stays (it used to be replaced)."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = tmp_path / "a" / "story.txt"
    first.write_text(ARTICLE.format(title="Quarry plan", thing="quarry"), encoding="utf-8")
    second = tmp_path / "b" / "story.txt"
    second.write_text(ARTICLE.format(title="Harbour lights", thing="lighting"), encoding="utf-8")
    assert env.run([first]).ingested == 1
    report = env.run([second])
    assert report.ingested == 0
    assert [(e.path, e.error) for e in report.errors] == [
        (str(second), f"document id 'story' already used by {first}")
    ]
    assert "quarry" in env.corpus.text("story")
    # The same file again, or a file moved away from its old place, is no clash.
    assert env.run([first]).unchanged == 1
    first.unlink()
    assert env.run([second]).ingested == 1
    env.assert_consistent()


def test_a_malformed_url_is_one_error_and_the_rest_goes_through(
    env: IngestEnv, corpus_dir: Path
) -> None:
    report = env.run([corpus_dir], urls=["http://[bad"])
    assert report.ingested > 0
    assert [e.path for e in report.errors] == ["http://[bad"]
    assert report.errors[0].error.startswith("not a valid URL")
