//! Hostile files not covered by `cli_store`'s list of bad documents: a
//! 100 MB single line, and CSV files with ragged rows, NUL bytes, invalid
//! UTF-8, impossible dates and control characters in ids. Big inputs are
//! generated here, in a temporary directory.

use std::path::Path;

use crate::util::{polgraph, run, Scratch};

/// Runs `polgraph --graph GRAPH ARGS` under `/usr/bin/time -v` when it is
/// there; returns (exit code, stderr of polgraph, peak RSS in MB if measured).
fn run_measured(graph: &Path, args: &[&str]) -> (i32, String, Option<u64>) {
    let time = Path::new("/usr/bin/time");
    let bin = assert_cmd::cargo::cargo_bin("polgraph");
    let mut c = if time.exists() {
        let mut c = std::process::Command::new(time);
        c.arg("-v").arg(bin);
        c
    } else {
        std::process::Command::new(bin)
    };
    c.env_remove("POLGRAPH_GRAPH")
        .arg("--graph")
        .arg(graph)
        .args(args);
    let out = c.output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    let rss = err
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Maximum resident set size (kbytes): ")
        })
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(|kb| kb / 1024);
    // /usr/bin/time appends its report (and "Command exited…") after ours.
    let ours = match err.find("\tCommand being timed") {
        Some(i) => err[..i].to_owned(),
        None => err,
    };
    let ours = ours
        .lines()
        .filter(|l| !l.starts_with("Command exited with non-zero status"))
        .collect::<Vec<_>>()
        .join("\n");
    (out.status.code().unwrap_or(-1), ours, rss)
}

const MB: usize = 1 << 20;

