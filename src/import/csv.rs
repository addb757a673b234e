//! Bulk import from the CSV exchange format.
//!
//! * `actors.csv`: header `id,name,kind,country` plus optional `aliases`
//!   (separated by `;`) and `description`.
//! * `events.csv`: header `source,action,target,date` plus optional
//!   `status,summary,cites,id` (`cites` separated by `;`). An empty date is an
//!   undated edge. `source`/`target` name an actor by id, or by name or
//!   alias when no id matches.
//! * `sources.csv` (optional): header `id,title` plus optional
//!   `publisher,date,url`; read before the events, so they may cite them.
//! * Actors and events may have an `attributes` column holding a JSON
//!   object of strings (`{"wikidata":"Q17"}`), which is what
//!   `polgraph export --format csv` writes so that a round trip keeps them.
//!
//! All or nothing: every bad row is reported (up to a cap) with its line
//! number and field, and the document is left untouched.

use std::collections::HashMap;
use std::path::Path;

use indicatif::ProgressBar;
use serde::Serialize;

use crate::error::{Error, Problem, Result, Short};
use crate::graph::normalize_name;
use crate::ids::IdSet;
use crate::model::{slugify, Actor, Atom, Document, Edge, EdgeDate, Status};

/// Column name → index (looked up for every field of every row).
type Cols = HashMap<&'static str, usize, foldhash::fast::FixedState>;

/// How many row problems are collected before the import stops looking.
pub const MAX_PROBLEMS: usize = 1000;

/// Options for [`import_csv`].
#[derive(Clone, Debug, Default)]
pub struct CsvOptions {
    /// Create an actor (kind `unknown`) for an event naming one that neither
    /// the graph nor the actors file has, instead of failing.
    pub create_actors: bool,
    /// Leave out events whose id and sources whose id the graph already has
    /// (counted as already present) instead of failing: re-importing an
    /// export adds nothing twice.
    pub skip_existing: bool,
}

/// The files of one CSV import; any may be absent.
#[derive(Clone, Copy, Debug, Default)]
pub struct CsvFiles<'a> {
    /// `actors.csv`.
    pub actors: Option<&'a Path>,
    /// `events.csv`.
    pub events: Option<&'a Path>,
    /// `sources.csv`.
    pub sources: Option<&'a Path>,
}

/// What an import did.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ImportReport {
    /// Actor rows read.
    pub actor_rows: usize,
    /// Actors added.
    pub actors_added: usize,
    /// Actor rows whose id the graph already had (left unchanged).
    pub actors_matched: usize,
    /// Event rows read.
    pub event_rows: usize,
    /// Edges added.
    pub edges_added: usize,
    /// Actors created for unknown names (`--create-actors`).
    pub actors_created: usize,
    /// Source rows read.
    pub source_rows: usize,
    /// Sources added.
    pub sources_added: usize,
    /// Event rows whose id the graph already had (with `skip_existing`).
    pub edges_already_present: usize,
}

struct Problems {
    file: String,
    list: Vec<Problem>,
    more: usize,
}

impl Problems {
    fn push(&mut self, line: u64, field: Option<&str>, msg: impl Into<String>) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(Problem::new(
                format!("{} line {line}", self.file),
                field,
                msg,
            ));
        } else {
            self.more += 1;
        }
    }
}

fn open(path: &Path) -> Result<csv::Reader<std::fs::File>> {
    csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .map_err(|e| super::read_error(path, e))
}

