//! Compares centrality and path results with NetworkX fixtures written by
//! `tests/data/reference/make_paths_centrality_reference.py`.

use polgraph::algo::centrality;
use polgraph::algo::csr::Csr;
use polgraph::algo::paths;
use serde_json::Value;

macro_rules! fixture {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/data/reference/paths_centrality_",
                $name,
                ".json"
            )),
        )
    };
}

fn fixtures() -> Vec<(&'static str, Value)> {
    [
        fixture!("karate"),
        fixture!("karate_weighted"),
        fixture!("florentine"),
        fixture!("lesmis"),
        fixture!("directed"),
        fixture!("disconnected"),
    ]
    .into_iter()
    .map(|(n, s)| (n, serde_json::from_str(s).expect("fixture parses")))
    .collect()
}

fn graph(v: &Value) -> Csr {
    let n = v["n"].as_u64().expect("n") as usize;
    let directed = v["directed"].as_bool().expect("directed");
    let edges = v["edges"].as_array().expect("edges").iter().map(|e| {
        (
            e[0].as_u64().expect("u") as u32,
            e[1].as_u64().expect("v") as u32,
            e[2].as_f64().expect("w"),
        )
    });
    Csr::from_edges(n, directed, edges)
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| x.as_f64().unwrap_or(f64::NAN))
        .collect()
}

fn assert_close(name: &str, what: &str, got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len(), "{name} {what}: length");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        let ok = (g.is_nan() && w.is_nan()) || (g - w).abs() <= 1e-6;
        assert!(ok, "{name} {what}[{i}]: got {g}, NetworkX {w}");
    }
}

#[test]
fn centrality_matches_networkx() {
    for (name, f) in fixtures() {
        let g = graph(&f);
        assert_close(
            name,
            "degree",
            &centrality::degree(&g),
            &floats(&f["degree"]),
        );
        assert_close(
            name,
            "strength",
            &centrality::strength(&g),
            &floats(&f["strength"]),
        );
        assert_close(
            name,
            "betweenness",
            &centrality::betweenness(&g, true),
            &floats(&f["betweenness"]),
        );
        assert_close(
            name,
            "betweenness_raw",
            &centrality::betweenness(&g, false),
            &floats(&f["betweenness_raw"]),
        );
        let src: Vec<u32> = f["sample_sources"]
            .as_array()
            .expect("sources")
            .iter()
            .map(|x| x.as_u64().expect("source") as u32)
            .collect();
        assert_close(
            name,
            "sampled",
            &centrality::betweenness_sampled(&g, &src, true),
            &floats(&f["sampled"]),
        );
        assert_close(
            name,
            "sampled_raw",
            &centrality::betweenness_sampled(&g, &src, false),
            &floats(&f["sampled_raw"]),
        );
        assert_close(
            name,
            "closeness",
            &centrality::closeness(&g),
            &floats(&f["closeness"]),
        );
        match (
            centrality::eigenvector(&g, 100, 1e-6),
            f["eigenvector"].is_array(),
        ) {
            (Ok(x), true) => assert_close(name, "eigenvector", &x, &floats(&f["eigenvector"])),
            (Err(_), false) => {}
            (got, _) => panic!(
                "{name} eigenvector: got {got:?}, NetworkX {}",
                f["eigenvector"]
            ),
        }
        let pr = centrality::pagerank(&g, 0.85, 100, 1e-6).expect("pagerank converges");
        assert_close(name, "pagerank", &pr, &floats(&f["pagerank"]));
    }
}

#[test]
fn sampling_all_nodes_is_exact_betweenness() {
    for (name, f) in fixtures() {
        let g = graph(&f);
        let all: Vec<u32> = (0..g.node_count() as u32).collect();
        for norm in [true, false] {
            assert_close(
                name,
                "sampled(all)",
                &centrality::betweenness_sampled(&g, &all, norm),
                &centrality::betweenness(&g, norm),
            );
        }
    }
}

fn is_simple_walk(g: &Csr, p: &[u32], from: u32, to: u32) -> bool {
    let mut seen = std::collections::HashSet::new();
    p.first() == Some(&from)
        && p.last() == Some(&to)
        && p.iter().all(|v| seen.insert(*v))
        && p.windows(2).all(|w| g.weight(w[0], w[1]).is_some())
}

