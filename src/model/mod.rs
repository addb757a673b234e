//! The data model: actors, edges (dated acts and standing ties), sources,
//! partial dates and the action vocabulary. Plain data, no I/O.

mod atom;
pub mod date;
pub mod vocab;

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

pub(crate) use atom::interning;
pub use atom::Atom;
pub use date::{Day, EdgeDate, PartialDate, Precision, Span, Window};
pub use vocab::{ActionDef, ActionInfo, Category, QuadClass, Vocabulary};

/// The file format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// Recommended actor kinds (the field is open; these are the documented
/// values that diagrams and summaries recognise).
pub const RECOMMENDED_KINDS: &[&str] = &[
    "state",
    "government",
    "ministry",
    "bureau",
    "agency",
    "court",
    "legislature",
    "party",
    "faction",
    "person",
    "ngo",
    "media",
    "international_org",
    "company",
    "group",
];

/// A node of the graph: a state, institution, party, person, group…
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// Unique slug, e.g. `jpn-gov`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind of actor (open string; see [`RECOMMENDED_KINDS`]).
    pub kind: String,
    /// ISO 3166-1 alpha-3 country code, as CAMEO and ICEWS use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Other names the actor goes by (spellings, abbreviations, metonyms).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Free string attributes (identifiers such as Wikidata QIDs, roles…).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    /// Optional description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl Actor {
    /// A new actor with no country, aliases or attributes.
    pub fn new(id: impl Into<String>, name: impl Into<String>, kind: impl Into<String>) -> Actor {
        Actor {
            id: id.into(),
            name: name.into(),
            kind: kind.into(),
            country: None,
            aliases: Vec::new(),
            attributes: BTreeMap::new(),
            description: None,
        }
    }
}

/// What the source says about whether an act happened.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// It happened (the default).
    #[default]
    Occurred,
    /// It is announced or planned.
    Planned,
    /// Someone demanded that it happen.
    Demanded,
    /// It is reported (by unnamed sources) but not confirmed.
    Reported,
    /// It is denied by a party to it.
    Denied,
}

impl Status {
    /// Every status, in order.
    pub const ALL: [Status; 5] = [
        Status::Occurred,
        Status::Planned,
        Status::Demanded,
        Status::Reported,
        Status::Denied,
    ];

    /// The lowercase name used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Occurred => "occurred",
            Status::Planned => "planned",
            Status::Demanded => "demanded",
            Status::Reported => "reported",
            Status::Denied => "denied",
        }
    }

    /// Parses a status name (case-insensitive).
    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL
            .into_iter()
            .find(|x| x.as_str().eq_ignore_ascii_case(s.trim()))
    }

    fn is_default(&self) -> bool {
        *self == Status::Occurred
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An edge: a dated act of `source` towards `target`, or — when its action
/// is a standing tie in the vocabulary — a relation whose date is its
/// validity span.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edge {
    /// Stable id (generated when absent).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// Id of the acting actor.
    pub source: Atom,
    /// Action verb from the vocabulary (`ruled`, `member_of`, …).
    pub action: Atom,
    /// Id of the actor acted upon.
    pub target: Atom,
    /// When (a partial date or an interval); `None` when undated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<EdgeDate>,
    /// What the source says about whether it happened.
    #[serde(default, skip_serializing_if = "Status::is_default")]
    pub status: Status,
    /// One-line summary of the act (a boxed `str`: 8 bytes less per edge
    /// than a `String`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Box<str>>,
    /// Ids of the sources this edge rests on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cites: Vec<Atom>,
    /// Free string attributes kept from other formats (CAMEO code, Goldstein
    /// score, ICEWS intensity, a membership's role…).
    #[serde(default, skip_serializing_if = "Attributes::is_empty")]
    pub attributes: Attributes,
}

