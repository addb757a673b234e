//! Every input a fuzz target ever crashed on, replayed through the same
//! checks (`tests/data/fuzz-regressions/TARGET-WHAT-IT-GUARDS.*`). A new
//! crash is fixed by adding its input here and making this pass.

use std::path::Path;

use polgraph::store;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = crate::util::root().join("tests/data/fuzz-regressions");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&format!("{target}-"))
        })
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

/// The `load_document` target's check: a document that parses saves,
/// parses back and saves again byte for byte, and its saved (canonical) text
/// goes through the two-thread parse of big files to the same document
/// whenever it has two edges or more.
#[test]
fn load_document_regressions() {
    let all = inputs("load_document");
    assert!(!all.is_empty());
    for (name, bytes) in all {
        let Ok(doc) = store::parse(&bytes, Path::new(&name)) else {
            continue;
        };
        assert!(store::validate(&doc).is_empty(), "{name}");
        let first = store::to_bytes(&doc);
        let again = store::parse(&first, Path::new(&name))
            .unwrap_or_else(|e| panic!("{name}: saved form does not parse: {e}"));
        assert_eq!(store::to_bytes(&again), first, "{name}");
        let mut work = first.clone();
        let split = store::parse_split(&mut work);
        assert_eq!(work, first, "{name}: parse_split changed the bytes");
        match split {
            Some(split) => assert!(split == again, "{name}: the split parse differs"),
            None => assert!(
                again.edges.len() < 2,
                "{name}: a canonical text was not split"
            ),
        }
    }
}
