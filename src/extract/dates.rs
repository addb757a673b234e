//! Date expressions: the dateline, absolute dates and expressions relative
//! to the anchor (the report's date). A date is never more precise than the
//! text: "in August 2019" is `2019-08`, "next week" the interval Monday to
//! Sunday, "recently" the anchor's month.

use crate::model::{Day, EdgeDate, PartialDate};

use super::text::{TokKind, Token};

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The month (1–12) a word names: full names and `Jan`, `Jan.`, `Sept`.
pub fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    if let Some(i) = MONTHS.iter().position(|m| *m == w) {
        return Some(i as u32 + 1);
    }
    if w == "sept" {
        return Some(9);
    }
    if w.len() == 3 && w != "may" {
        return MONTHS
            .iter()
            .position(|m| m.starts_with(&w))
            .map(|i| i as u32 + 1);
    }
    None
}

/// Whether a word is a weekday name (`Monday`…`Sunday`).
pub fn is_weekday(word: &str) -> bool {
    weekday_of(word).is_some()
}

fn weekday_of(word: &str) -> Option<i64> {
    let w = word.to_ascii_lowercase();
    WEEKDAYS.iter().position(|d| *d == w).map(|i| i as i64)
}

/// Day of the week, Monday = 0.
pub fn weekday(d: Day) -> i64 {
    (i64::from(d.0) + 3).rem_euclid(7)
}

/// A day-of-month number with an optional ordinal suffix: `15`, `15th`, `1st`.
pub fn day_number(word: &str) -> Option<u32> {
    let digits: &str = &word[..word.bytes().take_while(u8::is_ascii_digit).count()];
    let rest = &word[digits.len()..];
    if !(rest.is_empty() || ["st", "nd", "rd", "th"].contains(&rest.to_ascii_lowercase().as_str()))
    {
        return None;
    }
    let n: u32 = digits.parse().ok()?;
    (1..=31).contains(&n).then_some(n)
}

fn year_number(word: &str) -> Option<i32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| (1800..=2200).contains(y))
}

/// A date found in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// First token of the expression (index into the sentence's tokens).
    pub first: usize,
    /// One past its last token.
    pub last: usize,
    /// The date.
    pub date: EdgeDate,
    /// How it was read, e.g. `"next week" → Monday–Sunday after the anchor`.
    pub rule: String,
}

/// The running state of date resolution across a report.
#[derive(Clone, Debug, Default)]
pub struct DateContext {
    /// The report's date, if known.
    pub anchor: Option<Day>,
    /// The last day-precision date mentioned ("the same day").
    pub last_day: Option<Day>,
}

fn single(d: Day) -> EdgeDate {
    EdgeDate::Single(
        PartialDate::from_day(d)
            .unwrap_or_else(|| PartialDate::new(1970, None, None).expect("valid")),
    )
}

fn month_date(y: i32, m: u32) -> Option<EdgeDate> {
    PartialDate::new(y, Some(m), None).map(EdgeDate::Single)
}

fn week(monday: Day) -> Option<EdgeDate> {
    let s = PartialDate::from_day(monday)?;
    let e = PartialDate::from_day(monday.add_days(6))?;
    EdgeDate::interval(Some(s), Some(e)).ok()
}

