//! The verb-phrase dictionary: phrases mapped to actions of the vocabulary.
//!
//! Each entry is a line `verb rest… => action flags`. The verb is inflected
//! automatically (`condemn` matches condemns, condemned, condemning);
//! irregular verbs are written `base:past:participle`. In the rest of the
//! pattern `a/the/its` lists alternatives, `~` in a list makes the slot
//! optional, and `*` skips up to four words.
//!
//! Flags: `court` (only when the subject is a court), `nocourt`, `req`
//! (a request: an infinitive after the target is the requested act),
//! `nomod` (modality ignored: "said it would retaliate" is a threat made
//! now), `past` (only past forms trigger: the base form is usually a noun),
//! `fallback` (when the clause names no target, the coder may infer one
//! from the discourse), `neg` (the phrase itself negates: no edge).

use super::text::FastMap;
use std::sync::OnceLock;

/// Which form of the verb matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// `condemn`.
    Base,
    /// `condemns`.
    Third,
    /// `condemned` (past or participle).
    Past,
    /// `condemning`.
    Ing,
}

/// Only with a court as subject.
pub const COURT: u16 = 1;
/// Only with a subject that is not a court.
pub const NOCOURT: u16 = 2;
/// A request verb: its infinitive complement is the requested act.
pub const REQ: u16 = 4;
/// Modality does not make the act planned.
pub const NOMOD: u16 = 8;
/// Only past forms trigger.
pub const PAST: u16 = 16;
/// A missing target may be inferred from the discourse.
pub const FALLBACK: u16 = 32;

const DICTIONARY: &str = "
rule => ruled past court fallback
issue a/the ~ judgment/judgement/ruling/verdict/decision => ruled fallback
hand down a/the ~ ruling/judgment/verdict/sentence => ruled fallback
order => ruled court
fine => ruled court past
strike:struck:struck down => ruled court
convict => convicted
sentence => convicted past court
sue => sued
file a/the ~ lawsuit/suit/case/complaint against => sued
bring:brought:brought a/the ~ case/lawsuit/suit against => sued
take:took:taken * to court => sued
appeal to => appealed
appeal => appealed past
file a/the ~ challenge/appeal/petition with/to => appealed
petition => appealed past
reject => rejected fallback
express its/their/his/her rejection => rejected fallback
turn down => rejected
refuse => refused
hold:held:held consultations/talks => consulted
consult => consulted
confer with => consulted
meet:met:met with => met
meet:met:met => met
hold:held:held a ~ meeting/meetings/summit with => met
negotiate => negotiated
agree => agreed
reach:reached:reached a/an ~ agreement/deal/accord/consensus => agreed
strike:struck:struck a ~ deal => agreed
sign => signed
compromise => conceded
concede => conceded
condemn => condemned fallback
denounce => condemned fallback
decry => condemned fallback
criticize => criticized fallback
criticise => criticized fallback
raise objections/concerns to => criticized
slam => criticized past fallback
accuse => accused
blame => blamed
urge => urged req
call on/upon => urged req
press => urged past req
call for => called_for
demand => demanded req fallback
require => demanded req
insist => demanded
request => requested req
ask => requested req
protest => protested past fallback
lodge:lodged:lodged a/an ~ formal/strong ~ complaint/protest with/against => complained
complain => complained fallback
summon => summoned
demonstrate => demonstrated
march against => demonstrated
march => demonstrated past
take:took:taken to the streets => demonstrated
stage a/an ~ protest/protests/demonstration/demonstrations/sit-in => demonstrated
rally => rallied past fallback
hold:held:held a/an ~ rally/rallies/vigil => rallied fallback
boycott => boycotted
call a/an * strike => boycotted
stage a/an * strike => boycotted
go:went:gone on strike => boycotted
clash with => fought
fight:fought:fought => fought
arrest => arrested
detain => detained
sanction => sanctioned past
impose * sanctions => sanctioned
adopt * sanctions => sanctioned
announce * sanctions => sanctioned
slap * sanctions => sanctioned
freeze:froze:frozen * assets => froze_assets
lift * sanctions => lifted_sanctions
ease * sanctions => lifted_sanctions
expel => expelled
deport => deported
recall its/their ambassador => recalled_ambassador
sever ties/relations => severed_ties
cut:cut:cut ties/relations => severed_ties
break:broke:broken off ~ ties/relations => severed_ties
threaten => threatened
retaliate => threatened nomod fallback
vow to retaliate => threatened
warn => warned
welcome => welcomed fallback
praise => praised
hail => praised past
commend => praised
laud => praised
thank => thanked
congratulate => congratulated
support => supported past
back => supported past
endorse => endorsed
oppose => opposed
defend => defended
apologize => apologized
apologise => apologized
compensate => compensated
offer => offered
pledge => pledged
promise => promised
propose => proposed
invite => invited
visit => visited
travel:travelled:travelled to => visited
arrive in => visited
host => hosted
mediate => mediated
submit => submitted
adopt => adopted past
pass => adopted past
impeach => impeached
elect => elected
appoint => appointed
swear:swore:sworn in => appointed
nominate => nominated
veto => vetoed
block => blocked past
vote against => voted_nay
vote for => voted_yea
vote in favour/favor of => voted_yea
withdraw:withdrew:withdrawn from => withdrew_from
pull out of => withdrew_from
quit => withdrew_from past
release => released past
free => released past
pardon => pardoned
charge => charged past
investigate => investigated
launch * investigation into => investigated
ban => banned past
seize => seized
attack => attacked past
kill => killed past
recognize => recognized
recognise => recognized
grant => granted
fund => funded past
cooperate with => cooperated
state => stated past fallback
respond to => responded
reply to => responded
";

