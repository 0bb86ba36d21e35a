#!/usr/bin/env bash
# Runs a command with a fresh emulator on a free loopback port; the command finds it in
# VERBA_EMULATOR_URL (and a misbehaving server, tests/support/hostile-server.mjs, in
# VERBA_HOSTILE_URL). Both are stopped when the command ends, whatever the outcome. The emulator
# serves www/ at / unless VERBA_WWW names another directory (relative to the repository).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
log="$(mktemp)"
hostile_log="$(mktemp)"
"$root/target/release/verba-emulator" --host 127.0.0.1 --port 0 --www "$root/${VERBA_WWW:-www}" --pkg "$root/pkg" >"$log" 2>&1 &
emulator=$!
node "$root/tests/support/hostile-server.mjs" >"$hostile_log" 2>&1 &
hostile=$!
trap 'kill "$emulator" "$hostile" 2>/dev/null || true; wait "$emulator" "$hostile" 2>/dev/null || true; rm -f "$log" "$hostile_log"' EXIT

# listening_url NAME PID LOG: the URL that the server NAME (process PID) prints to LOG as
# "NAME listening on http://...", once it does.
listening_url() {
  local name="$1" pid="$2" log="$3" url=""
  for _ in $(seq 1 100); do
    url="$(sed -n "s/^$name listening on \(http[^ ]*\).*/\1/p" "$log" | head -n 1)"
    [ -n "$url" ] && { echo "$url"; return 0; }
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; echo "$name did not start" >&2; return 1; }
    sleep 0.1
  done
  cat "$log" >&2; echo "$name printed no URL" >&2; return 1
}
VERBA_EMULATOR_URL="$(listening_url verba-emulator "$emulator" "$log")"
VERBA_HOSTILE_URL="$(listening_url "hostile server" "$hostile" "$hostile_log")"
export VERBA_EMULATOR_URL VERBA_HOSTILE_URL
# A loopback port nothing listens on (bound, then released), for "connection refused" tests.
VERBA_CLOSED_URL="http://127.0.0.1:$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export VERBA_CLOSED_URL
echo "emulator at $VERBA_EMULATOR_URL"
"$@"
