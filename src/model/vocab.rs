//! Action vocabulary: what each edge label (action verb) of the graph means.
//!
//! Every edge of a polgraph graph is labelled with an *action*, a lowercase
//! snake_case verb. An action is either
//!
//! * an **event**: a dated act of one actor towards another (`ruled`,
//!   `protested`, `consulted`), or
//! * a standing **tie**: a relation with a validity span (`member_of`,
//!   `heads`).
//!
//! The built-in vocabulary ([`Vocabulary::builtin`]) describes every known
//! action with an [`ActionDef`]; a graph file may declare further actions (or
//! override built-in ones) in a JSON array `"actions": [...]` of the same
//! shape, merged with [`Vocabulary::with_declared`].
//!
//! # Classification rules
//!
//! * **Category** is the PLOVER event type (Political Language Ontology for
//!   Verifiable Event Records, 16 types in the 2021 CAMEO→PLOVER mapping:
//!   AGREE … ASSAULT). Three non-PLOVER values are added:
//!   - `STATEMENT`: neutral, non-committal verbal acts: statements, comments,
//!     reports, responses, announcements and abstentions. These correspond to
//!     CAMEO root 01 "make public statement", which PLOVER dropped. They are
//!     always quad class `neutral` with score 0.
//!   - `TIE`: standing ties (and only those).
//!   - `OTHER`: reserved for *unknown* actions (see [`Vocabulary::lookup`]);
//!     no built-in action uses it, a graph file may.
//! * **Quad class** follows the CAMEO root code that inspired the entry, not
//!   the PLOVER category: roots 02–05 verbal cooperation, 06–08 material
//!   cooperation, 09–13 verbal conflict, 14–20 material conflict, 01
//!   (statements) and ties neutral. Hence `urged` (CAMEO 02 appeal) and
//!   `demanded` (CAMEO 10 demand) are both PLOVER REQUEST but the first is
//!   verbal cooperation and the second verbal conflict; likewise `conceded`
//!   (CAMEO 08 yield) is material cooperation although PLOVER calls CONCEDE
//!   "verbal".
//! * **Score** is a cooperation (+10) – conflict (−10) value in the spirit of
//!   the Goldstein scale: the CAMEO Goldstein value of the inspiring code,
//!   noted in a comment beside each built-in entry. The small CAMEO 01x values
//!   (±0.1..0.4) are rounded to 0 so that every neutral action scores 0.
//!   Ties score 0.
//! * **Symmetric** actions are mutual by nature (`met`, `consulted`,
//!   `negotiated`, `agreed`, `signed`, `cooperated`, `fought`, `allied_with`,
//!   `rival_of`, `related_to`): `A met B` implies `B met A`. Everything else
//!   is directional, from the actor who acts to the target.
//!
//! # Notable decisions
//!
//! * `ruled`: a court ruling *against* the target. CAMEO has no ruling code;
//!   the closest is 116 "find guilty or liable (legally)", which the 2021
//!   CAMEO→PLOVER mapping puts under ACCUSE (mode disapprove). So `ruled` is
//!   ACCUSE, verbal conflict, −2.0 (as are `convicted` and `sued`).
//! * `submitted`: formally handing a plan, report, bill or application to the
//!   target for consideration. This is CONSULT (CAMEO 040, +1.0): it opens a
//!   formal exchange; the implied request for action is not a demand.
//! * `stated`, `commented`, `reported`, `responded`, `announced`,
//!   `acknowledged`, `abstained`: STATEMENT, neutral, 0.
//! * `sanctioned` and `froze_assets`: SANCTION (CAMEO 163, −8.0), although the
//!   2021 mapping files CAMEO 163 under COERCE: a named sanction is the
//!   canonical SANCTION case for analysts.
//! * `protested`: street or organised dissent (PLOVER PROTEST, CAMEO 140,
//!   material conflict). A formal diplomatic protest is `complained` or
//!   `summoned` (CAMEO 114, ACCUSE).
//! * `blocked`: procedural obstruction of the target's bill, nomination or
//!   action, treated like a veto (REJECT, CAMEO 129); physical blockades by
//!   protesters are `demonstrated`.
//! * `withdrew` is a retreat (troops, demands, a candidacy: RETREAT, CAMEO
//!   080); leaving a treaty, organisation or talks is `withdrew_from`
//!   (SANCTION, CAMEO 160).
//! * Parliamentary acts: `adopted`, `voted_yea`, `nominated`, `elected`,
//!   `appointed` are SUPPORT (approval/endorsement, CAMEO 050/051);
//!   `voted_nay` is REJECT (CAMEO 120); `vetoed` is REJECT (CAMEO 129);
//!   `dismissed` (from office) is SANCTION (CAMEO 160 reduce relations).
//!
//! # Overrides
//!
//! A declared action whose name equals a built-in one replaces the built-in
//! definition completely for that vocabulary. Declaring the same name twice in
//! one list is an error.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::OnceLock;

/// PLOVER event type of an action, plus the non-PLOVER values `STATEMENT`,
/// `TIE` and `OTHER` (see the module documentation).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Category {
    /// Agree to, offer, promise or express intent to cooperate (CAMEO 03).
    Agree,
    /// Meet, visit, host, negotiate or mediate (CAMEO 04).
    Consult,
    /// Express support, praise, endorse, apologize, sign (CAMEO 05).
    Support,
    /// Yield politically: ease restrictions, accede to demands (CAMEO 081–083).
    Concede,
    /// Material cooperation: economic, military, judicial (CAMEO 06).
    Cooperate,
    /// Provide aid or asylum (CAMEO 07).
    Aid,
    /// Return, release, ease sanctions, de-escalate (CAMEO 084–087).
    Retreat,
    /// Appeal, request or demand (CAMEO 02 and 10).
    Request,
    /// Investigate, disapprove, accuse, sue, find guilty (CAMEO 09 and 11).
    Accuse,
    /// Reject, refuse, veto, defy (CAMEO 12).
    Reject,
    /// Threaten or give an ultimatum (CAMEO 13).
    Threaten,
    /// Demonstrate, strike, boycott, riot (CAMEO 14).
    Protest,
    /// Reduce or break relations, stop aid, expel, impose sanctions (CAMEO 16).
    Sanction,
    /// Show or increase military or police power (CAMEO 15).
    Mobilize,
    /// Seize, arrest, restrict, ban, deport, occupy (CAMEO 17).
    Coerce,
    /// Use violence: attacks, killings, armed fighting (CAMEO 18–20).
    Assault,
    /// Non-PLOVER: neutral statement, comment, report (CAMEO 01).
    Statement,
    /// Non-PLOVER: standing tie (membership, leadership, alliance …).
    Tie,
    /// Non-PLOVER: unknown or unclassified action.
    Other,
}

