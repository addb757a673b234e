//! ftm import on arbitrary bytes into a copy of the seed graph: Ok or Err,
//! never a panic; all or nothing; an accepted import leaves a valid,
//! round-tripping document.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    polgraph_fuzz::check_import(data, &["entities.ftm.json"], |doc, p| {
        polgraph::import::ftm::import(doc, &p[0], &polgraph_fuzz::hidden())
    });
});
