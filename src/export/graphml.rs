//! GraphML, as NetworkX, yEd, Gephi and igraph read it.
//!
//! Every field is a typed `<key>`: actors carry `name`, `kind`, `country`,
//! `aliases` (joined by `; `), `description` and one key per attribute;
//! edges carry `action`, `date` (as stored), `start` and `end` (the first
//! and last day the date may denote, `YYYY-MM-DD`, absent on an open side),
//! `precision`, `status`, `summary`, `cites` (joined by `; `), the
//! vocabulary's `category`, `quad`, `score` (double), `tie` and `symmetric`
//! (booleans), and one key per edge attribute (double when every value is a
//! number). An attribute whose name is taken by a field is written as
//! `attr_NAME`. The graph is directed; parallel edges keep their ids.

use std::fmt::Write as _;

use super::{edge_fields, xml_escape as esc, Selection};

/// A key: (id, for, attr.name, attr.type).
struct Key {
    id: String,
    domain: &'static str,
    name: String,
    ty: &'static str,
}

const NODE_FIELDS: [&str; 5] = ["name", "kind", "country", "aliases", "description"];
const EDGE_FIELDS: [&str; 13] = [
    "action",
    "date",
    "start",
    "end",
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

/// The name an attribute is written under: its own, or `attr_NAME` when a
/// field already has that name.
pub fn attribute_name(key: &str, fields: &[&str]) -> String {
    if fields.contains(&key) || key == "id" {
        format!("attr_{key}")
    } else {
        key.to_owned()
    }
}

/// Renders the selection as a GraphML document.
pub fn render(sel: &Selection<'_>) -> Vec<u8> {
    let g = sel.graph;
    let mut keys: Vec<Key> = Vec::new();
    for f in NODE_FIELDS {
        keys.push(Key {
            id: format!("n_{f}"),
            domain: "node",
            name: f.to_owned(),
            ty: "string",
        });
    }
    let node_attrs = sel.actor_attribute_keys();
    for (i, k) in node_attrs.iter().enumerate() {
        keys.push(Key {
            id: format!("na{i}"),
            domain: "node",
            name: attribute_name(k, &NODE_FIELDS),
            ty: "string",
        });
    }
    for f in EDGE_FIELDS {
        let ty = match f {
            "score" => "double",
            "tie" | "symmetric" => "boolean",
            _ => "string",
        };
        keys.push(Key {
            id: format!("e_{f}"),
            domain: "edge",
            name: f.to_owned(),
            ty,
        });
    }
    let numeric = sel.numeric_edge_attributes();
    let edge_attrs = sel.edge_attribute_keys();
    for (i, k) in edge_attrs.iter().enumerate() {
        keys.push(Key {
            id: format!("ea{i}"),
            domain: "edge",
            name: attribute_name(k, &EDGE_FIELDS),
            ty: if numeric.get(k).copied().unwrap_or(false) {
                "double"
            } else {
                "string"
            },
        });
    }
    let mut o = String::new();
    o.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    o.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    for k in &keys {
        let _ = writeln!(
            o,
            "  <key id=\"{}\" for=\"{}\" attr.name=\"{}\" attr.type=\"{}\"/>",
            k.id,
            k.domain,
            esc(&k.name),
            k.ty
        );
    }
    let _ = writeln!(
        o,
        "  <graph id=\"{}\" edgedefault=\"directed\">",
        esc(if g.doc().name.is_empty() {
            "G"
        } else {
            &g.doc().name
        })
    );
    let data = |o: &mut String, key: &str, v: &str| {
        let _ = writeln!(o, "      <data key=\"{key}\">{}</data>", esc(v));
    };
    for a in sel.actors() {
        let _ = writeln!(o, "    <node id=\"{}\">", esc(&a.id));
        data(&mut o, "n_name", &a.name);
        data(&mut o, "n_kind", &a.kind);
        if let Some(c) = &a.country {
            data(&mut o, "n_country", c);
        }
        if !a.aliases.is_empty() {
            data(&mut o, "n_aliases", &a.aliases.join("; "));
        }
        if let Some(d) = &a.description {
            data(&mut o, "n_description", d);
        }
        for (i, k) in node_attrs.iter().enumerate() {
            if let Some(v) = a.attributes.get(*k) {
                data(&mut o, &format!("na{i}"), v);
            }
        }
        o.push_str("    </node>\n");
    }
    for &ei in &sel.edges {
        let e = g.edge(ei);
        let _ = writeln!(
            o,
            "    <edge id=\"{}\" source=\"{}\" target=\"{}\">",
            esc(&e.id),
            esc(&e.source),
            esc(&e.target)
        );
        edge_fields(g, ei, |k, v| data(&mut o, k, v));
        for (i, k) in edge_attrs.iter().enumerate() {
            if let Some(v) = e.attributes.get(*k) {
                data(&mut o, &format!("ea{i}"), v.trim());
            }
        }
        o.push_str("    </edge>\n");
    }
    o.push_str("  </graph>\n</graphml>\n");
    o.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::seed;

    #[test]
    fn every_node_and_edge_with_typed_keys() {
        let g = seed();
        let out = String::from_utf8(render(&Selection::all(&g))).unwrap();
        assert_eq!(out.matches("<node id=").count(), g.actor_count());
        assert_eq!(out.matches("<edge id=").count(), g.edge_count());
        assert!(
            out.contains(r#"<key id="e_score" for="edge" attr.name="score" attr.type="double"/>"#)
        );
        assert!(out.contains(r#"attr.name="goldstein" attr.type="double""#));
        assert!(
            out.contains(r#"attr.name="attr_role" attr.type="string""#)
                || out.contains(r#"attr.name="role" attr.type="string""#)
        );
        assert!(out.contains("chair &amp; &lt;host&gt;"));
        assert!(out.contains(r#"<data key="e_start">2021-01-15</data>"#));
        assert!(out.contains(r#"attr.name="wikidata""#));
    }
}
