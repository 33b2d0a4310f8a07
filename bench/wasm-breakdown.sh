#!/usr/bin/env bash
# Where the wasm's bytes go: builds the release app keeping symbol names (no
# strip, no wasm-opt) into target/dist-names and prints code size per crate.
# Arguments go to bench/wasm-breakdown.mjs (e.g. `container_images_web 30`).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"

source scripts/release-toolchain.sh

# trunk resolves the page's paths from its folder, so the variant sits beside index.html.
variant="index.names.html"
trap 'rm -f "$variant"' EXIT
sed -e 's/data-wasm-opt="z"/data-wasm-opt="0"/' -e 's/data-weak-refs/data-weak-refs data-keep-debug/' index.html > "$variant"
CARGO_PROFILE_RELEASE_STRIP=false trunk build "$variant" --release true --dist target/dist-names > /dev/null
node bench/wasm-breakdown.mjs target/dist-names/*_bg.wasm "$@"
