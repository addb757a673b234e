//! The `export` subcommand.
use clap::Args;

use super::{Ctx, Res};

/// `export` arguments.
#[derive(Args)]
#[command(after_help = "Example:\n  polgraph -g graphs/seoul-comfort-women-2021.json export")]
pub struct ExportArgs {}

/// Runs `export`.
pub fn export(_ctx: &mut Ctx, _a: ExportArgs) -> Res<i32> {
    Ok(0)
}
