//! Analysis subcommands: paths, communities, centrality, dyads, balance.

use std::io::Write;

use clap::{Args, ValueEnum};

use std::collections::HashMap;

use foldhash::fast::FixedState;

use polgraph::algo::communities::{self, Partition, TrackEvent};
use polgraph::algo::csr::Csr;
use polgraph::algo::dyad::{self, Granularity};
use polgraph::algo::{centrality, paths};
use polgraph::model::{Day, EdgeDate, Status, Window};
use polgraph::query::{EdgeFilter, Projection};
use polgraph::render::json::EdgeView;
use polgraph::render::table::Table;
use polgraph::Graph;

use super::{bad, Ctx, FilterArgs, Res};

/// `path` arguments.
#[derive(Args)]
#[command(after_help = "Examples:
  polgraph -g graphs/seoul-comfort-women-2021.json path \"Seoul Central District Court\" \"Motegi Toshimitsu\"
  polgraph -g graphs/seoul-comfort-women-2021.json path kor-gov ldp --k 3 --json
  polgraph -g graphs/seoul-comfort-women-2021.json path \"Kim Jung-han\" \"Kato Katsunobu\" --all --max-hops 4
  polgraph -g graphs/seoul-comfort-women-2021.json path \"Seoul Central District Court\" \"LDP Foreign Affairs Division\" --time-respecting --exclude-ties

Each hop lists its evidence: the edges linking the two actors, earliest first.
--time-respecting keeps only paths whose acts certainly follow one another in time
(partial dates compare by span: 2021-01 is not known to follow 2021-01-15); see the README.
No path: exit 1 (with --json, `null` is printed).")]
pub struct PathArgs {
    /// Where the path starts (id, name or alias).
    #[arg(value_name = "FROM")]
    pub start: String,
    /// Where it ends.
    #[arg(value_name = "TO")]
    pub end: String,
    /// The N shortest simple paths (Yen's algorithm).
    #[arg(long, value_name = "N", conflicts_with_all = ["all", "time_respecting"])]
    pub k: Option<usize>,
    /// Every simple path up to --max-hops, sorted by length, then by date.
    #[arg(long, conflicts_with = "time_respecting")]
    pub all: bool,
    /// Longest path --all lists.
    #[arg(long, default_value_t = 4)]
    pub max_hops: usize,
    /// Most paths --all lists.
    #[arg(long, default_value_t = 1000)]
    pub limit: usize,
    /// Only paths whose acts happen in order (earliest arrival).
    #[arg(long)]
    pub time_respecting: bool,
    /// With --time-respecting: at most this many days between successive acts.
    #[arg(long, value_name = "DAYS", requires = "time_respecting")]
    pub max_gap: Option<i64>,
    /// Follow edge direction (source → target).
    #[arg(long)]
    pub directed: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}
/// Community detection method.
#[derive(Clone, Copy, Debug, PartialEq, ValueEnum)]
pub enum Method {
    /// Leiden (Traag, Waltman & van Eck 2019), the default.
    Leiden,
    /// Louvain (Blondel et al. 2008).
    Louvain,
    /// Asynchronous weighted label propagation.
    LabelPropagation,
    /// Connected components.
    Components,
}

/// `communities` arguments.
#[derive(Args)]
#[command(
    after_help = "Examples:\n  polgraph -g graphs/seoul-comfort-women-2021.json communities\n  polgraph -g graphs/seoul-comfort-women-2021.json communities --method louvain --resolution 0.5 --seed 7 --json\n  polgraph -g big.json communities --track --every year\n\nThe same seed gives the same answer on every machine. Modularity is NetworkX's, on the\nprojection described in the README (undirected, weight = number of edges per pair)."
)]
pub struct CommunitiesArgs {
    /// Algorithm.
    #[arg(long, value_enum, default_value = "leiden")]
    pub method: Method,
    /// Resolution γ of modularity (higher: smaller communities).
    #[arg(long, default_value_t = 1.0)]
    pub resolution: f64,
    /// Random seed.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Runs with seeds derived from --seed, keeping the best modularity
    /// [default: 50 up to 5,000 links, 10 up to 50,000, else 1].
    #[arg(long, value_name = "N")]
    pub restarts: Option<usize>,
    /// Follow communities through successive windows (see --every).
    #[arg(long)]
    pub track: bool,
    /// Window length for --track.
    #[arg(long, value_enum, default_value = "year")]
    pub every: Every,
    /// Also list actors with no link in the projection.
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}
/// Centrality measure.
#[derive(Clone, Copy, Debug, PartialEq, ValueEnum)]
pub enum Measure {
    /// Degree centrality: neighbours / (n − 1).
    Degree,
    /// Weighted degree: number of edges (in + out).
    Strength,
    /// Betweenness (normalised, endpoints excluded; hops, unweighted).
    Betweenness,
    /// Closeness (Wasserman–Faust for disconnected graphs).
    Closeness,
    /// Eigenvector centrality (weighted).
    Eigenvector,
    /// PageRank (α 0.85, weighted).
    Pagerank,
}

