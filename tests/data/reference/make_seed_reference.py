#!/usr/bin/env python3
"""Reference values for the seed graph's projection, computed by NetworkX.

The projection (README, "Projection"): actors as nodes; edges with status
"occurred" only; undirected; one link per actor pair with weight = number of
edges between them (a tie counts once like any edge); self-loops dropped.

Run from the repository root:
    python3 tests/data/reference/make_seed_reference.py
It writes tests/data/reference/seed_projection.json; the integration tests
compare `polgraph … --json` output with it.
"""
import json
import pathlib

import networkx as nx

ROOT = pathlib.Path(__file__).resolve().parents[3]
doc = json.loads((ROOT / "graphs/seoul-comfort-women-2021.json").read_text())

G = nx.Graph()
G.add_nodes_from(a["id"] for a in doc["actors"])
D = nx.DiGraph()
D.add_nodes_from(a["id"] for a in doc["actors"])
for e in doc["edges"]:
    if e.get("status", "occurred") != "occurred" or e["source"] == e["target"]:
        continue
    s, t = e["source"], e["target"]
    w = G.get_edge_data(s, t, {"weight": 0})["weight"]
    G.add_edge(s, t, weight=w + 1)
    w = D.get_edge_data(s, t, {"weight": 0})["weight"]
    D.add_edge(s, t, weight=w + 1)

best = max(
    (nx.community.modularity(G, nx.community.louvain_communities(G, weight="weight", seed=s), weight="weight"), s)
    for s in range(20)
)
pairs = [
    ("kor-seoul-central-district-court", "motegi-toshimitsu"),
    ("kim-jung-han", "kato-katsunobu"),
    ("jpn-civic-groups-germany", "kor-mofa-asian-pacific-bureau"),
]
out = {
    "nodes": G.number_of_nodes(),
    "links": G.number_of_edges(),
    "total_weight": G.size(weight="weight"),
    "degree": nx.degree_centrality(G),
    "strength": dict(G.degree(weight="weight")),
    "betweenness": nx.betweenness_centrality(G, normalized=True),
    "closeness": nx.closeness_centrality(G),
    "eigenvector": nx.eigenvector_centrality(G, weight="weight", max_iter=100, tol=1e-6),
    "pagerank": nx.pagerank(G, alpha=0.85, weight="weight"),
    "pagerank_directed": nx.pagerank(D, alpha=0.85, weight="weight"),
    "betweenness_directed": nx.betweenness_centrality(D, normalized=True),
    "louvain_best_of_20": {"modularity": best[0], "seed": best[1]},
    "shortest_path_lengths": [
        {"from": a, "to": b, "length": nx.shortest_path_length(G, a, b)} for a, b in pairs
    ],
    "simple_paths_up_to_4": [
        {"from": a, "to": b, "count": len(list(nx.all_simple_paths(G, a, b, cutoff=4)))} for a, b in pairs
    ],
    "components": sorted(len(c) for c in nx.connected_components(G)),
}
path = ROOT / "tests/data/reference/seed_projection.json"
path.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n")
print(f"wrote {path}")
