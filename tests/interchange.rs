//! Interchange: every importer on its sample file (report, re-import adds
//! nothing, bad input changes nothing), every exporter read back by the
//! library its users use (NetworkX, followthemoney), and round trips.
//!
//! Tests that need a Python package skip with a note when it is missing —
//! unless `CI` is set, where a missing package fails the test: `.ci/run`
//! installs them (`pip install networkx followthemoney`).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::util::{json, root, run, Scratch};

fn data(name: &str) -> PathBuf {
    root().join("tests/data/interchange").join(name)
}

fn empty_graph() -> Scratch {
    let s = Scratch::empty();
    let (code, _, err) = run(s.cmd(&["init", "--name", "t"]));
    assert_eq!(code, 0, "{err}");
    s
}

fn doc(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// Whether `python3` can import `module`; in CI a missing module fails.
fn python_has(module: &str) -> bool {
    let ok = Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            !in_ci(),
            "CI is set but python3 cannot import {module}; .ci/run must `pip install {module}`"
        );
        eprintln!("note: skipped: python3 module {module} is not installed (pip install {module})");
    }
    ok
}

/// Runs a Python script with arguments and returns its stdout parsed as JSON.
fn python_json(script: &str, args: &[&Path]) -> Value {
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "python failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

// ---------------------------------------------------------------- import

#[test]
fn every_sample_imports_with_a_report_and_reimporting_adds_nothing() {
    for (file, format, edges, skipped) in [
        ("gdelt.export.tsv", "gdelt", 4, 2),
        ("icews.events.tab", "icews", 5, 0),
        ("plover.jsonl", "plover", 4, 2),
        ("entities.ftm.json", "ftm", 4, 1),
        ("popolo.json", "popolo", 4, 0),
    ] {
        let s = empty_graph();
        let path = data(file);
        let p = path.to_str().unwrap();
        // The format is guessed from the file.
        let r = json(s.cmd(&["import", p, "--json"]));
        assert_eq!(r["format"], format, "{file}");
        assert_eq!(r["edges_added"], edges, "{file}: {r}");
        assert_eq!(r["skipped"], skipped, "{file}: {r}");
        let g = doc(&s.graph);
        assert_eq!(g["edges"].as_array().unwrap().len(), edges, "{file}");
        assert_eq!(
            r["actors_created"].as_u64().unwrap() as usize,
            g["actors"].as_array().unwrap().len(),
            "{file}"
        );
        let (code, _, err) = run(s.cmd(&["validate"]));
        assert_eq!(code, 0, "{file}: {err}");
        let before = s.bytes();
        let again = json(s.cmd(&["import", "--format", format, p, "--json"]));
        assert_eq!(again["edges_added"], 0, "{file}: {again}");
        assert_eq!(again["edges_already_present"], edges, "{file}: {again}");
        assert_eq!(again["actors_created"], 0, "{file}");
        assert_eq!(s.bytes(), before, "{file}: re-import changed the graph");
    }
}

#[test]
fn import_report_table_names_skip_reasons() {
    let s = empty_graph();
    let (code, out, err) = run(s.cmd(&["import", data("gdelt.export.tsv").to_str().unwrap()]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("records read"), "{out}");
    assert!(out.contains("skipped: only one actor"), "{out}");
    assert!(out.contains("skipped: event code not in CAMEO"), "{out}");
}

#[test]
fn imported_events_match_existing_actors_of_the_seed() {
    let s = Scratch::seed();
    let before = doc(&s.graph)["actors"].as_array().unwrap().len();
    let r = json(s.cmd(&[
        "import",
        "--format",
        "popolo",
        data("popolo.json").to_str().unwrap(),
        "--json",
    ]));
    // "Liberal Democratic Party" is the seed's `ldp`: matched, not created.
    assert!(r["actors_matched"].as_u64().unwrap() >= 1, "{r}");
    let g = doc(&s.graph);
    let actors = g["actors"].as_array().unwrap();
    assert_eq!(
        actors.len(),
        before + r["actors_created"].as_u64().unwrap() as usize
    );
    let edges = g["edges"].as_array().unwrap();
    assert!(edges.iter().any(|e| e["id"] == "m-motegi-ldp"
        && e["target"] == "ldp"
        && e["source"] == "motegi-toshimitsu"));
}

#[test]
fn bad_input_names_file_line_and_field_and_writes_nothing() {
    let s = Scratch::seed();
    let before = s.bytes();
    let good = std::fs::read_to_string(data("gdelt.export.tsv")).unwrap();
    let bad = good.replacen("\t-6.5\t", "\tlots\t", 1);
    let p = s.path("bad.tsv");
    std::fs::write(&p, bad).unwrap();
    let (code, _, err) = run(s.cmd(&["import", "--format", "gdelt", p.to_str().unwrap()]));
    assert_eq!(code, 1, "{err}");
    assert!(err.starts_with("error: "), "{err}");
    assert!(
        err.contains("bad.tsv line 1, field `GoldsteinScale`"),
        "{err}"
    );
    assert_eq!(s.bytes(), before);
    let p = s.path("bad.jsonl");
    std::fs::write(
        &p,
        "{\"id\":\"x\",\"schema\":\"Person\",\"properties\":{\"name\":[\"A\"]}}\nnot json\n",
    )
    .unwrap();
    let (code, _, err) = run(s.cmd(&["import", "--format", "ftm", p.to_str().unwrap()]));
    assert_eq!(code, 1);
    assert!(err.contains("bad.jsonl line 2: not a JSON object"), "{err}");
    let (code, _, err) = run(s.cmd(&["import", s.path("nope.json").to_str().unwrap()]));
    assert_eq!(code, 1, "{err}");
    let (code, _, err) = run(s.cmd(&["import", "--format", "bogus", "x"]));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("unknown format \"bogus\""), "{err}");
    // proposals is a format now (the event coder's output); a missing file is named.
    let (code, _, err) = run(s.cmd(&["import", "--format", "proposals", "x"]));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("cannot read x"), "{err}");
    let p = s.path("what.txt");
    std::fs::write(&p, "hello\n").unwrap();
    let (code, _, err) = run(s.cmd(&["import", p.to_str().unwrap()]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("cannot tell the format"), "{err}");
    assert_eq!(s.bytes(), before);
    assert!(s.stray_files().is_empty());
}

// ---------------------------------------------------------------- round trips

fn sorted_edges(v: &Value) -> Vec<Value> {
    let mut e = v["edges"].as_array().unwrap().clone();
    e.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    e
}

#[test]
fn csv_export_imported_into_an_empty_graph_gives_the_same_graph() {
    let s = Scratch::seed();
    let dir = s.path("csv");
    let (code, _, err) = run(s.cmd(&["export", "--format", "csv", "-o", dir.to_str().unwrap()]));
    assert_eq!(code, 0, "{err}");
    let t = empty_graph();
    let (code, _, err) = run(t.cmd(&["import", dir.to_str().unwrap()]));
    assert_eq!(code, 0, "{err}");
    let (a, b) = (doc(&s.graph), doc(&t.graph));
    for key in ["actors", "sources", "edges"] {
        assert_eq!(a[key], b[key], "{key} differ after the round trip");
    }
    // And again: nothing twice.
    let before = t.bytes();
    let (code, _, err) = run(t.cmd(&["import", "--format", "csv", dir.to_str().unwrap()]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(t.bytes(), before);
}

#[test]
fn ftm_export_imported_into_an_empty_graph_gives_the_same_graph() {
    let s = Scratch::seed();
    let file = s.path("g.ftm.json");
    let (code, _, err) = run(s.cmd(&["export", "--format", "ftm", "-o", file.to_str().unwrap()]));
    assert_eq!(code, 0, "{err}");
    let t = empty_graph();
    let (code, _, err) = run(t.cmd(&["import", file.to_str().unwrap()]));
    assert_eq!(code, 0, "{err}");
    let (a, b) = (doc(&s.graph), doc(&t.graph));
    assert_eq!(a["actors"], b["actors"]);
    assert_eq!(a["sources"], b["sources"]);
    assert_eq!(sorted_edges(&a), sorted_edges(&b));
}

#[test]
fn popolo_export_round_trips_actors_and_memberships() {
    let s = Scratch::seed();
    let file = s.path("g.popolo.json");
    let (code, _, err) =
        run(s.cmd(&["export", "--format", "popolo", "-o", file.to_str().unwrap()]));
    assert_eq!(code, 0, "{err}");
    let t = empty_graph();
    let (code, _, err) = run(t.cmd(&["import", file.to_str().unwrap()]));
    assert_eq!(code, 0, "{err}");
    let (a, b) = (doc(&s.graph), doc(&t.graph));
    let names = |v: &Value| -> Vec<(String, String, String)> {
        v["actors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                (
                    a["id"].as_str().unwrap().to_owned(),
                    a["name"].as_str().unwrap().to_owned(),
                    a["kind"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    assert_eq!(names(&a), names(&b));
    let popolo: Value = doc(&file);
    let members = popolo["memberships"].as_array().unwrap();
    assert_eq!(b["edges"].as_array().unwrap().len(), members.len());
    for e in b["edges"].as_array().unwrap() {
        let orig = a["edges"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["id"] == e["id"])
            .unwrap();
        for k in ["source", "action", "target", "date"] {
            assert_eq!(orig[k], e[k], "{k} of {}", e["id"]);
        }
    }
}

// ---------------------------------------------------------------- real clients

const NETWORKX_CHECK: &str = r#"
import json, sys
import networkx as nx
g = nx.read_graphml(sys.argv[1], force_multigraph=True)
x = nx.read_gexf(sys.argv[2], version="1.3")
def edges(G, key_attr):
    out = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        out[str(d.get("id", k))] = dict(source=u, target=v, **{a: b for a, b in d.items() if a != "spells"}, spells=d.get("spells"))
    return out
print(json.dumps({
    "graphml": {"nodes": {n: d for n, d in g.nodes(data=True)}, "edges": edges(g, "id")},
    "gexf": {"nodes": {n: d for n, d in x.nodes(data=True)}, "edges": edges(x, "id"), "mode": x.graph.get("mode")},
}, default=str))
"#;

#[test]
fn networkx_reads_the_graphml_and_gexf_exports() {
    if !python_has("networkx") {
        return;
    }
    let s = Scratch::seed();
    let (gm, gx) = (s.path("g.graphml"), s.path("g.gexf"));
    for (f, p) in [("graphml", &gm), ("gexf", &gx)] {
        let (code, _, err) = run(s.cmd(&["export", "--format", f, "-o", p.to_str().unwrap()]));
        assert_eq!(code, 0, "{err}");
    }
    let v = python_json(NETWORKX_CHECK, &[&gm, &gx]);
    let store = doc(&s.graph);
    let actors = store["actors"].as_array().unwrap();
    let edges = store["edges"].as_array().unwrap();
    for fmt in ["graphml", "gexf"] {
        let nodes = v[fmt]["nodes"].as_object().unwrap();
        let es = v[fmt]["edges"].as_object().unwrap();
        assert_eq!(nodes.len(), actors.len(), "{fmt} nodes");
        assert_eq!(es.len(), edges.len(), "{fmt} edges");
        for a in actors {
            let n = &nodes[a["id"].as_str().unwrap()];
            let name_key = if fmt == "graphml" { "name" } else { "label" };
            assert_eq!(n[name_key], a["name"], "{fmt}");
            assert_eq!(n["kind"], a["kind"], "{fmt}");
            if let Some(q) = a["attributes"].get("wikidata") {
                assert_eq!(&n["wikidata"], q, "{fmt}: attributes are kept");
            }
        }
        for e in edges {
            let x = &es[e["id"].as_str().unwrap()];
            assert_eq!(x["source"], e["source"], "{fmt}");
            assert_eq!(x["target"], e["target"], "{fmt}");
            assert_eq!(x["action"], e["action"], "{fmt}");
            assert_eq!(x["date"], e["date"], "{fmt}: dates are kept as stored");
            let status = e.get("status").cloned().unwrap_or(Value::from("occurred"));
            assert_eq!(x["status"], status, "{fmt}");
            assert!(x["score"].is_number(), "{fmt}: score is typed");
        }
    }
    // GraphML start/end and GEXF spells give the days a date may denote.
    let gm_edges = &v["graphml"]["edges"];
    let gx_edges = &v["gexf"]["edges"];
    assert_eq!(v["gexf"]["mode"], "dynamic");
    for e in edges {
        let id = e["id"].as_str().unwrap();
        match e["date"].as_str() {
            Some(d) => {
                let date = polgraph::EdgeDate::parse(d).unwrap();
                let span = date.span();
                let start = span.start.map(|x| x.to_string());
                let end = span.end.map(|x| x.to_string());
                assert_eq!(gm_edges[id]["start"].as_str(), start.as_deref(), "{id}");
                assert_eq!(gm_edges[id]["end"].as_str(), end.as_deref(), "{id}");
                let spell = &gx_edges[id]["spells"][0];
                assert_eq!(
                    spell[0].as_str(),
                    Some(start.as_deref().unwrap_or("None")),
                    "{id}"
                );
                assert_eq!(
                    spell[1].as_str(),
                    Some(end.as_deref().unwrap_or("None")),
                    "{id}"
                );
            }
            None => assert!(
                gx_edges[id]["spells"].is_null(),
                "{id}: undated has no spell"
            ),
        }
    }
}

const FTM_CHECK: &str = r#"
import json, sys
from followthemoney import model
ents = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
ids = {e["id"]: e for e in ents}
errors, schemas = [], {}
for e in ents:
    schema = model.get(e["schema"])
    if schema is None or schema.abstract:
        errors.append(f"{e['id']}: bad schema {e['schema']}")
        continue
    schemas[e["schema"]] = schemas.get(e["schema"], 0) + 1
    for req in schema.required:
        if not e["properties"].get(req):
            errors.append(f"{e['id']}: missing required {req}")
    for key, values in e["properties"].items():
        prop = schema.get(key)
        if prop is None:
            errors.append(f"{e['id']}: {e['schema']} has no property {key}")
            continue
        for v in values:
            if prop.type.clean(v) is None:
                errors.append(f"{e['id']}: {key}={v!r} is not a valid {prop.type.name}")
            if prop.type.name == "entity":
                t = ids.get(v)
                if t is None:
                    errors.append(f"{e['id']}: {key} refers to missing {v}")
                elif not model.get(t["schema"]).is_a(prop.range):
                    errors.append(f"{e['id']}: {key} -> {t['schema']} is not a {prop.range.name}")
    proxy = model.get_proxy(e)
    if proxy.id != e["id"]:
        errors.append(f"{e['id']}: id changed")
print(json.dumps({"errors": errors, "schemas": schemas, "count": len(ents)}))
"#;

#[test]
fn followthemoney_validates_the_ftm_export_and_the_sample() {
    if !python_has("followthemoney") {
        return;
    }
    let s = Scratch::seed();
    let file = s.path("g.ftm.json");
    let (code, _, err) = run(s.cmd(&["export", "--format", "ftm", "-o", file.to_str().unwrap()]));
    assert_eq!(code, 0, "{err}");
    let v = python_json(FTM_CHECK, &[&file]);
    assert_eq!(v["errors"], Value::Array(vec![]), "{v}");
    let store = doc(&s.graph);
    let n = store["actors"].as_array().unwrap().len()
        + store["edges"].as_array().unwrap().len()
        + store["sources"].as_array().unwrap().len();
    assert_eq!(v["count"], n);
    assert!(v["schemas"]["Person"].as_u64().unwrap() >= 1, "{v}");
    assert!(v["schemas"]["Directorship"].as_u64().unwrap() >= 1, "{v}");
    assert!(v["schemas"]["Article"].as_u64().unwrap() >= 1, "{v}");
    // The hand-written sample follows the schema too.
    let v = python_json(FTM_CHECK, &[&data("entities.ftm.json")]);
    assert_eq!(v["errors"], Value::Array(vec![]), "{v}");
}

// ---------------------------------------------------------------- export

#[test]
fn neo4j_export_has_bulk_import_headers() {
    let s = Scratch::seed();
    let dir = s.path("neo");
    let (code, _, err) = run(s.cmd(&["export", "--format", "neo4j", "-o", dir.to_str().unwrap()]));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("neo4j-admin database import full"), "{err}");
    let nodes = std::fs::read_to_string(dir.join("nodes.csv")).unwrap();
    let rels = std::fs::read_to_string(dir.join("relationships.csv")).unwrap();
    assert!(nodes.starts_with("id:ID,:LABEL,name,kind,"), "{nodes}");
    assert!(
        rels.starts_with(":START_ID,:END_ID,:TYPE,id,date,start:date,end:date,"),
        "{rels}"
    );
    let store = doc(&s.graph);
    assert_eq!(
        nodes.lines().count() - 1,
        store["actors"].as_array().unwrap().len()
    );
    let mut r = csv::Reader::from_reader(rels.as_bytes());
    let recs: Vec<_> = r.records().map(Result::unwrap).collect();
    assert_eq!(recs.len(), store["edges"].as_array().unwrap().len());
    let ruled = recs.iter().find(|x| &x[2] == "RULED").unwrap();
    assert_eq!(
        (&ruled[4], &ruled[5], &ruled[6]),
        ("2021-01", "2021-01-01", "2021-01-31")
    );
}

#[test]
fn export_filters_select_edges_and_their_actors() {
    let s = Scratch::seed();
    let (code, out, err) =
        run(s.cmd(&["export", "--format", "jsonl", "--action", "ruled,protested"]));
    assert_eq!(code, 0, "{err}");
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!lines.is_empty());
    assert!(lines
        .iter()
        .all(|l| l["action"] == "ruled" || l["action"] == "protested"));
    let store = doc(&s.graph);
    let want = store["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "ruled" || e["action"] == "protested")
        .count();
    assert_eq!(lines.len(), want);
    let (code, out, _) = run(s.cmd(&["export", "--format", "graphml", "--status", "demanded"]));
    assert_eq!(code, 0);
    let demanded = store["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["status"] == "demanded")
        .count();
    assert_eq!(out.matches("<edge id=").count(), demanded);
}

#[test]
fn export_errors_write_nothing() {
    let s = Scratch::seed();
    let (code, _, err) = run(s.cmd(&["export", "--format", "csv"]));
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = run(s.cmd(&["export", "--format", "pdf"]));
    assert_eq!(code, 1, "{err}");
    let missing = s.path("no/such/dir/g.graphml");
    let (code, _, err) = run(s.cmd(&[
        "export",
        "--format",
        "graphml",
        "-o",
        missing.to_str().unwrap(),
    ]));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("g.graphml"), "{err}");
    let (code, _, err) = run(s.cmd(&["export", "--format", "gexf", "--from", "2021-02-30"]));
    assert_eq!(code, 1, "{err}");
    assert!(!s.path("no").exists());
    assert!(s.stray_files().is_empty());
}

#[test]
fn export_to_a_closed_pipe_is_quiet() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let s = Scratch::seed();
    for format in ["jsonl", "graphml"] {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("polgraph"))
            .arg("--graph")
            .arg(&s.graph)
            .args(["export", "--format", format])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(!first.is_empty());
        assert_eq!(out.status.code(), Some(0), "{format}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{format}");
    }
}