/// `centrality` arguments.
#[derive(Args)]
#[command(after_help = "Examples:
  polgraph -g graphs/seoul-comfort-women-2021.json centrality --measure betweenness --top 5
  polgraph -g graphs/seoul-comfort-women-2021.json centrality --measure pagerank --directed --json
  polgraph -g big.json centrality --measure betweenness --samples 64 --seed 1

Values equal NetworkX's on the same projection (degree_centrality, G.degree(weight), betweenness_centrality,
closeness_centrality, eigenvector_centrality(weight), pagerank(alpha=0.85, weight)).")]
pub struct CentralityArgs {
    /// Which measure.
    #[arg(long, value_enum, default_value = "pagerank")]
    pub measure: Measure,
    /// Show the N most central actors (0: all).
    #[arg(long, default_value_t = 20)]
    pub top: usize,
    /// Approximate betweenness from K sampled source actors.
    #[arg(long, value_name = "K")]
    pub samples: Option<usize>,
    /// Seed for --samples.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Respect edge direction.
    #[arg(long)]
    pub directed: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Period length for `dyad`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Every {
    /// Calendar years.
    Year,
    /// Calendar months.
    Month,
}

/// `dyad` arguments.
#[derive(Args)]
#[command(
    after_help = "Example:\n  polgraph -g graphs/seoul-comfort-women-2021.json dyad \"Government of Japan\" \"Government of the Republic of Korea\" --every month\n\nPeriods are never finer than a date: with --every month an act dated only 2021 counts under 2021."
)]
pub struct DyadArgs {
    /// First actor.
    pub a: String,
    /// Second actor.
    pub b: String,
    /// Period length.
    #[arg(long, value_enum, default_value = "year")]
    pub every: Every,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `rivals` / `partners` arguments.
#[derive(Args)]
#[command(
    after_help = "Examples:\n  polgraph -g graphs/seoul-comfort-women-2021.json rivals --top 5\n  polgraph -g graphs/seoul-comfort-women-2021.json partners --from 2021-01 --to 2021-01"
)]
pub struct BalanceArgs {
    /// How many pairs to list.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Only pairs with at least this many events.
    #[arg(long, default_value_t = 1)]
    pub min_events: usize,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// One path with its evidence, as printed.
#[derive(serde::Serialize)]
struct PathView<'a> {
    from: &'a str,
    to: &'a str,
    length: usize,
    actors: Vec<&'a str>,
    hops: Vec<HopView<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    arrival: Option<String>,
}

#[derive(serde::Serialize)]
struct HopView<'a> {
    from: &'a str,
    to: &'a str,
    edges: Vec<EdgeView<'a>>,
}

/// The kept edges linking each projected pair (either direction unless
/// `directed`), earliest first.
fn evidence(g: &Graph, proj: &Projection, directed: bool) -> HashMap<(u32, u32), Vec<u32>> {
    let mut m: HashMap<(u32, u32), Vec<u32>> = HashMap::new();
    for &e in &proj.edges {
        let (s, t) = g.ends(e);
        let key = if directed {
            (s, t)
        } else {
            (s.min(t), s.max(t))
        };
        m.entry(key).or_default().push(e);
    }
    for v in m.values_mut() {
        v.sort_by(|&x, &y| polgraph::query::by_date(g, x, y));
    }
    m
}

fn path_view<'a>(
    g: &'a Graph,
    actors: &[u32],
    hop_edges: impl Fn(usize, u32, u32) -> Vec<u32>,
    arrival: Option<String>,
) -> PathView<'a> {
    let hops = actors
        .windows(2)
        .enumerate()
        .map(|(i, w)| HopView {
            from: &g.actor(w[0]).id,
            to: &g.actor(w[1]).id,
            edges: hop_edges(i, w[0], w[1])
                .into_iter()
                .map(|e| EdgeView::new(g, e))
                .collect(),
        })
        .collect();
    PathView {
        from: &g.actor(actors[0]).id,
        to: &g.actor(*actors.last().unwrap_or(&actors[0])).id,
        length: actors.len() - 1,
        actors: actors.iter().map(|&a| g.actor(a).id.as_str()).collect(),
        hops,
        arrival,
    }
}

