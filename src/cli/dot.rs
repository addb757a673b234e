//! The `dot` subcommand: choose what to draw, then hand it to
//! [`polgraph::render::dot`]; optionally run Graphviz on the result.

use std::collections::VecDeque;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use clap::{Args, ValueEnum};

use polgraph::algo::csr::Csr;
use polgraph::algo::{centrality as cent, communities, paths};
use polgraph::error::Error;
use polgraph::query::{EdgeFilter, Projection};
use polgraph::render::dot::{self as render, Clusters, Diagram, DotOptions, Sizes};
use polgraph::{store, Graph};

use super::{Ctx, FilterArgs, Res};

/// Above this many actors a diagram is hard to read; we warn.
const BIG: usize = 300;

const AFTER_HELP: &str = "\
Examples:
  polgraph -g graphs/seoul-comfort-women-2021.json dot --cluster country -o seoul.dot
  polgraph -g graphs/seoul-comfort-women-2021.json dot --around \"Government of Japan\" --render svg -o ego.svg
  polgraph -g graphs/seoul-comfort-women-2021.json dot --path \"Seoul Central District Court\" \"Motegi Toshimitsu\" --render png -o path.png
  polgraph -g g.json dot --top 40 --size-by pagerank --cluster community --merge | dot -Tsvg > top.svg

Nodes: shape and colour by actor kind (legend included). Edges: green = cooperation, red =
conflict (darker and thicker = material, lighter = verbal), dark grey = statements, grey dashed =
standing ties, dotted = planned or demanded. Hover an edge in the SVG for its summary and source.
Without --render the DOT goes to stdout (or to -o FILE; a .svg/.png/.pdf FILE implies --render).
--render needs Graphviz (`apt-get install graphviz` / `brew install graphviz`).";

/// Output formats Graphviz renders.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Scalable vector graphics (with tooltips and links).
    Svg,
    /// Bitmap.
    Png,
    /// PDF document.
    Pdf,
}

impl Format {
    fn as_str(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
        }
    }

    fn from_path(p: &Path) -> Option<Format> {
        let ext = p.extension()?.to_str()?.to_ascii_lowercase();
        Format::from_str(&ext, true).ok()
    }
}

/// How to group actors into clusters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ClusterBy {
    /// Communities found by Leiden on the drawn selection.
    Community,
    /// The actor's country code.
    Country,
    /// The actor's kind (people, governments, courts…).
    Kind,
}

/// Centrality measures for `--size-by` and `--top`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Measure {
    /// PageRank on the directed projection (who is acted upon by the central).
    Pagerank,
    /// Number of distinct partners.
    Degree,
    /// How often an actor lies on shortest paths between others.
    Betweenness,
}

impl Measure {
    fn as_str(self) -> &'static str {
        match self {
            Measure::Pagerank => "pagerank",
            Measure::Degree => "degree",
            Measure::Betweenness => "betweenness",
        }
    }
}

