//! CSV import on arbitrary bytes as `actors.csv`, `events.csv` and
//! `sources.csv` (split at the byte 0x1E) into a copy of the seed graph:
//! `Ok` or `Err`, never a panic; all or nothing. The first byte picks the
//! options: bit 0 gives the actors file, bit 1 the events file, bit 6 the
//! sources file, bit 2 `--create-actors`, bit 3 `--skip-existing`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use polgraph::import::csv::{import_csv_files, CsvFiles, CsvOptions};

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let opts = CsvOptions {
        create_actors: mode & 4 != 0,
        skip_existing: mode & 8 != 0,
    };
    polgraph_fuzz::check_import(
        rest,
        &["actors.csv", "events.csv", "sources.csv"],
        |doc, p| {
            let files = CsvFiles {
                actors: (mode & 1 != 0).then_some(p[0].as_path()),
                events: (mode & 2 != 0).then_some(p[1].as_path()),
                sources: (mode & 64 != 0).then_some(p[2].as_path()),
            };
            import_csv_files(doc, files, &opts, &polgraph_fuzz::hidden())
        },
    );
});
