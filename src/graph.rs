//! The in-memory graph: a validated [`Document`] indexed for queries.
//!
//! Actors are numbered `0..n` in document order (sorted by id once saved);
//! edges `0..m` in document order. A petgraph [`DiGraph`] holds the
//! adjacency: node `i` is actor `i`, each graph edge carries its edge number.
//! This is the only place that owns those numbers.

use std::cell::OnceCell;
use std::collections::HashMap;

use foldhash::fast::FixedState;

use petgraph::graph::{DiGraph, NodeIndex};
use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Result};
use crate::ids::IdMap;
use crate::model::{ActionInfo, Actor, Document, Edge, Vocabulary};
use crate::store::Resolved;

/// A document plus the indexes queries need.
pub struct Graph {
    doc: Document,
    vocab: Vocabulary,
    actor_ix: IdMap<u32>,
    ends: Vec<(u32, u32)>,
    action_of: Vec<u16>,
    actions: Vec<(String, ActionInfo)>,
    /// Edge numbers by source actor, and by target actor, each list in edge
    /// order: 4 bytes per edge and direction. Built on first use: the
    /// analyses of whole projections never need them.
    out: OnceCell<Adjacency>,
    inc: OnceCell<Adjacency>,
    net: OnceCell<DiGraph<(), u32, u32>>,
    names: OnceCell<HashMap<String, Vec<(u8, u32)>>>,
}

impl Graph {
    /// Indexes a document. The document must be valid (see
    /// [`crate::store::validate`]); edges naming unknown actors are an error.
    pub fn new(doc: Document) -> Result<Graph> {
        Graph::build(doc, None)
    }

    /// [`Graph::new`] for a document already validated by the store, with
    /// the actor numbers found there (edge ends, `u32::MAX` for unknown
    /// actors, and the id index).
    pub(crate) fn with_resolved(doc: Document, known: Resolved) -> Result<Graph> {
        debug_assert_eq!(known.ends.len(), doc.edges.len());
        Graph::build(doc, Some(known))
    }

    fn build(doc: Document, known: Option<Resolved>) -> Result<Graph> {
        let vocab = doc.vocabulary();
        let (mut ends, actor_ix) = match known {
            Some(k) if k.ends.len() == doc.edges.len() => (k.ends, k.actors),
            _ => {
                let mut ix = IdMap::with_capacity(doc.actors.len());
                for (i, a) in doc.actors.iter().enumerate() {
                    ix.insert(&a.id, i as u32);
                }
                (vec![(u32::MAX, u32::MAX); doc.edges.len()], ix)
            }
        };
        let mut action_of = Vec::with_capacity(doc.edges.len());
        let mut action_ix: HashMap<&str, u16, FixedState> = HashMap::default();
        let mut actions: Vec<(String, ActionInfo)> = Vec::new();
        for (i, (e, end)) in doc.edges.iter().zip(ends.iter_mut()).enumerate() {
            let look = |id: &str, field: &str, hint: u32| {
                if hint != u32::MAX {
                    return Ok(hint);
                }
                actor_ix.get(id).ok_or_else(|| Error::Invalid {
                    origin: "graph".into(),
                    problems: vec![crate::error::Problem::new(
                        format!("edges[{i}] (id {:?})", e.id),
                        Some(field),
                        format!("unknown actor {id:?}"),
                    )],
                })
            };
            *end = (
                look(&e.source, "source", end.0)?,
                look(&e.target, "target", end.1)?,
            );
            let a = match action_ix.get(e.action.as_str()) {
                Some(&a) => a,
                None => {
                    let a = u16::try_from(actions.len()).map_err(|_| {
                        Error::Usage("more than 65535 distinct actions in one graph".into())
                    })?;
                    action_ix.insert(&e.action, a);
                    actions.push((e.action.to_string(), vocab.lookup(&e.action)));
                    a
                }
            };
            action_of.push(a);
        }
        Ok(Graph {
            doc,
            vocab,
            actor_ix,
            ends,
            action_of,
            actions,
            out: OnceCell::new(),
            inc: OnceCell::new(),
            net: OnceCell::new(),
            names: OnceCell::new(),
        })
    }

