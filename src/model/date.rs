//! Partial dates and date intervals carried by graph edges.
//!
//! Edges may carry an optional date in a strict subset of ISO 8601 / EDTF
//! level 0:
//!
//! * a single partial date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, with a year of
//!   exactly four ASCII digits (`0000`..=`9999`), a month `01`..=`12` and a day
//!   that exists in that month of the proleptic Gregorian calendar;
//! * an interval `A/B` of two partial dates, possibly of different
//!   precisions (`2021-01-18/2021-01-22`, `2020-07/2021`), or with one open
//!   end written `..` (`2021/..`, `../2021-06`). `../..`, empty ends (`2021/`),
//!   signs, whitespace, times and any other EDTF extension are rejected.
//!   The start's first day must not be after the end's last day.
//!
//! Every value maps to a [`Span`] of calendar [`Day`]s, which is what the
//! time-aware queries ([`Window`], overlaps, gaps) work with.
//!
//! Parsing works on bytes, never allocates on success, never panics, and the
//! canonical text of a value ([`std::fmt::Display`]) is exactly the text it
//! was parsed from.

use std::cmp::Ordering;
use std::fmt;
use std::ops::Sub;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The longest piece of offending input quoted verbatim in a [`DateError`];
/// longer input is cut (at a character boundary) and marked with `…`.
const MAX_QUOTED_BYTES: usize = 64;

/// Days from 0000-03-01 to 1970-01-01 (Howard Hinnant's epoch shift).
const EPOCH_SHIFT: i64 = 719_468;

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/// Why a date, an interval or a `--from`/`--to` window was rejected.
///
/// Every message quotes the offending text (cut to 64 bytes, at a character
/// boundary, if it is longer).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// The text is not shaped like `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[error("invalid date {input:?}: expected YYYY, YYYY-MM or YYYY-MM-DD")]
    Syntax {
        /// The offending text.
        input: String,
    },
    /// The text contains `/` but is not shaped like `A/B`, `A/..` or `../B`.
    #[error(
        "invalid date {input:?}: expected an interval A/B, A/.. or ../B \
         where A and B are YYYY, YYYY-MM or YYYY-MM-DD"
    )]
    IntervalSyntax {
        /// The offending text.
        input: String,
    },
    /// The month is not in `01..=12`.
    #[error("invalid date {input:?}: month {month:02} is out of range (01..12)")]
    MonthOutOfRange {
        /// The offending text.
        input: String,
        /// The month as written.
        month: u32,
    },
    /// The day does not exist in its month (`2021-02-29`, `2021-04-31`, `2021-01-00`).
    #[error(
        "invalid date {input:?}: day {day:02} is out of range for {} {year:04}",
        month_name(*.month)
    )]
    DayOutOfRange {
        /// The offending text.
        input: String,
        /// The year as written.
        year: i32,
        /// The month as written (always valid here).
        month: u32,
        /// The day as written.
        day: u32,
    },
    /// Both ends of an interval are open (`../..`).
    #[error("invalid date {input:?}: an interval needs at least one known end")]
    UnboundedInterval {
        /// The offending text.
        input: String,
    },
    /// The interval's start begins after its end ends (`2021-02/2021-01`).
    #[error("invalid date {input:?}: interval start is after its end")]
    IntervalReversed {
        /// The offending text.
        input: String,
    },
    /// A `--from`/`--to` window whose start is after its end.
    #[error("invalid window: --from {from:?} is after --to {to:?}")]
    WindowReversed {
        /// The `--from` text.
        from: String,
        /// The `--to` text.
        to: String,
    },
}

fn month_name(month: u32) -> &'static str {
    month
        .checked_sub(1)
        .and_then(|i| MONTH_NAMES.get(i as usize))
        .copied()
        .unwrap_or("?")
}

/// Copies `s` for an error message, cutting it at a char boundary if it is long.
fn quoted(s: &str) -> String {
    if s.len() <= MAX_QUOTED_BYTES {
        return s.to_owned();
    }
    let mut end = MAX_QUOTED_BYTES;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

/// An allocation-free parse failure; turned into a [`DateError`] with the
/// whole input quoted.
#[derive(Debug, Clone, Copy)]
enum Fault {
    Syntax,
    IntervalSyntax,
    Month(u8),
    Day { year: i16, month: u8, day: u8 },
    Unbounded,
    Reversed,
}

impl Fault {
    #[cold]
    fn into_error(self, input: &str) -> DateError {
        let input = quoted(input);
        match self {
            Fault::Syntax => DateError::Syntax { input },
            Fault::IntervalSyntax => DateError::IntervalSyntax { input },
            Fault::Month(month) => DateError::MonthOutOfRange {
                input,
                month: month.into(),
            },
            Fault::Day { year, month, day } => DateError::DayOutOfRange {
                input,
                year: year.into(),
                month: month.into(),
                day: day.into(),
            },
            Fault::Unbounded => DateError::UnboundedInterval { input },
            Fault::Reversed => DateError::IntervalReversed { input },
        }
    }
}

// ---------------------------------------------------------------------------
// Calendar arithmetic (Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms")
// ---------------------------------------------------------------------------

/// Whether `year` is a leap year of the proleptic Gregorian calendar.
pub fn is_leap_year(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// The number of days in `month` (1..=12) of `year`; 0 for an invalid month.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a valid civil date (exact for any `i32` year).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let (m, d) = (i64::from(month), i64::from(day));
    let y = if m <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400); // [0, 399]
    let mp = (m + 9) % 12; // March = 0
    let doy = (153 * mp + 2) / 5 + d - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe - EPOCH_SHIFT
}

/// The civil date of a day count since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + EPOCH_SHIFT;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let d = doy - (153 * mp + 2) / 5 + 1; // [1, 31]
    let m = if mp < 10 { mp + 3 } else { mp - 9 }; // [1, 12]
    let y = yoe + era * 400 + i64::from(m <= 2);
    // `m` and `d` are small positive numbers by construction.
    (y, m as u32, d as u32)
}

// ---------------------------------------------------------------------------
// Day
// ---------------------------------------------------------------------------

/// A calendar day: the number of days since 1970-01-01 in the proleptic
/// Gregorian calendar (negative before 1970).
///
/// Displays (and serializes) as `YYYY-MM-DD`; years outside `0000..=9999`
/// display with a sign or more digits (`-0001-12-31`, `10000-01-01`) and do
/// not parse back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub i32);

impl Day {
    /// 1970-01-01.
    pub const EPOCH: Day = Day(0);
    /// 0000-01-01, the first day a [`PartialDate`] can denote.
    pub const MIN_PARTIAL: Day = Day(-719_528);
    /// 9999-12-31, the last day a [`PartialDate`] can denote.
    pub const MAX_PARTIAL: Day = Day(2_932_896);