/// `dot` arguments.
#[derive(Args)]
#[command(after_help = AFTER_HELP)]
pub struct DotArgs {
    /// Draw the ego network of this actor (id, name or alias).
    #[arg(long, value_name = "ACTOR", conflicts_with = "path")]
    around: Option<String>,
    /// With --around: how many steps out.
    #[arg(long, default_value_t = 1, value_name = "N", requires = "around")]
    depth: usize,
    /// Draw a shortest path between two actors with the acts on each hop.
    #[arg(long, num_args = 2, value_names = ["A", "B"])]
    path: Option<Vec<String>>,
    /// Keep only the N most central actors (by --size-by, default PageRank).
    #[arg(long, value_name = "N", conflicts_with = "path")]
    top: Option<usize>,
    #[command(flatten)]
    filter: FilterArgs,
    /// Group actors into labelled clusters.
    #[arg(long, value_enum, conflicts_with = "timeline")]
    cluster: Option<ClusterBy>,
    /// Draw parallel acts with the same action between a pair as one edge with a count and date range.
    #[arg(long)]
    merge: bool,
    /// Scale nodes by a centrality measure.
    #[arg(long, value_enum, value_name = "MEASURE")]
    size_by: Option<Measure>,
    /// Left to right in time: actors ranked by their first dated act, along a date axis.
    #[arg(long)]
    timeline: bool,
    /// Lay out left to right instead of top to bottom.
    #[arg(long)]
    lr: bool,
    /// Leave out the legend.
    #[arg(long)]
    no_legend: bool,
    /// Run Graphviz to produce this format (needs -o FILE).
    #[arg(long, value_enum, value_name = "FORMAT", requires = "output")]
    render: Option<Format>,
    /// Write to FILE instead of stdout (atomically; nothing is written on failure).
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Centrality of every projection node (undirected projection `und`; the
/// directed one is built for PageRank).
fn centrality(g: &Graph, filter: &EdgeFilter, und: &Csr, m: Measure) -> Result<Vec<f64>, Error> {
    Ok(match m {
        Measure::Degree => cent::degree(und),
        Measure::Betweenness => cent::betweenness(und, true),
        Measure::Pagerank => {
            let directed = Projection::new(g, filter, true);
            cent::pagerank(&directed.csr, 0.85, 100, 1e-6).map_err(Error::NoResult)?
        }
    })
}

/// Runs `dot`.
pub fn dot(ctx: &mut Ctx, a: DotArgs) -> Res<i32> {
    let g = ctx.load()?;
    let filter = a.filter.to_filter(&[])?;
    let format = a
        .render
        .or_else(|| a.output.as_deref().and_then(Format::from_path));

    // Resolve names before any work so typos fail fast.
    let around = a.around.as_deref().map(|x| g.resolve(x)).transpose()?;
    let path_ends = match &a.path {
        Some(p) => Some((g.resolve(&p[0])?, g.resolve(&p[1])?)),
        None => None,
    };

    let proj = Projection::new(&g, &filter, false);
    let node = |actor: u32, flag: &str| {
        proj.node(actor).ok_or_else(|| {
            Error::NoResult(format!(
                "{flag}: {} ({}) is left out by --kind",
                g.actor(actor).name,
                g.actor(actor).id
            ))
        })
    };
    let n = proj.actors.len();
    let mut keep = vec![false; n];
    let mut subtitle: Vec<String> = Vec::new();
    let mut path_nodes: Vec<u32> = Vec::new();

    if let Some(x) = around {
        let start = node(x, "--around")?;
        let mut dist = vec![usize::MAX; n];
        dist[start as usize] = 0;
        keep[start as usize] = true;
        let mut q = VecDeque::from([start]);
        while let Some(u) = q.pop_front() {
            if dist[u as usize] >= a.depth {
                continue;
            }
            for &v in proj.csr.neighbors(u).0 {
                if dist[v as usize] == usize::MAX {
                    dist[v as usize] = dist[u as usize] + 1;
                    keep[v as usize] = true;
                    q.push_back(v);
                }
            }
        }
        subtitle.push(format!("around {}, depth {}", g.actor(x).name, a.depth));
    } else if let Some((s, t)) = path_ends {
        let (ns, nt) = (node(s, "--path")?, node(t, "--path")?);
        path_nodes = paths::shortest_path(&proj.csr, ns, nt).ok_or_else(|| {
            Error::NoResult(format!(
                "no path between {} and {} in the selected edges",
                g.actor(s).name,
                g.actor(t).name
            ))
        })?;
        for &p in &path_nodes {
            keep[p as usize] = true;
        }
        subtitle.push(format!(
            "shortest path: {} → {} ({} step{})",
            g.actor(s).name,
            g.actor(t).name,
            path_nodes.len() - 1,
            if path_nodes.len() == 2 { "" } else { "s" }
        ));
    } else {
        // The whole selection: actors with a kept edge; isolated actors too
        // when nothing but --kind narrows the edges.
        let plain = filter.window.is_unbounded()
            && filter.actions.is_empty()
            && filter.categories.is_empty()
            && filter.statuses.is_empty()
            && !filter.exclude_ties;
        for &e in &proj.edges {
            let (s, t) = g.ends(e);
            keep[proj.node_of[s as usize] as usize] = true;
            keep[proj.node_of[t as usize] as usize] = true;
        }
        if plain {
            keep.iter_mut().for_each(|k| *k = true);
        }
    }

    // Scores, computed once on the whole filtered projection.
    let measure = a.size_by.or(a.top.map(|_| Measure::Pagerank));
    let scores = match measure {
        Some(m) => Some(centrality(&g, &filter, &proj.csr, m)?),
        None => None,
    };

    if let (Some(k), Some(sc)) = (a.top, &scores) {
        let mut ranked: Vec<u32> = (0..n as u32).filter(|&i| keep[i as usize]).collect();
        ranked.sort_by(|&x, &y| sc[y as usize].total_cmp(&sc[x as usize]).then(x.cmp(&y)));
        let mut top = vec![false; n];
        for &i in ranked.iter().take(k) {
            top[i as usize] = true;
        }
        if let Some(x) = around.and_then(|x| proj.node(x)) {
            top[x as usize] = true;
        }
        keep = top;
        subtitle.push(format!(
            "top {k} by {}",
            measure.map_or("", Measure::as_str)
        ));
    }

    // Edges: kept edges between kept actors; for a path, only the hops.
    let edges: Vec<u32> = if path_nodes.is_empty() {
        proj.edges
            .iter()
            .copied()
            .filter(|&e| {
                let (s, t) = g.ends(e);
                keep[proj.node_of[s as usize] as usize] && keep[proj.node_of[t as usize] as usize]
            })
            .collect()
    } else {
        let mut hop = vec![u32::MAX; n];
        for (i, &p) in path_nodes.iter().enumerate() {
            hop[p as usize] = i as u32;
        }
        proj.edges
            .iter()
            .copied()
            .filter(|&e| {
                let (s, t) = g.ends(e);
                let (hs, ht) = (
                    hop[proj.node_of[s as usize] as usize],
                    hop[proj.node_of[t as usize] as usize],
                );
                hs != u32::MAX && ht != u32::MAX && hs.abs_diff(ht) == 1
            })
            .collect()
    };
    let actors: Vec<u32> = (0..n)
        .filter(|&i| keep[i])
        .map(|i| proj.actors[i])
        .collect();
    if actors.is_empty() {
        return Err(Error::NoResult("nothing to draw: no actor passes the filters".into()).into());
    }
    if actors.len() > BIG {
        ctx.note(format!(
            "warning: {} actors is a lot for one diagram; narrow it with --around ACTOR, --top N or --cluster community",
            actors.len()
        ));
    }

    // Title lines: the selection, the filters, the window.
    let f = &a.filter;
    if !f.action.is_empty() {
        subtitle.push(format!("actions: {}", f.action.join(", ")));
    }
    if !f.category.is_empty() {
        subtitle.push(format!("categories: {}", f.category.join(", ")));
    }
    if !f.kind.is_empty() {
        subtitle.push(format!("kinds: {}", f.kind.join(", ")));
    }
    if !f.status.is_empty() {
        subtitle.push(format!("status: {}", f.status.join(", ")));
    }
    let window = match (&f.from, &f.to) {
        (Some(x), Some(y)) => format!("from {x} to {y}"),
        (Some(x), None) => format!("from {x}"),
        (None, Some(y)) => format!("up to {y}"),
        (None, None) => {
            extent(&g, &edges).map_or_else(|| "all dates".to_owned(), |x| format!("all dates: {x}"))
        }
    };
    let mut lines = Vec::new();
    if !subtitle.is_empty() {
        lines.push(subtitle.join(" · "));
    }
    lines.push(window);

    let clusters = match a.cluster {
        None => None,
        Some(ClusterBy::Country) => Some(Clusters::by_country(&g, &actors)),
        Some(ClusterBy::Kind) => Some(Clusters::by_kind(&g, &actors)),
        Some(ClusterBy::Community) => {
            // The blocs `polgraph communities` finds with its defaults
            // (Leiden, resolution 1, seed 42, best of 50/10/1 restarts by
            // size) on the whole filtered projection, for the actors drawn.
            let restarts = match proj.csr.link_count() {
                0..=5_000 => 50,
                5_001..=50_000 => 10,
                _ => 1,
            };
            let part = communities::best_of(&proj.csr, 1.0, 42, restarts, communities::leiden);
            let (mut membership, mut weight) = (Vec::new(), Vec::new());
            for &x in &actors {
                let node = proj.node_of[x as usize];
                membership.push(part.membership[node as usize]);
                weight.push(proj.csr.strength(node));
            }
            Some(Clusters::from_membership(&g, &actors, &membership, &weight))
        }
    };
    let sizes = match (a.size_by, &scores) {
        (Some(m), Some(sc)) => {
            let mut score = vec![0.0; g.actor_count()];
            for (i, &x) in proj.actors.iter().enumerate() {
                score[x as usize] = sc[i];
            }
            Some(Sizes {
                measure: m.as_str().to_owned(),
                score,
            })
        }
        _ => None,
    };

    let name = &g.doc().name;
    let opts = DotOptions {
        title: if name.is_empty() {
            graph_stem(ctx)
        } else {
            name.clone()
        },
        subtitle: lines,
        merge: a.merge,
        clusters,
        sizes,
        timeline: a.timeline,
        left_to_right: a.lr || !path_nodes.is_empty(),
        legend: !a.no_legend,
        ..DotOptions::default()
    };
    let diagram = Diagram { actors, edges };
    let bytes = render::to_bytes(&g, &diagram, &opts);

    match (format, &a.output) {
        (Some(fmt), Some(out)) => {
            let rendered = run_graphviz(&bytes, fmt)?;
            store::write_atomic(out, &rendered.0)?;
            for line in rendered.1.lines().filter(|l| !l.trim().is_empty()) {
                ctx.note(format!("graphviz: {line}"));
            }
            ctx.note(format!("wrote {} ({})", out.display(), fmt.as_str()));
        }
        (Some(_), None) => {
            return Err(Error::Usage("--render needs -o FILE".into()).into());
        }
        (None, Some(out)) => {
            store::write_atomic(out, &bytes)?;
            ctx.note(format!("wrote {}", out.display()));
        }
        (None, None) => ctx.out.write_all(&bytes)?,
    }
    Ok(0)
}

fn graph_stem(ctx: &Ctx) -> String {
    ctx.graph_path()
        .ok()
        .and_then(|p| p.file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The dates the drawn edges cover, as `first – last`: the earliest known
/// start and the latest known end (open sides are ignored).
fn extent(g: &Graph, edges: &[u32]) -> Option<String> {
    let mut lo: Option<polgraph::model::PartialDate> = None;
    let mut hi: Option<polgraph::model::PartialDate> = None;
    for &e in edges {
        let Some(d) = g.edge(e).date else { continue };
        if let Some(s) = d.start() {
            if lo.is_none_or(|l| s < l) {
                lo = Some(s);
            }
        }
        if let Some(x) = d.end() {
            if hi.is_none_or(|h| (x.last_day(), x) > (h.last_day(), h)) {
                hi = Some(x);
            }
        }
    }
    Some(match (lo, hi) {
        (Some(s), Some(e)) if s == e => s.to_string(),
        (Some(s), Some(e)) => format!("{s} – {e}"),
        (Some(s), None) => format!("since {s}"),
        (None, Some(e)) => format!("up to {e}"),
        (None, None) => return None,
    })
}

/// Runs Graphviz's `dot -T<fmt>` on the DOT; returns its output and stderr.
fn run_graphviz(dot_src: &[u8], fmt: Format) -> Result<(Vec<u8>, String), Error> {
    let child = Command::new("dot")
        .arg(format!("-T{}", fmt.as_str()))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(Error::External(
                "Graphviz is not installed (no `dot` program on PATH), so nothing was rendered or written.\n\
                 Install it with `apt-get install graphviz` (Debian/Ubuntu), `dnf install graphviz` (Fedora) \
                 or `brew install graphviz` (macOS), or drop --render to get the DOT text."
                    .into(),
            ))
        }
        Err(e) => return Err(Error::External(format!("cannot run Graphviz `dot`: {e}"))),
    };
    // Feed stdin from a thread so a large output cannot deadlock the pipes.
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let src = dot_src.to_vec();
    let feeder = std::thread::spawn(move || stdin.write_all(&src));
    let out = child
        .wait_with_output()
        .map_err(|e| Error::External(format!("Graphviz `dot` failed: {e}")))?;
    let fed = feeder
        .join()
        .unwrap_or_else(|_| Err(io::Error::other("writer thread panicked")));
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if !out.status.success() {
        return Err(Error::External(format!(
            "Graphviz `dot -T{}` failed ({}); nothing written:\n{}",
            fmt.as_str(),
            out.status,
            stderr.trim_end()
        )));
    }
    if let Err(e) = fed {
        return Err(Error::External(format!(
            "could not send the diagram to Graphviz `dot`: {e}"
        )));
    }
    Ok((out.stdout, stderr))
}
