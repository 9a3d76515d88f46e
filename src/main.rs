//! `pba`: facility scorecards to performance-based allocations.
//!
//! The binary wires the crates together: it parses the command line, loads
//! definitions (shipped ones are embedded), reads inputs with `pba-data`,
//! calls the pure domain crates, and commits outputs atomically.

mod cli;
mod defaults;
mod definitions;
mod failure;
mod pipeline;
mod tables;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let arguments = cli::Arguments::parse();
    match cli::run(arguments) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("{failure}");
            failure.exit_code()
        }
    }
}