/// A graph file of `mb` MB on one line, in two shapes: a list of numbers
/// where edges belong, and one huge actor id. Both are a short error naming
/// the place, exit 1, nothing written, and memory within a small multiple
/// of the file. Before the fix the 100 MB list took 12 GB and 1:52 (one
/// message per item, over a JSON tree of 52 million values), and the id an
/// error message of 200 MB.
fn single_line(mb: usize) {
    let s = Scratch::empty();
    let size = mb * MB;
    let mut list = String::with_capacity(size + 64);
    list.push_str("{\"polgraph\": 1, \"edges\": [1");
    while list.len() < size {
        list.push_str(",1");
    }
    list.push_str("]}");
    let mut id = String::with_capacity(size + 128);
    id.push_str("{\"polgraph\": 1, \"actors\": [{\"id\": \"");
    id.extend(std::iter::repeat_n('x', size));
    id.push_str("\", \"name\": \"A\", \"kind\": \"state\"}]}");
    let cases: [(&str, String, &[&str]); 2] = [
        (
            "list of numbers",
            list,
            &[
                "edges[0]: invalid type: integer `1`, expected struct Edge",
                "edges[49]: invalid type",
                "1001 problems found",
                "more problems",
            ],
        ),
        (
            "huge id",
            id,
            &[
                "actors[0] (id \"xxxxxxxx",
                "…\"), field `id`",
                "is not a valid id",
            ],
        ),
    ];
    for (name, content, needles) in cases {
        std::fs::write(&s.graph, &content).unwrap();
        drop(content);
        let before_len = std::fs::metadata(&s.graph).unwrap().len();
        let t = std::time::Instant::now();
        let (code, err, rss) = run_measured(
            &s.graph,
            &["add", "actor", "c", "--name", "C", "--kind", "state"],
        );
        eprintln!(
            "{mb} MB {name}: exit {code} in {:.1} s, peak RSS {rss:?} MB, {} bytes of message",
            t.elapsed().as_secs_f64(),
            err.len()
        );
        assert_eq!(code, 1, "{name}: {err}");
        assert!(err.starts_with("error: "), "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert!(err.len() < 8_000, "{name}: a {} byte message", err.len());
        for n in needles {
            assert!(err.contains(n), "{name}: {err:?} lacks {n:?}");
        }
        if let Some(rss) = rss {
            // The file is read whole, and the id held once more.
            assert!(
                rss < 40 + 4 * mb as u64,
                "{name}: peak RSS {rss} MB for {mb} MB"
            );
        }
        assert_eq!(std::fs::metadata(&s.graph).unwrap().len(), before_len);
        assert!(s.stray_files().is_empty(), "{name}: {:?}", s.stray_files());
    }
}

/// [`single_line`] at 10 MB: a few seconds in a debug build.
#[test]
fn a_10_mb_single_line_is_a_short_error_in_bounded_memory() {
    single_line(10);
}

/// [`single_line`] at the 100 MB; about 30 s in a debug build, so
/// run on demand: `cargo test --release -- --ignored a_100_mb`.
#[test]
#[ignore = "100 MB of input: run with --ignored (see README)"]
fn a_100_mb_single_line_is_a_short_error_in_bounded_memory() {
    single_line(100);
}

/// Event rows are read in blocks of 16 (their actor lookups overlap); the
/// problems still come out in line order, rows of the wrong width among
/// the others, on both sides of a block's end.
#[test]
fn problems_of_event_rows_are_listed_in_line_order() {
    let s = Scratch::seed();
    let before = s.bytes();
    let mut events = String::from("source,action,target,date\n");
    let mut want = Vec::new();
    for line in 2..=45u32 {
        let row = match line {
            5 | 18 | 34 => {
                want.push(format!(
                    "events.csv line {line}: has 2 fields, the header has 4"
                ));
                "jpn-gov,met\n".to_owned()
            }
            17 | 33 => {
                want.push(format!(
                    "events.csv line {line}, field `target`: unknown actor \"nobody-{line}\""
                ));
                format!("jpn-gov,met,nobody-{line},2021-01-08\n")
            }
            19 | 45 => {
                want.push(format!(
                    "events.csv line {line}, field `date`: invalid date \"2021-02-3{line}\""
                ));
                format!("jpn-gov,met,kor-gov,2021-02-3{line}\n")
            }
            _ => "jpn-gov,met,kor-gov,2021-01-08\n".to_owned(),
        };
        events.push_str(&row);
    }
    std::fs::write(s.path("events.csv"), &events).unwrap();
    let (code, _, err) =
        run(s.cmd(&["import", "--events", s.path("events.csv").to_str().unwrap()]));
    assert_eq!(code, 1, "{err}");
    let mut at = 0;
    for w in &want {
        let found = err[at..].find(w.as_str());
        assert!(found.is_some(), "{err}\nlacks {w:?} after byte {at}");
        at += found.unwrap_or(0) + w.len();
    }
    assert_eq!(s.bytes(), before, "the store changed");
}

/// Every bad CSV row is reported with its file, line and field; the import
/// exits 1 and writes nothing.
#[test]
fn hostile_csv_rows_are_named_by_line_and_nothing_is_written() {
    let s = Scratch::seed();
    let before = s.bytes();
    let mut actors: Vec<u8> = b"id,name,kind,country\n".to_vec();
    actors.extend_from_slice(b"ok-1,Fine Actor,state,KOR\n"); // line 2
    actors.extend_from_slice(b"ragged,Only Three,state\n"); // line 3
    actors.extend_from_slice(b"nul-1,Nul\0Name,state,KOR\n"); // line 4
    actors.extend_from_slice(b"bad-utf8,Caf\xe9,state,FRA\n"); // line 5
    actors.extend_from_slice(b"ctl\x07id,Bell,state,KOR\n"); // line 6
    actors.extend_from_slice(b"tab\tid,Tab,state,KOR\n"); // line 7
    actors.extend_from_slice(b"ragged-2,Too,many,KOR,fields\n"); // line 8
    std::fs::write(s.path("actors.csv"), &actors).unwrap();
    let mut events: Vec<u8> = b"source,action,target,date,id\n".to_vec();
    events.extend_from_slice(b"jpn-gov,met,kor-gov,2021-02-30,x1\n"); // line 2
    events.extend_from_slice(b"jpn-gov,met,kor-gov,99999-01-01,x2\n"); // line 3
    events.extend_from_slice(b"jpn-gov,met,kor-gov,2021-01,x\x01y\n"); // line 4
    events.extend_from_slice(b"jpn\0gov,met,kor-gov,2021,x4\n"); // line 5
    events.extend_from_slice(b"jpn-gov,met,kor-gov,2021-\xff,x5\n"); // line 6
    events.extend_from_slice(b"jpn-gov,met\n"); // line 7
    std::fs::write(s.path("events.csv"), &events).unwrap();

    let expect_actors = [
        "actors.csv line 3: has 3 fields, the header has 4",
        "actors.csv line 4, field `name`: \"Nul\\0Name\" contains control characters",
        "actors.csv line 5, field `name`: is not valid UTF-8",
        "actors.csv line 6, field `id`: \"ctl\\u{7}id\" is not a valid id",
        "actors.csv line 7, field `id`: \"tab\\tid\" is not a valid id",
        "actors.csv line 8: has 5 fields, the header has 4",
    ];
    let (code, out, err) =
        run(s.cmd(&["import", "--actors", s.path("actors.csv").to_str().unwrap()]));
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty());
    for n in expect_actors {
        assert!(err.contains(n), "{err}\nlacks {n:?}");
    }
    assert!(!err.contains("line 2"), "line 2 is fine: {err}");

    let expect_events = [
        "events.csv line 2, field `date`: invalid date \"2021-02-30\": day 30 is out of range for February 2021",
        "events.csv line 3, field `date`: invalid date \"99999-01-01\"",
        "events.csv line 4, field `id`: \"x\\u{1}y\" is not a valid id",
        "events.csv line 5, field `source`: unknown actor \"jpn\\0gov\"",
        "events.csv line 6, field `date`: is not valid UTF-8",
        "events.csv line 7: has 2 fields, the header has 5",
    ];
    let (code, _, err) =
        run(s.cmd(&["import", "--events", s.path("events.csv").to_str().unwrap()]));
    assert_eq!(code, 1, "{err}");
    for n in expect_events {
        assert!(err.contains(n), "{err}\nlacks {n:?}");
    }
    // --create-actors does not turn a NUL-laden name into an actor.
    let (code, _, err) = run(s.cmd(&[
        "import",
        "--create-actors",
        "--events",
        s.path("events.csv").to_str().unwrap(),
    ]));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(
            "events.csv line 5, field `source`: \"jpn\\0gov\" contains control characters"
        ),
        "{err}"
    );
    assert_eq!(s.bytes(), before, "a failed import wrote the graph");
    assert!(s.stray_files().is_empty());
}

/// A CSV that is not text at all (binary noise with NULs and a header that
/// is not UTF-8) is an error about the header, not a crash.
#[test]
fn binary_csv_is_an_error_not_a_crash() {
    let s = Scratch::seed();
    let before = s.bytes();
    let mut noise = vec![0xffu8, 0xfe, 0, 0, b',', 0x80, b'\n'];
    let mut x: u32 = 7;
    for _ in 0..4096 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        noise.push(x as u8);
    }
    std::fs::write(s.path("noise.csv"), &noise).unwrap();
    for flag in ["--actors", "--events"] {
        let (code, _, err) = run(s.cmd(&["import", flag, s.path("noise.csv").to_str().unwrap()]));
        assert_eq!(code, 1, "{flag}: {err}");
        assert!(err.starts_with("error: "), "{flag}: {err}");
        assert!(err.contains("noise.csv line 1"), "{flag}: {err}");
        assert!(!err.contains("panicked"), "{flag}: {err}");
    }
    assert_eq!(s.bytes(), before);
    let _ = polgraph;
}
