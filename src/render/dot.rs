//! Graphviz DOT output, written through the [`dot_writer`] crate.
//!
//! The renderer is pure: it takes a [`Graph`], a [`Diagram`] (which actors
//! and edges to draw) and [`DotOptions`] (how), and renders into a byte
//! buffer ([`to_bytes`]) or any [`Write`] ([`render`]). Choosing what to
//! draw — an ego network, a path, the most central actors — is the caller's
//! business.
//!
//! # Safe for any text
//!
//! Node ids are generated (`n0`, `n1`, … by actor number), so no user text
//! ever appears outside a quoted attribute value. Every value goes through
//! [`escape`], which handles quotes, backslashes (so a name can never trigger
//! Graphviz's own `\N`, `\G`, `\E`, `\T`, `\H`, `\L`, `\l`, `\n`, `\r`
//! escapes), newlines, control characters and `&` (Graphviz expands HTML
//! entities such as `&lt;` in labels). Braces, `->`, `:`, `<…>` and
//! non-Latin scripts need nothing inside a quoted value: no record shapes or
//! HTML labels are used.
//!
//! dot-writer panics on write errors, so it only ever writes into a
//! `Vec<u8>`; [`render`] copies that buffer to the real writer and returns
//! its I/O errors.
//!
//! # Cost
//!
//! O(n + m) in the number of drawn actors and edges (plus the length of the
//! text written), with hash maps for merging parallel edges; no quadratic
//! string building.
//!
//! ```
//! use polgraph::model::{Actor, Document, Edge, EdgeDate};
//! use polgraph::render::dot::{self, Diagram, DotOptions};
//! use polgraph::Graph;
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let mut doc = Document::new("example");
//! doc.actors.push(Actor::new("court", "Seoul \"Central\" District Court", "court"));
//! doc.actors.push(Actor::new("jpn-gov", "Government of Japan", "government"));
//! let mut e = Edge::new("court", "ruled", "jpn-gov");
//! e.date = Some(EdgeDate::parse("2021-01")?);
//! doc.edges.push(e);
//! let g = Graph::new(doc)?;
//!
//! let diagram = Diagram::whole(&g);
//! let out = String::from_utf8(dot::to_bytes(&g, &diagram, &DotOptions::default()))?;
//! assert!(out.contains(r#"label="Seoul \"Central\"\nDistrict Court""#));
//! assert!(out.contains(r#"n0 -> n1 [label="ruled · 2021-01""#));
//! # Ok(()) }
//! ```

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use dot_writer::{Attributes, DotWriter, Scope};

use crate::graph::Graph;
use crate::model::{Actor, EdgeDate, PartialDate, Precision, QuadClass, Source, Status};

/// Where an escaped value goes; Graphviz unescapes the two differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Escape {
    /// A `label` (node, edge, cluster or graph title): Graphviz turns `\\`
    /// into `\` once, so a backslash is written `\\`.
    Label,
    /// A `tooltip`: Graphviz unescapes backslashes twice (and expands `\N`,
    /// `\E`… between the two passes), so a backslash is written `\\\\`.
    Tooltip,
}

