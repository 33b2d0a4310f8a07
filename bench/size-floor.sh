#!/usr/bin/env bash
# How small could a first load get by splitting the wasm per route? Builds two
# variants of the release app and prints their first-load sizes beside the
# real app's:
#   - catalog only: the other routes (image, My images, sign-in) removed, i.e.
#     the best a per-route split could do for someone opening the catalog;
#   - no pages: the one route shows the not-found page, i.e. Leptos, the router,
#     the shell (header, notices) and the shared state, with no page at all.
# The variants come from a temporary edit of src/app.rs that is undone on exit,
# so do not run this while editing that file or while `trunk serve` runs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"

source scripts/release-toolchain.sh

app="src/app.rs"
backup="$(mktemp)"
cp "$app" "$backup"
trap 'cp "$backup" "$app"; rm -f "$backup"' EXIT

# Rewrites the route table of the saved app.rs; fails if a route is not found,
# so that a renamed route never makes the script measure the whole app.
variant() {
  python3 - "$backup" "$app" "$1" <<'EOF'
import sys
source, target, kind = sys.argv[1:]
text = open(source).read()
others = [
    '<Route path=path!("/images/:id") view=ImageDetailPage />',
    '<Route path=path!("/my-images") view=MyImagesPage />',
    '<Route path=path!("/sign-in") view=SignInPage />',
]
catalog = '<Route path=path!("/") view=CatalogPage />'
for route in others + [catalog]:
    if route not in text:
        sys.exit(f"size-floor.sh: route not found in app.rs: {route}")
for route in others:
    text = text.replace(route, "")
if kind == "no-pages":
    text = text.replace(catalog, '<Route path=path!("/") view=NotFoundPage />')
open(target, "w").write(text)
EOF
}

for kind in catalog-only no-pages; do
  variant "$kind"
  # The variants do not use every import: their warnings are expected, so
  # the build's output is shown only if it fails.
  log="target/size-floor-$kind.log"
  trunk build --release --dist "target/dist-$kind" > "$log" 2>&1 ||
    { tail -n 40 "$log" >&2; echo "size-floor.sh: the $kind build failed (full output: $log)" >&2; exit 1; }
  # The same release steps as the real app (boot script, minified JS glue).
  node scripts/finalize-dist.mjs "target/dist-$kind" > /dev/null
done
cp "$backup" "$app"
# The real app from the same sources, not whatever dist/ last held.
bash scripts/build-app.sh > /dev/null

for kind in dist target/dist-catalog-only target/dist-no-pages; do
  echo "== $kind"
  node bench/size.mjs "$kind" | grep -E "_bg\.wasm|^total|first-load"
  echo
done
