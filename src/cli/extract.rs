//! The `extract` subcommand.
use clap::Args;

use super::{Ctx, Res};

/// `extract` arguments.
#[derive(Args)]
#[command(after_help = "Example:\n  polgraph extract report.txt")]
pub struct ExtractArgs {}

/// Runs `extract`.
pub fn extract(_ctx: &mut Ctx, _a: ExtractArgs) -> Res<i32> {
    Ok(0)
}
