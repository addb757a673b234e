//! Measures the event coder: precision and recall of edges against the gold
//! standard in `tests/data/extract/` (or the folder given), per report and
//! overall, and throughput on a large synthetic concatenation of the reports.
//!
//! ```text
//! cargo run --release --example extract_eval [-- DIR [MEGABYTES] [--verbose]]
//! ```

use std::path::PathBuf;

use polgraph::extract::eval;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose" || a == "-v");
    let pos: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let dir = pos.first().map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/extract"),
        PathBuf::from,
    );
    let mb: usize = pos.get(1).map_or(Ok(50), |s| s.parse())?;
    let scores = eval::evaluate_dir(&dir)?;
    println!(
        "{:<24} {:>5} {:>8} {:>7} {:>9} {:>7} {:>7}",
        "report", "gold", "proposed", "matched", "precision", "recall", "status"
    );
    for s in &scores {
        println!(
            "{:<24} {:>5} {:>8} {:>7} {:>9.3} {:>7.3} {:>7}",
            s.name,
            s.gold,
            s.proposed,
            s.matched,
            s.precision(),
            s.recall(),
            format!("{}/{}", s.status_agree, s.matched)
        );
        if verbose {
            for m in &s.missed {
                println!("    missed    {m}");
            }
            for m in &s.spurious {
                println!("    spurious  {m}");
            }
        }
    }
    // Throughput: every report concatenated until the size is reached.
    let mut corpus = String::new();
    let mut names: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    for p in names {
        corpus.push_str(&std::fs::read_to_string(p)?);
        corpus.push_str("\n\n");
    }
    let (mbs, n) = eval::throughput(&corpus, mb * 1_000_000, "2021-01-15".parse().ok());
    println!("throughput: {mbs:.1} MB/s on {mb} MB ({n} proposals)");
    Ok(())
}