    /// The underlying document.
    pub fn doc(&self) -> &Document {
        &self.doc
    }

    /// Gives the document back.
    pub fn into_document(self) -> Document {
        self.doc
    }

    /// The vocabulary in force (built-ins plus the graph's declared actions).
    pub fn vocab(&self) -> &Vocabulary {
        &self.vocab
    }

    /// Number of actors.
    pub fn actor_count(&self) -> usize {
        self.doc.actors.len()
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.doc.edges.len()
    }

    /// Actor number `i`.
    pub fn actor(&self, i: u32) -> &Actor {
        &self.doc.actors[i as usize]
    }

    /// Edge number `i`.
    pub fn edge(&self, i: u32) -> &Edge {
        &self.doc.edges[i as usize]
    }

    /// The actor numbers of edge `i`'s source and target.
    pub fn ends(&self, i: u32) -> (u32, u32) {
        self.ends[i as usize]
    }

    /// What the vocabulary says about edge `i`'s action.
    pub fn info(&self, i: u32) -> ActionInfo {
        self.actions[self.action_of[i as usize] as usize].1
    }

    /// The number of edge `i`'s action among the graph's distinct actions
    /// (see [`Graph::action_name`]).
    pub fn action_number(&self, i: u32) -> u16 {
        self.action_of[i as usize]
    }

    /// The action with number `a` (from [`Graph::action_number`]).
    pub fn action_name(&self, a: u16) -> &str {
        &self.actions[a as usize].0
    }

    /// The number of an actor by exact id.
    pub fn actor_index(&self, id: &str) -> Option<u32> {
        self.actor_ix.get(id)
    }

    /// The edges touching actor `a` (either end), in edge order.
    pub fn edges_of(&self, a: u32) -> Vec<u32> {
        let (o, i) = (self.out().of(a), self.inc().of(a));
        let mut v = Vec::with_capacity(o.len() + i.len());
        let (mut x, mut y) = (0, 0);
        // Merge of two ascending lists; a self-loop is in both, kept once.
        while x < o.len() || y < i.len() {
            let next = match (o.get(x), i.get(y)) {
                (Some(&p), Some(&q)) if p == q => {
                    x += 1;
                    y += 1;
                    p
                }
                (Some(&p), Some(&q)) if p < q => {
                    x += 1;
                    p
                }
                (Some(&p), None) => {
                    x += 1;
                    p
                }
                (_, Some(&q)) => {
                    y += 1;
                    q
                }
                (None, None) => break,
            };
            v.push(next);
        }
        v
    }

