//! The `extract` subcommand.
use clap::Args;

use super::{Ctx, Res};

/// `extract` arguments.
#[derive(Args)]
pub struct ExtractArgs {}

/// Runs `extract`.
pub fn extract(_ctx: &mut Ctx, _a: ExtractArgs) -> Res<i32> {
    Ok(0)
}