fn columns(
    rdr: &mut csv::Reader<std::fs::File>,
    path: &Path,
    required: &[&'static str],
    optional: &[&'static str],
) -> Result<Cols> {
    let header = rdr.byte_headers().map_err(|e| csv_error(path, e))?.clone();
    let mut cols = Cols::default();
    let mut problems = Vec::new();
    for (i, h) in header.iter().enumerate() {
        let name = String::from_utf8_lossy(h)
            .trim()
            .trim_start_matches('\u{feff}')
            .to_owned();
        match required.iter().chain(optional).find(|c| **c == name) {
            Some(c) => {
                if cols.insert(*c, i).is_some() {
                    problems.push(Problem::new(
                        format!("{} line 1", path.display()),
                        Some(c),
                        "column appears twice",
                    ));
                }
            }
            None => problems.push(Problem::new(
                format!("{} line 1", path.display()),
                None,
                format!(
                    "unknown column {:?}; expected {} (optional: {})",
                    Short(&name),
                    required.join(","),
                    optional.join(",")
                ),
            )),
        }
    }
    for c in required {
        if !cols.contains_key(c) {
            problems.push(Problem::new(
                format!("{} line 1", path.display()),
                Some(c),
                "required column is missing",
            ));
        }
    }
    if problems.is_empty() {
        Ok(cols)
    } else {
        Err(Error::Invalid {
            origin: path.display().to_string(),
            problems,
        })
    }
}

fn csv_error(path: &Path, e: csv::Error) -> Error {
    let line = e.position().map(|p| p.line()).unwrap_or(0);
    Error::Invalid {
        origin: path.display().to_string(),
        problems: vec![Problem::new(
            format!("{} line {line}", path.display()),
            None,
            e.to_string(),
        )],
    }
}

/// Reads the next row whose field count matches the header's into `rec`,
/// counting every row in `rows` and reporting ragged ones in `p`. Returns
/// its line number, or `None` at the end of the file.
fn next_row(
    rdr: &mut csv::Reader<std::fs::File>,
    rec: &mut csv::ByteRecord,
    path: &Path,
    rows: &mut usize,
    p: &mut Problems,
) -> Result<Option<u64>> {
    let width = rdr.byte_headers().map_or(0, |h| h.len());
    while rdr.read_byte_record(rec).map_err(|e| csv_error(path, e))? {
        let line = rec.position().map_or(0, |x| x.line());
        *rows += 1;
        if !ragged(rec, width, line, p) {
            return Ok(Some(line));
        }
    }
    Ok(None)
}

/// Whether `rec` has another number of fields than the header's `width`
/// (a problem, pushed).
fn ragged(rec: &csv::ByteRecord, width: usize, line: u64, p: &mut Problems) -> bool {
    if rec.len() == width {
        return false;
    }
    p.push(
        line,
        None,
        format!("has {} fields, the header has {width}", rec.len()),
    );
    true
}

/// Event rows read ahead together, so that the id lookups of a block can be
/// started before any is made (see [`read_block`]).
const BLOCK: usize = 16;

/// Reads up to `block.len()` records (with their line numbers) into
/// `block`; returns how many. Unlike [`next_row`], rows of the wrong width
/// are returned too, for the caller to report in order with the other
/// problems of their block.
fn read_block(
    rdr: &mut csv::Reader<std::fs::File>,
    block: &mut [(u64, csv::ByteRecord)],
    path: &Path,
    rows: &mut usize,
) -> Result<usize> {
    let mut k = 0;
    while k < block.len() {
        let (line, rec) = &mut block[k];
        if !rdr.read_byte_record(rec).map_err(|e| csv_error(path, e))? {
            break;
        }
        *line = rec.position().map_or(0, |x| x.line());
        *rows += 1;
        k += 1;
    }
    Ok(k)
}

/// The trimmed text of column `name` of `rec`: `None` when the file has no
/// such column (or the row no such field), `Some(Err(()))` when it is not
/// valid UTF-8.
fn text<'r>(rec: &'r csv::ByteRecord, cols: &Cols, name: &str) -> Option<Result<&'r str, ()>> {
    let raw = rec.get(*cols.get(name)?)?;
    Some(std::str::from_utf8(raw).map(str::trim).map_err(drop))
}

