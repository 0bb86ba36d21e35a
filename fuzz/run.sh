#!/usr/bin/env bash
# Runs every fuzz target for FUZZ_SECONDS (default 60) with cargo-fuzz (libFuzzer), each from its
# seeds (seeds/TARGET) and what earlier runs kept (corpus/TARGET, git-ignored), and prints the
# executions per target. A crash, a failed assertion or an input slower than FUZZ_TIMEOUT seconds
# (a hang) stops that target with the input saved in artifacts/TARGET/; the others still run,
# and the script then fails. `make fuzz` and `make test-fuzz` (a step of `make test`) call it. Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${FUZZ_SECONDS:-60}
timeout=${FUZZ_TIMEOUT:-5}
targets=${FUZZ_TARGETS:-"reply_xml reply_json reply_text reply_html token_reply request_building redaction"}
# FUZZ_FROM_SEEDS=1 (make test): from the seeds alone, in a corpus thrown away afterwards, so the
# run does not depend on what earlier runs kept in corpus/.
from_seeds=${FUZZ_FROM_SEEDS:-0}

# cargo-fuzz needs a nightly compiler (-Z sanitizer, -Z flags of its own). The machines' image
# ships one beside stable; without it, stable with RUSTC_BOOTSTRAP=1 builds the same.
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  toolchain=+nightly
else
  toolchain=+stable
  export RUSTC_BOOTSTRAP=1
fi
echo "fuzz: cargo $toolchain fuzz, $seconds s per target$( [ "$from_seeds" = 1 ] && echo ", from the seeds alone")"
cargo "$toolchain" fuzz build

failed=()
total=0
report=()
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for target in $targets; do
  if [ "$from_seeds" = 1 ]; then corpus="$scratch/$target"; else corpus="corpus/$target"; fi
  mkdir -p "$corpus"
  log="target/fuzz-$target.log"
  if cargo "$toolchain" fuzz run "$target" "$corpus" "seeds/$target" -- \
      -max_total_time="$seconds" -timeout="$timeout" -print_final_stats=1 >"$log" 2>&1; then
    outcome=ok
  else
    outcome=FAILED
    failed+=("$target")
    grep -E "panicked|ERROR: libFuzzer|Test unit written|SUMMARY" "$log" | head -8 >&2 || true
  fi
  execs=$(awk '/stat::number_of_executed_units/ {print $NF}' "$log" | tail -1)
  execs=${execs:-0}
  # A target that ran without executing anything (it could not start) has tested nothing.
  if [ "$outcome" = ok ] && [ "$execs" -eq 0 ]; then
    outcome="FAILED (no executions)"
    failed+=("$target")
  fi
  total=$((total + execs))
  report+=("$(printf '%-18s %12s execs  %s' "$target" "$execs" "$outcome")")
done
printf '%s\n' "${report[@]}"
printf '%-18s %12s execs\n' total "$total"
if ((${#failed[@]})); then
  echo "fuzz: failed: ${failed[*]} (inputs in fuzz/artifacts/; logs in fuzz/target/fuzz-*.log)" >&2
  exit 1
fi
