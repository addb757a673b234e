//! Property tests of the store and the path analyses on generated graphs.
//!
//! The date properties (display/parse round trip, total order consistent
//! with spans, symmetric overlap) live beside the code in
//! `src/model/date.rs`.

use std::collections::BTreeMap;

use polgraph::algo::paths::{self, TemporalLink, TemporalOptions};
use polgraph::model::{Actor, Document, Edge, EdgeDate, PartialDate, Source, Status, Window};
use polgraph::query::{EdgeFilter, Projection};
use polgraph::{store, Graph};
use proptest::prelude::*;

/// Display names: Korean, Japanese, accented Latin, or any printable text.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[가-힣]{1,8}( [가-힣]{1,5})?",
        "[ぁ-んァ-ヶ一-龯]{1,8}",
        "[A-Za-zÀ-ÿ.'-]{1,12}( [A-Za-zÀ-ÿ]{1,12}){0,3}",
        "\\PC{1,16}",
    ]
    .prop_filter("a name is not blank", |s| !s.trim().is_empty())
}

fn partial() -> impl Strategy<Value = PartialDate> {
    (0i32..=9999, 0u32..=12, 1u32..=31).prop_map(|(y, m, d)| {
        let (month, day) = match m {
            0 => (None, None),
            m if d % 2 == 0 => (Some(m), None),
            m => (
                Some(m),
                Some(d.min(polgraph::model::date::days_in_month(y, m))),
            ),
        };
        PartialDate::new(y, month, day).expect("in range by construction")
    })
}

/// Single dates and intervals (with open ends), always valid.
fn edge_date() -> impl Strategy<Value = EdgeDate> {
    prop_oneof![
        partial().prop_map(EdgeDate::Single),
        (partial(), partial(), 0u8..3).prop_map(|(a, b, open)| {
            let (a, b) = if a.first_day() <= b.last_day() {
                (a, b)
            } else {
                (b, a)
            };
            match open {
                0 => EdgeDate::interval(Some(a), Some(b)),
                1 => EdgeDate::interval(None, Some(b)),
                _ => EdgeDate::interval(Some(a), None),
            }
            .expect("ordered ends")
        }),
    ]
}

fn status() -> impl Strategy<Value = Status> {
    prop::sample::select(Status::ALL.to_vec())
}

const ACTIONS: &[&str] = &[
    "met",
    "ruled",
    "protested",
    "sued",
    "member_of",
    "heads",
    "criticized",
    "invented_act",
];