    /// The day `year-month-day`, or `None` if the month or day does not exist
    /// or the day count does not fit in an `i32` (years beyond about ±5.8 million).
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Day> {
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        i32::try_from(days_from_civil(year.into(), month, day))
            .ok()
            .map(Day)
    }

    /// The `(year, month, day)` of this day; month is 1..=12, day 1..=31.
    pub fn ymd(self) -> (i32, u32, u32) {
        let (y, m, d) = civil_from_days(self.0.into());
        // Every i32 day count lies within about ±5.9 million years.
        (y as i32, m, d)
    }

    /// This day moved by `n` days (negative moves back), saturating at the
    /// ends of the `i32` range.
    pub fn add_days(self, n: i64) -> Day {
        let moved = i64::from(self.0).saturating_add(n);
        Day(moved.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32)
    }

    /// The number of days from `self` to `later` (negative if `later` is earlier).
    pub fn days_until(self, later: Day) -> i64 {
        i64::from(later.0) - i64::from(self.0)
    }
}

/// The number of days from `a` to `b` (`b - a`; negative if `b` is before `a`).
/// Consecutive days are 1 apart; the gap *between* two spans is
/// `days_between(first.end, second.start) - 1` free days.
pub fn days_between(a: Day, b: Day) -> i64 {
    a.days_until(b)
}

impl Sub for Day {
    type Output = i64;

    /// `self - rhs` in days.
    fn sub(self, rhs: Day) -> i64 {
        rhs.days_until(self)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        if y < 0 {
            write!(f, "-{:04}-{m:02}-{d:02}", y.unsigned_abs())
        } else {
            write!(f, "{y:04}-{m:02}-{d:02}")
        }
    }
}

impl FromStr for Day {
    type Err = DateError;

    /// Parses exactly `YYYY-MM-DD` (year `0000..=9999`).
    fn from_str(s: &str) -> Result<Day, DateError> {
        let date = PartialDate::parse(s)?;
        if date.precision() == Precision::Day {
            Ok(date.first_day())
        } else {
            Err(DateError::Syntax { input: quoted(s) })
        }
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Day, D::Error> {
        deserializer.deserialize_str(FromStrVisitor::<Day>::new("a date YYYY-MM-DD"))
    }
}

// ---------------------------------------------------------------------------
// Precision
// ---------------------------------------------------------------------------

/// How much of a date is known. Ordered from coarse to fine:
/// `Year < Month < Day`. Displays (and serializes) in lowercase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// Only the year is known (`2021`).
    Year,
    /// Year and month are known (`2021-01`).
    Month,
    /// The exact day is known (`2021-01-15`).
    Day,
}

impl fmt::Display for Precision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
        })
    }
}

// ---------------------------------------------------------------------------
// PartialDate
// ---------------------------------------------------------------------------

/// The month of a [`PartialDate`], or its absence. An enum (rather than a
/// `u8`) so that `Option<PartialDate>` and [`EdgeDate`] need no extra tag bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
enum MonthField {
    Absent = 0,
    M01,
    M02,
    M03,
    M04,
    M05,
    M06,
    M07,
    M08,
    M09,
    M10,
    M11,
    M12,
}

const MONTH_FIELDS: [MonthField; 13] = [
    MonthField::Absent,
    MonthField::M01,
    MonthField::M02,
    MonthField::M03,
    MonthField::M04,
    MonthField::M05,
    MonthField::M06,
    MonthField::M07,
    MonthField::M08,
    MonthField::M09,
    MonthField::M10,
    MonthField::M11,
    MonthField::M12,
];

/// A date known to the year, the month or the day: `YYYY`, `YYYY-MM` or
/// `YYYY-MM-DD`, year `0000..=9999`. Always valid; 4 bytes; `Copy`.
///
/// Ordered like the single [`EdgeDate`] holding it: by first day, then
/// coarser precision first (`2021` < `2021-01` < `2021-01-01` < `2021-01-02`).
/// Displays (and serializes) as its canonical text, exactly as parsed.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    year: i16,
    month: MonthField,
    /// 0 when absent (always absent when the month is).
    day: u8,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (strictly: ASCII digits,
    /// four-digit year, two-digit month and day, nothing else).
    ///
    /// # Errors
    /// [`DateError::Syntax`], [`DateError::MonthOutOfRange`] or
    /// [`DateError::DayOutOfRange`], quoting `s`.
    pub fn parse(s: &str) -> Result<PartialDate, DateError> {
        parse_partial(s.as_bytes()).map_err(|fault| fault.into_error(s))
    }

    /// A partial date from its parts, or `None` if the year is outside
    /// `0..=9999`, the month or day does not exist, or a day is given
    /// without a month.
    pub fn new(year: i32, month: Option<u32>, day: Option<u32>) -> Option<PartialDate> {
        let year = i16::try_from(year)
            .ok()
            .filter(|y| (0..=9999).contains(y))?;
        match (month, day) {
            (None, None) => Some(PartialDate {
                year,
                month: MonthField::Absent,
                day: 0,
            }),
            (None, Some(_)) => None,
            (Some(m), day) => {
                if !(1..=12).contains(&m) {
                    return None;
                }
                let day = match day {
                    None => 0,
                    Some(d) if d >= 1 && d <= days_in_month(year.into(), m) => d as u8,
                    Some(_) => return None,
                };
                Some(PartialDate {
                    year,
                    month: MONTH_FIELDS[m as usize],
                    day,
                })
            }
        }
    }

    /// The day-precision partial date of `day`, or `None` if its year is
    /// outside `0000..=9999`.
    pub fn from_day(day: Day) -> Option<PartialDate> {
        let (y, m, d) = day.ymd();
        PartialDate::new(y, Some(m), Some(d))
    }

    /// How much of the date is known.
    pub fn precision(&self) -> Precision {
        if self.month == MonthField::Absent {
            Precision::Year
        } else if self.day == 0 {
            Precision::Month
        } else {
            Precision::Day
        }
    }

    /// The year, `0..=9999`.
    pub fn year(&self) -> i32 {
        self.year.into()
    }

    /// The month, `1..=12`, if known.
    pub fn month(&self) -> Option<u32> {
        match self.month {
            MonthField::Absent => None,
            m => Some(m as u32),
        }
    }

    /// The day of the month, if known.
    pub fn day(&self) -> Option<u32> {
        (self.day != 0).then_some(u32::from(self.day))
    }

    /// The first day the date may denote (`2021-01` → 2021-01-01).
    pub fn first_day(&self) -> Day {
        let (y, m, d) = self.first_ymd();
        Day(days_from_civil(y.into(), m, d) as i32)
    }

    /// The last day the date may denote (`2021-01` → 2021-01-31,
    /// `2020-02` → 2020-02-29, `2021` → 2021-12-31).
    pub fn last_day(&self) -> Day {
        let y = self.year();
        let m = self.month().unwrap_or(12);
        let d = self.day().unwrap_or_else(|| days_in_month(y, m));
        Day(days_from_civil(y.into(), m, d) as i32)
    }

    /// The days the date may denote.
    pub fn span(&self) -> Span {
        Span {
            start: Some(self.first_day()),
            end: Some(self.last_day()),
        }
    }

    fn first_ymd(&self) -> (i32, u32, u32) {
        (
            self.year(),
            self.month().unwrap_or(1),
            self.day().unwrap_or(1),
        )
    }
}

