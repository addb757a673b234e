//! Changes to a document: adding, removing and merging. Each function either
//! applies its whole change or returns an error and leaves the document as
//! it was.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::error::{Error, Problem, Result, Short};
use crate::model::{is_valid_country, is_valid_id, Actor, Document, Edge, Source};

fn invalid(origin: &str, problems: Vec<Problem>) -> Result<()> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid {
            origin: origin.to_owned(),
            problems,
        })
    }
}

/// Checks one actor's fields (not its uniqueness).
pub fn check_actor(a: &Actor, at: &str) -> Vec<Problem> {
    let mut p = Vec::new();
    if !is_valid_id(&a.id) {
        p.push(Problem::new(at, Some("id"), format!("{:?} is not a valid id (1–200 ASCII letters, digits, '-', '_', '.', ':', starting with a letter or digit)", Short(&a.id))));
    }
    if a.name.trim().is_empty() {
        p.push(Problem::new(at, Some("name"), "empty name"));
    }
    if a.name.chars().any(char::is_control) {
        p.push(Problem::new(
            at,
            Some("name"),
            format!("{:?} contains control characters", Short(&a.name)),
        ));
    }
    if a.kind.trim().is_empty() {
        p.push(Problem::new(at, Some("kind"), "empty kind"));
    }
    if let Some(c) = &a.country {
        if !is_valid_country(c) {
            p.push(Problem::new(
                at,
                Some("country"),
                format!(
                    "{:?} is not an ISO 3166-1 alpha-3 code (three capital letters, e.g. \"KOR\")",
                    Short(c)
                ),
            ));
        }
    }
    for al in &a.aliases {
        if al.trim().is_empty() || al.chars().any(char::is_control) {
            p.push(Problem::new(
                at,
                Some("aliases"),
                format!("bad alias {:?}", Short(al)),
            ));
        }
    }
    p
}

/// Adds an actor; its id must be new.
pub fn add_actor(doc: &mut Document, actor: Actor) -> Result<()> {
    let at = format!("actor {:?}", actor.id);
    invalid("add actor", check_actor(&actor, &at))?;
    if doc.actors.iter().any(|a| a.id == actor.id) {
        return Err(Error::Conflict(format!(
            "an actor with id {:?} already exists",
            actor.id
        )));
    }
    let pos = doc.actors.partition_point(|a| a.id < actor.id);
    doc.actors.insert(pos, actor);
    Ok(())
}

/// Adds an edge whose `source` and `target` are actor ids; returns its id
/// (generated when empty).
pub fn add_edge(doc: &mut Document, edge: Edge) -> Result<String> {
    let at = "new edge";
    let mut p = Vec::new();
    for (field, v) in [("source", &edge.source), ("target", &edge.target)] {
        if !doc.actors.iter().any(|a| a.id == *v) {
            p.push(Problem::new(
                at,
                Some(field),
                format!("unknown actor {v:?}"),
            ));
        }
    }
    if !crate::model::vocab::is_valid_action_name(&edge.action) {
        p.push(Problem::new(at, Some("action"), format!("{:?} is not an action name (lowercase letters, digits and _, starting with a letter)", edge.action)));
    }
    for c in &edge.cites {
        if !doc.sources.iter().any(|s| s.id == *c) {
            p.push(Problem::new(
                at,
                Some("cites"),
                format!("unknown source {c:?}; add it first with `polgraph add source`"),
            ));
        }
    }
    if !edge.id.is_empty() {
        if !is_valid_id(&edge.id) {
            p.push(Problem::new(
                at,
                Some("id"),
                format!("{:?} is not a valid id", edge.id),
            ));
        } else if doc.edges.iter().any(|e| e.id == edge.id) {
            p.push(Problem::new(
                at,
                Some("id"),
                format!("an edge with id {:?} already exists", edge.id),
            ));
        }
    }
    invalid("add edge", p)?;
    let fresh = edge.id.is_empty();
    doc.edges.push(edge);
    if fresh {
        doc.assign_edge_ids();
    }
    Ok(doc.edges[doc.edges.len() - 1].id.clone())
}

