# Sourced by every script that builds the release wasm (never the dev build,
# the tests or clippy, which stay on stable).
#
# Why a nightly: the release wasm is the bulk of a first load, and only a
# nightly can rebuild the standard library for size (`optimize_for_size`) and
# drop the panic machinery with its messages (`immediate-abort`): about 8 %
# fewer bytes over the wire. A panic then stops the app with the browser's
# bare "RuntimeError: unreachable", without the panic's message (the dev
# build prints it). `-Zfmt-debug=none` empties `{:?}` output, which the
# release app never shows (error details stay out of the UI): 3 KB less.
# Pinned so that builds are reproducible; scripts/setup.sh installs it.
RELEASE_TOOLCHAIN="nightly-2026-05-19"
export RUSTUP_TOOLCHAIN="$RELEASE_TOOLCHAIN"
export CARGO_UNSTABLE_BUILD_STD="std,panic_abort"
export CARGO_UNSTABLE_BUILD_STD_FEATURES="optimize_for_size"
# RUSTFLAGS replaces .cargo/config.toml's target rustflags: repeat erase_components.
export RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none"
