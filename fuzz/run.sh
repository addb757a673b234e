#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60), one at a time, one
# process each, starting from the committed corpus in corpus/<target>/.
# Fails on the first crash, panic, hang (> 10 s per input) or out-of-memory
# (> 2 GB); the input that did it is left in artifacts/<target>/.
#
#   fuzz/run.sh [SECONDS]
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). On a stable toolchain the
# nightly flags cargo fuzz passes are unlocked with RUSTC_BOOTSTRAP=1.
# FUZZ_SANITIZER=none skips AddressSanitizer (libFuzzer coverage stays);
# FUZZ_TARGETS="a b" runs only those targets; FUZZ_BUILD_FLAGS adds cargo fuzz
# build options (CI: "--codegen-units 16" builds faster, fuzzes a bit slower).
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-60}
sanitizer=${FUZZ_SANITIZER:-address}
export RUSTC_BOOTSTRAP=${RUSTC_BOOTSTRAP:-1}
export CARGO_TERM_COLOR=never

targets=${FUZZ_TARGETS:-$(cargo fuzz list)}
# shellcheck disable=SC2206
flags=(--sanitizer "$sanitizer" ${FUZZ_BUILD_FLAGS:-})

# Scratch files of the targets and the growing corpus go to a temporary
# directory; the committed corpus is only read.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TMPDIR=$work

start=$(date +%s)
# Default build: optimised, with debug assertions and overflow checks.
cargo fuzz build "${flags[@]}"
echo "build: $(($(date +%s) - start)) s"

for t in $targets; do
  mkdir -p "$work/corpus/$t" "corpus/$t"
  dict=()
  [ -f "dicts/$t.dict" ] && dict=("-dict=dicts/$t.dict")
  echo "=== $t: ${secs} s"
  if ! cargo fuzz run "${flags[@]}" "$t" "$work/corpus/$t" "corpus/$t" -- \
      -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      "${dict[@]}" 2>"$work/$t.log"; then
    tail -n 60 "$work/$t.log"
    echo "FAILED: $t (input saved in fuzz/artifacts/$t/)" >&2
    exit 1
  fi
  grep -E '^stat::number_of_executed_units|^#[0-9]+ +DONE' "$work/$t.log" || true
done
echo "all targets clean; total $(($(date +%s) - start)) s"
