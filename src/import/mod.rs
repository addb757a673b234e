//! Importers: other formats → the data model.
//!
//! Every importer works the same way:
//!
//! * it reads its input record by record (streaming; the caller's progress
//!   bar advances once per record);
//! * it resolves each actor an input names **by identifier first** (an
//!   attribute such as `wikidata`, `ftm_id`, `popolo_id` or `cameo_code`),
//!   **then by exact name or alias** (compared like [`crate::graph::Graph::resolve`]
//!   does, ignoring case and accents), and creates the actor otherwise;
//! * it gives every edge a deterministic id derived from the record's own
//!   id (`gdelt-1234`, `icews-5678`, `ftm-…`), so importing the same file
//!   again adds nothing twice;
//! * it is all or nothing: a malformed record is a problem naming the file,
//!   the line or item and the field, and when there is any problem the
//!   document is left untouched. Records that are well-formed but cannot
//!   become an edge (a GDELT row with one actor, an FtM entity of a schema
//!   polgraph has no use for) are skipped and counted by reason in the
//!   [`Report`].

pub mod cameo;
pub mod countries;
pub mod csv;
pub mod ftm;
pub mod gdelt;
pub mod icews;
pub mod plover;
pub mod popolo;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Problem, Result};
use crate::graph::normalize_name;
use crate::model::{slugify, Actor, Document, Edge, Source};

/// How many record problems an import collects before it stops listing them.
pub const MAX_PROBLEMS: usize = 1000;

/// The formats `polgraph import --format` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// polgraph's own CSV exchange format (a directory with `actors.csv`,
    /// `events.csv` and optionally `sources.csv`).
    Csv,
    /// ICEWS coded events (tab-separated, with a header).
    Icews,
    /// The GDELT 2.0 event table (61 tab-separated columns, no header).
    Gdelt,
    /// PLOVER / POLECAT event records, one JSON object per line.
    Plover,
    /// FollowTheMoney entities, one JSON object per line.
    Ftm,
    /// A Popolo JSON document (persons, organizations, memberships, posts).
    Popolo,
}

impl Format {
    /// Every format, in the order the help lists them.
    pub const ALL: [Format; 6] = [
        Format::Csv,
        Format::Icews,
        Format::Gdelt,
        Format::Plover,
        Format::Ftm,
        Format::Popolo,
    ];

    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Icews => "icews",
            Format::Gdelt => "gdelt",
            Format::Plover => "plover",
            Format::Ftm => "ftm",
            Format::Popolo => "popolo",
        }
    }

    /// Parses a format name (case-insensitive; `polecat` means PLOVER,
    /// `followthemoney` means FtM).
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "polecat" => Some(Format::Plover),
            "followthemoney" => Some(Format::Ftm),
            other => Format::ALL.into_iter().find(|f| f.as_str() == other),
        }
    }

    /// Guesses the format of `path` from what it is (a directory is CSV),
    /// its first line and its extension. `head` is the beginning of the
    /// file (a few kilobytes are enough). `None` when nothing fits.
    pub fn guess(path: &Path, head: &[u8]) -> Option<Format> {
        if path.is_dir() {
            return Some(Format::Csv);
        }
        let text = String::from_utf8_lossy(head);
        let text = text.trim_start_matches('\u{feff}');
        let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        if first.starts_with("Event ID\t") {
            return Some(Format::Icews);
        }
        let tabs = first.split('\t').count();
        if tabs == gdelt::COLUMNS
            && first
                .split('\t')
                .next()
                .is_some_and(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit()))
        {
            return Some(Format::Gdelt);
        }
        let trimmed = first.trim_start();
        if trimmed.starts_with('{') {
            if let Ok(serde_json::Value::Object(o)) = serde_json::from_str(first) {
                if o.contains_key("schema") && o.contains_key("properties") {
                    return Some(Format::Ftm);
                }
                if ["persons", "organizations", "memberships"]
                    .iter()
                    .any(|k| o.contains_key(*k))
                {
                    return Some(Format::Popolo);
                }
                if ["event", "event_type", "eventType"]
                    .iter()
                    .any(|k| o.contains_key(*k))
                {
                    return Some(Format::Plover);
                }
            }
            // A pretty-printed document: Popolo is the one JSON (not JSON
            // lines) format.
            if ["\"persons\"", "\"organizations\"", "\"memberships\""]
                .iter()
                .any(|k| text.contains(k))
            {
                return Some(Format::Popolo);
            }
        }
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "ftm" => Some(Format::Ftm),
            "csv" => Some(Format::Csv),
            "tab" | "tsv" if first.contains("CAMEO Code") => Some(Format::Icews),
            _ => None,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The format read.
    pub format: String,
    /// Records read (lines, rows or entities).
    pub rows: usize,
    /// Actors created.
    pub actors_created: usize,
    /// Distinct actors of the graph that records were matched to (by
    /// identifier, then by exact name or alias).
    pub actors_matched: usize,
    /// Edges added.
    pub edges_added: usize,
    /// Edges left out because the graph already has them (same id: the
    /// record was imported before).
    pub edges_already_present: usize,
    /// Sources added.
    pub sources_added: usize,
    /// Records skipped (well-formed, but nothing polgraph can hold).
    pub skipped: usize,
    /// Why records were skipped, with counts.
    pub skipped_why: BTreeMap<String, usize>,
}

