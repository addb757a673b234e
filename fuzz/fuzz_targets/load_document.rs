//! `store::parse` on arbitrary bytes: never panics; a document it accepts
//! saves, parses back and saves again byte for byte.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match polgraph::store::parse(data, Path::new("fuzz.json")) {
        Ok(doc) => polgraph_fuzz::check_document(&doc),
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
