//! PLOVER / POLECAT event records, one JSON object per line.
//!
//! Field names follow the PLOVER specification (`id`, `date`, `event`,
//! `mode`, `context`, `source`, `target`, `eventText`, `text`,
//! `publication`) with the POLECAT spellings accepted as well (`event_id`,
//! `event_date`, `event_type`, `event_mode`, `contexts`, `actor`/`actors`,
//! `recipient`/`recipients`, `publisher`, `url`). An actor is an object
//! `{"actorText"|"name": …, "code"|"country": …, "sector": …,
//! "wikidata"|"wikidata_id": …}` or a plain name; `source` and `target` may
//! be one actor or a list (compound actors).
//!
//! * Each (source, target) pair becomes one edge; a record with compound
//!   sources and no target ("Hungary and Romania agreed …") links the
//!   sources pairwise; a record with no target otherwise is skipped.
//! * The action comes from the event type and mode (see [`action_for`]);
//!   the edge keeps `plover_event`, `plover_mode` and `plover_context` as
//!   attributes, and `eventText` (or the start of `text`) as its summary.
//! * Edge ids are `plover-<id>` (with `-<i>-<j>` for compound records), so
//!   importing again adds nothing twice. The publication becomes a source.

use std::path::Path;

use indicatif::ProgressBar;
use serde_json::Value;

use super::{countries, each_json_line, fnv1a, gdelt, parse_loose_date, ActorRef, Format};
use super::{Merger, Report};
use crate::error::Result;
use crate::model::{Atom, Document, Edge, EdgeDate, Source};

/// The polgraph action of a PLOVER event type and mode (case-insensitive);
/// `None` for event types polgraph has no action for (CRIME).
pub fn action_for(event: &str, mode: &str) -> Option<&'static str> {
    let ev = event.trim().to_ascii_uppercase();
    let mode = mode.trim().to_ascii_lowercase();
    let has = |w: &str| mode.contains(w);
    Some(match ev.as_str() {
        "AGREE" => {
            if has("promise") || has("pledge") {
                "promised"
            } else if has("offer") {
                "offered"
            } else {
                "agreed"
            }
        }
        "CONSULT" => {
            if has("visit") {
                "visited"
            } else if has("host") {
                "hosted"
            } else if has("mediat") {
                "mediated"
            } else if has("negotiat") {
                "negotiated"
            } else if has("meet") || has("third") || has("multilateral") {
                "met"
            } else {
                "consulted"
            }
        }
        "SUPPORT" => {
            if has("praise") || has("endorse") {
                "praised"
            } else if has("recogni") {
                "recognized"
            } else if has("apolog") {
                "apologized"
            } else if has("forgive") {
                "forgave"
            } else if has("sign") || has("agreement") {
                "signed"
            } else if has("defend") {
                "defended"
            } else {
                "supported"
            }
        }
        "CONCEDE" => "conceded",
        "COOPERATE" => "cooperated",
        "AID" => {
            if has("econom") {
                "funded"
            } else if has("asylum") {
                "granted"
            } else {
                "aided"
            }
        }
        "RETREAT" => {
            if has("release") || has("return") {
                "released"
            } else if has("ceasefire") || has("truce") {
                "declared_ceasefire"
            } else if has("sanction") || has("embargo") {
                "lifted_sanctions"
            } else {
                "withdrew"
            }
        }
        "REQUEST" => "requested",
        "DEMAND" => "demanded",
        "INVESTIGATE" => "investigated",
        "ACCUSE" | "DISAPPROVE" => {
            if has("investigat") {
                "investigated"
            } else if has("sue") || has("lawsuit") {
                "sued"
            } else if has("allege") || has("accuse") {
                "accused"
            } else if has("complain") {
                "complained"
            } else if ev == "DISAPPROVE" || has("disapprove") || has("critic") {
                "criticized"
            } else {
                "accused"
            }
        }
        "REJECT" => {
            if has("veto") {
                "vetoed"
            } else {
                "rejected"
            }
        }
        "THREATEN" => {
            if has("ultimatum") {
                "issued_ultimatum"
            } else {
                "threatened"
            }
        }
        "PROTEST" => {
            if has("strike") || has("boycott") {
                "boycotted"
            } else if has("demonstrat") || has("rally") || has("riot") || has("block") {
                "demonstrated"
            } else {
                "protested"
            }
        }
        "MOBILIZE" => "mobilized",
        "SANCTION" => {
            if has("expel") {
                "expelled"
            } else if has("break") || has("relations") || has("recall") {
                "severed_ties"
            } else if has("aid") {
                "cut_aid"
            } else if has("withdraw") || has("halt") {
                "withdrew_from"
            } else {
                "sanctioned"
            }
        }
        "COERCE" => {
            if has("seize") || has("confiscat") {
                "seized"
            } else if has("ban") || has("censor") {
                "banned"
            } else if has("deport") || has("expel") {
                "deported"
            } else {
                "arrested"
            }
        }
        "ASSAULT" => {
            if has("assassinat") {
                "assassinated"
            } else if has("kill") {
                "killed"
            } else {
                "attacked"
            }
        }
        "FIGHT" => {
            if has("occup") {
                "occupied"
            } else {
                "fought"
            }
        }
        _ => return None,
    })
}

