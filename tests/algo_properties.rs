//! Property tests: time-respecting paths against brute force, and static
//! paths and betweenness on random graphs.

use polgraph::algo::centrality;
use polgraph::algo::csr::Csr;
use polgraph::algo::paths::{self, TemporalLink, TemporalOptions, TemporalPath};
use proptest::prelude::*;

/// A clock value: `None` = no event yet (sorts first).
type Clock = Option<i64>;

/// Whether `link` can be crossed from actor `at` with clock `clock`; the new
/// clock and the actor reached. Written straight from the module-doc rule.
fn step(
    link: &TemporalLink,
    at: u32,
    clock: Clock,
    opts: &TemporalOptions,
) -> Option<(u32, Clock)> {
    let other = if link.from == at {
        link.to
    } else if !opts.directed && link.to == at {
        link.from
    } else {
        return None;
    };
    if link.from == link.to {
        return None;
    }
    if link.tie {
        let lo = link.start.map_or(i64::MIN, i64::from);
        let hi = link.end.map_or(i64::MAX, i64::from);
        if lo > hi {
            return None;
        }
        return match clock {
            None => Some((other, None)),
            Some(t) if lo <= t && t <= hi => Some((other, clock)),
            _ => None,
        };
    }
    let (s, e) = (i64::from(link.start?), i64::from(link.end?));
    if s > e {
        return None;
    }
    let ok = match clock {
        None => opts.depart_after.is_none_or(|d| s >= i64::from(d)),
        Some(t) => s >= t && opts.max_gap_days.is_none_or(|g| s - t <= g),
    };
    ok.then_some((other, Some(e)))
}

/// Best (clock, hops) over all walks from `from` that never repeat an
/// (actor, clock) state (or never repeat an actor when `simple`).
fn brute(
    links: &[TemporalLink],
    from: u32,
    to: u32,
    opts: &TemporalOptions,
    simple: bool,
) -> Option<(Clock, usize)> {
    fn go(
        links: &[TemporalLink],
        to: u32,
        opts: &TemporalOptions,
        simple: bool,
        walk: &mut Vec<(u32, Clock)>,
        best: &mut Option<(Clock, usize)>,
    ) {
        let (at, clock) = walk[walk.len() - 1];
        if at == to {
            let cand = (clock, walk.len() - 1);
            if best.is_none_or(|b| cand < b) {
                *best = Some(cand);
            }
            return;
        }
        for l in links {
            if let Some(st) = step(l, at, clock, opts) {
                let repeat = if simple {
                    walk.iter().any(|w| w.0 == st.0)
                } else {
                    walk.contains(&st)
                };
                if !repeat {
                    walk.push(st);
                    go(links, to, opts, simple, walk, best);
                    walk.pop();
                }
            }
        }
    }
    let mut best = None;
    go(links, to, opts, simple, &mut vec![(from, None)], &mut best);
    best
}

/// Checks that `p` is a valid time-respecting walk and returns (clock, hops).
fn validate(
    links: &[TemporalLink],
    from: u32,
    to: u32,
    opts: &TemporalOptions,
    p: &TemporalPath,
) -> (Clock, usize) {
    assert_eq!(p.actors.first(), Some(&from));
    assert_eq!(p.actors.last(), Some(&to));
    assert_eq!(p.edges.len() + 1, p.actors.len());
    let mut clock: Clock = None;
    let mut last_end: Option<i64> = None;
    for (i, &e) in p.edges.iter().enumerate() {
        // edge indices are unique in these tests (edge = position)
        let l = &links[e as usize];
        let (next, c) = step(l, p.actors[i], clock, opts).expect("each hop is allowed");
        assert_eq!(next, p.actors[i + 1], "hop follows the link");
        if !l.tie {
            let s = i64::from(l.start.unwrap());
            if let Some(pe) = last_end {
                assert!(s >= pe, "never back in time");
                if let Some(g) = opts.max_gap_days {
                    assert!(s - pe <= g, "gap respected");
                }
            }
            last_end = Some(i64::from(l.end.unwrap()));
        }
        clock = c;
    }
    assert_eq!(clock.map(|c| c as i32), p.arrival);
    (clock, p.edges.len())
}

fn link_strategy(n: u32) -> impl Strategy<Value = (u32, u32, Option<i32>, Option<i32>, bool)> {
    (
        0..n,
        0..n,
        prop::option::weighted(0.9, 0..12i32),
        prop::option::weighted(0.9, prop_oneof![3 => Just(0i32), 1 => 1..4i32]),
        prop::bool::weighted(0.25),
    )
        .prop_map(|(a, b, s, len, tie)| (a, b, s, s.zip(len).map(|(s, l)| s + l), tie))
}