impl Category {
    /// Every category, in declaration order.
    pub const ALL: &'static [Category] = &[
        Category::Agree,
        Category::Consult,
        Category::Support,
        Category::Concede,
        Category::Cooperate,
        Category::Aid,
        Category::Retreat,
        Category::Request,
        Category::Accuse,
        Category::Reject,
        Category::Threaten,
        Category::Protest,
        Category::Sanction,
        Category::Mobilize,
        Category::Coerce,
        Category::Assault,
        Category::Statement,
        Category::Tie,
        Category::Other,
    ];

    /// Canonical upper-case name, as serialized (`"AGREE"`, `"TIE"`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Agree => "AGREE",
            Category::Consult => "CONSULT",
            Category::Support => "SUPPORT",
            Category::Concede => "CONCEDE",
            Category::Cooperate => "COOPERATE",
            Category::Aid => "AID",
            Category::Retreat => "RETREAT",
            Category::Request => "REQUEST",
            Category::Accuse => "ACCUSE",
            Category::Reject => "REJECT",
            Category::Threaten => "THREATEN",
            Category::Protest => "PROTEST",
            Category::Sanction => "SANCTION",
            Category::Mobilize => "MOBILIZE",
            Category::Coerce => "COERCE",
            Category::Assault => "ASSAULT",
            Category::Statement => "STATEMENT",
            Category::Tie => "TIE",
            Category::Other => "OTHER",
        }
    }

    /// Parses a category name, ignoring ASCII case and surrounding whitespace.
    pub fn parse(s: &str) -> Option<Category> {
        let s = s.trim();
        Category::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(s))
    }

    /// True for the 16 PLOVER event types (false for `STATEMENT`, `TIE`,
    /// `OTHER`).
    pub fn is_plover(self) -> bool {
        !matches!(self, Category::Statement | Category::Tie | Category::Other)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Quad class: the verbal/material × cooperation/conflict quadrant of an
/// action, plus `neutral` for statements, ties and unknown actions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuadClass {
    /// Neither cooperation nor conflict (statements, ties, unknown actions).
    Neutral,
    /// Verbal cooperation (CAMEO roots 02–05).
    VerbalCooperation,
    /// Material cooperation (CAMEO roots 06–08).
    MaterialCooperation,
    /// Verbal conflict (CAMEO roots 09–13).
    VerbalConflict,
    /// Material conflict (CAMEO roots 14–20).
    MaterialConflict,
}

impl QuadClass {
    /// Every quad class, in declaration order.
    pub const ALL: &'static [QuadClass] = &[
        QuadClass::Neutral,
        QuadClass::VerbalCooperation,
        QuadClass::MaterialCooperation,
        QuadClass::VerbalConflict,
        QuadClass::MaterialConflict,
    ];

    /// Canonical snake_case name, as serialized (`"verbal_cooperation"`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            QuadClass::Neutral => "neutral",
            QuadClass::VerbalCooperation => "verbal_cooperation",
            QuadClass::MaterialCooperation => "material_cooperation",
            QuadClass::VerbalConflict => "verbal_conflict",
            QuadClass::MaterialConflict => "material_conflict",
        }
    }

    /// Parses a quad class name, ignoring ASCII case, surrounding whitespace
    /// and the separators `_`, `-` and space: `verbal_conflict`,
    /// `VerbalConflict` and `verbal conflict` are all accepted.
    pub fn parse(s: &str) -> Option<QuadClass> {
        let norm = |t: &str| -> String {
            t.chars()
                .filter(|c| !matches!(c, '_' | '-' | ' '))
                .map(|c| c.to_ascii_lowercase())
                .collect()
        };
        let wanted = norm(s.trim());
        if wanted.is_empty() {
            return None;
        }
        QuadClass::ALL
            .iter()
            .copied()
            .find(|q| norm(q.as_str()) == wanted)
    }

    /// True for verbal and material cooperation.
    pub fn is_cooperation(self) -> bool {
        matches!(
            self,
            QuadClass::VerbalCooperation | QuadClass::MaterialCooperation
        )
    }

    /// True for verbal and material conflict.
    pub fn is_conflict(self) -> bool {
        matches!(
            self,
            QuadClass::VerbalConflict | QuadClass::MaterialConflict
        )
    }

    /// True for the material quadrants (cooperation or conflict).
    pub fn is_material(self) -> bool {
        matches!(
            self,
            QuadClass::MaterialCooperation | QuadClass::MaterialConflict
        )
    }
}

impl fmt::Display for QuadClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Definition of one action. This is also the shape in which a graph file
/// declares its own actions, in a JSON array `"actions": [...]`, e.g.
/// `{"name":"filibustered","category":"PROTEST","quad":"verbal_conflict","score":-3.0}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionDef {
    /// Action name: lowercase snake_case, `[a-z][a-z0-9_]*`.
    pub name: String,
    /// PLOVER category (or `STATEMENT`, `TIE`, `OTHER`).
    pub category: Category,
    /// Quad class.
    pub quad: QuadClass,
    /// Cooperation–conflict score in −10.0..=+10.0 (Goldstein-like).
    pub score: f64,
    /// True if the act is mutual by nature (`A met B` ⇒ `B met A`).
    #[serde(default)]
    pub symmetric: bool,
    /// True for a standing tie (a relation with a validity span).
    #[serde(default)]
    pub tie: bool,
    /// One short line describing the action.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

impl ActionDef {
    /// Checks the definition: the name is lowercase snake_case
    /// (`[a-z][a-z0-9_]*`); the score is finite and within −10..=10; a tie has
    /// category `TIE`, quad class `neutral` and score 0; a non-tie does not
    /// have category `TIE`. The error names the offending field.
    pub fn validate(&self) -> Result<(), String> {
        if !is_valid_action_name(&self.name) {
            return Err(format!(
                "name: {:?} is not lowercase snake_case ([a-z][a-z0-9_]*)",
                self.name
            ));
        }
        if !self.score.is_finite() || !(-10.0..=10.0).contains(&self.score) {
            return Err(format!(
                "score: {} is not a finite number within -10..=10",
                self.score
            ));
        }
        if self.tie {
            if self.category != Category::Tie {
                return Err(format!(
                    "category: a tie must have category TIE, not {}",
                    self.category
                ));
            }
            if self.quad != QuadClass::Neutral {
                return Err(format!(
                    "quad: a tie must have quad class neutral, not {}",
                    self.quad
                ));
            }
            if self.score != 0.0 {
                return Err(format!("score: a tie must score 0, not {}", self.score));
            }
        } else if self.category == Category::Tie {
            return Err("category: TIE is only allowed when tie is true".to_string());
        }
        Ok(())
    }

    /// The compact [`ActionInfo`] of this definition (with `known = true`).
    pub fn info(&self) -> ActionInfo {
        ActionInfo {
            category: self.category,
            quad: self.quad,
            score: self.score,
            symmetric: self.symmetric,
            tie: self.tie,
            known: true,
        }
    }
}

