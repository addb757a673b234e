//! The documented JSON shapes of listings (see the README's "JSON output").

use serde::Serialize;

use crate::graph::Graph;
use crate::model::{Actor, Atom, Category, QuadClass, Status};

/// An actor as listings print it.
#[derive(Clone, Debug, Serialize)]
pub struct ActorView<'a> {
    /// Id.
    pub id: &'a str,
    /// Name.
    pub name: &'a str,
    /// Kind.
    pub kind: &'a str,
    /// ISO 3166-1 alpha-3 country, or null.
    pub country: Option<&'a str>,
    /// Aliases (possibly empty).
    pub aliases: &'a [String],
    /// Attributes (possibly empty).
    pub attributes: &'a std::collections::BTreeMap<String, String>,
    /// Description, or null.
    pub description: Option<&'a str>,
}

impl<'a> ActorView<'a> {
    /// The view of an actor.
    pub fn new(a: &'a Actor) -> ActorView<'a> {
        ActorView {
            id: &a.id,
            name: &a.name,
            kind: &a.kind,
            country: a.country.as_deref(),
            aliases: &a.aliases,
            attributes: &a.attributes,
            description: a.description.as_deref(),
        }
    }
}

/// An edge as listings print it: the stored fields plus the actors' names
/// and what the vocabulary says about the action.
#[derive(Clone, Debug, Serialize)]
pub struct EdgeView<'a> {
    /// Edge id.
    pub id: &'a str,
    /// Source actor id.
    pub source: &'a str,
    /// Source actor name.
    pub source_name: &'a str,
    /// Action.
    pub action: &'a str,
    /// Target actor id.
    pub target: &'a str,
    /// Target actor name.
    pub target_name: &'a str,
    /// Date as written in the store, or null.
    pub date: Option<String>,
    /// Status.
    pub status: Status,
    /// Summary, or null.
    pub summary: Option<&'a str>,
    /// Cited source ids.
    pub cites: &'a [Atom],
    /// The action's category (`OTHER` when unknown).
    pub category: Category,
    /// The action's quad class.
    pub quad: QuadClass,
    /// The action's cooperation–conflict score.
    pub score: f64,
    /// Whether the edge is a standing tie.
    pub tie: bool,
}

impl<'a> EdgeView<'a> {
    /// The view of edge `e` of `g`.
    pub fn new(g: &'a Graph, e: u32) -> EdgeView<'a> {
        let edge = g.edge(e);
        let (s, t) = g.ends(e);
        let info = g.info(e);
        EdgeView {
            id: &edge.id,
            source: &edge.source,
            source_name: &g.actor(s).name,
            action: &edge.action,
            target: &edge.target,
            target_name: &g.actor(t).name,
            date: edge.date.map(|d| d.to_string()),
            status: edge.status,
            summary: edge.summary.as_deref(),
            cites: &edge.cites,
            category: info.category,
            quad: info.quad,
            score: info.score,
            tie: info.tie,
        }
    }
}
