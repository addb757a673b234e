//! What the benchmark examples share: the fixed queries' files and medians.

use std::path::Path;

/// Result of the benchmark examples' fallible steps.
pub type Res<T> = Result<T, Box<dyn std::error::Error>>;

/// The rows of a CSV file with a header, split at commas (the fixed query
/// files `peers.py` writes have no quoted fields).
pub fn read_csv_rows(path: &Path) -> Res<Vec<Vec<String>>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: {e} (run peers.py on this data first)", path.display()))?;
    Ok(text
        .lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect())
}

/// The median of `runs` (not empty).
pub fn median(runs: &[f64]) -> f64 {
    let mut sorted = runs.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    if sorted.len() % 2 == 1 {
        sorted[mid]
    } else {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    }
}
