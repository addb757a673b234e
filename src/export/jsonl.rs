//! JSON lines: one edge per line, with the actors' names, the date's first
//! and last day and precision, the vocabulary's classification and the
//! edge's attributes — ready for `jq`, pandas (`read_json(lines=True)`) or
//! a document store.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{day_bounds, Selection};
use crate::render::json::EdgeView;

/// One line of the export: the edge as listings print it (see
/// [`EdgeView`]) plus the date's bounds and precision and the attributes.
#[derive(Serialize)]
pub struct Line<'a> {
    /// The edge, as `events --json` prints it.
    #[serde(flatten)]
    pub edge: EdgeView<'a>,
    /// First day the date may denote (`YYYY-MM-DD`), or null.
    pub start: Option<String>,
    /// Last day the date may denote, or null.
    pub end: Option<String>,
    /// `year`, `month` or `day`, or null.
    pub precision: Option<String>,
    /// The edge's attributes.
    pub attributes: &'a BTreeMap<String, String>,
}

/// Renders one JSON object per kept edge, one per line.
pub fn render(sel: &Selection<'_>) -> Vec<u8> {
    let g = sel.graph;
    let mut out = Vec::new();
    for &ei in &sel.edges {
        let e = g.edge(ei);
        let (start, end) = e.date.as_ref().map(day_bounds).unwrap_or((None, None));
        let line = Line {
            edge: EdgeView::new(g, ei),
            start,
            end,
            precision: e.date.map(|d| d.precision().to_string()),
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