/// Appends `s` to `out`, escaped for a double-quoted DOT attribute value.
///
/// - `"` becomes `\"`;
/// - `\` becomes `\\` (`\\\\` for [`Escape::Tooltip`]), so no name can
///   trigger Graphviz's `\N`, `\G`, `\E`, `\T`, `\H`, `\L`, `\l`, `\n`, `\r`;
/// - a newline becomes `\n` (a centred line break in Graphviz);
/// - a tab becomes a space; CR and every other control character is dropped;
/// - `&` becomes `&amp;`, because Graphviz expands entities such as `&lt;`
///   in labels and would otherwise show `&lt;b&gt;` as `<b>`;
/// - everything else (braces, `->`, `:`, `<…>`, any script, emoji) is kept.
///
/// Linear in the length of `s`.
pub fn escape_into(out: &mut String, s: &str, mode: Escape) {
    out.reserve(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str(match mode {
                Escape::Label => "\\\\",
                Escape::Tooltip => "\\\\\\\\",
            }),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            '&' => out.push_str("&amp;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// `s` escaped for a double-quoted DOT attribute value (see [`escape_into`]).
///
/// ```
/// use polgraph::render::dot::{escape, Escape};
/// assert_eq!(escape("say \"hi\"\\N\r\n<b>&", Escape::Label), r#"say \"hi\"\\N\n<b>&amp;"#);
/// assert_eq!(escape("a\\b", Escape::Tooltip), r"a\\\\b");
/// assert_eq!(escape("서울중앙지방법원", Escape::Label), "서울중앙지방법원");
/// ```
pub fn escape(s: &str, mode: Escape) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_into(&mut out, s, mode);
    out
}

/// A date as a diagram shows it: at its precision, intervals compacted when
/// both ends share the year (and month): `2021-01-18/2021-01-24` →
/// `2021-01-18/24`, `2021-01/2021-03` → `2021-01/03`; open intervals read
/// `since 2020-07` and `by 2021-01-15`; anything else is shown as written.
///
/// ```
/// use polgraph::model::EdgeDate;
/// use polgraph::render::dot::date_label;
/// let l = |s: &str| date_label(&EdgeDate::parse(s).unwrap());
/// assert_eq!(l("2021-01-15"), "2021-01-15");
/// assert_eq!(l("2021-01-18/2021-01-24"), "2021-01-18/24");
/// assert_eq!(l("2021-01/2021-03"), "2021-01/03");
/// assert_eq!(l("2021-01-30/2021-02-02"), "2021-01-30/2021-02-02");
/// assert_eq!(l("2020-07/.."), "since 2020-07");
/// assert_eq!(l("../2021-01"), "by 2021-01");
/// ```
pub fn date_label(d: &EdgeDate) -> String {
    match *d {
        EdgeDate::Single(p) => p.to_string(),
        EdgeDate::Interval {
            start: Some(s),
            end: Some(e),
        } => {
            if s == e {
                return s.to_string();
            }
            match (s.precision(), e.precision()) {
                (Precision::Day, Precision::Day)
                    if s.year() == e.year() && s.month() == e.month() =>
                {
                    format!("{s}/{:02}", e.day().unwrap_or(0))
                }
                (Precision::Month, Precision::Month) if s.year() == e.year() => {
                    format!("{s}/{:02}", e.month().unwrap_or(0))
                }
                _ => format!("{s}/{e}"),
            }
        }
        EdgeDate::Interval {
            start: Some(s),
            end: None,
        } => format!("since {s}"),
        EdgeDate::Interval {
            start: None,
            end: Some(e),
        } => format!("by {e}"),
        EdgeDate::Interval {
            start: None,
            end: None,
        } => "..".to_owned(),
    }
}

/// The smallest date covering all of `dates`: from the earliest start to the
/// latest end (an open side stays open). `None` when `dates` is empty.
///
/// ```
/// use polgraph::model::EdgeDate;
/// use polgraph::render::dot::{date_label, date_range};
/// let d = |s: &str| EdgeDate::parse(s).unwrap();
/// let r = date_range([d("2021-01-20"), d("2021-01-15"), d("2021-01-18/2021-01-24")]).unwrap();
/// assert_eq!(date_label(&r), "2021-01-15/24");
/// assert_eq!(date_range([d("2019-08"), d("2019-08")]), Some(d("2019-08")));
/// ```
pub fn date_range(dates: impl IntoIterator<Item = EdgeDate>) -> Option<EdgeDate> {
    let mut it = dates.into_iter();
    let first = it.next()?;
    let (mut lo, mut hi) = (first, first);
    let end_key = |d: &EdgeDate| d.span().end.map_or(i64::MAX, |x| i64::from(x.0));
    let mut all_same = true;
    for d in it {
        all_same &= d == first;
        if d < lo {
            lo = d;
        }
        if (end_key(&d), d) > (end_key(&hi), hi) {
            hi = d;
        }
    }
    if all_same {
        return Some(first);
    }
    let (start, end) = (lo.start(), hi.end());
    Some(match (start, end) {
        (Some(s), Some(e)) if s == e => EdgeDate::Single(s),
        _ => EdgeDate::Interval { start, end },
    })
}

/// The look of one family of actor kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KindStyle {
    /// Legend text, e.g. `Government · ministry · agency`.
    pub legend: &'static str,
    /// Cluster label when clustering by kind, e.g. `Governments`.
    pub plural: &'static str,
    /// Graphviz shape.
    pub shape: &'static str,
    /// Graphviz node style.
    pub style: &'static str,
    /// Fill colour.
    pub fill: &'static str,
    /// Border colour.
    pub border: &'static str,
    /// Number of borders (2 draws a double outline).
    pub peripheries: u8,
}

const fn ks(
    legend: &'static str,
    plural: &'static str,
    shape: &'static str,
    style: &'static str,
    fill: &'static str,
    border: &'static str,
    peripheries: u8,
) -> KindStyle {
    KindStyle {
        legend,
        plural,
        shape,
        style,
        fill,
        border,
        peripheries,
    }
}

/// Kind families in legend order; [`kind_style`] maps a kind to one.
pub const KIND_STYLES: [KindStyle; 11] = [
    ks(
        "State",
        "States",
        "doubleoctagon",
        "filled",
        "#decbe4",
        "#7a5a8c",
        1,
    ),
    ks(
        "Government · ministry · agency",
        "Governments and ministries",
        "box",
        "rounded,filled",
        "#b3cde3",
        "#3f6f9a",
        1,
    ),
    ks(
        "Court", "Courts", "house", "filled", "#e5d8bd", "#8c6d3f", 1,
    ),
    ks(
        "Legislature",
        "Legislatures",
        "trapezium",
        "filled",
        "#fddaec",
        "#a0567e",
        1,
    ),
    ks(
        "Party · faction",
        "Parties and factions",
        "hexagon",
        "filled",
        "#fbb4ae",
        "#b24a41",
        1,
    ),
    ks(
        "Person", "People", "ellipse", "filled", "#ffffcc", "#99994d", 1,
    ),
    ks(
        "NGO · group",
        "NGOs and groups",
        "octagon",
        "filled",
        "#ccebc5",
        "#4e8a45",
        1,
    ),
    ks("Media", "Media", "note", "filled", "#f2f2f2", "#777777", 1),
    ks(
        "International body",
        "International bodies",
        "box",
        "filled",
        "#fed9a6",
        "#b07a2a",
        2,
    ),
    ks(
        "Company",
        "Companies",
        "box3d",
        "filled",
        "#e0ecf4",
        "#5a7184",
        1,
    ),
    ks(
        "Other",
        "Other actors",
        "box",
        "filled",
        "#ffffff",
        "#777777",
        1,
    ),
];

/// The family number (index into [`KIND_STYLES`]) of an actor kind.
pub fn kind_family(kind: &str) -> usize {
    match kind {
        "state" => 0,
        "government" | "ministry" | "bureau" | "agency" => 1,
        "court" => 2,
        "legislature" => 3,
        "party" | "faction" => 4,
        "person" => 5,
        "ngo" | "group" => 6,
        "media" => 7,
        "international_org" => 8,
        "company" => 9,
        _ => 10,
    }
}

/// The look of an actor kind.
pub fn kind_style(kind: &str) -> &'static KindStyle {
    &KIND_STYLES[kind_family(kind)]
}

