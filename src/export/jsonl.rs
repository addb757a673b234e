//! JSON lines: one edge per line, with the actors' names, the date's first
//! and last day and precision, the vocabulary's classification and the
//! edge's attributes — ready for `jq`, pandas (`read_json(lines=True)`) or
//! a document store.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{day_bounds, Selection};
use crate::model::{Category, QuadClass, Status};

/// One line of the export.
#[derive(Serialize)]
pub struct Line<'a> {
    /// Edge id.
    pub id: &'a str,
    /// Source actor id.
    pub source: &'a str,
    /// Source actor name.
    pub source_name: &'a str,
    /// Action.
    pub action: &'a str,
    /// Target actor id.
    pub target: &'a str,
    /// Target actor name.
    pub target_name: &'a str,
    /// Date as stored, or null.
    pub date: Option<String>,
    /// First day the date may denote (`YYYY-MM-DD`), or null.
    pub start: Option<String>,
    /// Last day the date may denote, or null.
    pub end: Option<String>,
    /// `year`, `month` or `day`, or null.
    pub precision: Option<String>,
    /// Status.
    pub status: Status,
    /// Summary, or null.
    pub summary: Option<&'a str>,
    /// Cited source ids.
    pub cites: &'a [String],
    /// The action's category.
    pub category: Category,
    /// The action's quad class.
    pub quad: QuadClass,
    /// The action's score.
    pub score: f64,
    /// Whether the edge is a standing tie.
    pub tie: bool,
    /// The edge's attributes.
    pub attributes: &'a BTreeMap<String, String>,
}

/// Renders one JSON object per kept edge, one per line.
pub fn render(sel: &Selection<'_>) -> Vec<u8> {
    let g = sel.graph;
    let mut out = Vec::new();
    for &ei in &sel.edges {
        let e = g.edge(ei);
        let (s, t) = g.ends(ei);
        let info = g.info(ei);
        let (start, end) = e.date.as_ref().map(day_bounds).unwrap_or((None, None));
        let line = Line {
            id: &e.id,
            source: &e.source,
            source_name: &g.actor(s).name,
            action: &e.action,
            target: &e.target,
            target_name: &g.actor(t).name,
            date: e.date.map(|d| d.to_string()),
            start,
            end,
            precision: e.date.map(|d| d.precision().to_string()),
            status: e.status,
            summary: e.summary.as_deref(),
            cites: &e.cites,
            category: info.category,
            quad: info.quad,
            score: info.score,
            tie: info.tie,
            attributes: &e.attributes,
        };
        // Serialising plain data into memory cannot fail.
        if serde_json::to_writer(&mut out, &line).is_ok() {
            out.push(b'\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::seed;

    #[test]
    fn one_parseable_line_per_edge() {
        let g = seed();
        let out = String::from_utf8(render(&Selection::all(&g))).unwrap();
        let lines: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), g.edge_count());
        for (v, e) in lines.iter().zip(&g.doc().edges) {
            assert_eq!(v["id"], e.id.as_str());
            assert_eq!(v["date"].as_str(), e.date.map(|d| d.to_string()).as_deref());
        }
        assert_eq!(lines[0]["attributes"]["goldstein"], "-2.0");
    }
}
