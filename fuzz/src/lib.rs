//! Shared checks for the polgraph fuzz targets.
//!
//! Every target is a few lines that feed the input to one of these checks,
//! so a new importer is fuzzed by a 15-line file (see `fuzz_targets/` and
//! `README.md`):
//!
//! * [`check_document`]: a document that parsed must save, re-parse and
//!   save again byte for byte, and validate cleanly;
//! * [`check_import`]: an importer gets the input as one or more files in a
//!   scratch directory, applied to a copy of the seed graph; it must return
//!   `Ok` or `Err`, leave the document untouched on `Err`, and leave a valid
//!   document that round-trips on `Ok`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use polgraph::model::Document;
use polgraph::store;

pub use indicatif::ProgressBar;

/// The seed graph shipped in `graphs/`, parsed once.
pub fn seed() -> &'static Document {
    static SEED: OnceLock<Document> = OnceLock::new();
    SEED.get_or_init(|| {
        let bytes = include_bytes!("../../graphs/seoul-comfort-women-2021.json");
        store::parse(bytes, Path::new("seed.json")).expect("the seed graph is valid")
    })
}

/// A hidden progress bar for the importers' progress parameter.
pub fn hidden() -> ProgressBar {
    ProgressBar::hidden()
}

/// Checks the store invariants of a document that was accepted: it
/// validates, `to_bytes → parse → to_bytes` is byte-identical, and the
/// re-parsed document equals the canonical form of `doc`.
pub fn check_document(doc: &Document) {
    let problems = store::validate(doc);
    assert!(
        problems.is_empty(),
        "accepted document is invalid: {problems:?}"
    );
    let first = store::to_bytes(doc);
    // A canonical text with two edges or more always has a cut point: a
    // boundary between two edges at or after the middle of the text, or the
    // first one after the `edges` key when the edges start past the middle.
    let split = check_split_parse(&first);
    assert!(
        split || doc.edges.len() < 2,
        "the two-thread parse declined a canonical document with {} edges",
        doc.edges.len()
    );
    let again = match store::parse(&first, Path::new("again.json")) {
        Ok(d) => d,
        Err(e) => panic!(
            "saved document does not parse back: {e}\n{}",
            String::from_utf8_lossy(&first)
        ),
    };
    let second = store::to_bytes(&again);
    assert!(
        first == second,
        "to_bytes is not stable across a round trip"
    );
    let mut canon = doc.clone();
    canon.canonicalize();
    assert!(again == canon, "the round trip changed the document");
}

/// `store::parse_split` on `data`: when it accepts the text, serde's parse
/// of the whole text gives the same document; either way the bytes are left
/// as they were. Returns whether it accepted.
pub fn check_split_parse(data: &[u8]) -> bool {
    let mut work = data.to_vec();
    let split = store::parse_split(&mut work);
    assert!(work == data, "parse_split changed the bytes");
    let Some(split) = split else {
        return false;
    };
    match serde_json::from_slice::<Document>(data) {
        Ok(whole) => assert!(split == whole, "parse_split gave another document"),
        Err(e) => panic!("parse_split accepted a text serde rejects: {e}"),
    }
    true
}

/// A per-process scratch directory (under `$TMPDIR`; `run.sh` points that at
/// a directory it removes afterwards).
pub fn scratch_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("polgraph-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&d).expect("create the scratch directory");
        d
    })
}

/// The byte that separates the files of a multi-file input (ASCII record
/// separator): `actors.csv` RS `events.csv`.
pub const FILE_SEPARATOR: u8 = 0x1e;

/// Splits `data` into `names.len()` files at [`FILE_SEPARATOR`] (missing
/// parts are empty, the last part keeps any further separators) and writes
/// them to the scratch directory. Returns their paths.
pub fn write_files(data: &[u8], names: &[&str]) -> Vec<PathBuf> {
    let mut rest = data;
    let mut paths = Vec::with_capacity(names.len());
    for (i, name) in names.iter().enumerate() {
        let part = if i + 1 == names.len() {
            std::mem::take(&mut rest)
        } else {
            match rest.iter().position(|&b| b == FILE_SEPARATOR) {
                Some(at) => {
                    let (head, tail) = rest.split_at(at);
                    rest = &tail[1..];
                    head
                }
                None => std::mem::take(&mut rest),
            }
        };
        let path = scratch_dir().join(name);
        std::fs::write(&path, part).expect("write a scratch file");
        paths.push(path);
    }
    paths
}

/// Runs an importer on `data` (split into files named `names`, see
/// [`write_files`]) against a copy of the seed graph, and checks the
/// all-or-nothing contract: on `Err` the document is unchanged and the
/// error renders; on `Ok` the document is valid and round-trips.
pub fn check_import<R>(
    data: &[u8],
    names: &[&str],
    import: impl FnOnce(&mut Document, &[PathBuf]) -> polgraph::Result<R>,
) {
    let paths = write_files(data, names);
    let before = seed();
    let mut doc = before.clone();
    match import(&mut doc, &paths) {
        Ok(_) => check_document(&doc),
        Err(e) => {
            let _ = e.to_string();
            assert!(doc == *before, "a failed import changed the document: {e}");
        }
    }
}
