#!/usr/bin/env bash
# Packs pkg/ with `npm pack` (or takes the tarball given as its argument, as run.sh does) and runs
# tests/consumers/node/smoke.mjs against that tarball, in a scratch copy of the consumer folder, as
# a portal's Node code would install it. Run through tests/support/with-emulator.sh (it needs
# VERBA_EMULATOR_URL).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
if [ $# -gt 0 ]; then
  tarball="$(basename "$1")"
  cp "$1" "$scratch/$tarball"
else
  tarball="$(cd "$scratch" && npm pack --silent "$root/pkg")"
fi
cp -r "$root/tests/consumers/node" "$scratch/node"
# The tarball has no dependencies: nothing is fetched from a registry.
(cd "$scratch/node" && npm install --silent --no-audit --no-fund --no-package-lock "$scratch/$tarball")
echo "node consumer of $tarball:"
(cd "$scratch/node" && node smoke.mjs)
