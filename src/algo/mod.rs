//! Graph algorithms on the analysis projection ([`csr::Csr`]). Pure: they
//! never print and never touch files.

pub mod centrality;
pub mod communities;
pub mod csr;
pub mod dyad;
pub mod paths;

/// A small fixed random stream (xorshift) for the tests that build big
/// random graphs.
#[cfg(test)]
pub(crate) fn xorshift(mut x: u64) -> impl FnMut() -> u64 {
    move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    }
}