/// Two ASCII digits as a number.
#[inline]
fn two_digits(hi: u8, lo: u8) -> Option<u8> {
    let (h, l) = (hi.wrapping_sub(b'0'), lo.wrapping_sub(b'0'));
    (h < 10 && l < 10).then(|| h * 10 + l)
}

#[inline]
fn parse_partial(b: &[u8]) -> Result<PartialDate, Fault> {
    let (y, m, d) = match *b {
        [y0, y1, y2, y3] => (two_digits(y0, y1).zip(two_digits(y2, y3)), None, None),
        [y0, y1, y2, y3, b'-', m0, m1] => (
            two_digits(y0, y1).zip(two_digits(y2, y3)),
            Some(two_digits(m0, m1)),
            None,
        ),
        [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] => (
            two_digits(y0, y1).zip(two_digits(y2, y3)),
            Some(two_digits(m0, m1)),
            Some(two_digits(d0, d1)),
        ),
        _ => return Err(Fault::Syntax),
    };
    let year = match y {
        Some((hi, lo)) => i16::from(hi) * 100 + i16::from(lo),
        None => return Err(Fault::Syntax),
    };
    let month = match m {
        None => {
            return Ok(PartialDate {
                year,
                month: MonthField::Absent,
                day: 0,
            })
        }
        Some(None) => return Err(Fault::Syntax),
        Some(Some(m)) => m,
    };
    let day = match d {
        None => 0,
        Some(None) => return Err(Fault::Syntax),
        Some(Some(day)) => day,
    };
    if !(1..=12).contains(&month) {
        // Syntax errors in the day take precedence over a bad month.
        return Err(Fault::Month(month));
    }
    if d.is_some() && (day == 0 || u32::from(day) > days_in_month(year.into(), month.into())) {
        return Err(Fault::Day { year, month, day });
    }
    Ok(PartialDate {
        year,
        month: MONTH_FIELDS[usize::from(month)],
        day,
    })
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month() {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day() {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PartialDate({self})")
    }
}

impl Ord for PartialDate {
    /// By first day, then coarser precision first. The first day and the
    /// precision together determine the date, so this is consistent with `Eq`.
    fn cmp(&self, other: &Self) -> Ordering {
        // Comparing first (y, m, d) triples is comparing first days.
        self.first_ymd()
            .cmp(&other.first_ymd())
            .then_with(|| self.precision().cmp(&other.precision()))
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(s: &str) -> Result<PartialDate, DateError> {
        PartialDate::parse(s)
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<PartialDate, D::Error> {
        deserializer.deserialize_str(FromStrVisitor::<PartialDate>::new(
            "a date YYYY, YYYY-MM or YYYY-MM-DD",
        ))
    }
}

// ---------------------------------------------------------------------------
// EdgeDate
// ---------------------------------------------------------------------------

/// The date of an edge: a single partial date or an interval. 8 bytes; `Copy`.
///
/// A parsed interval always has at least one known end and its start's first
/// day is not after its end's last day; values built by hand can break that
/// ([`EdgeDate::validate`] checks).
///
/// # Order
/// Total and consistent with `Eq`, by, in turn:
/// 1. span start, an open start (`../B`) first;
/// 2. precision ([`EdgeDate::precision`]), coarser first, so `2021` <
///    `2021-01` < `2021-01-01` < `2021-01-02`;
/// 3. span end, an open end (`A/..`) last;
/// 4. single dates before intervals (`2021` < `2021/2021`);
/// 5. the precision of the start, then of the end (an open end counts as
///    coarser than any), which tells apart e.g. `2021-01/2021-03` and
///    `2021-01-01/2021-03`.
///
/// Displays (and serializes) as its canonical text, which for parsed values
/// is exactly the parsed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EdgeDate {
    /// One partial date, e.g. `2021-01-06`.
    Single(PartialDate),
    /// `A/B`, `A/..` or `../B`.
    Interval {
        /// The start; `None` for an open start `..`.
        start: Option<PartialDate>,
        /// The end; `None` for an open end `..`.
        end: Option<PartialDate>,
    },
}

/// Parses one end of an interval: `..` (open) or a partial date.
#[inline]
fn parse_end(b: &[u8]) -> Result<Option<PartialDate>, Fault> {
    match b {
        b".." => Ok(None),
        _ => parse_partial(b).map(Some).map_err(|fault| match fault {
            Fault::Syntax => Fault::IntervalSyntax,
            other => other,
        }),
    }
}

fn parse_edge(b: &[u8]) -> Result<EdgeDate, Fault> {
    let Some(slash) = b.iter().position(|&c| c == b'/') else {
        return parse_partial(b).map(EdgeDate::Single);
    };
    let (left, right) = (&b[..slash], &b[slash + 1..]);
    let start = parse_end(left)?;
    let end = parse_end(right)?;
    match (start, end) {
        (None, None) => Err(Fault::Unbounded),
        (Some(s), Some(e)) if s.first_day() > e.last_day() => Err(Fault::Reversed),
        _ => Ok(EdgeDate::Interval { start, end }),
    }
}

impl EdgeDate {
    /// Parses a single partial date or an interval (see the module docs).
    ///
    /// # Errors
    /// A [`DateError`] quoting `s`: [`DateError::Syntax`] /
    /// [`DateError::IntervalSyntax`] for malformed text,
    /// [`DateError::MonthOutOfRange`], [`DateError::DayOutOfRange`],
    /// [`DateError::UnboundedInterval`] for `../..` and
    /// [`DateError::IntervalReversed`] when the start begins after the end ends.
    pub fn parse(s: &str) -> Result<EdgeDate, DateError> {
        parse_edge(s.as_bytes()).map_err(|fault| fault.into_error(s))
    }

    /// A checked interval: at least one end known, start not after end.
    ///
    /// # Errors
    /// [`DateError::UnboundedInterval`] or [`DateError::IntervalReversed`],
    /// quoting the interval's text.
    pub fn interval(
        start: Option<PartialDate>,
        end: Option<PartialDate>,
    ) -> Result<EdgeDate, DateError> {
        let date = EdgeDate::Interval { start, end };
        date.validate().map(|()| date)
    }

    /// Checks what parsing guarantees: an interval has a known end and does
    /// not start after it ends. Single dates are always valid.
    ///
    /// # Errors
    /// [`DateError::UnboundedInterval`] or [`DateError::IntervalReversed`],
    /// quoting the value's text.
    pub fn validate(&self) -> Result<(), DateError> {
        match *self {
            EdgeDate::Single(_) => Ok(()),
            EdgeDate::Interval {
                start: None,
                end: None,
            } => Err(Fault::Unbounded.into_error(&self.to_string())),
            EdgeDate::Interval {
                start: Some(s),
                end: Some(e),
            } if s.first_day() > e.last_day() => Err(Fault::Reversed.into_error(&self.to_string())),
            EdgeDate::Interval { .. } => Ok(()),
        }
    }

    /// How precisely the date is known. A single date: its own precision.
    /// An interval: the coarser precision of its known ends (an open end
    /// does not count), so `2020-07/2021` is [`Precision::Year`] and
    /// `2021-01-18/..` is [`Precision::Day`]. A hand-built `../..` reports
    /// [`Precision::Year`].
    pub fn precision(&self) -> Precision {
        match *self {
            EdgeDate::Single(d) => d.precision(),
            EdgeDate::Interval { start, end } => {
                match (start.map(|s| s.precision()), end.map(|e| e.precision())) {
                    (Some(a), Some(b)) => a.min(b),
                    (Some(p), None) | (None, Some(p)) => p,
                    (None, None) => Precision::Year,
                }
            }
        }
    }

    /// The days the date may cover: a single date's first to last day, an
    /// interval's start's first day to its end's last day, unbounded on an
    /// open side.
    pub fn span(&self) -> Span {
        match *self {
            EdgeDate::Single(d) => d.span(),
            EdgeDate::Interval { start, end } => Span {
                start: start.map(|s| s.first_day()),
                end: end.map(|e| e.last_day()),
            },
        }
    }

    /// Whether this is an interval (`A/B`, `A/..`, `../B`).
    pub fn is_interval(&self) -> bool {
        matches!(self, EdgeDate::Interval { .. })
    }

    /// The start: the date itself for a single date, `None` for an open start.
    pub fn start(&self) -> Option<PartialDate> {
        match *self {
            EdgeDate::Single(d) => Some(d),
            EdgeDate::Interval { start, .. } => start,
        }
    }

    /// The end: the date itself for a single date, `None` for an open end.
    pub fn end(&self) -> Option<PartialDate> {
        match *self {
            EdgeDate::Single(d) => Some(d),
            EdgeDate::Interval { end, .. } => end,
        }
    }

    /// The sort key described on [`EdgeDate`]; `None` is an open side.
    fn sort_key(&self) -> impl Ord {
        let span = self.span();
        let end = match span.end {
            Some(day) => i64::from(day.0),
            None => i64::MAX, // open end sorts last
        };
        let (start_precision, end_precision) = match *self {
            EdgeDate::Single(d) => (Some(d.precision()), Some(d.precision())),
            EdgeDate::Interval { start, end } => {
                (start.map(|s| s.precision()), end.map(|e| e.precision()))
            }
        };
        (
            span.start, // None (open start) sorts first
            self.precision(),
            end,
            self.is_interval(),
            start_precision,
            end_precision,
        )
    }
}

impl From<PartialDate> for EdgeDate {
    fn from(date: PartialDate) -> EdgeDate {
        EdgeDate::Single(date)
    }
}

impl Ord for EdgeDate {
    /// See the order described on [`EdgeDate`].
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl PartialOrd for EdgeDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for EdgeDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn end(f: &mut fmt::Formatter<'_>, date: Option<PartialDate>) -> fmt::Result {
            match date {
                Some(d) => fmt::Display::fmt(&d, f),
                None => f.write_str(".."),
            }
        }
        match *self {
            EdgeDate::Single(d) => fmt::Display::fmt(&d, f),
            EdgeDate::Interval { start, end: stop } => {
                end(f, start)?;
                f.write_str("/")?;
                end(f, stop)
            }
        }
    }
}

impl FromStr for EdgeDate {
    type Err = DateError;

    fn from_str(s: &str) -> Result<EdgeDate, DateError> {
        EdgeDate::parse(s)
    }
}

impl Serialize for EdgeDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for EdgeDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<EdgeDate, D::Error> {
        deserializer.deserialize_str(FromStrVisitor::<EdgeDate>::new(
            "a date YYYY, YYYY-MM or YYYY-MM-DD, or an interval A/B, A/.. or ../B",
        ))
    }
}