/// Adds a source; its id must be new.
pub fn add_source(doc: &mut Document, source: Source) -> Result<()> {
    let at = format!("source {:?}", source.id);
    let mut p = Vec::new();
    if !is_valid_id(&source.id) {
        p.push(Problem::new(
            &at,
            Some("id"),
            format!("{:?} is not a valid id", source.id),
        ));
    }
    if source.title.trim().is_empty() {
        p.push(Problem::new(&at, Some("title"), "empty title"));
    }
    invalid("add source", p)?;
    if doc.sources.iter().any(|s| s.id == source.id) {
        return Err(Error::Conflict(format!(
            "a source with id {:?} already exists",
            source.id
        )));
    }
    let pos = doc.sources.partition_point(|s| s.id < source.id);
    doc.sources.insert(pos, source);
    Ok(())
}

/// Removes an actor. While edges use it this fails, unless `cascade`, which
/// removes those edges too. Returns the ids of the removed edges.
pub fn remove_actor(doc: &mut Document, id: &str, cascade: bool) -> Result<Vec<String>> {
    let Some(pos) = doc.actors.iter().position(|a| a.id == id) else {
        return Err(Error::NotFound {
            what: "actor",
            id: id.to_owned(),
        });
    };
    let using: Vec<String> = doc
        .edges
        .iter()
        .filter(|e| e.source == id || e.target == id)
        .map(|e| e.id.clone())
        .collect();
    if !using.is_empty() && !cascade {
        let shown: Vec<&str> = using.iter().take(10).map(String::as_str).collect();
        return Err(Error::Conflict(format!(
            "actor {id:?} is used by {} edge{} ({}{}); remove them first or pass --cascade",
            using.len(),
            if using.len() == 1 { "" } else { "s" },
            shown.join(", "),
            if using.len() > 10 { ", …" } else { "" }
        )));
    }
    doc.edges.retain(|e| e.source != id && e.target != id);
    doc.actors.remove(pos);
    Ok(using)
}

/// Removes an edge by id.
pub fn remove_edge(doc: &mut Document, id: &str) -> Result<Edge> {
    match doc.edges.iter().position(|e| e.id == id) {
        Some(i) => Ok(doc.edges.remove(i)),
        None => Err(Error::NotFound {
            what: "edge",
            id: id.to_owned(),
        }),
    }
}

/// What a merge did.
#[derive(Clone, Debug, Default, Serialize)]
pub struct MergeReport {
    /// The removed duplicate's id.
    pub merged: String,
    /// The surviving actor's id.
    pub into: String,
    /// Edges whose source or target moved over.
    pub moved_edges: usize,
    /// Names added as aliases.
    pub new_aliases: Vec<String>,
    /// Attributes copied over.
    pub new_attributes: Vec<String>,
    /// Disagreements, resolved in favour of the surviving actor.
    pub conflicts: Vec<String>,
    /// Edges that now link the actor to itself (edges between the two).
    pub self_loops: Vec<String>,
}

