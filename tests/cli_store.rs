//! Store and listing commands: the seed graph's output, editing, import,
//! and every bad-input case leaving the file byte-for-byte unchanged.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use crate::util::{json, polgraph, run, Scratch};

// ---------------------------------------------------------------- listings

#[test]
fn stats_json_counts_the_seed_graph() {
    let s = Scratch::seed();
    let v = json(s.cmd(&["stats", "--json"]));
    let doc: serde_json::Value = serde_json::from_slice(&s.bytes()).unwrap();
    let n_actors = doc["actors"].as_array().unwrap().len();
    let n_edges = doc["edges"].as_array().unwrap().len();
    assert_eq!(v["actors"], n_actors);
    assert_eq!(v["edges"], n_edges);
    assert_eq!(
        v["events"].as_u64().unwrap() + v["ties"].as_u64().unwrap(),
        n_edges as u64
    );
    assert_eq!(
        v["dated"].as_u64().unwrap() + v["undated"].as_u64().unwrap(),
        n_edges as u64
    );
    assert_eq!(v["unknown_actions"], 0);
}

#[test]
fn seed_table_outputs_are_stable() {
    let s = Scratch::seed();
    for (name, args) in [
        ("stats", vec!["stats"]),
        ("actors", vec!["actors"]),
        ("actors_person", vec!["actors", "--kind", "person"]),
        ("events", vec!["events"]),
        (
            "events_window",
            vec![
                "events",
                "--from",
                "2021-01-15",
                "--to",
                "2021-01-15",
                "--exclude-ties",
            ],
        ),
        ("show_japan_gov", vec!["show", "Government of Japan"]),
    ] {
        let (code, out, err) = run(s.cmd(&args));
        assert_eq!(code, 0, "{name}: {err}");
        insta::assert_snapshot!(name, out);
    }
}

#[test]
fn seed_json_outputs_are_stable() {
    let s = Scratch::seed();
    for (name, args) in [
        ("actors_json", vec!["actors", "--json", "--kind", "court"]),
        (
            "events_json",
            vec!["events", "--json", "--action", "ruled,protested"],
        ),
        ("show_json", vec!["show", "Funakoshi Takehiro", "--json"]),
    ] {
        let v = json(s.cmd(&args));
        insta::assert_json_snapshot!(name, v);
    }
}

#[test]
fn edge_json_has_the_documented_fields() {
    let s = Scratch::seed();
    let v = json(s.cmd(&["events", "--json"]));
    let list = v.as_array().unwrap();
    assert!(!list.is_empty());
    for e in list {
        for key in [
            "id",
            "source",
            "source_name",
            "action",
            "target",
            "target_name",
            "date",
            "status",
            "summary",
            "cites",
            "category",
            "quad",
            "score",
            "tie",
        ] {
            assert!(e.get(key).is_some(), "edge lacks {key}: {e}");
        }
    }
    // Undated edges come last with date null.
    let last = list.last().unwrap();
    assert!(last["date"].is_null());
}

#[test]
fn events_window_keeps_overlapping_spans_and_drops_undated() {
    let s = Scratch::seed();
    // 2021-01-08 lies inside the month-precision ruling date "2021-01".
    let v = json(s.cmd(&[
        "events",
        "--json",
        "--from",
        "2021-01-08",
        "--to",
        "2021-01-08",
    ]));
    let actions: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(actions.contains(&"ruled"), "{actions:?}");
    assert!(v.as_array().unwrap().iter().all(|e| !e["date"].is_null()));
    // The planned submission next week spans 2021-01-18/24.
    let v = json(s.cmd(&[
        "events",
        "--json",
        "--from",
        "2021-01-20",
        "--to",
        "2021-01-20",
        "--status",
        "planned",
    ]));
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["action"], "submitted");
}

#[test]
fn events_between_is_either_direction() {
    let s = Scratch::seed();
    let v = json(s.cmd(&[
        "events",
        "--json",
        "--between",
        "Government of the Republic of Korea",
        "Government of Japan",
    ]));
    let list = v.as_array().unwrap();
    assert!(list.len() >= 3);
    for e in list {
        let pair = [e["source"].as_str().unwrap(), e["target"].as_str().unwrap()];
        assert!(pair.contains(&"jpn-gov"), "{e}");
    }
    let dirs: std::collections::BTreeSet<&str> =
        list.iter().map(|e| e["source"].as_str().unwrap()).collect();
    assert_eq!(dirs.len(), 2, "both directions appear");
}

