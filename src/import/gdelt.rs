//! The GDELT 2.0 event table: 61 tab-separated columns, no header, one
//! event per line (the `*.export.CSV` files of the GDELT 2.0 event stream).
//!
//! * Actors come from `Actor1Code`/`Actor2Code` (the CAMEO actor code, kept
//!   as the identifier attribute `cameo_code`) and `Actor1Name`/`Actor2Name`.
//!   An actor whose code is more than its country (`USAGOV`) is named
//!   `Name (CODE)` so that it is not matched to the country by name. The
//!   kind follows `Type1Code` (GOV → government, JUD → court, …), the
//!   country is `CountryCode`.
//! * The action comes from `EventCode` through [`super::cameo`]; the edge
//!   keeps `cameo`, `quad_class`, `goldstein`, `num_mentions`,
//!   `num_sources`, `num_articles`, `avg_tone`, `is_root_event` and
//!   `action_geo` as attributes, and its summary is the CAMEO label.
//! * `SQLDATE` is the edge's day; `SOURCEURL` becomes a source (id
//!   `gdelt-src-<hash>`), dated by `DATEADDED`.
//! * The edge id is `gdelt-<GLOBALEVENTID>`: importing a file again, or an
//!   overlapping one, adds nothing twice.
//! * Rows with one actor (GDELT codes many one-sided events) and rows whose
//!   event code is not in CAMEO are skipped and counted.

use std::path::Path;

use indicatif::ProgressBar;

use super::{
    cameo, each_record, fnv1a, parse_loose_date, read_error, ActorRef, Format, Merger, Report,
};
use crate::error::Result;
use crate::model::{Document, Edge, EdgeDate, Source};

/// Number of columns of the GDELT 2.0 event table.
pub const COLUMNS: usize = 61;

/// Column indices of the GDELT 2.0 event table (0-based, per the GDELT 2.0
/// event codebook).
pub mod col {
    /// GLOBALEVENTID
    pub const ID: usize = 0;
    /// SQLDATE (YYYYMMDD)
    pub const SQLDATE: usize = 1;
    /// Actor1Code (Actor2 columns are 10 further on)
    pub const ACTOR1_CODE: usize = 5;
    /// Actor1Name
    pub const ACTOR1_NAME: usize = 6;
    /// Actor1CountryCode
    pub const ACTOR1_COUNTRY: usize = 7;
    /// Actor1Type1Code
    pub const ACTOR1_TYPE1: usize = 12;
    /// Distance from an Actor1 column to its Actor2 column.
    pub const ACTOR2_OFFSET: usize = 10;
    /// IsRootEvent
    pub const IS_ROOT: usize = 25;
    /// EventCode
    pub const EVENT_CODE: usize = 26;
    /// QuadClass
    pub const QUAD_CLASS: usize = 29;
    /// GoldsteinScale
    pub const GOLDSTEIN: usize = 30;
    /// NumMentions
    pub const NUM_MENTIONS: usize = 31;
    /// NumSources
    pub const NUM_SOURCES: usize = 32;
    /// NumArticles
    pub const NUM_ARTICLES: usize = 33;
    /// AvgTone
    pub const AVG_TONE: usize = 34;
    /// ActionGeo_FullName
    pub const ACTION_GEO: usize = 52;
    /// DATEADDED (YYYYMMDDHHMMSS)
    pub const DATE_ADDED: usize = 59;
    /// SOURCEURL
    pub const SOURCE_URL: usize = 60;
}

/// The polgraph actor kind of a CAMEO actor type code.
pub fn kind_of_type(code: &str) -> &'static str {
    match code {
        "GOV" => "government",
        "LEG" => "legislature",
        "JUD" => "court",
        "MIL" | "COP" | "SPY" => "agency",
        "PTY" => "party",
        "MED" => "media",
        "NGO" | "NGM" => "ngo",
        "IGO" => "international_org",
        "BUS" | "MNC" => "company",
        _ => "group",
    }
}

/// Title case for GDELT's upper-case names (`UNITED STATES` → `United States`).
pub fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if start {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            start = false;
        } else {
            out.push(c);
            start = c != '\'';
        }
    }
    out
}

/// Imports a GDELT 2.0 event file into `doc` (all or nothing).
pub fn import(doc: &mut Document, path: &Path, progress: &ProgressBar) -> Result<Report> {
    // Edges name the same actors and actions many times: interned, each
    // distinct string is allocated once.
    crate::model::interning(|| import_records(doc, path, progress))
}

