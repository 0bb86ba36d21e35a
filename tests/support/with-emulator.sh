#!/usr/bin/env bash
# Runs a command with a fresh emulator on a free loopback port; the command finds it in
# VERBA_EMULATOR_URL (and a misbehaving server in VERBA_HOSTILE_URL). Both are stopped when the
# command ends, whatever the outcome.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
log="$(mktemp)"
hostile_log="$(mktemp)"
"$root/target/release/verba-emulator" --host 127.0.0.1 --port 0 --www "$root/www" --pkg "$root/pkg" >"$log" 2>&1 &
emulator=$!
# A misbehaving recorder beside it (tests/support/hostile-server.mjs), in VERBA_HOSTILE_URL.
node "$root/tests/support/hostile-server.mjs" >"$hostile_log" 2>&1 &
hostile=$!
trap 'kill "$emulator" "$hostile" 2>/dev/null || true; wait "$emulator" "$hostile" 2>/dev/null || true; rm -f "$log" "$hostile_log"' EXIT
for _ in $(seq 1 100); do
  url="$(sed -n 's/^verba-emulator listening on \(http[^ ]*\).*/\1/p' "$log" | head -n 1)"
  [ -n "$url" ] && break
  kill -0 "$emulator" 2>/dev/null || { cat "$log" >&2; echo "the emulator did not start" >&2; exit 1; }
  sleep 0.1
done
[ -n "${url:-}" ] || { cat "$log" >&2; echo "the emulator printed no URL" >&2; exit 1; }
export VERBA_EMULATOR_URL="$url"
for _ in $(seq 1 100); do
  hostile_url="$(sed -n 's/^hostile server listening on \(http[^ ]*\).*/\1/p' "$hostile_log" | head -n 1)"
  [ -n "$hostile_url" ] && break
  kill -0 "$hostile" 2>/dev/null || { cat "$hostile_log" >&2; echo "the hostile server did not start" >&2; exit 1; }
  sleep 0.1
done
[ -n "${hostile_url:-}" ] || { cat "$hostile_log" >&2; echo "the hostile server printed no URL" >&2; exit 1; }
export VERBA_HOSTILE_URL="$hostile_url"
# A loopback port nothing listens on (bound, then released), for "connection refused" tests.
VERBA_CLOSED_URL="http://127.0.0.1:$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export VERBA_CLOSED_URL
echo "emulator at $VERBA_EMULATOR_URL"
"$@"