/// A string map that costs one pointer when empty (most edges have no
/// attributes, and a graph holds millions of edges). Reads and writes like a
/// `BTreeMap<String, String>` through `Deref`/`DerefMut`; serialised as a map.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "BTreeMap<String, String>", into = "BTreeMap<String, String>")]
// Boxed on purpose: an empty `BTreeMap` is 24 bytes, `Option<Box<_>>` is 8.
#[allow(clippy::box_collection)]
pub struct Attributes(Option<Box<BTreeMap<String, String>>>);

static NO_ATTRIBUTES: BTreeMap<String, String> = BTreeMap::new();

impl Attributes {
    /// Whether there are no attributes.
    pub fn is_empty(&self) -> bool {
        self.0.as_ref().is_none_or(|m| m.is_empty())
    }
}

impl std::ops::Deref for Attributes {
    type Target = BTreeMap<String, String>;
    fn deref(&self) -> &BTreeMap<String, String> {
        self.0.as_deref().unwrap_or(&NO_ATTRIBUTES)
    }
}

impl std::ops::DerefMut for Attributes {
    fn deref_mut(&mut self) -> &mut BTreeMap<String, String> {
        self.0.get_or_insert_with(Default::default)
    }
}

impl From<BTreeMap<String, String>> for Attributes {
    fn from(m: BTreeMap<String, String>) -> Attributes {
        Attributes(if m.is_empty() {
            None
        } else {
            Some(Box::new(m))
        })
    }
}

impl From<Attributes> for BTreeMap<String, String> {
    fn from(a: Attributes) -> BTreeMap<String, String> {
        a.0.map(|b| *b).unwrap_or_default()
    }
}

impl<'a> IntoIterator for &'a Attributes {
    type Item = (&'a String, &'a String);
    type IntoIter = std::collections::btree_map::Iter<'a, String, String>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl FromIterator<(String, String)> for Attributes {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(iter: I) -> Attributes {
        Attributes::from(iter.into_iter().collect::<BTreeMap<_, _>>())
    }
}

impl Edge {
    /// A new occurred, undated edge with no id, summary, citations or attributes.
    pub fn new(source: impl Into<Atom>, action: impl Into<Atom>, target: impl Into<Atom>) -> Edge {
        Edge {
            id: String::new(),
            source: source.into(),
            action: action.into(),
            target: target.into(),
            date: None,
            status: Status::Occurred,
            summary: None,
            cites: Vec::new(),
            attributes: Attributes::default(),
        }
    }
}

/// A report that edges rest on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Unique id, e.g. `cns-2021-01-15`.
    pub id: String,
    /// Title of the report.
    pub title: String,
    /// Who published it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Publication date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<EdgeDate>,
    /// Where to read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One graph document: the content of a store file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Format version; must equal [`FORMAT_VERSION`].
    pub polgraph: u32,
    /// Name of the graph.
    #[serde(default)]
    pub name: String,
    /// Optional description of the data set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Actions this graph declares beyond (or overriding) the built-in vocabulary.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ActionDef>,
    /// Sources, sorted by id when saved.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// Actors, sorted by id when saved.
    #[serde(default)]
    pub actors: Vec<Actor>,
    /// Edges, in insertion order.
    #[serde(default, deserialize_with = "edges_with_capacity")]
    pub edges: Vec<Edge>,
}

