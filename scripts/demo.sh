#!/usr/bin/env bash
# The main job, offline on the embedded defaults: set up .venv if needed, ingest the seeds,
# list what was found, search, then ask a question and verify a claim with the local model.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
SB=.venv/bin/sourcebound
echo "==> sourcebound ingest seeds"
$SB ingest seeds
echo "==> sourcebound sources"
$SB sources
echo "==> sourcebound search 'Where did Trump make his remarks about Sheinbaum?'"
$SB search "Where did Trump make his remarks about Sheinbaum?" -k 5
echo "==> sourcebound ask (local model; the first use assembles the 1.07 GB GGUF)"
$SB ask "How many troops did Mexico send to the US border in February?"
echo "==> sourcebound ask (no article gives this number: the expected answer is an abstention)"
$SB ask "How many fentanyl labs have US drone flights located in Mexico?"
echo "==> sourcebound verify (a compound claim: one part supported, one refuted by a number)"
$SB verify "Sheinbaum rejected Trump's offer and sent 50,000 troops to the border."
