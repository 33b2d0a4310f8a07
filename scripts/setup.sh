#!/usr/bin/env bash
# Installs every tool the build and the tests need, and only what is missing.
# Idempotent: on a machine that already has everything it takes a few seconds.
# Versions are the ones recorded as working in shared/docs/toolchain.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

TRUNK_VERSION="0.21.14"
STYLANCE_VERSION="0.8.4"
GECKODRIVER_VERSION="0.37.1"

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

export PATH="$HOME/.cargo/bin:$PATH"

# Rust target for the browser build.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The pinned nightly that builds the release wasm (scripts/release-toolchain.sh).
release_toolchain="$(source scripts/release-toolchain.sh && echo "$RELEASE_TOOLCHAIN")"
if ! rustup component list --toolchain "$release_toolchain" --installed 2>/dev/null | grep -qx rust-src; then
  log "installing the release toolchain $release_toolchain with rust-src"
  rustup toolchain install "$release_toolchain" --profile minimal --component rust-src
fi

# Make sure every crate is on disk: trunk runs cargo with --offline. The
# release build also compiles the standard library, whose crates come too.
log "fetching crates (cargo fetch)"
cargo fetch --locked --quiet
(source scripts/release-toolchain.sh && cargo fetch --locked --quiet --target wasm32-unknown-unknown)

installed_version() { "$1" --version 2>/dev/null | awk '{print $2}' || true; }

if [ "$(installed_version trunk)" != "$TRUNK_VERSION" ]; then
  log "installing trunk $TRUNK_VERSION (a few minutes on 2 cores)"
  cargo install --locked --quiet trunk --version "$TRUNK_VERSION"
fi

# wasm-bindgen-cli must be exactly the wasm-bindgen version in Cargo.lock.
wasm_bindgen_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)"
if [ -z "$wasm_bindgen_version" ]; then
  echo "setup: could not read the wasm-bindgen version from Cargo.lock" >&2
  exit 1
fi
if [ "$(installed_version wasm-bindgen)" != "$wasm_bindgen_version" ] \
  || [ "$(installed_version wasm-bindgen-test-runner)" != "$wasm_bindgen_version" ]; then
  log "installing wasm-bindgen-cli $wasm_bindgen_version"
  # Not --locked: its lock file pins a webpki-roots the registry lacks.
  cargo install --quiet --force wasm-bindgen-cli --version "$wasm_bindgen_version"
fi

if [ "$(installed_version stylance)" != "$STYLANCE_VERSION" ]; then
  log "installing stylance-cli $STYLANCE_VERSION"
  cargo install --locked --quiet stylance-cli --version "$STYLANCE_VERSION"
fi

# geckodriver, Firefox's WebDriver, is not a Debian package.
if [ "$(installed_version geckodriver)" != "$GECKODRIVER_VERSION" ]; then
  log "installing geckodriver $GECKODRIVER_VERSION (a few minutes on 2 cores)"
  cargo install --locked --quiet geckodriver --version "$GECKODRIVER_VERSION"
fi

# Debian packages: the three engines the tests run in (Chromium, Firefox
# ESR, WebKitGTK with its MiniBrowser on an Xvfb display) and their drivers;
# nginx for the CDN test.
missing_debs=()
command -v chromium >/dev/null 2>&1 || missing_debs+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing_debs+=(chromium-driver)
command -v firefox-esr >/dev/null 2>&1 || missing_debs+=(firefox-esr)
command -v WebKitWebDriver >/dev/null 2>&1 || missing_debs+=(webkit2gtk-driver)
command -v Xvfb >/dev/null 2>&1 || missing_debs+=(xvfb)
[ -x /usr/sbin/nginx ] || missing_debs+=(nginx)
[ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || missing_debs+=(libnginx-mod-http-brotli-static)
if [ ${#missing_debs[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing_debs[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing_debs[@]}" >/dev/null
fi

# Node packages (wasm-opt from npm binaryen, playwright-core, axe-core) from the committed lock file.
if ! command -v npm >/dev/null 2>&1; then
  echo "setup: npm is required (Node.js 20 or newer)" >&2
  exit 1
fi
lock_stamp="node_modules/.package-lock.json"
if [ ! -f "$lock_stamp" ] || [ package-lock.json -nt "$lock_stamp" ]; then
  log "installing node packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Never let trunk pick Debian's wasm-opt 108: it breaks the app at start.
if ! node_modules/.bin/wasm-opt --version | grep -q "version 132"; then
  echo "setup: node_modules/.bin/wasm-opt is not binaryen 132" >&2
  exit 1
fi

log "all tools present"
