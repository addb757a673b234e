//! Integration tests: every test runs the real `polgraph` binary on
//! temporary copies of the graphs.

mod util;

mod algo_properties;
mod algo_reference;
mod cli_analysis;
mod cli_store;
mod dot;
mod extract;
mod fuzz_regressions;
mod hostile;
mod interchange;
mod properties;
mod robustness;