    /// The edges between actors `a` and `b` (either direction), in edge order.
    pub fn edges_between(&self, a: u32, b: u32) -> Vec<u32> {
        let mut v: Vec<u32> = self
            .out()
            .of(a)
            .iter()
            .copied()
            .filter(|&e| self.ends[e as usize].1 == b)
            .chain(
                self.out()
                    .of(b)
                    .iter()
                    .copied()
                    .filter(|&e| self.ends[e as usize].1 == a),
            )
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Edge numbers by source actor.
    fn out(&self) -> &Adjacency {
        self.out
            .get_or_init(|| Adjacency::new(self.actor_count(), self.ends.iter().map(|e| e.0)))
    }

    /// Edge numbers by target actor.
    fn inc(&self) -> &Adjacency {
        self.inc
            .get_or_init(|| Adjacency::new(self.actor_count(), self.ends.iter().map(|e| e.1)))
    }

    /// A petgraph view of the adjacency (node `i` = actor `i`, weight = edge
    /// number), built on first use.
    pub fn network(&self) -> &DiGraph<(), u32, u32> {
        self.net.get_or_init(|| {
            let mut net = DiGraph::with_capacity(self.actor_count(), self.edge_count());
            for _ in 0..self.actor_count() {
                net.add_node(());
            }
            for (i, &(s, t)) in self.ends.iter().enumerate() {
                net.add_edge(
                    NodeIndex::new(s as usize),
                    NodeIndex::new(t as usize),
                    i as u32,
                );
            }
            net
        })
    }

    /// Normalised id, name and alias keys → (tier, actor). Tier 0 = id,
    /// 1 = name, 2 = alias.
    fn name_index(&self) -> &HashMap<String, Vec<(u8, u32)>> {
        self.names.get_or_init(|| {
            let mut m: HashMap<String, Vec<(u8, u32)>> = HashMap::new();
            for (i, a) in self.doc.actors.iter().enumerate() {
                let keys = std::iter::once((0u8, &a.id))
                    .chain(std::iter::once((1u8, &a.name)))
                    .chain(a.aliases.iter().map(|x| (2u8, x)));
                for (tier, k) in keys {
                    let v = m.entry(normalize_name(k)).or_default();
                    match v.iter_mut().find(|(_, j)| *j == i as u32) {
                        Some(hit) => hit.0 = hit.0.min(tier),
                        None => v.push((tier, i as u32)),
                    }
                }
            }
            m
        })
    }

    /// Finds the actor a user means by `query`: its id, name or any alias,
    /// compared case-insensitively, ignoring accents and repeated spaces.
    ///
    /// Matches are ranked: an exact id first, then an id, a name, an alias
    /// (each compared loosely); the best rank wins, so "Japan" finds the
    /// actor *named* Japan before one that merely has it as an alias. Several
    /// matches of the best rank → [`Error::AmbiguousActor`] listing them;
    /// none → [`Error::UnknownActor`] with up to three suggestions.
    pub fn resolve(&self, query: &str) -> Result<u32> {
        if let Some(i) = self.actor_index(query) {
            return Ok(i);
        }
        let key = normalize_name(query);
        if let Some(hits) = self.name_index().get(&key) {
            let best = hits.iter().map(|h| h.0).min().unwrap_or(0);
            let top: Vec<u32> = hits.iter().filter(|h| h.0 == best).map(|h| h.1).collect();
            if top.len() == 1 {
                return Ok(top[0]);
            }
            return Err(Error::AmbiguousActor {
                query: query.to_owned(),
                candidates: top
                    .iter()
                    .map(|&i| format!("{} ({})", self.actor(i).id, self.actor(i).name))
                    .collect(),
            });
        }
        Err(Error::UnknownActor {
            query: query.to_owned(),
            suggestions: self.suggest(&key),
        })
    }

    fn suggest(&self, key: &str) -> Vec<String> {
        let mut scored: Vec<(f64, u32)> = Vec::new();
        for (k, hits) in self.name_index() {
            let mut s = strsim::jaro_winkler(key, k);
            if !key.is_empty() && (k.contains(key) || key.contains(k.as_str())) {
                s = s.max(0.9);
            }
            if s >= 0.75 {
                for &(_, h) in hits {
                    scored.push((s, h));
                }
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut out: Vec<String> = Vec::new();
        let mut seen = Vec::new();
        for (_, h) in scored {
            if seen.contains(&h) {
                continue;
            }
            seen.push(h);
            let a = self.actor(h);
            out.push(format!("{:?} ({})", a.id, a.name));
            if out.len() == 3 {
                break;
            }
        }
        out
    }
}

/// Edge numbers grouped by one end's actor (compressed rows, counting sort,
/// so each actor's list is in ascending edge order).
struct Adjacency {
    off: Vec<u32>,
    edges: Vec<u32>,
}

impl Adjacency {
    fn new(n: usize, end: impl Iterator<Item = u32> + Clone) -> Adjacency {
        let mut off = vec![0u32; n + 1];
        for a in end.clone() {
            off[a as usize + 1] += 1;
        }
        for i in 0..n {
            off[i + 1] += off[i];
        }
        let mut fill = off.clone();
        let mut edges = vec![0u32; off[n] as usize];
        for (e, a) in end.enumerate() {
            let slot = &mut fill[a as usize];
            edges[*slot as usize] = e as u32;
            *slot += 1;
        }
        Adjacency { off, edges }
    }

    fn of(&self, a: u32) -> &[u32] {
        let a = a as usize;
        match (self.off.get(a), self.off.get(a + 1)) {
            (Some(&x), Some(&y)) => &self.edges[x as usize..y as usize],
            _ => &[],
        }
    }
}

/// The key names are compared by: Unicode compatibility-decomposed, accents
/// (combining marks) removed, lowercased, runs of whitespace collapsed to one
/// space, trimmed.
pub fn normalize_name(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g() -> Graph {
        let mut d = Document::new("t");
        let mut a = Actor::new("jpn-gov", "Government of Japan", "government");
        a.aliases = vec!["Japan".into(), "the Japanese side".into()];
        d.actors.push(a);
        let mut k = Actor::new("kor-gov", "Government of South Korea", "government");
        k.aliases = vec!["South Korea".into(), "Seoul".into()];
        d.actors.push(k);
        d.actors.push(Actor::new("kor", "South Korea", "state"));
        d.actors.push(Actor::new("lopez", "José López", "person"));
        d.edges.push(Edge::new("jpn-gov", "protested", "kor-gov"));
        d.assign_edge_ids();
        Graph::new(d).unwrap()
    }

    #[test]
    fn resolves_ids_names_aliases_loosely() {
        let g = g();
        assert_eq!(g.resolve("jpn-gov").unwrap(), 0);
        assert_eq!(g.resolve("JAPAN").unwrap(), 0);
        assert_eq!(g.resolve("  the   japanese\tside ").unwrap(), 0);
        assert_eq!(g.resolve("jose lopez").unwrap(), 3);
        assert_eq!(g.resolve("JOSÉ LÓPEZ").unwrap(), 3);
        assert_eq!(g.resolve("kor").unwrap(), 2, "an exact id wins");
    }

    #[test]
    fn ambiguous_lists_candidates() {
        // A name outranks an alias: "South Korea" is the state's name and
        // only an alias of the government.
        let g = g();
        assert_eq!(g.resolve("south korea").unwrap(), 2);
        let mut d = g.into_document();
        d.actors[3].aliases.push("Seoul".into());
        let g = Graph::new(d).unwrap();
        let e = g.resolve("seoul").unwrap_err().to_string();
        assert!(e.contains("ambiguous"), "{e}");
        assert!(e.contains("kor-gov (Government of South Korea)"), "{e}");
        assert!(e.contains("lopez (José López)"), "{e}");
    }

    #[test]
    fn unknown_suggests() {
        let e = g().resolve("Japn").unwrap_err().to_string();
        assert!(
            e.starts_with("no actor matches \"Japn\"; did you mean"),
            "{e}"
        );
        assert!(e.contains("jpn-gov"), "{e}");
        let e = g().resolve("zzzzzzzz").unwrap_err().to_string();
        assert_eq!(e, "no actor matches \"zzzzzzzz\"");
    }

    #[test]
    fn adjacency_matches_petgraph() {
        let mut d = Document::new("t");
        for i in 0..7 {
            d.actors
                .push(Actor::new(format!("a{i}"), format!("A{i}"), "state"));
        }
        let mut x = 7u32;
        for _ in 0..60 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345) % 1_000_003;
            let (s, t) = (x % 7, (x / 7) % 7);
            d.edges
                .push(Edge::new(format!("a{s}"), "met", format!("a{t}")));
        }
        d.assign_edge_ids();
        let g = Graph::new(d).unwrap();
        let net = g.network();
        for a in 0..7u32 {
            let n = NodeIndex::new(a as usize);
            let mut want: Vec<u32> = net
                .edges_directed(n, petgraph::Direction::Outgoing)
                .chain(net.edges_directed(n, petgraph::Direction::Incoming))
                .map(|e| *e.weight())
                .collect();
            want.sort_unstable();
            want.dedup();
            assert_eq!(g.edges_of(a), want);
            for b in 0..7u32 {
                let mut want: Vec<u32> = (0..g.edge_count() as u32)
                    .filter(|&e| {
                        let (s, t) = g.ends(e);
                        (s, t) == (a, b) || (s, t) == (b, a)
                    })
                    .collect();
                want.dedup();
                assert_eq!(g.edges_between(a, b), want, "{a} {b}");
            }
        }
        assert_eq!(g.edges_of(99), Vec::<u32>::new());
    }

    #[test]
    fn adjacency() {
        let g = g();
        assert_eq!(g.edges_of(0), vec![0]);
        assert_eq!(g.edges_between(1, 0), vec![0]);
        assert!(g.edges_between(0, 2).is_empty());
        assert_eq!(normalize_name(" Ａ  B "), "a b");
    }
}
