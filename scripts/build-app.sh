#!/usr/bin/env bash
# Builds the release app: trunk (wasm-opt from npm binaryen), then release
# artifacts for a CDN (boot script for a strict CSP, service worker, _headers,
# _redirects, precompressed .br/.gz).
#
# Options:
#   --public-url /catalog/      host the app below a sub-path (default /)
#   --dist DIR                  output folder (default dist)
#   --api-origin ORIGIN         the API's origin, if not the app's own, for the CSP
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"

public_url="/"
dist="dist"
api_origin=""
while [ $# -gt 0 ]; do
  case "$1" in
    --public-url) public_url="$2"; shift 2 ;;
    --dist) dist="$2"; shift 2 ;;
    --api-origin) api_origin="$2"; shift 2 ;;
    *) echo "build-app.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

source scripts/release-toolchain.sh
trunk build --release --public-url "$public_url" --dist "$dist"
node scripts/finalize-dist.mjs "$dist" ${api_origin:+--api-origin "$api_origin"}