/// One dictionary entry.
#[derive(Clone, Debug)]
pub struct VerbEntry {
    /// The action it maps to.
    pub action: &'static str,
    /// The pattern as written (for the rule trace).
    pub pattern: &'static str,
    /// Words after the verb: each slot lists alternatives; `""` = optional; `"*"` = gap.
    pub rest: Vec<Vec<&'static str>>,
    /// Flag bits.
    pub flags: u16,
}

/// The parsed dictionary: inflected verb form → (entry, form).
pub struct Dictionary {
    /// Every entry.
    pub entries: Vec<VerbEntry>,
    /// Lowercase verb form → candidates.
    pub forms: FastMap<String, Vec<(usize, Form)>>,
}

const DOUBLE: &[&str] = &[
    "ban", "submit", "commit", "admit", "stop", "plan", "bar", "regret", "slam", "quit", "travel",
];

fn inflect(base: &str) -> [String; 4] {
    let b = base;
    let third = if b.ends_with('s')
        || b.ends_with("sh")
        || b.ends_with("ch")
        || b.ends_with('x')
        || b.ends_with('z')
        || b.ends_with('o')
    {
        format!("{b}es")
    } else if b.ends_with('y') && !b.ends_with("ey") && !b.ends_with("ay") && !b.ends_with("oy") {
        format!("{}ies", &b[..b.len() - 1])
    } else {
        format!("{b}s")
    };
    let (past, ing) = if b.ends_with("ee") {
        (format!("{b}d"), format!("{b}ing"))
    } else if let Some(stem) = b.strip_suffix('e') {
        (format!("{b}d"), format!("{stem}ing"))
    } else if b.ends_with('y') && !b.ends_with("ey") && !b.ends_with("ay") && !b.ends_with("oy") {
        (format!("{}ied", &b[..b.len() - 1]), format!("{b}ing"))
    } else if DOUBLE.contains(&b) {
        let last = &b[b.len() - 1..];
        (format!("{b}{last}ed"), format!("{b}{last}ing"))
    } else {
        (format!("{b}ed"), format!("{b}ing"))
    };
    [b.to_owned(), third, past, ing]
}

