//! Loading, validating and saving graph documents: the only module that
//! touches graph files.
//!
//! * Reading validates everything and reports every problem with its place.
//! * Writing is atomic: a temporary file in the same folder, fsync, rename,
//!   fsync of the folder. A crash leaves either the old or the new file.
//! * Editing takes an exclusive advisory lock on a sidecar lock file
//!   (`.NAME.lock`), re-reads the file, applies the change and writes it
//!   atomically, so concurrent writers lose no update.

use std::collections::HashSet;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{Error, Problem, Result, Short};
use crate::graph::Graph;
use crate::ids::IdMap;
use crate::model::{is_valid_country, is_valid_id, Document, Vocabulary, FORMAT_VERSION};

/// Hash map with a fast, non-cryptographic hasher (foldhash) for the big
/// id indexes; keys come from the document, so hash flooding is not a concern
/// beyond what the file's own size allows.
type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

/// How long a writer waits for another writer's lock before giving up.
pub const LOCK_TIMEOUT: Duration = Duration::from_secs(30);

/// Largest graph file we read (protects memory on hostile input): 4 GiB.
pub const MAX_FILE_BYTES: u64 = 4 << 30;

/// Reads and validates the graph file at `path`.
pub fn load(path: &Path) -> Result<Document> {
    let mut text = read_text(path)?;
    parse_owned(&mut text, path).map(|(doc, _)| doc)
}

/// Reads, validates and indexes the graph file at `path`: the same as
/// `Graph::new(load(path)?)`, with the actor lookups of validation reused
/// by the index.
pub fn load_graph(path: &Path) -> Result<Graph> {
    let mut text = read_text(path)?;
    let (doc, resolved) = parse_owned(&mut text, path)?;
    drop(text);
    Graph::with_resolved(doc, resolved)
}

/// The text of a graph file: read into memory, or — for big files — mapped.
enum Text {
    Read(Vec<u8>),
    Mapped(memmap2::MmapMut),
}

impl std::ops::Deref for Text {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Text::Read(v) => v,
            Text::Mapped(m) => m,
        }
    }
}

impl std::ops::DerefMut for Text {
    fn deref_mut(&mut self) -> &mut [u8] {
        match self {
            Text::Read(v) => v,
            Text::Mapped(m) => m,
        }
    }
}

/// Reads the graph file at `path`, mapping it into memory when it is big.
///
/// A big file is mapped copy-on-write (`MAP_PRIVATE`) rather than read:
/// the pages come straight from the page cache, where reading would first
/// fill ~150 MB of fresh memory per million edges (on the benchmark machine
/// that zeroing and copying was a third of the load). The split parse's
/// four-byte marks then touch private copies of two pages, never the file.
/// A mapping is only safe while nobody shortens the file in place; polgraph
/// itself never does (every write goes to a temporary file renamed over the
/// old one, so a reader keeps the old, unchanged file), and neither do
/// editors that save by renaming. When mapping fails the file is read.
fn read_text(path: &Path) -> Result<Text> {
    let bytes_len = check_size(path)?;
    if bytes_len >= SPLIT_PARSE_BYTES as u64 {
        if let Ok(file) = File::open(path) {
            // SAFETY: the mapping is private and read as plain bytes; the
            // file is not truncated in place by polgraph (see above). Its
            // length is re-checked on the open handle.
            let same = file.metadata().map(|m| m.len() == bytes_len && m.is_file());
            if same.unwrap_or(false) {
                if let Ok(m) = unsafe { memmap2::MmapOptions::new().map_copy(&file) } {
                    return Ok(Text::Mapped(m));
                }
            }
        }
    }
    fs::read(path)
        .map(Text::Read)
        .map_err(|e| Error::io("read", path, e))
}

/// Files at least this big are parsed on two threads when they are in the
/// canonical layout (see [`parse_split`]).
pub const SPLIT_PARSE_BYTES: usize = 8 << 20;

/// [`parse_checked`] for text the caller owns, so that a big canonical file
/// can be parsed on two threads. The bytes are unchanged afterwards.
fn parse_owned(bytes: &mut [u8], path: &Path) -> Result<(Document, Resolved)> {
    if bytes.len() >= SPLIT_PARSE_BYTES {
        if let Some(doc) = parse_split(bytes) {
            return finish(doc, bytes, path);
        }
    }
    parse_checked(bytes, path)
}

