//! Builds a small graph through the library API, saves it, loads it back and
//! asks who did what to whom in a window.
//!
//! Run: `cargo run --example build_and_query`

use polgraph::model::{Actor, Document, Edge, EdgeDate, Source, Status, Window};
use polgraph::query::{self, EdgeFilter};
use polgraph::{edit, store, Graph};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut doc = Document::new("Example: a court ruling and the reactions");
    edit::add_source(
        &mut doc,
        Source {
            id: "wire-2021-01-15".into(),
            title: "Japan protests Seoul ruling".into(),
            publisher: Some("Example Wire".into()),
            date: Some(EdgeDate::parse("2021-01-15")?),
            url: None,
        },
    )?;
    let mut court = Actor::new("kor-court", "Seoul Central District Court", "court");
    court.country = Some("KOR".into());
    edit::add_actor(&mut doc, court)?;
    let mut jpn = Actor::new("jpn-gov", "Government of Japan", "government");
    jpn.country = Some("JPN".into());
    jpn.aliases.push("Tokyo".into());
    edit::add_actor(&mut doc, jpn)?;
    let mut kor = Actor::new("kor-gov", "Government of South Korea", "government");
    kor.country = Some("KOR".into());
    edit::add_actor(&mut doc, kor)?;

    for (s, a, t, date, status) in [
        ("kor-court", "ruled", "jpn-gov", "2021-01", Status::Occurred),
        (
            "jpn-gov",
            "protested",
            "kor-gov",
            "2021-01-15",
            Status::Occurred,
        ),
        (
            "jpn-gov",
            "consulted",
            "kor-gov",
            "2021-01-15",
            Status::Occurred,
        ),
        (
            "jpn-gov",
            "sued",
            "kor-gov",
            "2021-01-18/2021-01-24",
            Status::Planned,
        ),
    ] {
        let mut e = Edge::new(s, a, t);
        e.date = Some(EdgeDate::parse(date)?);
        e.status = status;
        e.cites.push("wire-2021-01-15".into());
        edit::add_edge(&mut doc, e)?;
    }

    let dir = std::env::temp_dir().join(format!("polgraph-example-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("example.json");
    store::save(&doc, &path)?;

    let g = Graph::new(store::load(&path)?)?;
    let tokyo = g.resolve("tokyo")?;
    let filter = EdgeFilter {
        window: Window::parse(Some("2021-01-15"), Some("2021-01-15"))?,
        actor: Some(tokyo),
        statuses: vec![Status::Occurred],
        ..EdgeFilter::default()
    };
    println!("What the Government of Japan did or suffered on 2021-01-15:");
    for e in query::events(&g, &filter) {
        let edge = g.edge(e);
        let (s, t) = g.ends(e);
        println!(
            "  {}  {} {} {}",
            edge.date.map(|d| d.to_string()).unwrap_or_default(),
            g.actor(s).name,
            edge.action,
            g.actor(t).name
        );
    }
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
