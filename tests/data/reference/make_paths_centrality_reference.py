#!/usr/bin/env python3
"""Writes the NetworkX reference fixtures for polgraph's paths and centrality code.

    python3 tests/data/reference/make_paths_centrality_reference.py

Needs networkx 3.6 and scipy (for pagerank). Writes one JSON file per graph,
``paths_centrality_<graph>.json``, beside this script. Node ids are 0..n-1 in
NetworkX's node order; original names are kept in ``names``. Edges are listed
once each as [u, v, weight] (weight = the "weight" attribute, 1 when absent).

Measures (all NetworkX, values keyed by node id as lists):
  degree        nx.degree_centrality
  strength      G.degree(weight="weight")
  betweenness   nx.betweenness_centrality(G, normalized=True)            (unweighted)
  betweenness_raw  same with normalized=False
  sampled       betweenness from a fixed source list, scaled exactly like
                nx.betweenness_centrality(G, k=len(sources)) (NetworkX internals)
  closeness     nx.closeness_centrality (unweighted, wf_improved=True)
  eigenvector   nx.eigenvector_centrality(G, weight="weight", max_iter=100, tol=1e-6)
                or {"error": ...} when it raises
  pagerank      nx.pagerank(G, alpha=0.85, weight="weight")
For chosen pairs: shortest path length (null if unreachable), lengths (in hops)
of the first 10 nx.shortest_simple_paths, and the number of
nx.all_simple_paths with cutoff 3 and 4.
"""
import itertools
import json
import os
import random

import networkx as nx
from networkx.algorithms.centrality.betweenness import (
    _accumulate_basic,
    _rescale,
    _single_source_shortest_path_basic,
)

HERE = os.path.dirname(os.path.abspath(__file__))


def graphs():
    out = {}
    out["karate"] = nx.Graph(nx.karate_club_graph().edges())
    out["karate_weighted"] = nx.karate_club_graph()
    out["florentine"] = nx.florentine_families_graph()
    out["lesmis"] = nx.les_miserables_graph()
    rng = random.Random(11)
    D = nx.gnp_random_graph(60, 0.07, seed=5, directed=True)
    D.remove_edges_from(list(D.out_edges(59)))  # node 59 is dangling
    for u, v in D.edges():
        D[u][v]["weight"] = rng.randint(1, 5)
    out["directed"] = D
    G = nx.Graph()
    G.add_nodes_from(range(14))
    # two components, a triangle with a tail, and isolated nodes 12, 13
    G.add_weighted_edges_from([(0, 1, 2), (1, 2, 1), (2, 0, 3), (2, 3, 1), (3, 4, 2),
                               (5, 6, 1), (6, 7, 1), (7, 8, 4), (8, 5, 1), (6, 9, 2),
                               (9, 10, 1), (10, 11, 1), (11, 8, 2)])
    out["disconnected"] = G
    return out


def sampled_betweenness(G, sources, normalized=True):
    b = dict.fromkeys(G, 0.0)
    for s in sources:
        S, P, sigma, _ = _single_source_shortest_path_basic(G, s)
        b, _ = _accumulate_basic(b, S, P, sigma, s)
    k = len(sources)
    sampled = None if k == len(G) else sources
    return _rescale(b, len(G), normalized=normalized, directed=G.is_directed(),
                    endpoints=False, sampled_nodes=sampled)


def as_list(G, d):
    return [float(d[v]) for v in G]


def pairs_for(name, G):
    rng = random.Random(3)
    nodes = list(G)
    pairs = []
    while len(pairs) < 6:
        s, t = rng.choice(nodes), rng.choice(nodes)
        if s != t and (s, t) not in pairs:
            pairs.append((s, t))
    if name == "disconnected":
        pairs += [(0, 6), (12, 13), (4, 1)]
    pairs.append((nodes[0], nodes[0]))
    return pairs


def main():
    for name, G0 in graphs().items():
        G = nx.convert_node_labels_to_integers(G0, label_attribute="name")
        n = G.number_of_nodes()
        edges = [[u, v, float(d.get("weight", 1))] for u, v, d in G.edges(data=True)]
        rec = {
            "name": name,
            "directed": G.is_directed(),
            "n": n,
            "names": [str(G.nodes[v]["name"]) for v in G],
            "edges": edges,
        }
        rec["degree"] = as_list(G, nx.degree_centrality(G))
        rec["strength"] = as_list(G, dict(G.degree(weight="weight")))
        rec["betweenness"] = as_list(G, nx.betweenness_centrality(G, normalized=True))
        rec["betweenness_raw"] = as_list(G, nx.betweenness_centrality(G, normalized=False))
        sources = random.Random(1).sample(range(n), min(8, n))
        rec["sample_sources"] = sources
        rec["sampled"] = as_list(G, sampled_betweenness(G, sources, True))
        rec["sampled_raw"] = as_list(G, sampled_betweenness(G, sources, False))
        rec["closeness"] = as_list(G, nx.closeness_centrality(G))
        try:
            rec["eigenvector"] = as_list(
                G, nx.eigenvector_centrality(G, weight="weight", max_iter=100, tol=1e-6))
        except nx.NetworkXException as e:
            rec["eigenvector"] = {"error": type(e).__name__ + ": " + str(e)}
        rec["pagerank"] = as_list(G, nx.pagerank(G, alpha=0.85, weight="weight"))
        prs = []
        for s, t in pairs_for(name, G):
            try:
                sp = nx.shortest_path_length(G, s, t)
            except nx.NetworkXNoPath:
                sp = None
            try:
                k10 = [len(p) - 1 for p in itertools.islice(nx.shortest_simple_paths(G, s, t), 10)]
            except nx.NetworkXNoPath:
                k10 = []
            c3 = sum(1 for _ in nx.all_simple_paths(G, s, t, cutoff=3))
            c4 = sum(1 for _ in nx.all_simple_paths(G, s, t, cutoff=4))
            prs.append({"source": s, "target": t, "shortest": sp, "k10_lengths": k10,
                        "simple_paths_3": c3, "simple_paths_4": c4})
        rec["pairs"] = prs
        rec["networkx"] = nx.__version__
        path = os.path.join(HERE, "paths_centrality_%s.json" % name)
        with open(path, "w") as f:
            json.dump(rec, f, indent=None, separators=(",", ":"))
            f.write("\n")
        print("wrote", path)


if __name__ == "__main__":
    main()