/// The size of the graph file at `path`, or an error when it is a directory
/// or over [`MAX_FILE_BYTES`].
fn check_size(path: &Path) -> Result<u64> {
    let meta = fs::metadata(path).map_err(|e| Error::io("read", path, e))?;
    if meta.is_dir() {
        return Err(Error::io(
            "read",
            path,
            io::Error::other("it is a directory, not a graph file"),
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Error::io(
            "read",
            path,
            io::Error::other(format!(
                "file is {} bytes, more than the {} byte limit",
                meta.len(),
                MAX_FILE_BYTES
            )),
        ));
    }
    Ok(meta.len())
}

/// Parses and validates a graph document from bytes; `path` names it in errors.
pub fn parse(bytes: &[u8], path: &Path) -> Result<Document> {
    parse_checked(bytes, path).map(|(doc, _)| doc)
}

/// A pretty-printed edge takes at least ~96 bytes of the file: room for
/// `len / EDGE_BYTES` edges is always enough.
const EDGE_BYTES: usize = 96;

/// [`parse`], also returning each edge's actor numbers.
fn parse_checked(bytes: &[u8], path: &Path) -> Result<(Document, Resolved)> {
    let hint = bytes.len() / EDGE_BYTES;
    let parsed = crate::model::interning(|| {
        crate::model::with_edge_capacity_hint(hint, || serde_json::from_slice::<Document>(bytes))
    });
    let doc: Document = match parsed {
        Ok(doc) => doc,
        Err(e) => {
            // Check the version before reporting anything else, so that a
            // future file gets a clear message rather than a complaint about
            // an unknown field. (Done only on failure: it is a second full
            // pass over the text.)
            check_version(bytes, path)?;
            if e.is_data() {
                return Err(diagnose(bytes, path, e));
            }
            return Err(Error::Syntax {
                path: path.to_owned(),
                line: e.line(),
                column: e.column(),
                message: clean_serde_message(&e.to_string()),
            });
        }
    };
    finish(doc, bytes, path)
}

/// The checks after a successful parse: version, validation, edge ids.
fn finish(mut doc: Document, bytes: &[u8], path: &Path) -> Result<(Document, Resolved)> {
    if doc.edges.capacity() > 2 * doc.edges.len() + 64 {
        doc.edges.shrink_to_fit();
    }
    if doc.polgraph != FORMAT_VERSION {
        check_version(bytes, path)?;
    }
    let (problems, resolved) = check(&doc);
    if !problems.is_empty() {
        return Err(Error::Invalid {
            origin: path.display().to_string(),
            problems,
        });
    }
    if doc.edges.iter().any(|e| e.id.is_empty()) {
        doc.assign_edge_ids();
    }
    Ok((doc, resolved))
}

/// What validation found out on the way, for the graph index: the actor
/// numbers of every edge's ends (`u32::MAX` for an unknown actor) and the
/// actor numbers by id.
pub(crate) struct Resolved {
    pub(crate) ends: Vec<(u32, u32)>,
    pub(crate) actors: IdMap<u32>,
}

/// Parses a big document in the canonical layout on two threads: the first
/// takes everything up to an edge near the middle of the file, the second
/// the edges from there on. Returns `None` — and the caller parses the
/// ordinary way, which also reports any error — when the text is not in that
/// layout or either part fails to parse. `bytes` is the same afterwards.
///
/// The cut is at a line `    {` following a line that ends in `},` after
/// the line `  "edges": [`. Raw newlines never occur inside JSON strings, so
/// such lines are structure; the two halves are then parsed as complete JSON
/// texts by closing the first one with `]}` (written over the `,` and the
/// newline before the cut) and opening the second with `[` (written over the
/// first space of the cut line) while blanking the document's final `}`. Both
/// parse only if the cut really was between two items of the top-level
/// `edges` array and the array really ends the document, so a wrong guess
/// can only cost time, never change the result: the result is the document
/// the ordinary parse gives.
#[doc(hidden)]
pub fn parse_split(bytes: &mut [u8]) -> Option<Document> {
    const EDGES: &[u8] = b"\n  \"edges\": [\n";
    // The first top-level `edges` key, searched forward: a forward search is
    // vectorised where a backward one (from the middle) is not, which cost
    // 0.3 s on a 5M-edge store. A second such line would make the layout
    // non-canonical, and then one of the halves fails to parse.
    let mid = bytes.len() / 2;
    let start = memchr::memmem::find(bytes, EDGES)? + EDGES.len();
    let from = mid.max(start);
    let cut = memchr::memmem::find(&bytes[from..], b"},\n    {\n")? + from + 3;
    let end = bytes.iter().rposition(|b| !b.is_ascii_whitespace())?;
    if end <= cut || bytes[end] != b'}' {
        return None;
    }
    let saved = [bytes[cut - 2], bytes[cut - 1], bytes[cut], bytes[end]];
    bytes[cut - 2] = b']';
    bytes[cut - 1] = b'}';
    bytes[cut] = b'[';
    bytes[end] = b' ';
    let (head, tail) = bytes.split_at(cut);
    let total_hint = head.len() / EDGE_BYTES + tail.len() / EDGE_BYTES;
    let (first, rest) = std::thread::scope(|s| {
        let rest = s.spawn(|| {
            let mut de = serde_json::Deserializer::from_slice(tail);
            let edges = crate::model::interning(|| {
                crate::model::with_edge_capacity_hint(tail.len() / EDGE_BYTES, || {
                    crate::model::edge_list(&mut de)
                })
            })
            .ok()?;
            de.end().ok()?;
            Some(edges)
        });
        let first = crate::model::interning(|| {
            crate::model::with_edge_capacity_hint(total_hint, || {
                serde_json::from_slice::<Document>(head)
            })
        })
        .ok();
        // A panic in the other thread is a bug; parse the ordinary way.
        (first, rest.join().ok().flatten())
    });
    bytes[cut - 2] = saved[0];
    bytes[cut - 1] = saved[1];
    bytes[cut] = saved[2];
    bytes[end] = saved[3];
    let mut doc = first?;
    let rest = rest?;
    // An empty `edges` in the first half means the cut was not where the
    // layout promised (e.g. the `edges` key is not the last one).
    if doc.edges.is_empty() {
        return None;
    }
    doc.edges.extend(rest);
    Some(doc)
}

/// How many problems the item-by-item diagnosis of a malformed document
/// collects before it stops looking. Keeps a hostile file (a 100 MB list of bad
/// items) from costing gigabytes of messages.
pub const MAX_DIAGNOSED: usize = 1000;

/// The slow path for a document of the wrong shape: parse it item by item
/// so that every bad item is reported with its index, id and field.
///
/// Works on borrowed raw JSON text, one item at a time: memory stays within
/// a small multiple of the largest item, whatever the size of the file.
fn diagnose(bytes: &[u8], path: &Path, first: serde_json::Error) -> Error {
    let syntax = || Error::Syntax {
        path: path.to_owned(),
        line: first.line(),
        column: first.column(),
        message: clean_serde_message(&first.to_string()),
    };
    let Ok(top) = top_level(bytes) else {
        return syntax();
    };
    let mut problems = Diagnosed::default();
    let mut lists: Vec<(&str, &str)> = Vec::new();
    // Everything but the lists, as a document of its own.
    let mut rest = String::from("{");
    for (key, raw) in &top {
        let text = raw.get().trim_start();
        match ["actions", "sources", "actors", "edges"]
            .into_iter()
            .find(|k| k == key)
        {
            Some(k) if text.starts_with('[') => lists.push((k, text)),
            Some(k) => problems.push(Problem::new(
                "document",
                Some(k),
                format!("expected a list, found {}", json_kind(text)),
            )),
            None => {
                if rest.len() > 1 {
                    rest.push(',');
                }
                rest.push_str(&serde_json::to_string(key).unwrap_or_default());
                rest.push(':');
                rest.push_str(text);
            }
        }
    }
    rest.push('}');
    let shape_problems = problems.list.len();
    if let Err(e) = serde_json::from_str::<Document>(&rest) {
        problems.push(Problem::new(
            "document",
            None,
            clean_serde_message(&e.to_string()),
        ));
    }
    drop(rest);
    let before_items = problems.list.len();
    for key in ["actions", "sources", "actors", "edges"] {
        for &(_, text) in lists.iter().filter(|(k, _)| *k == key) {
            if problems.truncated {
                break;
            }
            let mut de = serde_json::Deserializer::from_str(text);
            let _ = serde::Deserializer::deserialize_seq(
                &mut de,
                Items {
                    key,
                    problems: &mut problems,
                },
            );
        }
    }
    // Nothing but a problem outside the lists: the parser's own message
    // says it with its line and column in the file.
    if shape_problems == 0 && problems.list.len() == before_items {
        return syntax();
    }
    Error::Invalid {
        origin: path.display().to_string(),
        problems: problems.finish(),
    }
}

/// The top-level object as (key, raw value) pairs, in file order.
fn top_level(bytes: &[u8]) -> serde_json::Result<Vec<(String, &serde_json::value::RawValue)>> {
    struct Pairs;
    impl<'de> serde::de::Visitor<'de> for Pairs {
        type Value = Vec<(String, &'de serde_json::value::RawValue)>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(pair) = map.next_entry()? {
                out.push(pair);
            }
            Ok(out)
        }
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let pairs = serde::Deserializer::deserialize_map(&mut de, Pairs)?;
    de.end()?;
    Ok(pairs)
}

/// Problems found by [`diagnose`]; it stops looking after [`MAX_DIAGNOSED`].
#[derive(Default)]
struct Diagnosed {
    list: Vec<Problem>,
    truncated: bool,
}

impl Diagnosed {
    fn full(&self) -> bool {
        self.list.len() >= MAX_DIAGNOSED
    }

    fn push(&mut self, p: Problem) {
        if self.full() {
            self.truncated = true;
        } else {
            self.list.push(p);
        }
    }

    fn finish(mut self) -> Vec<Problem> {
        if self.truncated {
            self.list.push(Problem::new(
                "document",
                None,
                format!("stopped after the first {MAX_DIAGNOSED} problems; there are more"),
            ));
        }
        self.list
    }
}

/// Visits the items of one list, checking each as its type.
struct Items<'p> {
    key: &'static str,
    problems: &'p mut Diagnosed,
}

