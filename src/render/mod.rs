//! Output: tables for people, documented JSON shapes for programs, DOT for
//! Graphviz. Everything renders into an `impl Write`.

pub mod dot;
pub mod json;
pub mod table;