fn print_path(out: &mut dyn Write, g: &Graph, p: &PathView) -> std::io::Result<()> {
    let name = |id: &str| {
        g.actor_index(id)
            .map(|i| g.actor(i).name.as_str())
            .unwrap_or(id)
            .to_owned()
    };
    let names: Vec<String> = p.actors.iter().map(|a| name(a)).collect();
    write!(
        out,
        "{} hop{}: {}",
        p.length,
        if p.length == 1 { "" } else { "s" },
        names.join(" → ")
    )?;
    match &p.arrival {
        Some(a) => writeln!(out, "   (arrives {a})")?,
        None => writeln!(out)?,
    }
    for h in &p.hops {
        writeln!(out, "  {} — {}", name(h.from), name(h.to))?;
        for e in &h.edges {
            let mut line = format!(
                "      {:<10}  {} {} {}",
                e.date.as_deref().unwrap_or("undated"),
                e.source_name,
                e.action,
                e.target_name
            );
            if e.status != Status::Occurred {
                line.push_str(&format!(" ({})", e.status));
            }
            if let Some(s) = e.summary {
                line.push_str(&format!(" — {s}"));
            }
            if !e.cites.is_empty() {
                line.push_str(&format!("  [{}]", e.cites.join(", ")));
            }
            line.push_str(&format!("  ({})", e.id));
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

/// `path FROM TO`.
pub fn path(ctx: &mut Ctx, a: PathArgs) -> Res<i32> {
    let g = ctx.load()?;
    let (from, to) = (g.resolve(&a.start)?, g.resolve(&a.end)?);
    let filter = a.filter.to_filter(&[Status::Occurred])?;
    let proj = Projection::new(&g, &filter, a.directed);
    let no_path = |ctx: &mut Ctx, why: String| -> Res<i32> {
        if a.json {
            writeln!(ctx.out, "null")?;
        }
        Err(polgraph::Error::NoResult(why).into())
    };
    let (Some(nf), Some(nt)) = (proj.node(from), proj.node(to)) else {
        return no_path(ctx, "one of the actors is excluded by --kind".into());
    };
    let ev = evidence(&g, &proj, a.directed);
    let hop_evidence = |_: usize, x: u32, y: u32| -> Vec<u32> {
        let key = if a.directed {
            (x, y)
        } else {
            (x.min(y), x.max(y))
        };
        ev.get(&key).cloned().unwrap_or_default()
    };
    let to_actors =
        |p: &[u32]| -> Vec<u32> { p.iter().map(|&n| proj.actors[n as usize]).collect() };
    let describe = || {
        format!(
            "no {}path from {} to {}{}",
            if a.time_respecting {
                "time-respecting "
            } else {
                ""
            },
            g.actor(from).name,
            g.actor(to).name,
            if filter.window.is_unbounded()
                && a.filter.action.is_empty()
                && a.filter.category.is_empty()
            {
                String::new()
            } else {
                " with these filters".into()
            }
        )
    };
    if a.time_respecting {
        let mut links = Vec::with_capacity(proj.edges.len());
        for &e in &proj.edges {
            let (s, t) = g.ends(e);
            let (Some(ns), Some(nt)) = (proj.node(s), proj.node(t)) else {
                continue;
            };
            let span = g.edge(e).date.map(|d| d.span());
            let info = g.info(e);
            if span.is_none() && !info.tie {
                continue;
            }
            links.push(paths::TemporalLink {
                from: ns,
                to: nt,
                start: span.and_then(|s| s.start).map(|d| d.0),
                end: span.and_then(|s| s.end).map(|d| d.0),
                tie: info.tie,
                edge: e,
            });
        }
        let opts = paths::TemporalOptions {
            max_gap_days: a.max_gap,
            directed: a.directed,
            depart_after: None,
        };
        let Some(tp) = paths::earliest_arrival_path(proj.csr.node_count(), &links, nf, nt, &opts)
        else {
            let why = describe();
            return no_path(ctx, why);
        };
        let actors = to_actors(&tp.actors);
        let arrival = tp.arrival.map(|d| Day(d).to_string());
        let view = path_view(&g, &actors, |i, _, _| vec![tp.edges[i]], arrival);
        if a.json {
            ctx.json(&view)?;
        } else {
            print_path(&mut ctx.out, &g, &view)?;
        }
        return Ok(0);
    }
    let found: Vec<Vec<u32>> = if let Some(k) = a.k {
        paths::k_shortest_paths(&proj.csr, nf, nt, k.max(1))
    } else if a.all {
        let (mut list, truncated) = paths::all_simple_paths(&proj.csr, nf, nt, a.max_hops, a.limit);
        if truncated {
            ctx.note(format!(
                "note: more than {} paths; showing the first {} (raise --limit)",
                a.limit, a.limit
            ));
        }
        // Within a length, the path whose hops are all evidenced earliest first.
        let when = |p: &Vec<u32>| -> Option<EdgeDate> {
            p.windows(2)
                .filter_map(|w| {
                    let (x, y) = (proj.actors[w[0] as usize], proj.actors[w[1] as usize]);
                    hop_evidence(0, x, y)
                        .iter()
                        .filter_map(|&e| g.edge(e).date)
                        .min()
                })
                .max()
        };
        list.sort_by(|p, q| {
            p.len()
                .cmp(&q.len())
                .then_with(|| match (when(p), when(q)) {
                    (Some(x), Some(y)) => x.cmp(&y),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                })
                .then_with(|| p.cmp(q))
        });
        list
    } else {
        paths::shortest_path(&proj.csr, nf, nt)
            .into_iter()
            .collect()
    };
    if found.is_empty() {
        let why = describe();
        return no_path(ctx, why);
    }
    let views: Vec<PathView> = found
        .iter()
        .map(|p| path_view(&g, &to_actors(p), hop_evidence, None))
        .collect();
    if a.json {
        if a.k.is_some() || a.all {
            ctx.json(&views)?;
        } else {
            ctx.json(&views[0])?;
        }
        return Ok(0);
    }
    for (i, v) in views.iter().enumerate() {
        if i > 0 {
            writeln!(ctx.out)?;
        }
        print_path(&mut ctx.out, &g, v)?;
    }
    Ok(0)
}
/// Restarts when `--restarts` is not given: cheap insurance against local
/// optima on small graphs, one run on big ones.
fn restarts(csr: &Csr, a: &CommunitiesArgs) -> usize {
    a.restarts
        .unwrap_or(match csr.link_count() {
            0..=5_000 => 50,
            5_001..=50_000 => 10,
            _ => 1,
        })
        .max(1)
}

/// Projections above this many links get a spinner while analysed.
const BIG_PROJECTION: usize = 100_000;

fn run_method(csr: &Csr, a: &CommunitiesArgs) -> Partition {
    let r = restarts(csr, a);
    match a.method {
        Method::Leiden => communities::best_of(csr, a.resolution, a.seed, r, communities::leiden),
        Method::Louvain => communities::best_of(csr, a.resolution, a.seed, r, communities::louvain),
        Method::LabelPropagation => {
            communities::best_of(csr, a.resolution, a.seed, r, |g, _, s| {
                communities::label_propagation(g, s)
            })
        }
        Method::Components => communities::connected_components(csr),
    }
}

fn method_name(m: Method) -> &'static str {
    match m {
        Method::Leiden => "leiden",
        Method::Louvain => "louvain",
        Method::LabelPropagation => "label-propagation",
        Method::Components => "components",
    }
}

/// One community as printed: members ordered by weighted degree.
#[derive(serde::Serialize)]
struct CommunityView {
    size: usize,
    members: Vec<String>,
    countries: Vec<(String, usize)>,
    kinds: Vec<(String, usize)>,
    internal_action: Option<(String, usize)>,
    external_action: Option<(String, usize)>,
}

/// The `n` largest counts, ties by key.
fn top_counts(m: HashMap<&str, usize>, n: usize) -> Vec<(String, usize)> {
    let mut v: Vec<(&str, usize)> = m.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    v.truncate(n);
    v.into_iter().map(|(k, c)| (k.to_string(), c)).collect()
}

/// Per community, its most frequent action among `counts` (keyed by
/// community and action number), ties by action name.
fn top_action(
    g: &Graph,
    counts: HashMap<(u32, u16), usize, FixedState>,
    communities: usize,
) -> Vec<Option<(String, usize)>> {
    let mut best: Vec<Option<(&str, usize)>> = vec![None; communities];
    for ((c, a), k) in counts {
        let name = g.action_name(a);
        let slot = &mut best[c as usize];
        if slot.is_none_or(|(b, bk)| k > bk || (k == bk && name < b)) {
            *slot = Some((name, k));
        }
    }
    best.into_iter()
        .map(|b| b.map(|(name, k)| (name.to_string(), k)))
        .collect()
}

fn describe(g: &Graph, proj: &Projection, p: &Partition) -> Vec<CommunityView> {
    let csr = &proj.csr;
    // Edge counts by (community, action number): one hash update per edge,
    // not a string per edge (1.5 s of a 5M-event `communities`).
    let mut internal: HashMap<(u32, u16), usize, FixedState> = HashMap::default();
    let mut external: HashMap<(u32, u16), usize, FixedState> = HashMap::default();
    for &e in &proj.edges {
        let (s, t) = g.ends(e);
        let (Some(ns), Some(nt)) = (proj.node(s), proj.node(t)) else {
            continue;
        };
        if ns == nt {
            continue;
        }
        let (cs, ct) = (p.membership[ns as usize], p.membership[nt as usize]);
        let action = g.action_number(e);
        if cs == ct {
            *internal.entry((cs, action)).or_default() += 1;
        } else {
            *external.entry((cs, action)).or_default() += 1;
            *external.entry((ct, action)).or_default() += 1;
        }
    }
    let internal = top_action(g, internal, p.count);
    let external = top_action(g, external, p.count);
    let strength: Vec<f64> = (0..csr.node_count() as u32)
        .map(|u| csr.strength(u))
        .collect();
    p.communities()
        .into_iter()
        .zip(internal.into_iter().zip(external))
        .map(|(mut nodes, (internal_action, external_action))| {
            nodes.sort_by(|&x, &y| {
                strength[y as usize]
                    .total_cmp(&strength[x as usize])
                    .then_with(|| {
                        g.actor(proj.actors[x as usize])
                            .id
                            .cmp(&g.actor(proj.actors[y as usize]).id)
                    })
            });
            let mut countries = HashMap::new();
            let mut kinds = HashMap::new();
            for &n in &nodes {
                let a = g.actor(proj.actors[n as usize]);
                if let Some(c) = &a.country {
                    *countries.entry(c.as_str()).or_default() += 1;
                }
                *kinds.entry(a.kind.as_str()).or_default() += 1;
            }
            CommunityView {
                size: nodes.len(),
                members: nodes
                    .iter()
                    .map(|&n| g.actor(proj.actors[n as usize]).id.clone())
                    .collect(),
                countries: top_counts(countries, 3),
                kinds: top_counts(kinds, 3),
                internal_action,
                external_action,
            }
        })
        .collect()
}

fn summary_line(c: &CommunityView) -> String {
    let join = |v: &[(String, usize)]| {
        v.iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut parts = Vec::new();
    if !c.countries.is_empty() {
        parts.push(join(&c.countries));
    }
    parts.push(join(&c.kinds));
    if let Some((a, n)) = &c.internal_action {
        parts.push(format!("inside: {a} ×{n}"));
    }
    if let Some((a, n)) = &c.external_action {
        parts.push(format!("outside: {a} ×{n}"));
    }
    parts.join("; ")
}

/// `communities`.
pub fn communities(ctx: &mut Ctx, a: CommunitiesArgs) -> Res<i32> {
    if !(a.resolution.is_finite() && a.resolution > 0.0) {
        return Err(bad(
            "--resolution",
            format!("{} is not a positive number", a.resolution),
        )
        .into());
    }
    let g = ctx.load()?;
    let filter = a.filter.to_filter(&[Status::Occurred])?;
    if a.track {
        return track(ctx, &g, &filter, &a);
    }
    let proj = Projection::new(&g, &filter, false);
    let pb = if proj.csr.link_count() > BIG_PROJECTION {
        ctx.spinner("finding communities")
    } else {
        indicatif::ProgressBar::hidden()
    };
    let p = run_method(&proj.csr, &a);
    pb.finish_and_clear();
    let q = communities::modularity(&proj.csr, &p.membership, a.resolution);
    let views = describe(&g, &proj, &p);
    if a.json {
        #[derive(serde::Serialize)]
        struct Out<'a> {
            method: &'static str,
            resolution: f64,
            seed: u64,
            restarts: usize,
            modularity: f64,
            communities: Vec<&'a [String]>,
            summaries: &'a [CommunityView],
        }
        ctx.json(&Out {
            method: method_name(a.method),
            resolution: a.resolution,
            seed: a.seed,
            restarts: restarts(&proj.csr, &a),
            modularity: q,
            communities: views.iter().map(|v| v.members.as_slice()).collect(),
            summaries: &views,
        })?;
        return Ok(0);
    }
    let linked = |v: &CommunityView| {
        v.size > 1
            || proj.csr.degree(
                proj.node(g.actor_index(&v.members[0]).unwrap_or(0))
                    .unwrap_or(0),
            ) > 0
    };
    let shown: Vec<&CommunityView> = views.iter().filter(|v| a.all || linked(v)).collect();
    // Only the settings the method uses.
    let (seed, best_of) = (a.seed, restarts(&proj.csr, &a));
    let settings = match a.method {
        Method::Leiden | Method::Louvain => {
            format!(
                " (resolution {}, seed {seed}, best of {best_of})",
                a.resolution
            )
        }
        Method::LabelPropagation => format!(" (seed {seed}, best of {best_of})"),
        Method::Components => String::new(),
    };
    writeln!(
        ctx.out,
        "{} communities by {}{settings}, modularity {:.4}",
        p.count,
        method_name(a.method),
        q
    )?;
    let mut t = Table::new(["#", "size", "members (by weighted degree)", "summary"]);
    for (i, v) in shown.iter().enumerate() {
        let mut names: Vec<String> = v
            .members
            .iter()
            .take(4)
            .map(|id| g.actor(g.actor_index(id).unwrap_or(0)).name.clone())
            .collect();
        if v.members.len() > 4 {
            names.push(format!("… {} more", v.members.len() - 4));
        }
        t.row([
            (i + 1).to_string(),
            v.size.to_string(),
            names.join(", "),
            summary_line(v),
        ]);
    }
    t.write(&mut ctx.out)?;
    let hidden = views.len() - shown.len();
    if hidden > 0 {
        writeln!(
            ctx.out,
            "({hidden} actors with no link in this projection are not shown; --all lists them)"
        )?;
    }
    Ok(0)
}

/// The successive windows covering the dated kept edges.
fn windows(g: &Graph, filter: &EdgeFilter, every: Every) -> Vec<(String, Window)> {
    let mut lo: Option<Day> = filter.window.from;
    let mut hi: Option<Day> = filter.window.to;
    if lo.is_none() || hi.is_none() {
        let (mut min, mut max) = (None::<Day>, None::<Day>);
        for e in filter.select(g) {
            if let Some(d) = g.edge(e).date {
                let sp = d.span();
                if let Some(s) = sp.start.or(sp.end) {
                    min = Some(min.map_or(s, |m: Day| m.min(s)));
                }
                if let Some(t) = sp.end.or(sp.start) {
                    max = Some(max.map_or(t, |m: Day| m.max(t)));
                }
            }
        }
        lo = lo.or(min);
        hi = hi.or(max);
    }
    let (Some(lo), Some(hi)) = (lo, hi) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let (mut y, mut m, _) = lo.ymd();
    loop {
        let (start, end, label) = match every {
            Every::Year => (
                Day::from_ymd(y, 1, 1),
                Day::from_ymd(y, 12, 31),
                format!("{y:04}"),
            ),
            Every::Month => {
                let last = polgraph::model::date::days_in_month(y, m);
                (
                    Day::from_ymd(y, m, 1),
                    Day::from_ymd(y, m, last),
                    format!("{y:04}-{m:02}"),
                )
            }
        };
        let (Some(start), Some(end)) = (start, end) else {
            break;
        };
        if start > hi || out.len() >= 10_000 {
            break;
        }
        out.push((
            label,
            Window {
                from: Some(start),
                to: Some(end),
            },
        ));
        match every {
            Every::Year => y += 1,
            Every::Month => {
                m += 1;
                if m == 13 {
                    m = 1;
                    y += 1;
                }
            }
        }
    }
    out
}

fn track(ctx: &mut Ctx, g: &Graph, filter: &EdgeFilter, a: &CommunitiesArgs) -> Res<i32> {
    let mut tracker = communities::Tracked::new(communities::DEFAULT_TRACK_THRESHOLD);
    #[derive(serde::Serialize)]
    struct Step {
        window: String,
        modularity: f64,
        communities: Vec<Labelled>,
        events: Vec<String>,
    }
    #[derive(serde::Serialize)]
    struct Labelled {
        label: u32,
        size: usize,
        members: Vec<String>,
    }
    let mut steps = Vec::new();
    for (label, w) in windows(g, filter, a.every) {
        let mut f = filter.clone();
        f.window = w;
        let proj = Projection::new(g, &f, false);
        let p = run_method(&proj.csr, a);
        // Communities of linked actors only: isolated actors are not blocs.
        let comms: Vec<Vec<u32>> = p
            .communities()
            .into_iter()
            .filter(|c| c.len() > 1 || proj.csr.degree(c[0]) > 0)
            .collect();
        let keys: Vec<Vec<u64>> = comms
            .iter()
            .map(|c| c.iter().map(|&n| proj.actors[n as usize] as u64).collect())
            .collect();
        let step = tracker.push(&keys);
        let events = step
            .events
            .iter()
            .map(|e| match e {
                TrackEvent::Born { label } => format!("C{label} born"),
                TrackEvent::Died { label } => format!("C{label} dissolved"),
                TrackEvent::Continued { label, jaccard } => {
                    format!("C{label} continues (Jaccard {jaccard:.2})")
                }
                TrackEvent::Split { from, into } => format!(
                    "C{from} split into {}",
                    into.iter()
                        .map(|l| format!("C{l}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                TrackEvent::Merged { from, into } => format!(
                    "{} merged into C{into}",
                    from.iter()
                        .map(|l| format!("C{l}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            })
            .collect();
        steps.push(Step {
            window: label,
            modularity: communities::modularity(&proj.csr, &p.membership, a.resolution),
            communities: comms
                .iter()
                .zip(&step.labels)
                .map(|(c, &l)| Labelled {
                    label: l,
                    size: c.len(),
                    members: c
                        .iter()
                        .map(|&n| g.actor(proj.actors[n as usize]).id.clone())
                        .collect(),
                })
                .collect(),
            events,
        });
    }
    if a.json {
        ctx.json(&steps)?;
        return Ok(0);
    }
    if steps.is_empty() {
        writeln!(ctx.out, "no dated edges to track")?;
        return Ok(0);
    }
    for s in &steps {
        let sizes: Vec<String> = s
            .communities
            .iter()
            .map(|c| format!("C{} ({})", c.label, c.size))
            .collect();
        writeln!(
            ctx.out,
            "{}  modularity {:.4}  {}",
            s.window,
            s.modularity,
            if sizes.is_empty() {
                "no links".into()
            } else {
                sizes.join(", ")
            }
        )?;
        for e in &s.events {
            writeln!(ctx.out, "    {e}")?;
        }
    }
    Ok(0)
}
/// `centrality`.
pub fn centrality(ctx: &mut Ctx, a: CentralityArgs) -> Res<i32> {
    let g = ctx.load()?;
    let filter = a.filter.to_filter(&[Status::Occurred])?;
    let proj = Projection::new(&g, &filter, a.directed);
    let csr = &proj.csr;
    let pb = if csr.link_count() > BIG_PROJECTION {
        ctx.spinner("computing")
    } else {
        ctx.progress("computing")
    };
    let scores = match a.measure {
        Measure::Degree => centrality::degree(csr),
        Measure::Strength => centrality::strength(csr),
        Measure::Betweenness => match a.samples {
            Some(k) if k < csr.node_count() => {
                let sources = centrality::sample_sources(csr.node_count(), k.max(2), a.seed);
                centrality::betweenness_sampled(csr, &sources, true)
            }
            _ => centrality::betweenness(csr, true),
        },
        Measure::Closeness => centrality::closeness(csr),
        Measure::Eigenvector => centrality::eigenvector(csr, 100, 1e-6)
            .map_err(|e| polgraph::Error::NoResult(format!("eigenvector centrality: {e}")))?,
        Measure::Pagerank => centrality::pagerank(csr, 0.85, 100, 1e-6)
            .map_err(|e| polgraph::Error::NoResult(format!("pagerank: {e}")))?,
    };
    pb.finish_and_clear();
    let mut order: Vec<u32> = (0..csr.node_count() as u32).collect();
    let id = |n: u32| g.actor(proj.actors[n as usize]).id.as_str();
    order.sort_by(|&x, &y| {
        scores[y as usize]
            .total_cmp(&scores[x as usize])
            .then_with(|| id(x).cmp(id(y)))
    });
    if a.top > 0 {
        order.truncate(a.top);
    }
    #[derive(serde::Serialize)]
    struct Row<'a> {
        actor: &'a str,
        name: &'a str,
        score: f64,
    }
    let rows: Vec<Row> = order
        .iter()
        .map(|&n| {
            let actor = g.actor(proj.actors[n as usize]);
            Row {
                actor: &actor.id,
                name: &actor.name,
                score: scores[n as usize],
            }
        })
        .collect();
    if a.json {
        ctx.json(&rows)?;
        return Ok(0);
    }
    let mut t = Table::new(["rank", "score", "actor", "id"]);
    for (i, r) in rows.iter().enumerate() {
        t.row([
            (i + 1).to_string(),
            format!("{:.6}", r.score),
            r.name.to_owned(),
            r.actor.to_owned(),
        ]);
    }
    t.write(&mut ctx.out)?;
    Ok(0)
}

fn fmt_score(x: f64) -> String {
    format!("{x:+.1}")
}

/// `dyad A B`.
pub fn dyad(ctx: &mut Ctx, a: DyadArgs) -> Res<i32> {
    let g = ctx.load()?;
    let (x, y) = (g.resolve(&a.a)?, g.resolve(&a.b)?);
    let mut filter = a.filter.to_filter(&[Status::Occurred])?;
    filter.between = Some((x, y));
    let edges = filter.select(&g);
    let gran = match a.every {
        Every::Year => Granularity::Year,
        Every::Month => Granularity::Month,
    };
    let d = dyad::dyad(&g, x, y, &edges, gran);
    if a.json {
        #[derive(serde::Serialize)]
        struct Out<'a> {
            #[serde(flatten)]
            dyad: &'a dyad::Dyad,
            a_name: &'a str,
            b_name: &'a str,
            tie_edges: Vec<EdgeView<'a>>,
            recent_edges: Vec<EdgeView<'a>>,
        }
        let view = |ids: &[String]| -> Vec<EdgeView> {
            ids.iter()
                .filter_map(|id| (0..g.edge_count() as u32).find(|&e| g.edge(e).id == *id))
                .map(|e| EdgeView::new(&g, e))
                .collect()
        };
        let out = Out {
            dyad: &d,
            a_name: &g.actor(x).name,
            b_name: &g.actor(y).name,
            tie_edges: view(&d.ties),
            recent_edges: view(&d.recent),
        };
        ctx.json(&out)?;
        return Ok(0);
    }
    let (an, bn) = (g.actor(x).name.clone(), g.actor(y).name.clone());
    writeln!(
        ctx.out,
        "{an} ↔ {bn}: {} events, balance {}",
        d.events,
        fmt_score(d.balance)
    )?;
    writeln!(ctx.out, "A = {an}, B = {bn}\n")?;
    let mut t = Table::new([
        "period", "events", "A→B", "B→A", "v.coop", "m.coop", "v.confl", "m.confl", "neutral",
        "score",
    ]);
    for p in &d.periods {
        t.row([
            p.period.clone(),
            p.events.to_string(),
            p.a_to_b.to_string(),
            p.b_to_a.to_string(),
            p.verbal_cooperation.to_string(),
            p.material_cooperation.to_string(),
            p.verbal_conflict.to_string(),
            p.material_conflict.to_string(),
            p.neutral.to_string(),
            fmt_score(p.score),
        ]);
    }
    t.write(&mut ctx.out)?;
    let find = |id: &str| (0..g.edge_count() as u32).find(|&e| g.edge(e).id == id);
    if !d.ties.is_empty() {
        writeln!(ctx.out, "\nstanding ties:")?;
        let ids: Vec<u32> = d.ties.iter().filter_map(|i| find(i)).collect();
        super::edge_table(&g, &ids).write(&mut ctx.out)?;
    }
    if !d.recent.is_empty() {
        writeln!(ctx.out, "\nmost recent acts:")?;
        let ids: Vec<u32> = d.recent.iter().filter_map(|i| find(i)).collect();
        super::edge_table(&g, &ids).write(&mut ctx.out)?;
    }
    Ok(0)
}

/// `rivals` (most conflictual first) and `partners` (most cooperative first).
pub fn balance(ctx: &mut Ctx, a: BalanceArgs, partners: bool) -> Res<i32> {
    let g = ctx.load()?;
    let filter = a.filter.to_filter(&[Status::Occurred])?;
    let edges = filter.select(&g);
    let mut list = dyad::balances(&g, &edges, a.min_events);
    if partners {
        list.reverse();
        list.retain(|p| p.balance > 0.0);
    } else {
        list.retain(|p| p.balance < 0.0);
    }
    list.truncate(a.top);
    if a.json {
        ctx.json(&list)?;
        return Ok(0);
    }
    let name = |id: &str| {
        g.actor_index(id)
            .map(|i| g.actor(i).name.clone())
            .unwrap_or_default()
    };
    let mut t = Table::new(["balance", "events", "coop", "conflict", "mean", "pair"]);
    for p in &list {
        t.row([
            fmt_score(p.balance),
            p.events.to_string(),
            p.cooperation.to_string(),
            p.conflict.to_string(),
            fmt_score(p.mean),
            format!("{} ↔ {}", name(&p.a), name(&p.b)),
        ]);
    }
    t.write(&mut ctx.out)?;
    Ok(0)
}