/// [`text`], with invalid UTF-8 reported as a problem of `line`.
fn field<'r>(
    rec: &'r csv::ByteRecord,
    cols: &Cols,
    name: &str,
    line: u64,
    problems: &mut Problems,
) -> Option<&'r str> {
    match text(rec, cols, name)? {
        Ok(s) => Some(s),
        Err(()) => {
            problems.push(line, Some(name), "is not valid UTF-8");
            None
        }
    }
}

/// Imports actors and/or events into `doc`. On any bad row nothing is
/// changed and every problem (up to [`MAX_PROBLEMS`]) is returned.
pub fn import_csv(
    doc: &mut Document,
    actors: Option<&Path>,
    events: Option<&Path>,
    opts: &CsvOptions,
    progress: &ProgressBar,
) -> Result<ImportReport> {
    let files = CsvFiles {
        actors,
        events,
        sources: None,
    };
    import_csv_files(doc, files, opts, progress)
}

fn parse_attributes(
    s: &str,
    line: u64,
    p: &mut Problems,
) -> std::collections::BTreeMap<String, String> {
    if s.is_empty() {
        return Default::default();
    }
    match serde_json::from_str(s) {
        Ok(m) => m,
        Err(_) => {
            p.push(
                line,
                Some("attributes"),
                format!("{s:?} is not a JSON object of strings, e.g. {{\"wikidata\":\"Q17\"}}"),
            );
            Default::default()
        }
    }
}

fn import_sources(
    doc: &Document,
    path: &Path,
    opts: &CsvOptions,
    report: &mut ImportReport,
    progress: &ProgressBar,
) -> Result<Vec<crate::model::Source>> {
    let mut p = Problems {
        file: path.display().to_string(),
        list: Vec::new(),
        more: 0,
    };
    let mut rdr = open(path)?;
    let cols = columns(
        &mut rdr,
        path,
        &["id", "title"],
        &["publisher", "date", "url"],
    )?;
    let existing: HashMap<&str, ()> = doc.sources.iter().map(|s| (s.id.as_str(), ())).collect();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut out = Vec::new();
    let mut rec = csv::ByteRecord::new();
    while let Some(line) = next_row(&mut rdr, &mut rec, path, &mut report.source_rows, &mut p)? {
        let get =
            |n: &str, p: &mut Problems| field(&rec, &cols, n, line, p).unwrap_or("").to_owned();
        let id = get("id", &mut p);
        let title = get("title", &mut p);
        let opt = |s: String| (!s.is_empty()).then_some(s);
        let publisher = opt(get("publisher", &mut p));
        let url = opt(get("url", &mut p));
        let date = get("date", &mut p);
        let date = if date.is_empty() {
            None
        } else {
            match EdgeDate::parse(&date) {
                Ok(d) => Some(d),
                Err(e) => {
                    p.push(line, Some("date"), e.to_string());
                    None
                }
            }
        };
        if !crate::model::is_valid_id(&id) {
            p.push(line, Some("id"), format!("{id:?} is not a valid id"));
        }
        if title.trim().is_empty() {
            p.push(line, Some("title"), "empty title");
        }
        if let Some(first) = seen.insert(id.clone(), line) {
            p.push(
                line,
                Some("id"),
                format!("duplicate source id {id:?} (first on line {first})"),
            );
            continue;
        }
        if existing.contains_key(id.as_str()) {
            if !opts.skip_existing {
                p.push(
                    line,
                    Some("id"),
                    format!("the graph already has a source {id:?}"),
                );
            }
            continue;
        }
        out.push(crate::model::Source {
            id,
            title,
            publisher,
            date,
            url,
        });
        progress.inc(1);
    }
    finish(p)?;
    report.sources_added = out.len();
    Ok(out)
}

