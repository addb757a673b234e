//! FollowTheMoney (FtM) entities, one JSON object per line:
//! `{"id": …, "schema": …, "properties": {"name": […], …}}`.
//!
//! * **Actors**: `Person`, `Organization`, `PublicBody`, `Company`,
//!   `LegalEntity` (and `Position`, the post an `Occupancy` points to). The
//!   first `name` is the name, the others and `alias` are aliases; the
//!   first `country` (ISO alpha-2) becomes the alpha-3 country;
//!   `wikidataId` is kept as the identifier attribute `wikidata` and
//!   matched first; `position` (Person) is kept as an attribute. The kind
//!   comes from a `polgraph:kind=…` keyword (what polgraph's own export
//!   writes), else from the `topics` (`pol.party` → party, …), else from the
//!   schema. Keywords `polgraph:attr:KEY=VALUE` become attributes.
//! * **Ties**: `Membership` → `member_of`, `Directorship` → `heads`,
//!   `Employment` → `employed_by`, `Representation` → `represents`,
//!   `Family` → `related_to`, `Associate` → `affiliated_with`,
//!   `Occupancy` → `holds` (a tie this import declares in the graph);
//!   `UnknownLink` → the action named by its `role` when that is an action,
//!   else `affiliated_with`. `date` is a single date, `startDate`/`endDate`
//!   an interval (open where one is missing). `role`, `relationship` and
//!   `status` are kept; `proof` documents become the edge's sources.
//! * **Sources**: `Document` entities and their kinds `Article`,
//!   `PlainText`, `HyperText` (title, publisher, date, sourceUrl).
//!   A link without `proof` but with `sourceUrl` or `publisher` gets a
//!   source made from those.
//! * Ids: an actor created from an entity takes the entity id (when it is a
//!   valid polgraph id), an edge id is the link's entity id, so importing
//!   again adds nothing twice.
//! * Other schemas (Address, Ownership, Sanction, …) are skipped and counted.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use indicatif::ProgressBar;
use serde_json::Value;

use super::{countries, each_json_line, fnv1a, parse_loose_date, ActorRef, Format};
use super::{Merger, Report};
use crate::error::Result;
use crate::model::{ActionDef, Category, Document, Edge, EdgeDate, QuadClass, Source, Status};

/// Keyword prefix carrying a polgraph actor kind through FtM.
pub const KIND_KEYWORD: &str = "polgraph:kind=";
/// Keyword prefix carrying a polgraph actor attribute through FtM.
pub const ATTR_KEYWORD: &str = "polgraph:attr:";
/// Prefix of the `description` of a link carrying polgraph edge attributes.
pub const EDGE_ATTRS_PREFIX: &str = "polgraph attributes: ";

/// The tie an `Occupancy` becomes, declared in the graph when needed.
pub fn holds_action() -> ActionDef {
    ActionDef {
        name: "holds".into(),
        category: Category::Tie,
        quad: QuadClass::Neutral,
        score: 0.0,
        symmetric: false,
        tie: true,
        description: "holds the target post or office".into(),
    }
}

/// FtM topics ↔ polgraph kinds (first match wins both ways).
pub const TOPIC_KINDS: &[(&str, &str)] = &[
    ("pol.party", "party"),
    ("gov.legislative", "legislature"),
    ("gov.judicial", "court"),
    ("gov.igo", "international_org"),
    ("gov.national", "state"),
    ("gov.executive", "government"),
    ("gov.security", "agency"),
    ("gov.admin", "agency"),
    ("gov", "government"),
];

/// The FtM schema polgraph writes an actor of `kind` as.
pub fn schema_for_kind(kind: &str) -> &'static str {
    match kind {
        "person" => "Person",
        "state" | "government" | "ministry" | "bureau" | "agency" | "court" | "legislature" => {
            "PublicBody"
        }
        "company" => "Company",
        "party" | "faction" | "ngo" | "media" | "international_org" | "group" => "Organization",
        _ => "LegalEntity",
    }
}

/// (schema, from-property, to-property, action) of the link schemas read.
pub const LINKS: &[(&str, &str, &str, &str)] = &[
    ("Membership", "member", "organization", "member_of"),
    ("Directorship", "director", "organization", "heads"),
    ("Employment", "employee", "employer", "employed_by"),
    ("Representation", "agent", "client", "represents"),
    ("Family", "person", "relative", "related_to"),
    ("Associate", "person", "associate", "affiliated_with"),
    ("Occupancy", "holder", "post", "holds"),
    ("UnknownLink", "subject", "object", ""),
];