fn import_records(doc: &mut Document, path: &Path, progress: &ProgressBar) -> Result<Report> {
    let mut m = Merger::new(doc, Format::Gdelt, path);
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .has_headers(false)
        .quoting(false)
        .flexible(true)
        .from_path(path)
        .map_err(|e| read_error(path, e))?;
    each_record(&mut rdr, path, &mut m, progress, row)?;
    m.finish(doc)
}

fn row(m: &mut Merger, rec: &csv::ByteRecord, place: &str) {
    if rec.len() != COLUMNS {
        m.problem(
            place,
            None,
            format!(
                "has {} tab-separated columns; a GDELT 2.0 event row has {COLUMNS}",
                rec.len()
            ),
        );
        return;
    }
    let mut fields: Vec<&str> = Vec::with_capacity(COLUMNS);
    for (i, f) in rec.iter().enumerate() {
        match std::str::from_utf8(f) {
            Ok(s) => fields.push(s.trim()),
            Err(_) => {
                m.problem(place, Some(NAMES[i]), "is not valid UTF-8");
                return;
            }
        }
    }
    let f = |i: usize| fields[i];
    let id = f(col::ID);
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        m.problem(
            place,
            Some("GLOBALEVENTID"),
            format!("{id:?} is not a number"),
        );
        return;
    }
    let date = match parse_loose_date(f(col::SQLDATE)) {
        Some(d) if f(col::SQLDATE).len() == 8 => d,
        _ => {
            m.problem(
                place,
                Some("SQLDATE"),
                format!("{:?} is not a date YYYYMMDD", f(col::SQLDATE)),
            );
            return;
        }
    };
    let quad = f(col::QUAD_CLASS);
    if !matches!(quad, "1" | "2" | "3" | "4") {
        m.problem(
            place,
            Some("QuadClass"),
            format!("{quad:?} is not a quad class 1–4"),
        );
        return;
    }
    let goldstein = f(col::GOLDSTEIN);
    if !goldstein
        .parse::<f64>()
        .is_ok_and(|g| (-10.0..=10.0).contains(&g))
    {
        m.problem(
            place,
            Some("GoldsteinScale"),
            format!("{goldstein:?} is not a number from -10 to 10"),
        );
        return;
    }
    let edge_id = format!("gdelt-{id}");
    let code = f(col::EVENT_CODE);
    let Some(&(_, label, action)) = cameo::lookup(code) else {
        m.skip("event code not in CAMEO");
        return;
    };
    let mut ends = Vec::with_capacity(2);
    for k in 0..2 {
        let off = k * col::ACTOR2_OFFSET;
        let code = f(col::ACTOR1_CODE + off);
        if code.is_empty() {
            m.skip("only one actor");
            return;
        }
        ends.push(off);
    }
    if m.has_edge(&edge_id) {
        // Imported before: count it without touching actors or sources.
        m.already_present();
        return;
    }
    let mut ids = Vec::with_capacity(2);
    for off in ends {
        let code = f(col::ACTOR1_CODE + off);
        let raw_name = f(col::ACTOR1_NAME + off);
        let country = f(col::ACTOR1_COUNTRY + off);
        let type1 = f(col::ACTOR1_TYPE1 + off);
        let base = if raw_name.is_empty() {
            code.to_owned()
        } else {
            title_case(raw_name)
        };
        let (name, kind) = if code == country || (type1.is_empty() && code.len() == 3) {
            (base, if code == country { "state" } else { "group" })
        } else {
            (format!("{base} ({code})"), kind_of_type(type1))
        };
        let mut r = ActorRef::named(name, kind);
        r.ident = Some(("cameo_code".into(), code.to_owned()));
        r.country = (!country.is_empty()).then(|| country.to_owned());
        let field = if off == 0 { "Actor1Code" } else { "Actor2Code" };
        match m.actor(place, field, r) {
            Some(id) => ids.push(id),
            None => return,
        }
    }
    let mut e = Edge::new(&ids[0], action, &ids[1]);
    e.id = edge_id;
    e.date = Some(EdgeDate::Single(date));
    e.summary = Some(format!("{label} (CAMEO {code})").into());
    let attrs = [
        ("cameo", code),
        ("quad_class", quad),
        ("goldstein", goldstein),
        ("num_mentions", f(col::NUM_MENTIONS)),
        ("num_sources", f(col::NUM_SOURCES)),
        ("num_articles", f(col::NUM_ARTICLES)),
        ("avg_tone", f(col::AVG_TONE)),
        ("is_root_event", f(col::IS_ROOT)),
        ("action_geo", f(col::ACTION_GEO)),
    ];
    for (k, v) in attrs {
        if !v.is_empty() {
            e.attributes.insert(k.to_owned(), v.to_owned());
        }
    }
    let url = f(col::SOURCE_URL);
    if !url.is_empty() {
        let sid = format!("gdelt-src-{:016x}", fnv1a(url.as_bytes()));
        let added = f(col::DATE_ADDED);
        let s = Source {
            id: sid,
            title: url.to_owned(),
            publisher: None,
            date: added
                .get(..8)
                .and_then(parse_loose_date)
                .map(EdgeDate::Single),
            url: Some(url.to_owned()),
        };
        e.cites.push(m.source(s).into());
    }
    m.edge(place, e);
}