thread_local! {
    /// Edges the next deserialised edge list reserves room for (see
    /// [`with_edge_capacity_hint`]).
    static EDGE_CAPACITY_HINT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Runs `f` (a deserialisation of a [`Document`]) with room for `edges`
/// edges reserved up front: JSON gives no length, and growing a vector of a
/// million edges by doubling copies it and touches twice its memory.
/// Reserved but unused room is never touched, so an overestimate costs only
/// address space (and a final shrink when it is more than twice the need).
pub(crate) fn with_edge_capacity_hint<T>(edges: usize, f: impl FnOnce() -> T) -> T {
    EDGE_CAPACITY_HINT.with(|h| h.set(edges));
    let out = f();
    EDGE_CAPACITY_HINT.with(|h| h.set(0));
    out
}

/// Deserialises a JSON array of edges, with the room set by
/// [`with_edge_capacity_hint`] reserved up front.
pub(crate) fn edge_list<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Edge>, D::Error> {
    edges_with_capacity(d)
}

fn edges_with_capacity<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Edge>, D::Error> {
    struct Edges;
    impl<'de> serde::de::Visitor<'de> for Edges {
        type Value = Vec<Edge>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a sequence")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Vec<Edge>, A::Error> {
            let hint = EDGE_CAPACITY_HINT.with(|h| h.replace(0));
            let mut v = Vec::with_capacity(hint.max(seq.size_hint().unwrap_or(0)).min(1 << 28));
            while let Some(e) = seq.next_element()? {
                v.push(e);
            }
            // Unused room is shrunk by the store once all edges are in.
            Ok(v)
        }
    }
    d.deserialize_seq(Edges)
}

impl Document {
    /// An empty graph with the given name.
    pub fn new(name: impl Into<String>) -> Document {
        Document {
            polgraph: FORMAT_VERSION,
            name: name.into(),
            description: None,
            actions: Vec::new(),
            sources: Vec::new(),
            actors: Vec::new(),
            edges: Vec::new(),
        }
    }

    /// The vocabulary in force for this document: built-ins plus declared actions.
    ///
    /// Declared actions are validated by [`crate::store::validate`]; an
    /// invalid declaration here falls back to the built-in vocabulary.
    pub fn vocabulary(&self) -> Vocabulary {
        Vocabulary::with_declared(&self.actions).unwrap_or_else(|_| Vocabulary::builtin())
    }

    /// Puts the document in its canonical order: actors and sources sorted by
    /// id, declared actions by name; edges keep their order.
    pub fn canonicalize(&mut self) {
        self.actors.sort_by(|a, b| a.id.cmp(&b.id));
        self.sources.sort_by(|a, b| a.id.cmp(&b.id));
        self.actions.sort_by(|a, b| a.name.cmp(&b.name));
    }

    /// Gives every edge without an id a fresh one (`e1`, `e2`, … after the
    /// largest numeric id in use), never one another edge already has.
    pub fn assign_edge_ids(&mut self) {
        if self.edges.iter().all(|e| !e.id.is_empty()) {
            return;
        }
        // Numbering starts after the largest `e<N>` whose N fits u64, so only
        // an id starting with `e` whose rest is not such a number (e.g. one
        // beyond u64, written out) can be one of the ids given here.
        let taken: std::collections::HashSet<String> = self
            .edges
            .iter()
            .filter(|e| {
                e.id.strip_prefix('e')
                    .is_some_and(|n| n.parse::<u64>().is_err())
            })
            .map(|e| e.id.clone())
            .collect();
        let mut next = next_edge_number(&self.edges);
        use std::fmt::Write as _;
        let mut id = String::new();
        for e in &mut self.edges {
            if e.id.is_empty() {
                loop {
                    id.clear();
                    let _ = write!(id, "e{next}");
                    if !taken.contains(&id) {
                        break;
                    }
                    next += 1;
                }
                e.id = id.as_str().into();
                next += 1;
            }
        }
    }
}

/// The number after the largest `e<N>` edge id in use (`N` up to
/// `u64::MAX`, so the result always fits).
pub fn next_edge_number(edges: &[Edge]) -> u128 {
    edges
        .iter()
        .filter_map(|e| e.id.strip_prefix('e')?.parse::<u64>().ok())
        .max()
        .map_or(1, |m| u128::from(m) + 1)
}

/// Whether `s` is a valid id for an actor, edge or source: 1–200 characters
/// of ASCII letters, digits, `-`, `_`, `.`, `:` , starting with a letter or digit.
pub fn is_valid_id(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 200
        && b[0].is_ascii_alphanumeric()
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b':'))
}

