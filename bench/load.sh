#!/usr/bin/env bash
# Load benchmark of the API server (not a test): list queries with filters
# from concurrent clients on loopback, then the detail endpoint; prints
# requests per second and p50/p99 latency for each. Uses wrk (Debian package).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$HOME/.cargo/bin:$PATH"

if ! command -v wrk >/dev/null 2>&1; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq wrk >/dev/null
fi
[ "${1:-}" = "--install-only" ] && exit 0

cargo build --quiet --profile server -p api-server
work="$(mktemp -d)"
trap 'kill "$server_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
port=18181
target/server/api-server --addr "127.0.0.1:$port" --db "$work/catalog.db" --quiet > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  grep -q "listening on" "$work/server.log" 2>/dev/null && break
  sleep 0.1
done
base="http://127.0.0.1:$port"
id="$(curl -s "$base/api/v1/images/public?limit=1" | sed -E 's/.*"id":"([0-9a-f]+)".*/\1/')"

cat > "$work/lists.lua" <<'LUA'
-- Cycles through list queries with filters, sorts and pages.
local queries = {
  "/api/v1/images/public",
  "/api/v1/images/public?os=ubuntu&architecture=amd64",
  "/api/v1/images/public?min_price=0&max_price=0&sort_by=rating&sort_order=desc",
  "/api/v1/images/public?search=cloud&limit=40",
  "/api/v1/images/public?min_rating=4&sort_by=price&sort_order=asc&page=2",
  "/api/v1/images/public?os=debian&limit=100&sort_by=alias&sort_order=asc",
  "/api/v1/images/public?architecture=arm64&min_price=2&max_price=20",
  "/api/v1/images/public?search=linux%20lts&page=1&limit=20",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", queries[(i % #queries) + 1])
end
LUA

summarize() {
  # wrk --latency prints "50%  1.23ms" lines and "Requests/sec: N".
  local label="$1" out="$2"
  local rps p50 p99
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  printf '%-34s %12s req/s   p50 %8s   p99 %8s\n' "$label" "$rps" "$p50" "$p99"
}

echo "API server load (wrk, 2 threads, 32 connections, 10 s each, loopback, release build)"
summarize "list with filters (8 queries)" "$(wrk -t2 -c32 -d10s --latency -s "$work/lists.lua" "$base")"
summarize "detail (GET /images/public/{id})" "$(wrk -t2 -c32 -d10s --latency "$base/api/v1/images/public/$id")"