fn instance() -> impl Strategy<Value = (usize, Vec<TemporalLink>, TemporalOptions, u32, u32)> {
    (2usize..=4).prop_flat_map(|n| {
        (
            Just(n),
            prop::collection::vec(link_strategy(n as u32), 0..=9),
            prop::option::of(0i64..5),
            any::<bool>(),
            prop::option::weighted(0.3, 0..10i32),
            0..n as u32,
            0..n as u32,
        )
            .prop_map(|(n, raw, gap, directed, depart, s, t)| {
                let links = raw
                    .into_iter()
                    .enumerate()
                    .map(|(i, (from, to, start, end, tie))| TemporalLink {
                        from,
                        to,
                        // ties: keep some ends open
                        start: if tie && i % 3 == 0 { None } else { start },
                        end: if tie && i % 2 == 0 { None } else { end },
                        tie,
                        edge: i as u32,
                    })
                    .collect();
                let opts = TemporalOptions {
                    max_gap_days: gap,
                    directed,
                    depart_after: depart,
                };
                (n, links, opts, s, t)
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn earliest_arrival_equals_brute_force((n, links, opts, s, t) in instance()) {
        let got = paths::earliest_arrival_path(n, &links, s, t, &opts);
        let want = brute(&links, s, t, &opts, false);
        match got {
            None => prop_assert_eq!(want, None),
            Some(p) => {
                let key = validate(&links, s, t, &opts, &p);
                prop_assert_eq!(Some(key), want);
            }
        }
    }

    #[test]
    fn without_gap_or_bounded_ties_paths_are_simple((n, mut links, mut opts, s, t) in instance()) {
        opts.max_gap_days = None;
        for l in &mut links {
            if l.tie {
                l.start = None;
                l.end = None;
            }
        }
        let got = paths::earliest_arrival_path(n, &links, s, t, &opts);
        let want = brute(&links, s, t, &opts, true);
        match got {
            None => prop_assert_eq!(want, None),
            Some(p) => {
                let key = validate(&links, s, t, &opts, &p);
                prop_assert_eq!(Some(key), want);
                let mut a = p.actors.clone();
                a.sort_unstable();
                a.dedup();
                prop_assert_eq!(a.len(), p.actors.len(), "simple path");
            }
        }
    }
}

fn random_graph() -> impl Strategy<Value = Csr> {
    (1usize..=9, any::<bool>()).prop_flat_map(|(n, directed)| {
        prop::collection::vec((0..n as u32, 0..n as u32, 1u32..4), 0..=20).prop_map(move |e| {
            Csr::from_edges(
                n,
                directed,
                e.into_iter().map(|(a, b, w)| (a, b, f64::from(w))),
            )
        })
    })
}

/// Every simple path s -> t by brute force, sorted by (length, nodes).
fn all_paths(g: &Csr, s: u32, t: u32) -> Vec<Vec<u32>> {
    fn go(g: &Csr, t: u32, p: &mut Vec<u32>, out: &mut Vec<Vec<u32>>) {
        let cur = p[p.len() - 1];
        if cur == t {
            out.push(p.clone());
            return;
        }
        for &w in g.neighbors(cur).0 {
            if !p.contains(&w) {
                p.push(w);
                go(g, t, p, out);
                p.pop();
            }
        }
    }
    let mut out = Vec::new();
    go(g, t, &mut vec![s], &mut out);
    out.sort_by(|a, b| (a.len(), a).cmp(&(b.len(), b)));
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn static_paths_agree_with_enumeration(g in random_graph(), s in 0u32..9, t in 0u32..9, h in 0usize..6) {
        let n = g.node_count() as u32;
        let (s, t) = (s % n, t % n);
        let all = all_paths(&g, s, t);
        // shortest_path = first path of the sorted enumeration
        prop_assert_eq!(paths::shortest_path(&g, s, t), all.first().cloned());
        // k shortest: same lengths as the first k of the enumeration
        let k = paths::k_shortest_paths(&g, s, t, 6);
        let lens: Vec<usize> = k.iter().map(Vec::len).collect();
        let want: Vec<usize> = all.iter().take(6).map(Vec::len).collect();
        prop_assert_eq!(lens, want);
        for p in &k {
            prop_assert!(all.contains(p));
        }
        // bounded enumeration
        let bounded: Vec<Vec<u32>> = all.iter().filter(|p| p.len() <= h + 1).cloned().collect();
        let (got, trunc) = paths::all_simple_paths(&g, s, t, h, usize::MAX);
        prop_assert!(!trunc);
        prop_assert_eq!(&got, &bounded);
        let (got3, trunc3) = paths::all_simple_paths(&g, s, t, h, 3);
        prop_assert_eq!(trunc3, bounded.len() > 3);
        prop_assert_eq!(&got3[..], &bounded[..bounded.len().min(3)]);
    }
}

#[test]
fn parallel_results_are_deterministic_and_match_single_queries() {
    // A 20k-node random graph, large enough for the two-thread code paths.
    let n = 20_000u32;
    let mut x: u64 = 12345;
    let mut rnd = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let edges: Vec<(u32, u32, f64)> = (0..60_000)
        .map(|_| ((rnd() % n as u64) as u32, (rnd() % n as u64) as u32, 1.0))
        .collect();
    let g = Csr::from_edges(n as usize, false, edges);
    let src = centrality::sample_sources(n as usize, 16, 7);
    let a = centrality::betweenness_sampled(&g, &src, true);
    let b = centrality::betweenness_sampled(&g, &src, true);
    assert!(a.iter().zip(&b).all(|(x, y)| x.to_bits() == y.to_bits()));
    let pr1 = centrality::pagerank(&g, 0.85, 100, 1e-6).expect("converges");
    let pr2 = centrality::pagerank(&g, 0.85, 100, 1e-6).expect("converges");
    assert_eq!(pr1, pr2);
    assert!((pr1.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    let pairs: Vec<(u32, u32)> = (0..40)
        .map(|_| ((rnd() % n as u64) as u32, (rnd() % n as u64) as u32))
        .collect();
    let many = paths::shortest_paths_many(&g, &pairs);
    for (&(s, t), p) in pairs.iter().zip(&many) {
        assert_eq!(&paths::shortest_path(&g, s, t), p);
    }
}