/// An actor as an input names it: what is needed to find it in the graph or
/// to create it.
#[derive(Clone, Debug, Default)]
pub struct ActorRef {
    /// An identifier, as (attribute key, value), e.g. `("wikidata", "Q17")`.
    /// Matched first; stored as an attribute of a created actor.
    pub ident: Option<(String, String)>,
    /// Display name (also matched against names and aliases).
    pub name: String,
    /// Kind for a created actor.
    pub kind: String,
    /// ISO 3166-1 alpha-3 country for a created actor.
    pub country: Option<String>,
    /// Aliases for a created actor (also matched).
    pub aliases: Vec<String>,
    /// Further attributes for a created actor (identifiers among them are
    /// matched too, see [`Merger::identifier_keys`]).
    pub attributes: BTreeMap<String, String>,
    /// Description for a created actor.
    pub description: Option<String>,
    /// A preferred id for a created actor (used when free and valid;
    /// otherwise the id is a slug of the name).
    pub id_hint: Option<String>,
}

impl ActorRef {
    /// An actor named `name`, of kind `kind`.
    pub fn named(name: impl Into<String>, kind: impl Into<String>) -> ActorRef {
        ActorRef {
            name: name.into(),
            kind: kind.into(),
            ..ActorRef::default()
        }
    }
}

/// A CSV/TSV reading error as an I/O error on `path`.
pub(crate) fn read_error(path: &Path, e: ::csv::Error) -> Error {
    Error::io("read", path, std::io::Error::other(e.to_string()))
}

/// Feeds every record of `rdr` to `f` with its place (`line N`), skipping
/// blank lines; each record counts as a row of `m` and advances `progress`.
/// A reading error ends the import.
pub(crate) fn each_record<R: std::io::Read>(
    rdr: &mut ::csv::Reader<R>,
    path: &Path,
    m: &mut Merger,
    progress: &indicatif::ProgressBar,
    mut f: impl FnMut(&mut Merger, &::csv::ByteRecord, &str),
) -> Result<()> {
    let mut rec = ::csv::ByteRecord::new();
    while rdr
        .read_byte_record(&mut rec)
        .map_err(|e| read_error(path, e))?
    {
        if rec.len() == 1 && rec.get(0).is_some_and(|x| x.trim_ascii().is_empty()) {
            continue;
        }
        let line = rec.position().map_or(0, |p| p.line());
        m.row();
        progress.inc(1);
        f(m, &rec, &format!("line {line}"));
    }
    Ok(())
}

