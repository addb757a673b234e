//! Paths between actors: fewest-hop paths, the `k` shortest simple paths,
//! bounded enumeration of simple paths, and time-respecting
//! (earliest-arrival) paths over dated links.
//!
//! Static paths follow out-links of a [`Csr`] (every link when undirected)
//! and count hops; weights are ignored.
//!
//! # Tie-breaking
//!
//! Whenever several fewest-hop paths exist, [`shortest_path`] and
//! [`shortest_paths_many`] return the *lexicographically smallest* node
//! sequence: from the source, each step goes to the smallest-numbered
//! neighbour that still lies on some fewest-hop path to the target.
//! [`k_shortest_paths`] and [`all_simple_paths`] order their results by hop
//! count, then lexicographically by node sequence.
//!
//! # Time-respecting paths
//!
//! [`earliest_arrival_path`] walks dated links ([`TemporalLink`]). Dates are
//! day numbers (days since 1970-01-01); every link has a *span* of days
//! `start..=end`: a day-precision act has `start == end`, a partial date
//! covers its whole month or year (`2021-01` is `2021-01-01..=2021-01-31`).
//! The rule:
//!
//! 1. An **event** link (a political act, `tie == false`) may follow the
//!    previous event of the path only if it *certainly* happened on or after
//!    it: `next.start >= prev.end` (the same day is allowed). Partial dates
//!    are compared by span, conservatively: a month-precision act `2021-01`
//!    is *not* known to follow an act of `2021-01-15`.
//! 2. **Undated** event links (no `start` or no `end`) are never used.
//! 3. Taking an event moves the path's clock to the event's span end: the
//!    *arrival* time of an event is its `end`.
//! 4. With a maximum gap `G` days ([`TemporalOptions::max_gap_days`]):
//!    `next.start - prev.end <= G`, i.e. the gap is measured between the
//!    latest possible day of the earlier act and the earliest possible day
//!    of the later one.
//! 5. The first event has no predecessor: any dated event may start the
//!    path; with [`TemporalOptions::depart_after`] = `D` it must have
//!    `start >= D`.
//! 6. A **tie** link (a standing relation, `tie == true`, valid on its span;
//!    a missing `start` or `end` is unbounded on that side) can be crossed at
//!    time `t` without moving the clock if its span contains `t`. Before the
//!    first event (no clock yet) any tie may be crossed and the clock stays
//!    unset (`depart_after` does not restrict these leading ties).
//! 7. With `directed: false` every link can be walked in either direction.
//!
//! The result minimises the arrival time (a path that uses no event at all
//! has no arrival time and counts as the earliest), then the number of hops;
//! among equals the choice is deterministic (it depends only on the input).
//! Because a tie may only be valid later, and a gap limit may only be met
//! from a later arrival, reaching an actor earlier does not always dominate
//! reaching it later. The search therefore runs over *(actor, clock)*
//! states, in order of (clock, hops), and the result is a *journey*: it
//! never repeats a state, but may pass the same actor again at a later time
//! when that is the only way on (for example to bridge a gap limit). Without
//! a gap limit and without time-bounded ties the result is always a simple
//! path.

use super::csr::Csr;
use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap, HashMap, HashSet};

const UNSEEN: u32 = u32::MAX;

/// Scratch buffers for bidirectional BFS, reused across queries.
struct Bidir {
    ds: Vec<u32>,
    dt: Vec<u32>,
    good: Vec<bool>,
    touched: Vec<u32>,
    layers_s: Vec<u32>,
    bounds_s: Vec<usize>,
    front_t: Vec<u32>,
    next: Vec<u32>,
}

impl Bidir {
    fn new(n: usize) -> Self {
        Bidir {
            ds: vec![UNSEEN; n],
            dt: vec![UNSEEN; n],
            good: vec![false; n],
            touched: Vec::new(),
            layers_s: Vec::new(),
            bounds_s: Vec::new(),
            front_t: Vec::new(),
            next: Vec::new(),
        }
    }