/// Deserializes any `FromStr<Err = DateError>` type from a string without
/// allocating, reporting the [`DateError`] message.
struct FromStrVisitor<T> {
    expecting: &'static str,
    target: std::marker::PhantomData<T>,
}

impl<T> FromStrVisitor<T> {
    fn new(expecting: &'static str) -> Self {
        FromStrVisitor {
            expecting,
            target: std::marker::PhantomData,
        }
    }
}

impl<T: FromStr<Err = DateError>> serde::de::Visitor<'_> for FromStrVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
        v.parse().map_err(E::custom)
    }
}

// ---------------------------------------------------------------------------
// Span
// ---------------------------------------------------------------------------

/// An inclusive range of days; `None` is unbounded on that side. A span whose
/// start is after its end is empty (parsing never produces one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    /// The first day, or `None` if unbounded in the past.
    pub start: Option<Day>,
    /// The last day (inclusive), or `None` if unbounded in the future.
    pub end: Option<Day>,
}

impl Span {
    /// The span unbounded on both sides.
    pub const ALL: Span = Span {
        start: None,
        end: None,
    };

    /// Whether the span covers no day (start after end).
    pub fn is_empty(&self) -> bool {
        matches!((self.start, self.end), (Some(s), Some(e)) if s > e)
    }

    /// Whether the two spans share at least one day. Symmetric; an unbounded
    /// side reaches everything on that side; an empty span overlaps nothing.
    pub fn overlaps(&self, other: &Span) -> bool {
        fn not_after(start: Option<Day>, end: Option<Day>) -> bool {
            match (start, end) {
                (Some(s), Some(e)) => s <= e,
                _ => true,
            }
        }
        !self.is_empty()
            && !other.is_empty()
            && not_after(self.start, other.end)
            && not_after(other.start, self.end)
    }

    /// Whether `day` lies within the span.
    pub fn contains_day(&self, day: Day) -> bool {
        self.start.is_none_or(|s| s <= day) && self.end.is_none_or(|e| day <= e)
    }

    /// The number of days covered (`2021-01` → 31), 0 if empty, `None` if
    /// unbounded.
    pub fn len_days(&self) -> Option<i64> {
        let (s, e) = (self.start?, self.end?);
        Some((days_between(s, e) + 1).max(0))
    }
}

// ---------------------------------------------------------------------------
// Window
// ---------------------------------------------------------------------------

