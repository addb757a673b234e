//! Actor mentions: the store's names and aliases, the gazetteer (countries,
//! their adjectives and capitals, organisations), titles before names
//! ("Foreign Minister Toshimitsu Motegi" → a person and a tie to the
//! office), national institutions ("Poland's Constitutional Tribunal",
//! "the Interior Ministry"), groups ("South Korean private groups",
//! "protesters"), pronouns and capitalised names as a last resort.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::graph::Graph;
use crate::model::slugify;

use super::gazetteer::{Country, Entry, Gazetteer, ORGANISATIONS};
use super::text::{FastSet, TokKind, Token};

/// An actor a proposal names: either one the store knows or a new one.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ProposedActor {
    /// Id (the store's, or a slug for a new actor).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind (`unknown` when neither the store nor the gazetteer knows it).
    pub kind: String,
    /// ISO alpha-3 country, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Whether the store already has this actor.
    #[serde(default)]
    pub known: bool,
}

/// The actors of one report, by id.
#[derive(Default)]
pub struct ActorTable {
    /// Actors in order of first mention.
    pub actors: Vec<ProposedActor>,
    index: HashMap<String, usize>,
}

impl ActorTable {
    /// The actor with this id, added if new. With a store, an id or name
    /// the store knows becomes the store's actor.
    pub fn add(
        &mut self,
        id: &str,
        name: &str,
        kind: &str,
        country: Option<&str>,
        store: Option<&Graph>,
    ) -> usize {
        if let Some(&i) = self.index.get(id) {
            return i;
        }
        let mut a = ProposedActor {
            id: id.to_owned(),
            name: name.to_owned(),
            kind: kind.to_owned(),
            country: country.map(str::to_owned),
            known: false,
        };
        if let Some(g) = store {
            let hit = g
                .actor_index(id)
                .or_else(|| g.resolve(name).ok())
                .filter(|&k| {
                    kind == "unknown"
                        || g.actor_index(id).is_some()
                        || compatible(kind, &g.actor(k).kind)
                });
            if let Some(k) = hit {
                let s = g.actor(k);
                a = ProposedActor {
                    id: s.id.clone(),
                    name: s.name.clone(),
                    kind: s.kind.clone(),
                    country: s.country.clone(),
                    known: true,
                };
                if let Some(&i) = self.index.get(&a.id) {
                    self.index.insert(id.to_owned(), i);
                    return i;
                }
            }
        }
        let i = self.actors.len();
        self.index.insert(id.to_owned(), i);
        self.index.insert(a.id.clone(), i);
        self.actors.push(a);
        i
    }
}

fn compatible(ours: &str, theirs: &str) -> bool {
    ours == theirs
        || matches!(
            (ours, theirs),
            ("group", _)
                | ("agency", _)
                | ("international_org", _)
                | ("government", "government")
                | (_, "unknown")
        )
}

