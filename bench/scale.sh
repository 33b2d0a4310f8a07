#!/usr/bin/env bash
# The API server at a real catalog's scale (not a test): a database seeded
# with 112 builds of every image (about 10,000 entries), then each kind of
# list query the app sends, one client at a time (no queueing), for 3 s
# each; prints p50/p99 latency. Uses wrk (Debian package, see load.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$HOME/.cargo/bin:$PATH"

command -v wrk >/dev/null 2>&1 || bash bench/load.sh --install-only
cargo build --quiet --profile server -p api-server
work="$(mktemp -d)"
trap 'kill "$server_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
port=18182
target/server/api-server --addr "127.0.0.1:$port" --db "$work/catalog.db" --seed-builds 112 --quiet > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 600); do
  grep -q "listening on" "$work/server.log" 2>/dev/null && break
  sleep 0.1
done
base="http://127.0.0.1:$port/api/v1/images/public"
total="$(curl -s "$base?limit=1" | sed -E 's/.*"total":([0-9]+).*/\1/')"
echo "API server at scale: $total entries (wrk, 1 connection, 3 s each, loopback, release build)"
for query in \
  "" \
  "?os=debian" \
  "?os=debian&architecture=arm64&search=debian%2F13&sort_by=added_date&sort_order=desc" \
  "?search=cloud" \
  "?search=debian-13-amd64" \
  "?os=ubuntu&min_price=0&max_price=0&sort_by=rating&sort_order=desc" \
  "?min_rating=4&sort_by=price&sort_order=asc&page=20" \
  "?architecture=arm64&limit=100&sort_by=alias&sort_order=asc&page=5"; do
  out="$(wrk -t1 -c1 -d3s --latency "$base$query")"
  p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  printf '%-84s p50 %8s   p99 %8s\n' "${query:-(no filter)}" "$p50" "$p99"
done
