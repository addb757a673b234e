//! Measuring the coder against a hand-coded gold standard.
//!
//! A gold file `NAME.gold.json` beside `NAME.txt` holds the report's anchor
//! date, the actors a careful analyst identified (id, name, aliases) and the
//! edges they would record (source, action, target, date, status). A
//! proposed edge matches a gold edge when
//!
//! * its actors match: same id, or the proposed actor's name equals the gold
//!   actor's name or one of its aliases (case- and accent-insensitively,
//!   ignoring a leading "the");
//! * the action is the same (for symmetric actions either direction);
//! * the dates overlap (an undated edge matches only an undated one).
//!
//! Each gold edge matches at most one proposal. Status is not part of the
//! match; [`Score::status_agree`] counts how often it agrees.

use std::collections::HashSet;
use std::path::Path;
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Problem, Result};
use crate::graph::normalize_name;
use crate::model::{Day, EdgeDate, Status, Vocabulary};

use super::{extract, Extraction, Options};

/// An actor of a gold file.
#[derive(Clone, Debug, Deserialize)]
pub struct GoldActor {
    /// Id used by the gold edges.
    pub id: String,
    /// Name.
    pub name: String,
    /// Other names the actor goes by.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// An edge of a gold file.
#[derive(Clone, Debug, Deserialize)]
pub struct GoldEdge {
    /// Acting actor's id.
    pub source: String,
    /// Action.
    pub action: String,
    /// Target actor's id.
    pub target: String,
    /// Date, or none.
    #[serde(default)]
    pub date: Option<EdgeDate>,
    /// Status (default occurred).
    #[serde(default)]
    pub status: Status,
}

/// A gold file.
#[derive(Clone, Debug, Deserialize)]
pub struct Gold {
    /// The report's date, given to the coder as `--date`.
    pub anchor: String,
    /// Free-text note.
    #[serde(default)]
    pub note: Option<String>,
    /// The actors.
    pub actors: Vec<GoldActor>,
    /// The edges.
    pub edges: Vec<GoldEdge>,
    /// The gold lists acts only: standing ties proposed are not scored.
    #[serde(default)]
    pub acts_only: bool,
}

/// Precision and recall on one report (or the total).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Score {
    /// Report name (file stem), or `overall`.
    pub name: String,
    /// Gold edges.
    pub gold: usize,
    /// Proposed edges.
    pub proposed: usize,
    /// Proposed edges matching a gold edge.
    pub matched: usize,
    /// Matched edges whose status also agrees.
    pub status_agree: usize,
    /// Gold edges not found, as `source action target date`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missed: Vec<String>,
    /// Proposals matching no gold edge.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub spurious: Vec<String>,
}

impl Score {
    /// matched / proposed (1 when nothing is proposed).
    pub fn precision(&self) -> f64 {
        if self.proposed == 0 {
            1.0
        } else {
            self.matched as f64 / self.proposed as f64
        }
    }

    /// matched / gold (1 when the gold is empty).
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.matched as f64 / self.gold as f64
        }
    }
}

fn key(s: &str) -> String {
    let k = normalize_name(&s.replace('’', "'"));
    k.strip_prefix("the ").map(str::to_owned).unwrap_or(k)
}