    fn reset(&mut self) {
        for &v in &self.touched {
            self.ds[v as usize] = UNSEEN;
            self.dt[v as usize] = UNSEEN;
            self.good[v as usize] = false;
        }
        self.touched.clear();
    }

    /// Lexicographically smallest fewest-hop path `s → t` (`s != t`, both in
    /// range).
    fn path(&mut self, g: &Csr, s: u32, t: u32) -> Option<Vec<u32>> {
        let r = self.search(g, s, t);
        self.reset();
        r
    }

    fn search(&mut self, g: &Csr, s: u32, t: u32) -> Option<Vec<u32>> {
        self.ds[s as usize] = 0;
        self.dt[t as usize] = 0;
        self.touched.extend([s, t]);
        self.layers_s.clear();
        self.layers_s.push(s);
        self.bounds_s.clear();
        self.bounds_s.extend([0, 1]);
        self.front_t.clear();
        self.front_t.push(t);
        let (mut lvl_s, mut lvl_t) = (0u32, 0u32);
        // Expand whole levels, the cheaper side first, until the balls meet.
        loop {
            let fs_start = self.bounds_s[self.bounds_s.len() - 2];
            let fs = &self.layers_s[fs_start..];
            if fs.is_empty() || self.front_t.is_empty() {
                return None;
            }
            let cost_s: usize = fs.iter().map(|&v| g.degree(v)).sum();
            let cost_t: usize = self.front_t.iter().map(|&v| g.in_degree(v)).sum();
            let mut met = false;
            if cost_s <= cost_t {
                let end = self.layers_s.len();
                for i in fs_start..end {
                    let v = self.layers_s[i];
                    for &w in g.neighbors(v).0 {
                        if self.ds[w as usize] == UNSEEN {
                            self.ds[w as usize] = lvl_s + 1;
                            if self.dt[w as usize] == UNSEEN {
                                self.touched.push(w);
                            } else {
                                met = true;
                            }
                            self.layers_s.push(w);
                        }
                    }
                }
                lvl_s += 1;
                self.bounds_s.push(self.layers_s.len());
            } else {
                self.next.clear();
                for &v in &self.front_t {
                    for &w in g.in_neighbors(v).0 {
                        if self.dt[w as usize] == UNSEEN {
                            self.dt[w as usize] = lvl_t + 1;
                            if self.ds[w as usize] == UNSEEN {
                                self.touched.push(w);
                            } else {
                                met = true;
                            }
                            self.next.push(w);
                        }
                    }
                }
                lvl_t += 1;
                std::mem::swap(&mut self.front_t, &mut self.next);
            }
            if met {
                break;
            }
        }
        // Nodes in both balls lie at s-level lvl_s and t-level lvl_t exactly.
        // Mark the s-side nodes that lie on a shortest path, top layer down.
        let top = self.bounds_s.len() - 2;
        for i in self.bounds_s[top]..self.bounds_s[top + 1] {
            let v = self.layers_s[i];
            if self.dt[v as usize] == lvl_t {
                self.good[v as usize] = true;
            }
        }
        for layer in (1..=top).rev() {
            for i in self.bounds_s[layer]..self.bounds_s[layer + 1] {
                let v = self.layers_s[i];
                if !self.good[v as usize] {
                    continue;
                }
                for &u in g.in_neighbors(v).0 {
                    if self.ds[u as usize] == layer as u32 - 1 {
                        self.good[u as usize] = true;
                    }
                }
            }
        }
        let mut path = Vec::with_capacity((lvl_s + lvl_t) as usize + 1);
        let mut cur = s;
        path.push(cur);
        for step in 1..=lvl_s {
            cur = *g
                .neighbors(cur)
                .0
                .iter()
                .find(|&&w| self.ds[w as usize] == step && self.good[w as usize])?;
            path.push(cur);
        }
        for left in (0..lvl_t).rev() {
            cur = *g
                .neighbors(cur)
                .0
                .iter()
                .find(|&&w| self.dt[w as usize] == left)?;
            path.push(cur);
        }
        Some(path)
    }
}

