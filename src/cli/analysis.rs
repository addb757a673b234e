//! Analysis subcommands (filled in with the algorithms).
use clap::Args;
use super::{Ctx, Res};

/// `path` arguments.
#[derive(Args)]
pub struct PathArgs {}
/// `communities` arguments.
#[derive(Args)]
pub struct CommunitiesArgs {}
/// `centrality` arguments.
#[derive(Args)]
pub struct CentralityArgs {}
/// `dyad` arguments.
#[derive(Args)]
pub struct DyadArgs {}
/// `rivals`/`partners` arguments.
#[derive(Args)]
pub struct BalanceArgs {}
pub fn path(_c: &mut Ctx, _a: PathArgs) -> Res<i32> { Ok(0) }
pub fn communities(_c: &mut Ctx, _a: CommunitiesArgs) -> Res<i32> { Ok(0) }
pub fn centrality(_c: &mut Ctx, _a: CentralityArgs) -> Res<i32> { Ok(0) }
pub fn dyad(_c: &mut Ctx, _a: DyadArgs) -> Res<i32> { Ok(0) }
pub fn balance(_c: &mut Ctx, _a: BalanceArgs, _p: bool) -> Res<i32> { Ok(0) }
