//! Centrality measures over a [`Csr`] graph, numerically equal to NetworkX.
//!
//! Every function here reproduces the NetworkX 3.6 function named in its doc
//! comment, including its conventions for tiny graphs and its scaling, to
//! within `1e-6` (the tests compare against fixtures written by
//! `tests/data/reference/make_paths_centrality_reference.py`).
//!
//! * Node `i` of the result is node `i` of the graph.
//! * Link weights count political events; only [`strength`],
//!   [`eigenvector`] and [`pagerank`] use them. Betweenness and closeness
//!   count hops (NetworkX's `weight=None`).
//! * Directed graphs are handled the way NetworkX handles a `DiGraph`.
//! * Nothing panics: empty graphs give empty vectors (or the NetworkX error
//!   as `Err` where NetworkX raises one).
//!
//! The heavy measures (betweenness, closeness, PageRank) run on two threads
//! and are deterministic: work is split into two fixed halves and the
//! partial results are combined in a fixed order, whatever the machine.

use super::csr::Csr;

/// Number of fixed work chunks (and threads) used by the parallel measures.
const CHUNKS: usize = 2;

/// Below this amount of work (roughly node visits) the chunks run on the
/// calling thread; the result is the same either way.
const PARALLEL_WORK: usize = 200_000;

/// Runs `f(chunk_index)` for each of the [`CHUNKS`] chunks, on separate
/// threads when `parallel`, and returns the results in chunk order.
fn run_chunks<T: Send, F: Fn(usize) -> T + Sync>(parallel: bool, f: F) -> Vec<T> {
    if !parallel {
        return (0..CHUNKS).map(&f).collect();
    }
    std::thread::scope(|s| {
        let f = &f;
        let handles: Vec<_> = (1..CHUNKS).map(|c| s.spawn(move || f(c))).collect();
        let mut out = vec![f(0)];
        for h in handles {
            match h.join() {
                Ok(v) => out.push(v),
                Err(e) => std::panic::resume_unwind(e),
            }
        }
        out
    })
}

/// The half-open range of `0..len` that chunk `c` of [`CHUNKS`] covers.
fn chunk_range(len: usize, c: usize) -> std::ops::Range<usize> {
    let per = len.div_ceil(CHUNKS);
    let a = (c * per).min(len);
    let b = ((c + 1) * per).min(len);
    a..b
}

/// Degree centrality, as `nx.degree_centrality`: the number of distinct
/// neighbours divided by `n - 1` (directed graphs: in-degree plus
/// out-degree, so a reciprocated pair counts twice, like NetworkX).
///
/// A graph with a single node gives `[1.0]` (NetworkX's convention); an
/// empty graph gives `[]`.
pub fn degree(g: &Csr) -> Vec<f64> {
    let n = g.node_count();
    if n <= 1 {
        return vec![1.0; n];
    }
    let s = 1.0 / (n as f64 - 1.0);
    (0..n as u32)
        .map(|u| {
            let d = if g.is_directed() {
                g.degree(u) + g.in_degree(u)
            } else {
                g.degree(u)
            };
            d as f64 * s
        })
        .collect()
}

/// Weighted degree, as `G.degree(weight="weight")`: the sum of the weights
/// (event counts) of a node's links; directed graphs add in- and out-links.
pub fn strength(g: &Csr) -> Vec<f64> {
    (0..g.node_count() as u32)
        .map(|u| {
            if g.is_directed() {
                g.strength(u) + g.in_strength(u)
            } else {
                g.strength(u)
            }
        })
        .collect()
}

/// Distance of a node not reached (yet).
const UNSEEN: u32 = u32::MAX;

/// Most sources searched together by one [`Batch`]: one bit of a `u64` each.
const BATCH: usize = 64;

/// Bytes of path counts one thread may hold for a batch (`n × width × 8`);
/// the batch narrows on graphs so big that 64 sources would not fit.
const BATCH_BYTES: usize = 256 << 20;