/// What a mention refers to.
#[derive(Clone, Debug, PartialEq)]
pub enum What {
    /// One or more actors named outright.
    Actors(Vec<usize>),
    /// `he`, `she` (a person), `it`, `they` (the previous subject).
    Pronoun(&'static str),
    /// "the two sides", "the three parties": the last N participants.
    Plural(usize, &'static str),
    /// A document or act standing for its author: "the resolution", "the ruling".
    Artifact(&'static str),
    /// A place, not an actor ("in Berlin"); blocks other readings.
    Place,
}

/// A mention: tokens `first..last` of a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub last: usize,
    /// What it refers to.
    pub what: What,
    /// How it was recognised (for the rule trace).
    pub how: &'static str,
}

/// A standing tie read from a title: person, action, office.
#[derive(Clone, Debug, PartialEq)]
pub struct TitleTie {
    /// The person.
    pub person: usize,
    /// `heads`, `member_of`, `spokesperson_for`.
    pub action: &'static str,
    /// The office's actor.
    pub office: usize,
    /// The title as written.
    pub title: String,
}

/// (title words, tie action, office: `state`, `gov`, `mofa`…, or `org`;
/// fixed country or "").
const TITLES: &[(&str, &str, &str, &str)] = &[
    ("president", "heads", "state", ""),
    ("prime minister", "heads", "gov", ""),
    ("premier", "heads", "gov", ""),
    ("chancellor", "heads", "gov", ""),
    ("king", "heads", "state", ""),
    ("queen", "heads", "state", ""),
    ("emir", "heads", "state", ""),
    ("leader", "heads", "gov", ""),
    ("foreign minister", "heads", "mofa", ""),
    ("minister of foreign affairs", "heads", "mofa", ""),
    ("foreign secretary", "heads", "mofa", ""),
    ("secretary of state", "heads", "mofa", "USA"),
    ("justice minister", "heads", "moj", ""),
    ("minister of justice", "heads", "moj", ""),
    ("interior minister", "heads", "moi", ""),
    ("home secretary", "heads", "moi", ""),
    ("defense minister", "heads", "mod", ""),
    ("defence minister", "heads", "mod", ""),
    ("defense secretary", "heads", "mod", ""),
    ("finance minister", "heads", "mof", ""),
    ("treasury secretary", "heads", "mof", ""),
    ("deputy prime minister", "member_of", "gov", ""),
    ("vice premier", "member_of", "gov", ""),
    ("minister", "member_of", "gov", ""),
    ("chief cabinet secretary", "spokesperson_for", "gov", ""),
    ("spokesman", "spokesperson_for", "gov", ""),
    ("spokeswoman", "spokesperson_for", "gov", ""),
    ("spokesperson", "spokesperson_for", "gov", ""),
    ("senator", "member_of", "senate", ""),
    ("secretary-general", "heads", "org", ""),
    ("chairman", "heads", "org", ""),
    ("chairwoman", "heads", "org", ""),
    ("vice president", "", "", ""),
    ("opposition leader", "", "", ""),
    ("judge", "", "", ""),
    ("ambassador", "", "", ""),
    ("general", "", "", ""),
    ("gen.", "", "", ""),
    ("governor", "", "", ""),
    ("mayor", "", "", ""),
];

/// National institutions: (words, id suffix, name pattern, kind). `{C}` is
/// the country's name, `{A}` its adjective.
const INSTITUTIONS: &[(&str, &str, &str, &str)] = &[
    ("government", "gov", "Government of {C}", "government"),
    ("side", "gov", "Government of {C}", "government"),
    ("authorities", "gov", "Government of {C}", "government"),
    ("administration", "gov", "Government of {C}", "government"),
    ("officials", "gov", "Government of {C}", "government"),
    ("leadership", "gov", "Government of {C}", "government"),
    (
        "foreign ministry",
        "mofa",
        "Ministry of Foreign Affairs of {C}",
        "ministry",
    ),
    (
        "ministry of foreign affairs",
        "mofa",
        "Ministry of Foreign Affairs of {C}",
        "ministry",
    ),
    (
        "foreign office",
        "mofa",
        "Ministry of Foreign Affairs of {C}",
        "ministry",
    ),
    (
        "state department",
        "mofa",
        "Ministry of Foreign Affairs of {C}",
        "ministry",
    ),
    (
        "justice ministry",
        "moj",
        "Ministry of Justice of {C}",
        "ministry",
    ),
    (
        "ministry of justice",
        "moj",
        "Ministry of Justice of {C}",
        "ministry",
    ),
    (
        "interior ministry",
        "moi",
        "Ministry of the Interior of {C}",
        "ministry",
    ),
    (
        "ministry of the interior",
        "moi",
        "Ministry of the Interior of {C}",
        "ministry",
    ),
    (
        "defense ministry",
        "mod",
        "Ministry of Defence of {C}",
        "ministry",
    ),
    (
        "defence ministry",
        "mod",
        "Ministry of Defence of {C}",
        "ministry",
    ),
    (
        "ministry of defense",
        "mod",
        "Ministry of Defence of {C}",
        "ministry",
    ),
    (
        "finance ministry",
        "mof",
        "Ministry of Finance of {C}",
        "ministry",
    ),
    ("police", "police", "{A} police", "agency"),
    ("military", "military", "{A} military", "agency"),
    ("army", "military", "{A} military", "agency"),
    ("armed forces", "military", "{A} military", "agency"),
    ("troops", "military", "{A} military", "agency"),
    ("congress", "congress", "Congress of {C}", "legislature"),
    (
        "parliament",
        "parliament",
        "Parliament of {C}",
        "legislature",
    ),
    (
        "national assembly",
        "national-assembly",
        "National Assembly of {C}",
        "legislature",
    ),
    ("senate", "senate", "Senate of {C}", "legislature"),
    (
        "legislature",
        "legislature",
        "Legislature of {C}",
        "legislature",
    ),
    (
        "supreme court",
        "supreme-court",
        "Supreme Court of {C}",
        "court",
    ),
    (
        "constitutional court",
        "constitutional-court",
        "Constitutional Court of {C}",
        "court",
    ),
    (
        "constitutional tribunal",
        "constitutional-tribunal",
        "Constitutional Tribunal of {C}",
        "court",
    ),
    (
        "constitutional council",
        "constitutional-council",
        "Constitutional Council of {C}",
        "court",
    ),
    (
        "central bank",
        "central-bank",
        "Central Bank of {C}",
        "agency",
    ),
    ("embassy", "embassy", "Embassy of {C}", "agency"),
];

/// Groups: (words, kind). Their id is `{iso}-{slug}`.
const GROUPS: &[(&str, &str)] = &[
    ("private groups", "group"),
    ("civic groups", "group"),
    ("civil society groups", "group"),
    ("rights groups", "group"),
    ("groups", "group"),
    ("protesters", "group"),
    ("protestors", "group"),
    ("demonstrators", "group"),
    ("activists", "group"),
    ("opposition lawmakers", "group"),
    ("opposition parties", "group"),
    ("lawmakers", "group"),
    ("legislators", "group"),
    ("unions", "group"),
    ("trade unions", "group"),
    ("students", "group"),
    ("workers", "group"),
    ("farmers", "group"),
    ("rebels", "group"),
    ("militants", "group"),
    ("prosecutors", "agency"),
    ("opposition", "group"),
];

/// Head nouns that make a capitalised sequence an organisation: (noun, kind).
const ORG_HEADS: &[(&str, &str)] = &[
    ("party", "party"),
    ("court", "court"),
    ("tribunal", "court"),
    ("council", "international_org"),
    ("commission", "international_org"),
    ("union", "group"),
    ("front", "group"),
    ("movement", "group"),
    ("agency", "agency"),
    ("bank", "company"),
    ("congress", "legislature"),
    ("parliament", "legislature"),
    ("assembly", "legislature"),
    ("ministry", "ministry"),
    ("bureau", "bureau"),
    ("organization", "international_org"),
    ("organisation", "international_org"),
    ("alliance", "group"),
    ("coalition", "group"),
    ("committee", "group"),
    ("federation", "group"),
    ("platform", "party"),
    ("watch", "ngo"),
    ("international", "ngo"),
    ("democrats", "party"),
    ("republicans", "party"),
    ("greens", "party"),
    ("service", "agency"),
    ("office", "agency"),
    ("league", "group"),
    ("forces", "agency"),
];

/// Capitalised words that are places, not actors, when they end a name.
const PLACE_HEADS: &[&str] = &[
    "gate",
    "square",
    "street",
    "avenue",
    "palace",
    "building",
    "bridge",
    "airport",
    "station",
    "park",
    "hotel",
    "centre",
    "center",
    "stadium",
    "island",
    "islands",
    "sea",
    "river",
    "strait",
    "province",
    "region",
    "city",
    "district",
    "mountains",
    "valley",
    "peninsula",
    "border",
];

/// Whether a capitalised word cannot start or continue a name: the words of
/// [`NOT_NAMES`], and month and weekday names (from the date module).
fn not_a_name(w: &str) -> bool {
    NOT_NAMES.contains(&w) || super::dates::month(w).is_some() || super::dates::is_weekday(w)
}

/// Capitalised words that never start a name.
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "according",
    "regarding",
    "photo",
    "sources",
    "source",
    "after",
    "before",
    "but",
    "and",
    "as",
    "while",
    "when",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "its",
    "their",
    "our",
    "there",
    "some",
    "many",
    "hundreds",
    "thousands",
    "dozens",
    "also",
    "however",
    "meanwhile",
    "earlier",
    "later",
    "for",
    "with",
    "by",
    "of",
    "to",
    "from",
    "last",
    "next",
    "both",
    "two",
    "three",
    "four",
    "if",
    "mr",
    "mrs",
    "ms",
    "dr",
    "local",
    "time",
    "no",
    "not",
    "all",
    "any",
    "one",
    "what",
    "who",
    "which",
    "where",
    "how",
    "why",
    "than",
    "then",
    "so",
    "such",
    "first",
    "new",
    "other",
    "others",
    "police",
    "lawmakers",
    "protesters",
    "unions",
];

/// Particles allowed inside personal names.
const NAME_PARTICLES: &[&str] = &[
    "von", "van", "der", "de", "del", "da", "di", "bin", "ibn", "al", "el", "le", "la", "du",
];

/// Artifact nouns and the act whose author they stand for.
pub const ARTIFACTS: &[(&str, &str)] = &[
    ("resolution", "document"),
    ("plan", "document"),
    ("proposal", "document"),
    ("statement", "document"),
    ("ruling", "ruling"),
    ("verdict", "ruling"),
    ("judgment", "ruling"),
    ("judgement", "ruling"),
    ("decision", "ruling"),
    ("measures", "sanction"),
    ("sanctions", "sanction"),
    ("offer", "offer"),
];

/// Per-report state of actor recognition.
pub struct Recognizer<'g> {
    gaz: &'static Gazetteer,
    store: Option<&'g Graph>,
    store_phrases: HashMap<String, Vec<u32>>,
    store_max: usize,
    /// Surnames and full names of the persons met so far.
    persons: HashMap<String, usize>,
    store_first: HashSet<String>,
    country_counts: HashMap<&'static str, u32>,
    /// The report's actors.
    pub table: ActorTable,
}