/// Compact, copyable summary of an action, as returned by
/// [`Vocabulary::lookup`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ActionInfo {
    /// PLOVER category (`OTHER` for unknown actions).
    pub category: Category,
    /// Quad class (`neutral` for unknown actions).
    pub quad: QuadClass,
    /// Cooperation–conflict score (0 for unknown actions).
    pub score: f64,
    /// True if the act is mutual by nature.
    pub symmetric: bool,
    /// True for a standing tie.
    pub tie: bool,
    /// False if the name is not in the vocabulary.
    pub known: bool,
}

impl ActionInfo {
    /// The synthetic info for an unknown action: category `OTHER`, quad
    /// `neutral`, score 0, not symmetric, not a tie, `known = false`.
    pub const UNKNOWN: ActionInfo = ActionInfo {
        category: Category::Other,
        quad: QuadClass::Neutral,
        score: 0.0,
        symmetric: false,
        tie: false,
        known: false,
    };
}

/// True if `s` is a valid action name: lowercase snake_case,
/// `[a-z][a-z0-9_]*`.
pub fn is_valid_action_name(s: &str) -> bool {
    let mut bytes = s.bytes();
    match bytes.next() {
        Some(b'a'..=b'z') => {}
        _ => return false,
    }
    bytes.all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'_'))
}

/// The set of known actions: the built-in ones plus those a graph file
/// declares. Lookups are by exact name (binary search over sorted tables).
#[derive(Clone, Debug)]
pub struct Vocabulary {
    /// Built-in definitions, sorted by name (shared, built once).
    builtin: &'static [ActionDef],
    /// Declared definitions, sorted by name, unique; they take precedence
    /// over built-in ones of the same name.
    declared: Vec<ActionDef>,
}

impl Default for Vocabulary {
    fn default() -> Self {
        Vocabulary::builtin()
    }
}

impl Vocabulary {
    /// The built-in vocabulary. Cheap: the table is built once per process
    /// and shared.
    pub fn builtin() -> Vocabulary {
        Vocabulary {
            builtin: builtin_defs(),
            declared: Vec::new(),
        }
    }

    /// The built-in vocabulary plus `declared` actions. A declared action
    /// with the name of a built-in one overrides it. Fails, naming the
    /// action and the field, if a definition is invalid
    /// ([`ActionDef::validate`]) or a name is declared twice.
    pub fn with_declared(declared: &[ActionDef]) -> Result<Vocabulary, String> {
        for def in declared {
            def.validate()
                .map_err(|e| format!("declared action {:?}: {e}", def.name))?;
        }
        let mut own: Vec<ActionDef> = declared.to_vec();
        own.sort_by(|a, b| a.name.cmp(&b.name));
        if let Some(w) = own.windows(2).find(|w| w[0].name == w[1].name) {
            return Err(format!(
                "declared action {:?}: name: declared more than once",
                w[0].name
            ));
        }
        Ok(Vocabulary {
            builtin: builtin_defs(),
            declared: own,
        })
    }

    /// The definition of `name` (exact, case-sensitive match), if known.
    pub fn get(&self, name: &str) -> Option<&ActionDef> {
        if let Ok(i) = self
            .declared
            .binary_search_by(|d| d.name.as_str().cmp(name))
        {
            return Some(&self.declared[i]);
        }
        self.builtin
            .binary_search_by(|d| d.name.as_str().cmp(name))
            .ok()
            .map(|i| &self.builtin[i])
    }

