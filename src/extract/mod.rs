//! A transparent, rule-based event coder: from a news report to proposed
//! dated edges, each with the sentence that supports it, its character
//! offsets, the rules that fired and a confidence.
//!
//! In the tradition of the dictionary-based political event coders
//! (TABARI, PETRARCH) and with no statistical model, every decision can be
//! traced to a rule:
//!
//! 1. [`text`] splits the report into paragraphs, sentences and tokens and
//!    [`dates::dateline`] reads the dateline (`LIMA, Dec 7 (Reuters) -`).
//! 2. [`actors`] finds the mentions of actors: the store's own names and
//!    aliases, the [`gazetteer`] of UN member states (names, adjectives,
//!    capitals as metonyms for governments) and organisations, titles
//!    before names (which also give a tie to the office), national
//!    institutions, groups, pronouns and capitalised names.
//! 3. [`verbs`] finds the verb phrases of the dictionary and maps them to
//!    actions; passive voice, negation (no edge), modality (`planned`) and
//!    requests (`urged X to apologize` → `X apologized`, `demanded`) are
//!    read from the words around them.
//! 4. [`dates`] reads absolute and relative date expressions against the
//!    anchor date; a sentence without one inherits the paragraph's date, or
//!    the anchor.
//!
//! ```
//! use polgraph::extract::{extract, Options};
//! use polgraph::model::Day;
//!
//! let report = "TOKYO, Jan 15 (Kyodo) - Japan protested to South Korea on Friday.";
//! let opts = Options { anchor: Some("2021-01-15".parse::<Day>()?), ..Options::default() };
//! let x = extract(report, None, &opts);
//! let p = &x.proposals[0];
//! assert_eq!((p.source.as_str(), p.action.as_str(), p.target.as_str()), ("jpn-gov", "protested", "kor-gov"));
//! assert_eq!(p.date.unwrap().to_string(), "2021-01-15");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod actors;
pub mod dates;
pub mod eval;
pub mod gazetteer;
pub mod text;
pub mod verbs;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Problem, Result};
use crate::graph::Graph;
use crate::model::{Actor, Day, Document, Edge, EdgeDate, PartialDate, Source, Status, Vocabulary};

use actors::{Mention, ProposedActor, Recognizer, TitleTie, What};
use dates::DateContext;
use text::Token;
use verbs::{Dictionary, Form};

/// The largest report `extract` reads (bytes).
pub const MAX_REPORT_BYTES: usize = 256 * 1024 * 1024;

/// The version of the proposals file format.
pub const PROPOSALS_VERSION: u32 = 1;

/// How to read a report.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The report's date; relative expressions ("yesterday") are read
    /// against it. Without it, the dateline's date is used when it has a year.
    pub anchor: Option<Day>,
    /// The id to register the report under (default: derived from the file
    /// name and anchor).
    pub source_id: Option<String>,
}

/// One proposed edge.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    /// Acting actor's id (see the proposals' `actors`).
    pub source: String,
    /// Action from the vocabulary.
    pub action: String,
    /// Target actor's id.
    pub target: String,
    /// Date, when the text gives or implies one.
    #[serde(default)]
    pub date: Option<EdgeDate>,
    /// What the text says about whether it happened.
    #[serde(default)]
    pub status: Status,
    /// The sentence the edge rests on.
    #[serde(default)]
    pub evidence: String,
    /// Character offset (Unicode scalar values) of the sentence's start in the report.
    #[serde(default)]
    pub start: usize,
    /// Character offset one past the sentence's end.
    #[serde(default)]
    pub end: usize,
    /// The rules that fired, in order.
    #[serde(default)]
    pub rule: String,
    /// 0–1: how much the rules trust themselves.
    #[serde(default)]
    pub confidence: f64,
}

/// What `extract` proposes for one report: the document `--json` prints and
/// [`accept`] takes back.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Proposals {
    /// Format version, [`PROPOSALS_VERSION`].
    pub polgraph_proposals: u32,
    /// The report file as given.
    pub report: String,
    /// The anchor date used, if any.
    #[serde(default)]
    pub anchor: Option<EdgeDate>,
    /// The source the edges will cite.
    pub source: Source,
    /// Every actor a proposal names (`known`: already in the store).
    pub actors: Vec<ProposedActor>,
    /// The proposed edges, in text order.
    pub proposals: Vec<Proposal>,
}

