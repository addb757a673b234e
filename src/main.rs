//! The `polgraph` command line: parse, run, report. Errors print as
//! `error: …` with exit code 1 (bad input, nothing found) or 2 (bad usage);
//! a closed stdout (`polgraph events | head -1`) ends the program quietly.

mod cli;

/// mimalloc: small strings (ids, actions) take 8–16 bytes instead of glibc's
/// 32-byte minimum chunk, and allocation-heavy loads run faster.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    polgraph::pages::small_pages();
    let code = match cli::run() {
        Ok(code) => code,
        Err(cli::Failure::BrokenPipe) => 0,
        Err(cli::Failure::Error(e)) => {
            let _ = writeln!(std::io::stderr().lock(), "error: {e}");
            e.exit_code()
        }
    };
    ExitCode::from(code as u8)
}
