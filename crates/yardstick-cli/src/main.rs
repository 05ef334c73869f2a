//! The `yardstick` command: parses the command line and runs it (see the library, src/lib.rs).

use std::process::ExitCode;

use clap::Parser;
use yardstick_cli::{Cli, run};

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("yardstick: {error:#}");
            ExitCode::FAILURE
        }
    }
}