fn country_in(g: &Gazetteer, e: Entry) -> Option<&Country> {
    match e {
        Entry::Name(i) | Entry::Adjective(i) | Entry::Capital(i) => Some(&g.countries[i]),
        Entry::Org(_) => None,
    }
}

impl<'g> Recognizer<'g> {
    /// A recognizer for one report; `store` adds its names and aliases.
    pub fn new(store: Option<&'g Graph>) -> Recognizer<'g> {
        let gaz = Gazetteer::get();
        let mut store_phrases: HashMap<String, Vec<u32>> = HashMap::new();
        let mut store_max = 0;
        if let Some(g) = store {
            for (i, a) in g.doc().actors.iter().enumerate() {
                for n in std::iter::once(&a.name).chain(a.aliases.iter()) {
                    let key = phrase_key(n);
                    if key.len() < 3
                        || gaz.phrases.contains_key(&key)
                        || gaz.exact.contains_key(n.as_str())
                    {
                        continue;
                    }
                    store_max = store_max.max(key.split(' ').count());
                    let v = store_phrases.entry(key).or_default();
                    if !v.contains(&(i as u32)) {
                        v.push(i as u32);
                    }
                }
            }
        }
        let store_first = store_phrases
            .keys()
            .filter_map(|k| k.split(' ').next())
            .map(str::to_owned)
            .collect();
        Recognizer {
            store_first,
            gaz,
            store,
            store_phrases,
            store_max,
            persons: HashMap::new(),
            country_counts: HashMap::new(),
            table: ActorTable::default(),
        }
    }

    /// Counts a country towards the report's dominant country (the one
    /// unqualified institutions such as "the police" belong to).
    pub fn count_country(&mut self, iso: &'static str, weight: u32) {
        *self.country_counts.entry(iso).or_default() += weight;
    }

    fn dominant(&self) -> Option<&'static Country> {
        let (iso, _) = self
            .country_counts
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))?;
        self.gaz.country(iso)
    }

    fn office(&mut self, c: &Country, kind: &str) -> Option<usize> {
        let iso = c.iso.to_ascii_lowercase();
        let (id, name, k) = match kind {
            "state" => (iso.clone(), c.name.to_owned(), "state"),
            "gov" => (
                format!("{iso}-gov"),
                format!("Government of {}", c.name),
                "government",
            ),
            "mofa" => (
                format!("{iso}-mofa"),
                format!("Ministry of Foreign Affairs of {}", c.name),
                "ministry",
            ),
            "moj" => (
                format!("{iso}-moj"),
                format!("Ministry of Justice of {}", c.name),
                "ministry",
            ),
            "moi" => (
                format!("{iso}-moi"),
                format!("Ministry of the Interior of {}", c.name),
                "ministry",
            ),
            "mod" => (
                format!("{iso}-mod"),
                format!("Ministry of Defence of {}", c.name),
                "ministry",
            ),
            "mof" => (
                format!("{iso}-mof"),
                format!("Ministry of Finance of {}", c.name),
                "ministry",
            ),
            "senate" => (
                format!("{iso}-senate"),
                format!("Senate of {}", c.name),
                "legislature",
            ),
            _ => return None,
        };
        Some(self.table.add(&id, &name, k, Some(c.iso), self.store))
    }

    fn institution(&mut self, c: &Country, words: &[&str], i: usize) -> Option<(usize, usize)> {
        if i >= words.len() || !first_words().contains(words[i]) {
            return None;
        }
        for ((_, suffix, pattern, kind), ws) in INSTITUTIONS.iter().zip(&split_lists().0) {
            let n = ws.len();
            if i + n <= words.len() && ws[..] == words[i..i + n] {
                let id = format!("{}-{suffix}", c.iso.to_ascii_lowercase());
                let name = pattern.replace("{C}", c.name).replace("{A}", c.adjective);
                return Some((
                    self.table.add(&id, &name, kind, Some(c.iso), self.store),
                    i + n,
                ));
            }
        }
        None
    }

    fn group(
        &mut self,
        c: &Country,
        words: &[&str],
        orig: &[&str],
        i: usize,
    ) -> Option<(usize, usize)> {
        if i >= words.len() || !first_words().contains(words[i]) {
            return None;
        }
        for ((phrase, kind), ws) in GROUPS.iter().zip(&split_lists().1) {
            let n = ws.len();
            if i + n <= words.len() && ws[..] == words[i..i + n] {
                let mut end = i + n;
                let mut name = format!("{} {phrase}", c.adjective);
                let mut id = format!("{}-{}", c.iso.to_ascii_lowercase(), slugify(phrase));
                // "… groups in Germany" names where the group is based.
                if words.get(end) == Some(&"in") {
                    if let Some((Entry::Name(k), len)) = self.gaz_at(words, orig, end + 1) {
                        let place = &self.gaz.countries[k];
                        name = format!("{name} in {}", place.name);
                        id = format!("{id}-{}", slugify(place.name));
                        end += 1 + len;
                    }
                }
                return Some((
                    self.table.add(&id, &name, kind, Some(c.iso), self.store),
                    end,
                ));
            }
        }
        None
    }

    /// The longest gazetteer phrase at `i`: (entry, length in tokens).
    fn gaz_at(&self, words: &[&str], orig: &[&str], i: usize) -> Option<(Entry, usize)> {
        if i >= words.len() {
            return None;
        }
        if let Some(&e) = self.gaz.exact.get(orig[i]) {
            return Some((e, 1));
        }
        let mut key = String::new();
        let mut best = None;
        for n in 1..=self.gaz.max_words.min(words.len() - i) {
            if n > 1 {
                key.push(' ');
            }
            key.push_str(words[i + n - 1]);
            if !orig[i].chars().next().is_some_and(char::is_uppercase) && words[i] != "the" {
                break;
            }
            if let Some(&e) = self.gaz.phrases.get(&key) {
                best = Some((e, n));
            }
            if !self.gaz.prefixes.contains(&key) {
                break;
            }
        }
        best
    }

    fn person(&mut self, name: &str) -> usize {
        let id = slugify(name);
        let k = self.table.add(&id, name, "person", None, self.store);
        let full = name.to_ascii_lowercase();
        self.persons.insert(full.clone(), k);
        if let Some(last) = full.split(' ').next_back() {
            self.persons.insert(last.to_owned(), k);
            for p in ["al-", "el-"] {
                if let Some(rest) = last.strip_prefix(p) {
                    self.persons.insert(rest.to_owned(), k);
                }
            }
        }
        k
    }

    /// A personal name of capitalised words (with particles) at `i`: its end.
    fn name_at(&self, toks: &[Token], words: &[&str], i: usize) -> Option<usize> {
        let mut j = i;
        let mut caps = 0;
        while j < toks.len() && j - i < 5 {
            let prefixed = (words[j].starts_with("al-") || words[j].starts_with("el-"))
                && words[j][3..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_alphabetic())
                && caps > 0;
            if toks[j].kind == TokKind::Word && (toks[j].cap || prefixed) && !not_a_name(words[j]) {
                caps += 1;
                j += 1;
            } else if caps > 0
                && NAME_PARTICLES.contains(&words[j])
                && (toks.get(j + 1).is_some_and(|t| t.cap)
                    || words.get(j + 1).is_some_and(|w| NAME_PARTICLES.contains(w)))
            {
                j += 1;
            } else {
                break;
            }
        }
        (caps > 0).then_some(j)
    }

    fn title_at(&self, words: &[&str], i: usize) -> Option<(usize, usize)> {
        if i >= words.len() || !first_words().contains(words[i]) {
            return None;
        }
        let mut best = None;
        for (k, ws) in split_lists().2.iter().enumerate() {
            let n = ws.len();
            if i + n <= words.len() && ws[..] == words[i..i + n] && best.is_none_or(|(_, m)| n > m)
            {
                best = Some((k, n));
            }
        }
        best.map(|(k, n)| (k, i + n))
    }

    /// Recognises the mention starting at token `i`, if any. `sentence_start`
    /// says whether `i` opens the sentence. Ties read from titles are pushed
    /// onto `ties`.
    pub fn at(
        &mut self,
        toks: &[Token],
        words: &[&str],
        orig: &[&str],
        i: usize,
        ties: &mut Vec<TitleTie>,
    ) -> Option<Mention> {
        // Fast path: most words can start no mention at all.
        if !toks[i].cap && !first_words().contains(words[i]) && !self.store_first.contains(words[i])
        {
            return None;
        }
        let w = |k: usize| -> &str { words.get(k).copied().unwrap_or("") };
        let lead = usize::from(w(i) == "the");
        let s = i + lead;
        if s >= words.len() {
            return None;
        }
        // 1. Titles, with an optional country or organisation before them.
        if let Some(m) = self.titled(toks, words, orig, i, ties) {
            return Some(m);
        }
        // 2. The store's own names and aliases.
        if let Some(m) = self.store_at(words, i) {
            return Some(m);
        }
        // 3. The gazetteer.
        if let Some((e, n)) = self.gaz_at(words, orig, s) {
            let end = s + n;
            match e {
                Entry::Org(k) => {
                    let (id, name, kind, _) = ORGANISATIONS[k];
                    if orig[s] == "Brussels" && matches!(w(i.wrapping_sub(1)), "in" | "at" | "to") {
                        return Some(Mention {
                            first: i,
                            last: end,
                            what: What::Place,
                            how: "place",
                        });
                    }
                    let a = self.table.add(id, name, kind, None, self.store);
                    let mut end = end;
                    // "Organization of American States (OAS)".
                    if w(end) == "(" && w(end + 2) == ")" {
                        end += 3;
                    }
                    return Some(Mention {
                        first: i,
                        last: end,
                        what: What::Actors(vec![a]),
                        how: "gazetteer organisation",
                    });
                }
                Entry::Adjective(c) => return self.adjectival(toks, words, orig, i, s, c, n, ties),
                Entry::Name(c) | Entry::Capital(c) => {
                    let country = &self.gaz.countries[c];
                    self.count_country(country.iso, 1);
                    if matches!(
                        w(i.wrapping_sub(1)),
                        "in" | "at" | "across" | "throughout" | "near" | "outside" | "inside"
                    ) && !matches!(e, Entry::Name(_) if w(end) == "'s")
                    {
                        return Some(Mention {
                            first: i,
                            last: end,
                            what: What::Place,
                            how: "place",
                        });
                    }
                    if w(end) == "'s" || w(end) == "’s" {
                        if let Some((a, e2)) = self.institution(country, words, end + 1) {
                            return Some(Mention {
                                first: i,
                                last: e2,
                                what: What::Actors(vec![a]),
                                how: "country's institution",
                            });
                        }
                        // "Poland's Constitutional Tribunal": a capitalised institution.
                        if let Some(e2) = self.cap_run(toks, words, end + 1) {
                            let phrase = orig[end + 1..e2].join(" ");
                            if let Some(kind) = org_kind(words[e2 - 1]) {
                                let (id, name) = if kind == "party" {
                                    (slugify(&phrase), phrase.clone())
                                } else {
                                    (
                                        format!(
                                            "{}-{}",
                                            country.iso.to_ascii_lowercase(),
                                            slugify(&phrase)
                                        ),
                                        format!("{phrase} of {}", country.name),
                                    )
                                };
                                let a =
                                    self.table
                                        .add(&id, &name, kind, Some(country.iso), self.store);
                                return Some(Mention {
                                    first: i,
                                    last: e2,
                                    what: What::Actors(vec![a]),
                                    how: "country's institution",
                                });
                            }
                        }
                    }
                    if let Some((a, e2)) = self.institution(country, words, end) {
                        return Some(Mention {
                            first: i,
                            last: e2,
                            what: What::Actors(vec![a]),
                            how: "country institution",
                        });
                    }
                    // "Seoul Central District Court": a capitalised organisation named after a place.
                    if let Some(e2) = self.cap_run(toks, words, end) {
                        if let Some(kind) = org_kind(words[e2 - 1]) {
                            let phrase = orig[s..e2].join(" ");
                            let a = self.table.add(
                                &slugify(&phrase),
                                &phrase,
                                kind,
                                Some(country.iso),
                                self.store,
                            );
                            return Some(Mention {
                                first: i,
                                last: e2,
                                what: What::Actors(vec![a]),
                                how: "capitalised organisation name",
                            });
                        }
                    }
                    let a = self.office(country, "gov")?;
                    let how = if matches!(e, Entry::Capital(_)) {
                        "capital as government"
                    } else {
                        "country as government"
                    };
                    return Some(Mention {
                        first: i,
                        last: end,
                        what: What::Actors(vec![a]),
                        how,
                    });
                }
            }
        }
        // 4. Institutions and groups of the dominant country.
        if let Some(c) = self.dominant() {
            if !(w(s) == "opposition" && toks.get(s + 1).is_some_and(|t| t.cap)) {
                if let Some((a, e2)) = self.institution(c, words, s) {
                    if !matches!(
                        w(s),
                        "side" | "leadership" | "administration" | "authorities"
                    ) || lead == 1
                    {
                        return Some(Mention {
                            first: i,
                            last: e2,
                            what: What::Actors(vec![a]),
                            how: "institution of the report's country",
                        });
                    }
                }
                if let Some((a, e2)) = self.group(c, words, orig, s) {
                    if w(s) != "groups" {
                        return Some(Mention {
                            first: i,
                            last: e2,
                            what: What::Actors(vec![a]),
                            how: "group of the report's country",
                        });
                    }
                }
            }
        }
        // "the governments of Japan and South Korea".
        if matches!(w(s), "governments" | "leaders") && w(s + 1) == "of" {
            let mut j = s + 2;
            let mut v = Vec::new();
            while let Some((Entry::Name(c), n)) = self.gaz_at(words, orig, j) {
                let country = &self.gaz.countries[c];
                self.count_country(country.iso, 1);
                v.extend(self.office(country, "gov"));
                j += n;
                if matches!(w(j), "and" | ",") {
                    j += 1;
                } else {
                    break;
                }
            }
            if v.len() >= 2 {
                return Some(Mention {
                    first: i,
                    last: j,
                    what: What::Actors(v),
                    how: "governments of countries",
                });
            }
        }
        // 5. Pronouns, plural references, artifacts, definite descriptions.
        match w(i) {
            "he" | "she" => {
                return Some(Mention {
                    first: i,
                    last: i + 1,
                    what: What::Pronoun("person"),
                    how: "pronoun",
                })
            }
            "it" | "they" => {
                return Some(Mention {
                    first: i,
                    last: i + 1,
                    what: What::Pronoun("subject"),
                    how: "pronoun",
                })
            }
            "both" if matches!(w(i + 1), "sides" | "countries" | "leaders" | "governments") => {
                return Some(Mention {
                    first: i,
                    last: i + 2,
                    what: What::Plural(2, "any"),
                    how: "plural reference",
                })
            }
            "the" => {
                let n = match w(i + 1) {
                    "two" => 2,
                    "three" => 3,
                    "four" => 4,
                    _ => 0,
                };
                if n > 0 {
                    let kind = match w(i + 2) {
                        "sides" | "countries" | "governments" | "leaders" | "nations" => "any",
                        "parties" => "party",
                        _ => "",
                    };
                    if !kind.is_empty() {
                        return Some(Mention {
                            first: i,
                            last: i + 3,
                            what: What::Plural(n, kind),
                            how: "plural reference",
                        });
                    }
                }
                if let Some((_, art)) = ARTIFACTS.iter().find(|(n, _)| *n == w(i + 1)) {
                    return Some(Mention {
                        first: i,
                        last: i + 2,
                        what: What::Artifact(art),
                        how: "artifact",
                    });
                }
                if let Some(k) = self.definite(w(i + 1)) {
                    return Some(Mention {
                        first: i,
                        last: i + 2,
                        what: What::Actors(vec![k]),
                        how: "definite description",
                    });
                }
            }
            _ => {}
        }
        if let Some((_, art)) = ARTIFACTS.iter().find(|(n, _)| *n == w(i)) {
            if matches!(w(i.wrapping_sub(1)), "a" | "an" | "its" | "their" | "this") {
                return Some(Mention {
                    first: i,
                    last: i + 1,
                    what: What::Artifact(art),
                    how: "artifact",
                });
            }
        }
        // 6. Persons met before, by surname or full name.
        if toks[s].cap {
            if let Some(e2) = self.name_at(toks, words, s) {
                for end in (s + 1..=e2).rev() {
                    let key = words[s..end].join(" ");
                    if let Some(&k) = self.persons.get(&key) {
                        return Some(Mention {
                            first: i,
                            last: end,
                            what: What::Actors(vec![k]),
                            how: "person named before",
                        });
                    }
                }
            }
        }
        // 7. Capitalised names as a last resort.
        self.fallback(toks, words, orig, i, s)
    }

    #[allow(clippy::too_many_arguments)]
    fn adjectival(
        &mut self,
        toks: &[Token],
        words: &[&str],
        orig: &[&str],
        i: usize,
        s: usize,
        c: usize,
        n: usize,
        ties: &mut Vec<TitleTie>,
    ) -> Option<Mention> {
        let w = |k: usize| -> &str { words.get(k).copied().unwrap_or("") };
        let country = &self.gaz.countries[c];
        self.count_country(country.iso, 1);
        let end = s + n;
        if let Some((a, e2)) = self.institution(country, words, end) {
            return Some(Mention {
                first: i,
                last: e2,
                what: What::Actors(vec![a]),
                how: "country adjective + institution",
            });
        }
        // "South Korean and Japanese private groups": coordinated adjectives.
        let mut countries = vec![c];
        let mut j = end;
        while matches!(w(j), "and" | ",") {
            match self.gaz_at(words, orig, j + 1) {
                Some((Entry::Adjective(c2), n2)) => {
                    countries.push(c2);
                    j += 1 + n2;
                }
                _ => break,
            }
        }
        let mut actors = Vec::new();
        let mut last = j;
        for &k in &countries {
            let ck = &self.gaz.countries[k];
            if let Some((a, e2)) = self.group(ck, words, orig, j) {
                actors.push(a);
                last = e2;
            }
        }
        if actors.len() == countries.len() {
            return Some(Mention {
                first: i,
                last,
                what: What::Actors(actors),
                how: "country adjective + group",
            });
        }
        let _ = (toks, ties);
        // A bare adjective modifies something that is not an actor.
        Some(Mention {
            first: i,
            last: end,
            what: What::Place,
            how: "adjective",
        })
    }

    fn titled(
        &mut self,
        toks: &[Token],
        words: &[&str],
        orig: &[&str],
        i: usize,
        ties: &mut Vec<TitleTie>,
    ) -> Option<Mention> {
        let w = |k: usize| -> &str { words.get(k).copied().unwrap_or("") };
        // Prefix: country (adjective, name, name's) or an organisation.
        let mut j = i + usize::from(w(i) == "the");
        let mut country: Option<&'static Country> = None;
        let mut org: Option<usize> = None;
        if let Some((e, n)) = self.gaz_at(words, orig, j) {
            match e {
                Entry::Org(k) => {
                    let (id, name, kind, _) = ORGANISATIONS[k];
                    org = Some(self.table.add(id, name, kind, None, self.store));
                }
                _ => country = country_in(self.gaz, e),
            }
            j += n;
            if matches!(w(j), "'s" | "’s") {
                j += 1;
            }
        } else if let Some(e2) = self.cap_run(toks, words, j) {
            // "Christian Democratic Union leader", "Free Democrats leader".
            if e2 > j && org_kind(words[e2 - 1]).is_some() && self.title_at(words, e2).is_some() {
                let phrase = orig[j..e2].join(" ");
                let kind = org_kind(words[e2 - 1]).unwrap_or("group");
                org = Some(self.org_actor(&phrase, kind));
                j = e2;
            }
        }
        let (t, after) = self.title_at(words, j)?;
        if !toks[j].cap && j == i {
            return None;
        }
        let name_end = self.name_at(toks, words, after)?;
        // A title before a known country or org is not a person's name.
        if self.gaz_at(words, orig, after).is_some() {
            return None;
        }
        let name = orig[after..name_end].join(" ");
        let p = match self.persons.get(&words[after..name_end].join(" ")) {
            Some(&p) => p,
            None => self.person(&name),
        };
        let (title, action, office, fixed) = TITLES[t];
        if let Some(c) = country {
            self.count_country(c.iso, 1);
        }
        if !action.is_empty() {
            let target =
                if office == "org" || (org.is_some() && matches!(title, "president" | "leader")) {
                    org
                } else {
                    let c = if fixed.is_empty() {
                        country.or_else(|| self.dominant())
                    } else {
                        self.gaz.country(fixed)
                    };
                    match c {
                        Some(c) => self.office(c, office),
                        None => None,
                    }
                };
            if let Some(office) = target {
                ties.push(TitleTie {
                    person: p,
                    action,
                    office,
                    title: orig[i..after].join(" "),
                });
            }
        }
        Some(Mention {
            first: i,
            last: name_end,
            what: What::Actors(vec![p]),
            how: "title and name",
        })
    }

    fn store_at(&mut self, words: &[&str], i: usize) -> Option<Mention> {
        let g = self.store?;
        if self.store_phrases.is_empty() {
            return None;
        }
        let mut key = String::new();
        let mut best = None;
        for n in 1..=self.store_max.min(words.len() - i) {
            if n > 1 {
                key.push(' ');
            }
            key.push_str(words[i + n - 1]);
            if let Some(v) = self.store_phrases.get(&key) {
                best = Some((v.clone(), n));
            }
        }
        let (hits, n) = best?;
        let pick = if hits.len() == 1 {
            hits[0]
        } else {
            // Ambiguous alias: the report's dominant country decides.
            let c = self.dominant()?.iso;
            let v: Vec<u32> = hits
                .into_iter()
                .filter(|&k| g.actor(k).country.as_deref() == Some(c))
                .collect();
            if v.len() != 1 {
                return None;
            }
            v[0]
        };
        let a = g.actor(pick);
        let k = self.table.add(
            &a.id.clone(),
            &a.name.clone(),
            &a.kind.clone(),
            a.country.clone().as_deref(),
            self.store,
        );
        if a.kind == "person" {
            let name = a.name.to_ascii_lowercase();
            self.persons.insert(name, k);
        }
        Some(Mention {
            first: i,
            last: i + n,
            what: What::Actors(vec![k]),
            how: "store name or alias",
        })
    }

    fn definite(&self, noun: &str) -> Option<usize> {
        if noun == "bloc" {
            return self.table.actors.iter().rposition(|a| a.id == "eu");
        }
        if !matches!(
            noun,
            "court"
                | "tribunal"
                | "party"
                | "ministry"
                | "commission"
                | "council"
                | "union"
                | "coalition"
                | "alliance"
                | "committee"
                | "agency"
                | "government"
        ) {
            return None;
        }
        if noun == "government" {
            return None;
        }
        self.table
            .actors
            .iter()
            .rposition(|a| a.name.to_ascii_lowercase().split(' ').any(|w| w == noun))
    }

    fn org_actor(&mut self, phrase: &str, kind: &str) -> usize {
        let id = slugify(phrase);
        self.table.add(&id, phrase, kind, None, self.store)
    }

    /// A run of capitalised words with inner `of`, `of the`, `and`, `for`: its end.
    fn cap_run(&self, toks: &[Token], words: &[&str], i: usize) -> Option<usize> {
        let mut j = i;
        let mut end = None;
        while j < toks.len() {
            if toks[j].kind == TokKind::Word && toks[j].cap {
                j += 1;
                end = Some(j);
            } else if end.is_some()
                && matches!(words[j], "of" | "and" | "for")
                && !(words[j] == "and" && org_kind(words[j - 1]).is_some())
            {
                let k = if words.get(j + 1) == Some(&"the") {
                    j + 2
                } else {
                    j + 1
                };
                if toks
                    .get(k)
                    .is_some_and(|t| t.cap && t.kind == TokKind::Word)
                {
                    j = k;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        end
    }

    fn fallback(
        &mut self,
        toks: &[Token],
        words: &[&str],
        orig: &[&str],
        i: usize,
        s: usize,
    ) -> Option<Mention> {
        let w = |k: usize| -> &str { words.get(k).copied().unwrap_or("") };
        // "CGT union", "LDP": an abbreviation.
        let tok = toks[s];
        let o = orig[s];
        if tok.kind == TokKind::Word
            && o.len() >= 2
            && o.len() <= 6
            && o.chars().all(|c| c.is_ascii_uppercase())
        {
            let kind = match w(s + 1) {
                "union" => "group",
                "party" => "party",
                _ => "unknown",
            };
            let last = if kind == "unknown" { s + 1 } else { s + 2 };
            let a = self.table.add(&slugify(o), o, kind, None, self.store);
            return Some(Mention {
                first: i,
                last,
                what: What::Actors(vec![a]),
                how: "abbreviation",
            });
        }
        if !tok.cap || not_a_name(words[s]) {
            return None;
        }
        let end = self.cap_run(toks, words, s)?;
        let last_word = words[end - 1];
        if PLACE_HEADS.contains(&last_word) {
            return Some(Mention {
                first: i,
                last: end,
                what: What::Place,
                how: "place",
            });
        }
        let phrase = orig[s..end].join(" ");
        let mut last = end;
        if w(end) == "(" && w(end + 2) == ")" && toks[end + 1].cap {
            last = end + 3;
        }
        if let Some(kind) = org_kind(last_word) {
            // "the Liberal Democratic Party's diplomatic group": a unit of the organisation.
            if last == end && w(end) == "'s" {
                let unit = (end + 1..words.len().min(end + 4)).find(|&k| {
                    matches!(
                        words[k],
                        "group"
                            | "division"
                            | "wing"
                            | "committee"
                            | "faction"
                            | "caucus"
                            | "youth"
                    )
                });
                if let Some(u) = unit {
                    if (end + 1..u).all(|k| !toks[k].cap && toks[k].kind == TokKind::Word) {
                        let name = format!("{phrase}'s {}", orig[end + 1..=u].join(" "));
                        let a = self.org_actor(&name, "group");
                        return Some(Mention {
                            first: i,
                            last: u + 1,
                            what: What::Actors(vec![a]),
                            how: "unit of an organisation",
                        });
                    }
                }
            }
            let a = self.org_actor(&phrase, kind);
            return Some(Mention {
                first: i,
                last,
                what: What::Actors(vec![a]),
                how: "capitalised organisation name",
            });
        }
        // A bare capitalised word at the start of a sentence is usually not a name.
        if end - s < 2 && (i == 0 || matches!(w(i.wrapping_sub(1)), "\"" | "“" | "(")) {
            return None;
        }
        let a = if end - s >= 2 {
            self.person_like(&phrase)
        } else {
            self.table
                .add(&slugify(&phrase), &phrase, "unknown", None, self.store)
        };
        Some(Mention {
            first: i,
            last,
            what: What::Actors(vec![a]),
            how: "capitalised name",
        })
    }

    fn person_like(&mut self, phrase: &str) -> usize {
        let k = self
            .table
            .add(&slugify(phrase), phrase, "unknown", None, self.store);
        let full = phrase.to_ascii_lowercase();
        self.persons.insert(full.clone(), k);
        if let Some(last) = full.split(' ').next_back() {
            self.persons.entry(last.to_owned()).or_insert(k);
        }
        k
    }
}

fn org_kind(head: &str) -> Option<&'static str> {
    ORG_HEADS.iter().find(|(n, _)| *n == head).map(|(_, k)| *k)
}

/// The key a phrase is matched by: its tokens, ASCII-lowercased, joined by
/// one space (`Party’s` → `party 's`).
pub fn phrase_key(s: &str) -> String {
    let mut toks = Vec::new();
    super::text::tokenize(s, 0, s.len(), &mut toks);
    let lc = s.to_ascii_lowercase();
    toks.iter()
        .map(|t| match &lc[t.start..t.end] {
            "’s" => "'s",
            w => w,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lowercase words that may start a mention although not capitalised.
fn first_words() -> &'static FastSet<&'static str> {
    static F: OnceLock<FastSet<&'static str>> = OnceLock::new();
    F.get_or_init(|| {
        let mut f: FastSet<&'static str> = [
            "the",
            "he",
            "she",
            "it",
            "they",
            "both",
            "governments",
            "leaders",
        ]
        .into_iter()
        .collect();
        for list in [
            TITLES.iter().map(|t| t.0).collect::<Vec<_>>(),
            INSTITUTIONS.iter().map(|t| t.0).collect(),
            GROUPS.iter().map(|t| t.0).collect(),
            ARTIFACTS.iter().map(|t| t.0).collect(),
        ] {
            for p in list {
                f.insert(p.split(' ').next().unwrap_or(p));
            }
        }
        f
    })
}

type Split = Vec<Vec<&'static str>>;

/// The words of INSTITUTIONS, GROUPS and TITLES, split once.
fn split_lists() -> &'static (Split, Split, Split) {
    static S: OnceLock<(Split, Split, Split)> = OnceLock::new();
    S.get_or_init(|| {
        let split = |v: Vec<&'static str>| v.into_iter().map(|p| p.split(' ').collect()).collect();
        (
            split(INSTITUTIONS.iter().map(|t| t.0).collect()),
            split(GROUPS.iter().map(|t| t.0).collect()),
            split(TITLES.iter().map(|t| t.0).collect()),
        )
    })
}