impl<'de> serde::de::Visitor<'de> for Items<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        use serde_json::value::RawValue;
        let mut i = 0usize;
        while let Some(item) = seq.next_element::<&RawValue>()? {
            let text = item.get();
            let err = match self.key {
                "actions" => serde_json::from_str::<crate::model::ActionDef>(text).err(),
                "sources" => serde_json::from_str::<crate::model::Source>(text).err(),
                "actors" => serde_json::from_str::<crate::model::Actor>(text).err(),
                _ => serde_json::from_str::<crate::model::Edge>(text).err(),
            };
            if let Some(e) = err {
                if self.problems.full() {
                    // Bounded time as well as memory: stop reading here.
                    self.problems.truncated = true;
                    return Ok(());
                }
                let msg = clean_serde_message(&e.to_string());
                let field = msg.starts_with("invalid date").then_some("date");
                let at = place(self.key, i, &item_id(text));
                self.problems.push(Problem::new(at, field, msg));
            }
            i += 1;
        }
        Ok(())
    }
}

/// An item's `id` (or, when it has none, its `name`) if that is a string.
fn item_id(text: &str) -> String {
    use serde_json::value::RawValue;
    #[derive(serde::Deserialize)]
    struct Ids<'a> {
        #[serde(borrow, default)]
        id: Option<&'a RawValue>,
        #[serde(borrow, default)]
        name: Option<&'a RawValue>,
    }
    serde_json::from_str::<Ids>(text)
        .ok()
        .and_then(|ids| ids.id.or(ids.name))
        .and_then(|raw| serde_json::from_str::<String>(raw.get()).ok())
        .unwrap_or_default()
}

/// What kind of JSON value `text` (trimmed raw JSON) is.
fn json_kind(text: &str) -> &'static str {
    match text.as_bytes().first() {
        Some(b'n') => "null",
        Some(b't' | b'f') => "a boolean",
        Some(b'"') => "a string",
        Some(b'[') => "a list",
        Some(b'{') => "an object",
        _ => "a number",
    }
}

fn clean_serde_message(s: &str) -> String {
    // serde_json appends " at line L column C"; we print the place ourselves.
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_owned(),
        None => s.to_owned(),
    }
}

fn check_version(bytes: &[u8], path: &Path) -> Result<()> {
    #[derive(serde::Deserialize)]
    struct Head {
        polgraph: Option<serde_json::Value>,
    }
    // Only a syntactically valid object gets a version check here; syntax
    // errors are reported by the full parse with their line and column.
    let Ok(head) = serde_json::from_slice::<Head>(bytes) else {
        return Ok(());
    };
    match head.polgraph {
        None => Err(Error::Invalid {
            origin: path.display().to_string(),
            problems: vec![Problem::new(
                "document",
                Some("polgraph"),
                format!("missing format version; a polgraph graph file starts with {{\"polgraph\": {FORMAT_VERSION}, …}}"),
            )],
        }),
        Some(serde_json::Value::Number(n)) if n.as_u64() == Some(FORMAT_VERSION as u64) => Ok(()),
        Some(v) => Err(Error::Invalid {
            origin: path.display().to_string(),
            problems: vec![Problem::new(
                "document",
                Some("polgraph"),
                format!("unknown format version {v}; this polgraph reads version {FORMAT_VERSION}"),
            )],
        }),
    }
}

fn place(kind: &str, i: usize, id: &str) -> String {
    if id.is_empty() {
        format!("{kind}[{i}]")
    } else {
        format!("{kind}[{i}] (id {:?})", Short(id))
    }
}

/// Checks a document and returns every problem found (empty when valid):
/// ids (syntax, duplicates), names, countries, edges naming unknown actors or
/// sources, interval dates, declared actions.
pub fn validate(doc: &Document) -> Vec<Problem> {
    check(doc).0
}

