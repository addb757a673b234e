//! The `extract` and `accept` subcommands: propose dated edges from a news
//! report, and add (edited) proposals to the store.
use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use polgraph::error::{Error, Problem};
use polgraph::extract::{self, Diff, Options, Proposals};
use polgraph::model::Day;
use polgraph::render::table::Table;
use polgraph::{store, Graph};

use super::{bad, Ctx, Res};

const EXTRACT_HELP: &str = "\
Examples:
  polgraph extract report.txt --date 2021-01-15
  polgraph -g graphs/seoul-comfort-women-2021.json extract report.txt --json > proposals.json
  polgraph -g g.json extract report.txt --into --dry-run

Without --into, prints the proposed edges with the rule that fired, a confidence and the
evidence sentence (character offsets into the report). --json prints a proposals document:
  {\"polgraph_proposals\": 1, \"report\", \"anchor\", \"source\": {id, title, date},
   \"actors\": [{id, name, kind, country, known}],
   \"proposals\": [{source, action, target, date, status, evidence, start, end, rule, confidence}]}
Edit it (drop proposals, fix ids, actions, dates) and add it with `polgraph accept FILE`.
With --graph, the store's names and aliases are recognised and its ids used.";

/// `extract` arguments.
#[derive(Args)]
#[command(after_help = EXTRACT_HELP)]
pub struct ExtractArgs {
    /// The report: a UTF-8 text file.
    report: PathBuf,
    /// The report's date (YYYY-MM-DD), the anchor of relative dates; default: the dateline's date when it has a year.
    #[arg(long)]
    date: Option<String>,
    /// Id to register the report under as a source (default: from the file name and date).
    #[arg(long)]
    source_id: Option<String>,
    /// Print the proposals document as JSON (for `polgraph accept`).
    #[arg(long, conflicts_with = "into")]
    json: bool,
    /// Add the proposals to the store (--graph), citing the report as their source.
    #[arg(long)]
    into: bool,
    /// With --into: show what would be added, write nothing.
    #[arg(long, requires = "into")]
    dry_run: bool,
}

/// `accept` arguments.
#[derive(Args)]
#[command(
    after_help = "Example:\n  polgraph extract report.txt --json > p.json   # edit p.json\n  polgraph -g g.json accept p.json\n\nAll or nothing: the source, the new actors (kind `unknown` unless the gazetteer knew them)\nand every proposal as an edge citing the source. Edges already in the store are skipped."
)]
pub struct AcceptArgs {
    /// A proposals document written by `polgraph extract --json` (possibly edited).
    pub proposals: PathBuf,
    /// Show what would be added, write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// Runs `extract`.
pub fn extract(ctx: &mut Ctx, a: ExtractArgs) -> Res<i32> {
    let anchor = a
        .date
        .as_deref()
        .map(|d| {
            d.parse::<Day>()
                .map_err(|_| bad("--date", format!("{d:?} is not a date YYYY-MM-DD")))
        })
        .transpose()?;
    let text = extract::read_report(&a.report)?;
    let graph = match ctx.graph_path() {
        Ok(p) if a.into || p.exists() => Some(Graph::new(store::load(p)?)?),
        _ => None,
    };
    let opts = Options {
        anchor,
        source_id: a.source_id.clone(),
    };
    let x = extract::extract(&text, graph.as_ref(), &opts);
    if x.anchor.is_none() {
        ctx.note("warning: no anchor date (no --date, and no year in the dateline): relative dates are left out");
    }
    let report = a.report.display().to_string();
    let props = extract::proposals(&report, x, a.source_id.as_deref());
    if a.into {
        return apply(ctx, &props, a.dry_run);
    }
    if a.json {
        ctx.json(&props)?;
        return Ok(0);
    }
    let names: std::collections::HashMap<&str, &str> = props
        .actors
        .iter()
        .map(|a| (a.id.as_str(), a.name.as_str()))
        .collect();
    let mut t = Table::new([
        "date", "source", "action", "target", "status", "conf", "chars", "rule",
    ]);
    for p in &props.proposals {
        t.row([
            p.date
                .map(|d| d.to_string())
                .unwrap_or_else(|| "undated".into()),
            format!(
                "{} ({})",
                names.get(p.source.as_str()).unwrap_or(&""),
                p.source
            ),
            p.action.clone(),
            format!(
                "{} ({})",
                names.get(p.target.as_str()).unwrap_or(&""),
                p.target
            ),
            p.status.to_string(),
            format!("{:.2}", p.confidence),
            format!("{}-{}", p.start, p.end),
            p.rule.clone(),
        ]);
    }
    t.write(&mut ctx.out)?;
    let mut last = None;
    writeln!(ctx.out, "\nevidence:")?;
    for p in &props.proposals {
        if last != Some(p.start) {
            writeln!(
                ctx.out,
                "  [{}-{}] {}",
                p.start,
                p.end,
                p.evidence.split_whitespace().collect::<Vec<_>>().join(" ")
            )?;
            last = Some(p.start);
        }
    }
    ctx.note(format!(
        "{} proposal(s); source id {}",
        props.proposals.len(),
        props.source.id
    ));
    Ok(0)
}

/// Runs `accept`.
pub fn accept(ctx: &mut Ctx, a: AcceptArgs) -> Res<i32> {
    let bytes = std::fs::read(&a.proposals).map_err(|e| Error::io("read", &a.proposals, e))?;
    let props: Proposals = serde_json::from_slice(&bytes).map_err(|e| Error::Invalid {
        origin: a.proposals.display().to_string(),
        problems: vec![Problem::new(
            format!("line {}, column {}", e.line(), e.column()),
            None,
            e.to_string(),
        )],
    })?;
    apply(ctx, &props, a.dry_run)
}

fn apply(ctx: &mut Ctx, props: &Proposals, dry_run: bool) -> Res<i32> {
    let path = ctx.graph_path()?.to_owned();
    let diff = if dry_run {
        let mut doc = store::load(&path)?;
        extract::accept(&mut doc, props)?
    } else {
        store::edit(&path, |doc| extract::accept(doc, props))?
    };
    print_diff(ctx, &diff, dry_run)?;
    Ok(0)
}

fn print_diff(ctx: &mut Ctx, d: &Diff, dry_run: bool) -> Res {
    let o = &mut ctx.out;
    if let Some(s) = &d.source_added {
        writeln!(o, "+ source {s}")?;
    }
    for a in &d.actors_added {
        writeln!(
            o,
            "+ actor {} ({}, {}{})",
            a.id,
            a.name,
            a.kind,
            a.country
                .as_deref()
                .map(|c| format!(", {c}"))
                .unwrap_or_default()
        )?;
    }
    for e in &d.edges_added {
        writeln!(
            o,
            "+ edge {}: {} {} {} {} {}",
            e.id,
            e.source,
            e.action,
            e.target,
            e.date
                .map(|d| d.to_string())
                .unwrap_or_else(|| "undated".into()),
            e.status
        )?;
    }
    let verb = if dry_run { "would add" } else { "added" };
    ctx.note(format!(
        "{verb} {} edge(s), {} actor(s){}; {} duplicate(s) skipped",
        d.edges_added.len(),
        d.actors_added.len(),
        if d.source_added.is_some() {
            ", 1 source"
        } else {
            ""
        },
        d.duplicates
    ));
    if dry_run {
        ctx.note("dry run: nothing written");
    }
    Ok(())
}
