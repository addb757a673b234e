//! Integration tests: every test runs the real `polgraph` binary on
//! temporary copies of the graphs.

mod util;

mod cli_store;
mod extract;
