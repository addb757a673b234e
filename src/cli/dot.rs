//! The `dot` subcommand.
use clap::Args;

use super::{Ctx, Res};

/// `dot` arguments.
#[derive(Args)]
#[command(after_help = "Example:\n  polgraph -g graphs/seoul-comfort-women-2021.json dot")]
pub struct DotArgs {}

/// Runs `dot`.
pub fn dot(_ctx: &mut Ctx, _a: DotArgs) -> Res<i32> {
    Ok(0)
}
