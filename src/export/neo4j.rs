//! Neo4j bulk-import CSV: `nodes.csv` and `relationships.csv` for
//! `neo4j-admin database import full`.
//!
//! * `nodes.csv`: `id:ID`, `:LABEL` (`Actor` plus the kind in CamelCase,
//!   e.g. `Actor;InternationalOrg`), `name`, `kind`, `country`,
//!   `aliases:string[]` (`;`-separated), `description`, one column per
//!   attribute.
//! * `relationships.csv`: `:START_ID`, `:END_ID`, `:TYPE` (the action in
//!   upper case, `MEMBER_OF`), `id`, `date` (as stored), `start:date` and
//!   `end:date` (the first and last day the date may denote; empty on an
//!   open side), `precision`, `status`, `summary`, `cites:string[]`,
//!   `category`, `quad`, `score:double`, `tie:boolean`, one column per edge
//!   attribute (`:double` when every value is a number).
//!
//! Load with (Neo4j 5):
//!
//! ```text
//! neo4j-admin database import full --nodes=import/nodes.csv \
//!     --relationships=import/relationships.csv --overwrite-destination neo4j
//! ```

use super::graphml::attribute_name;
use super::{day_bounds, Selection};

/// The `neo4j-admin` command line that loads the two files from `DIR`.
pub fn import_command(dir: &str) -> String {
    format!(
        "neo4j-admin database import full --nodes={dir}/nodes.csv --relationships={dir}/relationships.csv --overwrite-destination neo4j"
    )
}

fn camel(kind: &str) -> String {
    kind.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut c = p.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

fn header_name(key: &str, fields: &[&str]) -> String {
    attribute_name(key, fields).replace([':', ','], "_")
}

fn write(rows: Vec<Vec<String>>) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        // Writing to memory cannot fail.
        let _ = w.write_record(&r);
    }
    w.into_inner().unwrap_or_default()
}

const NODE_FIELDS: [&str; 5] = ["name", "kind", "country", "aliases", "description"];
const EDGE_FIELDS: [&str; 13] = [
    "id",
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
    "type",
];

/// Renders `nodes.csv` and `relationships.csv`.
pub fn render(sel: &Selection<'_>) -> Vec<(&'static str, Vec<u8>)> {
    let g = sel.graph;
    let node_attrs = sel.actor_attribute_keys();
    let mut header: Vec<String> = [
        "id:ID",
        ":LABEL",
        "name",
        "kind",
        "country",
        "aliases:string[]",
        "description",
    ]
    .map(String::from)
    .to_vec();
    header.extend(node_attrs.iter().map(|k| header_name(k, &NODE_FIELDS)));
    let mut rows = vec![header];
    for a in sel.actors() {
        let mut r = vec![
            a.id.clone(),
            format!("Actor;{}", camel(&a.kind)),
            a.name.clone(),
            a.kind.clone(),
            a.country.clone().unwrap_or_default(),
            a.aliases.join(";"),
            a.description.clone().unwrap_or_default(),
        ];
        r.extend(
            node_attrs
                .iter()
                .map(|k| a.attributes.get(*k).cloned().unwrap_or_default()),
        );
        rows.push(r);
    }
    let nodes = write(rows);
    let edge_attrs = sel.edge_attribute_keys();
    let numeric = sel.numeric_edge_attributes();
    let mut header: Vec<String> = [
        ":START_ID",
        ":END_ID",
        ":TYPE",
        "id",
        "date",
        "start:date",
        "end:date",
        "precision",
        "status",
        "summary",
        "cites:string[]",
        "category",
        "quad",
        "score:double",
        "tie:boolean",
    ]
    .map(String::from)
    .to_vec();
    header.extend(edge_attrs.iter().map(|k| {
        let name = header_name(k, &EDGE_FIELDS);
        if numeric.get(k).copied().unwrap_or(false) {
            format!("{name}:double")
        } else {
            name
        }
    }));
    let mut rows = vec![header];
    for &ei in &sel.edges {
        let e = g.edge(ei);
        let info = g.info(ei);
        let (start, end) = e.date.as_ref().map(day_bounds).unwrap_or((None, None));
        let mut r = vec![
            e.source.to_string(),
            e.target.to_string(),
            e.action.to_ascii_uppercase(),
            e.id.clone(),
            e.date.map(|d| d.to_string()).unwrap_or_default(),
            start.unwrap_or_default(),
            end.unwrap_or_default(),
            e.date
                .map(|d| d.precision().to_string())
                .unwrap_or_default(),
            e.status.to_string(),
            e.summary.as_deref().unwrap_or_default().to_owned(),
            e.cites.join(";"),
            info.category.to_string(),
            info.quad.to_string(),
            info.score.to_string(),
            info.tie.to_string(),
        ];
        r.extend(edge_attrs.iter().map(|k| {
            e.attributes
                .get(*k)
                .map(|v| v.trim().to_owned())
                .unwrap_or_default()
        }));
        rows.push(r);
    }
    vec![("nodes.csv", nodes), ("relationships.csv", write(rows))]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::seed;

    #[test]
    fn headers_and_rows() {
        let g = seed();
        let files = render(&Selection::all(&g));
        let nodes = String::from_utf8(files[0].1.clone()).unwrap();
        let rels = String::from_utf8(files[1].1.clone()).unwrap();
        let head = nodes.lines().next().unwrap();
        assert!(
            head.starts_with("id:ID,:LABEL,name,kind,country,aliases:string[],description"),
            "{head}"
        );
        let mut r = csv::Reader::from_reader(nodes.as_bytes());
        assert_eq!(r.records().count(), g.actor_count());
        let mut r = csv::Reader::from_reader(rels.as_bytes());
        let h = r.headers().unwrap().clone();
        assert_eq!(&h[0], ":START_ID");
        assert_eq!(&h[2], ":TYPE");
        assert!(h.iter().any(|c| c == "goldstein:double"));
        let recs: Vec<_> = r.records().map(Result::unwrap).collect();
        assert_eq!(recs.len(), g.edge_count());
        assert!(recs
            .iter()
            .any(|x| &x[2] == "MEMBER_OF" || &x[2] == "HEADS"));
        assert_eq!(camel("international_org"), "InternationalOrg");
        assert!(import_command("out").contains("--nodes=out/nodes.csv"));
    }
}