/// Whether `s` looks like an ISO 3166-1 alpha-3 code (three uppercase ASCII letters).
pub fn is_valid_country(s: &str) -> bool {
    s.len() == 3 && s.bytes().all(|c| c.is_ascii_uppercase())
}

/// Turns a name into an id slug: lowercase ASCII letters and digits joined by
/// `-` (accents removed). Returns `"actor"` if nothing is left.
pub fn slugify(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    let mut dash = false;
    for c in name.nfkd() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else if !unicode_normalization::char::is_combining_mark(c) {
            dash = true;
        }
    }
    out.truncate(80);
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push_str("actor");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(
            slugify("Seoul Central District Court"),
            "seoul-central-district-court"
        );
        assert_eq!(slugify("  Kim Jung-han "), "kim-jung-han");
        assert_eq!(slugify("Bundestag über alles"), "bundestag-uber-alles");
        assert_eq!(slugify("서울중앙지방법원"), "actor");
    }

    #[test]
    fn ids_and_countries() {
        assert!(is_valid_id("jpn-gov"));
        assert!(is_valid_id("Q123:x_y.z"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("-x"));
        assert!(!is_valid_id("a b"));
        assert!(!is_valid_id("a\u{7}b"));
        assert!(is_valid_country("KOR"));
        assert!(!is_valid_country("kor"));
        assert!(!is_valid_country("KO"));
    }

    #[test]
    fn edge_numbers() {
        let mut d = Document::new("t");
        d.edges.push(Edge::new("a", "met", "b"));
        let mut e = Edge::new("a", "met", "b");
        e.id = "e41".into();
        d.edges.push(e);
        d.edges.push(Edge::new("a", "met", "b"));
        d.assign_edge_ids();
        let ids: Vec<_> = d.edges.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["e42", "e41", "e43"]);
    }

    #[test]
    fn edges_stay_small() {
        // The store holds millions of edges; memory per event is a
        // benchmark target (≤ 250 bytes with the index). Attributes cost a
        // pointer when empty; source, action and target are 16-byte atoms.
        assert_eq!(std::mem::size_of::<Attributes>(), 8);
        assert_eq!(std::mem::size_of::<Atom>(), 16);
        assert!(
            std::mem::size_of::<Edge>() <= 136,
            "{}",
            std::mem::size_of::<Edge>()
        );
        let mut e = Edge::new("a", "met", "b");
        assert!(e.attributes.is_empty());
        e.attributes.insert("cameo".into(), "040".into());
        assert_eq!(e.attributes.get("cameo").map(String::as_str), Some("040"));
        let json = serde_json::to_string(&e).unwrap();
        assert!(json.ends_with(r#""attributes":{"cameo":"040"}}"#), "{json}");
        let back: Edge = serde_json::from_str(&json).unwrap();
        assert_eq!(back, e);
        let plain: Edge =
            serde_json::from_str(r#"{"source":"a","action":"met","target":"b","attributes":{}}"#)
                .unwrap();
        assert!(plain.attributes.is_empty() && plain == Edge::new("a", "met", "b"));
    }

    #[test]
    fn edge_ids_after_the_largest_u64() {
        // Found by the load_document fuzz target: `m + 1` overflowed.
        let mut d = Document::new("t");
        let mut e = Edge::new("a", "met", "b");
        e.id = "e18446744073709551615".into();
        d.edges.push(e);
        let mut e = Edge::new("a", "met", "b");
        e.id = "e18446744073709551616".into();
        d.edges.push(e);
        d.edges.push(Edge::new("a", "met", "b"));
        d.edges.push(Edge::new("a", "met", "b"));
        d.assign_edge_ids();
        let ids: Vec<_> = d.edges.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "e18446744073709551615",
                "e18446744073709551616",
                "e18446744073709551617",
                "e18446744073709551618"
            ]
        );
    }

    #[test]
    fn status_parse() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        assert_eq!(Status::parse("PLANNED"), Some(Status::Planned));
        assert_eq!(Status::parse("maybe"), None);
    }
}
