//! stub
use std::path::Path;
use indicatif::ProgressBar;
use super::{Format, Merger, Report};
use crate::error::Result;
use crate::model::Document;
/// Imports.
pub fn import(doc: &mut Document, path: &Path, _p: &ProgressBar) -> Result<Report> {
    Merger::new(doc, Format::Ftm, path).finish(doc)
}