/// The `--from`/`--to` time window of a query; `None` is unbounded on that
/// side. The default window is unbounded on both sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Window {
    /// The first day kept, or `None` for no lower limit.
    pub from: Option<Day>,
    /// The last day kept (inclusive), or `None` for no upper limit.
    pub to: Option<Day>,
}

impl Window {
    /// Parses `--from`/`--to` command-line values, each a partial date: `from`
    /// takes the FIRST day of its span, `to` the LAST day (so `--to 2021`
    /// means through 2021-12-31). Either may be `None`.
    ///
    /// # Errors
    /// The [`DateError`] of a value that is not a partial date, or
    /// [`DateError::WindowReversed`] if `from`'s first day is after `to`'s
    /// last day (`--from 2021-03 --to 2021-03` is fine: all of March).
    pub fn parse(from: Option<&str>, to: Option<&str>) -> Result<Window, DateError> {
        let start = from.map(PartialDate::parse).transpose()?;
        let end = to.map(PartialDate::parse).transpose()?;
        let window = Window {
            from: start.map(|d| d.first_day()),
            to: end.map(|d| d.last_day()),
        };
        match (from, to) {
            (Some(f), Some(t)) if window.span().is_empty() => Err(DateError::WindowReversed {
                from: quoted(f),
                to: quoted(t),
            }),
            _ => Ok(window),
        }
    }

