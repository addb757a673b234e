//! DOT rendering of arbitrary actor names, kinds, countries, actions and
//! summaries. Input: one option byte, then UTF-8 lines cycled into actor
//! names / kinds / summaries. Never panics; the output is deterministic and
//! lexically sound DOT: every quoted string and HTML label closes, braces
//! balance, no control character but newlines, and it ends with `}`.
//! (That the real Graphviz parses it is checked by tests/dot.rs on
//! adversarial names; running `dot` per input would be too slow here.)
#![no_main]

use libfuzzer_sys::fuzz_target;
use polgraph::model::{Actor, Document, Edge, EdgeDate, Status};
use polgraph::render::dot::{to_bytes, Clusters, Diagram, DotOptions, Sizes};
use polgraph::Graph;

const ACTIONS: &[&str] = &[
    "met",
    "protested",
    "member_of",
    "ruled",
    "froze_assets",
    "odd_act",
];
const DATES: &[Option<&str>] = &[
    Some("2021-01-15"),
    Some("2021-01-18/2021-01-24"),
    Some("../2021"),
    Some("2020-07/.."),
    None,
];

/// A small lexer: checks that strings, HTML labels and braces close.
fn check_dot(dot: &str) {
    let b = dot.as_bytes();
    let (mut i, mut braces, mut html) = (0usize, 0i64, 0i64);
    while i < b.len() {
        let c = b[i];
        assert!(c >= 0x20 || c == b'\n', "control byte {c:#x} at {i}");
        if html > 0 {
            match c {
                b'<' => html += 1,
                b'>' => html -= 1,
                _ => {}
            }
        } else {
            match c {
                b'"' => {
                    i += 1;
                    loop {
                        assert!(i < b.len(), "unterminated string");
                        match b[i] {
                            b'\\' => i += 1,
                            b'"' => break,
                            b'\n' => panic!("raw newline in a quoted string"),
                            _ => {}
                        }
                        i += 1;
                    }
                }
                b'-' if b.get(i + 1) == Some(&b'>') => i += 1,
                b'<' => html = 1,
                b'>' => panic!("stray > at {i}"),
                b'{' => braces += 1,
                b'}' => {
                    braces -= 1;
                    assert!(braces >= 0, "unbalanced }} at {i}");
                }
                _ => {}
            }
        }
        i += 1;
    }
    assert_eq!(html, 0, "unterminated HTML label");
    assert_eq!(braces, 0, "unbalanced braces");
    assert!(dot.trim_end().ends_with('}'));
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let lines: Vec<&str> = text.split('\n').collect();
    let mut doc = Document::new(lines[0]);
    let n = lines.len().clamp(2, 12);
    for i in 0..n {
        let name = lines[i % lines.len()];
        let name = if name.trim().is_empty() { "x" } else { name };
        let kind = lines[(i + 1) % lines.len()];
        let kind = if kind.trim().is_empty() {
            "person"
        } else {
            kind
        };
        let mut a = Actor::new(format!("a{i}"), name, kind);
        a.country = Some(["KOR", "JPN", "USA"][i % 3].into());
        a.aliases = vec![name.to_owned()];
        doc.actors.push(a);
    }
    for i in 0..n {
        for step in [1, 2] {
            let k = i * 2 + step;
            let mut e = Edge::new(
                format!("a{i}"),
                ACTIONS[k % ACTIONS.len()],
                format!("a{}", (i + step) % n),
            );
            e.date = DATES[k % DATES.len()].map(|d| EdgeDate::parse(d).unwrap());
            e.status = Status::ALL[k % Status::ALL.len()];
            e.summary = Some(lines[k % lines.len()].into());
            doc.edges.push(e);
        }
    }
    doc.assign_edge_ids();
    let g = Graph::new(doc).expect("a consistent graph");
    let actors: Vec<u32> = (0..g.actor_count() as u32).collect();
    let weight: Vec<f64> = actors.iter().map(|&a| f64::from(a)).collect();
    let membership: Vec<u32> = actors.iter().map(|a| a % 3).collect();
    let o = DotOptions {
        title: lines[lines.len() - 1].to_owned(),
        subtitle: lines.iter().take(2).map(|s| s.to_string()).collect(),
        merge: mode & 1 != 0,
        clusters: match (mode >> 1) & 3 {
            1 => Some(Clusters::by_country(&g, &actors)),
            2 => Some(Clusters::by_kind(&g, &actors)),
            3 => Some(Clusters::from_membership(&g, &actors, &membership, &weight)),
            _ => None,
        },
        sizes: (mode & 8 != 0).then(|| Sizes {
            measure: lines[0].to_owned(),
            score: weight.clone(),
        }),
        timeline: mode & 16 != 0,
        left_to_right: mode & 32 != 0,
        legend: mode & 64 != 0,
        max_label: if mode & 128 != 0 { 5 } else { 60 },
    };
    let bytes = to_bytes(&g, &Diagram::whole(&g), &o);
    assert!(
        bytes == to_bytes(&g, &Diagram::whole(&g), &o),
        "deterministic"
    );
    let dot = std::str::from_utf8(&bytes).expect("DOT is UTF-8");
    check_dot(dot);
});