/// Collects the actors, edges and sources of one import, resolving actors
/// against the graph, and applies them all at once at the end (or nothing,
/// when any record had a problem).
pub struct Merger {
    file: String,
    report: Report,
    ids: HashSet<String>,
    by_ident: HashMap<(String, String), String>,
    /// Normalised name → (0 for a name, 1 for an alias, actor id).
    by_name: HashMap<String, Vec<(u8, String)>>,
    existing: HashSet<String>,
    matched: HashSet<String>,
    new_actors: Vec<Actor>,
    edge_ids: HashSet<String>,
    new_edges: Vec<Edge>,
    source_ids: HashSet<String>,
    new_sources: Vec<Source>,
    declared: Vec<crate::model::ActionDef>,
    vocab: crate::model::Vocabulary,
    problems: Vec<Problem>,
    more_problems: usize,
}

impl Merger {
    /// Attribute keys that identify an actor across data sets; an actor
    /// whose attribute has the same key and value is the same actor.
    pub fn identifier_keys() -> &'static [&'static str] {
        &[
            "wikidata",
            "ftm_id",
            "popolo_id",
            "cameo_code",
            "icews_actor",
            "plover_code",
        ]
    }

    /// A merger for importing `file` (named in problems) in `format` into `doc`.
    pub fn new(doc: &Document, format: Format, file: &Path) -> Merger {
        let mut m = Merger {
            file: file.display().to_string(),
            report: Report {
                format: format.as_str().to_owned(),
                ..Report::default()
            },
            ids: HashSet::new(),
            by_ident: HashMap::new(),
            by_name: HashMap::new(),
            existing: HashSet::new(),
            matched: HashSet::new(),
            new_actors: Vec::new(),
            edge_ids: doc.edges.iter().map(|e| e.id.clone()).collect(),
            new_edges: Vec::new(),
            source_ids: doc.sources.iter().map(|s| s.id.clone()).collect(),
            new_sources: Vec::new(),
            declared: Vec::new(),
            vocab: doc.vocabulary(),
            problems: Vec::new(),
            more_problems: 0,
        };
        for a in &doc.actors {
            m.existing.insert(a.id.clone());
            m.index(a);
        }
        m
    }

    fn index(&mut self, a: &Actor) {
        self.ids.insert(a.id.clone());
        for (k, v) in &a.attributes {
            if Merger::identifier_keys().contains(&k.as_str()) {
                self.by_ident
                    .entry((k.clone(), v.clone()))
                    .or_insert_with(|| a.id.clone());
            }
        }
        for (rank, n) in std::iter::once((0u8, &a.name)).chain(a.aliases.iter().map(|x| (1u8, x))) {
            let v = self.by_name.entry(normalize_name(n)).or_default();
            if !v.iter().any(|(r, id)| *r <= rank && *id == a.id) {
                v.push((rank, a.id.clone()));
            }
        }
    }

    /// The actors whose name (or, failing that, alias) is `name`: the best
    /// rank only, each id once.
    fn by_name_best(&self, name: &str) -> Vec<String> {
        let Some(hits) = self.by_name.get(&normalize_name(name)) else {
            return Vec::new();
        };
        let best = hits.iter().map(|h| h.0).min().unwrap_or(0);
        let mut out: Vec<String> = Vec::new();
        for (r, id) in hits {
            if *r == best && !out.contains(id) {
                out.push(id.clone());
            }
        }
        out
    }

    /// Counts one record read.
    pub fn row(&mut self) {
        self.report.rows += 1;
    }

    /// Skips a record for `reason` (counted in the report).
    pub fn skip(&mut self, reason: impl Into<String>) {
        self.report.skipped += 1;
        *self.report.skipped_why.entry(reason.into()).or_default() += 1;
    }

    /// Records a problem with the record at `place` (`line 7`, `entity 3`).
    pub fn problem(&mut self, place: &str, field: Option<&str>, msg: impl Into<String>) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems
                .push(Problem::new(format!("{} {place}", self.file), field, msg));
        } else {
            self.more_problems += 1;
        }
    }

    /// Whether any problem has been recorded.
    pub fn has_problems(&self) -> bool {
        !self.problems.is_empty()
    }

    fn mark(&mut self, id: &str) {
        if self.existing.contains(id) && self.matched.insert(id.to_owned()) {
            self.report.actors_matched += 1;
        }
    }

    /// The id of the actor `r` names: found by identifier, then by its own
    /// id and name (see [`ActorRef::id_hint`]), then by its exact name
    /// among the graph's names (or, failing that, aliases), or created.
    /// `None` when the name matches several actors equally well (the record
    /// is counted as skipped, with the names, so the user can merge them)
    /// or the actor would be invalid (a problem is recorded).
    pub fn actor(&mut self, place: &str, field: &str, r: ActorRef) -> Option<String> {
        let mut idents: Vec<(String, String)> = r.ident.iter().cloned().collect();
        for (k, v) in &r.attributes {
            if Merger::identifier_keys().contains(&k.as_str()) {
                idents.push((k.clone(), v.clone()));
            }
        }
        for key in &idents {
            if let Some(id) = self.by_ident.get(key).cloned() {
                self.mark(&id);
                return Some(id);
            }
        }
        let name = r.name.trim();
        // An actor with the preferred id and the same name is the same
        // actor (a polgraph export read back, or a file imported before).
        if let Some(h) = r.id_hint.as_deref() {
            let key = normalize_name(name);
            if self.ids.contains(h)
                && self
                    .by_name
                    .get(&key)
                    .is_some_and(|v| v.iter().any(|x| x.1 == h))
            {
                let id = h.to_owned();
                self.mark(&id);
                return Some(id);
            }
        }
        match self.by_name_best(name).as_slice() {
            [] => {}
            [one] => {
                let id = one.clone();
                // Remember the identifiers so later records match by them.
                for key in idents {
                    self.by_ident.entry(key).or_insert_with(|| id.clone());
                }
                self.mark(&id);
                return Some(id);
            }
            many => {
                self.skip(format!(
                    "actor name {name:?} matches several actors ({}); merge them or give them identifiers",
                    many.join(", ")
                ));
                return None;
            }
        }
        let id = match r.id_hint.as_deref() {
            Some(h) if crate::model::is_valid_id(h) && !self.ids.contains(h) => h.to_owned(),
            _ => {
                let base = slugify(name);
                let mut id = base.clone();
                let mut n = 2;
                while self.ids.contains(&id) {
                    id = format!("{base}-{n}");
                    n += 1;
                }
                id
            }
        };
        let mut a = Actor::new(id.clone(), name, r.kind);
        a.country = r.country.filter(|c| crate::model::is_valid_country(c));
        let mut seen = HashSet::new();
        a.aliases = r
            .aliases
            .into_iter()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty() && seen.insert(s.clone()))
            .collect();
        a.attributes = r.attributes;
        if let Some((k, v)) = r.ident {
            a.attributes.insert(k, v);
        }
        a.description = r.description.filter(|d| !d.trim().is_empty());
        let problems = crate::edit::check_actor(&a, "");
        if !problems.is_empty() {
            for p in problems {
                self.problem(place, Some(field), p.message);
            }
            return None;
        }
        self.index(&a);
        self.new_actors.push(a);
        self.report.actors_created += 1;
        Some(id)
    }

    /// Adds a source unless one with its id exists; returns its id.
    pub fn source(&mut self, s: Source) -> String {
        let id = s.id.clone();
        if self.source_ids.insert(id.clone()) {
            self.new_sources.push(s);
            self.report.sources_added += 1;
        }
        id
    }

    /// Whether the graph (or this import) already has an edge with this id.
    pub fn has_edge(&self, id: &str) -> bool {
        self.edge_ids.contains(id)
    }

    /// Whether `action` is known to the graph's vocabulary (built-in,
    /// declared by the graph or by this import).
    pub fn knows_action(&self, action: &str) -> bool {
        self.vocab.is_known(action) || self.declared.iter().any(|d| d.name == action)
    }

    /// Declares an action the graph's vocabulary lacks (a no-op when it
    /// knows it already).
    pub fn declare(&mut self, def: crate::model::ActionDef) {
        if !self.knows_action(&def.name) {
            self.declared.push(def);
        }
    }

    /// Counts a record whose edge the graph already has (by id).
    pub fn already_present(&mut self) {
        self.report.edges_already_present += 1;
    }

    /// Adds an edge unless one with its id exists (then it is counted as
    /// already present). The edge's id must be set.
    pub fn edge(&mut self, place: &str, e: Edge) {
        if !crate::model::vocab::is_valid_action_name(&e.action) {
            self.problem(
                place,
                Some("action"),
                format!("{:?} is not an action name", e.action),
            );
            return;
        }
        if !crate::model::is_valid_id(&e.id) {
            self.problem(
                place,
                Some("id"),
                format!("{:?} is not a valid edge id", e.id),
            );
            return;
        }
        if !self.edge_ids.insert(e.id.clone()) {
            self.report.edges_already_present += 1;
            return;
        }
        self.new_edges.push(e);
        self.report.edges_added += 1;
    }

    /// Applies everything to `doc` and returns the report, or — when any
    /// record had a problem — leaves `doc` untouched and returns every
    /// problem.
    pub fn finish(self, doc: &mut Document) -> Result<Report> {
        if !self.problems.is_empty() {
            let mut problems = self.problems;
            if self.more_problems > 0 {
                problems.push(Problem::new(
                    self.file.clone(),
                    None,
                    format!("{} more problems not listed", self.more_problems),
                ));
            }
            return Err(Error::Invalid {
                origin: self.file,
                problems,
            });
        }
        doc.actions.extend(self.declared);
        doc.actors.extend(self.new_actors);
        doc.sources.extend(self.new_sources);
        doc.edges.extend(self.new_edges);
        doc.canonicalize();
        Ok(self.report)
    }
}

