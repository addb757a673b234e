//! Analysis commands on the seed graph, checked against NetworkX's values
//! for the same projection (tests/data/reference/make_seed_reference.py).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::Value;

use crate::util::{json, run, Scratch};

fn reference() -> Value {
    serde_json::from_str(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/reference/seed_projection.json"
    )))
    .unwrap()
}

/// The seed projection as the README defines it, built here independently of
/// the library: occurred edges, undirected, weight = edges per pair.
fn projection() -> (BTreeSet<String>, HashMap<(String, String), f64>) {
    let doc: Value = serde_json::from_slice(
        &std::fs::read(crate::util::root().join(crate::util::SEED)).unwrap(),
    )
    .unwrap();
    let nodes: BTreeSet<String> = doc["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .collect();
    let mut w: HashMap<(String, String), f64> = HashMap::new();
    for e in doc["edges"].as_array().unwrap() {
        if e.get("status")
            .and_then(Value::as_str)
            .unwrap_or("occurred")
            != "occurred"
        {
            continue;
        }
        let (s, t) = (e["source"].as_str().unwrap(), e["target"].as_str().unwrap());
        if s == t {
            continue;
        }
        let key = if s < t {
            (s.to_owned(), t.to_owned())
        } else {
            (t.to_owned(), s.to_owned())
        };
        *w.entry(key).or_default() += 1.0;
    }
    (nodes, w)
}

/// Newman modularity, written out here from its definition.
fn modularity(communities: &[Vec<String>]) -> f64 {
    let (_, w) = projection();
    let m: f64 = w.values().sum();
    let mut strength: HashMap<&str, f64> = HashMap::new();
    for ((a, b), x) in &w {
        *strength.entry(a).or_default() += x;
        *strength.entry(b).or_default() += x;
    }
    let mut q = 0.0;
    for c in communities {
        let set: BTreeSet<&str> = c.iter().map(String::as_str).collect();
        let inside: f64 = w
            .iter()
            .filter(|((a, b), _)| set.contains(a.as_str()) && set.contains(b.as_str()))
            .map(|(_, x)| x)
            .sum();
        let tot: f64 = set
            .iter()
            .map(|n| strength.get(n).copied().unwrap_or(0.0))
            .sum();
        q += inside / m - (tot / (2.0 * m)).powi(2);
    }
    q
}

fn scores(s: &Scratch, args: &[&str]) -> BTreeMap<String, f64> {
    let mut all = vec!["centrality", "--top", "0", "--json"];
    all.extend_from_slice(args);
    json(s.cmd(&all))
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["actor"].as_str().unwrap().to_owned(),
                r["score"].as_f64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn centrality_equals_networkx_on_the_seed_projection() {
    let s = Scratch::seed();
    let r = reference();
    for (measure, key, extra) in [
        ("degree", "degree", vec![]),
        ("strength", "strength", vec![]),
        ("betweenness", "betweenness", vec![]),
        ("closeness", "closeness", vec![]),
        ("eigenvector", "eigenvector", vec![]),
        ("pagerank", "pagerank", vec![]),
        ("pagerank", "pagerank_directed", vec!["--directed"]),
        ("betweenness", "betweenness_directed", vec!["--directed"]),
    ] {
        let mut args = vec!["--measure", measure];
        args.extend(extra);
        let ours = scores(&s, &args);
        let theirs = r[key].as_object().unwrap();
        assert_eq!(ours.len(), theirs.len(), "{key}");
        for (actor, v) in theirs {
            let x = ours[actor];
            assert!(
                (x - v.as_f64().unwrap()).abs() < 1e-6,
                "{key} {actor}: ours {x}, NetworkX {v}"
            );
        }
    }
}

#[test]
fn centrality_json_is_in_rank_order_with_ties_by_id() {
    let s = Scratch::seed();
    let v = json(s.cmd(&["centrality", "--measure", "degree", "--top", "0", "--json"]));
    let rows = v.as_array().unwrap();
    for w in rows.windows(2) {
        let (a, b) = (
            w[0]["score"].as_f64().unwrap(),
            w[1]["score"].as_f64().unwrap(),
        );
        assert!(
            a > b || (a == b && w[0]["actor"].as_str() < w[1]["actor"].as_str()),
            "{w:?}"
        );
        assert!(w[0]["name"].is_string());
    }
    let top = json(s.cmd(&["centrality", "--measure", "degree", "--top", "3", "--json"]));
    assert_eq!(top.as_array().unwrap().len(), 3);
}

#[test]
fn communities_reach_networkx_best_and_report_true_modularity() {
    let s = Scratch::seed();
    let best = reference()["louvain_best_of_20"]["modularity"]
        .as_f64()
        .unwrap();
    let (nodes, _) = projection();
    for method in ["leiden", "louvain"] {
        for seed in ["1", "2", "42"] {
            let v = json(s.cmd(&["communities", "--method", method, "--seed", seed, "--json"]));
            let comms: Vec<Vec<String>> = serde_json::from_value(v["communities"].clone()).unwrap();
            let q = v["modularity"].as_f64().unwrap();
            assert!(
                q >= best - 1e-12,
                "{method} seed {seed}: {q} < NetworkX best-of-20 {best}"
            );
            assert!(
                (modularity(&comms) - q).abs() < 1e-9,
                "{method}: reported {q}, recomputed {}",
                modularity(&comms)
            );
            let members: BTreeSet<String> = comms.iter().flatten().cloned().collect();
            assert_eq!(members, nodes, "a partition of every actor");
            assert_eq!(comms.iter().map(Vec::len).sum::<usize>(), nodes.len());
            for w in comms.windows(2) {
                assert!(w[0].len() >= w[1].len(), "largest first");
            }
        }
    }
}

#[test]
fn communities_are_reproducible() {
    let s = Scratch::seed();
    let a = run(s.cmd(&["communities", "--seed", "7", "--json"])).1;
    let b = run(s.cmd(&["communities", "--seed", "7", "--json"])).1;
    assert_eq!(a, b);
    let comps = json(s.cmd(&["communities", "--method", "components", "--json"]));
    let mut sizes: Vec<usize> = comps["communities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_array().unwrap().len())
        .collect();
    sizes.sort();
    let expect: Vec<usize> = serde_json::from_value(reference()["components"].clone()).unwrap();
    assert_eq!(sizes, expect);
}

/// The header names only the settings the method uses.
#[test]
fn communities_header_names_the_settings_used() {
    let s = Scratch::seed();
    let first_line = |method: &str| {
        let (code, out, _) = run(s.cmd(&["communities", "--method", method]));
        assert_eq!(code, 0, "{method}");
        out.lines().next().unwrap_or_default().to_string()
    };
    let leiden = first_line("leiden");
    assert!(
        leiden.contains("by leiden (resolution 1, seed 42, best of 50), modularity"),
        "{leiden}"
    );
    let lpa = first_line("label-propagation");
    assert!(
        lpa.contains("by label-propagation (seed 42, best of 50), modularity"),
        "{lpa}"
    );
    let comps = first_line("components");
    assert!(comps.contains("by components, modularity"), "{comps}");
    assert!(
        !comps.contains("seed") && !comps.contains("resolution"),
        "{comps}"
    );
}

#[test]
fn communities_track_windows() {
    let s = Scratch::seed();
    let v = json(s.cmd(&["communities", "--track", "--every", "year", "--json"]));
    let steps = v.as_array().unwrap();
    let windows: Vec<&str> = steps
        .iter()
        .map(|w| w["window"].as_str().unwrap())
        .collect();
    assert_eq!(windows, ["2019", "2020", "2021"]);
    // The Berlin rally of 2019-08 forms a bloc around the Government of Japan.
    let first = &steps[0]["communities"][0]["members"];
    assert!(
        first.as_array().unwrap().iter().any(|m| m == "jpn-gov"),
        "{first}"
    );
    assert!(steps[0]["events"][0].as_str().unwrap().ends_with("born"));
    let (code, _, err) = run(s.cmd(&["communities", "--resolution", "0"]));
    assert_eq!(code, 1);
    assert!(err.contains("--resolution"), "{err}");
}

#[test]
fn path_lengths_and_counts_equal_networkx() {
    let s = Scratch::seed();
    let r = reference();
    for p in r["shortest_path_lengths"].as_array().unwrap() {
        let (from, to) = (p["from"].as_str().unwrap(), p["to"].as_str().unwrap());
        let v = json(s.cmd(&["path", from, to, "--json"]));
        assert_eq!(v["length"], p["length"], "{from} → {to}");
        assert_eq!(v["actors"][0], from);
        assert_eq!(v["actors"].as_array().unwrap().last().unwrap(), to);
        assert_eq!(
            v["hops"].as_array().unwrap().len(),
            p["length"].as_u64().unwrap() as usize
        );
    }
    for p in r["simple_paths_up_to_4"].as_array().unwrap() {
        let (from, to) = (p["from"].as_str().unwrap(), p["to"].as_str().unwrap());
        let v = json(s.cmd(&["path", from, to, "--all", "--max-hops", "4", "--json"]));
        let list = v.as_array().unwrap();
        assert_eq!(
            list.len() as u64,
            p["count"].as_u64().unwrap(),
            "{from} → {to}"
        );
        for w in list.windows(2) {
            assert!(
                w[0]["length"].as_u64() <= w[1]["length"].as_u64(),
                "sorted by length"
            );
        }
    }
}

/// Every hop's evidence edges link exactly that hop's two actors, earliest first.
fn check_walk(path: &Value) {
    let actors = path["actors"].as_array().unwrap();
    for (i, hop) in path["hops"].as_array().unwrap().iter().enumerate() {
        assert_eq!(hop["from"], actors[i]);
        assert_eq!(hop["to"], actors[i + 1]);
        let edges = hop["edges"].as_array().unwrap();
        assert!(!edges.is_empty(), "hop {i} has no evidence");
        for e in edges {
            let pair =
                BTreeSet::from([e["source"].as_str().unwrap(), e["target"].as_str().unwrap()]);
            assert_eq!(
                pair,
                BTreeSet::from([hop["from"].as_str().unwrap(), hop["to"].as_str().unwrap()]),
                "{e}"
            );
            assert_eq!(
                e["status"], "occurred",
                "default projection keeps occurred edges"
            );
        }
    }
}

#[test]
fn every_returned_path_is_a_walk_with_evidence() {
    let s = Scratch::seed();
    check_walk(&json(s.cmd(&[
        "path",
        "Seoul Central District Court",
        "Motegi Toshimitsu",
        "--json",
    ])));
    let k = json(s.cmd(&[
        "path",
        "kim-jung-han",
        "kato-katsunobu",
        "--k",
        "3",
        "--json",
    ]));
    let list = k.as_array().unwrap();
    assert_eq!(list.len(), 3);
    for p in list {
        check_walk(p);
        let a: Vec<&Value> = p["actors"].as_array().unwrap().iter().collect();
        let distinct: BTreeSet<&str> = a.iter().map(|x| x.as_str().unwrap()).collect();
        assert_eq!(distinct.len(), a.len(), "simple path");
    }
    let distinct: BTreeSet<String> = list.iter().map(|p| p["actors"].to_string()).collect();
    assert_eq!(distinct.len(), 3, "k distinct paths");
}

#[test]
fn time_respecting_paths_never_go_back_in_time() {
    let s = Scratch::seed();
    // Add a later act so that a two-act journey exists: the court ruled
    // against Japan (2021-01), Japan protested to Seoul (2021-01-15).
    let v = json(s.cmd(&[
        "path",
        "kor-seoul-central-district-court",
        "kor-gov",
        "--time-respecting",
        "--exclude-ties",
        "--json",
    ]));
    let hops = v["hops"].as_array().unwrap();
    let dates: Vec<&str> = hops
        .iter()
        .map(|h| h["edges"][0]["date"].as_str().unwrap())
        .collect();
    assert!(hops.len() >= 2, "{v}");
    // 2021-01 is not known to precede 2021-01-15, so the journey cannot use
    // the ruling (month precision) before a mid-January act.
    for w in dates.windows(2) {
        assert!(w[0] <= w[1], "{dates:?}");
    }
    for h in hops {
        assert_eq!(h["edges"].as_array().unwrap().len(), 1, "one act per hop");
    }
    // Month-precision then day-precision inside that month is not ordered.
    let (code, out, _) = run(s.cmd(&[
        "path",
        "kor-seoul-central-district-court",
        "kor-gov",
        "--time-respecting",
        "--exclude-ties",
        "--action",
        "ruled,protested",
        "--json",
    ]));
    assert_eq!(code, 1);
    assert_eq!(out.trim(), "null");
}

#[test]
fn no_path_is_exit_1_and_null() {
    let s = Scratch::seed();
    let (code, out, err) = run(s.cmd(&["path", "Peng Dawei", "Kato Katsunobu", "--json"]));
    assert_eq!(code, 1);
    assert_eq!(out.trim(), "null");
    assert_eq!(
        err.trim(),
        "error: no path from Peng Dawei to Kato Katsunobu"
    );
    let (code, out, err) = run(s.cmd(&["path", "Peng Dawei", "Kato Katsunobu"]));
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("no path"));
}

#[test]
fn dyad_and_balance() {
    let s = Scratch::seed();
    let v = json(s.cmd(&[
        "dyad",
        "Government of Japan",
        "Government of the Republic of Korea",
        "--every",
        "month",
        "--json",
    ]));
    assert_eq!(v["a"], "jpn-gov");
    assert_eq!(v["events"], 3);
    let periods = v["periods"].as_array().unwrap();
    assert_eq!(periods.len(), 1);
    assert_eq!(periods[0]["period"], "2021-01");
    assert_eq!(periods[0]["a_to_b"], 2);
    let scores: f64 = v["recent_edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["score"].as_f64().unwrap())
        .sum();
    assert!((v["balance"].as_f64().unwrap() - scores).abs() < 1e-9);
    assert!(
        v["balance"].as_f64().unwrap() < 0.0,
        "protest and demand outweigh a statement"
    );

    let rivals = json(s.cmd(&["rivals", "--json"]));
    let first = &rivals[0];
    assert_eq!(
        (first["a"].as_str().unwrap(), first["b"].as_str().unwrap()),
        ("jpn-gov", "kor-gov")
    );
    for w in rivals.as_array().unwrap().windows(2) {
        assert!(w[0]["balance"].as_f64() <= w[1]["balance"].as_f64());
    }
    let partners = json(s.cmd(&["partners", "--json"]));
    assert!(partners
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["balance"].as_f64().unwrap() > 0.0));
    assert_eq!(partners[0]["a"], "funakoshi-takehiro");
}

#[test]
fn analysis_tables_are_stable() {
    let s = Scratch::seed();
    for (name, args) in [
        (
            "path_table",
            vec!["path", "Seoul Central District Court", "Motegi Toshimitsu"],
        ),
        ("communities_table", vec!["communities"]),
        (
            "centrality_table",
            vec!["centrality", "--measure", "betweenness", "--top", "5"],
        ),
        (
            "dyad_table",
            vec![
                "dyad",
                "Government of Japan",
                "Government of the Republic of Korea",
            ],
        ),
    ] {
        let (code, out, err) = run(s.cmd(&args));
        assert_eq!(code, 0, "{name}: {err}");
        insta::assert_snapshot!(name, out);
    }
}