const ACTOR_SCHEMAS: &[&str] = &[
    "Person",
    "Organization",
    "PublicBody",
    "Company",
    "LegalEntity",
    "Position",
];

fn props<'v>(v: &'v Value, key: &str) -> Vec<&'v str> {
    match v.get("properties").and_then(|p| p.get(key)) {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect(),
        Some(Value::String(s)) if !s.trim().is_empty() => vec![s.trim()],
        _ => Vec::new(),
    }
}

fn first<'v>(v: &'v Value, key: &str) -> Option<&'v str> {
    props(v, key).into_iter().next()
}

/// Imports an FtM entity file into `doc` (all or nothing).
pub fn import(doc: &mut Document, path: &Path, progress: &ProgressBar) -> Result<Report> {
    // Edges name the same actors and actions many times: interned, each
    // distinct string is allocated once.
    crate::model::interning(|| import_records(doc, path, progress))
}

fn import_records(doc: &mut Document, path: &Path, progress: &ProgressBar) -> Result<Report> {
    let mut m = Merger::new(doc, Format::Ftm, path);
    let mut entity_actor: HashMap<String, String> = HashMap::new();
    let mut documents: HashMap<String, String> = HashMap::new();
    let mut links: Vec<(String, Value)> = Vec::new();
    each_json_line(path, &mut m, progress, |m, line, v| {
        let place = format!("line {line}");
        let (Some(id), Some(schema)) = (
            v.get("id")
                .and_then(Value::as_str)
                .filter(|s| !s.trim().is_empty()),
            v.get("schema").and_then(Value::as_str),
        ) else {
            m.problem(
                &place,
                Some("id"),
                "an FtM entity needs an \"id\" and a \"schema\"",
            );
            return;
        };
        if v.get("properties").is_some_and(|p| !p.is_object()) {
            m.problem(&place, Some("properties"), "must be an object of lists");
            return;
        }
        let id = id.trim().to_owned();
        if ACTOR_SCHEMAS.contains(&schema) {
            if let Some(a) = actor(m, &place, &id, schema, &v) {
                entity_actor.insert(id, a);
            }
        } else if matches!(schema, "Document" | "Article" | "PlainText" | "HyperText") {
            let sid = document(m, &id, &v);
            documents.insert(id, sid);
        } else if LINKS.iter().any(|l| l.0 == schema) {
            links.push((place, v));
        } else {
            m.skip(format!("schema {schema} not imported"));
        }
    })?;
    for (place, v) in links {
        link(&mut m, &place, &v, &entity_actor, &documents);
    }
    m.finish(doc)
}

fn actor(m: &mut Merger, place: &str, id: &str, schema: &str, v: &Value) -> Option<String> {
    let names = props(v, "name");
    let Some(name) = names.first().copied() else {
        m.problem(place, Some("name"), format!("{schema} {id:?} has no name"));
        return None;
    };
    let keywords = props(v, "keywords");
    let kind = keywords
        .iter()
        .find_map(|k| k.strip_prefix(KIND_KEYWORD))
        .map(str::to_owned)
        .or_else(|| {
            props(v, "topics").iter().find_map(|t| {
                TOPIC_KINDS
                    .iter()
                    .find(|(topic, _)| topic == t)
                    .map(|(_, k)| (*k).to_owned())
            })
        })
        .unwrap_or_else(|| {
            match schema {
                "Person" => "person",
                "PublicBody" => "agency",
                "Company" => "company",
                "Position" => "post",
                "Organization" => "group",
                _ => "unknown",
            }
            .to_owned()
        });
    let mut r = ActorRef::named(name, kind);
    r.id_hint = Some(id.to_owned());
    if !crate::model::is_valid_id(id) {
        r.ident = Some(("ftm_id".into(), id.to_owned()));
    }
    r.aliases = names[1..]
        .iter()
        .chain(props(v, "alias").iter())
        .map(|s| (*s).to_owned())
        .collect();
    r.country = first(v, "country")
        .and_then(countries::alpha3)
        .map(str::to_owned);
    r.description = first(v, "description")
        .or_else(|| first(v, "summary"))
        .map(str::to_owned);
    let mut attrs = BTreeMap::new();
    if let Some(q) = first(v, "wikidataId") {
        attrs.insert("wikidata".to_owned(), q.to_owned());
    }
    if let Some(p) = first(v, "position") {
        attrs.insert("position".to_owned(), p.to_owned());
    }
    for k in &keywords {
        if let Some((key, val)) = k
            .strip_prefix(ATTR_KEYWORD)
            .and_then(|kv| kv.split_once('='))
        {
            attrs.insert(key.to_owned(), val.to_owned());
        }
    }
    if !keywords.iter().any(|k| k.starts_with(KIND_KEYWORD)) {
        let topics = props(v, "topics");
        if !topics.is_empty() {
            attrs.insert("ftm_topics".to_owned(), topics.join(";"));
        }
    }
    r.attributes = attrs;
    m.actor(place, "name", r)
}

