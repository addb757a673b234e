//! GEXF 1.3 for Gephi (and NetworkX), with dynamic edges.
//!
//! The graph is `mode="dynamic"` with `timeformat="date"`: every dated edge
//! has one `<spell>` from the first to the last day its date may denote —
//! so `2021-01` lasts the whole of January, `2020-07/..` starts on
//! 2020-07-01 and has no end — and Gephi's timeline plays the graph over
//! time. Undated edges have no spell (always present). Nodes have no
//! spells. Attributes are typed like in [`super::graphml`]; the edge label
//! is the action.

use std::fmt::Write as _;

use super::graphml::attribute_name;
use super::{day_bounds, edge_fields, xml_escape as esc, Selection};

const NODE_FIELDS: [&str; 4] = ["kind", "country", "aliases", "description"];
const EDGE_FIELDS: [&str; 11] = [
    "action",
    "date",
    "precision",
    "status",
    "summary",
    "cites",
    "category",
    "quad",
    "score",
    "tie",
    "symmetric",
];

/// Renders the selection as a GEXF 1.3 document.
pub fn render(sel: &Selection<'_>) -> Vec<u8> {
    let g = sel.graph;
    let mut o = String::new();
    o.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    o.push_str("<gexf xmlns=\"http://gexf.net/1.3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n");
    let _ = writeln!(
        o,
        "  <meta>\n    <creator>polgraph {}</creator>\n    <description>{}</description>\n  </meta>",
        env!("CARGO_PKG_VERSION"),
        esc(&g.doc().name)
    );
    o.push_str("  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\">\n");
    let node_attrs = sel.actor_attribute_keys();
    o.push_str("    <attributes class=\"node\" mode=\"static\">\n");
    for f in NODE_FIELDS {
        let _ = writeln!(
            o,
            "      <attribute id=\"n_{f}\" title=\"{f}\" type=\"string\"/>"
        );
    }
    for (i, k) in node_attrs.iter().enumerate() {
        let _ = writeln!(
            o,
            "      <attribute id=\"na{i}\" title=\"{}\" type=\"string\"/>",
            esc(&attribute_name(k, &NODE_FIELDS))
        );
    }
    o.push_str("    </attributes>\n");
    let edge_attrs = sel.edge_attribute_keys();
    let numeric = sel.numeric_edge_attributes();
    o.push_str("    <attributes class=\"edge\" mode=\"static\">\n");
    for f in EDGE_FIELDS {
        let ty = match f {
            "score" => "double",
            "tie" | "symmetric" => "boolean",
            _ => "string",
        };
        let _ = writeln!(
            o,
            "      <attribute id=\"e_{f}\" title=\"{f}\" type=\"{ty}\"/>"
        );
    }
    for (i, k) in edge_attrs.iter().enumerate() {
        let ty = if numeric.get(k).copied().unwrap_or(false) {
            "double"
        } else {
            "string"
        };
        let _ = writeln!(
            o,
            "      <attribute id=\"ea{i}\" title=\"{}\" type=\"{ty}\"/>",
            esc(&attribute_name(k, &EDGE_FIELDS))
        );
    }
    o.push_str("    </attributes>\n");
    let att = |o: &mut String, key: &str, v: &str| {
        let _ = writeln!(
            o,
            "          <attvalue for=\"{key}\" value=\"{}\"/>",
            esc(v)
        );
    };
    o.push_str("    <nodes>\n");
    for a in sel.actors() {
        let _ = writeln!(
            o,
            "      <node id=\"{}\" label=\"{}\">\n        <attvalues>",
            esc(&a.id),
            esc(&a.name)
        );
        att(&mut o, "n_kind", &a.kind);
        if let Some(c) = &a.country {
            att(&mut o, "n_country", c);
        }
        if !a.aliases.is_empty() {
            att(&mut o, "n_aliases", &a.aliases.join("; "));
        }
        if let Some(d) = &a.description {
            att(&mut o, "n_description", d);
        }
        for (i, k) in node_attrs.iter().enumerate() {
            if let Some(v) = a.attributes.get(*k) {
                att(&mut o, &format!("na{i}"), v);
            }
        }
        o.push_str("        </attvalues>\n      </node>\n");
    }
    o.push_str("    </nodes>\n    <edges>\n");
    for &ei in &sel.edges {
        let e = g.edge(ei);
        let _ = writeln!(
            o,
            "      <edge id=\"{}\" source=\"{}\" target=\"{}\" label=\"{}\">\n        <attvalues>",
            esc(&e.id),
            esc(&e.source),
            esc(&e.target),
            esc(&e.action)
        );
        // Spells carry the bounds in GEXF, so no e_start/e_end values.
        edge_fields(g, ei, |k, v| {
            if k != "e_start" && k != "e_end" {
                att(&mut o, k, v)
            }
        });
        for (i, k) in edge_attrs.iter().enumerate() {
            if let Some(v) = e.attributes.get(*k) {
                att(&mut o, &format!("ea{i}"), v.trim());
            }
        }
        o.push_str("        </attvalues>\n");
        if let Some(d) = &e.date {
            let (s, t) = day_bounds(d);
            o.push_str("        <spells>\n          <spell");
            if let Some(s) = s {
                let _ = write!(o, " start=\"{s}\"");
            }
            if let Some(t) = t {
                let _ = write!(o, " end=\"{t}\"");
            }
            o.push_str("/>\n        </spells>\n");
        }
        o.push_str("      </edge>\n");
    }
    o.push_str("    </edges>\n  </graph>\n</gexf>\n");
    o.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::seed;
    use crate::model::EdgeDate;

    #[test]
    fn spells_follow_the_date_precision() {
        let mut doc = seed().into_document();
        doc.edges[0].date = Some(EdgeDate::parse("2021-01").unwrap());
        doc.edges[1].date = Some(EdgeDate::parse("2020-07/..").unwrap());
        doc.edges[2].date = None;
        let g = crate::Graph::new(doc).unwrap();
        let out = String::from_utf8(render(&Selection::all(&g))).unwrap();
        assert!(out.contains(r#"<spell start="2021-01-01" end="2021-01-31"/>"#));
        assert!(out.contains(r#"<spell start="2020-07-01"/>"#));
        assert_eq!(out.matches("<edge id=").count(), g.edge_count());
        let dated = g.doc().edges.iter().filter(|e| e.date.is_some()).count();
        assert_eq!(out.matches("<spell ").count(), dated);
        assert!(out.contains(r#"mode="dynamic" timeformat="date""#));
    }
}