fn kind_fill(kind: &str) -> &'static str {
    // Shades within the executive family, so a ministry is told from its government.
    match kind {
        "government" => "#9ecae1",
        "ministry" => "#c6dbef",
        "bureau" | "agency" => "#deebf7",
        _ => kind_style(kind).fill,
    }
}

/// Edge colour of a quad class (and its legend text).
pub fn quad_style(q: QuadClass) -> (&'static str, &'static str) {
    match q {
        QuadClass::VerbalCooperation => ("#41ab5d", "verbal cooperation"),
        QuadClass::MaterialCooperation => ("#006d2c", "material cooperation"),
        QuadClass::VerbalConflict => ("#ef6548", "verbal conflict"),
        QuadClass::MaterialConflict => ("#b30000", "material conflict"),
        QuadClass::Neutral => ("#4d4d4d", "statement / neutral"),
    }
}

/// Up to this many drawn edges, edge labels repeat the edge's tooltip.
pub const LABEL_TOOLTIP_LIMIT: usize = 5000;

/// Up to this many drawn edges, edges carry tooltips (summary, sources);
/// beyond it a diagram is too big to hover over and they are left out.
pub const EDGE_TOOLTIP_LIMIT: usize = 20_000;
const TIE_COLOR: &str = "#9a9a9a";
const FONT: &str = "Helvetica,Arial,sans-serif";

/// Actors grouped into labelled Graphviz clusters.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Clusters {
    /// Label of each cluster, by cluster number.
    pub labels: Vec<String>,
    /// Cluster number of each actor, by actor number; `u32::MAX` (or a
    /// missing entry) leaves the actor outside every cluster.
    pub of_actor: Vec<u32>,
}

impl Clusters {
    fn group(g: &Graph, actors: &[u32], key: impl Fn(&Actor) -> Option<String>) -> Clusters {
        let mut keys: Vec<String> = actors.iter().filter_map(|&a| key(g.actor(a))).collect();
        keys.sort();
        keys.dedup();
        let mut of_actor = vec![u32::MAX; g.actor_count()];
        for &a in actors {
            if let Some(k) = key(g.actor(a)) {
                of_actor[a as usize] = keys.binary_search(&k).map_or(u32::MAX, |i| i as u32);
            }
        }
        Clusters {
            labels: keys,
            of_actor,
        }
    }

    /// One cluster per country code (actors without a country stay outside),
    /// labelled with the code, in code order.
    pub fn by_country(g: &Graph, actors: &[u32]) -> Clusters {
        Clusters::group(g, actors, |a| a.country.clone())
    }

    /// One cluster per kind family (see [`KIND_STYLES`]), labelled with its
    /// plural name, in legend order.
    pub fn by_kind(g: &Graph, actors: &[u32]) -> Clusters {
        let mut c = Clusters::group(g, actors, |a| Some(format!("{:02}", kind_family(&a.kind))));
        for l in &mut c.labels {
            let fam: usize = l.parse().unwrap_or(10);
            *l = KIND_STYLES[fam].plural.to_owned();
        }
        c
    }

    /// Clusters from a partition: `membership[i]` is the community of
    /// `actors[i]`; `weight[i]` ranks members (e.g. degree). Communities are
    /// numbered 1, 2, … by size (largest first, then by lowest actor number)
    /// and labelled with their most weighty member: `Community 1: around
    /// Government of Japan`. Single-member communities stay outside clusters.
    pub fn from_membership(
        g: &Graph,
        actors: &[u32],
        membership: &[u32],
        weight: &[f64],
    ) -> Clusters {
        let count = membership
            .iter()
            .map(|&m| m as usize + 1)
            .max()
            .unwrap_or(0);
        // (size, lowest actor, best member, best weight)
        let mut info: Vec<(usize, u32, u32, f64)> =
            vec![(0, u32::MAX, u32::MAX, f64::NEG_INFINITY); count];
        for (i, (&a, &m)) in actors.iter().zip(membership).enumerate() {
            let w = weight.get(i).copied().unwrap_or(0.0);
            let e = &mut info[m as usize];
            e.0 += 1;
            e.1 = e.1.min(a);
            if w > e.3 || (w == e.3 && a < e.2) {
                e.2 = a;
                e.3 = w;
            }
        }
        let mut order: Vec<usize> = (0..count).filter(|&c| info[c].0 > 1).collect();
        order.sort_by(|&x, &y| info[y].0.cmp(&info[x].0).then(info[x].1.cmp(&info[y].1)));
        let mut number = vec![u32::MAX; count];
        let mut labels = Vec::with_capacity(order.len());
        for (k, &c) in order.iter().enumerate() {
            number[c] = k as u32;
            labels.push(format!(
                "Community {}: around {}",
                k + 1,
                g.actor(info[c].2).name
            ));
        }
        let mut of_actor = vec![u32::MAX; g.actor_count()];
        for (&a, &m) in actors.iter().zip(membership) {
            of_actor[a as usize] = number[m as usize];
        }
        Clusters { labels, of_actor }
    }
}

/// Node sizes by a centrality measure.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sizes {
    /// Name of the measure, shown in tooltips (`pagerank`).
    pub measure: String,
    /// Score of each actor, by actor number (missing entries count as 0).
    pub score: Vec<f64>,
}