fn document(m: &mut Merger, id: &str, v: &Value) -> String {
    let url = first(v, "sourceUrl").map(str::to_owned);
    let title = first(v, "title")
        .or_else(|| first(v, "name"))
        .map(str::to_owned)
        .or_else(|| url.clone())
        .unwrap_or_else(|| id.to_owned());
    let s = Source {
        id: super::id_part(id),
        title,
        publisher: first(v, "publisher").map(str::to_owned),
        date: first(v, "date")
            .or_else(|| first(v, "publishedAt"))
            .and_then(parse_loose_date)
            .map(EdgeDate::Single),
        url,
    };
    m.source(s)
}

fn date_of(m: &mut Merger, place: &str, v: &Value) -> Option<Option<EdgeDate>> {
    let parse = |m: &mut Merger, key: &str| -> Option<Option<crate::model::PartialDate>> {
        match first(v, key) {
            None => Some(None),
            Some(s) => match parse_loose_date(s) {
                Some(d) => Some(Some(d)),
                None => {
                    m.problem(place, Some(key), format!("{s:?} is not a date"));
                    None
                }
            },
        }
    };
    let start = parse(m, "startDate")?;
    let end = parse(m, "endDate")?;
    let single = parse(m, "date")?;
    Some(match (start, end, single) {
        (None, None, d) => d.map(EdgeDate::Single),
        (s, e, _) => match EdgeDate::interval(s, e) {
            Ok(d) => Some(d),
            Err(err) => {
                m.problem(place, Some("startDate"), err.to_string());
                return None;
            }
        },
    })
}

