//! Command-line arguments (clap) and one small function per subcommand.
//! Arguments become library types before any work; the library never sees
//! clap.

mod analysis;
mod dot;
mod extract;
mod interchange;

use std::collections::BTreeMap;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};

use polgraph::error::{Error, Problem};
use polgraph::model::{Actor, Category, Document, Edge, EdgeDate, Source, Status, Window};
use polgraph::query::{self, EdgeFilter};
use polgraph::render::json::{ActorView, EdgeView};
use polgraph::render::table::Table;
use polgraph::{edit, store, Graph};

/// Why the program stops early.
pub enum Failure {
    /// Standard output was closed by the reader: not an error.
    BrokenPipe,
    /// A real error, printed as `error: …`.
    Error(Error),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure::Error(e)
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Failure::BrokenPipe
        } else {
            Failure::Error(Error::io("write to", "standard output", e))
        }
    }
}

type Res<T = ()> = Result<T, Failure>;

const AFTER_HELP: &str = "\
Examples:
  polgraph --graph graphs/seoul-comfort-women-2021.json stats
  polgraph -g graphs/seoul-comfort-women-2021.json events --actor \"Government of Japan\" --from 2021-01
  polgraph -g graphs/seoul-comfort-women-2021.json path \"Seoul Central District Court\" \"LDP\"

Actors may be named by id, name or alias, in any case, with or without accents.";