/// What to draw: actors and edges of a [`Graph`], by number.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagram {
    /// Actors to draw, in the order they are written.
    pub actors: Vec<u32>,
    /// Edges to draw, in the order they are written. An edge whose ends are
    /// not both among `actors` is skipped.
    pub edges: Vec<u32>,
}

impl Diagram {
    /// Every actor and every edge, in document order.
    pub fn whole(g: &Graph) -> Diagram {
        Diagram {
            actors: (0..g.actor_count() as u32).collect(),
            edges: (0..g.edge_count() as u32).collect(),
        }
    }
}

/// How to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct DotOptions {
    /// First title line (usually the graph's name); empty for none.
    pub title: String,
    /// Further title lines: the selection and the date window.
    pub subtitle: Vec<String>,
    /// Draw parallel edges with the same action between a pair as one edge
    /// labelled with the count and date range.
    pub merge: bool,
    /// Group actors into labelled clusters.
    pub clusters: Option<Clusters>,
    /// Scale nodes by a centrality score.
    pub sizes: Option<Sizes>,
    /// Left to right in time: actors ranked by their first dated act, with
    /// a date axis; clusters are ignored.
    pub timeline: bool,
    /// Lay out left to right (`rankdir=LR`) instead of top to bottom.
    pub left_to_right: bool,
    /// Draw a legend of the node kinds and edge styles in use.
    pub legend: bool,
    /// Longest node label, in characters, before it is cut with `…` (the
    /// tooltip keeps the full name).
    pub max_label: usize,
}

impl Default for DotOptions {
    fn default() -> DotOptions {
        DotOptions {
            title: String::new(),
            subtitle: Vec::new(),
            merge: false,
            clusters: None,
            sizes: None,
            timeline: false,
            left_to_right: false,
            legend: false,
            max_label: 60,
        }
    }
}

/// Renders the diagram and writes it to `w`. The DOT is built in memory
/// first (see the module docs), so `w` sees one write; its errors (such as
/// a closed pipe) are returned.
pub fn render<W: Write + ?Sized>(
    g: &Graph,
    d: &Diagram,
    o: &DotOptions,
    w: &mut W,
) -> io::Result<()> {
    w.write_all(&to_bytes(g, d, o))
}

/// Breaks a name into lines of about `width` characters at spaces and cuts
/// it at `max` characters with `…`.
fn wrap_name(name: &str, width: usize, max: usize) -> String {
    let mut out = String::with_capacity(name.len().min(max * 4) + 4);
    let mut line = 0usize;
    let mut total = 0usize;
    for (i, word) in name.split(' ').enumerate() {
        let n = word.chars().count();
        if i > 0 {
            if line > 0 && line + 1 + n > width {
                out.push('\n');
                line = 0;
            } else {
                out.push(' ');
                line += 1;
            }
            total += 1;
        }
        for c in word.chars() {
            if total >= max {
                out.push('…');
                return out;
            }
            out.push(c);
            total += 1;
            line += 1;
        }
    }
    out
}

/// Writes one `key=value` into a reusable buffer and returns it.
fn esc<'a>(buf: &'a mut String, s: &str, mode: Escape) -> &'a str {
    buf.clear();
    escape_into(buf, s, mode);
    buf
}

fn status_note(s: Status) -> &'static str {
    match s {
        Status::Occurred => "",
        Status::Planned => " (planned)",
        Status::Demanded => " (demanded)",
        Status::Reported => " (reported)",
        Status::Denied => " (denied)",
    }
}

/// One drawn edge: a single act, or several merged.
struct Drawn {
    first: u32,
    members: Vec<u32>,
}

struct Ctx<'g> {
    g: &'g Graph,
    sources: HashMap<&'g str, &'g Source>,
    buf: String,
    text: String,
}

impl<'g> Ctx<'g> {
    fn cite_lines(&mut self, e: u32) {
        let edge = self.g.edge(e);
        for (k, c) in edge.cites.iter().enumerate() {
            if k == 3 {
                let _ = write!(self.text, "\n(+{} more sources)", edge.cites.len() - 3);
                break;
            }
            match self.sources.get(c.as_str()) {
                Some(s) => {
                    let _ = write!(self.text, "\nSource: {}", s.title);
                    if let Some(p) = &s.publisher {
                        let _ = write!(self.text, " — {p}");
                    }
                    if let Some(d) = &s.date {
                        let _ = write!(self.text, ", {d}");
                    }
                }
                None => {
                    let _ = write!(self.text, "\nSource: {c}");
                }
            }
        }
    }
}

fn node_id(buf: &mut String, prefix: char, n: u32) -> &str {
    buf.clear();
    buf.push(prefix);
    let _ = write!(buf, "{n}");
    buf
}