/// [`validate`], also returning the actor numbers of every edge's ends
/// (`u32::MAX` for an unknown actor) so that [`Graph`] need not look them up
/// again.
fn check(doc: &Document) -> (Vec<Problem>, Resolved) {
    let mut problems = Vec::new();
    if doc.polgraph != FORMAT_VERSION {
        problems.push(Problem::new(
            "document",
            Some("polgraph"),
            format!(
                "unknown format version {}; this polgraph reads version {FORMAT_VERSION}",
                doc.polgraph
            ),
        ));
    }
    let mut action_names = HashSet::new();
    for (i, a) in doc.actions.iter().enumerate() {
        let at = format!("actions[{i}] ({:?})", Short(&a.name));
        if let Err(msg) = a.validate() {
            problems.push(Problem::new(&at, None, msg));
        }
        if !action_names.insert(a.name.as_str()) {
            problems.push(Problem::new(
                &at,
                Some("name"),
                "duplicate action declaration",
            ));
        }
    }
    let mut source_ids = HashSet::new();
    for (i, s) in doc.sources.iter().enumerate() {
        let at = place("sources", i, &s.id);
        check_id(&mut problems, &at, &s.id);
        if !source_ids.insert(s.id.as_str()) {
            problems.push(Problem::new(
                &at,
                Some("id"),
                format!("duplicate source id {:?}", Short(&s.id)),
            ));
        }
        if s.title.trim().is_empty() {
            problems.push(Problem::new(&at, Some("title"), "empty title"));
        }
    }
    let mut actor_ids = IdMap::with_capacity(doc.actors.len());
    for (i, a) in doc.actors.iter().enumerate() {
        let at = place("actors", i, &a.id);
        check_id(&mut problems, &at, &a.id);
        if let Some(first) = actor_ids.insert(a.id.as_str(), i as u32) {
            problems.push(Problem::new(
                &at,
                Some("id"),
                format!(
                    "duplicate actor id {:?} (first at actors[{first}])",
                    Short(&a.id)
                ),
            ));
        }
        if a.name.trim().is_empty() {
            problems.push(Problem::new(&at, Some("name"), "empty name"));
        }
        check_text(&mut problems, &at, "name", &a.name);
        if a.kind.trim().is_empty() {
            problems.push(Problem::new(&at, Some("kind"), "empty kind"));
        }
        if let Some(c) = &a.country {
            if !is_valid_country(c) {
                problems.push(Problem::new(
                    &at,
                    Some("country"),
                    format!("{:?} is not an ISO 3166-1 alpha-3 code (three capital letters, e.g. \"KOR\")", Short(c)),
                ));
            }
        }
        for al in &a.aliases {
            if al.trim().is_empty() {
                problems.push(Problem::new(&at, Some("aliases"), "empty alias"));
            }
            check_text(&mut problems, &at, "aliases", al);
        }
    }
    let vocab = Vocabulary::with_declared(&doc.actions).unwrap_or_else(|_| Vocabulary::builtin());
    let mut edge_ids = EdgeIds::new(doc.edges.len());
    let ends = resolve_ends(&doc.edges, &actor_ids);
    for (i, (e, end)) in doc.edges.iter().zip(&ends).enumerate() {
        // The place is only formatted when there is a problem to report.
        let at = || place("edges", i, &e.id);
        if !e.id.is_empty() {
            if !is_valid_id(&e.id) {
                check_id(&mut problems, &at(), &e.id);
            }
            if let Some(first) = edge_ids.insert(&doc.edges, i) {
                problems.push(Problem::new(
                    at(),
                    Some("id"),
                    format!(
                        "duplicate edge id {:?} (first at edges[{first}])",
                        Short(&e.id)
                    ),
                ));
            }
        }
        for (field, v, a) in [("source", &e.source, end.0), ("target", &e.target, end.1)] {
            if a == u32::MAX {
                problems.push(Problem::new(
                    at(),
                    Some(field),
                    format!("unknown actor {:?}", Short(v)),
                ));
            }
        }
        if !crate::model::vocab::is_valid_action_name(&e.action) {
            problems.push(Problem::new(
                at(),
                Some("action"),
                format!(
                    "{:?} is not an action name (lowercase letters, digits and _)",
                    Short(&e.action)
                ),
            ));
        }
        for c in &e.cites {
            if !source_ids.contains(c.as_str()) {
                problems.push(Problem::new(
                    at(),
                    Some("cites"),
                    format!("unknown source {:?}", Short(c)),
                ));
            }
        }
        let _ = &vocab;
    }
    (
        problems,
        Resolved {
            ends,
            actors: actor_ids,
        },
    )
}

/// Edges from which [`resolve_ends`] looks actors up on two threads.
const PARALLEL_ENDS: usize = 1 << 16;

/// The actor indices of every edge's source and target (`u32::MAX` for an
/// unknown actor). On a big graph these lookups are mostly cache misses in a
/// table too big for the caches, so the two halves are looked up on two
/// threads; a tight loop of independent lookups also lets each core keep
/// several misses in flight.
fn resolve_ends(edges: &[crate::model::Edge], actor_ids: &IdMap<u32>) -> Vec<(u32, u32)> {
    let index = |id: &str| actor_ids.get(id).unwrap_or(u32::MAX);
    // Blocks of edges: every lookup of a block is announced (prefetched)
    // before the first is made, so their cache misses overlap.
    let look = |part: &[crate::model::Edge]| {
        let mut ends = Vec::with_capacity(part.len());
        for block in part.chunks(8) {
            for e in block {
                actor_ids.prefetch(&e.source);
                actor_ids.prefetch(&e.target);
            }
            ends.extend(block.iter().map(|e| (index(&e.source), index(&e.target))));
        }
        ends
    };
    if edges.len() < PARALLEL_ENDS {
        return look(edges);
    }
    let (head, tail) = edges.split_at(edges.len() / 2);
    std::thread::scope(|s| {
        let rest = s.spawn(|| look(tail));
        let mut ends = look(head);
        match rest.join() {
            Ok(rest) => ends.extend(rest),
            Err(panic) => std::panic::resume_unwind(panic),
        }
        ends
    })
}

/// Duplicate detection for edge ids. Ids of the generated form `e<N>`
/// (`N` without leading zeros, as [`Document::assign_edge_ids`] writes them)
/// are marked in a bitset, which avoids hashing a million strings on every
/// load; other ids go to a hash map. On the first duplicate number, every id
/// seen so far moves to the map, which then answers where the first
/// occurrence was.
struct EdgeIds<'a> {
    bits: Vec<u64>,
    map: FastMap<&'a str, usize>,
    exact: bool,
}