impl DateContext {
    /// Finds the date expressions of one sentence. `words[i]` is token `i`
    /// lowercased; `future` says whether the sentence speaks of the future
    /// (it decides "on Tuesday" → the coming Tuesday rather than the last).
    pub fn find(
        &mut self,
        toks: &[Token],
        words: &[&str],
        orig: &[&str],
        future: bool,
    ) -> Vec<Found> {
        let mut out = Vec::new();
        let n = toks.len();
        let mut i = 0;
        let w = |k: usize| -> &str {
            if k < n {
                words[k]
            } else {
                ""
            }
        };
        while i < n {
            let start = i;
            let mut hit: Option<(usize, EdgeDate, String)> = None;
            let a = self.anchor;
            let word = w(i);
            // ISO date written out.
            if toks[i].kind == TokKind::Number && word.len() >= 7 && word.contains('-') {
                if let Ok(d) = EdgeDate::parse(word) {
                    hit = Some((i + 1, d, format!("{word:?} (ISO date)")));
                }
            }
            // Month name (capitalized), with optional day and year.
            if hit.is_none() && toks[i].cap {
                if let Some(m) = month(orig[i]) {
                    if let Some(d) = day_number(w(i + 1))
                        .filter(|_| toks.get(i + 1).is_some_and(|t| t.kind == TokKind::Number))
                    {
                        let mut j = i + 2;
                        let year = if w(j) == "," && year_number(w(j + 1)).is_some() {
                            j += 2;
                            year_number(w(j - 1))
                        } else if year_number(w(j)).is_some() {
                            j += 1;
                            year_number(w(j - 1))
                        } else {
                            None
                        };
                        if let Some(date) = self.month_day(year, m, d, future) {
                            hit = Some((j, date, format!("{:?}", orig[i..j].join(" "))));
                        }
                    } else if let Some(y) = year_number(w(i + 1)) {
                        if let Some(date) = month_date(y, m) {
                            hit = Some((i + 2, date, format!("{:?}", orig[i..i + 2].join(" "))));
                        }
                    } else if let Some(a) = a {
                        // A bare month is read as the nearest such month before
                        // the anchor (after it, for future events) — but only
                        // after "in", "since", "until", "early", "late".
                        if matches!(
                            w(i.wrapping_sub(1)),
                            "in" | "since"
                                | "until"
                                | "early"
                                | "late"
                                | "mid"
                                | "from"
                                | "by"
                                | "during"
                                | "last"
                                | "next"
                                | "this"
                        ) {
                            let (ay, am, _) = a.ymd();
                            let y = match w(i.wrapping_sub(1)) {
                                "next" => {
                                    if m > am {
                                        ay
                                    } else {
                                        ay + 1
                                    }
                                }
                                "last" => {
                                    if m < am {
                                        ay
                                    } else {
                                        ay - 1
                                    }
                                }
                                "this" => ay,
                                _ if future => {
                                    if m >= am {
                                        ay
                                    } else {
                                        ay + 1
                                    }
                                }
                                _ => {
                                    if m <= am {
                                        ay
                                    } else {
                                        ay - 1
                                    }
                                }
                            };
                            if let Some(date) = month_date(y, m) {
                                hit = Some((
                                    i + 1,
                                    date,
                                    format!("\"{}\" → nearest such month", orig[i]),
                                ));
                            }
                        }
                    }
                }
            }
            // "15 January 2021".
            if hit.is_none() && toks[i].kind == TokKind::Number {
                if let (Some(d), Some(m)) = (
                    day_number(word),
                    toks.get(i + 1)
                        .filter(|t| t.cap)
                        .and_then(|_| month(orig[i + 1])),
                ) {
                    let (j, year) = match year_number(w(i + 2)) {
                        Some(y) => (i + 3, Some(y)),
                        None => (i + 2, None),
                    };
                    if let Some(date) = self.month_day(year, m, d, future) {
                        hit = Some((j, date, format!("{:?}", orig[i..j].join(" "))));
                    }
                }
            }
            // A year: "in 2019", "early 2020".
            if hit.is_none() && toks[i].kind == TokKind::Number {
                if let Some(y) = year_number(word) {
                    if matches!(
                        w(i.wrapping_sub(1)),
                        "in" | "since"
                            | "until"
                            | "early"
                            | "late"
                            | "mid"
                            | "of"
                            | "during"
                            | "by"
                    ) {
                        if let Some(p) = PartialDate::new(y, None, None) {
                            hit = Some((i + 1, EdgeDate::Single(p), format!("\"{word}\" (year)")));
                        }
                    }
                }
            }
            if hit.is_none() {
                if let Some(a) = a {
                    hit = self.relative(i, &w, orig, toks, a, future);
                }
            }
            if hit.is_none()
                && matches!(word, "same" | "that")
                && w(i + 1) == "day"
                && (word == "same" || w(i.wrapping_sub(1)) == "on")
            {
                if let Some(d) = self.last_day {
                    hit = Some((
                        i + 2,
                        single(d),
                        "\"the same day\" → the last day mentioned".into(),
                    ));
                }
            }
            match hit {
                Some((end, date, rule)) => {
                    if date.precision() == crate::model::Precision::Day && !date.is_interval() {
                        self.last_day = Some(date.span().start.unwrap_or(Day::EPOCH));
                    }
                    out.push(Found {
                        first: start,
                        last: end,
                        date,
                        rule,
                    });
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }

    fn month_day(&self, year: Option<i32>, m: u32, d: u32, future: bool) -> Option<EdgeDate> {
        let y = match (year, self.anchor) {
            (Some(y), _) => y,
            (None, Some(a)) => {
                let (ay, am, ad) = a.ymd();
                let after = (m, d) > (am, ad);
                match (after, future) {
                    (true, false) if m > am + 1 => ay - 1,
                    (false, true) if (m, d) < (am, ad) && am - m > 1 => ay + 1,
                    _ => ay,
                }
            }
            (None, None) => return None,
        };
        PartialDate::new(y, Some(m), Some(d)).map(EdgeDate::Single)
    }

    #[allow(clippy::too_many_arguments)]
    fn relative<'w>(
        &self,
        i: usize,
        w: &dyn Fn(usize) -> &'w str,
        orig: &[&str],
        toks: &[Token],
        a: Day,
        future: bool,
    ) -> Option<(usize, EdgeDate, String)> {
        let word = w(i);
        let (ay, am, ad) = a.ymd();
        let monday = a.add_days(-weekday(a));
        match word {
            "today" | "tonight" => {
                return Some((i + 1, single(a), "\"today\" → the anchor".into()))
            }
            "yesterday" => {
                return Some((
                    i + 1,
                    single(a.add_days(-1)),
                    "\"yesterday\" → the day before the anchor".into(),
                ))
            }
            "tomorrow" => {
                return Some((
                    i + 1,
                    single(a.add_days(1)),
                    "\"tomorrow\" → the day after the anchor".into(),
                ))
            }
            "recently" | "lately" => {
                return Some((
                    i + 1,
                    month_date(ay, am)?,
                    "\"recently\" → the anchor's month".into(),
                ))
            }
            "previously" | "earlier" if !matches!(w(i + 1), "this" | "that" | "in" | "on") => {
                let end = PartialDate::from_day(a)?;
                return Some((
                    i + 1,
                    EdgeDate::interval(None, Some(end)).ok()?,
                    format!("\"{word}\" → before the anchor"),
                ));
            }
            _ => {}
        }
        // next/last/this week|month|year, and "next Tuesday".
        if matches!(word, "next" | "last" | "this" | "past" | "coming") {
            let shift = match word {
                "next" | "coming" => 1,
                "last" | "past" => -1,
                _ => 0,
            };
            let unit = w(i + 1);
            let phrase = format!("\"{word} {unit}\"");
            match unit {
                "week" => {
                    return Some((
                        i + 2,
                        week(monday.add_days(7 * shift))?,
                        format!("{phrase} → Monday to Sunday"),
                    ))
                }
                "month" => {
                    let (y, m) = match shift {
                        1 if am == 12 => (ay + 1, 1),
                        1 => (ay, am + 1),
                        -1 if am == 1 => (ay - 1, 12),
                        -1 => (ay, am - 1),
                        _ => (ay, am),
                    };
                    return Some((i + 2, month_date(y, m)?, format!("{phrase} → that month")));
                }
                "year" => {
                    let p = PartialDate::new(ay + shift as i32, None, None)?;
                    return Some((i + 2, EdgeDate::Single(p), format!("{phrase} → that year")));
                }
                _ => {}
            }
            if toks.get(i + 1).is_some_and(|t| t.cap) {
                if let Some(wd) = weekday_of(orig[i + 1]) {
                    let fwd = match (wd - weekday(a)).rem_euclid(7) {
                        0 => 7,
                        k => k,
                    };
                    let back = match (weekday(a) - wd).rem_euclid(7) {
                        0 => 7,
                        k => k,
                    };
                    let d = match shift {
                        1 => a.add_days(fwd),
                        -1 => a.add_days(-back),
                        _ if future => a.add_days(fwd),
                        _ => a.add_days(-back),
                    };
                    return Some((i + 2, single(d), format!("{phrase} → that weekday")));
                }
            }
        }
        // "on Monday": the last such day up to the anchor, or the next one for the future.
        if toks[i].cap {
            if let Some(wd) = weekday_of(orig[i]) {
                let back = (weekday(a) - wd).rem_euclid(7);
                let d = if future {
                    a.add_days(match (wd - weekday(a)).rem_euclid(7) {
                        0 => 7,
                        k => k,
                    })
                } else {
                    a.add_days(-back)
                };
                return Some((
                    i + 1,
                    single(d),
                    format!(
                        "\"{}\" → the {} such day",
                        orig[i],
                        if future { "next" } else { "last" }
                    ),
                ));
            }
        }
        // "the 15th": a day of the anchor's month (the month before if later).
        if toks[i].kind == TokKind::Number
            && w(i.wrapping_sub(1)) == "the"
            && word.len() > 2
            && !word.bytes().all(|b| b.is_ascii_digit())
        {
            if let Some(d) = day_number(word) {
                let (y, m) = if d > ad && !future {
                    if am == 1 {
                        (ay - 1, 12)
                    } else {
                        (ay, am - 1)
                    }
                } else {
                    (ay, am)
                };
                if let Some(p) = PartialDate::new(y, Some(m), Some(d)) {
                    return Some((
                        i + 1,
                        EdgeDate::Single(p),
                        format!("\"the {word}\" → that day of the anchor's month"),
                    ));
                }
            }
        }
        // "three days ago".
        if w(i + 1) == "days" && w(i + 2) == "ago" {
            let n = match word {
                "two" => 2,
                "three" => 3,
                "four" => 4,
                "five" => 5,
                "six" => 6,
                x => x.parse::<i64>().ok().filter(|n| (1..=60).contains(n))?,
            };
            return Some((
                i + 3,
                single(a.add_days(-n)),
                format!("\"{word} days ago\""),
            ));
        }
        None
    }
}

/// A dateline at the start of a report: `CITY, Month Day (Agency) -`,
/// `CITY, Mon. Day, Year -` or `Publisher, Month Dayth.`. Returns the byte
/// offset where the body starts, and the month, day and year (if written).
pub fn dateline(
    text: &str,
    toks: &[Token],
    words: &[&str],
) -> Option<(usize, u32, u32, Option<i32>)> {
    let limit = toks.len().min(14);
    let comma = (0..limit).find(|&k| words[k] == ",")?;
    let mut k = comma + 1;
    // Allow "BALI, Indonesia, Nov 14".
    if k + 1 < limit
        && toks[k].cap
        && month(&text[toks[k].start..toks[k].end]).is_none()
        && words[k + 1] == ","
    {
        k += 2;
    }
    let m = month(&text[toks.get(k)?.start..toks[k].end])?;
    if !toks[k].cap {
        return None;
    }
    k += 1;
    if k < toks.len() && words[k] == "." {
        k += 1;
    }
    let d = day_number(words.get(k)?)?;
    k += 1;
    let mut year = None;
    if k + 1 < toks.len() && words[k] == "," && year_number(words[k + 1]).is_some() {
        year = year_number(words[k + 1]);
        k += 2;
    } else if k < toks.len() && year_number(words[k]).is_some() {
        year = year_number(words[k]);
        k += 1;
    }
    if k < toks.len() && words[k] == "(" {
        while k < toks.len() && words[k] != ")" {
            k += 1;
        }
        k += 1;
    }
    let mut end = toks.get(k.saturating_sub(1)).map_or(text.len(), |t| t.end);
    let mut dashed = false;
    while k < toks.len() && matches!(words[k], "-" | "—" | "–" | "." | ":") {
        dashed = true;
        end = toks[k].end;
        k += 1;
    }
    if !dashed && k < toks.len() {
        return None;
    }
    Some((end, m, d, year))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::tokenize;

    fn run(s: &str, anchor: &str, future: bool) -> Vec<String> {
        let mut toks = Vec::new();
        tokenize(s, 0, s.len(), &mut toks);
        let lc = s.to_ascii_lowercase();
        let words: Vec<&str> = toks.iter().map(|t| &lc[t.start..t.end]).collect();
        let orig: Vec<&str> = toks.iter().map(|t| &s[t.start..t.end]).collect();
        let mut c = DateContext {
            anchor: Some(anchor.parse().unwrap()),
            last_day: None,
        };
        c.find(&toks, &words, &orig, future)
            .iter()
            .map(|f| f.date.to_string())
            .collect()
    }

    #[test]
    fn relative_expressions() {
        let a = "2021-01-15"; // a Friday
        assert_eq!(run("On the 15th local time", a, false), ["2021-01-15"]);
        assert_eq!(
            run("submitted next week", a, true),
            ["2021-01-18/2021-01-24"]
        );
        assert_eq!(run("last week", a, false), ["2021-01-04/2021-01-10"]);
        assert_eq!(run("In August 2019, groups", a, false), ["2019-08"]);
        assert_eq!(run("recently issued", a, false), ["2021-01"]);
        assert_eq!(run("yesterday", a, false), ["2021-01-14"]);
        assert_eq!(run("last month", a, false), ["2020-12"]);
        assert_eq!(run("on Monday", a, false), ["2021-01-11"]);
        assert_eq!(run("on Monday", a, true), ["2021-01-18"]);
        assert_eq!(run("on Friday", a, false), ["2021-01-15"]);
        assert_eq!(run("next Tuesday", "2023-03-23", true), ["2023-03-28"]);
        assert_eq!(run("in December", "2020-01-23", false), ["2019-12"]);
        assert_eq!(run("early next year", a, true), ["2022"]);
        assert_eq!(run("on the 20th", a, false), ["2020-12-20"]);
        assert_eq!(run("previously stated", a, false), ["../2021-01-15"]);
        assert_eq!(
            run("on January 12, 2021 and 3 March 2020", a, false),
            ["2021-01-12", "2020-03-03"]
        );
        assert!(run("by 176 votes to 81", a, false).is_empty());
        assert!(run("it may rain", a, false).is_empty());
    }

    #[test]
    fn datelines() {
        for (s, want) in [
            (
                "LIMA, Dec 7 (Reuters) - Peru's Congress",
                (12, 7, None, "Peru's"),
            ),
            (
                "China News Service, January 15th. According to",
                (1, 15, None, "According"),
            ),
            (
                "BALI, Indonesia, Nov 14 (Reuters) - U.S.",
                (11, 14, None, "U.S."),
            ),
            (
                "SEOUL, Jan. 15, 2021 -- The court",
                (1, 15, Some(2021), "The"),
            ),
        ] {
            let mut toks = Vec::new();
            tokenize(s, 0, s.len(), &mut toks);
            let lc = s.to_ascii_lowercase();
            let words: Vec<&str> = toks.iter().map(|t| &lc[t.start..t.end]).collect();
            let (end, m, d, y) = dateline(s, &toks, &words).unwrap();
            assert_eq!((m, d, y), (want.0, want.1, want.2), "{s}");
            assert!(s[end..].trim_start().starts_with(want.3), "{s}");
        }
        let s = "Japan protested, Korea said.";
        let mut toks = Vec::new();
        tokenize(s, 0, s.len(), &mut toks);
        let words: Vec<&str> = toks.iter().map(|t| &s[t.start..t.end]).collect();
        assert!(dateline(s, &toks, &words).is_none());
    }
}
