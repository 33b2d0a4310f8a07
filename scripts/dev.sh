#!/usr/bin/env bash
# The development loop: trunk serve builds the app (dev profile) and reloads
# the browser on every change, at http://127.0.0.1:8080 (or $PORT); its API
# calls are proxied (Trunk.toml's [[proxy]]) to the reference API server,
# started here on 127.0.0.1:8081 with the demo database in .data/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh
cargo build --quiet -p api-server
mkdir -p .data
target/debug/api-server --addr 127.0.0.1:8081 --db .data/catalog.db &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
# Polling finds changes where the file system sends no events (containers,
# network mounts) too; a second's delay and little work on a tree this size.
trunk serve --address 127.0.0.1 --port "${PORT:-8080}" --poll --poll-interval 1s
