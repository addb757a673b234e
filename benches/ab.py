#!/usr/bin/env python3
"""A/B timing of polgraph's step runner: two builds, alternating runs.

    benches/ab.py DATA_DIR --a OLD/bench_steps --b NEW/bench_steps \
        --steps load,louvain,leiden,betweenness_k64 [--runs 5] [--repeat N]

Each round runs `bench_steps DATA_DIR --steps STEPS` once with each binary,
the order swapped every round, so that a noisy minute on this small machine
hurts both alike. With `--repeat N` each run times each step N times in its
process and the step's median stands for that run. Prints, for each step, the median and fastest first-run
seconds of each side and the ratio of medians (b / a). DATA_DIR must hold the
store and the fixed queries (`benches/compare.sh` for that size writes them).
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile


def run_steps(binary, data, steps, repeat, stderr=None):
    """Runs the step runner once; returns each step's seconds (the median of
    its runs in the process when repeated) and the runner's whole record."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run([binary, data, "--steps", steps, "--out", out.name,
                        "--repeat", str(repeat)],
                       check=True, stdout=subprocess.DEVNULL, stderr=stderr)
        with open(out.name) as f:
            doc = json.load(f)
    secs = {k: v.get("seconds_median", v["seconds"]) for k, v in doc["steps"].items()
            if isinstance(v, dict) and v.get("status") == "ok" and "seconds" in v}
    return secs, doc


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data")
    ap.add_argument("--a", required=True, help="baseline bench_steps binary")
    ap.add_argument("--b", required=True, help="candidate bench_steps binary")
    ap.add_argument("--steps", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=1,
                    help="times each step runs in each process (its median counts)")
    args = ap.parse_args()
    times = {"a": {}, "b": {}}
    for r in range(args.runs):
        order = ["a", "b"] if r % 2 == 0 else ["b", "a"]
        for side in order:
            secs, _ = run_steps(getattr(args, side), args.data, args.steps, args.repeat)
            for step, s in secs.items():
                times[side].setdefault(step, []).append(s)
        print("round %d/%d done" % (r + 1, args.runs), file=sys.stderr)
    print("| step | a median | a fastest | b median | b fastest | b / a (medians) |")
    print("|---|---|---|---|---|---|")
    for step in times["a"]:
        a, b = times["a"][step], times["b"].get(step, [])
        if not b:
            continue
        ma, mb = statistics.median(a), statistics.median(b)
        print("| %s | %.3f | %.3f | %.3f | %.3f | %.2f |"
              % (step, ma, min(a), mb, min(b), mb / ma if ma > 0 else float("nan")))


if __name__ == "__main__":
    main()
