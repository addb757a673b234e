//! The `dot` subcommand.
use clap::Args;

use super::{Ctx, Res};

/// `dot` arguments.
#[derive(Args)]
pub struct DotArgs {}

/// Runs `dot`.
pub fn dot(_ctx: &mut Ctx, _a: DotArgs) -> Res<i32> {
    Ok(0)
}
