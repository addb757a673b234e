//! stub
/// x
pub const COLUMNS: usize = 61;