/// polgraph: a knowledge-graph store for political actors — dated acts,
/// standing ties, time-aware analysis and Graphviz diagrams.
#[derive(Parser)]
#[command(name = "polgraph", version, after_help = AFTER_HELP, max_term_width = 100)]
struct Cli {
    /// The graph file (JSON store).
    #[arg(
        long,
        short = 'g',
        env = "POLGRAPH_GRAPH",
        global = true,
        value_name = "FILE"
    )]
    graph: Option<PathBuf>,
    /// No progress bars or summaries on stderr.
    #[arg(long, short = 'q', global = true)]
    quiet: bool,
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Create an empty graph file (never overwrites).
    #[command(
        after_help = "Example:\n  polgraph --graph korea-japan.json init --name \"Korea–Japan relations\""
    )]
    Init {
        /// Name of the graph.
        #[arg(long, default_value = "")]
        name: String,
    },
    /// Add an actor, an edge or a source.
    #[command(subcommand)]
    Add(AddCmd),
    /// Import actors and events: CSV, ICEWS, GDELT 2.0, PLOVER/POLECAT, FollowTheMoney, Popolo (all or nothing).
    #[command(after_help = interchange::IMPORT_HELP)]
    Import(interchange::ImportArgs),
    /// Remove an actor or an edge.
    #[command(subcommand)]
    Remove(RemoveCmd),
    /// Merge a duplicate actor into another (entity resolution).
    #[command(
        after_help = "Example:\n  polgraph -g g.json merge \"Kim Dinghan\" kim-jung-han\n\nEdges move over; the duplicate's name and aliases become aliases; attributes merge (the\nsurviving actor's value wins; conflicts are reported)."
    )]
    Merge {
        /// The actor that disappears.
        duplicate: String,
        /// The actor that stays.
        into: String,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List actors.
    #[command(
        after_help = "Example:\n  polgraph -g graphs/seoul-comfort-women-2021.json actors --kind person"
    )]
    Actors {
        /// Only this kind.
        #[arg(long)]
        kind: Option<String>,
        /// Only this country (ISO alpha-3).
        #[arg(long)]
        country: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Profile of one actor: ties, activity by category and year, partners.
    #[command(
        after_help = "Example:\n  polgraph -g graphs/seoul-comfort-women-2021.json show \"Government of Japan\""
    )]
    Show {
        /// Id, name or alias.
        actor: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List edges (acts and ties), sorted by date.
    #[command(
        after_help = "Example:\n  polgraph -g graphs/seoul-comfort-women-2021.json events --between Japan \"South Korea\" --from 2021-01-15 --to 2021-01-15"
    )]
    Events {
        /// Only edges touching this actor.
        #[arg(long)]
        actor: Option<String>,
        /// Only edges between these two actors.
        #[arg(long, num_args = 2, value_names = ["A", "B"])]
        between: Option<Vec<String>>,
        #[command(flatten)]
        filter: FilterArgs,
        /// Print at most N edges.
        #[arg(long)]
        limit: Option<usize>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Counts: actors, edges, events, ties, dates, kinds, statuses.
    #[command(
        after_help = "Example:\n  polgraph -g graphs/seoul-comfort-women-2021.json stats --json"
    )]
    Stats {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Check the graph; warn about unknown actions, isolated actors, uncited edges.
    #[command(
        after_help = "Example:\n  polgraph -g graphs/seoul-comfort-women-2021.json validate --strict\n\nExit 0 when valid (warnings are printed), 1 when invalid — or, with --strict, when there is any warning."
    )]
    Validate {
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
    },
    /// Rewrite the graph file in canonical form (sorted, pretty), e.g. after editing it by hand.
    #[command(
        after_help = "Example:\n  polgraph -g graphs/seoul-comfort-women-2021.json fmt\n\nWith --check, exit 1 if the file is not in canonical form and write nothing."
    )]
    Fmt {
        /// Only check; write nothing.
        #[arg(long)]
        check: bool,
    },
    /// The action vocabulary: category, quad class, score, symmetric, tie.
    #[command(
        after_help = "Example:\n  polgraph actions --json\n\nWith --graph, the graph's own declared actions are included."
    )]
    Actions {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Shortest paths between two actors, with the acts that link each hop.
    Path(analysis::PathArgs),
    /// Blocs: communities by Leiden, Louvain, label propagation or components.
    Communities(analysis::CommunitiesArgs),
    /// Who is central: degree, strength, betweenness, closeness, eigenvector, PageRank.
    Centrality(analysis::CentralityArgs),
    /// The relationship between two actors over time.
    Dyad(analysis::DyadArgs),
    /// Actor pairs with the most conflictual balance.
    Rivals(analysis::BalanceArgs),
    /// Actor pairs with the most cooperative balance.
    Partners(analysis::BalanceArgs),
    /// Draw the graph (or a selection) as Graphviz DOT; render SVG/PNG/PDF with Graphviz.
    Dot(dot::DotArgs),
    /// Write the graph in another format: GraphML, GEXF, Neo4j CSV, FollowTheMoney, Popolo, CSV, JSON lines.
    Export(interchange::ExportArgs),
    /// Propose dated edges from a news report (rule-based event coder).
    Extract(extract::ExtractArgs),
    /// Add proposals (from `extract --json`, possibly edited) to the store.
    Accept(extract::AcceptArgs),
}

