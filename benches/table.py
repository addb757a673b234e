#!/usr/bin/env python3
"""One markdown table from polgraph's and the peers' result files.

  python3 benches/table.py [--machine machine.json] polgraph.json igraph.json ...

Every file has the shape peers.py writes (peer, version, steps{name: {status,
seconds, seconds_best, ...}}, peak_rss_mb, ...); polgraph's comes from
examples/bench_steps.rs. For each step: every tool's time (first run;
"(b)" the best of repeated runs when much faster), the reference the issue
compares against, polgraph's ratio to it and the target.
"""
import argparse
import json
import math
import os

# step label, polgraph step, peer step, reference ("best" peer or a peer name), target ratio
ROWS = [
    ("import CSV → store (peers: CSV → graph)", "import", "load", "igraph", 0.5),
    ("load saved store", "load", None, None, None),
    ("100 shortest paths", "paths100", "paths100", "igraph", 0.5),
    ("connected components", "components", "components", "best", None),
    ("Louvain (1 run)", "louvain", "louvain", "igraph", 1.0),
    ("Leiden (1 run)", "leiden", "leiden", "igraph", 1.0),
    ("PageRank", "pagerank", "pagerank", "best", 1.0),
    ("betweenness, 64 sources", "betweenness_k64", "betweenness_k64", "igraph", 1.0),
    ("betweenness, exact", "betweenness_exact", "betweenness_exact", "best", None),
    ("DOT of the whole graph", "dot", "dot", "best", 1.0),
    ("process: load + Leiden + print", "cli_communities", None, None, None),
]
LOAD_TARGET_S = 1.0
BYTES_PER_EVENT_TARGET = 250


def fmt_s(x):
    if x is None:
        return "-"
    for lim, f in ((100, "%.0f"), (10, "%.1f"), (1, "%.2f"), (0.01, "%.3f"), (0.001, "%.4f")):
        if x >= lim:
            return f % x
    return "%.5f" % x


def secs(st):
    return st.get("seconds") if st and st.get("status") == "ok" else None


def median_secs(st):
    """The median of the step's repeated runs (bench_steps --repeat), if any."""
    return st.get("seconds_median") if st and st.get("status") == "ok" else None


def cell(st):
    if not st:
        return "-"
    s = st.get("status")
    if s == "ok":
        out = fmt_s(st["seconds"])
        b = st.get("seconds_best")
        if b is not None and b < 0.8 * st["seconds"]:
            out += " (%s)" % fmt_s(b)
        return out
    if s == "timeout":
        return "timeout (>%ss)" % st.get("limit_s", "?")
    return s or "-"


def read_runs(paths):
    runs = []
    for p in paths:
        with open(p) as f:
            r = json.load(f)
        tp = p[:-5] + ".time"  # /usr/bin/time -f "%e %M": process wall, max RSS KiB
        if os.path.exists(tp):
            try:
                w, m = open(tp).read().split()[-2:]
                r["process_wall_s"], r["process_maxrss_mb"] = float(w), int(m) / 1024.0
            except ValueError:
                pass
        runs.append(r)
    return runs


# Steps that run on the actor graph (nodes + weighted links) rather than on
# the events themselves: their work is a function of the graph's size, which
# does not grow in step with the events (more actors, fewer repeated pairs).
GRAPH_STEPS = {"paths100", "components", "louvain", "leiden", "pagerank",
               "betweenness_k64", "betweenness_exact"}


def nlogn_growth(n1, n2):
    return n2 * math.log(n2) / (n1 * math.log(n1))


