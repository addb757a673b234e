//! How the in-process steps' times grow between two sizes, with the two
//! sizes interleaved run by run in one process.
//!
//! ```text
//! cargo build --release --examples
//! target/release/examples/growth_steps SMALL_DIR LARGE_DIR [--rounds N] [--steps a,b]
//! ```
//!
//! `benches/growth.py` alternates whole processes, one per size, each
//! running every step a few times: the two sizes of a step are then timed
//! tens of seconds apart, and on a small shared machine a step's speed moves
//! by ×1.3–×1.5 within minutes. Here both stores are loaded once, and every
//! run of a step on one size is followed (or preceded, every other round) by
//! its run on the other, so both see the same minute. Steps: `load` (the
//! store read again), `paths100`, `components`, `louvain`, `leiden`,
//! `pagerank`, `betweenness_k64`, as in `examples/bench_steps.rs`, on the
//! fixed queries that `benches/compare.sh` wrote into each folder. Prints
//! each step's medians and growth against n log n, with n the events and,
//! for the steps on the actor graph, its nodes + links.

use std::path::{Path, PathBuf};
use std::time::Instant;

use polgraph::algo::csr::Csr;
use polgraph::algo::{centrality, communities, paths};
use polgraph::query::Projection;
use polgraph::store;

/// The allocator of the `polgraph` binary, as in `bench_steps`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod common;
use common::{fixed_queries, median, occurred, Res};

const STEPS: [&str; 7] = [
    "load",
    "paths100",
    "components",
    "louvain",
    "leiden",
    "pagerank",
    "betweenness_k64",
];

/// One size: its store, projections and fixed queries.
struct Size {
    store: PathBuf,
    events: usize,
    und: Csr,
    dir: Csr,
    pairs: Vec<(u32, u32)>,
    sources: Vec<u32>,
}

fn load(dir: &Path) -> Res<Size> {
    let store = dir.join("polgraph.json");
    let g = store::load_graph(&store)?;
    let und = Projection::new(&g, &occurred(), false);
    let dir_p = Projection::new(&g, &occurred(), true);
    let common::FixedQueries { pairs, sources } = fixed_queries(dir, &g, &und)?;
    Ok(Size {
        store,
        events: g.edge_count(),
        und: und.csr,
        dir: dir_p.csr,
        pairs,
        sources,
    })
}

/// Runs `step` once on `s`; returns its seconds.
fn run(step: &str, s: &Size) -> Res<f64> {
    let t = Instant::now();
    match step {
        "load" => drop(std::hint::black_box(store::load_graph(&s.store)?)),
        "paths100" => drop(std::hint::black_box(paths::shortest_paths_many(
            &s.und, &s.pairs,
        ))),
        "components" => drop(std::hint::black_box(communities::connected_components(
            &s.und,
        ))),
        "louvain" => drop(std::hint::black_box(communities::louvain(&s.und, 1.0, 42))),
        "leiden" => drop(std::hint::black_box(communities::leiden(&s.und, 1.0, 42))),
        "pagerank" => drop(std::hint::black_box(centrality::pagerank(
            &s.dir, 0.85, 100, 1e-6,
        )?)),
        "betweenness_k64" => drop(std::hint::black_box(centrality::betweenness_sampled(
            &s.und, &s.sources, true,
        ))),
        other => return Err(format!("unknown step {other:?}; steps: {}", STEPS.join(",")).into()),
    }
    Ok(t.elapsed().as_secs_f64())
}

fn nlogn(n1: f64, n2: f64) -> f64 {
    n2 * n2.ln() / (n1 * n1.ln())
}

fn main() -> Res<()> {
    // As the command line does.
    polgraph::pages::small_pages();
    let mut args = std::env::args().skip(1);
    let mut dirs = Vec::new();
    let mut rounds = 7;
    let mut steps: Vec<String> = STEPS.iter().map(|s| s.to_string()).collect();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--rounds" => rounds = args.next().ok_or("--rounds N")?.parse()?,
            "--steps" => {
                steps = args
                    .next()
                    .ok_or("--steps a,b")?
                    .split(',')
                    .map(str::to_owned)
                    .collect()
            }
            _ => dirs.push(PathBuf::from(a)),
        }
    }
    let [small, large] = <[PathBuf; 2]>::try_from(dirs)
        .map_err(|_| "usage: growth_steps SMALL_DIR LARGE_DIR [--rounds N] [--steps a,b]")?;
    let sizes = [load(&small)?, load(&large)?];
    let mut times = vec![[Vec::new(), Vec::new()]; steps.len()];
    for r in 0..rounds {
        for (k, step) in steps.iter().enumerate() {
            for z in [r % 2, 1 - r % 2] {
                times[k][z].push(run(step, &sizes[z])?);
            }
        }
        eprintln!("round {}/{rounds} done", r + 1);
    }
    let graph = |s: &Size| (s.und.node_count() + s.und.link_count()) as f64;
    let by_events = nlogn(sizes[0].events as f64, sizes[1].events as f64);
    let by_graph = nlogn(graph(&sizes[0]), graph(&sizes[1]));
    println!(
        "Growth from {} to {} events (n log n ×{by_events:.2}) and from {} to {} nodes + links \
         (n log n ×{by_graph:.2}); {rounds} rounds, the two sizes of each step run one after \
         the other in one process, the order swapped every round; medians.",
        sizes[0].events,
        sizes[1].events,
        graph(&sizes[0]),
        graph(&sizes[1])
    );
    println!();
    println!("| step | small s | large s | growth | ≤ n log n, n = events | ≤ n log n, n = nodes + links |");
    println!("|---|---|---|---|---|---|");
    let mark = |ok: bool| if ok { "✓" } else { "✗" };
    for (k, step) in steps.iter().enumerate() {
        let (a, b) = (median(&times[k][0]), median(&times[k][1]));
        let g = b / a;
        let on_graph = if step == "load" {
            String::new()
        } else {
            mark(g <= by_graph).to_owned()
        };
        println!(
            "| {step} | {a:.3} | {b:.3} | ×{g:.2} | {} | {on_graph} |",
            mark(g <= by_events)
        );
    }
    Ok(())
}