/// Renders the diagram as DOT into a new buffer. Deterministic: the same
/// input gives the same bytes.
pub fn to_bytes(g: &Graph, d: &Diagram, o: &DotOptions) -> Vec<u8> {
    let n_actors = g.actor_count();
    let mut drawn_actor = vec![false; n_actors];
    let mut actors: Vec<u32> = Vec::with_capacity(d.actors.len());
    for &a in &d.actors {
        if (a as usize) < n_actors && !drawn_actor[a as usize] {
            drawn_actor[a as usize] = true;
            actors.push(a);
        }
    }
    let edges: Vec<u32> = d
        .edges
        .iter()
        .copied()
        .filter(|&e| (e as usize) < g.edge_count())
        .filter(|&e| {
            let (s, t) = g.ends(e);
            drawn_actor[s as usize] && drawn_actor[t as usize]
        })
        .collect();

    // Group parallel edges when merging: key (source, target, action), with
    // the ends ordered for symmetric actions.
    let mut groups: Vec<Drawn> = Vec::with_capacity(edges.len());
    if o.merge {
        let mut at: HashMap<(u32, u32, &str), usize> = HashMap::with_capacity(edges.len());
        for &e in &edges {
            let (mut s, mut t) = g.ends(e);
            if g.info(e).symmetric && t < s {
                std::mem::swap(&mut s, &mut t);
            }
            let k = (s, t, g.edge(e).action.as_str());
            match at.get(&k) {
                Some(&i) => groups[i].members.push(e),
                None => {
                    at.insert(k, groups.len());
                    groups.push(Drawn {
                        first: e,
                        members: vec![e],
                    });
                }
            }
        }
    } else {
        groups.extend(edges.iter().map(|&e| Drawn {
            first: e,
            members: Vec::new(),
        }));
    }

    let mut ctx = Ctx {
        g,
        sources: g.doc().sources.iter().map(|s| (s.id.as_str(), s)).collect(),
        buf: String::new(),
        text: String::new(),
    };
    let mut id = String::new();
    let mut id2 = String::new();

    let clusters = if o.timeline {
        None
    } else {
        o.clusters.as_ref()
    };
    let max_score = o.sizes.as_ref().map_or(0.0, |s| {
        actors
            .iter()
            .filter_map(|&a| s.score.get(a as usize).copied())
            .filter(|x| x.is_finite())
            .fold(0.0f64, f64::max)
    });

    // The edge's tooltip on its label too, unless the graph is so big that
    // doubling the text would matter.
    let label_tooltips = groups.len() <= LABEL_TOOLTIP_LIMIT;
    // No edge tooltips at all in drawings too big to hover over: they are
    // most of the bytes (and of the time) of a whole-graph DOT of 1M acts.
    let edge_tooltips = groups.len() <= EDGE_TOOLTIP_LIMIT;
    let mut out: Vec<u8> = Vec::with_capacity(256 + actors.len() * 200 + groups.len() * 250);
    {
        let mut w = DotWriter::from(&mut out);
        w.set_pretty_print(true);
        let mut root = w.digraph();

        // Graph attributes and the title.
        {
            let mut title = o.title.clone();
            for l in &o.subtitle {
                if !title.is_empty() {
                    title.push('\n');
                }
                title.push_str(l);
            }
            let mut ga = root.graph_attributes();
            if !title.is_empty() {
                ga.set("label", esc(&mut ctx.buf, &title, Escape::Label), true);
                ga.set("labelloc", "t", false);
                ga.set("fontsize", "20", false);
            }
            ga.set("fontname", FONT, true);
            ga.set(
                "rankdir",
                if o.timeline || o.left_to_right {
                    "LR"
                } else {
                    "TB"
                },
                false,
            );
            ga.set("newrank", "true", false);
            ga.set("nodesep", "0.35", false);
            ga.set("ranksep", if o.timeline { "0.6" } else { "0.7" }, false);
            ga.set("outputorder", "edgesfirst", false);
            ga.set("pad", "0.3", false);
        }
        root.node_attributes()
            .set("fontname", FONT, true)
            .set("fontsize", "12", false)
            .set("margin", "\"0.12,0.06\"", false);
        root.edge_attributes()
            .set("fontname", FONT, true)
            .set("fontsize", "10", false)
            .set("arrowsize", "0.7", false);

        // Nodes, inside their clusters.
        let mut in_cluster: Vec<Vec<u32>> = Vec::new();
        let mut loose: Vec<u32> = Vec::with_capacity(actors.len());
        match clusters {
            Some(c) => {
                in_cluster = vec![Vec::new(); c.labels.len()];
                for &a in &actors {
                    match c.of_actor.get(a as usize).copied() {
                        Some(k) if (k as usize) < in_cluster.len() => {
                            in_cluster[k as usize].push(a)
                        }
                        _ => loose.push(a),
                    }
                }
            }
            None => loose.extend_from_slice(&actors),
        }
        for (k, members) in in_cluster.iter().enumerate() {
            if members.is_empty() {
                continue;
            }
            let label = &clusters.expect("clusters when in_cluster is filled").labels[k];
            let mut sc = root.cluster();
            sc.set("label", esc(&mut ctx.buf, label, Escape::Label), true);
            sc.set("style", "rounded,filled", true);
            sc.set("fillcolor", "#f7f7f7", true);
            sc.set("color", "#bdbdbd", true);
            sc.set("fontsize", "14", false);
            sc.set("labeljust", "l", false);
            for &a in members {
                emit_node(&mut sc, &mut ctx, &mut id, a, o, max_score);
            }
        }
        for &a in &loose {
            emit_node(&mut root, &mut ctx, &mut id, a, o, max_score);
        }

        // Timeline: a date axis, each actor on the rank of its first act.
        if o.timeline {
            // An act is placed at its start, or at its end when the start is
            // open (`../2021-01` sits at 2021-01).
            let mut first: Vec<Option<PartialDate>> = vec![None; n_actors];
            for &e in &edges {
                if let Some(date) = g.edge(e).date.and_then(|d| d.start().or(d.end())) {
                    let (s, t) = g.ends(e);
                    for x in [s, t] {
                        let f = &mut first[x as usize];
                        if f.is_none_or(|f| date < f) {
                            *f = Some(date);
                        }
                    }
                }
            }
            let mut steps: Vec<PartialDate> =
                actors.iter().filter_map(|&a| first[a as usize]).collect();
            steps.sort();
            steps.dedup();
            let undated = actors.iter().any(|&a| first[a as usize].is_none());
            let axis = steps.len() + usize::from(undated);
            for i in 0..axis {
                let label = steps
                    .get(i)
                    .map_or_else(|| "undated".to_owned(), |p| p.to_string());
                root.node_named(node_id(&mut id, 't', i as u32))
                    .set("label", esc(&mut ctx.buf, &label, Escape::Label), true)
                    .set("shape", "plaintext", false)
                    .set("fontsize", "11", false)
                    .set("fontcolor", "#555555", true);
            }
            for i in 1..axis {
                node_id(&mut id2, 't', i as u32);
                root.edge(node_id(&mut id, 't', i as u32 - 1), &id2)
                    .attributes()
                    .set("color", "#bbbbbb", true)
                    .set("arrowhead", "none", false)
                    .set("weight", "100", false);
            }
            let mut rank: Vec<Vec<u32>> = vec![Vec::new(); axis];
            for &a in &actors {
                let r = match first[a as usize] {
                    Some(f) => steps.binary_search(&f).unwrap_or(0),
                    None => steps.len(),
                };
                rank[r].push(a);
            }
            for (i, members) in rank.iter().enumerate() {
                let mut sub = root.subgraph();
                sub.set("rank", "same", false);
                sub.node_named(node_id(&mut id, 't', i as u32));
                for &a in members {
                    sub.node_named(node_id(&mut id, 'n', a));
                }
            }
        }

        // Edges.
        let mut quads_used = [false; 5];
        let (mut tie_used, mut dotted_used) = (false, false);
        for grp in &groups {
            let e = grp.first;
            let edge = g.edge(e);
            let info = g.info(e);
            let (s, t) = g.ends(e);
            let members: &[u32] = if grp.members.is_empty() {
                std::slice::from_ref(&grp.first)
            } else {
                &grp.members
            };
            let count = members.len();
            let status = if members.iter().all(|&x| g.edge(x).status == edge.status) {
                Some(edge.status)
            } else {
                None
            };
            let date = if count == 1 {
                edge.date
            } else {
                date_range(members.iter().filter_map(|&x| g.edge(x).date))
            };

            // Label: action (×count) · date (status)
            let mut label = edge.action.replace('_', " ");
            if count > 1 {
                let _ = write!(label, " ×{count}");
            }
            if let Some(d) = &date {
                label.push_str(" · ");
                label.push_str(&date_label(d));
            }
            if let Some(st) = status {
                label.push_str(status_note(st));
            }

            if edge_tooltips {
                // Tooltip: who did what to whom, when, the summary and the sources.
                ctx.text.clear();
                let _ = write!(
                    ctx.text,
                    "{} — {} → {}",
                    g.actor(s).name,
                    edge.action,
                    g.actor(t).name
                );
                if count == 1 {
                    if let Some(d) = &edge.date {
                        let _ = write!(ctx.text, "\n{d}");
                    }
                    if edge.status != Status::Occurred {
                        let _ = write!(ctx.text, " ({})", edge.status);
                    }
                    if let Some(sum) = &edge.summary {
                        let _ = write!(ctx.text, "\n{sum}");
                    }
                    ctx.cite_lines(e);
                    let _ = write!(ctx.text, "\n[edge {}]", edge.id);
                } else {
                    let _ = write!(ctx.text, "\n{count} acts");
                    for &x in members.iter().take(8) {
                        let ex = g.edge(x);
                        let _ = write!(
                            ctx.text,
                            "\n• {}",
                            ex.date
                                .map_or_else(|| "undated".to_owned(), |d| d.to_string())
                        );
                        if ex.status != Status::Occurred {
                            let _ = write!(ctx.text, " ({})", ex.status);
                        }
                        if let Some(sum) = &ex.summary {
                            let _ = write!(ctx.text, ": {sum}");
                        }
                        let _ = write!(ctx.text, " [edge {}]", ex.id);
                    }
                    if count > 8 {
                        let _ = write!(ctx.text, "\n… and {} more", count - 8);
                    }
                    ctx.cite_lines(e);
                }
            }

            let (color, _) = quad_style(info.quad);
            let color = if info.tie { TIE_COLOR } else { color };
            let dotted = members
                .iter()
                .all(|&x| matches!(g.edge(x).status, Status::Planned | Status::Demanded));
            let style = if info.tie {
                tie_used = true;
                "dashed"
            } else if dotted {
                dotted_used = true;
                "dotted"
            } else {
                "solid"
            };
            if !info.tie {
                quads_used[quad_index(info.quad)] = true;
            }
            let width = if info.tie {
                "1"
            } else if info.quad.is_material() {
                "2.2"
            } else {
                "1.4"
            };

            node_id(&mut id2, 'n', t);
            let mut at = root.edge(node_id(&mut id, 'n', s), &id2).attributes();
            // On a timeline most acts join actors of one date rank: Graphviz
            // lays such flat edges' labels out as extra nodes between the
            // ranks and, with several labelled edges both ways between one
            // pair, fails to route them ("triangulation failed", edges
            // dropped). External labels are placed after routing instead.
            let label_key = if o.timeline { "xlabel" } else { "label" };
            at.set(label_key, esc(&mut ctx.buf, &label, Escape::Label), true);
            if edge_tooltips {
                at.set(
                    "tooltip",
                    esc(&mut ctx.buf, &ctx.text, Escape::Tooltip),
                    true,
                );
                if label_tooltips {
                    at.set("labeltooltip", &ctx.buf, true);
                }
            }
            at.set("color", color, true);
            at.set("fontcolor", if info.tie { "#6e6e6e" } else { color }, true);
            at.set("style", style, false);
            at.set("penwidth", width, false);
            if info.symmetric {
                at.set("dir", "none", false);
            }
            if info.tie {
                at.set("arrowhead", "empty", false);
            }
            if o.timeline {
                at.set("constraint", "false", false);
            }
            if let Some(url) = edge
                .cites
                .first()
                .and_then(|c| ctx.sources.get(c.as_str()))
                .and_then(|s| s.url.as_deref())
                .filter(|u| safe_url(u))
            {
                at.set("URL", url, true);
                at.set("target", "_blank", false);
            }
        }

        if o.legend && (!actors.is_empty() || !groups.is_empty()) {
            let mut families = [false; KIND_STYLES.len()];
            for &a in &actors {
                families[kind_family(&g.actor(a).kind)] = true;
            }
            // One node with an HTML table: it takes a single rank, so it
            // never stretches the layout. Only constant text goes in it.
            let mut html = String::with_capacity(2048);
            html.push_str(
                "<<table border=\"1\" color=\"#cccccc\" cellborder=\"0\" cellspacing=\"2\" cellpadding=\"3\">\
                 <tr><td colspan=\"2\" align=\"left\"><b>Legend</b></td></tr>",
            );
            for (f, st) in KIND_STYLES.iter().enumerate().filter(|(f, _)| families[*f]) {
                let rounded = if matches!(st.shape, "ellipse") || st.style.contains("rounded") {
                    " style=\"rounded\""
                } else {
                    ""
                };
                let _ = write!(
                    html,
                    "<tr><td bgcolor=\"{}\" color=\"{}\" border=\"{}\"{rounded} width=\"34\"></td><td align=\"left\">{}</td></tr>",
                    st.fill,
                    st.border,
                    if f == 8 { 2 } else { 1 },
                    st.legend
                );
            }
            let mut sample = |color: &str, line: &str, text: &str| {
                let _ = write!(
                    html,
                    "<tr><td align=\"left\"><font color=\"{color}\">{line}</font></td><td align=\"left\">{text}</td></tr>"
                );
            };
            for q in QuadClass::ALL {
                if quads_used[quad_index(*q)] {
                    let (c, l) = quad_style(*q);
                    if q.is_material() {
                        sample(c, "<b>━━━▶</b>", l);
                    } else {
                        sample(c, "───▶", l);
                    }
                }
            }
            if tie_used {
                sample(TIE_COLOR, "– – –▷", "standing tie");
            }
            if dotted_used {
                sample("#4d4d4d", "· · · ·▶", "planned / demanded");
            }
            html.push_str("</table>>");
            root.node_named("legend")
                .set("label", &html, false)
                .set("shape", "plaintext", false)
                .set("margin", "0", false)
                .set("fontsize", "10", false);
        }
    }
    out
}

