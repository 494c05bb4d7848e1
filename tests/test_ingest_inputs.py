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
        "latin1": d / "latin1.txt",
        "huge": d / "huge.txt",
        "loop": d / "loop_a.txt",
        "scriptonly": d / "scriptonly.html",
    }
    bad["empty"].write_bytes(b"")
    bad["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    bad["latin1"].write_bytes(
        "Caf\u00e9 story: the mayor said na\u00efve things.\n".encode("latin-1")
    )
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
    missing = tmp_path / "does-not-exist"
    report = env.run([corpus_dir, tmp_path / "bad", missing])
    assert report.documents == 5 and report.ingested == 5
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
    assert "UTF-8" in msgs["latin1"]
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


