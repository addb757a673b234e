//! Importers: other formats → the data model.

pub mod csv;