#[test]
fn names_resolve_loosely_and_ambiguity_is_listed() {
    let s = Scratch::seed();
    let (code, out, _) = run(s.cmd(&["show", "  KATO   katsunobu ", "--json"]));
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["actor"]["id"], "kato-katsunobu");
    // The report's own misspelling works as an alias.
    let v = json(s.cmd(&["show", "Funakoshi Kenyu", "--json"]));
    assert_eq!(v["actor"]["id"], "funakoshi-takehiro");
    let (code, _, err) = run(s.cmd(&["show", "Motegi Toshimitsuu"]));
    assert_eq!(code, 1);
    assert!(
        err.starts_with("error: no actor matches \"Motegi Toshimitsuu\"; did you mean"),
        "{err}"
    );
    assert!(err.contains("motegi-toshimitsu"), "{err}");
}

// ---------------------------------------------------------------- editing

#[test]
fn init_add_and_list() {
    let s = Scratch::empty();
    assert_eq!(run(s.cmd(&["init", "--name", "test"])).0, 0);
    let (code, _, err) = run(s.cmd(&["init"]));
    assert_eq!(code, 1, "init refuses to overwrite");
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(
        run(s.cmd(&[
            "add",
            "actor",
            "kor-court",
            "--name",
            "서울중앙지방법원",
            "--kind",
            "court",
            "--country",
            "KOR",
            "--alias",
            "Seoul Central District Court"
        ]))
        .0,
        0
    );
    assert_eq!(
        run(s.cmd(&[
            "add",
            "actor",
            "jpn-gov",
            "--name",
            "日本国政府",
            "--kind",
            "government",
            "--alias",
            "Government of Japan"
        ]))
        .0,
        0
    );
    assert_eq!(
        run(s.cmd(&[
            "add",
            "source",
            "cns",
            "--title",
            "Report",
            "--date",
            "2021-01-15"
        ]))
        .0,
        0
    );
    let (code, out, err) = run(s.cmd(&[
        "add",
        "edge",
        "seoul central district court",
        "ruled",
        "government of japan",
        "--date",
        "2021-01",
        "--cite",
        "cns",
        "--summary",
        "ordered compensation",
    ]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "e1");
    let v = json(s.cmd(&["events", "--json"]));
    assert_eq!(v[0]["source"], "kor-court");
    assert_eq!(v[0]["source_name"], "서울중앙지방법원");
    assert_eq!(v[0]["target"], "jpn-gov");
    assert_eq!(v[0]["date"], "2021-01");
    assert_eq!(v[0]["category"], "ACCUSE");
    assert_eq!(v[0]["cites"][0], "cns");
    // The written file is canonical: fmt --check agrees.
    assert_eq!(run(s.cmd(&["fmt", "--check"])).0, 0);
}

#[test]
fn unknown_action_is_accepted_with_a_warning() {
    let s = Scratch::seed();
    let (code, _, err) = run(s.cmd(&["add", "edge", "jpn-gov", "filibustered", "kor-gov"]));
    assert_eq!(code, 0);
    assert!(err.contains("not in the vocabulary"), "{err}");
    let (_, out, _) = run(s.cmd(&["validate"]));
    assert!(out.contains("unknown action \"filibustered\""), "{out}");
    let (code, _, _) = run(s.cmd(&["validate", "--strict"]));
    assert_eq!(code, 1);
}

#[test]
fn remove_and_merge() {
    let s = Scratch::seed();
    let before = s.bytes();
    let (code, _, err) = run(s.cmd(&["remove", "actor", "Kim Jung-han"]));
    assert_eq!(code, 1);
    assert!(err.contains("--cascade"), "{err}");
    assert_eq!(s.bytes(), before);
    assert_eq!(
        run(s.cmd(&["remove", "actor", "Kim Jung-han", "--cascade"])).0,
        0
    );
    let v = json(s.cmd(&["events", "--json"]));
    assert!(v
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["source"] != "kim-jung-han" && e["target"] != "kim-jung-han"));
    let (code, _, err) = run(s.cmd(&["remove", "edge", "nope"]));
    assert_eq!(code, 1);
    assert!(err.contains("no edge with id \"nope\""), "{err}");
    assert_eq!(run(s.cmd(&["remove", "edge", "e01"])).0, 0);

    // Merge the Japanese civic groups into the Korean ones.
    let edges_before = json(s.cmd(&["show", "japanese civic groups in germany", "--json"]))
        ["events"]
        .as_u64()
        .unwrap();
    let v = json(s.cmd(&[
        "merge",
        "japanese civic groups in germany",
        "south korean civic groups in germany",
        "--json",
    ]));
    assert_eq!(v["moved_edges"].as_u64().unwrap(), edges_before);
    let p = json(s.cmd(&["show", "Japanese civic groups in Germany", "--json"]));
    assert_eq!(
        p["actor"]["id"], "kor-civic-groups-germany",
        "the old name is now an alias"
    );
}

