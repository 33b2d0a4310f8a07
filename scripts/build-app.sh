#!/usr/bin/env bash
# Builds the release app into dist/ (trunk, wasm-opt from npm binaryen) and
# writes precompressed .br/.gz files beside the assets.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"
trunk build --release "$@"
node scripts/precompress.mjs dist
