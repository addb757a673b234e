//! Exporters: the graph (or a selection of it) in the formats other tools
//! read. Each format lives in its own module and renders into bytes; the
//! command line writes them atomically (or to standard output).
//!
//! | format | module | output |
//! |---|---|---|
//! | GraphML (NetworkX, yEd, Gephi) | [`graphml`] | one file |
//! | GEXF 1.3 with dynamic edges (Gephi) | [`gexf`] | one file |
//! | Neo4j bulk-import CSV | [`neo4j`] | `nodes.csv`, `relationships.csv` |
//! | FollowTheMoney entities (JSON lines) | [`ftm`] | one file |
//! | Popolo JSON | [`popolo`] | one file |
//! | polgraph CSV (the import format) | [`csv`] | `actors.csv`, `events.csv`, `sources.csv` |
//! | JSON lines, one edge per line | [`jsonl`] | one file |

pub mod csv;
pub mod ftm;
pub mod gexf;
pub mod graphml;
pub mod jsonl;
pub mod neo4j;
pub mod popolo;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::graph::Graph;
use crate::model::{Actor, Atom, Edge, EdgeDate, Source};
use crate::query::EdgeFilter;

/// The formats `polgraph export --format` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// GraphML with typed attribute keys.
    Graphml,
    /// GEXF 1.3, dynamic edges.
    Gexf,
    /// Neo4j `neo4j-admin database import` CSV files.
    Neo4j,
    /// FollowTheMoney entities, one per line.
    Ftm,
    /// Popolo JSON.
    Popolo,
    /// polgraph's CSV exchange format.
    Csv,
    /// One JSON object per edge and line.
    Jsonl,
}

impl ExportFormat {
    /// Every format.
    pub const ALL: [ExportFormat; 7] = [
        ExportFormat::Graphml,
        ExportFormat::Gexf,
        ExportFormat::Neo4j,
        ExportFormat::Ftm,
        ExportFormat::Popolo,
        ExportFormat::Csv,
        ExportFormat::Jsonl,
    ];

    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Graphml => "graphml",
            ExportFormat::Gexf => "gexf",
            ExportFormat::Neo4j => "neo4j",
            ExportFormat::Ftm => "ftm",
            ExportFormat::Popolo => "popolo",
            ExportFormat::Csv => "csv",
            ExportFormat::Jsonl => "jsonl",
        }
    }

    /// Parses a format name (case-insensitive).
    pub fn parse(s: &str) -> Option<ExportFormat> {
        let s = s.trim().to_ascii_lowercase();
        match s.as_str() {
            "followthemoney" => Some(ExportFormat::Ftm),
            "json-lines" | "ndjson" => Some(ExportFormat::Jsonl),
            _ => ExportFormat::ALL.into_iter().find(|f| f.as_str() == s),
        }
    }

    /// Whether the format is a set of files written into a directory.
    pub fn is_directory(self) -> bool {
        matches!(self, ExportFormat::Neo4j | ExportFormat::Csv)
    }

    /// Renders the selection: one `(file name, bytes)` per file. Single-file
    /// formats return one entry named `graph.<ext>`.
    pub fn render(self, sel: &Selection<'_>) -> Vec<(&'static str, Vec<u8>)> {
        match self {
            ExportFormat::Graphml => vec![("graph.graphml", graphml::render(sel))],
            ExportFormat::Gexf => vec![("graph.gexf", gexf::render(sel))],
            ExportFormat::Neo4j => neo4j::render(sel),
            ExportFormat::Ftm => vec![("graph.ftm.json", ftm::render(sel))],
            ExportFormat::Popolo => vec![("graph.popolo.json", popolo::render(sel))],
            ExportFormat::Csv => csv::render(sel),
            ExportFormat::Jsonl => vec![("graph.jsonl", jsonl::render(sel))],
        }
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What an export writes: the kept edges, the actors they touch (or every
/// actor, when nothing filters the edges) and the sources they cite.
pub struct Selection<'g> {
    /// The graph.
    pub graph: &'g Graph,
    /// Indices of the kept actors, in document order.
    pub actors: Vec<u32>,
    /// Indices of the kept edges, in document order.
    pub edges: Vec<u32>,
    /// The kept sources (cited by kept edges; all when unfiltered).
    pub sources: Vec<&'g Source>,
}

impl<'g> Selection<'g> {
    /// Everything in the graph.
    pub fn all(g: &'g Graph) -> Selection<'g> {
        Selection {
            graph: g,
            actors: (0..g.actor_count() as u32).collect(),
            edges: (0..g.edge_count() as u32).collect(),
            sources: g.doc().sources.iter().collect(),
        }
    }

    /// The edges `filter` keeps; the actors they touch, plus — when the
    /// filter only restricts actor kinds, or nothing — every actor it keeps,
    /// edges or not; the sources the kept edges cite (all sources when the
    /// filter keeps everything).
    pub fn new(g: &'g Graph, filter: &EdgeFilter) -> Selection<'g> {
        let edges = filter.select(g);
        let edges_unfiltered = filter.window.is_unbounded()
            && filter.actions.is_empty()
            && filter.categories.is_empty()
            && filter.statuses.is_empty()
            && !filter.exclude_ties
            && !filter.only_ties
            && filter.actor.is_none()
            && filter.between.is_none();
        let mut keep: BTreeSet<u32> = BTreeSet::new();
        for &e in &edges {
            let (s, t) = g.ends(e);
            keep.insert(s);
            keep.insert(t);
        }
        if edges_unfiltered {
            keep.extend((0..g.actor_count() as u32).filter(|&a| filter.keeps_actor(g, a)));
        }
        let sources = if edges_unfiltered && filter.kinds.is_empty() {
            g.doc().sources.iter().collect()
        } else {
            let cited: BTreeSet<&str> = edges
                .iter()
                .flat_map(|&e| g.edge(e).cites.iter().map(Atom::as_str))
                .collect();
            g.doc()
                .sources
                .iter()
                .filter(|s| cited.contains(s.id.as_str()))
                .collect()
        };
        Selection {
            graph: g,
            actors: keep.into_iter().collect(),
            edges,
            sources,
        }
    }

    /// The kept actors.
    pub fn actors(&self) -> impl Iterator<Item = &'g Actor> + '_ {
        self.actors.iter().map(|&a| self.graph.actor(a))
    }

    /// The kept edges.
    pub fn edges(&self) -> impl Iterator<Item = &'g Edge> + '_ {
        self.edges.iter().map(|&e| self.graph.edge(e))
    }

    /// Every attribute key of the kept actors, sorted.
    pub fn actor_attribute_keys(&self) -> Vec<&'g str> {
        let set: BTreeSet<&str> = self
            .actors()
            .flat_map(|a| a.attributes.keys().map(String::as_str))
            .collect();
        set.into_iter().collect()
    }

    /// Every attribute key of the kept edges, sorted.
    pub fn edge_attribute_keys(&self) -> Vec<&'g str> {
        let set: BTreeSet<&str> = self
            .edges()
            .flat_map(|e| e.attributes.keys().map(String::as_str))
            .collect();
        set.into_iter().collect()
    }

    /// For each edge attribute key, whether every value is a finite number
    /// (such keys are typed as doubles where a format has types).
    pub fn numeric_edge_attributes(&self) -> BTreeMap<&'g str, bool> {
        let mut out: BTreeMap<&str, bool> = BTreeMap::new();
        for e in self.edges() {
            for (k, v) in &e.attributes {
                let num = v.trim().parse::<f64>().is_ok_and(f64::is_finite);
                let entry = out.entry(k.as_str()).or_insert(true);
                *entry &= num;
            }
        }
        out
    }
}

