#!/usr/bin/env bash
# README command (b): set everything up and run every test.
#   lint and formatting (JavaScript and Rust), host unit and contract tests, the API server's tests
#   over real HTTP, browser tests (wasm-bindgen-test in Chromium, Firefox ESR and WebKitGTK), and
#   the end-to-end suite against the release app served by the API server (Playwright in
#   Chromium; the core journeys in all three engines through WebDriver).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n\033[1;34m==> %s\033[0m\n' "$*"; }
started=$SECONDS

step "setup"
bash scripts/setup.sh

step "ESLint"
eslint .

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (host and wasm)"
cargo clippy --workspace --all-targets --quiet -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --tests --quiet -- -D warnings

step "host tests: unit, contract and API server over HTTP"
cargo test --workspace

step "browser tests: wasm-bindgen-test in headless Chromium, Firefox ESR and WebKitGTK"
CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test browser
GECKODRIVER="$HOME/.cargo/bin/geckodriver" cargo test --target wasm32-unknown-unknown --test browser
bash scripts/with-display.sh env SAFARIDRIVER=/usr/bin/WebKitWebDriver \
  WASM_BINDGEN_TEST_WEBDRIVER_JSON="$root/scripts/webkitgtk-capabilities.json" \
  cargo test --target wasm32-unknown-unknown --test browser

step "release build of the app (and the same, unfinalized, below /catalog/ for the CDN test)"
bash scripts/build-app.sh
(source scripts/release-toolchain.sh && trunk build --release --public-url /catalog/ --dist target/dist-cdn)

step "first-load size against the budget (bench/size-budget.json)"
node bench/size.mjs dist --budget bench/size-budget.json

step "end-to-end tests against the API server (e2e/engines.test.mjs in all three engines)"
cargo build --quiet -p api-server
node --test --test-concurrency=1 e2e/

printf '\n\033[1;32mall tests passed\033[0m in %ss\n' "$((SECONDS - started))"