/// A fewest-hop path from `from` to `to` following out-links, as the node
/// sequence including both ends; `None` when `to` is unreachable or a node
/// is out of range. `from == to` gives `Some(vec![from])`.
///
/// Ties: the lexicographically smallest fewest-hop path (at each step the
/// smallest-numbered neighbour that is still on a fewest-hop path). Uses a
/// bidirectional breadth-first search.
pub fn shortest_path(g: &Csr, from: u32, to: u32) -> Option<Vec<u32>> {
    let n = g.node_count();
    if from as usize >= n || to as usize >= n {
        return None;
    }
    if from == to {
        return Some(vec![from]);
    }
    Bidir::new(n).path(g, from, to)
}

/// [`shortest_path`] for every pair, in order (two threads, scratch space
/// reused between queries). Results are identical to calling
/// [`shortest_path`] pair by pair.
pub fn shortest_paths_many(g: &Csr, pairs: &[(u32, u32)]) -> Vec<Option<Vec<u32>>> {
    let n = g.node_count();
    let run = |chunk: &[(u32, u32)]| -> Vec<Option<Vec<u32>>> {
        let mut b = Bidir::new(n);
        chunk
            .iter()
            .map(|&(s, t)| {
                if s as usize >= n || t as usize >= n {
                    None
                } else if s == t {
                    Some(vec![s])
                } else {
                    b.path(g, s, t)
                }
            })
            .collect()
    };
    if pairs.len() < 4 || n < 10_000 {
        return run(pairs);
    }
    let (a, b) = pairs.split_at(pairs.len() / 2);
    std::thread::scope(|s| {
        let h = s.spawn(|| run(b));
        let mut out = run(a);
        match h.join() {
            Ok(rest) => out.extend(rest),
            Err(e) => std::panic::resume_unwind(e),
        }
        out
    })
}

/// Lexicographically smallest fewest-hop path `s → t` avoiding `blocked`
/// nodes and the out-links of `s` listed in `banned` (Yen's spur search).
/// Backward BFS from `t` that stops as soon as `s` is reached, then a greedy
/// forward walk.
fn restricted_path(
    g: &Csr,
    s: u32,
    t: u32,
    blocked: &[bool],
    banned: &HashSet<u32>,
    dist: &mut [u32],
) -> Option<Vec<u32>> {
    let mut queue = vec![t];
    dist[t as usize] = 0;
    let mut head = 0;
    let mut found = false;
    'bfs: while head < queue.len() {
        let v = queue[head];
        head += 1;
        for &u in g.in_neighbors(v).0 {
            if dist[u as usize] != UNSEEN || blocked[u as usize] {
                continue;
            }
            if u == s && banned.contains(&v) {
                continue;
            }
            dist[u as usize] = dist[v as usize] + 1;
            queue.push(u);
            if u == s {
                found = true;
                break 'bfs;
            }
        }
    }
    let result = if found {
        let mut path = vec![s];
        let mut cur = s;
        while cur != t {
            let d = dist[cur as usize];
            let next = g.neighbors(cur).0.iter().copied().find(|&w| {
                dist[w as usize] == d - 1
                    && !blocked[w as usize]
                    && !(cur == s && banned.contains(&w))
            });
            match next {
                Some(w) => {
                    path.push(w);
                    cur = w;
                }
                None => break,
            }
        }
        (cur == t).then_some(path)
    } else {
        None
    };
    for &v in &queue {
        dist[v as usize] = UNSEEN;
    }
    result
}