impl Dictionary {
    /// The built-in dictionary (parsed once).
    pub fn get() -> &'static Dictionary {
        static D: OnceLock<Dictionary> = OnceLock::new();
        D.get_or_init(Dictionary::build)
    }

    fn build() -> Dictionary {
        let mut entries = Vec::new();
        let mut forms: FastMap<String, Vec<(usize, Form)>> = FastMap::default();
        for line in DICTIONARY.lines().filter(|l| !l.trim().is_empty()) {
            let (pat, rhs) = line.split_once("=>").expect("dictionary line has =>");
            let mut rhs = rhs.split_whitespace();
            let action = rhs.next().expect("action");
            let mut flags = 0;
            for f in rhs {
                flags |= match f {
                    "court" => COURT,
                    "nocourt" => NOCOURT,
                    "req" => REQ,
                    "nomod" => NOMOD,
                    "past" => PAST,
                    "fallback" => FALLBACK,
                    other => panic!("unknown flag {other}"),
                };
            }
            let mut words = pat.split_whitespace();
            let verb = words.next().expect("verb");
            let rest: Vec<Vec<&'static str>> = words
                .map(|w| {
                    w.split('/')
                        .map(|a| if a == "~" { "" } else { a })
                        .collect()
                })
                .collect();
            let i = entries.len();
            entries.push(VerbEntry {
                action,
                pattern: pat.trim(),
                rest,
                flags,
            });
            let parts: Vec<&str> = verb.split(':').collect();
            let mut fs = inflect(parts[0]);
            if parts.len() == 3 {
                fs[2] = parts[1].to_owned();
                if let Some(v) = forms.get_mut(parts[2]) {
                    v.push((i, Form::Past));
                } else if parts[2] != parts[1] {
                    forms
                        .entry(parts[2].to_owned())
                        .or_default()
                        .push((i, Form::Past));
                }
            }
            for (f, form) in fs
                .into_iter()
                .zip([Form::Base, Form::Third, Form::Past, Form::Ing])
            {
                let v = forms.entry(f).or_default();
                if !v.iter().any(|x| x.0 == i) {
                    v.push((i, form));
                }
            }
        }
        Dictionary { entries, forms }
    }

    /// Matches the rest of entry `e` from word `i`; returns one past the last
    /// matched word, preferring the longest match.
    pub fn match_rest(&self, e: usize, words: &[&str], i: usize, stop: usize) -> Option<usize> {
        fn go(slots: &[Vec<&str>], words: &[&str], i: usize, stop: usize) -> Option<usize> {
            let Some((slot, more)) = slots.split_first() else {
                return Some(i);
            };
            if slot.len() == 1 && slot[0] == "*" {
                for gap in 0..=4 {
                    if i + gap > stop {
                        break;
                    }
                    if gap > 0 && matches!(words[i + gap - 1], "." | ";" | ",") {
                        break;
                    }
                    if let Some(end) = go(more, words, i + gap, stop) {
                        return Some(end);
                    }
                }
                return None;
            }
            let mut best = None;
            if i < stop && slot.contains(&words[i]) {
                best = go(more, words, i + 1, stop);
            }
            if best.is_none() && slot.contains(&"") {
                best = go(more, words, i, stop);
            }
            best
        }
        go(&self.entries[e].rest, words, i, stop)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections() {
        assert_eq!(
            inflect("condemn"),
            ["condemn", "condemns", "condemned", "condemning"]
        );
        assert_eq!(
            inflect("praise"),
            ["praise", "praises", "praised", "praising"]
        );
        assert_eq!(
            inflect("rally"),
            ["rally", "rallies", "rallied", "rallying"]
        );
        assert_eq!(
            inflect("submit"),
            ["submit", "submits", "submitted", "submitting"]
        );
        assert_eq!(inflect("veto"), ["veto", "vetoes", "vetoed", "vetoing"]);
        assert_eq!(inflect("free"), ["free", "frees", "freed", "freeing"]);
    }

    #[test]
    fn every_action_is_in_the_vocabulary() {
        let v = crate::model::Vocabulary::builtin();
        for e in &Dictionary::get().entries {
            assert!(v.is_known(e.action), "{}", e.action);
        }
    }

    #[test]
    fn phrases_match_longest() {
        let d = Dictionary::get();
        let words = ["issued", "a", "judgment", "ordering"];
        let (e, form) = d.forms["issued"][0];
        assert_eq!(form, Form::Past);
        assert_eq!(d.match_rest(e, &words, 1, words.len()), Some(3));
        let words = [
            "adopted",
            "a",
            "tenth",
            "package",
            "of",
            "sanctions",
            "against",
        ];
        let hits: Vec<_> = d.forms["adopted"]
            .iter()
            .filter_map(|&(e, _)| {
                d.match_rest(e, &words, 1, words.len())
                    .map(|end| (d.entries[e].action, end))
            })
            .collect();
        assert!(hits.contains(&("sanctioned", 6)), "{hits:?}");
    }
}