fn get<'v>(v: &'v Value, keys: &[&str]) -> Option<&'v Value> {
    keys.iter()
        .filter_map(|k| v.get(*k))
        .find(|x| !x.is_null() && x.as_str() != Some(""))
}

fn text(v: &Value, keys: &[&str]) -> Option<String> {
    match get(v, keys)? {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(a) => {
            let parts: Vec<String> = a
                .iter()
                .filter_map(|x| x.as_str().map(|s| s.trim().to_owned()))
                .filter(|s| !s.is_empty())
                .collect();
            (!parts.is_empty()).then(|| parts.join("; "))
        }
        _ => None,
    }
    .filter(|s| !s.is_empty())
}

/// The actors of a `source`/`target` value: one actor or a list of them.
fn actors(v: Option<&Value>) -> std::result::Result<Vec<ActorRef>, String> {
    let items: Vec<&Value> = match v {
        None => return Ok(Vec::new()),
        Some(Value::Array(a)) => a.iter().collect(),
        Some(x) => vec![x],
    };
    let mut out = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let (name, code, sector, qid) = match item {
            Value::String(s) if s.trim().is_empty() => continue,
            Value::String(s) => (s.trim().to_owned(), None, None, None),
            Value::Object(_) => (
                text(item, &["actorText", "name", "actor_name", "text"])
                    .ok_or_else(|| format!("actor {i} has no name (actorText)"))?,
                text(item, &["code", "country"]),
                text(item, &["sector", "sectors"]),
                text(item, &["wikidata", "wikidata_id", "wiki_id"]),
            ),
            Value::Null => continue,
            other => return Err(format!("actor {i} is {other}, not a name or an object")),
        };
        let country = code.as_deref().and_then(countries::alpha3);
        let kind = match (&sector, country) {
            (Some(s), _) => gdelt::kind_of_type(s.split([';', ',', ' ']).next().unwrap_or("")),
            (None, Some(c)) if countries::alpha3(&name) == Some(c) => "state",
            _ => "unknown",
        };
        let mut r = ActorRef::named(name, kind);
        r.country = country.map(str::to_owned);
        if let Some(s) = sector {
            r.attributes.insert("plover_sector".into(), s);
        }
        if let Some(c) = code.filter(|_| country.is_none()) {
            r.attributes.insert("plover_code".into(), c);
        }
        if let Some(q) = qid.filter(|q| q.starts_with('Q')) {
            r.ident = Some(("wikidata".into(), q));
        }
        out.push(r);
    }
    Ok(out)
}

/// Imports a PLOVER / POLECAT JSON-lines file into `doc` (all or nothing).
pub fn import(doc: &mut Document, path: &Path, progress: &ProgressBar) -> Result<Report> {
    // Edges name the same actors and actions many times: interned, each
    // distinct string is allocated once.
    crate::model::interning(|| import_records(doc, path, progress))
}

