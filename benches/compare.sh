#!/usr/bin/env bash
# Side-by-side benchmark: polgraph against NetworkX, igraph and rustworkx on the
# same generated data, in one run, printed as one table.
#
#   benches/compare.sh [--events N] [--actors M] [--seed S]
#                      [--peers networkx,igraph,rustworkx] [--exact]
#                      [--timeout SECONDS] [--no-build] [--baseline RESULTS_DIR]
#                      [--repeat N]
#
# Defaults: 1M events, 100k actors, seed 42, all three peers, exact betweenness
# skipped (minutes per peer at 1M; --exact runs it). Data goes to
# target/bench-data/<N>e-<M>a-s<S>/ (generated once, reused), results to its
# results/<timestamp>/ folder together with table.md. Above 1M events the
# table also shows how each step's time grew from the newest 1M run with the
# same seed (or from --baseline), against n log n, also from the medians of
# polgraph's N runs of each in-process step (--repeat, default 3; the tables'
# times stay first runs). Needs ../shared/bench
# beside the repository (or POLGRAPH_SHARED=path/to/shared).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${POLGRAPH_SHARED:-$ROOT/../shared}"
EVENTS=1000000
ACTORS=100000
SEED=42
PEERS="networkx,igraph,rustworkx"
EXACT=0
TIMEOUT=300
BUILD=1
BASELINE=""
REPEAT=3

usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --events) EVENTS="$2"; shift 2 ;;
    --actors) ACTORS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --peers) PEERS="$2"; shift 2 ;;
    --exact) EXACT=1; shift ;;
    --timeout) TIMEOUT="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --baseline) BASELINE="$2"; shift 2 ;;
    --repeat) REPEAT="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "compare.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
  esac
done

BENCH="$SHARED/bench"
if [ ! -f "$BENCH/peers.py" ] || [ ! -f "$BENCH/gen_events.py" ]; then
  echo "compare.sh: no peer kit at $BENCH (expected ../shared beside the repository; set POLGRAPH_SHARED)" >&2
  exit 2
fi

# Python modules each peer needs (import name:pip name).
need="numpy:numpy"
IFS=',' read -r -a PEER_LIST <<< "$PEERS"
for p in "${PEER_LIST[@]}"; do
  case "$p" in
    networkx) need="$need networkx:networkx scipy:scipy community:python-louvain pydot:pydot" ;;
    igraph) need="$need igraph:igraph leidenalg:leidenalg" ;;
    rustworkx) need="$need rustworkx:rustworkx" ;;
    "") ;;
    *) echo "compare.sh: unknown peer $p (networkx, igraph, rustworkx)" >&2; exit 2 ;;
  esac
done
missing=""
for pair in $need; do
  mod="${pair%%:*}"; pkg="${pair##*:}"
  python3 -c "import $mod" 2>/dev/null || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
  echo "compare.sh: missing Python packages; install them with:" >&2
  echo "  pip install$missing" >&2
  exit 2
fi

DATA="$ROOT/target/bench-data/${EVENTS}e-${ACTORS}a-s${SEED}"
if [ ! -f "$DATA/events.csv" ] || [ ! -f "$DATA/actors.csv" ]; then
  echo "== generating $EVENTS events, $ACTORS actors (seed $SEED) into $DATA" >&2
  python3 "$BENCH/gen_events.py" --events "$EVENTS" --actors "$ACTORS" --seed "$SEED" --out "$DATA" >&2
fi

if [ "$BUILD" = 1 ]; then
  echo "== cargo build --release --bins --examples" >&2
  (cd "$ROOT" && cargo build --release --bins --examples --quiet)
fi
BIN="$ROOT/target/release/polgraph"
STEPS_BIN="$ROOT/target/release/examples/bench_steps"

# Touch memory once before any tool runs. On a fresh virtual machine the host
# backs guest memory only when it is first written, at about 0.33 GB/s here
# (against 2-8 GB/s for memory written before): whichever tool first needs a
# gigabyte would pay seconds that are the VM's, not the tool's, and the order of
# the runs would decide the ratios. Sized above the largest peak seen at that
# size (NetworkX 2.1 GB at 1M events, igraph 3 GB at 5M), capped by half the
# available memory.
WARM_GIB="${POLGRAPH_WARM_GIB:-$(awk -v e="$EVENTS" '/MemAvailable/ {
  want = 2 + 1.2 * e / 1000000; half = $2 / 2097152; printf "%.1f", (want < half ? want : half) }' /proc/meminfo)}"
echo "== touching ${WARM_GIB} GiB of memory once (POLGRAPH_WARM_GIB=0 skips)" >&2
python3 - "$WARM_GIB" <<'PY' >&2
import mmap, sys, time
n = int(float(sys.argv[1]) * (1 << 30)) // mmap.PAGESIZE * mmap.PAGESIZE
if n > 0:
    t = time.time()
    m = mmap.mmap(-1, n)
    for i in range(0, n, mmap.PAGESIZE):
        m[i] = 1
    m.close()
    print("   %.1f GiB in %.1f s" % (n / (1 << 30), time.time() - t))
