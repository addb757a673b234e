//! Queries over a [`Graph`]: edge filters, event listings, actor profiles,
//! statistics, and the projection the analyses run on.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::algo::csr::Csr;
use crate::graph::Graph;
use crate::model::{Category, EdgeDate, Status, Window};

/// Which edges a command looks at.
#[derive(Clone, Debug, Default)]
pub struct EdgeFilter {
    /// Date window; a dated edge is kept when its span overlaps it, an
    /// undated one only when the window is unbounded.
    pub window: Window,
    /// Keep only these actions (empty: all).
    pub actions: Vec<String>,
    /// Keep only these categories (empty: all).
    pub categories: Vec<Category>,
    /// Keep only these statuses (empty: all).
    pub statuses: Vec<Status>,
    /// Drop standing ties.
    pub exclude_ties: bool,
    /// Keep only standing ties.
    pub only_ties: bool,
    /// Keep only edges whose both ends are of these actor kinds (empty: all).
    pub kinds: Vec<String>,
    /// Keep only edges touching this actor.
    pub actor: Option<u32>,
    /// Keep only edges between these two actors (either direction).
    pub between: Option<(u32, u32)>,
}

impl EdgeFilter {
    /// Whether actor `a` passes the kind filter.
    pub fn keeps_actor(&self, g: &Graph, a: u32) -> bool {
        self.kinds.is_empty() || self.kinds.iter().any(|k| *k == g.actor(a).kind)
    }

    /// Whether edge `e` passes every condition.
    pub fn keeps(&self, g: &Graph, e: u32) -> bool {
        let edge = g.edge(e);
        let (s, t) = g.ends(e);
        if let Some(a) = self.actor {
            if s != a && t != a {
                return false;
            }
        }
        if let Some((a, b)) = self.between {
            if !((s == a && t == b) || (s == b && t == a)) {
                return false;
            }
        }
        if !self.statuses.is_empty() && !self.statuses.contains(&edge.status) {
            return false;
        }
        if !self.actions.is_empty() && !self.actions.iter().any(|a| *a == edge.action) {
            return false;
        }
        let info = g.info(e);
        if (self.exclude_ties && info.tie) || (self.only_ties && !info.tie) {
            return false;
        }
        if !self.categories.is_empty() && !self.categories.contains(&info.category) {
            return false;
        }
        if !self.window.keeps(edge.date.as_ref()) {
            return false;
        }
        self.keeps_actor(g, s) && self.keeps_actor(g, t)
    }

    /// The kept edges in document order.
    pub fn select(&self, g: &Graph) -> Vec<u32> {
        let candidates: Vec<u32> = match (self.between, self.actor) {
            (Some((a, b)), _) => g.edges_between(a, b),
            (None, Some(a)) => g.edges_of(a),
            _ => (0..g.edge_count() as u32).collect(),
        };
        candidates
            .into_iter()
            .filter(|&e| self.keeps(g, e))
            .collect()
    }
}