/// Imports sources, actors and/or events into `doc`. On any bad row nothing
/// is changed and every problem (up to [`MAX_PROBLEMS`]) is returned.
pub fn import_csv_files(
    doc: &mut Document,
    files: CsvFiles<'_>,
    opts: &CsvOptions,
    progress: &ProgressBar,
) -> Result<ImportReport> {
    // A million events name some hundred thousand actors and a hundred
    // actions: interned, each distinct string is allocated once.
    crate::model::interning(|| import_files(doc, files, opts, progress))
}

fn import_files(
    doc: &mut Document,
    files: CsvFiles<'_>,
    opts: &CsvOptions,
    progress: &ProgressBar,
) -> Result<ImportReport> {
    let CsvFiles {
        actors,
        events,
        sources: sources_file,
    } = files;
    let mut report = ImportReport::default();
    let new_sources = match sources_file {
        Some(path) => import_sources(doc, path, opts, &mut report, progress)?,
        None => Vec::new(),
    };
    let mut new_actors: Vec<Actor> = Vec::new();
    let mut ids: IdSet = doc.actors.iter().map(|a| a.id.as_str()).collect();
    if let Some(path) = actors {
        let mut p = Problems {
            file: path.display().to_string(),
            list: Vec::new(),
            more: 0,
        };
        let mut rdr = open(path)?;
        let cols = columns(
            &mut rdr,
            path,
            &["id", "name", "kind", "country"],
            &["aliases", "description", "attributes"],
        )?;
        let mut rec = csv::ByteRecord::new();
        let mut seen_here: HashMap<String, u64> = HashMap::new();
        while let Some(line) = next_row(&mut rdr, &mut rec, path, &mut report.actor_rows, &mut p)? {
            let get =
                |n: &str, p: &mut Problems| field(&rec, &cols, n, line, p).unwrap_or("").to_owned();
            let mut a = Actor::new(get("id", &mut p), get("name", &mut p), get("kind", &mut p));
            let country = get("country", &mut p);
            if !country.is_empty() {
                a.country = Some(country);
            }
            let aliases = get("aliases", &mut p);
            a.aliases = aliases
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            let desc = get("description", &mut p);
            if !desc.is_empty() {
                a.description = Some(desc);
            }
            a.attributes = parse_attributes(&get("attributes", &mut p), line, &mut p);
            for pr in crate::edit::check_actor(&a, "") {
                p.push(line, pr.field.as_deref(), pr.message);
            }
            if let Some(first) = seen_here.insert(a.id.clone(), line) {
                p.push(
                    line,
                    Some("id"),
                    format!(
                        "duplicate actor id {:?} (first on line {first})",
                        Short(&a.id)
                    ),
                );
                continue;
            }
            if ids.contains(&a.id) {
                report.actors_matched += 1;
                continue;
            }
            new_actors.push(a);
            progress.inc(1);
        }
        finish(p)?;
        for a in &new_actors {
            ids.insert(&a.id);
        }
    }
    let mut new_edges: Vec<Edge> = Vec::new();
    let mut created: Vec<Actor> = Vec::new();
    if let Some(path) = events {
        let mut p = Problems {
            file: path.display().to_string(),
            list: Vec::new(),
            more: 0,
        };
        let mut rdr = open(path)?;
        let cols = columns(
            &mut rdr,
            path,
            &["source", "action", "target", "date"],
            &["status", "summary", "cites", "id", "attributes"],
        )?;
        // One edge per line at most: reserving up front spares the copies
        // (and fresh pages) of a doubling vector of a million edges.
        new_edges.reserve(count_lines(path).saturating_sub(1).min(1 << 28));
        // ... and a helper thread faults those pages in while this one
        // parses (joined when it goes out of scope, before `new_edges` can
        // move or grow).
        let _prefault = crate::prefault::Prefault::spare_of(&mut new_edges);
        // Names and aliases of every known actor, for rows that do not use
        // ids: built on the first such row (normalising 100k names is not
        // free, and files written with ids never need it).
        let mut by_name_cell: Option<HashMap<String, Vec<String>>> = None;
        let all_actors = || {
            let mut by_name: HashMap<String, Vec<String>> = HashMap::new();
            for a in doc.actors.iter().chain(new_actors.iter()) {
                for n in std::iter::once(&a.name).chain(a.aliases.iter()) {
                    let v = by_name.entry(normalize_name(n)).or_default();
                    if !v.contains(&a.id) {
                        v.push(a.id.clone());
                    }
                }
            }
            by_name
        };
        let sources: HashMap<&str, ()> = doc
            .sources
            .iter()
            .chain(new_sources.iter())
            .map(|s| (s.id.as_str(), ()))
            .collect();
        let mut edge_ids: HashMap<String, u64> =
            doc.edges.iter().map(|e| (e.id.clone(), 0)).collect();
        // Rows are read in blocks, and the id table slots of a block's
        // actors fetched before the first is looked at: on half a million
        // actors the table outgrows the caches, and the lookups of
        // consecutive rows, each a cache miss, then overlap instead of
        // waiting one after the other.
        let width = rdr.byte_headers().map_or(0, |h| h.len());
        let mut block = vec![(0u64, csv::ByteRecord::new()); BLOCK];
        loop {
            let filled = read_block(&mut rdr, &mut block, path, &mut report.event_rows)?;
            if filled == 0 {
                break;
            }
            for (_, rec) in &block[..filled] {
                for col in ["source", "target"] {
                    if let Some(Ok(v)) = text(rec, &cols, col) {
                        ids.prefetch(v);
                    }
                }
            }
            for &(line, ref rec) in &block[..filled] {
                if ragged(rec, width, line, &mut p) {
                    continue;
                }
                let mut ends: [Option<Atom>; 2] = [None, None];
                for (k, col) in ["source", "target"].into_iter().enumerate() {
                    let v = field(rec, &cols, col, line, &mut p).unwrap_or("");
                    if v.is_empty() {
                        p.push(line, Some(col), "empty actor");
                        continue;
                    }
                    if ids.contains(v) {
                        ends[k] = Some(v.into());
                        continue;
                    }
                    let by_name = by_name_cell.get_or_insert_with(all_actors);
                    match by_name.get(&normalize_name(v)).map(Vec::as_slice) {
                        Some([one]) => ends[k] = Some(one.into()),
                        Some(many) => p.push(
                            line,
                            Some(col),
                            format!("{:?} is ambiguous: {}", Short(v), many.join(", ")),
                        ),
                        None if opts.create_actors => {
                            let mut id = slugify(v);
                            let base = id.clone();
                            let mut n = 2;
                            while ids.contains(&id) {
                                id = format!("{base}-{n}");
                                n += 1;
                            }
                            ids.insert(&id);
                            by_name.insert(normalize_name(v), vec![id.clone()]);
                            let mut a = Actor::new(id.clone(), v, "unknown");
                            if v.chars().any(char::is_control) {
                                p.push(
                                    line,
                                    Some(col),
                                    format!("{:?} contains control characters", Short(v)),
                                );
                                a.name = v.chars().filter(|c| !c.is_control()).collect();
                            }
                            created.push(a);
                            ends[k] = Some(id.into());
                        }
                        None => p.push(
                            line,
                            Some(col),
                            format!(
                            "unknown actor {:?}; add it to the actors file or pass --create-actors",
                            Short(v)
                        ),
                        ),
                    }
                }
                let action = field(rec, &cols, "action", line, &mut p).unwrap_or("");
                if !crate::model::vocab::is_valid_action_name(action) {
                    p.push(
                        line,
                        Some("action"),
                        format!(
                            "{:?} is not an action name (lowercase letters, digits and _)",
                            Short(action)
                        ),
                    );
                }
                // A missing end is a problem already (the edge is never kept).
                let [source, target] = ends.map(Option::unwrap_or_default);
                let mut e = Edge::new(source, action, target);
                let date = field(rec, &cols, "date", line, &mut p).unwrap_or("");
                if !date.is_empty() {
                    match EdgeDate::parse(date) {
                        Ok(d) => e.date = Some(d),
                        Err(err) => p.push(line, Some("date"), err.to_string()),
                    }
                }
                if let Some(s) = field(rec, &cols, "status", line, &mut p).filter(|s| !s.is_empty())
                {
                    match Status::parse(s) {
                        Some(st) => e.status = st,
                        None => p.push(
                            line,
                            Some("status"),
                            format!(
                            "{:?} is not a status (occurred, planned, demanded, reported, denied)",
                            Short(s)
                        ),
                        ),
                    }
                }
                if let Some(s) =
                    field(rec, &cols, "summary", line, &mut p).filter(|s| !s.is_empty())
                {
                    e.summary = Some(s.into());
                }
                if let Some(s) = field(rec, &cols, "cites", line, &mut p) {
                    for c in s.split(';').map(str::trim).filter(|c| !c.is_empty()) {
                        if !sources.contains_key(c) {
                            p.push(
                                line,
                                Some("cites"),
                                format!("unknown source {:?}", Short(c)),
                            );
                        }
                        e.cites.push(c.into());
                    }
                }
                if let Some(a) = field(rec, &cols, "attributes", line, &mut p) {
                    e.attributes = parse_attributes(a, line, &mut p).into();
                }
                if let Some(id) = field(rec, &cols, "id", line, &mut p).filter(|s| !s.is_empty()) {
                    if opts.skip_existing && edge_ids.get(id) == Some(&0) {
                        report.edges_already_present += 1;
                        continue;
                    }
                    if !crate::model::is_valid_id(id) {
                        p.push(
                            line,
                            Some("id"),
                            format!("{:?} is not a valid id", Short(id)),
                        );
                    } else if let Some(first) = edge_ids.insert(id.to_owned(), line) {
                        let where_ = if first == 0 {
                            "already in the graph".to_owned()
                        } else {
                            format!("first on line {first}")
                        };
                        p.push(
                            line,
                            Some("id"),
                            format!("duplicate edge id {id:?} ({where_})"),
                        );
                    }
                    e.id = id.to_owned();
                }
                new_edges.push(e);
                // The bar is updated in batches: a hidden bar still reads the clock
                // on every update.
                if new_edges.len().is_multiple_of(4096) {
                    progress.inc(4096);
                }
            }
        }
        progress.inc((new_edges.len() % 4096) as u64);
        finish(p)?;
    }
    report.actors_added = new_actors.len();
    report.actors_created = created.len();
    report.edges_added = new_edges.len();
    doc.sources.extend(new_sources);
    doc.actors.extend(new_actors);
    doc.actors.extend(created);
    if doc.edges.is_empty() {
        doc.edges = new_edges; // no copy of a big first import
    } else {
        doc.edges.extend(new_edges);
    }
    doc.canonicalize();
    doc.assign_edge_ids();
    Ok(report)
}

/// Number of newline bytes in the file (0 if it cannot be read); a cheap
/// upper bound of its rows for reserving.
fn count_lines(path: &Path) -> usize {
    use std::io::Read;
    let Ok(mut f) = std::fs::File::open(path) else {
        return 0;
    };
    let mut buf = vec![0u8; 1 << 16];
    let mut n = 0;
    loop {
        match f.read(&mut buf) {
            Ok(0) | Err(_) => return n,
            Ok(k) => n += buf[..k].iter().filter(|&&b| b == b'\n').count(),
        }
    }
}

fn finish(p: Problems) -> Result<()> {
    if p.list.is_empty() {
        return Ok(());
    }
    let mut problems = p.list;
    if p.more > 0 {
        problems.push(Problem::new(
            p.file.clone(),
            None,
            format!("{} more problems not listed", p.more),
        ));
    }
    Err(Error::Invalid {
        origin: p.file,
        problems,
    })
}