/// Brandes' algorithm for up to 64 sources at once, by multi-source
/// breadth-first search (Then et al., "The More the Merrier: Efficient
/// Multi-Source Graph Traversal", VLDB 2014): each node keeps one bit per
/// source of the batch, so one scan of a node's neighbours serves every
/// source that reaches it at the same distance. Where one search per source
/// reads the whole adjacency twice per source, a batch reads it about twice
/// per distinct distance at which the sources reach a node, a handful on
/// small-world graphs. The path counts and dependencies are still per source
/// (the same sums as one search per source, in another order).
struct Batch {
    /// Sources per batch at most (columns of `val`); bit `i` of a mask is
    /// source `i` of the batch.
    width: usize,
    /// Per node: the sources that have reached it (at an earlier level).
    seen: Vec<u64>,
    /// Per node: the sources reaching it at the level being built (forward),
    /// or at the level one step deeper than the one being accumulated
    /// (backward).
    next: Vec<u64>,
    /// `val[v * width + i]`: for source `i`, the number of shortest paths to
    /// `v` during the search; once `v` is accumulated, `(1 + delta) / sigma`,
    /// the factor it gives each predecessor (one field, as in the single
    /// source form: a node is done before any predecessor looks at it).
    val: Vec<f64>,
    /// Visited (node, sources reaching it at this level), level by level.
    visits: Vec<(u32, u64)>,
    /// Start of each level in `visits`, and its end.
    levels: Vec<usize>,
}

impl Batch {
    fn new(n: usize, width: usize) -> Self {
        Batch {
            width,
            seen: vec![0; n],
            next: vec![0; n],
            val: vec![0.0; n * width],
            visits: Vec::new(),
            levels: Vec::new(),
        }
    }

    /// Adds the dependencies of `src` (at most `width` sources, unweighted
    /// shortest paths, no endpoints) to `bc`, as NetworkX's
    /// `_accumulate_basic` does for each.
    fn accumulate(&mut self, g: &Csr, src: &[u32], bc: &mut [f64]) {
        debug_assert!(src.len() <= self.width);
        let width = self.width;
        let (seen, next, val) = (&mut self.seen, &mut self.next, &mut self.val);
        let (visits, levels) = (&mut self.visits, &mut self.levels);
        visits.clear();
        levels.clear();
        levels.push(0);
        // Level 0: the sources (a source given twice has two bits).
        for (i, &s) in src.iter().enumerate() {
            if next[s as usize] == 0 {
                visits.push((s, 0));
            }
            next[s as usize] |= 1 << i;
            val[s as usize * width + i] = 1.0;
        }
        for x in visits.iter_mut() {
            x.1 = std::mem::take(&mut next[x.0 as usize]);
            seen[x.0 as usize] = x.1;
        }
        levels.push(visits.len());
        // Forward: one level at a time; a node's sources are marked seen
        // only when its level is complete, so every predecessor at the
        // level before adds its path counts.
        loop {
            let (a, b) = (levels[levels.len() - 2], levels[levels.len() - 1]);
            for j in a..b {
                let (v, m) = visits[j];
                if j + 1 < b {
                    prefetch_masks(g, visits[j + 1].0, seen);
                }
                let vrow = v as usize * width;
                for &w in g.neighbors(v).0 {
                    let w = w as usize;
                    let new = m & !seen[w];
                    if new == 0 {
                        continue;
                    }
                    if next[w] == 0 {
                        visits.push((w as u32, 0));
                    }
                    next[w] |= new;
                    let wrow = w * width;
                    let mut bits = new;
                    while bits != 0 {
                        let i = bits.trailing_zeros() as usize;
                        bits &= bits - 1;
                        val[wrow + i] += val[vrow + i];
                    }
                }
            }
            if visits.len() == b {
                break;
            }
            // In node order, so that the next level reads the adjacency
            // and the path counts front to back.
            visits[b..].sort_unstable_by_key(|x| x.0);
            for x in visits[b..].iter_mut() {
                x.1 = std::mem::take(&mut next[x.0 as usize]);
                seen[x.0 as usize] |= x.1;
            }
            levels.push(visits.len());
        }
        // Backward, deepest level first: delta_i[v] = sigma_i[v] × the sum
        // over successors w (one step further for source i) of
        // (1 + delta_i[w]) / sigma_i[w]. `next` holds the masks of the level
        // one step deeper than the one being accumulated.
        let mut acc = [0.0f64; BATCH];
        for l in (0..levels.len() - 1).rev() {
            let (a, b) = (levels[l], levels[l + 1]);
            for j in a..b {
                let (v, m) = visits[j];
                if j + 1 < b {
                    prefetch_masks(g, visits[j + 1].0, next);
                }
                for &w in g.neighbors(v).0 {
                    let w = w as usize;
                    let succ = m & next[w];
                    if succ == 0 {
                        continue;
                    }
                    let wrow = w * width;
                    let mut bits = succ;
                    while bits != 0 {
                        let i = bits.trailing_zeros() as usize;
                        bits &= bits - 1;
                        acc[i] += val[wrow + i];
                    }
                }
                let vrow = v as usize * width;
                let mut total = 0.0;
                let mut bits = m;
                while bits != 0 {
                    let i = bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    let sv = val[vrow + i];
                    let delta = sv * std::mem::take(&mut acc[i]);
                    if src[i] != v {
                        total += delta;
                    }
                    val[vrow + i] = (1.0 + delta) / sv;
                }
                bc[v as usize] += total;
            }
            let below = levels.get(l + 2).copied().unwrap_or(b);
            for &(w, _) in &visits[b..below] {
                next[w as usize] = 0;
            }
            for &(v, m) in &visits[a..b] {
                next[v as usize] = m;
            }
        }
        for &(v, _) in &visits[levels[0]..levels[1]] {
            next[v as usize] = 0;
        }
        for &(v, _) in visits.iter() {
            seen[v as usize] = 0;
            let row = v as usize * width;
            val[row..row + width].fill(0.0);
        }
    }
}

