//! Popolo JSON: one document `{"persons": […], "organizations": […],
//! "memberships": […], "posts": […]}` (other keys such as `areas` or
//! `events` are ignored).
//!
//! * Persons become actors of kind `person`; organizations actors whose kind
//!   comes from `classification` (a polgraph kind as is, else words such as
//!   party, legislature, parliament, government, ministry, court, committee).
//!   `other_names` are aliases, an identifier with scheme `wikidata` is kept
//!   as `wikidata` (and matched first), other identifiers as attributes named
//!   by their scheme. An actor created takes the Popolo id when it is a valid
//!   polgraph id. An organization's `parent_id` becomes a `part_of` tie.
//! * Memberships become `member_of` ties from `person_id` (or `member.id`)
//!   to `organization_id` (or the organization of `post_id`), dated
//!   `start_date/end_date` (one date when both are equal, open where one is
//!   missing). `role`, the post's label (`post`) and `on_behalf_of` (the
//!   actor id of `on_behalf_of_id`, e.g. the party a legislator sits for)
//!   are kept as attributes, `label` as the summary. A role that is the
//!   name of a tie (what polgraph's own export writes for ties other than
//!   membership) is the tie's action instead.
//! * The edge id is the membership id (or a hash of its content when it has
//!   none), so importing again adds nothing twice.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use indicatif::ProgressBar;
use serde_json::Value;

use super::{fnv1a, parse_loose_date, ActorRef, Format, Merger, Report};
use crate::error::{Error, Result};
use crate::model::{Document, Edge, EdgeDate, RECOMMENDED_KINDS};

/// The polgraph kind of a Popolo organization classification.
pub fn kind_of_classification(c: &str) -> String {
    let low = c.trim().to_lowercase();
    if RECOMMENDED_KINDS.contains(&low.as_str()) {
        return low;
    }
    let has = |w: &str| low.contains(w);
    if has("party") {
        "party"
    } else if has("legislat")
        || has("parliament")
        || has("chamber")
        || has("assembly")
        || has("house")
        || has("senate")
        || has("congress")
        || has("diet")
    {
        "legislature"
    } else if has("ministry") || has("department") {
        "ministry"
    } else if has("government") || has("executive") || has("cabinet") {
        "government"
    } else if has("court") || has("judic") {
        "court"
    } else if has("committee") || has("caucus") || has("group") || has("faction") {
        "faction"
    } else if has("company") || has("business") {
        "company"
    } else if has("international") {
        "international_org"
    } else {
        "group"
    }
    .to_owned()
}

fn s<'v>(v: &'v Value, key: &str) -> Option<&'v str> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// Imports a Popolo JSON file into `doc` (all or nothing).
pub fn import(doc: &mut Document, path: &Path, progress: &ProgressBar) -> Result<Report> {
    // Edges name the same actors and actions many times: interned, each
    // distinct string is allocated once.
    crate::model::interning(|| import_records(doc, path, progress))
}