/// A stable, valid id from arbitrary text: ASCII letters, digits, `-`, `_`,
/// `.`, `:` kept, anything else replaced by `-`; long or changed text is
/// shortened and suffixed with a hash so that different inputs stay
/// different; text not starting with a letter or digit gets the prefix
/// `id-`.
pub fn id_part(s: &str) -> String {
    let s = s.trim();
    let clean: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let mut out = if clean.len() <= 120 && clean == s {
        clean
    } else {
        let short: String = clean.chars().take(100).collect();
        format!("{short}-{:016x}", fnv1a(s.as_bytes()))
    };
    if !out.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        out.insert_str(0, "id-");
    }
    out
}

/// The 64-bit FNV-1a hash (stable across runs and platforms), for
/// deterministic ids.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Reads the lines of a JSON-lines file one by one, calling `f` with the
/// 1-based line number and the parsed value of each non-empty line. A
/// line that is not JSON is a problem of the merger; an unreadable file is
/// an error.
pub fn each_json_line(
    path: &Path,
    merger: &mut Merger,
    progress: &indicatif::ProgressBar,
    mut f: impl FnMut(&mut Merger, u64, serde_json::Value),
) -> Result<()> {
    use std::io::BufRead;
    let file = std::fs::File::open(path).map_err(|e| Error::io("read", path, e))?;
    let reader = std::io::BufReader::new(file);
    let mut buf = Vec::new();
    let mut reader = reader;
    let mut line_no = 0u64;
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .map_err(|e| Error::io("read", path, e))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let place = format!("line {line_no}");
        let Ok(text) = std::str::from_utf8(&buf) else {
            merger.problem(&place, None, "is not valid UTF-8");
            continue;
        };
        let text = text.trim().trim_start_matches('\u{feff}');
        if text.is_empty() {
            continue;
        }
        merger.row();
        progress.inc(1);
        match serde_json::from_str::<serde_json::Value>(text) {
            Ok(v) => f(merger, line_no, v),
            Err(e) => merger.problem(
                &place,
                None,
                format!("not a JSON object: {}", strip_position(&e.to_string())),
            ),
        }
    }
    Ok(())
}