impl<'a> EdgeIds<'a> {
    fn new(edges: usize) -> Self {
        EdgeIds {
            bits: vec![0; (edges.max(1 << 16) * 4).div_ceil(64)],
            map: FastMap::default(),
            exact: false,
        }
    }

    /// Records `edges[i].id` (non-empty); returns the index of an earlier
    /// edge with the same id.
    fn insert(&mut self, edges: &'a [crate::model::Edge], i: usize) -> Option<usize> {
        let id = edges[i].id.as_str();
        if !self.exact {
            match edge_number(id).filter(|&n| n < self.bits.len() as u64 * 64) {
                Some(n) => {
                    let (w, b) = ((n / 64) as usize, 1u64 << (n % 64));
                    if self.bits[w] & b == 0 {
                        self.bits[w] |= b;
                        return None;
                    }
                    // A duplicate: switch to exact bookkeeping to name the first.
                    self.exact = true;
                    for (j, e) in edges[..i].iter().enumerate() {
                        if !e.id.is_empty() {
                            self.map.entry(e.id.as_str()).or_insert(j);
                        }
                    }
                }
                None => {
                    return match self.map.entry(id) {
                        std::collections::hash_map::Entry::Occupied(o) => Some(*o.get()),
                        std::collections::hash_map::Entry::Vacant(v) => {
                            v.insert(i);
                            None
                        }
                    };
                }
            }
        }
        match self.map.entry(id) {
            std::collections::hash_map::Entry::Occupied(o) => Some(*o.get()),
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(i);
                None
            }
        }
    }
}

/// `N` of an id `e<N>` written without leading zeros.
fn edge_number(id: &str) -> Option<u64> {
    let digits = id.strip_prefix('e')?;
    let b = digits.as_bytes();
    if b.is_empty() || b.len() > 18 || b[0] == b'0' || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    digits.parse().ok()
}

fn check_id(problems: &mut Vec<Problem>, at: &str, id: &str) {
    if !is_valid_id(id) {
        problems.push(Problem::new(
            at,
            Some("id"),
            format!("{:?} is not a valid id (1–200 ASCII letters, digits, '-', '_', '.', ':', starting with a letter or digit)", Short(id)),
        ));
    }
}

fn check_text(problems: &mut Vec<Problem>, at: &str, field: &str, s: &str) {
    if s.chars().any(|c| c.is_control()) {
        problems.push(Problem::new(
            at,
            Some(field),
            format!("{:?} contains control characters", Short(s)),
        ));
    }
}

/// Non-fatal findings of `validate`: unknown actions, isolated actors,
/// uncited edges, unused sources, ties without a span.
pub fn warnings(doc: &Document) -> Vec<Problem> {
    let vocab = doc.vocabulary();
    let mut out = Vec::new();
    let mut used: HashSet<&str> = HashSet::new();
    let mut cited: HashSet<&str> = HashSet::new();
    for (i, e) in doc.edges.iter().enumerate() {
        let at = place("edges", i, &e.id);
        used.insert(&e.source);
        used.insert(&e.target);
        cited.extend(e.cites.iter().map(|c| c.as_str()));
        match vocab.get(&e.action) {
            None => out.push(Problem::new(
                &at,
                Some("action"),
                format!(
                    "unknown action {:?} (category OTHER); declare it in \"actions\" or use a built-in action",
                    Short(&e.action)
                ),
            )),
            Some(def) if def.tie && e.date.is_none() => out.push(Problem::new(
                &at,
                Some("date"),
                format!("tie {:?} has no validity span", Short(&e.action)),
            )),
            _ => {}
        }
        if e.cites.is_empty() {
            out.push(Problem::new(&at, Some("cites"), "cites no source"));
        }
        if e.source == e.target {
            out.push(Problem::new(
                &at,
                None,
                format!("{:?} acts on itself", e.source),
            ));
        }
    }
    for (i, a) in doc.actors.iter().enumerate() {
        if !used.contains(a.id.as_str()) {
            out.push(Problem::new(
                place("actors", i, &a.id),
                None,
                "has no edges",
            ));
        }
        if !crate::model::RECOMMENDED_KINDS.contains(&a.kind.as_str()) {
            out.push(Problem::new(
                place("actors", i, &a.id),
                Some("kind"),
                format!("{:?} is not one of the recommended kinds", Short(&a.kind)),
            ));
        }
    }
    for (i, s) in doc.sources.iter().enumerate() {
        if !cited.contains(s.id.as_str()) {
            out.push(Problem::new(
                place("sources", i, &s.id),
                None,
                "is cited by no edge",
            ));
        }
    }
    out
}

/// Serialises a document in canonical form: pretty JSON (two-space indent),
/// actors and sources sorted by id, a trailing newline.
pub fn to_bytes(doc: &Document) -> Vec<u8> {
    let mut out = Vec::new();
    write_canonical(doc, &mut out).expect("a Document always serialises");
    out
}

/// Writes the canonical form of [`to_bytes`] to `w` as it is produced (no
/// copy of the whole text in memory; buffer `w` yourself).
pub fn write_canonical(doc: &Document, mut w: impl Write) -> io::Result<()> {
    let mut doc_sorted;
    let doc = if is_canonical(doc) {
        doc
    } else {
        doc_sorted = doc.clone();
        doc_sorted.canonicalize();
        &doc_sorted
    };
    if doc.edges.len() >= PARALLEL_SAVE_EDGES {
        return write_canonical_parallel(doc, w, SAVE_CHUNK);
    }
    serde_json::to_writer_pretty(&mut w, doc).map_err(io::Error::from)?;
    w.write_all(b"\n")
}

/// Documents with at least this many edges are serialised on two threads.
const PARALLEL_SAVE_EDGES: usize = 50_000;

/// Edges per chunk handed to a serialising thread.
const SAVE_CHUNK: usize = 4096;

