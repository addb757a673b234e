//! The `polgraph` command line: parse, run, report. Errors print as
//! `error: …` with exit code 1 (bad input, nothing found) or 2 (bad usage);
//! a closed stdout (`polgraph events | head -1`) ends the program quietly.

mod cli;

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
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