#[derive(Subcommand)]
enum AddCmd {
    /// Add an actor.
    #[command(
        after_help = "Example:\n  polgraph -g g.json add actor kor-mofa --name \"Ministry of Foreign Affairs (South Korea)\" --kind ministry --country KOR --alias MOFA"
    )]
    Actor {
        /// Unique id (slug).
        id: String,
        /// Display name.
        #[arg(long)]
        name: String,
        /// Kind: state, government, ministry, bureau, agency, court, legislature, party, faction, person, ngo, media, international_org, company, group.
        #[arg(long)]
        kind: String,
        /// ISO 3166-1 alpha-3 country code.
        #[arg(long)]
        country: Option<String>,
        /// Another name (repeatable).
        #[arg(long = "alias")]
        aliases: Vec<String>,
        /// An attribute KEY=VALUE (repeatable).
        #[arg(long = "attr", value_name = "KEY=VALUE")]
        attributes: Vec<String>,
        /// Description.
        #[arg(long)]
        description: Option<String>,
    },
    /// Add an edge: SOURCE did ACTION to TARGET.
    #[command(
        after_help = "Examples:\n  polgraph -g g.json add edge \"Seoul Central District Court\" ruled \"Government of Japan\" --date 2021-01 --cite cns-2021-01-15\n  polgraph -g g.json add edge ldp-foreign-affairs-division submitted motegi-toshimitsu --date 2021-01-18/2021-01-24 --status planned"
    )]
    Edge {
        /// Acting actor (id, name or alias).
        source: String,
        /// Action (see `polgraph actions`).
        action: String,
        /// Actor acted upon (id, name or alias).
        target: String,
        /// Date: YYYY, YYYY-MM, YYYY-MM-DD, or an interval A/B, A/.., ../B.
        #[arg(long)]
        date: Option<String>,
        /// occurred, planned, demanded, reported or denied.
        #[arg(long, default_value = "occurred")]
        status: String,
        /// One-line summary.
        #[arg(long)]
        summary: Option<String>,
        /// Source id (repeatable).
        #[arg(long = "cite")]
        cites: Vec<String>,
        /// Edge id (generated when absent).
        #[arg(long)]
        id: Option<String>,
    },
    /// Add a source (a report edges rest on).
    #[command(
        after_help = "Example:\n  polgraph -g g.json add source cns-2021-01-15 --title \"Japan and South Korea hold talks\" --publisher \"China News Service\" --date 2021-01-15"
    )]
    Source {
        /// Unique id.
        id: String,
        /// Title.
        #[arg(long)]
        title: String,
        /// Publisher.
        #[arg(long)]
        publisher: Option<String>,
        /// Publication date.
        #[arg(long)]
        date: Option<String>,
        /// URL.
        #[arg(long)]
        url: Option<String>,
    },
}

#[derive(Subcommand)]
enum RemoveCmd {
    /// Remove an actor (refused while edges use it, unless --cascade).
    #[command(after_help = "Example:\n  polgraph -g g.json remove actor peng-dawei --cascade")]
    Actor {
        /// Id, name or alias.
        actor: String,
        /// Also remove the edges that use it.
        #[arg(long)]
        cascade: bool,
    },
    /// Remove an edge by id.
    #[command(after_help = "Example:\n  polgraph -g g.json remove edge e12")]
    Edge {
        /// Edge id.
        id: String,
    },
}

/// The filters every listing and analysis takes.
#[derive(Args, Clone, Debug, Default)]
pub struct FilterArgs {
    /// Keep edges whose date span overlaps from this date on (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Keep edges whose date span overlaps up to this date (inclusive: --to 2021 means through 2021-12-31).
    #[arg(long)]
    pub to: Option<String>,
    /// Only these actions (repeatable or comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub action: Vec<String>,
    /// Only these categories: AGREE, CONSULT, … PROTEST, … TIE, STATEMENT, OTHER (repeatable or comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub category: Vec<String>,
    /// Only these statuses (repeatable or comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub status: Vec<String>,
    /// Leave out standing ties.
    #[arg(long)]
    pub exclude_ties: bool,
    /// Only actors of these kinds (repeatable or comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub kind: Vec<String>,
}

