#!/usr/bin/env bash
# Long local run of one target into the committed corpus (then `cargo fuzz cmin`).
#   fuzz/long.sh TARGET [SECONDS]   (default 600)
set -euo pipefail
cd "$(dirname "$0")"
t=$1
secs=${2:-600}
export RUSTC_BOOTSTRAP=${RUSTC_BOOTSTRAP:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TMPDIR=$work
dict=()
[ -f "dicts/$t.dict" ] && dict=("-dict=dicts/$t.dict")
mkdir -p "corpus/$t"
exec_start=$(date +%s)
cargo fuzz run --sanitizer "${FUZZ_SANITIZER:-address}" "$t" "corpus/$t" -- \
  -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "${dict[@]}"
echo "wall: $(($(date +%s) - exec_start)) s"
