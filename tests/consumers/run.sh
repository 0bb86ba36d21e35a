#!/usr/bin/env bash
# Every consumer of the packed npm tarball (`npm pack pkg`), each a tiny project of its own under
# tests/consumers/NAME/, installed and built as a portal's would be, then run against the emulator:
#
#   node     a Node 20 script (run-node.sh)
#   vite     Vite + TypeScript: tsc strict, vite build, the built app deletes a call in Chromium
#   webpack  webpack 5: the built app deletes a call in Chromium
#   esbuild  esbuild: the built app deletes a call in Chromium
#   vitest   a Vitest test (node environment): init, validate, parse, delete
#   worker   a page whose module worker (bundled by Vite) deletes a call in Chromium
#
# Usage: tests/support/with-emulator.sh tests/consumers/run.sh [NAME...]   (default: all)
#
# The lockfile problem: the tarball's integrity changes with every build, so a package-lock.json
# naming it goes stale. `npm ci` (npm 11) then fails with EINTEGRITY on a cold npm cache, and on a
# warm one silently installs the OLD build that the cache holds under the locked integrity: a
# test would pass against yesterday's package. Each consumer's committed package-lock.json
# therefore covers its tools alone (vite, webpack, vitest, ...); the tarball is installed
# afterwards with `npm install --no-save`, which changes neither package.json nor the lockfile,
# and is checked to be this build (its .wasm against pkg/'s). The tarball gets a name with its
# content hash, so npm never takes a new build for the one it installed before.
#
# Each consumer is copied into target/consumers/NAME/ (git-ignored) and built there; its
# node_modules stays there between runs and `npm ci` runs only when the consumer's lockfile
# differs from the one it was installed from (node_modules/.installed-lock), like the root
# Makefile's setup-npm.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$root/target/consumers"
[ -n "${VERBA_EMULATOR_URL:-}" ] || { echo "run through tests/support/with-emulator.sh" >&2; exit 2; }
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(node vite webpack esbuild vitest worker)
mkdir -p "$work"

rm -f "$work"/verba-api-*.tgz
packed="$(cd "$work" && npm pack --silent "$root/pkg")"
tarball="$work/${packed%.tgz}-$(sha256sum "$work/$packed" | cut -c1-12).tgz"
mv "$work/$packed" "$tarball"
echo "consumers of $packed (${names[*]})"

# install NAME: target/consumers/NAME/ holds the consumer's files, its tools (npm ci when the
# lockfile changed) and this build's tarball.
install() {
  local name="$1" dir="$work/$1"
  mkdir -p "$dir"
  find "$dir" -mindepth 1 -maxdepth 1 ! -name node_modules -exec rm -rf {} +
  tar -C "$root/tests/consumers/$name" --exclude=./node_modules --exclude=./dist -cf - . | tar -C "$dir" -xf -
  if ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.installed-lock"; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$dir/package-lock.json" "$dir/node_modules/.installed-lock"
  fi
  (cd "$dir" && npm install --no-save --no-audit --no-fund --loglevel=error "$tarball")
  cmp -s "$root/pkg/verba_api_bg.wasm" "$dir/node_modules/verba-api/verba_api_bg.wasm" ||
    { echo "$name: node_modules/verba-api is not this build" >&2; return 1; }
}

for name in "${names[@]}"; do
  start=$SECONDS
  echo "== $name"
  case "$name" in
    node)
      "$root/tests/consumers/run-node.sh" "$tarball" ;;
    vite | webpack | esbuild | worker)
      install "$name"
      (cd "$work/$name" && npm run --silent build)
      node "$root/tests/consumers/browser-check.mjs" "$name" "$work/$name/dist" $([ "$name" = worker ] && echo --worker) ;;
    vitest)
      install "$name"
      (cd "$work/$name" && NO_COLOR=1 npm test --silent) ;;
    *)
      echo "no consumer named $name" >&2; exit 2 ;;
  esac
  echo "   $name: $((SECONDS - start)) s"
done
echo "consumers: ${#names[@]} passed (${names[*]})"