/// Fetches the masks of `v`'s neighbours into the caches. Called for the
/// next node of a level while this node's are read: on the 5M-event
/// benchmark graph, where the masks outgrow the per-core cache, ~2.1 ->
/// ~1.9 s; at 1M events within noise.
#[inline]
fn prefetch_masks(g: &Csr, v: u32, masks: &[u64]) {
    for &w in g.neighbors(v).0 {
        crate::hint::prefetch(&masks[w as usize]);
    }
}

/// Sums the single-source dependencies of `sources` (deterministically: two
/// fixed halves, each in fixed batches, added in order).
///
/// The graph is searched as numbered. Renumbering it in breadth-first order
/// first (from the node of highest degree) was dropped: on the 5M-event
/// benchmark graph, whose ids come in country order, betweenness took
/// ~1.55 s as numbered against ~1.80 s renumbered; with the ids scrambled,
/// ~2.1 s either way (alternating runs, `renumbered_lists`, since removed).
fn brandes_sum(g: &Csr, sources: &[u32]) -> Vec<f64> {
    let n = g.node_count();
    let parallel = sources.len() >= 2 && sources.len().saturating_mul(n) >= PARALLEL_WORK;
    let parts = run_chunks(parallel, |c| {
        let mut bc = vec![0.0; n];
        let mine = &sources[chunk_range(sources.len(), c)];
        let width = mine
            .len()
            .min(BATCH)
            .min(BATCH_BYTES / (8 * n.max(1)))
            .max(1);
        let mut b = Batch::new(n, width);
        for batch in mine.chunks(width) {
            b.accumulate(g, batch, &mut bc);
        }
        bc
    });
    let mut it = parts.into_iter();
    let mut bc = it.next().unwrap_or_else(|| vec![0.0; n]);
    for p in it {
        for (a, b) in bc.iter_mut().zip(p) {
            *a += b;
        }
    }
    bc
}

