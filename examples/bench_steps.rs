//! polgraph's side of the peer benchmark (`benches/compare.sh`): runs the
//! same steps as `../shared/bench/peers.py` on the same data and prints one
//! JSON object of the same shape, so both land in one table.
//!
//! ```text
//! cargo build --release --examples --bins
//! target/release/examples/bench_steps DIR [--out r.json] [--polgraph BIN] [--steps a,b] [--exact] [--repeat N]
//! ```
//!
//! `DIR` holds `actors.csv` and `events.csv` (from `gen_events.py`) and the
//! fixed queries `pairs100.csv` and `bc_sources64.csv` written by `peers.py`
//! (run a peer first). Steps:
//!
//! * `import`: `polgraph import` of the CSV files into a fresh store
//!   (`DIR/polgraph.json`), whole process, wall time;
//! * `load`: loading that store in this process (read, parse, validate,
//!   index), then the projections the analyses run on;
//! * `paths100`, `components`, `louvain`, `leiden` (one run each, seed 42 as
//!   the CLI), `pagerank` (NetworkX's stopping rule, and a converged run),
//!   `betweenness_k64` (from the 64 fixed sources), `betweenness_exact`
//!   (only with `--exact`);
//! * `dot`: the DOT of the whole graph rendered in process (as the peers'
//!   writers are timed), with `polgraph dot`'s whole-process time beside it;
//! * `cli_communities`: `polgraph communities --restarts 1` on the store,
//!   whole process ("load + Leiden + print").
//!
//! `--repeat N` runs every in-process step at least N times, the load and
//! `cli_communities` N times, and records each one's median beside its first
//! run (`seconds_median`); the import stays one run.
//!
//! The graph is the one the peers build: nodes are the actors, the
//! undirected projection has one link per actor pair weighted by the number
//! of events (paths, components, communities, betweenness), the directed one
//! one link per ordered pair (PageRank over the multigraph).

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use polgraph::algo::csr::Csr;
use polgraph::algo::{centrality, communities, paths};
use polgraph::query::Projection;
use polgraph::{store, Graph};
use serde_json::{json, Map, Value};

/// The allocator of the `polgraph` binary, so that in-process timings and
/// memory are the command line's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Fast steps are repeated (like peers.py) to separate first-call costs.
const REPEAT_BELOW_S: f64 = 1.0;
const REPEATS: usize = 5;

mod common;
use common::{fixed_queries, median, occurred, read_csv_rows, Res};

struct Opts {
    dir: PathBuf,
    out: Option<PathBuf>,
    bin: PathBuf,
    steps: Vec<String>,
    exact: bool,
    /// `--repeat N`: every in-process step runs at least N times, and its
    /// median is recorded (for growth figures that one noisy run cannot skew).
    repeat: usize,
}

fn parse_args() -> Res<Opts> {
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    let mut out = None;
    let mut bin = None;
    let mut steps = Vec::new();
    let mut exact = false;
    let mut repeat = 1;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" => out = args.next().map(PathBuf::from),
            "--polgraph" => bin = args.next().map(PathBuf::from),
            "--steps" => {
                steps = args
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            }
            "--exact" => exact = true,
            "--repeat" => {
                repeat = args
                    .next()
                    .and_then(|x| x.parse().ok())
                    .filter(|&n| n >= 1)
                    .ok_or("--repeat needs a whole number of runs, at least 1")?;
            }
            "-h" | "--help" => {
                eprintln!(
                    "usage: bench_steps DIR [--out FILE] [--polgraph BIN] [--steps a,b] [--exact] [--repeat N]"
                );
                std::process::exit(0);
            }
            _ if dir.is_none() => dir = Some(PathBuf::from(a)),
            _ => return Err(format!("unexpected argument {a:?}").into()),
        }
    }
    let dir = dir.ok_or("usage: bench_steps DIR [--out FILE] [--polgraph BIN]")?;
    let bin = match bin {
        Some(b) => b,
        None => {
            // target/release/examples/bench_steps → target/release/polgraph
            let exe = std::env::current_exe()?;
            exe.parent()
                .and_then(Path::parent)
                .map(|p| p.join("polgraph"))
                .ok_or("cannot locate the polgraph binary; pass --polgraph")?
        }
    };
    Ok(Opts {
        dir,
        out,
        bin,
        steps,
        exact,
        repeat,
    })
}

