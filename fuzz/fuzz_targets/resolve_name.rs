//! Name resolution with arbitrary queries against a small fixed graph whose
//! actors also get arbitrary aliases. Input: UTF-8 lines; the first is the
//! query, each further line an alias of actor `line % 6`.
//!
//! Never panics; an answer is always justified (the query is the actor's
//! id or normalises like one of its names); "unknown" only when no actor
//! matches; every actor's own id, name and aliases find something; and
//! normalising is idempotent, so a normalised key resolves like its source.
#![no_main]

use libfuzzer_sys::fuzz_target;
use polgraph::graph::{normalize_name, Graph};
use polgraph::model::{Actor, Document, Edge};
use polgraph::Error;

fn graph(aliases: &[&str]) -> Graph {
    let mut d = Document::new("fuzz");
    for (id, name, kind) in [
        ("jpn-gov", "Government of Japan", "government"),
        ("kor-gov", "Government of South Korea", "government"),
        ("kor", "South Korea", "state"),
        ("court", "서울중앙지방법원", "court"),
        ("lopez", "José López", "person"),
        ("motegi", "茂木 敏充", "person"),
    ] {
        d.actors.push(Actor::new(id, name, kind));
    }
    d.actors[0].aliases.push("Japan".into());
    d.actors[1].aliases.push("Seoul".into());
    for (i, a) in aliases.iter().enumerate() {
        // Only aliases the store would accept (validate rejects the rest).
        if !a.trim().is_empty() && !a.chars().any(char::is_control) {
            let n = d.actors.len();
            d.actors[i % n].aliases.push((*a).to_owned());
        }
    }
    d.edges.push(Edge::new("jpn-gov", "protested", "kor-gov"));
    d.assign_edge_ids();
    Graph::new(d).expect("a valid graph")
}

fn keys(a: &Actor) -> impl Iterator<Item = &String> {
    std::iter::once(&a.id)
        .chain(std::iter::once(&a.name))
        .chain(&a.aliases)
}

fn matches(a: &Actor, query: &str) -> bool {
    let q = normalize_name(query);
    a.id == query || keys(a).any(|k| normalize_name(k) == q)
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.split('\n');
    let query = lines.next().unwrap_or("");
    let aliases: Vec<&str> = lines.collect();
    let g = graph(&aliases);

    let once = normalize_name(query);
    assert_eq!(
        normalize_name(&once),
        once,
        "normalize_name is not idempotent"
    );

    let all = || (0..g.actor_count() as u32).map(|i| g.actor(i));
    match g.resolve(query) {
        Ok(i) => assert!(matches(g.actor(i), query), "{query:?} → {}", g.actor(i).id),
        Err(Error::AmbiguousActor { candidates, .. }) => {
            assert!(candidates.len() >= 2);
            assert!(g.actor_index(query).is_none());
        }
        Err(Error::UnknownActor { suggestions, .. }) => {
            assert!(suggestions.len() <= 3);
            assert!(
                !all().any(|a| matches(a, query)),
                "{query:?} matches but is unknown"
            );
        }
        Err(e) => panic!("unexpected error {e}"),
    }
    for a in all() {
        for k in keys(a) {
            match g.resolve(k) {
                Err(Error::UnknownActor { .. }) => panic!("{k:?} of {} is unknown", a.id),
                Err(Error::AmbiguousActor { .. }) | Ok(_) => {}
                Err(e) => panic!("unexpected error {e}"),
            }
        }
    }
});