/// Scores one extraction against its gold standard.
pub fn score(name: &str, gold: &Gold, x: &Extraction) -> Score {
    let vocab = Vocabulary::builtin();
    // Which gold actors each proposed actor may be.
    let same = |pid: &str, gid: &str| -> bool {
        if pid == gid {
            return true;
        }
        let Some(pa) = x.actors.iter().find(|a| a.id == pid) else {
            return false;
        };
        let Some(ga) = gold.actors.iter().find(|a| a.id == gid) else {
            return false;
        };
        let names: HashSet<String> = std::iter::once(&ga.name)
            .chain(&ga.aliases)
            .map(|n| key(n))
            .collect();
        names.contains(&key(&pa.name)) || names.contains(&key(&pa.id))
    };
    let mut used = vec![false; gold.edges.len()];
    let scored: Vec<&super::Proposal> = x
        .proposals
        .iter()
        .filter(|p| !(gold.acts_only && vocab.lookup(&p.action).tie))
        .collect();
    let mut s = Score {
        name: name.to_owned(),
        gold: gold.edges.len(),
        proposed: scored.len(),
        ..Score::default()
    };
    for p in scored {
        let sym = vocab.lookup(&p.action).symmetric;
        let hit = gold.edges.iter().enumerate().position(|(i, g)| {
            !used[i]
                && g.action == p.action
                && ((same(&p.source, &g.source) && same(&p.target, &g.target))
                    || (sym && same(&p.source, &g.target) && same(&p.target, &g.source)))
                && match (&p.date, &g.date) {
                    (Some(a), Some(b)) => a.span().overlaps(&b.span()),
                    (None, None) => true,
                    _ => false,
                }
        });
        match hit {
            Some(i) => {
                used[i] = true;
                s.matched += 1;
                if gold.edges[i].status == p.status {
                    s.status_agree += 1;
                }
            }
            None => s.spurious.push(format!(
                "{} {} {} {} {}",
                p.source,
                p.action,
                p.target,
                p.date
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "undated".into()),
                p.status
            )),
        }
    }
    for (i, g) in gold.edges.iter().enumerate() {
        if !used[i] {
            s.missed.push(format!(
                "{} {} {} {}",
                g.source,
                g.action,
                g.target,
                g.date
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "undated".into())
            ));
        }
    }
    s
}

/// Reads a gold file.
///
/// # Errors
/// [`Error::Io`] or [`Error::Invalid`] naming the file.
pub fn read_gold(path: &Path) -> Result<Gold> {
    let bytes = std::fs::read(path).map_err(|e| Error::io("read", path, e))?;
    serde_json::from_slice(&bytes).map_err(|e| Error::Invalid {
        origin: path.display().to_string(),
        problems: vec![Problem::new(
            format!("line {}", e.line()),
            None,
            e.to_string(),
        )],
    })
}

/// Scores every `NAME.txt` with a `NAME.gold.json` in `dir` (sorted by name),
/// then the total as a last entry named `overall`.
///
/// # Errors
/// When the folder, a report or a gold file cannot be read.
pub fn evaluate_dir(dir: &Path) -> Result<Vec<Score>> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| Error::io("read", dir, e))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".gold.json"))
                .map(str::to_owned)
        })
        .collect();
    names.sort();
    let mut out = Vec::new();
    let mut total = Score {
        name: "overall".into(),
        ..Score::default()
    };
    for n in names {
        let gold = read_gold(&dir.join(format!("{n}.gold.json")))?;
        let text = super::read_report(&dir.join(format!("{n}.txt")))?;
        let anchor: Day = gold.anchor.parse().map_err(|_| Error::Invalid {
            origin: format!("{n}.gold.json"),
            problems: vec![Problem::new(
                "document",
                Some("anchor"),
                format!("{:?} is not a date", gold.anchor),
            )],
        })?;
        let x = extract(
            &text,
            None,
            &Options {
                anchor: Some(anchor),
                source_id: None,
            },
        );
        let s = score(&n, &gold, &x);
        total.gold += s.gold;
        total.proposed += s.proposed;
        total.matched += s.matched;
        total.status_agree += s.status_agree;
        out.push(s);
    }
    out.push(total);
    Ok(out)
}

/// Codes `text` repeated until about `bytes` bytes and returns the
/// throughput in MB/s (10^6 bytes per second) and the number of proposals.
pub fn throughput(text: &str, bytes: usize, anchor: Option<Day>) -> (f64, usize) {
    let mut big = String::with_capacity(bytes + text.len());
    while big.len() < bytes {
        big.push_str(text);
        big.push_str("\n\n");
    }
    let t = Instant::now();
    let x = extract(
        &big,
        None,
        &Options {
            anchor,
            source_id: None,
        },
    );
    let secs = t.elapsed().as_secs_f64().max(1e-9);
    (big.len() as f64 / 1e6 / secs, x.proposals.len())
}
