//! Community detection on a [`Csr`] graph: modularity, Louvain, Leiden,
//! label propagation, connected components, and tracking of communities
//! through successive time windows.
//!
//! Everything here is deterministic: the only randomness comes from a small
//! seeded PRNG (xoshiro256** seeded through SplitMix64) written in this file,
//! so the same graph and seed give the same [`Partition`] on every machine.
//! No hash-map iteration order is ever involved.
//!
//! # Conventions
//!
//! * Modularity follows NetworkX's `nx.community.modularity` exactly,
//!   including the resolution parameter γ:
//!   `Q = Σ_c [ L_c / m − γ (D_c / 2m)² ]` for undirected graphs (`L_c` the
//!   weight inside community `c`, `D_c` the total strength of its members),
//!   and Leicht–Newman `Q = Σ_c [ L_c / m − γ D_c^out D_c^in / m² ]` for
//!   directed graphs.
//! * Louvain, Leiden and label propagation work on undirected graphs; given a
//!   directed [`Csr`] they run on [`Csr::to_undirected`] (the weights of
//!   `u → v` and `v → u` summed).
//! * A graph with no links (or zero total weight) gives singletons from the
//!   optimisers and a modularity of `0.0` (NetworkX raises
//!   `ZeroDivisionError` there).
//! * Link weights are expected to be positive and finite; other weights do
//!   not panic but give meaningless results.

use std::borrow::Cow;

use super::csr::Csr;

// ---------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------

/// xoshiro256** seeded via SplitMix64: small, fast, portable.
#[derive(Clone, Debug)]
struct Rng {
    s: [u64; 4],
}

impl Rng {
    fn new(seed: u64) -> Rng {
        let mut x = seed;
        let mut next = || {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Rng {
            s: [next(), next(), next(), next()],
        }
    }

    fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// Uniform in `0..n` (`n > 0`), Lemire's multiply-shift with rejection.
    fn below(&mut self, n: usize) -> usize {
        let n = n as u64;
        if n <= 1 {
            return 0;
        }
        loop {
            let x = self.next_u64();
            let m = (x as u128) * (n as u128);
            let low = m as u64;
            if low >= n || low >= n.wrapping_neg() % n {
                return (m >> 64) as usize;
            }
        }
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }

    /// A random visiting order of `0..n` for local moving and refinement.
    ///
    /// Below [`BLOCK_ORDER_NODES`] nodes, a uniform shuffle. From there on,
    /// the nodes are cut into blocks of [`ORDER_BLOCK`] consecutive ids; the
    /// blocks are visited in a random order and the nodes of a block in a
    /// random order within it. The heuristics need an order that is random
    /// (so that seeds differ and no input order biases them), not a uniform
    /// one; a block order reads the adjacency of a few neighbouring nodes at
    /// a time instead of one node anywhere in a graph far bigger than the
    /// caches. On the 5M-event benchmark graph (500,000 nodes) Louvain ran
    /// ~2.1 s -> ~0.9 s, Leiden ~4.5 s -> ~3.5 s, same modularity to four
    /// decimals, and also faster with the node ids scrambled.
    fn order(&mut self, n: usize) -> Vec<u32> {
        if n < BLOCK_ORDER_NODES {
            let mut order: Vec<u32> = (0..n as u32).collect();
            self.shuffle(&mut order);
            return order;
        }
        let mut blocks: Vec<u32> = (0..n.div_ceil(ORDER_BLOCK) as u32).collect();
        self.shuffle(&mut blocks);
        let mut order = Vec::with_capacity(n);
        for b in blocks {
            let a = b as usize * ORDER_BLOCK;
            let start = order.len();
            order.extend(a as u32..(a + ORDER_BLOCK).min(n) as u32);
            self.shuffle(&mut order[start..]);
        }
        order
    }
}

/// Graphs (or aggregate levels) with at least this many nodes are visited
/// in block order ([`Rng::order`]); smaller ones are cache-sized anyway and
/// keep a uniform shuffle.
const BLOCK_ORDER_NODES: usize = 50_000;

/// Consecutive node ids visited together in block order (of 16, 32, 64, 128
/// and 256, 32 did best on the 5M-event benchmark graph over given and
/// scrambled ids; at 1M events the differences were within noise).
const ORDER_BLOCK: usize = 32;

// ---------------------------------------------------------------------------
// Partition
// ---------------------------------------------------------------------------

/// A partition of the nodes `0..n` of a graph into communities.
///
/// Labels are `0..count`, numbered so that community 0 is the largest, ties
/// broken by the smallest node id a community contains (so the numbering only
/// depends on the sets, not on how an algorithm labelled them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Partition {
    /// Community of each node, indexed by node id.
    pub membership: Vec<u32>,
    /// Number of communities (labels are `0..count`).
    pub count: usize,
}

impl Partition {
    /// Builds a canonical partition from any labelling (labels need not be
    /// dense): communities are renumbered largest first, ties by smallest
    /// member.
    pub fn from_labels(labels: &[u32]) -> Partition {
        let n = labels.len();
        // Dense relabelling by first occurrence (node order), so that the
        // first-seen label of a community is its smallest node.
        let dense = densify(labels);
        let count = dense.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
        let mut size = vec![0usize; count];
        for &c in &dense {
            size[c as usize] += 1;
        }
        // Communities in first-occurrence order already have increasing
        // smallest members; a stable sort by size (descending) finishes it.
        let mut order: Vec<u32> = (0..count as u32).collect();
        order.sort_by(|&a, &b| size[b as usize].cmp(&size[a as usize]));
        let mut rank = vec![0u32; count];
        for (r, &c) in order.iter().enumerate() {
            rank[c as usize] = r as u32;
        }
        let membership = (0..n).map(|v| rank[dense[v] as usize]).collect();
        Partition { membership, count }
    }

    /// Every node in its own community.
    pub fn singletons(n: usize) -> Partition {
        Partition {
            membership: (0..n as u32).collect(),
            count: n,
        }
    }

    /// The communities, largest first, each with its members sorted by node
    /// id.
    pub fn communities(&self) -> Vec<Vec<u32>> {
        let mut out = vec![Vec::new(); self.count];
        for (v, &c) in self.membership.iter().enumerate() {
            if let Some(list) = out.get_mut(c as usize) {
                list.push(v as u32);
            }
        }
        out
    }
}

