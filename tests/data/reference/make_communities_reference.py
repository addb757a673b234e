#!/usr/bin/env python3
"""Writes the NetworkX reference fixtures for polgraph's community algorithms.

Usage: python3 make_communities_reference.py [OUT_DIR]   (default: this folder)
Needs networkx (written against 3.6; `pip install networkx`).

One JSON file per graph, `communities_<name>.json`:
  name, directed, n, names (original node names, sorted; index = node id),
  edges [[u, v, w], ...] with node ids 0..n-1 (u < v when undirected),
  louvain: {best_modularity, best_seed, by_seed}   -- nx.community.louvain_communities
           (weight="weight", resolution=1, seed=s) for s in 0..19, scored with
           nx.community.modularity(G, communities, weight="weight", resolution=1)
  partitions: [{name, membership (community of each node id),
                modularity: [[resolution, Q], ...]}]   resolutions 1.0, 0.5, 2.0
  components: connected components (weakly when directed), each sorted, as sets.
"""

import json
import os
import random
import sys

import networkx as nx

RESOLUTIONS = [1.0, 0.5, 2.0]
SEEDS = range(20)


def sort_key(x):
    return (0, x, "") if isinstance(x, (int, float)) else (1, 0, str(x))


def relabel(g):
    names = sorted(g.nodes(), key=sort_key)
    index = {name: i for i, name in enumerate(names)}
    h = nx.DiGraph() if g.is_directed() else nx.Graph()
    h.add_nodes_from(range(len(names)))
    for u, v, d in g.edges(data=True):
        w = d.get("weight", 1)
        a, b = index[u], index[v]
        assert a != b, "self-loops are dropped by Csr; keep fixtures free of them"
        if not g.is_directed() and a > b:
            a, b = b, a
        h.add_edge(a, b, weight=w)
    return h, [str(x) for x in names]


def membership_of(communities, n):
    m = [None] * n
    for c, comm in enumerate(communities):
        for v in comm:
            m[v] = c
    assert all(x is not None for x in m)
    return m


def partition_entry(g, name, communities):
    communities = [sorted(c) for c in communities]
    return {
        "name": name,
        "membership": membership_of(communities, g.number_of_nodes()),
        "modularity": [
            [r, nx.community.modularity(g, communities, weight="weight", resolution=r)]
            for r in RESOLUTIONS
        ],
    }


def fixture(name, g):
    h, names = relabel(g)
    n = h.number_of_nodes()
    edges = sorted((u, v, d["weight"]) for u, v, d in h.edges(data=True))
    by_seed = []
    best = None
    for s in SEEDS:
        comms = nx.community.louvain_communities(h, weight="weight", resolution=1, seed=s)
        q = nx.community.modularity(h, comms, weight="weight", resolution=1)
        by_seed.append(q)
        if best is None or q > best[0]:
            best = (q, s, comms)
    parts = [partition_entry(h, "nx_louvain_best", best[2])]
    parts.append(partition_entry(h, "nx_greedy_modularity",
                                 nx.community.greedy_modularity_communities(h, weight="weight")))
    if not h.is_directed():
        parts.append(partition_entry(h, "nx_label_propagation",
                                     nx.community.label_propagation_communities(h)))
    parts.append(partition_entry(h, "nx_asyn_lpa_seed0",
                                 nx.community.asyn_lpa_communities(h, weight="weight", seed=0)))
    parts.append(partition_entry(h, "mod3", [[v for v in range(n) if v % 3 == k] for k in range(3)]
                                 if n >= 3 else [list(range(n))]))
    parts.append(partition_entry(h, "singletons", [[v] for v in range(n)]))
    parts.append(partition_entry(h, "one_block", [list(range(n))]))
    comps = (nx.weakly_connected_components(h) if h.is_directed()
             else nx.connected_components(h))
    components = sorted(sorted(c) for c in comps)
    return {
        "name": name,
        "directed": h.is_directed(),
        "n": n,
        "names": names,
        "edges": [[u, v, w] for u, v, w in edges],
        "louvain": {"best_modularity": best[0], "best_seed": best[1], "by_seed": by_seed},
        "partitions": parts,
        "components": components,
    }


def planted(seed=7):
    rng = random.Random(seed)
    sizes = []
    while sum(sizes) < 1000:
        sizes.append(rng.randint(15, 80))
    sizes[-1] -= sum(sizes) - 1000
    if sizes[-1] < 5:
        sizes[-2] += sizes.pop()
    return nx.random_partition_graph(sizes, 0.15, 0.004, seed=seed)


def lfr(seed=10):
    g = nx.LFR_benchmark_graph(1500, 3, 1.5, 0.35, average_degree=12, max_degree=60,
                               min_community=20, max_community=150, seed=seed)
    g = nx.Graph(g)  # drop the node attributes
    g.remove_edges_from(list(nx.selfloop_edges(g)))
    return g


def weighted_random(seed=3):
    rng = random.Random(seed)
    g = nx.gnm_random_graph(400, 700, seed=seed)  # sparse: several components, isolated nodes
    for u, v in g.edges():
        g[u][v]["weight"] = round(rng.uniform(0.25, 5.0), 2)
    return g


def weighted_planted(seed=11):
    # planted partition with heavier intra-block links
    rng = random.Random(seed)
    g = nx.planted_partition_graph(20, 40, 0.2, 0.01, seed=seed)
    for u, v in g.edges():
        same = u // 40 == v // 40
        g[u][v]["weight"] = rng.randint(1, 6) if same else rng.randint(1, 3)
    return g


def directed(seed=5):
    rng = random.Random(seed)
    g = nx.gnp_random_graph(80, 0.06, seed=seed, directed=True)
    for u, v in g.edges():
        g[u][v]["weight"] = rng.randint(1, 5)
    g.add_nodes_from([80, 81])  # isolated
    g.add_edge(82, 83, weight=2)  # a separate weak component
    return g


def davis_women():
    b = nx.davis_southern_women_graph()
    women = [v for v, d in b.nodes(data=True) if d["bipartite"] == 0]
    return nx.bipartite.weighted_projected_graph(b, women)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    karate = nx.karate_club_graph()
    graphs = [
        ("karate", nx.Graph(karate.edges())),
        ("karate_weighted", karate),
        ("florentine", nx.florentine_families_graph()),
        ("les_miserables", nx.les_miserables_graph()),
        ("davis_women", davis_women()),
        ("planted_1000", planted()),
        ("lfr_1500", lfr()),
        ("weighted_random_400", weighted_random()),
        ("weighted_planted_800", weighted_planted()),
        ("directed_84", directed()),
    ]
    for name, g in graphs:
        fx = fixture(name, g)
        path = os.path.join(out, f"communities_{name}.json")
        with open(path, "w") as f:
            json.dump(fx, f, separators=(",", ":"))
            f.write("\n")
        print(f"{name}: n={fx['n']} m={len(fx['edges'])} "
              f"nx louvain best {fx['louvain']['best_modularity']:.6f} (seed {fx['louvain']['best_seed']}), "
              f"components {len(fx['components'])}")


if __name__ == "__main__":
    main()