#[test]
fn paths_match_networkx() {
    for (name, f) in fixtures() {
        let g = graph(&f);
        let pairs: Vec<(u32, u32)> = f["pairs"]
            .as_array()
            .expect("pairs")
            .iter()
            .map(|p| {
                (
                    p["source"].as_u64().unwrap() as u32,
                    p["target"].as_u64().unwrap() as u32,
                )
            })
            .collect();
        let many = paths::shortest_paths_many(&g, &pairs);
        for (p, got_many) in f["pairs"].as_array().expect("pairs").iter().zip(many) {
            let s = p["source"].as_u64().unwrap() as u32;
            let t = p["target"].as_u64().unwrap() as u32;
            let ctx = format!("{name} {s}->{t}");
            // shortest path: length, walk, lexicographically smallest
            let sp = paths::shortest_path(&g, s, t);
            assert_eq!(sp, got_many, "{ctx}: batch equals single");
            assert_eq!(
                sp.as_ref().map(|p| p.len() as u64 - 1),
                p["shortest"].as_u64(),
                "{ctx}: shortest length"
            );
            if let Some(path) = &sp {
                assert!(is_simple_walk(&g, path, s, t), "{ctx}: {path:?}");
                let d = path.len() - 1;
                let (all_d, _) = paths::all_simple_paths(&g, s, t, d, usize::MAX);
                assert_eq!(&all_d[0], path, "{ctx}: lexicographically smallest");
            }
            // k shortest simple paths
            let k = paths::k_shortest_paths(&g, s, t, 10);
            let lens: Vec<u64> = k.iter().map(|p| p.len() as u64 - 1).collect();
            let want: Vec<u64> = p["k10_lengths"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_u64().unwrap())
                .collect();
            let (mut a, mut b) = (lens.clone(), want.clone());
            a.sort_unstable();
            b.sort_unstable();
            assert_eq!(a, b, "{ctx}: multiset of k-shortest lengths");
            assert_eq!(lens, want, "{ctx}: k-shortest length sequence");
            let distinct: std::collections::HashSet<_> = k.iter().collect();
            assert_eq!(distinct.len(), k.len(), "{ctx}: k paths distinct");
            for path in &k {
                assert!(is_simple_walk(&g, path, s, t), "{ctx}: {path:?}");
            }
            // all simple paths up to 3 and 4 hops
            for (h, key) in [(3, "simple_paths_3"), (4, "simple_paths_4")] {
                let (all, trunc) = paths::all_simple_paths(&g, s, t, h, 1_000_000);
                assert!(!trunc);
                assert_eq!(all.len() as u64, p[key].as_u64().unwrap(), "{ctx}: {key}");
                for w in all.windows(2) {
                    assert!(
                        (w[0].len(), &w[0]) < (w[1].len(), &w[1]),
                        "{ctx}: sorted, distinct"
                    );
                }
                for path in &all {
                    assert!(
                        path.len() - 1 <= h && is_simple_walk(&g, path, s, t),
                        "{ctx}"
                    );
                }
                // truncation returns a prefix and says so
                if all.len() > 1 {
                    let (few, trunc) = paths::all_simple_paths(&g, s, t, h, all.len() - 1);
                    assert!(trunc);
                    assert_eq!(few, all[..all.len() - 1].to_vec(), "{ctx}: prefix");
                }
            }
        }
    }
}

/// The hand-written CSR centralities agree with rustworkx-core, which the
/// project measured and chose not to use at run time (same values, 3–10×
/// slower here, and its parallel betweenness sums threads in no fixed order);
/// it stays as a second, independent reference.
#[test]
fn centrality_matches_rustworkx_core() {
    use petgraph::graph::{DiGraph, UnGraph};
    for (name, f) in fixtures() {
        let g = graph(&f);
        let n = g.node_count();
        let links: Vec<(u32, u32, f64)> = g.links().collect();
        let (bw, cl, ev) = if g.is_directed() {
            let mut pg: DiGraph<(), f64> = DiGraph::new();
            for _ in 0..n {
                pg.add_node(());
            }
            for &(u, v, w) in &links {
                pg.add_edge(u.into(), v.into(), w);
            }
            (
                rustworkx_core::centrality::betweenness_centrality(&pg, false, true, usize::MAX),
                rustworkx_core::centrality::closeness_centrality(&pg, true, usize::MAX),
                None,
            )
        } else {
            let mut pg: UnGraph<(), f64> = UnGraph::new_undirected();
            for _ in 0..n {
                pg.add_node(());
            }
            for &(u, v, w) in &links {
                pg.add_edge(u.into(), v.into(), w);
            }
            let ev = rustworkx_core::centrality::eigenvector_centrality(
                &pg,
                |e| -> Result<f64, std::convert::Infallible> { Ok(*e.weight()) },
                Some(100),
                Some(1e-6),
            )
            .ok()
            .flatten();
            (
                rustworkx_core::centrality::betweenness_centrality(&pg, false, true, usize::MAX),
                rustworkx_core::centrality::closeness_centrality(&pg, true, usize::MAX),
                ev,
            )
        };
        let unwrap = |v: Vec<Option<f64>>| -> Vec<f64> {
            v.into_iter().map(|x| x.unwrap_or(f64::NAN)).collect()
        };
        let ours_b = centrality::betweenness(&g, true);
        for (i, (a, b)) in ours_b.iter().zip(unwrap(bw)).enumerate() {
            assert!(
                (a - b).abs() <= 1e-9,
                "{name} betweenness[{i}]: ours {a}, rustworkx-core {b}"
            );
        }
        let ours_c = centrality::closeness(&g);
        for (i, (a, b)) in ours_c.iter().zip(unwrap(cl)).enumerate() {
            assert!(
                (a - b).abs() <= 1e-9,
                "{name} closeness[{i}]: ours {a}, rustworkx-core {b}"
            );
        }
        if let (Some(ev), Ok(ours_e)) = (ev, centrality::eigenvector(&g, 100, 1e-6)) {
            for (i, (a, b)) in ours_e.iter().zip(ev).enumerate() {
                assert!(
                    (a - b).abs() <= 1e-6,
                    "{name} eigenvector[{i}]: ours {a}, rustworkx-core {b}"
                );
            }
        }
    }
}