fn quad_index(q: QuadClass) -> usize {
    QuadClass::ALL.iter().position(|x| *x == q).unwrap_or(0)
}

/// A source URL safe to put in a `URL` attribute as is.
fn safe_url(u: &str) -> bool {
    (u.starts_with("https://") || u.starts_with("http://"))
        && u.chars()
            .all(|c| !c.is_control() && !matches!(c, '"' | '\\' | ' '))
}

fn emit_node<'d, 'w>(
    sc: &mut Scope<'d, 'w>,
    ctx: &mut Ctx<'_>,
    id: &mut String,
    a: u32,
    o: &DotOptions,
    max_score: f64,
) {
    let g = ctx.g;
    let actor = g.actor(a);
    let st = kind_style(&actor.kind);

    ctx.text.clear();
    let _ = write!(ctx.text, "{}\n{}", actor.name, actor.kind);
    if let Some(c) = &actor.country {
        let _ = write!(ctx.text, " · {c}");
    }
    if !actor.aliases.is_empty() {
        ctx.text.push_str("\nalso: ");
        for (i, al) in actor.aliases.iter().take(6).enumerate() {
            if i > 0 {
                ctx.text.push_str("; ");
            }
            ctx.text.push_str(al);
        }
    }
    if let Some(dsc) = &actor.description {
        let _ = write!(ctx.text, "\n{dsc}");
    }
    let mut fontsize = None;
    if let Some(sz) = &o.sizes {
        let x = sz
            .score
            .get(a as usize)
            .copied()
            .filter(|x| x.is_finite())
            .unwrap_or(0.0);
        let _ = write!(ctx.text, "\n{}: {:.4}", sz.measure, x);
        let r = if max_score > 0.0 {
            (x / max_score).clamp(0.0, 1.0).sqrt()
        } else {
            0.0
        };
        fontsize = Some(format!("{:.1}", 10.0 + 14.0 * r));
    }
    let _ = write!(ctx.text, "\n[{}]", actor.id);

    let label = wrap_name(&actor.name, 22, o.max_label.max(1));
    let mut node = sc.node_named(node_id(id, 'n', a));
    node.set("label", esc(&mut ctx.buf, &label, Escape::Label), true);
    node.set(
        "tooltip",
        esc(&mut ctx.buf, &ctx.text, Escape::Tooltip),
        true,
    );
    node.set("shape", st.shape, false);
    node.set("style", st.style, true);
    node.set("fillcolor", kind_fill(&actor.kind), true);
    node.set("color", st.border, true);
    if st.peripheries == 2 {
        node.set("peripheries", "2", false);
    }
    if let Some(fs) = &fontsize {
        node.set("fontsize", fs, false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Document, Edge};

    #[test]
    fn escape_covers_every_special() {
        let cases = [
            ("plain", "plain"),
            ("a\"b", "a\\\"b"),
            ("a\\b", "a\\\\b"),
            (
                "\\N\\G\\E\\T\\H\\L\\l\\r\\n",
                "\\\\N\\\\G\\\\E\\\\T\\\\H\\\\L\\\\l\\\\r\\\\n",
            ),
            ("line1\nline2", "line1\\nline2"),
            ("cr\r\nlf", "cr\\nlf"),
            ("tab\there", "tab here"),
            ("nul\0bell\u{7}del\u{7f}c1\u{85}", "nulbelldelc1"),
            ("{x} -> y : <b>x</b>", "{x} -> y : <b>x</b>"),
            ("AT&T &lt;", "AT&amp;T &amp;lt;"),
            (
                "서울중앙지방법원 茂木敏充 😀",
                "서울중앙지방법원 茂木敏充 😀",
            ),
            ("ends with \\", "ends with \\\\"),
        ];
        for (input, want) in cases {
            assert_eq!(escape(input, Escape::Label), want, "{input:?}");
        }
        assert_eq!(escape("a\\N\"", Escape::Tooltip), "a\\\\\\\\N\\\"");
    }

    #[test]
    fn escaped_values_never_close_the_quote() {
        // Every `"` in the output is preceded by an odd run of backslashes.
        for s in ["\"", "\\\"", "\\", "\\\\\"", "x\\", "\"\\\"\\"] {
            for mode in [Escape::Label, Escape::Tooltip] {
                let e = escape(s, mode);
                let b = e.as_bytes();
                for (i, &c) in b.iter().enumerate() {
                    if c == b'"' {
                        let run = b[..i].iter().rev().take_while(|&&x| x == b'\\').count();
                        assert!(run % 2 == 1, "{s:?} → {e:?}");
                    }
                }
                let trailing = b.iter().rev().take_while(|&&x| x == b'\\').count();
                assert!(trailing % 2 == 0, "{s:?} → {e:?}");
            }
        }
    }

    #[test]
    fn dates_compact() {
        let l = |s: &str| date_label(&EdgeDate::parse(s).unwrap());
        assert_eq!(l("2021"), "2021");
        assert_eq!(l("2021-01"), "2021-01");
        assert_eq!(l("2021-01-18/2021-01-24"), "2021-01-18/24");
        assert_eq!(l("2021-01/2021-03"), "2021-01/03");
        assert_eq!(l("2020-12/2021-03"), "2020-12/2021-03");
        assert_eq!(l("2019/2021"), "2019/2021");
        assert_eq!(l("2021-01/2021-01-15"), "2021-01/2021-01-15");
        assert_eq!(l("2021-01-15/2021-02-02"), "2021-01-15/2021-02-02");
        assert_eq!(l("2021-01-15/2021-01-15"), "2021-01-15");
        assert_eq!(l("2020-07/.."), "since 2020-07");
        assert_eq!(l("../2021-01-15"), "by 2021-01-15");
    }

    #[test]
    fn ranges() {
        let d = |s: &str| EdgeDate::parse(s).unwrap();
        assert_eq!(date_range(Vec::new()), None);
        assert_eq!(
            date_range([d("2019-08"), d("2021-01-15")]),
            Some(d("2019-08/2021-01-15"))
        );
        assert_eq!(
            date_range([d("../2021-01"), d("2021-01-15")]),
            Some(d("../2021-01")),
            "2021-01 ends after 2021-01-15"
        );
        assert_eq!(
            date_range([d("../2021-01-10"), d("2021-01-15")]),
            Some(d("../2021-01-15"))
        );
        assert_eq!(
            date_range([d("2021-01-15"), d("2020/..")]),
            Some(d("2020/.."))
        );
    }

    #[test]
    fn names_wrap_and_cut() {
        assert_eq!(
            wrap_name("Seoul Central District Court", 22, 60),
            "Seoul Central District\nCourt"
        );
        assert_eq!(wrap_name("서울중앙지방법원", 22, 60), "서울중앙지방법원");
        let long = "x".repeat(5000);
        let w = wrap_name(&long, 22, 60);
        assert_eq!(w.chars().count(), 61);
        assert!(w.ends_with('…'));
        assert_eq!(wrap_name("", 22, 60), "");
    }

    fn tiny() -> Graph {
        let mut d = Document::new("t");
        d.actors.push(Actor::new("a", "A \"one\"", "person"));
        d.actors.push(Actor::new("b", "B\\N", "court"));
        for (i, date) in ["2021-01-15", "2021-01-20", "2021-01-18/2021-01-24"]
            .iter()
            .enumerate()
        {
            let mut e = Edge::new("a", "protested", "b");
            e.id = format!("e{i}");
            e.date = Some(EdgeDate::parse(date).unwrap());
            d.edges.push(e);
        }
        Graph::new(d).unwrap()
    }

    #[test]
    fn merge_counts_and_ranges() {
        let g = tiny();
        let o = DotOptions {
            merge: true,
            ..DotOptions::default()
        };
        let s = String::from_utf8(to_bytes(&g, &Diagram::whole(&g), &o)).unwrap();
        assert_eq!(s.matches(" -> ").count(), 1, "{s}");
        assert!(s.contains("label=\"protested ×3 · 2021-01-15/24\""), "{s}");
        let s =
            String::from_utf8(to_bytes(&g, &Diagram::whole(&g), &DotOptions::default())).unwrap();
        assert_eq!(s.matches(" -> ").count(), 3, "{s}");
        assert!(s.contains("label=\"B\\\\N\""), "{s}");
    }

    #[test]
    fn deterministic() {
        let g = tiny();
        let o = DotOptions {
            legend: true,
            timeline: true,
            ..DotOptions::default()
        };
        let d = Diagram::whole(&g);
        assert_eq!(to_bytes(&g, &d, &o), to_bytes(&g, &d, &o));
    }
}