/// The 61 column names of the GDELT 2.0 event table, in order.
#[rustfmt::skip]
pub const NAMES: [&str; COLUMNS] = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/interchange/gdelt.export.tsv")
    }

    #[test]
    fn column_names_match_the_indices() {
        assert_eq!(NAMES[col::ID], "GLOBALEVENTID");
        assert_eq!(NAMES[col::ACTOR1_CODE + col::ACTOR2_OFFSET], "Actor2Code");
        assert_eq!(
            NAMES[col::ACTOR1_TYPE1 + col::ACTOR2_OFFSET],
            "Actor2Type1Code"
        );
        assert_eq!(NAMES[col::EVENT_CODE], "EventCode");
        assert_eq!(NAMES[col::QUAD_CLASS], "QuadClass");
        assert_eq!(NAMES[col::GOLDSTEIN], "GoldsteinScale");
        assert_eq!(NAMES[col::ACTION_GEO], "ActionGeo_FullName");
        assert_eq!(NAMES[col::SOURCE_URL], "SOURCEURL");
        assert_eq!(title_case("UNITED STATES"), "United States");
        assert_eq!(title_case("SOUTH KOREA'S"), "South Korea's");
    }

    #[test]
    fn imports_the_sample_and_again_adds_nothing() {
        let mut doc = Document::new("t");
        let r = import(&mut doc, &sample(), &ProgressBar::hidden()).unwrap();
        assert_eq!(r.rows, 6);
        assert_eq!(r.edges_added, 4);
        assert_eq!(r.skipped, 2);
        assert_eq!(r.skipped_why["only one actor"], 1);
        assert_eq!(r.skipped_why["event code not in CAMEO"], 1);
        let e = doc
            .edges
            .iter()
            .find(|e| e.id == "gdelt-1187465330")
            .unwrap();
        assert_eq!(e.action, "demonstrated");
        assert_eq!(e.date.unwrap().to_string(), "2021-01-15");
        assert_eq!(e.attributes["quad_class"], "4");
        assert_eq!(e.attributes["goldstein"], "-6.5");
        assert_eq!(e.attributes["cameo"], "141");
        let src = doc.sources.iter().find(|s| s.id == e.cites[0]).unwrap();
        assert!(src.url.as_deref().unwrap().starts_with("https://"));
        let jpn = doc.actors.iter().find(|a| a.id == e.target).unwrap();
        assert_eq!(jpn.name, "Japan");
        assert_eq!(jpn.kind, "state");
        assert_eq!(jpn.country.as_deref(), Some("JPN"));
        let gov = doc
            .actors
            .iter()
            .find(|a| a.attributes.get("cameo_code").map(String::as_str) == Some("KORGOV"))
            .unwrap();
        assert_eq!(gov.kind, "government");
        assert_eq!(gov.name, "South Korea (KORGOV)");
        let before = doc.clone();
        let r2 = import(&mut doc, &sample(), &ProgressBar::hidden()).unwrap();
        assert_eq!(r2.edges_added, 0);
        assert_eq!(r2.edges_already_present, 4);
        assert_eq!(r2.actors_created, 0);
        assert_eq!(doc, before);
    }

    #[test]
    fn bad_rows_name_line_and_field_and_change_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("bad.tsv");
        let good = std::fs::read_to_string(sample()).unwrap();
        let first = good.lines().next().unwrap();
        let bad_date = first.replacen("\t20210115\t", "\t20210230\t", 1);
        let short = "1\t2\t3";
        std::fs::write(&p, format!("{first}\n{bad_date}\n{short}\n")).unwrap();
        let mut doc = Document::new("t");
        let err = import(&mut doc, &p, &ProgressBar::hidden())
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 2, field `SQLDATE`"), "{err}");
        assert!(err.contains("line 3: has 3 tab-separated columns"), "{err}");
        assert!(doc.actors.is_empty() && doc.edges.is_empty());
    }
}
