//! Popolo JSON for civic-tech tools (EveryPolitician-style data, Open Civic
//! Data, pupa): `persons`, `organizations`, `posts` and `memberships`.
//!
//! * Actors of kind `person` are persons (`national_identity` holds the
//!   country); every other actor is an organization whose `classification`
//!   is its kind. `other_names` are the aliases; the `wikidata` attribute
//!   and other identifier attributes become `identifiers`.
//! * Every standing tie whose target is an organization is a membership:
//!   `person_id` (or `member` for an organization member),
//!   `organization_id`, `start_date`/`end_date` from the date (a single
//!   date is both), `label` from the summary, `role` from the attribute
//!   `role` for `member_of` and the action's name for any other tie, a post
//!   for the attribute `post`, `on_behalf_of_id` for `on_behalf_of`.
//! * Popolo has no place for events, ties to persons, statuses, sources or
//!   other attributes: they are left out (see the README's table of what
//!   each format loses).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Map, Value};

use super::Selection;
use crate::import::{fnv1a, Merger};
use crate::model::EdgeDate;

fn identifiers(attrs: &BTreeMap<String, String>) -> Vec<Value> {
    attrs
        .iter()
        .filter(|(k, _)| Merger::identifier_keys().contains(&k.as_str()))
        .map(|(k, v)| json!({"scheme": k, "identifier": v}))
        .collect()
}

/// Renders the selection as one Popolo JSON document.
pub fn render(sel: &Selection<'_>) -> Vec<u8> {
    let g = sel.graph;
    let mut persons = Vec::new();
    let mut orgs = Vec::new();
    let mut is_org: BTreeSet<&str> = BTreeSet::new();
    for a in sel.actors() {
        let mut o = Map::new();
        o.insert("id".into(), json!(a.id));
        o.insert("name".into(), json!(a.name));
        if !a.aliases.is_empty() {
            let names: Vec<Value> = a.aliases.iter().map(|n| json!({"name": n})).collect();
            o.insert("other_names".into(), Value::Array(names));
        }
        let ids = identifiers(&a.attributes);
        if !ids.is_empty() {
            o.insert("identifiers".into(), Value::Array(ids));
        }
        if a.kind == "person" {
            if let Some(c) = &a.country {
                o.insert("national_identity".into(), json!(c));
            }
            if let Some(d) = &a.description {
                o.insert("summary".into(), json!(d));
            }
            persons.push(Value::Object(o));
        } else {
            o.insert("classification".into(), json!(a.kind));
            is_org.insert(&a.id);
            orgs.push(Value::Object(o));
        }
    }
    let mut posts: BTreeMap<String, Value> = BTreeMap::new();
    let mut memberships = Vec::new();
    for &ei in &sel.edges {
        let e = g.edge(ei);
        if !g.info(ei).tie || !is_org.contains(e.target.as_str()) {
            continue;
        }
        let mut m = Map::new();
        m.insert("id".into(), json!(e.id));
        if is_org.contains(e.source.as_str()) {
            m.insert(
                "member".into(),
                json!({"@type": "Organization", "id": e.source}),
            );
        } else {
            m.insert("person_id".into(), json!(e.source));
        }
        m.insert("organization_id".into(), json!(e.target));
        if e.action == "member_of" {
            if let Some(r) = e.attributes.get("role") {
                m.insert("role".into(), json!(r));
            }
        } else {
            m.insert("role".into(), json!(e.action));
        }
        if let Some(label) = e.attributes.get("post") {
            let id = format!(
                "post-{:016x}",
                fnv1a(format!("{}|{label}", e.target).as_bytes())
            );
            posts
                .entry(id.clone())
                .or_insert_with(|| json!({"id": id, "label": label, "organization_id": e.target}));
            m.insert("post_id".into(), json!(id));
        }
        if let Some(ob) = e
            .attributes
            .get("on_behalf_of")
            .filter(|o| is_org.contains(o.as_str()))
        {
            m.insert("on_behalf_of_id".into(), json!(ob));
        }
        match e.date {
            Some(EdgeDate::Single(d)) => {
                m.insert("start_date".into(), json!(d.to_string()));
                m.insert("end_date".into(), json!(d.to_string()));
            }
            Some(EdgeDate::Interval { start, end }) => {
                if let Some(s) = start {
                    m.insert("start_date".into(), json!(s.to_string()));
                }
                if let Some(t) = end {
                    m.insert("end_date".into(), json!(t.to_string()));
                }
            }
            None => {}
        }
        if let Some(s) = &e.summary {
            m.insert("label".into(), json!(s));
        }
        memberships.push(Value::Object(m));
    }
    let doc = json!({
        "persons": persons,
        "organizations": orgs,
        "posts": posts.into_values().collect::<Vec<_>>(),
        "memberships": memberships,
    });
    let mut out = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    out.push(b'\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::seed;
    use crate::model::Document;

    #[test]
    fn round_trip_keeps_actors_and_ties_to_organizations() {
        let g = seed();
        let bytes = render(&Selection::all(&g));
        let v: Value = serde_json::from_slice(&bytes).unwrap();
        let n_persons = g.doc().actors.iter().filter(|a| a.kind == "person").count();
        assert_eq!(v["persons"].as_array().unwrap().len(), n_persons);
        assert_eq!(
            v["organizations"].as_array().unwrap().len(),
            g.actor_count() - n_persons
        );
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.json");
        std::fs::write(&p, &bytes).unwrap();
        let mut doc = Document::new("t");
        crate::import::popolo::import(&mut doc, &p, &indicatif::ProgressBar::hidden()).unwrap();
        for (a, b) in doc.actors.iter().zip(&g.doc().actors) {
            assert_eq!(
                (&a.id, &a.name, &a.kind, &a.aliases),
                (&b.id, &b.name, &b.kind, &b.aliases)
            );
        }
        let exported = v["memberships"].as_array().unwrap().len();
        assert!(exported > 0);
        assert_eq!(doc.edges.len(), exported);
        for e in &doc.edges {
            let orig = g.doc().edges.iter().find(|o| o.id == e.id).unwrap();
            assert_eq!(
                (&e.source, &e.action, &e.target, e.date),
                (&orig.source, &orig.action, &orig.target, orig.date)
            );
        }
    }
}