/// [`write_canonical`] (of a canonical `doc`) with the edges, nearly all of
/// a big document's text, serialised on two threads in alternating chunks
/// of `chunk` edges and written in order: the same bytes as
/// `to_writer_pretty`, in about half the time (a fifth of a million-event
/// import was this serialisation).
///
/// The head (everything but the edges) is serde's own output for the
/// document without edges, which ends in `"edges": []`; each edge is
/// serde's pretty output for the edge alone, indented by the four spaces
/// of its place in the array (JSON strings hold no raw newline, so every
/// newline is a line break of the layout). The head is serialised from a
/// copy of the document without its edges, which costs the actors' memory
/// once more for a moment (import peak RSS 225 -> 242 MB at 1M events,
/// 963 -> 1092 MB at 5M); the import got ~0.1-0.2 s faster at 1M (medians
/// of alternating runs 1.26 -> 1.17 s), the store byte-identical.
fn write_canonical_parallel(doc: &Document, mut w: impl Write, chunk: usize) -> io::Result<()> {
    let head = Document {
        polgraph: doc.polgraph,
        name: doc.name.clone(),
        description: doc.description.clone(),
        actions: doc.actions.clone(),
        sources: doc.sources.clone(),
        actors: doc.actors.clone(),
        edges: Vec::new(),
    };
    let mut text = serde_json::to_vec_pretty(&head).map_err(io::Error::from)?;
    drop(head);
    const EMPTY: &[u8] = b"\"edges\": []\n}";
    if !text.ends_with(EMPTY) {
        // Not the layout this relies on: let serde write it all.
        serde_json::to_writer_pretty(&mut w, doc).map_err(io::Error::from)?;
        return w.write_all(b"\n");
    }
    if doc.edges.is_empty() {
        w.write_all(&text)?;
        return w.write_all(b"\n");
    }
    text.truncate(text.len() - 3); // keep `"edges": [`
    w.write_all(&text)?;
    drop(text);
    let chunks = || doc.edges.chunks(chunk.max(1)).enumerate();
    let serialise = |part: &[crate::model::Edge], first: bool| -> io::Result<Vec<u8>> {
        let mut out = Vec::with_capacity(part.len() * 200);
        let mut one = Vec::with_capacity(512);
        for (i, e) in part.iter().enumerate() {
            out.extend_from_slice(if first && i == 0 { b"\n" } else { b",\n" });
            one.clear();
            serde_json::to_writer_pretty(&mut one, e).map_err(io::Error::from)?;
            out.extend_from_slice(b"    ");
            for &b in &one {
                out.push(b);
                if b == b'\n' {
                    out.extend_from_slice(b"    ");
                }
            }
        }
        Ok(out)
    };
    std::thread::scope(|s| -> io::Result<()> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<io::Result<Vec<u8>>>(2);
        let serialise = &serialise;
        // The helper takes the odd chunks, this thread the even ones; each
        // odd chunk is written after the even chunk before it.
        let helper = s.spawn(move || {
            for (i, part) in chunks().skip(1).step_by(2) {
                if tx.send(serialise(part, i == 0)).is_err() {
                    return; // the writer stopped (write error)
                }
            }
        });
        let mut result = Ok(());
        let count = doc.edges.len().div_ceil(chunk.max(1));
        for (i, part) in chunks().step_by(2) {
            result = serialise(part, i == 0).and_then(|even| w.write_all(&even));
            if result.is_ok() && i + 1 < count {
                result = match rx.recv() {
                    Ok(odd) => odd.and_then(|odd| w.write_all(&odd)),
                    Err(_) => Err(io::Error::other("the serialising thread stopped")),
                };
            }
            if result.is_err() {
                break;
            }
        }
        drop(rx);
        let _ = helper.join();
        result
    })?;
    w.write_all(b"\n  ]\n}\n")
}

fn is_canonical(doc: &Document) -> bool {
    doc.actors.windows(2).all(|w| w[0].id <= w[1].id)
        && doc.sources.windows(2).all(|w| w[0].id <= w[1].id)
        && doc.actions.windows(2).all(|w| w[0].name <= w[1].name)
}

/// Writes `doc` to `path` atomically (temporary file in the same folder,
/// fsync, rename, fsync of the folder). Follows a symlinked `path` to its
/// target so the link stays a link.
pub fn save(doc: &Document, path: &Path) -> Result<()> {
    let problems = validate(doc);
    if !problems.is_empty() {
        return Err(Error::Invalid {
            origin: path.display().to_string(),
            problems,
        });
    }
    // Streamed to the temporary file: a 1M-event graph is ~150 MB of text,
    // and building it in memory first cost more than the writing.
    write_atomic_by(path, |f| {
        let mut w = io::BufWriter::with_capacity(1 << 20, f);
        write_canonical(doc, &mut w)?;
        w.flush()
    })
}

/// Resolves symlinks in `path` (when it exists) so that writes replace the
/// real file.
pub fn real_path(path: &Path) -> PathBuf {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
}

/// Atomically replaces `path`'s content with `bytes`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, bytes, |f, b| f.write_all(b))
}

/// [`write_atomic`] with the write of the content done by `write` (tests
/// use it to simulate a full disk).
fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
) -> Result<()> {
    write_atomic_by(path, |f| write(f, bytes))
}

/// Atomically replaces `path`'s content with what `write` writes to the
/// temporary file.
fn write_atomic_by(path: &Path, write: impl FnOnce(&mut File) -> io::Result<()>) -> Result<()> {
    let target = real_path(path);
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "graph".into());
    // Named by our process id: any file of that name is ours or was left by
    // a dead process that had the same id, so truncating it is safe.
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| -> io::Result<()> {
        let mut f = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&tmp)?;
        write(&mut f)?;
        f.sync_all()?;
        drop(f);
        if let Ok(meta) = fs::metadata(&target) {
            // Keep the permissions of the file we replace.
            let _ = fs::set_permissions(&tmp, meta.permissions());
        }
        fs::rename(&tmp, &target)?;
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    match result {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            Err(Error::io("write", path, e))
        }
    }
}

