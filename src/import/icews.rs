//! ICEWS coded events: tab-separated with a header line (the Dataverse
//! `events.*.tab` files). Columns: `Event ID`, `Event Date`, `Source Name`,
//! `Source Sectors`, `Source Country`, `Event Text`, `CAMEO Code`,
//! `Intensity`, `Target Name`, `Target Sectors`, `Target Country`,
//! `Story ID`, `Sentence Number`, `Publisher`, `City`, `District`,
//! `Province`, `Country`, `Latitude`, `Longitude`. `Event ID`,
//! `Event Date`, `Source Name`, `CAMEO Code` and `Target Name` are required.
//!
//! * Actors are found or created by name (the ICEWS name is kept as the
//!   identifier attribute `icews_actor`); the country name becomes the ISO
//!   alpha-3 `country`, the sectors the attribute `icews_sectors`. An actor
//!   named like its country is a `state`, `Government (X)` a `government`,
//!   another generic `Sector (Country)` actor a `group`; any other is
//!   `unknown` (ICEWS does not say whether a name is a person).
//! * The action comes from `CAMEO Code` through [`super::cameo`]. The
//!   intensity is kept as the edge attribute `intensity` (with `cameo`,
//!   `sentence` and the place), the event text is the summary.
//! * Each story becomes one source, `icews-story-<Story ID>`, published by
//!   `Publisher`.
//! * The edge id is `icews-<Event ID>`, so importing again adds nothing twice.

use std::collections::HashMap;
use std::path::Path;

use indicatif::ProgressBar;

use super::{
    cameo, countries, each_record, parse_loose_date, read_error, ActorRef, Format, Merger, Report,
};
use crate::error::{Error, Problem, Result};
use crate::model::{Document, Edge, EdgeDate, Source};

/// The ICEWS columns, in file order.
pub const COLUMNS: [&str; 20] = [
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
];

const REQUIRED: [&str; 5] = [
    "Event ID",
    "Event Date",
    "Source Name",
    "CAMEO Code",
    "Target Name",
];

/// The actor kind ICEWS names suggest (see the module docs).
pub fn kind_of(name: &str, country: &str) -> &'static str {
    if !country.is_empty() && name.eq_ignore_ascii_case(country) {
        "state"
    } else if name.starts_with("Government (") || name.starts_with("Government of ") {
        "government"
    } else if name.ends_with(')') && name.contains(" (") {
        "group"
    } else {
        "unknown"
    }
}

/// Imports an ICEWS events file into `doc` (all or nothing).
pub fn import(doc: &mut Document, path: &Path, progress: &ProgressBar) -> Result<Report> {
    // Edges name the same actors and actions many times: interned, each
    // distinct string is allocated once.
    crate::model::interning(|| import_records(doc, path, progress))
}

fn import_records(doc: &mut Document, path: &Path, progress: &ProgressBar) -> Result<Report> {
    let mut m = Merger::new(doc, Format::Icews, path);
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quoting(false)
        .flexible(true)
        .from_path(path)
        .map_err(|e| read_error(path, e))?;
    let header = rdr.byte_headers().map_err(|e| read_error(path, e))?.clone();
    let mut cols: HashMap<&'static str, usize> = HashMap::new();
    for (i, h) in header.iter().enumerate() {
        let h = String::from_utf8_lossy(h);
        let h = h.trim().trim_start_matches('\u{feff}');
        if let Some(c) = COLUMNS.iter().find(|c| c.eq_ignore_ascii_case(h)) {
            cols.insert(c, i);
        }
    }
    let missing: Vec<Problem> = REQUIRED
        .iter()
        .filter(|c| !cols.contains_key(*c))
        .map(|c| {
            Problem::new(
                format!("{} line 1", path.display()),
                Some(c),
                "required ICEWS column is missing from the header",
            )
        })
        .collect();
    if !missing.is_empty() {
        return Err(Error::Invalid {
            origin: path.display().to_string(),
            problems: missing,
        });
    }
    let width = header.len();
    each_record(&mut rdr, path, &mut m, progress, |m, rec, place| {
        if rec.len() != width {
            m.problem(
                place,
                None,
                format!("has {} columns, the header has {width}", rec.len()),
            );
            return;
        }
        let mut bad_utf8 = None;
        let get = |c: &'static str, bad: &mut Option<&'static str>| -> String {
            match cols.get(c).and_then(|&i| rec.get(i)) {
                Some(raw) => match std::str::from_utf8(raw) {
                    Ok(s) => s.trim().to_owned(),
                    Err(_) => {
                        *bad = Some(c);
                        String::new()
                    }
                },
                None => String::new(),
            }
        };
        let v: HashMap<&'static str, String> = COLUMNS
            .iter()
            .map(|c| (*c, get(c, &mut bad_utf8)))
            .collect();
        if let Some(c) = bad_utf8 {
            m.problem(place, Some(c), "is not valid UTF-8");
            return;
        }
        row(m, &v, place);
    })?;
    m.finish(doc)
}