/// The first `k` simple paths from `from` to `to` in order of hop count
/// (Yen's algorithm over out-links), ties in lexicographic order of the node
/// sequence. The sequence of lengths equals NetworkX's
/// `nx.shortest_simple_paths(G, from, to)` (first `k`). Fewer than `k` paths
/// are returned when fewer exist; `from == to` gives `[[from]]`; an
/// out-of-range node gives `[]`.
pub fn k_shortest_paths(g: &Csr, from: u32, to: u32, k: usize) -> Vec<Vec<u32>> {
    let n = g.node_count();
    if k == 0 || from as usize >= n || to as usize >= n {
        return Vec::new();
    }
    if from == to {
        return vec![vec![from]];
    }
    let Some(first) = shortest_path(g, from, to) else {
        return Vec::new();
    };
    let mut found: Vec<Vec<u32>> = vec![first];
    let mut seen: HashSet<Vec<u32>> = found.iter().cloned().collect();
    let mut candidates: BTreeSet<(usize, Vec<u32>)> = BTreeSet::new();
    let mut blocked = vec![false; n];
    let mut dist = vec![UNSEEN; n];
    while found.len() < k {
        let prev = found[found.len() - 1].clone();
        for i in 0..prev.len() - 1 {
            let spur = prev[i];
            let root = &prev[..=i];
            let banned: HashSet<u32> = found
                .iter()
                .filter(|p| p.len() > i + 1 && p[..=i] == *root)
                .map(|p| p[i + 1])
                .collect();
            for &r in &root[..i] {
                blocked[r as usize] = true;
            }
            if let Some(spur_path) = restricted_path(g, spur, to, &blocked, &banned, &mut dist) {
                let mut total = root[..i].to_vec();
                total.extend(spur_path);
                if !seen.contains(&total) {
                    seen.insert(total.clone());
                    candidates.insert((total.len(), total));
                }
            }
            for &r in &root[..i] {
                blocked[r as usize] = false;
            }
        }
        match candidates.pop_first() {
            Some((_, p)) => found.push(p),
            None => break,
        }
    }
    found
}

/// Every simple path from `from` to `to` with at most `max_hops` hops
/// (following out-links), sorted by hop count and then lexicographically —
/// but at most `limit` of them: the second value is `true` when more paths
/// exist than were returned. When not truncated the count equals
/// `len(list(nx.all_simple_paths(G, from, to, cutoff=max_hops)))`.
/// `from == to` gives `[[from]]` (as NetworkX 3.6 does).
///
/// Enumerates one hop count at a time, depth-first in neighbour order,
/// pruning branches that cannot reach `to` in the hops left.
pub fn all_simple_paths(
    g: &Csr,
    from: u32,
    to: u32,
    max_hops: usize,
    limit: usize,
) -> (Vec<Vec<u32>>, bool) {
    let n = g.node_count();
    if from as usize >= n || to as usize >= n {
        return (Vec::new(), false);
    }
    if from == to {
        return if limit == 0 {
            (Vec::new(), true)
        } else {
            (vec![vec![from]], false)
        };
    }
    let max_hops = max_hops.min(n - 1);
    // Hop distance to `to`, a lower bound used for pruning.
    let mut dist = vec![UNSEEN; n];
    dist[to as usize] = 0;
    let mut queue = vec![to];
    let mut head = 0;
    while head < queue.len() {
        let v = queue[head];
        head += 1;
        if dist[v as usize] as usize >= max_hops {
            continue;
        }
        for &u in g.in_neighbors(v).0 {
            if dist[u as usize] == UNSEEN {
                dist[u as usize] = dist[v as usize] + 1;
                queue.push(u);
            }
        }
    }
    let mut out = Vec::new();
    if dist[from as usize] == UNSEEN {
        return (out, false);
    }
    let mut on_path = vec![false; n];
    let want = limit.saturating_add(1);
    for hops in dist[from as usize] as usize..=max_hops {
        let mut path = vec![from];
        on_path[from as usize] = true;
        dfs_exact(g, to, hops, &dist, &mut on_path, &mut path, &mut out, want);
        on_path[from as usize] = false;
        if out.len() >= want {
            break;
        }
    }
    let truncated = out.len() > limit;
    out.truncate(limit);
    (out, truncated)
}