fn import_records(doc: &mut Document, path: &Path, progress: &ProgressBar) -> Result<Report> {
    let bytes = std::fs::read(path).map_err(|e| Error::io("read", path, e))?;
    let top: Value = serde_json::from_slice(&bytes).map_err(|e| Error::Syntax {
        path: path.to_owned(),
        line: e.line(),
        column: e.column(),
        message: "not a Popolo JSON document".into(),
    })?;
    let mut m = Merger::new(doc, Format::Popolo, path);
    if !top.is_object() {
        m.problem(
            "document",
            None,
            "a Popolo document is a JSON object with persons, organizations and memberships",
        );
        return m.finish(doc);
    }
    let list = |m: &mut Merger, key: &str| -> Vec<Value> {
        match top.get(key) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(a)) => a.clone(),
            Some(_) => {
                m.problem("document", Some(key), "must be a list");
                Vec::new()
            }
        }
    };
    let persons = list(&mut m, "persons");
    let orgs = list(&mut m, "organizations");
    let memberships = list(&mut m, "memberships");
    let posts = list(&mut m, "posts");
    let mut actor_of: HashMap<String, String> = HashMap::new();
    for (key, items) in [("persons", &persons), ("organizations", &orgs)] {
        for (i, p) in items.iter().enumerate() {
            m.row();
            progress.inc(1);
            let place = format!("{key}[{i}]");
            let Some(id) = s(p, "id") else {
                m.problem(&place, Some("id"), "missing id");
                continue;
            };
            let Some(name) = s(p, "name") else {
                m.problem(&place, Some("name"), "missing name");
                continue;
            };
            let kind = if key == "persons" {
                "person".to_owned()
            } else {
                s(p, "classification").map_or_else(|| "group".to_owned(), kind_of_classification)
            };
            let mut r = ActorRef::named(name, kind);
            r.id_hint = Some(id.to_owned());
            if !crate::model::is_valid_id(id) {
                r.ident = Some(("popolo_id".into(), id.to_owned()));
            }
            if let Some(Value::Array(names)) = p.get("other_names") {
                r.aliases = names
                    .iter()
                    .filter_map(|n| s(n, "name"))
                    .map(str::to_owned)
                    .collect();
            }
            let mut attrs = BTreeMap::new();
            if let Some(Value::Array(ids)) = p.get("identifiers") {
                for x in ids {
                    if let (Some(scheme), Some(val)) = (s(x, "scheme"), s(x, "identifier")) {
                        attrs.insert(scheme.to_lowercase(), val.to_owned());
                    }
                }
            }
            if key == "organizations" {
                if let Some(c) = s(p, "classification") {
                    if kind_of_classification(c) != c.to_lowercase() {
                        attrs.insert("popolo_classification".into(), c.to_owned());
                    }
                }
            }
            for k in [
                "birth_date",
                "death_date",
                "founding_date",
                "dissolution_date",
                "gender",
            ] {
                if let Some(v) = s(p, k) {
                    attrs.insert(k.to_owned(), v.to_owned());
                }
            }
            if let Some(c) = s(p, "country").or_else(|| s(p, "national_identity")) {
                r.country = super::countries::alpha3(c).map(str::to_owned);
            }
            r.description = s(p, "summary")
                .or_else(|| s(p, "description"))
                .map(str::to_owned);
            r.attributes = attrs;
            if let Some(a) = m.actor(&place, "name", r) {
                actor_of.insert(id.to_owned(), a);
            }
        }
    }
    let post_of: HashMap<&str, &Value> = posts
        .iter()
        .filter_map(|p| Some((s(p, "id")?, p)))
        .collect();
    for (i, o) in orgs.iter().enumerate() {
        if let (Some(id), Some(parent)) = (s(o, "id"), s(o, "parent_id")) {
            let (Some(a), Some(b)) = (actor_of.get(id), actor_of.get(parent)) else {
                m.problem(
                    &format!("organizations[{i}]"),
                    Some("parent_id"),
                    format!("no organization {parent:?}"),
                );
                continue;
            };
            let mut e = Edge::new(a, "part_of", b);
            e.id = format!("popolo-parent-{}", super::id_part(id));
            m.edge(&format!("organizations[{i}]"), e);
        }
    }
    for (i, ms) in memberships.iter().enumerate() {
        m.row();
        progress.inc(1);
        membership(
            &mut m,
            &format!("memberships[{i}]"),
            ms,
            &actor_of,
            &post_of,
        );
    }
    m.finish(doc)
}

