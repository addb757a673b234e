//! Dyads and balance: how a relationship between two actors moves between
//! cooperation and conflict, and which pairs are the most conflictual or
//! cooperative.
//!
//! Scores are the vocabulary's cooperation–conflict scores (−10..+10, in the
//! spirit of the Goldstein scale); a pair's *balance* is the sum of the
//! scores of its events. Standing ties carry no score and are listed apart.
//!
//! **Periods and partial dates.** An event falls in the period of its span
//! start (for `../B` intervals, of its end), truncated to the requested
//! granularity *or to the date's own precision, whichever is coarser*: with
//! monthly periods, an act dated only `2021` is counted under `2021`, not
//! guessed into a month. Undated events are counted under `undated`.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::graph::Graph;
use crate::model::{EdgeDate, Precision, QuadClass};

/// The length of a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Granularity {
    /// Calendar years.
    Year,
    /// Calendar months.
    Month,
}

/// The period label of a date: `YYYY` or `YYYY-MM`, never finer than the
/// date itself; `undated` when there is none.
pub fn period_of(date: Option<&EdgeDate>, g: Granularity) -> String {
    let Some(d) = date else {
        return "undated".into();
    };
    let span = d.span();
    let Some(day) = span.start.or(span.end) else {
        return "undated".into();
    };
    let (y, m, _) = day.ymd();
    // For the precision check use the end that anchored the period.
    let precision = match d {
        EdgeDate::Single(p) => p.precision(),
        EdgeDate::Interval { start, end } => {
            start.or(*end).map_or(Precision::Year, |p| p.precision())
        }
    };
    if g == Granularity::Year || precision == Precision::Year {
        format!("{y:04}")
    } else {
        format!("{y:04}-{m:02}")
    }
}

/// Counts for one period of a dyad.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Period {
    /// `YYYY`, `YYYY-MM` or `undated`.
    pub period: String,
    /// Number of events.
    pub events: usize,
    /// Events per quad class.
    pub verbal_cooperation: usize,
    /// Events per quad class.
    pub material_cooperation: usize,
    /// Events per quad class.
    pub verbal_conflict: usize,
    /// Events per quad class.
    pub material_conflict: usize,
    /// Events per quad class.
    pub neutral: usize,
    /// Sum of cooperation–conflict scores.
    pub score: f64,
    /// Events from the first actor to the second.
    pub a_to_b: usize,
    /// Events from the second actor to the first.
    pub b_to_a: usize,
}

/// The relationship between two actors.
#[derive(Clone, Debug, Serialize)]
pub struct Dyad {
    /// First actor id.
    pub a: String,
    /// Second actor id.
    pub b: String,
    /// Periods in time order (`undated` last).
    pub periods: Vec<Period>,
    /// Sum of all event scores.
    pub balance: f64,
    /// Number of events.
    pub events: usize,
    /// Earliest dated event (edge id).
    pub first: Option<String>,
    /// Latest dated event (edge id).
    pub last: Option<String>,
    /// Standing ties between the two (edge ids).
    pub ties: Vec<String>,
    /// The most recent events, latest first (edge ids), at most 10.
    pub recent: Vec<String>,
}

/// Builds the dyad of `a` and `b` from `edges` (already filtered; edges not
/// between the two are ignored).
pub fn dyad(g: &Graph, a: u32, b: u32, edges: &[u32], gran: Granularity) -> Dyad {
    let mut mine: Vec<u32> = edges
        .iter()
        .copied()
        .filter(|&e| {
            let (s, t) = g.ends(e);
            (s == a && t == b) || (s == b && t == a)
        })
        .collect();
    mine.sort_by(|&x, &y| crate::query::by_date(g, x, y));
    let mut periods: BTreeMap<(bool, String), Period> = BTreeMap::new();
    let mut ties = Vec::new();
    let mut events = Vec::new();
    let mut balance = 0.0;
    for e in mine {
        let info = g.info(e);
        let edge = g.edge(e);
        if info.tie {
            ties.push(edge.id.clone());
            continue;
        }
        events.push(e);
        let key = period_of(edge.date.as_ref(), gran);
        let p = periods
            .entry((edge.date.is_none(), key.clone()))
            .or_insert_with(|| Period {
                period: key,
                ..Period::default()
            });
        p.events += 1;
        match info.quad {
            QuadClass::VerbalCooperation => p.verbal_cooperation += 1,
            QuadClass::MaterialCooperation => p.material_cooperation += 1,
            QuadClass::VerbalConflict => p.verbal_conflict += 1,
            QuadClass::MaterialConflict => p.material_conflict += 1,
            QuadClass::Neutral => p.neutral += 1,
        }
        p.score += info.score;
        balance += info.score;
        if g.ends(e).0 == a {
            p.a_to_b += 1;
        } else {
            p.b_to_a += 1;
        }
    }
    let dated: Vec<u32> = events
        .iter()
        .copied()
        .filter(|&e| g.edge(e).date.is_some())
        .collect();
    Dyad {
        a: g.actor(a).id.clone(),
        b: g.actor(b).id.clone(),
        periods: periods.into_values().collect(),
        balance,
        events: events.len(),
        first: dated.first().map(|&e| g.edge(e).id.clone()),
        last: dated.last().map(|&e| g.edge(e).id.clone()),
        ties,
        recent: events
            .iter()
            .rev()
            .take(10)
            .map(|&e| g.edge(e).id.clone())
            .collect(),
    }
}