/// Entity resolution: merges actor `dup` into `into`. Edges move over; the
/// duplicate's id, name and aliases become aliases; attributes merge (the
/// surviving actor's value wins, conflicts are reported); the duplicate is
/// removed.
pub fn merge(doc: &mut Document, dup: &str, into: &str) -> Result<MergeReport> {
    if dup == into {
        return Err(Error::Usage(format!("cannot merge {dup:?} into itself")));
    }
    let di = doc
        .actors
        .iter()
        .position(|a| a.id == dup)
        .ok_or_else(|| Error::NotFound {
            what: "actor",
            id: dup.to_owned(),
        })?;
    let ii = doc
        .actors
        .iter()
        .position(|a| a.id == into)
        .ok_or_else(|| Error::NotFound {
            what: "actor",
            id: into.to_owned(),
        })?;
    let d = doc.actors[di].clone();
    let mut report = MergeReport {
        merged: dup.to_owned(),
        into: into.to_owned(),
        ..MergeReport::default()
    };
    {
        let target = &mut doc.actors[ii];
        let mut known: BTreeSet<String> = target
            .aliases
            .iter()
            .chain(std::iter::once(&target.name))
            .map(|s| crate::graph::normalize_name(s))
            .collect();
        for name in std::iter::once(&d.name).chain(d.aliases.iter()) {
            if known.insert(crate::graph::normalize_name(name)) {
                target.aliases.push(name.clone());
                report.new_aliases.push(name.clone());
            }
        }
        if d.kind != target.kind {
            report.conflicts.push(format!(
                "kind: kept {:?}, dropped {:?}",
                target.kind, d.kind
            ));
        }
        match (&target.country, &d.country) {
            (None, Some(c)) => target.country = Some(c.clone()),
            (Some(a), Some(b)) if a != b => report
                .conflicts
                .push(format!("country: kept {a:?}, dropped {b:?}")),
            _ => {}
        }
        if target.description.is_none() {
            target.description = d.description.clone();
        }
        for (k, v) in &d.attributes {
            match target.attributes.get(k) {
                None => {
                    target.attributes.insert(k.clone(), v.clone());
                    report.new_attributes.push(k.clone());
                }
                Some(old) if old != v => report
                    .conflicts
                    .push(format!("attribute {k}: kept {old:?}, dropped {v:?}")),
                _ => {}
            }
        }
    }
    for e in &mut doc.edges {
        let mut moved = false;
        if e.source == dup {
            e.source = into.into();
            moved = true;
        }
        if e.target == dup {
            e.target = into.into();
            moved = true;
        }
        if moved {
            report.moved_edges += 1;
            if e.source == e.target {
                report.self_loops.push(e.id.clone());
            }
        }
    }
    doc.actors.remove(di);
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Document {
        let mut d = Document::new("t");
        for (id, name) in [("a", "Alpha"), ("b", "Beta"), ("c", "Gamma")] {
            add_actor(&mut d, Actor::new(id, name, "party")).unwrap();
        }
        add_edge(&mut d, Edge::new("a", "met", "b")).unwrap();
        add_edge(&mut d, Edge::new("c", "criticized", "b")).unwrap();
        add_edge(&mut d, Edge::new("a", "praised", "c")).unwrap();
        d
    }

    #[test]
    fn remove_actor_refuses_without_cascade() {
        let mut d = doc();
        let before = d.clone();
        let e = remove_actor(&mut d, "b", false).unwrap_err().to_string();
        assert!(e.contains("used by 2 edges (e1, e2)"), "{e}");
        assert_eq!(d, before);
        assert_eq!(remove_actor(&mut d, "b", true).unwrap(), vec!["e1", "e2"]);
        assert_eq!(d.edges.len(), 1);
        assert_eq!(d.actors.len(), 2);
    }

    #[test]
    fn merge_moves_edges_and_names() {
        let mut d = doc();
        d.actors[2].country = Some("KOR".into());
        d.actors[2]
            .attributes
            .insert("wikidata".into(), "Q1".into());
        d.actors[0]
            .attributes
            .insert("wikidata".into(), "Q2".into());
        let r = merge(&mut d, "c", "a").unwrap();
        assert_eq!(r.moved_edges, 2);
        assert_eq!(r.new_aliases, vec!["Gamma"]);
        assert_eq!(r.self_loops, vec!["e3"]);
        assert_eq!(
            r.conflicts,
            vec!["attribute wikidata: kept \"Q2\", dropped \"Q1\""]
        );
        assert_eq!(d.actors[0].country.as_deref(), Some("KOR"));
        assert!(d.edges.iter().all(|e| e.source != "c" && e.target != "c"));
        assert_eq!(d.actors.len(), 2);
    }

    #[test]
    fn add_rejects_duplicates_and_unknowns() {
        let mut d = doc();
        assert!(add_actor(&mut d, Actor::new("a", "Again", "party")).is_err());
        let e = add_edge(&mut d, Edge::new("a", "met", "zz"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("field `target`: unknown actor \"zz\""), "{e}");
        let mut x = Edge::new("a", "met", "b");
        x.cites.push("nope".into());
        assert!(add_edge(&mut d, x).is_err());
        assert_eq!(d.edges.len(), 3);
    }
}