impl FilterArgs {
    /// Turns the arguments into a library filter; `default_status` applies
    /// when no `--status` is given.
    pub fn to_filter(&self, default_status: &[Status]) -> Result<EdgeFilter, Error> {
        let window = Window::parse(self.from.as_deref(), self.to.as_deref())
            .map_err(|e| bad("--from/--to", e))?;
        let mut categories = Vec::new();
        for c in &self.category {
            categories.push(Category::parse(c).ok_or_else(|| {
                bad(
                    "--category",
                    format!(
                        "unknown category {c:?}; one of {}",
                        Category::ALL
                            .iter()
                            .map(|c| c.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
            })?);
        }
        let mut statuses = Vec::new();
        for s in &self.status {
            statuses.push(Status::parse(s).ok_or_else(|| bad_status(s))?);
        }
        if statuses.is_empty() {
            statuses = default_status.to_vec();
        }
        Ok(EdgeFilter {
            window,
            actions: self.action.clone(),
            categories,
            statuses,
            exclude_ties: self.exclude_ties,
            kinds: self.kind.clone(),
            ..EdgeFilter::default()
        })
    }
}

/// A bad value for a well-formed option (exit code 1).
pub fn bad(flag: &str, message: impl std::fmt::Display) -> Error {
    Error::BadArgument {
        flag: flag.to_owned(),
        message: message.to_string(),
    }
}

fn bad_status(s: &str) -> Error {
    bad(
        "--status",
        format!("unknown status {s:?}; one of occurred, planned, demanded, reported, denied"),
    )
}

/// Graph files above this size get a spinner while they load (~0.1 s).
const BIG_FILE_BYTES: u64 = 16 << 20;

/// Where output goes, and whether to show progress.
pub struct Ctx {
    /// Buffered standard output.
    pub out: BufWriter<io::StdoutLock<'static>>,
    /// `--quiet`.
    pub quiet: bool,
    graph: Option<PathBuf>,
}

impl Ctx {
    /// The graph path, or a usage error saying how to give one.
    pub fn graph_path(&self) -> Result<&Path, Error> {
        self.graph.as_deref().ok_or_else(|| {
            Error::Usage("no graph file given: pass --graph FILE or set POLGRAPH_GRAPH".into())
        })
    }

    /// Loads and indexes the graph (with a spinner on a terminal when the
    /// file is big enough to take a noticeable time).
    pub fn load(&self) -> Result<Graph, Error> {
        let path = self.graph_path()?;
        let big = std::fs::metadata(path).is_ok_and(|m| m.len() > BIG_FILE_BYTES);
        let pb = if big {
            self.spinner("loading the graph")
        } else {
            ProgressBar::hidden()
        };
        let g = store::load_graph(path);
        pb.finish_and_clear();
        g
    }

    /// A spinner that ticks by itself, for work with no natural count
    /// (loading, an analysis); hidden in pipes and with `--quiet`.
    pub fn spinner(&self, msg: &'static str) -> ProgressBar {
        if self.quiet || !io::stderr().is_terminal() {
            return ProgressBar::hidden();
        }
        let pb = ProgressBar::new_spinner();
        pb.set_style(
            ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        pb.set_message(msg);
        pb.enable_steady_tick(std::time::Duration::from_millis(120));
        pb
    }

    /// A progress bar on a terminal; hidden in pipes and with `--quiet`.
    pub fn progress(&self, msg: &'static str) -> ProgressBar {
        if self.quiet || !io::stderr().is_terminal() {
            return ProgressBar::hidden();
        }
        let pb = ProgressBar::new_spinner();
        pb.set_style(
            ProgressStyle::with_template("{spinner} {msg} {human_pos} rows ({per_sec})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        pb.set_message(msg);
        pb
    }

    /// A note on stderr (not with `--quiet`).
    pub fn note(&self, msg: impl std::fmt::Display) {
        if !self.quiet {
            let _ = writeln!(io::stderr().lock(), "{msg}");
        }
    }

    /// Writes a value as pretty JSON with a trailing newline.
    pub fn json<T: serde::Serialize + ?Sized>(&mut self, v: &T) -> Res {
        serde_json::to_writer_pretty(&mut self.out, v).map_err(|e| {
            if e.is_io() {
                Failure::from(io::Error::from(e))
            } else {
                Failure::Error(Error::Usage(e.to_string()))
            }
        })?;
        writeln!(self.out)?;
        Ok(())
    }
}

/// Parses the command line and runs it; returns the exit code.
pub fn run() -> Res<i32> {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return Ok(match e.kind() {
                clap::error::ErrorKind::DisplayHelp
                | clap::error::ErrorKind::DisplayVersion
                | clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => 0,
                _ => 2,
            });
        }
    };
    let mut ctx = Ctx {
        out: BufWriter::new(io::stdout().lock()),
        quiet: cli.quiet,
        graph: cli.graph,
    };
    let code = dispatch(&mut ctx, cli.cmd)?;
    ctx.out.flush()?;
    Ok(code)
}

fn dispatch(ctx: &mut Ctx, cmd: Cmd) -> Res<i32> {
    match cmd {
        Cmd::Init { name } => init(ctx, name),
        Cmd::Add(a) => add(ctx, a),
        Cmd::Import(a) => interchange::import(ctx, a),
        Cmd::Remove(r) => remove(ctx, r),
        Cmd::Merge {
            duplicate,
            into,
            json,
        } => merge(ctx, &duplicate, &into, json),
        Cmd::Actors {
            kind,
            country,
            json,
        } => actors(ctx, kind, country, json),
        Cmd::Show { actor, json } => show(ctx, &actor, json),
        Cmd::Events {
            actor,
            between,
            filter,
            limit,
            json,
        } => events(ctx, actor, between, &filter, limit, json),
        Cmd::Stats { json } => stats(ctx, json),
        Cmd::Validate { strict } => validate(ctx, strict),
        Cmd::Fmt { check } => fmt(ctx, check),
        Cmd::Actions { json } => actions(ctx, json),
        Cmd::Path(a) => analysis::path(ctx, a),
        Cmd::Communities(a) => analysis::communities(ctx, a),
        Cmd::Centrality(a) => analysis::centrality(ctx, a),
        Cmd::Dyad(a) => analysis::dyad(ctx, a),
        Cmd::Rivals(a) => analysis::balance(ctx, a, false),
        Cmd::Partners(a) => analysis::balance(ctx, a, true),
        Cmd::Dot(a) => dot::dot(ctx, a),
        Cmd::Export(a) => interchange::export(ctx, a),
        Cmd::Extract(a) => extract::extract(ctx, a),
        Cmd::Accept(a) => extract::accept(ctx, a),
    }
}

fn init(ctx: &mut Ctx, name: String) -> Res<i32> {
    let path = ctx.graph_path()?.to_owned();
    store::create(&path, &Document::new(name))?;
    ctx.note(format!("created {}", path.display()));
    Ok(0)
}

fn parse_date(field: &str, s: Option<&str>) -> Result<Option<EdgeDate>, Error> {
    s.filter(|s| !s.is_empty())
        .map(|s| EdgeDate::parse(s).map_err(|e| bad(&format!("--{field}"), e)))
        .transpose()
}

/// Resolves actor names against the current document (used inside edits,
/// after the lock is taken, so names resolve against the latest file).
fn resolve_in(doc: &Document, query: &str) -> Result<String, Error> {
    if doc.actors.iter().any(|a| a.id == query) {
        return Ok(query.to_owned());
    }
    let g = Graph::new(doc.clone())?;
    let i = g.resolve(query)?;
    Ok(g.actor(i).id.clone())
}

fn add(ctx: &mut Ctx, cmd: AddCmd) -> Res<i32> {
    let path = ctx.graph_path()?.to_owned();
    match cmd {
        AddCmd::Actor {
            id,
            name,
            kind,
            country,
            aliases,
            attributes,
            description,
        } => {
            let mut a = Actor::new(id, name, kind);
            a.country = country;
            a.aliases = aliases;
            a.description = description;
            for kv in attributes {
                let Some((k, v)) = kv.split_once('=') else {
                    return Err(bad("--attr", format!("{kv:?}: expected KEY=VALUE")).into());
                };
                a.attributes
                    .insert(k.trim().to_owned(), v.trim().to_owned());
            }
            let id = a.id.clone();
            store::edit(&path, |doc| edit::add_actor(doc, a))?;
            ctx.note(format!("added actor {id}"));
        }
        AddCmd::Edge {
            source,
            action,
            target,
            date,
            status,
            summary,
            cites,
            id,
        } => {
            let date = parse_date("date", date.as_deref())?;
            let status = Status::parse(&status).ok_or_else(|| bad_status(&status))?;
            let id = store::edit(&path, |doc| {
                let mut e = Edge::new(resolve_in(doc, &source)?, action, resolve_in(doc, &target)?);
                e.date = date;
                e.status = status;
                e.summary = summary.filter(|s| !s.is_empty()).map(Into::into);
                e.cites = cites.into_iter().map(Into::into).collect();
                e.id = id.unwrap_or_default();
                let warn = !doc.vocabulary().is_known(&e.action);
                let id = edit::add_edge(doc, e)?;
                Ok((id, warn))
            })?;
            if id.1 {
                ctx.note("warning: the action is not in the vocabulary (category OTHER); see `polgraph actions`");
            }
            writeln!(ctx.out, "{}", id.0)?;
        }
        AddCmd::Source {
            id,
            title,
            publisher,
            date,
            url,
        } => {
            let s = Source {
                id: id.clone(),
                title,
                publisher,
                date: parse_date("date", date.as_deref())?,
                url,
            };
            store::edit(&path, |doc| edit::add_source(doc, s))?;
            ctx.note(format!("added source {id}"));
        }
    }
    Ok(0)
}

fn remove(ctx: &mut Ctx, cmd: RemoveCmd) -> Res<i32> {
    let path = ctx.graph_path()?.to_owned();
    match cmd {
        RemoveCmd::Actor { actor, cascade } => {
            let (id, removed) = store::edit(&path, |doc| {
                let id = resolve_in(doc, &actor)?;
                let removed = edit::remove_actor(doc, &id, cascade)?;
                Ok((id, removed))
            })?;
            ctx.note(format!("removed actor {id} and {} edge(s)", removed.len()));
        }
        RemoveCmd::Edge { id } => {
            store::edit(&path, |doc| edit::remove_edge(doc, &id))?;
            ctx.note(format!("removed edge {id}"));
        }
    }
    Ok(0)
}

fn merge(ctx: &mut Ctx, dup: &str, into: &str, json: bool) -> Res<i32> {
    let path = ctx.graph_path()?.to_owned();
    let report = store::edit(&path, |doc| {
        let d = resolve_in(doc, dup)?;
        let i = resolve_in(doc, into)?;
        edit::merge(doc, &d, &i)
    })?;
    if json {
        ctx.json(&report)?;
    } else {
        writeln!(
            ctx.out,
            "merged {} into {}: {} edge(s) moved",
            report.merged, report.into, report.moved_edges
        )?;
        if !report.new_aliases.is_empty() {
            writeln!(ctx.out, "new aliases: {}", report.new_aliases.join("; "))?;
        }
        if !report.new_attributes.is_empty() {
            writeln!(
                ctx.out,
                "new attributes: {}",
                report.new_attributes.join(", ")
            )?;
        }
        for c in &report.conflicts {
            writeln!(ctx.out, "conflict: {c}")?;
        }
        if !report.self_loops.is_empty() {
            writeln!(
                ctx.out,
                "now self-loops (edges between the two): {}",
                report.self_loops.join(", ")
            )?;
        }
    }
    Ok(0)
}

fn actors(ctx: &mut Ctx, kind: Option<String>, country: Option<String>, json: bool) -> Res<i32> {
    let g = ctx.load()?;
    let list: Vec<&Actor> = g
        .doc()
        .actors
        .iter()
        .filter(|a| kind.as_ref().is_none_or(|k| a.kind == *k))
        .filter(|a| {
            country
                .as_ref()
                .is_none_or(|c| a.country.as_deref() == Some(c.as_str()))
        })
        .collect();
    if json {
        let v: Vec<ActorView> = list.iter().map(|a| ActorView::new(a)).collect();
        ctx.json(&v)?;
    } else {
        let mut t = Table::new(["id", "name", "kind", "country", "aliases"]);
        for a in &list {
            t.row([
                a.id.clone(),
                a.name.clone(),
                a.kind.clone(),
                a.country.clone().unwrap_or_default(),
                a.aliases.join("; "),
            ]);
        }
        t.write(&mut ctx.out)?;
    }
    Ok(0)
}

fn show(ctx: &mut Ctx, actor: &str, json: bool) -> Res<i32> {
    let g = ctx.load()?;
    let a = g.resolve(actor)?;
    let p = query::profile(&g, a);
    if json {
        ctx.json(&p)?;
        return Ok(0);
    }
    let o = &mut ctx.out;
    let act = &p.actor;
    writeln!(o, "{} ({})", act.name, act.id)?;
    writeln!(o, "kind: {}", act.kind)?;
    if let Some(c) = &act.country {
        writeln!(o, "country: {c}")?;
    }
    if !act.aliases.is_empty() {
        writeln!(o, "aliases: {}", act.aliases.join("; "))?;
    }
    for (k, v) in &act.attributes {
        writeln!(o, "{k}: {v}")?;
    }
    if let Some(d) = &act.description {
        writeln!(o, "description: {d}")?;
    }
    if !p.ties.is_empty() {
        writeln!(o, "\nties:")?;
        let mut t = Table::new(["  action", "other", "span", "edge"]);
        for tie in &p.ties {
            let rel = if tie.direction == "out" {
                format!("  {} →", tie.action)
            } else {
                format!("  ← {}", tie.action)
            };
            t.row([
                rel,
                format!("{} ({})", tie.other_name, tie.other),
                tie.date.clone().unwrap_or_else(|| "undated".into()),
                tie.edge.clone(),
            ]);
        }
        t.write(o)?;
    }
    writeln!(
        o,
        "\nevents: {} ({} as source, {} as target)",
        p.events, p.events_as_source, p.events_as_target
    )?;
    if let (Some(f), Some(l)) = (&p.first, &p.last) {
        writeln!(
            o,
            "first dated act: {} ({})   last: {} ({})",
            f.1, f.0, l.1, l.0
        )?;
    }
    if !p.by_category.is_empty() {
        let parts: Vec<String> = p
            .by_category
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        writeln!(o, "by category: {}", parts.join(", "))?;
        let parts: Vec<String> = p.by_year.iter().map(|(k, v)| format!("{k} {v}")).collect();
        writeln!(o, "by year: {}", parts.join(", "))?;
    }
    if !p.partners.is_empty() {
        writeln!(o, "\npartners by volume:")?;
        let mut t = Table::new(["  events", "partner"]);
        for q in &p.partners {
            t.row([format!("  {}", q.events), format!("{} ({})", q.name, q.id)]);
        }
        t.write(o)?;
    }
    Ok(0)
}

fn events(
    ctx: &mut Ctx,
    actor: Option<String>,
    between: Option<Vec<String>>,
    f: &FilterArgs,
    limit: Option<usize>,
    json: bool,
) -> Res<i32> {
    let g = ctx.load()?;
    let mut filter = f.to_filter(&[])?;
    if let Some(a) = &actor {
        filter.actor = Some(g.resolve(a)?);
    }
    if let Some(b) = &between {
        filter.between = Some((g.resolve(&b[0])?, g.resolve(&b[1])?));
    }
    let mut list = query::events(&g, &filter);
    if let Some(n) = limit {
        list.truncate(n);
    }
    if json {
        let v: Vec<EdgeView> = list.iter().map(|&e| EdgeView::new(&g, e)).collect();
        ctx.json(&v)?;
    } else {
        edge_table(&g, &list).write(&mut ctx.out)?;
    }
    Ok(0)
}

/// The table listing edges: date, source, action, target, status, id, summary.
pub fn edge_table(g: &Graph, list: &[u32]) -> Table {
    let mut t = Table::new([
        "date", "source", "action", "target", "status", "id", "summary",
    ]);
    for &e in list {
        let edge = g.edge(e);
        let (s, d) = g.ends(e);
        t.row([
            edge.date
                .map(|d| d.to_string())
                .unwrap_or_else(|| "undated".into()),
            g.actor(s).name.clone(),
            edge.action.to_string(),
            g.actor(d).name.clone(),
            edge.status.to_string(),
            edge.id.clone(),
            edge.summary.as_deref().unwrap_or_default().to_owned(),
        ]);
    }
    t
}

fn stats(ctx: &mut Ctx, json: bool) -> Res<i32> {
    let g = ctx.load()?;
    let s = query::stats(&g);
    if json {
        ctx.json(&s)?;
        return Ok(0);
    }
    let mut t = Table::new(["", ""]);
    t.row(["name".to_string(), s.name.clone()]);
    for (k, v) in [
        ("actors", s.actors),
        ("edges", s.edges),
        ("events", s.events),
        ("ties", s.ties),
        ("sources", s.sources),
        ("dated", s.dated),
        ("undated", s.undated),
        ("unknown actions", s.unknown_actions),
    ] {
        t.row([k.to_string(), v.to_string()]);
    }
    t.row([
        "first date".to_string(),
        s.first_date.clone().unwrap_or_default(),
    ]);
    t.row([
        "last date".to_string(),
        s.last_date.clone().unwrap_or_default(),
    ]);
    let join = |m: &BTreeMap<String, usize>| {
        m.iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    t.row(["kinds".to_string(), join(&s.kinds)]);
    t.row(["statuses".to_string(), join(&s.statuses)]);
    t.row(["categories".to_string(), join(&s.categories)]);
    t.write(&mut ctx.out)?;
    Ok(0)
}

fn validate(ctx: &mut Ctx, strict: bool) -> Res<i32> {
    let path = ctx.graph_path()?.to_owned();
    let doc = store::load(&path)?;
    let warnings: Vec<Problem> = store::warnings(&doc);
    for w in &warnings {
        writeln!(ctx.out, "warning: {w}")?;
    }
    if strict && !warnings.is_empty() {
        return Err(Error::Invalid {
            origin: path.display().to_string(),
            problems: vec![Problem::new(
                "document",
                None,
                format!("{} warning(s) under --strict", warnings.len()),
            )],
        }
        .into());
    }
    writeln!(
        ctx.out,
        "{}: valid ({} actors, {} edges, {} sources, {} warning(s))",
        path.display(),
        doc.actors.len(),
        doc.edges.len(),
        doc.sources.len(),
        warnings.len()
    )?;
    Ok(0)
}

fn fmt(ctx: &mut Ctx, check: bool) -> Res<i32> {
    let path = ctx.graph_path()?.to_owned();
    let _lock = store::lock(&path, store::LOCK_TIMEOUT)?;
    let before = std::fs::read(&path).map_err(|e| Error::io("read", &path, e))?;
    let doc = store::parse(&before, &path)?;
    let after = store::to_bytes(&doc);
    if after == before {
        ctx.note(format!("{} is already in canonical form", path.display()));
        return Ok(0);
    }
    if check {
        return Err(Error::Conflict(format!(
            "{} is not in canonical form; run `polgraph fmt`",
            path.display()
        ))
        .into());
    }
    store::write_atomic(&path, &after)?;
    ctx.note(format!("rewrote {}", path.display()));
    Ok(0)
}

fn actions(ctx: &mut Ctx, json: bool) -> Res<i32> {
    let vocab = match ctx.graph.as_deref() {
        Some(p) if p.exists() => store::load(p)?.vocabulary(),
        _ => polgraph::model::Vocabulary::builtin(),
    };
    if json {
        let v: Vec<_> = vocab.actions().collect();
        ctx.json(&v)?;
        return Ok(0);
    }
    let mut t = Table::new([
        "action",
        "category",
        "quad",
        "score",
        "symmetric",
        "tie",
        "description",
    ]);
    for a in vocab.actions() {
        t.row([
            a.name.clone(),
            a.category.to_string(),
            a.quad.to_string(),
            format!("{:+.1}", a.score),
            if a.symmetric { "yes" } else { "" }.to_string(),
            if a.tie { "tie" } else { "" }.to_string(),
            a.description.clone(),
        ]);
    }
    t.write(&mut ctx.out)?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
