//! Analysis subcommands: paths, communities, centrality, dyads, balance.

use std::io::Write;

use clap::{Args, ValueEnum};

use polgraph::algo::dyad::{self, Granularity};
use polgraph::model::Status;
use polgraph::render::json::EdgeView;
use polgraph::render::table::Table;

use super::{Ctx, FilterArgs, Res};

/// `path` arguments.
#[derive(Args)]
pub struct PathArgs {}
/// `communities` arguments.
#[derive(Args)]
pub struct CommunitiesArgs {}
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
pub fn communities(_c: &mut Ctx, _a: CommunitiesArgs) -> Res<i32> {
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