    /// Whether neither `--from` nor `--to` limits the window.
    pub fn is_unbounded(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    /// Whether an edge with this (optional) date is kept: a dated edge is
    /// kept when its span overlaps the window; an undated edge only when the
    /// window is unbounded on both sides.
    pub fn keeps(&self, date: Option<&EdgeDate>) -> bool {
        match date {
            Some(date) => date.span().overlaps(&self.span()),
            None => self.is_unbounded(),
        }
    }

    /// The window as a span of days.
    pub fn span(&self) -> Span {
        Span {
            start: self.from,
            end: self.to,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::de::value::{Error as DeError, StrDeserializer};
    use serde::de::IntoDeserializer;

    fn p(s: &str) -> PartialDate {
        PartialDate::parse(s).unwrap_or_else(|e| panic!("{s:?} should parse: {e}"))
    }

    fn e(s: &str) -> EdgeDate {
        EdgeDate::parse(s).unwrap_or_else(|e| panic!("{s:?} should parse: {e}"))
    }

    fn day(s: &str) -> Day {
        s.parse()
            .unwrap_or_else(|e| panic!("{s:?} should parse as a day: {e}"))
    }

    fn err(s: &str) -> String {
        match EdgeDate::parse(s) {
            Ok(d) => panic!("{s:?} should be rejected, parsed as {d:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn accepts_and_round_trips() {
        let ok = [
            "2021",
            "2021-01",
            "2021-01-15",
            "0000",
            "0000-01-01",
            "9999-12-31",
            "2020-02-29",
            "2000-02-29",
            "2024-02-29",
            "2021-02-28",
            "2021-04-30",
            "2021-12-31",
            "2021-01-18/2021-01-22",
            "2020-07/2021",
            "2021/2021",
            "2021-01/2021-01-15",
            "2021-01-15/2021-01",
            "2021-01-15/2021-01-15",
            "2021/..",
            "../2021",
            "2021-01-06/..",
            "../2020-02-29",
        ];
        for s in ok {
            let date = e(s);
            assert_eq!(date.to_string(), s, "round trip of {s:?}");
            assert_eq!(date.is_interval(), s.contains('/'), "{s:?}");
        }
        assert_eq!(p("0000").year(), 0);
        assert_eq!(p("2021-07").month(), Some(7));
        assert_eq!(p("2021-07").day(), None);
        assert_eq!(p("2021").month(), None);
        assert_eq!(p("2021-07-04").day(), Some(4));
    }

    #[test]
    fn rejects() {
        let bad = [
            "",
            "/",
            "//",
            "2021/",
            "/2021",
            "2021//2022",
            "2021/2022/2023",
            "../..",
            "..",
            "../",
            "/..",
            "...",
            ".../2021",
            "2021/...",
            " 2021",
            "2021 ",
            "2021\n",
            "2021-01-15T10:00",
            "2021-01-15T10:00:00",
            "２０２１",
            "２０２１-01",
            "2021-0１",
            "99999-01-01",
            "21-01-01",
            "2021-1-5",
            "2021-1",
            "202",
            "20211",
            "-2021",
            "+2021",
            "Y20210",
            "2021?",
            "2021~",
            "202X",
            "2021-21",
            "2021-00",
            "2021-13",
            "2021-01-00",
            "2021-01-32",
            "2021-02-29",
            "2021-02-30",
            "2021-04-31",
            "1900-02-29",
            "2100-02-29",
            "2021-01-15/2021-01-14",
            "2021-02/2021-01",
            "2022/2021",
            "2021-01-01/2020",
            "2021-01-",
            "2021--01",
            "2021-01-1",
            "2021_01_01",
            "2021-01-01-",
            "[2021,2022]",
            "..2021/2022",
        ];
        for s in bad {
            let message = err(s);
            assert!(
                message.starts_with(&format!("invalid date {s:?}: ")),
                "{s:?}: {message}"
            );
        }
    }

    #[test]
    fn leap_years() {
        for (year, leap) in [
            (2000, true),
            (1900, false),
            (2020, true),
            (2021, false),
            (2100, false),
            (2400, true),
            (0, true),
            (4, true),
        ] {
            assert_eq!(is_leap_year(year), leap, "{year}");
            let s = format!("{year:04}-02-29");
            assert_eq!(PartialDate::parse(&s).is_ok(), leap, "{s}");
            assert_eq!(Day::from_ymd(year, 2, 29).is_some(), leap, "{s}");
            let feb = p(&format!("{year:04}-02"));
            assert_eq!(feb.span().len_days(), Some(if leap { 29 } else { 28 }));
            let whole = p(&format!("{year:04}"));
            assert_eq!(whole.span().len_days(), Some(if leap { 366 } else { 365 }));
        }
    }

    #[test]
    fn error_messages() {
        assert_eq!(
            err("2021-02-30"),
            r#"invalid date "2021-02-30": day 30 is out of range for February 2021"#
        );
        assert_eq!(
            err("2100-02-29"),
            r#"invalid date "2100-02-29": day 29 is out of range for February 2100"#
        );
        assert_eq!(
            err("2021-01-00"),
            r#"invalid date "2021-01-00": day 00 is out of range for January 2021"#
        );
        assert_eq!(
            err("2021-13"),
            r#"invalid date "2021-13": month 13 is out of range (01..12)"#
        );
        assert_eq!(
            err("2021-00-05"),
            r#"invalid date "2021-00-05": month 00 is out of range (01..12)"#
        );
        assert_eq!(
            err("2021-02/2021-01"),
            r#"invalid date "2021-02/2021-01": interval start is after its end"#
        );
        assert_eq!(
            err("99999-01-01"),
            r#"invalid date "99999-01-01": expected YYYY, YYYY-MM or YYYY-MM-DD"#
        );
        assert_eq!(
            err("2021/"),
            "invalid date \"2021/\": expected an interval A/B, A/.. or ../B \
             where A and B are YYYY, YYYY-MM or YYYY-MM-DD"
        );
        assert_eq!(
            err("../.."),
            r#"invalid date "../..": an interval needs at least one known end"#
        );
        assert_eq!(
            err("2021-04-31/2021-05"),
            r#"invalid date "2021-04-31/2021-05": day 31 is out of range for April 2021"#
        );
        assert_eq!(
            EdgeDate::parse("2021-02-30"),
            Err(DateError::DayOutOfRange {
                input: "2021-02-30".into(),
                year: 2021,
                month: 2,
                day: 30
            })
        );
        // Long and multi-byte input is quoted, cut at a char boundary.
        let long = "é".repeat(100);
        let message = err(&long);
        assert!(
            message.contains(&format!("\"{}…\"", "é".repeat(32))),
            "{message}"
        );
        assert!(message.len() < 200);
    }

    #[test]
    fn spans_and_month_lengths() {
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        for (i, len) in lengths.into_iter().enumerate() {
            let s = format!("2021-{:02}", i + 1);
            let d = p(&s);
            assert_eq!(d.first_day(), day(&format!("{s}-01")), "{s}");
            assert_eq!(d.last_day(), day(&format!("{s}-{len}")), "{s}");
            assert_eq!(d.span().len_days(), Some(len), "{s}");
            assert_eq!(days_in_month(2021, i as u32 + 1), len as u32);
        }
        assert_eq!(p("2020-02").last_day(), day("2020-02-29"));
        assert_eq!(p("2021").first_day(), day("2021-01-01"));
        assert_eq!(p("2021").last_day(), day("2021-12-31"));
        assert_eq!(p("1970-01-01").first_day(), Day(0));
        assert_eq!(p("1969-12-31").first_day(), Day(-1));
        assert_eq!(p("0000-01-01").first_day(), Day::MIN_PARTIAL);
        assert_eq!(p("9999").last_day(), Day::MAX_PARTIAL);
        assert_eq!(p("2000-03-01").first_day(), Day(11_017));

        let s = e("2021-01/2021-03-15").span();
        assert_eq!(
            (s.start, s.end),
            (Some(day("2021-01-01")), Some(day("2021-03-15")))
        );
        assert_eq!(s.len_days(), Some(31 + 28 + 15));
        let open = e("2021-06/..").span();
        assert_eq!((open.start, open.end), (Some(day("2021-06-01")), None));
        assert_eq!(open.len_days(), None);
        let open = e("../2021-06").span();
        assert_eq!((open.start, open.end), (None, Some(day("2021-06-30"))));
        assert!(open.contains_day(day("0000-01-01")));
        assert!(open.contains_day(day("2021-06-30")));
        assert!(!open.contains_day(day("2021-07-01")));
        let empty = Span {
            start: Some(Day(5)),
            end: Some(Day(4)),
        };
        assert!(empty.is_empty());
        assert_eq!(empty.len_days(), Some(0));
        assert!(!empty.overlaps(&Span::ALL));
        assert!(!Span::ALL.overlaps(&empty));
        assert!(!empty.contains_day(Day(5)));
    }

    #[test]
    fn day_arithmetic_and_display() {
        let a = day("2021-01-06");
        let b = day("2021-01-20");
        assert_eq!(b - a, 14);
        assert_eq!(a - b, -14);
        assert_eq!(days_between(a, b), 14);
        assert_eq!(a.add_days(14), b);
        assert_eq!(b.add_days(-14), a);
        assert_eq!(day("2020-12-31").add_days(1), day("2021-01-01"));
        assert_eq!(day("2020-02-28").add_days(1), day("2020-02-29"));
        assert_eq!(Day(i32::MAX).add_days(10), Day(i32::MAX));
        assert_eq!(Day(i32::MIN).add_days(i64::MIN), Day(i32::MIN));
        assert_eq!(Day(0).to_string(), "1970-01-01");
        assert_eq!(Day(-1).to_string(), "1969-12-31");
        assert_eq!(Day::MIN_PARTIAL.add_days(-1).to_string(), "-0001-12-31");
        assert_eq!(Day::MAX_PARTIAL.add_days(1).to_string(), "10000-01-01");
        assert_eq!(Day::from_ymd(2021, 2, 29), None);
        assert_eq!(Day::from_ymd(2021, 13, 1), None);
        assert_eq!(Day::from_ymd(2021, 0, 1), None);
        assert_eq!(Day::from_ymd(2021, 1, 0), None);
        assert_eq!(Day::from_ymd(i32::MAX, 1, 1), None);
        assert_eq!(Day::from_ymd(-1, 12, 31), Some(Day(-719_529)));
        assert!("2021-01".parse::<Day>().is_err());
        assert!("2021".parse::<Day>().is_err());
        assert_eq!(Day(i32::MIN).ymd().0, -5_877_641);
        assert_eq!(Day(i32::MAX).ymd().0, 5_881_580);
    }

    #[test]
    fn every_day_0000_to_9999_is_consecutive() {
        // Walk the calendar naively and compare with the closed-form algorithms.
        let mut expected = Day::MIN_PARTIAL;
        for year in 0..=9999 {
            for month in 1..=12 {
                for d in 1..=days_in_month(year, month) {
                    assert_eq!(Day::from_ymd(year, month, d), Some(expected));
                    assert_eq!(expected.ymd(), (year, month, d));
                    expected = expected.add_days(1);
                }
            }
        }
        assert_eq!(expected, Day::MAX_PARTIAL.add_days(1));
    }

    #[test]
    fn precision() {
        assert_eq!(p("2021").precision(), Precision::Year);
        assert_eq!(p("2021-01").precision(), Precision::Month);
        assert_eq!(p("2021-01-01").precision(), Precision::Day);
        assert!(Precision::Year < Precision::Month && Precision::Month < Precision::Day);
        assert_eq!(Precision::Month.to_string(), "month");
        assert_eq!(e("2021-01-05").precision(), Precision::Day);
        assert_eq!(e("2020-07/2021").precision(), Precision::Year);
        assert_eq!(e("2021-01-18/2021-01-22").precision(), Precision::Day);
        assert_eq!(e("2021-01-18/2021-02").precision(), Precision::Month);
        assert_eq!(e("2021-01-18/..").precision(), Precision::Day);
        assert_eq!(e("../2021-02").precision(), Precision::Month);
        let unbounded = EdgeDate::Interval {
            start: None,
            end: None,
        };
        assert_eq!(unbounded.precision(), Precision::Year);
        assert!(unbounded.validate().is_err());
        assert!(EdgeDate::interval(Some(p("2022")), Some(p("2021"))).is_err());
        assert_eq!(EdgeDate::interval(Some(p("2021")), None), Ok(e("2021/..")));
    }

    #[test]
    fn constructors() {
        assert_eq!(
            PartialDate::new(2021, Some(2), Some(28)),
            Some(p("2021-02-28"))
        );
        assert_eq!(PartialDate::new(2021, Some(2), None), Some(p("2021-02")));
        assert_eq!(PartialDate::new(2021, None, None), Some(p("2021")));
        assert_eq!(PartialDate::new(2021, None, Some(1)), None);
        assert_eq!(PartialDate::new(2021, Some(2), Some(29)), None);
        assert_eq!(PartialDate::new(2021, Some(0), None), None);
        assert_eq!(PartialDate::new(10_000, None, None), None);
        assert_eq!(PartialDate::new(-1, None, None), None);
        assert_eq!(
            PartialDate::from_day(day("2021-03-04")),
            Some(p("2021-03-04"))
        );
        assert_eq!(PartialDate::from_day(Day::MAX_PARTIAL.add_days(1)), None);
        assert_eq!(EdgeDate::from(p("2021")), e("2021"));
        assert_eq!(e("2021/..").start(), Some(p("2021")));
        assert_eq!(e("2021/..").end(), None);
        assert_eq!(e("2021-05").end(), Some(p("2021-05")));
    }

    #[test]
    fn sizes() {
        assert_eq!(std::mem::size_of::<PartialDate>(), 4);
        assert_eq!(std::mem::size_of::<Option<PartialDate>>(), 4);
        assert!(std::mem::size_of::<EdgeDate>() <= 8);
        assert!(std::mem::size_of::<Option<EdgeDate>>() <= 8);
    }

    #[test]
    fn ordering_examples() {
        let sorted = [
            "../2019",
            "../2020",
            "../2020-06",
            "2021",
            "2021/2021",
            "2021/..",
            "2021-01",
            "2021-01-01",
            "2021-01-01/2021-01-01",
            "2021-01-01/2021-01-02",
            "2021-01-02",
            "2021-02",
            "2022",
        ];
        let dates: Vec<EdgeDate> = sorted.iter().map(|s| e(s)).collect();
        for pair in dates.windows(2) {
            assert!(pair[0] < pair[1], "{} < {}", pair[0], pair[1]);
        }
        let mut shuffled = dates.clone();
        shuffled.reverse();
        shuffled.sort();
        assert_eq!(shuffled, dates);
        // Same span start, precision and end, different ends' precision.
        let a = e("2021-01/2021-03");
        let b = e("2021-01-01/2021-03");
        assert_ne!(a.cmp(&b), Ordering::Equal);
        assert_eq!(a.cmp(&b), b.cmp(&a).reverse());
        assert!(p("2021") < p("2021-01") && p("2021-01") < p("2021-01-01"));
        assert!(p("2021-01-01") < p("2021-01-02") && p("2021-12-31") < p("2022"));
    }

    #[test]
    fn windows() {
        let w = Window::parse(Some("2021-01"), Some("2021")).unwrap();
        assert_eq!(w.from, Some(day("2021-01-01")));
        assert_eq!(w.to, Some(day("2021-12-31")));
        assert!(!w.is_unbounded());
        assert!(!w.keeps(None), "undated edges drop out of a bounded window");
        assert!(w.keeps(Some(&e("2021-06-01"))));
        assert!(w.keeps(Some(&e("2021-12-31"))));
        assert!(!w.keeps(Some(&e("2022-01-01"))));
        assert!(!w.keeps(Some(&e("2020"))));
        assert!(w.keeps(Some(&e("2020-12-31/2021-01-01"))));
        assert!(w.keeps(Some(&e("2019/.."))));
        assert!(w.keeps(Some(&e("../2021-01-01"))));
        assert!(!w.keeps(Some(&e("../2020-12-31"))));
        assert!(!w.keeps(Some(&e("2022-01/.."))));

        let from_only = Window::parse(Some("2021-06-15"), None).unwrap();
        assert_eq!(from_only.to, None);
        assert!(!from_only.is_unbounded());
        assert!(!from_only.keeps(None));
        assert!(from_only.keeps(Some(&e("2021-06"))));
        assert!(from_only.keeps(Some(&e("3000"))));
        assert!(!from_only.keeps(Some(&e("2021-06-14"))));

        let all = Window::parse(None, None).unwrap();
        assert!(all.is_unbounded());
        assert_eq!(all, Window::default());
        assert!(all.keeps(None));
        assert!(all.keeps(Some(&e("0000"))));
        assert!(all.keeps(Some(&e("../0000"))));

        assert!(Window::parse(Some("2021-03"), Some("2021-03")).is_ok());
        assert_eq!(
            Window::parse(Some("2022"), Some("2021-12-31"))
                .unwrap_err()
                .to_string(),
            r#"invalid window: --from "2022" is after --to "2021-12-31""#
        );
        assert_eq!(
            Window::parse(Some("2021-13"), None)
                .unwrap_err()
                .to_string(),
            r#"invalid date "2021-13": month 13 is out of range (01..12)"#
        );
        assert!(Window::parse(None, Some("2021/..")).is_err());
    }

    #[test]
    fn serde_strings() {
        fn de<'a, T: Deserialize<'a>>(s: &'a str) -> Result<T, DeError> {
            let d: StrDeserializer<'a, DeError> = s.into_deserializer();
            T::deserialize(d)
        }
        assert_eq!(de::<EdgeDate>("2021-01/..").unwrap(), e("2021-01/.."));
        assert_eq!(de::<PartialDate>("2021-01").unwrap(), p("2021-01"));
        assert_eq!(de::<Day>("2021-01-02").unwrap(), day("2021-01-02"));
        assert_eq!(de::<Precision>("month").unwrap(), Precision::Month);
        assert_eq!(
            de::<EdgeDate>("2021-02-30").unwrap_err().to_string(),
            r#"invalid date "2021-02-30": day 30 is out of range for February 2021"#
        );
        assert!(de::<PartialDate>("2021/..").is_err());
        assert!(de::<Day>("2021").is_err());
    }

    // ---- property tests -------------------------------------------------

    fn arb_partial() -> impl Strategy<Value = PartialDate> {
        (0i32..=9999, 0u8..3, 1u32..=12, 1u32..=31).prop_map(|(y, precision, m, d)| {
            let d = d.min(days_in_month(y, m));
            let date = match precision {
                0 => PartialDate::new(y, None, None),
                1 => PartialDate::new(y, Some(m), None),
                _ => PartialDate::new(y, Some(m), Some(d)),
            };
            date.expect("generated parts are valid")
        })
    }

    fn arb_edge() -> impl Strategy<Value = EdgeDate> {
        prop_oneof![
            arb_partial().prop_map(EdgeDate::Single),
            (arb_partial(), arb_partial(), 0u8..3).prop_map(|(a, b, open)| {
                let (a, b) = if a.first_day() <= b.last_day() {
                    (a, b)
                } else {
                    (b, a)
                };
                let (start, end) = match open {
                    0 => (Some(a), Some(b)),
                    1 => (None, Some(b)),
                    _ => (Some(a), None),
                };
                EdgeDate::interval(start, end).expect("generated interval is valid")
            }),
        ]
    }

    /// Edge dates clustered in a few years so that ties in the order's
    /// earlier keys are common.
    fn arb_clustered_edge() -> impl Strategy<Value = EdgeDate> {
        arb_edge().prop_map(|d| {
            let squash = |p: PartialDate| {
                PartialDate::new(
                    2020 + p.year() % 2,
                    p.month().map(|m| m % 2 + 1),
                    p.day().map(|d| d % 3 + 1),
                )
                .expect("squashed date is valid")
            };
            match d {
                EdgeDate::Single(x) => EdgeDate::Single(squash(x)),
                EdgeDate::Interval { start, end } => {
                    let (s, e) = (start.map(squash), end.map(squash));
                    EdgeDate::interval(s, e).unwrap_or(EdgeDate::Interval { start: e, end: s })
                }
            }
        })
    }

    fn arb_span() -> impl Strategy<Value = Span> {
        let side = proptest::option::of((-50i32..50).prop_map(Day));
        (side.clone(), side).prop_map(|(start, end)| Span { start, end })
    }

    fn start_key(d: &EdgeDate) -> Option<Day> {
        d.span().start
    }

    proptest! {
        #[test]
        fn display_parse_round_trip(date in arb_edge()) {
            let text = date.to_string();
            prop_assert_eq!(EdgeDate::parse(&text), Ok(date));
            prop_assert_eq!(date.validate(), Ok(()));
        }

        #[test]
        fn partial_round_trip(date in arb_partial()) {
            prop_assert_eq!(PartialDate::parse(&date.to_string()), Ok(date));
            prop_assert!(date.first_day() <= date.last_day());
            prop_assert_eq!(PartialDate::from_day(date.first_day()).map(|d| d.first_day()), Some(date.first_day()));
        }

        #[test]
        fn order_is_total_and_consistent(
            a in arb_clustered_edge(), b in arb_clustered_edge(), c in arb_clustered_edge()
        ) {
            prop_assert_eq!(a.cmp(&b), b.cmp(&a).reverse());
            prop_assert_eq!(a.cmp(&b) == Ordering::Equal, a == b);
            if a <= b && b <= c {
                prop_assert!(a <= c);
            }
            if start_key(&a) < start_key(&b) {
                prop_assert!(a < b);
            }
        }

        #[test]
        fn order_consistent_with_span_start(a in arb_edge(), b in arb_edge()) {
            prop_assert_eq!(a.cmp(&b) == Ordering::Equal, a == b);
            if start_key(&a) < start_key(&b) {
                prop_assert!(a < b);
            }
            if let (EdgeDate::Single(x), EdgeDate::Single(y)) = (a, b) {
                prop_assert_eq!(x.cmp(&y), a.cmp(&b));
            }
        }

        #[test]
        fn overlaps_is_symmetric(a in arb_span(), b in arb_span()) {
            prop_assert_eq!(a.overlaps(&b), b.overlaps(&a));
            // Brute force: bounds lie in -50..50, so open sides reach -60 / 59.
            let shared = (-60..60).map(Day).any(|d| a.contains_day(d) && b.contains_day(d));
            prop_assert_eq!(a.overlaps(&b), shared);
        }

        #[test]
        fn day_ymd_round_trip_0000_9999(n in Day::MIN_PARTIAL.0..=Day::MAX_PARTIAL.0) {
            let d = Day(n);
            let (y, m, dd) = d.ymd();
            prop_assert!((0..=9999).contains(&y));
            prop_assert_eq!(Day::from_ymd(y, m, dd), Some(d));
            prop_assert_eq!(d.to_string().parse::<Day>(), Ok(d));
        }

        #[test]
        fn day_ymd_round_trip_any(n in any::<i32>()) {
            let d = Day(n);
            let (y, m, dd) = d.ymd();
            prop_assert_eq!(Day::from_ymd(y, m, dd), Some(d));
        }

        #[test]
        fn parse_never_panics(s in ".*") {
            let _ = EdgeDate::parse(&s);
            let _ = PartialDate::parse(&s);
            let _ = Window::parse(Some(&s), Some(&s));
        }

        #[test]
        fn parse_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
            let s = String::from_utf8_lossy(&bytes);
            let _ = EdgeDate::parse(&s);
            let _ = s.parse::<Day>();
        }

        #[test]
        fn accepted_text_is_canonical(s in "[0-9./-]{0,22}|[0-9]{4}(-[0-9]{2}){0,2}(/([0-9]{4}(-[0-9]{2}){0,2}|\\.\\.))?") {
            if let Ok(date) = EdgeDate::parse(&s) {
                prop_assert_eq!(date.to_string(), s);
                prop_assert_eq!(date.validate(), Ok(()));
            }
        }

        #[test]
        fn window_keeps_matches_overlap(
            date in arb_edge(),
            from in proptest::option::of(arb_partial()),
            to in proptest::option::of(arb_partial()),
        ) {
            let (f, t) = (from.map(|d| d.to_string()), to.map(|d| d.to_string()));
            match Window::parse(f.as_deref(), t.as_deref()) {
                Ok(w) => {
                    // Open sides stand in as days just outside 0000..=9999.
                    let below = Day::MIN_PARTIAL.add_days(-1);
                    let above = Day::MAX_PARTIAL.add_days(1);
                    let span = date.span();
                    let lo = span.start.unwrap_or(below).max(w.from.unwrap_or(below));
                    let hi = span.end.unwrap_or(above).min(w.to.unwrap_or(above));
                    prop_assert_eq!(w.keeps(Some(&date)), lo <= hi);
                    prop_assert_eq!(w.keeps(None), f.is_none() && t.is_none());
                    prop_assert_eq!(w.from, from.map(|d| d.first_day()));
                    prop_assert_eq!(w.to, to.map(|d| d.last_day()));
                }
                Err(e) => {
                    let (from, to) = (from.unwrap(), to.unwrap());
                    prop_assert!(from.first_day() > to.last_day());
                    let is_reversed = matches!(e, DateError::WindowReversed { .. });
                    prop_assert!(is_reversed);
                }
            }
        }
    }
}