/// Removes temporary files a killed writer left next to `path`
/// (`.NAME.tmp-PID` whose process is gone). Returns how many were removed.
pub fn clean_stale_temporaries(path: &Path) -> usize {
    let target = real_path(path);
    let (Some(dir), Some(name)) = (target.parent(), target.file_name()) else {
        return 0;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!(".{}.tmp-", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let fname = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = fname.strip_prefix(&prefix) else {
            continue;
        };
        let alive = pid
            .parse::<u32>()
            .map(|p| p == std::process::id() || Path::new(&format!("/proc/{p}")).exists())
            .unwrap_or(true);
        if !alive && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// The sidecar lock file of a graph file: `.NAME.lock` in the same folder.
pub fn lock_path(path: &Path) -> PathBuf {
    let target = real_path(path);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "graph".into());
    target.with_file_name(format!(".{name}.lock"))
}

/// An exclusive advisory lock on a graph file, released on drop.
pub struct WriteLock {
    file: File,
}

impl Drop for WriteLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

/// Takes the exclusive write lock of `path`, waiting up to `timeout`.
pub fn lock(path: &Path, timeout: Duration) -> Result<WriteLock> {
    let lp = lock_path(path);
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&lp)
        .map_err(|e| Error::io("create the lock file", &lp, e))?;
    let start = Instant::now();
    let mut pause = Duration::from_millis(1);
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(WriteLock { file }),
            Err(fs::TryLockError::WouldBlock) => {}
            Err(fs::TryLockError::Error(e)) => return Err(Error::io("lock", &lp, e)),
        }
        if start.elapsed() >= timeout {
            return Err(Error::Locked {
                path: path.to_owned(),
                lock: lp,
                waited_secs: timeout.as_secs(),
            });
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(5));
    }
}

/// Edits the graph at `path` safely: takes the write lock, re-reads the
/// file, applies `change`, validates and writes atomically. When `change`
/// fails nothing is written. Returns what `change` returned.
pub fn edit<T>(path: &Path, change: impl FnOnce(&mut Document) -> Result<T>) -> Result<T> {
    let _lock = lock(path, LOCK_TIMEOUT)?;
    clean_stale_temporaries(path);
    let mut doc = load(path)?;
    let out = change(&mut doc)?;
    doc.assign_edge_ids();
    save(&doc, path)?;
    Ok(out)
}