/// Orders edges by date (undated last), then by document order.
pub fn by_date(g: &Graph, a: u32, b: u32) -> Ordering {
    match (&g.edge(a).date, &g.edge(b).date) {
        (Some(x), Some(y)) => x.cmp(y).then(a.cmp(&b)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.cmp(&b),
    }
}

/// The kept edges sorted by date.
pub fn events(g: &Graph, filter: &EdgeFilter) -> Vec<u32> {
    let mut v = filter.select(g);
    v.sort_by(|&a, &b| by_date(g, a, b));
    v
}

/// Counts for `stats`.
#[derive(Clone, Debug, Serialize)]
pub struct Stats {
    /// Graph name.
    pub name: String,
    /// Number of actors.
    pub actors: usize,
    /// Number of edges (events and ties).
    pub edges: usize,
    /// Edges whose action is an event.
    pub events: usize,
    /// Edges whose action is a standing tie.
    pub ties: usize,
    /// Number of sources.
    pub sources: usize,
    /// Edges with a date.
    pub dated: usize,
    /// Edges without a date.
    pub undated: usize,
    /// Edges whose action is not in the vocabulary.
    pub unknown_actions: usize,
    /// Earliest date in use.
    pub first_date: Option<String>,
    /// Latest date in use (by span end).
    pub last_date: Option<String>,
    /// Actors per kind.
    pub kinds: BTreeMap<String, usize>,
    /// Edges per status.
    pub statuses: BTreeMap<String, usize>,
    /// Edges per category.
    pub categories: BTreeMap<String, usize>,
}

/// Computes [`Stats`].
pub fn stats(g: &Graph) -> Stats {
    let doc = g.doc();
    let mut s = Stats {
        name: doc.name.clone(),
        actors: doc.actors.len(),
        edges: doc.edges.len(),
        events: 0,
        ties: 0,
        sources: doc.sources.len(),
        dated: 0,
        undated: 0,
        unknown_actions: 0,
        first_date: None,
        last_date: None,
        kinds: BTreeMap::new(),
        statuses: BTreeMap::new(),
        categories: BTreeMap::new(),
    };
    for a in &doc.actors {
        *s.kinds.entry(a.kind.clone()).or_default() += 1;
    }
    let mut first: Option<&EdgeDate> = None;
    let mut last: Option<&EdgeDate> = None;
    for (i, e) in doc.edges.iter().enumerate() {
        let info = g.info(i as u32);
        if info.tie {
            s.ties += 1;
        } else {
            s.events += 1;
        }
        if !info.known {
            s.unknown_actions += 1;
        }
        *s.statuses.entry(e.status.to_string()).or_default() += 1;
        *s.categories.entry(info.category.to_string()).or_default() += 1;
        match &e.date {
            Some(d) => {
                s.dated += 1;
                if first.is_none_or(|f| d < f) {
                    first = Some(d);
                }
                // Latest by span end (open end latest), then by date order.
                let end = |x: &EdgeDate| x.span().end.map_or(i64::MAX, |d| d.0 as i64);
                if last.is_none_or(|l| (end(d), d) > (end(l), l)) {
                    last = Some(d);
                }
            }
            None => s.undated += 1,
        }
    }
    s.first_date = first.map(|d| d.to_string());
    s.last_date = last.map(|d| d.to_string());
    s
}

/// A standing tie of an actor, for its profile.
#[derive(Clone, Debug, Serialize)]
pub struct TieView {
    /// The edge id.
    pub edge: String,
    /// The tie's action (`heads`, `member_of`…).
    pub action: String,
    /// `out` when the actor is the tie's source, `in` when its target.
    pub direction: &'static str,
    /// The other actor's id.
    pub other: String,
    /// The other actor's name.
    pub other_name: String,
    /// The validity span as written.
    pub date: Option<String>,
}

/// An interaction partner and how many edges link them.
#[derive(Clone, Debug, Serialize)]
pub struct Partner {
    /// Partner id.
    pub id: String,
    /// Partner name.
    pub name: String,
    /// Events between the two (ties not counted).
    pub events: usize,
}

/// The profile `show` prints.
#[derive(Clone, Debug, Serialize)]
pub struct Profile {
    /// The actor.
    pub actor: crate::model::Actor,
    /// Its standing ties.
    pub ties: Vec<TieView>,
    /// Number of events it takes part in.
    pub events: usize,
    /// Events as the acting side.
    pub events_as_source: usize,
    /// Events as the side acted upon.
    pub events_as_target: usize,
    /// Event counts per category.
    pub by_category: BTreeMap<String, usize>,
    /// Event counts per year of the span start (`undated` for undated).
    pub by_year: BTreeMap<String, usize>,
    /// Earliest dated event id and date.
    pub first: Option<(String, String)>,
    /// Latest dated event id and date.
    pub last: Option<(String, String)>,
    /// Partners by number of events, most first (ties broken by id).
    pub partners: Vec<Partner>,
}

/// Builds the profile of actor `a`.
pub fn profile(g: &Graph, a: u32) -> Profile {
    let mut ties = Vec::new();
    let mut by_category = BTreeMap::new();
    let mut by_year = BTreeMap::new();
    let mut partners: HashMap<u32, usize> = HashMap::new();
    let (mut n, mut out_n, mut in_n) = (0, 0, 0);
    let mut dated: Vec<u32> = Vec::new();
    let mut edges = g.edges_of(a);
    edges.sort_by(|&x, &y| by_date(g, x, y));
    for e in edges {
        let edge = g.edge(e);
        let (s, t) = g.ends(e);
        let other = if s == a { t } else { s };
        let info = g.info(e);
        if info.tie {
            ties.push(TieView {
                edge: edge.id.clone(),
                action: edge.action.to_string(),
                direction: if s == a { "out" } else { "in" },
                other: g.actor(other).id.clone(),
                other_name: g.actor(other).name.clone(),
                date: edge.date.map(|d| d.to_string()),
            });
            continue;
        }
        n += 1;
        if s == a {
            out_n += 1;
        }
        if t == a {
            in_n += 1;
        }
        *by_category.entry(info.category.to_string()).or_default() += 1;
        let year = match &edge.date {
            Some(d) => match d.span().start {
                Some(day) => format!("{:04}", day.ymd().0),
                None => "before".into(),
            },
            None => "undated".into(),
        };
        *by_year.entry(year).or_default() += 1;
        if edge.date.is_some() {
            dated.push(e);
        }
        if other != a {
            *partners.entry(other).or_default() += 1;
        }
    }
    let view = |e: u32| {
        let edge = g.edge(e);
        (
            edge.id.clone(),
            edge.date.map(|d| d.to_string()).unwrap_or_default(),
        )
    };
    let mut partners: Vec<(u32, usize)> = partners.into_iter().collect();
    partners.sort_by(|x, y| y.1.cmp(&x.1).then(g.actor(x.0).id.cmp(&g.actor(y.0).id)));
    Profile {
        actor: g.actor(a).clone(),
        ties,
        events: n,
        events_as_source: out_n,
        events_as_target: in_n,
        by_category,
        by_year,
        first: dated.first().map(|&e| view(e)),
        last: dated.last().map(|&e| view(e)),
        partners: partners
            .into_iter()
            .map(|(p, c)| Partner {
                id: g.actor(p).id.clone(),
                name: g.actor(p).name.clone(),
                events: c,
            })
            .collect(),
    }
}

/// The graph analyses run on: kept actors as nodes `0..n`, one link per
/// actor pair, weight = number of kept edges between them (a standing tie
/// counts once like any edge); self-loops dropped.
pub struct Projection {
    /// The numeric graph.
    pub csr: Csr,
    /// Node → actor number in the [`Graph`].
    pub actors: Vec<u32>,
    /// Actor number → node (`u32::MAX` when the actor is not kept).
    pub node_of: Vec<u32>,
    /// The kept edges.
    pub edges: Vec<u32>,
}

impl Projection {
    /// Projects `g` through `filter`; `directed` keeps link direction.
    pub fn new(g: &Graph, filter: &EdgeFilter, directed: bool) -> Projection {
        let mut node_of = vec![u32::MAX; g.actor_count()];
        let mut actors = Vec::new();
        for a in 0..g.actor_count() as u32 {
            if filter.keeps_actor(g, a) {
                node_of[a as usize] = actors.len() as u32;
                actors.push(a);
            }
        }
        let edges = filter.select(g);
        let csr = Csr::from_links(actors.len(), directed, || {
            edges.iter().map(|&e| {
                let (s, t) = g.ends(e);
                (node_of[s as usize], node_of[t as usize], 1.0)
            })
        });
        Projection {
            csr,
            actors,
            node_of,
            edges,
        }
    }

    /// The node of actor `a`, if kept.
    pub fn node(&self, a: u32) -> Option<u32> {
        self.node_of
            .get(a as usize)
            .copied()
            .filter(|&n| n != u32::MAX)
    }
}