/// NetworkX's `_rescale` for `endpoints=False`; `sampled` is `None` for the
/// exact measure.
fn rescale(bc: &mut [f64], directed: bool, normalized: bool, sampled: Option<&[u32]>) {
    let n = bc.len();
    let big_n = n as f64 - 1.0; // endpoints excluded
    if n < 3 {
        return; // N < 2: every value is 0 and NetworkX leaves it alone
    }
    let correction = if directed { 1.0 } else { 2.0 };
    match sampled {
        None => {
            let scale = if normalized {
                1.0 / (big_n * (big_n - 1.0))
            } else {
                big_n / (big_n * correction)
            };
            if scale != 1.0 {
                bc.iter_mut().for_each(|x| *x *= scale);
            }
        }
        Some(src) => {
            let k = src.len() as f64;
            let (scale_source, scale_other) = if normalized {
                (
                    if k > 1.0 {
                        1.0 / ((k - 1.0) * (big_n - 1.0))
                    } else {
                        f64::NAN
                    },
                    1.0 / (k * (big_n - 1.0)),
                )
            } else {
                (
                    if k > 1.0 {
                        big_n / ((k - 1.0) * correction)
                    } else {
                        f64::NAN
                    },
                    big_n / (k * correction),
                )
            };
            let mut is_source = vec![false; n];
            for &s in src {
                is_source[s as usize] = true;
            }
            for (x, &s) in bc.iter_mut().zip(&is_source) {
                *x *= if s { scale_source } else { scale_other };
            }
        }
    }
}

/// Betweenness centrality, as `nx.betweenness_centrality(G,
/// normalized=normalized, endpoints=False, weight=None)`: shortest paths
/// count hops, and directed graphs follow link direction.
///
/// Normalised values are divided by `(n-1)(n-2)`; raw values of undirected
/// graphs count each unordered pair once (NetworkX's scaling). Runs
/// Brandes' algorithm from every node on two threads; deterministic.
pub fn betweenness(g: &Csr, normalized: bool) -> Vec<f64> {
    let sources: Vec<u32> = (0..g.node_count() as u32).collect();
    let mut bc = brandes_sum(g, &sources);
    rescale(&mut bc, g.is_directed(), normalized, None);
    bc
}

/// NetworkX's `k`-sample betweenness estimate with the sample fixed:
/// equal to `nx.betweenness_centrality(G, k=len(sources), normalized=…)`
/// had NetworkX drawn exactly `sources`.
///
/// Reproduces NetworkX 3.6's scaling: with `k < n` sources, a sampled
/// node's value is scaled by `1/((k-1)(n-2))` and any other node's by
/// `1/(k(n-2))` (unnormalised: `(n-1)/((k-1)c)` and `(n-1)/(kc)`, `c = 2`
/// for undirected graphs, else 1). As in NetworkX, a single source (`k = 1`)
/// gives `NaN` for that source node. When `k == n` the exact scaling is used
/// (NetworkX treats `k == len(G)` as "no sampling").
///
/// Sources `>= n` are ignored; duplicates are counted as often as given.
/// An empty source list gives all zeros.
pub fn betweenness_sampled(g: &Csr, sources: &[u32], normalized: bool) -> Vec<f64> {
    let n = g.node_count();
    let src: Vec<u32> = sources
        .iter()
        .copied()
        .filter(|&s| (s as usize) < n)
        .collect();
    let mut bc = brandes_sum(g, &src);
    if src.is_empty() {
        return bc;
    }
    let sampled = if src.len() == n { None } else { Some(&src[..]) };
    rescale(&mut bc, g.is_directed(), normalized, sampled);
    bc
}

