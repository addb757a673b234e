//! `store::parse` on arbitrary bytes: never panics; a document it accepts
//! saves, parses back and saves again byte for byte. The two-thread parse of
//! big files (`store::parse_split`) accepts only what serde's parse of the
//! whole text accepts, and gives the same document.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    polgraph_fuzz::check_split_parse(data);
    match polgraph::store::parse(data, Path::new("fuzz.json")) {
        Ok(doc) => polgraph_fuzz::check_document(&doc),
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