/// Creates a new graph file; refuses to overwrite an existing one.
pub fn create(path: &Path, doc: &Document) -> Result<()> {
    if fs::symlink_metadata(path).is_ok() {
        return Err(Error::Conflict(format!(
            "{} already exists; polgraph init never overwrites a graph",
            path.display()
        )));
    }
    let bytes = to_bytes(doc);
    let mut f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Error::io("create", path, e))?;
    let r = f.write_all(&bytes).and_then(|_| f.sync_all());
    if let Err(e) = r {
        let _ = fs::remove_file(path);
        return Err(Error::io("write", path, e));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Edge};

    /// The two-thread save writes serde's bytes exactly, for every chunk
    /// size (chunk boundaries at every edge, odd and even chunk counts), on
    /// the seed graph (descriptions, summaries, cites, partial dates,
    /// spans); and a write error comes back as an error.
    #[test]
    fn parallel_save_is_byte_identical() {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("graphs/seoul-comfort-women-2021.json");
        let mut doc = load(&path).unwrap();
        doc.canonicalize();
        let mut want = serde_json::to_vec_pretty(&doc).unwrap();
        want.push(b'\n');
        assert!(doc.edges.len() > 30);
        for chunk in [1, 2, 3, 5, 16, 38, 39, 1000] {
            let mut got = Vec::new();
            write_canonical_parallel(&doc, &mut got, chunk).unwrap();
            assert!(got == want, "chunk {chunk}: bytes differ");
        }
        // Also with no edges: the head alone.
        let mut empty = doc.clone();
        empty.edges.clear();
        let mut want = serde_json::to_vec_pretty(&empty).unwrap();
        want.push(b'\n');
        let mut got = Vec::new();
        write_canonical_parallel(&empty, &mut got, 4).unwrap();
        assert_eq!(
            String::from_utf8(got).unwrap(),
            String::from_utf8(want).unwrap()
        );

        struct Fails(usize);
        impl Write for Fails {
            fn write(&mut self, b: &[u8]) -> io::Result<usize> {
                if self.0 < b.len() {
                    return Err(io::Error::other("disk full"));
                }
                self.0 -= b.len();
                Ok(b.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        for room in [0, 100, 20_000] {
            let err = write_canonical_parallel(&doc, Fails(room), 3).unwrap_err();
            assert_eq!(err.to_string(), "disk full");
        }
    }

    fn sample() -> Document {
        let mut d = Document::new("t");
        d.actors.push(Actor::new("b", "B", "state"));
        d.actors.push(Actor::new("a", "A", "state"));
        let mut e = Edge::new("a", "met", "b");
        e.date = Some(crate::model::EdgeDate::parse("2021-01").unwrap());
        d.edges.push(e);
        d.assign_edge_ids();
        d
    }

    /// The two-thread lookup of edge ends gives what one lookup per edge
    /// gives, unknown actors included, and validation still reports them in
    /// edge order across the two halves.
    #[test]
    fn parallel_end_lookup_matches_sequential_and_keeps_problem_order() {
        let mut d = Document::new("t");
        for i in 0..300 {
            d.actors.push(Actor::new(format!("a{i}"), "A", "state"));
        }
        d.actors.push(Actor::new(
            format!("long-actor-id-{}", "x".repeat(40)),
            "L",
            "state",
        ));
        let n = PARALLEL_ENDS + 1001;
        let long = d.actors[300].id.clone();
        for i in 0..n {
            let s = if i % 7 == 0 {
                long.clone()
            } else {
                format!("a{}", i % 300)
            };
            let t = match i {
                5 => "ghost-early".to_string(),
                _ if i == n - 3 => "ghost-late".to_string(),
                _ => format!("a{}", (i * 31) % 300),
            };
            d.edges.push(Edge::new(&s, "met", &t));
        }
        d.assign_edge_ids();
        let mut ids = IdMap::with_capacity(d.actors.len());
        for (i, a) in d.actors.iter().enumerate() {
            ids.insert(a.id.as_str(), i as u32);
        }
        let naive: Vec<(u32, u32)> = d
            .edges
            .iter()
            .map(|e| {
                let ix = |id: &str| {
                    d.actors
                        .iter()
                        .position(|a| a.id == id)
                        .map_or(u32::MAX, |p| p as u32)
                };
                (ix(&e.source), ix(&e.target))
            })
            .collect();
        assert_eq!(resolve_ends(&d.edges, &ids), naive);
        let problems = validate(&d);
        let places: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(places.len(), 2, "{places:?}");
        assert!(
            places[0].contains("edges[5]") && places[0].contains("ghost-early"),
            "{places:?}"
        );
        assert!(
            places[1].contains(&format!("edges[{}]", n - 3)) && places[1].contains("ghost-late"),
            "{places:?}"
        );
    }

    #[test]
    fn a_failing_write_leaves_the_original_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.json");
        let original = to_bytes(&sample());
        fs::write(&path, &original).unwrap();
        let mut bigger = sample();
        bigger.name = "x".repeat(10_000);
        let e = write_atomic_with(&path, &to_bytes(&bigger), |f, b| {
            f.write_all(&b[..b.len() / 2])?;
            Err(io::Error::from_raw_os_error(28)) // ENOSPC
        })
        .unwrap_err();
        assert!(e.to_string().contains("No space left on device"), "{e}");
        assert_eq!(fs::read(&path).unwrap(), original);
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("g.json")]);
    }

    #[test]
    fn writes_go_through_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        let link = dir.path().join("link.json");
        fs::write(&real, to_bytes(&sample())).unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        edit(&link, |d| {
            d.name = "changed".into();
            Ok(())
        })
        .unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(load(&real).unwrap().name, "changed");
    }

    #[test]
    fn a_huge_invalid_id_is_quoted_short() {
        // A 1 MB id used to be quoted whole, twice, in the message.
        let mut d = sample();
        d.actors[0].id = "é".repeat(500_000);
        let bytes = serde_json::to_vec(&d).unwrap();
        let e = parse(&bytes, Path::new("g.json")).unwrap_err().to_string();
        assert!(e.len() < 1_000, "{} bytes", e.len());
        assert!(
            e.contains(&format!("(id \"{}…\"), field `id`", "é".repeat(40))),
            "{e}"
        );
    }

    #[test]
    fn a_long_list_of_bad_items_is_cut_short() {
        let mut text = String::from("{\"polgraph\": 1, \"actors\": [");
        text.push_str(&vec!["{\"id\": 1}"; MAX_DIAGNOSED + 10].join(","));
        text.push_str("], \"edges\": [1, 2]}");
        let Err(Error::Invalid { problems, .. }) = parse(text.as_bytes(), Path::new("g.json"))
        else {
            panic!("not invalid")
        };
        assert_eq!(problems.len(), MAX_DIAGNOSED + 1);
        assert!(problems[0].place == "actors[0]", "{}", problems[0]);
        assert!(problems[MAX_DIAGNOSED].message.contains("there are more"));
    }

    #[test]
    fn round_trip_is_byte_identical() {
        let bytes = to_bytes(&sample());
        let doc = parse(&bytes, Path::new("x.json")).unwrap();
        assert_eq!(to_bytes(&doc), bytes);
        assert_eq!(doc.actors[0].id, "a", "actors are sorted by id");
    }

    #[test]
    fn every_problem_is_reported() {
        let mut d = sample();
        d.actors.push(Actor::new("a", "", "state"));
        d.edges.push(Edge::new("a", "met", "zz"));
        d.edges[0].cites.push("nope".into());
        let p = validate(&d);
        let text: Vec<String> = p.iter().map(|p| p.to_string()).collect();
        assert!(
            text.iter().any(|t| t.contains("duplicate actor id \"a\"")),
            "{text:?}"
        );
        assert!(
            text.iter().any(|t| t.contains("field `name`: empty name")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|t| t.contains("field `target`: unknown actor \"zz\"")),
            "{text:?}"
        );
        assert!(
            text.iter().any(|t| t.contains("unknown source \"nope\"")),
            "{text:?}"
        );
        assert_eq!(p.len(), 4, "{text:?}");
    }

    #[test]
    fn duplicate_edge_ids_name_the_first_occurrence() {
        let mut d = sample();
        for id in [
            "e7",
            "x1",
            "e07",
            "e7",
            "x1",
            "e99999999999",
            "e99999999999",
            "e1",
        ] {
            let mut e = Edge::new("a", "met", "b");
            e.id = id.into();
            d.edges.push(e);
        }
        let text: Vec<String> = validate(&d).iter().map(|p| p.to_string()).collect();
        let dups: Vec<&String> = text.iter().filter(|t| t.contains("duplicate")).collect();
        assert_eq!(dups.len(), 4, "{text:?}");
        assert!(dups[0].contains("edges[4] (id \"e7\")") && dups[0].contains("first at edges[1]"));
        assert!(dups[1].contains("\"x1\"") && dups[1].contains("first at edges[2]"));
        assert!(dups[2].contains("first at edges[6]"), "{dups:?}");
        assert!(dups[3].contains("edges[8] (id \"e1\")") && dups[3].contains("first at edges[0]"));
        assert_eq!(edge_number("e12"), Some(12));
        assert_eq!(edge_number("e012"), None);
        assert_eq!(edge_number("e"), None);
        assert_eq!(edge_number("e1x"), None);
    }

    #[test]
    fn load_graph_equals_new_of_load() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.json");
        fs::write(&path, to_bytes(&sample())).unwrap();
        let g = load_graph(&path).unwrap();
        let h = Graph::new(load(&path).unwrap()).unwrap();
        assert_eq!(g.doc(), h.doc());
        assert_eq!(g.ends(0), h.ends(0));
        assert_eq!(g.ends(0), (0, 1));
    }

    #[test]
    fn version_and_syntax_errors_name_the_place() {
        let e = parse(b"{\"polgraph\": 7}", Path::new("g.json")).unwrap_err();
        assert!(e.to_string().contains("unknown format version 7"), "{e}");
        let e = parse(b"{\"polgraph\": 1,\n \"actors\": [}", Path::new("g.json")).unwrap_err();
        assert!(e.to_string().starts_with("g.json: line 2, column"), "{e}");
        let e = parse(b"{\"polgraph\": 1, \"edges\": [{\"source\": \"a\", \"action\": \"met\", \"target\": \"b\", \"date\": \"2021-02-30\"}]}", Path::new("g.json")).unwrap_err();
        assert!(e.to_string().contains("2021-02-30"), "{e}");
        let e = parse(b"{\"name\": \"x\"}", Path::new("g.json")).unwrap_err();
        assert!(e.to_string().contains("missing format version"), "{e}");
    }
}