/// Closeness centrality, as `nx.closeness_centrality(G)` (hop distances,
/// `wf_improved=True`): `(r-1)/Σd · (r-1)/(n-1)` where `r` is the number of
/// nodes that reach the node (itself included) and `Σd` their total
/// distance; 0 for a node nothing reaches.
///
/// Directed graphs use *incoming* distances (distance from the others to
/// the node), like NetworkX. Two threads; deterministic.
pub fn closeness(g: &Csr) -> Vec<f64> {
    let n = g.node_count();
    let parallel = n.saturating_mul(n) >= PARALLEL_WORK;
    let parts = run_chunks(parallel, |c| {
        let mut dist = vec![UNSEEN; n];
        let mut queue: Vec<u32> = Vec::with_capacity(n);
        let mut out = Vec::new();
        for u in chunk_range(n, c) {
            queue.clear();
            queue.push(u as u32);
            dist[u] = 0;
            let mut head = 0;
            let mut total: u64 = 0;
            while head < queue.len() {
                let v = queue[head];
                head += 1;
                let dv = dist[v as usize];
                total += dv as u64;
                for &w in g.in_neighbors(v).0 {
                    if dist[w as usize] == UNSEEN {
                        dist[w as usize] = dv + 1;
                        queue.push(w);
                    }
                }
            }
            let reached = queue.len() as f64 - 1.0;
            let cc = if total > 0 && n > 1 {
                (reached / total as f64) * (reached / (n as f64 - 1.0))
            } else {
                0.0
            };
            out.push(cc);
            for &v in &queue {
                dist[v as usize] = UNSEEN;
            }
        }
        out
    });
    parts.into_iter().flatten().collect()
}

/// NetworkX's power-iteration failure message.
fn no_convergence(max_iter: usize) -> String {
    format!("power iteration failed to converge within {max_iter} iterations")
}

/// Eigenvector centrality, as `nx.eigenvector_centrality(G,
/// weight="weight", max_iter, tol)`: power iteration on `A + I` from the
/// uniform vector, each step normalised to unit Euclidean length, stopping
/// when the L1 change is below `n · tol`. For directed graphs a node's score
/// comes from its in-neighbours (NetworkX's left eigenvector).
///
/// Errors like NetworkX: the empty graph ("cannot compute centrality for the
/// null graph") and no convergence within `max_iter` iterations.
pub fn eigenvector(g: &Csr, max_iter: usize, tol: f64) -> Result<Vec<f64>, String> {
    let n = g.node_count();
    if n == 0 {
        return Err("cannot compute centrality for the null graph".to_string());
    }
    let mut x = vec![1.0 / n as f64; n];
    let mut next = vec![0.0; n];
    for _ in 0..max_iter {
        for (v, out) in next.iter_mut().enumerate() {
            let (src, w) = g.in_neighbors(v as u32);
            let mut acc = x[v];
            for (&u, &wu) in src.iter().zip(w) {
                acc += x[u as usize] * wu;
            }
            *out = acc;
        }
        let norm = next.iter().map(|v| v * v).sum::<f64>().sqrt();
        let norm = if norm == 0.0 || !norm.is_finite() {
            1.0
        } else {
            norm
        };
        let mut err = 0.0;
        for (a, b) in next.iter_mut().zip(&x) {
            *a /= norm;
            err += (*a - b).abs();
        }
        std::mem::swap(&mut x, &mut next);
        if err < n as f64 * tol {
            return Ok(x);
        }
    }
    Err(no_convergence(max_iter))
}

