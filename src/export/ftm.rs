//! FollowTheMoney entities, one JSON object per line, as `followthemoney`
//! (Aleph, OpenSanctions, yente) reads them.
//!
//! * Actors: `Person` (kind person), `PublicBody` (state, government,
//!   ministry, bureau, agency, court, legislature), `Company`,
//!   `Organization` (party, faction, ngo, media, international_org, group),
//!   `LegalEntity` (any other kind). `name`, `alias`, `country` (ISO
//!   alpha-2), `description`, `wikidataId` (attribute `wikidata`),
//!   `position` (a person's attribute `position`), `topics` from the kind
//!   (`pol.party`, `gov.judicial`, …), and keywords `polgraph:kind=KIND` and
//!   `polgraph:attr:KEY=VALUE` that carry the rest for the way back.
//! * Sources: `Article` entities (a `Document` that needs no file: title,
//!   publisher, date, sourceUrl).
//! * Ties and events: `Membership` (member_of), `Directorship` (heads),
//!   `Employment` (employed_by), `Representation` (represents), `Family`
//!   (related_to between persons) — when the ends have the schemas FtM
//!   requires — and `UnknownLink` with `role` = the action otherwise. A
//!   single date is `date`, an interval `startDate`/`endDate`; `summary`,
//!   `status` (when not `occurred`), `proof` (the cited sources) and, in
//!   `description`, `polgraph attributes: {…}` for the edge's attributes.
//! * Ids are polgraph's ids; a source or edge whose id is taken by an actor
//!   is prefixed `source:` / `edge:`.

use std::collections::{BTreeMap, HashSet};

use serde_json::{json, Map, Value};

use super::Selection;
use crate::import::countries;
use crate::import::ftm::{
    schema_for_kind, ATTR_KEYWORD, EDGE_ATTRS_PREFIX, KIND_KEYWORD, TOPIC_KINDS,
};
use crate::model::{EdgeDate, Status};

fn is_qid(s: &str) -> bool {
    s.len() > 1 && s.starts_with('Q') && s[1..].bytes().all(|b| b.is_ascii_digit())
}

fn put(props: &mut Map<String, Value>, key: &str, values: Vec<String>) {
    let values: Vec<Value> = values
        .into_iter()
        .filter(|v| !v.trim().is_empty())
        .map(Value::String)
        .collect();
    if !values.is_empty() {
        props.insert(key.to_owned(), Value::Array(values));
    }
}

fn is_org(schema: &str) -> bool {
    matches!(schema, "Organization" | "PublicBody" | "Company")
}

