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

/// The edges the peers' graphs hold: every event that occurred.
pub fn occurred() -> polgraph::query::EdgeFilter {
    polgraph::query::EdgeFilter {
        statuses: vec![polgraph::model::Status::Occurred],
        ..Default::default()
    }
}

/// The fixed queries of a data folder, as nodes of the undirected projection.
pub struct FixedQueries {
    /// The 100 path pairs (`pairs100.csv`).
    pub pairs: Vec<(u32, u32)>,
    /// The 64 betweenness sources (`bc_sources64.csv`).
    pub sources: Vec<u32>,
}

/// The fixed queries in `dir` as nodes of `und`.
pub fn fixed_queries(
    dir: &Path,
    g: &polgraph::Graph,
    und: &polgraph::query::Projection,
) -> Res<FixedQueries> {
    let node = |id: &str| und.node(g.actor_index(id)?);
    let pairs = read_csv_rows(&dir.join("pairs100.csv"))?
        .iter()
        .filter_map(|r| Some((node(r.first()?)?, node(r.get(1)?)?)))
        .collect();
    let sources = read_csv_rows(&dir.join("bc_sources64.csv"))?
        .iter()
        .filter_map(|r| node(r.first()?))
        .collect();
    Ok(FixedQueries { pairs, sources })
}