/// Appends to `out` (up to `want` in all) the simple paths extending `path`
/// that reach `to` after exactly `hops` hops in total.
#[allow(clippy::too_many_arguments)]
fn dfs_exact(
    g: &Csr,
    to: u32,
    hops: usize,
    dist: &[u32],
    on_path: &mut [bool],
    path: &mut Vec<u32>,
    out: &mut Vec<Vec<u32>>,
    want: usize,
) {
    let cur = path[path.len() - 1];
    let left = hops - (path.len() - 1);
    for &w in g.neighbors(cur).0 {
        if out.len() >= want {
            return;
        }
        if on_path[w as usize] {
            continue;
        }
        let d = dist[w as usize];
        if d == UNSEEN || d as usize > left - 1 {
            continue;
        }
        if w == to {
            if left == 1 {
                path.push(w);
                out.push(path.clone());
                path.pop();
            }
            continue;
        }
        path.push(w);
        on_path[w as usize] = true;
        dfs_exact(g, to, hops, dist, on_path, path, out, want);
        on_path[w as usize] = false;
        path.pop();
    }
}

/// A dated link for time-respecting paths: one political act or standing tie
/// between two actors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemporalLink {
    /// Source actor (node number).
    pub from: u32,
    /// Target actor (node number).
    pub to: u32,
    /// First day of the link's date span (days since 1970-01-01, inclusive);
    /// `None` = unknown for an event, unbounded for a tie.
    pub start: Option<i32>,
    /// Last day of the span (inclusive); `None` = unknown for an event,
    /// open-ended for a tie.
    pub end: Option<i32>,
    /// `true` for a standing tie (crossed without moving the clock while
    /// valid), `false` for an event (an act on its date span).
    pub tie: bool,
    /// The caller's edge index, reported back in [`TemporalPath::edges`].
    pub edge: u32,
}

/// Options for [`earliest_arrival_path`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TemporalOptions {
    /// Longest allowed gap, in days, between the end of one event and the
    /// start of the next event of the path (`None` = no limit).
    pub max_gap_days: Option<i64>,
    /// Whether links may only be walked from `from` to `to`.
    pub directed: bool,
    /// If set, the first event of the path must start on or after this day.
    pub depart_after: Option<i32>,
}

/// A time-respecting path found by [`earliest_arrival_path`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemporalPath {
    /// The actors visited, from the source to the target.
    pub actors: Vec<u32>,
    /// The caller's edge index of each hop (`actors.len() - 1` of them).
    pub edges: Vec<u32>,
    /// Arrival day at the target (end of the last event); `None` if the
    /// path uses no event.
    pub arrival: Option<i32>,
}

/// Clock value before any event ("unset"); sorts before every day.
const NO_CLOCK: i64 = i64::MIN;

/// One traversable direction of a link.
#[derive(Clone, Copy)]
struct Arc {
    to: u32,
    start: i64,
    end: i64,
    tie: bool,
    link: u32,
}

