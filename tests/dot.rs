//! Diagrams: `polgraph dot` and the DOT renderer. Every diagram a test makes
//! is run through the real Graphviz `dot -Tsvg`, which must succeed with
//! nothing on stderr. Without Graphviz the tests print a note and skip that
//! check — except under `CI`, where a missing `dot` fails.

use std::io::Write;
use std::process::{Command, Stdio};

use polgraph::model::{Actor, Document, Edge, EdgeDate, Source, Status};
use polgraph::render::dot::{self as render, Clusters, Diagram, DotOptions, Sizes};
use polgraph::Graph;

use proptest::prelude::*;

use crate::util::{polgraph, run, Scratch};

/// Whether Graphviz is here; under CI a missing `dot` is a failure.
fn have_dot() -> bool {
    let ok = Command::new("dot")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "Graphviz `dot` is not installed but CI is set: install it (apt-get install graphviz)"
        );
        eprintln!("note: Graphviz `dot` not installed; skipping the Graphviz check");
    }
    ok
}

/// Runs `dot -Tsvg` on `src`; panics on failure or on anything on stderr.
/// Returns the SVG (empty when Graphviz is missing outside CI).
fn graphviz(src: &[u8], what: &str) -> String {
    if !have_dot() {
        return String::new();
    }
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let src_owned = src.to_vec();
    let feeder = std::thread::spawn(move || stdin.write_all(&src_owned));
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.is_empty(),
        "dot -Tsvg on {what}: {}\nstderr:\n{stderr}\nDOT:\n{}",
        out.status,
        String::from_utf8_lossy(&src[..src.len().min(4000)])
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs `polgraph … dot ARGS`, expects success, checks the DOT with Graphviz.
fn dot_ok(s: &Scratch, args: &[&str]) -> String {
    let mut full = vec!["dot"];
    full.extend_from_slice(args);
    let (code, out, err) = run(s.cmd(&full));
    assert_eq!(code, 0, "dot {args:?} failed: {err}");
    assert!(out.starts_with("digraph {\n"), "{out}");
    graphviz(out.as_bytes(), &format!("polgraph dot {args:?}"));
    out
}

/// Text of the SVG's `<text>` elements and tooltips, XML entities decoded.
fn svg_texts(svg: &str) -> String {
    let mut out = String::new();
    for part in svg.split("<text").skip(1) {
        if let Some(body) = part
            .split_once('>')
            .and_then(|(_, r)| r.split_once("</text>"))
        {
            out.push_str(&unxml(body.0));
            out.push('\n');
        }
    }
    for part in svg.split("xlink:title=\"").skip(1) {
        if let Some((t, _)) = part.split_once('"') {
            out.push_str(&unxml(t));
            out.push('\n');
        }
    }
    out
}

fn unxml(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let end = tail.find(';').unwrap();
        let ent = &tail[1..end];
        match ent {
            "amp" => out.push('&'),
            "lt" => out.push('<'),
            "gt" => out.push('>'),
            "quot" => out.push('"'),
            "apos" => out.push('\''),
            e if e.starts_with("#x") => {
                out.push(char::from_u32(u32::from_str_radix(&e[2..], 16).unwrap()).unwrap())
            }
            e if e.starts_with('#') => out.push(char::from_u32(e[1..].parse().unwrap()).unwrap()),
            e => panic!("unknown entity {e}"),
        }
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    out
}

// ------------------------------------------------------------ the seed graph

#[test]
fn seed_whole_graph_draws_cleanly_and_deterministically() {
    let s = Scratch::seed();
    let a = dot_ok(&s, &[]);
    let b = dot_ok(&s, &[]);
    assert_eq!(a, b, "same input, same bytes");
    assert!(a.contains(r#"label="protested · 2021-01-15""#), "{a}");
    assert!(
        a.contains(r#"label="submitted · 2021-01-18/24 (planned)""#),
        "{a}"
    );
    assert!(a.contains(r#"label="ruled · 2021-01""#), "{a}");
    assert!(a.contains(r#"label="sued · by 2021-01""#), "{a}");
    assert!(a.contains("Seoul comfort-women ruling and responses, January 2021"));
    assert!(a.contains("<b>Legend</b>"));
    // Ties grey dashed, demanded acts dotted, symmetric acts undirected.
    let line = |needle: &str| {
        a.lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle}"))
            .to_owned()
    };
    assert!(line("label=\"part of · 2021-01-15\"").contains("style=dashed"));
    assert!(line("label=\"froze assets (demanded)\"").contains("style=dotted"));
    assert!(line("label=\"consulted · 2021-01-15\"").contains("dir=none"));
    // The tooltip carries the summary and the cited source.
    let ruled = line("label=\"ruled · 2021-01\"");
    assert!(
        ruled.contains("ordering the Government of Japan to pay compensation"),
        "{ruled}"
    );
    assert!(
        ruled.contains("— China News Service, 2021-01-15"),
        "{ruled}"
    );
    // Every actor is drawn (Kyodo News has no edge but nothing filters it out).
    assert_eq!(
        a.lines()
            .filter(|l| l.trim_start().starts_with('n')
                && l.contains(" [label=")
                && !l.contains("->"))
            .count(),
        23
    );
}

#[test]
fn every_option_draws_cleanly() {
    let s = Scratch::seed();
    let cases: &[&[&str]] = &[
        &["--around", "Government of Japan"],
        &["--around", "jpn-gov", "--depth", "2", "--merge"],
        &[
            "--path",
            "Seoul Central District Court",
            "Motegi Toshimitsu",
        ],
        &["--path", "kor", "jpn", "--merge"],
        &["--timeline"],
        &["--timeline", "--exclude-ties", "--merge"],
        &["--cluster", "community"],
        &["--cluster", "country", "--merge"],
        &["--cluster", "kind", "--lr"],
        &["--size-by", "pagerank"],
        &["--size-by", "degree", "--cluster", "community"],
        &["--size-by", "betweenness", "--timeline"],
        &["--top", "5"],
        &["--top", "3", "--around", "jpn-gov"],
        &["--from", "2021-01-15", "--to", "2021-01-15"],
        &["--from", "2021-01"],
        &["--to", "2019"],
        &["--action", "protested,rejected,condemned"],
        &["--category", "PROTEST,REJECT,ACCUSE"],
        &["--kind", "person,government"],
        &["--status", "planned,demanded"],
        &["--no-legend", "--merge", "--cluster", "kind"],
    ];
    for args in cases {
        dot_ok(&s, args);
    }
}

#[test]
fn ego_network_holds_the_actor_and_its_neighbours_only() {
    let s = Scratch::seed();
    let out = dot_ok(&s, &["--around", "Government of Japan", "--depth", "1"]);
    assert!(out.contains("around Government of Japan, depth 1"), "{out}");
    assert!(out.contains("label=\"Government of Japan\""));
    assert!(out.contains("label=\"Seoul Central District\\nCourt\""));
    // Kim Jung-han is two steps away (via the Government of the Republic of Korea).
    assert!(!out.contains("label=\"Kim Jung-han\""), "{out}");
    let two = dot_ok(&s, &["--around", "Government of Japan", "--depth", "2"]);
    assert!(two.contains("label=\"Kim Jung-han\""));
}

#[test]
fn path_shows_the_hops_and_their_evidence() {
    let s = Scratch::seed();
    let out = dot_ok(
        &s,
        &[
            "--path",
            "Seoul Central District Court",
            "Motegi Toshimitsu",
        ],
    );
    assert!(
        out.contains("shortest path: Seoul Central District Court → Motegi Toshimitsu (2 steps)"),
        "{out}"
    );
    assert!(out.contains("rankdir=LR"));
    assert!(out.contains("label=\"condemned · 2021-01-15\""), "{out}");
    assert!(
        out.contains("label=\"submitted · 2021-01-18/24 (planned)\""),
        "{out}"
    );
    assert_eq!(out.matches("label=\"\", shape=point").count(), 0);
    let drawn_edges = out
        .lines()
        .filter(|l| l.trim_start().starts_with('n') && l.contains(" -> "))
        .count();
    assert_eq!(drawn_edges, 2, "{out}");
}

#[test]
fn no_path_and_unknown_actors_fail_clearly() {
    let s = Scratch::seed();
    let (code, out, err) = run(s.cmd(&["dot", "--path", "Peng Dawei", "Motegi Toshimitsu"]));
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(
        err.contains("no path between Peng Dawei and Motegi Toshimitsu"),
        "{err}"
    );
    let (code, _, err) = run(s.cmd(&["dot", "--around", "Japn"]));
    assert_eq!(code, 1);
    assert!(err.contains("did you mean"), "{err}");
}

#[test]
fn merge_draws_one_edge_with_count_and_range() {
    let mut doc = Document::new("merge");
    doc.actors.push(Actor::new("a", "A", "government"));
    doc.actors.push(Actor::new("b", "B", "government"));
    for (i, d) in ["2021-01-20", "2021-01-18/2021-01-24", "2021-01-15"]
        .iter()
        .enumerate()
    {
        let mut e = Edge::new("a", "protested", "b");
        e.id = format!("e{}", i + 1);
        e.date = Some(EdgeDate::parse(d).unwrap());
        doc.edges.push(e);
    }
    let mut m = Edge::new("a", "met", "b");
    m.id = "e9".into();
    doc.edges.push(m);
    let s = Scratch::with(&serde_json::to_string(&doc).unwrap());
    let merged = dot_ok(&s, &["--merge"]);
    assert!(
        merged.contains("label=\"protested ×3 · 2021-01-15/24\""),
        "{merged}"
    );
    assert!(merged.contains("3 acts"), "{merged}");
    assert!(merged.contains("label=\"met\""), "{merged}");
    let plain = dot_ok(&s, &[]);
    assert_eq!(plain.matches("label=\"protested · ").count(), 3, "{plain}");
}

// ---------------------------------------------------------- escaping

/// Names no store would let in (newlines, control characters) plus every
/// other adversarial string.
fn adversarial_names() -> Vec<String> {
    vec![
        "quote \" inside".into(),
        "\"".into(),
        "back\\slash".into(),
        "ends with backslash \\".into(),
        "\\".into(),
        "\\\\double".into(),
        "\\\"escaped quote".into(),
        "new\nline".into(),
        "cr\r\nlf".into(),
        "nul\0 and bell\u{7}".into(),
        "{braces} [brackets]".into(),
        "a -> b -- c".into(),
        "port:colon:s".into(),
        "<b>x</b>".into(),
        "<<html>>".into(),
        "&lt;b&gt; &amp; AT&T".into(),
        "\\N \\G \\E \\T \\H \\L \\l \\r \\n".into(),
        "emoji 🇰🇷🇯🇵 👩‍⚖️".into(),
        "서울중앙지방법원".into(),
        "茂木敏充".into(),
        "قاضی / שופט / Судья".into(),
        "x".repeat(5000),
        "word ".repeat(1000),
        String::new(),
        "   ".into(),
        "digraph { n0 -> n1 }".into(),
        "subgraph cluster_0 { label=x }".into(),
        "/* comment */ // line # hash".into(),
    ]
}

fn adversarial_graph(names: &[String]) -> Graph {
    let mut doc = Document::new("adversarial \"graph\"\n\\G name");
    doc.sources.push(Source {
        id: "s1".into(),
        title: "Title \"q\" \\N <i>&lt;\nline".into(),
        publisher: Some("Pub\\lisher\r\n".into()),
        date: Some(EdgeDate::parse("2021-01-15").unwrap()),
        url: Some("https://example.org/a?b=1&c=\"x\"".into()),
    });
    let kinds = [
        "person",
        "court",
        "government",
        "party",
        "international_org",
        "state",
        "ngo",
        "media",
        "weird kind \"k\"",
    ];
    for (i, n) in names.iter().enumerate() {
        let mut a = Actor::new(format!("a{i}"), n.clone(), kinds[i % kinds.len()]);
        a.country = Some(if i % 2 == 0 {
            "KOR".into()
        } else {
            "JPN".into()
        });
        a.aliases = vec![n.clone()];
        a.description = Some(format!("about {n}"));
        doc.actors.push(a);
    }
    let actions = [
        "protested",
        "met",
        "member_of",
        "ruled",
        "demanded",
        "froze_assets",
        "weird \"act\" \\N",
    ];
    let dates = [
        Some("2021-01-15"),
        Some("2021-01-18/2021-01-24"),
        Some("2021-01/2021-03"),
        Some("../2021"),
        Some("2020-07/.."),
        None,
    ];
    for i in 0..names.len() {
        for step in [1, 3] {
            let j = (i + step) % names.len();
            let k = i * 2 + step;
            let mut e = Edge::new(format!("a{i}"), actions[k % actions.len()], format!("a{j}"));
            e.id = format!("e{k}");
            e.date = dates[k % dates.len()].map(|d| EdgeDate::parse(d).unwrap());
            e.status = Status::ALL[k % Status::ALL.len()];
            e.summary = Some(format!("{} did it to {}", names[i], names[j]).into());
            e.cites = vec!["s1".into(), format!("missing \"{k}\"").into()];
            doc.edges.push(e);
        }
    }
    Graph::new(doc).unwrap()
}

/// The option sets the adversarial tests render with: legend and titles,
/// merged edges with country clusters, kind clusters left to right,
/// community clusters with sizes, the timeline, no label truncation.
fn option_variants(g: &Graph) -> Vec<DotOptions> {
    let actors: Vec<u32> = (0..g.actor_count() as u32).collect();
    let membership: Vec<u32> = actors.iter().map(|a| a % 3).collect();
    let weight: Vec<f64> = actors.iter().map(|&a| f64::from(a)).collect();
    vec![
        DotOptions {
            legend: true,
            title: g.doc().name.clone(),
            subtitle: vec!["sub \"t\" \\N".into()],
            ..DotOptions::default()
        },
        DotOptions {
            merge: true,
            clusters: Some(Clusters::by_country(g, &actors)),
            ..DotOptions::default()
        },
        DotOptions {
            clusters: Some(Clusters::by_kind(g, &actors)),
            left_to_right: true,
            legend: true,
            ..DotOptions::default()
        },
        DotOptions {
            clusters: Some(Clusters::from_membership(g, &actors, &membership, &weight)),
            sizes: Some(Sizes {
                measure: "pagerank \"x\"".into(),
                score: weight.clone(),
            }),
            legend: true,
            ..DotOptions::default()
        },
        DotOptions {
            timeline: true,
            merge: true,
            legend: true,
            ..DotOptions::default()
        },
        DotOptions {
            max_label: 100_000,
            ..DotOptions::default()
        },
    ]
}

#[test]
fn adversarial_names_render_through_graphviz_intact() {
    let names = adversarial_names();
    let g = adversarial_graph(&names);
    let variants = option_variants(&g);
    for (i, o) in variants.iter().enumerate() {
        let bytes = render::to_bytes(&g, &Diagram::whole(&g), o);
        assert_eq!(
            bytes,
            render::to_bytes(&g, &Diagram::whole(&g), o),
            "deterministic"
        );
        let svg = graphviz(&bytes, &format!("adversarial variant {i}"));
        if svg.is_empty() {
            continue;
        }
        let texts = svg_texts(&svg);
        for needle in [
            "서울중앙지방법원",
            "茂木敏充",
            "<b>x</b>",
            "&lt;b&gt; &amp; AT&T",
            "quote \" inside",
            "a -> b -- c",
            "{braces} [brackets]",
            "emoji 🇰🇷🇯🇵 👩‍⚖️",
            "back\\slash",
            "ends with backslash \\",
        ] {
            assert!(
                texts.contains(needle),
                "variant {i}: {needle:?} not shown intact"
            );
        }
        // Graphviz's escapes are never triggered by a name: the literal
        // backslash sequences come out as written, in labels and tooltips.
        assert!(
            texts.contains("\\N \\G \\E \\T \\H \\L \\l \\r \\n"),
            "variant {i}"
        );
        assert!(
            texts.contains("about \\N \\G \\E \\T \\H \\L \\l \\r \\n"),
            "variant {i}: node tooltip"
        );
        assert!(
            texts.contains("Title \"q\" \\N <i>&lt;"),
            "variant {i}: source in edge tooltip"
        );
    }
}

#[test]
fn adversarial_text_in_a_store_through_the_cli() {
    // The store refuses control characters in names, but summaries, source
    // titles, descriptions and the graph name may hold anything.
    let mut doc = Document::new("name with \"quotes\"\nand a newline \\N");
    doc.sources.push(Source {
        id: "s1".into(),
        title: "{title} -> \\G <b>x</b>\r\n".into(),
        publisher: Some("서울 \"press\"".into()),
        date: None,
        url: None,
    });
    for (i, n) in [
        "서울중앙지방법원",
        "茂木敏充",
        "\\N",
        "<b>x</b>",
        "a -> b: {c}",
        "\"q\\",
        "🇰🇷",
    ]
    .iter()
    .enumerate()
    {
        let mut a = Actor::new(format!("a{i}"), *n, "person");
        a.description = Some("desc\n\twith \\E \u{1}control".into());
        doc.actors.push(a);
    }
    for i in 0..7 {
        let mut e = Edge::new(format!("a{i}"), "protested", format!("a{}", (i + 1) % 7));
        e.id = format!("e{i}");
        e.date = Some(EdgeDate::parse("2021-01-15").unwrap());
        e.summary = Some("line1\nline2 \"quoted\" \\T\r\u{7f}".into());
        e.cites = vec!["s1".into()];
        doc.edges.push(e);
    }
    let s = Scratch::with(&serde_json::to_string(&doc).unwrap());
    for args in [
        &[][..],
        &["--merge", "--cluster", "community"],
        &["--timeline"],
        &["--around", "서울중앙지방법원"],
        &["--path", "\\N", "🇰🇷"],
    ] {
        let out = dot_ok(&s, args);
        assert!(out.contains("서울중앙지방법원"), "{out}");
    }
}

// ---------------------------------------------------------- output and Graphviz

#[test]
fn output_file_gets_the_same_dot() {
    let s = Scratch::seed();
    let stdout = dot_ok(&s, &["--cluster", "country"]);
    let path = s.path("out.dot");
    let (code, out, err) =
        run(s.cmd(&["dot", "--cluster", "country", "-o", path.to_str().unwrap()]));
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), stdout);
}

#[test]
fn render_svg_with_graphviz() {
    if !have_dot() {
        return;
    }
    let s = Scratch::seed();
    let path = s.path("seed.svg");
    let (code, _, err) = run(s.cmd(&["dot", "--render", "svg", "-o", path.to_str().unwrap()]));
    assert_eq!(code, 0, "{err}");
    let svg = std::fs::read_to_string(&path).unwrap();
    assert!(svg.contains("<svg"), "{svg}");
    assert!(svg.contains("Government of Japan"));
    assert!(!err.contains("graphviz:"), "Graphviz warned: {err}");
    // The extension alone is enough.
    let png = s.path("seed.png");
    let (code, _, err) = run(s.cmd(&["dot", "--around", "jpn-gov", "-o", png.to_str().unwrap()]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(&std::fs::read(&png).unwrap()[..4], b"\x89PNG");
}

#[test]
fn render_without_graphviz_says_how_to_install_and_writes_nothing() {
    let s = Scratch::seed();
    let empty = s.path("empty-bin");
    std::fs::create_dir(&empty).unwrap();
    let path = s.path("out.svg");
    let mut c = s.cmd(&["dot", "--render", "svg", "-o", path.to_str().unwrap()]);
    c.env("PATH", &empty);
    let (code, out, err) = run(c);
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty());
    assert!(err.starts_with("error: Graphviz is not installed"), "{err}");
    assert!(err.contains("apt-get install graphviz"), "{err}");
    assert!(err.contains("brew install graphviz"), "{err}");
    assert!(!path.exists(), "nothing written");
    assert!(s.stray_files().is_empty());
}

#[test]
fn render_needs_an_output_file() {
    let s = Scratch::seed();
    let (code, out, err) = run(s.cmd(&["dot", "--render", "png"]));
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("--output"), "{err}");
}

#[test]
fn big_graphs_warn_but_still_draw() {
    let mut doc = Document::new("big");
    for i in 0..310 {
        doc.actors.push(Actor::new(
            format!("a{i:03}"),
            format!("Actor {i}"),
            "person",
        ));
    }
    for i in 0..309 {
        let mut e = Edge::new(format!("a{i:03}"), "met", format!("a{:03}", i + 1));
        e.id = format!("e{i}");
        doc.edges.push(e);
    }
    let s = Scratch::with(&serde_json::to_string(&doc).unwrap());
    let (code, out, err) = run(s.cmd(&["dot"]));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("warning: 310 actors"), "{err}");
    assert!(
        err.contains("--around") && err.contains("--top") && err.contains("--cluster"),
        "{err}"
    );
    assert!(out.ends_with("}\n"));
    graphviz(out.as_bytes(), "310-actor chain");
    let (_, _, err) = run(s.cmd(&["dot", "--top", "20"]));
    assert!(!err.contains("warning"), "{err}");
}

#[test]
fn closed_pipe_is_quiet() {
    let mut doc = Document::new("pipe");
    for i in 0..3000 {
        doc.actors.push(Actor::new(
            format!("a{i}"),
            format!("Actor number {i} with a long name"),
            "person",
        ));
    }
    let s = Scratch::with(&serde_json::to_string(&doc).unwrap());
    let bin = assert_cmd::cargo::cargo_bin("polgraph");
    let mut child = Command::new(bin)
        .args(["-q", "--graph"])
        .arg(&s.graph)
        .arg("dot")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn help_names_every_flag() {
    let (code, out, _) = run({
        let mut c = polgraph();
        c.args(["dot", "--help"]);
        c
    });
    assert_eq!(code, 0);
    for flag in [
        "--around",
        "--depth",
        "--path",
        "--top",
        "--from",
        "--to",
        "--action",
        "--category",
        "--kind",
        "--cluster",
        "--merge",
        "--size-by",
        "--timeline",
        "--render",
        "--output",
        "apt-get install graphviz",
    ] {
        assert!(out.contains(flag), "{flag} missing from help:\n{out}");
    }
}

/// Any names, in any of the option sets: the DOT always goes through
/// Graphviz (exit 0, nothing on stderr) and is the same bytes twice. Names
/// mix the adversarial strings above, arbitrary Unicode (control characters
/// included) and both glued together.
fn arb_name() -> impl Strategy<Value = String> {
    let fragments: Vec<String> = adversarial_names()
        .into_iter()
        .filter(|n| n.len() < 200)
        .collect();
    prop_oneof![
        proptest::sample::select(fragments.clone()),
        any::<String>(),
        (proptest::sample::select(fragments), any::<String>()).prop_map(|(a, b)| a + &b),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn any_rendered_diagram_parses_with_graphviz(
        names in proptest::collection::vec(arb_name(), 1..6),
        variant in 0usize..6,
    ) {
        let g = adversarial_graph(&names);
        let options = &option_variants(&g)[variant];
        let bytes = render::to_bytes(&g, &Diagram::whole(&g), options);
        prop_assert_eq!(&bytes, &render::to_bytes(&g, &Diagram::whole(&g), options));
        graphviz(&bytes, &format!("names {names:?}, option set {variant}"));
    }
}