/// Reads a report: UTF-8 text, not empty, not binary, not larger than
/// [`MAX_REPORT_BYTES`].
///
/// # Errors
/// [`Error::Io`] when the file cannot be read, [`Error::Invalid`] naming the
/// file when it is empty, binary, too large or not UTF-8.
pub fn read_report(path: &Path) -> Result<String> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io("read", path, e))?;
    let bad = |msg: String| Error::Invalid {
        origin: path.display().to_string(),
        problems: vec![Problem::new("report", None, msg)],
    };
    if meta.is_dir() {
        return Err(bad("is a directory, not a report".into()));
    }
    if meta.len() > MAX_REPORT_BYTES as u64 {
        return Err(bad(format!(
            "{} bytes is larger than the {} MiB a report may have",
            meta.len(),
            MAX_REPORT_BYTES >> 20
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io("read", path, e))?;
    if bytes.contains(&0) {
        return Err(bad(
            "contains NUL bytes: a binary file, not a text report".into()
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        bad(format!(
            "is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text);
    if text.trim().is_empty() {
        return Err(bad("is empty: nothing to extract".into()));
    }
    Ok(text)
}

/// Result of coding one report.
#[derive(Clone, Debug)]
pub struct Extraction {
    /// The anchor date used (from the options or the dateline).
    pub anchor: Option<Day>,
    /// The actors proposals name.
    pub actors: Vec<ProposedActor>,
    /// The proposed edges.
    pub proposals: Vec<Proposal>,
}

/// A trigger: a dictionary verb phrase in a sentence.
#[derive(Clone, Debug)]
struct Trigger {
    first: usize,
    end: usize,
    entry: usize,
    _form: Form,
    passive: bool,
}

const BE: &[&str] = &["is", "are", "was", "were", "be", "been", "being"];
const MODALS: &[&str] = &["will", "would", "shall", "'ll"];
const PLAN_WORDS: &[&str] = &[
    "plans",
    "plan",
    "planned",
    "planning",
    "intends",
    "intend",
    "expected",
    "set",
    "due",
    "going",
    "scheduled",
    "aims",
    "hopes",
    "wants",
    "prepared",
    "ready",
    "vowed",
    "vows",
];
const STOP_WORDS: &[&str] = &[
    "tried",
    "attempted",
    "failed",
    "refused",
    "declined",
    "threatened",
];
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those", "our", "of",
];
const SUBJECT_PREPS: &[&str] = &[
    "to",
    "of",
    "in",
    "at",
    "on",
    "from",
    "by",
    "with",
    "for",
    "against",
    "about",
    "over",
    "under",
    "into",
    "across",
    "near",
    "since",
    "during",
    "after",
    "before",
    "toward",
    "towards",
    "between",
    "among",
    "regarding",
    "despite",
    "like",
    "than",
    "as",
];
const TARGET_BLOCK: &[&str] = &[
    "in",
    "at",
    "across",
    "near",
    "outside",
    "inside",
    "during",
    "since",
    "under",
    "throughout",
    "front",
    "among",
    "between",
    "despite",
    "about",
    "than",
];
const QUANTITIES: &[&str] = &[
    "hundreds",
    "thousands",
    "dozens",
    "millions",
    "scores",
    "tens",
    "number",
    "some",
    "many",
    "most",
    "all",
];
const CLAUSE_BREAKS: &[&str] = &[
    ";", "but", "while", "whereas", "although", "though", "because", ":",
];
const SOFT_BREAKS: &[&str] = &[
    ",", "and", "but", "while", "that", "which", "who", ";", "—", "–", "\"", "“", "”",
];
const ADVERBS: &[&str] = &[
    "also",
    "again",
    "once",
    "later",
    "earlier",
    "already",
    "still",
    "then",
    "jointly",
    "formally",
    "further",
    "immediately",
    "recently",
    "previously",
    "repeatedly",
    "reportedly",
    "officially",
    "publicly",
    "swiftly",
    "quickly",
    "promptly",
    "not",
    "n't",
    "never",
    "have",
    "has",
    "had",
];

fn is_adverb(w: &str) -> bool {
    ADVERBS.contains(&w)
        || (w.len() > 4
            && w.ends_with("ly")
            && !matches!(
                w,
                "italy" | "rally" | "family" | "assembly" | "july" | "only"
            ))
}

/// The state carried from sentence to sentence.
struct Discourse {
    last_person: Option<usize>,
    last_subject: Vec<usize>,
    last_symmetric: Vec<usize>,
    /// Most recent actors, newest last.
    recent: Vec<usize>,
    /// Author of the last act of each kind: `ruling`, `sanction`, `offer`, `document`.
    authors: HashMap<&'static str, usize>,
    para_date: Option<(usize, EdgeDate, String)>,
}

struct Edge0 {
    sources: Vec<usize>,
    action: &'static str,
    targets: Vec<usize>,
    date: Option<EdgeDate>,
    status: Status,
    rule: String,
    confidence: f64,
}

/// Codes one report. `store`, when given, contributes its actors' names and
/// aliases (a proposal then uses the store's ids).
pub fn extract(text: &str, store: Option<&Graph>, opts: &Options) -> Extraction {
    let dict = Dictionary::get();
    let vocab = store.map_or_else(Vocabulary::builtin, |g| g.vocab().clone());
    let lc = text.to_ascii_lowercase();
    let mut rec = Recognizer::new(store);
    let mut dctx = DateContext {
        anchor: opts.anchor,
        last_day: None,
    };
    let mut d = Discourse {
        last_person: None,
        last_subject: Vec::new(),
        last_symmetric: Vec::new(),
        recent: Vec::new(),
        authors: HashMap::new(),
        para_date: None,
    };
    let mut out: Vec<Proposal> = Vec::new();
    let mut seen: HashSet<(String, &'static str, String, Option<EdgeDate>, Status)> =
        HashSet::new();
    let mut cursor = (0usize, 0usize);
    let mut toks: Vec<Token> = Vec::new();
    let sentences = text::sentences(text);
    for (si, sent) in sentences.iter().enumerate() {
        toks.clear();
        text::tokenize(text, sent.start, sent.end, &mut toks);
        if toks.len() > 400 {
            toks.truncate(400); // A "sentence" this long is a table or a list: read its start only.
        }
        let mut words: Vec<&str> = toks
            .iter()
            .map(|t| match &lc[t.start..t.end] {
                "’s" => "'s",
                "’" => "'",
                w => w,
            })
            .collect();
        let orig: Vec<&str> = toks.iter().map(|t| &text[t.start..t.end]).collect();
        let mut from = 0;
        if si == 0 {
            if let Some((end, m, day, year)) = dates::dateline(text, &toks, &words) {
                from = toks
                    .iter()
                    .position(|t| t.start >= end)
                    .unwrap_or(toks.len());
                // The dateline's place counts towards the report's country.
                for word in &orig[..from] {
                    if let Some(e) = Gaz::lookup(word) {
                        rec.count_country(e, 1);
                    }
                }
                if dctx.anchor.is_none() {
                    if let Some(y) = year {
                        dctx.anchor = Day::from_ymd(y, m, day);
                    }
                }
            }
        }
        if sent.para != d.para_date.as_ref().map_or(usize::MAX, |p| p.0) {
            d.para_date = None;
        }
        let toks = &toks[from..];
        let orig = &orig[from..];
        let words = &mut words[from..];
        if toks.is_empty() {
            continue;
        }
        let words: &[&str] = words;
        // Evidence offsets in characters.
        let (cs, ce) = {
            let s_chars = cursor.1 + text[cursor.0..sent.start].chars().count();
            let e_chars = s_chars + text[sent.start..sent.end].chars().count();
            cursor = (sent.end, e_chars);
            (s_chars, e_chars)
        };
        let evidence = &text[sent.start..sent.end];

        // Mentions.
        let mut ties: Vec<TitleTie> = Vec::new();
        let mut mentions: Vec<Mention> = Vec::new();
        let mut covered = vec![usize::MAX; toks.len()];
        let mut i = 0;
        while i < toks.len() {
            match rec.at(toks, words, orig, i, &mut ties) {
                Some(m) if m.last > i => {
                    for c in covered.iter_mut().take(m.last.min(toks.len())).skip(i) {
                        *c = mentions.len();
                    }
                    i = m.last.min(toks.len());
                    mentions.push(m);
                }
                _ => i += 1,
            }
        }
        // Triggers.
        let mut trig: Vec<Trigger> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            if covered[i] != usize::MAX {
                i += 1;
                continue;
            }
            let mut best: Option<Trigger> = None;
            if let Some(cands) = dict.forms.get(words[i]) {
                for &(e, form) in cands {
                    let entry = &dict.entries[e];
                    if entry.flags & verbs::PAST != 0 && matches!(form, Form::Third | Form::Ing) {
                        continue;
                    }
                    let prev = (0..i).rev().find(|&k| !is_adverb(words[k]));
                    let pw = prev.map_or("", |k| words[k]);
                    let ok = match form {
                        Form::Base => {
                            MODALS.contains(&pw)
                                || matches!(
                                    pw,
                                    "to" | "did"
                                        | "does"
                                        | "do"
                                        | "may"
                                        | "might"
                                        | "could"
                                        | "can"
                                        | "must"
                                        | "should"
                                )
                        }
                        Form::Third => prev.is_some_and(|k| covered[k] != usize::MAX),
                        Form::Past => !matches!(
                            pw,
                            "the" | "a" | "an" | "its" | "their" | "his" | "her" | "our" | "of"
                        ),
                        Form::Ing => {
                            matches!(pw, "," | "and" | "while" | "by" | "after" | "before")
                                || prev.is_some_and(|k| covered[k] != usize::MAX)
                        }
                    };
                    if !ok {
                        continue;
                    }
                    if let Some(end) = dict.match_rest(e, words, i + 1, toks.len()) {
                        // Gaps must not swallow an actor.
                        if (i + 1..end).any(|k| covered[k] != usize::MAX)
                            && entry.rest.iter().any(|s| s.len() == 1 && s[0] == "*")
                        {
                            continue;
                        }
                        if best.as_ref().is_none_or(|b| end > b.end) {
                            let passive = form == Form::Past && BE.contains(&pw);
                            best = Some(Trigger {
                                first: i,
                                end,
                                entry: e,
                                _form: form,
                                passive,
                            });
                        }
                    }
                }
            }
            match best {
                Some(t) => {
                    i = t.end;
                    trig.push(t);
                }
                None => i += 1,
            }
        }
        // Dates.
        let future = words
            .iter()
            .any(|w| MODALS.contains(w) || matches!(*w, "next" | "upcoming" | "coming"));
        let found = dctx.find(toks, words, orig, future);
        if let Some(f) = found.first() {
            let later = matches!((f.date.span().start, dctx.anchor), (Some(s), Some(a)) if s > a);
            d.para_date = if later {
                None
            } else {
                Some((sent.para, f.date, f.rule.clone()))
            };
        }

        // People and recent actors, for pronouns and plural references.
        let mut edges: Vec<Edge0> = Vec::new();
        for tie in &ties {
            let date = dctx
                .anchor
                .and_then(PartialDate::from_day)
                .map(EdgeDate::Single);
            edges.push(Edge0 {
                sources: vec![tie.person],
                action: tie.action,
                targets: vec![tie.office],
                date,
                status: Status::Occurred,
                rule: format!(
                    "title {:?} → {} (dated by the report, as observed then)",
                    tie.title, tie.action
                ),
                confidence: 0.8,
            });
        }
        let mut sent_subjects: Vec<Vec<usize>> = Vec::new();
        for (ti, t) in trig.iter().enumerate() {
            let entry = &dict.entries[t.entry];
            let prev_t = ti.checked_sub(1).map(|k| &trig[k]);
            let next_start = trig.get(ti + 1).map_or(toks.len(), |n| n.first);
            let mut rule = vec![format!(
                "verb {:?} → {}",
                orig[t.first..t.end].join(" "),
                entry.action
            )];
            let mut conf: f64 = 0.9;
            // Negation and attempts: no edge.
            let window = t.first.saturating_sub(4)..t.first;
            let back: Vec<&str> = words[window.clone()].to_vec();
            if back
                .iter()
                .rev()
                .take(3)
                .any(|w| matches!(*w, "not" | "n't" | "never" | "no"))
            {
                continue;
            }
            if back.len() >= 2
                && back[back.len() - 1] == "to"
                && STOP_WORDS.contains(&back[back.len() - 2])
            {
                continue;
            }
            // Status.
            let mut status = Status::Occurred;
            if entry.flags & verbs::NOMOD == 0 {
                let near: Vec<&str> = words[t.first.saturating_sub(5)..t.first].to_vec();
                let after_prev = prev_t.is_none_or(|p| p.end <= t.first.saturating_sub(5));
                if near.iter().any(|w| MODALS.contains(w)) && after_prev
                    || near
                        .windows(2)
                        .any(|w| PLAN_WORDS.contains(&w[0]) && w[1] == "to")
                {
                    status = Status::Planned;
                    rule.push("modal → planned".into());
                }
            }
            // Request complement: "urged X to apologize".
            let mut requested_by: Option<Vec<usize>> = None;
            if t.first > 0 && words[t.first - 1] == "to" {
                if let Some(p) = prev_t {
                    if dict.entries[p.entry].flags & verbs::REQ != 0 {
                        if let Some(e) = edges
                            .iter()
                            .rev()
                            .find(|e| e.action == dict.entries[p.entry].action)
                        {
                            requested_by = Some(e.targets.clone());
                        }
                    }
                }
            }
            // Subject.
            let hard = (0..t.first)
                .rev()
                .find(|&k| CLAUSE_BREAKS.contains(&words[k]) && prev_t.is_none_or(|p| k >= p.end))
                .map_or(0, |k| k + 1);
            let region_start = prev_t.map_or(hard, |p| p.end.max(hard));
            let mut subject: Vec<usize> = Vec::new();
            let mut subj_how = "";
            let mut reported = false;
            let mut passive_patient: Vec<usize> = Vec::new();
            {
                let mut seen_break = prev_t.is_none() || (hard > 0 && region_start == hard);
                let mut k = region_start;
                while k < t.first {
                    if SOFT_BREAKS.contains(&words[k]) {
                        seen_break = true;
                    }
                    if covered[k] != usize::MAX {
                        let m = &mentions[covered[k]];
                        let before = prep_before(words, m.first);
                        let via_sources =
                            matches!(before, Some("from") | Some("in") | Some("within"))
                                && (m.first.saturating_sub(4)..m.first)
                                    .any(|j| matches!(words[j], "sources" | "source"));
                        if seen_break && (before.is_none() || via_sources) {
                            let who = resolve(&m.what, &d, &rec, &sent_subjects, &edges);
                            if !who.is_empty() {
                                subject = who;
                                subj_how = m.how;
                                reported = via_sources;
                                // Coordination: "A, B and C".
                                let mut j = m.last;
                                while j + 1 < t.first && matches!(words[j], "," | "and") {
                                    let j2 = if words[j] == "," && words.get(j + 1) == Some(&"and")
                                    {
                                        j + 2
                                    } else {
                                        j + 1
                                    };
                                    if j2 < t.first
                                        && covered[j2] != usize::MAX
                                        && mentions[covered[j2]].first == j2
                                    {
                                        let m2 = &mentions[covered[j2]];
                                        subject.extend(resolve(
                                            &m2.what,
                                            &d,
                                            &rec,
                                            &sent_subjects,
                                            &edges,
                                        ));
                                        j = m2.last;
                                    } else {
                                        break;
                                    }
                                }
                                break;
                            }
                        }
                        k = m.last;
                        continue;
                    }
                    k += 1;
                }
            }
            if subject.is_empty() {
                if let Some(p) = sent_subjects.last() {
                    subject = p.clone();
                    subj_how = "the previous verb's subject";
                    conf -= 0.1;
                }
            }
            if reported {
                status = Status::Reported;
                rule.push("anonymous sources → reported".into());
            }
            // Objects after the verb, up to the next verb or clause break.
            let stop = (t.end..next_start)
                .find(|&k| {
                    CLAUSE_BREAKS.contains(&words[k])
                        || (words[k] == "to"
                            && words.get(k + 1).is_some_and(|w| {
                                !DETERMINERS.contains(w) && covered[k + 1] == usize::MAX
                            }))
                })
                .unwrap_or(next_start);
            let mut target: Vec<usize> = Vec::new();
            let mut by_agent: Vec<usize> = Vec::new();
            let mut target_how = String::new();
            let mut k = t.end;
            while k < stop {
                if covered[k] != usize::MAX {
                    let m = &mentions[covered[k]];
                    let before = if m.first > t.end {
                        prep_before(words, m.first)
                    } else {
                        None
                    };
                    let event_name = matches!(
                        words.get(m.last).copied(),
                        Some("summit" | "meeting" | "talks" | "conference" | "session")
                    );
                    if before == Some("by") && !t.passive {
                        k = m.last;
                        continue;
                    }
                    if before == Some("by") && t.passive && by_agent.is_empty() {
                        by_agent = resolve(&m.what, &d, &rec, &sent_subjects, &edges);
                    } else if target.is_empty()
                        && !(before.is_some_and(|b| TARGET_BLOCK.contains(&b))
                            || matches!(m.what, What::Place)
                            || (t.passive && before.is_none())
                            || event_name)
                    {
                        let who = resolve(&m.what, &d, &rec, &sent_subjects, &edges);
                        if !who.is_empty() {
                            target = who;
                            target_how = m.how.to_string();
                            let mut j = m.last;
                            while j + 1 < stop
                                && words[j] == "and"
                                && covered[j + 1] != usize::MAX
                                && mentions[covered[j + 1]].first == j + 1
                            {
                                let m2 = &mentions[covered[j + 1]];
                                target.extend(resolve(&m2.what, &d, &rec, &sent_subjects, &edges));
                                j = m2.last;
                            }
                        }
                    }
                    k = m.last;
                    continue;
                }
                k += 1;
            }
            let mut source = subject.clone();
            if t.passive {
                passive_patient = subject.clone();
                if !by_agent.is_empty() {
                    source = by_agent;
                    rule.push("passive: agent after \"by\"".into());
                } else {
                    source = Vec::new();
                }
                if target.is_empty() {
                    target = passive_patient.clone();
                    target_how = "passive subject".into();
                } else if source.is_empty() {
                    // "The plan is submitted to X": the document's author acts.
                    let subj_mention = (region_start..t.first)
                        .filter(|&k| covered[k] != usize::MAX)
                        .map(|k| &mentions[covered[k]])
                        .next();
                    if let Some(m) = subj_mention {
                        if let What::Artifact(art) = m.what {
                            if let Some(&a) = d.authors.get(art) {
                                source = vec![a];
                                rule.push(format!("passive: the {art}'s author acts"));
                            }
                        }
                    }
                }
                if source.is_empty() {
                    continue;
                }
            } else if !subj_how.is_empty() {
                rule.push(format!("subject: {subj_how}"));
            }
            if let Some(req) = requested_by.take() {
                source = req;
                status = Status::Demanded;
                rule.push("requested act → demanded, undated".into());
            }
            if source.is_empty() {
                continue;
            }
            // Court-only readings.
            let is_court = source.iter().all(|&a| rec.table.actors[a].kind == "court");
            if entry.flags & verbs::COURT != 0 && !is_court
                || entry.flags & verbs::NOCOURT != 0 && is_court
            {
                continue;
            }
            let symmetric = vocab.lookup(entry.action).symmetric;
            if target.is_empty() && symmetric && source.len() >= 2 {
                // "Israel and Hamas agreed": every pair.
                target_how = "each other".into();
            } else if target.is_empty() && entry.flags & verbs::FALLBACK != 0 {
                if let Some(e) = edges.iter().rev().find(|e| {
                    !e.targets.is_empty() && e.status != Status::Demanded && !e.action.contains('_')
                        || e.action == "froze_assets"
                }) {
                    target = if e.sources != source {
                        e.sources.clone()
                    } else {
                        e.targets.clone()
                    };
                    target_how = "the other party of the sentence's previous act".into();
                } else if let Some(&c) = counterpart(&d, &rec, &source) {
                    target = vec![c];
                    target_how = "the most recent counterpart (inferred)".into();
                }
                conf -= 0.3;
            }
            if target.is_empty() && !(symmetric && source.len() >= 2) {
                sent_subjects.push(source.clone());
                continue;
            }
            if !target_how.is_empty() {
                rule.push(format!("target: {target_how}"));
            }
            if subj_how == "capitalised name" || target_how == "capitalised name" {
                conf -= 0.1;
            }
            // Date.
            let mut date = None;
            if status != Status::Demanded {
                // The clause's own date; else one before the verb in the sentence.
                let clause_end = (t.end..toks.len())
                    .find(|&k| {
                        matches!(words[k], "that" | "which" | "who" | ";" | "but")
                            || k == next_start
                    })
                    .unwrap_or(toks.len());
                let in_clause = found
                    .iter()
                    .filter(|f| f.first >= hard && f.last <= clause_end)
                    .min_by_key(|f| {
                        if f.last <= t.first {
                            t.first - f.last
                        } else {
                            f.first.saturating_sub(t.end) + 1
                        }
                    });
                let nearest = in_clause.or_else(|| {
                    found
                        .iter()
                        .filter(|f| f.last <= t.first)
                        .max_by_key(|f| f.last)
                });
                if let Some(f) = nearest {
                    date = Some(f.date);
                    rule.push(format!("date: {}", f.rule));
                } else if let Some((_, pd, r)) = &d.para_date {
                    date = Some(*pd);
                    rule.push(format!("date: paragraph's ({r})"));
                    conf -= 0.05;
                } else if let Some(a) = dctx.anchor {
                    date = PartialDate::from_day(a).map(EdgeDate::Single);
                    rule.push("date: the report's date".into());
                    conf -= 0.05;
                }
                if let (Some(dt), Some(a)) = (date, dctx.anchor) {
                    if dt.span().start.is_some_and(|s| s > a) && status == Status::Occurred {
                        status = Status::Planned;
                        rule.push("date after the report → planned".into());
                    }
                }
            }
            let _ = passive_patient;
            sent_subjects.push(source.clone());
            if symmetric {
                let mut all = source.clone();
                all.extend(target.iter().copied());
                d.last_symmetric = all;
            }
            // Authors of acts, for "the ruling", "the measures", "the offer".
            let art = match entry.action {
                "ruled" | "convicted" => Some("ruling"),
                "sanctioned" | "froze_assets" => Some("sanction"),
                "offered" | "invited" | "proposed" => Some("offer"),
                _ => None,
            };
            if let Some(art) = art {
                d.authors.insert(art, source[0]);
            }
            edges.push(Edge0 {
                sources: source,
                action: entry.action,
                targets: target,
                date,
                status,
                rule: rule.join("; "),
                confidence: conf.clamp(0.1, 1.0),
            });
        }
        // The documents of this sentence are authored by its first subject.
        if let Some(first) = edges.iter().find(|e| !e.rule.starts_with("title")) {
            for m in &mentions {
                if m.what == What::Artifact("document") {
                    d.authors.entry("document").or_insert(first.sources[0]);
                }
            }
        }
        // Discourse updates.
        for m in &mentions {
            if let What::Actors(v) = &m.what {
                for &a in v {
                    if rec.table.actors[a].kind == "person" {
                        d.last_person = Some(a);
                    }
                    d.recent.retain(|&x| x != a);
                    d.recent.push(a);
                }
            }
        }
        if let Some(s) = sent_subjects.last() {
            d.last_subject = s.clone();
        }
        // Emit.
        for e in edges {
            let pairs: Vec<(usize, usize)> = if e.targets.is_empty() {
                let mut v = Vec::new();
                for (x, &a) in e.sources.iter().enumerate() {
                    for &b in &e.sources[x + 1..] {
                        v.push((a, b));
                    }
                }
                v
            } else {
                e.sources
                    .iter()
                    .flat_map(|&s| e.targets.iter().map(move |&t| (s, t)))
                    .collect()
            };
            for (s, t) in pairs {
                if s == t {
                    continue;
                }
                let (mut sid, mut tid) = (
                    rec.table.actors[s].id.clone(),
                    rec.table.actors[t].id.clone(),
                );
                if vocab.lookup(e.action).symmetric && tid < sid && e.targets.is_empty() {
                    std::mem::swap(&mut sid, &mut tid);
                }
                let key_pair = if vocab.lookup(e.action).symmetric && tid < sid {
                    (tid.clone(), sid.clone())
                } else {
                    (sid.clone(), tid.clone())
                };
                if !seen.insert((key_pair.0, e.action, key_pair.1, e.date, e.status)) {
                    continue;
                }
                out.push(Proposal {
                    source: sid,
                    action: e.action.to_owned(),
                    target: tid,
                    date: e.date,
                    status: e.status,
                    evidence: evidence.to_owned(),
                    start: cs,
                    end: ce,
                    rule: e.rule.clone(),
                    confidence: (e.confidence * 100.0).round() / 100.0,
                });
            }
        }
    }
    let used: HashSet<&str> = out
        .iter()
        .flat_map(|p| [p.source.as_str(), p.target.as_str()])
        .collect();
    let actors = rec
        .table
        .actors
        .iter()
        .filter(|a| used.contains(a.id.as_str()))
        .cloned()
        .collect();
    Extraction {
        anchor: dctx.anchor,
        actors,
        proposals: out,
    }
}

/// Gazetteer look-up of a dateline word (a capital or country name).
struct Gaz;

impl Gaz {
    fn lookup(word: &str) -> Option<&'static str> {
        let g = gazetteer::Gazetteer::get();
        match g.phrases.get(&word.to_lowercase()) {
            Some(gazetteer::Entry::Name(i)) | Some(gazetteer::Entry::Capital(i)) => {
                Some(g.countries[*i].iso)
            }
            _ => None,
        }
    }
}

/// The preposition right before a mention (skipping determiners and numbers).
fn prep_before<'a>(words: &[&'a str], first: usize) -> Option<&'a str> {
    let mut k = first;
    while k > 0 {
        k -= 1;
        let w = words[k];
        if matches!(w, "the" | "a" | "an" | "'s") || w.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        // "hundreds of thousands of protesters": a quantity, not a preposition.
        if w == "of" && k > 0 && QUANTITIES.contains(&words[k - 1]) {
            k -= 1;
            continue;
        }
        if QUANTITIES.contains(&w) {
            continue;
        }
        return SUBJECT_PREPS.contains(&w).then_some(w);
    }
    None
}

fn resolve(
    what: &What,
    d: &Discourse,
    rec: &Recognizer,
    sent_subjects: &[Vec<usize>],
    edges: &[Edge0],
) -> Vec<usize> {
    match what {
        What::Actors(v) => v.clone(),
        What::Place => Vec::new(),
        What::Pronoun("person") => d.last_person.into_iter().collect(),
        What::Pronoun(_) => sent_subjects
            .last()
            .cloned()
            .unwrap_or_else(|| d.last_subject.clone()),
        What::Plural(n, kind) => {
            if *kind == "any" && d.last_symmetric.len() == *n {
                return d.last_symmetric.clone();
            }
            let mut v: Vec<usize> = d
                .recent
                .iter()
                .rev()
                .copied()
                .filter(|&a| {
                    let k = rec.table.actors[a].kind.as_str();
                    if *kind == "party" {
                        k == "party"
                    } else {
                        matches!(k, "government" | "person" | "state")
                    }
                })
                .take(*n)
                .collect();
            v.reverse();
            if v.len() == *n {
                v
            } else {
                Vec::new()
            }
        }
        What::Artifact(art) => {
            let _ = edges;
            d.authors.get(art).copied().into_iter().collect()
        }
    }
}

/// The most recent government-level actor other than `source` (and of
/// another country, when the source has one).
fn counterpart<'a>(d: &'a Discourse, rec: &Recognizer, source: &[usize]) -> Option<&'a usize> {
    let countries: Vec<Option<&str>> = source
        .iter()
        .map(|&s| rec.table.actors[s].country.as_deref())
        .collect();
    d.recent.iter().rev().find(|&&a| {
        let x = &rec.table.actors[a];
        !source.contains(&a)
            && matches!(
                x.kind.as_str(),
                "government" | "state" | "international_org" | "court"
            )
            && (x.country.is_none() || !countries.contains(&x.country.as_deref()))
    })
}

