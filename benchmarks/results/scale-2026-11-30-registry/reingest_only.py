"""bench_scale's three re-ingest figures only, on an existing data dir (used for the 100k
"after" column once the duplicate refresh changed, without rebuilding the store).

    python reingest_only.py REPO DATA_DIR CORPUS_DIR STEP   # STEP picks the 1% (3 = 100k)
"""

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, sys.argv[1])

from agent.ingest.pipeline import discover
from benchmarks.bench_scale import ingest_figures

files, _ = discover([Path(sys.argv[3])])
with tempfile.TemporaryDirectory() as work:
    ingest_figures(Path(sys.argv[2]), files, Path(work), int(sys.argv[4]), True, "hashed")
