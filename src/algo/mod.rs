//! Graph algorithms on the analysis projection ([`csr::Csr`]). Pure: they
//! never print and never touch files.

pub mod centrality;
pub mod communities;
pub mod csr;
pub mod dyad;
pub mod paths;