fn row(m: &mut Merger, v: &HashMap<&'static str, String>, place: &str) {
    let f = |c: &str| v.get(c).map(String::as_str).unwrap_or("");
    let id = f("Event ID");
    if id.is_empty() || !crate::model::is_valid_id(&format!("icews-{id}")) {
        m.problem(
            place,
            Some("Event ID"),
            format!("{id:?} is not an event id"),
        );
        return;
    }
    let Some(date) = parse_loose_date(f("Event Date")) else {
        m.problem(
            place,
            Some("Event Date"),
            format!("{:?} is not a date YYYY-MM-DD", f("Event Date")),
        );
        return;
    };
    let intensity = f("Intensity");
    if !intensity.is_empty()
        && !intensity
            .parse::<f64>()
            .is_ok_and(|x| (-10.0..=10.0).contains(&x))
    {
        m.problem(
            place,
            Some("Intensity"),
            format!("{intensity:?} is not a number from -10 to 10"),
        );
        return;
    }
    let code = f("CAMEO Code");
    let Some(&(_, label, action)) = cameo::lookup(code) else {
        m.problem(
            place,
            Some("CAMEO Code"),
            format!("{code:?} is not a CAMEO event code"),
        );
        return;
    };
    let edge_id = format!("icews-{id}");
    if m.has_edge(&edge_id) {
        m.already_present();
        return;
    }
    let mut ends = Vec::with_capacity(2);
    for side in ["Source", "Target"] {
        let name_col = if side == "Source" {
            "Source Name"
        } else {
            "Target Name"
        };
        let name = f(name_col);
        let country = f(if side == "Source" {
            "Source Country"
        } else {
            "Target Country"
        });
        let sectors = f(if side == "Source" {
            "Source Sectors"
        } else {
            "Target Sectors"
        });
        if name.is_empty() {
            m.problem(place, Some(name_col), "empty actor name");
            return;
        }
        let mut r = ActorRef::named(name, kind_of(name, country));
        r.ident = Some(("icews_actor".into(), name.to_owned()));
        r.country = countries::alpha3(country).map(str::to_owned);
        if !sectors.is_empty() {
            r.attributes
                .insert("icews_sectors".into(), sectors.to_owned());
        }
        if !country.is_empty() && r.country.is_none() {
            r.attributes
                .insert("icews_country".into(), country.to_owned());
        }
        match m.actor(place, name_col, r) {
            Some(a) => ends.push(a),
            None => return,
        }
    }
    let mut e = Edge::new(&ends[0], action, &ends[1]);
    e.id = edge_id;
    e.date = Some(EdgeDate::Single(date));
    let text = f("Event Text");
    e.summary = Some(if text.is_empty() { label } else { text }.into());
    let place_name: Vec<&str> = ["City", "District", "Province", "Country"]
        .iter()
        .map(|c| f(c))
        .filter(|s| !s.is_empty())
        .collect();
    let place_name = place_name.join(", ");
    for (k, val) in [
        ("cameo", code),
        ("intensity", intensity),
        ("sentence", f("Sentence Number")),
        ("place", place_name.as_str()),
        ("latitude", f("Latitude")),
        ("longitude", f("Longitude")),
    ] {
        if !val.is_empty() {
            e.attributes.insert(k.to_owned(), val.to_owned());
        }
    }
    let story = f("Story ID");
    if !story.is_empty() {
        let sid = format!("icews-story-{}", super::id_part(story));
        let publisher = f("Publisher");
        let s = Source {
            id: sid,
            title: format!("ICEWS story {story}"),
            publisher: (!publisher.is_empty()).then(|| publisher.to_owned()),
            date: None,
            url: None,
        };
        e.cites.push(m.source(s).into());
    }
    m.edge(place, e);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Actor;

    fn sample() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/interchange/icews.events.tab")
    }

    #[test]
    fn imports_the_sample_matching_existing_actors() {
        let mut doc = Document::new("t");
        let mut jp = Actor::new("jpn-gov", "Government of Japan", "government");
        jp.aliases.push("Government (Japan)".into());
        doc.actors.push(jp);
        let r = import(&mut doc, &sample(), &ProgressBar::hidden()).unwrap();
        assert_eq!(r.rows, 5);
        assert_eq!(r.edges_added, 5);
        assert_eq!(r.actors_matched, 1, "Government (Japan) by alias");
        assert_eq!(r.sources_added, 3, "one source per story");
        let e = doc.edges.iter().find(|e| e.id == "icews-34171021").unwrap();
        assert_eq!(e.action, "complained");
        assert_eq!(e.source, "jpn-gov");
        assert_eq!(e.attributes["intensity"], "-2.0");
        assert_eq!(e.attributes["cameo"], "114");
        assert_eq!(e.date.unwrap().to_string(), "2021-01-15");
        let court = doc
            .actors
            .iter()
            .find(|a| a.name == "Seoul Central District Court")
            .unwrap();
        assert_eq!(court.country.as_deref(), Some("KOR"));
        assert!(court.attributes["icews_sectors"].contains("Judicial"));
        let kor = doc.actors.iter().find(|a| a.name == "South Korea").unwrap();
        assert_eq!(kor.kind, "state");
        let s = doc.sources.iter().find(|s| s.id == e.cites[0]).unwrap();
        assert_eq!(s.publisher.as_deref(), Some("Yonhap News Agency"));
        let again = import(&mut doc, &sample(), &ProgressBar::hidden()).unwrap();
        assert_eq!((again.edges_added, again.edges_already_present), (0, 5));
    }

    #[test]
    fn a_bad_cameo_code_or_missing_column_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("bad.tab");
        let text = std::fs::read_to_string(sample()).unwrap();
        let bad = text.replacen("\t114\t", "\tX14\t", 1);
        std::fs::write(&p, &bad).unwrap();
        let mut doc = Document::new("t");
        let err = import(&mut doc, &p, &ProgressBar::hidden())
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 3, field `CAMEO Code`: \"X14\""), "{err}");
        std::fs::write(&p, "Event ID\tEvent Date\n1\t2021-01-01\n").unwrap();
        let err = import(&mut doc, &p, &ProgressBar::hidden())
            .unwrap_err()
            .to_string();
        assert!(err.contains("field `Source Name`: required"), "{err}");
        assert!(doc.edges.is_empty());
    }
}