/// 8 × 200 `add edge` processes at once (the issue's numbers) while two
/// readers keep loading the store: every edge is counted at the end, and
/// every read sees a whole file whose edge count never goes down.
#[test]
fn concurrent_writers_lose_no_update() {
    let s = Scratch::seed();
    let before = json(s.cmd(&["stats", "--json"]))["edges"].as_u64().unwrap();
    let (writers, each) = (8, 200);
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let readers: Vec<_> = (0..2)
        .map(|_| {
            let graph = s.graph.clone();
            let done = done.clone();
            std::thread::spawn(move || {
                let (mut last, mut reads) = (0, 0);
                while !done.load(std::sync::atomic::Ordering::Relaxed) {
                    let out = polgraph()
                        .arg("--graph")
                        .arg(&graph)
                        .args(["stats", "--json"])
                        .output()
                        .unwrap();
                    assert!(
                        out.status.success(),
                        "a reader failed: {}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
                    let n = v["edges"].as_u64().unwrap();
                    assert!(n >= last, "a reader saw {n} edges after {last}");
                    (last, reads) = (n, reads + 1);
                }
                reads
            })
        })
        .collect();
    let handles: Vec<_> = (0..writers)
        .map(|w| {
            let graph = s.graph.clone();
            std::thread::spawn(move || {
                for i in 0..each {
                    let out = polgraph()
                        .arg("--graph")
                        .arg(&graph)
                        .args([
                            "add",
                            "edge",
                            "jpn-gov",
                            "met",
                            "kor-gov",
                            "--summary",
                            &format!("writer {w} call {i}"),
                        ])
                        .output()
                        .unwrap();
                    assert!(
                        out.status.success(),
                        "{}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    for r in readers {
        assert!(r.join().unwrap() > 0, "a reader never got to read");
    }
    let after = json(s.cmd(&["stats", "--json"]))["edges"].as_u64().unwrap();
    assert_eq!(after, before + writers * each);
    assert!(s.stray_files().is_empty(), "{:?}", s.stray_files());
}

// ---------------------------------------------------------------- import

#[test]
fn import_csv_all_or_nothing() {
    let s = Scratch::seed();
    std::fs::write(s.path("actors.csv"), "id,name,kind,country,aliases\nusa-gov,Government of the United States,government,USA,Washington;US government\n").unwrap();
    std::fs::write(s.path("events.csv"), "source,action,target,date,status,summary\nWashington,urged,jpn-gov,2021-02,,urged restraint\nusa-gov,met,Kim Jung-han,,planned,\n").unwrap();
    let (code, out, err) = run(s.cmd(&[
        "import",
        "--actors",
        s.path("actors.csv").to_str().unwrap(),
        "--events",
        s.path("events.csv").to_str().unwrap(),
        "--json",
    ]));
    assert_eq!(code, 0, "{err}");
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["actors_added"], 1);
    assert_eq!(r["edges_added"], 2);
    let v = json(s.cmd(&["events", "--json", "--actor", "usa-gov"]));
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert!(v[1]["date"].is_null(), "an empty date is undated");
    assert_eq!(v[1]["status"], "planned");

    // Bad rows: every one reported with its line, nothing saved.
    let before = s.bytes();
    std::fs::write(
        s.path("bad.csv"),
        "source,action,target,date\njpn-gov,met,kor-gov,2021-02-30\nnobody,met,kor-gov,2021\njpn-gov,Met!,kor-gov,2021\njpn-gov,met\n",
    )
    .unwrap();
    let (code, _, err) = run(s.cmd(&["import", "--events", s.path("bad.csv").to_str().unwrap()]));
    assert_eq!(code, 1);
    assert!(
        err.contains("bad.csv line 2, field `date`: invalid date \"2021-02-30\""),
        "{err}"
    );
    assert!(
        err.contains("bad.csv line 3, field `source`: unknown actor \"nobody\""),
        "{err}"
    );
    assert!(err.contains("bad.csv line 4, field `action`"), "{err}");
    assert!(
        err.contains("bad.csv line 5: has 2 fields, the header has 4"),
        "{err}"
    );
    assert_eq!(s.bytes(), before);

    // --create-actors makes the unknown actor instead.
    std::fs::write(
        s.path("new.csv"),
        "source,action,target,date\nUN Special Rapporteur,criticized,jpn-gov,2021-03\n",
    )
    .unwrap();
    let (code, _, err) = run(s.cmd(&["import", "--events", s.path("new.csv").to_str().unwrap()]));
    assert_eq!(code, 1, "unknown actor without --create-actors");
    assert!(err.contains("--create-actors"), "{err}");
    let (code, _, err) = run(s.cmd(&[
        "import",
        "--create-actors",
        "--events",
        s.path("new.csv").to_str().unwrap(),
    ]));
    assert_eq!(code, 0, "{err}");
    let p = json(s.cmd(&["show", "un special rapporteur", "--json"]));
    assert_eq!(p["actor"]["kind"], "unknown");
}

#[test]
fn import_rejects_unknown_columns() {
    let s = Scratch::seed();
    let before = s.bytes();
    std::fs::write(s.path("e.csv"), "source,action,target,when\n").unwrap();
    let (code, _, err) = run(s.cmd(&["import", "--events", s.path("e.csv").to_str().unwrap()]));
    assert_eq!(code, 1);
    assert!(err.contains("unknown column \"when\""), "{err}");
    assert!(
        err.contains("field `date`: required column is missing"),
        "{err}"
    );
    assert_eq!(s.bytes(), before);
}

// ---------------------------------------------------------------- bad input

/// A minimal valid document with `edges` spliced in.
fn doc_with(actors: &str, edges: &str) -> String {
    format!(
        "{{\"polgraph\": 1, \"name\": \"t\", \"sources\": [{{\"id\": \"s1\", \"title\": \"T\"}}], \"actors\": [{actors}], \"edges\": [{edges}]}}"
    )
}

const A: &str =
    r#"{"id": "a", "name": "A", "kind": "state"}, {"id": "b", "name": "B", "kind": "state"}"#;

#[test]
fn every_bad_document_fails_with_its_place_and_is_untouched() {
    let cases: Vec<(&str, String, Vec<&str>)> = vec![
        (
            "duplicate actor",
            doc_with(
                &format!("{A}, {{\"id\": \"a\", \"name\": \"A2\", \"kind\": \"state\"}}"),
                "",
            ),
            vec!["actors[2] (id \"a\"), field `id`: duplicate actor id \"a\" (first at actors[0])"],
        ),
        (
            "unknown actor",
            doc_with(
                A,
                r#"{"id": "e1", "source": "a", "action": "met", "target": "zz"}"#,
            ),
            vec!["edges[0] (id \"e1\"), field `target`: unknown actor \"zz\""],
        ),
        (
            "unknown source",
            doc_with(
                A,
                r#"{"id": "e1", "source": "a", "action": "met", "target": "b", "cites": ["nope"]}"#,
            ),
            vec!["field `cites`: unknown source \"nope\""],
        ),
        (
            "bad date",
            doc_with(
                A,
                r#"{"id": "e1", "source": "a", "action": "met", "target": "b", "date": "2021-02-30"}, {"id": "e2", "source": "a", "action": "met", "target": "b", "date": "99999-01-01"}"#,
            ),
            vec![
                "edges[0] (id \"e1\"), field `date`: invalid date \"2021-02-30\"",
                "edges[1] (id \"e2\"), field `date`: invalid date \"99999-01-01\"",
            ],
        ),
        (
            "reversed interval",
            doc_with(
                A,
                r#"{"id": "e1", "source": "a", "action": "met", "target": "b", "date": "2021-02/2021-01"}"#,
            ),
            vec![
                "edges[0] (id \"e1\"), field `date`",
                "start is after its end",
            ],
        ),
        (
            "empty name",
            doc_with(r#"{"id": "a", "name": " ", "kind": "state"}"#, ""),
            vec!["actors[0] (id \"a\"), field `name`: empty name"],
        ),
        (
            "control chars in id",
            doc_with(r#"{"id": "a\u0007b", "name": "A", "kind": "state"}"#, ""),
            vec!["actors[0]", "field `id`", "is not a valid id"],
        ),
        (
            "bad country",
            doc_with(
                r#"{"id": "a", "name": "A", "kind": "state", "country": "Korea"}"#,
                "",
            ),
            vec!["field `country`: \"Korea\" is not an ISO 3166-1 alpha-3 code"],
        ),
        (
            "bad status",
            doc_with(
                A,
                r#"{"id": "e1", "source": "a", "action": "met", "target": "b", "status": "rumoured"}"#,
            ),
            vec!["edges[0] (id \"e1\")", "rumoured"],
        ),
        (
            "unknown field",
            doc_with(
                A,
                r#"{"id": "e1", "source": "a", "action": "met", "target": "b", "sumary": "typo"}"#,
            ),
            vec!["edges[0] (id \"e1\")", "unknown field `sumary`"],
        ),
        (
            "version",
            "{\"polgraph\": 2, \"actors\": []}".to_string(),
            vec!["unknown format version 2"],
        ),
        (
            "no version",
            "{\"actors\": []}".to_string(),
            vec!["missing format version"],
        ),
        (
            "syntax",
            "{\"polgraph\": 1,\n\"actors\": [\n{\"id\": }]}".to_string(),
            vec!["g.json: line 3, column"],
        ),
        (
            "nul bytes",
            "{\"polgraph\": 1, \u{0}}".to_string(),
            vec!["g.json: line 1"],
        ),
        (
            "deep nesting",
            format!(
                "{{\"polgraph\": 1, \"name\": {}{}}}",
                "[".repeat(100_000),
                "]".repeat(100_000)
            ),
            vec!["g.json: line 1", "expected a string"],
        ),
        ("not an object", "[]".to_string(), vec!["g.json: line 1"]),
        (
            "list is a string",
            "{\"polgraph\": 1, \"edges\": \"none\"}".to_string(),
            vec!["document, field `edges`: expected a list, found a string"],
        ),
    ];
    for (name, content, needles) in cases {
        let s = Scratch::with(&content);
        for args in [
            vec!["stats"],
            vec!["add", "actor", "c", "--name", "C", "--kind", "state"],
            vec!["fmt"],
        ] {
            let (code, out, err) = run(s.cmd(&args));
            assert_eq!(code, 1, "{name} {args:?}: exit {code}\n{err}");
            assert!(out.is_empty(), "{name}: wrote to stdout: {out}");
            assert!(err.starts_with("error: "), "{name}: {err}");
            assert!(!err.contains("panicked"), "{name}: {err}");
            for n in &needles {
                assert!(err.contains(n), "{name}: {err:?} lacks {n:?}");
            }
            assert_eq!(s.bytes(), content.as_bytes(), "{name}: file changed");
            assert!(s.stray_files().is_empty());
        }
    }
}

#[test]
fn invalid_utf8_is_an_error_not_a_crash() {
    let s = Scratch::empty();
    std::fs::write(&s.graph, b"{\"polgraph\": 1, \"name\": \"\xff\xfe\"}").unwrap();
    let (code, _, err) = run(s.cmd(&["stats"]));
    assert_eq!(code, 1);
    assert!(err.contains("g.json: line 1"), "{err}");
    assert!(
        err.to_lowercase().contains("utf-8") || err.contains("unicode"),
        "{err}"
    );
}

#[test]
fn every_problem_is_listed_at_once() {
    let s = Scratch::with(&doc_with(
        r#"{"id": "a", "name": "", "kind": "state"}, {"id": "a", "name": "A", "kind": "state"}"#,
        r#"{"id": "e1", "source": "x", "action": "met", "target": "a"}, {"id": "e1", "source": "a", "action": "met", "target": "y"}"#,
    ));
    let (code, _, err) = run(s.cmd(&["stats"]));
    assert_eq!(code, 1);
    assert!(err.contains("5 problems found"), "{err}");
}

#[test]
fn bad_arguments() {
    let s = Scratch::seed();
    let before = s.bytes();
    for (args, code, needle) in [
        (
            vec![
                "add", "edge", "jpn-gov", "met", "kor-gov", "--date", "2021-13",
            ],
            1,
            "--date: invalid date \"2021-13\": month 13",
        ),
        (
            vec![
                "add", "edge", "jpn-gov", "met", "kor-gov", "--status", "rumoured",
            ],
            1,
            "--status: unknown status",
        ),
        (
            vec!["add", "edge", "jpn-gov", "met", "nobody"],
            1,
            "no actor matches \"nobody\"",
        ),
        (
            vec!["add", "edge", "jpn-gov", "met", "kor-gov", "--cite", "nope"],
            1,
            "unknown source \"nope\"",
        ),
        (
            vec!["add", "actor", "jpn-gov", "--name", "X", "--kind", "state"],
            1,
            "already exists",
        ),
        (
            vec!["add", "actor", "bad id", "--name", "X", "--kind", "state"],
            1,
            "is not a valid id",
        ),
        (
            vec!["events", "--from", "2021-02", "--to", "2021-01"],
            1,
            "--from/--to",
        ),
        (
            vec!["events", "--category", "HUGS"],
            1,
            "unknown category \"HUGS\"",
        ),
        (vec!["events", "--bogus"], 2, "unexpected argument"),
        (vec!["frobnicate"], 2, "unrecognized subcommand"),
    ] {
        let (c, _, err) = run(s.cmd(&args));
        assert_eq!(c, code, "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert_eq!(s.bytes(), before, "{args:?} changed the file");
    }
    let (c, _, err) = run(polgraph().args(["stats"]));
    assert_eq!(c, 2);
    assert!(err.contains("--graph FILE or set POLGRAPH_GRAPH"), "{err}");
    let (c, _, err) = run(polgraph().args(["--graph", "/nonexistent/g.json", "stats"]));
    assert_eq!(c, 1);
    assert!(
        err.starts_with("error: cannot read /nonexistent/g.json"),
        "{err}"
    );
}

#[test]
fn every_command_has_help_with_an_example() {
    let (_, out, _) = run(polgraph().arg("--help"));
    let commands: Vec<String> = out
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter(|l| !l.starts_with("   "))
        .map(|l| l.split_whitespace().next().unwrap().to_owned())
        .filter(|c| c != "help")
        .collect();
    assert!(commands.len() >= 15, "{commands:?}");
    for c in commands {
        let sub: Vec<&str> = match c.as_str() {
            "add" => vec!["add actor", "add edge", "add source"],
            "remove" => vec!["remove actor", "remove edge"],
            _ => vec![c.as_str()],
        };
        for s in sub {
            let args: Vec<&str> = s.split(' ').chain(["--help"]).collect();
            let (code, out, _) = run(polgraph().args(&args));
            assert_eq!(code, 0, "{s}");
            assert!(
                out.contains("Example"),
                "`{s} --help` shows no example:\n{out}"
            );
            let example = out.split("Example").nth(1).unwrap();
            assert!(
                example.contains(&format!(" {s}")),
                "`{s} --help`: the example does not use the command:\n{out}"
            );
        }
    }
}

#[test]
fn closed_stdout_is_quiet() {
    // A graph big enough that its listing overflows the pipe buffer.
    let s = Scratch::seed();
    let mut csv = String::from("source,action,target,date\n");
    for i in 0..3000 {
        csv.push_str(&format!("jpn-gov,met,kor-gov,2021-02-{:02}\n", i % 28 + 1));
    }
    std::fs::write(s.path("e.csv"), csv).unwrap();
    assert_eq!(
        run(s.cmd(&["import", "--events", s.path("e.csv").to_str().unwrap()])).0,
        0
    );
    for args in [vec!["events"], vec!["events", "--json"], vec!["actions"]] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("polgraph"))
            .arg("--graph")
            .arg(&s.graph)
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        // stdout is dropped here: the reader goes away like `| head -1`.
        let out = child.wait_with_output().unwrap();
        assert!(!first.is_empty());
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    }
}