/// Relabels to `0..k` in order of first occurrence.
fn densify(labels: &[u32]) -> Vec<u32> {
    let mut sorted: Vec<u32> = labels.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut first = vec![u32::MAX; sorted.len()];
    let mut next = 0u32;
    labels
        .iter()
        .map(|l| {
            // `l` is in `sorted` by construction.
            let i = sorted.binary_search(l).unwrap_or(0);
            if first[i] == u32::MAX {
                first[i] = next;
                next += 1;
            }
            first[i]
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Modularity
// ---------------------------------------------------------------------------

/// Modularity of a partition, exactly as NetworkX's
/// `nx.community.modularity(G, communities, weight="weight", resolution=γ)`.
///
/// `membership[v]` is the community of node `v`; labels may be any `u32`
/// values (they need not be dense). Nodes beyond `membership.len()` are
/// treated as singletons. For a directed [`Csr`] this is the Leicht–Newman
/// directed modularity NetworkX uses for `DiGraph`s.
///
/// Returns `0.0` for a graph without links or with zero total weight, where
/// NetworkX raises `ZeroDivisionError`.
pub fn modularity(g: &Csr, membership: &[u32], resolution: f64) -> f64 {
    let n = g.node_count();
    let m = g.total_weight();
    if n == 0 || m == 0.0 || !m.is_finite() {
        return 0.0;
    }
    // Dense community ids; missing nodes get fresh singleton ids.
    let given = membership.len().min(n);
    let mut labels = densify(&membership[..given]);
    let known = labels.iter().map(|&c| c + 1).max().unwrap_or(0);
    labels.extend((0..(n - given) as u32).map(|i| known + i));
    let k = labels.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
    let mut inside = vec![0.0f64; k];
    let mut d_out = vec![0.0f64; k];
    let mut d_in = vec![0.0f64; k];
    for u in 0..n as u32 {
        let cu = labels[u as usize] as usize;
        let (t, w) = g.neighbors(u);
        for (&v, &x) in t.iter().zip(w) {
            d_out[cu] += x;
            if labels[v as usize] as usize == cu {
                inside[cu] += x;
            }
        }
        if g.is_directed() {
            d_in[cu] += g.in_strength(u);
        }
    }
    let mut q = 0.0;
    if g.is_directed() {
        let norm = 1.0 / (m * m);
        for c in 0..k {
            q += inside[c] / m - resolution * d_out[c] * d_in[c] * norm;
        }
    } else {
        // Undirected adjacency holds each internal link twice.
        let norm = 1.0 / (4.0 * m * m);
        for c in 0..k {
            q += inside[c] / 2.0 / m - resolution * d_out[c] * d_out[c] * norm;
        }
    }
    q
}

// ---------------------------------------------------------------------------
// Internal weighted graph used by the optimisers (supports aggregation)
// ---------------------------------------------------------------------------

/// Undirected weighted adjacency without self-loops; `node_w` is each node's
/// strength in the original graph (for an aggregate: summed over members,
/// so internal links count twice there).
///
/// The rows of the graph being partitioned are borrowed from its [`Csr`],
/// not copied (115 MB of fresh memory on a 5M-event projection); aggregates
/// own theirs.
struct Graph<'a> {
    off: Cow<'a, [usize]>,
    tgt: Cow<'a, [u32]>,
    w: Cow<'a, [f64]>,
    node_w: Vec<f64>,
    /// Sum of all node weights (`2m`).
    total: f64,
}

impl<'a> Graph<'a> {
    fn from_csr(g: &'a Csr) -> Graph<'a> {
        if g.is_directed() {
            let (off, tgt, w) = g.to_undirected().into_rows();
            return Graph::new(Cow::Owned(off), Cow::Owned(tgt), Cow::Owned(w));
        }
        let (off, tgt, w) = g.rows();
        Graph::new(Cow::Borrowed(off), Cow::Borrowed(tgt), Cow::Borrowed(w))
    }

    fn new(off: Cow<'a, [usize]>, tgt: Cow<'a, [u32]>, w: Cow<'a, [f64]>) -> Graph<'a> {
        let node_w: Vec<f64> = off.windows(2).map(|r| w[r[0]..r[1]].iter().sum()).collect();
        let total = node_w.iter().sum();
        Graph {
            off,
            tgt,
            w,
            node_w,
            total,
        }
    }

    fn n(&self) -> usize {
        self.node_w.len()
    }

    /// Modularity of `comm` (labels `< n`), in the same units as
    /// [`modularity`]; on an aggregate, the modularity of the partition of
    /// the base graph that `comm` stands for.
    ///
    /// An aggregate keeps no links inside its nodes ([`Graph::aggregate`]),
    /// but a node's weight counts them: what a node's weight has beyond its
    /// row is the weight inside it, which is inside its community too (on
    /// the base graph, without self-loops, that is 0).
    fn quality(&self, comm: &[u32], resolution: f64) -> f64 {
        let mut tot = vec![0.0f64; self.n()];
        let mut inside = 0.0;
        for v in 0..self.n() {
            tot[comm[v] as usize] += self.node_w[v];
            let (t, x) = self.nbrs(v);
            let mut row = 0.0;
            for (&u, &y) in t.iter().zip(x) {
                row += y;
                if comm[u as usize] == comm[v] {
                    inside += y;
                }
            }
            inside += self.node_w[v] - row;
        }
        let sq: f64 = tot.iter().map(|t| t * t).sum();
        (inside - resolution * sq / self.total) / self.total
    }

    #[inline]
    fn nbrs(&self, u: usize) -> (&[u32], &[f64]) {
        let (a, b) = (self.off[u], self.off[u + 1]);
        (&self.tgt[a..b], &self.w[a..b])
    }

    /// Collapses each community of `comm` (dense labels `0..k`) into a node.
    ///
    /// On graphs of [`PARALLEL_AGGREGATE`] nodes or more the rows of the
    /// two halves of the communities (by member count) are built on two
    /// threads; each row is built the same way either way, so the result is
    /// the same.
    fn aggregate(&self, comm: &[u32], k: usize) -> Graph<'static> {
        let n = self.n();
        // Counting sort of nodes by community.
        let mut start = vec![0usize; k + 1];
        for &c in comm {
            start[c as usize + 1] += 1;
        }
        for c in 0..k {
            start[c + 1] += start[c];
        }
        let mut fill = start.clone();
        let mut order = vec![0u32; n];
        for (v, &c) in comm.iter().enumerate() {
            order[fill[c as usize]] = v as u32;
            fill[c as usize] += 1;
        }
        drop(fill);
        let mut node_w = vec![0.0f64; k];
        for (c, w) in node_w.iter_mut().enumerate() {
            for &v in &order[start[c]..start[c + 1]] {
                *w += self.node_w[v as usize];
            }
        }
        let rows = |cs: std::ops::Range<usize>| {
            self.rows_of(comm, k, cs.map(|c| &order[start[c]..start[c + 1]]))
        };
        let (off, tgt, w) = if n >= PARALLEL_AGGREGATE {
            let split = start.partition_point(|&s| s < n / 2).min(k);
            let (mut first, second) = std::thread::scope(|s| {
                let second = s.spawn(|| rows(split..k));
                let first = rows(0..split);
                match second.join() {
                    Ok(second) => (first, second),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            });
            let base = first.1.len();
            first.0.extend(second.0[1..].iter().map(|&o| o + base));
            first.1.extend_from_slice(&second.1);
            first.2.extend_from_slice(&second.2);
            first
        } else {
            rows(0..k)
        };
        Graph {
            off: Cow::Owned(off),
            tgt: Cow::Owned(tgt),
            w: Cow::Owned(w),
            node_w,
            total: self.total,
        }
    }

    /// The aggregate's rows for a run of communities, each given by its
    /// members: offsets (from 0), neighbouring communities in order, summed
    /// weights. Links inside a community are dropped.
    fn rows_of<'m>(
        &self,
        comm: &[u32],
        k: usize,
        communities: impl ExactSizeIterator<Item = &'m [u32]>,
    ) -> (Vec<usize>, Vec<u32>, Vec<f64>) {
        let mut acc = vec![0.0f64; k];
        let mut seen = vec![false; k];
        let mut touched: Vec<u32> = Vec::new();
        let mut off = Vec::with_capacity(communities.len() + 1);
        // Room for the upper bound: growing by doubling would copy (and, on
        // a big graph, fault in) up to twice the final size; room never
        // written is never backed by memory.
        let room: usize = self.tgt.len();
        let mut tgt = Vec::with_capacity(room);
        let mut w = Vec::with_capacity(room);
        off.push(0);
        for members in communities {
            let c = members.first().map(|&v| comm[v as usize]);
            for &v in members {
                let (t, x) = self.nbrs(v as usize);
                for (&u, &y) in t.iter().zip(x) {
                    let d = comm[u as usize];
                    if Some(d) == c {
                        continue;
                    }
                    if !seen[d as usize] {
                        seen[d as usize] = true;
                        touched.push(d);
                    }
                    acc[d as usize] += y;
                }
            }
            touched.sort_unstable();
            for &d in &touched {
                tgt.push(d);
                w.push(acc[d as usize]);
                acc[d as usize] = 0.0;
                seen[d as usize] = false;
            }
            touched.clear();
            off.push(tgt.len());
        }
        (off, tgt, w)
    }
}

/// Graphs with at least this many nodes are aggregated on two threads.
const PARALLEL_AGGREGATE: usize = 50_000;

/// Relabels `comm` in place to `0..k` (first-occurrence order); returns `k`.
fn renumber(comm: &mut [u32], scratch: &mut Vec<u32>) -> usize {
    scratch.clear();
    scratch.resize(comm.len(), u32::MAX);
    let mut k = 0u32;
    for c in comm.iter_mut() {
        let slot = &mut scratch[*c as usize];
        if *slot == u32::MAX {
            *slot = k;
            k += 1;
        }
        *c = *slot;
    }
    k as usize
}

// ---------------------------------------------------------------------------
// Local moving (shared by Louvain and Leiden)
// ---------------------------------------------------------------------------

/// State of a partition of a [`Graph`] during local moving. Community labels
/// are `0..n` (at most `n` communities exist).
struct Mover {
    comm: Vec<u32>,
    /// Per community: its total node weight and the scratch weight from the
    /// node being moved, side by side so that looking at a neighbouring
    /// community is one cache miss, not three, on graphs too big for the
    /// caches.
    slot: Vec<Slot>,
    size: Vec<u32>,
    /// Labels of empty communities.
    empty: Vec<u32>,
    /// Communities whose `acc` is in use.
    touched: Vec<u32>,
    /// γ / 2m.
    scale: f64,
}

#[derive(Clone, Copy)]
struct Slot {
    /// Weight from the node being moved to this community; NaN when not
    /// touched (weights are finite, see [`trivial`]).
    acc: f64,
    /// Total node weight of the community.
    tot: f64,
}

impl Mover {
    fn new(g: &Graph, comm: Vec<u32>, resolution: f64) -> Mover {
        let n = g.n();
        let mut slot = vec![
            Slot {
                acc: f64::NAN,
                tot: 0.0
            };
            n
        ];
        let mut size = vec![0u32; n];
        for (v, &c) in comm.iter().enumerate() {
            slot[c as usize].tot += g.node_w[v];
            size[c as usize] += 1;
        }
        let empty = (0..n as u32)
            .rev()
            .filter(|&c| size[c as usize] == 0)
            .collect();
        Mover {
            comm,
            slot,
            size,
            empty,
            touched: Vec::new(),
            scale: resolution / g.total,
        }
    }

    /// Tries to move `v` to the best community; returns whether it moved.
    #[inline]
    fn move_node(&mut self, g: &Graph, v: usize) -> bool {
        let old = self.comm[v];
        let kv = g.node_w[v];
        let (t, x) = g.nbrs(v);
        for (&u, &y) in t.iter().zip(x) {
            let c = self.comm[u as usize];
            let s = &mut self.slot[c as usize];
            if s.acc.is_nan() {
                s.acc = y;
                self.touched.push(c);
            } else {
                s.acc += y;
            }
        }
        // Take v out of its community.
        let o = &mut self.slot[old as usize];
        o.tot -= kv;
        let stay = if o.acc.is_nan() { 0.0 } else { o.acc } - self.scale * kv * o.tot;
        let mut best = old;
        let mut best_gain = stay;
        for &c in &self.touched {
            if c == old {
                continue;
            }
            let s = self.slot[c as usize];
            let gain = s.acc - self.scale * kv * s.tot;
            if gain > best_gain {
                best_gain = gain;
                best = c;
            }
        }
        // An empty community (gain 0) beats staying in one v dislikes.
        if self.size[old as usize] > 1 && best_gain < 0.0 {
            if let Some(&e) = self.empty.last() {
                best = e;
                best_gain = 0.0;
            }
        }
        for &c in &self.touched {
            self.slot[c as usize].acc = f64::NAN;
        }
        self.touched.clear();
        // Require a strict improvement beyond rounding noise.
        let tol = 1e-12 * (kv.abs() + stay.abs());
        if best != old && best_gain > stay + tol {
            self.slot[best as usize].tot += kv;
            if self.size[best as usize] == 0 {
                self.empty.pop();
            }
            self.size[best as usize] += 1;
            self.size[old as usize] -= 1;
            if self.size[old as usize] == 0 {
                self.empty.push(old);
            }
            self.comm[v] = best;
            true
        } else {
            self.slot[old as usize].tot += kv;
            false
        }
    }

    /// Louvain-style sweeps in a random order until a sweep moves nothing.
    ///
    /// Pruned (Ozaki, Tezuka & Inaba 2016): the first sweep visits every
    /// node; later sweeps, in the same order, visit only nodes a neighbour of
    /// which moved since their last visit, the only nodes whose links to the
    /// communities around them changed. The last sweeps of a level move a
    /// handful of nodes out of hundreds of thousands; they no longer cost a
    /// pass over the whole graph each.
    fn sweeps(&mut self, g: &Graph, rng: &mut Rng) -> bool {
        let n = g.n();
        let order = rng.order(n);
        let mut stale = vec![true; n];
        let mut any = false;
        for _ in 0..MAX_SWEEPS {
            let mut moved = false;
            for &v in &order {
                let v = v as usize;
                if !stale[v] {
                    continue;
                }
                stale[v] = false;
                if self.move_node(g, v) {
                    moved = true;
                    for &u in g.nbrs(v).0 {
                        stale[u as usize] = true;
                    }
                }
            }
            any |= moved;
            if !moved {
                break;
            }
        }
        any
    }

    /// Leiden's fast local move: a queue seeded with all nodes in random
    /// (block) order; neighbours of a moved node re-enter the queue.
    fn queue(&mut self, g: &Graph, rng: &mut Rng) -> bool {
        let n = g.n();
        let mut queue: std::collections::VecDeque<u32> = rng.order(n).into();
        let mut queued = vec![true; n];
        let mut any = false;
        let mut budget = (n as u64 + g.tgt.len() as u64).saturating_mul(MAX_SWEEPS as u64);
        while let Some(v) = queue.pop_front() {
            queued[v as usize] = false;
            if self.move_node(g, v as usize) {
                any = true;
                let c = self.comm[v as usize];
                for &u in g.nbrs(v as usize).0 {
                    if !queued[u as usize] && self.comm[u as usize] != c {
                        queued[u as usize] = true;
                        queue.push_back(u);
                    }
                }
            }
            budget = budget.saturating_sub(1);
            if budget == 0 {
                break;
            }
        }
        any
    }
}

/// Safety cap on sweeps per level (never reached in practice).
const MAX_SWEEPS: usize = 1000;
/// Safety cap on Leiden/Louvain outer iterations (never reached in practice).
const MAX_ITERATIONS: usize = 1000;

/// Canonical result for graphs where optimisation is meaningless.
fn trivial(g: &Graph) -> bool {
    g.n() == 0 || g.total.is_nan() || g.total <= 0.0 || g.total.is_infinite()
}

// ---------------------------------------------------------------------------
// Louvain
// ---------------------------------------------------------------------------

/// Louvain modularity optimisation (Blondel et al. 2008) with resolution γ.
///
/// Each level shuffles the nodes once (seeded; on big graphs in blocks of
/// consecutive nodes, see below) and sweeps them in that order,
/// moving every node to the neighbouring community (or an empty one) with
/// the best modularity gain, until a sweep moves nothing (after the first
/// sweep, only nodes next to one that moved are looked at again: Ozaki,
/// Tezuka & Inaba's pruning, same modularity, fewer visits); then communities
/// are aggregated into nodes and the next level starts. Unlike NetworkX's
/// `louvain_communities`, the levels are refined on the way back down
/// (Rotta & Noack's multilevel refinement: the coarse partition is projected
/// onto each finer level and improved there by local moving), and the whole
/// pass is repeated from the partition it found until a pass changes nothing.
/// Both usually gain a little modularity over plain Louvain.
///
/// On graphs of 50,000 nodes or more the order is random by blocks of 32
/// consecutive nodes (blocks shuffled, then the nodes within each), which
/// reads memory in runs instead of at random: on 500,000 nodes it more than
/// halved the time at the same modularity.
///
/// A directed graph is run through [`Csr::to_undirected`]. Same graph and seed
/// give the same partition.
pub fn louvain(g: &Csr, resolution: f64, seed: u64) -> Partition {
    let base = Graph::from_csr(g);
    if trivial(&base) {
        return Partition::singletons(base.n());
    }
    let mut rng = Rng::new(seed);
    let mut membership: Vec<u32> = (0..base.n() as u32).collect();
    for _ in 0..MAX_ITERATIONS {
        let changed = louvain_pass(&base, &mut membership, resolution, &mut rng);
        if !changed {
            break;
        }
    }
    Partition::from_labels(&membership)
}

// ---------------------------------------------------------------------------
// Leiden
// ---------------------------------------------------------------------------

/// Randomness θ of Leiden's refinement (as in igraph and the paper).
pub const LEIDEN_RANDOMNESS: f64 = 0.01;

/// Tuning of [`leiden_with`]; [`LeidenOptions::new`] gives the defaults used
/// by [`leiden`].
#[derive(Clone, Debug, PartialEq)]
pub struct LeidenOptions {
    /// Resolution γ of modularity (1.0 is standard modularity).
    pub resolution: f64,
    /// Seed of the PRNG (node orders and refinement choices).
    pub seed: u64,
    /// Maximum number of iterations; `0` means until convergence (igraph's
    /// `n_iterations < 0`; igraph's default is 2).
    pub max_iterations: usize,
    /// Stop when an iteration raises modularity by less than this (default
    /// `1e-4`); `0.0` iterates until an iteration moves no node at all.
    pub tolerance: f64,
}

impl LeidenOptions {
    /// Defaults: until convergence, tolerance `1e-4`. (Iterations after the
    /// first two or three gain ~1e-5 each on large graphs and cost as much
    /// as the second: on 1M events, 5 iterations took 0.62 s for a modularity
    /// of 0.69376, 3 iterations 0.42 s for the same four decimals.)
    pub fn new(resolution: f64, seed: u64) -> LeidenOptions {
        LeidenOptions {
            resolution,
            seed,
            max_iterations: 0,
            tolerance: 1e-4,
        }
    }
}

/// Leiden modularity optimisation (Traag, Waltman & van Eck 2019) with
/// resolution γ and the defaults of [`LeidenOptions::new`].
///
/// Each iteration: fast local moving (queue-based) of nodes between
/// communities; refinement of each community, where well-connected singleton
/// nodes merge into well-connected sub-communities of the same community
/// picked at random with probability ∝ `exp(ΔQ / θ)` over non-negative gains
/// (θ = [`LEIDEN_RANDOMNESS`] = 0.01, with gains measured in link weight as
/// igraph does — for integer weights this is nearly greedy); aggregation
/// of the graph on the refined partition, with the unrefined partition as the
/// starting partition of the aggregate. Levels continue while aggregation
/// shrinks the graph; iterations repeat from the partition found until an
/// iteration moves no node or gains less than `1e-4` modularity (see
/// [`leiden_with`] to change that).
///
/// A directed graph is run through [`Csr::to_undirected`]. Same graph and seed
/// give the same partition. Every community is connected.
pub fn leiden(g: &Csr, resolution: f64, seed: u64) -> Partition {
    leiden_with(g, &LeidenOptions::new(resolution, seed))
}

/// [`leiden`] with explicit [`LeidenOptions`].
pub fn leiden_with(g: &Csr, options: &LeidenOptions) -> Partition {
    let base = Graph::from_csr(g);
    if trivial(&base) {
        return Partition::singletons(base.n());
    }
    let resolution = options.resolution;
    let mut rng = Rng::new(options.seed);
    let mut membership: Vec<u32> = (0..base.n() as u32).collect();
    let limit = if options.max_iterations == 0 {
        MAX_ITERATIONS
    } else {
        options.max_iterations
    };
    // Singletons: nothing inside a community (the base has no self-loops).
    let sq: f64 = base.node_w.iter().map(|k| k * k).sum();
    let mut quality = -resolution * sq / (base.total * base.total);
    for _ in 0..limit {
        let (changed, q) = leiden_pass(&base, &mut membership, resolution, &mut rng);
        if !changed {
            break;
        }
        let gain = q - quality;
        quality = q;
        // NaN-safe: stop unless the gain is clearly at least the tolerance.
        if gain.is_nan() || gain < options.tolerance {
            break;
        }
    }
    Partition::from_labels(&membership)
}

/// One Louvain pass from `membership` (updated in place): local moving and
/// aggregation level by level, then multilevel refinement on the way back
/// down (Rotta & Noack 2011): the partition found at each level is projected
/// onto the finer level's nodes and improved there by local moving.
fn louvain_pass(base: &Graph, membership: &mut [u32], resolution: f64, rng: &mut Rng) -> bool {
    let mut scratch = Vec::new();
    let mut comm: Vec<u32> = membership.to_vec();
    renumber(&mut comm, &mut scratch);
    let mut graphs: Vec<Graph> = Vec::new();
    let mut maps: Vec<Vec<u32>> = Vec::new();
    let mut changed = false;
    loop {
        let g = graphs.last().unwrap_or(base);
        let mut mover = Mover::new(g, comm, resolution);
        let moved = mover.sweeps(g, rng);
        changed |= moved;
        comm = mover.comm;
        let k = renumber(&mut comm, &mut scratch);
        if !moved || k >= g.n() {
            break;
        }
        let next = g.aggregate(&comm, k);
        maps.push(std::mem::replace(&mut comm, (0..k as u32).collect()));
        graphs.push(next);
    }
    // Refine on the way down.
    while let Some(map) = maps.pop() {
        graphs.pop();
        let g = graphs.last().unwrap_or(base);
        let projected = map.iter().map(|&a| comm[a as usize]).collect();
        let mut mover = Mover::new(g, projected, resolution);
        changed |= mover.sweeps(g, rng);
        comm = mover.comm;
        renumber(&mut comm, &mut scratch);
    }
    membership.copy_from_slice(&comm);
    changed
}

/// One Leiden iteration from `membership` (updated in place): fast local
/// moving, refinement and aggregation on the refined partition, level by
/// level until aggregation no longer shrinks the graph. Returns whether a
/// node moved, and the modularity of the new membership, computed on the
/// last level's graph (on the 5M-event benchmark graph, 10,000 nodes where
/// the base has 500,000: a pass over the base graph cost ~5% of Leiden).
fn leiden_pass(
    base: &Graph,
    membership: &mut [u32],
    resolution: f64,
    rng: &mut Rng,
) -> (bool, f64) {
    let n = base.n();
    let mut scratch = Vec::new();
    let mut comm: Vec<u32> = membership.to_vec();
    renumber(&mut comm, &mut scratch);
    let mut node_to_agg: Vec<u32> = (0..n as u32).collect();
    let mut owned: Option<Graph> = None;
    let mut changed = false;
    let quality = loop {
        let g = owned.as_ref().unwrap_or(base);
        let mut mover = Mover::new(g, comm, resolution);
        changed |= mover.queue(g, rng);
        comm = mover.comm;
        let k = renumber(&mut comm, &mut scratch);
        let mut refined = refine(g, &comm, k, resolution, rng);
        let nr = renumber(&mut refined, &mut scratch);
        // If refinement merged nothing, aggregate on the partition itself.
        let (agg_map, na) = if nr < g.n() {
            (refined, nr)
        } else {
            (comm.clone(), k)
        };
        if na >= g.n() {
            break g.quality(&comm, resolution);
        }
        let mut next_comm = vec![0u32; na];
        for (v, &a) in agg_map.iter().enumerate() {
            next_comm[a as usize] = comm[v];
        }
        let next = g.aggregate(&agg_map, na);
        for x in node_to_agg.iter_mut() {
            *x = agg_map[*x as usize];
        }
        comm = next_comm;
        owned = Some(next);
    };
    for (v, m) in membership.iter_mut().enumerate() {
        *m = comm[node_to_agg[v] as usize];
    }
    (changed, quality)
}

/// State of a refined cluster during [`refine`], side by side, so that
/// looking at a neighbouring cluster is one cache miss where four separate
/// arrays took four (with each node's community and cluster also side by
/// side: on the 5M-event benchmark graph Leiden ~3.16 -> ~2.92 s, in
/// alternation; the partitions are the same).
#[derive(Clone, Copy)]
struct Cluster {
    /// Weight from the node being moved; NaN when not touched (weights are
    /// finite, see [`trivial`]).
    acc: f64,
    /// Total node weight.
    tot: f64,
    /// Weight to the rest of its community.
    ext: f64,
    /// Members.
    size: u32,
}

/// Leiden refinement: within each community of `comm`, start from
/// singletons and merge well-connected singleton nodes into well-connected
/// sub-communities. Returns the refined labels (subsets of `comm`'s
/// communities, labels in `0..n`).
fn refine(g: &Graph, comm: &[u32], k: usize, resolution: f64, rng: &mut Rng) -> Vec<u32> {
    let n = g.n();
    let scale = resolution / g.total;
    // Total weight of each community; per node, (its community, its
    // refined cluster); per cluster, at first its one node's weight to the
    // rest of its community.
    let mut comm_tot = vec![0.0f64; k];
    let mut node: Vec<(u32, u32)> = comm
        .iter()
        .enumerate()
        .map(|(v, &c)| (c, v as u32))
        .collect();
    let mut cl: Vec<Cluster> = Vec::with_capacity(n);
    for v in 0..n {
        comm_tot[comm[v] as usize] += g.node_w[v];
        let (t, x) = g.nbrs(v);
        let c = comm[v];
        let mut e = 0.0;
        for (&u, &y) in t.iter().zip(x) {
            if comm[u as usize] == c {
                e += y;
            }
        }
        cl.push(Cluster {
            acc: f64::NAN,
            tot: g.node_w[v],
            ext: e,
            size: 1,
        });
    }
    let mut touched: Vec<u32> = Vec::new();
    let mut cand: Vec<(u32, f64)> = Vec::new();
    let order = rng.order(n);
    for &v in &order {
        let v = v as usize;
        let (cv, r0) = node[v];
        let c0 = cl[r0 as usize];
        if c0.size != 1 {
            continue;
        }
        let kv = g.node_w[v];
        let s_tot = comm_tot[cv as usize];
        let ext_v = c0.ext;
        if ext_v < scale * kv * (s_tot - kv) {
            continue; // not well connected
        }
        let (t, x) = g.nbrs(v);
        for (&u, &y) in t.iter().zip(x) {
            let (cu, r) = node[u as usize];
            if cu != cv {
                continue;
            }
            let c = &mut cl[r as usize];
            if c.acc.is_nan() {
                c.acc = y;
                touched.push(r);
            } else {
                c.acc += y;
            }
        }
        // Staying alone has gain 0.
        cand.clear();
        cand.push((r0, 0.0));
        let mut max_gain = 0.0f64;
        for &r in &touched {
            if r == r0 {
                continue;
            }
            let c = cl[r as usize];
            let tr = c.tot;
            if c.ext < scale * tr * (s_tot - tr) {
                continue; // target not well connected
            }
            let gain = c.acc - scale * kv * tr;
            if gain >= 0.0 {
                cand.push((r, gain));
                if gain > max_gain {
                    max_gain = gain;
                }
            }
        }
        let mut chosen = r0;
        if cand.len() > 1 {
            let mut sum = 0.0;
            for c in cand.iter_mut() {
                let p = ((c.1 - max_gain) / LEIDEN_RANDOMNESS).exp();
                sum += p;
                c.1 = sum;
            }
            let target = rng.unit() * sum;
            chosen = cand[cand.len() - 1].0;
            for c in &cand {
                if target < c.1 {
                    chosen = c.0;
                    break;
                }
            }
        }
        if chosen != r0 {
            let c = &mut cl[chosen as usize];
            let w_vc = c.acc;
            c.ext += ext_v - 2.0 * w_vc;
            c.tot += kv;
            c.size += 1;
            let o = &mut cl[r0 as usize];
            o.tot = 0.0;
            o.ext = 0.0;
            o.size = 0;
            node[v].1 = chosen;
        }
        for &r in &touched {
            cl[r as usize].acc = f64::NAN;
        }
        touched.clear();
    }
    node.into_iter().map(|x| x.1).collect()
}

// ---------------------------------------------------------------------------
// Label propagation
// ---------------------------------------------------------------------------

/// Runs `method` with `restarts` different seeds derived from `seed` and
/// keeps the partition of highest modularity (the first one on ties).
///
/// Node-moving heuristics stop in local optima; on small graphs a few
/// restarts reliably reach the best known partition (on the seed graph one
/// Leiden run reaches NetworkX's best 0.3745 for about one seed in six).
/// Deterministic: the derived seeds depend only on `seed`.
pub fn best_of(
    g: &Csr,
    resolution: f64,
    seed: u64,
    restarts: usize,
    method: impl Fn(&Csr, f64, u64) -> Partition,
) -> Partition {
    let mut best = method(g, resolution, seed);
    let mut best_q = modularity(g, &best.membership, resolution);
    let mut state = seed;
    for _ in 1..restarts.max(1) {
        // SplitMix64 step: well-spread seeds from one.
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        let p = method(g, resolution, z);
        let q = modularity(g, &p.membership, resolution);
        if q > best_q + 1e-12 {
            best = p;
            best_q = q;
        }
    }
    best
}

/// Asynchronous weighted label propagation (Raghavan, Albert & Kumara 2007),
/// the algorithm of NetworkX's `nx.community.asyn_lpa_communities(G,
/// weight="weight", seed=…)`: every node starts with its own label; in each
/// round the nodes are visited in a fresh (seeded) random order and a node
/// whose label is not among those of maximal total link weight in its
/// neighbourhood takes one of those labels at random. Stops when a round
/// changes nothing (or after 1000 rounds). Isolated nodes keep their own
/// label.
///
/// The random streams differ from Python's, so results equal NetworkX's in
/// kind, not label for label. A directed graph is run through
/// [`Csr::to_undirected`].
pub fn label_propagation(g: &Csr, seed: u64) -> Partition {
    let g = Graph::from_csr(g);
    let n = g.n();
    let mut rng = Rng::new(seed);
    let mut label: Vec<u32> = (0..n as u32).collect();
    let mut acc = vec![0.0f64; n];
    let mut seen = vec![false; n];
    let mut touched: Vec<u32> = Vec::new();
    let mut best: Vec<u32> = Vec::new();
    let mut order: Vec<u32> = (0..n as u32).collect();
    for _ in 0..MAX_SWEEPS {
        let mut changed = false;
        rng.shuffle(&mut order);
        for &v in &order {
            let v = v as usize;
            let (t, x) = g.nbrs(v);
            if t.is_empty() {
                continue;
            }
            for (&u, &y) in t.iter().zip(x) {
                let l = label[u as usize];
                if !seen[l as usize] {
                    seen[l as usize] = true;
                    touched.push(l);
                }
                acc[l as usize] += y;
            }
            let max = touched
                .iter()
                .map(|&l| acc[l as usize])
                .fold(f64::NEG_INFINITY, f64::max);
            best.clear();
            // Touched order follows the sorted neighbour list: deterministic.
            best.extend(touched.iter().copied().filter(|&l| acc[l as usize] == max));
            for &l in &touched {
                acc[l as usize] = 0.0;
                seen[l as usize] = false;
            }
            touched.clear();
            if !best.is_empty() && !best.contains(&label[v]) {
                best.sort_unstable();
                label[v] = best[rng.below(best.len())];
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    Partition::from_labels(&label)
}

// ---------------------------------------------------------------------------
// Connected components
// ---------------------------------------------------------------------------

/// Connected components (weakly connected for a directed graph), as NetworkX's
/// `connected_components` / `weakly_connected_components`. Isolated nodes are
/// components of their own.
///
/// Union-find (petgraph's [`UnionFind`](petgraph::unionfind::UnionFind))
/// over the adjacency read in order, each link once: the adjacency is
/// streamed, and the only random access is to a few bytes per node, which
/// stay in the caches on graphs whose adjacency does not (a depth-first
/// search jumps to a new neighbour list at every step: ×10 the time for ×6
/// the links from 1M to 5M events, against ×6 for this).
pub fn connected_components(g: &Csr) -> Partition {
    let n = g.node_count();
    let mut sets = petgraph::unionfind::UnionFind::<u32>::new(n);
    for u in 0..n as u32 {
        // Undirected links are stored both ways and directed ones are all
        // out-links of some node: the links above `u` (or all out-links)
        // cover every link once.
        let nbrs = g.neighbors(u).0;
        let from = if g.is_directed() {
            0
        } else {
            nbrs.partition_point(|&v| v <= u)
        };
        for &v in &nbrs[from..] {
            sets.union(u, v);
        }
    }
    Partition::from_labels(&sets.into_labeling())
}

// ---------------------------------------------------------------------------
// Tracking through windows
// ---------------------------------------------------------------------------

/// Default Jaccard threshold for [`track`].
pub const DEFAULT_TRACK_THRESHOLD: f64 = 0.3;

/// What happened to communities between two successive windows.
#[derive(Clone, Debug, PartialEq)]
pub enum TrackEvent {
    /// A community with no predecessor over the threshold.
    Born {
        /// Its (fresh) label.
        label: u32,
    },
    /// A previous community with no successor over the threshold.
    Died {
        /// Its label.
        label: u32,
    },
    /// A one-to-one continuation: the only successor of its only predecessor.
    Continued {
        /// The inherited label.
        label: u32,
        /// Jaccard similarity with the predecessor.
        jaccard: f64,
    },
    /// A previous community with two or more successors over the threshold.
    Split {
        /// Label of the previous community.
        from: u32,
        /// Labels of its successors, in partition order.
        into: Vec<u32>,
    },
    /// A community with two or more predecessors over the threshold.
    Merged {
        /// Labels of the predecessors, in their partition order.
        from: Vec<u32>,
        /// Label of the merged community.
        into: u32,
    },
}

/// The result of tracking for one window.
#[derive(Clone, Debug, PartialEq)]
pub struct TrackStep {
    /// Stable label of each community of this window, in partition order.
    pub labels: Vec<u32>,
    /// Events since the previous window: first `Split`/`Died` for previous
    /// communities (in their order), then `Born`/`Continued`/`Merged` for the
    /// current ones (in their order). For the first window, one `Born` each.
    pub events: Vec<TrackEvent>,
}

/// Incremental state of community tracking: feed windows one at a time with
/// [`Tracked::push`]. [`track`] does this for a whole sequence.
#[derive(Clone, Debug)]
pub struct Tracked {
    threshold: f64,
    next_label: u32,
    /// Previous window: sorted, deduplicated members and label of each
    /// community.
    prev: Vec<(Vec<u64>, u32)>,
}

impl Tracked {
    /// A tracker matching communities whose Jaccard similarity is
    /// `>= threshold` (see [`DEFAULT_TRACK_THRESHOLD`]); only communities that
    /// share at least one member can match, even with a threshold `<= 0`.
    pub fn new(threshold: f64) -> Tracked {
        Tracked {
            threshold,
            next_label: 0,
            prev: Vec::new(),
        }
    }

    /// Number of labels handed out so far (labels are `0..label_count()`).
    pub fn label_count(&self) -> u32 {
        self.next_label
    }

    /// Matches the communities of the next window (lists of actor keys;
    /// duplicates are ignored) to the previous window's.
    ///
    /// A community inherits the label of its best-matching predecessor if it
    /// is that predecessor's best match too (mutual best; ties go to the
    /// earlier community), and gets a fresh label otherwise.
    pub fn push(&mut self, window: &[Vec<u64>]) -> TrackStep {
        let cur: Vec<Vec<u64>> = window
            .iter()
            .map(|c| {
                let mut c = c.clone();
                c.sort_unstable();
                c.dedup();
                c
            })
            .collect();
        // Key → previous communities containing it (sorted pairs).
        let mut index: Vec<(u64, u32)> = Vec::new();
        for (i, (members, _)) in self.prev.iter().enumerate() {
            index.extend(members.iter().map(|&k| (k, i as u32)));
        }
        index.sort_unstable();
        let np = self.prev.len();
        // Edges (i prev, j cur, jaccard) over the threshold.
        let mut edges: Vec<(usize, usize, f64)> = Vec::new();
        let mut inter = vec![0usize; np];
        let mut hit: Vec<usize> = Vec::new();
        for (j, members) in cur.iter().enumerate() {
            for &k in members {
                let lo = index.partition_point(|&(x, _)| x < k);
                for &(x, i) in &index[lo..] {
                    if x != k {
                        break;
                    }
                    if inter[i as usize] == 0 {
                        hit.push(i as usize);
                    }
                    inter[i as usize] += 1;
                }
            }
            hit.sort_unstable();
            for &i in &hit {
                let s = inter[i];
                let union = self.prev[i].0.len() + members.len() - s;
                let jac = s as f64 / union as f64;
                if jac >= self.threshold {
                    edges.push((i, j, jac));
                }
                inter[i] = 0;
            }
            hit.clear();
        }
        let nc = cur.len();
        let mut succ: Vec<Vec<(usize, f64)>> = vec![Vec::new(); np];
        let mut pred: Vec<Vec<(usize, f64)>> = vec![Vec::new(); nc];
        for &(i, j, jac) in &edges {
            succ[i].push((j, jac));
            pred[j].push((i, jac));
        }
        for s in succ.iter_mut() {
            s.sort_by_key(|&(j, _)| j);
        }
        for p in pred.iter_mut() {
            p.sort_by_key(|&(i, _)| i);
        }
        let best = |list: &[(usize, f64)]| -> Option<usize> {
            let mut b: Option<(usize, f64)> = None;
            for &(x, jac) in list {
                if b.is_none_or(|(_, bj)| jac > bj) {
                    b = Some((x, jac));
                }
            }
            b.map(|(x, _)| x)
        };
        let best_succ: Vec<Option<usize>> = succ.iter().map(|s| best(s)).collect();
        let mut labels = Vec::with_capacity(nc);
        for (j, p) in pred.iter().enumerate() {
            let inherit = best(p).filter(|&i| best_succ[i] == Some(j));
            match inherit {
                Some(i) => labels.push(self.prev[i].1),
                None => {
                    labels.push(self.next_label);
                    self.next_label += 1;
                }
            }
        }
        let mut events = Vec::new();
        for (s, (_, label)) in succ.iter().zip(&self.prev) {
            match s.len() {
                0 => events.push(TrackEvent::Died { label: *label }),
                1 => {}
                _ => events.push(TrackEvent::Split {
                    from: *label,
                    into: s.iter().map(|&(j, _)| labels[j]).collect(),
                }),
            }
        }
        for (j, p) in pred.iter().enumerate() {
            match p.len() {
                0 => events.push(TrackEvent::Born { label: labels[j] }),
                1 => {
                    let (i, jac) = p[0];
                    if succ[i].len() == 1 {
                        events.push(TrackEvent::Continued {
                            label: labels[j],
                            jaccard: jac,
                        });
                    }
                }
                _ => events.push(TrackEvent::Merged {
                    from: p.iter().map(|&(i, _)| self.prev[i].1).collect(),
                    into: labels[j],
                }),
            }
        }
        self.prev = cur.into_iter().zip(labels.iter().copied()).collect();
        TrackStep { labels, events }
    }
}

/// Tracks communities through successive windows (each window: its
/// communities as lists of global actor keys), matching them by Jaccard
/// similarity `>= threshold` (0.3 is a good default,
/// [`DEFAULT_TRACK_THRESHOLD`]). See [`Tracked::push`] for the rules.
pub fn track(windows: &[Vec<Vec<u64>>], threshold: f64) -> Vec<TrackStep> {
    let mut t = Tracked::new(threshold);
    windows.iter().map(|w| t.push(w)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::xorshift;
    use proptest::prelude::{
        prop_assert, prop_assert_eq, prop_oneof, proptest, Just, ProptestConfig, Strategy,
    };
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Fixture {
        name: String,
        directed: bool,
        n: usize,
        #[allow(dead_code)]
        names: Vec<String>,
        edges: Vec<(u32, u32, f64)>,
        louvain: NxLouvain,
        partitions: Vec<NxPartition>,
        components: Vec<Vec<u32>>,
    }

    #[derive(Deserialize)]
    struct NxLouvain {
        best_modularity: f64,
        best_seed: u64,
    }

    #[derive(Deserialize)]
    struct NxPartition {
        name: String,
        membership: Vec<u32>,
        modularity: Vec<(f64, f64)>,
    }

    macro_rules! fixture {
        ($name:literal) => {
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/data/reference/communities_",
                $name,
                ".json"
            ))
        };
    }

    fn fixtures() -> Vec<Fixture> {
        [
            fixture!("karate"),
            fixture!("karate_weighted"),
            fixture!("florentine"),
            fixture!("les_miserables"),
            fixture!("davis_women"),
            fixture!("planted_1000"),
            fixture!("lfr_1500"),
            fixture!("weighted_random_400"),
            fixture!("weighted_planted_800"),
            fixture!("directed_84"),
        ]
        .iter()
        .map(|s| serde_json::from_str(s).expect("fixture parses"))
        .collect()
    }

    fn graph(f: &Fixture) -> Csr {
        Csr::from_edges(f.n, f.directed, f.edges.iter().copied())
    }

    fn karate() -> Csr {
        let f: Fixture = serde_json::from_str(fixture!("karate")).expect("fixture parses");
        graph(&f)
    }

    fn sorted_sets(mut c: Vec<Vec<u32>>) -> Vec<Vec<u32>> {
        for x in c.iter_mut() {
            x.sort_unstable();
        }
        c.sort();
        c
    }

    /// Labels are 0..count, every community non-empty, numbered largest
    /// first (ties by smallest member), members sorted.
    fn check_partition(p: &Partition, n: usize) {
        assert_eq!(p.membership.len(), n);
        assert!(p.membership.iter().all(|&c| (c as usize) < p.count));
        let comms = p.communities();
        assert_eq!(comms.len(), p.count);
        for w in comms.windows(2) {
            assert!(!w[0].is_empty() && !w[1].is_empty());
            assert!(w[0].len() > w[1].len() || (w[0].len() == w[1].len() && w[0][0] < w[1][0]));
        }
        for (c, members) in comms.iter().enumerate() {
            assert!(members.windows(2).all(|w| w[0] < w[1]));
            assert!(members
                .iter()
                .all(|&v| p.membership[v as usize] == c as u32));
        }
    }

    /// Every community induces a connected subgraph (ignoring direction).
    fn communities_connected(g: &Csr, p: &Partition) -> bool {
        let g = g.to_undirected();
        let mut seen = vec![false; g.node_count()];
        for members in p.communities() {
            let c = p.membership[members[0] as usize];
            let mut stack = vec![members[0]];
            seen[members[0] as usize] = true;
            let mut reached = 1;
            while let Some(u) = stack.pop() {
                for &v in g.neighbors(u).0 {
                    if p.membership[v as usize] == c && !seen[v as usize] {
                        seen[v as usize] = true;
                        reached += 1;
                        stack.push(v);
                    }
                }
            }
            if reached != members.len() {
                return false;
            }
        }
        true
    }

    #[test]
    fn modularity_matches_networkx() {
        for f in fixtures() {
            let g = graph(&f);
            for p in &f.partitions {
                for &(res, q) in &p.modularity {
                    let ours = modularity(&g, &p.membership, res);
                    assert!(
                        (ours - q).abs() < 1e-9,
                        "{} {} γ={res}: ours {ours} vs networkx {q}",
                        f.name,
                        p.name
                    );
                }
            }
        }
    }

    #[test]
    fn modularity_edge_cases() {
        let empty = Csr::from_edges(0, false, []);
        assert_eq!(modularity(&empty, &[], 1.0), 0.0);
        let isolated = Csr::from_edges(3, false, []);
        assert_eq!(modularity(&isolated, &[0, 1, 2], 1.0), 0.0);
        let zero = Csr::from_edges(2, false, [(0, 1, 0.0)]);
        assert_eq!(modularity(&zero, &[0, 0], 1.0), 0.0);
        // Labels need not be dense; missing nodes count as singletons.
        let g = karate();
        let p = leiden(&g, 1.0, 0);
        let sparse: Vec<u32> = p.membership.iter().map(|&c| c * 1000 + 7).collect();
        assert!((modularity(&g, &sparse, 1.0) - modularity(&g, &p.membership, 1.0)).abs() < 1e-12);
        let mut short = p.membership.clone();
        short.truncate(30);
        let mut padded = short.clone();
        padded.extend([100, 101, 102, 103]);
        assert_eq!(modularity(&g, &short, 1.0), modularity(&g, &padded, 1.0));
    }

    #[test]
    fn components_match_networkx() {
        for f in fixtures() {
            let p = connected_components(&graph(&f));
            check_partition(&p, f.n);
            assert_eq!(
                sorted_sets(p.communities()),
                sorted_sets(f.components.clone()),
                "{}",
                f.name
            );
        }
    }

    #[test]
    fn components_of_directed_graph_are_weak() {
        let g = Csr::from_edges(5, true, [(0, 1, 1.0), (2, 1, 1.0), (3, 4, 1.0)]);
        let p = connected_components(&g);
        assert_eq!(p.communities(), vec![vec![0, 1, 2], vec![3, 4]]);
    }

    /// Depth-first search, the obvious implementation, as the oracle of the
    /// union-find one on random graphs (both directions, isolated nodes,
    /// self-loops, many small components).
    #[test]
    fn components_agree_with_depth_first_search() {
        fn dfs(g: &Csr) -> Partition {
            let n = g.node_count();
            let mut label = vec![u32::MAX; n];
            let mut next = 0;
            for s in 0..n as u32 {
                if label[s as usize] != u32::MAX {
                    continue;
                }
                label[s as usize] = next;
                let mut stack = vec![s];
                while let Some(u) = stack.pop() {
                    let ins = if g.is_directed() {
                        g.in_neighbors(u).0
                    } else {
                        &[]
                    };
                    for &v in g.neighbors(u).0.iter().chain(ins) {
                        if label[v as usize] == u32::MAX {
                            label[v as usize] = next;
                            stack.push(v);
                        }
                    }
                }
                next += 1;
            }
            Partition::from_labels(&label)
        }
        let mut rng = Rng::new(7);
        for round in 0..200 {
            let n = 1 + rng.below(60);
            let m = rng.below(2 * n);
            let directed = round % 2 == 1;
            let edges: Vec<(u32, u32, f64)> = (0..m)
                .map(|_| (rng.below(n) as u32, rng.below(n) as u32, 1.0))
                .collect();
            let g = Csr::from_edges(n, directed, edges);
            let (a, b) = (connected_components(&g), dfs(&g));
            assert_eq!(a.membership, b.membership, "round {round}");
            assert_eq!(a.count, b.count, "round {round}");
        }
    }

    #[test]
    fn karate_leiden_reaches_known_optimum() {
        let g = karate();
        let q0 = modularity(&g, &leiden(&g, 1.0, 0).membership, 1.0);
        assert!(q0 >= 0.4197, "default seed: {q0}");
        let qs: Vec<f64> = (0..20)
            .map(|s| modularity(&g, &leiden(&g, 1.0, s).membership, 1.0))
            .collect();
        let hits = qs.iter().filter(|&&q| q >= 0.4197).count();
        eprintln!("karate leiden by seed 0..20: {qs:.5?}; {hits}/20 reach 0.4197");
        let ql: Vec<f64> = (0..20)
            .map(|s| modularity(&g, &louvain(&g, 1.0, s).membership, 1.0))
            .collect();
        eprintln!("karate louvain by seed 0..20: {ql:.5?}");
        assert!(hits >= 15, "{hits}/20");
    }

    #[test]
    fn match_or_beat_networkx_best_of_20_louvain() {
        let mut failures = Vec::new();
        for f in fixtures().iter().filter(|f| !f.directed) {
            let g = graph(f);
            let best = f.louvain.best_modularity;
            let ql = modularity(&g, &louvain(&g, 1.0, 0).membership, 1.0);
            let qd = modularity(&g, &leiden(&g, 1.0, 0).membership, 1.0);
            eprintln!(
                "{:22} networkx best-of-20 {best:.6} (seed {}) | louvain {ql:.6} ({:+.6}) | leiden {qd:.6} ({:+.6})",
                f.name,
                f.louvain.best_seed,
                ql - best,
                qd - best
            );
            if qd < best - 1e-9 {
                failures.push(format!("{}: leiden {qd} < {best}", f.name));
            }
            // Known miss: on weighted karate, seed 0 lands in the 0.42662 local
            // optimum (as NetworkX's own Louvain does for 2 of its 20 seeds);
            // Leiden reaches the best there. Pin the value so it can't regress.
            let floor = if f.name == "karate_weighted" {
                0.426622 - 1e-6
            } else {
                best - 0.005
            };
            if ql < floor {
                failures.push(format!("{}: louvain {ql} < {floor}", f.name));
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }

    /// What the CLI runs by default on graphs this small (`best_of` with 50
    /// derived seeds) matches or beats NetworkX's best of 20 Louvain seeds
    /// on every test graph, for Louvain and Leiden alike.
    #[test]
    fn restarts_match_or_beat_networkx_best_of_20() {
        for f in fixtures().iter().filter(|f| !f.directed) {
            let g = graph(f);
            let best = f.louvain.best_modularity;
            for (name, q) in [
                (
                    "louvain",
                    modularity(&g, &best_of(&g, 1.0, 42, 50, louvain).membership, 1.0),
                ),
                (
                    "leiden",
                    modularity(&g, &best_of(&g, 1.0, 42, 50, leiden).membership, 1.0),
                ),
            ] {
                assert!(q >= best - 1e-9, "{} {name}: {q} < NetworkX {best}", f.name);
            }
        }
    }

    /// The modularity of a partition computed on an aggregate (each node a
    /// group of base nodes inside one community) is its modularity on the
    /// base graph, at every resolution: the weight inside the aggregate's
    /// nodes is counted although the aggregate keeps no links for it.
    #[test]
    fn quality_on_an_aggregate_is_the_base_modularity() {
        for f in fixtures().into_iter().filter(|f| !f.directed) {
            let g = graph(&f);
            let base = Graph::from_csr(&g);
            let n = base.n();
            let mut rnd = xorshift(7 + n as u64);
            // Communities: the NetworkX partitions of the fixture and random
            // ones; groups: each community cut at random into a few parts.
            let mut comms: Vec<Vec<u32>> =
                f.partitions.iter().map(|p| p.membership.clone()).collect();
            comms.push((0..n).map(|_| (rnd() % 7) as u32).collect());
            for comm in comms {
                let comm = densify(&comm);
                let k = comm.iter().max().map_or(0, |&c| c as usize + 1);
                let mut group: Vec<u32> =
                    comm.iter().map(|&c| c * 3 + (rnd() % 3) as u32).collect();
                group = densify(&group);
                let na = group.iter().max().map_or(0, |&a| a as usize + 1);
                assert!(k <= na);
                let agg = base.aggregate(&group, na);
                let mut agg_comm = vec![0u32; na];
                for (v, &a) in group.iter().enumerate() {
                    agg_comm[a as usize] = comm[v];
                }
                for gamma in [0.5, 1.0, 2.0] {
                    let want = modularity(&g, &comm, gamma);
                    let got = agg.quality(&agg_comm, gamma);
                    assert!((got - want).abs() < 1e-9, "{}: {got} vs {want}", f.name);
                    assert!((base.quality(&comm, gamma) - want).abs() < 1e-9);
                }
            }
        }
    }

    #[test]
    fn leiden_options() {
        for f in fixtures().iter().filter(|f| !f.directed) {
            let g = graph(f);
            let base = Graph::from_csr(&g);
            let p = leiden(&g, 1.0, 0);
            for gamma in [0.5, 1.0, 2.0] {
                let q = modularity(&g, &p.membership, gamma);
                assert!((base.quality(&p.membership, gamma) - q).abs() < 1e-9);
            }
            let exact = LeidenOptions {
                tolerance: 0.0,
                ..LeidenOptions::new(1.0, 0)
            };
            let full = leiden_with(&g, &exact);
            let one = leiden_with(
                &g,
                &LeidenOptions {
                    max_iterations: 1,
                    ..exact.clone()
                },
            );
            let q_full = modularity(&g, &full.membership, 1.0);
            let q_one = modularity(&g, &one.membership, 1.0);
            let q_default = modularity(&g, &p.membership, 1.0);
            assert!(q_full >= q_one - 1e-12, "{}", f.name);
            assert!(q_full >= q_default - 1e-12, "{}", f.name);
            assert!(communities_connected(&g, &one) && communities_connected(&g, &full));
        }
    }

    #[test]
    fn louvain_over_seeds_on_weighted_karate() {
        let f: Fixture = serde_json::from_str(fixture!("karate_weighted")).expect("parses");
        let g = graph(&f);
        let best = f.louvain.best_modularity;
        let qs: Vec<f64> = (0..20)
            .map(|s| modularity(&g, &louvain(&g, 1.0, s).membership, 1.0))
            .collect();
        let hits = qs.iter().filter(|&&q| q >= best - 1e-9).count();
        eprintln!("karate_weighted louvain by seed: {qs:.5?}; {hits}/20 reach {best:.5}");
        assert!(hits >= 8, "{hits}/20");
    }

    #[test]
    fn algorithms_give_valid_partitions_on_fixtures() {
        for f in fixtures() {
            let g = graph(&f);
            for (name, p) in [
                ("louvain", louvain(&g, 1.0, 3)),
                ("leiden", leiden(&g, 1.0, 3)),
                ("leiden γ=0.5", leiden(&g, 0.5, 3)),
                ("leiden γ=2", leiden(&g, 2.0, 3)),
                ("lpa", label_propagation(&g, 3)),
            ] {
                check_partition(&p, f.n);
                assert!(
                    communities_connected(&g, &p),
                    "{} {name}: disconnected community",
                    f.name
                );
            }
        }
    }

    #[test]
    fn resolution_changes_granularity() {
        let f: Fixture = serde_json::from_str(fixture!("les_miserables")).expect("parses");
        let g = graph(&f);
        let coarse = leiden(&g, 0.5, 0).count;
        let normal = leiden(&g, 1.0, 0).count;
        let fine = leiden(&g, 2.0, 0).count;
        assert!(
            coarse <= normal && normal <= fine,
            "{coarse} {normal} {fine}"
        );
        // Each optimiser's own resolution is the one it maximises best.
        let q05 = modularity(&g, &leiden(&g, 0.5, 0).membership, 0.5);
        let q2_at_05 = modularity(&g, &leiden(&g, 2.0, 0).membership, 0.5);
        assert!(q05 >= q2_at_05);
    }

    #[test]
    fn reproducible_and_independent_of_input_order() {
        let f: Fixture = serde_json::from_str(fixture!("lfr_1500")).expect("parses");
        let g = graph(&f);
        let mut edges = f.edges.clone();
        let mut rng = Rng::new(99);
        rng.shuffle(&mut edges);
        let flipped = edges.iter().map(|&(u, v, w)| (v, u, w));
        let g2 = Csr::from_edges(f.n, false, flipped);
        assert_eq!(g, g2);
        for seed in [0, 1, 12345] {
            assert_eq!(louvain(&g, 1.0, seed), louvain(&g, 1.0, seed));
            assert_eq!(louvain(&g, 1.0, seed), louvain(&g2, 1.0, seed));
            assert_eq!(leiden(&g, 1.0, seed), leiden(&g, 1.0, seed));
            assert_eq!(leiden(&g, 1.0, seed), leiden(&g2, 1.0, seed));
            assert_eq!(label_propagation(&g, seed), label_propagation(&g2, seed));
        }
    }

    /// The block order of big graphs is a permutation made of whole blocks,
    /// each shuffled, in a seeded random order; small graphs get a plain
    /// shuffle.
    #[test]
    fn block_order_is_a_seeded_permutation_of_shuffled_blocks() {
        let n = BLOCK_ORDER_NODES + 77;
        let a = Rng::new(1).order(n);
        assert_eq!(a, Rng::new(1).order(n));
        assert_ne!(a, Rng::new(2).order(n));
        let mut sorted = a.clone();
        sorted.sort_unstable();
        assert!(sorted.iter().enumerate().all(|(i, &v)| v as usize == i));
        let mut starts = Vec::new();
        let mut i = 0;
        while i < n {
            let block = a[i] as usize / ORDER_BLOCK;
            let len = ORDER_BLOCK.min(n - block * ORDER_BLOCK);
            assert!(a[i..i + len]
                .iter()
                .all(|&v| v as usize / ORDER_BLOCK == block));
            // Shuffled within: not in id order (a 32-node block left in
            // order by chance has probability 1/32!).
            if len == ORDER_BLOCK {
                assert!(a[i..i + len].windows(2).any(|w| w[0] > w[1]));
            }
            starts.push(block);
            i += len;
        }
        assert!(starts.windows(2).any(|w| w[0] > w[1]), "blocks shuffled");
        let small = Rng::new(1).order(1000);
        let blocky = small.chunks(ORDER_BLOCK).all(|c| {
            c.iter()
                .all(|&v| v as usize / ORDER_BLOCK == c[0] as usize / ORDER_BLOCK)
        });
        assert!(!blocky, "small graphs are shuffled uniformly");
    }

    /// On a planted partition big enough for the block order (64,000 nodes
    /// in 640 groups, 90% of links inside), Louvain and Leiden find the
    /// planted groups' modularity or better, with connected communities.
    #[test]
    fn block_order_finds_planted_groups() {
        let (n, size) = (64_000u32, 100u32);
        let mut rnd = xorshift(4242);
        let mut links = Vec::new();
        for u in 0..n {
            for _ in 0..4 {
                let v = if rnd().is_multiple_of(10) {
                    (rnd() % n as u64) as u32
                } else {
                    u / size * size + (rnd() % size as u64) as u32
                };
                links.push((u, v, 1.0 + (rnd() % 3) as f64));
            }
        }
        let g = Csr::from_edges(n as usize, false, links);
        let planted: Vec<u32> = (0..n).map(|u| u / size).collect();
        let q_planted = modularity(&g, &planted, 1.0);
        assert!(q_planted > 0.8, "{q_planted}");
        for (name, p) in [
            ("louvain", louvain(&g, 1.0, 42)),
            ("leiden", leiden(&g, 1.0, 42)),
        ] {
            check_partition(&p, n as usize);
            let q = modularity(&g, &p.membership, 1.0);
            assert!(q >= q_planted - 1e-9, "{name}: {q} < planted {q_planted}");
            assert!(communities_connected(&g, &p), "{name}");
        }
    }

    /// The two-thread aggregate equals one pass over every community, and
    /// keeps the total weight: same rows, weights and node weights.
    #[test]
    fn parallel_aggregate_equals_one_pass() {
        let n = PARALLEL_AGGREGATE as u32 + 777;
        let mut rnd = xorshift(99);
        let links: Vec<(u32, u32, f64)> = (0..4 * n)
            .map(|i| {
                let u = i % n;
                let v = (rnd() % n as u64) as u32;
                (u, v, 1.0 + (rnd() % 4) as f64)
            })
            .collect();
        let csr = Csr::from_edges(n as usize, false, links);
        let g = Graph::from_csr(&csr);
        // Uneven communities: many small, a few big, labels scattered.
        let mut comm: Vec<u32> = (0..n).map(|_| (rnd() % 5000) as u32).collect();
        for c in comm.iter_mut().take(20_000) {
            *c %= 3;
        }
        let k = renumber(&mut comm, &mut Vec::new());
        let agg = g.aggregate(&comm, k);
        let mut members: Vec<Vec<u32>> = vec![Vec::new(); k];
        for (v, &c) in comm.iter().enumerate() {
            members[c as usize].push(v as u32);
        }
        let (off, tgt, w) = g.rows_of(&comm, k, members.iter().map(Vec::as_slice));
        assert_eq!(&agg.off[..], &off[..]);
        assert_eq!(&agg.tgt[..], &tgt[..]);
        assert_eq!(&agg.w[..], &w[..]);
        let inside: f64 = (0..n as usize)
            .map(|v| {
                let (t, x) = g.nbrs(v);
                t.iter()
                    .zip(x)
                    .filter(|(&u, _)| comm[u as usize] == comm[v])
                    .map(|(_, &y)| y)
                    .sum::<f64>()
            })
            .sum();
        let between: f64 = agg.w.iter().sum();
        assert!((inside + between - g.total).abs() < 1e-6 * g.total);
        assert!((agg.node_w.iter().sum::<f64>() - g.total).abs() < 1e-6 * g.total);
    }

    #[test]
    fn prng_is_fixed() {
        // Pin the stream so a change in the generator is noticed: results
        // must be identical on every machine and every version.
        let mut r = Rng::new(0);
        let first: Vec<u64> = (0..3).map(|_| r.next_u64()).collect();
        let mut r2 = Rng::new(0);
        assert_eq!(first, (0..3).map(|_| r2.next_u64()).collect::<Vec<_>>());
        assert_eq!(first[0], 0x99EC_5F36_CB75_F2B4);
        let mut r = Rng::new(7);
        for n in 1..50 {
            assert!(r.below(n) < n);
            let x = r.unit();
            assert!((0.0..1.0).contains(&x));
        }
    }

    #[test]
    fn degenerate_graphs_do_not_panic() {
        for g in [
            Csr::from_edges(0, false, []),
            Csr::from_edges(1, false, []),
            Csr::from_edges(4, false, []),
            Csr::from_edges(3, false, [(0, 1, 0.0), (1, 2, 0.0)]),
            Csr::from_edges(3, true, []),
        ] {
            let n = g.node_count();
            for p in [
                louvain(&g, 1.0, 0),
                leiden(&g, 1.0, 0),
                label_propagation(&g, 0),
                connected_components(&g),
            ] {
                check_partition(&p, n);
            }
            assert_eq!(louvain(&g, 1.0, 0), Partition::singletons(n));
            assert_eq!(leiden(&g, 1.0, 0), Partition::singletons(n));
        }
        // Isolated nodes beside a real graph stay alone.
        let g = Csr::from_edges(6, false, [(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0)]);
        for p in [
            louvain(&g, 1.0, 0),
            leiden(&g, 1.0, 0),
            label_propagation(&g, 0),
        ] {
            assert_eq!(
                p.communities(),
                vec![vec![0, 1, 2], vec![3], vec![4], vec![5]]
            );
        }
        // Odd resolutions and weights: no panic.
        let g = Csr::from_edges(4, false, [(0, 1, 1.0), (2, 3, f64::NAN), (1, 2, -1.0)]);
        for gamma in [0.0, -1.0, 1e9, f64::NAN, f64::INFINITY] {
            check_partition(&louvain(&g, gamma, 0), 4);
            check_partition(&leiden(&g, gamma, 0), 4);
        }
        check_partition(&label_propagation(&g, 0), 4);
    }

    #[test]
    fn directed_input_runs_on_undirected_version() {
        let f: Fixture = serde_json::from_str(fixture!("directed_84")).expect("parses");
        let g = graph(&f);
        let u = g.to_undirected();
        assert_eq!(leiden(&g, 1.0, 5), leiden(&u, 1.0, 5));
        assert_eq!(louvain(&g, 1.0, 5), louvain(&u, 1.0, 5));
        assert_eq!(label_propagation(&g, 5), label_propagation(&u, 5));
    }

    #[test]
    fn label_propagation_finds_obvious_groups() {
        // Two 5-cliques joined by one link.
        let mut e = Vec::new();
        for base in [0u32, 5] {
            for a in 0..5 {
                for b in a + 1..5 {
                    e.push((base + a, base + b, 1.0));
                }
            }
        }
        e.push((4, 5, 1.0));
        let g = Csr::from_edges(10, false, e);
        for seed in 0..10 {
            let p = label_propagation(&g, seed);
            assert_eq!(
                p.communities(),
                vec![(0..5).collect::<Vec<_>>(), (5..10).collect()]
            );
            assert_eq!(leiden(&g, 1.0, seed), p);
            assert_eq!(louvain(&g, 1.0, seed), p);
        }
        let k = karate();
        let p = label_propagation(&k, 0);
        check_partition(&p, 34);
        assert!(modularity(&k, &p.membership, 1.0) > 0.0);
    }

    #[test]
    fn partition_canonical_numbering() {
        let p = Partition::from_labels(&[9, 4, 4, 9, 2, 7, 7]);
        assert_eq!(p.count, 4);
        // Sizes: {0,3}=2, {1,2}=2, {4}=1, {5,6}=2 → order {0,3}, {1,2}, {5,6}, {4}.
        assert_eq!(p.membership, vec![0, 1, 1, 0, 3, 2, 2]);
        assert_eq!(
            p.communities(),
            vec![vec![0, 3], vec![1, 2], vec![5, 6], vec![4]]
        );
        assert_eq!(Partition::from_labels(&[]).count, 0);
    }

    fn small_graph() -> impl Strategy<Value = Csr> {
        (1usize..25).prop_flat_map(|n| {
            let edge = (0..n as u32, 0..n as u32, 1u32..5);
            proptest::collection::vec(edge, 0..60).prop_map(move |es| {
                Csr::from_edges(n, false, es.into_iter().map(|(u, v, w)| (u, v, w as f64)))
            })
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn optimisers_give_valid_connected_improving_partitions(
            g in small_graph(), seed in 0u64..1000, gamma in prop_oneof![Just(1.0), 0.1f64..3.0]
        ) {
            let n = g.node_count();
            let single = modularity(&g, &Partition::singletons(n).membership, gamma);
            let ld = leiden(&g, gamma, seed);
            check_partition(&ld, n);
            prop_assert!(communities_connected(&g, &ld));
            let q = modularity(&g, &ld.membership, gamma);
            prop_assert!(q.is_finite());
            prop_assert!(q >= single - 1e-9, "leiden {} < singletons {}", q, single);
            prop_assert_eq!(&ld, &leiden(&g, gamma, seed));
            let lv = louvain(&g, gamma, seed);
            check_partition(&lv, n);
            prop_assert!(modularity(&g, &lv.membership, gamma) >= single - 1e-9);
            let lp = label_propagation(&g, seed);
            check_partition(&lp, n);
            let cc = connected_components(&g);
            check_partition(&cc, n);
            // Communities of the optimisers never span components.
            for p in [&ld, &lv, &lp] {
                for u in 0..n {
                    for v in 0..n {
                        if p.membership[u] == p.membership[v] {
                            prop_assert_eq!(cc.membership[u], cc.membership[v]);
                        }
                    }
                }
            }
        }

        #[test]
        fn modularity_is_label_invariant(g in small_graph(), perm_seed in 0u64..100) {
            let n = g.node_count();
            let p = louvain(&g, 1.0, perm_seed);
            let mut relabel: Vec<u32> = (0..n as u32).collect();
            Rng::new(perm_seed).shuffle(&mut relabel);
            let shuffled: Vec<u32> = p.membership.iter().map(|&c| relabel[c as usize]).collect();
            let a = modularity(&g, &p.membership, 1.0);
            let b = modularity(&g, &shuffled, 1.0);
            prop_assert!((a - b).abs() < 1e-12);
            prop_assert_eq!(Partition::from_labels(&shuffled), p);
        }
    }

    // --- tracking ---------------------------------------------------------

    fn w(c: &[&[u64]]) -> Vec<Vec<u64>> {
        c.iter().map(|x| x.to_vec()).collect()
    }

    #[test]
    fn track_stable_communities_keep_labels() {
        let a: &[u64] = &[1, 2, 3, 4];
        let b: &[u64] = &[10, 11, 12];
        let steps = track(&[w(&[a, b]), w(&[b, a]), w(&[&[1, 2, 3, 5], b])], 0.3);
        assert_eq!(steps[0].labels, vec![0, 1]);
        assert_eq!(
            steps[0].events,
            vec![TrackEvent::Born { label: 0 }, TrackEvent::Born { label: 1 }]
        );
        assert_eq!(steps[1].labels, vec![1, 0]);
        assert_eq!(
            steps[1].events,
            vec![
                TrackEvent::Continued {
                    label: 1,
                    jaccard: 1.0
                },
                TrackEvent::Continued {
                    label: 0,
                    jaccard: 1.0
                }
            ]
        );
        assert_eq!(steps[2].labels, vec![0, 1]);
        assert_eq!(
            steps[2].events,
            vec![
                TrackEvent::Continued {
                    label: 0,
                    jaccard: 0.6
                },
                TrackEvent::Continued {
                    label: 1,
                    jaccard: 1.0
                }
            ]
        );
    }

    #[test]
    fn track_split() {
        let whole: &[u64] = &[1, 2, 3, 4, 5, 6, 7, 8];
        let steps = track(&[w(&[whole]), w(&[&[1, 2, 3], &[4, 5, 6, 7, 8]])], 0.3);
        // The larger half is the mutual best match and keeps the label.
        assert_eq!(steps[1].labels, vec![1, 0]);
        assert_eq!(
            steps[1].events,
            vec![TrackEvent::Split {
                from: 0,
                into: vec![1, 0]
            }]
        );
    }

    #[test]
    fn track_merge() {
        let steps = track(
            &[
                w(&[&[1, 2, 3], &[4, 5, 6, 7], &[20, 21]]),
                w(&[&[20, 21], &[1, 2, 3, 4, 5, 6, 7]]),
            ],
            0.3,
        );
        assert_eq!(steps[1].labels, vec![2, 1]);
        assert_eq!(
            steps[1].events,
            vec![
                TrackEvent::Continued {
                    label: 2,
                    jaccard: 1.0
                },
                TrackEvent::Merged {
                    from: vec![0, 1],
                    into: 1
                }
            ]
        );
    }

    #[test]
    fn track_birth_and_death() {
        let steps = track(
            &[
                w(&[&[1, 2, 3], &[4, 5, 6]]),
                w(&[&[1, 2, 3], &[7, 8, 9]]),
                w(&[]),
                w(&[&[1, 2, 3]]),
            ],
            0.3,
        );
        assert_eq!(steps[1].labels, vec![0, 2]);
        assert_eq!(
            steps[1].events,
            vec![
                TrackEvent::Died { label: 1 },
                TrackEvent::Continued {
                    label: 0,
                    jaccard: 1.0
                },
                TrackEvent::Born { label: 2 }
            ]
        );
        assert_eq!(
            steps[2].events,
            vec![TrackEvent::Died { label: 0 }, TrackEvent::Died { label: 2 }]
        );
        // A community that comes back after a gap is a new one.
        assert_eq!(steps[3].labels, vec![3]);
        assert_eq!(steps[3].events, vec![TrackEvent::Born { label: 3 }]);
    }

    #[test]
    fn track_threshold_and_non_mutual_match() {
        // Overlap below the threshold: death + birth, not continuation.
        let steps = track(&[w(&[&[1, 2, 3, 4]]), w(&[&[4, 5, 6, 7]])], 0.3);
        assert_eq!(
            steps[1].events,
            vec![TrackEvent::Died { label: 0 }, TrackEvent::Born { label: 1 }]
        );
        // Same pair with a lower threshold continues (J = 1/7).
        let steps = track(&[w(&[&[1, 2, 3, 4]]), w(&[&[4, 5, 6, 7]])], 0.1);
        assert_eq!(steps[1].labels, vec![0]);
        // Duplicated keys are ignored; empty windows and communities are fine.
        let steps = track(&[w(&[&[1, 1, 2], &[]]), w(&[&[2, 1]])], 0.3);
        assert_eq!(steps[1].labels, vec![0]);
        assert_eq!(track(&[], 0.3), vec![]);
        // Incremental use matches the batch function.
        let windows = [
            w(&[&[1, 2], &[3, 4]]),
            w(&[&[1, 2, 3, 4]]),
            w(&[&[1], &[2, 3, 4]]),
        ];
        let mut t = Tracked::new(DEFAULT_TRACK_THRESHOLD);
        let inc: Vec<TrackStep> = windows.iter().map(|x| t.push(x)).collect();
        assert_eq!(inc, track(&windows, DEFAULT_TRACK_THRESHOLD));
        assert_eq!(t.label_count(), 3);
    }
}