/// What accepting proposals changed (or would change).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Diff {
    /// Whether the source was added.
    pub source_added: Option<String>,
    /// Actors added (new ones, `kind: unknown` unless the gazetteer knew them).
    pub actors_added: Vec<Actor>,
    /// Edges added, with their new ids.
    pub edges_added: Vec<Edge>,
    /// Proposals left out because the store already had the same edge.
    pub duplicates: usize,
}

/// Adds proposals to a document: the source (unless present), the actors
/// the proposals name that the document lacks, and every proposal as an
/// edge citing the source. All or nothing.
///
/// # Errors
/// [`Error::Invalid`] listing every proposal that names an actor the
/// proposals do not describe, uses an invalid action name, or has a
/// malformed id.
pub fn accept(doc: &mut Document, p: &Proposals) -> Result<Diff> {
    let mut work = doc.clone();
    let mut diff = Diff::default();
    let mut problems = Vec::new();
    if p.polgraph_proposals != PROPOSALS_VERSION {
        problems.push(Problem::new(
            "document",
            Some("polgraph_proposals"),
            format!(
                "unknown proposals version {}; this build reads {PROPOSALS_VERSION}",
                p.polgraph_proposals
            ),
        ));
    }
    if !work.sources.iter().any(|s| s.id == p.source.id) {
        if let Err(e) = crate::edit::add_source(&mut work, p.source.clone()) {
            problems.push(Problem::new("source", None, e.to_string()));
        } else {
            diff.source_added = Some(p.source.id.clone());
        }
    }
    let described: HashMap<&str, &ProposedActor> =
        p.actors.iter().map(|a| (a.id.as_str(), a)).collect();
    for (i, prop) in p.proposals.iter().enumerate() {
        let at = format!("proposals[{i}]");
        for (field, id) in [("source", &prop.source), ("target", &prop.target)] {
            if work.actors.iter().any(|a| a.id == *id) {
                continue;
            }
            match described.get(id.as_str()) {
                Some(pa) => {
                    let mut a = Actor::new(
                        pa.id.clone(),
                        pa.name.clone(),
                        if pa.kind.is_empty() {
                            "unknown".to_owned()
                        } else {
                            pa.kind.clone()
                        },
                    );
                    a.country = pa.country.clone();
                    match crate::edit::add_actor(&mut work, a.clone()) {
                        Ok(()) => diff.actors_added.push(a),
                        Err(e) => problems.push(Problem::new(&at, Some(field), e.to_string())),
                    }
                }
                None => problems.push(Problem::new(
                    &at,
                    Some(field),
                    format!("actor {id:?} is neither in the store nor in the proposals' actors"),
                )),
            }
        }
        let mut e = Edge::new(
            prop.source.clone(),
            prop.action.clone(),
            prop.target.clone(),
        );
        e.date = prop.date;
        e.status = prop.status;
        e.cites = vec![p.source.id.as_str().into()];
        e.summary = Some(summary(&prop.evidence).into());
        let dup = work.edges.iter().any(|x| {
            x.source == e.source
                && x.action == e.action
                && x.target == e.target
                && x.date == e.date
                && x.status == e.status
        });
        if dup {
            diff.duplicates += 1;
            continue;
        }
        if problems.is_empty() {
            match crate::edit::add_edge(&mut work, e) {
                Ok(id) => diff.edges_added.push(
                    work.edges
                        .iter()
                        .find(|x| x.id == id)
                        .cloned()
                        .unwrap_or_else(|| Edge::new("", "", "")),
                ),
                Err(err) => problems.push(Problem::new(&at, None, err.to_string())),
            }
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid {
            origin: p.report.clone(),
            problems,
        });
    }
    *doc = work;
    Ok(diff)
}

fn summary(evidence: &str) -> String {
    let one_line: String = evidence.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 200 {
        let cut: String = one_line.chars().take(199).collect();
        format!("{cut}…")
    } else {
        one_line
    }
}

/// Builds the proposals document for a report read from `report`.
pub fn proposals(report: &str, x: Extraction, source_id: Option<&str>) -> Proposals {
    let stem = Path::new(report)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id = source_id.map(str::to_owned).unwrap_or_else(|| {
        let mut id = crate::model::slugify(&stem);
        if let Some(a) = x.anchor {
            if !id.contains(&a.to_string()) {
                id = format!("{id}-{a}");
            }
        }
        id
    });
    let anchor = x
        .anchor
        .and_then(PartialDate::from_day)
        .map(EdgeDate::Single);
    Proposals {
        polgraph_proposals: PROPOSALS_VERSION,
        report: report.to_owned(),
        anchor,
        source: Source {
            id,
            title: format!("{stem} (coded by polgraph extract)"),
            publisher: None,
            date: anchor,
            url: None,
        },
        actors: x.actors,
        proposals: x.proposals,
    }
}
