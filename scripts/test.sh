#!/usr/bin/env bash
# The test command: sets up .venv if needed, then lint, type-check and the whole test suite
# (unit, integration with real Chroma + embeddings, end-to-end with the real local model).
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -m "not e2e"`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
echo "==> ruff"
.venv/bin/ruff check .
echo "==> mypy"
.venv/bin/mypy
echo "==> pytest"
.venv/bin/python -m pytest "$@"