/// The earliest-arrival time-respecting path from `from` to `to` over
/// `links` on actors `0..n`, under the rule in the [module docs](self):
/// minimum arrival, then fewest hops, then a deterministic choice.
///
/// `None` when no such path exists or `from`/`to` is out of range; links
/// with an endpoint `>= n`, self-loops, and spans with `start > end` are
/// ignored. `from == to` gives the empty path (`actors == [from]`, no
/// arrival).
pub fn earliest_arrival_path(
    n: usize,
    links: &[TemporalLink],
    from: u32,
    to: u32,
    opts: &TemporalOptions,
) -> Option<TemporalPath> {
    if from as usize >= n || to as usize >= n {
        return None;
    }
    if from == to {
        return Some(TemporalPath {
            actors: vec![from],
            edges: Vec::new(),
            arrival: None,
        });
    }
    // Adjacency: ties first (unordered), events sorted by start.
    let mut adj: Vec<Vec<Arc>> = vec![Vec::new(); n];
    for (i, l) in links.iter().enumerate() {
        if l.from as usize >= n || l.to as usize >= n || l.from == l.to {
            continue;
        }
        let (start, end) = if l.tie {
            (
                l.start.map_or(i64::MIN, i64::from),
                l.end.map_or(i64::MAX, i64::from),
            )
        } else {
            match (l.start, l.end) {
                (Some(s), Some(e)) => (i64::from(s), i64::from(e)),
                _ => continue,
            }
        };
        if start > end {
            continue;
        }
        let arc = Arc {
            to: l.to,
            start,
            end,
            tie: l.tie,
            link: i as u32,
        };
        adj[l.from as usize].push(arc);
        if !opts.directed {
            adj[l.to as usize].push(Arc { to: l.from, ..arc });
        }
    }
    for a in &mut adj {
        a.sort_by_key(|x| (!x.tie, x.start, x.end, x.link));
    }
    let depart = opts.depart_after.map_or(i64::MIN, i64::from);

    // Label-setting over (actor, clock) states in (clock, hops) order.
    // state index -> (actor, clock, hops, parent state, link)
    let mut states: Vec<(u32, i64, u32, usize, u32)> = Vec::new();
    let mut index: HashMap<(u32, i64), usize> = HashMap::new();
    let mut done: Vec<bool> = Vec::new();
    let mut heap: BinaryHeap<Reverse<(i64, u32, usize)>> = BinaryHeap::new();
    states.push((from, NO_CLOCK, 0, usize::MAX, u32::MAX));
    done.push(false);
    index.insert((from, NO_CLOCK), 0);
    heap.push(Reverse((NO_CLOCK, 0, 0)));
    let mut goal = None;
    while let Some(Reverse((clock, hops, id))) = heap.pop() {
        if done[id] || hops != states[id].2 {
            continue;
        }
        done[id] = true;
        let u = states[id].0;
        if u == to {
            goal = Some(id);
            break;
        }
        for arc in &adj[u as usize] {
            let next_clock = if arc.tie {
                if clock != NO_CLOCK && (arc.start > clock || arc.end < clock) {
                    continue;
                }
                clock
            } else {
                let ok = if clock == NO_CLOCK {
                    arc.start >= depart
                } else {
                    arc.start >= clock
                        && opts
                            .max_gap_days
                            .is_none_or(|gap| arc.start.saturating_sub(clock) <= gap)
                };
                if !ok {
                    continue;
                }
                arc.end
            };
            let key = (arc.to, next_clock);
            let nh = hops + 1;
            match index.get(&key) {
                Some(&j) => {
                    if !done[j] && nh < states[j].2 {
                        states[j].2 = nh;
                        states[j].3 = id;
                        states[j].4 = arc.link;
                        heap.push(Reverse((next_clock, nh, j)));
                    }
                }
                None => {
                    let j = states.len();
                    states.push((arc.to, next_clock, nh, id, arc.link));
                    done.push(false);
                    index.insert(key, j);
                    heap.push(Reverse((next_clock, nh, j)));
                }
            }
        }
    }
    let goal = goal?;
    let arrival = states[goal].1;
    let mut actors = Vec::new();
    let mut edges = Vec::new();
    let mut cur = goal;
    while cur != usize::MAX {
        let (a, _, _, parent, link) = states[cur];
        actors.push(a);
        if parent != usize::MAX {
            edges.push(links[link as usize].edge);
        }
        cur = parent;
    }
    actors.reverse();
    edges.reverse();
    Some(TemporalPath {
        actors,
        edges,
        arrival: if arrival == NO_CLOCK {
            None
        } else {
            i32::try_from(arrival).ok()
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edge_cases_do_not_panic() {
        let empty = Csr::from_edges(0, false, []);
        assert_eq!(shortest_path(&empty, 0, 0), None);
        assert!(k_shortest_paths(&empty, 0, 1, 3).is_empty());
        let one = Csr::from_edges(1, false, []);
        assert_eq!(shortest_path(&one, 0, 0), Some(vec![0]));
        assert_eq!(all_simple_paths(&one, 0, 0, 3, 10), (vec![vec![0]], false));
        let two = Csr::from_edges(2, true, [(0, 1, 1.0)]);
        assert_eq!(shortest_path(&two, 0, 1), Some(vec![0, 1]));
        assert_eq!(shortest_path(&two, 1, 0), None);
        assert_eq!(k_shortest_paths(&two, 0, 1, 5), vec![vec![0, 1]]);
        assert_eq!(all_simple_paths(&two, 0, 1, 0, 10), (vec![], false));
        assert_eq!(all_simple_paths(&two, 0, 1, 5, 0), (vec![], true));
        assert_eq!(
            shortest_paths_many(&two, &[(0, 1), (1, 0), (0, 9)]),
            vec![Some(vec![0, 1]), None, None]
        );
    }

    #[test]
    fn lexicographic_ties() {
        // 0 -> {1,2} -> 3 -> 4, and 0 -> 2 -> 5 -> 4
        let g = Csr::from_edges(
            6,
            false,
            [
                (0, 2, 1.0),
                (0, 1, 1.0),
                (1, 3, 1.0),
                (2, 3, 1.0),
                (3, 4, 1.0),
                (2, 5, 1.0),
                (5, 4, 1.0),
            ],
        );
        assert_eq!(shortest_path(&g, 0, 4), Some(vec![0, 1, 3, 4]));
        assert_eq!(shortest_path(&g, 4, 0), Some(vec![4, 3, 1, 0]));
        let k = k_shortest_paths(&g, 0, 4, 10);
        assert_eq!(k[0], vec![0, 1, 3, 4]);
        assert_eq!(k[1], vec![0, 2, 3, 4]);
        assert_eq!(k[2], vec![0, 2, 5, 4]);
        let (all, trunc) = all_simple_paths(&g, 0, 4, 10, 100);
        assert!(!trunc);
        assert_eq!(all.len(), k.len());
        let (two, trunc) = all_simple_paths(&g, 0, 4, 10, 2);
        assert!(trunc);
        assert_eq!(two, all[..2].to_vec());
    }

    fn ev(from: u32, to: u32, s: i32, e: i32, edge: u32) -> TemporalLink {
        TemporalLink {
            from,
            to,
            start: Some(s),
            end: Some(e),
            tie: false,
            edge,
        }
    }

    #[test]
    fn partial_dates_are_conservative() {
        // 0 -> 1 on day 15; 1 -> 2 during days 1..=31 (a month): not known
        // to follow, so no path. 1 -> 2 on day 15 is fine (same day).
        let links = vec![ev(0, 1, 15, 15, 10), ev(1, 2, 1, 31, 11)];
        let o = TemporalOptions {
            directed: true,
            ..Default::default()
        };
        assert_eq!(earliest_arrival_path(3, &links, 0, 2, &o), None);
        let links = vec![ev(0, 1, 15, 15, 10), ev(1, 2, 15, 15, 11)];
        let p = earliest_arrival_path(3, &links, 0, 2, &o).expect("path");
        assert_eq!(p.edges, vec![10, 11]);
        assert_eq!(p.arrival, Some(15));
    }

    #[test]
    fn gap_may_require_revisiting() {
        // From 0 at day 0 the direct 0->2 at day 30 breaks a 10-day gap;
        // 0 -> 1 (10) -> 0 (20) -> 2 (30) does not.
        let links = vec![
            ev(3, 0, 0, 0, 0),
            ev(0, 1, 10, 10, 1),
            ev(1, 0, 20, 20, 2),
            ev(0, 2, 30, 30, 3),
        ];
        let o = TemporalOptions {
            directed: true,
            max_gap_days: Some(10),
            depart_after: None,
        };
        let p = earliest_arrival_path(4, &links, 3, 2, &o).expect("path");
        assert_eq!(p.actors, vec![3, 0, 1, 0, 2]);
        assert_eq!(p.edges, vec![0, 1, 2, 3]);
    }
}
