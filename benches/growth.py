#!/usr/bin/env python3
"""How polgraph's step times grow between two sizes, measured in alternation.

    benches/growth.py target/bench-data/1000000e-100000a-s42 \
        target/bench-data/5000000e-500000a-s42 [--runs 3] [--repeat 3] [--steps a,b]

`benches/compare.sh` gives each size's table; the growth between two of its
runs compares minutes that may be ten apart, and on this small shared
machine one size can land in a slow quarter of an hour and the other not.
This runs the same step runner (`examples/bench_steps.rs`) on the two data
folders in alternation, the order swapped every round, each step repeated
`--repeat` times in its process; a step's time at a size is the median over
the rounds of its in-process medians. It prints each step's growth against
n log n, with n the events and, for the steps on the actor graph, with n its
nodes + links, and writes the figures to the larger folder's
`results/growth-<timestamp>.json`. Both folders must hold a store and the
fixed queries (`benches/compare.sh` for each size writes them).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

from ab import run_steps
from table import GRAPH_STEPS, nlogn_growth

STEPS = "import,load,paths100,components,louvain,leiden,pagerank,betweenness_k64,dot,cli_communities"
LABELS = {
    "import": "import CSV → store (process)",
    "load": "load saved store",
    "paths100": "100 shortest paths",
    "components": "connected components",
    "louvain": "Louvain",
    "leiden": "Leiden",
    "pagerank": "PageRank",
    "betweenness_k64": "betweenness, 64 sources",
    "dot": "DOT of the whole graph",
    "cli_communities": "process: load + Leiden + print",
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("small")
    ap.add_argument("large")
    ap.add_argument("--bench", default="target/release/examples/bench_steps",
                    help="the step runner (cargo build --release --examples)")
    ap.add_argument("--steps", default=STEPS)
    ap.add_argument("--runs", type=int, default=3, help="rounds (one run of each size per round)")
    ap.add_argument("--repeat", type=int, default=3, help="times each step runs in its process")
    args = ap.parse_args()
    times = {"small": {}, "large": {}}
    sizes = {}
    started = time.strftime("%Y-%m-%dT%H:%MZ", time.gmtime())
    for r in range(args.runs):
        order = ["small", "large"] if r % 2 == 0 else ["large", "small"]
        for side in order:
            secs, doc = run_steps(args.bench, getattr(args, side), args.steps, args.repeat,
                                  stderr=subprocess.DEVNULL)
            sizes[side] = {k: doc.get(k) for k in ("events", "nodes", "undirected_edges")}
            for step, s in secs.items():
                times[side].setdefault(step, []).append(s)
        print("round %d/%d done" % (r + 1, args.runs), file=sys.stderr)
    e1, e2 = float(sizes["small"]["events"]), float(sizes["large"]["events"])
    g1 = sizes["small"]["nodes"] + sizes["small"]["undirected_edges"]
    g2 = sizes["large"]["nodes"] + sizes["large"]["undirected_edges"]
    by_events, by_graph = nlogn_growth(e1, e2), nlogn_growth(g1, g2)
    load = os.getloadavg()
    print("Growth from %d to %d events (n log n ×%.2f) and from %d to %d nodes + links of the "
          "actor graph (n log n ×%.2f); %d rounds in alternation, each step %d times per "
          "process; medians. Started %s, load average at the end %.2f %.2f %.2f."
          % (e1, e2, by_events, g1, g2, by_graph, args.runs, args.repeat, started, *load))
    print("")
    print("| step | %s s | %s s | growth | ≤ n log n, n = events | ≤ n log n, n = nodes + links |"
          % (os.path.basename(args.small.rstrip("/")), os.path.basename(args.large.rstrip("/"))))
    print("|---|---|---|---|---|---|")
    rows = []
    for step in args.steps.split(","):
        a, b = times["small"].get(step), times["large"].get(step)
        if not a or not b:
            continue
        ma, mb = statistics.median(a), statistics.median(b)
        g = mb / ma if ma > 0 else float("nan")
        ev = "✓" if g <= by_events else "✗"
        gr = ("✓" if g <= by_graph else "✗") if step in GRAPH_STEPS else ""
        print("| %s | %.3f | %.3f | ×%.2f | %s | %s |" % (LABELS.get(step, step), ma, mb, g, ev, gr))
        rows.append({"step": step, "small_runs": a, "large_runs": b, "small_median": ma,
                     "large_median": mb, "growth": g})
    out_dir = os.path.join(args.large, "results")
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, "growth-%s.json" % time.strftime("%Y%m%dT%H%M%S", time.gmtime()))
    with open(path, "w") as f:
        json.dump({"small": args.small, "large": args.large, "sizes": sizes, "runs": args.runs,
                   "repeat": args.repeat, "started": started, "nlogn_events": by_events,
                   "nlogn_graph": by_graph, "steps": rows}, f, indent=1)
    print("\n(written to %s)" % path)


if __name__ == "__main__":
    main()
