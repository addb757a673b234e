//! # polgraph
//!
//! A knowledge-graph store for political actors. Actors and institutions
//! are nodes; what they do to each other are dated edges; standing relations
//! (member of, heads, part of) are edges with a validity span. Dates may be
//! partial (`2021`, `2021-01`) or intervals (`2021-01-18/2021-01-24`,
//! `2020-07/..`).
//!
//! ```
//! use polgraph::model::{Actor, Document, Edge, EdgeDate, Window};
//! use polgraph::{edit, graph::Graph, query};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let mut doc = Document::new("example");
//! edit::add_actor(&mut doc, Actor::new("court", "Seoul Central District Court", "court"))?;
//! edit::add_actor(&mut doc, Actor::new("jpn-gov", "Government of Japan", "government"))?;
//! let mut ruling = Edge::new("court", "ruled", "jpn-gov");
//! ruling.date = Some(EdgeDate::parse("2021-01")?);
//! edit::add_edge(&mut doc, ruling)?;
//!
//! let g = Graph::new(doc)?;
//! let filter = query::EdgeFilter {
//!     window: Window::parse(Some("2021-01-08"), Some("2021-01-08"))?,
//!     ..Default::default()
//! };
//! // A month-precision date overlaps any day of its month.
//! assert_eq!(query::events(&g, &filter).len(), 1);
//! assert_eq!(g.resolve("government of japan")?, g.actor_index("jpn-gov").unwrap());
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

pub mod algo;
pub mod edit;
pub mod error;
pub mod export;
pub mod extract;
pub mod graph;
mod hint;
mod ids;
pub mod import;
pub mod model;
pub mod pages;
mod prefault;
pub mod query;
pub mod render;
pub mod store;

pub use error::{Error, Result};
pub use graph::Graph;
pub use model::{Actor, Document, Edge, EdgeDate, Source, Status};
