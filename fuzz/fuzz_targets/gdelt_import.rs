//! gdelt import on arbitrary bytes into a copy of the seed graph: Ok or Err,
//! never a panic; all or nothing; an accepted import leaves a valid,
//! round-tripping document.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    polgraph_fuzz::check_import(data, &["export.tsv"], |doc, p| {
        polgraph::import::gdelt::import(doc, &p[0], &polgraph_fuzz::hidden())
    });
});