/// PageRank, as `nx.pagerank(G, alpha, weight="weight", max_iter, tol)`:
/// a random surfer follows an out-link with probability proportional to its
/// weight; nodes without out-weight ("dangling") jump uniformly; the
/// teleport vector is uniform. Undirected links are followed both ways.
/// Stops when the L1 change is below `n · tol`; otherwise returns NetworkX's
/// convergence error. The empty graph gives `Ok(vec![])`.
///
/// Pull-based power iteration over in-neighbours on two threads, each
/// thread owning half of the nodes; deterministic.
pub fn pagerank(g: &Csr, alpha: f64, max_iter: usize, tol: f64) -> Result<Vec<f64>, String> {
    let n = g.node_count();
    if n == 0 {
        return Ok(Vec::new());
    }
    let nf = n as f64;
    let inv_out: Vec<f64> = (0..n as u32)
        .map(|u| {
            let s = g.strength(u);
            if s != 0.0 {
                1.0 / s
            } else {
                0.0
            }
        })
        .collect();
    let dangling: Vec<u32> = (0..n as u32)
        .filter(|&u| inv_out[u as usize] == 0.0)
        .collect();
    let parallel = g.link_count().saturating_add(n) >= PARALLEL_WORK;
    let mut x = vec![1.0 / nf; n];
    let mut y = vec![0.0; n]; // x[u] / outstrength[u]
    let mut next = vec![0.0; n];
    for _ in 0..max_iter {
        for ((yv, xv), iv) in y.iter_mut().zip(&x).zip(&inv_out) {
            *yv = xv * iv;
        }
        let dsum: f64 = dangling.iter().map(|&u| x[u as usize]).sum();
        let base = alpha * dsum / nf + (1.0 - alpha) / nf;
        let (x_ref, y_ref) = (&x, &y);
        let half = n.div_ceil(CHUNKS);
        let errs: Vec<f64> = if parallel {
            std::thread::scope(|s| {
                let mut handles = Vec::new();
                for (c, part) in next.chunks_mut(half).enumerate() {
                    handles.push(
                        s.spawn(move || pr_step(g, alpha, base, x_ref, y_ref, c * half, part)),
                    );
                }
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or(f64::NAN))
                    .collect()
            })
        } else {
            next.chunks_mut(half)
                .enumerate()
                .map(|(c, part)| pr_step(g, alpha, base, x_ref, y_ref, c * half, part))
                .collect()
        };
        let err: f64 = errs.iter().sum();
        std::mem::swap(&mut x, &mut next);
        if err < nf * tol {
            return Ok(x);
        }
    }
    Err(no_convergence(max_iter))
}

/// One PageRank update for nodes `first..first+out.len()`; returns their L1
/// change.
fn pr_step(
    g: &Csr,
    alpha: f64,
    base: f64,
    x: &[f64],
    y: &[f64],
    first: usize,
    out: &mut [f64],
) -> f64 {
    let mut err = 0.0;
    for (i, o) in out.iter_mut().enumerate() {
        let v = first + i;
        let (src, w) = g.in_neighbors(v as u32);
        let mut acc = 0.0;
        for (&u, &wu) in src.iter().zip(w) {
            acc += y[u as usize] * wu;
        }
        let nv = alpha * acc + base;
        err += (nv - x[v]).abs();
        *o = nv;
    }
    err
}

/// A deterministic sample of `min(k, n)` distinct nodes from `0..n`, sorted
/// ascending, drawn with a SplitMix64 generator seeded by `seed` (partial
/// Fisher–Yates shuffle). Same arguments, same sample, on every platform.
pub fn sample_sources(n: usize, k: usize, seed: u64) -> Vec<u32> {
    let n = n.min(u32::MAX as usize);
    let k = k.min(n);
    let mut state = seed;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let mut pool: Vec<u32> = (0..n as u32).collect();
    for i in 0..k {
        let span = (n - i) as u64;
        // Lemire's multiply-shift reduction (bias < 2^-32 for these sizes).
        let j = i + ((next() as u128 * span as u128) >> 64) as usize;
        pool.swap(i, j);
    }
    pool.truncate(k);
    pool.sort_unstable();
    pool
}

#[cfg(test)]
mod oracle {
    //! One Brandes search per source, the textbook form, kept to check
    //! [`Batch`](super::Batch) against.
    use super::{Csr, UNSEEN};

    /// Per-node state of one Brandes pass, packed so that visiting a neighbour
    /// touches one cache line: 16 bytes, so that two threads' states for 500,000
    /// nodes (16 MB) leave room in the caches for the adjacency being streamed.
    #[derive(Clone, Copy)]
    struct NodeState {
        dist: u32,
        /// During the search: the number of shortest paths from the source.
        /// During accumulation, once the node is done: `(1 + delta) / sigma`,
        /// the factor it contributes to each of its predecessors. A node is done
        /// before any of its predecessors is looked at (reverse BFS order), and
        /// its own `sigma` is not needed after that, so one field holds both.
        val: f64,
    }

