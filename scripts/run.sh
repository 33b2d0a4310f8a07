#!/usr/bin/env bash
# README command (a): set everything up, build the release app and serve it
# with the reference API server at http://127.0.0.1:8080 (or $ADDR).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh
bash scripts/build-app.sh
cargo build --quiet -p api-server
mkdir -p .data
exec target/debug/api-server \
  --addr "${ADDR:-127.0.0.1:8080}" \
  --db .data/catalog.db \
  --dist dist \
  "$@"