fn link(
    m: &mut Merger,
    place: &str,
    v: &Value,
    entity_actor: &HashMap<String, String>,
    documents: &HashMap<String, String>,
) {
    let schema = v.get("schema").and_then(Value::as_str).unwrap_or("");
    let id = v.get("id").and_then(Value::as_str).unwrap_or("").trim();
    let Some(&(_, from, to, fixed)) = LINKS.iter().find(|l| l.0 == schema) else {
        return;
    };
    let edge_id = super::id_part(id);
    if m.has_edge(&edge_id) {
        m.already_present();
        return;
    }
    let mut ends = Vec::with_capacity(2);
    for prop in [from, to] {
        let Some(r) = first(v, prop) else {
            m.problem(place, Some(prop), format!("{schema} {id:?} has no {prop}"));
            return;
        };
        match entity_actor.get(r) {
            Some(a) => ends.push(a.clone()),
            None => {
                m.skip("link to an entity not in the file");
                return;
            }
        }
    }
    let role = first(v, "role");
    let mut attrs = BTreeMap::new();
    let action = if fixed.is_empty() {
        match role {
            Some(r) if crate::model::vocab::is_valid_action_name(r) && m.knows_action(r) => {
                r.to_owned()
            }
            other => {
                if let Some(r) = other {
                    attrs.insert("role".to_owned(), r.to_owned());
                }
                "affiliated_with".to_owned()
            }
        }
    } else {
        if let Some(r) = role {
            attrs.insert("role".to_owned(), r.to_owned());
        }
        fixed.to_owned()
    };
    if action == "holds" {
        m.declare(holds_action());
    }
    let Some(date) = date_of(m, place, v) else {
        return;
    };
    let mut e = Edge::new(&ends[0], action, &ends[1]);
    e.id = edge_id;
    e.date = date;
    e.summary = first(v, "summary").map(Into::into);
    if let Some(rel) = first(v, "relationship") {
        attrs.insert("relationship".to_owned(), rel.to_owned());
    }
    if let Some(s) = first(v, "status") {
        match Status::parse(s) {
            Some(st) => e.status = st,
            None => {
                attrs.insert("ftm_status".to_owned(), s.to_owned());
            }
        }
    }
    if let Some(d) = first(v, "description") {
        match d.strip_prefix(EDGE_ATTRS_PREFIX) {
            Some(json) => match serde_json::from_str::<BTreeMap<String, String>>(json) {
                Ok(map) => attrs.extend(map),
                Err(_) => {
                    m.problem(
                        place,
                        Some("description"),
                        "polgraph attributes are not a JSON object of strings",
                    );
                    return;
                }
            },
            None => {
                attrs.insert("description".to_owned(), d.to_owned());
            }
        }
    }
    e.attributes = attrs.into();
    for p in props(v, "proof") {
        match documents.get(p) {
            Some(s) => e.cites.push(s.into()),
            None => m.problem(
                place,
                Some("proof"),
                format!("no Document entity {p:?} in the file"),
            ),
        }
    }
    if e.cites.is_empty() {
        let url = first(v, "sourceUrl");
        let publisher = first(v, "publisher");
        if url.is_some() || publisher.is_some() {
            let key = format!("{}|{}", publisher.unwrap_or(""), url.unwrap_or(""));
            let s = Source {
                id: format!("ftm-src-{:016x}", fnv1a(key.as_bytes())),
                title: url.or(publisher).unwrap_or_default().to_owned(),
                publisher: publisher.map(str::to_owned),
                date: None,
                url: url.map(str::to_owned),
            };
            e.cites.push(m.source(s).into());
        }
    }
    m.edge(place, e);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/interchange/entities.ftm.json")
    }

    #[test]
    fn imports_actors_ties_and_sources() {
        let mut doc = Document::new("t");
        let r = import(&mut doc, &sample(), &ProgressBar::hidden()).unwrap();
        assert_eq!(r.skipped_why["schema Address not imported"], 1);
        let kishida = doc
            .actors
            .iter()
            .find(|a| a.name == "Fumio Kishida")
            .unwrap();
        assert_eq!(kishida.attributes["wikidata"], "Q1369453");
        assert_eq!(kishida.country.as_deref(), Some("JPN"));
        assert_eq!(kishida.kind, "person");
        let ldp = doc.actors.iter().find(|a| a.id == "jp-party-ldp").unwrap();
        assert_eq!(ldp.kind, "party");
        assert!(ldp.aliases.contains(&"LDP".to_owned()));
        let m = doc.edges.iter().find(|e| e.action == "member_of").unwrap();
        assert_eq!(m.date.unwrap().to_string(), "1993-07/..");
        assert_eq!(m.cites.len(), 1);
        let occ = doc.edges.iter().find(|e| e.action == "holds").unwrap();
        assert_eq!(occ.date.unwrap().to_string(), "2021-10-04/2024-10-01");
        assert!(doc.actions.iter().any(|a| a.name == "holds" && a.tie));
        let fam = doc.edges.iter().find(|e| e.action == "related_to").unwrap();
        assert_eq!(fam.attributes["relationship"], "son");
        assert_eq!(r.edges_added, doc.edges.len());
        assert!(crate::store::validate(&doc).is_empty());
        let again = import(&mut doc, &sample(), &ProgressBar::hidden()).unwrap();
        assert_eq!(again.edges_added, 0);
        assert_eq!(again.actors_created, 0);
        assert_eq!(again.edges_already_present, r.edges_added);
    }

    #[test]
    fn entity_without_schema_or_name_is_a_problem() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("bad.json");
        std::fs::write(
            &p,
            "{\"id\":\"x\"}\n{\"id\":\"y\",\"schema\":\"Person\",\"properties\":{}}\n",
        )
        .unwrap();
        let mut doc = Document::new("t");
        let err = import(&mut doc, &p, &ProgressBar::hidden())
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 1, field `id`"), "{err}");
        assert!(
            err.contains("line 2, field `name`: Person \"y\" has no name"),
            "{err}"
        );
    }
}
