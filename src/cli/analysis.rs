//! Analysis subcommands: paths, communities, centrality, dyads, balance.

use std::io::Write;

use clap::{Args, ValueEnum};

use std::collections::HashMap;

use polgraph::algo::communities::{self, Partition, TrackEvent};
use polgraph::algo::csr::Csr;
use polgraph::algo::dyad::{self, Granularity};
use polgraph::model::{Day, Status, Window};
use polgraph::query::{EdgeFilter, Projection};
use polgraph::render::json::EdgeView;
use polgraph::render::table::Table;
use polgraph::Graph;

use super::{bad, Ctx, FilterArgs, Res};

/// `path` arguments.
#[derive(Args)]
pub struct PathArgs {}
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
/// `centrality` arguments.
#[derive(Args)]
pub struct CentralityArgs {}

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

pub fn path(_c: &mut Ctx, _a: PathArgs) -> Res<i32> {
    Ok(0)
}
fn run_method(csr: &Csr, a: &CommunitiesArgs) -> Partition {
    match a.method {
        Method::Leiden => communities::leiden(csr, a.resolution, a.seed),
        Method::Louvain => communities::louvain(csr, a.resolution, a.seed),
        Method::LabelPropagation => communities::label_propagation(csr, a.seed),
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

fn top_counts(mut m: HashMap<String, usize>, n: usize) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = m.drain().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(n);
    v
}

fn describe(g: &Graph, proj: &Projection, p: &Partition) -> Vec<CommunityView> {
    let csr = &proj.csr;
    let mut internal: Vec<HashMap<String, usize>> = vec![HashMap::new(); p.count];
    let mut external: Vec<HashMap<String, usize>> = vec![HashMap::new(); p.count];
    for &e in &proj.edges {
        let (s, t) = g.ends(e);
        let (Some(ns), Some(nt)) = (proj.node(s), proj.node(t)) else {
            continue;
        };
        if ns == nt {
            continue;
        }
        let (cs, ct) = (p.membership[ns as usize], p.membership[nt as usize]);
        let action = &g.edge(e).action;
        if cs == ct {
            *internal[cs as usize].entry(action.clone()).or_default() += 1;
        } else {
            *external[cs as usize].entry(action.clone()).or_default() += 1;
            *external[ct as usize].entry(action.clone()).or_default() += 1;
        }
    }
    p.communities()
        .into_iter()
        .enumerate()
        .map(|(c, mut nodes)| {
            nodes.sort_by(|&x, &y| {
                csr.strength(y).total_cmp(&csr.strength(x)).then_with(|| {
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
                    *countries.entry(c.clone()).or_default() += 1;
                }
                *kinds.entry(a.kind.clone()).or_default() += 1;
            }
            CommunityView {
                size: nodes.len(),
                members: nodes
                    .iter()
                    .map(|&n| g.actor(proj.actors[n as usize]).id.clone())
                    .collect(),
                countries: top_counts(countries, 3),
                kinds: top_counts(kinds, 3),
                internal_action: top_counts(std::mem::take(&mut internal[c]), 1).pop(),
                external_action: top_counts(std::mem::take(&mut external[c]), 1).pop(),
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
    let p = run_method(&proj.csr, &a);
    let q = communities::modularity(&proj.csr, &p.membership, a.resolution);
    let views = describe(&g, &proj, &p);
    if a.json {
        #[derive(serde::Serialize)]
        struct Out<'a> {
            method: &'static str,
            resolution: f64,
            seed: u64,
            modularity: f64,
            communities: Vec<&'a [String]>,
            summaries: &'a [CommunityView],
        }
        ctx.json(&Out {
            method: method_name(a.method),
            resolution: a.resolution,
            seed: a.seed,
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
    writeln!(
        ctx.out,
        "{} communities by {} (resolution {}, seed {}), modularity {:.4}",
        p.count,
        method_name(a.method),
        a.resolution,
        a.seed,
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
pub fn centrality(_c: &mut Ctx, _a: CentralityArgs) -> Res<i32> {
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