    /// Reusable buffers for one Brandes single-source pass.
    pub(super) struct Brandes {
        st: Vec<NodeState>,
        order: Vec<u32>,
    }

    const FRESH: NodeState = NodeState {
        dist: UNSEEN,
        val: 0.0,
    };

    impl Brandes {
        pub(super) fn new(n: usize) -> Self {
            Brandes {
                st: vec![FRESH; n],
                order: Vec::with_capacity(n),
            }
        }

        /// Adds the dependencies of source `s` (unweighted shortest paths, no
        /// endpoints) to `bc`, as NetworkX's `_accumulate_basic` does.
        pub(super) fn accumulate(&mut self, g: &Csr, s: u32, bc: &mut [f64]) {
            let (st, order) = (&mut self.st, &mut self.order);
            order.clear();
            st[s as usize].dist = 0;
            st[s as usize].val = 1.0;
            order.push(s);
            // BFS; `order` doubles as the queue (nodes in non-decreasing distance).
            let mut head = 0;
            while head < order.len() {
                let v = order[head];
                head += 1;
                let NodeState { dist: dv, val: sv } = st[v as usize];
                for &w in g.neighbors(v).0 {
                    let x = &mut st[w as usize];
                    if x.dist == UNSEEN {
                        x.dist = dv + 1;
                        order.push(w);
                    }
                    if x.dist == dv + 1 {
                        x.val += sv;
                    }
                }
            }
            // Dependency accumulation in reverse BFS order over successors:
            // delta[v] = sigma[v] * sum over successors w of (1 + delta[w]) / sigma[w].
            // Successors (one step further) come later in `order`, so they are
            // done and their `val` is already that factor.
            for &v in order.iter().rev() {
                let NodeState { dist: dv, val: sv } = st[v as usize];
                let mut acc = 0.0;
                for &w in g.neighbors(v).0 {
                    let x = &st[w as usize];
                    if x.dist == dv + 1 {
                        acc += x.val;
                    }
                }
                let delta = sv * acc;
                if v != s {
                    bc[v as usize] += delta;
                }
                st[v as usize].val = (1.0 + delta) / sv;
            }
            for &v in order.iter() {
                st[v as usize] = FRESH;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiny_graphs_do_not_panic() {
        for n in 0..3 {
            for directed in [false, true] {
                let g = Csr::from_edges(n, directed, (1..n as u32).map(|v| (0, v, 1.0)));
                assert_eq!(degree(&g).len(), n);
                assert_eq!(strength(&g).len(), n);
                assert!(betweenness(&g, true).iter().all(|x| *x == 0.0));
                assert_eq!(betweenness_sampled(&g, &[0, 7], true).len(), n);
                assert_eq!(closeness(&g).len(), n);
                assert_eq!(pagerank(&g, 0.85, 100, 1e-6).map(|v| v.len()), Ok(n));
                // NetworkX fails to converge on a directed star too.
                let ok = n > 0 && !(directed && n > 1);
                assert_eq!(eigenvector(&g, 100, 1e-6).is_ok(), ok);
            }
        }
        assert_eq!(degree(&Csr::from_edges(1, false, [])), vec![1.0]);
    }

    /// A graph and a sample big enough for the two-thread split gives the
    /// values of one Brandes search per source (up to summation order).
    #[test]
    fn two_thread_sum_equals_one_search_per_source() {
        for directed in [false, true] {
            let n = 5000u32;
            // Sparse random links with hubs, several components.
            let mut rnd = crate::algo::xorshift(12345);
            let links: Vec<(u32, u32, f64)> = (0..2 * n)
                .map(|i| {
                    let u = if i % 5 == 0 {
                        (rnd() % 50) as u32
                    } else {
                        (rnd() % n as u64) as u32
                    };
                    (u, (rnd() % (n as u64 - 100)) as u32, 1.0)
                })
                .collect();
            let g = Csr::from_edges(n as usize, directed, links);
            let sources = sample_sources(n as usize, 64, 7);
            assert!(sources.len() * n as usize >= PARALLEL_WORK);
            let mut want = vec![0.0; n as usize];
            let mut one = oracle::Brandes::new(n as usize);
            for &s in &sources {
                one.accumulate(&g, s, &mut want);
            }
            let got = brandes_sum(&g, &sources);
            for (u, (a, b)) in want.iter().zip(&got).enumerate() {
                assert!(
                    (a - b).abs() <= 1e-9 * a.abs().max(1.0),
                    "node {u}: {a} vs {b}"
                );
            }
            assert!(want.iter().filter(|v| **v > 0.0).count() > 1000);
        }
    }

    /// The batched search gives what one Brandes search per source gives,
    /// for batches of every width (a source given twice counts twice),
    /// directed or not, over several components.
    #[test]
    fn batched_brandes_equals_one_search_per_source() {
        let mut rnd = crate::algo::xorshift(99);
        for round in 0..12 {
            let directed = round % 2 == 1;
            let n = 40 + (rnd() % 300) as usize;
            let m = n + (rnd() % (3 * n as u64)) as usize;
            let links: Vec<(u32, u32, f64)> = (0..m)
                .map(|_| {
                    // Two blocks with few links between, and isolated nodes.
                    let u = (rnd() % (n as u64 - 5)) as u32;
                    let v = if rnd().is_multiple_of(10) {
                        (rnd() % (n as u64 - 5)) as u32
                    } else {
                        let half = (n as u32 - 5) / 2;
                        let base = if u < half { 0 } else { half };
                        base + (rnd() % half as u64) as u32
                    };
                    (u, v, 1.0)
                })
                .collect();
            let g = Csr::from_edges(n, directed, links);
            let k = 1 + (rnd() % 150) as usize;
            let mut sources: Vec<u32> = (0..k).map(|_| (rnd() % n as u64) as u32).collect();
            sources.push(sources[0]);
            let mut want = vec![0.0; n];
            let mut one = oracle::Brandes::new(n);
            for &s in &sources {
                one.accumulate(&g, s, &mut want);
            }
            for width in [1, 3, 64] {
                let mut got = vec![0.0; n];
                let mut b = Batch::new(n, width);
                for batch in sources.chunks(width) {
                    b.accumulate(&g, batch, &mut got);
                }
                for (u, (a, b)) in want.iter().zip(&got).enumerate() {
                    assert!(
                        (a - b).abs() <= 1e-9 * a.abs().max(1.0),
                        "round {round}, width {width}, node {u}: {a} vs {b}"
                    );
                }
            }
            let got = brandes_sum(&g, &sources);
            for (a, b) in want.iter().zip(&got) {
                assert!((a - b).abs() <= 1e-9 * a.abs().max(1.0));
            }
            assert!(want.iter().filter(|v| **v > 0.0).count() > n / 4);
        }
    }

    #[test]
    fn eigenvector_reports_non_convergence() {
        let g = Csr::from_edges(3, false, [(0, 1, 1.0), (1, 2, 1.0)]);
        assert_eq!(
            eigenvector(&g, 1, 1e-12),
            Err("power iteration failed to converge within 1 iterations".to_string())
        );
        assert!(eigenvector(&g, 0, 1e-6).is_err());
    }

    #[test]
    fn sample_is_deterministic_and_distinct() {
        let a = sample_sources(1000, 64, 42);
        assert_eq!(a, sample_sources(1000, 64, 42));
        assert_ne!(a, sample_sources(1000, 64, 43));
        assert_eq!(a.len(), 64);
        assert!(a.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(sample_sources(5, 10, 1), vec![0, 1, 2, 3, 4]);
        assert!(sample_sources(0, 3, 1).is_empty());
    }
}