/// A valid document: unique ids, known ends, cited sources that exist.
fn document() -> impl Strategy<Value = Document> {
    let actor = (
        name(),
        prop::collection::vec(name(), 0..3),
        prop::collection::btree_map("[a-z_]{1,8}", "\\PC{0,12}", 0..3),
        prop::option::of("[A-Z]{3}"),
        prop::option::of("\\PC{0,30}"),
        prop::sample::select(vec!["state", "person", "court", "ngo", "some kind"]),
    );
    let sources = prop::collection::vec((name(), prop::option::of(edge_date())), 0..3);
    (prop::collection::vec(actor, 1..8), sources).prop_flat_map(|(actors, sources)| {
        let n = actors.len();
        let ns = sources.len();
        let edge = (
            0..n,
            prop::sample::select(ACTIONS.to_vec()),
            0..n,
            prop::option::of(edge_date()),
            status(),
            prop::option::of("\\PC{0,40}|.{0,20}"),
            prop::collection::vec(0..ns.max(1), 0..(ns.min(2) + 1)),
            any::<bool>(),
        );
        (
            Just(actors),
            Just(sources),
            prop::collection::vec(edge, 0..12),
        )
            .prop_map(|(actors, sources, edges)| {
                let mut d = Document::new("generated 생성 生成");
                d.description = Some("property test".into());
                for (i, (name, aliases, attributes, country, description, kind)) in
                    actors.into_iter().enumerate()
                {
                    // Shuffled ids, so saving has to sort them.
                    let mut a = Actor::new(format!("a{}", (i * 7) % 11), name, kind);
                    a.aliases = aliases;
                    a.attributes = attributes.into_iter().collect::<BTreeMap<_, _>>();
                    a.country = country;
                    a.description = description;
                    d.actors.push(a);
                }
                for (i, (title, date)) in sources.into_iter().enumerate() {
                    d.sources.push(Source {
                        id: format!("s{i}"),
                        title,
                        publisher: None,
                        date,
                        url: Some(format!("https://example.org/{i}")),
                    });
                }
                for (s, action, t, date, status, summary, cites, with_id) in edges {
                    let mut e = Edge::new(d.actors[s].id.clone(), action, d.actors[t].id.clone());
                    e.date = date;
                    e.status = status;
                    e.summary = summary.map(Into::into);
                    if !d.sources.is_empty() {
                        e.cites = cites.into_iter().map(|c| format!("s{c}").into()).collect();
                        e.cites.dedup();
                    }
                    if with_id {
                        e.id = format!("x{}", d.edges.len());
                    }
                    d.edges.push(e);
                }
                d
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// load → save → load is the identity (on the canonical form), and the
    /// saved bytes are stable.
    #[test]
    fn load_save_load_is_identity(doc in document()) {
        prop_assert!(store::validate(&doc).is_empty(), "{:?}", store::validate(&doc));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.json");
        store::save(&doc, &path).unwrap();
        let loaded = store::load(&path).unwrap();
        let mut want = doc.clone();
        want.canonicalize();
        want.assign_edge_ids();
        prop_assert_eq!(&loaded, &want);
        // From here on every edge has its id: saving is a fixed point.
        store::save(&loaded, &path).unwrap();
        let saved = std::fs::read_to_string(&path).unwrap();
        let again = store::load(&path).unwrap();
        prop_assert_eq!(&again, &loaded);
        store::save(&again, &path).unwrap();
        prop_assert_eq!(std::fs::read_to_string(&path).unwrap(), saved);
    }
}

/// What `parse_split` must agree with: serde's own parse of the whole text.
fn parsed_whole(bytes: &[u8]) -> Option<Document> {
    serde_json::from_slice(bytes).ok()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The two-thread parse of a canonical file gives exactly the document
    /// of the ordinary parse, and leaves the bytes as they were.
    #[test]
    fn split_parse_equals_the_ordinary_parse(doc in document()) {
        let bytes = store::to_bytes(&doc);
        let mut work = bytes.clone();
        let split = store::parse_split(&mut work);
        prop_assert_eq!(&work, &bytes);
        let whole = parsed_whole(&bytes).unwrap();
        // Two edges or more always leave a cut point: a boundary between
        // edges at or after the middle of the text, or the first one after
        // the `edges` key when the edges start past the middle.
        prop_assert!(split.is_some() || doc.edges.len() < 2);
        if let Some(split) = split {
            prop_assert_eq!(split, whole);
        }
    }

    /// Whatever a canonical file is changed into — a byte replaced, a span
    /// cut out — the two-thread parse gives the ordinary parse's document or
    /// declines (the ordinary parse then reports the error); it never
    /// accepts a text the ordinary parse rejects.
    #[test]
    fn split_parse_never_accepts_what_the_ordinary_parse_rejects(
        doc in document(),
        at in any::<prop::sample::Index>(),
        len in 0usize..12,
        byte in prop::sample::select(b"{}[],:\"\n 0e\\".to_vec()),
        cut_out in any::<bool>(),
    ) {
        let mut bytes = store::to_bytes(&doc);
        let i = at.index(bytes.len());
        if cut_out {
            bytes.drain(i..(i + len).min(bytes.len()));
        } else {
            bytes[i] = byte;
        }
        let mut work = bytes.clone();
        let split = store::parse_split(&mut work);
        prop_assert_eq!(&work, &bytes);
        if let Some(split) = split {
            prop_assert_eq!(Some(split), parsed_whole(&bytes));
        }
    }
}

/// The two-thread parse is taken on a real file: a store big enough to be
/// split loads through it to the same document as the ordinary parse.
#[test]
fn a_big_canonical_file_is_split_and_loads_the_same() {
    let mut doc = Document::new("big");
    for i in 0..2000 {
        doc.actors
            .push(Actor::new(format!("a{i}"), format!("Actor {i}"), "person"));
    }
    let mut n = 0;
    while store::to_bytes(&doc).len() < store::SPLIT_PARSE_BYTES + 1000 {
        for _ in 0..20_000 {
            let mut e = Edge::new(
                format!("a{}", n % 2000),
                "met",
                format!("a{}", (n * 7 + 1) % 2000),
            );
            e.summary = Some(format!("meeting {n} \"quoted\" \\ ünïcode 회담").into());
            doc.edges.push(e);
            n += 1;
        }
    }
    doc.assign_edge_ids();
    doc.canonicalize();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.json");
    store::save(&doc, &path).unwrap();
    let mut bytes = std::fs::read(&path).unwrap();
    // (Compared with `==`: the debug print of a failure would be 8 MB.)
    let split = store::parse_split(&mut bytes).expect("a canonical file is split");
    assert!(split == doc, "the split parse differs");
    assert!(store::load(&path).unwrap() == doc, "load differs");
    assert!(store::parse(&bytes, &path).unwrap() == doc, "parse differs");
}

/// A filter over generated graphs: a window, statuses, kinds, ties.
fn filter() -> impl Strategy<Value = EdgeFilter> {
    (
        prop::option::of((1990i32..2030, 0i32..20)),
        prop::collection::vec(status(), 0..3),
        prop::collection::vec(prop::sample::select(vec!["state", "person", "court"]), 0..2),
        0u8..3,
    )
        .prop_map(|(window, statuses, kinds, ties)| {
            let window = match window {
                Some((from, len)) => {
                    Window::parse(Some(&from.to_string()), Some(&(from + len).to_string())).unwrap()
                }
                None => Window::default(),
            };
            EdgeFilter {
                window,
                statuses,
                kinds: kinds.into_iter().map(str::to_owned).collect(),
                exclude_ties: ties == 1,
                only_ties: ties == 2,
                ..Default::default()
            }
        })
}

/// Small dense graphs whose dates cluster in 1990..2030 so that windows
/// cut them.
fn small_graph() -> impl Strategy<Value = Document> {
    let date = (1990i32..2030, 0u32..=12, 0i32..3).prop_map(|(y, m, len)| {
        let a = PartialDate::new(y, (m > 0).then_some(m), None).unwrap();
        if len == 0 {
            EdgeDate::Single(a)
        } else {
            let b = PartialDate::new(y + len, None, None).unwrap();
            EdgeDate::interval(Some(a), Some(b)).unwrap()
        }
    });
    (2usize..8).prop_flat_map(move |n| {
        let edge = (
            0..n,
            0..n,
            prop::sample::select(ACTIONS.to_vec()),
            prop::option::of(date.clone()),
            status(),
        );
        (
            prop::collection::vec(prop::sample::select(vec!["state", "person", "court"]), n),
            prop::collection::vec(edge, 0..24),
        )
            .prop_map(|(kinds, edges)| {
                let mut d = Document::new("g");
                for (i, k) in kinds.into_iter().enumerate() {
                    d.actors
                        .push(Actor::new(format!("a{i}"), format!("A {i}"), k));
                }
                for (s, t, action, date, status) in edges {
                    let mut e = Edge::new(format!("a{s}"), action, format!("a{t}"));
                    e.date = date;
                    e.status = status;
                    d.edges.push(e);
                }
                d.assign_edge_ids();
                d
            })
    })
}

/// Whether some kept edge links actor `x` to actor `y` (either way when
/// undirected), and `e` (if given) is such an edge.
fn linked(g: &Graph, f: &EdgeFilter, directed: bool, x: u32, y: u32, e: Option<u32>) -> bool {
    let fits = |e: u32| {
        let (s, t) = g.ends(e);
        f.keeps(g, e) && ((s, t) == (x, y) || (!directed && (t, s) == (x, y)))
    };
    match e {
        Some(e) => fits(e),
        None => (0..g.edge_count() as u32).any(fits),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Every path any path function returns is a walk in the filtered graph:
    /// it starts and ends where asked, and each hop is a kept edge between
    /// two distinct kept actors.
    #[test]
    fn paths_are_walks_in_the_filtered_graph(
        doc in small_graph(),
        f in filter(),
        directed in any::<bool>(),
        pick in (0u32..8, 0u32..8),
        gap in prop::option::of(0i64..400),
    ) {
        let g = Graph::new(doc).unwrap();
        let proj = Projection::new(&g, &f, directed);
        let n = proj.actors.len() as u32;
        prop_assume!(n > 0);
        let (s, t) = (pick.0 % n, pick.1 % n);
        let check = |p: &[u32], what: &str| -> Result<(), TestCaseError> {
            prop_assert_eq!(p.first(), Some(&s), "{} starts at the source", what);
            prop_assert_eq!(p.last(), Some(&t), "{} ends at the target", what);
            for w in p.windows(2) {
                let (x, y) = (proj.actors[w[0] as usize], proj.actors[w[1] as usize]);
                prop_assert!(x != y, "{}: a hop from {} to itself", what, x);
                prop_assert!(linked(&g, &f, directed, x, y, None), "{}: no kept edge {} → {}", what, x, y);
            }
            Ok(())
        };
        if let Some(p) = paths::shortest_path(&proj.csr, s, t) {
            check(&p, "shortest_path")?;
        }
        for p in paths::k_shortest_paths(&proj.csr, s, t, 5) {
            check(&p, "k_shortest_paths")?;
        }
        let (all, _) = paths::all_simple_paths(&proj.csr, s, t, 4, 50);
        for p in &all {
            check(p, "all_simple_paths")?;
        }
        // Time-respecting: links built as the `path --time-respecting`
        // command builds them; each hop names the edge it uses.
        let mut links = Vec::new();
        for &e in &proj.edges {
            let (a, b) = g.ends(e);
            let (Some(na), Some(nb)) = (proj.node(a), proj.node(b)) else { continue };
            let span = g.edge(e).date.map(|d| d.span());
            let tie = g.info(e).tie;
            if span.is_none() && !tie {
                continue;
            }
            links.push(TemporalLink {
                from: na,
                to: nb,
                start: span.and_then(|s| s.start).map(|d| d.0),
                end: span.and_then(|s| s.end).map(|d| d.0),
                tie,
                edge: e,
            });
        }
        let opts = TemporalOptions { max_gap_days: gap, directed, depart_after: None };
        if let Some(tp) = paths::earliest_arrival_path(n as usize, &links, s, t, &opts) {
            check(&tp.actors, "earliest_arrival_path")?;
            prop_assert_eq!(tp.edges.len() + 1, tp.actors.len());
            for (i, &e) in tp.edges.iter().enumerate() {
                let (x, y) = (proj.actors[tp.actors[i] as usize], proj.actors[tp.actors[i + 1] as usize]);
                prop_assert!(linked(&g, &f, directed, x, y, Some(e)), "earliest_arrival_path: edge {} is not {} → {}", e, x, y);
            }
        }
    }
}
