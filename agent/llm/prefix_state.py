"""The model's state after a prompt's fixed prefix, kept on disk across processes.

Every prompt sourcebound sends starts with a fixed part (system text, few-shot turns) and ends
with the variable part (the question and its evidence, a claim and a sentence). llama.cpp
reuses the KV cache of a shared prefix inside one process; a new process used to recompute
it (~600 tokens, 10+ s at 54 prompt tok/s on 2 cores). `PrefixStateCache` writes the KV cache
of sequence 0 after the fixed prefix to `<dir>/<key>.kv` (llama.cpp's
`llama_state_seq_save_file`, which stores the tokens beside the state) and reads it back in
the next process, so only the variable part is evaluated.

The key is a SHA-256 over the model file (path, size, mtime), the llama-cpp-python version
(the file format is tied to the build) and the prefix's token ids. The prefix is always
evaluated alone from an empty context, whether it is then saved or later loaded, so a
cached and an uncached process compute the same state and give the same greedy output.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

# A prefix shorter than this is cheaper to evaluate than to read (and would litter the dir).
MIN_PREFIX_TOKENS = 64
# Files kept per directory, oldest (by access) removed first: a prefix is ~28 KB per token
# for Qwen2.5-1.5B (28 layers x 2 KV heads x 128 dims x K+V x f16), ~20 MB for 700 tokens.
MAX_FILES = 24


def shared_prefix_len(a: Sequence[int], b: Sequence[int]) -> int:
    """Length of the longest common prefix of two token sequences."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def model_fingerprint(model_path: str) -> str:
    """Path, size and mtime of the model file, and the llama-cpp-python version."""
    import llama_cpp

    st = Path(model_path).stat()
    return f"{Path(model_path).resolve()}|{st.st_size}|{st.st_mtime_ns}|{llama_cpp.__version__}"


class _PromptCaptured(Exception):
    def __init__(self, tokens: list[int]) -> None:
        self.tokens = tokens


class _CaptureLlama:
    """Stands in for a Llama inside a chat handler: the handler formats and tokenizes the
    messages as it would for a real call, then the completion call hands back the tokens."""

    def __init__(self, llama: Any) -> None:
        self._llama = llama

    def __getattr__(self, name: str) -> Any:
        return getattr(self._llama, name)

    def create_completion(self, prompt: Any, **kwargs: Any) -> Any:
        raise _PromptCaptured([int(t) for t in prompt])


def prompt_tokens(llama: Any, messages: list[dict[str, str]]) -> list[int]:
    """The token ids `llama.create_chat_completion(messages)` would evaluate, from the same
    chat handler (the GGUF's template), without evaluating anything."""
    from llama_cpp import llama_chat_format

    handler: Any = (
        llama.chat_handler
        or llama._chat_handlers.get(llama.chat_format)
        or llama_chat_format.get_chat_completion_handler(llama.chat_format)
    )
    try:
        handler(llama=_CaptureLlama(llama), messages=messages)
    except _PromptCaptured as captured:
        return captured.tokens
    raise RuntimeError("chat handler made no completion call")


def fixed_prefix(llama: Any, messages: list[dict[str, str]]) -> list[int]:
    """The prompt tokens that do not depend on the last message's content: everything the
    prompt shares with the same messages whose last content is empty (system text,
    few-shot turns, the last turn's header)."""
    full = prompt_tokens(llama, messages)
    blank = prompt_tokens(llama, [*messages[:-1], {**messages[-1], "content": ""}])
    return full[: shared_prefix_len(full, blank)]


def continued_prefix(llama: Any, messages: list[dict[str, str]]) -> list[int]:
    """The prompt tokens of `messages` that stay the same whatever text is appended to the
    last message's content: what the prompts with two different continuations share (a
    token that would merge with the coming text is left out)."""
    last = messages[-1]
    a, b = (prompt_tokens(llama, [*messages[:-1], {**last, "content": last["content"] + c}])
            for c in ("a", "b"))
    return a[: shared_prefix_len(a, b)]


class PrefixStateCache:
    """KV state of fixed prompt prefixes for one model, in `directory`.

    `prime(llama, prefix)` leaves `llama` holding exactly `prefix` (token ids) in sequence 0,
    loaded from disk when a file for it exists, else evaluated and saved. Disk or format
    errors are logged and fall back to evaluating: the cache can only save time."""

    def __init__(self, directory: Path, model_path: str) -> None:
        self.directory = directory
        self.fingerprint = model_fingerprint(model_path)
        self.hits = 0
        self.misses = 0

    def path_for(self, prefix: Sequence[int]) -> Path:
        """`<dir>/<sha256 of model fingerprint + token ids>.kv`."""
        h = hashlib.sha256(self.fingerprint.encode("utf-8"))
        h.update(np.asarray(prefix, dtype=np.int32).tobytes())
        return self.directory / f"{h.hexdigest()[:32]}.kv"

    def prime(self, llama: Any, prefix: Sequence[int]) -> bool:
        """Put `prefix` in `llama`'s context. True when it was read from disk."""
        import llama_cpp

        _clear(llama)
        path = self.path_for(prefix)
        if path.is_file():
            n = len(prefix)
            buf = (llama_cpp.llama_token * n)()
            n_out = ctypes.c_size_t(0)
            read = llama_cpp.llama_state_seq_load_file(
                llama._ctx.ctx, str(path).encode("utf-8"), 0, buf, n, ctypes.byref(n_out)
            )
            if read and n_out.value == n and list(buf) == list(prefix):
                llama.input_ids[:n] = np.asarray(prefix, dtype=np.intc)
                llama.n_tokens = n
                llama._requires_eval = True
                self.hits += 1
                with contextlib.suppress(OSError):
                    os.utime(path)
                return True
            log.warning("prefix state %s unreadable; evaluating the prefix", path.name)
            _clear(llama)
            with contextlib.suppress(OSError):
                path.unlink()
        self.misses += 1
        llama.eval(list(prefix))
        self._save(llama, path, prefix)
        return False

    def _save(self, llama: Any, path: Path, prefix: Sequence[int]) -> None:
        import llama_cpp

        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            tokens = (llama_cpp.llama_token * len(prefix))(*prefix)
            written = llama_cpp.llama_state_seq_save_file(
                llama._ctx.ctx, str(tmp).encode("utf-8"), 0, tokens, len(prefix)
            )
            if not written:
                tmp.unlink(missing_ok=True)
                return
            os.replace(tmp, path)  # readers never see a partial file
            self._evict()
        except OSError as e:
            log.warning("could not save prefix state %s: %s", path.name, e)

    def _evict(self) -> None:
        files = sorted(self.directory.glob("*.kv"), key=lambda p: p.stat().st_mtime)
        for old in files[: max(0, len(files) - MAX_FILES)]:
            with contextlib.suppress(OSError):
                old.unlink()


def _clear(llama: Any) -> None:
    """An empty context: no tokens, no KV cells."""
    llama.reset()
    llama._ctx.kv_cache_seq_rm(-1, 0, -1)