/// The typed per-edge fields the XML exports write, in order, as
/// `put(key, value)` with keys `e_action`, `e_date`, `e_start`, `e_end`,
/// `e_precision`, `e_status`, `e_summary`, `e_cites`, `e_category`,
/// `e_quad`, `e_score`, `e_tie`, `e_symmetric`; absent values are left out.
pub(crate) fn edge_fields(g: &Graph, ei: u32, mut put: impl FnMut(&'static str, &str)) {
    let e = g.edge(ei);
    let info = g.info(ei);
    put("e_action", &e.action);
    if let Some(d) = &e.date {
        put("e_date", &d.to_string());
        let (s, t) = day_bounds(d);
        if let Some(s) = s {
            put("e_start", &s);
        }
        if let Some(t) = t {
            put("e_end", &t);
        }
        put("e_precision", &d.precision().to_string());
    }
    put("e_status", e.status.as_str());
    if let Some(s) = &e.summary {
        put("e_summary", s);
    }
    if !e.cites.is_empty() {
        put("e_cites", &e.cites.join("; "));
    }
    put("e_category", info.category.as_str());
    put("e_quad", info.quad.as_str());
    put("e_score", &info.score.to_string());
    put("e_tie", if info.tie { "true" } else { "false" });
    put("e_symmetric", if info.symmetric { "true" } else { "false" });
}

/// The first and last day (`YYYY-MM-DD`) a date may denote; `None` on an
/// open side.
pub fn day_bounds(d: &EdgeDate) -> (Option<String>, Option<String>) {
    let span = d.span();
    (
        span.start.map(|x| x.to_string()),
        span.end.map(|x| x.to_string()),
    )
}

/// Text made safe for XML character data and attribute values: `&`, `<`,
/// `>`, `"`, `'` escaped, characters XML 1.0 forbids dropped.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::Document;

    /// The seed graph shipped in `graphs/`.
    pub fn seed() -> Graph {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("graphs/seoul-comfort-women-2021.json");
        let mut doc: Document = crate::store::load(&path).unwrap();
        // Give one edge attributes so the exports' attribute paths run.
        doc.edges[0]
            .attributes
            .insert("goldstein".into(), "-2.0".into());
        doc.edges[1]
            .attributes
            .insert("goldstein".into(), "1".into());
        doc.edges[1]
            .attributes
            .insert("role".into(), "chair & <host>".into());
        Graph::new(doc).unwrap()
    }

    #[test]
    fn formats_parse() {
        for f in ExportFormat::ALL {
            assert_eq!(ExportFormat::parse(f.as_str()), Some(f));
        }
        assert_eq!(ExportFormat::parse("dot"), None);
        assert!(ExportFormat::Csv.is_directory());
        assert!(!ExportFormat::Gexf.is_directory());
    }

    #[test]
    fn selection_keeps_touched_actors_and_cited_sources() {
        let g = seed();
        let all = Selection::new(&g, &EdgeFilter::default());
        assert_eq!(all.actors.len(), g.actor_count());
        assert_eq!(all.edges.len(), g.edge_count());
        let f = EdgeFilter {
            actions: vec!["ruled".into()],
            ..EdgeFilter::default()
        };
        let s = Selection::new(&g, &f);
        assert!(!s.edges.is_empty());
        assert!(s.edges().all(|e| e.action == "ruled"));
        let ends: BTreeSet<&str> = s
            .edges()
            .flat_map(|e| [e.source.as_str(), e.target.as_str()])
            .collect();
        assert_eq!(s.actors().count(), ends.len());
        let nums = all.numeric_edge_attributes();
        assert!(nums["goldstein"]);
        assert!(!nums["role"]);
    }

    #[test]
    fn escaping() {
        assert_eq!(xml_escape("a<b&\"c'\u{1}"), "a&lt;b&amp;&quot;c&apos;");
    }
}