/// A field of `/proc/self/status` in MiB (`VmRSS`, `VmHWM`).
fn proc_mb(field: &str) -> f64 {
    let s = fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn round(x: f64, digits: i32) -> f64 {
    let p = 10f64.powi(digits);
    (x * p).round() / p
}

/// Runs `f`, repeating it while fast (as peers.py does); returns the first
/// run's result and the step record.
fn timed<T>(min_runs: usize, mut f: impl FnMut() -> T) -> (T, Map<String, Value>) {
    let t0 = Instant::now();
    let first = f();
    let dt = t0.elapsed().as_secs_f64();
    let mut reps = vec![dt];
    while reps.len() < min_runs
        || (dt < REPEAT_BELOW_S && reps.len() < REPEATS && reps.iter().sum::<f64>() < 2.0)
    {
        let t = Instant::now();
        std::hint::black_box(f());
        reps.push(t.elapsed().as_secs_f64());
    }
    let mut rec = Map::new();
    rec.insert("status".into(), json!("ok"));
    rec.insert("seconds".into(), json!(round(dt, 4)));
    if reps.len() > 1 {
        let best = reps.iter().copied().fold(f64::INFINITY, f64::min);
        rec.insert("seconds_best".into(), json!(round(best, 4)));
        record_runs(&mut rec, &reps);
    }
    rec.insert("rss_mb".into(), json!(round(proc_mb("VmHWM"), 1)));
    (first, rec)
}

/// Adds a repeated step's count, median and every run's seconds.
fn record_runs(rec: &mut Map<String, Value>, runs: &[f64]) {
    rec.insert("runs".into(), json!(runs.len()));
    rec.insert("seconds_median".into(), json!(round(median(runs), 4)));
    let each: Vec<f64> = runs.iter().map(|&s| round(s, 4)).collect();
    rec.insert("seconds_each".into(), json!(each));
}

/// `polgraph -q -g STORE`, the start of every command line run here.
fn polgraph(o: &Opts, store: &Path) -> Command {
    let mut c = Command::new(&o.bin);
    c.arg("-q").arg("-g").arg(store);
    c
}

/// Runs a command, wrapped in `/usr/bin/time` when present for its peak
/// RSS; returns (wall seconds, peak RSS MiB, stdout).
fn run_process(cmd: &mut Command) -> Res<(f64, Option<f64>, Vec<u8>)> {
    let gnu_time = Path::new("/usr/bin/time");
    let stats = std::env::temp_dir().join(format!("bench_steps-{}.time", std::process::id()));
    let mut c = if gnu_time.exists() {
        let mut c = Command::new(gnu_time);
        c.arg("-f").arg("%M").arg("-o").arg(&stats);
        c.arg(cmd.get_program()).args(cmd.get_args());
        c
    } else {
        let mut c = Command::new(cmd.get_program());
        c.args(cmd.get_args());
        c
    };
    let t0 = Instant::now();
    let out = c.output()?;
    let wall = t0.elapsed().as_secs_f64();
    if !out.status.success() {
        return Err(format!(
            "{:?} failed: {}",
            cmd.get_program(),
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    let rss = fs::read_to_string(&stats)
        .ok()
        .and_then(|s| s.trim().lines().last()?.trim().parse::<f64>().ok())
        .map(|kb| kb / 1024.0);
    let _ = fs::remove_file(&stats);
    Ok((wall, rss, out.stdout))
}

/// Normalised mutual information of two labellings (as peers.py's `nmi`).
fn nmi(a: &[u32], b: &[u32]) -> f64 {
    let n = a.len() as f64;
    let mut pa: HashMap<u32, f64> = HashMap::new();
    let mut pb: HashMap<u32, f64> = HashMap::new();
    let mut joint: HashMap<(u32, u32), f64> = HashMap::new();
    for (&x, &y) in a.iter().zip(b) {
        *pa.entry(x).or_default() += 1.0;
        *pb.entry(y).or_default() += 1.0;
        *joint.entry((x, y)).or_default() += 1.0;
    }
    let h = |m: &mut dyn Iterator<Item = f64>| -> f64 {
        -m.map(|c| c / n).map(|p| p * p.ln()).sum::<f64>()
    };
    let (ha, hb) = (h(&mut pa.values().copied()), h(&mut pb.values().copied()));
    let hab = h(&mut joint.values().copied());
    if ha + hb > 0.0 {
        2.0 * (ha + hb - hab) / (ha + hb)
    } else {
        1.0
    }
}

fn labels_of(values: &[String]) -> Vec<u32> {
    let mut ix: HashMap<&str, u32> = HashMap::new();
    values
        .iter()
        .map(|v| {
            let k = ix.len() as u32;
            *ix.entry(v.as_str()).or_insert(k)
        })
        .collect()
}

fn community_checks(
    rec: &mut Map<String, Value>,
    csr: &Csr,
    p: &communities::Partition,
    country: &[u32],
    bloc: &[u32],
) {
    let q = communities::modularity(csr, &p.membership, 1.0);
    let mut sizes = vec![0usize; p.count];
    for &c in &p.membership {
        sizes[c as usize] += 1;
    }
    rec.insert("modularity".into(), json!(round(q, 6)));
    rec.insert("communities".into(), json!(p.count));
    rec.insert(
        "communities_ge10".into(),
        json!(sizes.iter().filter(|&&s| s >= 10).count()),
    );
    rec.insert(
        "largest_community".into(),
        json!(sizes.iter().max().copied().unwrap_or(0)),
    );
    rec.insert(
        "nmi_country".into(),
        json!(round(nmi(&p.membership, country), 4)),
    );
    rec.insert("nmi_bloc".into(), json!(round(nmi(&p.membership, bloc), 4)));
}

fn top10(g: &Graph, proj: &Projection, scores: &[f64]) -> Vec<(String, f64)> {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    order
        .into_iter()
        .take(10)
        .map(|i| (g.actor(proj.actors[i]).id.clone(), round(scores[i], 8)))
        .collect()
}

fn main() -> Res<()> {
    // As the command line does.
    polgraph::pages::small_pages();
    let t_start = Instant::now();
    let o = parse_args()?;
    let want = |s: &str| o.steps.is_empty() || o.steps.iter().any(|x| x == s);
    let mut steps = Map::new();
    let store_path = o.dir.join("polgraph.json");

    // ---- import: CSV → saved store, whole process
    if want("import") || !store_path.exists() {
        let _ = fs::remove_file(&store_path);
        run_process(polgraph(&o, &store_path).args(["init", "--name", "bench"]))?;
        let (wall, rss, _) = run_process(
            polgraph(&o, &store_path)
                .arg("import")
                .arg("--actors")
                .arg(o.dir.join("actors.csv"))
                .arg("--events")
                .arg(o.dir.join("events.csv")),
        )?;
        eprintln!("[polgraph] import {wall:.3}");
        steps.insert(
            "import".into(),
            json!({"status": "ok", "seconds": round(wall, 4), "rss_mb": rss.map(|r| round(r, 1)),
                   "what": "polgraph import into a fresh store, whole process"}),
        );
    } else {
        steps.insert("import".into(), json!({"status": "skipped"}));
    }

    // ---- load: the saved store, in this process
    // The import process has just exited; its ~250 MB are still being handed
    // back to the system, which measurably slows the page faults of a load
    // started at once (0.9–1.1 s instead of 0.83 s). Let it settle.
    std::thread::sleep(std::time::Duration::from_secs(1));
    let rss0 = proc_mb("VmRSS");
    let t0 = Instant::now();
    let g = store::load_graph(&store_path)?;
    let load_s = t0.elapsed().as_secs_f64();
    // The file's bytes were freed at the end of the load; mimalloc gives
    // freed pages back to the system after a short delay, on later
    // allocator activity. Settle that now so "resident after load" measures
    // the graph and not the timing of the purge.
    // SAFETY: mi_collect only walks mimalloc's own heaps; any thread may call it.
    unsafe { libmimalloc_sys::mi_collect(true) };
    let rss1 = proc_mb("VmRSS");
    let load_peak = proc_mb("VmHWM");
    let t2 = Instant::now();
    let filter = occurred();
    let und = Projection::new(&g, &filter, false);
    let und_s = t2.elapsed().as_secs_f64();
    let t3 = Instant::now();
    let dir = Projection::new(&g, &filter, true);
    let dir_s = t3.elapsed().as_secs_f64();
    eprintln!("[polgraph] load {load_s:.3}");
    steps.insert(
        "load".into(),
        json!({"status": "ok", "seconds": round(load_s, 4),
               "build_weighted_s": round(und_s, 4), "build_directed_s": round(dir_s, 4),
               "rss_mb": round(load_peak, 1),
               "what": "store::load_graph (read, parse, validate, index), 1 s after the import process; projections separate"}),
    );
    let n_nodes = g.actor_count();
    let n_events = g.edge_count();

    // ---- fixed queries and ground truth
    let common::FixedQueries {
        pairs,
        sources: bc_sources,
    } = fixed_queries(&o.dir, &g, &und)?;
    let bloc_of: HashMap<String, String> = read_csv_rows(&o.dir.join("countries.csv"))
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r.len() >= 2)
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect();
    let countries: Vec<String> = und
        .actors
        .iter()
        .map(|&a| g.actor(a).country.clone().unwrap_or_else(|| "?".into()))
        .collect();
    let blocs: Vec<String> = countries
        .iter()
        .map(|c| bloc_of.get(c).cloned().unwrap_or_else(|| c.clone()))
        .collect();
    let (country_l, bloc_l) = (labels_of(&countries), labels_of(&blocs));
    let csr = &und.csr;

    // ---- analyses
    let mut put = |name: &str, rec: Map<String, Value>| {
        eprintln!(
            "[polgraph] {name} {}",
            rec.get("seconds").unwrap_or(&json!("-"))
        );
        steps.insert(name.into(), Value::Object(rec));
    };
    if want("paths100") {
        let (res, mut rec) = timed(o.repeat, || paths::shortest_paths_many(csr, &pairs));
        let lens: Vec<usize> = res.iter().flatten().map(|p| p.len() - 1).collect();
        rec.insert("reachable".into(), json!(lens.len()));
        rec.insert("sum_len".into(), json!(lens.iter().sum::<usize>()));
        rec.insert("unreachable".into(), json!(res.len() - lens.len()));
        put("paths100", rec);
    }
    if want("components") {
        let (p, mut rec) = timed(o.repeat, || communities::connected_components(csr));
        let mut sizes = vec![0usize; p.count];
        p.membership.iter().for_each(|&c| sizes[c as usize] += 1);
        rec.insert("components".into(), json!(p.count));
        rec.insert("largest".into(), json!(sizes.iter().max()));
        put("components", rec);
    }
    for (name, f) in [
        ("louvain", communities::louvain as fn(&Csr, f64, u64) -> _),
        ("leiden", communities::leiden),
    ] {
        if want(name) {
            let (p, mut rec) = timed(o.repeat, || f(csr, 1.0, 42));
            community_checks(&mut rec, csr, &p, &country_l, &bloc_l);
            put(name, rec);
        }
    }
    if want("pagerank") {
        let (pr, mut rec) = timed(o.repeat, || centrality::pagerank(&dir.csr, 0.85, 100, 1e-6));
        let pr = pr?;
        rec.insert("top10".into(), json!(top10(&g, &dir, &pr)));
        rec.insert("sum".into(), json!(round(pr.iter().sum(), 6)));
        rec.insert("tol".into(), json!(1e-6));
        // A converged run (L1 change < n·1e-12), comparable to igraph's PRPACK solve.
        let t = Instant::now();
        let conv = centrality::pagerank(&dir.csr, 0.85, 1000, 1e-12)?;
        rec.insert(
            "converged_seconds".into(),
            json!(round(t.elapsed().as_secs_f64(), 4)),
        );
        let l1: f64 = pr.iter().zip(&conv).map(|(a, b)| (a - b).abs()).sum();
        rec.insert("l1_to_converged".into(), json!(l1));
        rec.insert("converged_top10".into(), json!(top10(&g, &dir, &conv)));
        put("pagerank", rec);
    }
    if want("betweenness_k64") {
        let (bc, mut rec) = timed(o.repeat, || {
            centrality::betweenness_sampled(csr, &bc_sources, true)
        });
        let ids: Vec<String> = top10(&g, &und, &bc).into_iter().map(|x| x.0).collect();
        rec.insert("top10".into(), json!(ids));
        rec.insert("sources".into(), json!(bc_sources.len()));
        put("betweenness_k64", rec);
    }
    if o.exact && want("betweenness_exact") {
        let (bc, mut rec) = timed(o.repeat, || centrality::betweenness(csr, true));
        let ids: Vec<String> = top10(&g, &und, &bc).into_iter().map(|x| x.0).collect();
        rec.insert("top10".into(), json!(ids));
        put("betweenness_exact", rec);
    } else {
        let mut rec = Map::new();
        rec.insert("status".into(), json!("skipped"));
        put("betweenness_exact", rec);
    }
    let n_links = und.csr.link_count();
    let rss_after = proc_mb("VmRSS");
    let peak = proc_mb("VmHWM");
    drop(und);
    drop(dir);
    // DOT of the whole graph, in process like the peers' writers (the graph
    // is loaded); the whole-process figure is recorded beside it below.
    let mut dot_in_process = None;
    if want("dot") {
        let opts = polgraph::render::dot::DotOptions::default();
        let diagram = polgraph::render::dot::Diagram::whole(&g);
        let (bytes, mut rec) = timed(o.repeat, || {
            polgraph::render::dot::to_bytes(&g, &diagram, &opts).len()
        });
        rec.insert("bytes".into(), json!(bytes));
        rec.insert(
            "writer".into(),
            json!("polgraph::render::dot::to_bytes, whole graph, in process"),
        );
        dot_in_process = Some(rec);
    }
    drop(g);
    // With --repeat: the load again, now that the graph is gone (so the
    // peak memory of the run stays one graph's), for its median.
    if o.repeat > 1 {
        let mut runs = vec![load_s];
        for _ in 1..o.repeat {
            let t = Instant::now();
            let again = store::load_graph(&store_path)?;
            runs.push(t.elapsed().as_secs_f64());
            drop(again);
        }
        if let Some(Value::Object(rec)) = steps.get_mut("load") {
            record_runs(rec, &runs);
        }
    }

    // ---- whole-process steps
    if want("dot") {
        let (wall, rss, out) = run_process(polgraph(&o, &store_path).arg("dot"))?;
        let process = json!({"seconds": round(wall, 4), "rss_mb": rss.map(|r| round(r, 1)),
                   "bytes": out.len(), "writer": "polgraph dot, whole process (load + render)"});
        let mut rec = dot_in_process.take().unwrap_or_default();
        rec.insert("whole_process".into(), process);
        eprintln!(
            "[polgraph] dot {}",
            rec.get("status").unwrap_or(&json!("?"))
        );
        steps.insert("dot".into(), Value::Object(rec));
    }
    if want("cli_communities") {
        let mut runs = Vec::new();
        let mut first_rss = None;
        for i in 0..o.repeat {
            let (wall, rss, _) =
                run_process(polgraph(&o, &store_path).args(["communities", "--restarts", "1"]))?;
            if i == 0 {
                first_rss = rss;
            }
            runs.push(wall);
        }
        eprintln!("[polgraph] cli_communities {:.3}", runs[0]);
        let mut rec = json!({"status": "ok", "seconds": round(runs[0], 4),
                   "rss_mb": first_rss.map(|r| round(r, 1)),
                   "what": "polgraph communities --restarts 1, whole process (load + Leiden + print)"});
        if let (true, Some(m)) = (runs.len() > 1, rec.as_object_mut()) {
            record_runs(m, &runs);
        }
        steps.insert("cli_communities".into(), rec);
    }

    let res = json!({
        "peer": "polgraph",
        "version": env!("CARGO_PKG_VERSION"),
        "data": o.dir.display().to_string(),
        "nodes": n_nodes,
        "events": n_events,
        "undirected_edges": n_links,
        "import_s": 0.0,
        "rss_before_load_mb": round(rss0, 1),
        "rss_after_load_mb": round(rss1, 1),
        "graph_bytes_per_event": round((rss1 - rss0) * 1048576.0 / n_events.max(1) as f64, 1),
        "rss_after_projections_mb": round(rss_after, 1),
        "peak_rss_mb": round(peak, 1),
        "wall_s": round(t_start.elapsed().as_secs_f64(), 2),
        "threads": 2,
        "steps": Value::Object(steps),
    });
    let text = serde_json::to_string_pretty(&res)?;
    if let Some(out) = &o.out {
        if let Some(parent) = out.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(out, format!("{text}\n"))?;
    }
    println!("{text}");
    Ok(())
}
