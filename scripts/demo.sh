#!/usr/bin/env bash
# Install multipolar and run the main job on the bundled sample corpus (embedded DuckDB, no server).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
rm -f multipolar-demo.duckdb multipolar-demo.duckdb.wal
.venv/bin/multipolar demo --db multipolar-demo.duckdb