/// One actor pair's balance.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct PairBalance {
    /// One actor id (the smaller actor number).
    pub a: String,
    /// The other actor id.
    pub b: String,
    /// Number of events between them.
    pub events: usize,
    /// Events in a cooperative quad class.
    pub cooperation: usize,
    /// Events in a conflictual quad class.
    pub conflict: usize,
    /// Sum of scores.
    pub balance: f64,
    /// Mean score per event.
    pub mean: f64,
}

/// Every actor pair with at least `min_events` events among `edges`, with
/// its balance; sorted from most conflictual to most cooperative (ties
/// broken by pair ids). Ties (standing relations) are ignored.
pub fn balances(g: &Graph, edges: &[u32], min_events: usize) -> Vec<PairBalance> {
    let mut acc: HashMap<(u32, u32), (usize, usize, usize, f64)> = HashMap::new();
    for &e in edges {
        let info = g.info(e);
        if info.tie {
            continue;
        }
        let (s, t) = g.ends(e);
        if s == t {
            continue;
        }
        let key = (s.min(t), s.max(t));
        let v = acc.entry(key).or_default();
        v.0 += 1;
        if info.quad.is_cooperation() {
            v.1 += 1;
        }
        if info.quad.is_conflict() {
            v.2 += 1;
        }
        v.3 += info.score;
    }
    let mut out: Vec<PairBalance> = acc
        .into_iter()
        .filter(|(_, v)| v.0 >= min_events.max(1))
        .map(|((x, y), v)| PairBalance {
            a: g.actor(x).id.clone(),
            b: g.actor(y).id.clone(),
            events: v.0,
            cooperation: v.1,
            conflict: v.2,
            balance: v.3,
            mean: v.3 / v.0 as f64,
        })
        .collect();
    out.sort_by(|p, q| {
        p.balance
            .total_cmp(&q.balance)
            .then_with(|| p.a.cmp(&q.a))
            .then_with(|| p.b.cmp(&q.b))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Document, Edge};

    fn graph() -> Graph {
        let mut d = Document::new("t");
        for id in ["a", "b", "c"] {
            d.actors.push(Actor::new(id, id.to_uppercase(), "state"));
        }
        for (s, act, t, date) in [
            ("a", "met", "b", Some("2020-03-01")),
            ("b", "protested", "a", Some("2020-03")),
            ("a", "sanctioned", "b", Some("2021")),
            ("a", "praised", "b", None),
            ("a", "member_of", "b", Some("2019/..")),
            ("a", "praised", "c", Some("2021-05-02")),
            ("c", "agreed", "a", Some("2021-05-03")),
        ] {
            let mut e = Edge::new(s, act, t);
            e.date = date.map(|x| EdgeDate::parse(x).unwrap());
            d.edges.push(e);
        }
        d.assign_edge_ids();
        Graph::new(d).unwrap()
    }

    #[test]
    fn periods_never_finer_than_the_date() {
        let d = |s: &str| EdgeDate::parse(s).unwrap();
        assert_eq!(
            period_of(Some(&d("2021-05-02")), Granularity::Month),
            "2021-05"
        );
        assert_eq!(period_of(Some(&d("2021")), Granularity::Month), "2021");
        assert_eq!(period_of(Some(&d("2021-05-02")), Granularity::Year), "2021");
        assert_eq!(
            period_of(Some(&d("../2020-02")), Granularity::Month),
            "2020-02"
        );
        assert_eq!(period_of(None, Granularity::Month), "undated");
    }

    #[test]
    fn dyad_counts_by_period_and_quad() {
        let g = graph();
        let all: Vec<u32> = (0..g.edge_count() as u32).collect();
        let d = dyad(&g, 0, 1, &all, Granularity::Month);
        assert_eq!(d.events, 4);
        assert_eq!(d.ties, vec!["e5"]);
        let labels: Vec<&str> = d.periods.iter().map(|p| p.period.as_str()).collect();
        assert_eq!(labels, ["2020-03", "2021", "undated"]);
        let march = &d.periods[0];
        assert_eq!((march.events, march.a_to_b, march.b_to_a), (2, 1, 1));
        assert_eq!(march.verbal_cooperation, 1);
        assert_eq!(march.verbal_conflict, 1);
        let v = g.vocab();
        let expect = v.lookup("met").score + v.lookup("protested").score;
        assert!((march.score - expect).abs() < 1e-12);
        assert_eq!(
            d.first.as_deref(),
            Some("e2"),
            "2020-03 sorts before 2020-03-01"
        );
        assert_eq!(d.last.as_deref(), Some("e3"));
        assert_eq!(
            d.recent[0], "e4",
            "undated events sort last, so are most recent"
        );
    }

    #[test]
    fn balances_rank_conflict_first() {
        let g = graph();
        let all: Vec<u32> = (0..g.edge_count() as u32).collect();
        let b = balances(&g, &all, 1);
        assert_eq!(b.len(), 2);
        assert_eq!((b[0].a.as_str(), b[0].b.as_str()), ("a", "b"));
        assert!(b[0].balance < 0.0);
        assert_eq!(b[1].events, 2);
        assert!(b[1].balance > 0.0);
        assert_eq!(balances(&g, &all, 3).len(), 1);
    }
}