    /// True if `name` is a known action.
    pub fn is_known(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Info for `name`: from its definition if known, otherwise
    /// [`ActionInfo::UNKNOWN`] (category `OTHER`, quad `neutral`, score 0,
    /// not symmetric, not a tie, `known = false`).
    pub fn lookup(&self, name: &str) -> ActionInfo {
        self.get(name).map_or(ActionInfo::UNKNOWN, ActionDef::info)
    }

    /// All effective definitions (overrides replace built-ins), sorted by
    /// name.
    pub fn actions(&self) -> impl Iterator<Item = &ActionDef> {
        let mut b = self.builtin.iter().peekable();
        let mut d = self.declared.iter().peekable();
        std::iter::from_fn(move || match (b.peek(), d.peek()) {
            (Some(x), Some(y)) => match x.name.cmp(&y.name) {
                std::cmp::Ordering::Less => b.next(),
                std::cmp::Ordering::Greater => d.next(),
                std::cmp::Ordering::Equal => {
                    b.next();
                    d.next()
                }
            },
            (Some(_), None) => b.next(),
            (None, _) => d.next(),
        })
    }

    /// Number of effective definitions (built-in plus declared, overrides
    /// counted once).
    pub fn len(&self) -> usize {
        let overridden = self
            .declared
            .iter()
            .filter(|d| {
                self.builtin
                    .binary_search_by(|b| b.name.as_str().cmp(&d.name))
                    .is_ok()
            })
            .count();
        self.builtin.len() + self.declared.len() - overridden
    }

    /// True if the vocabulary has no action (never the case in practice).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The actions declared on top of the built-ins, sorted by name.
    pub fn declared(&self) -> &[ActionDef] {
        &self.declared
    }

    /// Number of built-in actions.
    pub fn builtin_count() -> usize {
        BUILTIN.len()
    }
}

// ---------------------------------------------------------------------------
// Built-in table
// ---------------------------------------------------------------------------

/// One built-in entry: (name, category, quad, score, symmetric, tie,
/// description).
type Spec = (
    &'static str,
    Category,
    QuadClass,
    f64,
    bool,
    bool,
    &'static str,
);

const fn ev(name: &'static str, c: Category, q: QuadClass, score: f64, d: &'static str) -> Spec {
    (name, c, q, score, false, false, d)
}

const fn mutual(
    name: &'static str,
    c: Category,
    q: QuadClass,
    score: f64,
    d: &'static str,
) -> Spec {
    (name, c, q, score, true, false, d)
}

const fn tie(name: &'static str, symmetric: bool, d: &'static str) -> Spec {
    (
        name,
        Category::Tie,
        QuadClass::Neutral,
        0.0,
        symmetric,
        true,
        d,
    )
}

use Category as C;
use QuadClass as Q;

#[rustfmt::skip]
const BUILTIN: &[Spec] = &[
    // --- STATEMENT (CAMEO 01 make public statement; PLOVER dropped it) ---
    ev("stated", C::Statement, Q::Neutral, 0.0, "made a public statement addressed to or about the target"), // CAMEO 010 make statement, Goldstein 0.0
    ev("commented", C::Statement, Q::Neutral, 0.0, "commented on the target"), // CAMEO 010/012/013 comment, Goldstein 0.0 (±0.4 rounded to 0)
    ev("reported", C::Statement, Q::Neutral, 0.0, "reported on or to the target"), // CAMEO 010 make statement, Goldstein 0.0
    ev("responded", C::Statement, Q::Neutral, 0.0, "responded to the target's statement or act"), // CAMEO 010 make statement, Goldstein 0.0
    ev("announced", C::Statement, Q::Neutral, 0.0, "announced something concerning the target"), // CAMEO 010 make statement, Goldstein 0.0
    ev("acknowledged", C::Statement, Q::Neutral, 0.0, "acknowledged the target's claim or its own responsibility"), // CAMEO 015 acknowledge responsibility, Goldstein 0.0
    ev("abstained", C::Statement, Q::Neutral, 0.0, "abstained in a vote on the target"), // CAMEO 011 decline comment, Goldstein -0.1 (rounded to 0)

    // --- AGREE (CAMEO 03 express intent to cooperate) ---
    mutual("agreed", C::Agree, Q::VerbalCooperation, 4.0, "reached or expressed agreement with the target"), // CAMEO 030 express intent to cooperate, Goldstein 4.0
    ev("promised", C::Agree, Q::VerbalCooperation, 4.0, "promised the target to do something"), // CAMEO 030 express intent to cooperate, Goldstein 4.0
    ev("pledged", C::Agree, Q::VerbalCooperation, 5.2, "pledged support, funds or aid to the target"), // CAMEO 033 express intent to provide material aid, Goldstein 5.2
    ev("offered", C::Agree, Q::VerbalCooperation, 4.0, "offered the target cooperation, a deal or help"), // CAMEO 030 express intent to cooperate, Goldstein 4.0
    ev("proposed", C::Agree, Q::VerbalCooperation, 4.0, "proposed a plan, deal or text to the target"), // CAMEO 030 express intent to cooperate (offer), Goldstein 4.0
    ev("invited", C::Agree, Q::VerbalCooperation, 4.0, "invited the target to a meeting, visit or talks"), // CAMEO 036 express intent to meet or negotiate, Goldstein 4.0

    // --- CONSULT (CAMEO 04) ---
    mutual("met", C::Consult, Q::VerbalCooperation, 1.0, "met the target"), // CAMEO 040 consult, Goldstein 1.0
    mutual("consulted", C::Consult, Q::VerbalCooperation, 1.0, "held consultations or talks with the target"), // CAMEO 040 consult, Goldstein 1.0
    mutual("negotiated", C::Consult, Q::VerbalCooperation, 7.0, "negotiated with the target"), // CAMEO 046 engage in negotiation, Goldstein 7.0
    ev("visited", C::Consult, Q::VerbalCooperation, 1.9, "paid a visit to the target"), // CAMEO 042 make a visit, Goldstein 1.9
    ev("hosted", C::Consult, Q::VerbalCooperation, 2.8, "hosted a visit by the target"), // CAMEO 043 host a visit, Goldstein 2.8
    ev("mediated", C::Consult, Q::VerbalCooperation, 5.0, "mediated in a dispute involving the target"), // CAMEO 045 mediate, Goldstein 5.0
    ev("submitted", C::Consult, Q::VerbalCooperation, 1.0, "formally submitted a plan, report, bill or application to the target"), // CAMEO 040 consult, Goldstein 1.0

    // --- SUPPORT (CAMEO 05 diplomatic cooperation) ---
    mutual("signed", C::Support, Q::VerbalCooperation, 8.0, "signed a formal agreement with the target"), // CAMEO 057 sign formal agreement, Goldstein 8.0
    ev("praised", C::Support, Q::VerbalCooperation, 3.4, "praised the target"), // CAMEO 051 praise or endorse, Goldstein 3.4
    ev("endorsed", C::Support, Q::VerbalCooperation, 3.4, "publicly endorsed the target"), // CAMEO 051 praise or endorse, Goldstein 3.4
    ev("supported", C::Support, Q::VerbalCooperation, 3.5, "expressed political support for the target"), // CAMEO 050 engage in diplomatic cooperation, Goldstein 3.5
    ev("defended", C::Support, Q::VerbalCooperation, 3.5, "defended the target verbally"), // CAMEO 052 defend verbally, Goldstein 3.5
    ev("thanked", C::Support, Q::VerbalCooperation, 3.4, "thanked the target"), // CAMEO 051 praise or endorse, Goldstein 3.4
    ev("welcomed", C::Support, Q::VerbalCooperation, 3.4, "welcomed the target or its decision"), // CAMEO 051 praise or endorse, Goldstein 3.4
    ev("congratulated", C::Support, Q::VerbalCooperation, 3.4, "congratulated the target"), // CAMEO 051 praise or endorse, Goldstein 3.4
    ev("apologized", C::Support, Q::VerbalCooperation, 7.0, "apologized to the target"), // CAMEO 055 apologize, Goldstein 7.0
    ev("forgave", C::Support, Q::VerbalCooperation, 7.0, "forgave the target"), // CAMEO 056 forgive, Goldstein 7.0
    ev("recognized", C::Support, Q::VerbalCooperation, 6.0, "granted the target diplomatic or official recognition"), // CAMEO 054 grant diplomatic recognition, Goldstein 6.0
    ev("campaigned_for", C::Support, Q::VerbalCooperation, 3.8, "campaigned or rallied support on behalf of the target"), // CAMEO 053 rally support on behalf of, Goldstein 3.8
    ev("adopted", C::Support, Q::VerbalCooperation, 3.5, "adopted (passed) the target resolution, bill or proposal"), // CAMEO 050 diplomatic cooperation (approval), Goldstein 3.5
    ev("voted_yea", C::Support, Q::VerbalCooperation, 3.4, "voted in favour of the target bill, motion or candidate"), // CAMEO 051 praise or endorse, Goldstein 3.4
    ev("nominated", C::Support, Q::VerbalCooperation, 3.4, "nominated the target for an office or award"), // CAMEO 051 praise or endorse, Goldstein 3.4
    ev("elected", C::Support, Q::VerbalCooperation, 3.4, "elected the target to an office"), // CAMEO 051 praise or endorse, Goldstein 3.4
    ev("appointed", C::Support, Q::VerbalCooperation, 3.5, "appointed the target to an office"), // CAMEO 050 engage in diplomatic cooperation, Goldstein 3.5

    // --- REQUEST, cooperative form (CAMEO 02 appeal) ---
    ev("urged", C::Request, Q::VerbalCooperation, 3.0, "urged the target to act"), // CAMEO 020 make an appeal or request, Goldstein 3.0
    ev("requested", C::Request, Q::VerbalCooperation, 3.0, "formally asked the target for something"), // CAMEO 020 make an appeal or request, Goldstein 3.0
    ev("appealed", C::Request, Q::VerbalCooperation, 3.0, "appealed to the target"), // CAMEO 020 make an appeal or request, Goldstein 3.0
    ev("called_for", C::Request, Q::VerbalCooperation, 3.0, "publicly called on the target to act"), // CAMEO 020 make an appeal or request, Goldstein 3.0

    // --- COOPERATE (CAMEO 06 material cooperation) ---
    mutual("cooperated", C::Cooperate, Q::MaterialCooperation, 6.0, "cooperated materially with the target"), // CAMEO 060 engage in material cooperation, Goldstein 6.0

    // --- AID (CAMEO 07 provide aid) ---
    ev("aided", C::Aid, Q::MaterialCooperation, 7.0, "provided aid to the target"), // CAMEO 070 provide aid, Goldstein 7.0
    ev("funded", C::Aid, Q::MaterialCooperation, 7.4, "provided money or economic support to the target"), // CAMEO 071 provide economic aid, Goldstein 7.4
    ev("granted", C::Aid, Q::MaterialCooperation, 7.0, "granted the target asylum, funds, access or a permit"), // CAMEO 075 grant asylum, Goldstein 7.0
    ev("compensated", C::Aid, Q::MaterialCooperation, 7.0, "paid compensation or reparations to the target"), // CAMEO 070 provide aid, Goldstein 7.0

    // --- CONCEDE (CAMEO 080-083 yield; CAMEO root 08 is material cooperation) ---
    ev("conceded", C::Concede, Q::MaterialCooperation, 5.0, "yielded to the target: conceded a point, defeat or demand"), // CAMEO 080 yield, Goldstein 5.0
    ev("pardoned", C::Concede, Q::MaterialCooperation, 5.0, "pardoned or granted amnesty to the target"), // CAMEO 081 ease administrative sanctions, Goldstein 5.0

    // --- RETREAT (CAMEO 084-087) ---
    ev("released", C::Retreat, Q::MaterialCooperation, 7.0, "released the target person(s) or property"), // CAMEO 0841 release persons, Goldstein 7.0
    ev("withdrew", C::Retreat, Q::MaterialCooperation, 5.0, "withdrew forces, a demand or a candidacy in favour of the target"), // CAMEO 080 yield (0872/0874 military withdrawal up to 9.0), Goldstein 5.0
    ev("lifted_sanctions", C::Retreat, Q::MaterialCooperation, 7.0, "eased or lifted sanctions, boycott or embargo on the target"), // CAMEO 085 ease economic sanctions, Goldstein 7.0
    ev("declared_ceasefire", C::Retreat, Q::MaterialCooperation, 9.0, "declared a truce or ceasefire towards the target"), // CAMEO 0871 declare truce, ceasefire (087 de-escalate), Goldstein 9.0

    // --- REQUEST, conflictual form (CAMEO 10 demand) ---
    ev("demanded", C::Request, Q::VerbalConflict, -5.0, "demanded something of the target"), // CAMEO 100 demand, Goldstein -5.0

    // --- ACCUSE (CAMEO 09 investigate, 11 disapprove) ---
    ev("investigated", C::Accuse, Q::VerbalConflict, -2.0, "opened or conducted an investigation into the target"), // CAMEO 090 investigate, Goldstein -2.0
    ev("criticized", C::Accuse, Q::VerbalConflict, -2.0, "criticized the target"), // CAMEO 111 criticize or denounce, Goldstein -2.0
    ev("condemned", C::Accuse, Q::VerbalConflict, -2.0, "condemned or denounced the target"), // CAMEO 111 criticize or denounce, Goldstein -2.0
    ev("opposed", C::Accuse, Q::VerbalConflict, -2.0, "voiced opposition to the target or its policy"), // CAMEO 110 disapprove, Goldstein -2.0
    ev("accused", C::Accuse, Q::VerbalConflict, -2.0, "accused the target of wrongdoing"), // CAMEO 112 accuse, Goldstein -2.0
    ev("blamed", C::Accuse, Q::VerbalConflict, -2.0, "blamed the target"), // CAMEO 112 accuse, Goldstein -2.0
    ev("impeached", C::Accuse, Q::VerbalConflict, -2.0, "brought impeachment charges against the target"), // CAMEO 112 accuse, Goldstein -2.0
    ev("censured", C::Accuse, Q::VerbalConflict, -2.0, "formally censured or reprimanded the target"), // CAMEO 111 criticize or denounce, Goldstein -2.0
    ev("complained", C::Accuse, Q::VerbalConflict, -2.0, "lodged an official complaint or diplomatic protest with the target"), // CAMEO 114 complain officially, Goldstein -2.0
    ev("summoned", C::Accuse, Q::VerbalConflict, -2.0, "summoned the target (e.g. an ambassador) to protest"), // CAMEO 114 complain officially, Goldstein -2.0
    ev("sued", C::Accuse, Q::VerbalConflict, -2.0, "brought a lawsuit against the target"), // CAMEO 115 bring lawsuit against, Goldstein -2.0
    ev("ruled", C::Accuse, Q::VerbalConflict, -2.0, "(court) ruled against the target"), // CAMEO 116 find guilty or liable (legally), Goldstein -2.0
    ev("convicted", C::Accuse, Q::VerbalConflict, -2.0, "(court) found the target guilty"), // CAMEO 116 find guilty or liable (legally), Goldstein -2.0

    // --- REJECT (CAMEO 12) ---
    ev("rejected", C::Reject, Q::VerbalConflict, -4.0, "rejected the target's proposal, demand or claim"), // CAMEO 120 reject, Goldstein -4.0
    ev("refused", C::Reject, Q::VerbalConflict, -4.0, "refused the target's request or demand"), // CAMEO 120 reject, Goldstein -4.0
    ev("denied", C::Reject, Q::VerbalConflict, -4.0, "denied the target's request, permission or allegation"), // CAMEO 120 reject, Goldstein -4.0
    ev("voted_nay", C::Reject, Q::VerbalConflict, -4.0, "voted against the target bill, motion or candidate"), // CAMEO 120 reject, Goldstein -4.0
    ev("vetoed", C::Reject, Q::VerbalConflict, -5.0, "vetoed the target decision or bill"), // CAMEO 129 veto, Goldstein -5.0
    ev("blocked", C::Reject, Q::VerbalConflict, -5.0, "procedurally blocked the target's bill, nomination or action"), // CAMEO 129 veto, Goldstein -5.0

    // --- THREATEN (CAMEO 13) ---
    ev("warned", C::Threaten, Q::VerbalConflict, -4.4, "warned the target of consequences"), // CAMEO 130 threaten, Goldstein -4.4
    ev("threatened", C::Threaten, Q::VerbalConflict, -4.4, "threatened the target"), // CAMEO 130 threaten, Goldstein -4.4
    ev("issued_ultimatum", C::Threaten, Q::VerbalConflict, -7.0, "gave the target an ultimatum"), // CAMEO 139 give ultimatum, Goldstein -7.0

    // --- PROTEST (CAMEO 14 political dissent) ---
    // `protested` is what news reports say of diplomatic and public protests
    // alike ("Japan again protested"); as it is mostly words, it is verbal
    // conflict, scored between CAMEO 114 (complain officially, -2.0) and 140
    // (political dissent, -6.5). A protest in the street is `demonstrated`.
    ev("protested", C::Protest, Q::VerbalConflict, -4.0, "protested against the target, officially or publicly (street protests: demonstrated, rallied)"),
    ev("demonstrated", C::Protest, Q::MaterialConflict, -6.5, "demonstrated against the target"), // CAMEO 141 demonstrate or rally, Goldstein -6.5
    ev("rallied", C::Protest, Q::MaterialConflict, -6.5, "held a rally against the target"), // CAMEO 141 demonstrate or rally, Goldstein -6.5
    ev("boycotted", C::Protest, Q::MaterialConflict, -6.5, "boycotted or went on strike against the target"), // CAMEO 143 conduct strike or boycott, Goldstein -6.5

    // --- MOBILIZE (CAMEO 15 exhibit force posture) ---
    ev("mobilized", C::Mobilize, Q::MaterialConflict, -7.2, "mobilized military or police forces against the target"), // CAMEO 150 demonstrate military or police power, Goldstein -7.2

    // --- SANCTION (CAMEO 16 reduce relations) ---
    ev("sanctioned", C::Sanction, Q::MaterialConflict, -8.0, "imposed sanctions or an embargo on the target"), // CAMEO 163 impose embargo, boycott or sanctions, Goldstein -8.0
    ev("froze_assets", C::Sanction, Q::MaterialConflict, -8.0, "froze the target's assets"), // CAMEO 163 impose embargo, boycott or sanctions, Goldstein -8.0
    ev("cut_aid", C::Sanction, Q::MaterialConflict, -5.6, "reduced or stopped aid to the target"), // CAMEO 162 reduce or stop aid, Goldstein -5.6
    ev("recalled_ambassador", C::Sanction, Q::MaterialConflict, -4.0, "recalled its ambassador from the target"), // CAMEO 161 reduce or break diplomatic relations, Goldstein -4.0
    ev("severed_ties", C::Sanction, Q::MaterialConflict, -4.0, "broke off relations with the target"), // CAMEO 161 reduce or break diplomatic relations, Goldstein -4.0
    ev("withdrew_from", C::Sanction, Q::MaterialConflict, -4.0, "left the target treaty, organisation, coalition or talks"), // CAMEO 160 reduce relations, Goldstein -4.0
    ev("expelled", C::Sanction, Q::MaterialConflict, -7.0, "expelled the target (diplomats, members, observers)"), // CAMEO 166 expel or withdraw, Goldstein -7.0
    ev("dismissed", C::Sanction, Q::MaterialConflict, -4.0, "dismissed the target from office"), // CAMEO 160 reduce relations, Goldstein -4.0

    // --- COERCE (CAMEO 17) ---
    ev("arrested", C::Coerce, Q::MaterialConflict, -5.0, "arrested or detained the target"), // CAMEO 173 arrest, detain or charge, Goldstein -5.0
    ev("detained", C::Coerce, Q::MaterialConflict, -5.0, "held the target in custody"), // CAMEO 173 arrest, detain or charge, Goldstein -5.0
    ev("charged", C::Coerce, Q::MaterialConflict, -5.0, "brought criminal charges against the target"), // CAMEO 173 arrest, detain or charge, Goldstein -5.0
    ev("deported", C::Coerce, Q::MaterialConflict, -5.0, "expelled or deported the target person(s)"), // CAMEO 174 expel or deport individuals, Goldstein -5.0
    ev("banned", C::Coerce, Q::MaterialConflict, -5.0, "banned the target party, politician, group or medium"), // CAMEO 172 impose administrative sanctions (1722 ban), Goldstein -5.0
    ev("seized", C::Coerce, Q::MaterialConflict, -9.2, "seized or confiscated the target's property"), // CAMEO 171 seize or damage property, Goldstein -9.2
    ev("occupied", C::Coerce, Q::MaterialConflict, -9.5, "occupied the target's territory"), // CAMEO 192 occupy territory, Goldstein -9.5

    // --- ASSAULT (CAMEO 18-20) ---
    ev("attacked", C::Assault, Q::MaterialConflict, -9.0, "physically or militarily attacked the target (verbal attacks: criticized)"), // CAMEO 180 use unconventional violence, Goldstein -9.0
    ev("killed", C::Assault, Q::MaterialConflict, -9.5, "killed the target"), // CAMEO 182 physically assault (1823 kill), Goldstein -9.5
    ev("assassinated", C::Assault, Q::MaterialConflict, -10.0, "assassinated the target"), // CAMEO 186 assassinate, Goldstein -10.0
    mutual("fought", C::Assault, Q::MaterialConflict, -10.0, "fought an armed battle with the target"), // CAMEO 190 use conventional military force, Goldstein -10.0

    // --- TIES (standing relations with a validity span; no CAMEO code, score 0) ---
    tie("member_of", false, "is a member of the target organisation or body"),
    tie("heads", false, "leads or chairs the target"),
    tie("part_of", false, "is a sub-unit or component of the target"),
    tie("spokesperson_for", false, "speaks officially for the target"),
    tie("allied_with", true, "is allied or in coalition with the target"),
    tie("represents", false, "represents the target (constituency, client, state)"),
    tie("employed_by", false, "is employed by the target"),
    tie("affiliated_with", false, "is affiliated with the target"),
    tie("advises", false, "is an adviser to the target"),
    tie("deputy_of", false, "is the deputy of the target"),
    tie("rival_of", true, "is a standing rival of the target"),
    tie("related_to", true, "is a family relative of the target"),
];

/// The built-in definitions, sorted by name, built once per process.
fn builtin_defs() -> &'static [ActionDef] {
    static DEFS: OnceLock<Vec<ActionDef>> = OnceLock::new();
    DEFS.get_or_init(|| {
        let mut v: Vec<ActionDef> = BUILTIN
            .iter()
            .map(
                |&(name, category, quad, score, symmetric, tie, description)| ActionDef {
                    name: name.to_string(),
                    category,
                    quad,
                    score,
                    symmetric,
                    tie,
                    description: description.to_string(),
                },
            )
            .collect();
        v.sort_by(|a, b| a.name.cmp(&b.name));
        v
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const REQUIRED_EVENTS: &[&str] = &[
        "stated",
        "commented",
        "reported",
        "met",
        "consulted",
        "negotiated",
        "agreed",
        "signed",
        "praised",
        "endorsed",
        "supported",
        "apologized",
        "compensated",
        "urged",
        "demanded",
        "requested",
        "appealed",
        "called_for",
        "invited",
        "promised",
        "pledged",
        "thanked",
        "visited",
        "hosted",
        "mediated",
        "cooperated",
        "aided",
        "granted",
        "released",
        "conceded",
        "withdrew",
        "proposed",
        "submitted",
        "adopted",
        "appointed",
        "dismissed",
        "elected",
        "nominated",
        "voted_yea",
        "voted_nay",
        "abstained",
        "vetoed",
        "ruled",
        "sued",
        "investigated",
        "arrested",
        "rejected",
        "refused",
        "denied",
        "protested",
        "condemned",
        "criticized",
        "accused",
        "warned",
        "threatened",
        "sanctioned",
        "expelled",
        "recalled_ambassador",
        "summoned",
        "boycotted",
        "blocked",
        "seized",
        "froze_assets",
        "mobilized",
        "rallied",
        "demonstrated",
        "attacked",
        "responded",
    ];

    const REQUIRED_TIES: &[&str] = &[
        "member_of",
        "heads",
        "part_of",
        "spokesperson_for",
        "allied_with",
        "represents",
        "employed_by",
        "affiliated_with",
    ];

    fn def(name: &str, category: Category, quad: QuadClass, score: f64) -> ActionDef {
        ActionDef {
            name: name.to_string(),
            category,
            quad,
            score,
            symmetric: false,
            tie: false,
            description: String::new(),
        }
    }

    #[test]
    fn builtin_has_enough_and_all_required() {
        let v = Vocabulary::builtin();
        assert!(Vocabulary::builtin_count() >= 60);
        assert_eq!(v.actions().count(), Vocabulary::builtin_count());
        assert_eq!(v.len(), Vocabulary::builtin_count());
        for name in REQUIRED_EVENTS {
            let d = v
                .get(name)
                .unwrap_or_else(|| panic!("missing event {name}"));
            assert!(!d.tie, "{name} must be an event");
        }
        for name in REQUIRED_TIES {
            let d = v.get(name).unwrap_or_else(|| panic!("missing tie {name}"));
            assert!(d.tie, "{name} must be a tie");
        }
    }

    #[test]
    fn builtins_validate_and_are_described() {
        for d in Vocabulary::builtin().actions() {
            assert_eq!(d.validate(), Ok(()), "{}", d.name);
            assert!(!d.description.is_empty(), "{} has no description", d.name);
            assert_ne!(d.category, Category::Other, "{} uses OTHER", d.name);
        }
    }

    #[test]
    fn names_unique_sorted_and_lookup_works() {
        let v = Vocabulary::builtin();
        let names: Vec<&str> = v.actions().map(|d| d.name.as_str()).collect();
        assert!(names.windows(2).all(|w| w[0] < w[1]), "not strictly sorted");
        let mut raw: Vec<&str> = BUILTIN.iter().map(|s| s.0).collect();
        raw.sort_unstable();
        raw.dedup();
        assert_eq!(raw.len(), BUILTIN.len(), "duplicate built-in name");
        for spec in BUILTIN {
            let info = v.lookup(spec.0);
            assert!(info.known, "{}", spec.0);
            assert_eq!(info.category, spec.1, "{}", spec.0);
            assert_eq!(info.score, spec.3, "{}", spec.0);
            assert!(v.is_known(spec.0));
        }
    }

    #[test]
    fn quad_score_category_consistency() {
        for d in Vocabulary::builtin().actions() {
            let n = &d.name;
            if d.quad.is_cooperation() {
                assert!(d.score > 0.0, "{n}: cooperation with score {}", d.score);
            } else if d.quad.is_conflict() {
                assert!(d.score < 0.0, "{n}: conflict with score {}", d.score);
            } else {
                assert_eq!(d.score, 0.0, "{n}: neutral with score {}", d.score);
            }
            if d.tie {
                assert_eq!(d.quad, QuadClass::Neutral, "{n}");
                assert_eq!(d.category, Category::Tie, "{n}");
                assert_eq!(d.score, 0.0, "{n}");
            }
            // Statements are exactly the neutral events.
            assert_eq!(
                d.category == Category::Statement,
                !d.tie && d.quad == QuadClass::Neutral,
                "{n}"
            );
            // Category-level sanity (quad follows CAMEO roots).
            match d.category {
                Category::Agree | Category::Consult | Category::Support => {
                    assert_eq!(d.quad, QuadClass::VerbalCooperation, "{n}")
                }
                Category::Cooperate | Category::Aid | Category::Concede | Category::Retreat => {
                    assert_eq!(d.quad, QuadClass::MaterialCooperation, "{n}")
                }
                Category::Accuse | Category::Reject | Category::Threaten => {
                    assert_eq!(d.quad, QuadClass::VerbalConflict, "{n}")
                }
                // `protested` is the one verbal protest (see its entry).
                Category::Protest if n == "protested" => {
                    assert_eq!(d.quad, QuadClass::VerbalConflict, "{n}")
                }
                Category::Protest
                | Category::Sanction
                | Category::Mobilize
                | Category::Coerce
                | Category::Assault => assert_eq!(d.quad, QuadClass::MaterialConflict, "{n}"),
                Category::Request => assert!(
                    matches!(
                        d.quad,
                        QuadClass::VerbalCooperation | QuadClass::VerbalConflict
                    ),
                    "{n}"
                ),
                Category::Statement | Category::Tie | Category::Other => {}
            }
        }
    }

    #[test]
    fn specific_decisions() {
        let v = Vocabulary::builtin();
        let urged = v.lookup("urged");
        let demanded = v.lookup("demanded");
        assert_eq!(urged.category, Category::Request);
        assert_eq!(demanded.category, Category::Request);
        assert_eq!(urged.quad, QuadClass::VerbalCooperation);
        assert_eq!(demanded.quad, QuadClass::VerbalConflict);
        assert_eq!(v.lookup("ruled").category, Category::Accuse);
        assert_eq!(v.lookup("submitted").category, Category::Consult);
        assert_eq!(v.lookup("stated").category, Category::Statement);
        assert_eq!(v.lookup("rallied").category, Category::Protest);
        assert_eq!(v.lookup("demonstrated").quad, QuadClass::MaterialConflict);
        assert!(v.lookup("assassinated").score <= -9.0);
        assert!(v.lookup("signed").score > v.lookup("met").score);
    }

    #[test]
    fn symmetry() {
        let v = Vocabulary::builtin();
        for name in [
            "met",
            "consulted",
            "negotiated",
            "agreed",
            "allied_with",
            "signed",
        ] {
            assert!(v.lookup(name).symmetric, "{name} should be symmetric");
        }
        for name in [
            "ruled",
            "protested",
            "urged",
            "visited",
            "heads",
            "member_of",
            "accused",
        ] {
            assert!(!v.lookup(name).symmetric, "{name} should be directional");
        }
    }

    #[test]
    fn serde_round_trip() {
        let json =
            r#"{"name":"filibustered","category":"PROTEST","quad":"verbal_conflict","score":-3.0}"#;
        let d: ActionDef = serde_json::from_str(json).unwrap();
        assert_eq!(d.name, "filibustered");
        assert_eq!(d.category, Category::Protest);
        assert_eq!(d.quad, QuadClass::VerbalConflict);
        assert_eq!(d.score, -3.0);
        assert!(!d.symmetric && !d.tie && d.description.is_empty());
        assert_eq!(d.validate(), Ok(()));
        let out = serde_json::to_string(&d).unwrap();
        let back: ActionDef = serde_json::from_str(&out).unwrap();
        assert_eq!(back, d);
        assert!(
            !out.contains("description"),
            "empty description serialized: {out}"
        );
        let value: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(value["category"], "PROTEST");
        assert_eq!(value["quad"], "verbal_conflict");

        // A full built-in entry round-trips too, including the description.
        let met = Vocabulary::builtin().get("met").unwrap().clone();
        let s = serde_json::to_string(&met).unwrap();
        assert_eq!(serde_json::from_str::<ActionDef>(&s).unwrap(), met);

        // Unknown enum values are rejected.
        let bad = r#"{"name":"x","category":"FIGHT","quad":"neutral","score":0}"#;
        assert!(serde_json::from_str::<ActionDef>(bad).is_err());
        // Enums serialize as documented.
        assert_eq!(serde_json::to_string(&Category::Tie).unwrap(), "\"TIE\"");
        assert_eq!(
            serde_json::to_string(&QuadClass::MaterialCooperation).unwrap(),
            "\"material_cooperation\""
        );
    }

    #[test]
    fn validate_rejects_bad_defs() {
        let ok = def(
            "filibustered",
            Category::Protest,
            QuadClass::VerbalConflict,
            -3.0,
        );
        assert!(ok.validate().is_ok());
        for bad_name in ["", "Filibustered", "1st", "_x", "a-b", "a b", "é"] {
            let mut d = ok.clone();
            d.name = bad_name.to_string();
            let e = d.validate().unwrap_err();
            assert!(e.starts_with("name"), "{bad_name:?}: {e}");
        }
        for bad_score in [10.5, -10.01, f64::NAN, f64::INFINITY] {
            let mut d = ok.clone();
            d.score = bad_score;
            assert!(d.validate().unwrap_err().starts_with("score"));
        }
        let mut t = def("sits_on", Category::Tie, QuadClass::Neutral, 0.0);
        t.tie = true;
        assert!(t.validate().is_ok());
        let mut t2 = t.clone();
        t2.quad = QuadClass::VerbalCooperation;
        assert!(t2.validate().unwrap_err().starts_with("quad"));
        let mut t3 = t.clone();
        t3.category = Category::Support;
        assert!(t3.validate().unwrap_err().starts_with("category"));
        let mut t4 = t.clone();
        t4.score = 1.0;
        assert!(t4.validate().unwrap_err().starts_with("score"));
        let not_tie = def("sits_on", Category::Tie, QuadClass::Neutral, 0.0);
        assert!(not_tie.validate().unwrap_err().starts_with("category"));
    }

    #[test]
    fn with_declared_adds_overrides_and_rejects() {
        let fil = def(
            "filibustered",
            Category::Protest,
            QuadClass::VerbalConflict,
            -3.0,
        );
        let over = def("met", Category::Consult, QuadClass::VerbalCooperation, 2.5);
        let v = Vocabulary::with_declared(&[fil.clone(), over]).unwrap();
        assert_eq!(v.get("filibustered"), Some(&fil));
        assert_eq!(v.lookup("met").score, 2.5);
        assert!(
            !v.lookup("met").symmetric,
            "override replaces the whole def"
        );
        assert_eq!(Vocabulary::builtin().lookup("met").score, 1.0);
        assert_eq!(v.len(), Vocabulary::builtin_count() + 1);
        let names: Vec<&str> = v.actions().map(|d| d.name.as_str()).collect();
        assert_eq!(names.len(), v.len());
        assert!(names.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(names.iter().filter(|n| **n == "met").count(), 1);
        assert_eq!(v.actions().find(|d| d.name == "met").unwrap().score, 2.5);
        assert!(names.contains(&"filibustered"));

        let e =
            Vocabulary::with_declared(&[def("Bad Name", Category::Other, QuadClass::Neutral, 0.0)])
                .unwrap_err();
        assert!(e.contains("Bad Name") && e.contains("name"), "{e}");
        let e = Vocabulary::with_declared(&[def(
            "huge",
            Category::Assault,
            QuadClass::MaterialConflict,
            -11.0,
        )])
        .unwrap_err();
        assert!(e.contains("huge") && e.contains("score"), "{e}");
        let e = Vocabulary::with_declared(&[fil.clone(), fil]).unwrap_err();
        assert!(
            e.contains("filibustered") && e.contains("more than once"),
            "{e}"
        );
    }

    #[test]
    fn unknown_lookup() {
        let v = Vocabulary::builtin();
        let info = v.lookup("teleported");
        assert_eq!(info, ActionInfo::UNKNOWN);
        assert_eq!(info.category, Category::Other);
        assert_eq!(info.quad, QuadClass::Neutral);
        assert_eq!(info.score, 0.0);
        assert!(!info.known && !info.symmetric && !info.tie);
        assert!(!v.is_known("teleported"));
        assert!(v.get("Met").is_none(), "lookup is case-sensitive");
        assert!(v.lookup("met").known);
    }

    #[test]
    fn parse_round_trips() {
        assert_eq!(Category::ALL.len(), 19);
        for &c in Category::ALL {
            assert_eq!(Category::parse(c.as_str()), Some(c));
            assert_eq!(Category::parse(&c.as_str().to_lowercase()), Some(c));
            assert_eq!(Category::parse(&c.to_string()), Some(c));
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(json, format!("\"{}\"", c.as_str()));
        }
        assert_eq!(Category::parse(" agree "), Some(Category::Agree));
        assert_eq!(Category::parse("FIGHT"), None);
        assert_eq!(Category::parse(""), None);
        assert_eq!(Category::ALL.iter().filter(|c| c.is_plover()).count(), 16);

        assert_eq!(QuadClass::ALL.len(), 5);
        for &q in QuadClass::ALL {
            assert_eq!(QuadClass::parse(q.as_str()), Some(q));
            assert_eq!(QuadClass::parse(&q.as_str().to_uppercase()), Some(q));
            assert_eq!(QuadClass::parse(&q.to_string()), Some(q));
            let json = serde_json::to_string(&q).unwrap();
            assert_eq!(json, format!("\"{}\"", q.as_str()));
            assert!(!(q.is_cooperation() && q.is_conflict()));
        }
        assert_eq!(
            QuadClass::parse("VerbalConflict"),
            Some(QuadClass::VerbalConflict)
        );
        assert_eq!(QuadClass::parse("cooperation"), None);
        assert_eq!(QuadClass::parse("_"), None);
        assert!(QuadClass::MaterialCooperation.is_cooperation());
        assert!(QuadClass::VerbalConflict.is_conflict());
        assert!(!QuadClass::Neutral.is_cooperation() && !QuadClass::Neutral.is_conflict());
    }

    #[test]
    fn action_names() {
        for ok in ["met", "called_for", "voted_yea", "g20_summit", "a", "x_"] {
            assert!(is_valid_action_name(ok), "{ok}");
        }
        for bad in ["", "Met", "9a", "_a", "a-b", "a.b", "a b", "ä"] {
            assert!(!is_valid_action_name(bad), "{bad}");
        }
    }
}
