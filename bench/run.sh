#!/usr/bin/env bash
# Every benchmark, printing figures: first-load size, speed against the
# reference page, Lighthouse scores, and the API server under load.
# BASELINE=DIR (another build's dist/, e.g. the one before a change) measures
# that build too, side by side in the same runs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh
if [ ! -d bench/node_modules/lighthouse ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
  (cd bench && npm ci --no-audit --no-fund --loglevel=error)
fi
bash scripts/build-app.sh > /dev/null
cargo build --quiet --profile server -p api-server
# The browser benchmarks use the optimised server too.
mkdir -p target/debug && cp target/server/api-server target/debug/api-server.bench
export DOCKYARD_SERVER_BIN="$root/target/debug/api-server.bench"

echo "== size of a first load (bytes)"
node bench/size.mjs dist
if [ -n "${BASELINE:-}" ]; then echo "-- before:"; node bench/size.mjs "$BASELINE" | tail -2; fi
echo
echo "== speed against the reference page (medians)"
node bench/speed.mjs ${BASELINE:+--baseline "$BASELINE"}
echo
echo "== Lighthouse (mobile)"
node bench/lighthouse.mjs ${BASELINE:+--baseline "$BASELINE"}
echo
echo "== API server under load"
bash bench/load.sh
echo
echo "== API server at a real catalog's scale"
bash bench/scale.sh