fn strip_position(s: &str) -> String {
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_owned(),
        None => s.to_owned(),
    }
}

/// Parses a date as other formats write it: a partial ISO date
/// (`2021`, `2021-01`, `2021-01-15`), a timestamp whose first ten
/// characters are a day (`2021-01-15T09:00:00Z`), or `YYYYMMDD`.
pub fn parse_loose_date(s: &str) -> Option<crate::model::PartialDate> {
    use crate::model::PartialDate;
    let s = s.trim();
    if let Ok(d) = PartialDate::parse(s) {
        return Some(d);
    }
    if s.len() > 10 && s.is_char_boundary(10) && matches!(s.as_bytes()[10], b'T' | b' ') {
        return PartialDate::parse(&s[..10]).ok();
    }
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        let y = s[..4].parse().ok()?;
        let m = s[4..6].parse().ok()?;
        let d = s[6..].parse().ok()?;
        return PartialDate::new(y, Some(m), Some(d));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PartialDate;

    #[test]
    fn formats_parse_and_guess() {
        for f in Format::ALL {
            assert_eq!(Format::parse(f.as_str()), Some(f));
        }
        assert_eq!(Format::parse("POLECAT"), Some(Format::Plover));
        assert_eq!(Format::parse("proposals"), None);
        let p = Path::new("x.txt");
        assert_eq!(
            Format::guess(p, b"Event ID\tEvent Date\tSource Name\n"),
            Some(Format::Icews)
        );
        let gdelt_row = format!("123{}", "\tx".repeat(60));
        assert_eq!(Format::guess(p, gdelt_row.as_bytes()), Some(Format::Gdelt));
        assert_eq!(
            Format::guess(p, br#"{"id":"a","schema":"Person","properties":{}}"#),
            Some(Format::Ftm)
        );
        assert_eq!(
            Format::guess(p, b"{\n  \"persons\": [\n"),
            Some(Format::Popolo)
        );
        assert_eq!(
            Format::guess(p, br#"{"id":"1","event":"ACCUSE"}"#),
            Some(Format::Plover)
        );
        assert_eq!(Format::guess(p, b"hello"), None);
        assert_eq!(
            Format::guess(Path::new("events.csv"), b"source,action,target,date\n"),
            Some(Format::Csv)
        );
    }

    #[test]
    fn ids_and_dates() {
        assert_eq!(id_part("abc-1"), "abc-1");
        assert_eq!(id_part("a b/c"), format!("a-b-c-{:016x}", fnv1a(b"a b/c")));
        assert_ne!(id_part("a b"), id_part("a/b"));
        assert_eq!(
            id_part("/m/0abc"),
            format!("id--m-0abc-{:016x}", fnv1a(b"/m/0abc"))
        );
        assert!(crate::model::is_valid_id(&id_part(&"é".repeat(300))));
        assert!(crate::model::is_valid_id(&id_part("_x")));
        assert_eq!(
            parse_loose_date("20210115"),
            PartialDate::new(2021, Some(1), Some(15))
        );
        assert_eq!(
            parse_loose_date("2021-01-15T10:00:00Z"),
            PartialDate::new(2021, Some(1), Some(15))
        );
        assert_eq!(parse_loose_date("2021"), PartialDate::new(2021, None, None));
        assert_eq!(parse_loose_date("20210230"), None);
        assert_eq!(parse_loose_date("soon"), None);
    }

    #[test]
    fn merger_matches_by_identifier_then_name_and_dedupes_edges() {
        let mut doc = Document::new("t");
        let mut jp = Actor::new("jpn", "Japan", "state");
        jp.attributes.insert("wikidata".into(), "Q17".into());
        doc.actors.push(jp);
        doc.actors.push(Actor::new("kor", "South Korea", "state"));
        let mut m = Merger::new(&doc, Format::Ftm, Path::new("f"));
        let mut by_qid = ActorRef::named("Nippon", "state");
        by_qid.ident = Some(("wikidata".into(), "Q17".into()));
        assert_eq!(m.actor("line 1", "a", by_qid).as_deref(), Some("jpn"));
        let by_name = ActorRef::named("SOUTH KOREA", "state");
        assert_eq!(m.actor("line 1", "b", by_name).as_deref(), Some("kor"));
        let new = ActorRef::named("Seoul Central District Court", "court");
        let id = m.actor("line 2", "a", new).unwrap();
        assert_eq!(id, "seoul-central-district-court");
        let again = ActorRef::named("seoul central district court", "court");
        assert_eq!(m.actor("line 3", "a", again).unwrap(), id);
        let mut e = Edge::new(id, "ruled", "jpn");
        e.id = "x-1".into();
        m.edge("line 2", e.clone());
        m.edge("line 4", e);
        let r = m.finish(&mut doc).unwrap();
        assert_eq!(r.actors_created, 1);
        assert_eq!(r.actors_matched, 2);
        assert_eq!(r.edges_added, 1);
        assert_eq!(r.edges_already_present, 1);
        assert_eq!(doc.actors.len(), 3);
        assert_eq!(doc.edges.len(), 1);
    }

    #[test]
    fn an_ambiguous_name_skips_the_record_and_a_name_beats_an_alias() {
        let mut doc = Document::new("t");
        let mut kor = Actor::new("kor", "Republic of Korea", "state");
        kor.aliases.push("South Korea".into());
        let mut gov = Actor::new("kor-gov", "Government of South Korea", "government");
        gov.aliases.push("South Korea".into());
        let mut court = Actor::new("court", "Court", "court");
        court.aliases.push("Government of South Korea".into());
        doc.actors.extend([kor, gov, court]);
        let mut m = Merger::new(&doc, Format::Icews, Path::new("f"));
        assert!(m
            .actor("line 1", "a", ActorRef::named("South Korea", "state"))
            .is_none());
        let by_name = m.actor(
            "line 2",
            "a",
            ActorRef::named("Government of South Korea", "x"),
        );
        assert_eq!(
            by_name.as_deref(),
            Some("kor-gov"),
            "the name outranks the alias"
        );
        let r = m.finish(&mut doc).unwrap();
        assert_eq!(r.skipped, 1);
        let why = r.skipped_why.keys().next().unwrap();
        assert!(
            why.contains("\"South Korea\" matches several actors (kor, kor-gov)"),
            "{why}"
        );
        assert_eq!(doc.actors.len(), 3);
    }

    #[test]
    fn hostile_input_never_panics_and_never_half_applies() {
        type Importer = fn(&mut Document, &Path, &indicatif::ProgressBar) -> Result<Report>;
        let importers: [(&str, Importer); 5] = [
            ("icews", icews::import),
            ("gdelt", gdelt::import),
            ("plover", plover::import),
            ("ftm", ftm::import),
            ("popolo", popolo::import),
        ];
        let deep = format!("{}{}", "[".repeat(500), "]".repeat(500));
        let inputs: Vec<Vec<u8>> = vec![
            Vec::new(),
            b"\xff\xfe\x00garbage\n\x01\x02".to_vec(),
            b"{}\n[]\nnull\n42\n\"x\"\n".to_vec(),
            deep.into_bytes(),
            br#"{"id":1,"schema":7,"properties":[1],"persons":{"a":1},"event":["x"],"source":{"actorText":5}}"#.to_vec(),
            br#"{"persons":[1,{"id":"","name":"x"}],"memberships":[{"person_id":{}}]}"#.to_vec(),
            "Event ID\tEvent Date\tSource Name\tCAMEO Code\tTarget Name\n1\t\t\t\t\n\t\n"
                .as_bytes()
                .to_vec(),
            format!("1{}\n", "\t".repeat(60)).into_bytes(),
        ];
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("in");
        for (i, input) in inputs.iter().enumerate() {
            std::fs::write(&path, input).unwrap();
            for (name, f) in importers {
                let mut doc = Document::new("t");
                doc.actors.push(Actor::new("a", "A", "state"));
                let before = doc.clone();
                let hidden = indicatif::ProgressBar::hidden();
                if f(&mut doc, &path, &hidden).is_err() {
                    assert_eq!(doc, before, "{name} on input {i} half-applied");
                }
            }
        }
    }

    #[test]
    fn merger_is_all_or_nothing() {
        let mut doc = Document::new("t");
        let mut m = Merger::new(&doc, Format::Ftm, Path::new("in.json"));
        m.actor("line 1", "name", ActorRef::named("Fine", "person"));
        assert!(m
            .actor("line 2", "name", ActorRef::named("bad\u{7}", "person"))
            .is_none());
        let err = m.finish(&mut doc).unwrap_err().to_string();
        assert!(err.contains("in.json line 2, field `name`"), "{err}");
        assert!(doc.actors.is_empty());
    }
}