fn membership(
    m: &mut Merger,
    place: &str,
    ms: &Value,
    actor_of: &HashMap<String, String>,
    post_of: &HashMap<&str, &Value>,
) {
    let post = s(ms, "post_id").and_then(|p| post_of.get(p).copied());
    let member = s(ms, "person_id").or_else(|| ms.get("member").and_then(|x| s(x, "id")));
    let org = s(ms, "organization_id").or_else(|| post.and_then(|p| s(p, "organization_id")));
    let (Some(member), Some(org)) = (member, org) else {
        m.problem(
            place,
            Some(if member.is_none() {
                "person_id"
            } else {
                "organization_id"
            }),
            "a membership needs a member and an organization",
        );
        return;
    };
    let mut ends = Vec::new();
    for (field, id) in [("person_id", member), ("organization_id", org)] {
        match actor_of.get(id) {
            Some(a) => ends.push(a.clone()),
            None => {
                m.problem(
                    place,
                    Some(field),
                    format!("no person or organization {id:?} in the file"),
                );
                return;
            }
        }
    }
    let edge_id = match s(ms, "id") {
        Some(id) => super::id_part(id),
        None => {
            let key = format!(
                "{member}|{org}|{}|{}|{}|{}",
                s(ms, "role").unwrap_or(""),
                s(ms, "post_id").unwrap_or(""),
                s(ms, "start_date").unwrap_or(""),
                s(ms, "end_date").unwrap_or("")
            );
            format!("popolo-membership-{:016x}", fnv1a(key.as_bytes()))
        }
    };
    let mut dates = [None, None];
    for (k, key) in ["start_date", "end_date"].into_iter().enumerate() {
        if let Some(d) = s(ms, key) {
            match parse_loose_date(d) {
                Some(x) => dates[k] = Some(x),
                None => {
                    m.problem(place, Some(key), format!("{d:?} is not a date"));
                    return;
                }
            }
        }
    }
    let date = match dates {
        [None, None] => None,
        [Some(a), Some(b)] if a == b => Some(EdgeDate::Single(a)),
        [a, b] => match EdgeDate::interval(a, b) {
            Ok(d) => Some(d),
            Err(e) => {
                m.problem(place, Some("end_date"), e.to_string());
                return;
            }
        },
    };
    let mut attrs = BTreeMap::new();
    let role = s(ms, "role");
    let action = match role {
        Some(r) if crate::model::vocab::is_valid_action_name(r) && m.knows_action(r) => {
            r.to_owned()
        }
        Some(r) => {
            attrs.insert("role".to_owned(), r.to_owned());
            "member_of".to_owned()
        }
        None => "member_of".to_owned(),
    };
    if let Some(p) = post {
        if let Some(label) = s(p, "label") {
            attrs.insert("post".to_owned(), label.to_owned());
        }
    }
    if let Some(ob) = s(ms, "on_behalf_of_id") {
        match actor_of.get(ob) {
            Some(a) => {
                attrs.insert("on_behalf_of".to_owned(), a.clone());
            }
            None => {
                m.problem(
                    place,
                    Some("on_behalf_of_id"),
                    format!("no organization {ob:?} in the file"),
                );
                return;
            }
        }
    }
    let mut e = Edge::new(&ends[0], action, &ends[1]);
    e.id = edge_id;
    e.date = date;
    e.summary = s(ms, "label").map(Into::into);
    e.attributes = attrs.into();
    m.edge(place, e);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/interchange/popolo.json")
    }

    #[test]
    fn imports_persons_organizations_and_memberships() {
        let mut doc = Document::new("t");
        let r = import(&mut doc, &sample(), &ProgressBar::hidden()).unwrap();
        assert_eq!(r.actors_created, 5);
        let mp = doc.edges.iter().find(|e| e.id == "m-motegi-diet").unwrap();
        assert_eq!(mp.action, "member_of");
        assert_eq!(mp.date.unwrap().to_string(), "1993-07-18/..");
        assert_eq!(mp.attributes["on_behalf_of"], "ldp");
        assert_eq!(
            mp.attributes["post"],
            "Representative for Tochigi 5th district"
        );
        let diet = doc.actors.iter().find(|a| a.id == "diet-hr").unwrap();
        assert_eq!(diet.kind, "legislature");
        let ldp = doc.actors.iter().find(|a| a.id == "ldp").unwrap();
        assert_eq!(ldp.kind, "party");
        assert_eq!(ldp.attributes["wikidata"], "Q273597");
        assert!(doc
            .edges
            .iter()
            .any(|e| e.action == "part_of" && e.source == "ldp-fad"));
        let no_id = doc
            .edges
            .iter()
            .find(|e| e.id.starts_with("popolo-membership-"))
            .unwrap();
        assert_eq!(no_id.attributes["role"], "Chairperson");
        assert!(crate::store::validate(&doc).is_empty());
        let again = import(&mut doc, &sample(), &ProgressBar::hidden()).unwrap();
        assert_eq!((again.edges_added, again.actors_created), (0, 0));
        assert_eq!(again.actors_matched, 5);
    }

    #[test]
    fn dangling_references_are_problems() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.json");
        std::fs::write(&p, r#"{"persons":[{"id":"a","name":"A"}],"memberships":[{"person_id":"a","organization_id":"zz"}]}"#).unwrap();
        let mut doc = Document::new("t");
        let err = import(&mut doc, &p, &ProgressBar::hidden())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(
                "memberships[0], field `organization_id`: no person or organization \"zz\""
            ),
            "{err}"
        );
        std::fs::write(&p, "[1,").unwrap();
        let err = import(&mut doc, &p, &ProgressBar::hidden())
            .unwrap_err()
            .to_string();
        assert!(err.contains("p.json: line 1"), "{err}");
        assert!(doc.actors.is_empty());
        assert_eq!(
            kind_of_classification("House of Councillors"),
            "legislature"
        );
        assert_eq!(kind_of_classification("political party"), "party");
    }
}
