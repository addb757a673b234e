//! polgraph's CSV exchange format, as `polgraph import --format csv DIR`
//! reads it back: `actors.csv`, `events.csv` and `sources.csv` (see
//! [`crate::import::csv`]). Attributes are written as a JSON object in an
//! `attributes` column, so a round trip keeps everything but the graph's
//! declared actions.

use super::Selection;

fn write(rows: Vec<Vec<String>>) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        let _ = w.write_record(&r);
    }
    w.into_inner().unwrap_or_default()
}

fn attrs(m: &std::collections::BTreeMap<String, String>) -> String {
    if m.is_empty() {
        String::new()
    } else {
        serde_json::to_string(m).unwrap_or_default()
    }
}

/// Renders `actors.csv`, `events.csv` and `sources.csv`.
pub fn render(sel: &Selection<'_>) -> Vec<(&'static str, Vec<u8>)> {
    let mut rows = vec![[
        "id",
        "name",
        "kind",
        "country",
        "aliases",
        "description",
        "attributes",
    ]
    .map(String::from)
    .to_vec()];
    for a in sel.actors() {
        rows.push(vec![
            a.id.clone(),
            a.name.clone(),
            a.kind.clone(),
            a.country.clone().unwrap_or_default(),
            a.aliases.join(";"),
            a.description.clone().unwrap_or_default(),
            attrs(&a.attributes),
        ]);
    }
    let actors = write(rows);
    let mut rows = vec![[
        "source",
        "action",
        "target",
        "date",
        "status",
        "summary",
        "cites",
        "id",
        "attributes",
    ]
    .map(String::from)
    .to_vec()];
    for e in sel.edges() {
        rows.push(vec![
            e.source.to_string(),
            e.action.to_string(),
            e.target.to_string(),
            e.date.map(|d| d.to_string()).unwrap_or_default(),
            e.status.to_string(),
            e.summary.as_deref().unwrap_or_default().to_owned(),
            e.cites.join(";"),
            e.id.clone(),
            attrs(&e.attributes),
        ]);
    }
    let events = write(rows);
    let mut rows = vec![["id", "title", "publisher", "date", "url"]
        .map(String::from)
        .to_vec()];
    for s in &sel.sources {
        rows.push(vec![
            s.id.clone(),
            s.title.clone(),
            s.publisher.clone().unwrap_or_default(),
            s.date.map(|d| d.to_string()).unwrap_or_default(),
            s.url.clone().unwrap_or_default(),
        ]);
    }
    vec![
        ("actors.csv", actors),
        ("events.csv", events),
        ("sources.csv", write(rows)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::seed;
    use crate::import::csv::{import_csv_files, CsvFiles, CsvOptions};
    use crate::model::Document;

    #[test]
    fn round_trip_gives_the_same_graph() {
        let g = seed();
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes) in render(&Selection::all(&g)) {
            std::fs::write(dir.path().join(name), bytes).unwrap();
        }
        let mut doc = Document::new(g.doc().name.clone());
        doc.description = g.doc().description.clone();
        let (a, e, s) = (
            dir.path().join("actors.csv"),
            dir.path().join("events.csv"),
            dir.path().join("sources.csv"),
        );
        let files = CsvFiles {
            actors: Some(&a),
            events: Some(&e),
            sources: Some(&s),
        };
        let opts = CsvOptions {
            create_actors: false,
            skip_existing: true,
        };
        let hidden = indicatif::ProgressBar::hidden();
        import_csv_files(&mut doc, files, &opts, &hidden).unwrap();
        assert_eq!(&doc, g.doc());
        let r = import_csv_files(&mut doc, files, &opts, &hidden).unwrap();
        assert_eq!(
            (r.edges_added, r.edges_already_present),
            (0, g.edge_count())
        );
        assert_eq!(&doc, g.doc());
    }
}