/// Renders the selection as FtM entities, one per line: documents, actors,
/// then links.
pub fn render(sel: &Selection<'_>) -> Vec<u8> {
    let g = sel.graph;
    let mut lines: Vec<Value> = Vec::new();
    let actor_ids: HashSet<&str> = sel.actors().map(|a| a.id.as_str()).collect();
    let mut taken: HashSet<String> = actor_ids.iter().map(|s| (*s).to_owned()).collect();
    let mut source_entity: BTreeMap<&str, String> = BTreeMap::new();
    for s in &sel.sources {
        let id = if taken.contains(&s.id) {
            format!("source:{}", s.id)
        } else {
            s.id.clone()
        };
        taken.insert(id.clone());
        source_entity.insert(&s.id, id.clone());
        let mut p = Map::new();
        put(&mut p, "title", vec![s.title.clone()]);
        put(&mut p, "publisher", s.publisher.iter().cloned().collect());
        if let Some(EdgeDate::Single(d)) = s.date {
            put(&mut p, "date", vec![d.to_string()]);
        }
        put(&mut p, "sourceUrl", s.url.iter().cloned().collect());
        lines.push(json!({"id": id, "schema": "Article", "properties": p}));
    }
    let mut schema_of: BTreeMap<&str, &'static str> = BTreeMap::new();
    for a in sel.actors() {
        let schema = schema_for_kind(&a.kind);
        schema_of.insert(&a.id, schema);
        let mut p = Map::new();
        put(&mut p, "name", vec![a.name.clone()]);
        put(&mut p, "alias", a.aliases.clone());
        if let Some(c) = a.country.as_deref().and_then(countries::to_alpha2) {
            put(&mut p, "country", vec![c.to_owned()]);
        }
        put(
            &mut p,
            "description",
            a.description.iter().cloned().collect(),
        );
        let mut keywords = vec![format!("{KIND_KEYWORD}{}", a.kind)];
        for (k, v) in &a.attributes {
            match k.as_str() {
                "wikidata" if is_qid(v) => put(&mut p, "wikidataId", vec![v.clone()]),
                "position" if schema == "Person" => put(&mut p, "position", vec![v.clone()]),
                _ => keywords.push(format!("{ATTR_KEYWORD}{k}={v}")),
            }
        }
        if let Some((topic, _)) = TOPIC_KINDS.iter().find(|(_, k)| *k == a.kind) {
            put(&mut p, "topics", vec![(*topic).to_owned()]);
        }
        put(&mut p, "keywords", keywords);
        lines.push(json!({"id": a.id, "schema": schema, "properties": p}));
    }
    for &ei in &sel.edges {
        let e = g.edge(ei);
        let (fs, ts) = (
            schema_of
                .get(e.source.as_str())
                .copied()
                .unwrap_or("LegalEntity"),
            schema_of
                .get(e.target.as_str())
                .copied()
                .unwrap_or("LegalEntity"),
        );
        let person = |s: &str| s == "Person";
        let legal = |s: &str| s != "Thing";
        let plain_status = e.status == Status::Occurred;
        let (schema, from, to, role_is_action) = match e.action.as_str() {
            "member_of" if legal(fs) && is_org(ts) => {
                ("Membership", "member", "organization", false)
            }
            "heads" if legal(fs) && is_org(ts) => {
                ("Directorship", "director", "organization", false)
            }
            "employed_by" if person(fs) && is_org(ts) => {
                ("Employment", "employee", "employer", false)
            }
            "represents" => ("Representation", "agent", "client", false),
            "related_to" if person(fs) && person(ts) && plain_status => {
                ("Family", "person", "relative", false)
            }
            _ => ("UnknownLink", "subject", "object", true),
        };
        let mut attrs = e.attributes.clone();
        let mut p = Map::new();
        put(&mut p, from, vec![e.source.to_string()]);
        put(&mut p, to, vec![e.target.to_string()]);
        if role_is_action {
            put(&mut p, "role", vec![e.action.to_string()]);
        } else if schema == "Family" {
            put(
                &mut p,
                "relationship",
                attrs.remove("relationship").into_iter().collect(),
            );
        } else {
            put(&mut p, "role", attrs.remove("role").into_iter().collect());
        }
        match e.date {
            Some(EdgeDate::Single(d)) => put(&mut p, "date", vec![d.to_string()]),
            Some(EdgeDate::Interval { start, end }) => {
                put(
                    &mut p,
                    "startDate",
                    start.iter().map(|d| d.to_string()).collect(),
                );
                put(
                    &mut p,
                    "endDate",
                    end.iter().map(|d| d.to_string()).collect(),
                );
            }
            None => {}
        }
        put(
            &mut p,
            "summary",
            e.summary.iter().map(|s| s.to_string()).collect(),
        );
        if !plain_status {
            put(&mut p, "status", vec![e.status.to_string()]);
        }
        put(
            &mut p,
            "proof",
            e.cites
                .iter()
                .filter_map(|c| source_entity.get(c.as_str()).cloned())
                .collect(),
        );
        if !attrs.is_empty() {
            let json = serde_json::to_string(&attrs).unwrap_or_default();
            put(
                &mut p,
                "description",
                vec![format!("{EDGE_ATTRS_PREFIX}{json}")],
            );
        }
        let id = if taken.contains(&e.id) {
            format!("edge:{}", e.id)
        } else {
            e.id.clone()
        };
        taken.insert(id.clone());
        lines.push(json!({"id": id, "schema": schema, "properties": p}));
    }
    let mut out = Vec::new();
    for l in lines {
        if serde_json::to_writer(&mut out, &l).is_ok() {
            out.push(b'\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::seed;
    use crate::model::Document;

    #[test]
    fn round_trip_keeps_actors_ties_and_events() {
        let g = seed();
        let bytes = render(&Selection::all(&g));
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("g.ftm.json");
        std::fs::write(&p, &bytes).unwrap();
        let mut doc = Document::new(g.doc().name.clone());
        doc.description = g.doc().description.clone();
        let r =
            crate::import::ftm::import(&mut doc, &p, &indicatif::ProgressBar::hidden()).unwrap();
        assert_eq!(r.skipped, 0, "{:?}", r.skipped_why);
        assert_eq!(doc.actors, g.doc().actors);
        assert_eq!(doc.sources, g.doc().sources);
        let mut want = g.doc().edges.clone();
        let mut got = doc.edges.clone();
        want.sort_by(|a, b| a.id.cmp(&b.id));
        got.sort_by(|a, b| a.id.cmp(&b.id));
        assert_eq!(got, want);
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.contains("\"schema\":\"Article\""));
        assert!(text
            .lines()
            .all(|l| serde_json::from_str::<Value>(l).is_ok()));
    }
}