def growth(tools, base_dir):
    """How each step's time grew from the baseline run, against n log n.

    n is the number of events (the issue's measure) for every step; for the
    steps on the actor graph the growth of n log n with n = nodes + links is
    shown beside it."""
    base = {r["peer"]: r for r in read_runs(
        [os.path.join(base_dir, f) for f in sorted(os.listdir(base_dir))
         if f.endswith(".json") and f not in ("machine.json",) and not f.startswith("polgraph-pass")])}
    r0 = tools[0]
    b0 = base.get(r0["peer"]) or next(iter(base.values()), None)
    if not b0 or not b0.get("events") or not r0.get("events") or b0["events"] >= r0["events"]:
        return
    n1, n2 = float(b0["events"]), float(r0["events"])
    nlogn = nlogn_growth(n1, n2)
    g1 = (b0.get("nodes") or 0) + (b0.get("undirected_edges") or 0)
    g2 = (r0.get("nodes") or 0) + (r0.get("undirected_edges") or 0)
    glogg = nlogn_growth(g1, g2) if g1 > 1 and g2 > 1 else None
    shown = [r for r in tools if r["peer"] in base]
    pg_now = r0 if r0["peer"] == "polgraph" else None
    pg_then = base.get("polgraph")
    medians = bool(pg_now and pg_then and any(
        median_secs(pg_now["steps"].get(ps)) and median_secs(pg_then["steps"].get(ps))
        for _, ps, _, _, _ in ROWS if ps))
    print("\nGrowth from the %d-event run in `%s`: time here ÷ time there. "
          "n log n grows ×%.2f (n = events), linear ×%.2f."
          % (n1, os.path.relpath(base_dir), nlogn, n2 / n1))
    if glogg:
        print("The actor graph the analyses run on grew from %d to %d nodes + links (×%.2f): "
              "n log n of that grows ×%.2f." % (g1, g2, g2 / g1, glogg))
    if medians:
        print("First runs for every tool; for polgraph also the growth of the medians of its "
              "repeated runs (bench_steps --repeat), which one disturbed run cannot skew. "
              "The verdicts use the medians where both sizes have them, else the first runs.")
    print("")
    extra = " | polgraph, medians" if medians else ""
    print("| step | " + " | ".join(r["peer"] for r in shown) + extra
          + " | ≤ n log n, n = events (polgraph) | ≤ n log n, n = nodes + links (polgraph) |")
    print("|---" * (len(shown) + 3 + (1 if medians else 0)) + "|")
    for label, ps, qs, _, _ in ROWS:
        cells, mine = [], None
        for r in shown:
            key = ps if r["peer"] == "polgraph" else qs
            now = secs(r["steps"].get(key)) if key else None
            then = secs(base[r["peer"]]["steps"].get(key)) if key else None
            g = now / then if now is not None and then else None
            if r["peer"] == "polgraph":
                mine = g
            cells.append("×%.1f" % g if g is not None else "-")
        if all(c == "-" for c in cells):
            continue
        if medians:
            now = median_secs(pg_now["steps"].get(ps)) if ps else None
            then = median_secs(pg_then["steps"].get(ps)) if ps else None
            gm = now / then if now and then else None
            cells.append("×%.1f" % gm if gm is not None else "-")
            if gm is not None:
                mine = gm
        mark = "" if mine is None else ("✓" if mine <= nlogn else "✗")
        gmark = ""
        if mine is not None and glogg and ps in GRAPH_STEPS:
            gmark = "✓" if mine <= glogg else "✗"
        print("| %s | %s | %s | %s |" % (label, " | ".join(cells), mark, gmark))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--machine")
    ap.add_argument("--baseline", help="a results folder of a smaller size: adds how each step's time grew")
    ap.add_argument("results", nargs="+")
    a = ap.parse_args()
    runs = read_runs(a.results)
    pg = next((r for r in runs if r["peer"] == "polgraph"), None)
    peers = [r for r in runs if r["peer"] != "polgraph"]
    order = {"igraph": 0, "rustworkx": 1, "networkx": 2}
    peers.sort(key=lambda r: order.get(r["peer"], 9))
    by = {r["peer"]: r for r in peers}
    tools = ([pg] if pg else []) + peers

    r0 = tools[0]
    print("Data: `%s` — %s actors, %s events, %s weighted undirected links\n"
          % (os.path.basename(r0.get("data", "")), r0.get("nodes"), r0.get("events"),
             r0.get("undirected_edges")))
    if a.machine and os.path.exists(a.machine):
        m = json.load(open(a.machine))
        print("Machine: %s cores (%s), %s GiB RAM; load average before %s, after %s; %s.  "
              % (m.get("cores"), m.get("cpu"), m.get("mem_gib"), m.get("loadavg_before"),
                 m.get("loadavg_after"), m.get("date")))
        if m.get("load1_at_start"):
            print("1-minute load average when each tool started: %s.  " % ", ".join(
                "%s %s" % kv for kv in m["load1_at_start"].items()))
        print("Command: `%s`\n" % m.get("command"))
    print("Seconds, first run; \"a (b)\": b = best of up to 5 runs in the same process. "
          "Ratio = polgraph ÷ reference (the peer the issue names, or the fastest peer).\n")
    print("| step | " + " | ".join("%s %s" % (r["peer"], r.get("version", "")) for r in tools)
          + " | reference | ratio | target |")
    print("|---" * (len(tools) + 4) + "|")
    for label, ps, qs, ref, target in ROWS:
        cells = []
        for r in tools:
            key = ps if r is pg else qs
            cells.append(cell(r["steps"].get(key)) if key else "n/a")
        ref_name, ref_s = "-", None
        if ref == "best":
            cand = [(secs(r["steps"].get(qs)), r["peer"]) for r in peers]
            cand = [c for c in cand if c[0] is not None]
            if cand:
                ref_s, ref_name = min(cand)
        elif ref in by:
            ref_s, ref_name = secs(by[ref]["steps"].get(qs)), ref
        mine = secs(pg["steps"].get(ps)) if pg else None
        ratio = "%.2f" % (mine / ref_s) if mine is not None and ref_s else "-"
        if ps == "load" and (r0.get("events") or 0) > 1_000_000:
            tgt, ok = "(≤ %.1f s at 1M)" % LOAD_TARGET_S, None
        elif ps == "load":
            tgt = "≤ %.1f s" % LOAD_TARGET_S
            ok = mine is not None and mine <= LOAD_TARGET_S
        elif target is None:
            tgt, ok = "", None
        else:
            tgt = "≤ %.1f×" % target
            ok = mine is not None and ref_s and mine / ref_s <= target
        mark = "" if ok is None or tgt == "" else (" ✓" if ok else " ✗")
        print("| %s | %s | %s | %s | %s%s |" % (label, " | ".join(cells), ref_name, ratio, tgt, mark))
    num = lambda x: "-" if x is None else "%.0f" % x  # noqa: E731
    print("| peak RSS MiB (in-process steps) | %s | | | |" % " | ".join(num(r.get("peak_rss_mb")) for r in tools))
    print("| RSS after load MiB | %s | | | |" % " | ".join(num(r.get("rss_after_load_mb")) for r in tools))
    bpe = pg.get("graph_bytes_per_event") if pg else None
    print("| resident bytes per event after load | %s | | | ≤ %d%s |" % (
        " | ".join(num(r.get("graph_bytes_per_event")) for r in tools), BYTES_PER_EVENT_TARGET,
        "" if bpe is None else (" ✓" if bpe <= BYTES_PER_EVENT_TARGET else " ✗")))
    print("| process wall, all steps (s) | %s | | | |" % " | ".join(
        fmt_s(r.get("process_wall_s", r.get("wall_s"))) for r in tools))

    print("\n| tool | step | seconds | modularity | communities | ≥10 members | largest | NMI country | NMI bloc | vs igraph |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in tools:
        for s in ("louvain", "leiden", "louvain_pylouvain", "leiden_leidenalg"):
            st = r["steps"].get(s, {})
            if st.get("status") != "ok":
                continue
            g = lambda k, f: f % st[k] if k in st else "-"  # noqa: E731
            ref = by.get("igraph", {}).get("steps", {}).get(s.split("_")[0], {})
            vs = "-"
            if "modularity" in ref and "modularity" in st:
                d = st["modularity"] - ref["modularity"]
                vs = "%+.4f%s" % (d, " ✓" if d >= -0.001 else " ✗")
            print("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                r["peer"], s, fmt_s(st["seconds"]), g("modularity", "%.4f"), g("communities", "%d"),
                g("communities_ge10", "%d"), g("largest_community", "%d"),
                g("nmi_country", "%.3f"), g("nmi_bloc", "%.3f"), vs))

    print("\n| tool | components (largest) | 100 paths: reachable, sum of lengths | PageRank top-3 | betweenness k64 top-3 |")
    print("|---|---|---|---|---|")
    ig = by.get("igraph", {}).get("steps", {})

    def same(st, ref, keys):
        if not st or not ref or st.get("status") != "ok" or ref.get("status") != "ok":
            return ""
        return " ✓" if all(st.get(k) == ref.get(k) for k in keys) else " ✗ (igraph differs)"

    for r in tools:
        st = r["steps"]
        c, p = st.get("components", {}), st.get("paths100", {})
        pr, bk = st.get("pagerank", {}), st.get("betweenness_k64", {})
        print("| %s | %s | %s | %s | %s |" % (
            r["peer"],
            ("%s (%s)" % (c.get("components"), c.get("largest")) + same(c, ig.get("components"), ["components", "largest"]))
            if c.get("status") == "ok" else cell(c),
            ("%s, %s" % (p.get("reachable"), p.get("sum_len")) + same(p, ig.get("paths100"), ["reachable", "sum_len"]))
            if p.get("status") == "ok" else cell(p),
            " ".join("%s:%.5f" % (x, v) for x, v in pr.get("top10", [])[:3]) if pr.get("status") == "ok" else cell(pr),
            " ".join(bk.get("top10", [])[:3]) if bk.get("status") == "ok" else cell(bk)))
    if a.baseline:
        growth(tools, a.baseline)
    if pg and pg["steps"].get("pagerank", {}).get("status") == "ok":
        st = pg["steps"]["pagerank"]
        print("\nPageRank: polgraph stops at NetworkX's rule (L1 change < n·1e-6) in %ss; run to "
              "L1 change < n·1e-12 it takes %ss (L1 distance between the two: %.2g); igraph "
              "solves exactly (PRPACK)." % (fmt_s(st.get("seconds")), fmt_s(st.get("converged_seconds")),
                                          st.get("l1_to_converged", float("nan"))))


if __name__ == "__main__":
    main()