fn import_records(doc: &mut Document, path: &Path, progress: &ProgressBar) -> Result<Report> {
    let mut m = Merger::new(doc, Format::Plover, path);
    each_json_line(path, &mut m, progress, |m, line, v| {
        record(m, &format!("line {line}"), &v)
    })?;
    m.finish(doc)
}

fn record(m: &mut Merger, place: &str, v: &Value) {
    if !v.is_object() {
        m.problem(place, None, "is not a JSON object");
        return;
    }
    let Some(id) = text(v, &["id", "event_id", "eventId"]) else {
        m.problem(place, Some("id"), "missing event id");
        return;
    };
    let Some(event) = text(v, &["event", "event_type", "eventType"]) else {
        m.problem(place, Some("event"), "missing event type");
        return;
    };
    let raw_date = text(v, &["date", "event_date", "eventDate", "story_date"]).unwrap_or_default();
    let Some(date) = parse_loose_date(&raw_date) else {
        m.problem(
            place,
            Some("date"),
            format!("{raw_date:?} is not a date YYYY-MM-DD"),
        );
        return;
    };
    let mode = text(v, &["mode", "event_mode", "eventMode"]).unwrap_or_default();
    let context = text(v, &["context", "contexts"]).unwrap_or_default();
    let sources = match actors(get(v, &["source", "actor", "actors", "source_actor"])) {
        Ok(a) => a,
        Err(e) => return m.problem(place, Some("source"), e),
    };
    let targets = match actors(get(
        v,
        &["target", "recipient", "recipients", "target_actor"],
    )) {
        Ok(a) => a,
        Err(e) => return m.problem(place, Some("target"), e),
    };
    let Some(action) = action_for(&event, &mode) else {
        m.skip(format!(
            "event type {} has no polgraph action",
            event.to_ascii_uppercase()
        ));
        return;
    };
    let base = format!("plover-{}", super::id_part(&id));
    let mut pairs: Vec<(usize, usize, bool)> = Vec::new(); // (i, j, j indexes targets)
    if sources.is_empty() {
        m.skip("no source actor");
        return;
    }
    if targets.is_empty() {
        if sources.len() < 2 {
            m.skip("no target actor");
            return;
        }
        for i in 0..sources.len() {
            for j in i + 1..sources.len() {
                pairs.push((i, j, false));
            }
        }
    } else {
        for i in 0..sources.len() {
            for j in 0..targets.len() {
                pairs.push((i, j, true));
            }
        }
    }
    let single = pairs.len() == 1;
    let edge_id = |i: usize, j: usize| {
        if single {
            base.clone()
        } else {
            format!("{base}-{i}-{j}")
        }
    };
    if pairs.iter().all(|&(i, j, _)| m.has_edge(&edge_id(i, j))) {
        for _ in &pairs {
            m.already_present();
        }
        return;
    }
    let mut src_ids = Vec::new();
    for r in sources {
        match m.actor(place, "source", r) {
            Some(a) => src_ids.push(a),
            None => return,
        }
    }
    let mut tgt_ids = Vec::new();
    for r in targets {
        match m.actor(place, "target", r) {
            Some(a) => tgt_ids.push(a),
            None => return,
        }
    }
    let summary = text(v, &["eventText", "event_text"]).or_else(|| {
        text(v, &["text", "sentence"]).map(|t| {
            let mut s: String = t.chars().take(160).collect();
            if t.chars().count() > 160 {
                s.push('…');
            }
            s
        })
    });
    let publication = text(v, &["publication", "publisher", "source_name"]);
    let url = text(v, &["url", "source_url", "sourceUrl"]);
    let cite = if publication.is_some() || url.is_some() {
        let key = format!(
            "{}|{}",
            publication.as_deref().unwrap_or(""),
            url.as_deref().unwrap_or("")
        );
        let s = Source {
            id: format!("plover-src-{:016x}", fnv1a(key.as_bytes())),
            title: url
                .clone()
                .or_else(|| publication.clone())
                .unwrap_or_default(),
            publisher: publication,
            date: None,
            url,
        };
        Some(m.source(s))
    } else {
        None
    };
    for (i, j, to_target) in pairs {
        let target = if to_target { &tgt_ids[j] } else { &src_ids[j] };
        let mut e = Edge::new(&src_ids[i], action, target);
        e.id = edge_id(i, j);
        e.date = Some(EdgeDate::Single(date));
        e.summary = summary.as_deref().map(Into::into);
        e.attributes
            .insert("plover_event".into(), event.to_ascii_uppercase());
        for (k, val) in [("plover_mode", &mode), ("plover_context", &context)] {
            if !val.is_empty() {
                e.attributes.insert(k.into(), val.clone());
            }
        }
        for (k, keys) in [
            ("intensity", &["intensity"][..]),
            ("quad_class", &["quad_code", "quad_class", "quadClass"][..]),
        ] {
            if let Some(x) = text(v, keys) {
                e.attributes.insert(k.into(), x);
            }
        }
        e.cites.extend(cite.as_deref().map(Atom::from));
        m.edge(place, e);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/interchange/plover.jsonl")
    }

    #[test]
    fn event_types_and_modes() {
        let v = crate::model::Vocabulary::builtin();
        for ev in [
            "AGREE",
            "CONSULT",
            "SUPPORT",
            "CONCEDE",
            "COOPERATE",
            "AID",
            "RETREAT",
            "REQUEST",
            "DEMAND",
            "ACCUSE",
            "DISAPPROVE",
            "INVESTIGATE",
            "REJECT",
            "THREATEN",
            "PROTEST",
            "SANCTION",
            "MOBILIZE",
            "COERCE",
            "ASSAULT",
            "FIGHT",
        ] {
            for mode in [
                "",
                "visit",
                "veto",
                "demonstrate",
                "kill",
                "expel",
                "release",
            ] {
                let a = action_for(ev, mode).unwrap();
                assert!(v.is_known(a), "{ev}/{mode}: {a}");
            }
        }
        assert_eq!(action_for("consult", "visit"), Some("visited"));
        assert_eq!(action_for("PROTEST", "demonstrate"), Some("demonstrated"));
        assert_eq!(action_for("CRIME", ""), None);
    }

    #[test]
    fn imports_compound_actors_and_skips_one_sided_records() {
        let mut doc = Document::new("t");
        let r = import(&mut doc, &sample(), &ProgressBar::hidden()).unwrap();
        assert_eq!(r.rows, 5);
        assert_eq!(r.skipped_why["no target actor"], 1);
        assert_eq!(r.skipped_why["event type CRIME has no polgraph action"], 1);
        // 1 simple + compound 2 sources x 1 target + 2 sources without target.
        assert_eq!(r.edges_added, 4);
        let e = doc
            .edges
            .iter()
            .find(|e| e.id == "plover-polecat-20210115-0001")
            .unwrap();
        assert_eq!(e.action, "accused");
        assert_eq!(e.attributes["plover_mode"], "allege");
        assert_eq!(e.date.unwrap().to_string(), "2021-01-15");
        let jpn = doc.actors.iter().find(|a| a.id == e.source).unwrap();
        assert_eq!(
            (jpn.kind.as_str(), jpn.country.as_deref()),
            ("government", Some("JPN"))
        );
        assert!(doc
            .edges
            .iter()
            .any(|e| e.id == "plover-polecat-20210115-0003-1-0"));
        let pair = doc
            .edges
            .iter()
            .find(|e| e.id == "plover-polecat-20210115-0005")
            .unwrap();
        assert_eq!(
            (pair.source.as_str(), pair.target.as_str()),
            ("japan", "south-korea")
        );
        let again = import(&mut doc, &sample(), &ProgressBar::hidden()).unwrap();
        assert_eq!((again.edges_added, again.edges_already_present), (0, 4));
    }

    #[test]
    fn malformed_lines_are_reported_with_their_number() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("bad.jsonl");
        std::fs::write(
            &p,
            "{\"id\":\"1\",\"date\":\"2021-13-01\",\"event\":\"AGREE\"}\n\n{oops\n",
        )
        .unwrap();
        let mut doc = Document::new("t");
        let err = import(&mut doc, &p, &ProgressBar::hidden())
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 1, field `date`"), "{err}");
        assert!(err.contains("line 3: not a JSON object"), "{err}");
    }
}