PY

OUT="$DATA/results/$(date +%Y%m%dT%H%M%S)"
mkdir -p "$OUT"
TIME=""
[ -x /usr/bin/time ] && TIME="/usr/bin/time"

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
LOADS=""
note_load() { LOADS="$LOADS\"$1\": \"$(cut -d' ' -f1 /proc/loadavg)\", "; }

# polgraph runs twice, before and after the peers, and the pass with the
# smaller total time is tabled: other work on a shared machine that lands on
# one tool's minute then shows up as a difference between the passes rather
# than as a ratio. (The first pass needs the fixed queries the peers write.)
run_polgraph() {
  local out="$1" extra="--repeat $REPEAT"
  [ "$EXACT" = 1 ] && extra="$extra --exact"
  if [ -n "$TIME" ]; then
    $TIME -f "%e %M" -o "${out%.json}.time" "$STEPS_BIN" "$DATA" --polgraph "$BIN" $extra \
      --out "$out" > /dev/null
  else
    "$STEPS_BIN" "$DATA" --polgraph "$BIN" $extra --out "$out" > /dev/null
  fi
}
if [ -f "$DATA/pairs100.csv" ]; then
  echo "== polgraph (pass 1)" >&2
  note_load polgraph_pass1
  run_polgraph "$OUT/polgraph-pass1.json"
fi
SKIP=""
[ "$EXACT" = 1 ] || SKIP="--skip betweenness_exact"
for p in "${PEER_LIST[@]}"; do
  [ -n "$p" ] || continue
  echo "== $p" >&2
  note_load "$p"
  if [ -n "$TIME" ]; then
    $TIME -f "%e %M" -o "$OUT/$p.time" python3 "$BENCH/peers.py" --data "$DATA" --peer "$p" \
      --timeout "$TIMEOUT" $SKIP --out "$OUT/$p.json" > /dev/null
  else
    python3 "$BENCH/peers.py" --data "$DATA" --peer "$p" --timeout "$TIMEOUT" $SKIP \
      --out "$OUT/$p.json" > /dev/null
  fi
done

if [ ! -f "$DATA/pairs100.csv" ]; then
  echo "compare.sh: $DATA/pairs100.csv is missing: run at least one peer once (it writes the fixed queries)" >&2
  exit 2
fi
echo "== polgraph (pass 2)" >&2
note_load polgraph_pass2
run_polgraph "$OUT/polgraph-pass2.json"
python3 - "$OUT" <<'PY'
import json, os, shutil, sys
out = sys.argv[1]
def total(p):
    r = json.load(open(p))
    return sum(s.get("seconds") or 0 for s in r["steps"].values() if s.get("status") == "ok")
passes = [p for p in ("polgraph-pass1.json", "polgraph-pass2.json") if os.path.exists(os.path.join(out, p))]
best = min(passes, key=lambda p: total(os.path.join(out, p)))
print("polgraph passes (total s): " + ", ".join("%s %.2f" % (p, total(os.path.join(out, p))) for p in passes)
      + "; tabled: " + best, file=sys.stderr)
shutil.copy(os.path.join(out, best), os.path.join(out, "polgraph.json"))
t = os.path.join(out, best[:-5] + ".time")
if os.path.exists(t):
    shutil.copy(t, os.path.join(out, "polgraph.time"))
PY
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

cat > "$OUT/machine.json" <<EOF
{"cores": $(nproc), "mem_gib": $(awk '/MemTotal/ {printf "%.1f", $2/1048576}' /proc/meminfo),
 "cpu": "$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo | tr -d '"')",
 "loadavg_before": "$LOAD_BEFORE", "loadavg_after": "$LOAD_AFTER",
 "load1_at_start": {${LOADS%, }},
 "date": "$(date -u +%Y-%m-%dT%H:%MZ)",
 "command": "benches/compare.sh --events $EVENTS --actors $ACTORS --seed $SEED --peers $PEERS$( [ "$EXACT" = 1 ] && echo ' --exact')"}
EOF
files=("$OUT/polgraph.json")
for p in "${PEER_LIST[@]}"; do [ -f "$OUT/$p.json" ] && files+=("$OUT/$p.json"); done
if [ -z "$BASELINE" ] && [ "$EVENTS" -gt 1000000 ]; then
  # The newest by timestamp (the folder name), whatever the actor count.
  BASELINE="$(for d in "$ROOT"/target/bench-data/1000000e-*-s"$SEED"/results/*/; do
    [ -f "$d/polgraph.json" ] && echo "$(basename "$d") ${d%/}"; done | sort | tail -1 | cut -d' ' -f2-)" || true
fi
base=()
[ -n "$BASELINE" ] && base=(--baseline "$BASELINE")
python3 "$ROOT/benches/table.py" --machine "$OUT/machine.json" "${base[@]}" "${files[@]}" | tee "$OUT/table.md"
echo "(results in $OUT)" >&2
